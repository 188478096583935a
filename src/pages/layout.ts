/**
 * @module
 * What every page shares: the view (language, as-of date and the page's own parameters, all in the URL),
 * the page shell (header, navigation, language switch, as-of form, footer with glossary and methods),
 * tables with a CSV link, sortable and searchable in the browser, and charts drawn as SVG on the server
 * and made interactive by the client bundle. A rendered page keeps its tables and charts so that
 * `?format=csv&table=ID` and `?format=svg&chart=ID` answer from the same cached render.
 */
import { esc } from '../util/html.ts';
import type { Checker } from '../claims/index.ts';
import { chartSvg } from '../charts/ssr.ts';
import type { ChartSpec } from '../charts/spec.ts';
import type { OrgNames } from '../models/model-page.ts';
import type { Deps } from '../ops/operation.ts';
import { defaultPaths, sharedDeps } from '../ops/deps.ts';
import type { loadFx } from '../timeline/index.ts';
import { countryName, LANG_NAMES, LANGS, t, type Key, type Lang } from './i18n.ts';
import type { Translations } from './translations.ts';
import type { PageCache } from './cache.ts';
import { grouped } from '../util/numbers.ts';

export { esc };

export const num = (x: unknown, d = 1): string => (typeof x === 'number' && Number.isFinite(x) ? grouped(x, d) : '—');

/** What a page may use: capability functions over the database, and shared lookups loaded once. */
type Db = Awaited<ReturnType<Deps['db']>>;

/** Deps for calling an operation from a page, over the page's database handle. */
export const opDeps = (d: PageDeps): Deps => sharedDeps(d.db, defaultPaths({ db: d.db.path }));

export interface PageDeps {
  db: Db;
  fx: ReturnType<typeof loadFx>;
  checker: () => Promise<Checker>;
  orgs: Map<string, OrgNames>;
  models: Map<string, { name: string; organization: string | null; country: string | null }>;
  sources: Map<string, { title: string; url: string | null; publisher: string }>;
  tr: Translations;
  /** Results shared by the pages of one database version (a gap's full series, the metric list): bounded LRU. */
  memo: PageCache<unknown>;
}

export function memo<T>(d: PageDeps, key: string, fn: () => Promise<T>): Promise<T> {
  return d.memo.get(key, fn) as Promise<T>;
}

export interface View {
  lang: Lang;
  asOf: string | null;
  /** The page's own parameters, already validated (junk dropped). */
  params: Record<string, string>;
  /** Set when a given as_of was not a real date. */
  badDate: boolean;
}

export type Cell = string | number | null | { html: string; text: string; sort?: string | number };

export interface TableData {
  headers: string[];
  rows: Cell[][];
}

export const cellText = (c: Cell): string => (c === null ? '' : typeof c === 'object' ? c.text : String(c));

export const link = (href: string, text: string): Cell => ({ html: `<a href="${esc(href)}">${esc(text)}</a>`, text });

/** A model's name: a proper name, not interface text (translate="no"). */
const modelLink = (href: string, text: string): Cell => ({
  html: `<a href="${esc(href)}" translate="no">${esc(text)}</a>`,
  text,
});

export function withQuery(
  path: string,
  v: View,
  extra: Record<string, string | null | undefined> = {},
  keepParams = false,
): string {
  const p = new URLSearchParams();
  if (v.lang !== 'en') p.set('lang', v.lang);
  if (v.asOf) p.set('as_of', v.asOf);
  if (keepParams) for (const [k, val] of Object.entries(v.params)) p.set(k, val);
  for (const [k, val] of Object.entries(extra))
    if (val !== null && val !== undefined && val !== '') p.set(k, val);
    else p.delete(k);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export const orgName = (d: PageDeps, lang: Lang, id: string | null | undefined): string => {
  if (!id) return '';
  const o = d.orgs.get(id);
  if (!o) return id;
  return (lang === 'zh-Hans' ? o.zh_hans : lang === 'zh-Hant' ? o.zh_hant : null) ?? o.en;
};

/** A rendered page: its HTML body plus its tables and charts for the CSV and SVG exports. */
export class Doc {
  readonly tables = new Map<string, TableData>();
  readonly charts = new Map<string, { spec: ChartSpec; svg: string }>();
  constructor(
    readonly deps: PageDeps,
    readonly v: View,
    readonly path: string,
  ) {}

  t(key: Key, vars?: Record<string, string | number>): string {
    return t(this.v.lang, key, vars);
  }

  country(code: string | null | undefined): string {
    return countryName(this.v.lang, code);
  }

  /** A model's name linked to its page (plain text if the database has no such model). */
  model(id: string | null | undefined): Cell {
    if (!id) return '—';
    const m = this.deps.models.get(id);
    if (!m) return { html: `<span translate="no">${esc(id)}</span>`, text: id };
    return modelLink(withQuery(`/models/${encodeURIComponent(id)}`, { ...this.v, params: {} }), m.name);
  }

  modelHtml(id: string | null | undefined): string {
    return cellHtml(this.model(id));
  }

  /** Source ids as links to the sources page, showing each source's title. */
  sources(ids: readonly string[], max = 4): string {
    const all = [...new Set(ids)].filter(Boolean);
    if (!all.length) return '';
    const href = withQuery('/sources', { ...this.v, params: {} });
    const shown = all
      .slice(0, max)
      .map((s) => `<a href="${esc(href)}#src-${esc(s)}" lang="en">${esc(this.deps.sources.get(s)?.title ?? s)}</a>`)
      .join('; ');
    const more =
      all.length > max ? ` · <a href="${esc(href)}">${esc(this.t('more_sources', { n: all.length - max }))}</a>` : '';
    return `<p class="src">${esc(this.t('source_link'))}: ${shown}${more}</p>`;
  }

  /** English data names used in this page's sentences (source titles), marked lang="en" by answer(). */
  private readonly english = new Set<string>();

  /** A metric's title in the page's language (curated translations), else its English title, marked as data. */
  metricTitle(id: string, english: string): string {
    const tr = this.deps.tr.text('metrics', id, english, this.v.lang);
    if (!tr.translated) this.english.add(english);
    return tr.text;
  }

  /** A short source name for a sentence: the first source's title. */
  sourceName(ids: readonly string[]): string {
    const first = ids.find((s) => !s.startsWith('airace-curated')) ?? ids[0];
    const name = first ? (this.deps.sources.get(first)?.title ?? first) : '';
    if (name) this.english.add(name);
    return name;
  }

  /** A table cell naming the first source, linked to it on the sources page. */
  sourceCell(ids: readonly string[]): Cell {
    const name = this.sourceName(ids);
    const first = ids.find((s) => !s.startsWith('airace-curated')) ?? ids[0] ?? '';
    const href = `${withQuery('/sources', { ...this.v, params: {} })}#src-${first}`;
    return { html: `<a href="${esc(href)}" lang="en">${esc(name)}</a>`, text: name };
  }

  /** The page's one-sentence answer; source titles inside it are marked as English data. */
  answer(text: string): string {
    return `<p class="answer">${this.sentence(text)}</p>`;
  }

  /** Escaped text with the English data names in it marked lang="en". */
  sentence(text: string): string {
    let html = esc(text);
    for (const name of [...this.english].sort((a, b) => b.length - a.length))
      if (name.length > 3) html = html.split(esc(name)).join(`<span lang="en">${esc(name)}</span>`);
    return html;
  }

  table(id: string, headers: string[], rows: Cell[][], opts: { caption?: string } = {}): string {
    this.tables.set(id, { headers, rows });
    const csv = withQuery(this.path, this.v, { format: 'csv', table: id }, true);
    const head = headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
    const body = rows
      .map(
        (r) =>
          `<tr>${r.map((c) => `<td${typeof c === 'object' && c !== null && c.sort !== undefined ? ` data-sort="${esc(c.sort)}"` : typeof c === 'number' ? ` data-sort="${c}"` : ''}>${cellHtml(c)}</td>`).join('')}</tr>`,
      )
      .join('');
    return (
      `<div class="tbl" data-search="${esc(this.t('search'))}"><div class="tools"><a class="dl" href="${esc(csv)}" download>${esc(this.t('csv'))}</a></div>` +
      `<div class="scroll"><table>${opts.caption ? `<caption>${esc(opts.caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></div>`
    );
  }

  chart(spec: ChartSpec, caption = ''): string {
    const svg = chartSvg(spec);
    this.charts.set(spec.id, { spec, svg });
    const svgHref = withQuery(this.path, this.v, { format: 'svg', chart: spec.id }, true);
    const methods = withQuery('/methods', { ...this.v, params: {} });
    const json = JSON.stringify(spec).replace(/</g, '\\u003c');
    return (
      `<figure class="chart" id="chart-${esc(spec.id)}"><div class="plot" role="img" aria-label="${esc(spec.title)}">${svg}</div>` +
      `<script type="application/json">${json}</script>` +
      `<figcaption>${caption ? `${caption} · ` : ''}<a href="${esc(svgHref)}" download>${esc(this.t('svg'))}</a> · <a href="${esc(methods)}">${esc(this.t('how_measured'))}</a></figcaption></figure>`
    );
  }
}

export function cellHtml(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'object') return c.html;
  return esc(c);
}

export const PAGES: [string, Key][] = [
  ['/', 'overview'],
  ['/capability', 'capability'],
  ['/adoption', 'adoption'],
  ['/cost', 'cost'],
  ['/compute', 'compute'],
  ['/policy', 'policy'],
  ['/claims', 'claims'],
  ['/models', 'models'],
  ['/sources', 'sources'],
];

const CSS = `*{box-sizing:border-box}body{font:15px/1.55 system-ui,"Noto Sans CJK SC","Noto Sans CJK TC",sans-serif;margin:0;color:#1b1b1b;overflow-wrap:break-word}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;color:#000;padding:.3rem;z-index:9}
header{background:#10243e;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header a{color:#dfe9f7;text-decoration:none}header a[aria-current]{color:#fff;font-weight:700;text-decoration:underline}
nav{display:flex;flex-wrap:wrap;gap:.2rem .8rem}.brand{font-weight:700;color:#fff}.langs,.asof{font-size:13px;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.asof input{width:9.5rem}main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.4rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem}
.answer{font-size:1.15rem;background:#f2f6fb;border-left:4px solid #1f5fa8;padding:.6rem .9rem;margin:.6rem 0 1rem}
.tbl{margin:.5rem 0 1.2rem}.tools{display:flex;justify-content:flex-end;gap:.6rem;font-size:13px}.scroll{overflow-x:auto;max-width:100%}
.filter{font:inherit;font-size:13px;padding:.2rem .4rem;margin:.2rem 0;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #e4e4e4;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}td[data-sort]{font-variant-numeric:tabular-nums}caption{text-align:left;font-size:13px;color:#555}
button.sort{all:unset;cursor:pointer;font-weight:700}button.sort:focus{outline:3px solid #f0b400}th[aria-sort=ascending] button.sort::after{content:" ▲"}th[aria-sort=descending] button.sort::after{content:" ▼"}
figure{margin:.5rem 0 1.5rem}.plot{border:1px solid #eee;max-width:100%;overflow:hidden}.plot svg{max-width:100%;height:auto;display:block}.live{width:100%}
figcaption{font-size:13px;color:#444}.src{font-size:12px;color:#555;margin:.2rem 0 .8rem}
.card{display:inline-block;vertical-align:top;border:1px solid #dde3ea;border-radius:6px;padding:.6rem .9rem;margin:.3rem .5rem .3rem 0;max-width:100%}
.big{font-size:1.5rem;font-weight:700}form{margin:.5rem 0 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
label{display:inline-flex;flex-wrap:wrap;gap:.3rem;align-items:center}input,select,button,textarea{font:inherit;max-width:100%}select{width:auto;max-width:calc(100vw - 2rem)}label{max-width:100%}
.supported{background:#c9ecd2}.contradicted{background:#f6c9c9}.outdated{background:#f8e3b5}.unverifiable{background:#e3e3e3}
textarea{width:100%;min-height:10rem}.article{white-space:pre-wrap;border:1px solid #ddd;padding:1rem}mark{padding:0 2px;border-radius:3px}
a:focus,button:focus,input:focus,textarea:focus,select:focus,mark:focus{outline:3px solid #f0b400}
footer{max-width:1100px;margin:1rem auto;padding:1rem;font-size:13px;color:#555;border-top:1px solid #eee}
dl dt{font-weight:700;margin-top:.6rem}dl dd{margin-left:1rem}.w input{width:4.5rem}.muted{color:#666}
@media (max-width:600px){th,td{min-width:4.5rem}header{flex-direction:column;align-items:flex-start}.big{font-size:1.25rem}main{padding:.6rem}}`;

export function shell(doc: Doc, title: string, body: string): string {
  const v = doc.v;
  const navParams = { ...v, params: {} };
  const current = doc.path.startsWith('/models') ? '/models' : doc.path;
  const nav = PAGES.map(
    ([p, key]) =>
      `<a href="${esc(withQuery(p, navParams))}"${p === current ? ' aria-current="page"' : ''}>${esc(t(v.lang, key))}</a>`,
  ).join('');
  const langs = LANGS.map((l) => {
    const href = withQuery(doc.path, { ...v, lang: l }, { lang: l }, true);
    return `<a href="${esc(href)}" hreflang="${l}" lang="${l}"${l === v.lang ? ' aria-current="true"' : ''}>${LANG_NAMES[l]}</a>`;
  }).join(' · ');
  const hidden = [...Object.entries(v.params), ...(v.lang !== 'en' ? [['lang', v.lang]] : [])]
    .map(([k, val]) => `<input type="hidden" name="${esc(k)}" value="${esc(val)}">`)
    .join('');
  const g = withQuery('/glossary', navParams);
  const m = withQuery('/methods', navParams);
  return `<!doctype html><html lang="${v.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(t(v.lang, 'title'))}</title><link rel="icon" href="/favicon.ico" type="image/svg+xml"><style>${CSS}</style>
<script src="/assets/app.js" defer></script></head><body><a class="skip" href="#main">${esc(t(v.lang, 'skip'))}</a>
<header><a class="brand" href="${esc(withQuery('/', navParams))}">${esc(t(v.lang, 'title'))}</a><nav aria-label="${esc(t(v.lang, 'pages'))}">${nav}</nav>
<span class="langs" aria-label="${esc(t(v.lang, 'language'))}">${langs}</span>
<form class="asof" method="get" action="${esc(doc.path)}">${hidden}<label>${esc(t(v.lang, 'as_of'))} <input type="date" name="as_of" value="${esc(v.asOf ?? '')}"></label><button>${esc(t(v.lang, 'apply'))}</button></form></header>
<main id="main">${v.badDate ? `<p role="alert">${esc(t(v.lang, 'bad_date'))}</p>` : ''}${body}</main>
<footer><a href="${esc(g)}">${esc(t(v.lang, 'glossary'))}</a> · <a href="${esc(m)}">${esc(t(v.lang, 'methods'))}</a> · <a href="${esc(withQuery('/sources', navParams))}">${esc(t(v.lang, 'sources'))}</a></footer></body></html>`;
}

export const answer = (text: string, extraHtml = ''): string => `<p class="answer">${esc(text)}${extraHtml}</p>`;
