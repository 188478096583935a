/**
 * @module
 * Export-control rules as data: the curated logic (data/curated/export_controls.json) says for each rule of
 * the rules sheet its dates, its item test and its licence scope as destination sets over the Country Groups
 * and AI Diffusion tiers. This module evaluates those records: destination sets, the criteria trees (with
 * three-valued logic: a missing figure gives `null`), and the dates. Nothing here names a rule.
 */
import { z } from 'zod';
import type { RuleCriterion, RuleDetail } from '../data/details.ts';

export type Tri = boolean | null;
export const and = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes(null) ? null : true);
export const or = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes(null) ? null : false);
export const not = (x: Tri): Tri => (x === null ? null : !x);

export interface SetExpr {
  text?: string;
  source?: string;
  all?: boolean;
  group?: string;
  countries?: string[];
  set?: string;
  rule_list?: { rule: string; criterion: string; field: string };
  any_of?: SetExpr[];
  except?: SetExpr[];
  plus?: SetExpr[];
  from?: string;
  until?: string;
}

const setExpr: z.ZodType<SetExpr> = z.lazy(() =>
  z
    .object({
      text: z.string().optional(),
      source: z.string().optional(),
      all: z.boolean().optional(),
      group: z.string().optional(),
      countries: z.array(z.string()).optional(),
      set: z.string().optional(),
      rule_list: z.object({ rule: z.string(), criterion: z.string(), field: z.string() }).optional(),
      any_of: z.array(setExpr).optional(),
      except: z.array(setExpr).optional(),
      plus: z.array(setExpr).optional(),
      from: z.iso.date().optional(),
      until: z.iso.date().optional(),
    })
    .strict(),
);

const exceptionDef = z
  .object({
    name: z.string(),
    when: z.enum(['always', 'datacenter', 'not_datacenter', 'destination_in']),
    set: z.string().optional(),
    classes: z.array(z.string()).optional(),
  })
  .strict();

const ruleLogic = z
  .object({
    rule: z.string(),
    eccn: z.string().nullable(),
    dates: z
      .object({
        published: z.iso.date().nullable(),
        effective: z.iso.date().nullable(),
        compliance: z.iso.date().nullable(),
        ends: z
          .string()
          .regex(/^\d{4}-\d{2}(-\d{2})?$/)
          .nullable(),
        ends_precision: z.enum(['day', 'month']),
        end_kind: z.string().nullable(),
      })
      .strict(),
    licence_from: z.enum(['effective', 'compliance']),
    dates_note: z.string().optional(),
    item: z
      .object({ criteria_of: z.string().optional(), class: z.string().optional(), criteria: z.unknown().optional() })
      .strict(),
    licence: z.array(
      z.object({ classes: z.array(z.string()), to: z.string(), exceptions: z.array(exceptionDef).optional() }).strict(),
    ),
    after_end: z.string().optional(),
    source: z.string(),
  })
  .strict();

export const logicSchema = z.object({
  note: z.string(),
  license: z.string(),
  compiled: z.string(),
  destination_sets: z.record(z.string(), setExpr),
  tiers: z
    .object({
      rule: z.string(),
      order: z.array(z.string()),
      denial_tier: z.string(),
      tier3_note: z.string(),
      source: z.string(),
      caps: z.array(z.object({ tier: z.string(), criterion: z.string(), per: z.string() }).strict()),
    })
    .strict(),
  rules: z.array(ruleLogic),
});

export type Logic = z.infer<typeof logicSchema>;
export type RuleLogic = z.infer<typeof ruleLogic>;
export type ExceptionDef = z.infer<typeof exceptionDef>;

/** Everything a set expression can refer to. */
export interface SetScope {
  sets: Record<string, SetExpr>;
  groups: Record<string, string[]>;
  /** Lists inside the rules sheet (`rule_list`), e.g. the AI Diffusion tier-1 destinations. */
  ruleDetail: (rule: string) => RuleDetail | undefined;
}

/** Whether the destination (by its Country Group name) is in the set on the date. */
export function inSet(scope: SetScope, expr: SetExpr | string, dest: string, date: string, depth = 0): boolean {
  if (depth > 20) throw new Error('destination sets: a set refers to itself');
  const e = typeof expr === 'string' ? scope.sets[expr] : expr;
  if (!e) throw new Error(`destination sets: no set "${String(expr)}"`);
  if ((e.from && date < e.from) || (e.until && date >= e.until)) return false;
  const sub = (x: SetExpr | string) => inSet(scope, x, dest, date, depth + 1);
  let hit = e.all === true;
  if (e.group) hit ||= (scope.groups[e.group] ?? []).includes(dest);
  if (e.countries) hit ||= e.countries.includes(dest);
  if (e.set) hit ||= sub(e.set);
  if (e.rule_list) hit ||= ruleList(scope, e.rule_list).includes(dest);
  if (e.any_of) hit ||= e.any_of.some(sub);
  if (hit && e.except?.some(sub)) hit = false;
  if (!hit && e.plus?.some(sub)) hit = true;
  return hit;
}

function ruleList(scope: SetScope, ref: { rule: string; criterion: string; field: string }): string[] {
  const criteria = scope.ruleDetail(ref.rule)?.criteria ?? [];
  const v = criteria.find((c) => c.id === ref.criterion)?.[ref.field];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A value found by a dotted path (`criteria.0.in`) in a rule's record. */
export function atPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.'))
    cur = cur === null || typeof cur !== 'object' ? undefined : (cur as Record<string, unknown>)[k];
  return cur;
}

// ---- criteria ----

/** A criterion as the rules' records give it (the schema of the `detail_json` column, src/data/details.ts). */
export type Node = RuleCriterion;

export type Value = number | boolean | string | null;

/** What the evaluator asks of the outside: parameter values, referenced values, set membership. */
export interface Env {
  /** A parameter's value; `undefined` when the parameter is not modelled (it does not apply to the chip). */
  param: (name: string) => Value | undefined;
  ref: (from: NonNullable<Node['value_from']>) => unknown;
  inSet: (set: string, value: string) => boolean;
}

export interface Trace {
  /** Alternatives (`a.1`, `b.2`, `named` …) that held. */
  hits: string[];
  /** Parameters whose value was missing where the answer needed it. */
  missing: string[];
  /** Parameters the data does not model (treated as not met). */
  unmodelled: string[];
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Whether `name` is one of `listed` or a variant of one (its words, then more: "Ascend 910B2" of "Ascend 910B"). */
export function namesItem(name: string, listed: string[]): string | null {
  const n = ` ${fold(name)}`;
  for (const l of listed) {
    const words = fold(l).split(' ');
    // The vendor word may be absent from the chip's name; the model words must all be there, in order.
    for (let k = 0; k < words.length; k++) {
      const core = words.slice(k).join(' ');
      if (core.length >= 3 && /\d/.test(core) && n.includes(` ${core}`)) return l;
    }
  }
  return null;
}

function leaf(node: Node, env: Env, t: Trace): Tri {
  const name = node.param as string;
  const v = env.param(name);
  if (v === undefined) {
    if (!t.unmodelled.includes(name)) t.unmodelled.push(name);
    return false;
  }
  const target = node.value_from ? env.ref(node.value_from) : node.value;
  const op = node.op ?? '==';
  if (op === 'in_set') return typeof v === 'string' ? env.inSet(String(target), v) : v === null ? miss(t, name) : false;
  if (v === null || target === null || target === undefined) return miss(t, name);
  switch (op) {
    case '>=':
      return (v as number) >= (target as number);
    case '>':
      return (v as number) > (target as number);
    case '<':
      return (v as number) < (target as number);
    case '<=':
      return (v as number) <= (target as number);
    case '==':
      return v === target;
    case 'in':
      return Array.isArray(target) && target.includes(v);
    case 'names':
      return Array.isArray(target) && typeof v === 'string' && namesItem(v, target as string[]) !== null;
    default:
      throw new Error(`rule data: unknown operator ${op}`);
  }
}

function miss(t: Trace, name: string): null {
  if (!t.missing.includes(name)) t.missing.push(name);
  return null;
}

export function evaluate(node: Node, env: Env, t: Trace): Tri {
  if (node.param !== undefined) return leaf(node, env, t);
  const parts: Tri[] = [];
  const all = node.all ?? node.all_of;
  if (all) parts.push(and(all.map((n) => evaluate(n, env, t))));
  if (node.any_of) {
    const r = node.any_of.map((n) => evaluate(n, env, t));
    node.any_of.forEach((n, k) => {
      if (r[k] === true && n.id && !t.hits.includes(n.id)) t.hits.push(n.id);
    });
    parts.push(or(r));
  }
  return and(parts);
}

/** Numeric thresholds of a criteria tree with the paragraph and alternative they belong to. */
export interface Threshold {
  paragraph: string;
  test: string;
  param: string;
  op: string;
  value: number;
}

export function thresholds(nodes: Node[], env: Env): Threshold[] {
  const out: Threshold[] = [];
  const walk = (n: Node, paragraph: string, test: string) => {
    const p = n.paragraph ?? paragraph;
    const id = n.id ?? test;
    if (n.param !== undefined) {
      const target = n.value_from ? env.ref(n.value_from) : n.value;
      if (typeof target === 'number' && ['>=', '>', '<', '<='].includes(n.op ?? ''))
        out.push({ paragraph: p, test: id, param: n.param, op: n.op as string, value: target });
      return;
    }
    for (const c of [...(n.all ?? []), ...(n.all_of ?? []), ...(n.any_of ?? []), ...(n.when ?? [])]) walk(c, p, id);
  };
  for (const n of nodes) walk(n, n.paragraph ?? '', n.id ?? n.paragraph ?? '');
  return out;
}

/**
 * The item test of a rule: paragraphs tried in order, each possibly limited to items outside an earlier one
 * (`applies_only_if_not`) and possibly excluded by a note (`logic: EXCLUDE`). Returns the paragraph that holds.
 */
export function classifyItem(
  nodes: Node[],
  env: Env,
  t: Trace,
  single?: string,
): { classification: string | null; controlled: Tri; excluded_by: string | null } {
  const excl = nodes.filter((n) => n.logic === 'EXCLUDE');
  const paras = nodes.filter((n) => n.logic !== 'EXCLUDE');
  const results = new Map<string, Tri>();
  let excludedBy: string | null = null;
  const out: { para: string; r: Tri }[] = [];
  for (const p of paras) {
    const name = p.paragraph ?? single ?? p.id ?? 'item';
    let r = evaluate(p, env, t);
    if (p.applies_only_if_not) r = and([r, not(results.get(p.applies_only_if_not) ?? false)]);
    for (const x of excl) {
      if (!(x.excludes ?? []).includes(name)) continue;
      const ex = and((x.when ?? []).map((n) => evaluate(n, env, t)));
      if (ex === true && r !== false) excludedBy = x.paragraph ?? 'a note';
      r = and([r, not(ex)]);
    }
    results.set(name, r);
    out.push({ para: name, r });
  }
  const first = out.find((o) => o.r === true);
  if (first) return { classification: first.para, controlled: true, excluded_by: null };
  if (out.every((o) => o.r === false)) return { classification: null, controlled: false, excluded_by: excludedBy };
  return { classification: null, controlled: null, excluded_by: null };
}

// ---- dates ----

export type Phase =
  | 'not yet published'
  | 'published, not yet effective'
  | 'in effect, compliance not yet required'
  | 'in force'
  | 'end month (day not in the data)'
  | 'ended';

export interface DateStatus {
  phase: Phase;
  /** Whether the rule's licence requirement binds on the date (null in an end month given only to the month). */
  binding: Tri;
  /** The date that decides the answer, and which of the rule's dates it is. */
  governing: { kind: 'published' | 'effective' | 'compliance' | 'end'; date: string | null };
  text: string;
}

export function dateStatus(r: RuleLogic, date: string): DateStatus {
  const d = r.dates;
  const startKind = r.licence_from;
  const start = (startKind === 'compliance' ? d.compliance : null) ?? d.effective;
  const endDay = d.ends && d.ends.length === 7 ? `${d.ends}-01` : d.ends;
  const endText = d.ends
    ? `${d.end_kind ?? 'ended'} ${d.ends}${d.ends_precision === 'month' ? ' (month only)' : ''}`
    : '';
  const dated = `published ${d.published ?? '?'}, effective ${d.effective ?? '?'}${d.compliance ? `, compliance ${d.compliance}` : ''}${d.ends ? `, ${endText}` : ''}`;
  if (endDay && d.ends_precision === 'month' && date.slice(0, 7) === d.ends?.slice(0, 7)) {
    return {
      phase: 'end month (day not in the data)',
      binding: null,
      governing: { kind: 'end', date: d.ends },
      text: `${date} is in the month the rule ended (${endText}); the day is not in the data (${dated})`,
    };
  }
  if (endDay && date >= endDay) {
    const never =
      start && start >= endDay ? `; its licence requirement (from the ${startKind} date ${start}) never took hold` : '';
    return {
      phase: 'ended',
      binding: false,
      governing: { kind: 'end', date: d.ends },
      text: `not binding on ${date}: ${endText}${never} (${dated})`,
    };
  }
  if (d.published && date < d.published && (!d.effective || date < d.effective)) {
    return {
      phase: 'not yet published',
      binding: false,
      governing: { kind: 'published', date: d.published },
      text: `not yet published on ${date} (${dated})`,
    };
  }
  if (d.effective && date < d.effective) {
    return {
      phase: 'published, not yet effective',
      binding: false,
      governing: { kind: 'effective', date: d.effective },
      text: `published but not yet effective on ${date} (${dated})`,
    };
  }
  if (start && date < start) {
    return {
      phase: 'in effect, compliance not yet required',
      binding: false,
      governing: { kind: 'compliance', date: start },
      text: `in effect since ${d.effective}, but compliance is not required until ${start}, which governs (${dated})`,
    };
  }
  return {
    phase: 'in force',
    binding: true,
    governing: { kind: startKind, date: start },
    text: `in force on ${date}: the ${startKind} date ${start ?? '?'} governs (${dated})`,
  };
}

/** Every date at which some rule's status can change. */
export function ruleDates(rules: readonly RuleLogic[]): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    for (const v of [r.dates.published, r.dates.effective, r.dates.compliance]) if (v) out.add(v);
    if (r.dates.ends) {
      out.add(r.dates.ends.length === 7 ? `${r.dates.ends}-01` : r.dates.ends);
      if (r.dates.ends.length === 7) out.add(nextMonth(r.dates.ends));
    }
  }
  return [...out].sort();
}

function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
