/**
 * @module
 * Bootstrap rounds spread over worker threads. Every round draws from its own seeded stream
 * (roundSeed(seed, r)), so the intervals are the same whatever the number of threads, and the same as
 * rateCounts in one thread.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../workers/pool.ts';
import { readPairCounts } from './read.ts';
import {
  fit,
  rateCounts,
  summarize,
  type PairCounts,
  type RatingOptions,
  type RatingResult,
  type RoundsInput,
} from './bradley-terry.ts';

export interface ParallelOptions extends RatingOptions {
  /** A pool to use (kept open); otherwise one is made for the call and closed after it. */
  pool?: WorkerPool;
  /** Worker threads when no pool is given (default: the number of cores). */
  threads?: number;
  signal?: AbortSignal;
  /** Work (rounds × cells) below which the rounds run in this thread (default 2,000,000). */
  parallelAbove?: number;
}

/** The pool's task module (by URL, not imported: the main thread does not need the other tasks' code). */
const TASKS = new URL('../workers/tasks.ts', import.meta.url);

/** Below this many cell draws (rounds × cells) a worker's start-up costs more than the rounds. */
const PARALLEL_WORK = 2_000_000;

/** A pool for the bootstrap, started now so its workers boot while the caller reads its input. */
export function bootstrapPool(threads = availableParallelism()): WorkerPool {
  return new WorkerPool({ tasks: TASKS, threads, warm: threads, maxQueue: 4 * threads });
}

export async function rateCountsParallel(
  counts: PairCounts,
  total: number,
  options: ParallelOptions = {},
): Promise<RatingResult> {
  const rounds = options.bootstrap ?? 0;
  const threads = options.pool?.threads ?? options.threads ?? availableParallelism();
  if (threads <= 1 || rounds * counts.cells.length < (options.parallelAbove ?? PARALLEL_WORK))
    return rateCounts(counts, total, options);
  const seed = options.seed ?? 0;
  const pool = options.pool ?? bootstrapPool(threads);
  try {
    const f = fit(counts, options);
    const fitted = {
      counts: f.counts,
      comp: f.comp,
      ncomp: f.ncomp,
      theta: f.theta,
      factor: f.factor,
      anchorIndex: f.anchorIndex,
      anchorScore: f.anchorScore,
    };
    // A few chunks per thread even out uneven rounds; each chunk is a contiguous range of rounds.
    const chunks = Math.min(rounds, 2 * threads);
    let done = 0;
    const parts = await Promise.all(
      Array.from({ length: chunks }, async (_, c) => {
        const from = Math.floor((c * rounds) / chunks);
        const to = Math.floor(((c + 1) * rounds) / chunks);
        const input: RoundsInput = { fitted, total, seed, from, to };
        const out = await pool.run<Float64Array>('ratings.bootstrap', input, { signal: options.signal });
        done += to - from;
        options.progress?.(done, rounds);
        return out;
      }),
    );
    const samples = new Float64Array(rounds * counts.m);
    let at = 0;
    for (const p of parts) {
      samples.set(p, at);
      at += p.length;
    }
    return summarize(f, samples, rounds, total, seed, options.anchor);
  } finally {
    if (!options.pool) await pool.close();
  }
}

export interface FileOptions extends ParallelOptions {
  skipInvalid?: boolean;
}

/** Files at least this large are worth starting the workers for while DuckDB reads them. */
const EARLY_POOL_BYTES = 8 << 20;

/**
 * `airace ratings FILE`: battles read and counted by DuckDB, fitted here, bootstrap rounds over worker
 * threads. Throws BattleInputError (`file:line: reason`) for a bad row unless skipInvalid.
 */
export async function rateFile(path: string, options: FileOptions = {}): Promise<RatingResult & { skipped: number }> {
  const threads = options.pool?.threads ?? options.threads ?? availableParallelism();
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // readPairCounts words the error.
  }
  const early =
    !options.pool && threads > 1 && (options.bootstrap ?? 0) >= 10 && size >= EARLY_POOL_BYTES
      ? bootstrapPool(threads)
      : undefined;
  try {
    const { counts, battles, skipped } = await readPairCounts(path, options.skipInvalid === true);
    if (battles === 0) throw new Error(`${path}: no valid battles`);
    const result = await rateCountsParallel(counts, battles, { ...options, pool: options.pool ?? early });
    return { ...result, skipped };
  } finally {
    await early?.close();
  }
}
