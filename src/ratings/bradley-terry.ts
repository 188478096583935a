/**
 * @module
 * Bradley–Terry ratings from pairwise battles, as SPEC's method: maximum likelihood on the base-10, scale-400
 * logistic with ties counted as half a win each way, ratings centred on 1000 (the initial rating that the
 * gradient never moves the mean away from), bootstrap intervals by multinomial resampling of the battles,
 * rank upper bounds and an optional anchor.
 *
 * The likelihood depends on battles only through the counts per (pair, outcome), so the fit works on those:
 * Newton's method with a conjugate-gradient solve of the Hessian (a weighted graph Laplacian), warm-started
 * for every bootstrap round. A ridge of 1e-9 (in log-odds units) keeps ratings finite when a model won or
 * lost every comparison; such models are reported, since their maximum-likelihood rating does not exist.
 */
import { quantile } from '../util/stats.ts';
import { A_WINS, B_WINS, TIE, type Battles } from './battles.ts';
import { multinomial, seededUniform } from './random.ts';

export const SCALE = 400;
export const BASE = 10;
export const INITIAL = 1000;
const RIDGE = 1e-9;
/** Up to this many models the Newton system is solved exactly; above it, by conjugate gradients. */
const DENSE_LIMIT = 2000;
const TO_POINTS = SCALE / Math.log(BASE);

export interface RatingOptions {
  /** Bootstrap rounds; 0 gives no intervals (ci_low = ci_high = rating). */
  bootstrap?: number;
  seed?: number;
  anchor?: { model: string; score: number };
  /** Stop when no rating moves by more than this many points in a Newton step. */
  tolerance?: number;
  /** Called after each bootstrap round. */
  progress?: (round: number, rounds: number) => void;
}

export interface ModelRating {
  model: string;
  rating: number;
  ci_low: number;
  ci_high: number;
  rank_ub: number;
  battles: number;
  /** Connected component of the comparison graph (0 is the largest); ratings compare only within one. */
  component: number;
}

export interface RatingResult {
  models: ModelRating[];
  battles: number;
  components: number;
  bootstrap: number;
  seed: number;
  anchor: { model: string; score: number } | null;
  warnings: string[];
}

/** One implementation of pairwise ratings; the shared case suite runs against every one. */
export interface RatingSystem {
  name: string;
  rate(battles: Battles, options?: RatingOptions): RatingResult;
}

/** Counts per unordered pair (i < j): wins of i, wins of j, ties. Models are indexed in name order. */
export interface PairCounts {
  m: number;
  /** Model names, sorted: index k of every array below is names[k]. */
  names: string[];
  i: Int32Array;
  j: Int32Array;
  /** Per pair, three cells: i wins, j wins, tie. */
  cells: Float64Array;
}

/**
 * Counts per (pair, outcome). Models and pairs are put in a canonical order (by name), so the result, and
 * a seeded bootstrap over it, do not depend on the order of the input rows.
 */
export function aggregate(b: Battles): PairCounts {
  const m = b.models.length;
  const byName = Array.from({ length: m }, (_, k) => k).sort((x, y) =>
    (b.models[x] as string) < (b.models[y] as string) ? -1 : 1,
  );
  const rank = new Int32Array(m);
  byName.forEach((k, r) => (rank[k] = r));
  const index = new Map<number, number>();
  const keys: number[] = [];
  let cells = new Float64Array(3 * 1024);
  for (let k = 0; k < b.length; k++) {
    let x = rank[b.a[k] as number] as number;
    let y = rank[b.b[k] as number] as number;
    let o = b.outcome[k] as number;
    if (x > y) {
      [x, y] = [y, x];
      if (o !== TIE) o = o === A_WINS ? B_WINS : A_WINS;
    }
    const key = x * m + y;
    let p = index.get(key);
    if (p === undefined) {
      p = keys.length;
      index.set(key, p);
      keys.push(key);
      if (3 * keys.length > cells.length) {
        const grown = new Float64Array(cells.length * 2);
        grown.set(cells);
        cells = grown;
      }
    }
    cells[3 * p + o] = (cells[3 * p + o] as number) + 1;
  }
  const order = keys.map((_, p) => p).sort((x, y) => (keys[x] as number) - (keys[y] as number));
  const sortedCells = new Float64Array(3 * keys.length);
  const i = new Int32Array(keys.length);
  const j = new Int32Array(keys.length);
  order.forEach((p, q) => {
    const key = keys[p] as number;
    i[q] = Math.floor(key / m);
    j[q] = key % m;
    sortedCells.set(cells.subarray(3 * p, 3 * p + 3), 3 * q);
  });
  return { m, names: byName.map((k) => b.models[k] as string), i, j, cells: sortedCells };
}

/** The number of components in labels 0..n−1 (a loop, not Math.max(...): that overflows the stack on big arrays). */
export function componentCount(comp: Int32Array): number {
  let top = -1;
  for (let k = 0; k < comp.length; k++) if ((comp[k] as number) > top) top = comp[k] as number;
  return top + 1;
}

/** Connected components of the comparison graph, largest first. */
export function components(c: PairCounts): Int32Array {
  const parent = Int32Array.from({ length: c.m }, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  for (let p = 0; p < c.i.length; p++) {
    const total = (c.cells[3 * p] as number) + (c.cells[3 * p + 1] as number) + (c.cells[3 * p + 2] as number);
    if (total > 0) parent[find(c.i[p] as number)] = find(c.j[p] as number);
  }
  const size = new Map<number, number>();
  for (let k = 0; k < c.m; k++) size.set(find(k), (size.get(find(k)) ?? 0) + 1);
  const order = [...size.keys()].sort((x, y) => (size.get(y) ?? 0) - (size.get(x) ?? 0) || x - y);
  const label = new Map(order.map((root, n) => [root, n]));
  return Int32Array.from({ length: c.m }, (_, k) => label.get(find(k)) ?? 0);
}

/** Negative log-likelihood plus ridge, in log-odds units. */
function objective(c: PairCounts, cells: Float64Array, theta: Float64Array): number {
  let f = 0;
  for (let p = 0; p < c.i.length; p++) {
    const wi = (cells[3 * p] as number) + 0.5 * (cells[3 * p + 2] as number);
    const wj = (cells[3 * p + 1] as number) + 0.5 * (cells[3 * p + 2] as number);
    if (wi + wj === 0) continue;
    const d = (theta[c.i[p] as number] as number) - (theta[c.j[p] as number] as number);
    // −[wi log σ(d) + wj log σ(−d)], written to avoid overflow.
    const softplusNeg = d > 0 ? Math.log1p(Math.exp(-d)) : -d + Math.log1p(Math.exp(d));
    f += wi * softplusNeg + wj * (softplusNeg + d);
  }
  for (let k = 0; k < theta.length; k++) f += 0.5 * RIDGE * (theta[k] as number) ** 2;
  return f;
}

/**
 * Maximum-likelihood θ (log-odds units) for the given cell counts, starting from `theta` (updated in place).
 * Returns the number of steps taken.
 *
 * `reuse.factor`: a Cholesky factor from a previous fit. If given, steps use it instead of refactoring
 * (the chord method: for a bootstrap round the Hessian barely differs from the full data's, so this
 * converges in a few cheap steps); if the gradient ever grows, the fit falls back to full Newton steps.
 * After a full fit without a factor, `reuse.factor` holds the last one computed.
 */
export function fitTheta(
  c: PairCounts,
  cells: Float64Array,
  theta: Float64Array,
  tolerancePoints = 1e-6,
  comp: Int32Array = new Int32Array(c.m),
  reuse: { factor?: Float64Array } = {},
): number {
  const m = c.m;
  const ncomp = componentCount(comp);
  const compSum = new Float64Array(ncomp);
  const compSize = new Float64Array(ncomp);
  for (let k = 0; k < m; k++) compSize[comp[k] as number] = (compSize[comp[k] as number] as number) + 1;
  const P = c.i.length;
  const grad = new Float64Array(m);
  const diag = new Float64Array(m);
  const h = new Float64Array(P);
  const step = new Float64Array(m);
  const r = new Float64Array(m);
  const z = new Float64Array(m);
  const dir = new Float64Array(m);
  const hd = new Float64Array(m);
  const trial = new Float64Array(m);
  const tol = tolerancePoints / TO_POINTS;
  let dense: Float64Array | undefined;
  let chord = reuse.factor;
  let lastGnorm = Number.POSITIVE_INFINITY;
  let f = reuse.factor ? 0 : objective(c, cells, theta);
  // Per pair: battles and i's score (wins plus half the ties), fixed during the fit.
  const nP = new Float64Array(P);
  const wP = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    nP[p] = (cells[3 * p] as number) + (cells[3 * p + 1] as number) + (cells[3 * p + 2] as number);
    wP[p] = (cells[3 * p] as number) + 0.5 * (cells[3 * p + 2] as number);
  }
  // Gradient of the objective and, unless a chord step will reuse a factor, the Hessian's pair weights n·p·(1 − p).
  const ex = new Float64Array(m);
  const derivatives = (hessian: boolean): number => {
    // σ(θa − θb) = e^θa / (e^θa + e^θb): one exp per model instead of one per pair, unless θ is too wide for it.
    let wide = false;
    for (let k = 0; k < m; k++) {
      grad[k] = RIDGE * (theta[k] as number);
      diag[k] = RIDGE;
      const e = Math.exp(theta[k] as number);
      ex[k] = e;
      if (!(e > 1e-250 && e < 1e250)) wide = true;
    }
    for (let p = 0; p < P; p++) {
      const n = nP[p] as number;
      if (n === 0) {
        h[p] = 0;
        continue;
      }
      const a = c.i[p] as number;
      const b = c.j[p] as number;
      const ea = ex[a] as number;
      const prob = wide
        ? 1 / (1 + Math.exp((theta[b] as number) - (theta[a] as number)))
        : ea / (ea + (ex[b] as number));
      const g = n * prob - (wP[p] as number);
      grad[a] = (grad[a] as number) + g;
      grad[b] = (grad[b] as number) - g;
      if (!hessian) continue;
      const w = n * prob * (1 - prob);
      h[p] = w;
      diag[a] = (diag[a] as number) + w;
      diag[b] = (diag[b] as number) + w;
    }
    let gnorm = 0;
    for (let k = 0; k < m; k++) gnorm += (grad[k] as number) ** 2;
    return gnorm;
  };
  for (let iter = 1; iter <= 100; iter++) {
    let gnorm = derivatives(chord === undefined);
    if (gnorm === 0) return iter;
    if (chord && gnorm > lastGnorm) {
      // The chord stopped converging: full Newton steps from here, which need the Hessian.
      chord = undefined;
      f = objective(c, cells, theta);
      gnorm = derivatives(true);
    }
    lastGnorm = gnorm;
    // Solve H · step = grad exactly (dense Cholesky) for up to a few thousand models, else by conjugate gradients.
    if (chord) solveFactored(chord, m, grad, step);
    else if (m <= DENSE_LIMIT) {
      dense ??= new Float64Array(m * m);
      factorDense(c, h, diag, comp, compSize, dense);
      solveFactored(dense, m, grad, step);
      reuse.factor = dense;
    } else solveCg(c, h, diag, grad, step, r, z, dir, hd);
    // The likelihood does not see a shift of a whole component (only the 1e-9 ridge does), so that
    // direction is numerically undetermined: drop it from the step, as ratings are centred anyway.
    compSum.fill(0);
    for (let k = 0; k < m; k++)
      compSum[comp[k] as number] = (compSum[comp[k] as number] as number) + (step[k] as number);
    for (let k = 0; k < m; k++)
      step[k] = (step[k] as number) - (compSum[comp[k] as number] as number) / (compSize[comp[k] as number] as number);
    // Newton step with backtracking: the objective must not increase.
    // Chord steps are guarded by the gradient test above instead, which saves an objective evaluation.
    let t = 1;
    let fTrial = f;
    for (let back = 0; back < 30; back++) {
      for (let k = 0; k < m; k++) trial[k] = (theta[k] as number) - t * (step[k] as number);
      if (chord) break;
      fTrial = objective(c, cells, trial);
      if (fTrial <= f + 1e-12 * Math.abs(f)) break;
      t /= 2;
    }
    let moved = 0;
    for (let k = 0; k < m; k++) {
      moved = Math.max(moved, Math.abs((trial[k] as number) - (theta[k] as number)));
      theta[k] = trial[k] as number;
    }
    f = fTrial;
    if (moved < tol) return iter;
  }
  return 100;
}

/** Preconditioned conjugate gradients on H · step = grad, H given by pair weights h plus its diagonal. */
function solveCg(
  c: PairCounts,
  h: Float64Array,
  diag: Float64Array,
  grad: Float64Array,
  step: Float64Array,
  r: Float64Array,
  z: Float64Array,
  dir: Float64Array,
  hd: Float64Array,
): void {
  const m = c.m;
  const P = c.i.length;
  let rz = 0;
  let gnorm = 0;
  for (let k = 0; k < m; k++) {
    step[k] = 0;
    r[k] = grad[k] as number;
    z[k] = (r[k] as number) / (diag[k] as number);
    dir[k] = z[k] as number;
    rz += (r[k] as number) * (z[k] as number);
    gnorm += (grad[k] as number) ** 2;
  }
  // Inexact Newton: a relative residual of 1e-6 keeps the outer convergence fast, and the CG stays short.
  const target = 1e-12 * gnorm;
  for (let cg = 0; cg < 2 * m + 20; cg++) {
    for (let k = 0; k < m; k++) hd[k] = (diag[k] as number) * (dir[k] as number);
    for (let p = 0; p < P; p++) {
      const w = h[p] as number;
      if (w === 0) continue;
      const a = c.i[p] as number;
      const b = c.j[p] as number;
      hd[a] = (hd[a] as number) - w * (dir[b] as number);
      hd[b] = (hd[b] as number) - w * (dir[a] as number);
    }
    let dHd = 0;
    for (let k = 0; k < m; k++) dHd += (dir[k] as number) * (hd[k] as number);
    if (dHd <= 0) break;
    const alpha = rz / dHd;
    let rr = 0;
    let rzNew = 0;
    for (let k = 0; k < m; k++) {
      step[k] = (step[k] as number) + alpha * (dir[k] as number);
      r[k] = (r[k] as number) - alpha * (hd[k] as number);
      z[k] = (r[k] as number) / (diag[k] as number);
      rr += (r[k] as number) ** 2;
      rzNew += (r[k] as number) * (z[k] as number);
    }
    if (rr < target) break;
    const beta = rzNew / rz;
    rz = rzNew;
    for (let k = 0; k < m; k++) dir[k] = (z[k] as number) + beta * (dir[k] as number);
  }
}

/**
 * Factors the Newton matrix H = L·Lᵀ (dense Cholesky, in place in `H`). H is singular along each
 * component's all-ones vector (up to the ridge), so that direction is lifted by a rank-one term first; the
 * step's component in it is dropped by the caller.
 */
function factorDense(
  c: PairCounts,
  h: Float64Array,
  diag: Float64Array,
  comp: Int32Array,
  compSize: Float64Array,
  H: Float64Array,
): void {
  const m = c.m;
  H.fill(0);
  const lift = new Float64Array(compSize.length);
  for (let k = 0; k < m; k++) {
    H[k * m + k] = diag[k] as number;
    lift[comp[k] as number] = (lift[comp[k] as number] as number) + (diag[k] as number);
  }
  for (let q = 0; q < lift.length; q++)
    lift[q] = (lift[q] as number) / (compSize[q] as number) / (compSize[q] as number);
  for (let p = 0; p < c.i.length; p++) {
    const a = c.i[p] as number;
    const b = c.j[p] as number;
    H[a * m + b] = (H[a * m + b] as number) - (h[p] as number);
    H[b * m + a] = (H[b * m + a] as number) - (h[p] as number);
  }
  for (let k = 0; k < m; k++) {
    for (let l = 0; l < m; l++)
      if (comp[k] === comp[l]) H[k * m + l] = (H[k * m + l] as number) + (lift[comp[k] as number] as number);
  }
  // In-place Cholesky, lower triangle, row-major.
  for (let j = 0; j < m; j++) {
    const rj = j * m;
    let sum = H[rj + j] as number;
    for (let k = 0; k < j; k++) sum -= (H[rj + k] as number) ** 2;
    const d = Math.sqrt(Math.max(sum, 1e-300));
    H[rj + j] = d;
    for (let i = j + 1; i < m; i++) {
      const ri = i * m;
      let v = H[ri + j] as number;
      for (let k = 0; k < j; k++) v -= (H[ri + k] as number) * (H[rj + k] as number);
      H[ri + j] = v / d;
    }
  }
}

/** Solves L·Lᵀ · step = grad with the factor from factorDense. */
function solveFactored(H: Float64Array, m: number, grad: Float64Array, step: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let v = grad[i] as number;
    for (let k = 0; k < i; k++) v -= (H[i * m + k] as number) * (step[k] as number);
    step[i] = v / (H[i * m + i] as number);
  }
  for (let i = m - 1; i >= 0; i--) {
    let v = step[i] as number;
    for (let k = i + 1; k < m; k++) v -= (H[k * m + i] as number) * (step[k] as number);
    step[i] = v / (H[i * m + i] as number);
  }
}

/** Ratings from θ: 1000 + 400·θ/ln 10, each component centred on 1000. */
function toRatings(theta: Float64Array, comp: Int32Array, ncomp: number, out: Float64Array): void {
  const sum = new Float64Array(ncomp);
  const count = new Float64Array(ncomp);
  for (let k = 0; k < theta.length; k++) {
    sum[comp[k] as number] = (sum[comp[k] as number] as number) + (theta[k] as number);
    count[comp[k] as number] = (count[comp[k] as number] as number) + 1;
  }
  for (let k = 0; k < theta.length; k++) {
    const mean = (sum[comp[k] as number] as number) / (count[comp[k] as number] as number);
    out[k] = INITIAL + TO_POINTS * ((theta[k] as number) - mean);
  }
}

/** A fitted model, ready for bootstrap rounds: everything a worker needs, all structured-cloneable. */
export interface Fitted {
  counts: PairCounts;
  comp: Int32Array;
  ncomp: number;
  /** θ at the maximum likelihood (log-odds units), the warm start of every round. */
  theta: Float64Array;
  /** The Cholesky factor at the solution (dense systems only), reused by every round's chord steps. */
  factor?: Float64Array;
  rating: Float64Array;
  perModel: Float64Array;
  anchorIndex: number;
  anchorScore: number;
  warnings: string[];
}

/** Tolerance of a bootstrap round's fit, in points: a hundredth of a point, far below the spread of the samples. */
const ROUND_TOLERANCE = 1e-2;

/** The seed of bootstrap round `r`: each round has its own stream, so how rounds are split over threads does not matter. */
export const roundSeed = (seed: number, r: number): number => (seed ^ Math.imul(r + 1, 0x9e3779b1)) >>> 0;

/** Shifts the anchor's component so that the anchor model has its score. */
function anchored(f: Pick<Fitted, 'anchorIndex' | 'anchorScore' | 'comp'>, ratings: Float64Array): void {
  if (f.anchorIndex === -1) return;
  const shift = f.anchorScore - (ratings[f.anchorIndex] as number);
  const ac = f.comp[f.anchorIndex];
  for (let k = 0; k < ratings.length; k++) if (f.comp[k] === ac) ratings[k] = (ratings[k] as number) + shift;
}

/** Fits the counts (the maximum-likelihood ratings) and collects the warnings. */
export function fit(counts: PairCounts, options: Pick<RatingOptions, 'anchor' | 'tolerance'> = {}): Fitted {
  const m = counts.m;
  const comp = components(counts);
  const ncomp = componentCount(comp);
  const warnings: string[] = [];
  if (ncomp > 1)
    warnings.push(
      `the comparison graph has ${ncomp} disconnected components: ratings are comparable only within one (see "component")`,
    );
  const perModel = new Float64Array(m);
  const wins = new Float64Array(m);
  const losses = new Float64Array(m);
  for (let p = 0; p < counts.i.length; p++) {
    const [wi, wj, t] = [
      counts.cells[3 * p] as number,
      counts.cells[3 * p + 1] as number,
      counts.cells[3 * p + 2] as number,
    ];
    const a = counts.i[p] as number;
    const b = counts.j[p] as number;
    perModel[a] = (perModel[a] as number) + wi + wj + t;
    perModel[b] = (perModel[b] as number) + wi + wj + t;
    wins[a] = (wins[a] as number) + wi + t;
    losses[a] = (losses[a] as number) + wj + t;
    wins[b] = (wins[b] as number) + wj + t;
    losses[b] = (losses[b] as number) + wi + t;
  }
  for (let k = 0; k < m; k++) {
    if (wins[k] === 0 || losses[k] === 0) {
      warnings.push(
        `${counts.names[k]} ${wins[k] === 0 ? 'lost' : 'won'} every comparison: its maximum-likelihood rating is infinite; the value shown is bounded by a 1e-9 ridge`,
      );
    }
  }
  let anchorIndex = -1;
  if (options.anchor) {
    anchorIndex = counts.names.indexOf(options.anchor.model);
    if (anchorIndex === -1) throw new Error(`anchor model "${options.anchor.model}" is not in the battles`);
    if (ncomp > 1)
      warnings.push(`the anchor shifts only component ${comp[anchorIndex]}, which holds ${options.anchor.model}`);
  }
  const theta = new Float64Array(m);
  const reuse: { factor?: Float64Array } = {};
  fitTheta(counts, counts.cells, theta, options.tolerance ?? 1e-6, comp, reuse);
  const rating = new Float64Array(m);
  toRatings(theta, comp, ncomp, rating);
  const f: Fitted = {
    counts,
    comp,
    ncomp,
    theta,
    factor: reuse.factor,
    rating,
    perModel,
    anchorIndex,
    anchorScore: options.anchor?.score ?? 0,
    warnings,
  };
  anchored(f, rating);
  return f;
}

export interface RoundsInput {
  fitted: Pick<Fitted, 'counts' | 'comp' | 'ncomp' | 'theta' | 'factor' | 'anchorIndex' | 'anchorScore'>;
  /** Battles in the data: every round resamples this many. */
  total: number;
  seed: number;
  /** Rounds from (inclusive) to (exclusive). */
  from: number;
  to: number;
}

/**
 * Bootstrap rounds `from`..`to`: each resamples the battles (multinomially over the counts) and refits,
 * warm-started at the solution. Returns the ratings, round-major: (to − from) × m. A pure function, so it
 * runs the same in a worker thread (task `ratings.bootstrap`).
 */
export function bootstrapRounds(input: RoundsInput, progress?: () => void): Float64Array {
  const { fitted: f, total, seed, from, to } = input;
  const m = f.counts.m;
  const out = new Float64Array((to - from) * m);
  const resampled = new Float64Array(f.counts.cells.length);
  const th = new Float64Array(m);
  const rr = new Float64Array(m);
  for (let r = from; r < to; r++) {
    multinomial(total, f.counts.cells, resampled, seededUniform(roundSeed(seed, r)));
    th.set(f.theta);
    fitTheta(f.counts, resampled, th, ROUND_TOLERANCE, f.comp, { factor: f.factor });
    toRatings(th, f.comp, f.ncomp, rr);
    anchored(f, rr);
    out.set(rr, (r - from) * m);
    progress?.();
  }
  return out;
}

/** The result from a fit and its bootstrap samples (round-major, rounds × m), or none. */
export function summarize(
  f: Fitted,
  samples: Float64Array | null,
  rounds: number,
  total: number,
  seed: number,
  anchor: RatingOptions['anchor'],
): RatingResult {
  const m = f.counts.m;
  const low = Float64Array.from(f.rating);
  const high = Float64Array.from(f.rating);
  if (samples && rounds > 0) {
    const column = new Float64Array(rounds);
    for (let k = 0; k < m; k++) {
      for (let r = 0; r < rounds; r++) column[r] = samples[r * m + k] as number;
      column.sort();
      low[k] = quantile(column, 0.025);
      high[k] = quantile(column, 0.975);
    }
  }
  const comp = f.comp;
  // rank_ub = 1 + number of models (in the same component) whose lower bound exceeds this one's upper bound.
  const sortedLows = Array.from({ length: f.ncomp }, () => [] as number[]);
  for (let k = 0; k < m; k++) sortedLows[comp[k] as number]?.push(low[k] as number);
  for (const s of sortedLows) s.sort((x, y) => x - y);
  const above = (k: number) => {
    const s = sortedLows[comp[k] as number] as number[];
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] as number) > (high[k] as number)) hi = mid;
      else lo = mid + 1;
    }
    return s.length - lo;
  };
  const models: ModelRating[] = f.counts.names.map((model, k) => ({
    model,
    rating: f.rating[k] as number,
    ci_low: low[k] as number,
    ci_high: high[k] as number,
    rank_ub: 1 + above(k),
    battles: f.perModel[k] as number,
    component: comp[k] as number,
  }));
  models.sort((x, y) => x.component - y.component || y.rating - x.rating || x.model.localeCompare(y.model));
  return {
    models,
    battles: total,
    components: f.ncomp,
    bootstrap: rounds,
    seed,
    anchor: anchor ?? null,
    warnings: f.warnings,
  };
}

/** Ratings from pair counts, in this thread. `total` is the number of battles counted. */
export function rateCounts(counts: PairCounts, total: number, options: RatingOptions = {}): RatingResult {
  const rounds = options.bootstrap ?? 0;
  const seed = options.seed ?? 0;
  const f = fit(counts, options);
  let done = 0;
  const samples =
    rounds > 0
      ? bootstrapRounds({ fitted: f, total, seed, from: 0, to: rounds }, () => options.progress?.(++done, rounds))
      : null;
  return summarize(f, samples, rounds, total, seed, options.anchor);
}

export const bradleyTerry: RatingSystem = {
  name: 'bradley-terry-mle',
  rate(battles, options = {}) {
    return rateCounts(aggregate(battles), battles.length, options);
  },
};
