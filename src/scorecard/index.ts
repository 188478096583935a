/**
 * @module
 * `airace score`: a country scorecard across the pillars (capability, adoption, cost, compute, policy),
 * each indicator computed from the data on the date with its sources, normalised min–max across the
 * countries compared (1 = best among them), averaged into pillars and weighted into a score whose weights
 * are always shown. The sensitivity analysis samples weights uniformly over the simplex and reports who
 * leads in what share of weightings, and which indicators decide the default ranking.
 */
import { z } from 'zod';
import { blocOf } from '../data/attribution.ts';
import type { Db } from '../store/db.ts';
import { adoption, AdoptionError } from '../adoption/index.ts';
import { classify } from '../compute/classify.ts';
import { parseDestination } from '../compute/destinations.ts';
import { loadChips, loadContext } from '../compute/index.ts';
import { candidatesAt, CostError } from '../cost/index.ts';
import { loadObservations } from '../frontier/load.ts';
import { bestByBloc } from '../frontier/best.ts';
import { listMetrics } from '../frontier/metrics.ts';
import { seededUniform } from '../ratings/random.ts';
import { timeline, type loadFx } from '../timeline/index.ts';
import { parseWeights, PILLARS, ScoreError, type Pillar } from './weights.ts';

export { parseWeights, PILLARS, ScoreError, type Pillar };

export interface Indicator {
  id: string;
  pillar: Pillar;
  description: string;
  better: 'higher' | 'lower';
  /** Value per country (null when the data has none for it). */
  values: Record<string, number | null>;
  sources: string[];
  /** Why the indicator has no values on this date, when it has none. */
  missing?: string;
}

/** Where a country's chips would ship to, for the license-free share: the bloc's reference destination. */
const REFERENCE_DESTINATION: Record<string, string> = { US: 'US', CN: 'CN', EU: 'DE' };

const byBloc = (
  rows: Record<string, string | number>[],
  countries: readonly string[],
): Record<string, number | null> => {
  const out: Record<string, number | null> = Object.fromEntries(countries.map((c) => [c, null]));
  for (const r of rows) {
    const c = String(r['country']);
    if (c === 'unknown') continue;
    for (const target of countries)
      if (c === target || blocOf(c) === target) out[target] = (out[target] ?? 0) + Number(r['share']);
  }
  return out;
};

export async function indicators(
  db: Db,
  asOf: string,
  countries: readonly string[],
  fx: ReturnType<typeof loadFx>,
): Promise<Indicator[]> {
  const out: Indicator[] = [];
  const metrics = await listMetrics(db);
  const empty = () => Object.fromEntries(countries.map((c) => [c, null])) as Record<string, number | null>;

  for (const [id, metricId, description] of [
    ['arena_text_best', 'arena-text', 'best Arena text rating on the latest snapshot on or before the date'],
    ['eci_best', 'epoch-eci', 'best Epoch Capabilities Index of a model released by the date'],
  ] as const) {
    const metric = metrics.find((m) => m.id === metricId);
    if (!metric) continue;
    const { observations } = await loadObservations(db, metric, false);
    const best = bestByBloc(observations, metric.view, asOf, countries);
    const values = Object.fromEntries(countries.map((c) => [c, best[c]?.score ?? null]));
    const sources = new Set(countries.flatMap((c) => (best[c] ? [best[c].source_id] : [])));
    out.push({ id, pillar: 'capability', description, better: 'higher', values, sources: [...sources] });
  }

  for (const [id, metric, description] of [
    ['openrouter_token_share', 'tokens', 'share of OpenRouter tokens over the 30 days to the date'],
    [
      'hf_download_share',
      'downloads',
      'share of 30-day Hugging Face downloads among the top open models (latest snapshot on or before the date)',
    ],
  ] as const) {
    try {
      const r = await adoption(db, { by: 'country', metric, asOf, days: 30 });
      out.push({
        id,
        pillar: 'adoption',
        description,
        better: 'higher',
        values: byBloc(r.rows, countries),
        sources: r.sources,
      });
    } catch (err) {
      // Only "no data for this date" is an answer; anything else is a defect to surface.
      if (!(err instanceof AdoptionError)) throw err;
      out.push({
        id,
        pillar: 'adoption',
        description: `${description} (no data on or before ${asOf})`,
        better: 'higher',
        values: empty(),
        sources: [],
        missing: err.message,
      });
    }
  }

  try {
    const { candidates } = await candidatesAt(db, 'arena-text', asOf, { input: 3, output: 1 });
    const scores = candidates.map((c) => c.score).sort((a, b) => a - b);
    const level = scores[Math.floor(scores.length / 2)] ?? 0;
    const values = empty();
    const sources = new Set<string>();
    for (const c of candidates) {
      if (c.score < level || !c.country) continue;
      for (const target of countries) {
        if (
          (c.country === target || blocOf(c.country) === target) &&
          (values[target] === null || c.price < (values[target] as number))
        ) {
          values[target] = c.price;
          c.sources.forEach((s) => sources.add(s));
        }
      }
    }
    out.push({
      id: 'cheapest_at_median_capability',
      pillar: 'cost',
      description: `cheapest blended price (3:1, $/M tokens) of a model at or above the median Arena text score of priced models (${level.toFixed(0)})`,
      better: 'lower',
      values,
      sources: [...sources],
    });
  } catch (err) {
    if (!(err instanceof CostError)) throw err;
    out.push({
      id: 'cheapest_at_median_capability',
      pillar: 'cost',
      description: 'cheapest blended price at the median capability (no data on the date)',
      better: 'lower',
      values: empty(),
      sources: [],
      missing: err.message,
    });
  }

  const chips = await loadChips(db);
  const best = empty();
  for (const c of chips) {
    const tflops = c.dense.bf16 ?? c.dense.fp16;
    if (tflops === undefined || !c.country) continue;
    for (const target of countries)
      if (
        (c.country === target || blocOf(c.country) === target) &&
        (best[target] === null || tflops > (best[target] as number))
      )
        best[target] = tflops;
  }
  out.push({
    id: 'best_chip_bf16_tflops',
    pillar: 'compute',
    description: 'dense BF16 (else FP16) TFLOPS of the best accelerator designed in the country',
    better: 'higher',
    values: best,
    sources: [...new Set(chips.flatMap((c) => c.sources))],
  });
  const ctx = await loadContext(db, chips);
  const access = empty();
  for (const target of countries) {
    const dest = REFERENCE_DESTINATION[target] ?? target;
    let ok = 0;
    let known = 0;
    for (const chip of chips.filter((c) => c.datacenter)) {
      const results = classify(ctx, chip, { date: asOf, destination: parseDestination(dest) }).filter((r) =>
        r.rule?.startsWith('3A090'),
      );
      if (results.some((r) => r.license_required === null)) continue;
      known++;
      if (!results.some((r) => r.license_required)) ok++;
    }
    access[target] = known ? ok / known : null;
  }
  out.push({
    id: 'chips_without_license',
    pillar: 'compute',
    description:
      'share of the datacenter chips in the data that ship to the country without a 3A090 license on the date (EU: Germany)',
    better: 'higher',
    values: access,
    sources: ctx.rules.flatMap((r) => r.source_ids).filter((s, i, xs) => xs.indexOf(s) === i),
  });

  const t = await timeline(db, { kinds: ['investment'], to: asOf }, fx);
  const pledged = empty();
  for (const e of t.events) {
    if (e.amount_usd === null || !e.country) continue;
    for (const target of countries)
      if (e.country === target || blocOf(e.country) === target) pledged[target] = (pledged[target] ?? 0) + e.amount_usd;
  }
  out.push({
    id: 'pledged_investment_usd',
    pillar: 'policy',
    description: `public and private AI investment pledged by the date, in USD (${fx.source.confidence} rates)`,
    better: 'higher',
    values: pledged,
    sources: [...new Set(t.events.flatMap((e) => e.sources))],
  });
  return out;
}

export interface ScoreRequest {
  asOf?: string;
  countries?: string[];
  weights?: Record<Pillar, number>;
  samples?: number;
  seed?: number;
}

function normalise(ind: Indicator): Record<string, number | null> {
  const vals = Object.values(ind.values).filter((v): v is number => v !== null);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  return Object.fromEntries(
    Object.entries(ind.values).map(([c, v]) => {
      if (v === null) return [c, null];
      if (hi === lo) return [c, 1];
      const x = (v - lo) / (hi - lo);
      return [c, ind.better === 'higher' ? x : 1 - x];
    }),
  );
}

function pillarScores(
  inds: readonly Indicator[],
  countries: readonly string[],
  skip?: string,
): Record<string, Record<Pillar, number | null>> {
  const out: Record<string, Record<Pillar, number | null>> = {};
  for (const c of countries) {
    out[c] = Object.fromEntries(
      PILLARS.map((p) => {
        const xs = inds
          .filter((i) => i.pillar === p && i.id !== skip)
          .map((i) => normalise(i)[c])
          .filter((v): v is number => v !== null && v !== undefined);
        return [p, xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null];
      }),
    ) as Record<Pillar, number | null>;
  }
  return out;
}

function weighted(p: Record<Pillar, number | null>, w: Record<Pillar, number>): number | null {
  let sum = 0;
  let wsum = 0;
  for (const k of PILLARS) {
    const v = p[k];
    if (v === null || (w[k] ?? 0) === 0) continue;
    sum += v * w[k];
    wsum += w[k];
  }
  return wsum ? sum / wsum : null;
}

const leaderOf = (scores: Record<string, number | null>) =>
  Object.entries(scores)
    .filter(([, s]) => s !== null)
    .sort((a, b) => (b[1] as number) - (a[1] as number))[0]?.[0] ?? null;

// The indicators depend on the date, the countries and the rates, not on the weights: another weighting (the
// dashboard's form, a sensitivity run) reuses them, once per database version. Rates are told apart by identity.
const fxIds = new WeakMap<ReturnType<typeof loadFx>, number>();
let fxCount = 0;
function sharedIndicators(
  db: Db,
  asOf: string,
  countries: readonly string[],
  fx: ReturnType<typeof loadFx>,
): Promise<readonly Readonly<Indicator>[]> {
  let fxId = fxIds.get(fx);
  if (fxId === undefined) fxIds.set(fx, (fxId = ++fxCount));
  return db.remember(`scorecard:${asOf}:${countries.join(',')}:${fxId}`, async () =>
    Object.freeze(
      (await indicators(db, asOf, countries, fx)).map((i) => {
        // Frozen at run time; typed as the plain record, which every reader only reads.
        const sources = Object.freeze([...i.sources]) as string[];
        return Object.freeze({ ...i, values: Object.freeze({ ...i.values }), sources });
      }),
    ),
  );
}

export async function score(db: Db, req: ScoreRequest, fx: ReturnType<typeof loadFx>) {
  const latest = `SELECT CAST(max(date) AS VARCHAR) AS d FROM usage`;
  const asOf = req.asOf ?? String((await db.rows(z.object({ d: z.string().nullable() }), latest))[0]?.d);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new ScoreError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  const countries = (req.countries ?? ['US', 'CN', 'EU']).map((c) => c.toUpperCase());
  if (countries.length < 2 || countries.some((c) => !/^[A-Z]{2}$/.test(c)))
    throw new ScoreError('--countries needs at least two country or bloc codes, e.g. US,CN,EU');
  const weights = req.weights ?? parseWeights(undefined);
  const inds = await sharedIndicators(db, asOf, countries, fx);
  const pillars = pillarScores(inds, countries);
  const scores = Object.fromEntries(
    countries.map((c) => [c, weighted(pillars[c] as Record<Pillar, number | null>, weights)]),
  );

  // Sensitivity: weights drawn uniformly from the simplex (normalised exponentials).
  const samples = req.samples ?? 10000;
  const u = seededUniform(req.seed ?? 0);
  const leads: Record<string, number> = Object.fromEntries(countries.map((c) => [c, 0]));
  for (let s = 0; s < samples; s++) {
    const w = Object.fromEntries(PILLARS.map((p) => [p, -Math.log(1 - u())])) as Record<Pillar, number>;
    const leader = leaderOf(
      Object.fromEntries(countries.map((c) => [c, weighted(pillars[c] as Record<Pillar, number | null>, w)])),
    );
    if (leader) leads[leader] = (leads[leader] ?? 0) + 1;
  }
  const leader = leaderOf(scores);
  const deciding = inds.map((i) => {
    const without = pillarScores(inds, countries, i.id);
    const l = leaderOf(
      Object.fromEntries(countries.map((c) => [c, weighted(without[c] as Record<Pillar, number | null>, weights)])),
    );
    return { indicator: i.id, leader_without: l, changes_leader: l !== leader };
  });
  return {
    as_of: asOf,
    weights,
    countries: countries
      .map((c) => ({
        country: c,
        score: scores[c] ?? null,
        pillars: PILLARS.map((p) => ({
          pillar: p,
          score: (pillars[c] as Record<Pillar, number | null>)[p],
          indicators: inds
            .filter((i) => i.pillar === p)
            .map((i) => ({
              id: i.id,
              description: i.description,
              value: i.values[c] ?? null,
              normalized: normalise(i)[c] ?? null,
              better: i.better,
              sources: i.sources,
              ...(i.missing ? { missing: i.missing } : {}),
            })),
        })),
      }))
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1)),
    sensitivity: {
      samples,
      seed: req.seed ?? 0,
      method: 'pillar weights drawn uniformly from the simplex',
      lead_share: Object.fromEntries(Object.entries(leads).map(([c, n]) => [c, n / samples])),
      deciding_indicators: deciding.filter((d) => d.changes_leader),
      leader_with_these_weights: leader,
    },
    method:
      'each indicator min–max normalised across the countries compared (1 = best of them; inverted where lower is better); a pillar is the mean of its indicators with data; the score is the weighted mean of the pillars with data. See docs/methods.md.',
  };
}
