/**
 * @module
 * Export-control classification of a chip under the rules as data. The item test of each rule is its criteria
 * (from the rules sheet, or the curated logic where the sheet has only text), its licence scope is a
 * destination set, its dates say when the licence requirement binds (data/curated/export_controls.json).
 * A chip whose inputs leave its TPP open (figures not known to be dense, TF32 bit length) is classified in each
 * reading; an answer that differs between readings, or needs a missing figure, is `null` and names the input
 * that decides it. Margins: the distance to each threshold and the smallest derating that clears it.
 */
import type { RuleDetail } from '../data/details.ts';
import { derive, worlds, type Chip, type World } from './chips.ts';
import { EAR_NAMES, type CountryGroups, type Destination } from './destinations.ts';
import {
  atPath,
  classifyItem,
  dateStatus,
  inSet,
  thresholds,
  type DateStatus,
  type Env,
  type Logic,
  type Node,
  type RuleLogic,
  type SetScope,
  type Threshold,
  type Trace,
  type Tri,
} from './rules.ts';
import { grouped } from '../util/numbers.ts';

export interface RuleRecord {
  id: string;
  title: string;
  citation: string | null;
  effective: string | null;
  superseded_by: string | null;
  rescinded: string | null;
  verification: string | null;
  detail: RuleDetail;
  source_ids: string[];
}

export interface Context {
  rules: RuleRecord[];
  logic: Logic;
  groups: CountryGroups;
  groupsAsOf: string;
  /** Chips a rule may refer to (the H20 letter's reference bandwidths). */
  chips: readonly Chip[];
  /** Read figures of unstated basis as dense (an analyst's assumption, said in each answer); default: both readings. */
  assumeDense?: boolean;
}

export interface MarginTest {
  paragraph: string;
  test: string;
  param: string;
  op: string;
  threshold: number;
  value: number | null;
  met: boolean | null;
  /** value − threshold, in the parameter's unit. */
  distance: number | null;
  ratio: number | null;
}

export interface Derating {
  dimension: 'throughput' | 'interconnect' | 'memory_bandwidth';
  target: string;
  /** Multiply the dimension by less than this to reach the target; above 1 means headroom before control. */
  factor: number | null;
  reduction_percent: number | null;
  note: string;
}

export interface Margins {
  tests: MarginTest[];
  derating: Derating[];
}

export interface Classification {
  chip: string;
  chip_id: string;
  rule: string | null;
  date: string;
  destination: string | null;
  tpp: number | null;
  pd: number | null;
  /** The ECCN paragraph (or the rule's item class) that holds; null when none does or it is open. */
  classification: string | null;
  /** Classifications the readings of the chip's figures allow, when they differ. */
  possible_classifications: string[];
  /** Whether the rule covers the item; null when a missing or uncertain input leaves it open. */
  controlled: Tri;
  /** Whether the export to the destination on the date needs a licence under this rule; null without a destination or when open. */
  license_required: Tri;
  license_exception: string | null;
  /** The rule's phase on the date and the date that governs the answer. */
  status: string;
  governing_date: { kind: string; date: string | null } | null;
  dates: RuleLogic['dates'] | null;
  /** Inputs that decide an open answer (die_area_mm2, throughput_basis, interconnect_gbps_bidirectional …). */
  decided_by: string[];
  /** One sentence: the answer, the rule, its paragraph and its citation. */
  summary: string;
  /** The summary, then the details. */
  reason: string;
  margins: Margins;
  verification: string | null;
  citation: string | null;
  sources: string[];
}

const PARAM_INPUT: Record<string, string> = {
  PD: 'die_area_mm2',
  aggregate_bidirectional_transfer_rate_GBps: 'interconnect_gbps_bidirectional',
  designed_or_marketed_for_datacenter: 'datacenter',
  memory_bandwidth_density_GBps_per_mm2: 'hbm_package_area',
  TPP: 'throughput figures',
  bit_length_x_TOPS_aggregated: 'throughput figures',
  origin: 'country',
};
const DIMENSION: Record<string, Derating['dimension']> = {
  TPP: 'throughput',
  PD: 'throughput',
  bit_length_x_TOPS_aggregated: 'throughput',
  aggregate_bidirectional_transfer_rate_GBps: 'interconnect',
  interconnect_gbps_bidirectional: 'interconnect',
  memory_bandwidth_tbps: 'memory_bandwidth',
};

type Scale = Partial<Record<Derating['dimension'], number>>;

function scope(ctx: Context): SetScope {
  return {
    sets: ctx.logic.destination_sets,
    groups: ctx.groups,
    ruleDetail: (id) => ctx.rules.find((r) => r.id === id)?.detail,
  };
}

/** The item criteria of a rule: the rules sheet's own, or the curated tree. */
function criteriaOf(ctx: Context, logic: RuleLogic): { nodes: Node[]; single?: string } {
  if (logic.item.criteria_of) {
    const nodes = ctx.rules.find((r) => r.id === logic.item.criteria_of)?.detail.criteria ?? [];
    return { nodes };
  }
  return { nodes: logic.item.criteria ? [logic.item.criteria as Node] : [], single: logic.item.class ?? logic.rule };
}

function envOf(ctx: Context, chip: Chip, world: World, scale: Scale, trace: Trace): Env {
  const s = (d: Derating['dimension']) => scale[d] ?? 1;
  const tpp = world.tpp === null ? null : world.tpp * s('throughput');
  const ic =
    chip.interconnect_gbps_bidirectional === null ? null : chip.interconnect_gbps_bidirectional * s('interconnect');
  const params: Record<string, () => unknown> = {
    TPP: () => tpp,
    bit_length_x_TOPS_aggregated: () => tpp,
    PD: () => (tpp !== null && chip.die_area_mm2 ? tpp / chip.die_area_mm2 : null),
    aggregate_bidirectional_transfer_rate_GBps: () => ic,
    interconnect_gbps_bidirectional: () => ic,
    memory_bandwidth_tbps: () =>
      chip.memory_bandwidth_tbps === null ? null : chip.memory_bandwidth_tbps * s('memory_bandwidth'),
    designed_or_marketed_for_datacenter: () => chip.datacenter,
    // The chips table holds processors; an HBM stack is not one of its rows.
    is_HBM_or_DRAM_IC: () => false,
    memory_bandwidth_density_GBps_per_mm2: () => null,
    chip_id: () => chip.id,
    item_name: () => chip.name,
    origin: () => (chip.country ? (EAR_NAMES[chip.country] ?? null) : null),
  };
  const env: Env = {
    param: (name) => {
      const m = /^class:(.+)$/.exec(name);
      if (m) {
        const logic =
          ctx.logic.rules.find((r) => r.rule === m[1]) ??
          ({ rule: m[1] as string, item: { criteria_of: m[1] } } as RuleLogic);
        const { nodes, single } = criteriaOf(ctx, logic);
        // The inner rule's alternatives are not this rule's; only its missing inputs carry over.
        const inner: Trace = { hits: [], missing: [], unmodelled: [] };
        const r = classifyItem(nodes, envOf(ctx, chip, world, scale, inner), inner, single);
        for (const m of inner.missing) if (!trace.missing.includes(m)) trace.missing.push(m);
        return r.controlled === null ? null : (r.classification ?? 'none');
      }
      const f = params[name];
      return f ? (f() as number | boolean | string | null) : undefined;
    },
    ref: (from) => {
      if (from.chip) {
        const c = ctx.chips.find((x) => x.id === from.chip);
        return c ? ((c as unknown as Record<string, unknown>)[from.field ?? ''] ?? null) : null;
      }
      return from.rule ? atPath(ctx.rules.find((r) => r.id === from.rule)?.detail, from.path ?? '') : null;
    },
    inSet: (set, value) => inSet(scope(ctx), set, value, '9999-12-31'),
  };
  return env;
}

interface ItemResult {
  classification: string | null;
  controlled: Tri;
  trace: Trace;
  excluded_by: string | null;
}

function item(ctx: Context, logic: RuleLogic, chip: Chip, world: World, scale: Scale = {}): ItemResult {
  const trace: Trace = { hits: [], missing: [], unmodelled: [] };
  const { nodes, single } = criteriaOf(ctx, logic);
  const r = classifyItem(nodes, envOf(ctx, chip, world, scale, trace), trace, single);
  return { ...r, trace };
}

interface LicenceResult {
  required: Tri;
  exception: string | null;
  scopeText: string;
  inScope: Tri;
}

function licence(
  ctx: Context,
  logic: RuleLogic,
  chip: Chip,
  it: ItemResult,
  dest: Destination | null,
  date: string,
  status: DateStatus,
): LicenceResult {
  const sc = scope(ctx);
  const entries = logic.licence.filter((l) => it.classification === null || l.classes.includes(it.classification));
  const sets = [...new Set(entries.map((l) => l.to))];
  const scopeText = sets.map((s) => ctx.logic.destination_sets[s]?.text ?? s).join('; ');
  if (!dest) return { required: null, exception: null, scopeText, inScope: null };
  const inScope = sets.some((s) => inSet(sc, s, dest.name, date));
  if (it.controlled === false || !inScope) return { required: false, exception: null, scopeText, inScope };
  const required: Tri = it.controlled === null ? null : status.binding;
  let exception: string | null = null;
  for (const l of entries) {
    for (const e of l.exceptions ?? []) {
      if (e.classes && (it.classification === null || !e.classes.includes(it.classification))) continue;
      const ok =
        e.when === 'always' ||
        (e.when === 'datacenter' && chip.datacenter === true) ||
        (e.when === 'not_datacenter' && chip.datacenter === false) ||
        (e.when === 'destination_in' && !!e.set && inSet(sc, e.set, dest.name, date));
      if (ok) exception = e.name;
    }
  }
  return { required, exception: required === false ? null : exception, scopeText, inScope };
}

const same = <T>(xs: T[]): boolean => xs.every((x) => x === xs[0]);
const fmt = (x: number | null, d = 0) => (x === null ? 'unknown' : grouped(x, d));

function inputOf(param: string, chip: Chip): string {
  if (param === 'PD' && chip.die_area_mm2 !== null) return 'throughput figures';
  return PARAM_INPUT[param] ?? param;
}

/** The largest factor below which the dimension must fall for `done` to hold (or above 1: the headroom before it fails). */
function derate(
  ctx: Context,
  logic: RuleLogic,
  chip: Chip,
  world: World,
  dim: Derating['dimension'],
  ths: Threshold[],
  env: Env,
  done: (r: ItemResult) => Tri,
): number | null {
  const now = done(item(ctx, logic, chip, world));
  if (now === null) return null;
  const cands = new Set<number>();
  for (const t of ths) {
    if (DIMENSION[t.param] !== dim) continue;
    const v = env.param(t.param);
    if (typeof v === 'number' && v > 0) cands.add(t.value / v);
  }
  const sorted = [...cands].filter((c) => Number.isFinite(c) && c > 0);
  if (now === true) {
    // Already there: how far up before it no longer holds.
    for (const c of sorted.filter((x) => x > 1).sort((a, b) => a - b))
      if (done(item(ctx, logic, chip, world, { [dim]: c * (1 + 1e-12) })) === false) return c;
    return null;
  }
  for (const c of sorted.filter((x) => x <= 1).sort((a, b) => b - a))
    if (done(item(ctx, logic, chip, world, { [dim]: c * (1 - 1e-9) })) === true) return c;
  return null;
}

function margins(ctx: Context, logic: RuleLogic, chip: Chip, world: World, it: ItemResult): Margins {
  const trace: Trace = { hits: [], missing: [], unmodelled: [] };
  const env = envOf(ctx, chip, world, {}, trace);
  const ths = thresholds(criteriaOf(ctx, logic).nodes, env);
  const tests: MarginTest[] = ths
    .map((t) => {
      const v = env.param(t.param);
      const value = typeof v === 'number' ? v : null;
      const met =
        value === null
          ? null
          : t.op === '>='
            ? value >= t.value
            : t.op === '>'
              ? value > t.value
              : t.op === '<'
                ? value < t.value
                : value <= t.value;
      return {
        ...t,
        threshold: t.value,
        value,
        met,
        distance: value === null ? null : value - t.value,
        ratio: value === null || t.value === 0 ? null : value / t.value,
      };
    })
    .map(({ paragraph, test, param, op, threshold, value, met, distance, ratio }) => ({
      paragraph,
      test,
      param,
      op,
      threshold,
      value,
      met,
      distance,
      ratio,
    }));
  const dims = [...new Set(ths.map((t) => DIMENSION[t.param]).filter((d): d is Derating['dimension'] => !!d))];
  const derating: Derating[] = [];
  const missing = it.trace.missing.filter((m) => !m.startsWith('class:')).map((m) => inputOf(m, chip));
  const open = missing.length
    ? `; ${[...new Set(missing)].join(', ')} unknown: this bound holds whatever its value`
    : '';
  const named = it.trace.hits.some((h) => !ths.some((t) => t.test === h)) && it.controlled === true;
  for (const dim of dims) {
    const targets: [string, (r: ItemResult) => Tri][] = [
      [`outside ${logic.rule}`, (r) => (r.controlled === null ? null : !r.controlled)],
    ];
    if (it.classification && it.controlled === true) {
      const cls = it.classification;
      targets.unshift([`out of ${cls}`, (r) => (r.controlled === null ? null : r.classification !== cls)]);
    }
    for (const [target, done] of targets) {
      const f = derate(ctx, logic, chip, world, dim, ths, env, done);
      const headroom = f !== null && f > 1;
      derating.push({
        dimension: dim,
        target,
        factor: f === null ? null : Number(f.toPrecision(6)),
        reduction_percent: f === null || headroom ? null : Number(((1 - f) * 100).toPrecision(4)),
        note:
          f === null
            ? named
              ? 'named by the rule: no derating takes it out'
              : 'no derating of this dimension alone reaches it, or an input is missing'
            : headroom
              ? `already ${target}; it stays so up to ×${f.toPrecision(4)} of the current ${dim}${open}`
              : `derate ${dim} to below ×${f.toPrecision(4)} (cut more than ${((1 - f) * 100).toFixed(1)}%)${open}`,
      });
    }
  }
  return { tests, derating };
}

function phrase(r: Pick<Classification, 'classification' | 'controlled'>, hits: string[]): string {
  if (r.controlled === false) return 'outside the rule';
  if (r.classification === null) return 'open';
  const sub = hits.filter((h) => /^[ab]\.\d$/.test(h) || !/^[ab]\./.test(h)).join('/');
  return `${r.classification}${sub ? ` (${sub})` : ''}`;
}

/** Classifies a chip under one rule, for a date and an optional destination. */
export function classifyUnder(
  ctx: Context,
  rule: RuleRecord,
  chip: Chip,
  date: string,
  dest: Destination | null,
): Classification {
  const logic = ctx.logic.rules.find((r) => r.rule === rule.id);
  const d = derive(chip);
  const base = {
    chip: chip.name,
    chip_id: chip.id,
    rule: rule.id,
    date,
    destination: dest?.code ?? null,
    tpp: d.tpp,
    pd: d.pd,
    verification: rule.verification,
    citation: rule.citation,
    sources: [...new Set([...rule.source_ids, ...chip.sources])],
  };
  if (!logic) {
    return {
      ...base,
      classification: null,
      possible_classifications: [],
      controlled: null,
      license_required: null,
      license_exception: null,
      status: 'no logic',
      governing_date: null,
      dates: null,
      decided_by: [],
      margins: { tests: [], derating: [] },
      summary: `${rule.id} has no record in the curated rule logic, so it is not evaluated.`,
      reason: `${rule.id} has no record in the curated rule logic.`,
    };
  }
  const status = dateStatus(logic, date);
  const ws = worlds(chip).filter((w) => !(ctx.assumeDense && w.decides === 'throughput_basis'));
  const items = ws.map((w) => item(ctx, logic, chip, w));
  const lics = items.map((it) => licence(ctx, logic, chip, it, dest, date, status));
  const classes = [...new Set(items.map((i) => i.classification ?? 'none'))];
  const controlled: Tri = same(items.map((i) => i.controlled)) ? (items[0]?.controlled ?? null) : null;
  const classification =
    same(items.map((i) => i.classification)) && controlled !== null ? (items[0]?.classification ?? null) : null;
  const required: Tri = same(lics.map((l) => l.required)) ? (lics[0]?.required ?? null) : null;
  const exception = same(lics.map((l) => l.exception)) ? (lics[0]?.exception ?? null) : null;
  const decided = new Set<string>();
  if (controlled === null || required === null) {
    for (const it of items)
      for (const m of it.trace.missing) if (!m.startsWith('class:')) decided.add(inputOf(m, chip));
    ws.forEach((w, k) => {
      if (
        w.decides &&
        (items[k]?.controlled !== items[0]?.controlled ||
          lics[k]?.required !== lics[0]?.required ||
          items[k]?.classification !== items[0]?.classification)
      )
        decided.add(w.decides);
    });
    if (status.binding === null) decided.add('end date (month only)');
  } else if (!same(items.map((i) => i.classification))) ws.forEach((w) => w.decides && decided.add(w.decides));
  const main = items[0] as ItemResult;
  const lic = lics[0] as LicenceResult;
  const para = phrase({ classification, controlled }, main.trace.hits);
  // "ECCN 3A090.a (a.1)" rather than "ECCN 3A090 3A090.a"; item classes of non-ECCN rules stand alone.
  const eccn =
    logic.eccn && !para.startsWith(logic.eccn.replace(/^ECCN /, '')) ? `${logic.eccn} ` : logic.eccn ? 'ECCN ' : '';
  const cite = `${rule.id}, ${rule.citation ?? 'no citation'}`;
  const who = `${chip.name}${dest ? ` to ${dest.name}` : ''} on ${date}`;
  const possible = classes.length > 1 ? classes : [];
  let summary: string;
  if (!dest)
    summary = `${chip.name} is ${controlled === null ? `undetermined (${[...decided].join(', ')} decides)` : controlled ? `${eccn}${para}` : `outside ${eccn || rule.id}`} under ${cite}.`;
  else if (required === true)
    summary = `Licence required: ${who} is ${eccn}${para} under ${cite}, whose scope (${lic.scopeText}) covers ${dest.name}${exception ? `; ${exception} may apply` : ''}.`;
  else if (required === null)
    summary = `Undetermined: ${who} under ${cite} depends on ${[...decided].join(', ') || 'an input the data lacks'}${possible.length ? ` (possible: ${possible.join(', ')})` : ''}.`;
  else if (controlled === false)
    summary = `No licence under ${cite}: ${who} is outside ${logic.eccn ?? 'the rule'}${main.excluded_by ? ` (${main.excluded_by})` : ''}.`;
  else if (lics.every((l) => l.inScope === false))
    summary = `No licence under ${cite}: ${who} is ${controlled ? `${eccn}${para}` : 'possibly controlled'}, but ${dest.name} is outside its scope (${lic.scopeText}).`;
  else
    summary = `No licence under ${cite} on ${date}: ${status.text.split(' (')[0]}; the item is ${controlled ? `${eccn}${para}` : 'open'}.`;

  const w0 = ws[0] as World;
  const figures =
    `TPP ${fmt(w0.tpp)}${w0.precision ? ` (${w0.precision}${chip.throughput_basis !== 'dense' ? `, ${chip.throughput_basis}` : ''})` : ''}, PD ${d.pd === null ? 'unknown (no die area)' : fmt(d.pd, 2)}` +
    `${chip.interconnect_gbps_bidirectional !== null ? `, interconnect ${fmt(chip.interconnect_gbps_bidirectional)} GB/s` : ''}${chip.datacenter === null ? ', datacenter use unknown' : chip.datacenter ? '' : ', not a datacenter part'}`;
  const readings =
    ws.length > 1
      ? ` Readings: ${ws.map((w, k) => `${w.label}: TPP ${fmt(w.tpp)} → ${items[k]?.controlled === null ? 'open' : (items[k]?.classification ?? 'outside')}`).join('; ')}.`
      : '';
  const assumed =
    ctx.assumeDense && chip.throughput_basis === 'unstated'
      ? ' Assumed dense (assume_dense): the source does not say whether the figures are dense.'
      : '';
  const unconfirmed = chip.unconfirmed_fields.length
    ? ` Unconfirmed inputs: ${chip.unconfirmed_fields.join(', ')}.`
    : '';
  const groupsNote =
    dest && date < ctx.groupsAsOf
      ? ` Country groups as listed on ${ctx.groupsAsOf} (earlier membership unconfirmed).`
      : '';
  const unmodelled = main.trace.unmodelled.length
    ? ` Not modelled (taken as not met): ${main.trace.unmodelled.join(', ')}.`
    : '';
  const after =
    status.phase === 'ended' && logic.after_end ? ` After the end, ${logic.after_end} applies in practice.` : '';
  const reason = `${summary} Figures: ${figures}.${readings}${assumed} Dates: ${status.text}. Scope: ${lic.scopeText || 'none'}.${groupsNote}${unconfirmed}${unmodelled}${logic.dates_note ? ` Note: ${logic.dates_note}.` : ''}${after}`;
  return {
    ...base,
    classification,
    possible_classifications: possible,
    controlled,
    license_required: required,
    license_exception: exception,
    status: status.phase,
    governing_date: status.governing,
    dates: logic.dates,
    decided_by: [...decided],
    summary,
    reason,
    margins: margins(ctx, logic, chip, w0, main),
  };
}

/** The rules that exist and have not ended on a date (published or effective by then). */
export function rulesOn(ctx: Context, date: string): RuleRecord[] {
  return ctx.rules.filter((r) => {
    const l = ctx.logic.rules.find((x) => x.rule === r.id);
    if (!l) return false;
    const start = [l.dates.published, l.dates.effective].filter((x): x is string => !!x).sort()[0];
    const st = dateStatus(l, date);
    return start !== undefined && date >= start && st.phase !== 'ended';
  });
}

export function classify(
  ctx: Context,
  chip: Chip,
  opts: { rule?: string; date: string; destination: Destination | null },
): Classification[] {
  if (opts.rule) {
    const rule = ctx.rules.find((r) => r.id === opts.rule);
    if (!rule || !ctx.logic.rules.some((l) => l.rule === opts.rule)) {
      throw new Error(`unknown rule "${opts.rule}" (rules: ${ctx.logic.rules.map((r) => r.rule).join(', ')})`);
    }
    return [classifyUnder(ctx, rule, chip, opts.date, opts.destination)];
  }
  const active = rulesOn(ctx, opts.date);
  if (active.length === 0) {
    const first =
      ctx.logic.rules
        .map((l) => l.dates.effective)
        .filter((x): x is string => !!x)
        .sort()[0] ?? '?';
    const summary = `No licence: no export-control rule in the data applies on ${opts.date} (the first took effect ${first}).`;
    return [
      {
        chip: chip.name,
        chip_id: chip.id,
        rule: null,
        date: opts.date,
        destination: opts.destination?.code ?? null,
        tpp: derive(chip).tpp,
        pd: derive(chip).pd,
        classification: null,
        possible_classifications: [],
        controlled: false,
        license_required: opts.destination ? false : null,
        license_exception: null,
        status: 'no rule',
        governing_date: null,
        dates: null,
        decided_by: [],
        summary,
        reason: summary,
        margins: { tests: [], derating: [] },
        verification: null,
        citation: null,
        sources: chip.sources,
      },
    ];
  }
  return active.map((r) => classifyUnder(ctx, r, chip, opts.date, opts.destination));
}

/** One answer per chip across the rules: a licence is needed if any rule needs one; open if none does and one is open. */
export function overall(results: readonly Classification[]): { license_required: Tri; by: string[]; open: string[] } {
  const by = results.filter((r) => r.license_required === true).map((r) => r.rule ?? 'none');
  const open = results.filter((r) => r.license_required === null).map((r) => r.rule ?? 'none');
  return {
    license_required: by.length ? true : open.length ? null : results.some((r) => r.destination) ? false : null,
    by,
    open,
  };
}
