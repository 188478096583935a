/**
 * @module
 * `airace doctor`: invariants over the built database, as a report. Each check names the rows that break it;
 * hard violations fail the build, soft ones warn. The checks read the database and compute; they write nothing.
 */
import { z } from 'zod';
import { isFragmentKey, isPreReleaseName } from '../data/identity.ts';
import { gapSeries } from '../frontier/gap.ts';
import { loadObservations, PRELIMINARY_SQL } from '../frontier/load.ts';
import { listMetrics } from '../frontier/metrics.ts';
import type { Db } from '../store/db.ts';

export type Severity = 'hard' | 'soft';

export interface Check {
  id: string;
  severity: Severity;
  ok: boolean;
  message: string;
  /** The offending rows, each naming what is wrong (at most MAX_ROWS; `count` says how many in all). */
  rows: Record<string, unknown>[];
  count: number;
}

export interface DoctorReport {
  ok: boolean;
  checks: Check[];
}

const MAX_ROWS = 200;

/** Share of models with a score, price or traffic that may lack an organization or country before it warns… */
export const UNKNOWN_SOFT_SHARE = 0.01;
/** …and before it fails. */
export const UNKNOWN_HARD_SHARE = 0.05;
/** A day-to-day change of the gap larger than this, with the same two models and only the source changed, is a step. */
export const SOURCE_STEP_POINTS = 5;

function check(
  id: string,
  severity: Severity,
  rows: Record<string, unknown>[],
  okMessage: string,
  badMessage: string,
  forceOk?: boolean,
): Check {
  const ok = forceOk ?? rows.length === 0;
  return { id, severity, ok, message: ok ? okMessage : badMessage, rows: rows.slice(0, MAX_ROWS), count: rows.length };
}

const text = z.string();
const textOrNull = z.string().nullable();
const numOrNull = z.number().nullable();

async function negativePrices(db: Db): Promise<Check> {
  const rows = await db.rows(
    z.object({
      model_id: text,
      model_raw: text,
      provider: text,
      tier: text,
      valid_from: text,
      input: numOrNull,
      output: numOrNull,
      cache_read: numOrNull,
      source_id: text,
    }),
    `SELECT model_id, model_raw, provider, tier, CAST(valid_from AS VARCHAR) AS valid_from, input_usd_per_mtok AS input, output_usd_per_mtok AS output,
            cache_read_usd_per_mtok AS cache_read, source_id
     FROM prices WHERE input_usd_per_mtok < 0 OR output_usd_per_mtok < 0 OR cache_read_usd_per_mtok < 0 ORDER BY model_id, valid_from`,
  );
  return check(
    'no-negative-price',
    'hard',
    rows,
    'no price is negative',
    `${rows.length} price rows are negative (a sentinel stored as a price?)`,
  );
}

async function fragmentIds(db: Db): Promise<Check> {
  const models = await db.rows(
    z.object({ id: text, name: text, aliases: z.array(text) }),
    `SELECT id, name, aliases FROM models ORDER BY id`,
  );
  const rows = models
    .filter((m) => isFragmentKey(m.id))
    .map((m) => ({ model_id: m.id, name: m.name, aliases: m.aliases }));
  return check(
    'no-fragment-id',
    'hard',
    rows,
    'every model id is a name, not digits or a date fragment',
    `${rows.length} model ids are only digits or a date fragment`,
  );
}

async function attribution(db: Db): Promise<Check> {
  // Models that a view can show: with a non-preliminary score, a price, traffic or a benchmark result. Preliminary
  // is judged as the views judge it (every source, pre-release names), so an anonymous codename does not count.
  // Summarised in the database (one row per model and raw name, not 190k entries): a model has a final score
  // when it has an entry after the last date any entry flags it, and no pre-release name (preliminaryAcrossSources).
  const byName = await db.rows(
    z.object({ model: text, model_raw: text, last: text, flagged_until: textOrNull }),
    `SELECT model_id AS model, model_raw, CAST(max(snapshot_date) AS VARCHAR) AS last,
            CAST(max(snapshot_date) FILTER (WHERE ${PRELIMINARY_SQL}) AS VARCHAR) AS flagged_until
     FROM leaderboard_entries GROUP BY ALL`,
  );
  const named = new Set(byName.filter((r) => isPreReleaseName(r.model_raw)).map((r) => r.model));
  const until = new Map<string, string>();
  for (const r of byName)
    if (r.flagged_until && r.flagged_until > (until.get(r.model) ?? '')) until.set(r.model, r.flagged_until);
  const scored = [
    ...new Set(byName.filter((r) => !named.has(r.model) && r.last > (until.get(r.model) ?? '')).map((r) => r.model)),
  ];
  const has = new Map<string, Set<string>>();
  const mark = (model: string, k: string) => has.set(model, (has.get(model) ?? new Set<string>()).add(k));
  for (const m of scored) mark(m, 'score');
  for (const [table, k] of [
    ['benchmark_results', 'benchmark'],
    ['prices', 'price'],
    ['usage', 'traffic'],
  ] as const) {
    for (const r of await db.rows(z.object({ model_id: text }), `SELECT DISTINCT model_id FROM ${table}`))
      mark(r.model_id, k);
  }
  const info = await db.rows(
    z.object({ model_id: text, organization_id: textOrNull, country: textOrNull }),
    `SELECT m.id AS model_id, m.organization_id, o.country FROM models m LEFT JOIN organizations o ON o.id = m.organization_id ORDER BY m.id`,
  );
  const rows = info
    .filter((r) => has.has(r.model_id))
    .map((r) => ({ ...r, has: [...(has.get(r.model_id) ?? [])].sort().join(',') }));
  const bad = rows
    .filter((r) => !r.organization_id || !r.country || r.country === 'unknown')
    .map((r) => ({
      model_id: r.model_id,
      organization_id: r.organization_id,
      country: r.country ?? 'unknown',
      has: r.has,
    }));
  const share = rows.length ? bad.length / rows.length : 0;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const severity: Severity = share > UNKNOWN_HARD_SHARE ? 'hard' : 'soft';
  const ok = share <= UNKNOWN_SOFT_SHARE;
  const c = check(
    'attribution',
    severity,
    bad,
    `${bad.length} of ${rows.length} models with a score, price or traffic lack an organization or country (${pct(share)}, at most ${pct(UNKNOWN_SOFT_SHARE)})`,
    `${bad.length} of ${rows.length} models with a score, price or traffic lack an organization or country (${pct(share)}; warns above ${pct(UNKNOWN_SOFT_SHARE)}, fails above ${pct(UNKNOWN_HARD_SHARE)})`,
    ok,
  );
  return { ...c, severity };
}

async function sharedAliases(db: Db): Promise<Check> {
  const rows = await db.rows(
    z.object({ alias: text, model_ids: z.array(text) }),
    `SELECT alias, list(id ORDER BY id) AS model_ids FROM (SELECT id, unnest(aliases) AS alias FROM models) GROUP BY alias HAVING count(DISTINCT id) > 1 ORDER BY alias`,
  );
  return check(
    'no-shared-alias',
    'hard',
    rows,
    'no alias names two models',
    `${rows.length} aliases name more than one model`,
  );
}

async function halfPrices(db: Db): Promise<Check> {
  // Two rows of one model, provider, date and tier where one is exactly half the other: an untagged batch price.
  const rows = await db.rows(
    z.object({
      model_id: text,
      provider: text,
      tier: text,
      valid_from: text,
      full_price_row: text,
      half_price_row: text,
      input: numOrNull,
      half_input: numOrNull,
      source_id: text,
    }),
    `SELECT a.model_id, a.provider, a.tier, CAST(a.valid_from AS VARCHAR) AS valid_from, a.model_raw AS full_price_row, b.model_raw AS half_price_row,
            a.input_usd_per_mtok AS input, b.input_usd_per_mtok AS half_input, a.source_id
     FROM prices a JOIN prices b ON a.model_id = b.model_id AND a.provider = b.provider AND a.valid_from = b.valid_from AND a.tier = b.tier
     WHERE a.input_usd_per_mtok > 0 AND a.output_usd_per_mtok > 0
       AND abs(b.input_usd_per_mtok * 2 - a.input_usd_per_mtok) < 1e-9 AND abs(b.output_usd_per_mtok * 2 - a.output_usd_per_mtok) < 1e-9
     ORDER BY a.model_id, a.valid_from`,
  );
  return check(
    'no-untagged-half-price',
    'hard',
    rows,
    'no price is half another of the same model, provider and tier',
    `${rows.length} prices are exactly half another of the same model, provider and tier (a batch or other tier stored as on-demand?)`,
  );
}

/** Gap steps on the Arena text board where the two models stay the same and only the cited source changes. */
export function sourceSteps(
  series: readonly {
    date: string;
    leader_model: string | null;
    follower_model: string | null;
    points_gap: number | null;
    sources: string[];
  }[],
  limit = SOURCE_STEP_POINTS,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1];
    const b = series[i];
    if (!a || !b || a.points_gap === null || b.points_gap === null) continue;
    if (a.leader_model !== b.leader_model || a.follower_model !== b.follower_model) continue;
    // Days apart, a rating update explains a step; only neighbouring days isolate the source.
    if ((Date.parse(b.date) - Date.parse(a.date)) / 86_400_000 > MAX_STEP_DAYS) continue;
    if (a.sources.join(',') === b.sources.join(',')) continue;
    const step = b.points_gap - a.points_gap;
    if (Math.abs(step) > limit) {
      out.push({
        from: a.date,
        to: b.date,
        leader_model: b.leader_model,
        follower_model: b.follower_model,
        gap_before: round(a.points_gap),
        gap_after: round(b.points_gap),
        source_before: a.sources.join(','),
        source_after: b.sources.join(','),
      });
    }
  }
  return out;
}

const MAX_STEP_DAYS = 3;
const round = (x: number) => Math.round(x * 10) / 10;

async function gapSourceSteps(db: Db): Promise<Check> {
  const metric = (await listMetrics(db)).find((m) => m.id === 'arena-text');
  if (!metric) return check('no-source-step', 'hard', [], 'no arena-text metric: nothing to check', '');
  const { observations } = await loadObservations(db, metric, false);
  const series = gapSeries(observations, {
    view: 'snapshot',
    leader: 'US',
    follower: 'CN',
    rounds: 0,
    seed: 0,
    resampleModels: false,
  });
  const rows = sourceSteps(series);
  return check(
    'no-source-step',
    'hard',
    rows,
    `no step of more than ${SOURCE_STEP_POINTS} points in the US–CN Arena gap comes only from a change of source`,
    `${rows.length} steps of the US–CN Arena gap of more than ${SOURCE_STEP_POINTS} points come only from a change of source`,
  );
}

/** Runs every check. Hard failures make `ok` false; soft ones only warn. */
export async function runDoctor(db: Db): Promise<DoctorReport> {
  const checks = [
    await negativePrices(db),
    await fragmentIds(db),
    await attribution(db),
    await sharedAliases(db),
    await gapSourceSteps(db),
    await halfPrices(db),
  ];
  return { ok: checks.every((c) => c.ok || c.severity === 'soft'), checks };
}

/** The report for people: one line per check, then the offending rows of each failing one. */
export function doctorText(r: DoctorReport, maxRows = 20): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    lines.push(`${c.ok ? 'ok  ' : c.severity === 'hard' ? 'FAIL' : 'warn'} ${c.id}: ${c.message}`);
    if (!c.ok) for (const row of c.rows.slice(0, maxRows)) lines.push(`       ${JSON.stringify(row)}`);
    if (!c.ok && c.count > maxRows) lines.push(`       … and ${c.count - maxRows} more`);
  }
  lines.push(r.ok ? 'doctor: passed' : 'doctor: FAILED (hard violations above)');
  return lines.join('\n');
}
