import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { builtDb } from '../../test/helpers.ts';
import { assertGolden } from '../../test/golden.ts';
import { opError } from '../../test/ops.ts';
import { Db } from '../store/db.ts';
import {
  blended,
  frontier,
  latestKnownScores,
  MAX_SCORE_AGE_DAYS,
  paretoFrontier,
  parseBlend,
  pick,
  trend,
} from './index.ts';
import { scatterSpec, toSvg } from './plot.ts';

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

test('blend: 3:1 by default, configurable, validated', () => {
  assert.equal(blended({ input: 3, output: 1 }, 1, 5), 2);
  assert.deepEqual(parseBlend('1:1'), { input: 1, output: 1 });
  assert.throws(() => parseBlend('3-1'), /INPUT:OUTPUT/);
  assert.throws(() => parseBlend('0:0'), /INPUT:OUTPUT/);
});

test('Pareto frontier: nothing on it is beaten on both price and score', () => {
  const pts = [
    { price: 1, score: 10 },
    { price: 2, score: 9 },
    { price: 2, score: 12 },
    { price: 5, score: 12 },
    { price: 0.5, score: 3 },
  ];
  assert.deepEqual(paretoFrontier(pts), [
    { price: 0.5, score: 3 },
    { price: 1, score: 10 },
    { price: 2, score: 12 },
  ]);
  fc.assert(
    fc.property(
      fc.array(fc.record({ price: fc.integer({ min: 1, max: 50 }), score: fc.integer({ min: 0, max: 50 }) }), {
        minLength: 1,
        maxLength: 40,
      }),
      (ps) => {
        const f = paretoFrontier(ps);
        for (const p of f)
          assert.ok(
            !ps.some((q) => q.price <= p.price && q.score >= p.score && (q.price < p.price || q.score > p.score)),
          );
        for (const q of ps) if (!f.includes(q)) assert.ok(f.some((p) => p.price <= q.price && p.score >= q.score));
      },
    ),
  );
});

test('pick on the real snapshot: cheapest qualifying, its price as the prices table has it, exclusions explained', async () => {
  const date = '2026-01-15';
  const r = await pick(db, { metric: 'arena-text', minScore: 1400, openWeights: true, asOf: date });
  assert.ok(r.pick);
  const p = r.pick;
  assert.ok(p.open_weights === true && p.score >= 1400);
  for (const q of r.runners_up) assert.ok(q.price >= p.price && q.score >= 1400 && q.open_weights === true);
  // The pick's price, independently: the provider's row valid that day, blended 3:1.
  const rows = await db.all(
    `SELECT input_usd_per_mtok AS i, output_usd_per_mtok AS o FROM prices WHERE model_id = $1 AND provider = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) AND input_usd_per_mtok > 0 ORDER BY valid_from DESC LIMIT 1`,
    [p.model, p.provider, date],
  );
  assert.ok(Math.abs((3 * Number(rows[0]?.['i']) + Number(rows[0]?.['o'])) / 4 - p.price) < 1e-3);
  assert.ok(p.sources.length >= 2);
  // Every excluded model's reason holds.
  const models = new Map(
    (await db.all('SELECT id, open_weights FROM models')).map((m) => [String(m['id']), m['open_weights']]),
  );
  for (const e of r.excluded.filter((x) => x.reason === 'weights not open'))
    assert.equal(models.get(e.model), false, e.model);
  assert.ok(r.excluded.length > 0);
  // Constraints combine: not CN and a price cap.
  const capped = await pick(db, { metric: 'arena-text', minScore: 1300, origin: 'not:CN', maxPrice: 1, asOf: date });
  for (const c of [capped.pick, ...capped.runners_up]) if (c) assert.ok(c.country !== 'CN' && c.price <= 1);
});

test('frontier and trend on the real snapshot', async () => {
  const f = await frontier(db, { metric: 'arena-text', asOf: '2026-01-15' });
  assert.ok(f.frontier.length >= 2);
  const prices = f.frontier.map((x) => x.price);
  const scores = f.frontier.map((x) => x.score);
  assert.deepEqual(
    [...prices].sort((a, b) => a - b),
    prices,
  );
  assert.ok(scores.every((s, i) => i === 0 || s > (scores[i - 1] as number)));
  assert.ok(f.by_bloc['CN'] && f.by_bloc['US']);
  const t = await trend(db, { metric: 'arena-text', level: 1400, from: '2025-06-01', to: '2025-09-01' });
  assert.deepEqual(
    t.series.map((x) => x.date),
    ['2025-06-01', '2025-07-01', '2025-08-01', '2025-09-01'],
  );
  assert.ok(t.series.every((x) => x.cheapest_price === null || x.cheapest_sources.length > 0));
});

test('the cost scatter renders to its golden SVG', async () => {
  const spec = scatterSpec({
    title: 'Test score',
    asOf: '2026-01-01',
    blend: '3:1 input:output',
    sources: ['s'],
    points: [
      { model: 'a', bloc: 'US', price: 1, score: 10, on_frontier: true },
      { model: 'b', bloc: 'CN', price: 0.5, score: 8, on_frontier: true },
      { model: 'c', bloc: 'EU', price: 3, score: 9, on_frontier: false },
    ],
  });
  assertGolden('cost-scatter.svg', await toSvg(spec));
});

test('cost operations: bad input gives clear errors', async () => {
  for (const [name, raw, pattern] of [
    ['cost.pick', {}, /min_score: is required/],
    ['cost.pick', { min_score: 'high' }, /min_score: must be a number/],
    ['cost.pick', { min_score: '1400', blend: 'x' }, /blend: must be INPUT:OUTPUT/],
    ['cost.pick', { min_score: '1400', origin: 'China' }, /origin: must be CC or not:CC/],
    ['cost.pick', { min_score: '1400', metric: 'nope' }, /unknown metric "nope"/],
    ['cost.pick', { min_score: '1400', as_of: '2026-02-30' }, /as_of: must be a real date/],
    ['cost.pick', { min_score: '1400', as_of: '2020-01-01' }, /no prices valid on 2020-01-01|no arena-text scores/],
    ['cost.trend', { level: '1400', from: '2026-01-01', to: '2025-01-01' }, /is after/],
  ] as const) {
    assert.match(await opError(db, name, raw), pattern, `${name} ${JSON.stringify(raw)}`);
  }
});

test('latest known score as of t: carried forward with date and age, within a bound', () => {
  const o = (date: string, model: string, score: number) => ({
    date,
    model,
    bloc: 'US',
    score,
    sd: null,
    source_id: 's',
  });
  const obs = [
    o('2026-01-01', 'a', 1400),
    o('2026-01-01', 'b', 1390),
    o('2026-03-01', 'a', 1410),
    o('2025-01-01', 'c', 1300),
  ];
  const s = latestKnownScores(obs, 'snapshot', '2026-03-10');
  assert.deepEqual(s.get('a'), { model: 'a', score: 1410, date: '2026-03-01', age_days: 9, source_id: 's' });
  assert.equal(s.get('b')?.age_days, 68, 'b is not on the last (truncated) snapshot, but still known');
  assert.ok(!s.has('c'), `older than ${MAX_SCORE_AGE_DAYS} days`);
});

test('the picker answers at the latest date for every origin, on-demand prices unless asked', async () => {
  for (const origin of ['US', 'CN', 'EU']) {
    const r = await pick(db, { metric: 'arena-text', minScore: 1250, origin });
    assert.ok(r.pick, origin);
    assert.equal(r.tier, 'on-demand');
  }
  const f = await frontier(db, { metric: 'arena-text' });
  assert.ok(f.points.length > 50 && f.by_bloc['CN'] && f.by_bloc['US']);
  // No on-demand answer uses a batch row; asked for, the batch tier answers with batch rows only.
  const raws = async (tier: string) =>
    (await db.all(`SELECT DISTINCT model_raw FROM prices WHERE tier = $1`, [tier])).map((x) => String(x['model_raw']));
  const batchRaws = new Set(await raws('batch'));
  assert.ok(batchRaws.size > 0 && [...batchRaws].every((x) => x.endsWith(':batch')));
  const b = await frontier(db, { metric: 'arena-text', tier: 'batch' });
  assert.equal(b.tier, 'batch');
  assert.ok(b.points.length > 0);
  // Each batch point is below the same provider's on-demand price for that model and day.
  for (const p of b.points) {
    const od = await db.all(
      `SELECT (3 * input_usd_per_mtok + output_usd_per_mtok) / 4 AS p FROM prices WHERE model_id = $1 AND provider = $2 AND tier = 'on-demand' AND CAST(valid_from AS VARCHAR) = $3`,
      [p.model, p.provider, p.price_valid_from],
    );
    if (od[0]) assert.ok(p.price < Number(od[0]['p']), `${p.model}: batch ${p.price} vs on-demand ${od[0]['p']}`);
  }
});
