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
