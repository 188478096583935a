/**
 * Held-out chips and destinations. The expected answers were written from the rule texts (export_rules.json,
 * the eCFR text of 3A090) and the chips' input figures before the data-driven classifier was run on them;
 * most chips come from the Epoch import and were never seen by the earlier classifier. `null` means the rule
 * text leaves the answer open given the data (a figure is missing or not known to be dense).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { builtDb } from '../../test/helpers.ts';
import { Db } from '../store/db.ts';
import type { Chip } from './chips.ts';
import { classify, type Context } from './classify.ts';
import { parseDestination } from './destinations.ts';
import { loadChips, loadContext } from './index.ts';

interface Case {
  chip: string;
  rule: string;
  dest: string;
  date: string;
  license: boolean | null;
  controlled?: boolean | null;
  classification?: string | null;
  /** An input named in decided_by when the answer is open. */
  decider?: string;
  why: string;
}

const CASES: Case[] = [
  {
    chip: 'nvidia-h100-pcie',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: true,
    controlled: true,
    classification: '3A090.a',
    why: 'BF16 756 × 16 = 12,096 ≥ 4,800 (a.1); China is D:1/D:4/D:5',
  },
  {
    chip: 'nvidia-h100-pcie',
    rule: '3A090-2022',
    dest: 'CN',
    date: '2023-06-01',
    license: true,
    controlled: true,
    classification: '3A090.a',
    why: 'interconnect 600 ≥ 600 GB/s and TPP 12,096 ≥ 4,800; figures stated dense',
  },
  {
    chip: 'nvidia-a100-pcie',
    rule: '3A090-2022',
    dest: 'RU',
    date: '2023-06-01',
    license: false,
    controlled: null,
    decider: 'throughput_basis',
    why: 'Russia is outside the 2022 scope whatever the item; TPP 4,992 dense or 2,496 if sparse',
  },
  {
    chip: 'nvidia-a800-pcie-80-gb',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-01-10',
    license: true,
    controlled: true,
    why: 'dense: TPP 4,992 (a.1); if sparse: TPP 2,496, PD 3.02 (b.1): controlled either way',
  },
  {
    chip: 'nvidia-a800-pcie-80-gb',
    rule: '3A090-2022',
    dest: 'CN',
    date: '2023-06-01',
    license: null,
    controlled: null,
    decider: 'interconnect_gbps_bidirectional',
    why: 'the 2022 test needs the interconnect, which the data lacks',
  },
  {
    chip: 'huawei-ascend-910b2',
    rule: 'BIS-GP10-Guidance-2025-05-13',
    dest: 'DE',
    date: '2025-06-01',
    license: true,
    controlled: true,
    why: 'a 910B variant named by the guidance; applies anywhere',
  },
  {
    chip: 'huawei-ascend-910b2',
    rule: 'BIS-GP10-Guidance-2025-05-13',
    dest: 'DE',
    date: '2025-05-01',
    license: false,
    why: 'before the guidance of 2025-05-13',
  },
  {
    chip: 'nvidia-geforce-rtx-3090',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: false,
    controlled: false,
    classification: null,
    why: 'consumer part, dense TPP 2,272 < 4,800: Note 2',
  },
  {
    chip: 'amd-mi300x',
    rule: '3A090-2023',
    dest: 'SA',
    date: '2024-06-01',
    license: true,
    controlled: true,
    classification: '3A090.a',
    why: 'FP8 2,615 × 8 = 20,920; Saudi Arabia is D:4, not A:5/A:6',
  },
  {
    chip: 'amd-mi300x',
    rule: 'AI-Diffusion-2025',
    dest: 'AE',
    date: '2025-03-01',
    license: false,
    controlled: true,
    classification: '3A090.a',
    why: 'in effect from 2025-01-13 but compliance not required before 2025-05-15',
  },
  {
    chip: 'amd-mi300x',
    rule: '3A090-2023',
    dest: 'AE',
    date: '2025-03-01',
    license: false,
    controlled: true,
    why: 'the UAE is in A:5 (2026 lists)',
  },
  {
    chip: 'nvidia-b200-hgx',
    rule: '3A090-2023',
    dest: 'VN',
    date: '2025-06-01',
    license: true,
    controlled: true,
    classification: '3A090.a',
    why: 'TPP 36,000; Vietnam is D:1',
  },
  {
    chip: 'nvidia-h100-sxm',
    rule: '3A090-2023',
    dest: 'IL',
    date: '2024-06-01',
    license: false,
    controlled: true,
    why: 'Israel is D:4 but also A:6',
  },
  {
    chip: 'nvidia-h20',
    rule: 'H20-is-informed-2025',
    dest: 'CN',
    date: '2025-05-01',
    license: true,
    controlled: true,
    why: 'the letter names the H20; China in scope from 2025-04-09',
  },
  {
    chip: 'nvidia-h20',
    rule: 'H20-is-informed-2025',
    dest: 'CN',
    date: '2025-08-15',
    license: false,
    why: 'reversed in 2025-07',
  },
  {
    chip: 'nvidia-h200-sxm',
    rule: 'H20-is-informed-2025',
    dest: 'CN',
    date: '2025-05-01',
    license: true,
    controlled: true,
    why: 'memory bandwidth 4.8 ≥ the H20 4.0 TB/s',
  },
  {
    chip: 'google-tpu-v2',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: false,
    controlled: false,
    classification: null,
    why: 'TPP 736 < 1,600',
  },
  {
    chip: 'nvidia-geforce-rtx-4090',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: null,
    controlled: null,
    decider: 'throughput_basis',
    why: 'consumer part: 5,285 if the figures are dense (a.1, Note 2 lifted), 2,642 if sparse (Note 2)',
  },
  {
    chip: 'mtt-s4000',
    rule: '3A090-2023',
    dest: 'RU',
    date: '2024-06-01',
    license: null,
    controlled: null,
    decider: 'die_area_mm2',
    why: 'TPP 1,600 exactly; a.2 / b.2 need PD, no die area',
  },
  {
    chip: 'biren-br100',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: true,
    controlled: true,
    classification: '3A090.a',
    why: 'TPP 16,384 dense, 8,192 if sparse: ≥ 4,800 either way',
  },
  {
    chip: 'biren-br100',
    rule: 'BIS-GP10-Guidance-2025-05-13',
    dest: 'DE',
    date: '2025-06-01',
    license: true,
    controlled: true,
    why: 'PRC-developed IC meeting 3A090 parameters',
  },
  {
    chip: 'nvidia-tesla-v100-sxm2',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: false,
    controlled: false,
    classification: null,
    why: 'TPP 2,000, PD 2.45: under a and b',
  },
  {
    chip: 'intel-habana-gaudi2',
    rule: '3A090-2023',
    dest: 'CN',
    date: '2024-06-01',
    license: true,
    controlled: true,
    why: 'dense 7,200 (a.1); sparse 3,600 with PD 4.36 (b.1)',
  },
  {
    chip: 'nvidia-h100-sxm',
    rule: '3A090.c-HBM-2024',
    dest: 'CN',
    date: '2025-06-01',
    license: false,
    controlled: false,
    why: 'a processor, not an HBM stack (co-packaged exclusion)',
  },
  {
    chip: 'nvidia-h100-sxm',
    rule: 'AI-Diffusion-2025',
    dest: 'IN',
    date: '2025-06-01',
    license: false,
    controlled: true,
    why: 'non-enforcement from 2025-05-13',
  },
  {
    chip: 'nvidia-h100-sxm',
    rule: '3A090-2023',
    dest: 'MO',
    date: '2024-06-01',
    license: true,
    controlled: true,
    why: 'Macau is added to the 2023 scope',
  },
  {
    chip: 'cambricon-mlu370-x8',
    rule: 'BIS-GP10-Guidance-2025-05-13',
    dest: 'DE',
    date: '2025-06-01',
    license: null,
    controlled: null,
    decider: 'die_area_mm2',
    why: 'not named; whether it meets 3A090 needs PD (no die area)',
  },
];

let db: Db;
let chips: Chip[];
let ctx: Context;
before(async () => {
  db = await Db.open(await builtDb());
  chips = await loadChips(db);
  ctx = await loadContext(db, chips);
});
after(() => db.close());

test('held-out chips and destinations: classified as the rule texts say', () => {
  const wrong: string[] = [];
  let checks = 0;
  for (const c of CASES) {
    const chip = chips.find((x) => x.id === c.chip);
    assert.ok(chip, `chip ${c.chip} is in the database`);
    const r = classify(ctx, chip, { rule: c.rule, date: c.date, destination: parseDestination(c.dest) })[0];
    assert.ok(r);
    const label = `${c.chip} / ${c.rule} / ${c.dest} / ${c.date} (${c.why})`;
    const expect = (name: string, got: unknown, want: unknown) => {
      checks++;
      if (got !== want) wrong.push(`${label}: ${name} ${String(got)} ≠ ${String(want)}; reason: ${r.reason}`);
    };
    expect('license_required', r.license_required, c.license);
    if (c.controlled !== undefined) expect('controlled', r.controlled, c.controlled);
    if (c.classification !== undefined) expect('classification', r.classification, c.classification);
    if (c.decider) expect(`decided_by ∋ ${c.decider}`, r.decided_by.includes(c.decider), true);
  }
  const accuracy = (checks - wrong.length) / checks;
  console.log(`held-out: ${CASES.length} cases, ${checks} checks, accuracy ${(accuracy * 100).toFixed(1)}%`);
  assert.deepEqual(wrong, []);
});
