/**
 * @module
 * Checking claims against the snapshot. Facts come from the fact sheets (events with their amounts and
 * reported figures, attributed statements, systems' chip counts) and from the gap view; each fact knows the
 * entities it concerns, its unit and how sure its source is. A claim is `supported` when a confirmed fact
 * about the same entity agrees within the tolerance, `contradicted` when a confirmed fact of the same kind
 * disagrees, `outdated` when it matches an earlier figure that a later one superseded, and `unverifiable`
 * otherwise (including when the only matching fact is itself unconfirmed or merely reported).
 */
import type { Db } from '../store/db.ts';
import type { EntityIndex } from './entities.ts';
import type { Extracted } from './extract.ts';

export type Verdict = 'supported' | 'contradicted' | 'outdated' | 'unverifiable';

export interface Evidence {
  table: string;
  id: string;
  statement: string;
  value: number | null;
  unit: string;
  date: string | null;
  status: string;
  sources: string[];
}

interface Fact extends Evidence {
  entities: string[];
  kind: 'amount' | 'ratio' | 'chips' | 'downloads' | 'countries';
  confirmed: boolean;
  /** For superseded figures: the later value and its date. */
  later?: { value: number; date: string | null };
}

/** Relative tolerance for amounts and counts; absolute for ratios. */
export const TOLERANCE = { relative: 0.05, ratio: 0.05 };

export async function loadFacts(db: Db, entities: EntityIndex): Promise<Fact[]> {
  const facts: Fact[] = [];
  const factEntities = new Map<string, string[]>();
  for (const e of entities.entities.values()) for (const f of e.facts) factEntities.set(f, [...(factEntities.get(f) ?? []), e.id]);
  const events = await db.all('SELECT id, CAST(date AS VARCHAR) AS date, country, title, actors, amount, currency, confidence, detail_json, source_ids FROM events');
  for (const ev of events) {
    const id = String(ev['id']);
    const detail = JSON.parse(String(ev['detail_json'])) as Record<string, unknown>;
    const ents = [...(factEntities.get(id) ?? []), `country-${String(ev['country']).toLowerCase()}`];
    // Actors and title words that name known entities (organizations).
    for (const m of entities.find(`${String(ev['title'])} ${((ev['actors'] as string[]) ?? []).join(' ')}`)) {
      ents.push(m.entity);
      const parent = entities.entities.get(m.entity)?.parent;
      if (parent) ents.push(parent);
    }
    const base = { table: 'events', date: (ev['date'] as string | null) ?? null, sources: (ev['source_ids'] as string[]) ?? [], entities: [...new Set(ents)], confirmed: ev['confidence'] === 'confirmed' };
    const amount = (detail['amount'] ?? null) as Record<string, unknown> | null;
    if (amount && typeof amount['value'] === 'number') {
      const cur = String(amount['currency'] ?? ev['currency'] ?? 'USD');
      facts.push({ ...base, id, kind: 'amount', statement: `${String(ev['title'])}: ${amount['value']} ${cur}`, value: amount['value'] as number, unit: cur, status: String(ev['confidence']) });
      for (const [k, v] of Object.entries(amount)) {
        if (k !== 'value' && typeof v === 'number') facts.push({ ...base, id: `${id}:${k}`, kind: 'amount', statement: `${String(ev['title'])}, ${k.replace(/_/g, ' ')}: ${v} ${cur}`, value: v, unit: cur, status: String(ev['confidence']) });
      }
    }
    const details = (detail['details'] ?? {}) as Record<string, unknown>;
    if (typeof details['claimed_value'] === 'number') {
      const found = typeof details['found_value'] === 'number' ? (details['found_value'] as number) : null;
      const kind = /download/i.test(`${String(ev['title'])} ${id}`) ? 'downloads' : 'amount';
      facts.push({
        ...base, id: `${id}:claimed`, kind, statement: `${String(ev['title'])}: figure as first reported, ${details['claimed_value']}`, value: details['claimed_value'] as number, unit: kind, status: String(ev['confidence']),
        ...(found !== null ? { later: { value: found, date: String(details['found_value_date'] ?? '') || null } } : {}),
      });
      if (found !== null) facts.push({ ...base, id: `${id}:found`, kind, statement: `${String(ev['title'])}: later figure, ${found} (${String(details['found_value_date'] ?? '')})`, value: found, unit: kind, status: String(ev['confidence']) });
    }
    const sig = detail['signatories'] as Record<string, unknown> | undefined;
    if (sig) {
      facts.push({ ...base, id: `${id}:signatories`, kind: 'countries', statement: `${String(ev['title'])}: signatories ${String(sig['count_reported'] ?? '')}`, value: typeof sig['count_value'] === 'number' ? (sig['count_value'] as number) : null, unit: 'countries', status: sig['count_value'] === null ? 'count reported inconsistently by sources' : String(ev['confidence']), confirmed: false });
    }
    for (const [k, v] of Object.entries(details)) {
      if (typeof v === 'number' && /_usd$|cost/.test(k)) facts.push({ ...base, id: `${id}:${k}`, kind: 'amount', statement: `${String(ev['title'])}: ${k.replace(/_/g, ' ')} ${v}`, value: v, unit: 'USD', status: String(ev['confidence']) });
      const m = typeof v === 'string' ? /(\d+(?:\.\d+)?)%/.exec(v) : null;
      if (m) facts.push({ ...base, id: `${id}:${k}`, kind: 'ratio', statement: `${String(ev['title'])}: ${v}`, value: Number(m[1]) / 100, unit: 'ratio', status: String(ev['confidence']) });
    }
    const title = String(ev['title']);
    const pct = /(\d+(?:\.\d+)?)\s*%/.exec(title) ?? /(\d+)pct/.exec(id);
    if (pct) facts.push({ ...base, id: `${id}:title`, kind: 'ratio', statement: title, value: Number(pct[1]) / 100, unit: 'ratio', status: String(ev['confidence']) });
  }
  for (const r of await db.all('SELECT * FROM reported_figures')) {
    const unit = String(r['unit']);
    facts.push({
      table: 'reported_figures', id: String(r['id']), statement: String(r['statement']), value: r['value'] === null ? null : Number(r['value']), unit, date: (r['date'] as string | null) ?? null,
      status: String(r['status']), sources: (r['source_ids'] as string[]) ?? [], entities: [String(r['subject']), ...(r['versus'] ? [String(r['versus'])] : [])],
      kind: unit === 'ratio' ? 'ratio' : 'amount', confirmed: !/not independently verified|unconfirmed|reported/i.test(String(r['status'])) || /^published comparison/.test(String(r['status'])),
    });
  }
  for (const s of await db.all('SELECT id, name, chips_per_system, confidence, source_ids FROM systems')) {
    facts.push({
      table: 'systems', id: String(s['id']), statement: `${String(s['name'])}: ${s['chips_per_system']} accelerators per system`, value: Number(s['chips_per_system']), unit: 'chips', date: null,
      status: String(s['confidence']), sources: (s['source_ids'] as string[]) ?? [], entities: [String(s['id'])], kind: 'chips', confirmed: s['confidence'] === 'confirmed',
    });
  }
  return facts;
}

const KIND_FOR_METRIC: Record<string, Fact['kind']> = {
  investment: 'amount', valuation: 'amount', training_cost: 'amount', price: 'amount', revenue: 'amount',
  performance_ratio: 'ratio', cost_ratio: 'ratio', self_sufficiency: 'ratio', share: 'ratio', percentage: 'ratio', downloads_share: 'ratio', price_ratio: 'ratio',
  chip_count: 'chips', downloads: 'downloads', signatories: 'countries', country_count: 'countries',
};

function agrees(c: Extracted, f: Fact): boolean {
  if (f.value === null) return false;
  const lo = c.low ?? c.value;
  const hi = c.high ?? c.value;
  if (f.kind === 'ratio') return f.value >= lo - TOLERANCE.ratio && f.value <= hi + TOLERANCE.ratio;
  if (f.kind === 'amount' && f.unit !== c.unit) return false;
  return f.value >= lo * (1 - TOLERANCE.relative) && f.value <= hi * (1 + TOLERANCE.relative);
}

const evidence = (f: Fact): Evidence => ({ table: f.table, id: f.id, statement: f.statement, value: f.value, unit: f.unit, date: f.date, status: f.status, sources: f.sources });

export function checkClaim(c: Extracted, facts: readonly Fact[], entities: EntityIndex): { verdict: Verdict; evidence: Evidence[]; tolerance: string; subject?: string | null } {
  const kind = KIND_FOR_METRIC[c.metric];
  const tolerance = kind === 'ratio' ? `±${TOLERANCE.ratio} absolute` : `±${TOLERANCE.relative * 100}% relative`;
  if (!kind) return { verdict: 'unverifiable', evidence: [], tolerance };
  const about = new Set([c.subject, c.comparison].filter((x): x is string => !!x));
  // Country entities are weak evidence of "aboutness": use them only when nothing more specific is named.
  const specific = [...about].filter((e) => !e.startsWith('country-'));
  const subjectFacts = entities.entities.get(c.subject ?? '')?.facts ?? [];
  if (kind === 'chips') {
    // A chip count is about a system named nearby: the one whose count it matches, if any.
    const systems = facts.filter((f) => f.kind === 'chips' && f.entities.some((e) => c.context.includes(e)));
    const hit = systems.find((f) => agrees(c, f));
    if (hit) return { verdict: hit.confirmed ? 'supported' : 'unverifiable', evidence: [evidence(hit)], tolerance, subject: hit.entities[0] ?? null };
    if (systems.length === 1) return { verdict: (systems[0] as Fact).confirmed ? 'contradicted' : 'unverifiable', evidence: systems.map(evidence), tolerance };
    return { verdict: 'unverifiable', evidence: systems.map(evidence), tolerance };
  }
  const relevant = facts.filter((f) => f.kind === kind && (f.entities.some((e) => (specific.length ? specific : [...about]).includes(e)) || subjectFacts.some((id) => f.id === id || f.id.startsWith(`${id}:`))));
  if (!relevant.length) {
    // Nothing of this kind: show what the snapshot does hold about the subject, as context.
    const subj = entities.entities.get(c.subject ?? '');
    const own = [c.subject, subj?.parent].filter((x): x is string => !!x && !x.startsWith('country-'));
    const related = facts.filter((f) => own.some((e) => f.entities.includes(e)) || subjectFacts.some((id) => f.id.startsWith(id))).slice(0, 3);
    return { verdict: 'unverifiable', evidence: related.map(evidence), tolerance };
  }
  const matching = relevant.filter((f) => agrees(c, f));
  if (matching.length) {
    const superseded = matching.find((f) => f.later && f.later.value > (c.high ?? c.value) * (1 + TOLERANCE.relative));
    if (superseded) {
      const later = relevant.filter((f) => f.id === superseded.id.replace(/:claimed$/, ':found'));
      return { verdict: 'outdated', evidence: [superseded, ...later].map(evidence), tolerance };
    }
    const confirmed = matching.filter((f) => f.confirmed);
    if (confirmed.length) return { verdict: 'supported', evidence: confirmed.map(evidence), tolerance };
    return { verdict: 'unverifiable', evidence: matching.map(evidence), tolerance };
  }
  const confirmedOther = relevant.filter((f) => f.confirmed && f.value !== null && (f.kind !== 'amount' || f.unit === c.unit));
  if (confirmedOther.length && kind === 'amount' && specific.length) return { verdict: 'contradicted', evidence: confirmedOther.map(evidence), tolerance };
  return { verdict: 'unverifiable', evidence: relevant.map(evidence), tolerance };
}
