/**
 * @module
 * The API routes, generated from the list of operations. GET reads take their input from the query string
 * (snake_case keys), POSTs from a JSON body or a raw file body. Answers are cached per database version
 * and normalised input, identical concurrent requests share one computation, and expensive operations
 * pass through a bounded queue with a time budget that aborts the work.
 */
import type { Context, Hono } from 'hono';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps, Operation } from '../ops/operation.ts';
import { toFailure, type Failure } from '../ops/failure.ts';
import { apiPath } from '../ops/schema.ts';
import { parseInput } from '../ops/parse.ts';
import { Lru } from '../util/lru.ts';
import { rowsToCsv } from '../util/csv.ts';
import { QueueFullError, type WorkQueue } from './queue.ts';
import type { Kind, OpResult } from './op-tasks.ts';

export interface ApiOptions {
  deps: (signal: AbortSignal) => Deps;
  /** Changes whenever the database does: part of every cache key. */
  version: string;
  queue: WorkQueue;
  /** Budget of one expensive request, in ms; the work is aborted when it runs out. */
  budgetMs: number;
  /** Runs an expensive operation elsewhere (a worker thread), so the event loop stays free. */
  remote?: (task: { name: string; kind: Kind; raw: Record<string, unknown> }) => Promise<OpResult>;
}

const TYPES: Record<Kind, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml',
};

interface Answer {
  status: number;
  /** Encoded once when the answer is cached, so a repeat costs no UTF-8 encoding. */
  body: string | Uint8Array<ArrayBuffer>;
  type: string;
  /** Computed once when the answer is cached, so a repeat costs no hashing. */
  etag?: string;
}

export class ApiFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

/** Canonical JSON: keys sorted, so `?a=1&b=2` and `?b=2&a=1` share a cache entry. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function mountOperations(app: Hono, ops: readonly Operation[], options: ApiOptions): void {
  const cache = new Lru<string, Answer>(2000, 64_000_000);
  const inflight = new Map<string, Promise<Answer>>();

  /** Runs an operation within its budget: aborted (and answered 503) when the budget runs out. */
  const execute = async (op: Operation, job: (deps: Deps) => Promise<Answer>): Promise<Answer> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('time budget exceeded')), options.budgetMs);
    try {
      const run = () => job(options.deps(controller.signal));
      const work = op.expensive ? options.queue.run(run, controller.signal) : run();
      return await Promise.race([
        work,
        new Promise<never>((_, stop) =>
          controller.signal.addEventListener('abort', () => stop(new QueueFullError(10)), { once: true }),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** The answer of one operation call: in a worker when it is expensive and a worker pool is there. */
  const answer = async (op: Operation, kind: Kind, raw: Record<string, unknown>, input: Record<string, unknown>) => {
    const remote = options.remote;
    if ((op.expensive || kind === 'svg') && remote) {
      // The pool kills the worker process when the budget runs out.
      const r = await remote({ name: op.name, kind, raw });
      if (!r.ok) throw new ApiFailure(r.failure);
      return statusOf(op, r.body, TYPES[kind]);
    }
    return execute(op, async (deps) => {
      if (kind === 'svg')
        return { status: 200, body: await (op.svg as NonNullable<Operation['svg']>)(deps, input), type: TYPES.svg };
      const out = await op.run(deps, input);
      const body = kind === 'csv' && op.rows ? rowsToCsv(op.rows(out)) : JSON.stringify(out);
      return { status: op.status ? op.status(out) : 200, body, type: TYPES[kind] };
    });
  };

  /** One computation per distinct (operation, input, database version): cached, and shared while running. */
  const cached = (key: string, compute: () => Promise<Answer>): Promise<Answer> => {
    const hit = cache.get(key);
    if (hit) return Promise.resolve(hit);
    let running = inflight.get(key);
    if (!running) {
      running = compute()
        .then((a) => {
          if (a.status !== 200) return a;
          const body = typeof a.body === 'string' ? new TextEncoder().encode(a.body) : a.body;
          const tagged = { ...a, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
          cache.set(key, tagged, body.byteLength);
          return tagged;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, running);
    }
    return running;
  };

  const parse = (op: Operation, raw: Record<string, unknown>) => {
    for (const k of op.cliOnly ?? []) {
      if (k in raw) throw new ApiFailure({ status: 400, error: `unknown parameter ${k}`, field: k });
    }
    try {
      return parseInput(op, raw);
    } catch (err) {
      throw new ApiFailure(toFailure(err));
    }
  };

  const send = (c: Context, a: Answer) => {
    if (!a.etag) return c.body(a.body, a.status as 200, { 'Content-Type': a.type });
    const headers = { 'Content-Type': a.type, ETag: a.etag, 'Cache-Control': 'public, max-age=60' };
    if (c.req.header('if-none-match') === a.etag) return c.body(null, 304, headers);
    return c.body(a.body, 200, headers);
  };

  /** The status an operation gives its own answer (health: 503 when unhealthy). */
  const statusOf = (op: Operation, body: string, type: string): Answer => ({
    status: op.status && type === TYPES.json ? op.status(JSON.parse(body)) : 200,
    body,
    type,
  });

  for (const op of ops) {
    const http = op.http;
    if (!http) continue;
    const path = apiPath(op);
    if (http.method === 'GET') {
      app.get(path, async (c) => {
        const query = { ...c.req.query() };
        const format = query['format'];
        if (format !== undefined && !('format' in (op.input as unknown as { shape: object }).shape)) {
          delete query['format'];
          if (format !== 'csv' && format !== 'json') {
            throw new ApiFailure({ status: 400, error: 'format: must be json or csv', field: 'format' });
          }
          if (format === 'csv' && !op.rows) {
            throw new ApiFailure({
              status: 400,
              error: 'format: this route has no list to give as CSV',
              field: 'format',
            });
          }
        }
        const input = parse(op, query);
        const csv = format === 'csv';
        const key = `${options.version}\u0000${op.name}\u0000${csv ? 'csv' : 'json'}\u0000${canonical(input)}`;
        const result = await cached(key, () => answer(op, csv ? 'csv' : 'json', query, input));
        if (csv) c.header('Content-Disposition', `attachment; filename="${op.name.replace(/\./g, '-')}.csv"`);
        return send(c, result);
      });
      if (op.svg) {
        app.get(`${path}/chart.svg`, async (c) => {
          const query = { ...c.req.query() };
          if (query['format'] !== undefined) {
            throw new ApiFailure({ status: 400, error: 'format: a chart is SVG only', field: 'format' });
          }
          const input = parse(op, query);
          const key = `${options.version}\u0000${op.name}\u0000svg\u0000${canonical(input)}`;
          return send(c, await cached(key, () => answer({ ...op, expensive: true }, 'svg', query, input)));
        });
      }
      continue;
    }
    app.post(path, async (c) => {
      const declared = Number(c.req.header('content-length') ?? 0);
      const limit = http.body === 'file' ? http.maxBytes : 4_000_000;
      if (declared > limit)
        throw new ApiFailure({ status: 413, error: `request body too large (at most ${limit} bytes)`, field: 'body' });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > limit)
        throw new ApiFailure({ status: 413, error: `request body too large (at most ${limit} bytes)`, field: 'body' });
      if (http.body === 'json') {
        let body: unknown;
        try {
          body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        } catch {
          throw new ApiFailure({ status: 400, error: 'body: must be a JSON object in UTF-8', field: 'body' });
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new ApiFailure({ status: 400, error: 'body: must be a JSON object', field: 'body' });
        }
        const raw = { ...c.req.query(), ...(body as Record<string, unknown>) };
        return send(c, await answer(op, 'json', raw, parse(op, raw)));
      }
      if (bytes.byteLength === 0)
        throw new ApiFailure({ status: 400, error: `${http.key}: the body is empty`, field: http.key });
      const query = c.req.query();
      if (http.key in query)
        throw new ApiFailure({ status: 400, error: `unknown parameter ${http.key}`, field: http.key });
      const probe = parse(op, { ...query, [http.key]: 'body' });
      const ext = http.ext ? String(probe[http.ext] ?? 'csv') : 'bin';
      const dir = mkdtempSync(join(tmpdir(), 'airace-upload-'));
      try {
        const file = join(dir, `body.${ext}`);
        writeFileSync(file, bytes);
        const raw = { ...query, [http.key]: file };
        try {
          return send(c, await answer(op, 'json', raw, { ...probe, [http.key]: file }));
        } catch (err) {
          // Errors name the temporary file; to the client it is the body.
          if (err instanceof Error) err.message = err.message.split(file).join('body');
          throw err;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
