import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { blocOf } from '../data/attribution.ts';
import { builtDb } from '../../test/helpers.ts';
import { callOp, opError } from '../../test/ops.ts';
import { Db } from '../store/db.ts';
import { computeGap, listMetrics } from './index.ts';

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

test('the required metric ids exist', async () => {
  const ids = (await listMetrics(db)).map((m) => m.id);
  for (const id of ['arena-text', 'epoch-eci', 'gpqa-diamond', 'swe-bench-verified']) assert.ok(ids.includes(id), id);
});

test('epoch-eci frontiers equal an independent query: best score released by the date, per bloc', async () => {
  const asOf = '2026-04-15';
  const r = await computeGap(db, { metric: 'epoch-eci', asOf, leader: 'US', follower: 'CN', rounds: 100 });
  const rows = await db.all(
    `SELECT o.country, max(b.score) AS best FROM benchmark_results b JOIN models m ON m.id = b.model_id JOIN organizations o ON o.id = m.organization_id
     WHERE b.benchmark = 'epoch_capabilities_index' AND COALESCE(b.release_date, m.release_date) <= $1 GROUP BY o.country`,
    [asOf],
  );
  const best = (bloc: string) =>
    Math.max(...rows.filter((x) => blocOf(String(x['country'])) === bloc).map((x) => Number(x['best'])));
  assert.equal(r.leader_score, best('US'));
  assert.equal(r.follower_score, best('CN'));
  assert.ok(Math.abs((r.points_gap ?? 0) - (best('US') - best('CN'))) < 1e-9);
  assert.ok(r.months_gap !== null && r.months_ci !== null, 'months gap with its interval');
  assert.ok((r.months_ci?.[0] ?? 0) <= (r.months_gap ?? 0) + 1e-9 || r.months_censored);
  assert.match(r.uncertainty, /bootstrap over models/);
  assert.ok(r.sources.includes('epoch-benchmarking-hub'));
});

test('arena-text snapshot view: the point is the last snapshot on or before as_of, preliminary excluded by default', async () => {
  const r = await computeGap(db, {
    metric: 'arena-text',
    asOf: '2025-06-01',
    leader: 'US',
    follower: 'CN',
    rounds: 50,
  });
  assert.ok((r.data_date ?? '') <= '2025-06-01');
  assert.equal(r.preliminary, 'excluded');
  const withPrelim = await computeGap(db, {
    metric: 'arena-text',
    leader: 'US',
    follower: 'CN',
    rounds: 0,
    includePreliminary: true,
  });
  assert.equal(withPrelim.preliminary, 'included');
  assert.ok(withPrelim.coverage.preliminary_excluded === 0);
  const series =
    (await computeGap(db, { metric: 'arena-text', leader: 'US', follower: 'CN', rounds: 0 }, true)).series ?? [];
  assert.ok(series.length > 150 && series[0]?.date.startsWith('2023-05'));
});

test('gap operation: fields per SPEC, and clear errors', async () => {
  const r = await callOp(db, 'gap', { metric: 'gpqa-diamond', rounds: '50' });
  assert.ok(r.ok, r.ok ? '' : r.failure.error);
  const body = r.output as Record<string, unknown>;
  for (const k of [
    'metric',
    'as_of',
    'leader',
    'follower',
    'leader_model',
    'follower_model',
    'points_gap',
    'months_gap',
    'months_ci',
    'sources',
  ])
    assert.ok(k in body, k);
  for (const [raw, pattern] of [
    [{ metric: 'nope' }, /unknown metric "nope"/],
    [{ as_of: '2025-13-45' }, /as_of: must be a real date/],
    [{ leader: 'XX' }, /no arena-text scores for XX/],
    [{ as_of: '1999-01-01' }, /no arena-text data on or before 1999-01-01/],
  ] as const) {
    assert.match(await opError(db, 'gap', { ...raw, rounds: '0' }), pattern, JSON.stringify(raw));
  }
});
