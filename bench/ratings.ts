/**
 * Ratings bench: airace against a straightforward SciPy implementation of the same method, in one run, on
 * synthetic battles drawn from a real Arena leaderboard snapshot (the latest fboulnois text snapshot in the
 * curated data: its models, their vote shares as pairing weights, their ratings as true strengths).
 * Accuracy is judged against the converged maximum-likelihood solution, computed by SciPy at tight settings.
 * A second row times 10M battles (the 2M file five times over) against the target, SciPy being
 * too slow to run at that size on every bench.
 * Environment: BENCH_BATTLES (default 2,000,000), BENCH_ROUNDS (default 100), BENCH_PYTHON (default /usr/bin/python3),
 * BENCH_BIG (default 5: the big row's multiple of BENCH_BATTLES; 0 skips it).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeTable } from '../src/data/snapshot.ts';
import { seededUniform } from '../src/ratings/random.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'data', 'snapshot', 'leaderboard_entries', 'fboulnois-lmarena-text.csv');
const TIE_SHARE = 0.25;

interface Run {
  ms: number;
  maxrss_mb: number;
  ratings: Record<string, number>;
}

/** Writes `n` battles drawn from the latest snapshot; returns the path and how many models took part. */
export function synthesize(n: number, seed: number, dir: string): { path: string; models: number; snapshot: string } {
  const rows = decodeTable('leaderboard_entries', readFileSync(SOURCE, 'utf8'), SOURCE);
  const latest = rows.reduce((d, r) => (r.snapshot_date > d ? r.snapshot_date : d), '');
  // A name listed twice on one day (it happens upstream) is one model: keep its first row.
  const seen = new Set<string>();
  const board = rows.filter(
    (r) => r.snapshot_date === latest && (r.votes ?? 0) > 0 && !seen.has(r.model_raw) && seen.add(r.model_raw),
  );
  const cum: number[] = [];
  let total = 0;
  for (const r of board) cum.push((total += r.votes ?? 0));
  const u = seededUniform(seed);
  const pick = () => {
    const x = u() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const lines = ['model_a,model_b,winner'];
  for (let k = 0; k < n; k++) {
    const a = pick();
    let b = pick();
    while (b === a) b = pick();
    const ra = board[a]?.score ?? 0;
    const rb = board[b]?.score ?? 0;
    const winner = u() < TIE_SHARE ? 'tie' : u() < 1 / (1 + 10 ** ((rb - ra) / 400)) ? 'model_a' : 'model_b';
    lines.push(`${board[a]?.model_raw},${board[b]?.model_raw},${winner}`);
  }
  const path = join(dir, 'battles.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, models: board.length, snapshot: latest };
}

function runJson(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

const maxDiff = (x: Record<string, number>, y: Record<string, number>) =>
  Object.keys(y).reduce((d, k) => Math.max(d, Math.abs((x[k] ?? Number.NaN) - (y[k] as number))), 0);

/** The same battles `times` over, in one file (a bigger input for the time and memory row). */
function repeated(path: string, times: number, dir: string): string {
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('\n') + 1);
  const out = join(dir, `battles-x${times}.csv`);
  writeFileSync(out, text);
  for (let k = 1; k < times; k++) appendFileSync(out, body);
  return out;
}

export async function benchRatings(): Promise<Record<string, unknown>> {
  const n = Number(process.env['BENCH_BATTLES'] ?? 2_000_000);
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 100);
  const dir = mkdtempSync(join(tmpdir(), 'airace-bench-ratings-'));
  try {
    const { path, models, snapshot } = synthesize(n, 1, dir);
    // OpenBLAS core-type overrides set on this machine slow numpy; unset them for the baseline only.
    const pyEnv = { ...process.env };
    delete pyEnv['OPENBLAS_CORETYPE'];
    delete pyEnv['OPENBLAS_L2_SIZE'];
    const script = join(ROOT, 'bench', 'ratings_baseline.py');
    // Debian's python3 with python3-scipy and python3-pandas (apt-get install python3-scipy python3-pandas).
    const python = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3';
    const optimum = runJson(python, [script, path, '0', '0', '--converged'], pyEnv);
    const baseline = runJson(python, [script, path, String(rounds), '0'], pyEnv);
    const airace = runJson(process.execPath, [
      '--import',
      'tsx',
      join(ROOT, 'bench', 'ratings-run.ts'),
      path,
      String(rounds),
      '0',
    ]);
    const big = Number(process.env['BENCH_BIG'] ?? 5);
    let bigRow: Record<string, unknown> | null = null;
    if (big > 0) {
      const bigPath = repeated(path, big, dir);
      const r = runJson(process.execPath, [
        '--import',
        'tsx',
        join(ROOT, 'bench', 'ratings-run.ts'),
        bigPath,
        String(rounds),
        '0',
      ]);
      rmSync(bigPath, { force: true });
      bigRow = {
        battles: n * big,
        bootstrap_rounds: rounds,
        airace_ms: Math.round(r.ms),
        airace_peak_rss_mb: Math.round(r.maxrss_mb),
        target: '<= 10000 ms and < 2048 MB',
      };
    }
    return {
      bench: 'ratings',
      battles: n,
      models,
      drawn_from: `Arena text leaderboard snapshot ${snapshot} (fboulnois-lmarena-text)`,
      bootstrap_rounds: rounds,
      airace_ms: Math.round(airace.ms),
      baseline_scipy_ms: Math.round(baseline.ms),
      speedup_baseline_over_airace: Number((baseline.ms / airace.ms).toFixed(2)),
      airace_max_abs_diff_from_mle: Number(maxDiff(airace.ratings, optimum.ratings).toExponential(2)),
      baseline_max_abs_diff_from_mle: Number(maxDiff(baseline.ratings, optimum.ratings).toExponential(2)),
      airace_peak_rss_mb: Math.round(airace.maxrss_mb),
      baseline_peak_rss_mb: Math.round(baseline.maxrss_mb),
      targets: { speedup: '>= 20', max_abs_diff_from_mle: '<= 0.05' },
      big: bigRow,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
