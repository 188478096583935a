/**
 * @module
 * Admission for expensive work: at most `running` jobs at once and `waiting` in line; beyond that the
 * caller is told to come back (503 with Retry-After) instead of piling up until the server stalls.
 */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
  constructor(readonly retryAfterSeconds: number) {
    super(`the server is busy with expensive requests; retry in ${retryAfterSeconds} s`);
  }
}

export class WorkQueue {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  get depth(): number {
    return this.active + this.line.length;
  }

  async run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.running) {
      if (this.line.length >= this.waiting) throw new QueueFullError(5);
      await new Promise<void>((go, stop) => {
        const start = () => {
          signal?.removeEventListener('abort', abort);
          go();
        };
        const abort = () => {
          const k = this.line.indexOf(start);
          if (k >= 0) this.line.splice(k, 1);
          stop(signal?.reason ?? new Error('aborted'));
        };
        signal?.addEventListener('abort', abort, { once: true });
        this.line.push(start);
      });
    }
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.line.shift()?.();
    }
  }
}
