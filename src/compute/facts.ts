/**
 * @module
 * The compute capability's checkable facts: chip specifications with the derived figures the classifier
 * uses (TPP, PD, TFLOPS per watt, src/compute/chips.ts) and the ratio of each between chips; system
 * aggregates and their ratios; rule thresholds and dates; figures reported by other sources (Epoch AI,
 * LAICS, attributed comparisons), each with the status the reconciliation gave it.
 */
import { z } from 'zod';
import { ruleDetail } from '../data/details.ts';
import { tables, type Row } from '../data/schema.ts';
import type { Deps, Fact } from '../ops/operation.ts';
import { jsonText } from '../store/db.ts';
import { allRatios, withRatios } from '../facts/derived.ts';
import { chipFromRow, derive, type ChipRecord } from './chips.ts';
import { parseNumber } from '../claims/quantities.ts';

/**
 * The chips' figures as a ratio group: the ratio of each figure between two chips is derived when a claim asks
 * for it (src/facts/derived.ts), not listed (n² facts, nearly all never asked for).
 */
export async function chipFactsOf(deps: Deps): Promise<Fact[]> {
  return withRatios(chipSpecFacts(await (await deps.db()).rows(tables.chips, 'SELECT * FROM chips')), 'chip');
}

/** The systems' aggregates as a ratio group, like the chips'. */
export async function systemFactsOf(deps: Deps): Promise<Fact[]> {
  return withRatios(systemSpecFacts(await (await deps.db()).rows(tables.systems, 'SELECT * FROM systems')), 'system');
}

const R = tables.rules.shape;
/** A rule as its facts read it: `detail` is its record (detail_json), parsed. */
const ruleRow = z.object({
  id: R.id,
  title: R.title,
  published: R.published,
  effective: R.effective,
  superseded_by: R.superseded_by,
  rescinded: R.rescinded,
  detail: jsonText(ruleDetail),
  source_ids: R.source_ids,
});
export type RuleRow = z.output<typeof ruleRow>;

export async function ruleFactsOf(deps: Deps): Promise<Fact[]> {
  const rows = await (await deps.db()).rows(
    ruleRow,
    `SELECT id, title, CAST(published AS VARCHAR) AS published, CAST(effective AS VARCHAR) AS effective,
       superseded_by, rescinded, detail_json AS detail, source_ids FROM rules`,
  );
  return [...ruleFacts(rows), ...ruleDateFacts(rows), ...ruleEndFacts(rows)];
}

/** A rule's publication and effective dates, as the year (value) on the day (time): "the 2023 rule". */
export function* ruleDateFacts(rows: readonly RuleRow[]): Generator<Fact> {
  for (const r of rows) {
    for (const kind of ['published', 'effective'] as const) {
      const d = r[kind];
      if (!d) continue;
      yield {
        entity: r.id,
        entity_kind: 'rule',
        metric: `${kind}_year`,
        value: Number(d.slice(0, 4)),
        unit: 'year',
        time: d,
        source_ids: r.source_ids,
        status: 'confirmed',
        table: 'rules',
        id: `${r.id}:${kind}`,
        statement: `${r.title.slice(0, 80)}: ${kind} ${d}`,
      };
    }
  }
}

/**
 * The day a rule stopped being the one in force: its successor's effective date ("3A090-2023 (effective
 * 2023-11-17)"), or the date its rescission begins ("2025-05-13: BIS announced …"), unconfirmed when its record
 * says the rescission is.
 */
export function* ruleEndFacts(rows: readonly RuleRow[]): Generator<Fact> {
  for (const r of rows) {
    const by = /^(\S+)\s*\(effective (\d{4}-\d{2}-\d{2})\)/.exec(r.superseded_by ?? '');
    const off = /^(\d{4}-\d{2}-\d{2})/.exec(r.rescinded ?? '');
    const end = by
      ? { metric: 'superseded_year', day: by[2] as string, what: `superseded by ${by[1]}`, sure: true }
      : off
        ? {
            metric: 'rescinded_year',
            day: off[1] as string,
            what: 'rescission',
            sure: !/unconfirmed/i.test(r.rescinded ?? ''),
          }
        : null;
    if (!end) continue;
    yield {
      entity: r.id,
      entity_kind: 'rule',
      metric: end.metric,
      value: Number(end.day.slice(0, 4)),
      unit: 'year',
      time: end.day,
      source_ids: r.source_ids,
      status: end.sure ? 'confirmed' : 'unconfirmed',
      table: 'rules',
      id: `${r.id}:${end.metric.replace(/_year$/, '')}`,
      statement: `${r.title.slice(0, 80)}: ${end.what} from ${end.day}`,
    };
  }
}

/** Reported figures: about a chip or system (`subject`), compared with another (`versus`) when they say so. */
export async function reportedFactsOf(deps: Deps): Promise<Fact[]> {
  const out: Fact[] = [];
  for (const r of await (await deps.db()).rows(tables.reported_figures, 'SELECT * FROM reported_figures')) {
    out.push({
      entity: r.subject,
      entity_kind: 'chip',
      metric: r.metric,
      value: r.value ?? Number.NaN,
      unit: r.unit,
      time: r.date,
      source_ids: [...new Set([...r.source_ids, r.source_id])],
      status: r.status,
      table: 'reported_figures',
      id: r.id,
      statement: r.statement,
      ...(r.versus ? { versus: r.versus } : {}),
    });
  }
  return out;
}

type ChipsRow = Row<'chips'>;
type NumericColumn<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T];

const CHIP_SPECS: [NumericColumn<ChipsRow>, string][] = [
  ['memory_gb', 'GB'],
  ['memory_bandwidth_tbps', 'TB/s'],
  ['bf16_dense_tflops', 'TFLOPS'],
  ['fp16_dense_tflops', 'TFLOPS'],
  ['fp8_dense_tflops', 'TFLOPS'],
  ['fp4_dense_tflops', 'TFLOPS'],
  ['int8_dense_tops', 'TOPS'],
  ['fp64_tflops', 'TFLOPS'],
  ['tdp_w', 'W'],
  ['die_area_mm2', 'mm2'],
  ['transistors_billion', 'billion'],
  ['interconnect_gbps_bidirectional', 'GB/s'],
];

/** Chip specifications, derived figures (TPP, PD, TFLOPS per watt) and the ratio of each figure between chips. */
export function* chipFacts(rows: readonly ChipRecord[]): Generator<Fact> {
  const all = chipSpecFacts(rows);
  yield* all;
  yield* allRatios(all, 'chip');
}

/** Chip specifications and derived figures (TPP, PD, TFLOPS per watt), without the ratios between chips. */
export function chipSpecFacts(rows: readonly ChipRecord[]): Fact[] {
  const all: Fact[] = [];
  for (const r of rows) {
    const { id, name } = r;
    const unconfirmed = new Set(r.unconfirmed_fields);
    const chipStatus = r.confidence;
    const statusOf = (field: string) =>
      chipStatus === 'confirmed' && !unconfirmed.has(field)
        ? 'confirmed'
        : chipStatus === 'confirmed'
          ? 'unconfirmed field'
          : chipStatus;
    const sources = r.source_ids;
    for (const [col, unit] of CHIP_SPECS) {
      const v = r[col];
      if (v === null || v === undefined) continue;
      all.push({
        entity: id,
        entity_kind: 'chip',
        metric: col,
        value: v,
        unit,
        time: null,
        source_ids: sources,
        status: statusOf(col),
        table: 'chips',
        id: `${id}:${col}`,
        statement: `${name}: ${col.replace(/_/g, ' ')} ${v}`,
      });
    }
    // Process nodes as the source writes them ("SMIC 7nm N+2 and/or TSMC 7nm"): each node named is a fact.
    for (const nm of new Set(
      // Foundry names count too: TSMC's 4N / 4NP and N5 / N4P are 4 nm- and 5 nm-class nodes.
      [...(r.process ?? '').matchAll(/(\d+(?:\.\d+)?)\s?nm\b|\b(\d)N[PE]?\b|\bN(\d)[PEX]?\b/gi)].map((m) =>
        Number(m[1] ?? m[2] ?? m[3]),
      ),
    )) {
      all.push({
        entity: id,
        entity_kind: 'chip',
        metric: 'process_node',
        value: nm,
        unit: 'nm',
        time: null,
        source_ids: sources,
        status: statusOf('process'),
        table: 'chips',
        id: `${id}:process:${nm}`,
        statement: `${name}: process ${String(r.process)}`,
      });
    }
    // Compute dies in one package, as the architecture names them ("Blackwell (2 dies)", "Two … compute dies").
    const dies = /\b(\d+|two|three|four|six|eight)\s+(?:[\w-]+\s+){0,2}dies\b/i.exec(r.architecture ?? '');
    if (dies) {
      const n = parseNumber(dies[1] as string);
      if (Number.isInteger(n) && n > 0)
        all.push({
          entity: id,
          entity_kind: 'chip',
          metric: 'dies_per_package',
          value: n,
          unit: 'chips',
          time: null,
          source_ids: sources,
          status: statusOf('architecture'),
          table: 'chips',
          id: `${id}:dies_per_package`,
          statement: `${name}: ${n} compute dies in one package (architecture: ${String(r.architecture)})`,
        });
    }
    // Dense 16-bit throughput whichever 16-bit format the sheet gives (BF16, else FP16): chips that list only one
    // are still compared ("80% of the performance").
    const sixteen = r.bf16_dense_tflops ?? r.fp16_dense_tflops;
    if (sixteen !== null && sixteen !== undefined) {
      const col = r.bf16_dense_tflops !== null && r.bf16_dense_tflops !== undefined ? 'bf16' : 'fp16';
      all.push({
        entity: id,
        entity_kind: 'chip',
        metric: 'dense16_tflops',
        value: sixteen,
        unit: 'TFLOPS',
        time: null,
        source_ids: sources,
        status: statusOf(`${col}_dense_tflops`),
        table: 'chips',
        id: `${id}:dense16_tflops`,
        statement: `${name}: ${col.toUpperCase()} dense ${sixteen} TFLOPS`,
      });
    }
    const chip = chipFromRow(r);
    const d = derive(chip);
    const inputsConfirmed =
      chipStatus === 'confirmed' && ![...unconfirmed].some((f) => /tflops|tops|die_area|tdp/.test(f));
    for (const [metric, v, unit] of [
      ['tpp', d.tpp, 'TPP'],
      ['pd', d.pd, 'TPP/mm2'],
      ['tflops_per_w', d.tflops_per_w, 'TFLOPS/W'],
      // Its inverse, as "power for each unit of compute" is said.
      ['w_per_tflops', d.tflops_per_w ? 1 / d.tflops_per_w : null, 'W/TFLOPS'],
    ] as const) {
      if (v === null) continue;
      all.push({
        entity: id,
        entity_kind: 'chip',
        metric,
        value: v,
        unit,
        time: null,
        source_ids: sources,
        status: inputsConfirmed ? 'confirmed' : 'derived from unconfirmed figures',
        table: 'chips (derived)',
        id: `${id}:${metric}`,
        statement: `${name}: ${metric.toUpperCase()} ${Number(v.toFixed(2))} (computed)`,
      });
    }
  }
  return all;
}

/** A row of the systems table, or part of one with its identity, status and sources (a test's system). */
export type SystemRecord = Pick<Row<'systems'>, 'id' | 'name' | 'confidence' | 'unconfirmed_fields' | 'source_ids'> &
  Partial<Row<'systems'>>;

const SYSTEM_SPECS: [NumericColumn<Row<'systems'>>, string][] = [
  ['chips_per_system', 'chips'],
  ['bf16_dense_pflops', 'PFLOPS'],
  ['hbm_capacity_tb', 'TB'],
  ['hbm_bandwidth_tbps', 'TB/s'],
  ['scale_up_bandwidth_tbps', 'TB/s'],
  ['power_kw', 'kW'],
];

/** System aggregates and the ratio of each between systems. */
export function* systemFacts(rows: readonly SystemRecord[]): Generator<Fact> {
  const all = systemSpecFacts(rows);
  yield* all;
  yield* allRatios(all, 'system');
}

/** System aggregates, without the ratios between systems. */
export function systemSpecFacts(rows: readonly SystemRecord[]): Fact[] {
  const all: Fact[] = [];
  for (const r of rows) {
    const id = r.id;
    const unconfirmed = new Set(r.unconfirmed_fields);
    const status = (f: string) => (r.confidence === 'confirmed' && !unconfirmed.has(f) ? 'confirmed' : 'unconfirmed');
    for (const [col, unit] of SYSTEM_SPECS) {
      const v = r[col];
      if (v === null || v === undefined) continue;
      all.push({
        entity: id,
        entity_kind: 'system',
        metric: col,
        value: v,
        unit,
        time: null,
        source_ids: r.source_ids,
        status: status(col),
        table: 'systems',
        id: `${id}:${col}`,
        statement: `${r.name}: ${col.replace(/_/g, ' ')} ${v}`,
      });
    }
    // Power for each unit of compute ("three times the power per petaflop"): the system's power over its BF16.
    if (r.power_kw && r.bf16_dense_pflops)
      all.push({
        entity: id,
        entity_kind: 'system',
        metric: 'kw_per_pflops',
        value: r.power_kw / r.bf16_dense_pflops,
        unit: 'kW/PFLOPS',
        time: null,
        source_ids: r.source_ids,
        status:
          status('power_kw') === 'confirmed' && status('bf16_dense_pflops') === 'confirmed'
            ? 'confirmed'
            : 'unconfirmed',
        table: 'systems (derived)',
        id: `${id}:kw_per_pflops`,
        statement: `${r.name}: ${Number((r.power_kw / r.bf16_dense_pflops).toFixed(3))} kW per BF16 PFLOPS (computed)`,
      });
  }
  return all;
}

/**
 * Numeric thresholds in a rule's criteria (`{param, op, value}` anywhere in its detail), caps in H100 equivalents
 * where given, and how many destinations each list names (a tier's, a country group's: `group:D:5`).
 */
export function* ruleFacts(rows: readonly RuleRow[]): Generator<Fact> {
  for (const r of rows) {
    const seen = new Set<string>();
    // Thresholds in the order met, then the lists and caps.
    const thresholds: Fact[] = [];
    const others: Fact[] = [];
    const put = (to: Fact[], entity: string, id: string, metric: string, value: number, unit: string, said: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      to.push({
        entity,
        entity_kind: 'rule',
        metric,
        value,
        unit,
        time: r.published,
        source_ids: r.source_ids,
        status: 'confirmed',
        table: 'rules',
        id,
        statement: `${r.title.slice(0, 80)}: ${said}`,
      });
    };
    // A list of destinations (a tier, a country group): how many it names.
    const members = (name: string, list: unknown[], entity = r.id) =>
      put(
        others,
        entity,
        `${entity}:members:${name}`,
        `members:${name}`,
        list.length,
        'countries',
        `${name} lists ${list.length} destinations`,
      );
    const stack: unknown[] = [r.detail];
    for (let n = 0; stack.length && n < 100_000; n++) {
      const v = stack.pop();
      if (Array.isArray(v)) stack.push(...v);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['id'] === 'string' && Array.isArray(o['destinations'])) members(o['id'], o['destinations']);
        if (o['country_groups'] && typeof o['country_groups'] === 'object')
          for (const [g, list] of Object.entries(o['country_groups'] as Record<string, unknown>))
            if (Array.isArray(list) && /^[A-E]:\d$/.test(g)) members(g, list, `group:${g}`);
        const param = o['param'];
        // A cap said in H100 equivalents too ("about 50,000 H100s").
        if (typeof param === 'string' && typeof o['approx_H100_equiv'] === 'number')
          put(
            others,
            r.id,
            `${r.id}:${param}:h100`,
            `h100_equivalents:${param}`,
            o['approx_H100_equiv'],
            'chips',
            `${param} ≈ ${o['approx_H100_equiv']} H100 equivalents`,
          );
        if (typeof param === 'string' && typeof o['value'] === 'number') {
          const op = String(o['op'] ?? '');
          put(
            thresholds,
            r.id,
            `${r.id}:${param}:${op}:${o['value']}`,
            `threshold:${param}`,
            o['value'],
            param,
            `${param} ${op} ${o['value']}`,
          );
        }
        stack.push(...Object.values(o));
      }
    }
    yield* thresholds;
    yield* others;
  }
}
