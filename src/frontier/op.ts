/**
 * @module
 * Capability: the frontier of two blocs on one metric and the gap between them, in points and months.
 */
import { z } from 'zod';
import { InputError, operation, type Deps } from '../ops/operation.ts';
import { choice, code, date, flag, int, text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { computeGap, GapError, listMetrics } from './index.ts';
import { frontierSvg } from './plot.ts';
import { boardFacts, gapFactsOf } from './facts.ts';
import { leaderboardAt } from '../models/model-page.ts';

const interval = z.tuple([z.number(), z.number()]).nullable();

/** What a gap says at one date: both frontiers and the gap between them. */
const atDate = {
  leader_model: z.string().nullable(),
  leader_score: z.number().nullable(),
  follower_model: z.string().nullable(),
  follower_score: z.number().nullable(),
  points_gap: z.number().nullable(),
  points_ci: interval,
  months_gap: z.number().nullable(),
  months_ci: interval,
  months_censored: z.boolean(),
  sources: z.array(z.string()),
};

const point = z.object({ date: z.string(), ...atDate });

export const gapReport = z.object({
  metric: z.string(),
  title: z.string(),
  view: z.enum(['snapshot', 'release']),
  unit: z.string(),
  as_of: z.string().nullable(),
  data_date: z.string().nullable(),
  leader: z.string(),
  follower: z.string(),
  ...atDate,
  preliminary: choice(['included', 'excluded', 'not applicable']),
  uncertainty: z.string(),
  coverage: z.record(z.string(), z.number()),
  method: z.string(),
  series: z.array(point).optional(),
});

const gapInput = z
  .object({
    metric: text(64).default('arena-text').describe('metric id (see gap metrics)'),
    as_of: date().optional().describe('date YYYY-MM-DD (default: the latest data)'),
    leader: code().default('US').describe('country or bloc (US, CN, EU, FR, UK …)'),
    follower: code().default('CN').describe('country or bloc'),
    series: flag().optional().describe('the whole time series, not one date'),
    include_preliminary: flag().optional().describe('count preliminary Arena entries'),
    rounds: int(0, 2000).default(300).describe('resampling rounds for the intervals'),
    seed: int(0, 1_000_000).default(0).describe('random seed of the resampling'),
  })
  .strict();

type GapInput = z.output<typeof gapInput>;

/** The gap's own errors, named by the input they concern. */
function gapFailure(err: unknown): unknown {
  if (!(err instanceof GapError)) return err;
  const m = err.message;
  const field = /metric/.test(m)
    ? 'metric'
    : /as-of|on or before/.test(m)
      ? 'as_of'
      : /follower|leader/.test(m)
        ? 'follower'
        : 'metric';
  const leader = /^no \S+ scores for (\S+)/.exec(m);
  return new InputError(
    leader ? 'leader' : field,
    m.replace(/ \(see `airace gap --list`\)/, ' (see gap metrics)').replace('--as-of', 'as_of'),
  );
}

const runGap = async (deps: Deps, i: GapInput, withSeries: boolean) =>
  computeGapOrFail(
    await deps.db(),
    {
      metric: i.metric,
      asOf: i.as_of,
      leader: i.leader,
      follower: i.follower,
      includePreliminary: i.include_preliminary,
      rounds: i.rounds,
      seed: i.seed,
    },
    withSeries,
  );

async function computeGapOrFail(...args: Parameters<typeof computeGap>) {
  try {
    return await computeGap(...args);
  } catch (err) {
    throw gapFailure(err);
  }
}

const fmt = (x: number | null, digits = 1): string => (x === null ? 'n/a' : x.toFixed(digits));

export const gap = operation({
  name: 'gap',
  facts: gapFactsOf,
  summary: 'frontier of two blocs and the gap in points and months, with intervals',
  input: gapInput,
  output: gapReport,
  http: { method: 'GET' },
  expensive: true,
  examples: [
    { rounds: '30' },
    { metric: 'epoch-eci', as_of: '2026-04-15', rounds: '50' },
    { series: 'true', rounds: '20' },
  ],
  run: async (deps, i) => {
    const r = await runGap(deps, i, i.series === true);
    return r as z.output<typeof gapReport>;
  },
  rows: (r) => r.series ?? [r],
  svg: async (deps, i) => {
    const r = await runGap(deps, i, true);
    return frontierSvg({ ...r, series: r.series ?? [] });
  },
  text: (r) => {
    // Fraction-scale benchmarks (0–1) need more digits than rating points.
    const dp = Math.abs(r.leader_score ?? 0) <= 1.5 ? 3 : 1;
    const ci = (c: [number, number] | null, digits = 1) =>
      c ? ` (95% CI ${fmt(c[0], digits)} to ${fmt(c[1], digits)})` : '';
    const months =
      r.months_gap === null
        ? 'months: n/a'
        : `${r.months_censored ? 'at least ' : ''}${fmt(r.months_gap)} months${ci(r.months_ci)}`;
    const table = r.series
      ? formatTable(
          r.series.map((p) => ({
            date: p.date,
            [r.leader]: p.leader_model,
            [`${r.leader} score`]: fmt(p.leader_score, dp),
            [r.follower]: p.follower_model,
            [`${r.follower} score`]: fmt(p.follower_score, dp),
            points: fmt(p.points_gap, dp),
            months: fmt(p.months_gap),
          })),
        )
      : '';
    return (
      table +
      `${r.title}, ${r.view} view, as of ${r.as_of} (data of ${r.data_date})\n` +
      `  ${r.leader}: ${r.leader_model} ${fmt(r.leader_score, dp)}   ${r.follower}: ${r.follower_model} ${fmt(r.follower_score, dp)}\n` +
      `  gap: ${fmt(r.points_gap, dp)} points${ci(r.points_ci, dp)}; ${months}\n` +
      `  preliminary entries: ${r.preliminary}; uncertainty: ${r.uncertainty}\n  sources: ${r.sources.join(', ')}\n`
    );
  },
});

export const gapMetrics = operation({
  name: 'gap.metrics',
  facts: boardFacts,
  summary: 'the metric ids the gap knows, with their view and coverage',
  input: z.object({}).strict(),
  output: z.object({
    metrics: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        view: z.enum(['snapshot', 'release']),
        unit: z.string(),
        rows: z.number(),
        date_min: z.string().nullable(),
        date_max: z.string().nullable(),
      }),
    ),
  }),
  http: { method: 'GET' },
  run: async (deps) => ({ metrics: [...(await listMetrics(await deps.db()))] }),
  rows: (o) => o.metrics,
  text: (o) =>
    formatTable(
      o.metrics.map((m) => ({
        id: m.id,
        view: m.view,
        title: m.title,
        rows: m.rows,
        from: m.date_min,
        to: m.date_max,
      })),
    ),
});

const boardEntry = z.object({
  model_id: z.string(),
  score: z.number(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  votes: z.number().nullable(),
  source_id: z.string(),
  organization_id: z.string().nullable(),
  country: z.string().nullable(),
  date: z.string(),
});

export const leaderboard = operation({
  name: 'leaderboard',
  summary: "a leaderboard's overall board on its last snapshot on or before a date: rating, interval, votes, who",
  input: z
    .object({
      board: text(60).default('lmarena-text').describe('leaderboard id (see `airace gap metrics`), e.g. lmarena-text'),
      as_of: date().optional().describe('date YYYY-MM-DD (default: the latest snapshot)'),
      limit: int(1, 500).default(30).describe('models shown, best first'),
    })
    .strict(),
  output: z.object({ board: z.string(), as_of: z.string().nullable(), rows: z.array(boardEntry) }),
  http: { method: 'GET' },
  examples: [{}, { board: 'lmarena-text', as_of: '2025-06-01', limit: '10' }],
  async run(deps, i) {
    const db = await deps.db();
    const rows = await leaderboardAt(db, i.board, i.as_of ?? null, i.limit);
    if (!rows.length) {
      const known = (await listMetrics(db)).flatMap((m) => (m.leaderboard ? [m.leaderboard.leaderboard] : []));
      if (!known.includes(i.board))
        throw new InputError('board', `unknown leaderboard "${i.board}" (known: ${[...new Set(known)].join(', ')})`);
      throw new InputError('as_of', `no ${i.board} snapshot on or before ${i.as_of ?? 'today'}`);
    }
    return { board: i.board, as_of: rows[0]?.date ?? null, rows };
  },
  rows: (r) => r.rows,
  text: (r) =>
    `${r.board} on ${r.as_of}:\n` +
    formatTable(
      r.rows.map((x, k) => ({
        // Ties share the better place, as the fact index counts places.
        rank: r.rows.findIndex((y) => y.score === x.score) + 1 || k + 1,
        model: x.model_id,
        score: Math.round(x.score),
        votes: x.votes ?? '',
        country: x.country ?? '',
        source: x.source_id,
      })),
    ),
});

export const frontierOps = [gap, gapMetrics, leaderboard];
