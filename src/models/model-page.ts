/**
 * @module
 * The reads behind the dashboard's model pages and the few page facts no capability exposes: one model's
 * identity, ratings, benchmark results, prices, traffic share and derivatives; a leaderboard on a date;
 * organization names; the database's build time (the pages' cache version). Parameters are bound.
 */
import { z } from 'zod';
import { tables } from '../data/schema.ts';
import type { Db } from '../store/db.ts';

const text = z.string();
const textOrNull = z.string().nullable();
const num = z.number();
const numOrNull = z.number().nullable();

/** The database version: when it was built. Pages are cached under it. */
export async function builtAt(db: Db): Promise<string> {
  const r = await db.rows(z.object({ b: textOrNull }), 'SELECT CAST(built_at AS VARCHAR) AS b FROM build_info');
  return r[0]?.b ?? '';
}

export interface OrgNames {
  en: string;
  zh_hans: string | null;
  zh_hant: string | null;
  country: string | null;
  source_id: string;
}

export async function organizations(db: Db): Promise<Map<string, OrgNames>> {
  const rows = await db.rows(
    z.object({ id: text, en: text, zh_hans: textOrNull, zh_hant: textOrNull, country: textOrNull, source_id: text }),
    `SELECT id, name_en AS en, name_zh_hans AS zh_hans, name_zh_hant AS zh_hant, country, source_id FROM organizations`,
  );
  return new Map(rows.map(({ id, ...names }) => [id, names]));
}

/** Every model id with its display name, organization and country, for links and tooltips. */
export async function modelIndex(
  db: Db,
): Promise<Map<string, { name: string; organization: string | null; country: string | null }>> {
  const rows = await db.rows(
    z.object({ id: text, name: text, organization: textOrNull, country: textOrNull }),
    `SELECT m.id, m.name, m.organization_id AS organization, o.country
     FROM models m LEFT JOIN organizations o ON o.id = m.organization_id`,
  );
  return new Map(rows.map(({ id, ...m }) => [id, m]));
}

export const modelRow = tables.models.extend({
  organization_name: textOrNull,
  country: textOrNull,
  organization_source: textOrNull,
});
export type ModelRecord = z.output<typeof modelRow>;

export async function modelRecord(db: Db, id: string): Promise<ModelRecord | null> {
  const rows = await db.rows(
    modelRow,
    `SELECT m.*, o.name_en AS organization_name, o.country, o.source_id AS organization_source FROM models m
     LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Leaderboard ratings of one model, every snapshot, with rank, interval and votes (overall category). */
export const ratingRow = z.object({
  leaderboard: text,
  category: text,
  date: text,
  score: num,
  ci_low: numOrNull,
  ci_high: numOrNull,
  votes: numOrNull,
  rank: numOrNull,
  preliminary: z.boolean().nullable(),
  source_id: text,
});
export type RatingRow = z.output<typeof ratingRow>;

export async function modelRatings(db: Db, id: string): Promise<RatingRow[]> {
  return db.rows(
    ratingRow,
    // Per day, the row of the best score (ties by source): its interval, votes and source belong together.
    `SELECT leaderboard, category, CAST(snapshot_date AS VARCHAR) AS date, score, ci_low, ci_high, votes,
            min(rank) OVER day AS rank, preliminary, source_id
     FROM leaderboard_entries WHERE model_id = $1 AND category IN ('full', 'coding', 'chinese')
     WINDOW day AS (PARTITION BY leaderboard, category, snapshot_date)
     QUALIFY row_number() OVER (day ORDER BY score DESC, source_id) = 1
     ORDER BY leaderboard, category, snapshot_date`,
    [id],
  );
}

export const benchmarkRow = z.object({
  benchmark: text,
  metric: text,
  setting: textOrNull,
  score: num,
  stderr: numOrNull,
  date: textOrNull,
  source_id: text,
});

export async function modelBenchmarks(db: Db, id: string): Promise<z.output<typeof benchmarkRow>[]> {
  return db.rows(
    benchmarkRow,
    `SELECT benchmark, metric, setting, score, stderr, CAST(release_date AS VARCHAR) AS date, source_id
     FROM benchmark_results WHERE model_id = $1 ORDER BY benchmark, setting NULLS FIRST`,
    [id],
  );
}

export const priceRow = z.object({
  provider: text,
  first_party: z.boolean(),
  input: numOrNull,
  output: numOrNull,
  valid_from: text,
  valid_to: textOrNull,
  source_id: text,
});

export async function modelPrices(db: Db, id: string): Promise<z.output<typeof priceRow>[]> {
  return db.rows(
    priceRow,
    `SELECT provider, first_party, input_usd_per_mtok AS input, output_usd_per_mtok AS output, CAST(valid_from AS VARCHAR) AS valid_from,
            CAST(valid_to AS VARCHAR) AS valid_to, source_id
     FROM prices WHERE model_id = $1 ORDER BY provider, valid_from`,
    [id],
  );
}

/** The model's share of all OpenRouter tokens, per day of the daily data. */
export const trafficRow = z.object({ date: text, tokens: numOrNull, share: numOrNull, source_id: text });

export async function modelTraffic(db: Db, id: string): Promise<z.output<typeof trafficRow>[]> {
  return db.rows(
    trafficRow,
    `WITH d AS (SELECT date, sum(total_tokens) AS all_tokens FROM usage WHERE "window" = 'day' GROUP BY date),
          m AS (SELECT date, sum(total_tokens) AS tokens, min(source_id) AS source_id FROM usage WHERE "window" = 'day' AND model_id = $1 GROUP BY date)
     SELECT CAST(m.date AS VARCHAR) AS date, m.tokens, m.tokens / d.all_tokens AS share, m.source_id FROM m JOIN d USING (date) ORDER BY m.date`,
    [id],
  );
}

/** Hugging Face repositories of the model, and the repositories that name one of them as their base. */
export const repoRow = z.object({ hub_id: text, downloads: numOrNull, date: text, source_id: text });
export const derivativeRow = z.object({
  hub_id: text,
  relation: tables.open_models.shape.relation,
  downloads: numOrNull,
  source_id: text,
});

export async function modelDerivatives(
  db: Db,
  id: string,
): Promise<{ repos: z.output<typeof repoRow>[]; derivatives: z.output<typeof derivativeRow>[] }> {
  const repos = await db.rows(
    repoRow,
    `SELECT hub_id, max(downloads) AS downloads, CAST(max(snapshot_date) AS VARCHAR) AS date, min(source_id) AS source_id
     FROM open_models WHERE model_id = $1 GROUP BY hub_id ORDER BY downloads DESC NULLS LAST`,
    [id],
  );
  const derivatives = await db.rows(
    derivativeRow,
    `WITH mine AS (SELECT DISTINCT hub_id FROM open_models WHERE model_id = $1)
     SELECT o.hub_id, o.relation, max(o.downloads) AS downloads, min(o.source_id) AS source_id FROM open_models o
     WHERE EXISTS (SELECT 1 FROM mine WHERE list_contains(o.base_models, mine.hub_id)) GROUP BY o.hub_id, o.relation
     ORDER BY downloads DESC NULLS LAST LIMIT 200`,
    [id],
  );
  return { repos, derivatives };
}

/** One leaderboard's latest snapshot on or before a date: the top models with interval, votes and rank. */
const boardRow = z.object({
  model_id: text,
  score: num,
  ci_low: numOrNull,
  ci_high: numOrNull,
  votes: numOrNull,
  source_id: text,
  organization_id: textOrNull,
  country: textOrNull,
  date: text,
});

export async function leaderboardAt(
  db: Db,
  board: string,
  asOf: string | null,
  limit = 30,
): Promise<z.output<typeof boardRow>[]> {
  return db.rows(
    boardRow,
    `WITH day AS (SELECT max(snapshot_date) AS d FROM leaderboard_entries WHERE leaderboard = $1 AND category = 'full'
                  AND NOT coalesce(preliminary, false) AND ($2::DATE IS NULL OR snapshot_date <= $2::DATE))
     SELECT e.model_id, e.score, e.ci_low, e.ci_high, e.votes, e.source_id, m.organization_id, o.country,
            CAST(e.snapshot_date AS VARCHAR) AS date
     FROM leaderboard_entries e JOIN day ON e.snapshot_date = day.d LEFT JOIN models m ON m.id = e.model_id
     LEFT JOIN organizations o ON o.id = m.organization_id
     WHERE e.leaderboard = $1 AND e.category = 'full' AND NOT coalesce(e.preliminary, false)
     QUALIFY row_number() OVER (PARTITION BY e.model_id ORDER BY e.score DESC, e.source_id) = 1
     ORDER BY e.score DESC, e.model_id LIMIT $3`,
    [board, asOf, limit],
  );
}
