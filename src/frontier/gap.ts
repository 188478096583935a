/**
 * @module
 * Frontiers and gaps, as pure computation over scored observations (no I/O).
 *
 * The frontier of bloc X at date t is the best score among X's models at t: on a leaderboard snapshot,
 * the best entry of that snapshot (snapshot view); on benchmark results, the best result of a model
 * released on or before t (release view). Points gap = leader frontier − follower frontier. Months gap =
 * how long before t the leader's frontier first reached the follower's level at t (negative when the
 * follower is ahead: how long before t the follower first reached the leader's level). Uncertainty: every
 * score is resampled within its own standard error (published CI or stderr), seeded; scores without one are
 * held fixed, and the share that had one is reported.
 */
import { seededUniform } from '../ratings/random.ts';
import { quantile } from '../util/stats.ts';

export type View = 'snapshot' | 'release';

export interface Observation {
  /** Snapshot date (snapshot view) or release date (release view), YYYY-MM-DD. */
  date: string;
  model: string;
  bloc: string;
  score: number;
  /** Standard error of the score, when the source gives one. */
  sd: number | null;
  source_id: string;
}

export interface GapPoint {
  date: string;
  leader_model: string | null;
  leader_score: number | null;
  follower_model: string | null;
  follower_score: number | null;
  points_gap: number | null;
  points_ci: [number, number] | null;
  months_gap: number | null;
  months_ci: [number, number] | null;
  /** True when the leader was already above the follower's level at the first date of the data: the months gap is at least this. */
  months_censored: boolean;
  /** Sources of the two frontier scores. */
  sources: string[];
}

export interface GapOptions {
  view: View;
  leader: string;
  follower: string;
  rounds?: number;
  seed?: number;
  /**
   * Also resample which models are in the data (a bootstrap over models, with replacement): the
   * frontier's sensitivity to any single model. Used in the release view, where a benchmark is a sample
   * of the models that exist; a leaderboard snapshot lists them all.
   */
  resampleModels?: boolean;
}

export const DAYS_PER_MONTH = 365.25 / 12;
const dayNumber = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Per date, the best score of one bloc and which observation gave it; NaN where the bloc has none. */
interface Levels {
  dates: string[];
  leader: Float64Array;
  follower: Float64Array;
  leaderIdx: Int32Array;
  followerIdx: Int32Array;
}

/**
 * Frontier levels on every date of the data. `scores` can be a resampled copy of the observations' scores.
 * Observations must be sorted by date.
 */
function levels(
  obs: readonly Observation[],
  scores: Float64Array,
  dates: string[],
  dateIdx: Int32Array,
  view: View,
  leader: string,
  follower: string,
  included: Uint8Array | null = null,
): Levels {
  const D = dates.length;
  const L = new Float64Array(D).fill(Number.NaN);
  const F = new Float64Array(D).fill(Number.NaN);
  const li = new Int32Array(D).fill(-1);
  const fi = new Int32Array(D).fill(-1);
  for (let k = 0; k < obs.length; k++) {
    if (included !== null && included[k] === 0) continue;
    const o = obs[k] as Observation;
    const d = dateIdx[k] as number;
    const s = scores[k] as number;
    if (o.bloc === leader && !(s <= (L[d] as number))) {
      L[d] = s;
      li[d] = k;
    } else if (o.bloc === follower && !(s <= (F[d] as number))) {
      F[d] = s;
      fi[d] = k;
    }
  }
  if (view === 'release') {
    // A model released earlier is still available later: carry the best forward.
    for (let d = 1; d < D; d++) {
      if (!((L[d] as number) >= (L[d - 1] as number)) && !Number.isNaN(L[d - 1] as number)) {
        L[d] = L[d - 1] as number;
        li[d] = li[d - 1] as number;
      }
      if (!((F[d] as number) >= (F[d - 1] as number)) && !Number.isNaN(F[d - 1] as number)) {
        F[d] = F[d - 1] as number;
        fi[d] = fi[d - 1] as number;
      }
    }
  }
  return { dates, leader: L, follower: F, leaderIdx: li, followerIdx: fi };
}

/**
 * Months before date index t at which `series` (running best) first reached `level`.
 * Returns [months, censored]; null if it never did by t.
 */
function monthsToReach(series: Float64Array, days: Float64Array, t: number, level: number): [number, boolean] | null {
  let best = Number.NEGATIVE_INFINITY;
  let first = -1;
  for (let s = 0; s <= t; s++) {
    const v = series[s] as number;
    if (!Number.isNaN(v) && v > best) best = v;
    if (best >= level) {
      first = s;
      break;
    }
  }
  if (first === -1) return null;
  // Censored: reached at the first date where this series has data, so it may have been reached earlier.
  let firstData = 0;
  while (firstData < series.length && Number.isNaN(series[firstData] as number)) firstData++;
  return [((days[t] as number) - (days[first] as number)) / DAYS_PER_MONTH, first === firstData];
}

function monthsGap(lv: Levels, days: Float64Array, t: number): [number, boolean] | null {
  const l = lv.leader[t] as number;
  const f = lv.follower[t] as number;
  if (Number.isNaN(l) || Number.isNaN(f)) return null;
  if (l >= f) return monthsToReach(lv.leader, days, t, f);
  const r = monthsToReach(lv.follower, days, t, l);
  return r === null ? null : [-r[0], r[1]];
}

/** A standard normal variate (Box–Muller). */
function normal(u: () => number): number {
  let x = u();
  while (x === 0) x = u();
  return Math.sqrt(-2 * Math.log(x)) * Math.cos(2 * Math.PI * u());
}

/**
 * The gap on every date of the data (the `--series` output). Dates are those of the observations; in the
 * release view, every release date of either bloc.
 */
export function gapSeries(observations: readonly Observation[], options: GapOptions): GapPoint[] {
  const obs = [...observations]
    .filter((o) => o.bloc === options.leader || o.bloc === options.follower)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const dates = [...new Set(obs.map((o) => o.date))];
  const dIndex = new Map(dates.map((d, k) => [d, k]));
  const dateIdx = Int32Array.from(obs, (o) => dIndex.get(o.date) ?? 0);
  const days = Float64Array.from(dates, dayNumber);
  const base = Float64Array.from(obs, (o) => o.score);
  const point = levels(obs, base, dates, dateIdx, options.view, options.leader, options.follower);
  const D = dates.length;

  const rounds = options.rounds ?? 0;
  const pointSamples = Array.from({ length: D }, () => [] as number[]);
  const monthSamples = Array.from({ length: D }, () => [] as number[]);
  const models = [...new Set(obs.map((o) => o.model))];
  const modelIdx = Int32Array.from(
    obs,
    (
      (ix) => (o: Observation) =>
        ix.get(o.model) ?? 0
    )(new Map(models.map((m, k) => [m, k]))),
  );
  // Dates whose scores all lack an error, where resampling scores alone would give a false zero-width interval.
  const dateHasSd = new Uint8Array(D);
  obs.forEach((o, k) => {
    if (o.sd !== null && o.sd > 0) dateHasSd[dateIdx[k] as number] = 1;
  });
  if (options.view === 'release')
    for (let t = 1; t < D; t++) dateHasSd[t] = (dateHasSd[t] as number) | (dateHasSd[t - 1] as number);
  const resampleModels = options.resampleModels === true;
  if (rounds > 0 && (resampleModels || obs.some((o) => o.sd !== null && o.sd > 0))) {
    const u = seededUniform(options.seed ?? 0);
    const noisy = new Float64Array(obs.length);
    const picked = new Uint8Array(models.length);
    const included = resampleModels ? new Uint8Array(obs.length) : null;
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < obs.length; k++) {
        const sd = (obs[k] as Observation).sd;
        noisy[k] = (base[k] as number) + (sd !== null && sd > 0 ? sd * normal(u) : 0);
      }
      if (included) {
        picked.fill(0);
        for (let n = 0; n < models.length; n++) picked[Math.floor(u() * models.length)] = 1;
        for (let k = 0; k < obs.length; k++) included[k] = picked[modelIdx[k] as number] as number;
      }
      const lv = levels(obs, noisy, dates, dateIdx, options.view, options.leader, options.follower, included);
      for (let t = 0; t < D; t++) {
        const l = lv.leader[t] as number;
        const f = lv.follower[t] as number;
        if (Number.isNaN(l) || Number.isNaN(f)) continue;
        (pointSamples[t] as number[]).push(l - f);
        const m = monthsGap(lv, days, t);
        if (m !== null) (monthSamples[t] as number[]).push(m[0]);
      }
    }
  }
  const ci = (xs: number[]): [number, number] | null => {
    if (xs.length < 2) return null;
    const s = Float64Array.from(xs).sort();
    return [quantile(s, 0.025), quantile(s, 0.975)];
  };
  return dates.map((date, t) => {
    const l = point.leader[t] as number;
    const f = point.follower[t] as number;
    const li = point.leaderIdx[t] as number;
    const fi = point.followerIdx[t] as number;
    const m = monthsGap(point, days, t);
    const hasBoth = !Number.isNaN(l) && !Number.isNaN(f);
    return {
      date,
      leader_model: li >= 0 ? (obs[li] as Observation).model : null,
      leader_score: Number.isNaN(l) ? null : l,
      follower_model: fi >= 0 ? (obs[fi] as Observation).model : null,
      follower_score: Number.isNaN(f) ? null : f,
      points_gap: hasBoth ? l - f : null,
      points_ci: hasBoth && (resampleModels || dateHasSd[t]) ? ci(pointSamples[t] as number[]) : null,
      months_gap: m === null ? null : m[0],
      months_ci: m === null || !(resampleModels || dateHasSd[t]) ? null : ci(monthSamples[t] as number[]),
      months_censored: m === null ? false : m[1],
      sources: [...new Set([li, fi].filter((k) => k >= 0).map((k) => (obs[k] as Observation).source_id))],
    };
  });
}

/**
 * The gap at one date: the last point of the series on or before `asOf` (default: the latest date).
 * In the release view the frontiers stay as they were until the next release, so the months gap keeps
 * growing (or, with the follower ahead, shrinking) with the days between that point and `asOf`.
 */
export function gapAt(series: readonly GapPoint[], view: View, asOf?: string): GapPoint | null {
  let found: GapPoint | null = null;
  for (const p of series) {
    if (asOf !== undefined && p.date > asOf) break;
    found = p;
  }
  if (!found || view !== 'release' || asOf === undefined || asOf === found.date || found.months_gap === null)
    return found;
  const sign = found.months_gap >= 0 ? 1 : -1;
  const extra = (sign * (dayNumber(asOf) - dayNumber(found.date))) / DAYS_PER_MONTH;
  const ci = found.months_ci;
  return { ...found, months_gap: found.months_gap + extra, months_ci: ci ? [ci[0] + extra, ci[1] + extra] : null };
}
