import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { builtDb, RAW, ROOT, SNAPSHOT, tempDir } from '../../test/helpers.ts';
import { InputError, NotFoundError, type Deps } from '../ops/operation.ts';
import { toSvg } from '../charts/svg.ts';
import { Db } from '../store/db.ts';
import {
  chipsBom,
  chipsClassify,
  chipsList,
  chipsReconcile,
  chipsStatus,
  chipsSystems,
  chipsCompare,
  chipsMatch,
  chipsRules,
} from './op.ts';

let db: Db;
let deps: Deps;
before(async () => {
  const path = await builtDb();
  db = await Db.open(path);
  deps = {
    db: async () => db,
    now: () => new Date('2025-06-01T12:00:00Z'),
    paths: { db: path, snapshot: SNAPSHOT, raw: RAW, curated: join(ROOT, 'data', 'curated') },
    fetch,
    signal: new AbortController().signal,
    progress: () => {},
  };
});
after(() => db.close());

const parse = <T extends { input: { parse: (x: unknown) => unknown } }>(op: T, input: Record<string, unknown>) =>
  op.input.parse(input) as never;

describe('chips.list', () => {
  test('175 accelerators, 49 of them Chinese, each with sources and source rows or the fact sheet', async () => {
    const { chips } = await chipsList.run(deps, parse(chipsList, {}));
    assert.equal(chips.length, 175);
    assert.equal(chips.filter((c) => c['country'] === 'CN').length, 49);
    assert.ok(chips.every((c) => (c['sources'] as string[]).length > 0));
    const epoch = chips.filter((c) => (c['sources'] as string[]).includes('epoch-ml-hardware'));
    assert.equal(epoch.length, 163);
    assert.ok(epoch.every((c) => (c['source_rows'] as string[])[0]?.startsWith('epoch_ml_hardware#row ')));
    assert.equal(chips.find((c) => c['id'] === 'nvidia-h100-pcie')?.['throughput_basis'], 'dense');
    assert.equal(chips.find((c) => c['id'] === 'nvidia-h20')?.['throughput_basis'], 'dense');
  });
  test('each chip carries the notes the chips table holds for it', async () => {
    const { chips } = await chipsList.run(deps, parse(chipsList, {}));
    const notes = await db.rows(
      z.object({ id: z.string(), notes: z.string().nullable() }),
      'SELECT id, notes FROM chips',
    );
    assert.equal(notes.length, chips.length);
    for (const n of notes) assert.equal(chips.find((c) => c.id === n.id)?.notes, n.notes, n.id);
  });
});

describe('chips.classify', () => {
  test('the check goal: --all --destination CN --date 2025-06-01 answers for every chip with a reason, margins and citation', async () => {
    const out = await chipsClassify.run(
      deps,
      parse(chipsClassify, { all: 'true', destination: 'CN', date: '2025-06-01' }),
    );
    assert.equal(out.chips.length, 175);
    const ids = new Set(out.results.map((r) => r.chip_id));
    assert.equal(ids.size, 175);
    for (const r of out.results) {
      assert.ok(r.rule && r.citation, r.chip_id);
      assert.ok(r.summary.includes(r.rule) && r.summary.includes(r.citation), r.summary);
      assert.ok(r.reason.startsWith(r.summary));
      assert.ok(r.status && r.governing_date);
      if (r.license_required === null)
        assert.ok(r.decided_by.length > 0, `${r.chip_id} ${r.rule}: open answers name the input`);
    }
    // Every rule with item criteria gives margins to its thresholds.
    assert.ok(out.results.filter((r) => r.rule === '3A090-2023').every((r) => r.margins.tests.length >= 10));
    const count = (v: boolean | null) => out.chips.filter((c) => c.license_required === v).length;
    console.log(
      `classify --all CN 2025-06-01: ${out.results.length} results; licence required ${count(true)}, not required ${count(false)}, open ${count(null)}`,
    );
    assert.equal(count(true) + count(false) + count(null), 175);
    assert.equal(
      out.chips.find((c) => c.chip_id === 'nvidia-h20')?.license_required,
      true,
      'the H20 letter is in force in June 2025',
    );
    const dense = await chipsClassify.run(
      deps,
      parse(chipsClassify, {
        all: 'true',
        destination: 'CN',
        date: '2025-06-01',
        rule: '3A090-2023',
        assume_dense: 'true',
      }),
    );
    const openDense = dense.results.filter((r) => r.license_required === null);
    console.log(`3A090-2023 CN 2025-06-01 assuming dense: open ${openDense.length} of ${dense.results.length}`);
    assert.ok(openDense.every((r) => !r.decided_by.includes('throughput_basis')));
    assert.match(dense.results.find((r) => r.chip_id === 'nvidia-geforce-rtx-4090')?.reason ?? '', /Assumed dense/);
    assert.equal(dense.results.find((r) => r.chip_id === 'nvidia-geforce-rtx-4090')?.classification, '3A090.a');
  });
  test('date defaults to deps.now(), and says so', async () => {
    const out = await chipsClassify.run(deps, parse(chipsClassify, { chip: 'H100' }));
    assert.equal(out.date, '2025-06-01');
    assert.equal(out.date_is_today, true);
    assert.ok(
      out.results.every((r) => r.license_required === null),
      'no destination: no licence answer',
    );
  });
  test('margins: the smallest derating of the H100 out of 3A090.a and out of 3A090; the H20 headroom', async () => {
    const h100 = (
      await chipsClassify.run(deps, parse(chipsClassify, { chip: 'H100', rule: '3A090-2023', date: '2024-06-01' }))
    ).results[0];
    const tpp = h100?.tpp ?? 0;
    const out = (t: string) =>
      h100?.margins.derating.find((d) => d.target === t && d.dimension === 'throughput')?.factor ?? 0;
    assert.ok(Math.abs(out('out of 3A090.a') - 4800 / tpp) < 1e-5, String(out('out of 3A090.a')));
    assert.ok(Math.abs(out('outside 3A090-2023') - 2400 / tpp) < 1e-5, 'below TPP 2,400 with PD < 3.2');
    const a1 = h100?.margins.tests.find((t) => t.test === 'a.1');
    assert.ok(a1 && a1.met === true && Math.abs((a1.distance ?? 0) - (tpp - 4800)) < 1e-9);
    const h20 = (
      await chipsClassify.run(deps, parse(chipsClassify, { chip: 'H20', rule: '3A090-2023', date: '2024-06-01' }))
    ).results[0];
    const room = h20?.margins.derating.find((d) => d.target === 'outside 3A090-2023');
    assert.ok(room?.factor && Math.abs(room.factor - 2400 / 2368) < 1e-5, 'TPP 2,400 brings b.1 in');
    const pd = h20?.margins.tests.find((t) => t.test === 'b.2' && t.param === 'PD' && t.op === '>=');
    assert.ok(pd && pd.met === false && Math.abs((pd.distance ?? 0) - (2368 / 814 - 3.2)) < 1e-9);
  });
  test('a spec list, and errors named by field', async () => {
    const spec = join(tempDir(), 'chips.json');
    writeFileSync(spec, JSON.stringify([{ name: 'RTX 4090 D', datacenter: false, tpp: 4707 }]));
    const r = await chipsClassify.run(
      deps,
      parse(chipsClassify, { chips: spec, rule: '3A090-2023', destination: 'CN', date: '2024-01-01' }),
    );
    const bad = join(tempDir(), 'bad.json');
    writeFileSync(bad, '[{"name":"x","datacenter":"yes","tpp":1}]');
    assert.equal(r.results[0]?.controlled, false);
    assert.match(r.results[0]?.summary ?? '', /Note 2/);
    const fails: [Record<string, unknown>, typeof InputError | typeof NotFoundError, string][] = [
      [{}, InputError, 'chip'],
      [{ chip: 'H20', rule: 'nope' }, InputError, 'rule'],
      [{ chip: 'H20', destination: 'Atlantis' }, InputError, 'destination'],
      [{ chip: 'TPU v99' }, NotFoundError, 'chip'],
      [{ chips: bad }, InputError, 'chips'],
      [{ chips: join(tempDir(), 'none.json') }, InputError, 'chips'],
    ];
    for (const [input, kind, field] of fails) {
      await assert.rejects(
        chipsClassify.run(deps, parse(chipsClassify, input)),
        (e: unknown) => e instanceof kind && (e as InputError).field === field,
        JSON.stringify(input),
      );
    }
    assert.throws(() => chipsClassify.input.parse({ chip: 'H20', date: '2025-02-30' }));
  });
});

describe('chips.status', () => {
  test('H20 to China: outside 3A090 through 2023 and 2024, licence from 2025-04-09, open in July 2025, none after', async () => {
    const out = await chipsStatus.run(
      deps,
      parse(chipsStatus, { chip: 'H20', destination: 'CN', from: '2023-01-01', to: '2026-01-01' }),
    );
    const at = (d: string) => out.periods.findLast((p) => p.from <= d);
    assert.equal(at('2023-06-01')?.license_required, false);
    assert.equal(at('2024-06-01')?.license_required, false);
    assert.equal(at('2025-04-09')?.license_required, true);
    assert.deepEqual(at('2025-04-09')?.by, ['H20-is-informed-2025']);
    assert.equal(at('2025-07-15')?.license_required, null);
    assert.equal(at('2025-08-01')?.license_required, false);
    assert.ok(out.periods.some((p) => p.from === '2023-11-17' && p.changes.some((c) => c.startsWith('3A090-2023'))));
    for (let k = 1; k < out.periods.length; k++) assert.equal(out.periods[k - 1]?.to, out.periods[k]?.from);
    assert.ok(out.periods.every((p) => p.rules.length === 6));
    const svg = await toSvg(out.chart as never);
    assert.match(svg, /<svg/);
    assert.match(svg, /H20-is-informed-2025/);
    assert.match(svg, /licence required/);
  });
  test('bad input', async () => {
    await assert.rejects(
      chipsStatus.run(
        deps,
        parse(chipsStatus, { chip: 'H20', destination: 'CN', from: '2025-01-01', to: '2024-01-01' }),
      ),
      (e: unknown) => e instanceof InputError && e.field === 'to',
    );
  });
});

describe('chips.bom', () => {
  test('per-line licences and the total TPP against the tier-2 country cap', async () => {
    const lines = JSON.stringify([
      { chip: 'H100', quantity: 1000 },
      { chip: 'H20', quantity: 10 },
      { chip: 'google-tpu-v2', quantity: 5 },
    ]);
    const out = await chipsBom.run(deps, parse(chipsBom, { lines, destination: 'IN', date: '2025-06-01' }));
    assert.equal(out.tier, 'diffusion-tier2');
    assert.equal(out.lines.length, 3);
    assert.equal(
      out.lines[0]?.license_required,
      false,
      'India is outside the 2023 scope, and AI Diffusion does not bind',
    );
    const h100tpp = out.lines[0]?.tpp ?? 0;
    const cap = out.caps.find((c) => c.criterion === 'tier2_country_cap');
    assert.equal(cap?.cap_tpp, 790_000_000);
    assert.ok(Math.abs((cap?.counted_tpp ?? 0) - 1000 * h100tpp) < 1e-6, 'only the controlled line counts');
    assert.equal(cap?.binding, false);
    assert.ok(Math.abs(out.totals.tpp - (1000 * h100tpp + 10 * 2368 + 5 * (out.lines[2]?.tpp ?? 0))) < 1e-6);
    const cn = await chipsBom.run(
      deps,
      parse(chipsBom, { lines: 'chip,quantity\nH100,2\nH20,3\n', destination: 'CN', date: '2025-06-01' }),
    );
    assert.equal(cn.tier, 'diffusion-tier3');
    assert.deepEqual(
      cn.lines.map((l) => l.license_required),
      [true, true],
    );
    assert.equal(cn.totals.lines_needing_licence, 2);
    assert.ok(cn.caps.some((c) => c.criterion === 'tier3'));
    const file = join(tempDir(), 'bom.csv');
    writeFileSync(file, 'chip,quantity\nH100,2\n');
    assert.equal(
      (await chipsBom.run(deps, parse(chipsBom, { file, destination: 'CN', date: '2025-06-01' }))).lines[0]
        ?.license_required,
      true,
    );
    const fr = await chipsBom.run(
      deps,
      parse(chipsBom, { lines: 'chip,quantity\nH100,2\n', destination: 'FR', date: '2025-06-01' }),
    );
    assert.equal(fr.tier, 'diffusion-tier1');
    assert.equal(fr.caps.length, 0);
  });
  test('errors name the line', async () => {
    for (const [lines, pattern] of [
      ['chip,quantity\nH100,0\n', /line 1: quantity/],
      ['chip,quantity\nH100,1\nTPU v99,2\n', /line 2: no chip matches/],
      ['[1', /not valid JSON/],
    ] as const) {
      await assert.rejects(
        chipsBom.run(deps, parse(chipsBom, { lines, destination: 'CN' })),
        (e: unknown) => (e instanceof InputError || e instanceof NotFoundError) && pattern.test((e as Error).message),
        lines,
      );
    }
  });
});

describe('chips.compare, systems, match, reconcile', () => {
  test('list carries derived figures, confidence and sources (moved from the CLI test)', async () => {
    const { chips } = await chipsList.run(deps, parse(chipsList, {}));
    const h20 = chips.find((c) => c['id'] === 'nvidia-h20');
    assert.ok(h20 && Math.abs((h20['tpp'] as number) - 2368) < 1e-9);
    assert.ok((h20['unconfirmed_fields'] as string[]).includes('die_area_mm2'));
    assert.equal(chips.find((c) => c['id'] === 'cambricon-mlu590')?.['confidence'], 'unconfirmed');
    const sys = await chipsSystems.run(deps, parse(chipsSystems, {}));
    type Fig = { figure: string; computed: number | null; agrees: boolean | null };
    const figs = (id: string) => (sys.systems.find((s) => s['system'] === id)?.['figures'] ?? []) as Fig[];
    const bf16 = figs('huawei-cloudmatrix-384').find((f) => f.figure === 'bf16_dense');
    assert.ok(bf16 && Math.abs((bf16.computed ?? 0) - (384 * 780) / 1000) < 1e-9 && bf16.agrees === true);
    assert.equal(figs('nvidia-gb200-nvl72').find((f) => f.figure === 'accelerator_power')?.agrees, false);
    const cmp = await chipsCompare.run(deps, parse(chipsCompare, { a: 'Ascend 910C', b: 'H100' }));
    const claim = cmp.reported.find((r) => /60%/.test(String(r['statement'])));
    assert.match(String(claim?.['status']), /not independently verified/);
    assert.ok(!cmp.rows.some((r) => /inference/i.test(r.figure)));
  });
  test('moved from the CLI: same answers', async () => {
    const cmp = await chipsCompare.run(deps, parse(chipsCompare, { a: 'Ascend 910C', b: 'H100' }));
    assert.ok(cmp.reported.some((r) => /60%/.test(String(r['statement']))));
    const sys = await chipsSystems.run(deps, parse(chipsSystems, {}));
    const rows = sys.comparison['rows'] as { figure: string; computed_from_chips: number | null }[];
    assert.ok(
      Math.abs((rows.find((r) => r.figure === 'bf16_pflops')?.computed_from_chips ?? 0) - (384 * 780) / (72 * 2500)) <
        1e-9,
    );
    const m = await chipsMatch.run(deps, parse(chipsMatch, { chip: 'H100', system: 'nvl72' }));
    assert.equal(m.rows.find((r) => r.figure === 'BF16 dense PFLOPS')?.chips_needed, Math.ceil(180 / 0.9894));
    await assert.rejects(
      chipsMatch.run(deps, parse(chipsMatch, { chip: 'H100', system: 'zzz' })),
      (e: unknown) => e instanceof NotFoundError && e.field === 'system',
    );
  });
  test('reconciliation lists the disagreements between Epoch and the fact sheet', async () => {
    const { rows } = await chipsReconcile.run(deps, parse(chipsReconcile, { disagreements_only: 'true' }));
    assert.ok(
      rows.some((r) => r.subject === 'huawei-ascend-910c' && r.metric === 'bf16_dense_tflops' && r.value === 800),
    );
    assert.ok(rows.some((r) => r.subject === 'huawei-ascend-910b' && r.metric === 'memory_gb'));
    assert.ok(
      rows.some((r) => r.id.startsWith('laics:')),
      'the LAICS cross-check disagreements are listed',
    );
    assert.ok(rows.every((r) => /disagree/.test(r.status)));
  });
});

test('chips.rules: every rule with its distinct dates and the one that starts the licence requirement', async () => {
  const { rules, destination_sets } = await chipsRules.run(deps, parse(chipsRules, { date: '2025-05-14' }));
  assert.equal(rules.length, 6);
  const ad = rules.find((r) => r.rule === 'AI-Diffusion-2025');
  assert.deepEqual(
    [ad?.dates['published'], ad?.dates['effective'], ad?.dates['compliance'], ad?.dates['ends']],
    ['2025-01-15', '2025-01-13', '2025-05-15', '2025-05-13'],
  );
  assert.equal(ad?.licence_from, 'compliance');
  assert.match(ad?.phase ?? '', /never took hold/);
  assert.ok(destination_sets.some((d) => d.id === 'diffusion-tier1' && d.source.includes('tier1_AIA')));
});

test('chips.rules: every rule record of the database, also those without classification logic', async () => {
  const { rules, records } = await chipsRules.run(deps, parse(chipsRules, {}));
  const table = await db.rows(
    z.object({ id: z.string(), effective: z.string().nullable() }),
    'SELECT id, CAST(effective AS VARCHAR) AS effective FROM rules',
  );
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  assert.deepEqual(records.map((r) => ({ id: r.id, effective: r.effective })).sort(byId), table.sort(byId));
  for (const r of rules)
    assert.ok(
      records.some((x) => x.id === r.rule && x.title === r.title),
      r.rule,
    );
  assert.ok(records.length > rules.length, 'records without logic (the eCFR text, the country groups) are listed');
  assert.ok(records.every((r) => r.source_ids.length > 0));
});
