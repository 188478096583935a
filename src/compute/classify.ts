/**
 * @module
 * Export-control classification of a chip under the rules as data (the `rules` table, from
 * export_rules.json and the eCFR text of 3A090). The item thresholds are read from each rule's criteria and
 * evaluated with three-valued logic (true / false / unknown when a needed figure, e.g. die area, is
 * missing); dates in force come from each rule's effective / superseded / rescinded fields; the license
 * scope of each rule is coded here, quoting the rule's own scope text in the reason.
 */
import { derive, type Chip } from './chips.ts';
import { inGroup, type CountryGroups, type Destination } from './destinations.ts';

export interface RuleRecord {
  id: string;
  title: string;
  citation: string | null;
  effective: string | null;
  superseded_by: string | null;
  rescinded: string | null;
  verification: string | null;
  detail: Record<string, unknown>;
  source_ids: string[];
}

export interface Classification {
  chip: string;
  rule: string | null;
  date: string;
  destination: string | null;
  tpp: number | null;
  pd: number | null;
  /** ECCN paragraph (`3A090.a`, `3A090.b`, `3A090` for the 2022 rule) or null. */
  classification: string | null;
  /** Whether the rule covers the item; null when a missing figure leaves it undetermined. */
  controlled: boolean | null;
  /** Whether shipping to the destination on the date needs a license under this rule; null without a destination or when undetermined. */
  license_required: boolean | null;
  license_exception: string | null;
  reason: string;
  verification: string | null;
  citation: string | null;
  sources: string[];
}

type Tri = boolean | null;
const and = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes(null) ? null : false);

interface Node {
  param?: string;
  op?: string;
  value?: unknown;
  all?: Node[];
  all_of?: Node[];
  any_of?: Node[];
  id?: string;
  text?: string;
}

type Params = Record<string, number | boolean | null>;

/** Parameters of the criteria, by the names the rule data uses. Unlisted ones do not apply to a chip given by its dense throughput (analog or multi-level units). */
function paramsOf(chip: Chip): Params {
  const d = derive(chip);
  return {
    TPP: d.tpp,
    PD: d.pd,
    bit_length_x_TOPS_aggregated: d.tpp,
    aggregate_bidirectional_transfer_rate_GBps: chip.interconnect_gbps_bidirectional,
    designed_or_marketed_for_datacenter: chip.datacenter,
  };
}

function compare(v: number | boolean | null | undefined, op: string, target: unknown): Tri {
  if (v === undefined) return false;
  if (v === null) return null;
  switch (op) {
    case '>=': return (v as number) >= (target as number);
    case '>': return (v as number) > (target as number);
    case '<': return (v as number) < (target as number);
    case '<=': return (v as number) <= (target as number);
    case '==': return v === target;
    default: throw new Error(`rule data: unknown operator ${op}`);
  }
}

/** Evaluates a criteria node; `hits` collects the ids of the alternatives that held. */
function evaluate(node: Node, p: Params, hits: string[]): Tri {
  if (node.param !== undefined) return compare(p[node.param], node.op ?? '==', node.value);
  const all = node.all ?? node.all_of;
  const any = node.any_of;
  const results: Tri[] = [];
  if (all) results.push(and(all.map((n) => evaluate(n, p, hits))));
  if (any) {
    const r = any.map((n) => evaluate(n, p, hits));
    any.forEach((n, k) => {
      if (r[k] === true && n.id) hits.push(n.id);
    });
    results.push(or(r));
  }
  const out = and(results);
  return out;
}

const fmt = (x: number | null, d = 0) => (x === null ? 'unknown' : x.toLocaleString('en-US', { maximumFractionDigits: d }));

/** First date in a free-text field: YYYY-MM-DD, or YYYY-MM (then `month` is true). */
export function firstDate(text: string | null): { date: string; month: boolean } | null {
  if (!text) return null;
  const day = /(\d{4}-\d{2}-\d{2})/.exec(text);
  if (day) return { date: day[1] as string, month: false };
  const month = /(\d{4}-\d{2})(?!-\d)/.exec(text);
  return month ? { date: `${month[1]}-01`, month: true } : null;
}

export interface Window {
  start: string | null;
  end: string | null;
  endIsMonth: boolean;
}

/** When a rule is in force: from its effective date until it is superseded or rescinded (exclusive). */
export function windowOf(r: RuleRecord): Window {
  const end = firstDate(r.superseded_by) ?? firstDate(r.rescinded);
  return { start: r.effective, end: end?.date ?? null, endIsMonth: end?.month ?? false };
}

export const inForce = (w: Window, date: string) => (w.start === null || date >= w.start) && (w.end === null || date < w.end);

/** The 2023 license scope: Country Groups D:1, D:4, D:5, except destinations also in A:5 or A:6, plus Macau. */
function scope2023(groups: CountryGroups, d: Destination): boolean {
  if (d.code === 'MO') return true;
  const inD = inGroup(groups, 'D:1', d) || inGroup(groups, 'D:4', d) || inGroup(groups, 'D:5', d);
  const inA = inGroup(groups, 'A:5', d) || inGroup(groups, 'A:6', d);
  return inD && !inA;
}

export interface Context {
  rules: RuleRecord[];
  groups: CountryGroups;
  groupsAsOf: string;
  /** The 2022 rule's scope added Macau on this date (88 FR 2821). */
  macau2022: string;
  /** Reference chip for the 2025 H20 license requirement ("H20 or any IC achieving its memory or interconnect bandwidth"). */
  h20: Chip | null;
}

function base(chip: Chip, rule: RuleRecord | null, date: string, dest: Destination | null): Omit<Classification, 'classification' | 'controlled' | 'license_required' | 'license_exception' | 'reason'> {
  const d = derive(chip);
  return {
    chip: chip.name, rule: rule?.id ?? null, date, destination: dest?.code ?? null, tpp: d.tpp, pd: d.pd,
    verification: rule?.verification ?? null, citation: rule?.citation ?? null, sources: [...new Set([...(rule?.source_ids ?? []), ...chip.sources])],
  };
}

function figures(chip: Chip): string {
  const d = derive(chip);
  const unconfirmed = chip.unconfirmed_fields.filter((f) => ['die_area_mm2', 'fp8_dense_tflops', 'int8_dense_tops', 'bf16_dense_tflops', 'fp16_dense_tflops', 'interconnect_gbps_bidirectional'].includes(f));
  return `TPP ${fmt(d.tpp)}${d.tpp_precision ? ` (${d.tpp_precision})` : ''}, PD ${d.pd === null ? 'unknown (no die area)' : fmt(d.pd, 2)}${unconfirmed.length ? `; unconfirmed inputs: ${unconfirmed.join(', ')}` : ''}`;
}

/** ECCN paragraph under the 2023 item text (also used, unchanged, by the 2025 rules). */
function paragraph2023(rule: RuleRecord, chip: Chip): { classification: string | null; controlled: Tri; why: string } {
  const criteria = (rule.detail['criteria'] as (Node & { paragraph?: string; logic?: string; when?: Node[] })[] | undefined) ?? [];
  const p = paramsOf(chip);
  const para = (name: string) => criteria.find((c) => c.paragraph === name);
  const note = criteria.find((c) => c.logic === 'EXCLUDE');
  const aHits: string[] = [];
  const bHits: string[] = [];
  const a = para('3A090.a') ? evaluate(para('3A090.a') as Node, p, aHits) : false;
  const b = para('3A090.b') ? evaluate(para('3A090.b') as Node, p, bHits) : false;
  const excluded = note?.when ? and(note.when.map((n) => evaluate(n, p, []))) : false;
  const f = figures(chip);
  if (excluded === true) return { classification: null, controlled: false, why: `Note 2 to 3A090: not designed or marketed for datacenters and TPP below 4,800, so 3A090.a and .b do not apply (${f})` };
  if (a === true) {
    const nonDc = chip.datacenter === false ? '; not designed for datacenters with TPP ≥ 4,800, so Note 2 does not exclude it' : '';
    return { classification: '3A090.a', controlled: true, why: `3A090.${aHits.join('/') || 'a'}: ${aHits.includes('a.2') && !aHits.includes('a.1') ? 'TPP ≥ 1,600 and PD ≥ 5.92' : 'TPP ≥ 4,800'} (${f})${nonDc}` };
  }
  if (a === false && b === true) return { classification: '3A090.b', controlled: true, why: `3A090.${bHits.join('/')}: ${bHits.includes('b.1') ? '2,400 ≤ TPP < 4,800 and 1.6 ≤ PD < 5.92' : 'TPP ≥ 1,600 and 3.2 ≤ PD < 5.92'} (${f})` };
  if (a === false && b === false && excluded !== null) return { classification: null, controlled: false, why: `below 3A090.a (TPP < 4,800, and not TPP ≥ 1,600 with PD ≥ 5.92) and outside 3A090.b (${f})` };
  return { classification: null, controlled: null, why: `undetermined: the thresholds need a figure this chip lacks (${f}); give it with --chips` };
}

function classifyItem2022(rule: RuleRecord, chip: Chip): { classification: string | null; controlled: Tri; why: string } {
  const criteria = (rule.detail['criteria'] as Node[] | undefined) ?? [];
  const p = paramsOf(chip);
  const hits: string[] = [];
  const r = or(criteria.map((c) => evaluate(c, p, hits)));
  const ic = chip.interconnect_gbps_bidirectional;
  const f = `${figures(chip)}, interconnect ${ic === null ? 'unknown' : `${fmt(ic)} GB/s`}`;
  if (r === true) return { classification: '3A090', controlled: true, why: `3A090 (2022): interconnect ≥ 600 GB/s and bit length × TOPS ≥ 4,800 (${f})` };
  if (r === false) {
    const low = ic !== null && ic < 600 ? 'interconnect below 600 GB/s' : 'bit length × TOPS below 4,800';
    return { classification: null, controlled: false, why: `outside 3A090 (2022): ${low}; both conditions must hold (${f})` };
  }
  return { classification: null, controlled: null, why: `undetermined under the 2022 rule: missing figures (${f})` };
}

/** Classifies a chip under one rule, for a date and an optional destination. */
export function classifyUnder(ctx: Context, rule: RuleRecord, chip: Chip, date: string, dest: Destination | null): Classification {
  const b = base(chip, rule, date, dest);
  const w = windowOf(rule);
  const active = inForce(w, date);
  const when = `${w.start ?? '?'} to ${w.end ? `${w.end}${w.endIsMonth ? ' (month only: the day is not in the data)' : ''}` : 'now'}`;
  const groupsNote = dest && date < ctx.groupsAsOf ? `; country groups as listed on ${ctx.groupsAsOf} (earlier membership unconfirmed)` : '';
  const notInForce = (c: { classification: string | null; controlled: Tri; why: string }): Classification => ({
    ...b, classification: c.classification, controlled: c.controlled, license_required: dest ? false : null, license_exception: null,
    reason: `${rule.id} is not in force on ${date} (in force ${when}); item: ${c.why}`,
  });

  switch (rule.id) {
    case '3A090-2022': {
      const c = classifyItem2022(rule, chip);
      if (!active) return notInForce(c);
      const scope = String(rule.detail['destination_scope'] ?? 'China (PRC)');
      const inScope = dest ? dest.code === 'CN' || (dest.code === 'MO' && date >= ctx.macau2022) : null;
      return {
        ...b, classification: c.classification, controlled: c.controlled,
        license_required: dest === null || c.controlled === null ? null : c.controlled === true && inScope === true, license_exception: null,
        reason: `${c.why}${dest ? `; destination ${dest.name} ${inScope ? 'is' : 'is not'} in the rule's scope (${scope})` : ''}`,
      };
    }
    case '3A090-2023':
    case 'AI-Diffusion-2025': {
      const item = ctx.rules.find((r) => r.id === '3A090-2023');
      const c = item ? paragraph2023(item, chip) : { classification: null, controlled: null, why: 'the 2023 item text is missing from the data' };
      if (!active && rule.id === '3A090-2023') return notInForce(c);
      const nacA = c.classification === '3A090.a' && chip.datacenter === false ? 'NAC (notification): non-datacenter item with TPP ≥ 4,800' : null;
      const nacB = c.classification === '3A090.b' && chip.datacenter === true ? 'NAC (notification): 3A090.b item designed for datacenters' : null;
      if (rule.id === 'AI-Diffusion-2025') {
        const enforced = active;
        const after = w.end !== null && date >= w.end;
        if (!enforced) {
          const scoped = dest ? scope2023(ctx.groups, dest) : null;
          return {
            ...b, classification: c.classification, controlled: c.controlled,
            license_required: dest === null || c.controlled === null ? null : c.controlled === true && scoped === true,
            license_exception: nacA ?? nacB,
            reason: after
              ? `AI Diffusion rule not enforced from ${w.end} (${rule.rescinded ?? ''}); the 2023 scope applies in practice: ${c.why}${dest ? `; ${dest.name} ${scoped ? 'is' : 'is not'} in D:1/D:4/D:5 outside A:5/A:6 (or Macau)${groupsNote}` : ''}`
              : `AI Diffusion rule not yet in force on ${date} (effective ${w.start}); item: ${c.why}`,
          };
        }
        const residue = (rule.detail['eCFR_2026-07-23_residue'] ?? {}) as Record<string, string>;
        const tier1 = ((rule.detail['criteria'] as { id?: string; destinations?: string[] }[] | undefined) ?? []).find((x) => x.id === 'tier1_AIA')?.destinations ?? [];
        let required: boolean | null = null;
        let exception: string | null = null;
        let scopeText = '';
        if (dest && c.controlled !== null) {
          if (c.classification === '3A090.a') {
            required = dest.code !== 'US';
            if (tier1.includes(dest.name)) exception = 'AIA (tier-1 destination)';
            scopeText = `3A090.a needs a license to any destination (${residue['3A090.a_RS'] ?? 'worldwide'})${exception ? `; ${dest.name} is tier 1, so License Exception AIA is available` : ''}`;
          } else if (c.classification === '3A090.b') {
            required = dest.code === 'AE' || scope2023(ctx.groups, dest);
            scopeText = `3A090.b scope: ${residue['3A090.b_RS'] ?? 'UAE and D:1/D:4/D:5 except A:5/A:6'}`;
          } else required = false;
        }
        return { ...b, classification: c.classification, controlled: c.controlled, license_required: required, license_exception: exception ?? nacB, reason: `${c.why}${scopeText ? `; ${scopeText}${groupsNote}` : ''}` };
      }
      const scoped = dest ? scope2023(ctx.groups, dest) : null;
      const scopeText = String((rule.detail['license_requirement_2023_to_2025'] as Record<string, string> | undefined)?.['3A090.a'] ?? 'D:1, D:4, D:5 not also in A:5 or A:6, plus Macau');
      return {
        ...b, classification: c.classification, controlled: c.controlled,
        license_required: dest === null || c.controlled === null ? null : c.controlled === true && scoped === true,
        license_exception: scoped ? (nacA ?? nacB) : null,
        reason: `${c.why}${dest ? `; ${dest.name} ${scoped ? 'is' : 'is not'} in the license scope (${scopeText})${groupsNote}` : ''}`,
      };
    }
    case 'BIS-GP10-Guidance-2025-05-13': {
      const items = ((rule.detail['criteria'] as { in?: string[] }[] | undefined) ?? []).flatMap((x) => x.in ?? []);
      const named = items.find((i) => chip.name.toLowerCase().includes(i.toLowerCase().replace(/^huawei /, '')));
      const controlled = named !== undefined;
      if (!active) return { ...b, classification: null, controlled, license_required: dest ? false : null, license_exception: null, reason: `${rule.id} is not in force on ${date} (from ${w.start})` };
      return {
        ...b, classification: null, controlled,
        license_required: dest === null ? null : controlled,
        license_exception: null,
        reason: controlled
          ? `BIS guidance of ${w.start}: ${named} is presumed subject to General Prohibition 10; using it anywhere, not only in China, risks violating the EAR (guidance, not an FR rule; ${rule.verification ?? ''})`
          : `not one of the items the ${w.start} guidance names (${items.join(', ')}; the list is non-exhaustive)`,
      };
    }
    case 'H20-is-informed-2025': {
      const ref = ctx.h20;
      const isH20 = /\bh20\b/i.test(chip.name);
      const mem = ref?.memory_bandwidth_tbps !== null && ref?.memory_bandwidth_tbps !== undefined && chip.memory_bandwidth_tbps !== null ? chip.memory_bandwidth_tbps >= ref.memory_bandwidth_tbps : null;
      const ic = ref?.interconnect_gbps_bidirectional !== null && ref?.interconnect_gbps_bidirectional !== undefined && chip.interconnect_gbps_bidirectional !== null ? chip.interconnect_gbps_bidirectional >= ref.interconnect_gbps_bidirectional : null;
      const controlled: Tri = isH20 ? true : or([mem, ic]);
      const china = dest ? ['CN', 'HK', 'MO'].includes(dest.code) || inGroup(ctx.groups, 'D:5', dest) : null;
      if (!active) return { ...b, classification: null, controlled, license_required: dest ? false : null, license_exception: null, reason: `${rule.id} is not in force on ${date} (in force ${when})` };
      const uncertain = w.endIsMonth && date.slice(0, 7) === (w.end ?? '').slice(0, 7) ? ' (the reversal month: the day is not in the data)' : '';
      return {
        ...b, classification: null, controlled,
        license_required: dest === null || controlled === null ? null : controlled === true && china === true,
        license_exception: null,
        reason: `${isH20 ? 'the H20 itself' : controlled ? `achieves the H20's ${mem ? `memory bandwidth (${chip.memory_bandwidth_tbps} ≥ ${ref?.memory_bandwidth_tbps} TB/s)` : `interconnect (${chip.interconnect_gbps_bidirectional} ≥ ${ref?.interconnect_gbps_bidirectional} GB/s)`}` : controlled === false ? 'below the H20 in memory and interconnect bandwidth' : 'memory or interconnect bandwidth unknown'}; license required for China (incl. Hong Kong, Macau) and D:5 from ${w.start}, reversed ${rule.rescinded ?? ''}${uncertain}`,
      };
    }
    case '3A090.c-HBM-2024':
      return {
        ...b, classification: null, controlled: false, license_required: dest ? false : null, license_exception: null,
        reason: '3A090.c covers HBM stacks with memory bandwidth density > 2 GB/s/mm²; it excludes co-packaged ICs whose dominant function is processing, such as this accelerator',
      };
    default:
      return { ...b, classification: null, controlled: null, license_required: null, license_exception: null, reason: `no classifier for rule ${rule.id}` };
  }
}

/** The rules that apply on a date when none is named: the item rule in force, and the other rules in force that day. */
export function rulesInForce(rules: readonly RuleRecord[], date: string): RuleRecord[] {
  const classifiers = ['3A090-2022', '3A090-2023', 'AI-Diffusion-2025', 'BIS-GP10-Guidance-2025-05-13', 'H20-is-informed-2025'];
  return rules.filter((r) => classifiers.includes(r.id) && inForce(windowOf(r), date));
}

export function classify(ctx: Context, chip: Chip, opts: { rule?: string; date: string; destination: Destination | null }): Classification[] {
  if (opts.rule) {
    const rule = ctx.rules.find((r) => r.id === opts.rule);
    if (!rule) throw new Error(`unknown rule "${opts.rule}" (rules: ${ctx.rules.map((r) => r.id).join(', ')})`);
    return [classifyUnder(ctx, rule, chip, opts.date, opts.destination)];
  }
  const active = rulesInForce(ctx.rules, opts.date);
  if (active.length === 0) {
    return [{ ...base(chip, null, opts.date, opts.destination), classification: null, controlled: false, license_required: opts.destination ? false : null, license_exception: null, reason: `no 3A090 rule in the data is in force on ${opts.date} (the first took effect 2022-10-07)` }];
  }
  return active.map((r) => classifyUnder(ctx, r, chip, opts.date, opts.destination));
}
