/**
 * @module
 * The catalog: health, sources, datasets and models; and the commands that make the database (import,
 * build, export). Every other capability stands on these.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { runImport } from '../data/import/index.ts';
import { writeSnapshot } from '../data/snapshot.ts';
import { build } from '../store/build.ts';
import { exportParquet } from '../store/export.ts';
import { Db } from '../store/db.ts';
import { runDoctor } from '../doctor/index.ts';
import { listDatasets, listModels, listSources } from '../store/queries.ts';
import { REFRESH_PREFIX } from '../connectors/refresh.ts';
import { InputError, operation } from '../ops/operation.ts';
import { choice, flag, int, text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { modelFacts } from './facts.ts';

const source = z.object({
  id: z.string(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  license: z.string().nullable(),
  retrieved: z.string().nullable(),
  datasets: z.number(),
});

export const health = operation({
  name: 'health',
  summary: 'whether the database is readable, and when it was built',
  input: z.object({}).strict(),
  output: z.object({
    status: choice(['ok', 'unhealthy']),
    built_at: z.string().nullable(),
    problem: z.string().optional(),
  }),
  http: { method: 'GET' },
  run: async (deps) => {
    const db = await deps.db();
    // The probe reads every table once per handle and compares it with what the build recorded.
    const probe = await db.probe();
    if (!probe.ok) return { status: 'unhealthy' as const, built_at: null, problem: probe.problem ?? 'unknown problem' };
    try {
      const info = await db.rows(
        z.object({ built_at: z.string().nullable() }),
        'SELECT CAST(built_at AS VARCHAR) AS built_at FROM build_info',
      );
      return { status: 'ok' as const, built_at: info[0]?.built_at ?? null };
    } catch (err) {
      return { status: 'unhealthy' as const, built_at: null, problem: (err as Error).message.split('\n')[0] ?? '' };
    }
  },
  status: (o) => (o.status === 'ok' ? 200 : 503),
  text: (o) => `${o.status}; built ${o.built_at ?? 'never'}${o.problem ? `; ${o.problem}` : ''}\n`,
});

export const sources = operation({
  name: 'sources',
  summary: 'every source: title, publisher, URL, dates, license',
  input: z.object({}).strict(),
  output: z.object({ sources: z.array(source) }),
  http: { method: 'GET' },
  run: async (deps) => ({ sources: await listSources(await deps.db()) }),
  rows: (o) => o.sources,
  text: (o) =>
    formatTable(
      o.sources.map((s) => ({
        id: s.id,
        publisher: s.publisher,
        license: s.license,
        retrieved: s.retrieved,
        url: s.url,
      })),
      60,
    ),
});

export const datasets = operation({
  name: 'datasets',
  summary: 'every dataset: rows, date range, age of its newest row, source, license',
  input: z.object({}).strict(),
  output: z.object({
    datasets: z.array(z.object({ id: z.string(), table_name: z.string(), rows: z.number(), source_id: z.string() })),
  }),
  http: { method: 'GET' },
  run: async (deps) => ({ datasets: await listDatasets(await deps.db()) }),
  rows: (o) => o.datasets,
  text: (o) =>
    formatTable(o.datasets.map((d) => ({ dataset: d.id, table: d.table_name, rows: d.rows, source: d.source_id }))),
});

const model = z.object({
  id: z.string(),
  name: z.string().nullable(),
  organization: z.string().nullable(),
  organization_name: z.string().nullable(),
  country: z.string().nullable(),
  release_date: z.string().nullable(),
  open_weights: z.boolean().nullable(),
  aliases: z.array(z.string()).nullable(),
  sources: z.array(z.string()).nullable(),
});

export const models = operation({
  name: 'models',
  facts: modelFacts,
  summary: 'models with organization, country and sources',
  input: z
    .object({
      country: z
        .string()
        .regex(/^([A-Za-z]{2}|INTL|other|unknown)$/, 'must be a two-letter code such as US or CN')
        .optional()
        .describe('only models whose organization is in this country'),
      organization: text(100).optional().describe('only this organization (id or English name)'),
      open_weights: flag().optional().describe('only models with open weights'),
      search: text(100).optional().describe('only models whose id or name contains this'),
      limit: int(1, 10000).default(1000).describe('at most this many'),
      offset: int(0, 1_000_000).default(0).describe('skip this many'),
    })
    .strict(),
  output: z.object({ total: z.number(), models: z.array(model) }),
  http: { method: 'GET' },
  examples: [{}, { country: 'CN', open_weights: 'true', limit: '5' }, { search: 'llama', limit: '3' }],
  run: async (deps, { search, ...filter }) => listModels(await deps.db(), { ...filter, q: search }),
  rows: (o) => o.models,
  text: (o) =>
    formatTable(
      o.models.map((m) => ({
        id: m.id,
        organization: m.organization,
        country: m.country,
        released: m.release_date,
        open: m.open_weights,
        sources: (m.sources ?? []).join(' '),
      })),
    ) + `${o.models.length} of ${o.total} models\n`,
});

const buildResult = z.object({
  db: z.string(),
  tables: z.record(z.string(), z.number()),
  ms: z.number(),
  doctor: z.object({ ok: z.boolean(), warnings: z.array(z.string()) }),
});

/** The doctor on a freshly built database: hard violations stop the build (naming rows), soft ones warn. */
async function doctorCheck(path: string): Promise<{ ok: boolean; warnings: string[] }> {
  const db = await Db.open(path);
  try {
    const report = await runDoctor(db);
    const hard = report.checks.filter((c) => !c.ok && c.severity === 'hard');
    if (hard.length) {
      const named = hard.map((c) => `${c.id}: ${c.message}; e.g. ${JSON.stringify(c.rows[0] ?? {})}`).join(' | ');
      throw new Error(`doctor: the new database breaks ${hard.length} invariant(s), the old one is kept: ${named}`);
    }
    return { ok: true, warnings: report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.message}`) };
  } finally {
    db.close();
  }
}

export const buildOp = operation({
  name: 'build',
  summary: 'validate the snapshot and build the database, atomically',
  input: z.object({ snapshot: text(4096).optional().describe('snapshot folder (default: data/snapshot)') }).strict(),
  output: buildResult,
  run: async (deps, input) => {
    let doctor = { ok: true, warnings: [] as string[] };
    const check = async (tmp: string) => {
      doctor = await doctorCheck(tmp);
    };
    const r = await build(
      resolve(input.snapshot ?? deps.paths.snapshot),
      deps.paths.db,
      deps.progress,
      undefined,
      check,
    );
    return { ...r, doctor };
  },
  text: (o) =>
    `built ${o.db} in ${o.ms} ms\n${formatTable(Object.entries(o.tables).map(([table, rows]) => ({ table, rows })))}` +
    o.doctor.warnings.map((w) => `warning: ${w}\n`).join(''),
});

export const importOp = operation({
  name: 'import',
  summary: 'rebuild the curated snapshot from the raw datasets, with an import report',
  input: z
    .object({
      from: text(4096).optional().describe('raw data folder (default: ../shared/data)'),
      out: text(4096).optional().describe('snapshot folder to write (default: data/snapshot)'),
    })
    .strict(),
  output: z.object({
    datasets: z.array(z.object({ id: z.string(), rows: z.number() })),
    models: z.object({ total: z.number(), attributed: z.number(), multi_origin: z.number() }),
    unmatched_models: z.array(z.object({ origin: z.string(), count: z.number() })),
    organizations_without_country: z.array(z.unknown()),
  }),
  run: async (deps, input) => {
    const from = resolve(input.from ?? deps.paths.raw);
    const out = resolve(input.out ?? deps.paths.snapshot);
    if (!existsSync(from)) throw new InputError('from', `raw data folder not found: ${from}`);
    const imported = runImport(from, resolve(deps.paths.curated, 'organizations.json'), deps.progress);
    // Refreshed parts are history the raw data does not hold: they carry over.
    const report = `${JSON.stringify(imported.report, null, 1)}\n`;
    writeSnapshot(out, imported.parts, { 'import-report.json': report }, (_, part) => part.startsWith(REFRESH_PREFIX));
    return imported.report as never;
  },
  text: (r) =>
    formatTable(r.datasets.map((d) => ({ dataset: d.id, rows: d.rows }))) +
    `\nmodels: ${r.models.total} (${r.models.attributed} attributed, ${r.models.multi_origin} matched across sources)\n` +
    r.unmatched_models.map((u) => `unmatched ${u.origin}: ${u.count} names seen in no other source\n`).join('') +
    `organizations without a country: ${r.organizations_without_country.length}\n`,
});

export const exportOp = operation({
  name: 'export',
  summary: 'every table as Parquet, hive-partitioned, into a new folder',
  args: ['dir'],
  input: z
    .object({
      dir: text(4096).describe('output folder (must not exist or be empty, unless force)'),
      format: choice(['parquet']).default('parquet').describe('output format'),
      force: flag().optional().describe('replace a folder that already has files'),
    })
    .strict(),
  output: z.object({ dir: z.string(), tables: z.array(z.string()) }),
  run: async (deps, input) => {
    // Refuses a folder with files in it unless force; writes a temporary folder and renames it into place.
    return exportParquet(await deps.db(), resolve(input.dir), deps.progress, { force: input.force === true });
  },
  text: (o) => `exported ${o.tables.length} tables to ${o.dir}\n`,
});

export const catalogOps = [health, sources, datasets, models, buildOp, importOp, exportOp];
