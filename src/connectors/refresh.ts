/**
 * @module
 * Writing a refresh into the snapshot: a dated, content-addressed part per connector run
 * (`<table>/refresh-<connector>-<date>-<hash>.csv`, with its sources and datasets rows), added beside what is
 * there. History is never overwritten; the same content twice adds nothing (idempotent); all files of a run
 * are staged first and renamed into place only when every one is written. `airace import` carries refreshed
 * files over, and `airace build` loads them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribution, CURATED_SOURCE } from '../data/attribution.ts';
import { modelKey } from '../data/identity.ts';
import type { Row, TableName } from '../data/schema.ts';
import { decodeTable, encodeTable, readSnapshot } from '../data/snapshot.ts';
import type { HubModel } from './hf.ts';
import type { Connector, ConnectorContext, Fetched } from './sources.ts';

export const REFRESH_PREFIX = 'refresh-';

export interface RefreshSummary {
  connector: string;
  date: string;
  content_hash: string;
  unchanged: boolean;
  added: Record<string, number>;
  unmatched_models: { count: number; names: string[] };
  files: string[];
  retries: number;
}

/** open_models rows from Hub models, with namespaces attributed to organizations and countries. */
export function hubRows(models: readonly HubModel[], attribution: Attribution, date: string, source_id: string): Row<'open_models'>[] {
  return models.map((m) => {
    const ns = m.id.split('/')[0] ?? m.id;
    const org = attribution.byHfOrg(ns);
    return {
      hub_id: m.id, model_id: modelKey(m.id), organization_id: org?.id ?? ns.toLowerCase(), country: org?.country ?? 'unknown', base_models: m.base_models,
      relation: m.base_models.length ? m.relation : 'base', downloads: m.downloads === null ? null : Math.round(m.downloads),
      downloads_all_time: m.downloads_all_time === null ? null : Math.round(m.downloads_all_time), likes: m.likes === null ? null : Math.round(m.likes),
      created: m.created, release_date: null, parameters_b: null, active_parameters_b: null, snapshot_date: date, source_id,
    };
  });
}

/** The attribution table as the snapshot has it: curated entries plus the organizations the import added. */
export function snapshotAttribution(snapshotDir: string, curatedPath: string): Attribution {
  const a = Attribution.fromCurated(curatedPath, CURATED_SOURCE.id);
  for (const part of readSnapshot(snapshotDir).filter((p) => p.table === 'organizations')) {
    for (const o of part.rows as Row<'organizations'>[]) if (!a.orgs.has(o.id)) a.add(o);
  }
  return a;
}

function knownModels(snapshotDir: string): Set<string> {
  const dir = join(snapshotDir, 'models');
  const ids = new Set<string>();
  if (!existsSync(dir)) return ids;
  for (const f of readdirSync(dir)) for (const m of decodeTable('models', readFileSync(join(dir, f), 'utf8'), f)) ids.add(m.id);
  return ids;
}

/** Hashes of earlier refreshes of this connector, from their source rows. */
function earlierHashes(snapshotDir: string, connector: string): Set<string> {
  const dir = join(snapshotDir, 'sources');
  const out = new Set<string>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.startsWith(`${REFRESH_PREFIX}${connector}-`))) {
    for (const s of decodeTable('sources', readFileSync(join(dir, f), 'utf8'), f)) {
      const m = /sha256:([0-9a-f]{64})/.exec(s.notes ?? '');
      if (m) out.add(m[1] as string);
    }
  }
  return out;
}

/** Stages every file beside its target, then renames them all into place; on a failure nothing lands. */
function writeAll(files: [string, string][]): void {
  const staged: string[] = [];
  try {
    for (const [path, content] of files) {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(`${path}.tmp-${process.pid}`, content);
      staged.push(path);
    }
  } catch (err) {
    for (const p of staged) rmSync(`${p}.tmp-${process.pid}`, { force: true });
    throw err;
  }
  for (const p of staged) renameSync(`${p}.tmp-${process.pid}`, p);
}

export interface RefreshOptions {
  snapshotDir: string;
  curatedPath: string;
  dryRun?: boolean;
  /** Source URL shown in provenance (the endpoint actually read). */
  sourceUrl?: string;
}

/** Runs a connector and writes what it fetched as a new dated part. */
export async function refresh(connector: Connector, ctx: ConnectorContext, o: RefreshOptions, fetched?: Fetched): Promise<RefreshSummary> {
  const got = fetched ?? (await connector.run(ctx));
  const hash = createHash('sha256');
  for (const b of got.bodies) hash.update(b.url).update('\u0000').update(b.text).update('\u0000');
  const digest = hash.digest('hex');
  const part = `${REFRESH_PREFIX}${connector.id}-${ctx.date}-${digest.slice(0, 10)}`;
  const summary: RefreshSummary = { connector: connector.id, date: ctx.date, content_hash: digest, unchanged: false, added: {}, unmatched_models: { count: 0, names: [] }, files: [], retries: got.retries };
  if (earlierHashes(o.snapshotDir, connector.id).has(digest)) return { ...summary, unchanged: true };
  const source: Row<'sources'> = {
    id: part, title: connector.title, publisher: connector.publisher, url: o.sourceUrl ?? connector.urls[0] ?? 'repo:unknown', published: null, retrieved: ctx.date, license: connector.license,
    notes: `refreshed by airace from ${got.bodies.map((b) => b.url).join(', ')}; sha256:${digest}`,
  };
  const attribution = snapshotAttribution(o.snapshotDir, o.curatedPath);
  const known = knownModels(o.snapshotDir);
  const unmatched = new Set<string>();
  const files: [string, string][] = [];
  const datasets: Row<'datasets'>[] = [];
  for (const { table, rows } of got.rows) {
    for (const r of rows) {
      r['source_id'] = part;
      if (table === 'open_models') {
        const org = attribution.byHfOrg(String(r['hub_id']).split('/')[0] ?? '');
        if (org) {
          r['organization_id'] = org.id;
          r['country'] = org.country;
        }
      }
      if (typeof r['model_id'] === 'string' && !known.has(r['model_id'])) unmatched.add(r['model_id']);
    }
    summary.added[table] = rows.length;
    files.push([join(o.snapshotDir, table, `${part}.csv`), encodeTable(table as TableName, rows as never)]);
    const dates = rows.map((r) => String(r['snapshot_date'] ?? r['valid_from'] ?? r['release_date'] ?? '')).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
    datasets.push({ id: `${table}/${part}`, title: `${connector.title} (refresh ${ctx.date})`, table_name: table, source_id: part, rows: rows.length, date_min: dates[0] ?? null, date_max: dates.at(-1) ?? null, notes: source.notes });
  }
  files.push([join(o.snapshotDir, 'sources', `${part}.csv`), encodeTable('sources', [source])], [join(o.snapshotDir, 'datasets', `${part}.csv`), encodeTable('datasets', datasets)]);
  summary.unmatched_models = { count: unmatched.size, names: [...unmatched].sort().slice(0, 50) };
  summary.files = files.map(([p]) => p);
  if (!o.dryRun) writeAll(files);
  return summary;
}

/** The last refresh of each connector, from the snapshot's refreshed source rows. */
export function lastRefreshes(snapshotDir: string): Record<string, string | null> {
  const dir = join(snapshotDir, 'sources');
  const out: Record<string, string | null> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.startsWith(REFRESH_PREFIX))) {
    const m = /^refresh-([a-z]+)-(\d{4}-\d{2}-\d{2})/.exec(f);
    if (m && (!out[m[1] as string] || (out[m[1] as string] as string) < (m[2] as string))) out[m[1] as string] = m[2] as string;
  }
  return out;
}
