import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { QueueFullError, TaskAbortedError, TaskTimeoutError, WorkerPool } from './pool.ts';

const FIXTURE = new URL('./pool.fixture.ts', import.meta.url);
const pools: WorkerPool[] = [];
const pool = (o: { threads?: number; maxQueue?: number } = {}) => {
  const p = new WorkerPool({ tasks: FIXTURE, threads: 1, ...o });
  pools.push(p);
  return p;
};
after(async () => {
  for (const p of pools) await p.close();
});

test('results come back, errors too, from TypeScript task modules', async () => {
  const p = pool({ threads: 2 });
  assert.deepEqual(await Promise.all([1, 2, 3, 4].map((x) => p.run('square', x))), [1, 4, 9, 16]);
  await assert.rejects(p.run('fail', 'boom'), /boom/);
  await assert.rejects(p.run('nope', 1), /no task "nope"/);
});

test('a task that loops forever is terminated at its timeout, and the pool keeps working', async () => {
  const p = pool();
  const before = await p.run<number>('thread', null);
  const t0 = performance.now();
  await assert.rejects(
    p.run('spin', null, { timeoutMs: 300 }),
    (err: unknown) => err instanceof TaskTimeoutError && err.timeoutMs === 300,
  );
  assert.ok(performance.now() - t0 < 5000);
  // A fresh worker replaced the terminated one.
  const afterId = await p.run<number>('thread', null);
  assert.notEqual(afterId, before);
  assert.equal(await p.run('square', 7), 49);
});

test('an abort stops a running task and removes a queued one', async () => {
  const p = pool();
  const running = new AbortController();
  const queued = new AbortController();
  const a = p.run('spin', null, { signal: running.signal });
  const b = p.run('square', 3, { signal: queued.signal });
  queued.abort();
  await assert.rejects(b, TaskAbortedError);
  setTimeout(() => running.abort(), 100);
  await assert.rejects(a, TaskAbortedError);
  assert.equal(await p.run('square', 5), 25);
});

test('a full queue fails at once with QueueFullError instead of waiting', async () => {
  const p = pool({ threads: 1, maxQueue: 2 });
  const stop = new AbortController();
  // One running, two queued: the fourth is refused.
  const held = [0, 1, 2].map(() => p.run('sleep', 400, { signal: stop.signal }).catch((e: unknown) => e));
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  await assert.rejects(
    p.run('square', 2),
    (err: unknown) => err instanceof QueueFullError && err.retryAfterSeconds >= 1,
  );
  assert.ok(performance.now() - t0 < 100, 'refused without waiting');
  assert.deepEqual(await Promise.all(held), ['slept', 'slept', 'slept']);
  assert.equal(await p.run('square', 2), 4);
});
