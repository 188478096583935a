/**
 * @module
 * Chip specifications and what follows from them: Total Processing Performance (TPP = 2 × MacTOPS × bit
 * length, maximised over precisions, dense), performance density (PD = TPP / die area), TFLOPS per watt and
 * memory bandwidth per TFLOP. Pure functions; the database rows are converted in `chipFromRow`.
 */
import { z } from 'zod';
import type { Row } from '../data/schema.ts';

export const PRECISIONS = ['fp4', 'int4', 'fp8', 'int8', 'fp16', 'bf16', 'tf32', 'fp32', 'fp64'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Bit length of the operation: the largest bit length of the multiply's inputs. */
export const BIT_LENGTH: Record<Precision, number> = {
  fp4: 4,
  int4: 4,
  fp8: 8,
  int8: 8,
  fp16: 16,
  bf16: 16,
  tf32: 32,
  fp32: 32,
  fp64: 64,
};
/** TF32 multiplies 19-bit inputs held in 32-bit words; which the rule's 'bit length' means is not settled. */
export const TF32_BITS_LOW = 19;

/** One reading of a chip's throughput: the figures as dense, or as sparse (dense = half), TF32 at 32 or 19 bits. */
export interface World {
  label: string;
  tpp: number | null;
  precision: string | null;
  /** The uncertain input this reading resolves (null for the plain reading). */
  decides: string | null;
}

/** The readings of a chip's TPP that its inputs leave open; one when everything is stated. */
export function worlds(chip: Chip): World[] {
  const best = (tf32Bits: number) => {
    if (chip.tpp_given !== null) return { tpp: chip.tpp_given, precision: 'given' };
    let b: { tpp: number; precision: string } | null = null;
    for (const p of PRECISIONS) {
      const v = chip.dense[p];
      if (v === undefined) continue;
      const t = v * (p === 'tf32' ? tf32Bits : BIT_LENGTH[p]);
      if (b === null || t > b.tpp) b = { tpp: t, precision: p };
    }
    return b;
  };
  const hi = best(BIT_LENGTH.tf32);
  const out: World[] = [
    {
      label: chip.throughput_basis === 'unstated' ? 'figures read as dense' : 'as stated',
      tpp: hi?.tpp ?? null,
      precision: hi?.precision ?? null,
      decides: null,
    },
  ];
  const lo = best(TF32_BITS_LOW);
  if (hi && lo && lo.tpp !== hi.tpp)
    out.push({ label: 'TF32 counted at 19 bits', tpp: lo.tpp, precision: lo.precision, decides: 'tf32_bit_length' });
  if (hi && chip.throughput_basis === 'unstated') {
    out.push({
      label: 'figures read as sparse (dense = half)',
      tpp: hi.tpp / 2,
      precision: hi.precision,
      decides: 'throughput_basis',
    });
  }
  return out;
}

export interface Chip {
  id: string;
  name: string;
  vendor: string | null;
  country: string | null;
  datacenter: boolean | null;
  die_area_mm2: number | null;
  /** Dense (no sparsity) peak TFLOPS or TOPS by precision; datasheet values count a MAC as 2 operations. */
  dense: Partial<Record<Precision, number>>;
  interconnect_gbps_bidirectional: number | null;
  memory_gb: number | null;
  memory_bandwidth_tbps: number | null;
  tdp_w: number | null;
  /** A TPP given directly (overrides the computed one). */
  tpp_given: number | null;
  confidence: string;
  unconfirmed_fields: string[];
  sources: string[];
  /** Whether the throughput figures are dense: `dense`, `dense (halved …)` or `unstated`. */
  throughput_basis: string;
  release_date: string | null;
  /** Input rows of each dataset this chip comes from. */
  source_rows: string[];
}

/** The `--chips FILE` input: a chip that is not in the database. */
export const chipInput = z
  .object({
    name: z.string().min(1).max(200),
    datacenter: z.boolean(),
    die_area_mm2: z.number().positive().max(100000).optional(),
    dense_tflops: z.partialRecord(z.enum(PRECISIONS), z.number().nonnegative().max(1e7)).default({}),
    interconnect_gbps_bidirectional: z.number().nonnegative().max(1e7).optional(),
    memory_bandwidth_tbps: z.number().nonnegative().max(1e4).optional(),
    tdp_w: z.number().positive().max(1e5).optional(),
    tpp: z.number().nonnegative().max(1e9).optional(),
  })
  .strict()
  .refine(
    (c) => c.tpp !== undefined || Object.keys(c.dense_tflops).length > 0,
    'give dense_tflops for at least one precision, or tpp',
  );

export function chipFromInput(c: z.infer<typeof chipInput>): Chip {
  return {
    id: c.name,
    name: c.name,
    vendor: null,
    country: null,
    datacenter: c.datacenter,
    die_area_mm2: c.die_area_mm2 ?? null,
    dense: c.dense_tflops,
    interconnect_gbps_bidirectional: c.interconnect_gbps_bidirectional ?? null,
    memory_gb: null,
    memory_bandwidth_tbps: c.memory_bandwidth_tbps ?? null,
    tdp_w: c.tdp_w ?? null,
    tpp_given: c.tpp ?? null,
    confidence: 'user input',
    unconfirmed_fields: [],
    sources: ['user input'],
    throughput_basis: 'dense',
    release_date: null,
    source_rows: [],
  };
}

/** A row of the chips table, or part of one with its identity, status and sources (a test's chip). */
export type ChipRecord = Pick<Row<'chips'>, 'id' | 'name' | 'confidence' | 'unconfirmed_fields' | 'source_ids'> &
  Partial<Row<'chips'>>;

export function chipFromRow(r: ChipRecord): Chip {
  const dense: Partial<Record<Precision, number>> = {};
  const put = (p: Precision, v: number | null | undefined) => {
    if (v !== null && v !== undefined) dense[p] = v;
  };
  put('fp4', r.fp4_dense_tflops);
  put('fp8', r.fp8_dense_tflops);
  put('int8', r.int8_dense_tops);
  put('fp16', r.fp16_dense_tflops);
  put('bf16', r.bf16_dense_tflops);
  put('fp64', r.fp64_tflops);
  put('fp32', r.fp32_tflops);
  put('tf32', r.tf32_tflops);
  put('int4', r.int4_tops);
  const perPrecision = Object.keys(dense).length > 0;
  return {
    id: r.id,
    name: r.name,
    vendor: r.vendor ?? null,
    country: r.country ?? null,
    datacenter: r.datacenter ?? null,
    die_area_mm2: r.die_area_mm2 ?? null,
    dense,
    interconnect_gbps_bidirectional: r.interconnect_gbps_bidirectional ?? null,
    memory_gb: r.memory_gb ?? null,
    memory_bandwidth_tbps: r.memory_bandwidth_tbps ?? null,
    tdp_w: r.tdp_w ?? null,
    // A TPP the source states is used only when it gives no per-precision throughput (some Epoch rows).
    tpp_given: perPrecision ? null : (r.tpp_reported ?? null),
    confidence: r.confidence,
    unconfirmed_fields: r.unconfirmed_fields,
    sources: r.source_ids,
    // The fact sheet declares its units dense (no sparsity) and leaves the column empty.
    throughput_basis: r.throughput_basis ?? 'dense',
    release_date: r.release_date?.slice(0, 10) ?? null,
    source_rows: r.source_rows ?? [],
  };
}

/** TPP and the precision that gives it (the highest over supported bit lengths), or null with no throughput. */
export function tpp(chip: Chip): { tpp: number; precision: Precision | 'given' } | null {
  if (chip.tpp_given !== null) return { tpp: chip.tpp_given, precision: 'given' };
  let best: { tpp: number; precision: Precision } | null = null;
  for (const p of PRECISIONS) {
    const v = chip.dense[p];
    if (v === undefined) continue;
    const t = v * BIT_LENGTH[p];
    if (best === null || t > best.tpp) best = { tpp: t, precision: p };
  }
  return best;
}

export interface Derived {
  tpp: number | null;
  tpp_precision: string | null;
  pd: number | null;
  tflops_per_w: number | null;
  gbps_per_tflop: number | null;
}

/** Derived figures; null where an input is missing. BF16 (else FP16) is the training-precision reference. */
export function derive(chip: Chip): Derived {
  const t = tpp(chip);
  const ref = chip.dense.bf16 ?? chip.dense.fp16 ?? null;
  return {
    tpp: t?.tpp ?? null,
    tpp_precision: t?.precision ?? null,
    pd: t && chip.die_area_mm2 ? t.tpp / chip.die_area_mm2 : null,
    tflops_per_w: ref !== null && chip.tdp_w ? ref / chip.tdp_w : null,
    gbps_per_tflop: ref && chip.memory_bandwidth_tbps !== null ? (chip.memory_bandwidth_tbps * 1000) / ref : null,
  };
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Finds a chip by id, name or a distinctive part of its name ("H100", "Ascend 910C", "910c").
 * Throws with the candidates when the query is ambiguous or unknown.
 */
export function findChip(chips: readonly Chip[], query: string): Chip {
  const q = fold(query);
  const exact = chips.find((c) => fold(c.id) === q || fold(c.name) === q);
  if (exact) return exact;
  const words = q.split(' ').filter(Boolean);
  const hits = chips.filter((c) => {
    const hay = ` ${fold(c.id)} ${fold(c.name)} `;
    return words.every((w) => hay.includes(` ${w} `) || hay.includes(` ${w}`));
  });
  // Prefer whole words ("H20" also starts "H200"), and the id over the name (the H800's name mentions the H100).
  const whole = hits.filter((c) => words.every((w) => ` ${fold(c.id)} ${fold(c.name)} `.includes(` ${w} `)));
  const inId = whole.filter((c) => words.every((w) => ` ${fold(c.id)} `.includes(` ${w} `)));
  // Several parts of one family ("H100": SXM, PCIe, NVL): the hand-sourced fact sheet holds the reference part.
  const isReference = (c: Chip) => c.source_rows.length === 0 && c.confidence !== 'user input';
  for (const level of [inId, whole]) {
    if (level.length === 1) return level[0] as Chip;
    const ref = level.filter(isReference);
    if (ref.length === 1) return ref[0] as Chip;
  }
  const pick = inId.length ? inId : whole.length ? whole : hits;
  if (pick.length === 1) return pick[0] as Chip;
  if (pick.length === 0) throw new Error(`no chip matches "${query}" (known: ${chips.map((c) => c.id).join(', ')})`);
  throw new Error(`"${query}" matches several chips: ${pick.map((c) => c.id).join(', ')}`);
}
