/**
 * @module
 * Accelerator datasets (`hardware/`): Epoch AI's Machine Learning Hardware table becomes chips, reconciled with
 * the hand-sourced fact sheet (`facts/chips.json`): a chip the sheet has keeps the sheet's figures, and each
 * Epoch figure for it is kept as a reported figure marked agrees / disagrees / adds. MIT LAICS
 * (areuther/ai-accelerators) is a cross-check only: its peak figure per product is compared, never imported
 * as a specification. Missing inputs stay null; whether throughput is dense is recorded per chip.
 */
import type { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { chipIdentityFile, readCurated } from '../curated.ts';
import type { Row } from '../schema.ts';
import {
  at,
  emptyOutput,
  part,
  readCsv,
  readJson,
  repoSource,
  toDate,
  toNumber,
  type ImportOutput,
  type Importer,
} from './common.ts';

const EPOCH = 'epoch_ml_hardware';
const LAICS = 'areuther__ai-accelerators';
const EPOCH_SOURCE = 'epoch-ml-hardware';
const LAICS_SOURCE = 'laics-peak-accelerators-2023';
/** Relative difference under which two figures for one chip agree (rounding of datasheet figures). */
export const AGREE_WITHIN = 0.01;
/** LAICS quotes one peak per product, often rounded or at another board's clocks: a looser bound. */
export const LAICS_AGREE_WITHIN = 0.05;

/** Headquarters country of each manufacturer named in the Epoch file (the vendors' own legal seats). */
const VENDOR_COUNTRY: Record<string, string> = {
  NVIDIA: 'US',
  AMD: 'US',
  Google: 'US',
  Intel: 'US',
  'Amazon AWS': 'US',
  Meta: 'US',
  Microsoft: 'US',
  Tesla: 'US',
  Groq: 'US',
  Huawei: 'CN',
  Cambricon: 'CN',
  'Kunlunxin Baidu': 'CN',
  MetaX: 'CN',
  'Iluvatar CoreX': 'CN',
  'Moore Threads (Tencent)': 'CN',
  'National University of Defense Technology': 'CN',
  Sunway: 'CN',
  Biren: 'CN',
  Hygon: 'CN',
  Alibaba: 'CN',
  PEZY: 'JP',
};
const VENDOR_ORG: Record<string, string> = {
  NVIDIA: 'nvidia',
  AMD: 'amd',
  Google: 'google',
  Intel: 'intel',
  'Amazon AWS': 'amazon',
  Meta: 'meta',
  Microsoft: 'microsoft',
  Huawei: 'huawei',
  Cambricon: 'cambricon',
  'Kunlunxin Baidu': 'kunlun',
  Alibaba: 'alibaba',
  Hygon: 'hygon',
  Biren: 'biren',
  'Moore Threads (Tencent)': 'moorethreads',
};

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/(\d)\s+(gb|tb|w)\b/g, '$1$2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Consumer and embedded lines are not designed or marketed for datacenters; workstation lines are left open. */
export function datacenterOf(name: string): { value: boolean | null; basis: string } {
  if (/geforce|radeon rx|\btitan\b|jetson|drive agx/i.test(name))
    return { value: false, basis: 'a consumer or embedded product line' };
  if (/quadro|\brtx a\d|\brtx \d{4} ada|radeon pro|workstation/i.test(name)) {
    return {
      value: null,
      basis: 'a workstation line: whether it is designed or marketed for datacenters is not in the data',
    };
  }
  return {
    value: true,
    basis: 'listed as a machine-learning accelerator, not a consumer or workstation line (assumed)',
  };
}

export function throughputBasis(notes: string): string {
  if (/divide performance by 2 to convert it from performance over sparse/i.test(notes))
    return 'dense (halved from sparse by the source)';
  if (/without sparsity|dense \(no sparsity\)/i.test(notes)) return 'dense';
  return 'unstated';
}

interface FactChip {
  id: string;
  name: string;
  bf16_dense_tflops?: number | null;
  fp16_dense_tflops?: number | null;
  fp8_dense_tflops?: number | null;
  int8_dense_tops?: number | null;
  memory_gb?: number | null;
  memory_bandwidth_tbps?: number | null;
  interconnect_gbps_bidirectional?: number | null;
  tdp_w?: number | null;
  die_area_mm2?: number | null;
}

type Identity = z.output<typeof chipIdentityFile>['epoch_ml_hardware'][number];

/** Curated exceptions to name equality (data/curated/chip_identity.json, next to the other curated tables). */
function identities(): { epoch: Identity[]; laics: Identity[] } {
  const doc = readCurated(
    fileURLToPath(new URL('../../../data/curated/chip_identity.json', import.meta.url)),
    chipIdentityFile,
  );
  return { epoch: doc.epoch_ml_hardware, laics: doc.areuther_ai_accelerators };
}

const scale = (v: string | undefined, by: number) => {
  const n = toNumber(v ?? null);
  return n === null ? null : Number((n / by).toPrecision(12));
};

/** The figures compared between Epoch and the fact sheet, by chips-table column. */
type Compared =
  | 'bf16_dense_tflops'
  | 'fp8_dense_tflops'
  | 'int8_dense_tops'
  | 'memory_gb'
  | 'memory_bandwidth_tbps'
  | 'interconnect_gbps_bidirectional'
  | 'tdp_w'
  | 'die_area_mm2';
const COMPARED: Compared[] = [
  'bf16_dense_tflops',
  'fp8_dense_tflops',
  'int8_dense_tops',
  'memory_gb',
  'memory_bandwidth_tbps',
  'interconnect_gbps_bidirectional',
  'tdp_w',
  'die_area_mm2',
];
const UNIT: Record<string, string> = {
  bf16_dense_tflops: 'TFLOPS',
  fp8_dense_tflops: 'TFLOPS',
  int8_dense_tops: 'TOPS',
  memory_gb: 'GB',
  memory_bandwidth_tbps: 'TB/s',
  interconnect_gbps_bidirectional: 'GB/s',
  tdp_w: 'W',
  die_area_mm2: 'mm²',
  tpp: 'TPP',
};

export const hardware: Importer = {
  name: 'hardware',
  origin: 'hardware',
  run(root) {
    const out: ImportOutput = emptyOutput();
    const dir = at(root, this.name);
    out.sources.push(
      repoSource({
        id: EPOCH_SOURCE,
        title: 'Epoch AI, Data on Machine Learning Hardware (ml_hardware.csv, export of about 2026-04)',
        publisher: 'Epoch AI',
        repo: 'natepaulo43-oss/Capstone-AI-Capex-Wall',
        commit: 'efc5e00199e325df2a3832947e1a20c3dc25e5d7',
        path: 'data/ml_hardware.csv',
        published: '2026-03-31',
        retrieved: '2026-11-25',
        license: 'CC BY 4.0 (Epoch AI)',
        notes:
          'Byte-identical vendored copy of https://epoch.ai/data/ml_hardware.csv (sha256 30acd66b…); see shared/data/hardware/epoch_ml_hardware/PROVENANCE.md.',
      }),
    );
    out.sources.push(
      repoSource({
        id: LAICS_SOURCE,
        title: 'MIT Lincoln Laboratory AI Computing Survey, peak accelerators (IEEE HPEC 2023)',
        publisher: 'MIT Lincoln Laboratory (A. Reuther et al.)',
        repo: 'areuther/ai-accelerators',
        commit: '82ec8006cc8dad073c88d3f9b9149ac64b7a8647',
        path: 'peak_accelerators_ieee_hpec_2023.csv',
        published: '2023-09-25',
        retrieved: '2026-11-25',
        license: 'attribution required (doi:10.1109/HPEC58863.2023.10363568); redistribution terms unstated',
        notes: 'Cross-check only: one peak figure per product at one precision.',
      }),
    );

    const facts = (readJson(at(root, 'facts', 'chips.json')) as { records: FactChip[] }).records;
    const factById = new Map(facts.map((f) => [f.id, f]));
    const ids = identities();
    const epochRows = readCsv(at(dir, EPOCH, 'ml_hardware.csv'));
    const chips: Row<'chips'>[] = [];
    const figures: Row<'reported_figures'>[] = [];
    const matched: string[] = [];
    const taken = new Set(facts.map((f) => f.id));

    epochRows.forEach((r, i) => {
      const name = (r['Hardware name'] ?? '').trim();
      const ref = `${EPOCH}#row ${i + 1} (${name})`;
      const notes = r['Notes'] ?? '';
      const rawVendor = (r['Manufacturer'] ?? '').trim();
      const vendor = rawVendor || (/^groq/i.test(name) ? 'Groq' : 'unknown');
      const bf16 = scale(r['Tensor-FP16/BF16 performance (FLOP/s)'], 1e12);
      const row: Row<'chips'> = {
        id: slug(name),
        name,
        vendor,
        organization_id: VENDOR_ORG[vendor] ?? null,
        country: VENDOR_COUNTRY[vendor] ?? 'unknown',
        release_year: toDate(r['Release date'])?.slice(0, 4) ? Number(toDate(r['Release date'])?.slice(0, 4)) : null,
        architecture: null,
        process: r['Process size (nm)'] ? `${r['Process size (nm)']} nm` : null,
        fp64_tflops: scale(r['FP64 (double precision) performance (FLOP/s)'], 1e12),
        bf16_dense_tflops: bf16,
        fp16_dense_tflops: scale(r['FP16 (half precision) performance (FLOP/s)'], 1e12),
        fp8_dense_tflops: scale(r['FP8 performance (FLOP/s)'], 1e12),
        fp4_dense_tflops: scale(r['FP4 performance (FLOP/s)'], 1e12),
        int8_dense_tops: scale(r['INT8 performance (OP/s)'], 1e12),
        memory_gb: scale(r['Memory (bytes)'], 1e9),
        memory_type: null,
        memory_bandwidth_tbps: scale(r['Memory bandwidth (byte/s)'], 1e12),
        interconnect_gbps_bidirectional: scale(r['Intranode bandwidth (byte/s)'], 1e9),
        interconnect_name: null,
        tdp_w: toNumber(r['TDP (W)'] ?? null),
        die_area_mm2: toNumber(r['Die Size (mm^2)'] ?? null),
        transistors_billion: scale(r['Transistors (millions)'], 1e3),
        datacenter: null,
        confidence: 'secondary (Epoch AI compilation)',
        unconfirmed_fields: [],
        notes: null,
        source_ids: [EPOCH_SOURCE],
        source_id: EPOCH_SOURCE,
        release_date: toDate(r['Release date']),
        fp32_tflops: scale(r['FP32 (single precision) performance (FLOP/s)'], 1e12),
        tf32_tflops: scale(r['TF32 (TensorFloat-32) performance (FLOP/s)'], 1e12),
        int4_tops: scale(r['INT4 performance (OP/s)'], 1e12),
        tpp_reported: scale(r['Total processing performance (bit-OP/s)'], 1e12),
        throughput_basis: throughputBasis(notes),
        source_rows: [ref],
      };
      const dc = datacenterOf(name);
      row.datacenter = dc.value;
      const unconfirmed = ['datacenter'];
      // Epoch's die size is one figure per row; the rule's 'applicable die area' sums every non-planar logic die.
      if (row.die_area_mm2 !== null) unconfirmed.push('die_area_mm2');
      if (row.throughput_basis === 'unstated') unconfirmed.push('throughput_basis');
      row.unconfirmed_fields = unconfirmed;
      row.notes = [
        `datacenter: ${dc.basis}.`,
        row.die_area_mm2 !== null
          ? 'Die size as Epoch gives it (may be one die of a multi-die package; the rule sums all non-planar logic dies).'
          : null,
        rawVendor ? null : 'Manufacturer blank in the source; vendor taken from the product name.',
        notes ? `Epoch notes: ${notes.replace(/\s+/g, ' ').trim().slice(0, 600)}` : null,
      ]
        .filter(Boolean)
        .join(' ');

      const fact = factFor(name, ids.epoch, facts);
      if (fact) {
        matched.push(`${fact.id} = ${name}`);
        figures.push(...reconcile(fact, row, ref));
        return;
      }
      let id = row.id;
      for (let k = 2; taken.has(id); k++) id = `${row.id}-${k}`;
      taken.add(id);
      chips.push({ ...row, id });
    });

    // Epoch's own TPP column against 2 × MacTOPS × bit length from its per-precision figures: listed where they differ.
    for (const c of chips) {
      const computed = maxTpp(c);
      if (computed === null || c.tpp_reported === null || c.tpp_reported === undefined) continue;
      const rel = Math.abs(computed - c.tpp_reported) / Math.max(computed, c.tpp_reported);
      if (rel <= AGREE_WITHIN) continue;
      figures.push({
        id: `epoch-tpp:${c.id}`,
        subject: c.id,
        versus: null,
        metric: 'tpp',
        value: c.tpp_reported,
        unit: 'TPP',
        statement: `Epoch's TPP column gives ${c.tpp_reported} for ${c.name}; its per-precision figures give ${round(computed)} (max over precisions of TOPS × bit length)`,
        status: `disagrees within the source (${(rel * 100).toFixed(1)}%)`,
        details: (c.source_rows ?? []).join('; '),
        date: null,
        source_ids: [EPOCH_SOURCE],
        source_id: EPOCH_SOURCE,
      });
    }

    const laics = laicsCrossCheck(
      at(dir, LAICS, 'peak_accelerators_ieee_hpec_2023.csv'),
      ids.laics,
      [
        ...facts.map((f) => ({
          id: f.id,
          name: f.name,
          bf16: f.bf16_dense_tflops ?? f.fp16_dense_tflops ?? null,
          int8: f.int8_dense_tops ?? null,
          fp32: null,
        })),
        ...chips.map((c) => ({
          id: c.id,
          name: c.name,
          bf16: c.bf16_dense_tflops ?? c.fp16_dense_tflops,
          int8: c.int8_dense_tops,
          fp32: c.fp32_tflops ?? null,
        })),
      ],
      factById,
    );
    const disagreements = figures.filter((f) => f.status.startsWith('disagrees')).length;
    out.parts.push(
      part(
        'chips',
        EPOCH_SOURCE,
        'Accelerators from Epoch AI\u2019s Machine Learning Hardware data (not in the fact sheet)',
        EPOCH_SOURCE,
        chips,
        `${epochRows.length} Epoch rows: ${chips.length} imported as chips, ${matched.length} matched to fact-sheet chips, which keep the sheet's figures ` +
          `(${matched.join('; ')}). Throughput basis per chip (dense / unstated); datacenter inferred from the product line and flagged unconfirmed.`,
      ),
    );
    out.parts.push(
      part(
        'reported_figures',
        'epoch-vs-facts',
        'Epoch AI figures for fact-sheet chips, and Epoch TPP checks',
        EPOCH_SOURCE,
        figures,
        `Reconciliation: ${disagreements} disagreement(s) beyond ${AGREE_WITHIN * 100}% between Epoch and the fact sheet or within Epoch; status says agrees / disagrees / adds.`,
      ),
    );
    out.parts.push(
      part(
        'reported_figures',
        'laics-crosscheck',
        'MIT LAICS peak figures compared with the chips table (cross-check only)',
        LAICS_SOURCE,
        laics.rows,
        `${laics.rows.length} LAICS products matched to a chip, ${laics.unmatched} not matched (of ${laics.total} chip/card rows); agreement within ${LAICS_AGREE_WITHIN * 100}%.`,
      ),
    );
    if (laics.unmatched)
      out.skipped.push({
        dataset: LAICS,
        reason: 'LAICS chip/card rows with no chip of the same name in the chips table (cross-check only)',
        count: laics.unmatched,
      });
    return out;
  },
};

const round = (x: number) => Number(x.toPrecision(6));
type NumKey =
  | 'fp4_dense_tflops'
  | 'int4_tops'
  | 'fp8_dense_tflops'
  | 'int8_dense_tops'
  | 'bf16_dense_tflops'
  | 'fp16_dense_tflops'
  | 'tf32_tflops'
  | 'fp32_tflops'
  | 'fp64_tflops';

const BITS: [NumKey, number][] = [
  ['fp4_dense_tflops', 4],
  ['int4_tops', 4],
  ['fp8_dense_tflops', 8],
  ['int8_dense_tops', 8],
  ['bf16_dense_tflops', 16],
  ['fp16_dense_tflops', 16],
  ['tf32_tflops', 32],
  ['fp32_tflops', 32],
  ['fp64_tflops', 64],
];

function maxTpp(c: Row<'chips'>): number | null {
  let best: number | null = null;
  for (const [k, bits] of BITS) {
    const v = c[k];
    if (typeof v === 'number' && (best === null || v * bits > best)) best = v * bits;
  }
  return best;
}

function factFor(name: string, overrides: Identity[], facts: FactChip[]): FactChip | undefined {
  const o = overrides.find((x) => x.name === name);
  if (o) return facts.find((f) => f.id === o.fact_id);
  return facts.find((f) => fold(f.name) === fold(name));
}

function reconcile(fact: FactChip, epoch: Row<'chips'>, ref: string): Row<'reported_figures'>[] {
  const rows: Row<'reported_figures'>[] = [];
  for (const k of COMPARED) {
    const e = epoch[k] as number | null;
    if (e === null || e === undefined) continue;
    const f: number | null =
      (k === 'bf16_dense_tflops' ? (fact.bf16_dense_tflops ?? fact.fp16_dense_tflops) : fact[k]) ?? null;
    const rel = f === null ? null : Math.abs(e - f) / Math.max(Math.abs(e), Math.abs(f), 1e-12);
    const status =
      f === null
        ? 'adds: the fact sheet has no figure (not used; the sheet is kept)'
        : rel !== null && rel <= AGREE_WITHIN
          ? 'agrees with the fact sheet'
          : `disagrees with the fact sheet (${((rel ?? 0) * 100).toFixed(1)}%)`;
    rows.push({
      id: `epoch:${fact.id}:${k}`,
      subject: fact.id,
      versus: null,
      metric: k,
      value: e,
      unit: UNIT[k] ?? '',
      statement: `Epoch AI gives ${fact.name} ${k.replace(/_/g, ' ')} = ${e} ${UNIT[k] ?? ''}; the fact sheet gives ${f ?? 'nothing'}`,
      status,
      details: ref,
      date: null,
      source_ids: [EPOCH_SOURCE],
      source_id: EPOCH_SOURCE,
    });
  }
  return rows;
}

interface Target {
  id: string;
  name: string;
  bf16: number | null;
  int8: number | null;
  fp32: number | null;
}

const modelWords = (s: string) =>
  fold(s)
    .split(' ')
    .filter((w) => /\d/.test(w))
    .sort()
    .join(' ');

/** The one chip of the same vendor whose model words (those with digits: "v100", "910") are the product's. */
function byModel(targets: Target[], company: string, product: string): Target | undefined {
  const want = modelWords(product);
  const vendor = fold(company).split(' ')[0] ?? '';
  if (!want) return undefined;
  const hits = targets.filter((x) => fold(x.name).split(' ')[0] === vendor && modelWords(x.name) === want);
  return hits.length === 1 ? hits[0] : undefined;
}

function laicsCrossCheck(
  path: string,
  overrides: Identity[],
  targets: Target[],
  facts: Map<string, FactChip>,
): { rows: Row<'reported_figures'>[]; unmatched: number; total: number } {
  const rows: Row<'reported_figures'>[] = [];
  let unmatched = 0;
  let total = 0;
  readCsv(path).forEach((r, i) => {
    if ((r['FormFactor'] ?? '') === 'System') return;
    total++;
    const product = (r['Product'] ?? '').trim();
    const company = (r['Company'] ?? '').trim();
    const o = overrides.find((x) => x.name === product);
    const want = [fold(`${company} ${product}`), fold(`${company.split(' ')[0]} ${product}`)];
    const t = o
      ? targets.find((x) => x.id === o.fact_id)
      : (targets.find((x) => want.includes(fold(x.name))) ?? byModel(targets, company, product));
    if (!t) {
      unmatched++;
      return;
    }
    const precision = (r['Precision'] ?? '').toLowerCase();
    const peak = scale(r['PeakPerformance'], 1e12);
    const ours =
      precision === 'int8' ? t.int8 : /^(fp16|bf16)/.test(precision) ? t.bf16 : precision === 'fp32' ? t.fp32 : null;
    if (peak === null) return;
    const rel = ours === null ? null : Math.abs(peak - ours) / Math.max(peak, ours);
    rows.push({
      id: `laics:${i + 1}:${t.id}:${precision}`,
      subject: t.id,
      versus: null,
      metric: `peak_${precision}`,
      value: peak,
      unit: precision === 'int8' ? 'TOPS' : 'TFLOPS',
      statement: `LAICS gives ${company} ${product} a peak of ${peak} ${precision}; the chips table has ${ours ?? 'no figure'}${facts.has(t.id) ? ' (fact sheet)' : ' (Epoch)'}`,
      status:
        rel === null
          ? 'no figure to compare'
          : rel <= LAICS_AGREE_WITHIN
            ? 'cross-check agrees'
            : `cross-check disagrees (${(rel * 100).toFixed(1)}%; LAICS may quote sparse or another board)`,
      details: `${LAICS}#row ${i + 1} (${product})`,
      date: null,
      source_ids: [LAICS_SOURCE],
      source_id: LAICS_SOURCE,
    });
  });
  return { rows, unmatched, total };
}
