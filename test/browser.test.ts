/**
 * Browser tests: the dashboard in Debian's Chromium driven by playwright-core (no browser download).
 * CI installs `chromium` with apt-get (.ci/run); screenshots go to test/artifacts/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve, type RunningServer } from '../src/server/index.ts';
import { builtDb, ROOT } from './helpers.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
// playwright-core gives each launch a fresh, empty profile (user-data dir).
// Without Chromium on the machine these tests cannot run; CI installs it, so there they always run.
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

let server: RunningServer;
let browser: Browser;
let base: string;
before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve({ dbPath: await builtDb(), port: 0 });
  base = `http://127.0.0.1:${server.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(`${base}${path}`);
  assert.equal(res?.status(), 200, path);
  return { page, errors };
}

test('every page loads without console errors', { skip, timeout: 120000 }, async () => {
  for (const path of ['/', '/capability', '/adoption', '/cost?min_score=1400', '/compute', '/policy', '/claims', '/sources']) {
    const { page, errors } = await open(path);
    await page.waitForLoadState('load');
    assert.deepEqual(errors, [], path);
    assert.ok((await page.locator('nav a').count()) === 8, path);
    await page.screenshot({ path: join(ARTIFACTS, `${path.replace(/[/?=&]+/g, '_') || 'root'}.png`), fullPage: true });
    await page.close();
  }
});

test('the language switch changes the text, stays in the URL and is remembered', { skip }, async () => {
  const { page } = await open('/');
  await page.getByRole('link', { name: '简体中文' }).click();
  await page.waitForURL(/lang=zh-Hans/);
  assert.equal(await page.locator('nav a').first().textContent(), '总览');
  await page.goto(`${base}/policy`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans', 'remembered by cookie');
  await page.getByRole('link', { name: '繁體中文' }).click();
  await page.waitForURL(/lang=zh-Hant/);
  assert.equal(await page.locator('nav a').nth(6).textContent(), '說法核查');
  await page.close();
});

test('the claims page annotates a pasted article', { skip }, async () => {
  const { page } = await open('/claims');
  await page.fill('#article', '欧盟将斥资500亿欧元。華為的昇騰910C晶片已經提供了Nvidia H100約60%的推理性能。');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForSelector('#report mark');
  assert.ok((await page.locator('#report mark.supported').count()) >= 1);
  assert.ok((await page.locator('#report mark.unverifiable').count()) >= 1);
  await page.screenshot({ path: join(ARTIFACTS, 'claims-annotated.png'), fullPage: true });
  await page.close();
});

test('the classifier form answers', { skip }, async () => {
  const { page } = await open('/compute');
  await page.selectOption('select[name=chip]', 'nvidia-h20');
  await page.fill('input[name=destination]', 'CN');
  await page.fill('input[name=date]', '2025-05-01');
  await page.getByRole('button', { name: 'Export-control classifier' }).click();
  await page.waitForSelector('#classification');
  assert.match((await page.locator('#classification').textContent()) ?? '', /H20-is-informed-2025/);
  await page.close();
});
