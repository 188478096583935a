/**
 * @module
 * The `refresh` operation: fetch one source (or all) into new dated snapshot parts, atomically, with every
 * request bounded (http.ts). With `all`, a failing source does not stop the others: each source reports its
 * own outcome. `list` shows the connectors and their last refresh. Writes go to `deps.paths.snapshot`; the
 * database is rebuilt separately (`airace build`).
 */
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, operation, type Deps } from '../ops/operation.ts';
import { choice, date, flag, int, text } from '../ops/params.ts';
import { sleep, type Limits } from './http.ts';
import { readHubDump } from './hf.ts';
import {
  cleanStaleTemps,
  hubRows,
  lastRefreshes,
  refresh,
  snapshotAttribution,
  type RefreshOptions,
  type RefreshSummary,
  type WriteFs,
} from './refresh.ts';
import { at, CONNECTORS, type Connector, type ConnectorContext } from './sources.ts';

const IDS = CONNECTORS.map((c) => c.id) as [string, ...string[]];

const input = z
  .object({
    source: choice(IDS).optional().describe('connector id'),
    all: flag().optional().describe('every connector; a failing one does not stop the others'),
    list: flag().optional().describe('list the connectors, their source URLs and last refresh'),
    since: date().optional().describe('only records from this date on, where the source allows'),
    dry_run: flag().optional().describe('fetch and report, write nothing'),
    endpoint: text(500)
      .refine((s) => /^https?:\/\/[^\s/]+/.test(s) && URL.canParse(s), 'must be an http(s) URL')
      .optional()
      .describe("base URL replacing each source's host (a mirror, or a local test server)"),
    max_retries: int(0, 10).optional().describe('retries per request on 429, 5xx or timeout, with backoff'),
    parquet: text(4096).optional().describe('hf only: read a bulk Parquet dump of Hub metadata instead of the API'),
  })
  .strict();

const outcome = z.object({
  source: z.string(),
  ok: z.boolean(),
  /** Snapshot files written, relative to the snapshot folder (none when unchanged, in a dry run, or on failure). */
  parts_written: z.array(z.string()),
  rows: z.number(),
  unchanged: z.boolean(),
  content_hash: z.string().nullable(),
  retries: z.number(),
  unmatched_models: z.number(),
  warnings: z.array(z.string()),
  error: z.string().optional(),
});

const output = z.object({
  /** True when every source asked for succeeded (the CLI exits 1 and the API answers 502 otherwise). */
  ok: z.boolean(),
  dry_run: z.boolean(),
  sources: z.array(outcome),
  connectors: z
    .array(
      z.object({
        source: z.string(),
        title: z.string(),
        urls: z.array(z.string()),
        last_refresh: z.string().nullable(),
      }),
    )
    .optional(),
  next: z.string().nullable(),
});

export type RefreshInput = z.output<typeof input>;
export type RefreshOutput = z.output<typeof output>;
export type SourceOutcome = z.output<typeof outcome>;

/** What tests (and only tests) replace: the HTTP limits, the clock and sleep of retries, the file operations. */
export interface RefreshRuntime {
  limits?: Partial<Limits>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  fs?: WriteFs;
}

const curatedOrgs = (p: string) => (p.endsWith('.json') ? p : join(p, 'organizations.json'));

// One refresh at a time per process: two would stage the same temp names.
let queue: Promise<unknown> = Promise.resolve();

export function runRefresh(deps: Deps, i: RefreshInput, rt: RefreshRuntime = {}): Promise<RefreshOutput> {
  const run = queue.then(() => refreshNow(deps, i, rt));
  queue = run.catch(() => {});
  return run;
}

async function refreshNow(deps: Deps, i: RefreshInput, rt: RefreshRuntime): Promise<RefreshOutput> {
  const snapshot = deps.paths.snapshot;
  if (i.list) {
    const last = lastRefreshes(snapshot);
    const connectors = CONNECTORS.map((c) => ({
      source: c.id,
      title: c.title,
      urls: c.urls,
      last_refresh: last[c.id] ?? null,
    }));
    return { ok: true, dry_run: i.dry_run === true, sources: [], connectors, next: null };
  }
  if (i.all && i.source) throw new InputError('all', 'give either a source or all, not both');
  const chosen: Connector[] = i.all ? CONNECTORS : CONNECTORS.filter((c) => c.id === i.source);
  if (!chosen.length) throw new InputError('source', `name a source (${IDS.join(', ')}) or give all (see list)`);
  if (i.parquet && i.source !== 'hf') throw new InputError('parquet', 'a Parquet dump is read only with source hf');
  if (!i.dry_run) cleanStaleTemps(snapshot);
  const day = deps.now().toISOString().slice(0, 10);
  const sources: SourceOutcome[] = [];
  for (const connector of chosen) {
    if (deps.signal.aborted) {
      sources.push(failed(connector.id, 'cancelled before it started'));
      continue;
    }
    deps.progress(`refreshing ${connector.id}`);
    // A fresh context per source: each has its own time budget and retry count.
    const ctx: ConnectorContext = {
      endpoint: i.endpoint,
      date: day,
      since: i.since,
      maxRetries: i.max_retries,
      limits: rt.limits,
      signal: deps.signal,
      fx: { fetch: deps.fetch, sleep: rt.sleep ?? sleep, now: rt.now, progress: deps.progress },
    };
    try {
      const target: RefreshOptions = {
        snapshotDir: snapshot,
        curatedPath: curatedOrgs(deps.paths.curated),
        dryRun: i.dry_run,
        fs: rt.fs,
        sourceUrl: i.endpoint ? at(ctx, connector.urls[0] ?? '') : undefined,
      };
      const s = i.parquet ? await fromDump(connector, ctx, target, i.parquet) : await refresh(connector, ctx, target);
      sources.push(succeeded(s, snapshot, i.dry_run === true));
    } catch (err) {
      sources.push(failed(connector.id, (err as Error).message.split('\n')[0] ?? String(err)));
    }
  }
  const wrote = sources.some((s) => s.parts_written.length > 0);
  return {
    ok: sources.every((s) => s.ok),
    dry_run: i.dry_run === true,
    sources,
    next: wrote ? 'run `airace build` to load the new parts' : null,
  };
}

/** The hf refresh from a bulk Parquet dump on this machine instead of the API. */
async function fromDump(
  connector: Connector,
  ctx: ConnectorContext,
  target: RefreshOptions,
  file: string,
): Promise<RefreshSummary> {
  const path = resolve(file);
  const models = await readHubDump(path);
  const rows = hubRows(models, snapshotAttribution(target.snapshotDir, target.curatedPath), ctx.date, '');
  const fetched = {
    rows: [{ table: 'open_models' as const, rows }],
    bodies: [{ url: path, text: JSON.stringify(models) }],
    retries: 0,
  };
  return refresh(connector, ctx, { ...target, sourceUrl: 'https://huggingface.co/datasets' }, fetched);
}

function succeeded(s: RefreshSummary, snapshot: string, dryRun: boolean): SourceOutcome {
  return {
    source: s.connector,
    ok: true,
    parts_written: s.unchanged || dryRun ? [] : s.files.map((f) => relative(snapshot, f)),
    rows: Object.values(s.added).reduce((a, b) => a + b, 0),
    unchanged: s.unchanged,
    content_hash: s.content_hash,
    retries: s.retries,
    unmatched_models: s.unmatched_models.count,
    warnings: s.warnings,
  };
}

function failed(source: string, error: string): SourceOutcome {
  return {
    source,
    ok: false,
    parts_written: [],
    rows: 0,
    unchanged: false,
    content_hash: null,
    retries: 0,
    unmatched_models: 0,
    warnings: [],
    error,
  };
}

export const refreshOp = operation({
  name: 'refresh',
  summary: 'Refresh datasets from their public sources into new dated snapshot parts, atomically (then run build)',
  input,
  output,
  args: ['source'],
  http: { method: 'POST', body: 'json' },
  // The server must not be told where to fetch from or which local file to read.
  cliOnly: ['endpoint', 'parquet'],
  // A source that failed: exit 1 on the CLI, 502 (bad gateway: an upstream failed) on the API.
  status: (o) => (o.ok ? 200 : 502),
  examples: [{ list: 'true' }, { source: 'litellm', dry_run: 'true' }],
  run: (deps, i) => runRefresh(deps, i),
  text: (o) => {
    if (o.connectors) {
      return (
        o.connectors
          .map((c) => `${c.source}\t${c.last_refresh ?? 'never (shipped snapshot only)'}\t${c.urls.join(' ')}`)
          .join('\n') + '\n'
      );
    }
    const lines = o.sources.map((s) => {
      if (!s.ok) return `${s.source}: FAILED: ${s.error}`;
      if (s.unchanged)
        return `${s.source}: unchanged since the last refresh (sha256 ${s.content_hash?.slice(0, 10)}); nothing added`;
      const what = `${s.rows} rows${o.dry_run ? ' (dry run: nothing written)' : ` in ${s.parts_written.length} files`}`;
      return (
        `${s.source}: ${what}; ${s.unmatched_models} model names not yet in the models table; ${s.retries} retries` +
        s.warnings.map((w) => `\n  note: ${w}`).join('')
      );
    });
    if (o.next) lines.push(o.next);
    return `${lines.join('\n')}\n`;
  },
  rows: (o) => (o.connectors ?? o.sources).map((r) => ({ ...r })),
});

export const operations = [refreshOp];
