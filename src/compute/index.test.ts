import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtDb, tempDir } from '../../test/helpers.ts';
import { main } from '../cli/main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--db', await builtDb()], { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

test('chips list carries derived figures, confidence and sources', async () => {
  const { chips } = JSON.parse((await run('chips', 'list', '--json')).out) as { chips: { id: string; tpp: number; confidence: string; unconfirmed_fields: string[]; sources: string[] }[] };
  const h20 = chips.find((c) => c.id === 'nvidia-h20');
  assert.ok(h20 && Math.abs(h20.tpp - 2368) < 1e-9);
  assert.ok(h20.unconfirmed_fields.includes('die_area_mm2'));
  assert.equal(chips.find((c) => c.id === 'cambricon-mlu590')?.confidence, 'unconfirmed');
  assert.ok(chips.every((c) => c.sources.length > 0));
});

test('system aggregates computed from chips agree with the published figures, and the disagreement on power is shown', async () => {
  const out = JSON.parse((await run('chips', 'systems', '--json')).out) as {
    systems: { system: string; figures: { figure: string; computed: number | null; published: number | null; agrees: boolean | null }[] }[];
    comparison: { rows: { figure: string; computed_from_chips: number | null; reported: number | null }[] };
  };
  const cm = out.systems.find((s) => s.system === 'huawei-cloudmatrix-384');
  const bf16 = cm?.figures.find((f) => f.figure === 'bf16_dense');
  assert.ok(bf16 && Math.abs((bf16.computed ?? 0) - (384 * 780) / 1000) < 1e-9 && bf16.agrees === true);
  const nvl = out.systems.find((s) => s.system === 'nvidia-gb200-nvl72');
  assert.equal(nvl?.figures.find((f) => f.figure === 'accelerator_power')?.agrees, false);
  const ratio = out.comparison.rows.find((r) => r.figure === 'bf16_pflops');
  assert.ok(ratio && Math.abs((ratio.computed_from_chips ?? 0) - (384 * 780) / (72 * 2500)) < 1e-9);
  assert.equal(ratio?.reported, 1.7);
});

test('compare shows the "60% of H100" figure as an attributed claim, not a spec', async () => {
  const out = JSON.parse((await run('chips', 'compare', 'Ascend 910C', 'H100', '--json')).out) as { rows: { figure: string }[]; reported: { statement: string; status: string; source_id: string }[] };
  const claim = out.reported.find((r) => /60%/.test(r.statement));
  assert.ok(claim);
  assert.match(claim.status, /not independently verified/);
  assert.ok(!out.rows.some((r) => /inference/i.test(r.figure)));
  const match = JSON.parse((await run('chips', 'match', 'H100', 'nvl72', '--json')).out) as { rows: { figure: string; chips_needed: number }[] };
  assert.equal(match.rows.find((r) => r.figure === 'BF16 dense PFLOPS')?.chips_needed, Math.ceil(180 / 0.9894));
});

test('classify: SPEC fields, a chips file, and clear errors', async () => {
  const dir = tempDir();
  const file = join(dir, 'chips.json');
  writeFileSync(file, JSON.stringify([{ name: 'RTX 4090 D', datacenter: false, tpp: 4707 }, { name: 'RTX 4090', datacenter: false, die_area_mm2: 608.5, dense_tflops: { fp8: 660.6, fp16: 330.3 } }]));
  const r = await run('chips', 'classify', '--chips', file, '--rule', '3A090-2023', '--destination', 'CN', '--date', '2024-01-01', '--json');
  assert.equal(r.code, 0, r.err);
  const { results } = JSON.parse(r.out) as { results: Record<string, unknown>[] };
  for (const k of ['chip', 'rule', 'tpp', 'pd', 'classification', 'controlled', 'license_required', 'reason']) assert.ok(k in (results[0] ?? {}), k);
  assert.equal(results[0]?.['classification'], null);
  assert.match(String(results[0]?.['reason']), /Note 2/);
  assert.equal(results[1]?.['classification'], '3A090.a');
  writeFileSync(file, JSON.stringify([{ name: 'x', datacenter: 'yes', tpp: 1 }]));
  for (const [args, pattern] of [
    [['--chips', file], /item 1: datacenter/],
    [['--chips', join(dir, 'none.json')], /no such file/],
    [['--chip', 'H20', '--date', '2025-02-30'], /--date must be a date/],
    [['--chip', 'H20', '--destination', 'XX'], /unknown destination "XX"/],
    [['--chip', 'H20', '--rule', 'nope'], /unknown rule "nope"/],
  ] as const) {
    const bad = await run('chips', 'classify', ...args);
    assert.equal(bad.code, 1, args.join(' '));
    assert.match(bad.err, pattern);
  }
});
