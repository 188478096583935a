/**
 * @module
 * The dashboard: server-rendered pages over every capability in English, 简体 and 繁體 (src/pages/*), with
 * interactive charts from the client bundle and SVG fallbacks. Pages run no SQL: they get their data through
 * operations (src/ops). Each page render is cached per database version (path + built_at) under its normalised
 * query and language, identical concurrent requests share one render, and the cache is a bounded LRU.
 * Every table answers `?format=csv&table=ID` and every chart `?format=svg&chart=ID` from the same render.
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { date } from '../ops/params.ts';
import type { Checker } from '../claims/index.ts';
import { builtAt, modelIndex, organizations } from '../models/model-page.ts';
import { FAVICON, clientBundle } from '../pages/assets.ts';
import { normalQuery, PageCache } from '../pages/cache.ts';
import { claimsPost } from '../pages/claims.ts';
import { cellText, Doc, shell, type PageDeps, type View } from '../pages/layout.ts';
import { PAGE_LIST, type PageDef } from '../pages/registry.ts';
import { loadTranslations } from '../pages/translations.ts';
import { listSources } from '../store/queries.ts';
import type { Db } from '../store/db.ts';
import { loadFx } from '../timeline/index.ts';
import { stringify } from 'csv-stringify/sync';
import { isLang, type Lang } from '../pages/i18n.ts';

export interface DashboardOptions {
  checker: () => Promise<Checker>;
  fxPath: string;
  /** data/curated/translations.json by default. */
  translationsPath?: string;
  /** Pages kept in memory (LRU), by count and by approximate bytes. */
  cacheEntries?: number;
  cacheBytes?: number;
}

interface Rendered {
  status: number;
  html: string;
  doc: Doc;
}

// The operations' own date rule (a real date within their range), so an as-of date a page accepts is one every
// operation it calls accepts too.
const asOfDate = date();
const realDate = (s: string) => asOfDate.safeParse(s).success;

export interface Dashboard {
  /** Renders the default pages once so the first visitor does not wait. */
  warm(): Promise<void>;
  cache: PageCache<Rendered>;
}

export function mountDashboard(app: Hono, db: Db, opts: DashboardOptions): Dashboard {
  // Bounded in entries and in bytes (the HTML length, times 3 for the tables and charts kept with it).
  const cache = new PageCache<Rendered>(
    opts.cacheEntries ?? 300,
    opts.cacheBytes ?? 96_000_000,
    (r) => 3 * r.html.length,
  );
  const translationsPath =
    opts.translationsPath ?? new URL('../../data/curated/translations.json', import.meta.url).pathname;
  // Shared lookups are loaded once per database version; the version is read at most once a second.
  let deps: { version: string; deps: Promise<PageDeps> } | undefined;
  let versionAt = 0;
  let version: Promise<string> | undefined;
  const currentVersion = () => {
    if (!version || Date.now() - versionAt > 1000) {
      versionAt = Date.now();
      version = builtAt(db).then((b) => `${db.path}@${b}`);
    }
    return version;
  };
  const depsFor = async (ver: string): Promise<PageDeps> => {
    if (deps?.version !== ver) {
      // A rebuilt database: nothing computed from the old one is kept.
      cache.clear();
      deps = {
        version: ver,
        deps: (async () => {
          const sources = new Map(
            (await listSources(db)).map((s) => [
              String(s['id']),
              {
                title: String(s['title'] ?? s['id']),
                url: (s['url'] as string | null) ?? null,
                publisher: String(s['publisher'] ?? ''),
              },
            ]),
          );
          const tr = loadTranslations(translationsPath);
          sources.set('airace-curated-translations', {
            title: 'airace curated translations',
            url: null,
            publisher: 'airace maintainers',
          });
          return {
            db,
            fx: loadFx(opts.fxPath),
            checker: opts.checker,
            orgs: await organizations(db),
            models: await modelIndex(db),
            sources,
            tr,
            memo: new PageCache<unknown>(400),
          };
        })(),
      };
    }
    return deps.deps;
  };

  const viewOf = (c: Context, def: PageDef, d: PageDeps): View => {
    const q = c.req.query();
    const fromCookie = getCookie(c, 'lang');
    const lang: Lang = isLang(q['lang']) ? q['lang'] : isLang(fromCookie) ? fromCookie : 'en';
    if (isLang(q['lang'])) setCookie(c, 'lang', q['lang'], { path: '/', sameSite: 'Lax', maxAge: 31536000 });
    const rawDate = q['as_of'] ?? '';
    const asOf = realDate(rawDate) ? rawDate : null;
    const params: Record<string, string> = {};
    for (const [k, norm] of Object.entries(def.params ?? {})) {
      const raw = q[k];
      if (raw === undefined) continue;
      const v = norm(raw, d);
      if (v !== null) params[k] = v;
    }
    return { lang, asOf, params, badDate: rawDate !== '' && asOf === null };
  };

  const render = async (c: Context, def: PageDef, pathParam: string | null): Promise<Response> => {
    const ver = await currentVersion();
    const d = await depsFor(ver);
    const v = viewOf(c, def, d);
    const path = pathParam === null ? def.path : def.path.replace(':id', encodeURIComponent(pathParam));
    const key = [
      ver,
      path,
      v.lang,
      v.asOf ?? '',
      v.badDate ? 'bad' : '',
      normalQuery(v.params, Object.keys(v.params)),
    ].join('|');
    let r: Rendered;
    try {
      r = await cache.get(key, async () => {
        const doc = new Doc(d, v, path);
        const out = await def.render(doc, pathParam);
        return { status: out.status ?? 200, html: shell(doc, out.title, out.body), doc };
      });
    } catch (err) {
      // A capability that cannot answer for this view (e.g. a date before its data) says why, uncached.
      const doc = new Doc(d, v, path);
      const msg = `<h1>${doc.t('error', { msg: '' })}</h1><p role="alert" lang="en">${(err as Error).message.replace(/[&<>"']/g, '')}</p>`;
      return c.html(shell(doc, doc.t('error', { msg: '' }).replace(/[:：]\s*$/, ''), msg), 400);
    }
    const format = c.req.query('format');
    if (format === 'csv') {
      const id = c.req.query('table') ?? '';
      const tbl = r.doc.tables.get(id) ?? (r.doc.tables.size === 1 && !id ? [...r.doc.tables.values()][0] : undefined);
      if (!tbl)
        return c.json(
          {
            error: `this page has no table "${id}" (tables: ${[...r.doc.tables.keys()].join(', ') || 'none'})`,
            field: 'table',
          },
          400,
        );
      const csv = stringify([tbl.headers, ...tbl.rows.map((row) => row.map(cellText))]);
      return c.body(`\ufeff${csv}`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${id}.csv"`,
      });
    }
    if (format === 'svg') {
      const id = c.req.query('chart') ?? '';
      const ch = r.doc.charts.get(id);
      if (!ch)
        return c.json(
          {
            error: `this page has no chart "${id}" (charts: ${[...r.doc.charts.keys()].join(', ') || 'none'})`,
            field: 'chart',
          },
          400,
        );
      return c.body(ch.svg, 200, {
        'Content-Type': 'image/svg+xml',
        'Content-Disposition': `attachment; filename="${id}.svg"`,
      });
    }
    return c.html(r.html, r.status as 200);
  };

  for (const def of PAGE_LIST) {
    app.get(def.path, (c) => render(c, def, def.path.includes(':id') ? (c.req.param('id') ?? '') : null));
  }
  // The claims form posts text: that answer depends on the body, so it is not cached.
  app.post('/claims', async (c) => {
    const ver = await currentVersion();
    const d = await depsFor(ver);
    const def = PAGE_LIST.find((p) => p.path === '/claims') as PageDef;
    const v = viewOf(c, def, d);
    const form = await c.req.parseBody();
    const text = typeof form['text'] === 'string' ? form['text'] : '';
    const doc = new Doc(d, v, '/claims');
    const out = await claimsPost(doc, text);
    return c.html(shell(doc, out.title, out.body));
  });
  app.get('/assets/app.js', async (c) =>
    c.body(await clientBundle(), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
  app.get('/favicon.ico', (c) =>
    c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }),
  );

  return {
    cache,
    async warm() {
      await clientBundle();
      for (const def of PAGE_LIST) if (!def.path.includes(':id')) await app.request(def.path);
    },
  };
}
