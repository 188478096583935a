/**
 * @module
 * Overview: the answer first (the capability gap with its interval), then the scorecard with weights
 * editable on the page (kept in the URL), the sensitivity to weights as a chart, the indicators that are
 * missing and why, and recent events.
 */
import { ZodError } from 'zod';
import { zodFailure } from '../ops/failure.ts';
import { score } from '../scorecard/op.ts';
import { parseWeights, PILLARS, type Pillar } from '../scorecard/weights.ts';
import { timeline as timelineOp } from '../timeline/op.ts';
import type { ChartSpec } from '../charts/spec.ts';
import { hasKey, type Key } from './i18n.ts';
import { type Cell, type Doc, esc, memo, num, opDeps, withQuery } from './layout.ts';
import { frontierChart } from './capability.ts';
import type { PageOut } from './registry.ts';
import { DEFAULT_METRIC, eventTitle, gapOn, gapSentence, kindName } from './series.ts';

/** `capability=1,adoption=2,…` in canonical order; null when not valid. */
export function weightsParam(raw: string): string | null {
  try {
    const w = parseWeights(raw);
    return PILLARS.map((p) => `${p}=${w[p]}`).join(',');
  } catch {
    return null;
  }
}

export const weightField = (raw: string): string | null =>
  /^\d{1,2}(\.\d{1,2})?$/.test(raw) && Number(raw) <= 10 ? String(Number(raw)) : null;

export const indicatorName = (doc: Doc, id: string): string =>
  hasKey(`ind_${id}`) ? doc.t(`ind_${id}` as Key) : id.replace(/_/g, ' ');

export async function overviewPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const v = doc.v;
  // The form sends one field per pillar; a shared link may carry ?weights=pillar=n,… instead.
  const fromForm = PILLARS.some((p) => v.params[`w_${p}`] !== undefined)
    ? weightsParam(PILLARS.map((p) => `${p}=${v.params[`w_${p}`] ?? 1}`).join(','))
    : null;
  const weightsGiven = fromForm ?? v.params['weights'];
  const weights = parseWeights(weightsGiven);
  let body = `<h1>${esc(doc.t('overview'))}</h1>`;
  const g = await gapOn(d, DEFAULT_METRIC, v.asOf);
  body += doc.answer(gapSentence(doc, g)) + doc.sources(g.report.sources);

  try {
    body += await scorecardSection(doc, weights, weightsGiven);
  } catch (err) {
    // A date the scorecard refuses (outside 1990–2100): the rest of the overview still answers.
    if (!(err instanceof ZodError)) throw err;
    body += `<p role="alert">${esc(doc.t('error', { msg: zodFailure(err).error }))}</p>`;
  }

  body += `<h2>${esc(doc.t('capability'))}</h2>` + (await frontierChart(doc, g, 'overview-frontier'));

  const tl = await memo(d, 'timeline', () => timelineOp.run(opDeps(d), timelineOp.input.parse({})));
  const events = tl.events
    .filter((e) => !v.asOf || e.date <= v.asOf)
    .slice(-10)
    .reverse();
  const rows: Cell[][] = [];
  for (const e of events)
    rows.push([
      e.date,
      kindName(doc, e.kind),
      await eventTitle(doc, e),
      e.amount_usd === null ? '' : num(e.amount_usd, 0),
      doc.sourceCell(e.sources),
    ]);
  body +=
    `<h2>${esc(doc.t('recent'))}</h2>` +
    doc.table(
      'recent-events',
      [doc.t('date'), doc.t('kind'), doc.t('event_title'), doc.t('usd'), doc.t('source')],
      rows,
    );
  body += `<p><a href="${esc(withQuery('/policy', { ...v, params: {} }))}">${esc(doc.t('policy'))} →</a></p>`;
  return { title: doc.t('overview'), body };
}

/** The scorecard with its weights form, pillars, indicators, what is missing and the sensitivity to weights. */
async function scorecardSection(
  doc: Doc,
  weights: Record<Pillar, number>,
  weightsGiven: string | undefined,
): Promise<string> {
  const d = doc.deps;
  const v = doc.v;
  let body = '';
  const sc = await memo(d, `score:${v.asOf}:${weightsGiven}`, () =>
    score.run(
      opDeps(d),
      score.input.parse({
        samples: '2000',
        ...(weightsGiven ? { weights: weightsGiven } : {}),
        ...(v.asOf ? { as_of: v.asOf } : {}),
      }),
    ),
  );
  const leader = sc.countries[0];
  const weightWord =
    weightsGiven && PILLARS.some((p) => weights[p] !== 1) ? doc.t('your_weights') : doc.t('equal_weights');
  body += `<h2>${esc(doc.t('scorecard'))} · ${esc(doc.t('as_of'))} ${esc(sc.as_of)}</h2>`;
  if (leader)
    body += doc.answer(
      doc.t('answer_score', {
        weights: weightWord,
        leader: doc.country(leader.country),
        score: num(leader.score, 2),
        share: num(100 * (sc.sensitivity.lead_share[leader.country] ?? 0), 0),
      }),
    );
  body += `<p>${esc(doc.t('scorecard_lead'))}</p>`;
  // The weights form: one number per pillar; submitting puts them in the URL as ?weights=.
  body +=
    `<form method="get" action="/" class="w" id="weights"><fieldset><legend>${esc(doc.t('weights'))}</legend><p class="muted">${esc(doc.t('weights_help'))}</p>` +
    PILLARS.map(
      (p) =>
        `<label>${esc(doc.t(p))} <input type="number" min="0" max="10" step="0.5" name="w_${p}" value="${weights[p]}"></label>`,
    ).join(' ') +
    (v.lang !== 'en' ? `<input type="hidden" name="lang" value="${esc(v.lang)}">` : '') +
    (v.asOf ? `<input type="hidden" name="as_of" value="${esc(v.asOf)}">` : '') +
    `<button>${esc(doc.t('apply'))}</button></fieldset></form>`;
  body += sc.countries
    .map(
      (x) =>
        `<div class="card"><div>${esc(doc.country(x.country))}</div><div class="big">${num(x.score, 2)}</div><div>${esc(doc.t('leads_share'))}: ${num(100 * (sc.sensitivity.lead_share[x.country] ?? 0), 0)}%</div></div>`,
    )
    .join('');
  const pillarRows: Cell[][] = PILLARS.map((p) => [
    doc.t(p),
    String(weights[p]),
    ...sc.countries.map((x): Cell => {
      const s = x.pillars.find((y) => y.pillar === p)?.score ?? null;
      return s === null
        ? { html: `<span class="muted">${esc(doc.t('missing'))}</span>`, text: '', sort: -1 }
        : { html: num(s, 2), text: num(s, 3), sort: s };
    }),
  ]);
  pillarRows.push([
    doc.t('total'),
    '',
    ...sc.countries.map(
      (x): Cell => ({
        html: `<b>${num(x.score, 2)}</b>`,
        text: num(x.score, 3),
        sort: x.score ?? -1,
      }),
    ),
  ]);
  body += doc.table(
    'pillars',
    [doc.t('pillar'), doc.t('weights'), ...sc.countries.map((x) => doc.country(x.country))],
    pillarRows,
  );
  const indRows: Cell[][] = [];
  const missing: string[] = [];
  for (const p of PILLARS) {
    const first = sc.countries[0]?.pillars.find((y) => y.pillar === p);
    for (const ind of first?.indicators ?? []) {
      const row: Cell[] = [doc.t(p), indicatorName(doc, ind.id)];
      for (const x of sc.countries) {
        const i = x.pillars.find((y) => y.pillar === p)?.indicators.find((y) => y.id === ind.id);
        if (!i || i.value === null) {
          row.push({ html: `<span class="muted">${esc(doc.t('missing'))}</span>`, text: '', sort: -1 });
          const why = ind.sources.length ? doc.t('why_no_data_date') : doc.t('why_not_covered');
          missing.push(
            `${doc.t('missing_note', { indicator: indicatorName(doc, ind.id), country: doc.country(x.country), source: why })}`,
          );
        } else
          row.push({
            html: `${num(i.value, i.value < 10 ? 3 : 0)} <small class="muted">(${num(i.normalized, 2)})</small>`,
            text: String(i.value),
            sort: i.value,
          });
      }
      indRows.push(row);
    }
  }
  body += doc.table(
    'indicators',
    [doc.t('pillar'), doc.t('indicator'), ...sc.countries.map((x) => doc.country(x.country))],
    indRows,
  );
  for (const x of sc.countries)
    for (const p of x.pillars)
      if (p.score === null)
        missing.push(doc.t('missing_pillar', { pillar: doc.t(p.pillar as Pillar), country: doc.country(x.country) }));
  if (missing.length)
    body += `<h3>${esc(doc.t('missing_why'))}</h3><ul>${[...new Set(missing)].map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`;
  body += doc.sources(
    sc.countries.flatMap((x) => x.pillars.flatMap((p) => p.indicators.flatMap((i) => i.sources))),
    6,
  );

  const spec: ChartSpec = {
    id: 'sensitivity',
    title: doc.t('lead_share_chart'),
    height: 300,
    x: { type: 'category', name: doc.t('country'), categories: sc.countries.map((x) => doc.country(x.country)) },
    y: { type: 'value', name: doc.t('weightings'), percent: true },
    series: [
      {
        name: doc.t('leads_share'),
        kind: 'bar',
        color: '#1f5fa8',
        points: sc.countries.map((x) => ({
          x: doc.country(x.country),
          y: sc.sensitivity.lead_share[x.country] ?? 0,
          tip: [
            [doc.t('country'), doc.country(x.country)],
            [doc.t('share'), `${num(100 * (sc.sensitivity.lead_share[x.country] ?? 0), 1)}%`],
          ],
        })),
      },
    ],
  };
  body +=
    `<h2>${esc(doc.t('sensitivity'))}</h2><p>${esc(doc.t('sensitivity_note', { n: sc.sensitivity.samples }))}</p>` +
    doc.chart(spec);
  body += `<h3>${esc(doc.t('deciding'))}</h3>`;
  body += sc.sensitivity.deciding_indicators.length
    ? doc.table(
        'deciding',
        [doc.t('indicator'), doc.t('leader_without')],
        sc.sensitivity.deciding_indicators.map((x) => [indicatorName(doc, x.indicator), doc.country(x.leader_without)]),
      )
    : `<p>${esc(doc.t('deciding_none'))}</p>`;

  return body;
}
