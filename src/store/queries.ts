/**
 * @module
 * The read queries behind `airace sources`, `airace models` and the API routes that mirror them.
 * All user input reaches SQL as bound parameters.
 */
import { z } from 'zod';
import { tables } from '../data/schema.ts';
import type { Db } from './db.ts';

const S = tables.sources.shape;
const D = tables.datasets.shape;
const M = tables.models.shape;
const O = tables.organizations.shape;

/** A source with the number of datasets it gives (columns in SELECT order, as the output keeps them). */
export const sourceRow = tables.sources.extend({ datasets: z.number() });
export type SourceRow = z.output<typeof sourceRow>;

export const modelRow = z.object({
  id: M.id,
  name: M.name,
  family: M.family,
  organization: M.organization_id,
  // Null where the model has no organization (a LEFT JOIN).
  organization_name: O.name_en.nullable(),
  country: O.country.nullable(),
  release_date: M.release_date,
  open_weights: M.open_weights,
  license: M.license,
  parameters_b: M.parameters_b,
  context_tokens: M.context_tokens,
  aliases: M.aliases,
  sources: M.source_ids,
});
export type ModelRow = z.output<typeof modelRow>;

export const datasetRow = z.object({
  id: D.id,
  title: D.title,
  table_name: D.table_name,
  rows: D.rows,
  date_min: D.date_min,
  date_max: D.date_max,
  notes: D.notes,
  source_id: S.id,
  source_title: S.title,
  publisher: S.publisher,
  url: S.url,
  license: S.license,
  retrieved: S.retrieved,
  age_days: z.number(),
});
export type DatasetRow = z.output<typeof datasetRow>;

export const modelFilter = z.object({
  country: z
    .string()
    .regex(/^([A-Za-z]{2}|INTL|other|unknown)$/, 'country must be a two-letter code such as US or CN')
    .transform((s) => (s.length === 2 ? s.toUpperCase() : s))
    .optional(),
  organization: z.string().min(1).max(100).optional(),
  open_weights: z.boolean().optional(),
  q: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(10000).default(1000),
  offset: z.number().int().min(0).default(0),
});
export type ModelFilter = z.input<typeof modelFilter>;

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.rows(
    sourceRow,
    `SELECT s.*, (SELECT count(*) FROM datasets d WHERE d.source_id = s.id) AS datasets FROM sources s ORDER BY s.id`,
  );
}

/** Models with their organization, country and the sources that name them. */
export async function listModels(db: Db, filter: ModelFilter = {}): Promise<{ total: number; models: ModelRow[] }> {
  const f = modelFilter.parse(filter);
  const where: string[] = [];
  const params: (string | boolean | number)[] = [];
  const p = (v: string | boolean | number) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.country) where.push(`o.country = ${p(f.country)}`);
  if (f.organization)
    where.push(
      `(m.organization_id = ${p(f.organization.toLowerCase())} OR lower(o.name_en) = ${p(f.organization.toLowerCase())})`,
    );
  if (f.open_weights !== undefined) where.push(`m.open_weights = ${p(f.open_weights)}`);
  if (f.q) where.push(`(m.id ILIKE ${p(`%${f.q}%`)} OR m.name ILIKE ${p(`%${f.q}%`)})`);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = `FROM models m LEFT JOIN organizations o ON o.id = m.organization_id ${cond}`;
  const total = (await db.rows(z.object({ n: z.number() }), `SELECT count(*) AS n ${from}`, params))[0]?.n ?? 0;
  const models = await db.rows(
    modelRow,
    `SELECT m.id, m.name, m.family, m.organization_id AS organization, o.name_en AS organization_name, o.country, m.release_date, m.open_weights,
            m.license, m.parameters_b, m.context_tokens, m.aliases, m.source_ids AS sources
     ${from} ORDER BY m.release_date DESC NULLS LAST, m.id LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
  return { total, models };
}

/** Per dataset: rows, dates covered, freshness and its source, for the overview page and `/api/v1/datasets`. */
export async function listDatasets(db: Db): Promise<DatasetRow[]> {
  return db.rows(
    datasetRow,
    `SELECT d.id, d.title, d.table_name, d.rows, d.date_min, d.date_max, d.notes, s.id AS source_id, s.title AS source_title,
            s.publisher, s.url, s.license, s.retrieved, date_diff('day', COALESCE(d.date_max, s.retrieved), current_date) AS age_days
     FROM datasets d JOIN sources s ON s.id = d.source_id ORDER BY d.table_name, d.id`,
  );
}
