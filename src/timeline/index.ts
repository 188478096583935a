/**
 * @module
 * `airace timeline`: dated events from the snapshot on one axis — investments (in their currency and in
 * USD at a stated rate), declarations and who signed, export-control rules (from the rules as data), other
 * policy and industry events, and the model releases that moved a bloc's frontier on the Epoch
 * Capabilities Index — each with its sources.
 */
import { z } from 'zod';
import { eventDetail } from '../data/details.ts';
import { tables } from '../data/schema.ts';
import { jsonText, type Db } from '../store/db.ts';
import { gapSeries } from '../frontier/gap.ts';
import { loadObservations } from '../frontier/load.ts';
import { listMetrics } from '../frontier/metrics.ts';
import { fxFile, readCurated } from '../data/curated.ts';

export interface TimelineEvent {
  date: string;
  kind: string;
  title: string;
  actors: string[];
  country: string | null;
  amount: number | null;
  currency: string | null;
  amount_usd: number | null;
  fx: string | null;
  confidence: string;
  /** What the source flags about the event (a month-only date, no source given …), when anything. */
  note: string | null;
  sources: string[];
}

export interface TimelineRequest {
  kinds?: string[];
  actor?: string;
  country?: string;
  from?: string;
  to?: string;
}

export class TimelineError extends Error {}

type Fx = z.output<typeof fxFile>;

export function loadFx(path: string): Fx {
  return readCurated(path, fxFile);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Dated events only (the query keeps them), with their record parsed.
const eventRow = tables.events.omit({ detail_json: true }).extend({ date: z.string(), detail: jsonText(eventDetail) });

const ruleRow = tables.rules
  .pick({ id: true, title: true, citation: true, verification: true, source_ids: true })
  .extend({ effective: z.string() });

export async function timeline(
  db: Db,
  req: TimelineRequest,
  fx: Fx,
): Promise<{ events: TimelineEvent[]; fx_source: Fx['source']; kinds: string[] }> {
  for (const [k, v] of [
    ['from', req.from],
    ['to', req.to],
  ] as const)
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v))))
      throw new TimelineError(`--${k} must be a date YYYY-MM-DD, not "${v}"`);
  const rate = (cur: string | null) => fx.rates.find((r) => r.currency === cur);
  const events: TimelineEvent[] = [];
  for (const e of await db.rows(
    eventRow,
    `SELECT id, CAST(date AS VARCHAR) AS date, kind, country, title, actors, amount, currency, confidence, description,
            detail_json AS detail, source_ids, source_id FROM events WHERE date IS NOT NULL`,
  )) {
    const sig = e.detail.signatories;
    const actors = [...e.actors];
    if (sig) {
      for (const [k, v] of Object.entries(sig)) {
        const m = /^(\w+)_signed$/.exec(k);
        if (m && typeof v === 'boolean')
          actors.push(`${(m[1] as string).toUpperCase()} ${v ? 'signed' : 'did not sign'}`);
      }
    }
    const r = rate(e.currency);
    const amount = e.amount;
    events.push({
      date: e.date,
      kind: e.kind,
      title: e.title,
      actors,
      country: e.country,
      amount,
      currency: e.currency,
      amount_usd: amount !== null && r ? amount * r.usd_per_unit : null,
      fx:
        amount !== null && r && r.currency !== 'USD'
          ? `${r.usd_per_unit} USD per ${r.currency} (${r.as_of}, ${fx.source.confidence})`
          : null,
      confidence: e.confidence,
      note: /date given to the month only|no source given/.test(e.description ?? '')
        ? (e.description ?? '')
            .split(' | ')
            .filter((x) => /month only|no source/.test(x))
            .join('; ')
        : null,
      sources: [...new Set([...e.source_ids, e.source_id])],
    });
  }
  for (const r of await db.rows(
    ruleRow,
    `SELECT id, title, CAST(effective AS VARCHAR) AS effective, citation, verification, source_ids FROM rules WHERE effective IS NOT NULL AND id NOT LIKE 'country-groups%' AND id NOT LIKE 'ECCN-%'`,
  )) {
    events.push({
      date: r.effective,
      kind: 'export_control',
      title: `${r.id} in force: ${r.title.slice(0, 120)}`,
      actors: ['US BIS'],
      country: 'US',
      amount: null,
      currency: null,
      amount_usd: null,
      fx: null,
      confidence: r.verification ?? '',
      note: null,
      sources: r.source_ids,
    });
  }
  // Model releases that moved a bloc's frontier on the Capabilities Index.
  const eci = (await listMetrics(db)).find((m) => m.id === 'epoch-eci');
  if (eci) {
    const { observations } = await loadObservations(db, eci, false);
    for (const [leader, follower] of [['US', 'CN']] as const) {
      let prevL: number | null = null;
      let prevF: number | null = null;
      for (const p of gapSeries(observations, { view: 'release', leader, follower })) {
        for (const [bloc, model, score, prev] of [
          [leader, p.leader_model, p.leader_score, prevL],
          [follower, p.follower_model, p.follower_score, prevF],
        ] as const) {
          if (model && score !== null && (prev === null || score > prev)) {
            events.push({
              date: p.date,
              kind: 'model_release',
              title: `${model} sets the ${bloc} frontier on the Epoch Capabilities Index (${score.toFixed(1)})`,
              actors: [model],
              country: bloc,
              amount: null,
              currency: null,
              amount_usd: null,
              fx: null,
              confidence: 'confirmed',
              note: null,
              sources: p.sources,
            });
          }
        }
        prevL = p.leader_score ?? prevL;
        prevF = p.follower_score ?? prevF;
      }
    }
  }
  const kinds = [...new Set(events.map((e) => e.kind))].sort();
  const actor = req.actor?.toLowerCase();
  const filtered = events.filter(
    (e) =>
      (!req.kinds?.length || req.kinds.includes(e.kind)) &&
      (!req.country || e.country === req.country.toUpperCase()) &&
      (!req.from || e.date >= req.from) &&
      (!req.to || e.date <= req.to) &&
      (!actor || e.actors.some((a) => a.toLowerCase().includes(actor)) || e.title.toLowerCase().includes(actor)),
  );
  if (req.kinds?.some((k) => !kinds.includes(k)))
    throw new TimelineError(`unknown kind "${req.kinds.find((k) => !kinds.includes(k))}" (kinds: ${kinds.join(', ')})`);
  return {
    events: filtered.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title)),
    fx_source: fx.source,
    kinds,
  };
}
