/**
 * @module
 * `airace gap`: the frontier of two blocs on one metric and the gap between them, in points and months,
 * with uncertainty and sources. Loads observations (load.ts), computes (gap.ts), reports.
 */
import { CURATED_SOURCE } from '../data/attribution.ts';
import type { Db } from '../store/db.ts';
import { gapAt, gapSeries, type GapPoint } from './gap.ts';
import { loadObservations, type Loaded } from './load.ts';
import { listMetrics, type Metric } from './metrics.ts';

export interface GapRequest {
  metric: string;
  asOf?: string;
  leader: string;
  follower: string;
  includePreliminary?: boolean;
  rounds?: number;
  seed?: number;
}

export interface GapReport {
  metric: string;
  title: string;
  view: Metric['view'];
  unit: string;
  as_of: string | null;
  /** The date of the data point used: the snapshot, or the last release on or before as_of. */
  data_date: string | null;
  leader: string;
  follower: string;
  leader_model: string | null;
  leader_score: number | null;
  follower_model: string | null;
  follower_score: number | null;
  points_gap: number | null;
  points_ci: [number, number] | null;
  months_gap: number | null;
  months_ci: [number, number] | null;
  months_censored: boolean;
  preliminary: 'included' | 'excluded' | 'not applicable';
  uncertainty: string;
  coverage: Loaded['coverage'];
  sources: string[];
  method: string;
  series?: GapPoint[];
}

export class GapError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function computeGap(db: Db, req: GapRequest, withSeries = false): Promise<GapReport> {
  const metrics = await listMetrics(db);
  const metric = metrics.find((m) => m.id === req.metric);
  if (!metric) throw new GapError(`unknown metric "${req.metric}" (see \`airace gap --list\`)`);
  if (req.asOf !== undefined && (!DATE.test(req.asOf) || Number.isNaN(Date.parse(req.asOf))))
    throw new GapError(`--as-of must be a date YYYY-MM-DD, not "${req.asOf}"`);
  const leader = req.leader.toUpperCase();
  const follower = req.follower.toUpperCase();
  if (leader === follower) throw new GapError('leader and follower must differ');
  const loaded = await loadObservations(db, metric, req.includePreliminary === true);
  const blocs = new Set(loaded.observations.map((o) => o.bloc).filter((b) => b !== 'unknown'));
  for (const b of [leader, follower])
    if (!blocs.has(b))
      throw new GapError(`no ${metric.id} scores for ${b} (blocs with data: ${[...blocs].sort().join(', ')})`);
  const view = metric.view;
  const rounds = req.rounds ?? 300;
  const seed = req.seed ?? 0;
  const series = gapSeries(loaded.observations, {
    view,
    leader,
    follower,
    rounds,
    seed,
    resampleModels: view === 'release',
  });
  if (req.asOf !== undefined && (series[0]?.date ?? '') > req.asOf)
    throw new GapError(`no ${metric.id} data on or before ${req.asOf} (data starts ${series[0]?.date})`);
  const at = gapAt(series, view, req.asOf);
  const withSd = loaded.observations.filter((o) => o.sd !== null).length;
  const share = loaded.observations.length ? Math.round((100 * withSd) / loaded.observations.length) : 0;
  const usedSources = [...new Set(loaded.observations.map((o) => o.source_id))].sort();
  return {
    metric: metric.id,
    title: metric.title,
    view,
    unit: metric.unit,
    as_of: req.asOf ?? at?.date ?? null,
    data_date: at?.date ?? null,
    leader,
    follower,
    leader_model: at?.leader_model ?? null,
    leader_score: at?.leader_score ?? null,
    follower_model: at?.follower_model ?? null,
    follower_score: at?.follower_score ?? null,
    points_gap: at?.points_gap ?? null,
    points_ci: at?.points_ci ?? null,
    months_gap: at?.months_gap ?? null,
    months_ci: at?.months_ci ?? null,
    months_censored: at?.months_censored ?? false,
    preliminary: view === 'snapshot' ? (req.includePreliminary ? 'included' : 'excluded') : 'not applicable',
    uncertainty:
      view === 'release'
        ? `${rounds} rounds (seed ${seed}) of a bootstrap over models (with replacement), ${withSd === 0 ? 'with scores held fixed: no score of this benchmark has a stderr in the source' : `with each score resampled within its stderr (${share}% have one; the rest are held fixed)`}`
        : withSd === 0
          ? 'none: no entry of this leaderboard has a published interval, so none is given'
          : `${rounds} resamples (seed ${seed}) of every entry within its published 95% CI (as ±1.96 sd); ${share}% of entries have one, the rest are held fixed, and dates where none has one get no interval`,
    coverage: loaded.coverage,
    sources: [...usedSources, CURATED_SOURCE.id],
    method:
      view === 'snapshot'
        ? 'Snapshot view: on each leaderboard snapshot, each bloc\u2019s best model; points gap = leader − follower; months gap = time since the leader\u2019s best first reached the follower\u2019s current level. See docs/methods.md.'
        : 'Release view: each bloc\u2019s best result among models released on or before the date; points gap = leader − follower; months gap = time since the leader\u2019s frontier first reached the follower\u2019s level. See docs/methods.md.',
    ...(withSeries ? { series } : {}),
  };
}

export { listMetrics };
