import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { builtDb } from '../../test/helpers.ts';
import { callOp } from '../../test/ops.ts';
import { Db } from '../store/db.ts';

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

const count = async (sql: string, id: string) =>
  Number((await db.rows(z.object({ n: z.number() }), sql, [id]))[0]?.n ?? -1);

test('model: one model with its ratings, benchmarks, prices, traffic and repositories, each row sourced', async () => {
  const id = 'deepseek-v3-2';
  const r = await callOp(db, 'model', { id });
  assert.ok(r.ok, r.ok ? '' : r.failure.error);
  const o = r.output as {
    model: { id: string; name: string; source_ids: string[] };
    ratings: { leaderboard: string; category: string; date: string; score: number; source_id: string }[];
    benchmarks: { source_id: string }[];
    prices: { provider: string; valid_from: string; source_id: string }[];
    traffic: { share: number | null; source_id: string }[];
    derivatives: { repos: { hub_id: string }[]; derivatives: unknown[] };
  };
  assert.equal(o.model.id, id);
  assert.ok(o.model.source_ids.length > 0);
  // Counted independently from the tables: every price and benchmark row, every repository once.
  assert.equal(
    o.prices.length,
    await count('SELECT CAST(count(*) AS DOUBLE) AS n FROM prices WHERE model_id = $1', id),
  );
  assert.equal(
    o.benchmarks.length,
    await count('SELECT CAST(count(*) AS DOUBLE) AS n FROM benchmark_results WHERE model_id = $1', id),
  );
  assert.equal(
    o.derivatives.repos.length,
    await count('SELECT CAST(count(DISTINCT hub_id) AS DOUBLE) AS n FROM open_models WHERE model_id = $1', id),
  );
  // One rating per board, category and day: the best score of that day.
  const keys = o.ratings.map((x) => `${x.leaderboard}|${x.category}|${x.date}`);
  assert.equal(new Set(keys).size, keys.length);
  const best = await db.rows(
    z.object({ score: z.number() }),
    `SELECT max(score) AS score FROM leaderboard_entries WHERE model_id = $1 AND leaderboard = $2
     AND category = $3 AND CAST(snapshot_date AS VARCHAR) = $4`,
    [id, o.ratings[0]?.leaderboard ?? '', o.ratings[0]?.category ?? '', o.ratings[0]?.date ?? ''],
  );
  assert.equal(o.ratings[0]?.score, best[0]?.score);
  assert.ok(o.traffic.length > 0 && o.traffic.every((t) => t.share !== null && t.share > 0 && t.share < 1));
  for (const row of [...o.ratings, ...o.benchmarks, ...o.prices, ...o.traffic]) assert.ok(row.source_id);
});

test('model: an unknown id is not found, named by field', async () => {
  const r = await callOp(db, 'model', { id: 'no-such-model' });
  assert.ok(!r.ok);
  assert.equal(r.failure.status, 404);
  assert.equal(r.failure.field, 'id');
  assert.match(r.failure.error, /no model "no-such-model"/);
});
