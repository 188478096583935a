/**
 * Verdict rules as properties: a claim that the data contradicts beyond the tolerance is never `supported`,
 * whatever its bound, unit or time; a claim equal to a confirmed fact is; `contradicted` for any kind of
 * entity; `outdated` only when a confirmed later figure supersedes a confirmed earlier one; `unverifiable`
 * when no fact of the entity and metric exists. Over a hand-made index, then over the real one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { builtDb } from '../../test/helpers.ts';
import { FactIndex, type IndexedFact } from '../facts/index.ts';
import { claimsFixture } from '../../test/claims-fixture.ts';
import { Db } from '../store/db.ts';
import { checkClaim, type CheckContext } from './check.ts';
import type { EntityIndex } from './entities.ts';
import type { Extracted } from './extract.ts';

const fact = (over: Partial<IndexedFact> & Pick<IndexedFact, 'entity' | 'metric' | 'value' | 'unit'>): IndexedFact => ({
  entity_kind: 'chip',
  time: null,
  source_ids: ['src-test'],
  status: 'confirmed',
  table: 'test',
  id: `${over.entity}:${over.metric}:${over.time ?? ''}:${over.value}`,
  statement: 'test fact',
  ...over,
});

const claim = (over: Partial<Extracted> & Pick<Extracted, 'subject' | 'metric' | 'value' | 'unit'>): Extracted => ({
  quote: String(over.value),
  start: 0,
  end: 1,
  sentence: [0, 1],
  comparison: null,
  low: null,
  high: null,
  bound: null,
  time: null,
  context: [],
  subject_from: 'sentence',
  aspect: null,
  ...over,
});

/** A tiny world: a chip, a system, a country's weekly token share, a model's price, an event superseded. */
function world(v: number): CheckContext {
  const idx = new FactIndex();
  idx.add(fact({ entity: 'chip-a', metric: 'memory_gb', value: v, unit: 'GB' }));
  idx.add(
    fact({ entity: 'sys-a', entity_kind: 'system', metric: 'chips_per_system', value: Math.round(v), unit: 'chips' }),
  );
  for (const [d, share] of [
    ['2026-02-16', v / 1000],
    ['2026-02-23', v / 1000],
  ] as const)
    idx.add(
      fact({
        entity: 'CN',
        entity_kind: 'country',
        metric: 'token_share',
        value: share,
        unit: 'ratio',
        time: d,
        table: 'usage',
        id: `token_share:week:${d}:CN`,
      }),
    );
  idx.add(fact({ entity: 'm-a', entity_kind: 'model', metric: 'input_price', value: v / 100, unit: 'USD/Mtok' }));
  const entities = new Map([
    ['chip-a', { id: 'chip-a', kind: 'chip', name: 'A', country: null, facts: [] }],
    ['sys-a', { id: 'sys-a', kind: 'system', name: 'S', country: null, facts: [], builtOf: 'chip-a' }],
    ['country-cn', { id: 'country-cn', kind: 'country', name: 'China', country: 'CN', facts: [] }],
    ['model:m-a', { id: 'model:m-a', kind: 'model', name: 'M', country: null, facts: [] }],
  ]);
  return { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
}

/** The claims a world can be asked about, each as (subject, metric, unit, the fact's value in the claim's unit). */
const ASPECTS = [
  { subject: 'chip-a', metric: 'memory', unit: 'GB', scale: (v: number) => v, time: null },
  { subject: 'chip-a', metric: 'memory', unit: 'TB', scale: (v: number) => v / 1000, time: null },
  { subject: 'country-cn', metric: 'token_share', unit: 'ratio', scale: (v: number) => v / 1000, time: '2026-02-17' },
  { subject: 'model:m-a', metric: 'price', unit: 'USD/Mtok', scale: (v: number) => v / 100, time: null },
] as const;

const bounds = fc.constantFrom(null, 'approx', 'gt', 'lt', 'range');

test('a claim off the data beyond the tolerance is never supported, whatever its bound and unit', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 10, max: 900, noNaN: true }),
      fc.constantFrom(...ASPECTS),
      fc.oneof(fc.double({ min: 0.2, max: 0.85, noNaN: true }), fc.double({ min: 1.18, max: 5, noNaN: true })),
      bounds,
      (v, a, factor, bound) => {
        const truth = a.scale(v);
        const x = truth * factor;
        // Make the claim false under its own bound: "over x" with the truth below x, "under x" with it above.
        if (bound === 'gt' && factor < 1) return;
        if (bound === 'lt' && factor > 1) return;
        const range = bound === 'range' ? { low: x * 0.98, high: x * 1.02, bound: null } : {};
        const c = claim({
          subject: a.subject,
          metric: a.metric,
          unit: a.unit,
          value: x,
          bound: bound === 'range' ? null : bound,
          ...(bound === 'gt' ? { low: x } : bound === 'lt' ? { high: x } : {}),
          ...range,
          time: a.time,
        });
        const r = checkClaim(c, world(v));
        assert.notEqual(r.verdict, 'supported', `${a.metric} ${x} ${a.unit} (${bound}) vs ${truth}`);
      },
    ),
    { numRuns: 2000, seed: 17 },
  );
});

test('a claim equal to a confirmed fact is supported; a confirmed fact that disagrees contradicts, for any entity', () => {
  for (const a of ASPECTS) {
    const v = 300;
    const ctx = world(v);
    const base = { subject: a.subject, metric: a.metric, unit: a.unit, time: a.time };
    assert.equal(checkClaim(claim({ ...base, value: a.scale(v) }), ctx).verdict, 'supported', `${a.metric} ${a.unit}`);
    assert.equal(checkClaim(claim({ ...base, value: a.scale(v) * 0.7 }), ctx).verdict, 'contradicted', a.metric);
  }
  // A chip count next to the chip a system is built of is about that system.
  const ctx = world(72);
  const count = { subject: null, metric: 'chip_count', unit: 'chips', context: ['chip-a'] };
  assert.equal(checkClaim(claim({ ...count, value: 72 }), ctx).verdict, 'supported');
  assert.equal(checkClaim(claim({ ...count, value: 40 }), ctx).verdict, 'contradicted');
  // No fact of that entity and metric: unverifiable, with no evidence about something else.
  const none = checkClaim(claim({ subject: 'chip-a', metric: 'power', unit: 'W', value: 700 }), ctx);
  assert.equal(none.verdict, 'unverifiable');
  assert.equal(none.evidence.length, 0);
});

test('outdated only when a confirmed later figure supersedes the confirmed earlier one the claim matches', () => {
  for (const status of ['confirmed', 'unconfirmed']) {
    const idx = new FactIndex();
    const common = {
      entity: 'ev',
      entity_kind: 'event',
      metric: 'amount',
      unit: 'USD',
      table: 'events',
      status,
    } as const;
    idx.add(
      fact({ ...common, id: 'ev:claimed', value: 100, time: '2025-01-01', later: { value: 300, time: '2025-06-01' } }),
    );
    idx.add(fact({ ...common, id: 'ev:found', value: 300, time: '2025-06-01' }));
    const entities = new Map([['ev', { id: 'ev', kind: 'event', name: 'E', country: null, facts: [] }]]);
    const ctx = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
    const r = checkClaim(claim({ subject: 'ev', metric: 'cost', unit: 'USD', value: 100 }), ctx);
    assert.equal(r.verdict === 'outdated', status === 'confirmed', `${status}: ${r.verdict}`);
    assert.ok(
      r.evidence.every((e) => e.id.startsWith('ev:')),
      'evidence concerns the claim',
    );
  }
});

let db: Db;
let real: CheckContext;
before(async () => {
  db = await Db.open(await builtDb());
  // The checker's index, built once for the claims tests of this process.
  const facts = (await claimsFixture()).checker.facts;
  const ents = new Map<string, unknown>();
  for (const f of facts.all())
    if (!ents.has(f.entity))
      ents.set(f.entity, { id: f.entity, kind: f.entity_kind, name: f.entity, country: null, facts: [] });
  real = { facts, entities: { entities: ents } as unknown as EntityIndex, eventsOf: new Map() };
});
after(() => db.close());

test('over the real index: a chip or system spec off by 20% or more is never supported', () => {
  // Not bandwidth: a claimed "bandwidth" may be the interconnect's, another figure of the chip.
  const CLAIM: Record<string, [string, string]> = {
    memory_gb: ['memory', 'GB'],
    fp8_dense_tflops: ['compute_fp8', 'TFLOPS'],
    tdp_w: ['power', 'W'],
    chips_per_system: ['chip_count', 'chips'],
  };
  let tried = 0;
  for (const f of real.facts.all()) {
    const m = CLAIM[f.metric];
    if (!m || !(f.value > 0)) continue;
    // Only where every figure of the entity for the measure agrees (any status), so "false" is unambiguous.
    if (!real.facts.get(f.entity, f.metric).every((g) => Math.abs(g.value - f.value) <= 0.01 * f.value)) continue;
    for (const factor of [0.5, 0.8, 1.25, 2]) {
      const c = claim({ subject: f.entity, metric: m[0], unit: m[1], value: f.value * factor, context: [f.entity] });
      const r = checkClaim(c, real);
      assert.notEqual(r.verdict, 'supported', `${f.entity} ${f.metric} ${f.value} claimed ${c.value}`);
      tried++;
    }
  }
  assert.ok(tried > 100, `checked ${tried} false claims`);
});

test("an undated price is today's: per provider, outdated when a confirmed later price replaced it", () => {
  for (const laterStatus of ['confirmed', 'unconfirmed']) {
    const idx = new FactIndex();
    const price = {
      entity: 'm-b',
      entity_kind: 'model',
      metric: 'input_price',
      unit: 'USD/Mtok',
      table: 'prices',
    } as const;
    idx.add(fact({ ...price, value: 10, time: '2025-01-01', series: 'm-b:p1', id: 'p1:2025-01-01' }));
    idx.add(
      fact({ ...price, value: 4, time: '2025-06-01', series: 'm-b:p1', id: 'p1:2025-06-01', status: laterStatus }),
    );
    // Another provider whose price has not changed since earlier: still current.
    idx.add(fact({ ...price, value: 7, time: '2024-11-01', series: 'm-b:p2', id: 'p2:2024-11-01' }));
    const entities = new Map([['model:m-b', { id: 'model:m-b', kind: 'model', name: 'B', country: null, facts: [] }]]);
    const ctx = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
    const verdict = (value: number) =>
      checkClaim(claim({ subject: 'model:m-b', metric: 'price', unit: 'USD/Mtok', value }), ctx).verdict;
    assert.equal(verdict(7), 'supported', "the other provider's current price");
    if (laterStatus === 'confirmed') {
      assert.equal(verdict(4), 'supported');
      assert.equal(verdict(10), 'outdated');
      assert.equal(verdict(20), 'contradicted', 'every current price disagrees');
    } else assert.equal(verdict(10), 'unverifiable', 'an unconfirmed later price neither supersedes nor contradicts');
  }
});

test('a claim without a figure for its subject defers to an entity named nearby, for support only', () => {
  const ctx = world(300);
  for (const subject of [null, 'country-cn']) {
    const near = { subject, metric: 'memory', unit: 'GB', context: ['country-cn', 'chip-a'] };
    const hit = checkClaim(claim({ ...near, value: 300 }), ctx);
    assert.equal(hit.verdict, 'supported', `${String(subject)}: borne out by the chip named nearby`);
    assert.equal(hit.subject, 'chip-a');
    assert.equal(checkClaim(claim({ ...near, value: 200 }), ctx).verdict, 'unverifiable', 'never contradicted so');
  }
});

test('where sources disagree the verdict says so and shows both', () => {
  const idx = new FactIndex();
  const common = {
    entity: 'ev-s',
    entity_kind: 'event',
    metric: 'signatories',
    unit: 'countries',
    table: 'events',
  } as const;
  for (const n of [58, 64])
    idx.add(fact({ ...common, value: n, status: 'one of the counts sources report', id: `ev-s:${n}` }));
  const entities = new Map([['ev-s', { id: 'ev-s', kind: 'event', name: 'S', country: null, facts: [] }]]);
  const ctx = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  const r = checkClaim(claim({ subject: 'ev-s', metric: 'signatories', unit: 'countries', value: 58 }), ctx);
  assert.equal(r.verdict, 'supported');
  assert.match(r.tolerance, /sources disagree/);
  assert.deepEqual(r.evidence.map((e) => e.value).sort(), [58, 64]);
  // Counts the sources report are not confirmed: one far from all of them is not contradicted.
  assert.equal(
    checkClaim(claim({ subject: 'ev-s', metric: 'signatories', unit: 'countries', value: 30 }), ctx).verdict,
    'unverifiable',
  );
});

/** Two chips as a ratio group (their ratios derived by the index), with a world's entity table. */
function pairWorld(aTflops: number, bTflops: number): CheckContext {
  const idx = new FactIndex();
  idx.addGroup(
    [
      fact({ entity: 'chip-p', metric: 'bf16_dense_tflops', value: aTflops, unit: 'TFLOPS', table: 'chips' }),
      fact({ entity: 'chip-q', metric: 'bf16_dense_tflops', value: bTflops, unit: 'TFLOPS', table: 'chips' }),
    ],
    'chip',
  );
  const entities = new Map([
    ['chip-p', { id: 'chip-p', kind: 'chip', name: 'P', country: null, facts: [] }],
    ['chip-q', { id: 'chip-q', kind: 'chip', name: 'Q', country: null, facts: [] }],
  ]);
  return { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
}

test('a multiple said of the other side is checked as its ratio, never the other way round', () => {
  // Q has four times P's compute.
  const ctx = pairWorld(250, 1000);
  const ratio = { subject: 'chip-p', metric: 'performance_ratio', unit: 'x', aspect: 'compute' as const };
  const verdict = (over: Partial<Parameters<typeof checkClaim>[0]>, value: number) =>
    checkClaim({ ...claim({ ...ratio, value }), ...over }, ctx).verdict;
  // "P trails Q by a factor of 4": true.
  assert.equal(verdict({ comparison: 'chip-q', inverse: true }, 4), 'supported');
  // "P is 4x Q": false, whichever way it is written.
  assert.notEqual(verdict({ comparison: 'chip-q' }, 4), 'supported');
  // "Q trails P by a factor of 4": false.
  assert.notEqual(verdict({ subject: 'chip-q', comparison: 'chip-p', inverse: true }, 4), 'supported');
  assert.equal(verdict({ subject: 'chip-q', comparison: 'chip-p' }, 4), 'supported');
  // No comparison placed: the chip named nearby is the other side, for support only.
  assert.equal(verdict({ context: ['chip-p', 'chip-q'], inverse: true }, 4), 'supported');
  assert.equal(verdict({ subject: 'chip-q', context: ['chip-p', 'chip-q'] }, 4), 'supported');
  for (const value of [2, 3, 6])
    for (const inverse of [true, false])
      assert.equal(verdict({ context: ['chip-p', 'chip-q'], inverse }, value), 'unverifiable', `${value} ${inverse}`);
  assert.equal(verdict({ context: ['chip-p', 'chip-q'] }, 4), 'unverifiable', 'P is not 4x Q');
  // Evidence concerns the two chips.
  const r = checkClaim({ ...claim({ ...ratio, value: 4 }), context: ['chip-p', 'chip-q'], inverse: true }, ctx);
  assert.ok(r.evidence.length > 0 && r.evidence.every((e) => e.id.startsWith('chip-q/chip-p:')));
  assert.equal(r.subject, undefined, 'the claim stays about its subject');
});

test('property: an inverse multiple off by 15% or more is never supported, with or without a placed comparison', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1.2, max: 50, noNaN: true }),
      fc.constantFrom(0.5, 0.85, 1.15, 2),
      fc.boolean(),
      fc.constantFrom<'approx' | null>('approx', null),
      (truth, factor, placed, bound) => {
        const ctx = pairWorld(100, 100 * truth);
        const c = {
          ...claim({ subject: 'chip-p', metric: 'performance_ratio', unit: 'x', value: truth * factor, bound }),
          ...(placed ? { comparison: 'chip-q' } : { context: ['chip-p', 'chip-q'] }),
          inverse: true,
        };
        assert.notEqual(checkClaim(c, ctx).verdict, 'supported');
        // And the same claim at the true multiple is.
        assert.equal(checkClaim({ ...c, value: truth }, ctx).verdict, 'supported');
      },
    ),
    { numRuns: 200 },
  );
});

test('a family named with a tier is checked on the models so named, for support only', () => {
  const idx = new FactIndex();
  const price = (entity: string, value: number) =>
    idx.add(fact({ entity, entity_kind: 'model', metric: 'input_price', value, unit: 'USD/Mtok', table: 'prices' }));
  price('vega-grand-2', 12);
  price('vega-grand-3', 6);
  price('vega-petit-3', 1);
  const entities = new Map<string, unknown>([
    ['family:vega', { id: 'family:vega', kind: 'model', name: 'Vega', country: null, facts: [], family: true }],
    ...['vega-grand-2', 'vega-grand-3', 'vega-petit-3'].map(
      (m) => [`model:${m}`, { id: `model:${m}`, kind: 'model', name: m, country: null, facts: [] }] as const,
    ),
  ]);
  const ctx: CheckContext = {
    facts: idx,
    entities: { entities } as unknown as EntityIndex,
    eventsOf: new Map(),
    familyMembers: new Map([['family:vega', ['model:vega-grand-2', 'model:vega-grand-3', 'model:vega-petit-3']]]),
  };
  const verdict = (value: number, subject_text?: string) =>
    checkClaim(
      {
        ...claim({ subject: 'family:vega', metric: 'price', unit: 'USD/Mtok', value }),
        ...(subject_text ? { subject_text } : {}),
      },
      ctx,
    ).verdict;
  assert.equal(verdict(6, 'Vega Grand'), 'supported');
  assert.equal(verdict(12, 'Vega Grand'), 'supported');
  assert.equal(verdict(1, 'Vega Grand'), 'unverifiable', 'the petit tier is not named');
  assert.equal(verdict(1, 'Vega Petit'), 'supported');
  assert.equal(verdict(9, 'Vega Grand'), 'unverifiable', 'never contradicted through a guess at the model');
  assert.equal(verdict(6, 'Vega'), 'unverifiable', 'the family alone narrows nothing');
  assert.equal(verdict(6), 'unverifiable');
});

test('a chip made of chips: a count of them is checked on its dies per package, never contradicted so', () => {
  const idx = new FactIndex();
  idx.add(fact({ entity: 'chip-d', metric: 'dies_per_package', value: 2, unit: 'chips', table: 'chips' }));
  const entities = new Map([['chip-d', { id: 'chip-d', kind: 'chip', name: 'D', country: null, facts: [] }]]);
  const ctx = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  const verdict = (value: number) =>
    checkClaim(claim({ subject: 'chip-d', metric: 'chip_count', unit: 'chips', value, context: ['chip-d'] }), ctx)
      .verdict;
  assert.equal(verdict(2), 'supported');
  assert.equal(verdict(4), 'unverifiable');
});

/** A gap read at three dates (a reading: it moves by itself), for the country and for its flagship model. */
function readings(): CheckContext {
  const idx = new FactIndex();
  for (const [d, v] of [
    ['2026-05-01', 60],
    ['2026-07-30', 39],
    ['2026-08-20', 17],
  ] as const)
    for (const entity of ['CN', 'flagship'])
      idx.add(
        fact({
          entity,
          entity_kind: entity === 'CN' ? 'country' : 'model',
          metric: 'gap_points',
          value: v,
          unit: 'points',
          time: d,
          table: 'gap (arena-text)',
          series: `gap:${entity}`,
          reading: true,
          versus: 'US',
        }),
      );
  const entities = new Map([
    ['country-cn', { id: 'country-cn', kind: 'country', name: 'China', country: 'CN', facts: [] }],
    ['model:flagship', { id: 'model:flagship', kind: 'model', name: 'F', country: null, facts: [] }],
  ]);
  return { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
}

test('a reading without a stated time is read as of the article’s date, and a later reading never outdates it', () => {
  const ctx = readings();
  for (const subject of ['country-cn', 'model:flagship']) {
    const gap = (value: number, as_of: string | null) =>
      checkClaim(claim({ subject, metric: 'rating_gap', unit: 'points', value, as_of }), ctx).verdict;
    // Dated 21 August: the reading of 20 August is the one the article saw.
    assert.equal(gap(17, '2026-08-21'), 'supported', subject);
    assert.equal(gap(30, '2026-08-21'), 'contradicted', subject);
    // Dated 5 August: 17 was read only later; the reading of 30 July disagrees, and is recent enough to say so.
    assert.equal(gap(17, '2026-08-05'), 'contradicted', subject);
    assert.equal(gap(39, '2026-08-05'), 'supported', subject);
    // Dated well after the last reading: it may bear the claim out, not contradict it.
    assert.equal(gap(17, '2026-10-01'), 'supported', subject);
    assert.notEqual(gap(30, '2026-10-01'), 'contradicted', subject);
    // Undated article: the latest reading; an earlier reading that agrees does not make the claim outdated.
    assert.equal(gap(17, null), 'supported', subject);
    assert.notEqual(gap(60, null), 'outdated', subject);
  }
});

test('a name the claim is compared with is never tried as its subject', () => {
  const idx = new FactIndex();
  idx.add(fact({ entity: 'chip-a', metric: 'memory_gb', value: 96, unit: 'GB' }));
  idx.add(fact({ entity: 'chip-b', metric: 'memory_gb', value: 80, unit: 'GB' }));
  const entities = new Map([
    ['chip-a', { id: 'chip-a', kind: 'chip', name: 'A', country: null, facts: [] }],
    ['chip-b', { id: 'chip-b', kind: 'chip', name: 'B', country: null, facts: [] }],
  ]);
  const ctx = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  // "A …, the same as B, with 80 GB": B's 80 GB does not bear out a claim about A.
  const c = { subject: 'chip-a', metric: 'memory', unit: 'GB', value: 80, context: ['chip-a', 'chip-b'] };
  const ambiguous = { ...c, subject_from: 'ambiguous' as const };
  assert.equal(checkClaim(claim({ ...ambiguous, compared: ['chip-b'] }), ctx).verdict, 'contradicted');
  // Named around it but not compared with: one of the candidates may bear it out.
  assert.equal(checkClaim(claim(ambiguous), ctx).verdict, 'supported');
});

test('a span of days is checked on the window of that length ending that day; an undated share on the latest one', () => {
  const idx = new FactIndex();
  const share = (window: string, time: string, value: number) =>
    idx.add(fact({ entity: 'CN', entity_kind: 'country', metric: 'token_share', value, unit: 'ratio', time, window }));
  share('7d', '2026-07-31', 0.7);
  share('30d', '2026-07-31', 0.6);
  share('30d', '2026-08-07', 0.64);
  // A weekly list dated 2026-04-06 covers 30 March to 5 April.
  share('week', '2026-04-06', 0.8);
  const entities = new Map([
    ['country-cn', { id: 'country-cn', kind: 'country', name: 'China', country: 'CN', facts: [] }],
  ]);
  const ctx: CheckContext = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  const ask = (value: number, over: Partial<Extracted>) =>
    checkClaim(claim({ subject: 'country-cn', metric: 'token_share', unit: 'ratio', value, ...over }), ctx).verdict;
  // 25–31 July: the seven days, not the thirty.
  assert.equal(ask(0.7, { time: '2026-07-31', days: 7 }), 'supported');
  assert.equal(ask(0.6, { time: '2026-07-31', days: 7 }), 'contradicted');
  assert.equal(ask(0.6, { time: '2026-07-31', days: 30 }), 'supported');
  assert.equal(ask(0.8, { time: '2026-04-05', days: 7 }), 'supported');
  // (A weekly list's share is of the list's own total, which leaves out the models below its cut: it bears a claim
  // out, never refutes one; the daily windows do.)
  assert.equal(ask(0.5, { time: '2026-04-05', days: 7 }), 'unverifiable');
  // A window ending another day says nothing.
  assert.equal(ask(0.7, { time: '2026-07-30', days: 7 }), 'unverifiable');
  // Undated in an article of 10 August: the 30 days that ended last before it bear it out, never refute it.
  assert.equal(ask(0.64, { as_of: '2026-08-10' }), 'supported');
  assert.equal(ask(0.6, { as_of: '2026-08-10' }), 'unverifiable');
  assert.equal(ask(0.3, { as_of: '2026-08-10' }), 'unverifiable');
  // More than ten days after the last window, or with no dateline: nothing to read it as of.
  assert.equal(ask(0.64, { as_of: '2026-09-01' }), 'unverifiable');
  assert.equal(ask(0.64, {}), 'unverifiable');
  // A month holds the 30 days that end on its last day only.
  assert.equal(ask(0.6, { time: '2026-07' }), 'supported');
  assert.equal(ask(0.64, { time: '2026-08' }), 'unverifiable');
});

test('a place is exact; an undated share in an article that names a week is read on that week, not the default', () => {
  const idx = new FactIndex();
  idx.add(
    fact({ entity: 'm-a', entity_kind: 'model', metric: 'arena_rank', value: 25, unit: 'rank', time: '2026-07-30' }),
  );
  for (const [window, time, value] of [
    ['7d', '2026-07-31', 0.65],
    ['30d', '2026-08-02', 0.78],
  ] as const)
    idx.add(fact({ entity: 'US', entity_kind: 'country', metric: 'spend_share', value, unit: 'ratio', time, window }));
  const entities = new Map([
    ['model:m-a', { id: 'model:m-a', kind: 'model', name: 'M', country: null, facts: [] }],
    ['country-us', { id: 'country-us', kind: 'country', name: 'US', country: 'US', facts: [] }],
  ]);
  const ctx: CheckContext = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  const place = (value: number) =>
    checkClaim(claim({ subject: 'model:m-a', metric: 'rank', unit: 'rank', value, as_of: '2026-08-03' }), ctx).verdict;
  assert.equal(place(25), 'supported');
  assert.notEqual(place(26), 'supported');
  const share = (value: number, windows?: { time: string; days: number }[]) =>
    checkClaim(
      claim({
        subject: 'country-us',
        metric: 'spend_share',
        unit: 'ratio',
        value,
        as_of: '2026-08-03',
        ...(windows ? { windows } : {}),
      }),
      ctx,
    ).verdict;
  assert.equal(share(0.78), 'supported');
  assert.equal(share(0.78, [{ time: '2026-07-31', days: 7 }]), 'unverifiable');
  assert.equal(share(0.65, [{ time: '2026-07-31', days: 7 }]), 'supported');
});

test("with no reading up to the article's date, one taken in the ten days after can bear a rating out, never refute it", () => {
  const idx = new FactIndex();
  const reading = (metric: string, value: number, unit: string) =>
    idx.add(
      fact({
        entity: 'm-a',
        entity_kind: 'model',
        metric,
        value,
        unit,
        time: '2026-08-20',
        reading: true,
        series: metric,
      }),
    );
  reading('arena_rating', 1490, 'rating points');
  reading('arena_votes', 9271, 'votes');
  const entities = new Map([['model:m-a', { id: 'model:m-a', kind: 'model', name: 'M', country: null, facts: [] }]]);
  const ctx: CheckContext = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  const ask = (metric: string, unit: string, value: number, as_of: string) =>
    checkClaim(claim({ subject: 'model:m-a', metric, unit, value, as_of }), ctx).verdict;
  assert.equal(ask('arena_rating', 'points', 1490, '2026-08-15'), 'supported');
  assert.equal(ask('arena_rating', 'points', 1400, '2026-08-15'), 'unverifiable');
  assert.equal(ask('arena_rating', 'points', 1490, '2026-07-15'), 'unverifiable');
  // Votes only grow: a later count says nothing of the article's.
  assert.equal(ask('votes', 'votes', 9271, '2026-08-15'), 'unverifiable');
  assert.equal(ask('votes', 'votes', 9271, '2026-08-21'), 'supported');
});

test('a model named without its release tag is borne out by a dated release; refuted only by its one release listed', () => {
  const week = (entity: string, value: number) =>
    fact({
      entity,
      entity_kind: 'model',
      metric: 'tokens:week',
      value,
      unit: 'tokens',
      time: '2026-04-06',
      window: 'week',
    });
  const model = (id: string, name: string) => [id, { id, kind: 'model', name, country: null, facts: [] }] as const;
  const ask = (idx: FactIndex, value: number) => {
    const entities = new Map([
      model('model:m-b', 'M B'),
      model('model:m-b-04-02', 'M B 04-02'),
      model('model:m-b-001', 'M B 001'),
    ]);
    const ctx: CheckContext = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
    return checkClaim(
      claim({ subject: 'model:m-b', metric: 'tokens_week', unit: 'tokens', value, time: '2026-04-05', days: 7 }),
      ctx,
    ).verdict;
  };
  const one = new FactIndex();
  one.add(week('m-b-04-02', 4.6e12));
  assert.equal(ask(one, 4.6e12), 'supported');
  // The one release listed is the model as the list names it ("gemini-2.0-flash-001").
  assert.equal(ask(one, 8.5e12), 'contradicted');
  // Two releases listed: the model's figure may be their sum, so neither refutes it.
  const two = new FactIndex();
  two.add(week('m-b-04-02', 4.6e12));
  two.add(week('m-b-001', 1.2e12));
  assert.equal(ask(two, 4.6e12), 'supported');
  assert.equal(ask(two, 8.5e12), 'unverifiable');
});

test("a link's bandwidth said one way is borne out by half the figure given both ways; refuted for a chip named alone", () => {
  const idx = new FactIndex();
  idx.add(fact({ entity: 'chip-l', metric: 'interconnect_gbps_bidirectional', value: 900, unit: 'GB/s' }));
  const entities = new Map([
    ['chip-l', { id: 'chip-l', kind: 'chip', name: 'L', country: null, facts: [] }],
    ['chip-m', { id: 'chip-m', kind: 'chip', name: 'M', country: null, facts: [] }],
  ]);
  const ctx: CheckContext = { facts: idx, entities: { entities } as unknown as EntityIndex, eventsOf: new Map() };
  const ask = (value: number, context: string[] = ['chip-l']) =>
    checkClaim(claim({ subject: 'chip-l', metric: 'interconnect_bandwidth', unit: 'GB/s', value, context }), ctx)
      .verdict;
  assert.equal(ask(900), 'supported');
  assert.equal(ask(450), 'supported');
  assert.equal(ask(300), 'contradicted');
  // Another chip named around it (a variant of it, say): the figure may be that one's.
  assert.equal(ask(300, ['chip-l', 'chip-m']), 'unverifiable');
});
