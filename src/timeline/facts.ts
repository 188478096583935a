/**
 * @module
 * The timeline's checkable facts: each event's amounts, figures as first reported and as later found,
 * signatory counts, percentages and other numeric details.
 */
import { z } from 'zod';
import { eventDetail } from '../data/details.ts';
import { tables } from '../data/schema.ts';
import type { Deps, Fact } from '../ops/operation.ts';
import { jsonText } from '../store/db.ts';

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const E = tables.events.shape;
/** An event as its facts read it: `detail` is its record (detail_json), parsed. */
const eventRow = z.object({
  id: E.id,
  date: E.date,
  title: E.title,
  currency: E.currency,
  confidence: E.confidence,
  detail: jsonText(eventDetail),
  source_ids: E.source_ids,
});
export type EventRow = z.output<typeof eventRow>;

export async function timelineFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const rows = await db.rows(
    eventRow,
    `SELECT id, CAST(date AS VARCHAR) AS date, title, currency, confidence, detail_json AS detail, source_ids
     FROM events`,
  );
  return [...eventFacts(rows)];
}

/** Things an event's text counts ("140 Entity List additions", "13 entities", "8,192 cards"), by the noun. */
const COUNTED: [RegExp, string][] = [
  [/^(?:(?:Chinese|US|American|foreign|new)\s+)?(?:entities|Entity List additions|entries)\b/i, 'entities'],
  [/^(?:countries|nations)\b/i, 'countries'],
  [/^(?:chips|cards|GPUs|accelerators)\b/i, 'chips'],
  [/^(?:companies|firms)\b/i, 'companies'],
  [/^gigafactories\b/i, 'gigafactories'],
];

/**
 * The counts an event's title and notes state in words ("140 Entity List additions"): `count:<noun>` facts, each
 * a series of its own (an event's counts do not supersede each other), its statement the words around it.
 */
function* countsIn(base: Omit<Fact, 'id' | 'metric' | 'value' | 'unit' | 'statement'>, id: string, text: string) {
  const seen = new Set<string>();
  for (const m of text.matchAll(/(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+(?=[A-Za-z])/g)) {
    const rest = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 40);
    const noun = COUNTED.find(([re]) => re.test(rest))?.[1];
    if (!noun) continue;
    const value = Number((m[1] as string).replace(/,/g, ''));
    const key = `${noun}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = m.index ?? 0;
    yield {
      ...base,
      id: `${id}:count:${key}`,
      series: `${id}:count:${key}`,
      metric: `count:${noun}`,
      value,
      unit: noun,
      statement: `${text.slice(Math.max(0, at - 60), at + 60).trim()} (${value} ${noun})`,
    };
  }
}

/** An event's numeric details as measures: the key's pattern, the measure, its unit and the key's scale. */
const DETAIL_MEASURES: [RegExp, string, string, number][] = [
  [/^tokens_trillion$/, 'training_tokens', 'tokens', 1e12],
  [/^tokens_billion$/, 'training_tokens', 'tokens', 1e9],
  [/^params_total_b$/, 'parameters', 'parameters', 1e9],
  [/^params_active_b$/, 'active_parameters', 'parameters', 1e9],
  [/gpu_hours$/, 'gpu_hours', 'gpu_hours', 1],
  [/^(?:gpus|chips|accelerators)$/, 'chip_count', 'chips', 1],
  [/price_usd_per_gpu_hour$/, 'gpu_hour_price', 'USD/hour', 1],
];

/**
 * Event figures: the amount and its parts (metric `amount`), figures as first reported and as later found
 * (`later` links them), signatory counts, percentages in the details (`ratio`), other numeric details.
 */
export function* eventFacts(rows: readonly EventRow[]): Generator<Fact> {
  for (const ev of rows) {
    const { id, title, detail } = ev;
    const status = ev.confidence;
    const base = {
      entity: id,
      entity_kind: 'event' as const,
      time: ev.date,
      source_ids: ev.source_ids,
      status,
      table: 'events',
    };
    const amount = detail.amount;
    if (amount && typeof amount.value === 'number') {
      const cur = amount.currency ?? ev.currency ?? 'USD';
      // An investment announcement's amounts are investments; other events' amounts are just amounts.
      const metric = detail.category === 'investment' ? 'investment' : 'amount';
      yield {
        ...base,
        id,
        metric,
        value: amount.value,
        unit: cur,
        statement: `${title}: ${amount.value} ${cur}`,
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
    const details = detail.details ?? {};
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
    const sig = detail.signatories;
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
      // Without one count, each count the sources report is a figure of its own: sources disagree, show them all.
      if (Number.isNaN(v)) {
        const reported = String(sig['count_reported'] ?? '');
        for (const n of new Set([...reported.matchAll(/\b\d{1,4}\b/g)].map((m) => Number(m[0]))))
          yield {
            ...base,
            id: `${id}:signatories:${n}`,
            metric: 'signatories',
            value: n,
            unit: 'countries',
            status: 'one of the counts sources report',
            statement: `${title}: ${n} signatories, one of the counts sources report (${reported})`,
          };
      }
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
      // The same figure as the measure its key names, in plain units ("tokens_trillion" 14.8: 14.8 trillion tokens).
      const measure = typeof v === 'number' ? DETAIL_MEASURES.find(([re]) => re.test(k)) : undefined;
      if (measure && typeof v === 'number') {
        const [, metric, unit, scale] = measure;
        yield {
          ...base,
          id: `${id}:${k}:${metric}`,
          metric,
          value: v * scale,
          unit,
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
    yield* countsIn(base, id, `${title}. ${typeof detail['notes'] === 'string' ? detail['notes'] : ''}`);
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
