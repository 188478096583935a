/**
 * @module
 * A bounded pool of worker threads for expensive work (claims checks on large bodies, ratings uploads,
 * bootstrap rounds, resampled intervals), so the event loop stays free for cheap requests.
 *
 * `run(name, input, { signal, timeoutMs })` runs a task of the pool's task module (a module exporting
 * `tasks: Record<string, (input) => output>`). A timeout or an abort terminates the worker running the task,
 * so the work really stops (a loop that never checks a signal included); a fresh worker replaces it. The queue
 * is bounded: when it is full, `run` fails at once with QueueFullError (the server answers 503 + Retry-After).
 * Built on piscina.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { workerBundle } from './bundle.ts';

/** The queue is full: try again later. `retryAfterSeconds` is a hint for a Retry-After header. */
export class QueueFullError extends Error {
  constructor(
    readonly queued: number,
    readonly retryAfterSeconds = 1,
  ) {
    super(`too many expensive tasks waiting (${queued} queued); try again in ${retryAfterSeconds} s`);
    this.name = 'QueueFullError';
  }
}

/** The task ran past its time budget; its worker was terminated. */
export class TaskTimeoutError extends Error {
  constructor(
    readonly task: string,
    readonly timeoutMs: number,
  ) {
    super(`${task} took longer than ${timeoutMs} ms and was stopped`);
    this.name = 'TaskTimeoutError';
  }
}

/** The caller aborted the task (client gone, shutdown); its worker was terminated if it had started. */
export class TaskAbortedError extends Error {
  constructor(readonly task: string) {
    super(`${task} was cancelled`);
    this.name = 'TaskAbortedError';
  }
}

export interface PoolOptions {
  /** URL of the module whose `tasks` export holds the task functions (see src/workers/tasks.ts). */
  tasks: URL | string;
  /** Worker threads at most (default: the number of cores). */
  threads?: number;
  /** Tasks waiting beyond the running ones before run() fails with QueueFullError (default 2 per thread). */
  maxQueue?: number;
  /** Workers started at once, so the first task does not wait for one (default 0). */
  warm?: number;
  /** Seconds suggested to a refused caller (default 1). */
  retryAfterSeconds?: number;
  /** Heap limit of each worker, in MB. */
  maxHeapMb?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Time budget from the call (queueing included), after which the worker is terminated. */
  timeoutMs?: number;
  /** ArrayBuffers moved to the worker instead of copied. */
  transferList?: ArrayBuffer[];
}

export class WorkerPool {
  private readonly piscina: Promise<Piscina>;
  readonly threads: number;
  readonly maxQueue: number;
  private readonly retryAfter: number;
  /** Tasks accepted and not yet settled: running ones plus queued ones. */
  private inflight = 0;

  constructor(options: PoolOptions) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.maxQueue = options.maxQueue ?? 2 * this.threads;
    this.retryAfter = options.retryAfterSeconds ?? 1;
    const tasks = String(options.tasks);
    // Piscina starts once the worker entry is bundled (milliseconds when cached); run() waits for it.
    this.piscina = workerBundle(tasks)
      .then((file) => pathToFileURL(file).href)
      // No bundler: each worker loads the TypeScript itself (slower to start).
      .catch(() => new URL('./worker.mjs', import.meta.url).href)
      .then(
        (filename) =>
          new Piscina({
            filename,
            workerData: { tasks },
            minThreads: Math.min(options.warm ?? 0, this.threads),
            maxThreads: this.threads,
            // The bound is kept by run() (see inflight); piscina's own also counts workers still starting.
            maxQueue: this.maxQueue + this.threads,
            concurrentTasksPerWorker: 1,
            idleTimeout: 30_000,
            // Flags of the parent (such as --test or --import tsx) are not for the workers.
            execArgv: [],
            ...(options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb } } : {}),
          }),
      );
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return Math.max(0, this.inflight - this.threads);
  }

  async run<T = unknown>(name: string, input: unknown, options: RunOptions = {}): Promise<T> {
    if (this.inflight >= this.threads + this.maxQueue) throw new QueueFullError(this.queued, this.retryAfter);
    this.inflight++;
    try {
      return await this.submit<T>(name, input, options);
    } finally {
      this.inflight--;
    }
  }

  private async submit<T>(name: string, input: unknown, options: RunOptions): Promise<T> {
    const timeout = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    const signals = [options.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    try {
      const piscina = await this.piscina;
      if (signal?.aborted) throw new Error('aborted before start');
      return (await piscina.run({ name, input }, { signal, transferList: options.transferList })) as T;
    } catch (err) {
      if (timeout?.aborted) throw new TaskTimeoutError(name, options.timeoutMs as number);
      if (options.signal?.aborted) throw new TaskAbortedError(name);
      const msg = (err as Error).message;
      if (msg === 'Task queue is at limit' || msg.startsWith('No task queue available')) {
        throw new QueueFullError(this.queued, this.retryAfter);
      }
      throw err;
    }
  }

  /** Stops every worker (running tasks fail). */
  async close(): Promise<void> {
    await (await this.piscina).destroy();
  }
}
