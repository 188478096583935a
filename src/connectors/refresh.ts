/**
 * @module
 * Writing a refresh into the snapshot: a dated, content-addressed part per connector run
 * (`<table>/refresh-<connector>-<date>-<hash>.csv`, with its sources and datasets rows), added beside what is
 * there. History is never overwritten; the same content twice adds nothing (idempotent); all files of a run
 * are staged first (`*.tmp-<pid>` beside each target) and renamed into place only when every one is written;
 * a failed write (a full disk) or rename removes what was staged or already renamed, so nothing partial stays.
 * `airace import` carries refreshed files over, and `airace build` loads them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { Attribution, CURATED_SOURCE } from '../data/attribution.ts';
import type { Row, TableName } from '../data/schema.ts';
import { decodeTable, encodeTable } from '../data/snapshot.ts';
import { hubModelRow, type HubModel } from '../formats/hf.ts';
import { httpOf, type Connector, type ConnectorContext, type Fetched } from './sources.ts';
import { processAlive } from '../util/process.ts';

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
  warnings: string[];
}

/** open_models rows from Hub models, with namespaces attributed to organizations and countries. */
export function hubRows(
  models: readonly HubModel[],
  attribution: Attribution,
  date: string,
  source_id: string,
): Row<'open_models'>[] {
  return models.map((m) => {
    const ns = m.id.split('/')[0] ?? m.id;
    const org = attribution.byHfOrg(ns);
    return hubModelRow(m, org?.id ?? ns.toLowerCase(), org?.country ?? 'unknown', date, source_id);
  });
}

function tableFiles<T extends TableName>(snapshotDir: string, table: T): Row<T>[] {
  const dir = join(snapshotDir, table);
  if (!existsSync(dir)) return [];
  const rows: Row<T>[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.csv'))
    .sort()) {
    for (const r of decodeTable(table, readFileSync(join(dir, f), 'utf8'), f)) rows.push(r);
  }
  return rows;
}

/** The attribution table as the snapshot has it: curated entries plus the organizations the import added. */
export function snapshotAttribution(snapshotDir: string, curatedPath: string): Attribution {
  const a = Attribution.fromCurated(curatedPath, CURATED_SOURCE.id);
  // Only the organizations table: reading the whole snapshot (33 MB) for it made every refresh slow.
  for (const o of tableFiles(snapshotDir, 'organizations')) if (!a.orgs.has(o.id)) a.add(o);
  return a;
}

function knownModels(snapshotDir: string): Set<string> {
  return new Set(tableFiles(snapshotDir, 'models').map((m) => m.id));
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

/** The file operations a refresh makes; injected so tests can fill the disk. */
export interface WriteFs {
  mkdir(dir: string): void;
  writeFile(path: string, content: string): void;
  rename(from: string, to: string): void;
  rm(path: string): void;
}

export const nodeFs: WriteFs = {
  mkdir: (dir) => void mkdirSync(dir, { recursive: true }),
  writeFile: (path, content) => writeFileSync(path, content),
  rename: (from, to) => renameSync(from, to),
  rm: (path) => rmSync(path, { force: true }),
};

const TMP = `.tmp-${process.pid}`;

/**
 * Stages every file beside its target, then renames them all into place; on any failure what was staged and
 * what was already renamed is removed, so either every file of the run lands or none does. The sources row
 * lands last: it is what marks a refresh as done (earlier hashes are read from it).
 */
export function writeAll(files: [string, string][], fs: WriteFs = nodeFs): void {
  const staged: string[] = [];
  const landed: string[] = [];
  try {
    for (const [path, content] of files) {
      fs.mkdir(dirname(path));
      // Listed before the write: a write that fails half-way (ENOSPC) leaves a partial temp file to remove.
      staged.push(path);
      fs.writeFile(`${path}${TMP}`, content);
    }
    for (const p of staged) {
      if (existsSync(p)) throw new Error(`refusing to replace ${p}`);
      fs.rename(`${p}${TMP}`, p);
      landed.push(p);
    }
  } catch (err) {
    for (const p of staged) if (!landed.includes(p)) safeRm(fs, `${p}${TMP}`);
    for (const p of landed) safeRm(fs, p);
    throw err;
  }
}

function safeRm(fs: WriteFs, path: string): void {
  try {
    fs.rm(path);
  } catch {
    rmSync(path, { force: true });
  }
}

/** Removes temp files that an interrupted refresh (killed process) left, when that process is gone. */
export function cleanStaleTemps(snapshotDir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(snapshotDir)) return removed;
  for (const table of readdirSync(snapshotDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const dir = join(snapshotDir, table.name);
    for (const f of readdirSync(dir)) {
      const m = /^refresh-.*\.tmp-(\d+)$/.exec(f);
      if (!m || processAlive(Number(m[1]))) continue;
      rmSync(join(dir, f), { force: true });
      removed.push(join(dir, f));
    }
  }
  return removed;
}

export interface RefreshOptions {
  snapshotDir: string;
  curatedPath: string;
  dryRun?: boolean;
  /** Source URL shown in provenance (the endpoint actually read). */
  sourceUrl?: string;
  fs?: WriteFs;
}

/** Runs a connector and writes what it fetched as a new dated part. */
export async function refresh(
  connector: Connector,
  ctx: ConnectorContext,
  o: RefreshOptions,
  fetched?: Fetched,
): Promise<RefreshSummary> {
  const got = fetched ?? (await connector.run(ctx.http ? ctx : { ...ctx, http: httpOf({ ...ctx }) }));
  const hash = createHash('sha256');
  for (const b of got.bodies) hash.update(b.url).update('\u0000').update(b.text).update('\u0000');
  const digest = hash.digest('hex');
  const part = `${REFRESH_PREFIX}${connector.id}-${ctx.date}-${digest.slice(0, 10)}`;
  const summary: RefreshSummary = {
    connector: connector.id,
    date: ctx.date,
    content_hash: digest,
    unchanged: false,
    added: {},
    unmatched_models: { count: 0, names: [] },
    files: [],
    retries: got.retries,
    warnings: got.warnings ?? [],
  };
  if (earlierHashes(o.snapshotDir, connector.id).has(digest)) return { ...summary, unchanged: true };
  // Nothing fetched (an empty listing, `since` after every record): no empty parts in the history.
  if (got.rows.every((t) => t.rows.length === 0)) {
    return {
      ...summary,
      added: Object.fromEntries(got.rows.map((t) => [t.table, 0])),
      warnings: [...summary.warnings, 'no rows fetched; nothing written'],
    };
  }
  const source: Row<'sources'> = {
    id: part,
    title: connector.title,
    publisher: connector.publisher,
    url: o.sourceUrl ?? connector.urls[0] ?? 'repo:unknown',
    published: null,
    retrieved: ctx.date,
    license: connector.license,
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
    const dates = rows
      .map((r) => String(r['snapshot_date'] ?? r['valid_from'] ?? r['release_date'] ?? ''))
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
      .sort();
    datasets.push({
      id: `${table}/${part}`,
      title: `${connector.title} (refresh ${ctx.date})`,
      table_name: table,
      source_id: part,
      rows: rows.length,
      date_min: dates[0] ?? null,
      date_max: dates.at(-1) ?? null,
      notes: source.notes,
    });
  }
  // The sources row last: writeAll lands files in order, and that row is what marks the refresh as done.
  files.push(
    [join(o.snapshotDir, 'datasets', `${part}.csv`), encodeTable('datasets', datasets)],
    [join(o.snapshotDir, 'sources', `${part}.csv`), encodeTable('sources', [source])],
  );
  summary.unmatched_models = { count: unmatched.size, names: [...unmatched].sort().slice(0, 50) };
  summary.files = files.map(([p]) => p);
  if (!o.dryRun) writeAll(files, o.fs);
  return summary;
}

/** The last refresh of each connector, from the snapshot's refreshed source rows. */
export function lastRefreshes(snapshotDir: string): Record<string, string | null> {
  const dir = join(snapshotDir, 'sources');
  const out: Record<string, string | null> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.startsWith(REFRESH_PREFIX))) {
    const m = /^refresh-([a-z]+)-(\d{4}-\d{2}-\d{2})/.exec(f);
    if (m && (!out[m[1] as string] || (out[m[1] as string] as string) < (m[2] as string)))
      out[m[1] as string] = m[2] as string;
  }
  return out;
}
