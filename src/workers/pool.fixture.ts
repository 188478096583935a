/**
 * @module
 * Tasks for the pool's tests: one that answers, one that never returns, one that sleeps, one that throws.
 */
export const tasks = {
  square: (x: number): number => x * x,
  /** Never returns and never checks a signal: only terminating its thread stops it. */
  spin: (): never => {
    for (;;) {
      // busy
    }
  },
  sleep: (ms: number): Promise<string> => new Promise((done) => setTimeout(() => done('slept'), ms)),
  fail: (message: string): never => {
    throw new Error(message);
  },
  thread: async (): Promise<number> => (await import('node:worker_threads')).threadId,
};
