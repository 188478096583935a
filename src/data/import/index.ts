/**
 * @module
 * The import: runs every importer over the raw data folder, resolves model identity and country attribution
 * across them, and returns the curated snapshot (one part per dataset and table) with an import report
 * listing what could not be matched. Writing it to disk is the caller's job (src/data/snapshot.ts).
 */
import { Attribution, CURATED_SOURCE, slugOf } from '../attribution.ts';
import { modelOverridesFile, readCurated } from '../curated.ts';

export { CURATED_SOURCE };
import { dirname, join } from 'node:path';
import { catalogueVendor, modelKey, resolveKeys } from '../identity.ts';
import { columnsOf, type Row, type TableName } from '../schema.ts';
import type { SnapshotPart } from '../snapshot.ts';
import { arenaCatalog, cherry, fboulnois, nakasyou } from './arena.ts';
import { interconnects, openrouterMarket, openrouterWeekly } from './adoption.ts';
import type { Importer, Observation, Part } from './common.ts';
import { epochBenchmarks, epochNotable } from './epoch.ts';
import { facts } from './facts.ts';
import { hardware } from './hardware.ts';
import { litellm, openrouterModels } from './prices.ts';
import { modelTrees, openLlmLineage } from './lineage.ts';

export const importers: Importer[] = [
  arenaCatalog,
  fboulnois,
  nakasyou,
  cherry,
  epochBenchmarks,
  epochNotable,
  interconnects,
  openrouterMarket,
  openrouterWeekly,
  litellm,
  openrouterModels,
  facts,
  hardware,
  openLlmLineage,
  modelTrees,
];

export interface ImportReport {
  generated_from: string;
  datasets: { id: string; table: string; rows: number }[];
  skipped: { dataset: string; reason: string; count: number }[];
  models: { total: number; attributed: number; multi_origin: number };
  /** Model names that only one publisher family uses: not matched to any other source. */
  unmatched_models: { origin: string; count: number; names: string[] }[];
  /** Models with no organization after every rule was tried. */
  unattributed_models: { count: number; names: string[] };
  /** Organizations whose country no source gives. */
  organizations_without_country: { id: string; name: string; source_id: string }[];
  /** Organization names matched to a curated entry by spelling distance: review these. */
  fuzzy_organization_matches: {
    observed: string;
    organization: string;
    matched_name: string;
    distance: number;
    source_id: string;
  }[];
  /** Raw names that several sources used for different models: kept only on the model the name itself resolves to. */
  shared_aliases: { alias: string; kept_on: string | null; dropped_from: string[] }[];
  /** Identity decisions taken from data/curated/model-overrides.json. */
  model_overrides: { from: string; to: string }[];
  /** Organizations where a dataset's country disagrees with the curated one. */
  country_conflicts: { organization: string; curated: string; observed: string; source_id: string }[];
}

export type Progress = (message: string) => void;

/**
 * Rule: one raw name may be used by two sources for different models (OpenRouter's `deepseek/deepseek-chat`
 * routes to its dated V3 listing; LiteLLM's is DeepSeek's own endpoint). An alias then stays only on the model
 * whose id is the name's own key, and is dropped from the others (dropped everywhere if none is). Mutates.
 */
export function dedupeAliases(
  models: Row<'models'>[],
): { alias: string; kept_on: string | null; dropped_from: string[] }[] {
  const owners = new Map<string, Row<'models'>[]>();
  for (const m of models) for (const a of m.aliases) owners.set(a, [...(owners.get(a) ?? []), m]);
  const out: { alias: string; kept_on: string | null; dropped_from: string[] }[] = [];
  for (const [alias, list] of owners) {
    if (list.length < 2) continue;
    const own = list.find((m) => m.id === modelKey(alias)) ?? null;
    const dropped = list.filter((m) => m !== own);
    for (const m of dropped) m.aliases = m.aliases.filter((a) => a !== alias);
    out.push({ alias, kept_on: own?.id ?? null, dropped_from: dropped.map((m) => m.id).sort() });
  }
  return out.sort((a, b) => a.alias.localeCompare(b.alias));
}

/** A curated identity decision no rule can make: `from` (a resolved key) is the model `to`. */
export interface ModelOverride {
  from: string;
  to: string;
  note: string;
  source: string;
}

/** Reads data/curated/model-overrides.json; a missing file means no overrides. */
export function readOverrides(path: string): Map<string, ModelOverride> {
  let doc: { records: ModelOverride[] };
  try {
    doc = readCurated(path, modelOverridesFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const out = new Map<string, ModelOverride>();
  for (const r of doc.records) {
    if (!r.from || !r.to || !r.note || !r.source)
      throw new Error(`model-overrides: every record needs from, to, note and source (${JSON.stringify(r)})`);
    if (out.has(r.from)) throw new Error(`model-overrides: ${r.from} is overridden twice`);
    out.set(r.from, r);
  }
  for (const r of out.values())
    if (out.has(r.to))
      throw new Error(`model-overrides: ${r.to} is both a target and overridden (chains are not allowed)`);
  return out;
}

const DATE_COLUMN: Partial<Record<TableName, string[]>> = {
  leaderboard_entries: ['snapshot_date'],
  benchmark_results: ['release_date'],
  open_models: ['snapshot_date'],
  usage: ['date'],
  prices: ['valid_from', 'valid_to'],
  events: ['date'],
  rules: ['effective'],
  models: ['release_date'],
};

function dateRange(table: TableName, rows: readonly Record<string, unknown>[]): [string | null, string | null] {
  let min: string | null = null;
  let max: string | null = null;
  for (const col of DATE_COLUMN[table] ?? []) {
    for (const r of rows) {
      const v = r[col];
      if (typeof v !== 'string') continue;
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
  }
  return [min, max];
}

/** Most common value, ties broken by first seen. */
function mode<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

const ORIGIN_PRIORITY = ['epoch', 'huggingface', 'lmarena', 'openrouter', 'litellm', 'facts'];

export function runImport(
  root: string,
  curatedPath: string,
  progress: Progress = () => {},
): { parts: SnapshotPart[]; report: ImportReport } {
  const attribution = Attribution.fromCurated(curatedPath, CURATED_SOURCE.id);
  const sources = new Map<string, Row<'sources'>>([[CURATED_SOURCE.id, CURATED_SOURCE]]);
  const parts: Part[] = [];
  const observations: Observation[] = [];
  const skipped: ImportReport['skipped'] = [];
  const context = {
    familyPrefixes: [
      ...new Set([...attribution.orgs.values()].flatMap((o) => o.model_prefixes.map((p) => p.toLowerCase()))),
    ],
  };

  for (const [i, imp] of importers.entries()) {
    progress(`importing ${imp.name} (${i + 1}/${importers.length})`);
    const out = imp.run(root, context);
    for (const s of out.sources) if (!sources.has(s.id)) sources.set(s.id, s);
    parts.push(...out.parts);
    observations.push(...out.observations);
    skipped.push(...out.skipped);
    // Every row that names a model is an observation of it, so no model referenced by a fact goes missing.
    for (const p of out.parts) {
      for (const r of p.rows as Record<string, unknown>[]) {
        if (typeof r['model_raw'] === 'string') {
          // Rule: a row's own author or organization column names the model's maker (OpenRouter's `author`).
          // An author that is not the raw name's namespace (a bare slug's "author" is the slug itself) says nothing.
          const author =
            typeof r['author'] === 'string' && r['model_raw'].startsWith(`${r['author']}/`) ? r['author'] : null;
          const by = author ?? (typeof r['organization_raw'] === 'string' ? r['organization_raw'] : null);
          observations.push({
            raw: r['model_raw'],
            key: String(r['model_id']),
            origin: p.table === 'open_models' ? 'huggingface' : imp.origin,
            source_id: p.source_id,
            ...(by ? { organization: by } : {}),
          });
        } else if (p.table === 'open_models' && typeof r['hub_id'] === 'string') {
          // Parameter counts the hub listing gives belong to the model too.
          const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : null);
          observations.push({
            raw: r['hub_id'],
            key: String(r['model_id']),
            origin: 'huggingface',
            source_id: p.source_id,
            parameters_b: num('parameters_b'),
            active_parameters_b: num('active_parameters_b'),
          });
        }
      }
    }
  }

  // Columns a dataset does not give (optional ones) are null, as the snapshot reads them back.
  for (const p of parts) {
    const names = columnsOf(p.table).map((c) => c.name);
    for (const r of p.rows as Record<string, unknown>[]) for (const n of names) r[n] ??= null;
  }
  progress('resolving organizations and countries');
  const conflicts: ImportReport['country_conflicts'] = [];
  const orgOf = new Map<Observation, string>();
  for (const o of observations) {
    // Rule: reseller keys carry the maker's namespace before the model (`deepinfra/Sao10K/…`,
    // `publicai/swiss-ai/apertus-…`): used when it is a namespace the attribution table knows.
    if (!o.organization && !o.hf_org) {
      const segs = o.raw.split('/');
      const ns = segs.length >= 3 ? segs[segs.length - 2] : undefined;
      if (ns && attribution.byHfOrg(ns)) o.hf_org = ns;
      const vendor = catalogueVendor(o.raw);
      if (!o.hf_org && vendor && attribution.byHfOrg(vendor)) o.hf_org = vendor;
    }
    const name = o.organization ?? o.hf_org;
    if (!name) continue;
    const before = attribution.lookup(name) ?? (o.hf_org ? attribution.byHfOrg(o.hf_org) : undefined);
    const org = attribution.observe(name, o.country ?? null, o.source_id, o.hf_org);
    if (
      before &&
      before.source_id === CURATED_SOURCE.id &&
      o.country &&
      !['unknown', 'other', before.country].includes(o.country.code)
    ) {
      if (!conflicts.some((c) => c.organization === before.id && c.observed === o.country?.code)) {
        conflicts.push({
          organization: before.id,
          curated: before.country,
          observed: o.country.code,
          source_id: o.source_id,
        });
      }
    }
    orgOf.set(o, org.id);
  }

  progress('resolving model identity');
  const origins = new Map<string, Set<string>>();
  for (const o of observations) {
    const set = origins.get(o.key) ?? new Set<string>();
    set.add(o.origin);
    origins.set(o.key, set);
  }
  const resolved = resolveKeys(origins);
  const overrides = readOverrides(join(dirname(curatedPath), 'model-overrides.json'));
  const idOf = (key: string) => {
    const r = resolved.get(key) ?? key;
    return overrides.get(r)?.to ?? overrides.get(key)?.to ?? r;
  };
  for (const p of parts) {
    for (const r of p.rows as Record<string, unknown>[])
      if (typeof r['model_id'] === 'string') r['model_id'] = idOf(r['model_id']);
  }

  const byModel = new Map<string, Observation[]>();
  for (const o of observations) {
    const id = idOf(o.key);
    const list = byModel.get(id) ?? [];
    list.push(o);
    byModel.set(id, list);
  }
  const models: Row<'models'>[] = [];
  for (const [id, obs] of byModel) {
    obs.sort((a, b) => ORIGIN_PRIORITY.indexOf(a.origin) - ORIGIN_PRIORITY.indexOf(b.origin));
    const orgIds = obs.map((o) => orgOf.get(o)).filter((x): x is string => !!x);
    const organization_id = mode(orgIds) ?? attribution.byModelKey(id)?.id ?? null;
    const org = organization_id ? attribution.orgs.get(organization_id) : undefined;
    const prefix = org?.model_prefixes.find((p) => id.startsWith(p.toLowerCase()));
    const dates = obs
      .map((o) => o.release_date)
      .filter((d): d is string => !!d)
      .sort();
    const weights = obs.map((o) => o.open_weights).filter((w): w is boolean => typeof w === 'boolean');
    const contexts = obs.map((o) => o.context_tokens).filter((c): c is number => typeof c === 'number');
    const firstNum = (k: 'parameters_b' | 'active_parameters_b') =>
      obs.map((o) => o[k]).find((v): v is number => typeof v === 'number') ?? null;
    const sourceIds = [...new Set(obs.map((o) => o.source_id))];
    models.push({
      id,
      name: mode(obs.map((o) => (o.raw.includes('/') ? o.raw.slice(o.raw.lastIndexOf('/') + 1) : o.raw))) ?? id,
      family: (prefix ?? /^[a-z]+/.exec(id)?.[0] ?? id).replace(/-$/, ''),
      organization_id,
      release_date: dates[0] ?? null,
      open_weights:
        weights.includes(true) && obs.some((o) => o.origin === 'huggingface') ? true : (mode(weights) ?? null),
      license: obs.map((o) => o.license).find((l): l is string => !!l) ?? null,
      parameters_b: firstNum('parameters_b'),
      active_parameters_b: firstNum('active_parameters_b'),
      context_tokens: contexts.length ? Math.max(...contexts) : null,
      aliases: [...new Set(obs.map((o) => o.raw))].filter((a) => a !== id).sort(),
      source_ids: sourceIds,
      source_id: sourceIds[0] as string,
    });
  }
  models.sort((a, b) => a.id.localeCompare(b.id));
  const sharedAliases = dedupeAliases(models);

  // open_models carry the hub namespace until here; resolve it to the attribution table.
  for (const p of parts) {
    if (p.table !== 'open_models') continue;
    for (const r of p.rows as Row<'open_models'>[]) {
      const org = r.organization_id ? attribution.byHfOrg(r.organization_id) : undefined;
      r.organization_id = org?.id ?? (r.organization_id ? slugOf(r.organization_id) : null);
      if (r.country === 'unknown' && org) r.country = org.country;
    }
  }

  const organizations = [...attribution.orgs.values()].sort((a, b) => a.id.localeCompare(b.id));
  const allParts: Part[] = [
    {
      table: 'organizations',
      id: 'organizations',
      title: 'Organizations and their country (curated + observed)',
      source_id: CURATED_SOURCE.id,
      notes: 'Curated entries first; others as their first source gives them.',
      rows: organizations,
    },
    {
      table: 'models',
      id: 'models',
      title: 'Models, identity resolved across sources',
      source_id: CURATED_SOURCE.id,
      notes: 'Built by the import from every source that names a model; source_ids lists them.',
      rows: models,
    },
    ...parts,
  ] as Part[];
  const datasets: Row<'datasets'>[] = allParts.map((p) => {
    const [date_min, date_max] = dateRange(p.table, p.rows as Record<string, unknown>[]);
    return {
      id: `${p.table}/${p.id}`,
      title: p.title,
      table_name: p.table,
      source_id: p.source_id,
      rows: p.rows.length,
      date_min,
      date_max,
      notes: p.notes,
    };
  });

  const multiOrigin = [...byModel.keys()].filter((id) => new Set(byModel.get(id)?.map((o) => o.origin)).size > 1);
  const unmatched = new Map<string, string[]>();
  for (const [id, obs] of byModel) {
    const o = new Set(obs.map((x) => x.origin));
    if (o.size !== 1) continue;
    const origin = [...o][0] as string;
    unmatched.set(origin, [...(unmatched.get(origin) ?? []), id]);
  }
  const unattributed = models.filter((m) => !m.organization_id).map((m) => m.id);
  const report: ImportReport = {
    generated_from: root.replace(/\\/g, '/').replace(/^.*\/shared\//, 'shared/'),
    datasets: datasets.map((d) => ({ id: d.id, table: d.table_name, rows: d.rows })),
    skipped,
    models: { total: models.length, attributed: models.length - unattributed.length, multi_origin: multiOrigin.length },
    unmatched_models: [...unmatched].map(([origin, names]) => ({ origin, count: names.length, names: names.sort() })),
    unattributed_models: { count: unattributed.length, names: unattributed },
    organizations_without_country: organizations
      .filter((o) => o.country === 'unknown')
      .map((o) => ({ id: o.id, name: o.name_en, source_id: o.source_id })),
    fuzzy_organization_matches: attribution.fuzzy,
    model_overrides: [...overrides.values()].map((o) => ({ from: o.from, to: o.to })),
    shared_aliases: sharedAliases,
    country_conflicts: conflicts,
  };

  const snapshot: SnapshotPart[] = [
    { table: 'sources', part: 'sources', rows: [...sources.values()].sort((a, b) => a.id.localeCompare(b.id)) },
    { table: 'datasets', part: 'datasets', rows: datasets },
    ...allParts.map((p) => ({ table: p.table, part: p.id, rows: p.rows })),
  ];
  return { parts: snapshot, report };
}
