/**
 * Browser tests: the dashboard in Debian's Chromium driven by playwright-core (no browser download).
 * CI installs `chromium` with apt-get (.ci/run); screenshots go to test/artifacts/. Each journey runs in
 * English, 简体 and 繁體, at a phone's 390 px, and in English also at desktop width (see widthsFor).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serve, type RunningServer } from '../src/server/index.ts';
import { interfaceStrings, LANGS, type Lang } from '../src/pages/i18n.ts';
import { builtDb, ROOT } from './helpers.ts';
import { PAGE_URLS } from './page-urls.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
// Without Chromium on the machine these tests cannot run; CI installs it, so there they always run.
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

let server: RunningServer;
let browser: Browser;
let base: string;
before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  // No background warm-up: the pages are rendered as the journeys reach them, and nothing else is computed.
  server = await serve({ dbPath: await builtDb(), port: 0, warm: false });
  base = `http://127.0.0.1:${server.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const WIDTHS = { desktop: 1200, phone: 390 } as const;
type Width = keyof typeof WIDTHS;

/**
 * A browser context per language and width: pages of one context share its HTTP and code caches, so the client
 * bundle is fetched and compiled once, not once per page (a context per page did both each time). Each has its
 * own cookies, so the language cookie the server sets stays with its language.
 */
const contextFor = (width: Width): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: WIDTHS[width], height: 900 } });

/** The errors a page reported since its last navigation by open(). */
const pageErrors = new WeakMap<Page, string[]>();

/** Opens path in lang in a new page of ctx, or in page (the next navigation of one page). */
async function open(
  ctx: BrowserContext,
  path: string,
  lang: Lang,
  reuse?: Page,
): Promise<{ page: Page; errors: string[] }> {
  let page = reuse;
  if (!page) {
    const opened = await ctx.newPage();
    page = opened;
    pageErrors.set(opened, []);
    opened.on('console', (m) => {
      if (m.type() === 'error') pageErrors.get(opened)?.push(m.text());
    });
    opened.on('pageerror', (e) => pageErrors.get(opened)?.push(e.message));
  }
  const errors: string[] = [];
  pageErrors.set(page, errors);
  const url = `${base}${path}${lang === 'en' ? '' : `${path.includes('?') ? '&' : '?'}lang=${lang}`}`;
  const res = await page.goto(url);
  assert.equal(res?.status(), 200, url);
  await page.waitForLoadState('load');
  return { page, errors };
}

// Full-page screenshots were two fifths of this file's time: by default only the English desktop ones are
// taken (the phone's width is asserted, not only pictured); AIRACE_SHOTS=all takes every language and width,
// AIRACE_SHOTS=en every English one, AIRACE_SHOTS=0 none.
const SHOTS = process.env['AIRACE_SHOTS'] ?? 'en-desktop';
const shot = async (page: Page, name: string) => {
  if (SHOTS === '0' || (SHOTS !== 'all' && !name.startsWith(`${SHOTS}-`))) return;
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
};

const PAGES = PAGE_URLS;
const slug = (p: string) => p.replace(/\?.*$/, '').replace(/[/]+/g, '_').replace(/^_/, '') || 'overview';

// Interface words that must not appear untranslated on a Chinese page. English data (source titles,
// marked lang="en") and proper names (model names, marked translate="no") are skipped.
const ENGLISH = interfaceStrings('en')
  .filter(
    (s) =>
      /^[A-Za-z][a-z]+( [a-z]+)*$/.test(s.text) &&
      s.text.length >= 4 &&
      interfaceStrings('zh-Hans').find((z) => z.key === s.key)?.text !== s.text,
  )
  .map((s) => s.text);

/**
 * The widths a language is tried at. Pages are rendered on the server the same at every width, so what the
 * sweep checks apart from fitting the width (no errors, an answer, charts drawn, no untranslated words) does
 * not depend on it: English is tried at both widths, Chinese at the phone's, where the width is tight.
 * AIRACE_WIDTHS=all tries every language at both.
 */
const widthsFor = (lang: Lang): Width[] =>
  lang === 'en' || process.env['AIRACE_WIDTHS'] === 'all' ? ['desktop', 'phone'] : ['phone'];

for (const lang of LANGS) {
  for (const width of widthsFor(lang)) {
    test(`every page, ${lang}, ${width}: loads without errors, leads with an answer, fits the width`, {
      skip,
      timeout: 300000,
    }, async () => {
      const untranslated: string[] = [];
      const ctx = await contextFor(width);
      // One page, navigated from page to page: a page per visit started a renderer each time.
      let page: Page | undefined;
      for (const path of PAGES) {
        const opened = await open(ctx, path, lang, page);
        page = opened.page;
        const errors = opened.errors;
        assert.deepEqual(errors, [], path);
        assert.equal(await page.locator('nav a').count(), 9, path);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        if (!['/claims', '/models'].includes(path))
          assert.ok((await page.locator('.answer').count()) >= 1, `${path}: a one-sentence answer`);
        const charts = await page.locator('figure.chart').count();
        if (charts) await page.waitForSelector('figure.chart .live canvas', { timeout: 15000 });
        const sw = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document
              .scrollingElement.scrollWidth,
        );
        if (width === 'phone') assert.ok(sw <= 390, `${path} at 390 px is ${sw} px wide`);
        if (lang !== 'en') {
          const visible = await page.evaluate(() => {
            const d = (
              globalThis as unknown as {
                document: {
                  body: {
                    cloneNode(deep: boolean): {
                      querySelectorAll(s: string): { remove(): void }[];
                      textContent: string;
                    };
                  };
                };
              }
            ).document;
            const c = d.body.cloneNode(true);
            for (const el of c.querySelectorAll(
              '[lang="en"], [translate="no"], script, style, svg, code, .langs, canvas',
            ))
              el.remove();
            return c.textContent;
          });
          const found = ENGLISH.filter((w) => new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`).test(visible));
          if (found.length) untranslated.push(`${path}: ${found.join(', ')}`);
        }
        await shot(page, `${lang}-${width}-${slug(path)}`);
      }
      await ctx.close();
      assert.deepEqual(untranslated, [], `untranslated interface words in ${lang}`);
    });
  }
}

test('charts are interactive: a tooltip names model and source; legend toggles; events are on the axis', {
  skip,
  timeout: 120000,
}, async () => {
  for (const lang of LANGS) {
    const ctx = await contextFor('desktop');
    const { page } = await open(ctx, '/capability', lang);
    const canvas = page.locator('#chart-frontier .live canvas').first();
    await canvas.waitFor();
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    assert.ok(box);
    let tip = '';
    // Sweep the plot until the tooltip shows (points sit at data-dependent heights).
    for (let x = box.x + box.width - 100; x > box.x + 70 && !tip; x -= 12) {
      for (let y = box.y + 70; y < box.y + box.height - 80 && !tip; y += 10) {
        await page.mouse.move(x, y);
        tip =
          (await page
            .locator('#chart-frontier .live > div')
            .last()
            .textContent()
            .catch(() => '')) ?? '';
        if (!/\d/.test(tip)) tip = '';
      }
    }
    assert.ok(tip.length > 0, `${lang}: a tooltip appeared`);
    assert.ok(
      tip.includes(lang === 'en' ? 'Source' : lang === 'zh-Hans' ? '来源' : '來源'),
      `${lang}: the tooltip names its source: ${tip}`,
    );
    // Legend toggle: clicking the first legend entry hides that series (the canvas changes).
    const before = await canvas.screenshot();
    await page.mouse.click(box.x + 30, box.y + 37);
    await page.waitForTimeout(300);
    assert.notDeepEqual(await canvas.screenshot(), before, `${lang}: the legend toggles a series`);
    await shot(page, `${lang}-desktop-capability-tooltip`);
    await ctx.close();
  }
});

async function sortSearchAndWeights(ctx: BrowserContext, page: Page, lang: Lang, width: Width): Promise<void> {
  // Sort and search a table.
  await open(ctx, '/models', lang, page);
  const rows = page.locator('.tbl').first().locator('tbody tr:not([hidden])');
  const all = await rows.count();
  await page.locator('.tbl input.filter').first().fill('deepseek');
  const some = await rows.count();
  assert.ok(some > 0 && some < all, `search narrowed ${all} rows to ${some}`);
  await page.locator('.tbl th button.sort').first().click();
  assert.equal(await page.locator('.tbl th').first().getAttribute('aria-sort'), 'ascending');

  // Analyst: change the scorecard weights; they go into the URL.
  await open(ctx, '/', lang, page);
  await page.fill('input[name=w_capability]', '0');
  await page.fill('input[name=w_adoption]', '3');
  await page.locator('#weights button').click();
  await page.waitForURL(/w_adoption=3/);
  assert.equal(await page.inputValue('input[name=w_adoption]'), '3');
  await shot(page, `${lang}-${width}-journey-weights`);
}

test('journeys: a model page from the leaderboard, sort and search a table, edit weights, classify a chip, check an article', {
  skip,
  timeout: 180000,
}, async () => {
  for (const lang of LANGS) {
    for (const width of widthsFor(lang)) {
      // Engineering lead: from the leaderboard to a model's page. One page per language and width, navigated.
      const ctx = await contextFor(width);
      const { page } = await open(ctx, '/capability', lang);
      const first = page.locator('#main table').last().locator('tbody tr a').first();
      const name = (await first.textContent()) ?? '';
      await first.click();
      await page.waitForURL(/\/models\//);
      assert.equal((await page.locator('h1').textContent())?.trim(), name.trim());
      assert.ok((await page.locator('.answer').textContent())?.includes(name.trim()));
      await shot(page, `${lang}-${width}-journey-model`);

      // Sorting, searching and the weights form work the same in every language (client code and URL
      // parameters; their labels are checked by the page sweep): tried in English.
      if (lang === 'en') await sortSearchAndWeights(ctx, page, lang, width);

      // Compliance analyst: classify the H20 for China in May 2025.
      await open(ctx, '/compute', lang, page);
      await page.selectOption('select[name=chip]', 'nvidia-h20');
      await page.selectOption('select[name=destination]', 'CN');
      await page.fill('input[name=date]', '2025-05-01');
      await page.locator('#classify + p + form button').click();
      await page.waitForSelector('#classification .answer');
      const verdict = (await page.locator('#classification .answer').textContent()) ?? '';
      assert.match(verdict, /H20/);
      await shot(page, `${lang}-${width}-journey-classify`);

      // Fact checker: paste an article.
      await open(ctx, '/claims', lang, page);
      await page.fill('#article', '欧盟将斥资500亿欧元。華為的昇騰910C晶片已經提供了Nvidia H100約60%的推理性能。');
      await page.locator('form button').last().click();
      await page.waitForSelector('#report mark');
      assert.ok((await page.locator('#report mark.supported').count()) >= 1);
      const sw = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document
            .scrollingElement.scrollWidth,
      );
      if (width === 'phone') assert.ok(sw <= 390, `claims result at 390 px is ${sw} px wide`);
      await shot(page, `${lang}-${width}-journey-claims`);
      await ctx.close();
    }
  }
});

test('keyboard: the skip link comes first and table headers are buttons', { skip }, async () => {
  const ctx = await contextFor('desktop');
  const { page } = await open(ctx, '/capability', 'en');
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement
          .className,
    ),
    'skip',
  );
  assert.ok((await page.locator('th button.sort').count()) > 3);
  await ctx.close();
});
