/**
 * @module
 * `airace serve`: the HTTP API (`/api/v1/...`, generated from the operations) and the dashboard, over a
 * read-only DuckDB handle. Every request has a time limit and every body a size limit; expensive
 * operations are rate-limited per client and queued; answers are cached per database version.
 */
import { serve as nodeServe } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ZodError } from 'zod';
import { Checker } from '../claims/index.ts';
import { defaultPaths, sharedDeps } from '../ops/deps.ts';
import { toFailure } from '../ops/failure.ts';
import { operations } from '../ops/registry.ts';
import { apiPath, fieldsOf } from '../ops/schema.ts';
import { Db } from '../store/db.ts';
import { Lru } from '../util/lru.ts';
import { ApiFailure, mountOperations } from './api.ts';
import { mountDashboard } from './dashboard.ts';
import { openApiDocument } from './openapi.ts';
import { WorkQueue } from './queue.ts';
import { OpPool } from './op-pool.ts';

export const MAX_BODY_BYTES = 4_000_000;

export interface AppOptions {
  curatedEntities?: string;
  corsOrigin?: string;
  refreshToken?: string;
  rateLimitPerMinute?: number;
  requestTimeoutMs?: number;
  /** Runs expensive operations in worker processes (the server always has one; tests may pass one). */
  pool?: OpPool;
  /** Render the dashboard's pages and default answers in the background once the server is up. */
  warm?: boolean;
  /** Called when that warm-up is done, with its duration. */
  onWarm?: (ms: number) => void;
  /** Given the background warming's promise, settled when it has stopped (done, or stopped by `signal`). */
  onWarming?: (warming: Promise<void>) => void;
  /** Stops the warm-up (the server is closing). */
  signal?: AbortSignal;
  /** Expensive operations running at once, and waiting; more get 503. */
  expensiveRunning?: number;
  expensiveWaiting?: number;
}

/** Where a request comes from, for the per-client rate limit. */
function clientOf(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export function createApp(db: Db, options: AppOptions = {}): Hono {
  const app = new Hono();
  const paths = defaultPaths({ db: db.path });
  // Part of every cache key: a rebuilt file only reaches this server through a new handle (Db.version).
  const version = db.version;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;

  app.use('*', timeout(timeoutMs));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES + 1024,
    onError: (c) => c.json({ error: `request body too large (at most ${MAX_BODY_BYTES} bytes)`, field: 'body' }, 413),
  });
  // Only requests that may carry a body: reading `c.req.raw` on a GET makes the adapter build a full
  // Request object, a fifth of the cost of a cached read.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  // Expensive endpoints (every POST) are rate-limited per client. The table is a bounded LRU: cycling
  // through addresses evicts the oldest clients, it cannot wipe everyone's count at once.
  const limit = options.rateLimitPerMinute ?? Number(process.env['AIRACE_RATE_LIMIT'] ?? 120);
  const windows = new Lru<string, { start: number; count: number }>(50_000);
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const client = clientOf(c.env);
    const now = Date.now();
    const w = windows.get(client);
    if (!w || now - w.start >= 60_000) windows.set(client, { start: now, count: 1 });
    else if (++w.count > limit) {
      c.header('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)));
      return c.json({ error: `rate limit: at most ${limit} requests a minute to this endpoint` }, 429);
    }
    return next();
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const corsOrigin = options.corsOrigin ?? process.env['AIRACE_CORS_ORIGIN'];
  if (corsOrigin) {
    app.use('/api/*', cors({ origin: corsOrigin.split(',').map((o) => o.trim()), allowMethods: ['GET', 'POST'] }));
  }
  // Operation answers carry their own ETag and Cache-Control (computed once, when cached).
  app.use('/api/openapi.json', etag());

  // Refresh writes the snapshot, so it needs the bearer token from AIRACE_REFRESH_TOKEN; off without one.
  const token = options.refreshToken ?? process.env['AIRACE_REFRESH_TOKEN'];
  app.use('/api/v1/refresh', async (c, next) => {
    if (!token)
      return c.json({ error: 'refresh is disabled on this server (set AIRACE_REFRESH_TOKEN to enable it)' }, 403);
    const header = c.req.header('authorization') ?? '';
    const given = /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '') : '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return c.json({ error: 'missing or wrong bearer token' }, 401);
    return next();
  });

  const queue = new WorkQueue(options.expensiveRunning ?? 2, options.expensiveWaiting ?? 16);
  mountOperations(app, operations, {
    deps: (signal) => sharedDeps(db, paths, { signal, operations }),
    version,
    queue,
    budgetMs: timeoutMs,
    ...(options.pool
      ? {
          remote: (task) =>
            (options.pool as OpPool).run({ ...task, dbPath: db.path, dbVersion: db.version }, timeoutMs),
        }
      : {}),
  });

  let checker: Promise<Checker> | undefined;
  const getChecker = () =>
    (checker ??= Checker.create(
      db,
      options.curatedEntities ?? resolve(paths.curated, 'entities.json'),
      undefined,
      operations,
    ));
  const dashboard = mountDashboard(app, db, { checker: getChecker, fxPath: resolve(paths.curated, 'fx.json') });
  // Cold pages and default answers take seconds: compute them once in the background after start (the
  // pages, then every read that needs no input), so people meet warm ones.
  if (options.warm) {
    const t0 = performance.now();
    const reads = operations.filter((o) => o.http?.method === 'GET' && fieldsOf(o.input).every((f) => !f.required));
    const warmAll = async () => {
      if (options.signal?.aborted) return;
      await dashboard.warm().catch(() => {});
      for (const op of reads) {
        if (options.signal?.aborted) return;
        await Promise.resolve(app.request(apiPath(op))).catch(() => {});
      }
      options.onWarm?.(Math.round(performance.now() - t0));
    };
    // (Reported to the caller, so closing waits for it: a read still running when the database closes would use a
    // closed handle.)
    let started = false;
    const warming = new Promise<void>((done) => {
      const timer = setTimeout(() => {
        started = true;
        void warmAll().finally(done);
      }, 200);
      timer.unref();
      options.signal?.addEventListener('abort', () => {
        if (started) return;
        clearTimeout(timer);
        done();
      });
    });
    options.onWarming?.(warming);
  }

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json({ error: `no such route: ${c.req.path}` }, 404) : c.text('Not found', 404),
  );
  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    const failure = err instanceof ApiFailure ? err.failure : toFailure(err);
    const retry = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (failure.status === 503) c.header('Retry-After', String(typeof retry === 'number' ? retry : 5));
    if (failure.status === 500) {
      console.error(`airace: ${c.req.method} ${c.req.path}: ${err.message}`);
      return c.json({ error: 'internal error' }, 500);
    }
    const body = { error: failure.error, ...(failure.field ? { field: failure.field } : {}) };
    return c.json(body, failure.status);
  });
  return app;
}

/** Answers 503 when a request runs past its time; the operation's own budget aborts the work itself. */
function timeout(ms: number) {
  return async (c: { req: { path: string } }, next: () => Promise<void>) => {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, stop) => {
      timer = setTimeout(() => stop(new HTTPException(503, { message: 'request took too long' })), ms + 1000);
    });
    try {
      await Promise.race([next(), limit]);
    } finally {
      clearTimeout(timer);
    }
  };
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function serve(opts: {
  dbPath: string;
  port: number;
  host?: string;
  /** Render pages and default answers in the background after start (default true). */
  warm?: boolean;
}): Promise<RunningServer> {
  const db = await Db.open(opts.dbPath);
  await db.verify();
  // A cheap integrity probe at start: a damaged file is said at once and health answers 503.
  const probe = await db.probe();
  if (!probe.ok) console.error(`airace: warning: ${probe.problem}`);
  // Expensive work runs in worker processes, so a cheap read never waits behind it.
  const pool = new OpPool({ processes: 2 });
  const closing = new AbortController();
  let warming: Promise<void> = Promise.resolve();
  const app = createApp(db, {
    pool,
    warm: opts.warm ?? true,
    onWarm: (ms) => console.error(`airace: pages and default answers warm in ${ms} ms`),
    onWarming: (p) => (warming = p),
    signal: closing.signal,
  });
  const server = await new Promise<ReturnType<typeof nodeServe>>((done, fail) => {
    const s = nodeServe({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' }, () => done(s));
    s.once('error', fail);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((done) =>
        server.close(() => {
          closing.abort();
          // (The warming stops at its next step; the database closes after it, and after the workers.)
          void Promise.all([warming, pool.close()]).finally(() => {
            db.close();
            done();
          });
        }),
      ),
  };
}

export { ZodError };
