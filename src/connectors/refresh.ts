/**
 * @module
 * Writing a refresh into the snapshot: a dated part per refreshed dataset (open_models, with its sources
 * and datasets rows), added beside what is there. History is never overwritten: a refresh on another day
 * adds new files, the same day's refresh replaces only that day's files, and `airace import` carries
 * refreshed files over. Run `airace build` afterwards to load them.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribution, CURATED_SOURCE } from '../data/attribution.ts';
import { modelKey } from '../data/identity.ts';
import type { Row } from '../data/schema.ts';
import { encodeTable, readSnapshot } from '../data/snapshot.ts';
import type { HubModel } from './hf.ts';

export const REFRESH_PREFIX = 'refresh-';

export interface RefreshResult {
  source_id: string;
  date: string;
  rows: number;
  files: string[];
  coverage: { with_base_model: number; with_downloads_all_time: number; countries: Record<string, number> };
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

export function writeRefresh(snapshotDir: string, dataset: string, rows: Row<'open_models'>[], source: Row<'sources'>, title: string, notes: string): RefreshResult {
  const date = source.retrieved;
  const part = `${REFRESH_PREFIX}${dataset}-${date}`;
  const datasetRow: Row<'datasets'> = {
    id: `open_models/${part}`, title, table_name: 'open_models', source_id: source.id, rows: rows.length,
    date_min: rows.length ? date : null, date_max: rows.length ? date : null, notes,
  };
  const files: [string, string][] = [
    [join(snapshotDir, 'open_models', `${part}.csv`), encodeTable('open_models', rows)],
    [join(snapshotDir, 'sources', `${part}.csv`), encodeTable('sources', [source])],
    [join(snapshotDir, 'datasets', `${part}.csv`), encodeTable('datasets', [datasetRow])],
  ];
  // Everything is written beside its target first; only then are the files renamed into place.
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
  const countries: Record<string, number> = {};
  for (const r of rows) countries[r.country] = (countries[r.country] ?? 0) + 1;
  return {
    source_id: source.id, date, rows: rows.length, files: files.map(([p]) => p),
    coverage: { with_base_model: rows.filter((r) => r.base_models.length > 0).length, with_downloads_all_time: rows.filter((r) => r.downloads_all_time !== null).length, countries },
  };
}

export const hasRefresh = (snapshotDir: string, dataset: string, date: string) => existsSync(join(snapshotDir, 'open_models', `${REFRESH_PREFIX}${dataset}-${date}.csv`));
