/**
 * @module
 * Expensive operations in worker processes (workerpool): a bounded queue (full → 503 with Retry-After) and
 * a time budget per task after which its process is killed and replaced, so the work really stops. Threads
 * are not used here because terminating a thread inside a DuckDB call aborts the whole process.
 */
import workerpool from 'workerpool';
import type { OpResult, OpTask } from './op-tasks.ts';

export class BusyError extends Error {
  override name = 'QueueFullError';
  constructor(readonly retryAfterSeconds: number) {
    super(`the server is busy with expensive requests; retry in ${retryAfterSeconds} s`);
  }
}

export class BudgetError extends Error {
  override name = 'TaskTimeoutError';
  readonly retryAfterSeconds = 10;
  constructor(name: string, ms: number) {
    super(`${name} took longer than its ${(ms / 1000).toFixed(1)} s budget and was stopped`);
  }
}

export interface OpPoolOptions {
  processes?: number;
  maxQueue?: number;
}

export class OpPool {
  private readonly pool: workerpool.Pool;
  private closed = false;

  constructor(options: OpPoolOptions = {}) {
    const n = Math.max(1, options.processes ?? 2);
    this.pool = workerpool.pool(new URL('./op-process.mjs', import.meta.url).pathname, {
      workerType: 'process',
      maxWorkers: n,
      // Started at once, so the first expensive request does not wait for a process to boot.
      minWorkers: n,
      maxQueueSize: options.maxQueue ?? 8 * n,
      // The children must not inherit the test runner's or the parent's loader flags.
      forkOpts: { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
      workerTerminateTimeout: 1000,
    });
  }

  /** Runs a task within `budgetMs` from now, waiting in line included: past it, the task is dropped from the
   * queue or its process killed. */
  async run(task: OpTask, budgetMs: number): Promise<OpResult> {
    // A closed pool must not start new processes (workerpool would), or they would outlive the server.
    if (this.closed) throw new BusyError(5);
    let promise: workerpool.Promise<unknown>;
    try {
      promise = this.pool.exec('op', [task]);
    } catch (err) {
      if (/max queue size/i.test((err as Error).message ?? '')) throw new BusyError(5);
      throw err;
    }
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      promise.cancel();
    }, budgetMs);
    try {
      return (await promise) as OpResult;
    } catch (err) {
      if (expired) throw new BudgetError(task.name, budgetMs);
      if (/max queue size/i.test((err as Error).message ?? '')) throw new BusyError(5);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Workers and tasks right now (total, busy, idle, pending). */
  get stats(): ReturnType<workerpool.Pool['stats']> {
    return this.pool.stats();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.terminate(true);
  }
}
