import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RAW } from '../../test/helpers.ts';
import { loadLogic } from './index.ts';
import {
  classifyItem,
  dateStatus,
  evaluate,
  inSet,
  namesItem,
  ruleDates,
  type Env,
  type Node,
  type SetScope,
  type Trace,
} from './rules.ts';

const sheet = JSON.parse(readFileSync(join(RAW, 'facts', 'export_rules.json'), 'utf8')) as {
  rules: (Record<string, unknown> & { id: string })[];
  country_groups: Record<string, unknown>;
};
const logic = loadLogic();
const groups: Record<string, string[]> = {};
for (const [k, v] of Object.entries(sheet.country_groups)) if (Array.isArray(v)) groups[k] = v as string[];
const scope: SetScope = {
  sets: logic.destination_sets,
  groups,
  ruleDetail: (id) => sheet.rules.find((r) => r.id === id),
};
const rule = (id: string) => {
  const r = logic.rules.find((x) => x.rule === id);
  assert.ok(r, id);
  return r;
};

test('every rule of the rules sheet has a logic record, and every set a record refers to exists', () => {
  for (const r of sheet.rules)
    assert.ok(
      logic.rules.some((l) => l.rule === r.id),
      r.id,
    );
  for (const l of logic.rules) {
    for (const e of l.licence) {
      assert.ok(logic.destination_sets[e.to], `${l.rule}: ${e.to}`);
      for (const x of e.exceptions ?? []) if (x.set) assert.ok(logic.destination_sets[x.set], x.set);
    }
    if (l.item.criteria_of)
      assert.ok(
        sheet.rules.some((r) => r.id === l.item.criteria_of),
        l.item.criteria_of,
      );
  }
  for (const t of [...logic.tiers.order, logic.tiers.denial_tier]) assert.ok(logic.destination_sets[t], t);
});

test('destination sets: the 2023 scope, Macau from 2023-01-18 in the 2022 scope, and the AI Diffusion tiers as data', () => {
  const in2023 = (d: string) => inSet(scope, 'ds-2023', d, '2024-06-01');
  assert.deepEqual(['China (PRC)', 'Macau', 'Russia', 'Vietnam', 'Saudi Arabia'].map(in2023), [
    true,
    true,
    true,
    true,
    true,
  ]);
  assert.deepEqual(['Israel', 'United Arab Emirates', 'India', 'Germany', 'United States'].map(in2023), [
    false,
    false,
    false,
    false,
    false,
  ]);
  // The derived count the rules sheet notes: D:1 ∪ D:4 ∪ D:5 minus A:5 ∪ A:6 = 45 destinations (Macau is already in D:1).
  const all = new Set([...(groups['D:1'] ?? []), ...(groups['D:4'] ?? []), ...(groups['D:5'] ?? [])]);
  assert.equal([...all].filter(in2023).length, 45);
  assert.equal(inSet(scope, 'china-2022', 'Macau', '2023-01-17'), false);
  assert.equal(inSet(scope, 'china-2022', 'Macau', '2023-01-18'), true);
  const tier = (d: string) => logic.tiers.order.find((t) => inSet(scope, t, d, '2025-02-01'));
  assert.equal(tier('France'), 'diffusion-tier1');
  assert.equal(tier('United States'), 'diffusion-tier1');
  assert.equal(tier('Macau'), 'diffusion-tier3');
  assert.equal(tier('Russia'), 'diffusion-tier3');
  assert.equal(tier('India'), 'diffusion-tier2');
  assert.equal(tier('Israel'), 'diffusion-tier2');
  assert.equal(inSet(scope, 'ds-diffusion-b', 'United Arab Emirates', '2025-02-01'), true);
  assert.equal(inSet(scope, 'ds-diffusion-b', 'Macau', '2025-02-01'), true, 'Macau is itself in D:1 and D:4');
  assert.equal(inSet(scope, 'ds-diffusion-b', 'India', '2025-02-01'), false);
  assert.equal(inSet(scope, 'worldwide', 'United States', '2025-02-01'), false);
});

test('dates: published, effective, compliance and end are distinct, and the answer names the one that governs', () => {
  const hbm = rule('3A090.c-HBM-2024');
  assert.equal(dateStatus(hbm, '2024-12-01').phase, 'not yet published');
  assert.equal(dateStatus(hbm, '2024-12-03').phase, 'in effect, compliance not yet required');
  assert.deepEqual(dateStatus(hbm, '2024-12-03').governing, { kind: 'compliance', date: '2024-12-31' });
  assert.equal(dateStatus(hbm, '2024-12-31').binding, true);
  const r2023 = rule('3A090-2023');
  assert.equal(dateStatus(r2023, '2023-11-01').phase, 'published, not yet effective');
  assert.deepEqual(dateStatus(r2023, '2023-11-17').governing, { kind: 'effective', date: '2023-11-17' });
  const h20 = rule('H20-is-informed-2025');
  assert.equal(dateStatus(h20, '2025-07-31').binding, null, 'month-only end: the day is not in the data');
  assert.equal(dateStatus(h20, '2025-08-01').phase, 'ended');
  const ad = rule('AI-Diffusion-2025');
  assert.match(dateStatus(ad, '2025-06-01').text, /never took hold/);
  const dates = ruleDates(logic.rules);
  for (const d of [
    '2022-10-07',
    '2023-11-17',
    '2024-12-31',
    '2025-01-13',
    '2025-04-09',
    '2025-05-13',
    '2025-05-15',
    '2025-07-01',
    '2025-08-01',
  ])
    assert.ok(dates.includes(d), d);
});

test('criteria: three-valued, a missing figure is null and named; an EXCLUDE note removes the paragraphs it names', () => {
  const criteria = sheet.rules.find((r) => r.id === '3A090-2023')?.['criteria'] as Node[];
  const env = (p: Record<string, number | boolean | null>): Env => ({
    param: (n) => (n in p ? (p[n] as number | boolean | null) : undefined),
    ref: () => null,
    inSet: () => false,
  });
  const t = (): Trace => ({ hits: [], missing: [], unmodelled: [] });
  const tr = t();
  assert.deepEqual(
    classifyItem(criteria, env({ TPP: 3000, PD: null, designed_or_marketed_for_datacenter: true }), tr),
    { classification: null, controlled: null, excluded_by: null },
  );
  assert.ok(tr.missing.includes('PD'));
  assert.equal(
    classifyItem(criteria, env({ TPP: 3000, PD: 2, designed_or_marketed_for_datacenter: true }), t()).classification,
    '3A090.b',
  );
  const consumer = classifyItem(criteria, env({ TPP: 3000, PD: 2, designed_or_marketed_for_datacenter: false }), t());
  assert.equal(consumer.controlled, false);
  assert.match(consumer.excluded_by ?? '', /Note 2/);
  assert.equal(evaluate({ param: 'x', op: '>=', value: 1 }, env({}), t()), false, 'an unmodelled parameter is not met');
});

test('named items: a listed name or a variant of it, not a different model', () => {
  const listed = ['Huawei Ascend 910B', 'Huawei Ascend 910C'];
  assert.equal(namesItem('Huawei Ascend 910B2', listed), 'Huawei Ascend 910B');
  assert.equal(namesItem('Ascend 910C', listed), 'Huawei Ascend 910C');
  assert.equal(namesItem('Huawei Ascend 910', listed), null);
  assert.equal(namesItem('Huawei Ascend 920', listed), null);
});
