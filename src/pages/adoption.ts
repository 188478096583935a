/**
 * @module
 * Adoption: who uses whose models — OpenRouter tokens and spending, Hugging Face downloads and
 * derivatives, each by country of the model's maker over 30 days, with what the data cannot verify.
 */
import type { AdoptionMetric } from '../adoption/index.ts';
import { adoption as adoptionOp, adoptionDaily } from '../adoption/op.ts';
import { eventMarkers } from './series.ts';
import type { ChartSpec } from '../charts/spec.ts';
import { esc, memo, num, opDeps, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';

const TITLE = {
  tokens: 'adoption_m_tokens',
  dollars: 'adoption_m_dollars',
  downloads: 'adoption_m_downloads',
  derivatives: 'adoption_m_derivatives',
} as const;

export async function adoptionPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const v = doc.v;
  let body = `<h1>${esc(doc.t('adoption'))}</h1>`;
  let first = true;
  for (const metric of ['tokens', 'dollars', 'downloads', 'derivatives'] as const satisfies readonly AdoptionMetric[]) {
    const r = await memo(d, `adoption:${metric}:${v.asOf}`, () =>
      adoptionOp.run(
        opDeps(d),
        adoptionOp.input.parse({ by: 'country', metric, days: '30', ...(v.asOf ? { as_of: v.asOf } : {}) }),
      ),
    ).catch((e: Error) => e);
    if (first) {
      first = false;
      const top = r instanceof Error ? undefined : r.rows.find((x) => x['country'] !== 'unknown');
      if (top && !(r instanceof Error))
        body += doc.answer(
          doc.t('adoption_answer', {
            top: doc.country(String(top['country'])),
            share: num(100 * Number(top['share']), 1),
            date: r.window.to ?? '',
            source: doc.sourceName(r.sources),
          }),
        );
    }
    body += `<h2>${esc(doc.t(TITLE[metric]))}</h2>`;
    if (r instanceof Error) {
      body += `<p>${esc(doc.t('no_data'))}</p>`;
      continue;
    }
    body += `<p>${esc(doc.t('window', { from: r.window.from ?? '—', to: r.window.to ?? '—' }))}${metric === 'tokens' || metric === 'dollars' ? ` ${esc(doc.t('scope_openrouter'))}` : ''}</p>`;
    const rows = r.rows.slice(0, 12);
    if (!rows.length) {
      body += `<p>${esc(doc.t('no_data'))}</p>`;
      continue;
    }
    if (metric === 'tokens') {
      const spec: ChartSpec = {
        id: 'token-share',
        title: doc.t(TITLE[metric]),
        height: 300,
        x: {
          type: 'category',
          name: doc.t('country'),
          categories: rows.slice(0, 8).map((x) => doc.country(String(x['country']))),
        },
        y: { type: 'value', name: doc.t('share'), percent: true },
        series: [
          {
            name: doc.t('share'),
            kind: 'bar',
            color: '#1f5fa8',
            points: rows.slice(0, 8).map((x) => ({
              x: doc.country(String(x['country'])),
              y: Number(x['share']),
              tip: [
                [doc.t('country'), doc.country(String(x['country']))],
                [doc.t('share'), `${num(100 * Number(x['share']), 1)}%`],
                [doc.t('source'), doc.sourceName(r.sources)],
              ],
            })),
          },
        ],
      };
      body += doc.chart(spec);
      const daily = await memo(
        d,
        `daily:${v.asOf}`,
        async () =>
          (await adoptionDaily.run(opDeps(d), adoptionDaily.input.parse(v.asOf ? { as_of: v.asOf } : {}))).rows,
      );
      if (daily.length) {
        const blocs = ['US', 'CN'];
        const dates = [...new Set(daily.map((x) => x.date))];
        const line: ChartSpec = {
          id: 'token-share-daily',
          title: doc.t('share_chart'),
          x: { type: 'time', name: doc.t('date') },
          y: { type: 'value', name: doc.t('share'), percent: true },
          series: [...blocs, 'other'].map((b, i) => ({
            name: doc.country(b),
            kind: 'line' as const,
            color: ['#1f5fa8', '#c8332b', '#8a6d3b'][i] as string,
            points: dates.map((date) => {
              const share = daily
                .filter((x) => x.date === date && (b === 'other' ? !blocs.includes(x.country) : x.country === b))
                .reduce((a, x) => a + x.share, 0);
              const src = daily.find((x) => x.date === date)?.source_id ?? '';
              return {
                x: date,
                y: Math.round(share * 1e4) / 1e4,
                tip: [
                  [doc.t('country'), doc.country(b)],
                  [doc.t('date'), date],
                  [doc.t('share'), `${num(100 * share, 1)}%`],
                  [doc.t('source'), doc.sourceName([src])],
                ] as [string, string][],
              };
            }),
          })),
          markers: {
            name: doc.t('events_axis'),
            items: await eventMarkers(doc, dates[0] ?? null, dates.at(-1) ?? null),
          },
        };
        body += doc.chart(line);
      }
    }
    body += doc.table(
      `adoption-${metric}`,
      [doc.t('country'), doc.t('value'), doc.t('share')],
      rows.map((x) => [
        doc.country(String(x['country'])),
        { html: num(x['value'], 0), text: String(x['value']), sort: Number(x['value']) },
        { html: `${num(100 * Number(x['share']), 1)}%`, text: String(x['share']), sort: Number(x['share']) },
      ]),
    );
    if (r.verification.length)
      body += `<details><summary>${esc(doc.t('cannot_verify'))}</summary>${r.verification.map((x) => `<p lang="en">${esc(x)}</p>`).join('')}</details>`;
    body += doc.sources(r.sources);
  }
  return { title: doc.t('adoption'), body };
}
