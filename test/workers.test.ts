/**
 * Expensive work off the event loop: with the worker-process pool, cheap reads are answered while heavy
 * requests run; a request past its budget is answered 503 with Retry-After and its work is stopped (the
 * process killed and replaced); a full queue answers 503 at once.
 */
import assert from 'node:assert/strict';
import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../src/server/index.ts';
import { OpPool } from '../src/server/op-pool.ts';
import { Db } from '../src/store/db.ts';
import { builtDb, tempDir } from './helpers.ts';

let db: Db;
let pool: OpPool;
before(async () => {
  db = await Db.open(await builtDb());
  pool = new OpPool({ processes: 2, maxQueue: 2 });
});
after(async () => {
  await pool.close();
  db.close();
});

// About a second of bootstrap each (rounds=250): long enough to overlap cheap reads and to pass a tight budget.
const heavy = (k: number, rounds = 250) => `/api/v1/gap?metric=arena-text&series=true&rounds=${rounds}&seed=${k}`;

test('cheap reads are answered while expensive requests run in worker processes', { timeout: 300_000 }, async () => {
  const app = createApp(db, { pool, requestTimeoutMs: 120_000 });
  let heavyDone = 0;
  const running = [1, 2].map((k) => Promise.resolve(app.request(heavy(k))).then((r) => (heavyDone++, r.status)));
  const answered: number[] = [];
  for (let i = 0; i < 10 && heavyDone === 0; i++) {
    const r = await app.request('/api/v1/health');
    answered.push(r.status);
    await new Promise((go) => setTimeout(go, 100));
  }
  assert.ok(answered.length >= 1 && answered.every((s) => s === 200), `health while heavy ran: ${answered}`);
  assert.deepEqual(await Promise.all(running), [200, 200]);
});

test('past its budget a request gets 503 with Retry-After, and the pool recovers', { timeout: 300_000 }, async () => {
  const tight = createApp(db, { pool, requestTimeoutMs: 300 });
  const r = await tight.request(heavy(10));
  assert.equal(r.status, 503);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.match(((await r.json()) as { error: string }).error, /budget/);
  const relaxed = createApp(db, { pool, requestTimeoutMs: 120_000 });
  assert.equal((await relaxed.request('/api/v1/gap?metric=epoch-eci&rounds=5')).status, 200, 'a new process took over');
});

test('a full queue answers 503 at once instead of piling up', { timeout: 300_000 }, async () => {
  const app = createApp(db, { pool, requestTimeoutMs: 120_000 });
  const statuses = await Promise.all(
    // Sent at once, the first two run and two wait before any ends; a fifth of the work each is enough for that.
    [20, 21, 22, 23, 24, 25, 26].map(async (k) => (await app.request(heavy(k, 50))).status),
  );
  assert.ok(statuses.includes(503), `statuses: ${statuses}`);
  assert.ok(statuses.includes(200), `statuses: ${statuses}`);
});

test('a worker never answers from a database rebuilt after the server opened its own', {
  timeout: 300_000,
}, async () => {
  const dir = tempDir();
  const path = join(dir, 'a.duckdb');
  copyFileSync(await builtDb(), path);
  const served = await Db.open(path);
  try {
    const app = createApp(served, { pool, requestTimeoutMs: 120_000 });
    // What `airace build` does: a new file renamed over the old one (a new inode at the same path).
    copyFileSync(await builtDb(), join(dir, 'b.duckdb'));
    renameSync(join(dir, 'b.duckdb'), path);
    const r = await app.request('/api/v1/gap?metric=epoch-eci&rounds=5&seed=99');
    assert.equal(r.status, 503);
    assert.match(((await r.json()) as { error: string }).error, /rebuilt after this server started/);
  } finally {
    served.close();
  }
});
