import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { builtDb } from '../../test/helpers.ts';
import { Db } from '../store/db.ts';
import { shareFacts, trackedFacts } from '../adoption/facts.ts';
import { chipFacts, systemFacts } from '../compute/facts.ts';
import { buildFactIndex, type FactIndex } from './index.ts';

let db: Db;
let idx: FactIndex;
before(async () => {
  db = await Db.open(await builtDb());
  idx = await buildFactIndex(db);
});
after(() => db.close());

test('the index holds every dataset, keyed by entity and metric, each fact with sources', () => {
  const some = (entity: string, metric: string) => idx.get(entity, metric);
  assert.ok(
    some('CN', 'gap_months').length > 0 && some('CN', 'gap_months').every((f) => f.versus === 'US'),
    'gap by date, follower vs leader',
  );
  assert.ok(some('CN', 'gap_points').length > 0);
  assert.ok(some('CN', 'token_share').length > 0, 'traffic share by country');
  assert.ok(some('US', 'downloads_share').length > 0, 'download share by country');
  assert.ok(
    Math.abs((some('nvidia-h100-sxm', 'tpp')[0]?.value ?? 0) - 15_830) < 5,
    'TPP: the highest of dense TFLOPS × bit length',
  );
  assert.ok(
    some('nvidia-h100-sxm', 'ratio:memory_gb').some((f) => f.versus === 'nvidia-h200-sxm'),
    'ratios between chips',
  );
  assert.equal(some('huawei-cloudmatrix-384', 'chips_per_system')[0]?.value, 384);
  // The Arena board of each recent day (an article cites "the board dated 14 August"), of week ends before.
  const rating = (id: string, day: string) => some(id, 'arena_rating').find((f) => f.time === day)?.value;
  assert.equal(rating('qwen3-8-max', '2026-08-14'), 1491, 'a recent day that ends no month');
  assert.ok(
    some('3A090-2023', 'threshold:TPP').some((f) => f.value === 4800),
    'rule thresholds',
  );
  assert.ok(
    some('stargate-2025-01-21', 'investment').some((f) => f.value === 5e11),
    'event amounts',
  );
  assert.ok(
    some('deepseek-v3', 'parameters').some((f) => f.value === 671e9),
    'model sizes',
  );
  assert.ok(idx.size > 10_000);
  for (const m of ['arena_rating', 'input_price', 'token_share', 'tpp', 'investment']) {
    const f = [...['CN', 'nvidia-h100-sxm', 'stargate-2025-01-21', 'deepseek-v3']].flatMap((e) => idx.get(e, m))[0];
    if (f) assert.ok(f.source_ids.length > 0, `${m} has sources`);
  }
});

test('derivations are pure: shares per window, chip and system figures', () => {
  const usage = [
    { w: 'week', d: '2026-01-05', model_id: 'a', author: 'x', total_tokens: 3, source_id: 's' },
    { w: 'week', d: '2026-01-05', model_id: 'b', author: 'y', total_tokens: 1, source_id: 's' },
  ];
  const facts = [
    ...shareFacts(
      usage,
      new Map([
        ['a', 'orgA'],
        ['b', 'orgB'],
      ]),
      new Map([
        ['orgA', 'CN'],
        ['orgB', 'US'],
      ]),
    ),
  ];
  assert.equal(facts.find((f) => f.entity === 'CN' && f.metric === 'token_share')?.value, 0.75);
  assert.equal(facts.find((f) => f.entity === 'a' && f.metric === 'tokens:week')?.value, 3);
  // Requests and the input share where a list gives them; a model listed once per variant, each row's tokens too.
  const listed = [
    ...shareFacts(
      [
        { ...usage[0], total_tokens: 8, requests: 5, prompt_tokens: 6, variant: 'free' },
        { ...usage[0], total_tokens: 2, requests: 1, prompt_tokens: 1, variant: null },
      ] as never,
      new Map([['a', 'orgA']]),
      new Map([['orgA', 'CN']]),
    ),
  ];
  const of = (entity: string, metric: string) => listed.filter((f) => f.entity === entity && f.metric === metric);
  assert.deepEqual(
    of('a', 'requests:week').map((f) => f.value),
    [6],
  );
  assert.deepEqual(
    of('CN', 'requests:week').map((f) => f.value),
    [6],
  );
  assert.deepEqual(
    of('a', 'input_share').map((f) => f.value),
    [0.7],
  );
  assert.deepEqual(
    of('a', 'tokens:week')
      .map((f) => f.value)
      .sort(),
    [10, 2, 8],
  );
  // A census of open models: models per country and organization, each country's share, organizations per country.
  const row = (model_id: string, country: string, organization_id: string | null) =>
    ({ model_id, country, organization_id, d: '2026-08-17', source_id: 'census' }) as never;
  const census = [
    ...trackedFacts([row('m1', 'CN', 'o1'), row('m2', 'CN', 'o2'), row('m3', 'US', 'o3'), row('m4', 'US', null)]),
  ];
  const got = (entity: string, metric: string) => census.find((f) => f.entity === entity && f.metric === metric)?.value;
  assert.deepEqual(
    [
      got('CN', 'open_models'),
      got('CN', 'open_model_share'),
      got('CN', 'open_organizations'),
      got('o1', 'open_models'),
    ],
    [2, 0.5, 2, 1],
  );
  assert.equal(got('US', 'open_organizations'), 1);
  const chips = [
    ...chipFacts([
      {
        id: 'c1',
        name: 'C1',
        confidence: 'confirmed',
        unconfirmed_fields: [],
        source_ids: ['s'],
        bf16_dense_tflops: 100,
        die_area_mm2: 800,
        memory_gb: 80,
        process: 'TSMC 5nm',
      },
      {
        id: 'c2',
        name: 'C2',
        confidence: 'unconfirmed',
        unconfirmed_fields: [],
        source_ids: ['t'],
        bf16_dense_tflops: 50,
        memory_gb: 40,
      },
    ]),
  ];
  assert.equal(chips.find((f) => f.entity === 'c1' && f.metric === 'pd')?.value, 2);
  assert.equal(chips.find((f) => f.entity === 'c1' && f.metric === 'process_node')?.value, 5);
  const ratio = chips.find((f) => f.entity === 'c1' && f.metric === 'ratio:memory_gb');
  assert.equal(ratio?.value, 2);
  assert.equal(ratio?.status, 'unconfirmed', 'a ratio is confirmed only when both sides are');
  const sys = [
    ...systemFacts([
      {
        id: 's1',
        name: 'S1',
        confidence: 'confirmed',
        unconfirmed_fields: ['power_kw'],
        source_ids: ['s'],
        chips_per_system: 8,
        power_kw: 10,
      },
    ]),
  ];
  assert.equal(sys.find((f) => f.metric === 'power_kw')?.status, 'unconfirmed');
});

test('every capability offers its facts through its operation, each valid against the Fact schema', async () => {
  const { factSchema } = await import('../ops/operation.ts');
  const { factOperations } = await import('./operations.ts');
  const byOp = new Map(idx.origins.map((o) => [o.operation, o.facts]));
  for (const name of ['models', 'gap', 'gap.metrics', 'cost.pick', 'adoption', 'chips.list', 'chips.systems'])
    assert.ok((byOp.get(name) ?? 0) > 0, `${name} offers facts`);
  assert.ok((byOp.get('events') ?? 0) > 0 && (byOp.get('chips.rules') ?? 0) > 0);
  assert.equal(
    idx.size,
    [...byOp.values()].reduce((a, b) => a + b, 0),
    'the index holds what the operations gave',
  );
  assert.deepEqual(
    idx.origins.map((o) => o.operation),
    factOperations.map((o) => o.name),
  );
  // Every fact is valid against the contract's schema, and names its sources.
  let n = 0;
  for (const f of idx.all()) {
    const ok = factSchema.safeParse(f);
    assert.ok(ok.success, `${f.table} ${f.id}: ${ok.error?.message ?? ''}`);
    n++;
  }
  assert.equal(n, idx.size);
  console.log(idx.origins.map((o) => `${o.operation}: ${o.facts} facts, ${o.ms} ms`).join('\n'));
});

test('facts of every kind the checker needs: windows, series, lower bounds, sources that disagree', () => {
  // Weekly traffic is a window (the seven days before its date); sums over a top-10 list are lower bounds.
  const week = idx.get('CN', 'tokens:week');
  assert.ok(week.length > 0 && week.every((f) => f.window === 'week'));
  assert.ok(
    week.every((f) => f.lower_bound === true),
    'a country total over the top 10 is a lower bound',
  );
  assert.ok(idx.get('openrouter', 'platform_tokens:week').length > 0, 'the platform total per week');
  const cumulative = idx.get('openrouter', 'platform_tokens:cumulative');
  assert.ok(cumulative.length > 1 && cumulative.every((f, k) => k === 0 || f.value >= (cumulative[k - 1]?.value ?? 0)));
  assert.ok(
    [...idx.all()].some((f) => f.metric === 'growth:week'),
    'week-over-week growth per model',
  );
  // A price is one provider's series; its latest is the current figure.
  const prices = [...idx.all()].filter((f) => f.table === 'prices' && f.metric === 'input_price');
  assert.ok(prices.length > 100 && prices.every((f) => f.series && f.time));
  assert.ok(
    [...idx.all()].some((f) => f.table === 'prices' && f.metric === 'context_length'),
    'context by provider',
  );
  // Foundry node names: TSMC 4N is a 4 nm-class node.
  assert.ok(idx.get('nvidia-h100-sxm', 'process_node').some((f) => f.value === 4));
  // Where the sources give several counts, each is a figure and says so.
  const counts = [...idx.all()].filter((f) => f.metric === 'signatories' && f.status.startsWith('one of the counts'));
  assert.ok(counts.length >= 2 && new Set(counts.map((f) => f.value)).size === counts.length);
  // The gap in percent of the leader's score, by date.
  assert.ok(idx.get('CN', 'gap_percent').some((f) => f.versus === 'US' && f.value > 0 && f.value < 1));
});

test('the index is built from whatever list of operations it is given, and stops when aborted', async () => {
  const { factIndexOf } = await import('./index.ts');
  const { sharedDeps, defaultPaths } = await import('../ops/deps.ts');
  const { z } = await import('zod');
  const one = {
    entity: 'x-chip',
    entity_kind: 'chip' as const,
    metric: 'memory_gb',
    value: 96,
    unit: 'GB',
    time: null,
    source_ids: ['s'],
    status: 'confirmed',
    statement: 'x-chip: 96 GB',
    table: 'test',
    id: 'x-chip:memory_gb',
  };
  const op = (name: string, facts?: () => Promise<(typeof one)[]>) => ({
    name,
    summary: name,
    input: z.object({}),
    output: z.object({}),
    run: async () => ({}),
    ...(facts ? { facts } : {}),
  });
  const deps = sharedDeps(db, defaultPaths({ db: db.path }));
  const built = await factIndexOf(deps, [op('a', async () => [one]), op('b')]);
  assert.equal(built.size, 1);
  assert.equal(built.get('x-chip', 'memory_gb')[0]?.value, 96);
  assert.deepEqual(
    built.origins.map((o) => o.operation),
    ['a'],
    'operations without facts are skipped',
  );
  const ac = new AbortController();
  ac.abort(new Error('gone'));
  await assert.rejects(factIndexOf({ ...deps, signal: ac.signal }, [op('a', async () => [one])]), /gone/);
});

test('ratios between chips and systems are derived on lookup, equal to the full listing', async () => {
  const { tables } = await import('../data/schema.ts');
  const chipRows = await db.rows(tables.chips, 'SELECT * FROM chips');
  const systemRows = await db.rows(tables.systems, 'SELECT * FROM systems');
  // The eager listing: every ratio fact, by entity and metric, in its order.
  const eager = new Map<string, unknown[]>();
  let ratios = 0;
  for (const f of [...chipFacts(chipRows), ...systemFacts(systemRows)]) {
    if (!f.metric.startsWith('ratio:')) continue;
    const k = `${f.entity}|${f.metric}`;
    eager.set(k, [...(eager.get(k) ?? []), f]);
    ratios++;
  }
  assert.ok(ratios > 100_000, `${ratios} ratio facts listed`);
  for (const [k, fs] of eager) {
    const [entity, metric] = k.split('|') as [string, string];
    assert.deepEqual(idx.get(entity, metric), fs, k);
  }
  // The index stores none of them, counts them as derivable, and lists them on request.
  assert.ok(![...idx.all()].some((f) => f.metric.startsWith('ratio:') && f.table !== 'reported_figures'));
  const derivable = idx.origins.reduce((n, o) => n + (o.derivable ?? 0), 0);
  assert.equal(derivable, ratios);
  let listed = 0;
  for (const _ of idx.derived()) listed++;
  assert.equal(listed, ratios);
  assert.equal(idx.get('nvidia-h100-sxm', 'ratio:memory_gb'), idx.get('nvidia-h100-sxm', 'ratio:memory_gb'));
  assert.deepEqual(idx.get('no-such-chip', 'ratio:memory_gb'), []);
});

test('a ratio group: ratios of one metric between any two members, the denominator positive', async () => {
  const { FactIndex } = await import('./index.ts');
  const { withRatios, ratioKindOf } = await import('./derived.ts');
  const spec = (entity: string, metric: string, value: number, status = 'confirmed') => ({
    entity,
    entity_kind: 'chip' as const,
    metric,
    value,
    unit: 'GB',
    time: null,
    source_ids: [`src-${entity}`],
    status,
    table: 'chips',
    id: `${entity}:${metric}`,
    statement: `${entity} ${metric} ${value}`,
  });
  const group = withRatios(
    [spec('p', 'memory_gb', 96), spec('q', 'memory_gb', 48, 'unconfirmed'), spec('z', 'memory_gb', 0)],
    'chip',
  );
  assert.equal(ratioKindOf(group), 'chip');
  assert.equal(ratioKindOf([...group]), undefined, 'a copy is plain facts');
  const i = new FactIndex();
  assert.equal(i.addGroup(group, 'chip'), 4, 'p/q, q/p, z/p, z/q: nothing over zero');
  const pq = i.get('p', 'ratio:memory_gb');
  assert.deepEqual(
    pq.map((f) => [f.versus, f.value, f.status, f.source_ids]),
    [['q', 2, 'unconfirmed', ['src-p', 'src-q']]],
  );
  assert.deepEqual(
    i.get('z', 'ratio:memory_gb').map((f) => f.value),
    [0, 0],
  );
  assert.equal(i.get('p', 'ratio:tdp_w').length, 0, 'no other metric');
  assert.equal(i.size, 3, 'the members are stored; their ratios are not');
  // Facts added one by one are not a group: no ratios.
  const plain = new FactIndex();
  for (const f of group) plain.add(f);
  assert.equal(plain.get('p', 'ratio:memory_gb').length, 0);
});

test('places by tokens per window: each model’s place and the top places each country and lab holds', async () => {
  const { placeFacts } = await import('../adoption/facts.ts');
  const row = (model_id: string, total_tokens: number, w = 'week') => ({
    w,
    d: '2026-01-12',
    model_id,
    author: null,
    total_tokens,
    source_id: 's',
  });
  const rows = [row('m1', 50), row('m2', 40), row('m3', 40), row('m4', 30), row('m5', 20), row('m6', 10)];
  const groups = new Map([
    ['week|2026-01-12', rows],
    ['day|2026-01-12', rows.map((r) => ({ ...r, w: 'day' }))],
  ]);
  const orgs = new Map([
    ['m1', 'lab-a'],
    ['m2', 'lab-b'],
    ['m3', 'lab-a'],
    ['m4', 'lab-c'],
    ['m5', 'lab-a'],
    ['m6', 'lab-c'],
  ]);
  const countries = new Map([
    ['lab-a', 'AA'],
    ['lab-b', 'BB'],
    ['lab-c', 'BB'],
  ]);
  const facts = [...placeFacts(groups, orgs, countries)];
  assert.ok(
    facts.every((f) => f.window === 'week'),
    'not daily',
  );
  const get = (entity: string, metric: string) => facts.find((f) => f.entity === entity && f.metric === metric)?.value;
  assert.equal(get('m1', 'usage_rank'), 1);
  assert.equal(get('m2', 'usage_rank'), 2);
  assert.equal(get('m3', 'usage_rank'), 2, 'a tie shares the better place');
  assert.equal(get('m4', 'usage_rank'), 4);
  assert.equal(get('AA', 'top_spots:3'), 2);
  assert.equal(get('BB', 'top_spots:3'), 1);
  assert.equal(get('AA', 'top_spots:5'), 3);
  assert.equal(get('lab-c', 'top_spots:1'), 0, 'no place is a figure too');
  assert.equal(get('AA', 'top_spots:10'), undefined, 'a list shorter than ten has no top ten');
  assert.ok(facts.every((f) => f.source_ids.includes('s') && f.time === '2026-01-12'));
});

test('compute dies in one package, read from the architecture as the sheet writes it', () => {
  const chip = (id: string, architecture: string | null) => ({
    id,
    name: id.toUpperCase(),
    confidence: 'confirmed' as const,
    unconfirmed_fields: [],
    source_ids: ['s'],
    architecture,
  });
  const facts = [
    ...chipFacts([
      chip('k1', 'Orion (4 dies)'),
      chip('k2', 'Three Orion-class compute dies on one interposer'),
      chip('k3', 'Orion (12 cores per die-shot count)'),
      chip('k4', null),
    ]),
  ];
  const dies = (id: string) => facts.find((f) => f.entity === id && f.metric === 'dies_per_package')?.value;
  assert.deepEqual(['k1', 'k2', 'k3', 'k4'].map(dies), [4, 3, undefined, undefined]);
});

test("a model's place on the Arena is its position by score, as `airace leaderboard` lists that day's board", async () => {
  const { leaderboard } = await import('../frontier/op.ts');
  const deps = { db: async () => db, signal: new AbortController().signal } as never;
  const board = await leaderboard.run(deps, { board: 'lmarena-text', as_of: '2026-08-20', limit: 15 });
  assert.ok(board.rows.length === 15 && board.as_of === '2026-08-20');
  board.rows.forEach((r, k) => {
    const fact = idx.get(r.model_id, 'arena_rank').find((f) => f.time === board.as_of);
    // Ties share the better place.
    const tiedAbove = board.rows.findIndex((x) => x.score === r.score);
    assert.equal(fact?.value, tiedAbove + 1, `${r.model_id} at ${k + 1}`);
  });
});

test('the board of every week is a fact, not only the last of each month: articles cite a day mid-month', async () => {
  // Each week's last board, and one model listed on it.
  const weekly = await db.all(
    `SELECT CAST(d AS VARCHAR) AS d, (SELECT min(model_id) FROM leaderboard_entries e WHERE e.snapshot_date = w.d
       AND leaderboard = 'lmarena-text' AND category = 'full' AND preliminary IS NOT TRUE) AS m
     FROM (SELECT max(snapshot_date) AS d FROM leaderboard_entries WHERE leaderboard = 'lmarena-text'
       AND category = 'full' GROUP BY date_trunc('week', snapshot_date)) w`,
  );
  const old = weekly.filter((r) => String(r['d']) < '2025-01-01');
  assert.ok(old.length > 50, `${old.length} weeks`);
  const missing = old.filter((r) => !idx.get(String(r['m']), 'arena_rating').some((f) => f.time === r['d']));
  assert.deepEqual(missing, []);
  // Long ago, one board a week and no more.
  const gpt4 = idx.get('gpt-4-0613', 'arena_rating').filter((f) => (f.time ?? '') < '2025-01-01');
  assert.ok(gpt4.length > 20 && gpt4.length <= old.length, `${gpt4.length} boards`);
});

test("a list far smaller than its window's others is flagged, not confirmed: a partial scrape", () => {
  const row = (d: string, t: number) => ({
    w: 'month',
    d,
    model_id: 'a',
    author: 'x',
    total_tokens: t,
    source_id: 's',
  });
  const usage = [...['01', '02', '03', '04', '05', '06'].map((d) => row(`2026-01-${d}`, 1e12)), row('2026-01-07', 900)];
  const facts = [...shareFacts(usage, new Map([['a', 'orgA']]), new Map([['orgA', 'CN']]))];
  const of = (d: string) => facts.filter((f) => f.entity === 'CN' && f.metric === 'tokens:month' && f.time === d);
  assert.equal(of('2026-01-06')[0]?.status, 'confirmed');
  assert.match(of('2026-01-07')[0]?.status ?? '', /^inconsistent: the list sums to 900 tokens/);
});
