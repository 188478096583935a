/**
 * @module
 * Data the pages share: the gap on a metric at a date (the full series is computed once per database
 * version, so changing the as-of date costs nothing), and the dated events drawn as markers on every
 * time axis (export-control rules, investments, releases, policy).
 */
import { chipsRules } from '../compute/op.ts';
import { gapAt, type GapPoint } from '../frontier/gap.ts';
import { gap as gapOp, gapMetrics } from '../frontier/op.ts';
import type { Marker } from '../charts/spec.ts';
import { timeline as timelineOp } from '../timeline/op.ts';
import { type Cell, type Doc, esc, memo, num, opDeps, type PageDeps } from './layout.ts';
import type { TimelineEvent } from '../timeline/index.ts';

export const MAIN_METRICS = [
  'epoch-eci',
  'arena-text',
  'arena-text-coding',
  'arena-text-chinese',
  'aa-intelligence',
  'gpqa-diamond',
  'swe-bench-verified',
];
export const DEFAULT_METRIC = 'epoch-eci';

export const metrics = (d: PageDeps) =>
  memo(d, 'metrics', async () => (await gapMetrics.run(opDeps(d), gapMetrics.input.parse({}))).metrics);

/** The `gap` operation's answer with its whole series. */
export type GapReport = Awaited<ReturnType<typeof gapOp.run>>;

export const gapFull = (d: PageDeps, metric: string): Promise<GapReport> =>
  memo(d, `gap:${metric}`, () =>
    gapOp.run(opDeps(d), gapOp.input.parse({ metric, leader: 'US', follower: 'CN', rounds: '200', series: 'true' })),
  );

/** Every export-control rule record (also those without classification logic), with effective date and sources. */
export const ruleRecords = (d: PageDeps) =>
  memo(d, 'rules', async () => (await chipsRules.run(opDeps(d), chipsRules.input.parse({}))).records);

export interface GapView {
  report: GapReport;
  at: GapPoint | null;
  /** The series up to the as-of date. */
  series: GapPoint[];
}

export async function gapOn(d: PageDeps, metric: string, asOf: string | null): Promise<GapView> {
  const report = await gapFull(d, metric);
  const all = report.series ?? [];
  const series = asOf ? all.filter((p) => p.date <= asOf) : all;
  return { report, at: gapAt(all, report.view, asOf ?? undefined), series };
}

/** The one-sentence answer for a gap, with its interval, metric and date. */
export function gapSentence(doc: Doc, g: GapView): string {
  return (
    sentence(doc, g) +
    doc.t('source_colon', { s: doc.sourceName(g.at?.sources.length ? g.at.sources : g.report.sources) })
  );
}

function sentence(doc: Doc, g: GapView): string {
  const metric = doc.metricTitle(g.report.metric, g.report.title);
  const at = g.at;
  const date = at?.date ?? doc.v.asOf ?? '—';
  if (!at || at.points_gap === null) return doc.t('answer_gap_none', { metric, date, why: doc.t('why_no_follower') });
  if (at.points_gap <= 0) return doc.t('answer_gap_ahead', { metric, date });
  if (at.months_gap === null) return doc.t('answer_gap_none', { metric, date, why: doc.t('why_never_reached') });
  const months = at.months_censored ? doc.t('at_least', { n: num(at.months_gap) }) : num(at.months_gap);
  const ci = at.months_ci
    ? doc.t('ci95', { lo: num(at.months_ci[0]), hi: num(at.months_ci[1]) })
    : doc.t('no_interval');
  return doc.t('answer_gap', { months, ci, metric, date });
}

const KIND_COLOR: Record<string, string> = {
  export_control: '#6b4fa0',
  investment: '#2a8c4a',
  model_release: '#c8332b',
  policy: '#8a6d3b',
  governance: '#8a6d3b',
};

/** Dated events for a time axis: rules coming into force, and timeline events. */
export async function eventMarkers(doc: Doc, from: string | null, to: string | null): Promise<Marker[]> {
  const d = doc.deps;
  const [tl, rules] = await Promise.all([
    memo(d, 'timeline', () => timelineOp.run(opDeps(d), timelineOp.input.parse({}))),
    ruleRecords(d),
  ]);
  const out: Marker[] = [];
  const inRange = (date: string) => (!from || date >= from) && (!to || date <= to);
  for (const r of rules) {
    const date = r.effective?.slice(0, 10);
    if (!date || !inRange(date)) continue;
    const title = doc.deps.tr.text('rules', r.id, r.title, doc.v.lang).text;
    out.push({
      date,
      title,
      line: true,
      color: KIND_COLOR['export_control'] as string,
      tip: [
        [doc.t('kind_export_control'), title],
        [doc.t('date'), date],
        [doc.t('source'), doc.sourceName(r.source_ids)],
      ],
    });
  }
  for (const e of tl.events) {
    if (!['investment', 'model_release', 'policy', 'governance'].includes(e.kind) || !inRange(e.date)) continue;
    const cell = await eventTitle(doc, e);
    const title = typeof cell === 'object' && cell !== null ? cell.text : String(cell ?? '');
    out.push({
      date: e.date,
      title,
      line: e.kind !== 'model_release',
      color: KIND_COLOR[e.kind] ?? '#555',
      tip: [
        [kindName(doc, e.kind), title],
        [doc.t('date'), e.date],
        [doc.t('source'), doc.sourceName(e.sources)],
      ],
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export function kindName(doc: Doc, kind: string): string {
  const key = `kind_${kind}`;
  const known = [
    'governance',
    'policy',
    'industry_target',
    'forecast',
    'open_source_adoption',
    'investment',
    'model_release',
    'export_control',
  ];
  return known.includes(kind) ? doc.t(key as 'kind_policy') : kind.replace(/_/g, ' ');
}

/**
 * A timeline event's title in the page's language: curated translations for recorded events, and the
 * timeline's own generated titles (a rule in force, a new frontier model) rebuilt from their parts, so no
 * rule id or truncated title reaches the page.
 */
export async function eventTitle(doc: Doc, e: TimelineEvent): Promise<Cell> {
  const d = doc.deps;
  if (e.kind === 'export_control') {
    const rule = (await ruleRecords(d)).find((r) => e.title.startsWith(`${r.id} in force:`));
    if (rule) {
      const title = d.tr.text('rules', rule.id, rule.title, doc.v.lang);
      const text = doc.t('ev_in_force', { rule: title.text });
      return { html: title.translated ? esc(text) : `<span lang="en">${esc(text)}</span>`, text };
    }
  }
  const m = /^(.+) sets the (\S+) frontier on the Epoch Capabilities Index \(([\d.]+)\)$/.exec(e.title);
  if (e.kind === 'model_release' && m) {
    const model = m[1] as string;
    const name = d.models.get(model)?.name ?? model;
    const text = doc.t('ev_frontier', { model: name, bloc: doc.country(m[2]), score: m[3] as string });
    const cell = doc.model(model);
    const linked = typeof cell === 'object' && cell !== null ? cell.html : esc(name);
    return { html: esc(text).replace(esc(name), linked), text };
  }
  const tr = d.tr.text('events', '', e.title, doc.v.lang);
  return { html: tr.translated ? esc(tr.text) : `<span lang="en">${esc(tr.text)}</span>`, text: tr.text };
}
