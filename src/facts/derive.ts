/**
 * @module
 * Pure derivations for the fact index: rows in, facts out, no I/O. Traffic and download shares, chip
 * specifications with TPP / PD and ratios between chips, system aggregates, rule thresholds, event
 * figures, and the gap between two blocs by date (src/frontier).
 */
import { chipFromRow, derive } from '../compute/chips.ts';
import { gapSeries, type Observation, type View } from '../frontier/gap.ts';
import type { IndexedFact } from './index.ts';

export type Row = Record<string, unknown>;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/**
 * Token shares (usage) per window and date, by organization, by country and by model; and, from the open
 * models table, download shares and derivative shares by country per snapshot.
 */
export function* shareFacts(
  usage: readonly Row[],
  orgOfModel: ReadonlyMap<string, string>,
  countryOfOrg: ReadonlyMap<string, string>,
  open: readonly Row[] = [],
): Generator<IndexedFact> {
  const groups = new Map<string, Row[]>();
  for (const r of usage) {
    const k = `${String(r['w'])}|${String(r['d'])}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  for (const [k, rows] of groups) {
    const [w, d] = k.split('|') as [string, string];
    let total = 0;
    const by = {
      organization: new Map<string, number>(),
      country: new Map<string, number>(),
      model: new Map<string, number>(),
    };
    const sources = new Set<string>();
    for (const r of rows) {
      const t = Number(r['total_tokens']);
      if (!Number.isFinite(t)) continue;
      total += t;
      sources.add(String(r['source_id']));
      const model = String(r['model_id']);
      const org = orgOfModel.get(model) ?? str(r['author']) ?? 'unknown';
      const country = countryOfOrg.get(org) ?? 'unknown';
      by.organization.set(org, (by.organization.get(org) ?? 0) + t);
      by.country.set(country, (by.country.get(country) ?? 0) + t);
      by.model.set(model, (by.model.get(model) ?? 0) + t);
    }
    if (total <= 0) continue;
    for (const kind of ['organization', 'country', 'model'] as const) {
      if (kind === 'model' && w === 'day') continue;
      for (const [entity, t] of by[kind]) {
        if (entity === 'unknown') continue;
        const share = t / total;
        if (kind === 'model' && share < 0.001) continue;
        yield {
          entity,
          entity_kind: kind,
          metric: 'token_share',
          value: share,
          unit: 'ratio',
          time: d,
          source_ids: [...sources],
          status: 'confirmed',
          table: 'usage',
          id: `token_share:${w}:${d}:${entity}`,
          statement: `${entity}: ${(100 * share).toFixed(1)}% of tokens on OpenRouter, ${w} ending ${d}`,
        };
        if (w !== 'day')
          yield {
            entity,
            entity_kind: kind,
            metric: `tokens:${w}`,
            value: t,
            unit: 'tokens',
            time: d,
            source_ids: [...sources],
            status: 'confirmed',
            table: 'usage',
            id: `tokens:${w}:${d}:${entity}`,
            statement: `${entity}: ${t} tokens on OpenRouter, ${w} ending ${d}`,
          };
      }
    }
  }
  // Download and derivative shares by country, per snapshot of the open models table.
  const countryOfHub = new Map(open.map((r) => [String(r['model_id']), String(r['country'])]));
  const snaps = new Map<string, Row[]>();
  for (const r of open) {
    const d = String(r['d']);
    let g = snaps.get(d);
    if (!g) snaps.set(d, (g = []));
    g.push(r);
  }
  for (const [d, rows] of snaps) {
    const dl = new Map<string, number>();
    const der = new Map<string, number>();
    let dlTotal = 0;
    let derTotal = 0;
    const sources = [...new Set(rows.map((r) => String(r['source_id'])))];
    for (const r of rows) {
      const c = String(r['country']);
      const n = r['downloads'] === null ? null : Number(r['downloads']);
      if (n !== null && Number.isFinite(n)) {
        dlTotal += n;
        dl.set(c, (dl.get(c) ?? 0) + n);
      }
      const rel = str(r['relation']);
      if (rel && rel !== 'base') {
        const base = list(r['base_models'])[0];
        const bc = base ? countryOfHub.get(base) : undefined;
        if (bc) {
          derTotal++;
          der.set(bc, (der.get(bc) ?? 0) + 1);
        }
      }
    }
    for (const [metric, m, total, what] of [
      ['downloads_share', dl, dlTotal, 'downloads of tracked open models'],
      ['derivative_share', der, derTotal, 'derivatives built on tracked open models'],
    ] as const) {
      if (total <= 0) continue;
      for (const [c, v] of m) {
        if (c === 'unknown' || c === 'other') continue;
        yield {
          entity: c,
          entity_kind: 'country',
          metric,
          value: v / total,
          unit: 'ratio',
          time: d,
          source_ids: sources,
          status: 'confirmed',
          table: 'open_models',
          id: `${metric}:${d}:${c}`,
          statement: `${c}: ${((100 * v) / total).toFixed(1)}% of ${what}, snapshot ${d}`,
        };
      }
    }
  }
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
export function* chipFacts(rows: readonly Row[]): Generator<IndexedFact> {
  const all: IndexedFact[] = [];
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
      [...String(r['process'] ?? '').matchAll(/(\d+(?:\.\d+)?)\s?nm\b/gi)].map((m) => Number(m[1])),
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
export function* systemFacts(rows: readonly Row[]): Generator<IndexedFact> {
  const all: IndexedFact[] = [];
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

function* ratios(all: readonly IndexedFact[], kind: 'chip' | 'system'): Generator<IndexedFact> {
  const byMetric = new Map<string, IndexedFact[]>();
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
export function* ruleFacts(rows: readonly Row[]): Generator<IndexedFact> {
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

/**
 * Event figures: the amount and its parts (metric `amount`), figures as first reported and as later found
 * (`later` links them), signatory counts, percentages in the details (`ratio`), other numeric details.
 */
export function* eventFacts(rows: readonly Row[]): Generator<IndexedFact> {
  for (const ev of rows) {
    const id = String(ev['id']);
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(String(ev['detail_json'])) as Record<string, unknown>;
    } catch {
      continue;
    }
    const title = String(ev['title']);
    const status = String(ev['confidence']);
    const base = {
      entity: id,
      entity_kind: 'event' as const,
      time: str(ev['date']),
      source_ids: list(ev['source_ids']),
      status,
      table: 'events',
    };
    const amount = (detail['amount'] ?? null) as Record<string, unknown> | null;
    if (amount && typeof amount['value'] === 'number') {
      const cur = String(amount['currency'] ?? ev['currency'] ?? 'USD');
      // An investment announcement's amounts are investments; other events' amounts are just amounts.
      const metric = detail['category'] === 'investment' ? 'investment' : 'amount';
      yield {
        ...base,
        id,
        metric,
        value: amount['value'],
        unit: cur,
        statement: `${title}: ${amount['value']} ${cur}`,
      };
      for (const [k, v] of Object.entries(amount))
        if (k !== 'value' && typeof v === 'number')
          yield {
            ...base,
            id: `${id}:${k}`,
            metric,
            value: v,
            unit: cur,
            statement: `${title}, ${k.replace(/_/g, ' ')}: ${v} ${cur}`,
          };
    }
    const details = (detail['details'] ?? {}) as Record<string, unknown>;
    if (typeof details['claimed_value'] === 'number') {
      const found = typeof details['found_value'] === 'number' ? details['found_value'] : null;
      const metric = /download/i.test(`${title} ${id}`) ? 'downloads' : 'amount';
      const foundDate = str(details['found_value_date'])?.slice(0, 10) ?? null;
      yield {
        ...base,
        id: `${id}:claimed`,
        metric,
        value: details['claimed_value'],
        unit: metric,
        statement: `${title}: figure as first reported, ${details['claimed_value']}`,
        ...(found !== null ? { later: { value: found, time: foundDate } } : {}),
      };
      if (found !== null)
        yield {
          ...base,
          id: `${id}:found`,
          metric,
          value: found,
          unit: metric,
          time: foundDate,
          statement: `${title}: later figure, ${found} (${String(details['found_value_date'] ?? '')})`,
        };
    }
    const sig = detail['signatories'] as Record<string, unknown> | undefined;
    if (sig) {
      const v = typeof sig['count_value'] === 'number' ? sig['count_value'] : Number.NaN;
      yield {
        ...base,
        id: `${id}:signatories`,
        metric: 'signatories',
        value: v,
        unit: 'countries',
        status: Number.isNaN(v) ? 'count reported inconsistently by sources' : status,
        statement: `${title}: signatories ${String(sig['count_reported'] ?? '')}`,
      };
    }
    for (const [k, v] of Object.entries(details)) {
      if (typeof v === 'number' && k !== 'claimed_value' && k !== 'found_value') {
        const money = /_usd$|cost/.test(k);
        yield {
          ...base,
          id: `${id}:${k}`,
          metric: money ? 'amount' : `detail:${k}`,
          value: v,
          unit: money ? 'USD' : k,
          statement: `${title}: ${k.replace(/_/g, ' ')} ${v}`,
        };
      }
      const m = typeof v === 'string' ? /(\d+(?:\.\d+)?)%/.exec(v) : null;
      if (m)
        yield {
          ...base,
          id: `${id}:${k}`,
          metric: 'ratio',
          value: Number(m[1]) / 100,
          unit: 'ratio',
          statement: `${title}: ${String(v)}`,
        };
    }
    const pct = /(\d+(?:\.\d+)?)\s*%/.exec(title) ?? /(\d+)pct/.exec(id);
    if (pct)
      yield {
        ...base,
        id: `${id}:title`,
        metric: 'ratio',
        value: Number(pct[1]) / 100,
        unit: 'ratio',
        statement: title,
      };
  }
}

/**
 * The gap between `leader` and `follower` by date (points and months), from the frontier computation
 * without resampling (the point estimate). Indexed under the follower with the leader as `versus`, and
 * under the leader with the follower as `versus` (the same gap seen from the other side).
 */
export function* gapFacts(
  metricId: string,
  view: View,
  observations: readonly Observation[],
  leader: string,
  follower: string,
): Generator<IndexedFact> {
  const series = gapSeries(observations, { view, leader, follower, rounds: 0, seed: 0 });
  for (const p of series) {
    for (const [metric, v, unit] of [
      ['gap_points', p.points_gap, 'points'],
      ['gap_months', p.months_gap, 'months'],
    ] as const) {
      if (v === null || !Number.isFinite(v)) continue;
      const censored = metric === 'gap_months' && p.months_censored;
      const common = {
        entity_kind: 'country' as const,
        metric,
        value: v,
        unit,
        time: p.date,
        source_ids: p.sources,
        status: censored ? 'lower bound (censored)' : 'confirmed',
        table: `gap (${metricId})`,
        statement: `${metricId}, ${p.date}: ${leader} ${p.leader_model} ${p.leader_score} vs ${follower} ${p.follower_model} ${p.follower_score}; gap ${Number(v.toFixed(1))} ${unit}`,
      };
      yield { ...common, entity: follower, versus: leader, id: `${metricId}:${p.date}:${metric}:${follower}` };
      yield { ...common, entity: leader, versus: follower, id: `${metricId}:${p.date}:${metric}:${leader}` };
    }
  }
}
