/**
 * Rolling-window traffic facts over hand-made daily rows: whole windows only, shares that add up, places by
 * tokens and by dollars, dollars only for priced paid rows; then over the real data, against the report
 * `airace adoption show --days N --as-of D` prints.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { builtDb } from '../../test/helpers.ts';
import type { Fact } from '../ops/operation.ts';
import { Db } from '../store/db.ts';
import { adoption, type TrafficRow } from './index.ts';
import { adoptionFacts } from './facts.ts';
import { windowFacts } from './windows.ts';

const day = (n: number) => `2026-07-${String(n).padStart(2, '0')}`;
const row = (d: string, author: string, p: number, over: Partial<TrafficRow> = {}): TrafficRow => ({
  d,
  source_id: 'src-traffic',
  author,
  variant: 'standard',
  p,
  c: 0,
  r: 1,
  family: null,
  organization_id: author,
  pin: 1,
  pout: 1,
  ...over,
});
const COUNTRY: Record<string, string> = { lab_cn: 'CN', lab_us: 'US' };

function facts(rows: TrafficRow[], partial: string[] = []): Fact[] {
  return [
    ...windowFacts({
      rows,
      who: (r) => ({ org: r.organization_id, country: COUNTRY[r.organization_id ?? ''] ?? 'unknown' }),
      partial,
      sources: { traffic: ['src-traffic'], prices: ['src-prices'] },
    }),
  ];
}

test('7-day windows: whole windows only, shares that add up, places by tokens, dollars of priced paid rows', () => {
  const rows: TrafficRow[] = [];
  // Ten days: the Chinese lab 3e6 tokens a day, the American lab 1e6 (free on day 10: no dollars).
  for (let n = 1; n <= 10; n++)
    rows.push(row(day(n), 'lab_cn', 3e6), row(day(n), 'lab_us', 1e6, n === 10 ? { variant: 'free' } : {}));
  const fs = facts(rows);
  const get = (metric: string, entity: string, end: string) =>
    fs.filter((f) => f.metric === metric && f.entity === entity && f.time === end && f.window === '7d');
  // Windows end on days 7 to 10 (a window needs its seven days); none is 30 days long.
  assert.deepEqual([...new Set(fs.filter((f) => f.window === '7d').map((f) => f.time))].sort(), [7, 8, 9, 10].map(day));
  assert.equal(fs.filter((f) => f.window === '30d').length, 0);
  assert.equal(get('token_share', 'CN', day(7))[0]?.value, 0.75);
  assert.equal(get('tokens:7d', 'lab_us', day(7))[0]?.value, 7e6);
  assert.equal(get('token_rank', 'lab_cn', day(7))[0]?.value, 1);
  assert.equal(get('token_rank', 'US', day(7))[0]?.value, 2);
  // Dollars: prompt tokens at 1 USD per million; the free day counts nothing.
  assert.equal(get('spend:7d', 'lab_us', day(10))[0]?.value, 6);
  assert.equal(get('spend:7d', 'lab_cn', day(10))[0]?.value, 21);
  assert.deepEqual(get('spend:7d', 'lab_cn', day(10))[0]?.source_ids, ['src-traffic', 'src-prices']);
  // Shares of one kind add up to one.
  for (const metric of ['token_share', 'request_share', 'spend_share']) {
    const sum = fs
      .filter((f) => f.metric === metric && f.entity_kind === 'country' && f.time === day(9))
      .reduce((a, f) => a + f.value, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12, `${metric} ${sum}`);
  }
  // A partially scraped day: no window that holds it (day 8 is in every window but the one ending on day 7).
  assert.deepEqual([...new Set(facts(rows, [day(8)]).map((f) => f.time))].sort(), [day(7)]);
  assert.deepEqual([...new Set(facts(rows, [day(10)]).map((f) => f.time))].sort(), [7, 8, 9].map(day));
});

let db: Db;
before(async () => void (db = await Db.open(await builtDb(), { readOnly: true })));
after(() => db?.close());

test('the real windows agree with the adoption report for the same days', async () => {
  const fs = await adoptionFacts({ db: async () => db, signal: new AbortController().signal } as never);
  for (const [days, asOf, by] of [
    [30, '2026-08-07', 'country'],
    [7, '2026-07-31', 'country'],
    [7, '2026-07-31', 'author'],
  ] as const) {
    for (const metric of ['tokens', 'dollars'] as const) {
      const r = await adoption(db, { by, metric, asOf, days });
      const top = r.rows[0] as Record<string, string | number>;
      const entity = String(top[by]);
      const f = fs.find(
        (x) =>
          x.window === `${days}d` &&
          x.time === asOf &&
          x.metric === (metric === 'tokens' ? 'token_share' : 'spend_share') &&
          x.entity === entity,
      );
      assert.ok(f, `${metric} ${days}d ${asOf} ${entity}`);
      assert.ok(Math.abs(f.value - Number(top['share'])) < 1e-9, `${f.value} vs ${top['share']}`);
    }
  }
});

test("the download totals by country and family agree with the adoption report of the snapshot's day", async () => {
  const fs = await adoptionFacts({ db: async () => db, signal: new AbortController().signal } as never);
  for (const by of ['country', 'family'] as const) {
    const r = await adoption(db, { by, metric: 'downloads' });
    const day = r.window.to;
    let n = 0;
    // (No fact for the rows that name no one: "other", "unknown".)
    for (const row of r.rows.filter((x) => !['other', 'unknown'].includes(String(x[by]))).slice(0, 3)) {
      const key = String(row[by]);
      const entity = by === 'family' ? `family:${key}` : key;
      const f = fs.find((x) => x.metric === 'downloads' && x.entity === entity && x.time === day && x.window === '30d');
      assert.ok(f, `${by} ${entity} ${day}`);
      assert.equal(f.value, Number(row['value']), `${entity}: ${f.value} vs ${row['value']}`);
      if (by === 'family') {
        const share = fs.find((x) => x.metric === 'downloads_share' && x.entity === entity && x.time === day);
        assert.ok(share && Math.abs(share.value - Number(row['share'])) < 1e-9, `${entity} share`);
      }
      n++;
    }
    assert.ok(n > 0, `${by}: rows compared`);
  }
});

test('the derivative facts by country are the adoption report of derivatives', async () => {
  const fs = await adoptionFacts({ db: async () => db, signal: new AbortController().signal } as never);
  const r = await adoption(db, { by: 'country', metric: 'derivatives' });
  const named = r.rows.filter((x) => !['other', 'unknown'].includes(String(x['country'])));
  assert.ok(named.length > 0);
  for (const row of named) {
    const c = String(row['country']);
    assert.equal(fs.find((f) => f.metric === 'derivatives' && f.entity === c)?.value, Number(row['value']), c);
    const share = fs.find((f) => f.metric === 'derivative_share' && f.entity === c)?.value ?? Number.NaN;
    assert.ok(Math.abs(share - Number(row['share'])) < 1e-12, `${c} share`);
  }
});
