import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtDb, tempDir } from '../../test/helpers.ts';
import { Db, forgetRemembered } from '../store/db.ts';
import { computeGap } from './index.ts';
import { listMetrics } from './metrics.ts';
import {
  carryForwardTruncated,
  isPreliminary,
  loadObservations,
  mergeDaily,
  offScaleSnapshots,
  preliminaryAcrossSources,
  PRELIMINARY_SQL,
  type BoardRow,
} from './load.ts';

const row = (
  date: string,
  model: string,
  score: number,
  source_id: string,
  extra: Partial<BoardRow> = {},
): BoardRow => ({
  date,
  model,
  model_raw: model,
  score,
  ci_low: null,
  ci_high: null,
  votes: null,
  preliminary: null,
  source_id,
  ...extra,
});

test('preliminary: by the entry, then across sources up to the last date any source flags it', () => {
  assert.ok(
    isPreliminary({
      preliminary: null,
      votes: 9992,
      ci_low: 1397,
      ci_high: 1409,
      model_raw: 'chocolate (Early Grok-3)',
    }),
    'a codename with 10,000 votes',
  );
  assert.ok(
    !isPreliminary({ preliminary: null, votes: 9992, ci_low: 1397, ci_high: 1409, model_raw: 'Grok-3-Preview-02-24' }),
  );
  const rows = [
    row('2025-02-17', 'x', 1400, 'nakasyou'), // no votes: says nothing
    row('2025-02-18', 'x', 1400, 'fboulnois', { votes: 900 }), // few votes
    row('2025-03-01', 'x', 1401, 'nakasyou'),
    row('2025-02-17', 'early-y', 1402, 'nakasyou', { model_raw: 'early-y' }),
  ];
  const p = preliminaryAcrossSources(rows);
  assert.ok(p('x', '2025-02-17') && p('x', '2025-02-18'));
  assert.ok(!p('x', '2025-03-01'));
  assert.ok(p('early-y', '2030-01-01'), 'a pre-release name marks every date');
});

test('off-scale snapshots: a re-ordered board among agreeing sources is found; agreeing ones are not', () => {
  const models = Array.from({ length: 30 }, (_, i) => `m${i}`);
  const rows: BoardRow[] = [];
  for (const [d, src] of [
    ['2025-01-01', 'a'],
    ['2025-01-02', 'b'],
    ['2025-01-03', 'a'],
    ['2025-01-04', 'b'],
    ['2025-01-02', 'c'],
    ['2025-01-05', 'c'],
  ] as const) {
    models.forEach((m, i) => rows.push(row(d, m, 1300 + i * 3 + (src === 'b' ? 0.4 : 0), src)));
  }
  // Source c on 2025-01-02 publishes another scale: the same models, shuffled ratings.
  for (const r of rows)
    if (r.source_id === 'c' && r.date === '2025-01-02') r.score = 1300 + ((Number(r.model.slice(1)) * 17) % 30) * 3;
  const off = offScaleSnapshots(rows);
  assert.deepEqual(
    off.map((o) => `${o.source_id} ${o.date}`),
    ['c 2025-01-02'],
  );
});

test('merged daily board: one entry per day and model, mean score, interval from the source that has one', () => {
  const m = mergeDaily([
    row('2025-02-06', 'a', 1383.2, 'nakasyou-lmarena-history'),
    row('2025-02-06', 'a', 1384, 'fboulnois-llm-leaderboard-csv', { ci_low: 1378, ci_high: 1390 }),
    row('2025-02-06', 'b', 1361, 'fboulnois-llm-leaderboard-csv'),
  ]);
  assert.equal(m.length, 2);
  const a = m.find((x) => x.model === 'a');
  assert.ok(a && Math.abs(a.score - 1383.6) < 1e-9 && a.sd !== null);
  assert.deepEqual(a?.sources, ['fboulnois-llm-leaderboard-csv', 'nakasyou-lmarena-history']);
});

test('truncated boards: models cut off a top-N page keep their latest known score, with its date', () => {
  const full = (date: string) =>
    Array.from({ length: 40 }, (_, i) => ({ date, model: `m${i}`, score: 1500 - i, sd: null, sources: ['s'] }));
  const top = (date: string) =>
    full(date)
      .slice(0, 10)
      .map((m) => ({ ...m, score: m.score + 1 }));
  const out = carryForwardTruncated([
    ...full('2026-07-01'),
    ...full('2026-07-02'),
    ...top('2026-07-10'),
    ...top('2026-09-10'),
  ]);
  const day = out.filter((m) => m.date === '2026-07-10');
  assert.equal(day.length, 40);
  assert.equal(day.find((m) => m.model === 'm0')?.score, 1501, 'listed models keep the day\u2019s score');
  assert.equal(day.find((m) => m.model === 'm30')?.carried_from, '2026-07-02');
  assert.equal(out.filter((m) => m.date === '2026-09-10').length, 10, 'nothing older than 30 days is carried');
});

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

test('the Feb 2025 US–CN Arena gap is steady day to day, near the AI Index level (~1.7%)', async () => {
  const r = await computeGap(db, { metric: 'arena-text', leader: 'US', follower: 'CN', rounds: 0 }, true);
  const feb = (r.series ?? []).filter((p) => p.date >= '2025-02-01' && p.date <= '2025-02-28' && p.points_gap !== null);
  assert.ok(feb.length >= 10, `${feb.length} days`);
  const share = feb.map((p) => (p.points_gap as number) / (p.leader_score as number));
  for (const s of share) assert.ok(s > 0.012 && s < 0.022, `gap share ${s}`);
  for (let i = 1; i < feb.length; i++)
    assert.ok(Math.abs((feb[i]?.points_gap as number) - (feb[i - 1]?.points_gap as number)) < 5, feb[i]?.date);
  assert.ok(
    feb.every((p) => p.leader_model !== 'early-grok-3'),
    'the pre-release codename is preliminary in every source',
  );
  assert.ok(r.coverage.off_scale_excluded > 0);
});

test('PRELIMINARY_SQL judges every entry as isPreliminary does (without the name), edge values included', async () => {
  const q = (from: string) =>
    db.rows(
      z.object({
        preliminary: z.boolean().nullable(),
        votes: z.number().nullable(),
        ci_low: z.number().nullable(),
        ci_high: z.number().nullable(),
        sql: z.boolean(),
      }),
      `SELECT preliminary, votes, ci_low, ci_high, ${PRELIMINARY_SQL} AS sql FROM ${from}`,
    );
  const edges = await q(`(VALUES (NULL::BOOLEAN, NULL::BIGINT, NULL::DOUBLE, NULL::DOUBLE), (false, 1999, 1, 2),
    (false, 2000, 1, 2), (NULL, NULL, 1000, 1030), (NULL, NULL, 1000, 1030.5), (true, 90000, 1, 2),
    (false, NULL, NULL, 1200)) t(preliminary, votes, ci_low, ci_high)`);
  const stored = await q('leaderboard_entries');
  assert.ok(stored.length > 1000, `${stored.length} stored entries`);
  const judged = [...edges, ...stored].map((r) => r.sql === isPreliminary(r));
  assert.equal(judged.filter((same) => !same).length, 0);
  assert.deepEqual(
    edges.map((r) => r.sql),
    [false, true, false, false, true, true, false],
  );
});

test('observations kept on disk come back equal to a fresh read, for every metric', async () => {
  const path = join(tempDir(), 'o.duckdb');
  copyFileSync(await builtDb(), path);
  const fresh = await Db.open(path);
  const metrics = await listMetrics(fresh);
  const read = await Promise.all(metrics.map((m) => loadObservations(fresh, m, false)));
  fresh.close();
  forgetRemembered();
  const again = await Db.open(path);
  try {
    for (const [k, m] of metrics.entries()) {
      const revived = await loadObservations(again, m, false);
      assert.deepStrictEqual(revived, read[k], m.id);
      assert.ok(Object.isFrozen(revived.observations) && Object.isFrozen(revived.observations[0] ?? {}), m.id);
    }
  } finally {
    again.close();
  }
});
