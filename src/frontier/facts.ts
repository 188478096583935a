/**
 * @module
 * The frontier's checkable facts: leaderboard ratings, places and votes (the overall board of each leaderboard, on
 * every snapshot of its last 60 days and the last snapshot of each week before), benchmark results, and the gap
 * between the US and China by date, in points, percent of the leader's score and months, from the gap computation
 * itself (src/frontier/gap.ts).
 */
import { z } from 'zod';
import type { Deps, Fact } from '../ops/operation.ts';
import { gapSeries, type Observation, type View } from './gap.ts';
import { loadObservations } from './load.ts';
import { listMetrics } from './metrics.ts';

// Plain types (db.rows' fast path): the month-end boards are tens of thousands of rows.
const boardRow = z.object({
  leaderboard: z.string(),
  model_id: z.string(),
  d: z.string(),
  score: z.number(),
  votes: z.number().nullable(),
  preliminary: z.boolean().nullable(),
  source_id: z.string(),
});

const benchmarkRow = z.object({
  benchmark: z.string(),
  metric: z.string(),
  setting: z.string().nullable(),
  model_id: z.string(),
  score: z.number(),
  d: z.string().nullable(),
  source_id: z.string(),
});

/**
 * Boards of every day in this many days before a leaderboard's last (articles cite the board of a day: "the board
 * dated 14 August"); before that, the last board of each week (a month's last board is weeks away from a day an
 * article cites, and its votes and places have moved).
 */
const RECENT_DAYS = 60;

/** Leaderboard ratings and ranks, and benchmark results, by model. */
export async function boardFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const out: Fact[] = [];
  const boards = await db.rows(
    boardRow,
    `SELECT leaderboard, model_id, CAST(snapshot_date AS VARCHAR) AS d, score, votes, preliminary, source_id
     FROM leaderboard_entries e WHERE category = 'full' AND (snapshot_date IN (
       SELECT max(snapshot_date) FROM leaderboard_entries WHERE category = 'full'
       GROUP BY leaderboard, date_trunc('week', snapshot_date))
       OR snapshot_date > (SELECT max(snapshot_date) - INTERVAL ${RECENT_DAYS} DAY FROM leaderboard_entries x WHERE x.leaderboard = e.leaderboard))`,
  );
  // A model's place is its position by score on that day's board, as `airace leaderboard` lists it (ties share
  // the better place), not the board's own rank column, which some snapshots compute from intervals.
  const place = new Map<string, number>();
  /** The last place a tie spans, by the key of each model in it. */
  const tieEnd = new Map<string, number>();
  const byDay = new Map<string, { key: string; score: number }[]>();
  for (const r of boards) {
    // The board as listed: preliminary entries left out, each model once (its best row).
    if (r.preliminary === true) continue;
    const day = `${r.leaderboard}\u0000${r.d}`;
    let l = byDay.get(day);
    if (!l) byDay.set(day, (l = []));
    l.push({ key: `${day}\u0000${r.model_id}`, score: r.score });
  }
  for (const all of byDay.values()) {
    const best = new Map<string, { key: string; score: number }>();
    for (const x of all) if ((best.get(x.key)?.score ?? -Infinity) < x.score) best.set(x.key, x);
    const l = [...best.values()].sort((a, b) => b.score - a.score);
    l.forEach((x, k) =>
      place.set(x.key, k > 0 && x.score === l[k - 1]?.score ? (place.get(l[k - 1]?.key ?? '') ?? k + 1) : k + 1),
    );
    // Counting rows, a tie of three at 25th holds places 25 to 27.
    for (let k = l.length - 1, end = l.length; k >= 0; k--) {
      if (k < l.length - 1 && l[k]?.score !== l[k + 1]?.score) end = k + 1;
      if ((place.get(l[k]?.key ?? '') ?? 0) < end) tieEnd.set(l[k]?.key as string, end);
    }
  }
  // Built field by field (no spread of a shared base): tens of thousands of facts on every index build.
  const reading = (
    r: z.output<typeof boardRow>,
    metric: string,
    value: number,
    unit: string,
    suffix: string,
    statement: string,
  ): Fact => ({
    entity: r.model_id,
    entity_kind: 'model',
    time: r.d,
    source_ids: [r.source_id],
    status: r.preliminary === true ? 'preliminary' : 'confirmed',
    table: 'leaderboard_entries',
    id: `${r.leaderboard}:${r.model_id}:${r.d}${suffix}`,
    series: `${r.leaderboard}:${r.model_id}${suffix}`,
    reading: true,
    metric,
    value,
    unit,
    statement,
  });
  for (const r of boards) {
    const lb = r.leaderboard;
    const metric = lb === 'lmarena-text' ? 'arena_rating' : `rating:${lb}`;
    const entity = r.model_id;
    const time = r.d;
    out.push(reading(r, metric, r.score, 'rating points', '', `${entity} on ${lb}, ${time}: ${r.score}`));
    if (r.votes !== null && r.votes > 0)
      out.push(
        reading(
          r,
          metric.replace('rating', 'votes'),
          r.votes,
          'votes',
          ':votes',
          `${entity}: ${r.votes} votes on ${lb}, ${time}`,
        ),
      );
    const at = place.get(`${lb}\u0000${time}\u0000${entity}`);
    const to = tieEnd.get(`${lb}\u0000${time}\u0000${entity}`);
    if (at !== undefined) {
      const f = reading(
        r,
        metric.replace('rating', 'rank'),
        at,
        'rank',
        ':rank',
        `${entity}: place ${at}${to ? ` (tied: places ${at}–${to})` : ''} by score on ${lb}, ${time}`,
      );
      if (to) f.tied_to = to;
      out.push(f);
    }
  }
  deps.signal.throwIfAborted();
  for (const r of await db.rows(
    benchmarkRow,
    'SELECT benchmark, metric, setting, model_id, score, CAST(release_date AS VARCHAR) AS d, source_id FROM benchmark_results',
  )) {
    const key = `${r.benchmark}:${r.model_id}:${r.setting ?? ''}`;
    out.push({
      entity: r.model_id,
      entity_kind: 'model',
      metric: `benchmark:${r.benchmark}`,
      value: r.score,
      unit: r.metric,
      time: r.d,
      source_ids: [r.source_id],
      status: 'confirmed',
      table: 'benchmark_results',
      id: key,
      series: key,
      statement: `${r.model_id} on ${r.benchmark}: ${r.score} (${r.metric})`,
    });
  }
  return out;
}

/** The US–China gap by date on each Arena board and the Capabilities Index (the point estimate, no resampling). */
/**
 * The gaps the news reports: on the Arena (overall, Chinese prompts, coding, vision), on Epoch's capabilities index and on
 * Artificial Analysis's indices.
 */
export const GAP_METRICS = [
  'arena-text',
  'arena-text-chinese',
  'arena-text-coding',
  'arena-vision',
  'epoch-eci',
  'aa-intelligence',
  'aa-coding',
  'aa-agentic',
];

export async function gapFactsOf(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const out: Fact[] = [];
  // (Every metric the gap view computes: the news cites gaps on benchmarks too, "about four months" on SWE-bench.)
  const metrics = await listMetrics(db);
  for (const m of metrics) {
    deps.signal.throwIfAborted();
    const loaded = await loadObservations(db, m, false);
    out.push(...gapFacts(m.id, m.view, loaded.observations, 'US', 'CN'));
  }
  return out;
}

/**
 * The gap between `leader` and `follower` by date (points, percent of the leader's score, months), from the
 * frontier computation without resampling. Indexed under the follower with the leader as `versus`, and
 * under the leader with the follower as `versus` (the same gap seen from the other side).
 */
export function* gapFacts(
  metricId: string,
  view: View,
  observations: readonly Observation[],
  leader: string,
  follower: string,
): Generator<Fact> {
  const series = gapSeries(observations, { view, leader, follower, rounds: 0, seed: 0 });
  for (const p of series) {
    const percent =
      p.points_gap !== null && p.leader_score !== null && p.leader_score > 0 ? p.points_gap / p.leader_score : null;
    for (const [metric, v, unit] of [
      ['gap_points', p.points_gap, 'points'],
      ['gap_percent', percent, 'ratio'],
      ['gap_months', p.months_gap, 'months'],
    ] as const) {
      if (v === null || !Number.isFinite(v)) continue;
      const censored = metric === 'gap_months' && p.months_censored;
      const shown = unit === 'ratio' ? `${(100 * v).toFixed(1)}%` : `${Number(v.toFixed(1))} ${unit}`;
      const common = {
        entity_kind: 'country' as const,
        metric,
        value: v,
        unit,
        time: p.date,
        source_ids: p.sources,
        status: censored ? 'lower bound (censored)' : 'confirmed',
        table: `gap (${metricId})`,
        reading: true,
        // (In the release view the months gap grows with the days until the next point: see gapAt.)
        ...(metric === 'gap_months' && view === 'release' ? { drift: v >= 0 ? 1 : -1 } : {}),
        statement: `${metricId}, ${p.date}: ${leader} ${String(p.leader_model)} ${String(p.leader_score)} vs ${follower} ${String(p.follower_model)} ${String(p.follower_score)}; gap ${shown}`,
      };
      const series = `${metricId}:${metric}`;
      yield { ...common, entity: follower, versus: leader, id: `${metricId}:${p.date}:${metric}:${follower}`, series };
      yield { ...common, entity: leader, versus: follower, id: `${metricId}:${p.date}:${metric}:${leader}`, series };
      // The same gap is said of the two flagships: "Kimi K3 Max sits 17 points behind the best American model".
      // Measured against the other side's flagship or its country, whichever the claim names.
      for (const [model, other, country] of [
        [p.follower_model, p.leader_model, leader],
        [p.leader_model, p.follower_model, follower],
      ] as const) {
        if (typeof model !== 'string' || typeof other !== 'string') continue;
        for (const versus of [other, country]) {
          const id = `${metricId}:${p.date}:${metric}:${model}:${versus}`;
          yield {
            ...common,
            entity_kind: 'model' as const,
            entity: model,
            versus,
            id,
            series: `${series}:${model}:${versus}`,
          };
        }
      }
    }
  }
}
