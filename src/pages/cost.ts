/**
 * @module
 * Cost: the cheapest model at a capability level (the answer), the price–capability scatter with its
 * Pareto frontier labelled, the price of that level over time with events, and a picker.
 */
import type { ChartSpec } from '../charts/spec.ts';
import { costFrontier, costPick, costTrend } from '../cost/op.ts';
import { esc, memo, num, opDeps, orgName, withQuery, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';
import { eventMarkers } from './series.ts';

const BLOC: Record<string, string> = { US: '#1f5fa8', CN: '#c8332b', EU: '#2a8c4a' };

export const costParams = {
  min_score: (raw: string) => (/^\d{3,4}$/.test(raw) && Number(raw) >= 800 && Number(raw) <= 2000 ? raw : null),
  open_weights: (raw: string) => (raw === 'true' ? 'true' : null),
  origin: (raw: string) =>
    /^(not:)?[A-Z]{2}$/.test(raw.toUpperCase().replace('NOT:', 'not:'))
      ? raw.toUpperCase().replace('NOT:', 'not:')
      : null,
};

export async function costPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const v = doc.v;
  const level = Number(v.params['min_score'] ?? 1400);
  let body = `<h1>${esc(doc.t('cost'))}</h1>`;
  const tr = await memo(d, `trend:${level}`, () =>
    costTrend.run(opDeps(d), costTrend.input.parse({ metric: 'arena-text', level: String(level) })),
  ).catch(() => null);
  const series = (tr?.series ?? []).filter((s) => !v.asOf || s.date <= v.asOf);
  const lastPriced = [...series].reverse().find((s) => s.cheapest_price !== null);
  if (lastPriced) {
    body += doc.answer(
      doc.t('cost_answer', {
        level,
        price: num(lastPriced.cheapest_price, 2),
        model: d.models.get(lastPriced.cheapest_model ?? '')?.name ?? lastPriced.cheapest_model ?? '',
        date: lastPriced.date,
        source: doc.sourceName(lastPriced.cheapest_sources),
      }),
    );
  }
  body += `<p>${esc(doc.t('blend_note'))} <a href="${esc(withQuery('/glossary', { ...v, params: {} }))}#blended">${esc(doc.t('glossary'))}</a></p>`;

  const f = await memo(d, `frontier:${v.asOf}`, () =>
    costFrontier.run(
      opDeps(d),
      costFrontier.input.parse({ metric: 'arena-text', ...(v.asOf ? { as_of: v.asOf } : {}) }),
    ),
  ).catch(() => null);
  if (f) {
    body += `<h2>${esc(doc.t('frontier', { date: f.as_of }))}</h2><p>${esc(doc.t('frontier_lead'))}</p>`;
    const blocs = ['US', 'CN', 'EU', 'other'];
    const spec: ChartSpec = {
      id: 'price-capability',
      title: doc.t('frontier', { date: f.as_of }),
      height: 420,
      x: { type: 'log', name: doc.t('price_axis') },
      y: { type: 'value', name: f.metric_title },
      series: blocs
        .map((b) => ({
          name: b === 'other' ? doc.country('other') : doc.country(b),
          kind: 'scatter' as const,
          color: BLOC[b] ?? '#8a6d3b',
          points: f.points
            .filter((p) => (blocs.includes(p.bloc) ? p.bloc : 'other') === b)
            .map((p) => {
              const name = d.models.get(p.model)?.name ?? p.model;
              return {
                x: Math.round(p.price * 1e4) / 1e4,
                y: p.score,
                label: p.on_frontier ? name : undefined,
                href: withQuery(`/models/${encodeURIComponent(p.model)}`, { ...v, params: {} }),
                tip: [
                  [doc.t('model'), name],
                  [doc.t('organization'), orgName(d, v.lang, p.organization)],
                  [doc.t('score'), num(p.score, 0)],
                  [doc.t('price'), num(p.price, 3)],
                  [doc.t('provider'), p.provider],
                  [doc.t('date'), p.score_date],
                  [doc.t('source'), doc.sourceName(p.sources)],
                ] as [string, string][],
              };
            }),
        }))
        .filter((s) => s.points.length),
    };
    body += doc.chart(spec);
    body += doc.table(
      'frontier',
      [doc.t('model'), doc.t('organization'), doc.t('country'), doc.t('price'), doc.t('score'), doc.t('provider')],
      f.points
        .filter((p) => p.on_frontier)
        .map((p) => [
          doc.model(p.model),
          orgName(d, v.lang, p.organization),
          doc.country(p.country),
          { html: num(p.price, 3), text: String(p.price), sort: p.price },
          num(p.score, 0),
          p.provider,
        ]),
    );
    body += doc.sources(
      f.points.flatMap((p) => p.sources),
      5,
    );
  }

  if (series.length) {
    const pts = series.filter((s) => s.cheapest_price !== null);
    const spec: ChartSpec = {
      id: 'price-trend',
      title: doc.t('trend', { level }),
      x: { type: 'time', name: doc.t('date') },
      y: { type: 'log', name: doc.t('price') },
      series: [
        {
          name: doc.t('price'),
          kind: 'step',
          color: '#1f5fa8',
          endLabel: true,
          points: pts.map((s) => {
            const name = d.models.get(s.cheapest_model ?? '')?.name ?? s.cheapest_model ?? '';
            return {
              x: s.date,
              y: s.cheapest_price as number,
              label: name,
              tip: [
                [doc.t('date'), s.date],
                [doc.t('model'), name],
                [doc.t('price'), num(s.cheapest_price, 3)],
                [doc.t('country'), doc.country(s.cheapest_country)],
                [doc.t('source'), doc.sourceName(s.cheapest_sources)],
              ] as [string, string][],
            };
          }),
        },
      ],
      markers: {
        name: doc.t('events_axis'),
        items: await eventMarkers(doc, series[0]?.date ?? null, series.at(-1)?.date ?? null),
      },
    };
    body += `<h2>${esc(doc.t('trend', { level }))}</h2>` + doc.chart(spec);
    body += doc.table(
      'trend',
      [doc.t('date'), doc.t('model'), doc.t('country'), doc.t('price')],
      series.map((s) => [
        s.date,
        doc.model(s.cheapest_model),
        doc.country(s.cheapest_country),
        { html: num(s.cheapest_price, 3), text: String(s.cheapest_price ?? ''), sort: s.cheapest_price ?? 1e9 },
      ]),
    );
  }

  const origin = v.params['origin'] ?? '';
  body +=
    `<h2>${esc(doc.t('pick'))}</h2><form method="get" action="/cost">${v.lang !== 'en' ? `<input type="hidden" name="lang" value="${esc(v.lang)}">` : ''}${v.asOf ? `<input type="hidden" name="as_of" value="${esc(v.asOf)}">` : ''}` +
    `<label>${esc(doc.t('min_score'))} <input name="min_score" type="number" min="800" max="2000" value="${level}"></label>` +
    `<label><input type="checkbox" name="open_weights" value="true"${v.params['open_weights'] ? ' checked' : ''}> ${esc(doc.t('open_weights_only'))}</label>` +
    `<label>${esc(doc.t('origin'))} <select name="origin">${[
      ['', doc.t('any')],
      ['US', doc.country('US')],
      ['CN', doc.country('CN')],
      ['not:CN', doc.t('not_cn')],
      ['not:US', doc.t('not_us')],
    ]
      .map(([val, text]) => `<option value="${esc(val)}"${val === origin ? ' selected' : ''}>${esc(text)}</option>`)
      .join('')}</select></label>` +
    `<button>${esc(doc.t('find'))}</button></form>`;
  const r = await costPick
    .run(
      opDeps(d),
      costPick.input.parse({
        metric: 'arena-text',
        min_score: String(level),
        open_weights: v.params['open_weights'] === 'true' ? 'true' : 'false',
        ...(origin ? { origin } : {}),
        ...(v.asOf ? { as_of: v.asOf } : {}),
      }),
    )
    .catch(() => null);
  if (r) {
    const rows = [r.pick, ...r.runners_up].filter((x): x is NonNullable<typeof x> => x !== null);
    body += rows.length
      ? doc.table(
          'pick',
          [doc.t('model'), doc.t('organization'), doc.t('country'), doc.t('price'), doc.t('score')],
          rows.map((x) => [
            doc.model(x.model),
            orgName(d, v.lang, x.organization),
            doc.country(x.country),
            { html: num(x.price, 3), text: String(x.price), sort: x.price },
            num(x.score, 0),
          ]),
        )
      : `<p>${esc(doc.t('no_data'))}</p>`;
    body += `<p class="muted">${esc(doc.t('excluded', { n: r.excluded.length, date: r.as_of }))}</p>${doc.sources(rows.flatMap((x) => x.sources))}`;
  }
  return { title: doc.t('cost'), body };
}
