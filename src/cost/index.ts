/**
 * @module
 * Cost against capability: prices valid on a date (cheapest provider per model, blended at a stated
 * input:output ratio), joined to the model's score on a capability metric at that date, then the cheapest
 * model meeting a user's constraints, the price–capability Pareto frontier by origin, and price trends.
 */
import { median } from '../util/stats.ts';
import { z } from 'zod';
import { blocOf } from '../data/attribution.ts';
import { tables } from '../data/schema.ts';
import type { Db } from '../store/db.ts';
import type { Observation } from '../frontier/gap.ts';
import { loadObservations } from '../frontier/load.ts';
import { listMetrics, type Metric } from '../frontier/metrics.ts';

export class CostError extends Error {}

export interface Blend {
  input: number;
  output: number;
}

export function parseBlend(s: string): Blend {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(s.trim());
  if (!m || Number(m[1]) + Number(m[2]) === 0)
    throw new CostError(`blend must be INPUT:OUTPUT such as 3:1, not "${s}"`);
  return { input: Number(m[1]), output: Number(m[2]) };
}

export const blended = (b: Blend, input: number, output: number): number =>
  (b.input * input + b.output * output) / (b.input + b.output);

export interface PricePoint {
  model: string;
  provider: string;
  first_party: boolean;
  input: number;
  output: number;
  cache_read: number | null;
  price: number;
  valid_from: string;
  context_tokens: number | null;
  source_id: string;
}

// Plain types (the build validated the table): pricesAt runs once per month of a trend, on the fast path.
const priceRow = z.object({
  model_id: z.string(),
  model_raw: z.string(),
  provider: z.string(),
  first_party: z.boolean(),
  // Not null: the query keeps only rows with both prices.
  i: z.number(),
  o: z.number(),
  c: z.number().nullable(),
  vf: z.string(),
  context_tokens: z.number().nullable(),
  source_id: z.string(),
  tier: z.string(),
});
type PriceRow = z.output<typeof priceRow>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function checkDate(d: string, what = 'as_of'): string {
  if (!DATE.test(d) || Number.isNaN(Date.parse(d)) || new Date(d).toISOString().slice(0, 10) !== d)
    throw new CostError(`${what} must be a date YYYY-MM-DD, not "${d}"`);
  return d;
}

/** The price tier every cost view uses unless asked: the on-demand list price (not batch, not free). */
export const DEFAULT_TIER = 'on-demand';

/**
 * Per model, the cheapest non-free price of `tier` valid on `date` across providers. A snapshot price (no
 * valid_to) holds until the same provider's next snapshot. Models listed only free or only in other tiers are
 * returned separately: a free variant is a rate-limited tier, a batch price is not an on-demand one.
 */
export async function pricesAt(
  db: Db,
  date: string,
  blend: Blend,
  tier: string = DEFAULT_TIER,
): Promise<{ best: Map<string, PricePoint>; freeOnly: Set<string>; otherTierOnly: Set<string> }> {
  const rows = await db.rows(
    priceRow,
    `SELECT model_id, model_raw, provider, first_party, input_usd_per_mtok AS i, output_usd_per_mtok AS o, cache_read_usd_per_mtok AS c,
            CAST(valid_from AS VARCHAR) AS vf, context_tokens, source_id, tier
     FROM prices WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) AND input_usd_per_mtok IS NOT NULL AND output_usd_per_mtok IS NOT NULL`,
    [date],
  );
  // Latest snapshot per (model, provider, variant), whichever source or refresh it came from.
  const latest = new Map<string, PriceRow>();
  for (const r of rows) {
    const k = `${r.model_id}|${r.provider}|${r.model_raw}|${r.tier}`;
    const prev = latest.get(k);
    if (!prev || prev.vf < r.vf) latest.set(k, r);
  }
  const best = new Map<string, PricePoint>();
  const paid = new Set<string>();
  const free = new Set<string>();
  const seen = new Set<string>();
  for (const r of latest.values()) {
    const model = r.model_id;
    seen.add(model);
    const input = r.i;
    const output = r.o;
    if ((input === 0 && output === 0) || r.tier === 'free') {
      free.add(model);
      continue;
    }
    if (r.tier !== tier) continue;
    paid.add(model);
    const p: PricePoint = {
      model,
      provider: r.provider,
      first_party: r.first_party,
      input,
      output,
      cache_read: r.c,
      price: blended(blend, input, output),
      valid_from: r.vf,
      context_tokens: r.context_tokens,
      source_id: r.source_id,
    };
    const prev = best.get(model);
    if (!prev || p.price < prev.price) best.set(model, p);
  }
  const unpaid = [...seen].filter((m) => !paid.has(m));
  return {
    best,
    freeOnly: new Set(unpaid.filter((m) => free.has(m))),
    otherTierOnly: new Set(unpaid.filter((m) => !free.has(m))),
  };
}

export interface ScoreAt {
  model: string;
  score: number;
  /** The date of the score used: the snapshot it comes from, carried forward to `as_of` when older. */
  date: string;
  /** Days from that date to the date asked for. */
  age_days: number;
  source_id: string;
}

/** How long a leaderboard score stays "latest known" when later snapshots no longer list the model. */
export const MAX_SCORE_AGE_DAYS = 180;

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/**
 * Each model's latest known score on the metric as of `date`. Snapshot metrics: the model's score on its last
 * snapshot on or before the date, carried forward with its date and age (at most MAX_SCORE_AGE_DAYS), so a
 * truncated snapshot (a top-30 page) does not drop every model it omits. Release metrics: the best result
 * released by the date.
 */
export function latestKnownScores(
  observations: readonly Observation[],
  view: Metric['view'],
  date: string,
  maxAgeDays = MAX_SCORE_AGE_DAYS,
): Map<string, ScoreAt> {
  const out = new Map<string, ScoreAt>();
  for (const o of observations) {
    if (o.date > date) continue;
    const age = daysBetween(o.date, date);
    if (view === 'snapshot' && age > maxAgeDays) continue;
    const prev = out.get(o.model);
    const better =
      view === 'snapshot'
        ? !prev || o.date > prev.date || (o.date === prev.date && o.score > prev.score)
        : !prev || o.score > prev.score;
    if (better)
      out.set(o.model, { model: o.model, score: o.score, date: o.date, age_days: age, source_id: o.source_id });
  }
  return out;
}

export async function scoresAt(db: Db, metric: Metric, date: string): Promise<Map<string, ScoreAt>> {
  return latestKnownScores((await loadObservations(db, metric, false)).observations, metric.view, date);
}

interface ModelInfo {
  model: string;
  name: string;
  organization: string | null;
  country: string | null;
  open_weights: boolean | null;
  context_tokens: number | null;
  sources: string[];
}

/** Each model's organization, country and openness: read once per database version (a trend asks per month). */
function modelInfo(db: Db): Promise<ReadonlyMap<string, Readonly<ModelInfo>>> {
  return db.remember('cost:model-info', () => readModelInfo(db));
}

async function readModelInfo(db: Db): Promise<ReadonlyMap<string, Readonly<ModelInfo>>> {
  const M = tables.models.shape;
  const rows = await db.rows(
    z.object({
      model: M.id,
      name: M.name,
      organization: M.organization_id,
      country: z.string().nullable(),
      open_weights: M.open_weights,
      context_tokens: M.context_tokens,
      sources: M.source_ids,
    }),
    `SELECT m.id AS model, m.name, m.organization_id AS organization, o.country, m.open_weights, m.context_tokens,
            m.source_ids AS sources
     FROM models m LEFT JOIN organizations o ON o.id = m.organization_id`,
  );
  return new Map(rows.map((r) => [r.model, Object.freeze(r)]));
}

export interface Candidate {
  model: string;
  organization: string | null;
  country: string | null;
  open_weights: boolean | null;
  context_tokens: number | null;
  price: number;
  input_price: number;
  output_price: number;
  provider: string;
  first_party: boolean;
  price_valid_from: string;
  score: number;
  score_date: string;
  /** Days between the score's snapshot and the date asked for (latest known score carried forward). */
  score_age_days: number;
  /** The price tier used (on-demand unless asked). */
  tier: string;
  metric: string;
  sources: string[];
}

async function resolveMetric(db: Db, id: string): Promise<Metric> {
  const metric = (await listMetrics(db)).find((m) => m.id === id);
  if (!metric) throw new CostError(`unknown metric "${id}" (see \`airace gap --list\`)`);
  return metric;
}

async function defaultDate(db: Db): Promise<string> {
  const r = await db.rows(
    z.object({ d: z.string().nullable() }),
    `SELECT CAST(max(valid_from) AS VARCHAR) AS d FROM prices`,
  );
  return String(r[0]?.d);
}

/** Models with both a price and a score on the date, and those with a score but no usable price. */
export async function candidatesAt(
  db: Db,
  metricId: string,
  date: string,
  blend: Blend,
  tier: string = DEFAULT_TIER,
): Promise<{ metric: Metric; candidates: Candidate[]; unpriced: { model: string; reason: string }[] }> {
  const metric = await resolveMetric(db, metricId);
  const [{ best, freeOnly, otherTierOnly }, scores, info] = await Promise.all([
    pricesAt(db, date, blend, tier),
    scoresAt(db, metric, date),
    modelInfo(db),
  ]);
  if (scores.size === 0)
    throw new CostError(`no ${metric.id} scores on or before ${date} (data from ${metric.date_min})`);
  if (best.size === 0) throw new CostError(`no prices valid on ${date} (prices start 2025-02-06)`);
  const candidates: Candidate[] = [];
  const unpriced: { model: string; reason: string }[] = [];
  for (const s of scores.values()) {
    const p = best.get(s.model);
    if (!p) {
      const reason = freeOnly.has(s.model)
        ? 'only a free (rate-limited) variant is listed on this date'
        : otherTierOnly.has(s.model)
          ? `no ${tier} price on this date (listed in another tier only)`
          : 'no price on this date';
      unpriced.push({ model: s.model, reason });
      continue;
    }
    const m = info.get(s.model);
    candidates.push({
      model: s.model,
      organization: m?.organization ?? null,
      country: m?.country ?? null,
      open_weights: m?.open_weights ?? null,
      context_tokens: Math.max(p.context_tokens ?? 0, m?.context_tokens ?? 0) || null,
      price: p.price,
      input_price: p.input,
      output_price: p.output,
      provider: p.provider,
      first_party: p.first_party,
      price_valid_from: p.valid_from,
      score: s.score,
      score_date: s.date,
      score_age_days: s.age_days,
      tier,
      metric: metric.id,
      sources: [...new Set([p.source_id, s.source_id, 'airace-curated-organizations'])],
    });
  }
  return { metric, candidates, unpriced };
}

export interface PickRequest {
  metric: string;
  minScore: number;
  openWeights?: boolean;
  /** `CC` (country or bloc) or `not:CC`. */
  origin?: string;
  minContext?: number;
  maxPrice?: number;
  asOf?: string;
  blend?: Blend;
  runnersUp?: number;
  /** Price tier: on-demand unless asked (batch, fine-tuned …). */
  tier?: string;
}

function originTest(origin: string | undefined): ((c: Candidate) => string | null) | null {
  if (!origin) return null;
  const m = /^(not:)?([A-Za-z]{2})$/.exec(origin.trim());
  if (!m) throw new CostError(`origin must be a country or bloc code (US, CN, EU, FR …) or not:CODE, not "${origin}"`);
  const code = (m[2] as string).toUpperCase();
  const negate = m[1] !== undefined;
  return (c) => {
    if (!c.country || c.country === 'unknown') return 'origin unknown';
    const is = c.country === code || blocOf(c.country) === code;
    return is === negate ? `origin ${c.country}${negate ? ` is ${code}` : ` is not ${code}`}` : null;
  };
}

export async function pick(db: Db, req: PickRequest) {
  const date = req.asOf ? checkDate(req.asOf) : await defaultDate(db);
  if (!Number.isFinite(req.minScore)) throw new CostError('min_score must be a number');
  const blend = req.blend ?? { input: 3, output: 1 };
  const origin = originTest(req.origin);
  const tier = req.tier ?? DEFAULT_TIER;
  const { metric, candidates, unpriced } = await candidatesAt(db, req.metric, date, blend, tier);
  const excluded: { model: string; reason: string }[] = [...unpriced];
  const ok: Candidate[] = [];
  for (const c of candidates) {
    const reasons: string[] = [];
    if (c.score < req.minScore) reasons.push(`score ${round(c.score)} below ${req.minScore}`);
    if (req.openWeights && c.open_weights !== true)
      reasons.push(c.open_weights === false ? 'weights not open' : 'open weights unknown');
    const o = origin?.(c);
    if (o) reasons.push(o);
    if (req.minContext !== undefined && (c.context_tokens ?? 0) < req.minContext)
      reasons.push(
        c.context_tokens === null ? 'context length unknown' : `context ${c.context_tokens} below ${req.minContext}`,
      );
    if (req.maxPrice !== undefined && c.price > req.maxPrice)
      reasons.push(`price $${round(c.price)} above $${req.maxPrice}`);
    if (reasons.length) excluded.push({ model: c.model, reason: reasons.join('; ') });
    else ok.push(c);
  }
  ok.sort((a, b) => a.price - b.price || b.score - a.score || a.model.localeCompare(b.model));
  const shape = (c: Candidate) => ({ ...c, price: round(c.price, 4), score: round(c.score, 4) });
  return {
    metric: metric.id,
    metric_title: metric.title,
    as_of: date,
    blend: `${blend.input}:${blend.output} input:output`,
    tier,
    constraints: {
      min_score: req.minScore,
      open_weights: req.openWeights ?? false,
      origin: req.origin ?? null,
      min_context: req.minContext ?? null,
      max_price: req.maxPrice ?? null,
    },
    pick: ok[0] ? shape(ok[0]) : null,
    runners_up: ok.slice(1, 1 + (req.runnersUp ?? 5)).map(shape),
    excluded: excluded.sort((a, b) => a.model.localeCompare(b.model)),
    note: ok.length ? null : 'no model meets every constraint on this date; see excluded for why each candidate failed',
  };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Pareto frontier: points that no other point beats on both price (lower) and score (higher). */
export function paretoFrontier<T extends { price: number; score: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.price - b.price || b.score - a.score);
  const out: T[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    if (p.score > best) {
      out.push(p);
      best = p.score;
    }
  }
  return out;
}

export async function frontier(db: Db, req: { metric: string; asOf?: string; blend?: Blend; tier?: string }) {
  const date = req.asOf ? checkDate(req.asOf) : await defaultDate(db);
  const blend = req.blend ?? { input: 3, output: 1 };
  const tier = req.tier ?? DEFAULT_TIER;
  const { metric, candidates } = await candidatesAt(db, req.metric, date, blend, tier);
  const bloc = (c: Candidate) => (c.country && c.country !== 'unknown' ? blocOf(c.country) : 'unknown');
  const overall = new Set(paretoFrontier(candidates).map((c) => c.model));
  const byBloc: Record<string, string[]> = {};
  for (const b of [...new Set(candidates.map(bloc))].sort())
    byBloc[b] = paretoFrontier(candidates.filter((c) => bloc(c) === b)).map((c) => c.model);
  const onBloc = new Set(Object.values(byBloc).flat());
  return {
    metric: metric.id,
    metric_title: metric.title,
    as_of: date,
    blend: `${blend.input}:${blend.output} input:output`,
    tier,
    points: candidates
      .sort((a, b) => a.price - b.price)
      .map((c) => ({ ...c, bloc: bloc(c), on_frontier: overall.has(c.model), on_bloc_frontier: onBloc.has(c.model) })),
    frontier: paretoFrontier(candidates).map((c) => ({
      model: c.model,
      country: c.country,
      price: round(c.price, 4),
      score: round(c.score, 4),
    })),
    by_bloc: byBloc,
  };
}

/** First day of each month from `from` to `to`, plus `to`. */
function months(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const d = `${y}-${String(m).padStart(2, '0')}-01`;
    if (d > to) break;
    if (d >= from) out.push(d);
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
  if (out.at(-1) !== to) out.push(to);
  return out;
}

export async function trend(
  db: Db,
  req: { metric: string; level: number; from?: string; to?: string; blend?: Blend; tier?: string },
) {
  const tier = req.tier ?? DEFAULT_TIER;
  if (!Number.isFinite(req.level)) throw new CostError('level must be a number');
  const blend = req.blend ?? { input: 3, output: 1 };
  const range = await db.rows(
    z.object({ lo: z.string().nullable(), hi: z.string().nullable() }),
    `SELECT CAST(min(valid_from) AS VARCHAR) AS lo, CAST(max(valid_from) AS VARCHAR) AS hi FROM prices`,
  );
  const from = req.from ? checkDate(req.from, 'from') : String(range[0]?.lo);
  const to = req.to ? checkDate(req.to, 'to') : String(range[0]?.hi);
  if (from > to) throw new CostError(`from (${from}) is after to (${to})`);
  const series = [];
  let metricTitle = req.metric;
  for (const date of months(from, to)) {
    let cands: Candidate[] = [];
    try {
      const r = await candidatesAt(db, req.metric, date, blend, tier);
      cands = r.candidates;
      metricTitle = r.metric.title;
    } catch (err) {
      if (!(err instanceof CostError) || /unknown metric/.test(err.message)) throw err;
    }
    const qualifying = cands.filter((c) => c.score >= req.level).sort((a, b) => a.price - b.price);
    const cheapest = qualifying[0];
    const medians: Record<string, number | null> = {};
    for (const b of ['US', 'CN', 'EU'])
      medians[b] = median(cands.filter((c) => c.country && blocOf(c.country) === b).map((c) => c.price));
    series.push({
      date,
      cheapest_model: cheapest?.model ?? null,
      cheapest_price: cheapest ? round(cheapest.price, 4) : null,
      cheapest_country: cheapest?.country ?? null,
      cheapest_sources: cheapest?.sources ?? [],
      models_priced_and_scored: cands.length,
      median_price_by_bloc: Object.fromEntries(
        Object.entries(medians).map(([k, v]) => [k, v === null ? null : round(v, 4)]),
      ),
    });
  }
  return {
    metric: req.metric,
    metric_title: metricTitle,
    level: req.level,
    blend: `${blend.input}:${blend.output} input:output`,
    tier,
    from,
    to,
    series,
  };
}
