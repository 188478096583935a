/**
 * @module
 * Cost: the cheapest model meeting constraints, the price–capability frontier, and the price of a
 * capability level over time.
 */
import { z } from 'zod';
import { InputError, operation, type Deps } from '../ops/operation.ts';
import { date, flag, int, num, text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { frontier, parseBlend, pick, trend } from './index.ts';
import { scatterSpec, toSvg, trendSpec } from './plot.ts';
import { priceFacts } from './facts.ts';

const base = {
  metric: text(64).default('arena-text').describe('capability metric (ids as in gap metrics)'),
  blend: z
    .string()
    .regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/, 'must be INPUT:OUTPUT such as 3:1')
    .default('3:1')
    .describe('input:output token ratio of the blended price'),
  tier: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a price tier such as on-demand, batch or fine-tuned')
    .default('on-demand')
    .describe('price tier: on-demand list prices unless asked (batch, fine-tuned …)'),
};

/** A priced and scored model (cost's Candidate), every field as the API gives it. */
const candidate = z.object({
  model: z.string(),
  organization: z.string().nullable(),
  country: z.string().nullable(),
  open_weights: z.boolean().nullable(),
  context_tokens: z.number().nullable(),
  price: z.number().describe('blended $ per million tokens'),
  input_price: z.number(),
  output_price: z.number(),
  provider: z.string(),
  first_party: z.boolean(),
  price_valid_from: z.string(),
  score: z.number(),
  score_date: z.string(),
  score_age_days: z.number().describe('days between the score used and the date asked for'),
  tier: z.string(),
  metric: z.string(),
  sources: z.array(z.string()),
});

const pickInput = z
  .object({
    ...base,
    min_score: num().describe('minimum score on the metric'),
    open_weights: flag().optional().describe('only models with open weights'),
    origin: z
      .string()
      .regex(/^(not:)?[A-Za-z]{2}$/, 'must be CC or not:CC')
      .optional()
      .describe('only this origin (US, CN, EU, FR …) or not:CC to exclude one'),
    min_context: int(0, 100_000_000).optional().describe('minimum context length in tokens'),
    max_price: num(0).optional().describe('maximum blended price, $ per million tokens'),
    as_of: date().optional().describe('date YYYY-MM-DD (default: the latest price data)'),
  })
  .strict();

export const costPick = operation({
  name: 'cost.pick',
  facts: priceFacts,
  summary: 'the cheapest model at or above a score, under constraints; runners-up; why others were excluded',
  input: pickInput,
  output: z.object({
    metric: z.string(),
    metric_title: z.string(),
    as_of: z.string(),
    blend: z.string(),
    tier: z.string(),
    constraints: z.record(z.string(), z.unknown()),
    pick: candidate.nullable(),
    runners_up: z.array(candidate),
    excluded: z.array(z.object({ model: z.string(), reason: z.string() })),
    note: z.string().nullable(),
  }),
  http: { method: 'GET' },
  examples: [{ min_score: '1300' }, { min_score: '1350', open_weights: 'true', origin: 'not:CN' }],
  run: async (deps, i) =>
    pick(await deps.db(), {
      metric: i.metric,
      minScore: i.min_score,
      openWeights: i.open_weights,
      origin: i.origin,
      minContext: i.min_context,
      maxPrice: i.max_price,
      asOf: i.as_of,
      blend: parseBlend(i.blend),
      tier: i.tier,
    }),
  rows: (r) => (r.pick ? [r.pick, ...r.runners_up] : []),
  text: (r) => {
    const line = (c: z.infer<typeof candidate>) => ({
      model: c.model,
      country: c.country,
      open: c.open_weights,
      price: `$${c.price}`,
      score: c.score,
      provider: c.provider,
      sources: c.sources.join(' '),
    });
    const reasons = new Map<string, number>();
    for (const e of r.excluded) {
      for (const why of e.reason.split('; ')) {
        const k = why.replace(/[\d.$]+/g, 'N');
        reasons.set(k, (reasons.get(k) ?? 0) + 1);
      }
    }
    const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6);
    return (
      `${r.metric_title} ≥ ${String(r.constraints['min_score'])} on ${r.as_of}, blended price ${r.blend}\n` +
      (r.pick
        ? `pick:\n${formatTable([line(r.pick)], 60)}runners-up:\n${formatTable(r.runners_up.map(line), 60)}`
        : `${r.note}\n`) +
      `excluded ${r.excluded.length} (--json lists each with its reason): ${top.map(([w, n]) => `${n} × ${w}`).join('; ')}\n`
    );
  },
});

const frontierInput = z
  .object({ ...base, as_of: date().optional().describe('date YYYY-MM-DD (default: the latest price data)') })
  .strict();

const runFrontier = async (deps: Deps, i: z.output<typeof frontierInput>) =>
  frontier(await deps.db(), { metric: i.metric, asOf: i.as_of, blend: parseBlend(i.blend), tier: i.tier });

export const costFrontier = operation({
  name: 'cost.frontier',
  summary: 'the price–capability Pareto frontier at a date, overall and by origin',
  input: frontierInput,
  output: z.object({
    metric: z.string(),
    metric_title: z.string(),
    as_of: z.string(),
    blend: z.string(),
    tier: z.string(),
    points: z.array(candidate.extend({ bloc: z.string(), on_frontier: z.boolean(), on_bloc_frontier: z.boolean() })),
    frontier: z.array(
      z.object({ model: z.string(), country: z.string().nullable(), price: z.number(), score: z.number() }),
    ),
    by_bloc: z.record(z.string(), z.array(z.string())),
  }),
  http: { method: 'GET' },
  run: (deps, i) => runFrontier(deps, i),
  rows: (r) => r.points,
  svg: async (deps, i) => {
    const r = await runFrontier(deps, i);
    const sources = [...new Set(r.points.flatMap((p) => p.sources))];
    return toSvg(scatterSpec({ title: r.metric_title, asOf: r.as_of, blend: r.blend, points: r.points, sources }));
  },
  text: (r) =>
    `${r.metric_title} on ${r.as_of}, blended price ${r.blend}: ${r.points.length} models priced and scored\nfrontier:\n` +
    formatTable(r.frontier.map((f) => ({ model: f.model, country: f.country, price: `$${f.price}`, score: f.score }))) +
    Object.entries(r.by_bloc)
      .map(([b, ms]) => `${b} frontier: ${ms.join(', ')}\n`)
      .join(''),
});

const trendInput = z
  .object({
    ...base,
    level: num().describe('capability level (score on the metric)'),
    from: date().optional().describe('first date (default: the first price data)'),
    to: date().optional().describe('last date (default: the latest price data)'),
  })
  .strict();

async function runTrend(deps: Deps, i: z.output<typeof trendInput>) {
  // Each month is a full price-and-score join: a century of months would hold a worker for minutes.
  if (i.from && i.to && Date.parse(i.to) - Date.parse(i.from) > 15 * 365.25 * 86_400_000) {
    throw new InputError('to', 'from and to may be at most 15 years apart');
  }
  const req = { metric: i.metric, level: i.level, from: i.from, to: i.to, blend: parseBlend(i.blend), tier: i.tier };
  return trend(await deps.db(), req);
}

export const costTrend = operation({
  name: 'cost.trend',
  summary: 'the cheapest price of a capability level over time, and median prices by origin',
  input: trendInput,
  output: z.object({
    metric: z.string(),
    metric_title: z.string(),
    level: z.number(),
    blend: z.string(),
    tier: z.string(),
    from: z.string(),
    to: z.string(),
    series: z.array(
      z.object({
        date: z.string(),
        cheapest_model: z.string().nullable(),
        cheapest_price: z.number().nullable(),
        cheapest_country: z.string().nullable(),
        cheapest_sources: z.array(z.string()),
        models_priced_and_scored: z.number(),
        median_price_by_bloc: z.record(z.string(), z.number().nullable()),
      }),
    ),
  }),
  http: { method: 'GET' },
  expensive: true,
  examples: [{ level: '1300', from: '2025-06-01', to: '2025-09-01' }],
  run: (deps, i) => runTrend(deps, i),
  rows: (r) => r.series.map(({ median_price_by_bloc, ...x }) => ({ ...x, ...median_price_by_bloc })),
  svg: async (deps, i) => {
    const r = await runTrend(deps, i);
    const sources = [...new Set(r.series.flatMap((x) => x.cheapest_sources))];
    return toSvg(trendSpec({ title: r.metric_title, level: r.level, blend: r.blend, series: r.series, sources }));
  },
  text: (r) =>
    `cheapest model with ${r.metric_title} ≥ ${r.level}, blended ${r.blend}\n` +
    formatTable(
      r.series.map((x) => ({
        date: x.date,
        cheapest: x.cheapest_model ?? '-',
        country: x.cheapest_country ?? '',
        price: x.cheapest_price === null ? '' : `$${x.cheapest_price}`,
        'median US': x.median_price_by_bloc['US'] ?? '',
        'median CN': x.median_price_by_bloc['CN'] ?? '',
        'median EU': x.median_price_by_bloc['EU'] ?? '',
      })),
    ),
});

export const costOps = [costPick, costFrontier, costTrend];
