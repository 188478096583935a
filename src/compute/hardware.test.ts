/** The Epoch hardware import (src/data/import/hardware.ts), checked against the raw CSV and the fact sheet. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RAW } from '../../test/helpers.ts';
import { readCsv } from '../data/import/common.ts';
import { datacenterOf, hardware, throughputBasis } from '../data/import/hardware.ts';
import type { Row } from '../data/schema.ts';

const out = hardware.run(RAW, { familyPrefixes: [] });
const rows = <T>(id: string) => (out.parts.find((p) => p.id === id)?.rows ?? []) as T[];
const chips = rows<Row<'chips'>>('epoch-ml-hardware');
const figures = rows<Row<'reported_figures'>>('epoch-vs-facts');
const raw = readCsv(join(RAW, 'hardware', 'epoch_ml_hardware', 'ml_hardware.csv'));
const facts = (
  JSON.parse(readFileSync(join(RAW, 'facts', 'chips.json'), 'utf8')) as {
    records: { id: string; bf16_dense_tflops: number | null }[];
  }
).records;

test('every Epoch row is a chip or is matched to a fact-sheet chip, which keeps its figures', () => {
  assert.equal(raw.length, 175);
  const matched = new Set(figures.filter((f) => f.id.startsWith('epoch:')).map((f) => f.subject));
  assert.equal(chips.length + matched.size, raw.length);
  assert.equal(matched.size, facts.length, 'all 12 fact-sheet chips are in Epoch');
  assert.ok(!chips.some((c) => facts.some((f) => f.id === c.id)), 'no fact-sheet chip is imported twice');
  // Epoch's 800 TFLOPS for the 910C is listed as a disagreement; the sheet's 780 stays the chip's figure.
  const d = figures.find((f) => f.id === 'epoch:huawei-ascend-910c:bf16_dense_tflops');
  assert.equal(d?.value, 800);
  assert.match(d?.status ?? '', /^disagrees/);
  assert.equal(facts.find((f) => f.id === 'huawei-ascend-910c')?.bf16_dense_tflops, 780);
  assert.equal(new Set(chips.map((c) => c.id)).size, chips.length, 'ids are unique');
});

test('units and provenance as in the raw row', () => {
  const h = chips.find((c) => c.id === 'nvidia-h100-pcie');
  const r = raw.findIndex((x) => x['Hardware name'] === 'NVIDIA H100 PCIe');
  assert.ok(h && r >= 0);
  assert.equal(h.bf16_dense_tflops, Number(raw[r]?.['Tensor-FP16/BF16 performance (FLOP/s)']) / 1e12);
  assert.equal(h.memory_gb, 80);
  assert.equal(h.memory_bandwidth_tbps, 2.04);
  assert.equal(h.interconnect_gbps_bidirectional, 600);
  assert.deepEqual(h.source_rows, [`epoch_ml_hardware#row ${r + 1} (NVIDIA H100 PCIe)`]);
  assert.equal(h.source_id, 'epoch-ml-hardware');
  assert.equal(h.throughput_basis, 'dense');
  assert.ok(out.sources.some((s) => s.id === 'epoch-ml-hardware' && /CC BY 4\.0/.test(s.license)));
  assert.equal(chips.filter((c) => c.country === 'unknown').length, 0, 'every manufacturer has a country');
});

test('dense vs sparse, datacenter use and die area stay explicit', () => {
  assert.equal(throughputBasis('Listed performance figures are without sparsity.'), 'dense');
  assert.equal(
    throughputBasis(
      'We divide performance by 2 to convert it from performance over sparse matrices to performance over dense matrices.',
    ),
    'dense (halved from sparse by the source)',
  );
  assert.equal(throughputBasis('Source: a keynote photo'), 'unstated');
  assert.equal(
    chips.filter((c) => c.throughput_basis === 'unstated').length,
    chips.filter((c) => c.unconfirmed_fields.includes('throughput_basis')).length,
  );
  assert.equal(datacenterOf('NVIDIA GeForce RTX 4090').value, false);
  assert.equal(datacenterOf('NVIDIA RTX 6000 Ada Generation').value, null);
  assert.equal(datacenterOf('Huawei Ascend 910B').value, true);
  assert.ok(
    chips.every((c) => c.unconfirmed_fields.includes('datacenter')),
    'the inferred datacenter flag is marked unconfirmed',
  );
  const noDie = chips.filter((c) => c.die_area_mm2 === null);
  assert.ok(noDie.length > 50 && noDie.every((c) => !c.unconfirmed_fields.includes('die_area_mm2')));
});

test('Epoch TPP column checked against its own per-precision figures; LAICS cross-check listed, not imported', () => {
  const tpp = figures.filter((f) => f.id.startsWith('epoch-tpp:'));
  assert.ok(tpp.length > 0 && tpp.every((f) => /disagrees within the source/.test(f.status)));
  const laics = rows<Row<'reported_figures'>>('laics-crosscheck');
  assert.ok(laics.length >= 10);
  assert.ok(laics.some((f) => f.subject === 'nvidia-a800-sxm-80gb' && /disagrees/.test(f.status)));
  assert.ok(laics.some((f) => f.subject === 'nvidia-h100-sxm' && f.status === 'cross-check agrees'));
  assert.ok(!out.parts.some((p) => p.table === 'chips' && p.source_id !== 'epoch-ml-hardware'));
  assert.ok((out.skipped[0]?.count ?? 0) > 0, 'unmatched LAICS rows are counted');
});
