import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { builtDb, ROOT } from '../../test/helpers.ts';
import { callOp, opError } from '../../test/ops.ts';
import { Db } from '../store/db.ts';
import { loadFx, timeline } from '../timeline/index.ts';
import { parseWeights, score } from './index.ts';

const fx = loadFx(join(ROOT, 'data', 'curated', 'fx.json'));
let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

test('weights: defaults, parsing, errors', () => {
  assert.deepEqual(parseWeights(undefined), { capability: 1, adoption: 1, cost: 1, compute: 1, policy: 1 });
  assert.equal(parseWeights('capability=2,cost=0').capability, 2);
  assert.throws(() => parseWeights('vibes=1'), /weights must be/);
  assert.throws(() => parseWeights('capability=0,adoption=0,cost=0,compute=0,policy=0'), /at least one weight/);
});

test('scorecard: indicators from the data, normalised, weighted, with sources and sensitivity', async () => {
  const r = await score(db, { asOf: '2026-04-15', countries: ['US', 'CN'], samples: 2000 }, fx);
  const us = r.countries.find((c) => c.country === 'US');
  const cn = r.countries.find((c) => c.country === 'CN');
  assert.ok(us && cn);
  const eci = (c: typeof us) =>
    c.pillars.find((p) => p.pillar === 'capability')?.indicators.find((i) => i.id === 'eci_best');
  // Independently: the best ECI released by the date per country.
  const best = await db.all(
    `SELECT o.country, max(b.score) AS s FROM benchmark_results b JOIN models m ON m.id = b.model_id JOIN organizations o ON o.id = m.organization_id WHERE b.benchmark = 'epoch_capabilities_index' AND b.release_date <= '2026-04-15' AND o.country IN ('US', 'CN') GROUP BY o.country`,
  );
  assert.equal(eci(us)?.value, best.find((x) => x['country'] === 'US')?.['s']);
  assert.equal(eci(cn)?.value, best.find((x) => x['country'] === 'CN')?.['s']);
  assert.deepEqual([eci(us)?.normalized, eci(cn)?.normalized], [1, 0]);
  assert.ok((eci(us)?.sources.length ?? 0) > 0);
  const shares = Object.values(r.sensitivity.lead_share).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(shares - 1) < 1e-9);
  // Putting all weight on one pillar makes its leader the leader.
  const adoptionOnly = await score(
    db,
    {
      asOf: '2026-08-08',
      countries: ['US', 'CN'],
      weights: parseWeights('capability=0,adoption=1,cost=0,compute=0,policy=0'),
      samples: 100,
    },
    fx,
  );
  const adopt = adoptionOnly.countries
    .map((c) => [c.country, c.pillars.find((p) => p.pillar === 'adoption')?.score ?? -1] as const)
    .sort((a, b) => b[1] - a[1])[0]?.[0];
  assert.equal(adoptionOnly.countries[0]?.country, adopt);
});

test('timeline: sourced events, USD at a stated rate, filters', async () => {
  const t = await timeline(db, {}, fx);
  const invest = t.events.find((e) => e.title.includes('InvestAI') || e.title.toLowerCase().includes('investai'));
  assert.ok(invest && invest.currency === 'EUR' && invest.amount_usd !== null && invest.fx?.includes('USD per EUR'));
  assert.ok(Math.abs((invest.amount_usd ?? 0) - (invest.amount ?? 0) * 1.04) < 1);
  assert.ok(t.events.every((e) => e.sources.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(e.date)));
  assert.ok(t.events.some((e) => e.kind === 'export_control' && e.title.startsWith('3A090-2023')));
  assert.ok(t.events.some((e) => e.kind === 'model_release' && e.country === 'CN'));
  const summit = t.events.find((e) => e.kind === 'governance' && /Paris/i.test(e.title));
  assert.ok(summit?.actors.includes('US did not sign') && summit.actors.includes('CHINA signed'));
  const only = await timeline(db, { kinds: ['investment'], from: '2025-01-01', to: '2025-12-31', country: 'us' }, fx);
  assert.ok(only.events.length >= 1 && only.events.every((e) => e.kind === 'investment' && e.country === 'US'));
  await assert.rejects(timeline(db, { kinds: ['nope'] }, fx), /unknown kind "nope"/);
});

test('score and timeline operations: output shapes and field-named errors', async () => {
  const r = await callOp(db, 'score', { samples: '200' });
  assert.ok(r.ok, r.ok ? '' : r.failure.error);
  const body = r.output as { as_of: string; weights: object; countries: unknown[]; sensitivity: object };
  assert.ok(body.as_of && body.weights && body.sensitivity && body.countries.length === 3);
  const t = await callOp(db, 'timeline', { kind: 'investment' });
  assert.ok(t.ok && (t.output as { events: unknown[] }).events.length >= 3);
  for (const [name, raw, pattern] of [
    ['score', { weights: 'x=1' }, /weights must be/],
    ['score', { countries: 'US' }, /at least two/],
    ['timeline', { from: '2025-99-01' }, /^from: must be a real date/],
  ] as const) {
    assert.match(await opError(db, name, raw), pattern, `${name} ${JSON.stringify(raw)}`);
  }
});
