/**
 * @module
 * Refreshing datasets from their public sources into new dated snapshot parts, as an operation.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { readHubDump } from '../../connectors/hf.ts';
import { hubRows, lastRefreshes, refresh as refreshOne, snapshotAttribution } from '../../connectors/refresh.ts';
import { at, CONNECTORS } from '../../connectors/sources.ts';
import { InputError, operation } from '../operation.ts';
import { choice, date, flag, int, text } from '../params.ts';
import { formatTable } from '../table.ts';

const ids = CONNECTORS.map((c) => c.id) as [string, ...string[]];

export const refresh = operation({
  name: 'refresh',
  summary: 'refresh datasets from their public sources into new dated snapshot parts (then run build)',
  args: ['source'],
  input: z
    .object({
      source: choice(ids).optional().describe(`connector: ${ids.join(', ')}`),
      all: flag().optional().describe('every connector'),
      list: flag().optional().describe('list the connectors, their source URLs and last refresh'),
      since: date().optional().describe('only records from this date on, where the source allows'),
      parquet: text(4096).optional().describe('hf only: read a bulk Parquet dump of Hub metadata instead of the API'),
      endpoint: z.url().optional().describe("base URL replacing each source's host (a mirror, or a local test server)"),
      max_retries: int(0, 20).default(5).describe('retries per request on 429, 5xx or timeout, with backoff'),
      dry_run: flag().optional().describe('fetch and report, write nothing'),
    })
    .strict(),
  output: z.object({
    connectors: z.array(z.object({ connector: z.string(), last_refresh: z.string().nullable() })).optional(),
    refreshes: z.array(z.object({ connector: z.string(), unchanged: z.boolean(), added: z.record(z.string(), z.number()) })).optional(),
  }),
  run: async (deps, i) => {
    const snapshot = deps.paths.snapshot;
    const curated = resolve(deps.paths.curated, 'organizations.json');
    if (i.list) {
      const last = lastRefreshes(snapshot);
      return {
        connectors: CONNECTORS.map((c) => ({ connector: c.id, title: c.title, urls: c.urls, last_refresh: last[c.id] ?? null })),
      };
    }
    const chosen = i.all ? CONNECTORS : CONNECTORS.filter((c) => c.id === i.source);
    if (!chosen.length) throw new InputError('source', 'name a source or give all (see list)');
    const today = deps.now().toISOString().slice(0, 10);
    const refreshes = [];
    for (const connector of chosen) {
      const fx = { fetch: deps.fetch, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), progress: deps.progress };
      const ctx = { endpoint: i.endpoint, date: today, since: i.since, fx, maxRetries: i.max_retries };
      deps.progress(`refreshing ${connector.id}`);
      if (connector.id === 'hf' && i.parquet) {
        const models = await readHubDump(resolve(i.parquet));
        const rows = hubRows(models, snapshotAttribution(snapshot, curated), today, '');
        const fetched = { rows: [{ table: 'open_models' as const, rows }], bodies: [{ url: resolve(i.parquet), text: JSON.stringify(models) }], retries: 0 };
        const target = { snapshotDir: snapshot, curatedPath: curated, dryRun: i.dry_run, sourceUrl: 'https://huggingface.co/datasets' };
        refreshes.push(await refreshOne(connector, ctx, target, fetched));
        continue;
      }
      const sourceUrl = i.endpoint ? at(ctx, connector.urls[0] ?? '') : undefined;
      refreshes.push(await refreshOne(connector, ctx, { snapshotDir: snapshot, curatedPath: curated, dryRun: i.dry_run, sourceUrl }));
    }
    return { dry_run: i.dry_run === true, refreshes, next: 'run `airace build` to load new parts' };
  },
  text: (o) => {
    if (o.connectors) {
      return formatTable(
        o.connectors.map((c) => ({ connector: c.connector, last_refresh: c.last_refresh ?? 'never (shipped snapshot only)' })),
        80,
      );
    }
    return (o.refreshes ?? [])
      .map((s) =>
        s.unchanged
          ? `${s.connector}: unchanged since the last refresh; nothing added\n`
          : `${s.connector}: ${Object.entries(s.added)
              .map(([t, n]) => `${n} ${t}`)
              .join(', ')}\n`,
      )
      .join('');
  },
});
