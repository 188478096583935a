/**
 * @module
 * Status over time: a chip and destination classified at every date where a rule's dates or a destination
 * set's membership change, the unchanged stretches merged, with the dated events that bear on it.
 */
import type { Chip } from './chips.ts';
import { classifyUnder, overall, type Context } from './classify.ts';
import type { Destination } from './destinations.ts';
import { namesItem, ruleDates, type SetExpr, type Tri } from './rules.ts';

export interface RuleState {
  rule: string;
  status: string;
  classification: string | null;
  controlled: Tri;
  license_required: Tri;
  summary: string;
  citation: string | null;
}

export interface Period {
  from: string;
  /** Exclusive; null for the last period. */
  to: string | null;
  license_required: Tri;
  /** Rules that require a licence in the period. */
  by: string[];
  /** What changed at `from`, as rule: old → new. */
  changes: string[];
  rules: RuleState[];
}

export interface EventRow {
  id: string;
  date: string | null;
  kind: string;
  title: string;
  /** Whether the event names the chip. */
  names_chip: boolean;
  source_ids: string[];
}

export interface StatusOverTime {
  chip: string;
  chip_id: string;
  destination: string;
  from: string;
  to: string;
  periods: Period[];
  events: EventRow[];
}

function setDates(expr: SetExpr | undefined, out: Set<string>): void {
  if (!expr) return;
  for (const d of [expr.from, expr.until]) if (d) out.add(d);
  for (const e of [...(expr.any_of ?? []), ...(expr.except ?? []), ...(expr.plus ?? [])]) setDates(e, out);
}

/** Every date at which an answer can change: rule dates and destination-set dates. */
export function breakpoints(ctx: Context): string[] {
  const out = new Set(ruleDates(ctx.logic.rules));
  for (const s of Object.values(ctx.logic.destination_sets)) setDates(s, out);
  return [...out].sort();
}

const key = (r: RuleState) => `${r.status}|${r.classification}|${r.controlled}|${r.license_required}`;

export function statusOverTime(
  ctx: Context,
  chip: Chip,
  dest: Destination,
  from: string,
  to: string,
  events: readonly EventRow[],
): StatusOverTime {
  const dates = [from, ...breakpoints(ctx).filter((d) => d > from && d <= to)];
  const periods: Period[] = [];
  for (const date of dates) {
    const results = ctx.rules
      .filter((r) => ctx.logic.rules.some((l) => l.rule === r.id))
      .map((r) => classifyUnder(ctx, r, chip, date, dest));
    const rules: RuleState[] = results.map((r) => ({
      rule: r.rule ?? '',
      status: r.status,
      classification: r.classification,
      controlled: r.controlled,
      license_required: r.license_required,
      summary: r.summary,
      citation: r.citation,
    }));
    const o = overall(results);
    const prev = periods.at(-1);
    const changes = prev
      ? rules
          .filter((r, k) => key(r) !== key(prev.rules[k] as RuleState))
          .map((r, k) => {
            const p = prev.rules.find((x) => x.rule === r.rule);
            return `${r.rule}: ${p?.status ?? '?'}${p?.license_required === true ? ' (licence)' : ''} → ${r.status}${r.license_required === true ? ' (licence)' : r.license_required === null ? ' (open)' : ''}${k < 0 ? '' : ''}`;
          })
      : [];
    if (prev && changes.length === 0) continue;
    if (prev) prev.to = date;
    periods.push({ from: date, to: null, license_required: o.license_required, by: o.by, changes, rules });
  }
  const named = events.map((e) => ({ ...e, names_chip: namesItem(e.title, [chip.name]) !== null }));
  return {
    chip: chip.name,
    chip_id: chip.id,
    destination: dest.code,
    from,
    to,
    periods,
    events: named.filter(
      (e) => e.date !== null && e.date >= from && e.date <= to && (e.names_chip || /export|entity/.test(e.kind)),
    ),
  };
}
