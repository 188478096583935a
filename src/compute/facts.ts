/**
 * @module
 * The compute capability's checkable facts: chip specifications with the derived figures the classifier
 * uses (TPP, PD, TFLOPS per watt, src/compute/chips.ts) and the ratio of each between chips; system
 * aggregates and their ratios; rule thresholds and dates; figures reported by other sources (Epoch AI,
 * LAICS, attributed comparisons), each with the status the reconciliation gave it.
 */
import type { Deps, Fact } from '../ops/operation.ts';
import { chipFromRow, derive } from './chips.ts';

type Row = Record<string, unknown>;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

export async function chipFactsOf(deps: Deps): Promise<Fact[]> {
  return [...chipFacts(await (await deps.db()).all('SELECT * FROM chips'))];
}

export async function systemFactsOf(deps: Deps): Promise<Fact[]> {
  return [...systemFacts(await (await deps.db()).all('SELECT * FROM systems'))];
}

export async function ruleFactsOf(deps: Deps): Promise<Fact[]> {
  const rows = await (
    await deps.db()
  ).all(
    `SELECT id, title, CAST(published AS VARCHAR) AS published, CAST(effective AS VARCHAR) AS effective, detail_json,
       source_ids FROM rules`,
  );
  return [...ruleFacts(rows), ...ruleDateFacts(rows)];
}

/** A rule's publication and effective dates, as the year (value) on the day (time): "the 2023 rule". */
export function* ruleDateFacts(rows: readonly Row[]): Generator<Fact> {
  for (const r of rows) {
    for (const kind of ['published', 'effective'] as const) {
      const d = str(r[kind]);
      if (!d) continue;
      yield {
        entity: String(r['id']),
        entity_kind: 'rule',
        metric: `${kind}_year`,
        value: Number(d.slice(0, 4)),
        unit: 'year',
        time: d,
        source_ids: list(r['source_ids']),
        status: 'confirmed',
        table: 'rules',
        id: `${String(r['id'])}:${kind}`,
        statement: `${String(r['title']).slice(0, 80)}: ${kind} ${d}`,
      };
    }
  }
}

const confirmedStatus = (s: unknown) => (s === null || s === undefined || s === '' ? 'confirmed' : String(s));

/** Reported figures: about a chip or system (`subject`), compared with another (`versus`) when they say so. */
export async function reportedFactsOf(deps: Deps): Promise<Fact[]> {
  const out: Fact[] = [];
  for (const r of await (await deps.db()).all('SELECT * FROM reported_figures')) {
    out.push({
      entity: String(r['subject']),
      entity_kind: 'chip',
      metric: String(r['metric']),
      value: r['value'] === null ? Number.NaN : Number(r['value']),
      unit: String(r['unit']),
      time: (r['date'] as string | null) ?? null,
      source_ids: [...new Set([...list(r['source_ids']), ...(r['source_id'] ? [String(r['source_id'])] : [])])],
      status: confirmedStatus(r['status']),
      table: 'reported_figures',
      id: String(r['id']),
      statement: String(r['statement']),
      ...(r['versus'] ? { versus: String(r['versus']) } : {}),
    });
  }
  return out;
}

const CHIP_SPECS: [string, string][] = [
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
export function* chipFacts(rows: readonly Row[]): Generator<Fact> {
  const all: Fact[] = [];
  for (const r of rows) {
    const id = String(r['id']);
    const unconfirmed = new Set(list(r['unconfirmed_fields']));
    const chipStatus = String(r['confidence'] ?? 'unconfirmed');
    const statusOf = (field: string) =>
      chipStatus === 'confirmed' && !unconfirmed.has(field)
        ? 'confirmed'
        : chipStatus === 'confirmed'
          ? 'unconfirmed field'
          : chipStatus;
    const sources = list(r['source_ids']);
    for (const [col, unit] of CHIP_SPECS) {
      if (r[col] === null || r[col] === undefined) continue;
      all.push({
        entity: id,
        entity_kind: 'chip',
        metric: col,
        value: Number(r[col]),
        unit,
        time: null,
        source_ids: sources,
        status: statusOf(col),
        table: 'chips',
        id: `${id}:${col}`,
        statement: `${String(r['name'])}: ${col.replace(/_/g, ' ')} ${r[col]}`,
      });
    }
    // Process nodes as the source writes them ("SMIC 7nm N+2 and/or TSMC 7nm"): each node named is a fact.
    for (const nm of new Set(
      // Foundry names count too: TSMC's 4N / 4NP and N5 / N4P are 4 nm- and 5 nm-class nodes.
      [...String(r['process'] ?? '').matchAll(/(\d+(?:\.\d+)?)\s?nm\b|\b(\d)N[PE]?\b|\bN(\d)[PEX]?\b/gi)].map((m) =>
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
        statement: `${String(r['name'])}: process ${String(r['process'])}`,
      });
    }
    // Dense 16-bit throughput whichever 16-bit format the sheet gives (BF16, else FP16): chips that list only one
    // are still compared ("80% of the performance").
    const sixteen = r['bf16_dense_tflops'] ?? r['fp16_dense_tflops'];
    if (sixteen !== null && sixteen !== undefined) {
      const col = r['bf16_dense_tflops'] !== null && r['bf16_dense_tflops'] !== undefined ? 'bf16' : 'fp16';
      all.push({
        entity: id,
        entity_kind: 'chip',
        metric: 'dense16_tflops',
        value: Number(sixteen),
        unit: 'TFLOPS',
        time: null,
        source_ids: sources,
        status: statusOf(`${col}_dense_tflops`),
        table: 'chips',
        id: `${id}:dense16_tflops`,
        statement: `${String(r['name'])}: ${col.toUpperCase()} dense ${String(sixteen)} TFLOPS`,
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
        statement: `${String(r['name'])}: ${metric.toUpperCase()} ${Number(v.toFixed(2))} (computed)`,
      });
    }
  }
  yield* all;
  yield* ratios(all, 'chip');
}

const SYSTEM_SPECS: [string, string][] = [
  ['chips_per_system', 'chips'],
  ['bf16_dense_pflops', 'PFLOPS'],
  ['hbm_capacity_tb', 'TB'],
  ['hbm_bandwidth_tbps', 'TB/s'],
  ['scale_up_bandwidth_tbps', 'TB/s'],
  ['power_kw', 'kW'],
];

/** System aggregates and the ratio of each between systems. */
export function* systemFacts(rows: readonly Row[]): Generator<Fact> {
  const all: Fact[] = [];
  for (const r of rows) {
    const id = String(r['id']);
    const unconfirmed = new Set(list(r['unconfirmed_fields']));
    const status = (f: string) =>
      String(r['confidence']) === 'confirmed' && !unconfirmed.has(f) ? 'confirmed' : 'unconfirmed';
    for (const [col, unit] of SYSTEM_SPECS) {
      if (r[col] === null || r[col] === undefined) continue;
      all.push({
        entity: id,
        entity_kind: 'system',
        metric: col,
        value: Number(r[col]),
        unit,
        time: null,
        source_ids: list(r['source_ids']),
        status: status(col),
        table: 'systems',
        id: `${id}:${col}`,
        statement: `${String(r['name'])}: ${col.replace(/_/g, ' ')} ${r[col]}`,
      });
    }
  }
  yield* all;
  yield* ratios(all, 'system');
}

function* ratios(all: readonly Fact[], kind: 'chip' | 'system'): Generator<Fact> {
  const byMetric = new Map<string, Fact[]>();
  for (const f of all) byMetric.set(f.metric, [...(byMetric.get(f.metric) ?? []), f]);
  for (const [metric, fs] of byMetric) {
    for (const a of fs) {
      for (const b of fs) {
        if (a === b || !(b.value > 0)) continue;
        yield {
          entity: a.entity,
          entity_kind: kind,
          metric: `ratio:${metric}`,
          versus: b.entity,
          value: a.value / b.value,
          unit: 'x',
          time: null,
          source_ids: [...new Set([...a.source_ids, ...b.source_ids])],
          status: a.status === 'confirmed' && b.status === 'confirmed' ? 'confirmed' : 'unconfirmed',
          table: `${kind}s (derived)`,
          id: `${a.entity}/${b.entity}:${metric}`,
          statement: `${a.entity} / ${b.entity}, ${metric.replace(/_/g, ' ')}: ${Number((a.value / b.value).toFixed(3))}`,
        };
      }
    }
  }
}

/** Numeric thresholds in a rule's criteria (`{param, op, value}` anywhere in its detail). */
export function* ruleFacts(rows: readonly Row[]): Generator<Fact> {
  for (const r of rows) {
    let detail: unknown;
    try {
      detail = JSON.parse(String(r['detail_json']));
    } catch {
      continue;
    }
    const seen = new Set<string>();
    const stack: unknown[] = [detail];
    for (let n = 0; stack.length && n < 100_000; n++) {
      const v = stack.pop();
      if (Array.isArray(v)) stack.push(...v);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['param'] === 'string' && typeof o['value'] === 'number') {
          const id = `${String(r['id'])}:${o['param']}:${String(o['op'] ?? '')}:${o['value']}`;
          if (!seen.has(id)) {
            seen.add(id);
            yield {
              entity: String(r['id']),
              entity_kind: 'rule',
              metric: `threshold:${o['param']}`,
              value: o['value'],
              unit: String(o['param']),
              time: str(r['published']),
              source_ids: list(r['source_ids']),
              status: 'confirmed',
              table: 'rules',
              id,
              statement: `${String(r['title']).slice(0, 80)}: ${o['param']} ${String(o['op'] ?? '')} ${o['value']}`,
            };
          }
        }
        stack.push(...Object.values(o));
      }
    }
  }
}
