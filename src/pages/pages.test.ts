import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { builtDb } from '../../test/helpers.ts';
import { Checker } from '../claims/index.ts';
import { Db } from '../store/db.ts';
import { mountDashboard, type Dashboard } from '../server/dashboard.ts';
import { clientBundle } from './assets.ts';
import { PageCache } from './cache.ts';
import { PAGE_URLS } from '../../test/page-urls.ts';

let db: Db;
let app: Hono;
let dash: Dashboard;
before(async () => {
  db = await Db.open(await builtDb());
  app = new Hono();
  let checker: Promise<Checker> | undefined;
  dash = mountDashboard(app, db, {
    checker: () =>
      (checker ??= Checker.create(db, new URL('../../data/curated/entities.json', import.meta.url).pathname)),
    fxPath: new URL('../../data/curated/fx.json', import.meta.url).pathname,
  });
});
after(() => db.close());

test('the page cache merges identical concurrent work and evicts the least recently used', async () => {
  const cache = new PageCache<number>(2);
  let calls = 0;
  const make = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 20));
  const got = await Promise.all(Array.from({ length: 8 }, () => cache.get('a', make)));
  assert.deepEqual(got, Array(8).fill(1));
  assert.equal(calls, 1);
  await cache.get('b', make);
  await cache.get('a', make); // a becomes the most recent
  await cache.get('c', make); // evicts b
  assert.equal(cache.size, 2);
  assert.equal(await cache.get('a', make), 1);
  assert.equal(await cache.get('b', make), 4, 'b was evicted and made again');
  await assert.rejects(cache.get('x', () => Promise.reject(new Error('boom'))));
  assert.equal(await cache.get('x', async () => 7), 7, 'a failure is not kept');
  const thrown = cache.get('y', () => {
    throw new Error('bad input');
  });
  await assert.rejects(thrown, /bad input/, 'a maker that throws at once rejects, so .catch sees it');
  const sized = new PageCache<string>(100, 10, (v) => v.length);
  for (const k of ['a', 'b', 'c', 'd']) await sized.get(k, async () => 'xxxx');
  assert.equal(sized.size, 2, 'the byte budget evicts');
  assert.ok(sized.bytes <= 10);
});

test('hostile as_of values do not grow the cache past its bound', { timeout: 120000 }, async () => {
  for (let i = 0; i < 40; i++)
    await app.request(`/policy?as_of=2025-01-${String((i % 28) + 1).padStart(2, '0')}&junk=${i}`);
  assert.ok(dash.cache.size <= 300);
});

test('32 concurrent requests to the overview share one render; junk parameters share the entry', {
  timeout: 120000,
}, async () => {
  const before = dash.cache.size;
  const res = await Promise.all(
    Array.from({ length: 32 }, (_, i) => app.request(i % 2 ? '/?junk=1' : '/?zzz=2&junk=3')),
  );
  assert.ok(res.every((r) => r.status === 200));
  assert.equal(dash.cache.size, before + 1);
  const t0 = performance.now();
  const warm = await app.request('/');
  const ms = performance.now() - t0;
  assert.equal(warm.status, 200);
  console.log(`warm overview: ${ms.toFixed(1)} ms`);
});

test('every table has a working CSV link, every chart an SVG link, every link on the pages answers', {
  timeout: 600000,
}, async () => {
  const seen = new Set<string>();
  let modelLinks = 0;
  for (const lang of ['en', 'zh-Hans']) {
    for (const p of PAGE_URLS) {
      const path = lang === 'en' ? p : `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
      const r = await app.request(path);
      assert.equal(r.status, 200, path);
      const html = await r.text();
      const tables = (html.match(/<table>/g) ?? []).length;
      const csv = [...html.matchAll(/href="([^"]*format=csv[^"]*)"/g)].map((m) => m[1] as string);
      assert.equal(csv.length, tables, `${path}: one CSV link per table`);
      const charts = (html.match(/<figure class="chart"/g) ?? []).length;
      const svg = [...html.matchAll(/href="([^"]*format=svg[^"]*)"/g)].map((m) => m[1] as string);
      assert.equal(svg.length, charts, `${path}: one SVG link per chart`);
      for (const m of html.matchAll(/href="(\/[^"#]*)/g)) {
        const href = (m[1] as string).replace(/&amp;/g, '&');
        if (seen.has(href)) continue;
        if (href.startsWith('/models/') && ++modelLinks > 25) continue;
        seen.add(href);
        const res = await app.request(href);
        assert.equal(res.status, 200, `${path} links to ${href} which answers ${res.status}`);
        if (href.includes('format=csv')) assert.match(res.headers.get('content-type') ?? '', /text\/csv/, href);
        if (href.includes('format=svg')) assert.match(await res.text(), /^<svg/, href);
      }
    }
  }
  assert.ok(seen.size > 50, `checked ${seen.size} links`);
});

test('favicon and a bad as_of: no 404, no 500', async () => {
  assert.equal((await app.request('/favicon.ico')).status, 200);
  for (const d of ['2025-02-30', '9999-99-99', '2025-13-01', 'x']) {
    const r = await app.request(`/capability?as_of=${d}`);
    assert.equal(r.status, 200, d);
    assert.match(await r.text(), /role="alert"/, d);
  }
  assert.equal((await app.request('/models/no-such-model')).status, 404);
});

test('the capability chart stops at the as-of date and its time axis reads in the right years', async () => {
  const html = await (await app.request('/capability?as_of=2025-06-01&metric=arena-text')).text();
  const spec = JSON.parse(
    /<figure class="chart" id="chart-frontier">[\s\S]*?<script type="application\/json">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1] ?? '{}',
  ) as { series: { points: { x: string }[] }[] };
  const dates = spec.series.flatMap((s) => s.points.map((p) => p.x));
  assert.ok(dates.length > 10);
  assert.ok(
    dates.every((d) => d <= '2025-06-01'),
    'no point after the as-of date',
  );
  const svg = await (await app.request('/capability?format=svg&chart=frontier')).text();
  const years = [...svg.matchAll(/>(20\d\d)(?:-\d\d)?</g)].map((m) => Number(m[1]));
  assert.ok(years.length > 0 && Math.max(...years) >= 2026, `latest year on the axis: ${Math.max(...years)}`);
});

test('scorecard weights from the URL change the answer and are kept in the form', async () => {
  const a = await (await app.request('/?weights=capability=1,adoption=0,cost=0,compute=0,policy=0')).text();
  assert.match(a, /name="w_adoption" value="0"/);
  const b = await (await app.request('/?w_capability=0&w_adoption=5&w_cost=0&w_compute=0&w_policy=0')).text();
  assert.match(b, /name="w_adoption" value="5"/);
  const share = (h: string) => /class="answer">[^<]*/g.exec(h.slice(h.indexOf('<h2>')))?.[0];
  assert.notEqual(share(a), share(b));
});

test('the browser bundle is at most 300 kB gzipped', async () => {
  const js = await clientBundle();
  const gz = gzipSync(js).length;
  console.log(`app.js: ${js.length} bytes, ${gz} gzipped`);
  assert.ok(gz <= 300_000, `${gz} bytes gzipped`);
  assert.ok(js.includes('dataZoom') || js.includes('datazoom'));
});

test('the compute page shows a chip status over time for the destination, with its events and a CSV', async () => {
  const html = await (await app.request('/compute?chip=nvidia-h20&destination=CN&date=2025-06-01')).text();
  const section = html.slice(html.indexOf('id="status"'));
  assert.ok(html.includes('id="status"'), 'status section');
  assert.ok((section.match(/<tr>/g) ?? []).length >= 4, 'periods listed');
  assert.match(section, /H20-is-informed-2025/, 'the H20 letter is one of the rules in the periods');
  assert.match(section, /<svg/, 'a chart');
  const csv = await app.request('/compute?chip=nvidia-h20&destination=CN&date=2025-06-01&format=csv&table=status');
  assert.equal(csv.status, 200);
  assert.match(await csv.text(), /2025-04-09/, 'the licence requirement of April 2025 has its own period');
});
