/**
 * @module
 * Compute: chips and systems from the database, their derived figures, system aggregates reconciled with
 * the published ones, chip comparisons, and the export-control context for classification.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readCurated } from '../data/curated.ts';
import { ruleDetail, systemDetail } from '../data/details.ts';
import { tables } from '../data/schema.ts';
import { jsonText, type Db } from '../store/db.ts';
import { chipFromRow, derive, findChip, type Chip, type Derived } from './chips.ts';
import type { Context, RuleRecord } from './classify.ts';
import { logicSchema, type Logic } from './rules.ts';

/** The curated rule logic shipped with the project (data/curated/export_controls.json). */
export const DEFAULT_CURATED = join(import.meta.dirname, '..', '..', 'data', 'curated');

export function loadLogic(curatedDir: string = DEFAULT_CURATED): Logic {
  // The rule logic's own schema: stricter than the file check in src/data/curated.ts.
  return readCurated(join(curatedDir, 'export_controls.json'), logicSchema);
}

export async function loadChips(db: Db): Promise<Chip[]> {
  return (await db.rows(tables.chips, 'SELECT * FROM chips ORDER BY vendor, id')).map(chipFromRow);
}

const R = tables.rules.shape;
const ruleRow = z.object({
  id: R.id,
  title: R.title,
  citation: R.citation,
  effective: R.effective,
  superseded_by: R.superseded_by,
  rescinded: R.rescinded,
  verification: R.verification,
  detail: jsonText(ruleDetail),
  source_ids: R.source_ids,
});

const systemRow = tables.systems.extend({ detail_json: jsonText(systemDetail) });

/** Reported figures as the table holds them: attributed statements about a chip or system. */
export type ReportedFigure = z.output<typeof tables.reported_figures>;

export async function loadContext(db: Db, chips: readonly Chip[], curatedDir?: string): Promise<Context> {
  const rules: RuleRecord[] = await db.rows(
    ruleRow,
    `SELECT id, title, citation, CAST(effective AS VARCHAR) AS effective, superseded_by, rescinded, verification,
            detail_json AS detail, source_ids FROM rules`,
  );
  const cg = rules.find((r) => r.id.startsWith('country-groups'))?.detail.country_groups;
  const groups: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(cg ?? {}))
    if (Array.isArray(v)) groups[k] = v.filter((x): x is string => typeof x === 'string');
  return { rules, logic: loadLogic(curatedDir), groups, groupsAsOf: cg?.as_of ?? '2026-07-23', chips };
}

/** Chips' notes (caveats on their figures), by chip id. */
export async function chipNotes(db: Db): Promise<Map<string, string>> {
  const rows = await db.rows(
    z.object({ id: z.string(), notes: z.string() }),
    'SELECT id, notes FROM chips WHERE notes IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.id, r.notes]));
}

export interface ChipRow extends Derived {
  id: string;
  name: string;
  vendor: string | null;
  country: string | null;
  datacenter: boolean | null;
  bf16_tflops: number | null;
  memory_gb: number | null;
  memory_bandwidth_tbps: number | null;
  interconnect_gbps: number | null;
  tdp_w: number | null;
  die_area_mm2: number | null;
  confidence: string;
  unconfirmed_fields: string[];
  sources: string[];
}

export function chipRow(c: Chip): ChipRow {
  return {
    id: c.id,
    name: c.name,
    vendor: c.vendor,
    country: c.country,
    datacenter: c.datacenter,
    bf16_tflops: c.dense.bf16 ?? c.dense.fp16 ?? null,
    memory_gb: c.memory_gb,
    memory_bandwidth_tbps: c.memory_bandwidth_tbps,
    interconnect_gbps: c.interconnect_gbps_bidirectional,
    tdp_w: c.tdp_w,
    die_area_mm2: c.die_area_mm2,
    ...derive(c),
    confidence: c.confidence,
    unconfirmed_fields: c.unconfirmed_fields,
    sources: c.sources,
  };
}

export interface SystemCheck {
  system: string;
  name: string;
  accelerator_chip: string;
  chips_per_system: number;
  figures: {
    figure: string;
    unit: string;
    computed: number | null;
    published: number | null;
    ratio: number | null;
    agrees: boolean | null;
    note: string;
  }[];
  sources: string[];
}

/** Published and computed agree within this relative difference. */
export const TOLERANCE = 0.05;

const tokens = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 1),
  );

/** The chip a system is built from: the one whose name shares the most words with the system's accelerator. */
export function acceleratorOf(chips: readonly Chip[], accelerator: string): Chip | null {
  const want = tokens(accelerator);
  let best: Chip | null = null;
  let score = 0;
  for (const c of chips) {
    const s = [...tokens(`${c.id} ${c.name}`)].filter((t) => want.has(t)).length;
    if (s > score) {
      best = c;
      score = s;
    }
  }
  return best;
}

export async function systemChecks(db: Db, chips: readonly Chip[]): Promise<SystemCheck[]> {
  const rows = await db.rows(systemRow, 'SELECT * FROM systems ORDER BY id');
  return rows.map((r) => {
    const n = r.chips_per_system;
    const chip = acceleratorOf(chips, r.accelerator);
    const per = (v: number | null | undefined, scale: number) =>
      v === null || v === undefined || chip === null ? null : (v * n) / scale;
    const f = (figure: string, unit: string, computed: number | null, published: unknown, note: string) => {
      const pub = published === null || published === undefined ? null : Number(published);
      const ratio = computed !== null && pub !== null && pub !== 0 ? computed / pub : null;
      return {
        figure,
        unit,
        computed,
        published: pub,
        ratio,
        agrees: ratio === null ? null : Math.abs(ratio - 1) <= TOLERANCE,
        note,
      };
    };
    const unconfirmed = chip?.unconfirmed_fields ?? [];
    return {
      system: r.id,
      name: r.name,
      accelerator_chip: chip?.id ?? 'not in the chip table',
      chips_per_system: n,
      figures: [
        f(
          'bf16_dense',
          'PFLOPS',
          per(chip?.dense.bf16 ?? chip?.dense.fp16, 1000),
          r.bf16_dense_pflops,
          `${n} × ${chip?.dense.bf16 ?? chip?.dense.fp16 ?? '?'} TFLOPS`,
        ),
        f('hbm_capacity', 'TB', per(chip?.memory_gb, 1000), r.hbm_capacity_tb, `${n} × ${chip?.memory_gb ?? '?'} GB`),
        f(
          'hbm_bandwidth',
          'TB/s',
          per(chip?.memory_bandwidth_tbps, 1),
          r.hbm_bandwidth_tbps,
          `${n} × ${chip?.memory_bandwidth_tbps ?? '?'} TB/s`,
        ),
        f(
          'accelerator_power',
          'kW',
          per(chip?.tdp_w, 1000),
          r.power_kw,
          `${n} × ${chip?.tdp_w ?? '?'} W${unconfirmed.includes('tdp_w') ? ' (chip TDP unconfirmed)' : ''}; the published figure is all-in system power (CPUs, network, optics, cooling), so a lower computed value is expected`,
        ),
      ],
      sources: [...new Set([...r.source_ids, ...(chip?.sources ?? [])])],
    };
  });
}

export interface Comparison {
  a: string;
  b: string;
  rows: { figure: string; a: number | null; b: number | null; ratio: number | null; unconfirmed: boolean }[];
  sources: string[];
}

export function compareChips(a: Chip, b: Chip): Comparison {
  const da = chipRow(a);
  const db = chipRow(b);
  const figs: [string, keyof ChipRow, string][] = [
    ['BF16 dense TFLOPS', 'bf16_tflops', 'bf16_dense_tflops'],
    ['TPP', 'tpp', 'fp8_dense_tflops'],
    ['memory GB', 'memory_gb', 'memory_gb'],
    ['memory bandwidth TB/s', 'memory_bandwidth_tbps', 'memory_bandwidth_tbps'],
    ['interconnect GB/s', 'interconnect_gbps', 'interconnect_gbps_bidirectional'],
    ['TDP W', 'tdp_w', 'tdp_w'],
    ['TFLOPS per W', 'tflops_per_w', 'tdp_w'],
    ['GB/s per TFLOP', 'gbps_per_tflop', 'memory_bandwidth_tbps'],
  ];
  return {
    a: a.name,
    b: b.name,
    rows: figs.map(([figure, key, field]) => {
      const x = da[key] as number | null;
      const y = db[key] as number | null;
      return {
        figure,
        a: x,
        b: y,
        ratio: x !== null && y !== null && y !== 0 ? x / y : null,
        unconfirmed:
          a.unconfirmed_fields.includes(field) ||
          b.unconfirmed_fields.includes(field) ||
          a.confidence === 'unconfirmed' ||
          b.confidence === 'unconfirmed',
      };
    }),
    sources: [...new Set([...a.sources, ...b.sources])],
  };
}

/** How many of `chip` match a system on each aggregate the system publishes. */
export async function matchSystem(
  db: Db,
  chips: readonly Chip[],
  chipQuery: string,
  systemQuery: string,
): Promise<{
  chip: string;
  system: string;
  rows: { figure: string; system_total: number; per_chip: number | null; chips_needed: number | null }[];
  sources: string[];
}> {
  const chip = findChip(chips, chipQuery);
  const systems = await db.rows(systemRow, 'SELECT * FROM systems');
  const q = systemQuery.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const sys = systems.find((s) =>
    `${s.id}${s.name}`
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .includes(q),
  );
  if (!sys) throw new Error(`no system matches "${systemQuery}" (known: ${systems.map((s) => s.id).join(', ')})`);
  const rows: { figure: string; system_total: number; per_chip: number | null; chips_needed: number | null }[] = [];
  const add = (figure: string, t: number | null, per: number | null | undefined) => {
    if (t === null) return;
    rows.push({ figure, system_total: t, per_chip: per ?? null, chips_needed: per ? Math.ceil(t / per) : null });
  };
  add('BF16 dense PFLOPS', sys.bf16_dense_pflops, (chip.dense.bf16 ?? chip.dense.fp16 ?? 0) / 1000 || null);
  add('HBM TB', sys.hbm_capacity_tb, chip.memory_gb === null ? null : chip.memory_gb / 1000);
  add('HBM bandwidth TB/s', sys.hbm_bandwidth_tbps, chip.memory_bandwidth_tbps);
  return {
    chip: chip.name,
    system: sys.name,
    rows,
    sources: [...new Set([...chip.sources, ...sys.source_ids])],
  };
}

/** Reported figures about a chip or system (attributed statements, such as "60% of H100"). */
export async function reportedFor(db: Db, subject: string): Promise<ReportedFigure[]> {
  return db.rows(
    tables.reported_figures,
    'SELECT * FROM reported_figures WHERE subject = $1 OR versus = $1 ORDER BY id',
    [subject],
  );
}

export { findChip };

export interface SystemsReport {
  systems: SystemCheck[];
  comparison: {
    a: string | null;
    b: string | null;
    rows: {
      figure: string;
      computed_from_chips: number | null;
      from_published_systems: number | null;
      reported: number | null;
    }[];
    sources: string[];
  };
  tolerance: number;
}

/** Systems reconciled with their chips, and the published CloudMatrix 384 / GB200 NVL72 ratios against both. */
export async function systemsReport(db: Db, chips: readonly Chip[]): Promise<SystemsReport> {
  const checks = await systemChecks(db, chips);
  const reported = await db.rows(
    tables.reported_figures,
    `SELECT * FROM reported_figures WHERE versus IS NOT NULL AND unit = 'ratio' AND subject LIKE '%cloudmatrix%'`,
  );
  const [cm, nvl] = [
    checks.find((c) => c.system.includes('cloudmatrix')),
    checks.find((c) => c.system.includes('nvl72')),
  ];
  const byFig = (c: SystemCheck | undefined, f: string, k: 'computed' | 'published') =>
    c?.figures.find((x) => x.figure === f)?.[k] ?? null;
  const ratio = (f: string, k: 'computed' | 'published') => {
    const x = byFig(cm, f, k);
    const y = byFig(nvl, f, k);
    return x !== null && y !== null && y !== 0 ? x / y : null;
  };
  const rep = (metric: string) => reported.find((x) => x.metric === metric)?.value ?? null;
  const pairs: [string, string][] = [
    ['bf16_pflops', 'bf16_dense'],
    ['hbm_capacity', 'hbm_capacity'],
    ['hbm_bandwidth', 'hbm_bandwidth'],
    ['system_power', 'accelerator_power'],
  ];
  const rows =
    cm && nvl
      ? [
          ...pairs.map(([r, fig]) => ({
            figure: r,
            computed_from_chips: ratio(fig, 'computed'),
            from_published_systems: ratio(fig, 'published'),
            reported: rep(r),
          })),
          {
            figure: 'accelerators',
            computed_from_chips: cm.chips_per_system / nvl.chips_per_system,
            from_published_systems: cm.chips_per_system / nvl.chips_per_system,
            reported: rep('accelerators'),
          },
        ]
      : [];
  const sources = [...new Set(reported.flatMap((x) => x.source_ids))];
  return {
    systems: checks,
    comparison: { a: cm?.system ?? null, b: nvl?.system ?? null, rows, sources },
    tolerance: TOLERANCE,
  };
}

/** Two chips side by side with what sources report about either. */
export async function compareReport(
  db: Db,
  chips: readonly Chip[],
  a: string,
  b: string,
): Promise<Comparison & { reported: ReportedFigure[] }> {
  const ca = findChip(chips, a);
  const cb = findChip(chips, b);
  const reported = [...(await reportedFor(db, ca.id)), ...(await reportedFor(db, cb.id))].filter(
    (x, i, xs) => xs.findIndex((y) => y.id === x.id) === i,
  );
  return { ...compareChips(ca, cb), reported };
}
