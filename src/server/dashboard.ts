/**
 * @module
 * The dashboard: server-rendered pages over every capability (overview, capability, adoption, cost,
 * compute, policy, claims, sources) in English, 简体 and 繁體. The view lives in the URL (lang, as_of,
 * metric, form inputs) so it can be shared; the language is also remembered in a cookie. Charts are the
 * same Vega-Lite charts the API serves as SVG; every table has a CSV download; every number links to its
 * sources. No script: forms are plain GET/POST, which keeps the pages light and the CSP strict.
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { adoption } from '../adoption/index.ts';
import { claimsReport } from '../claims/html.ts';
import type { Checker } from '../claims/index.ts';
import { findChip } from '../compute/chips.ts';
import { classify } from '../compute/classify.ts';
import { parseDestination } from '../compute/destinations.ts';
import { chipRow, loadChips, loadContext, systemChecks } from '../compute/index.ts';
import { pick } from '../cost/index.ts';
import { computeGap } from '../frontier/index.ts';
import { score } from '../scorecard/index.ts';
import { listDatasets, listSources } from '../store/queries.ts';
import type { Db } from '../store/db.ts';
import { loadFx, timeline } from '../timeline/index.ts';
import { countryName, isLang, LANGS, t, type Key, type Lang } from './i18n.ts';

const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const num = (x: unknown, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d }) : '—');
const PAGES: [string, Key][] = [['/', 'overview'], ['/capability', 'capability'], ['/adoption', 'adoption'], ['/cost', 'cost'], ['/compute', 'compute'], ['/policy', 'policy'], ['/claims', 'claims'], ['/sources', 'sources']];

interface View {
  lang: Lang;
  asOf: string | null;
  query: Record<string, string>;
}

function viewOf(c: Context): View {
  const q = c.req.query();
  const fromCookie = getCookie(c, 'lang');
  const lang: Lang = isLang(q['lang']) ? q['lang'] : isLang(fromCookie) ? fromCookie : 'en';
  if (isLang(q['lang'])) setCookie(c, 'lang', q['lang'], { path: '/', sameSite: 'Lax', maxAge: 31536000 });
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(q['as_of'] ?? '') ? (q['as_of'] as string) : null;
  return { lang, asOf, query: q };
}

const withQuery = (path: string, v: View, extra: Record<string, string | null> = {}) => {
  const p = new URLSearchParams();
  p.set('lang', v.lang);
  if (v.asOf) p.set('as_of', v.asOf);
  for (const [k, val] of Object.entries(extra)) if (val !== null && val !== '') p.set(k, val);
  return `${path}?${p.toString()}`;
};

const sourceLinks = (v: View, ids: readonly string[]) => {
  const all = [...new Set(ids)];
  if (!all.length) return '';
  const shown = all.slice(0, 8).map((s) => `<a href="${esc(withQuery('/sources', v))}#${esc(s)}">${esc(s)}</a>`).join(', ');
  return `<span class="src">${esc(t(v.lang, 'source_link'))}: ${shown}${all.length > 8 ? `, <a href="${esc(withQuery('/sources', v))}">+${all.length - 8}</a>` : ''}</span>`;
};

function table(headers: string[], rows: (string | number | null)[][], csv?: string): string {
  return `<div class="tbl">${csv ? `<a class="dl" href="${esc(csv)}">CSV</a>` : ''}<table><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((x) => `<td>${typeof x === 'string' && x.startsWith('<') ? x : esc(x)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

function chart(src: string, alt: string): string {
  return `<figure><img src="${esc(src)}" alt="${esc(alt)}" loading="lazy"><figcaption>${esc(alt)} · <a href="${esc(src)}" download>SVG</a></figcaption></figure>`;
}

function page(v: View, path: string, body: string): string {
  const nav = PAGES.map(([p, key]) => `<a href="${esc(withQuery(p, v))}"${p === path ? ' aria-current="page"' : ''}>${esc(t(v.lang, key))}</a>`).join('');
  const langs = LANGS.map((l) => `<a href="${esc(withQuery(path, { ...v, lang: l }, Object.fromEntries(Object.entries(v.query).filter(([k]) => k !== 'lang' && k !== 'as_of'))))}" hreflang="${l}"${l === v.lang ? ' aria-current="true"' : ''}>${l === 'en' ? 'English' : l === 'zh-Hans' ? '简体中文' : '繁體中文'}</a>`).join(' · ');
  const hidden = Object.entries(v.query).filter(([k]) => k !== 'as_of').map(([k, val]) => `<input type="hidden" name="${esc(k)}" value="${esc(val)}">`).join('');
  return `<!doctype html><html lang="${v.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(t(v.lang, 'title'))}</title>
<style>
body{font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#1b1b1b}header{background:#10243e;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.8rem;align-items:center}
header a{color:#dfe9f7;text-decoration:none}header a[aria-current]{color:#fff;font-weight:700;text-decoration:underline}nav{display:flex;flex-wrap:wrap;gap:.7rem}.brand{font-weight:700;margin-right:1rem}
main{max-width:1100px;margin:0 auto;padding:1rem}.langs,.asof{font-size:13px}.asof input{width:9rem}table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #e4e4e4;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}.tbl{overflow-x:auto;margin:.5rem 0 1.5rem}.dl{float:right;font-size:12px}figure{margin:.5rem 0 1.5rem}figure img{max-width:100%;height:auto;border:1px solid #eee}.src{display:block;font-size:12px;color:#555}
.card{display:inline-block;border:1px solid #dde3ea;border-radius:6px;padding:.6rem .9rem;margin:.3rem .5rem .3rem 0}.big{font-size:1.6rem;font-weight:700}form{margin:.5rem 0 1rem}label{margin-right:.8rem}
.supported{background:#c9ecd2}.contradicted{background:#f6c9c9}.outdated{background:#f8e3b5}.unverifiable{background:#e3e3e3}textarea{width:100%;min-height:10rem}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f0b400}
@media (max-width:600px){header{flex-direction:column;align-items:flex-start}}
</style></head><body><header><span class="brand">airace · ${esc(t(v.lang, 'title'))}</span><nav aria-label="pages">${nav}</nav>
<span class="langs" aria-label="${esc(t(v.lang, 'language'))}">${langs}</span>
<form class="asof" method="get" action="${esc(path)}">${hidden}<label>${esc(t(v.lang, 'as_of'))} <input type="date" name="as_of" value="${esc(v.asOf ?? '')}"></label><button>${esc(t(v.lang, 'apply'))}</button></form></header>
<main>${body}</main></body></html>`;
}

const safe = async <T>(fn: () => Promise<T>): Promise<T | Error> => {
  try {
    return await fn();
  } catch (err) {
    return err as Error;
  }
};
const problem = (e: Error) => `<p role="alert">${esc(e.message)}</p>`;

/** Organization names in the chosen script (the attribution table's own columns). */
async function orgNames(db: Db): Promise<(lang: Lang, id: string | null) => string> {
  const rows = await db.all('SELECT id, name_en, name_zh_hans, name_zh_hant FROM organizations');
  const by = new Map(rows.map((r) => [String(r['id']), r]));
  return (lang, id) => {
    if (!id) return '';
    const r = by.get(id);
    if (!r) return id;
    const name = lang === 'zh-Hans' ? r['name_zh_hans'] : lang === 'zh-Hant' ? r['name_zh_hant'] : null;
    return String(name ?? r['name_en']);
  };
}

export function mountDashboard(app: Hono, db: Db, opts: { checker: () => Promise<Checker>; fxPath: string }): void {
  let names: Promise<(lang: Lang, id: string | null) => string> | undefined;
  const orgName = async (lang: Lang, id: string | null) => (await (names ??= orgNames(db)))(lang, id);
  app.get('/', async (c) => {
    const v = viewOf(c);
    const sc = await safe(() => score(db, { asOf: v.asOf ?? undefined, samples: 2000 }, loadFx(opts.fxPath)));
    const tl = await safe(() => timeline(db, { to: v.asOf ?? undefined }, loadFx(opts.fxPath)));
    let body = `<h1>${esc(t(v.lang, 'scorecard'))}${sc instanceof Error ? '' : ` · ${esc(t(v.lang, 'as_of'))} ${esc(sc.as_of)}`}</h1>`;
    if (sc instanceof Error) body += problem(sc);
    else {
      body += `<p>${esc(t(v.lang, 'weights_note'))}</p>`;
      body += sc.countries.map((x) => `<div class="card"><div>${esc(countryName(v.lang, x.country))}</div><div class="big">${num(x.score, 2)}</div><div>${esc(t(v.lang, 'leads_share'))}: ${num(100 * (sc.sensitivity.lead_share[x.country] ?? 0), 0)}%</div></div>`).join('');
      body += table(['pillar', ...sc.countries.map((x) => countryName(v.lang, x.country))], ['capability', 'adoption', 'cost', 'compute', 'policy'].map((p) => [t(v.lang, p as Key), ...sc.countries.map((x) => num(x.pillars.find((y) => y.pillar === p)?.score ?? null, 2))]));
      body += sourceLinks(v, sc.countries.flatMap((x) => x.pillars.flatMap((p) => p.indicators.flatMap((i) => i.sources))));
    }
    if (!(tl instanceof Error)) {
      body += `<h2>${esc(t(v.lang, 'recent'))}</h2>` + table([t(v.lang, 'date'), 'kind', 'title', 'USD'], tl.events.slice(-10).reverse().map((e) => [e.date, e.kind, e.title, e.amount_usd === null ? '' : num(e.amount_usd, 0)]), withQuery('/api/v1/timeline', v, { format: 'csv', to: v.asOf }).replace(/as_of=[^&]*&?/, ''));
    }
    return c.html(page(v, '/', body));
  });

  app.get('/capability', async (c) => {
    const v = viewOf(c);
    const metric = /^[a-z0-9-]{2,64}$/.test(v.query['metric'] ?? '') ? (v.query['metric'] as string) : 'arena-text';
    const g = await safe(() => computeGap(db, { metric, asOf: v.asOf ?? undefined, leader: 'US', follower: 'CN', rounds: 200 }));
    let body = `<h1>${esc(t(v.lang, 'capability'))}</h1><form method="get" action="/capability"><input type="hidden" name="lang" value="${v.lang}">${v.asOf ? `<input type="hidden" name="as_of" value="${esc(v.asOf)}">` : ''}<label>${esc(t(v.lang, 'metric'))} <select name="metric">${['arena-text', 'arena-text-chinese', 'arena-text-coding', 'epoch-eci', 'gpqa-diamond', 'swe-bench-verified', 'aa-intelligence'].map((m) => `<option${m === metric ? ' selected' : ''}>${m}</option>`).join('')}</select></label><button>${esc(t(v.lang, 'apply'))}</button></form>`;
    if (g instanceof Error) body += problem(g);
    else {
      const ci = (x: [number, number] | null) => (x ? ` (95% CI ${num(x[0])}–${num(x[1])})` : '');
      body += `<div class="card"><div>${esc(t(v.lang, 'gap'))} · ${esc(g.title)} · ${esc(g.data_date)}</div><div class="big">${num(g.points_gap, 3)} ${esc(t(v.lang, 'points'))}${esc(ci(g.points_ci))}</div><div class="big">${g.months_censored ? '≥ ' : ''}${num(g.months_gap)} ${esc(t(v.lang, 'months'))}${esc(ci(g.months_ci))}</div></div>`;
      body += table([t(v.lang, 'leader'), t(v.lang, 'model'), t(v.lang, 'score'), t(v.lang, 'follower'), t(v.lang, 'model'), t(v.lang, 'score')], [[countryName(v.lang, g.leader), g.leader_model, num(g.leader_score, 3), countryName(v.lang, g.follower), g.follower_model, num(g.follower_score, 3)]]);
      body += `<p>${esc(g.uncertainty)}</p>${sourceLinks(v, g.sources)}`;
      body += chart(withQuery('/api/v1/gap/chart.svg', v, { metric }).replace(/lang=[^&]*&?/, ''), `${g.title}: US vs CN`);
      body += `<p><a href="${esc(withQuery('/api/v1/gap', v, { metric, series: 'true', format: 'csv' }).replace(/lang=[^&]*&?/, ''))}">CSV</a> (series)</p>`;
    }
    // Leaderboard: the latest Arena text snapshot on or before the date, with organization and country.
    const board = await db.all(
      `WITH day AS (SELECT max(snapshot_date) AS d FROM leaderboard_entries WHERE leaderboard = 'lmarena-text' AND category = 'full'${v.asOf ? ' AND snapshot_date <= $1' : ''})
       SELECT e.model_id, max(e.score) AS score, any_value(e.source_id) AS source_id, m.organization_id, o.country, CAST(any_value(e.snapshot_date) AS VARCHAR) AS d
       FROM leaderboard_entries e JOIN day ON e.snapshot_date = day.d LEFT JOIN models m ON m.id = e.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE e.leaderboard = 'lmarena-text' AND e.category = 'full' GROUP BY e.model_id, m.organization_id, o.country ORDER BY score DESC LIMIT 20`,
      v.asOf ? [v.asOf] : [],
    );
    if (board.length) {
      const rows: (string | number | null)[][] = [];
      for (const [k, r] of board.entries()) rows.push([k + 1, String(r['model_id']), await orgName(v.lang, (r['organization_id'] as string | null) ?? null), countryName(v.lang, (r['country'] as string | null) ?? null), num(r['score'] as number, 0)]);
      body += `<h2>Arena text · ${esc(board[0]?.['d'])}</h2>` + table(['#', t(v.lang, 'model'), 'organization', t(v.lang, 'country'), t(v.lang, 'score')], rows) + sourceLinks(v, board.map((r) => String(r['source_id'])));
    }
    return c.html(page(v, '/capability', body));
  });

  app.get('/adoption', async (c) => {
    const v = viewOf(c);
    let body = `<h1>${esc(t(v.lang, 'adoption'))}</h1>`;
    for (const [metric, title] of [['tokens', 'traffic'], ['dollars', 'traffic'], ['downloads', 'downloads'], ['derivatives', 'downloads']] as const) {
      const r = await safe(() => adoption(db, { by: 'country', metric, asOf: v.asOf ?? undefined, days: 30 }));
      body += `<h2>${esc(t(v.lang, title))} — ${esc(metric)}</h2>`;
      if (r instanceof Error) {
        body += problem(r);
        continue;
      }
      body += `<p>${esc(r.window.description)}</p>`;
      body += r.rows.length ? table([t(v.lang, 'country'), t(v.lang, 'value'), t(v.lang, 'share')], r.rows.slice(0, 12).map((x) => [countryName(v.lang, String(x['country'])), num(x['value'] as number, 0), `${num(100 * Number(x['share']), 1)}%`]), withQuery('/api/v1/adoption', v, { metric, format: 'csv' }).replace(/lang=[^&]*&?/, '')) : `<p>${esc(t(v.lang, 'no_data'))}</p>`;
      if (r.verification.length) body += `<details><summary>${esc(t(v.lang, 'cannot_verify'))}</summary>${r.verification.map((x) => `<p>${esc(x)}</p>`).join('')}</details>`;
      body += sourceLinks(v, r.sources);
    }
    return c.html(page(v, '/adoption', body));
  });

  app.get('/cost', async (c) => {
    const v = viewOf(c);
    const q = v.query;
    const minScore = Number(q['min_score'] ?? 1400);
    let body = `<h1>${esc(t(v.lang, 'cost'))}</h1><h2>${esc(t(v.lang, 'frontier'))}</h2>`;
    body += chart(withQuery('/api/v1/cost/frontier/chart.svg', v).replace(/lang=[^&]*&?/, ''), t(v.lang, 'frontier'));
    body += `<h2>${esc(t(v.lang, 'pick'))}</h2><form method="get" action="/cost"><input type="hidden" name="lang" value="${v.lang}">${v.asOf ? `<input type="hidden" name="as_of" value="${esc(v.asOf)}">` : ''}
<label>${esc(t(v.lang, 'min_score'))} <input name="min_score" type="number" value="${esc(Number.isFinite(minScore) ? minScore : 1400)}"></label>
<label><input type="checkbox" name="open_weights" value="true"${q['open_weights'] === 'true' ? ' checked' : ''}> ${esc(t(v.lang, 'open_weights'))}</label>
<label>${esc(t(v.lang, 'origin'))} <input name="origin" size="8" value="${esc(q['origin'] ?? '')}"></label><button>${esc(t(v.lang, 'find'))}</button></form>`;
    if (q['min_score'] !== undefined) {
      const r = await safe(() => pick(db, { metric: 'arena-text', minScore, openWeights: q['open_weights'] === 'true', origin: q['origin'] || undefined, asOf: v.asOf ?? undefined }));
      if (r instanceof Error) body += problem(r);
      else {
        const rows = [r.pick, ...r.runners_up].filter((x): x is NonNullable<typeof x> => x !== null);
        const named: (string | number | null)[][] = [];
        for (const x of rows) named.push([x.model, await orgName(v.lang, x.organization), countryName(v.lang, x.country), num(x.price, 4), num(x.score, 0)]);
        body += rows.length ? table([t(v.lang, 'model'), 'organization', t(v.lang, 'country'), t(v.lang, 'price'), t(v.lang, 'score')], named) : `<p>${esc(r.note)}</p>`;
        body += `<p>${esc(r.blend)}; ${r.excluded.length} excluded (${esc(r.as_of)})</p>${sourceLinks(v, rows.flatMap((x) => x.sources))}`;
      }
    }
    return c.html(page(v, '/cost', body));
  });

  app.get('/compute', async (c) => {
    const v = viewOf(c);
    const q = v.query;
    const chips = await loadChips(db);
    let body = `<h1>${esc(t(v.lang, 'compute'))}</h1><h2>${esc(t(v.lang, 'chips'))}</h2>`;
    body += table(['chip', t(v.lang, 'country'), 'BF16 TFLOPS', 'TPP', 'PD', 'TFLOPS/W', 'confidence'], chips.map(chipRow).map((r) => [r.name, countryName(v.lang, r.country), num(r.bf16_tflops, 0), num(r.tpp, 0), num(r.pd, 2), num(r.tflops_per_w, 2), `${r.confidence}${r.unconfirmed_fields.length ? ` (unconfirmed: ${r.unconfirmed_fields.join(', ')})` : ''}`]), '/api/v1/chips?format=csv');
    const sys = await systemChecks(db, chips);
    body += `<h2>${esc(t(v.lang, 'systems'))}</h2>` + table(['system', 'figure', 'computed', 'published', 'agrees'], sys.flatMap((s) => s.figures.map((f) => [s.name, `${f.figure} (${f.unit})`, num(f.computed, 1), num(f.published, 1), f.agrees === null ? '?' : f.agrees ? '✓' : '✗'])));
    body += `<h2>${esc(t(v.lang, 'classify'))}</h2><form method="get" action="/compute"><input type="hidden" name="lang" value="${v.lang}">
<label>chip <select name="chip">${chips.map((x) => `<option value="${esc(x.id)}"${x.id === q['chip'] ? ' selected' : ''}>${esc(x.name)}</option>`).join('')}</select></label>
<label>${esc(t(v.lang, 'destination'))} <input name="destination" size="4" value="${esc(q['destination'] ?? 'CN')}"></label>
<label>${esc(t(v.lang, 'date'))} <input type="date" name="date" value="${esc(q['date'] ?? '2025-05-01')}"></label><button>${esc(t(v.lang, 'classify'))}</button></form>`;
    if (q['chip']) {
      const r = await safe(async () => classify(await loadContext(db, chips), findChip(chips, q['chip'] as string), { date: q['date'] || '2025-05-01', destination: parseDestination(q['destination'] || 'CN') }));
      body += r instanceof Error ? problem(r) : `<div id="classification">${table(['rule', 'classification', 'controlled', 'license', 'reason'], r.map((x) => [x.rule, x.classification ?? '—', String(x.controlled ?? '?'), String(x.license_required ?? '?'), x.reason]))}${sourceLinks(v, r.flatMap((x) => x.sources))}</div>`;
    }
    return c.html(page(v, '/compute', body));
  });

  app.get('/policy', async (c) => {
    const v = viewOf(c);
    const tl = await timeline(db, { to: v.asOf ?? undefined }, loadFx(opts.fxPath));
    const body = `<h1>${esc(t(v.lang, 'policy'))}</h1>` + table([t(v.lang, 'date'), 'kind', t(v.lang, 'country'), 'title', 'amount', 'USD', t(v.lang, 'source_link')], tl.events.map((e) => [e.date, e.kind, countryName(v.lang, e.country), e.title, e.amount === null ? '' : `${num(e.amount, 0)} ${e.currency}`, e.amount_usd === null ? '' : num(e.amount_usd, 0), sourceLinks(v, e.sources)]), '/api/v1/timeline?format=csv') + `<p>USD: ${esc(tl.fx_source.title)} (${esc(tl.fx_source.confidence)})</p>`;
    return c.html(page(v, '/policy', body));
  });

  const claimsPage = async (c: Context, text: string | null) => {
    const v = viewOf(c);
    let body = `<h1>${esc(t(v.lang, 'claims'))}</h1><form method="post" action="${esc(withQuery('/claims', v))}"><label for="article">${esc(t(v.lang, 'paste'))}</label><textarea id="article" name="text" maxlength="200000">${esc(text ?? '')}</textarea><button>${esc(t(v.lang, 'check'))}</button></form>`;
    if (text) {
      const doc = (await opts.checker()).check('pasted', text.slice(0, 200000));
      const report = claimsReport([doc]);
      body += `<div id="report">${report.slice(report.indexOf('<section>'), report.lastIndexOf('</section>') + 10)}</div>`;
    }
    return c.html(page(v, '/claims', body));
  };
  app.get('/claims', (c) => claimsPage(c, null));
  app.post('/claims', async (c) => {
    const form = await c.req.parseBody();
    const text = typeof form['text'] === 'string' ? form['text'] : '';
    return claimsPage(c, text.trim() ? text : null);
  });

  app.get('/sources', async (c) => {
    const v = viewOf(c);
    const sources = await listSources(db);
    const datasets = await listDatasets(db);
    const body = `<h1>${esc(t(v.lang, 'sources'))}</h1><h2>${esc(t(v.lang, 'datasets'))}</h2>` +
      table(['dataset', 'rows', 'from', 'to', 'source'], datasets.map((d) => [String(d['title']), num(d['rows'] as number, 0), String(d['date_min'] ?? ''), String(d['date_max'] ?? ''), `<a href="#${esc(d['source_id'])}">${esc(d['source_id'])}</a>`]), '/api/v1/datasets?format=csv') +
      `<h2>${esc(t(v.lang, 'sources'))}</h2><div class="tbl"><a class="dl" href="/api/v1/sources?format=csv">CSV</a><table><thead><tr><th>id</th><th>title</th><th>publisher</th><th>license</th><th>retrieved</th></tr></thead><tbody>${sources.map((s) => `<tr id="${esc(s['id'])}"><td>${esc(s['id'])}</td><td>${/^https?:/.test(String(s['url'])) ? `<a href="${esc(s['url'])}" rel="noopener">${esc(s['title'])}</a>` : esc(s['title'])}</td><td>${esc(s['publisher'])}</td><td>${esc(s['license'])}</td><td>${esc(s['retrieved'])}</td></tr>`).join('')}</tbody></table></div>`;
    return c.html(page(v, '/sources', body));
  });
}
