/**
 * @module
 * Capability: the gap between the US and China on a chosen metric at the as-of date, in one sentence
 * with its interval; the two frontiers over time with events on the same axis; the gap in months with
 * its interval band; the gap on every main metric side by side (they disagree: see methods); and the
 * Arena leaderboard with intervals and votes. All series stop at the as-of date.
 */
import type { ChartSpec, Point } from '../charts/spec.ts';
import { leaderboard } from '../frontier/op.ts';
import { esc, memo, num, opDeps, orgName, withQuery, type Cell, type Doc, type PageDeps } from './layout.ts';
import { InputError } from '../ops/operation.ts';
import type { PageOut } from './registry.ts';
import { DEFAULT_METRIC, eventMarkers, gapOn, gapSentence, MAIN_METRICS, metrics, type GapView } from './series.ts';

/** Units of the main metrics in the page's language; others as the data gives them. */
export const unitName = (doc: Doc, unit: string): string =>
  unit === 'Arena rating' ? doc.t('unit_arena') : unit === 'ECI Score' ? doc.t('unit_eci') : unit;

export const metricParam = (raw: string): string | null => (/^[a-z0-9-]{2,64}$/.test(raw) ? raw : null);

const BLUE = '#1f5fa8';
const RED = '#c8332b';

/** Both blocs' frontiers over time up to the as-of date, events as markers, model names as labels. */
export async function frontierChart(doc: Doc, g: GapView, id = 'frontier'): Promise<string> {
  const r = g.report;
  const pts = (side: 'leader' | 'follower'): Point[] =>
    g.series
      .filter((p) => p[`${side}_score`] !== null)
      .map((p) => {
        const model = p[`${side}_model`];
        const m = model ? doc.deps.models.get(model) : undefined;
        return {
          x: p.date,
          y: Math.round((p[`${side}_score`] as number) * 100) / 100,
          label: m?.name ?? model ?? '',
          href: model && m ? withQuery(`/models/${encodeURIComponent(model)}`, { ...doc.v, params: {} }) : undefined,
          tip: [
            [doc.t('model'), m?.name ?? model ?? ''],
            [doc.t('organization'), orgName(doc.deps, doc.v.lang, m?.organization)],
            [doc.t('score'), num(p[`${side}_score`], 2)],
            [doc.t('date'), p.date],
            [doc.t('source'), doc.sourceName(p.sources)],
          ],
        };
      });
  const first = g.series[0]?.date ?? null;
  const last = g.series.at(-1)?.date ?? null;
  const spec: ChartSpec = {
    id,
    title: doc.t('frontier_chart', { metric: doc.metricTitle(r.metric, r.title) }),
    x: { type: 'time', name: r.view === 'snapshot' ? doc.t('view_snapshot') : doc.t('view_release') },
    y: { type: 'value', name: unitName(doc, r.unit) },
    series: [
      {
        name: doc.country(r.leader),
        kind: r.view === 'release' ? 'step' : 'line',
        color: BLUE,
        points: pts('leader'),
        endLabel: true,
      },
      {
        name: doc.country(r.follower),
        kind: r.view === 'release' ? 'step' : 'line',
        color: RED,
        points: pts('follower'),
        endLabel: true,
      },
    ],
    markers: { name: doc.t('events_axis'), items: await eventMarkers(doc, first, last) },
  };
  return doc.chart(spec, esc(doc.t('frontier_chart', { metric: doc.metricTitle(r.metric, r.title) })));
}

function gapChart(doc: Doc, g: GapView): string {
  const pts: Point[] = g.series
    .filter((p) => p.months_gap !== null)
    .map((p) => ({
      x: p.date,
      y: Math.round((p.months_gap as number) * 10) / 10,
      lo: p.months_ci?.[0] ?? null,
      hi: p.months_ci?.[1] ?? null,
      tip: [
        [doc.t('date'), p.date],
        [doc.t('gap_months'), num(p.months_gap)],
        [doc.t('interval'), p.months_ci ? `${num(p.months_ci[0])}–${num(p.months_ci[1])}` : '—'],
        [doc.t('leader'), doc.deps.models.get(p.leader_model ?? '')?.name ?? p.leader_model ?? ''],
        [doc.t('follower'), doc.deps.models.get(p.follower_model ?? '')?.name ?? p.follower_model ?? ''],
        [doc.t('source'), doc.sourceName(p.sources)],
      ],
    }));
  const spec: ChartSpec = {
    id: 'gap-months',
    title: doc.t('gap_chart', { metric: doc.metricTitle(g.report.metric, g.report.title) }),
    bandName: doc.t('interval_band'),
    x: { type: 'time', name: doc.t('date') },
    y: { type: 'value', name: doc.t('gap_months') },
    series: [
      { name: doc.t('gap_months'), kind: 'line', color: '#444', points: pts, band: pts.some((p) => p.lo !== null) },
    ],
  };
  return doc.chart(spec);
}

async function metricTable(doc: Doc, d: PageDeps): Promise<string> {
  const rows: Cell[][] = [];
  for (const m of MAIN_METRICS) {
    const g = await gapOn(d, m, doc.v.asOf).catch(() => null);
    if (!g) continue;
    const at = g.at;
    rows.push([
      {
        html: `<a href="${esc(withQuery('/capability', doc.v, { metric: m }))}">${esc(doc.metricTitle(m, g.report.title))}</a>`,
        text: doc.metricTitle(m, g.report.title),
      },
      at?.date ?? '—',
      {
        html: at?.months_gap === null || !at ? '—' : `${at.months_censored ? '≥ ' : ''}${num(at.months_gap)}`,
        text: at?.months_gap === null || !at ? '' : String(at.months_gap),
        sort: at?.months_gap ?? -999,
      },
      at?.months_ci ? `${num(at.months_ci[0])}–${num(at.months_ci[1])}` : '—',
      { html: num(at?.points_gap, 2), text: String(at?.points_gap ?? ''), sort: at?.points_gap ?? -999 },
      g.report.view === 'snapshot' ? doc.t('view_snapshot') : doc.t('view_release'),
    ]);
  }
  return doc.table(
    'metrics',
    [
      doc.t('metric'),
      doc.t('date'),
      doc.t('gap_months'),
      doc.t('interval'),
      doc.t('gap_points'),
      doc.t('how_measured'),
    ],
    rows,
  );
}

export async function capabilityPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const v = doc.v;
  const all = await metrics(d);
  const metric = all.some((m) => m.id === v.params['metric']) ? (v.params['metric'] as string) : DEFAULT_METRIC;
  let body = `<h1>${esc(doc.t('capability'))}</h1>`;
  const g = await gapOn(d, metric, v.asOf);
  body += doc.answer(gapSentence(doc, g)) + doc.sources(g.report.sources);
  const options = [...MAIN_METRICS, ...all.map((m) => m.id).filter((m) => !MAIN_METRICS.includes(m))]
    .map(
      (id) =>
        `<option value="${esc(id)}"${id === metric ? ' selected' : ''}>${esc(doc.metricTitle(id, all.find((m) => m.id === id)?.title ?? id))}</option>`,
    )
    .join('');
  body +=
    `<form method="get" action="/capability">${v.lang !== 'en' ? `<input type="hidden" name="lang" value="${esc(v.lang)}">` : ''}${v.asOf ? `<input type="hidden" name="as_of" value="${esc(v.asOf)}">` : ''}` +
    `<label>${esc(doc.t('metric'))} <select name="metric">${options}</select></label><button>${esc(doc.t('apply'))}</button></form>`;
  const at = g.at;
  if (at) {
    const ci = (x: [number, number] | null) => (x ? ` (${num(x[0])}–${num(x[1])})` : '');
    body +=
      `<div class="card"><div>${esc(doc.t('gap_card', { metric: doc.metricTitle(g.report.metric, g.report.title), date: at.date }))}</div>` +
      `<div class="big">${at.months_gap === null ? '—' : `${at.months_censored ? '≥ ' : ''}${num(at.months_gap)}`} ${esc(doc.t('months'))}${esc(ci(at.months_ci))}</div>` +
      `<div>${num(at.points_gap, 2)} ${esc(doc.t('points'))}${esc(ci(at.points_ci))}</div>` +
      (at.months_gap === null
        ? `<div class="muted">${esc(doc.t('gap_card_none', { why: at.points_gap === null ? doc.t('why_no_follower') : at.points_gap <= 0 ? doc.t('why_ahead') : doc.t('why_never_reached') }))}</div>`
        : '') +
      '</div>';
    body += doc.table(
      'frontier-now',
      [doc.t('country'), doc.t('model'), doc.t('organization'), doc.t('score')],
      [
        [
          doc.country(g.report.leader),
          doc.model(at.leader_model),
          orgName(d, v.lang, d.models.get(at.leader_model ?? '')?.organization),
          num(at.leader_score, 2),
        ],
        [
          doc.country(g.report.follower),
          doc.model(at.follower_model),
          orgName(d, v.lang, d.models.get(at.follower_model ?? '')?.organization),
          num(at.follower_score, 2),
        ],
      ],
    );
  }
  const rounds = 200;
  const unc = g.report.uncertainty.startsWith('none')
    ? doc.t('unc_none')
    : g.report.view === 'release'
      ? doc.t('unc_release', { rounds })
      : doc.t('unc_snapshot', { rounds });
  body += `<p><b>${esc(doc.t('uncertainty'))}:</b> ${esc(unc)} <a href="${esc(withQuery('/methods', { ...v, params: {} }))}#gap">${esc(doc.t('how_measured'))}</a></p>`;
  body += await frontierChart(doc, g);
  body += gapChart(doc, g);
  body += `<h2>${esc(doc.t('metrics_disagree'))}</h2><p>${esc(doc.t('metrics_disagree_lead'))} <a href="${esc(withQuery('/methods', { ...v, params: {} }))}#disagree">${esc(doc.t('methods'))}</a></p>`;
  body += await metricTable(doc, d);
  const board = await memo(d, `board:${v.asOf}`, async () => {
    const input = { board: 'lmarena-text', limit: '30', ...(v.asOf ? { as_of: v.asOf } : {}) };
    // Before the board's first snapshot there is no board to show: an empty one, not an error page.
    try {
      return (await leaderboard.run(opDeps(d), leaderboard.input.parse(input))).rows;
    } catch (err) {
      if (err instanceof InputError) return [];
      throw err;
    }
  });
  if (board.length) {
    body += `<h2>${esc(doc.t('leaderboard', { date: board[0]?.date ?? '' }))}</h2><p>${esc(doc.t('leaderboard_lead'))}</p>`;
    body += doc.table(
      'leaderboard',
      [
        doc.t('rank'),
        doc.t('model'),
        doc.t('organization'),
        doc.t('country'),
        doc.t('score'),
        doc.t('interval'),
        doc.t('votes'),
      ],
      board.map((r, k) => {
        const lo = r.ci_low;
        const hi = r.ci_high;
        return [
          k + 1,
          doc.model(r.model_id),
          orgName(d, v.lang, r.organization_id),
          doc.country(r.country),
          { html: num(r.score, 0), text: String(r.score), sort: r.score },
          lo !== null && hi !== null ? `${num(lo, 0)}–${num(hi, 0)}` : '—',
          { html: num(r.votes, 0), text: String(r.votes ?? ''), sort: r.votes ?? 0 },
        ];
      }),
    );
    body += doc.sources(board.map((r) => r.source_id));
  }
  return { title: doc.t('capability'), body };
}
