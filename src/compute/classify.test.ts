import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { builtDb } from '../../test/helpers.ts';
import { Db } from '../store/db.ts';
import { chipFromInput, derive, findChip, tpp, type Chip } from './chips.ts';
import { classify, type Context } from './classify.ts';
import { parseDestination } from './destinations.ts';
import { loadChips, loadContext } from './index.ts';

let db: Db;
let chips: Chip[];
let ctx: Context;
before(async () => {
  db = await Db.open(await builtDb());
  chips = await loadChips(db);
  ctx = await loadContext(db, chips);
});
after(() => db.close());

/** A chip given by TPP and PD only: die area 1000 mm², so PD = TPP / 1000. */
const spec = (tppValue: number, pd: number, datacenter = true, interconnect?: number): Chip =>
  chipFromInput({
    name: `test ${tppValue}/${pd}`,
    datacenter,
    die_area_mm2: tppValue / pd,
    dense_tflops: {},
    tpp: tppValue,
    interconnect_gbps_bidirectional: interconnect,
  });
const under = (c: Chip, rule: string, date = '2024-06-01', dest: string | null = 'CN') => {
  const r = classify(ctx, c, { rule, date, destination: dest ? parseDestination(dest) : null })[0];
  assert.ok(r);
  return r;
};

describe('TPP and PD', () => {
  test('TPP = dense TOPS × bit length, the highest over precisions; PD = TPP / die area', () => {
    const a100 = findChip(chips, 'A100');
    assert.deepEqual(tpp(a100), { tpp: 624 * 8, precision: 'int8' });
    assert.ok(Math.abs((derive(a100).pd ?? 0) - 4992 / 826) < 1e-9);
    const h100 = findChip(chips, 'H100');
    assert.equal(h100.id, 'nvidia-h100-sxm');
    assert.ok(Math.abs((tpp(h100)?.tpp ?? 0) - 1978.9 * 8) < 1e-9);
    assert.equal(findChip(chips, 'H20').id, 'nvidia-h20');
    assert.throws(() => findChip(chips, 'nvidia'), /matches several chips/);
    assert.throws(() => findChip(chips, 'TPU v9'), /no chip matches/);
  });
});

describe('3A090 (2023) thresholds, exactly at and just below', () => {
  const cases: [string, number, number, string | null][] = [
    ['a.1 at TPP 4800', 4800, 1, '3A090.a'],
    ['below a.1, b.1 upper edge', 4799.9, 1.6, '3A090.b'],
    ['a.2 at TPP 1600 and PD 5.92', 1600, 5.92, '3A090.a'],
    ['PD just below 5.92: b.2', 1600, 5.9199, '3A090.b'],
    ['b.1 at TPP 2400 and PD 1.6', 2400, 1.6, '3A090.b'],
    ['TPP just below 2400 with PD 1.6: nothing', 2399.9, 1.6, null],
    ['b.2 at PD 3.2', 1600, 3.2, '3A090.b'],
    ['PD just below 3.2 and TPP below 2400: nothing', 2000, 3.1999, null],
    ['TPP just below 1600: nothing', 1599.9, 10, null],
  ];
  for (const [name, t, pd, want] of cases) {
    test(name, () => {
      const r = under(spec(t, pd), '3A090-2023');
      assert.equal(r.classification, want, r.reason);
      assert.equal(r.controlled, want !== null);
      assert.equal(r.license_required, want !== null, 'China is in the scope');
      if (want) assert.match(r.reason, new RegExp(want.replace('.', '\\.')));
    });
  }
  test('the datacenter note: non-datacenter items below TPP 4800 are out, at 4800 they are in (with NAC)', () => {
    const low = under(spec(4799, 8, false), '3A090-2023');
    assert.equal(low.classification, null);
    assert.match(low.reason, /Note 2/);
    const high = under(spec(4800, 8, false), '3A090-2023');
    assert.equal(high.classification, '3A090.a');
    assert.match(high.license_exception ?? '', /NAC/);
  });
  test('a chip given only by TPP (no die area): PD-dependent paragraphs are undetermined, TPP ≥ 4800 is not', () => {
    const onlyTpp = (t: number) => chipFromInput({ name: 'x', datacenter: true, tpp: t, dense_tflops: {} });
    assert.equal(under(onlyTpp(5000), '3A090-2023').classification, '3A090.a');
    const u = under(onlyTpp(3000), '3A090-2023');
    assert.equal(u.controlled, null);
    assert.match(u.reason, /undetermined/i);
    assert.ok(u.decided_by.includes('die_area_mm2'), u.decided_by.join());
    assert.equal(under(onlyTpp(1000), '3A090-2023').controlled, false);
  });
  test('the H20 is outside 3A090 under the 2023 rule', () => {
    const r = under(findChip(chips, 'H20'), '3A090-2023');
    assert.equal(r.classification, null);
    assert.equal(r.controlled, false);
    assert.ok(Math.abs((r.tpp ?? 0) - 2368) < 1e-9);
    assert.match(r.reason, /unconfirmed inputs: .*die_area_mm2/i);
  });
});

describe('3A090 (2022): interconnect AND TPP', () => {
  test('the A800/H800 redesigns (400 GB/s) fall outside, the A100/H100 inside; the 2023 rule catches both', () => {
    for (const [chip, want] of [
      ['A100', '3A090.a'],
      ['A800', null],
      ['H100', '3A090.a'],
      ['H800', null],
    ] as const) {
      const r = under(findChip(chips, chip), '3A090-2022', '2023-06-01');
      assert.equal(r.classification, want, `${chip}: ${r.reason}`);
      assert.equal(under(findChip(chips, chip), '3A090-2023', '2024-06-01').classification, '3A090.a', chip);
    }
    const edge = under(spec(4800, 1, true, 600), '3A090-2022', '2023-06-01');
    assert.equal(edge.classification, '3A090.a');
    assert.equal(under(spec(4800, 1, true, 599.9), '3A090-2022', '2023-06-01').classification, null);
    assert.equal(under(spec(4799.9, 1, true, 900), '3A090-2022', '2023-06-01').classification, null);
  });
  test('scope: China, and Macau only from 2023-01-18', () => {
    const h100 = findChip(chips, 'H100');
    assert.equal(under(h100, '3A090-2022', '2022-12-01', 'MO').license_required, false);
    assert.equal(under(h100, '3A090-2022', '2023-02-01', 'MO').license_required, true);
    assert.equal(under(h100, '3A090-2022', '2023-02-01', 'RU').license_required, false);
  });
});

describe('destinations and dates', () => {
  test('2023 scope: D:1/D:4/D:5 not in A:5/A:6, plus Macau', () => {
    const h100 = findChip(chips, 'H100');
    const want: [string, boolean][] = [
      ['CN', true],
      ['MO', true],
      ['RU', true],
      ['SA', true],
      ['VN', true],
      ['IL', false],
      ['AE', false],
      ['DE', false],
      ['US', false],
      ['IN', false],
    ];
    for (const [dest, required] of want)
      assert.equal(under(h100, '3A090-2023', '2024-06-01', dest).license_required, required, dest);
    assert.equal(under(h100, '3A090-2023', '2024-06-01', null).license_required, null);
    assert.throws(() => parseDestination('Atlantis'), /unknown destination/);
  });
  test('which rules apply on a date: none before 2022-10-07; a rule published but not yet effective is listed with its phase', () => {
    const h100 = findChip(chips, 'H100');
    const rules = (date: string) =>
      classify(ctx, h100, { date, destination: parseDestination('CN') }).map((r) => r.rule);
    assert.deepEqual(rules('2022-01-01'), [null]);
    assert.deepEqual(rules('2022-10-07'), ['3A090-2022']);
    const before = classify(ctx, h100, { date: '2023-11-16', destination: parseDestination('CN') });
    assert.deepEqual(before.map((r) => r.rule).sort(), ['3A090-2022', '3A090-2023']);
    assert.equal(before.find((r) => r.rule === '3A090-2023')?.status, 'published, not yet effective');
    assert.equal(before.find((r) => r.rule === '3A090-2023')?.license_required, false);
    assert.deepEqual(rules('2023-11-17'), ['3A090-2023']);
    assert.deepEqual(rules('2025-02-01').sort(), ['3A090-2023', '3A090.c-HBM-2024', 'AI-Diffusion-2025']);
    assert.deepEqual(rules('2025-04-20').sort(), [
      '3A090-2023',
      '3A090.c-HBM-2024',
      'AI-Diffusion-2025',
      'H20-is-informed-2025',
    ]);
    assert.deepEqual(rules('2025-05-13').sort(), [
      '3A090-2023',
      '3A090.c-HBM-2024',
      'BIS-GP10-Guidance-2025-05-13',
      'H20-is-informed-2025',
    ]);
    assert.deepEqual(rules('2025-08-01').sort(), ['3A090-2023', '3A090.c-HBM-2024', 'BIS-GP10-Guidance-2025-05-13']);
  });
  test('AI Diffusion: effective 2025-01-13 but compliance from 2025-05-15, after non-enforcement (2025-05-13): it never binds', () => {
    const h100 = findChip(chips, 'H100');
    const india = under(h100, 'AI-Diffusion-2025', '2025-02-01', 'IN');
    assert.equal(india.classification, '3A090.a');
    assert.equal(india.license_required, false);
    assert.equal(india.status, 'in effect, compliance not yet required');
    assert.deepEqual(india.governing_date, { kind: 'compliance', date: '2025-05-15' });
    const later = under(h100, 'AI-Diffusion-2025', '2025-06-01', 'IN');
    assert.equal(later.license_required, false);
    assert.match(later.reason, /never took hold/);
  });
  test('AI Diffusion as written (no compliance delay, no end): 3A090.a needs a licence everywhere, AIA for tier 1, .b adds the UAE', () => {
    const logic = structuredClone(ctx.logic);
    const ad = logic.rules.find((r) => r.rule === 'AI-Diffusion-2025');
    assert.ok(ad);
    ad.dates.compliance = null;
    ad.dates.ends = null;
    const asWritten: Context = { ...ctx, logic };
    const at = (c: Chip, dest: string) =>
      classify(asWritten, c, { rule: 'AI-Diffusion-2025', date: '2025-02-01', destination: parseDestination(dest) })[0];
    const h100 = findChip(chips, 'H100');
    assert.equal(at(h100, 'IN')?.license_required, true);
    assert.equal(at(h100, 'IN')?.license_exception, null);
    assert.equal(at(h100, 'FR')?.license_required, true);
    assert.match(at(h100, 'FR')?.license_exception ?? '', /AIA/);
    assert.equal(at(h100, 'US')?.license_required, false);
    assert.equal(at(spec(3000, 2), 'AE')?.license_required, true);
    assert.equal(under(spec(3000, 2), '3A090-2023', '2025-02-01', 'AE').license_required, false);
  });
  test('a new rule is a new record: a rule added as data is classified without code', () => {
    const logic = structuredClone(ctx.logic);
    logic.destination_sets['test-set'] = { countries: ['Japan'], text: 'Japan' };
    logic.rules.push({
      rule: 'TEST-2030',
      eccn: 'ECCN 9Z999',
      dates: {
        published: '2030-01-01',
        effective: '2030-02-01',
        compliance: null,
        ends: null,
        ends_precision: 'day',
        end_kind: null,
      },
      licence_from: 'effective',
      item: { class: '9Z999.a', criteria: { all: [{ param: 'TPP', op: '>=', value: 1000 }] } },
      licence: [{ classes: ['9Z999.a'], to: 'test-set' }],
      source: 'test',
    });
    const rules = [
      ...ctx.rules,
      {
        id: 'TEST-2030',
        title: 'test rule',
        citation: 'none',
        effective: '2030-02-01',
        superseded_by: null,
        rescinded: null,
        verification: null,
        detail: {},
        source_ids: [],
      },
    ];
    const c2: Context = { ...ctx, logic, rules };
    const h20 = findChip(chips, 'H20');
    const r = classify(c2, h20, { rule: 'TEST-2030', date: '2030-03-01', destination: parseDestination('JP') })[0];
    assert.equal(r?.classification, '9Z999.a');
    assert.equal(r?.license_required, true);
    assert.equal(
      classify(c2, h20, { rule: 'TEST-2030', date: '2030-01-15', destination: parseDestination('JP') })[0]?.status,
      'published, not yet effective',
    );
    assert.equal(
      classify(c2, h20, { rule: 'TEST-2030', date: '2030-03-01', destination: parseDestination('KR') })[0]
        ?.license_required,
      false,
    );
  });
  test('the H20 license requirement of April 2025 and its July reversal; Ascend guidance from 2025-05-13', () => {
    const h20 = findChip(chips, 'H20');
    assert.equal(under(h20, 'H20-is-informed-2025', '2025-05-01', 'CN').license_required, true);
    assert.equal(under(h20, 'H20-is-informed-2025', '2025-05-01', 'DE').license_required, false);
    assert.equal(under(h20, 'H20-is-informed-2025', '2025-03-01', 'CN').license_required, false);
    const july = under(h20, 'H20-is-informed-2025', '2025-07-20', 'CN');
    assert.equal(july.license_required, null);
    assert.ok(july.decided_by.includes('end date (month only)'));
    assert.equal(under(h20, 'H20-is-informed-2025', '2025-08-01', 'CN').license_required, false);
    const ascend = findChip(chips, 'Ascend 910C');
    const g = under(ascend, 'BIS-GP10-Guidance-2025-05-13', '2025-06-01', 'DE');
    assert.equal(g.controlled, true);
    assert.equal(g.license_required, true);
    assert.match(g.summary, /GP10/);
    assert.match(g.summary, /BIS guidance/);
    assert.equal(under(findChip(chips, 'H100'), 'BIS-GP10-Guidance-2025-05-13', '2025-06-01', 'DE').controlled, false);
    assert.equal(under(ascend, 'BIS-GP10-Guidance-2025-05-13', '2025-05-01', 'DE').license_required, false);
  });
});
