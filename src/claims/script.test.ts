/**
 * Script invariance: the same article written in the other Chinese script (or with the other region's phrasing)
 * must yield the same claims. Each build-split Chinese article is converted with opencc-js (简→繁 in the Taiwan,
 * Taiwan-phrase and Hong Kong variants; 繁→简 from each) and extracted both ways; claims are compared as a
 * multiset of (value, unit, bound, subject, metric, time), offsets aside (phrase conversion changes lengths).
 * Holdout articles are never read here.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as OpenCC from 'opencc-js';
import { ROOT } from '../../test/helpers.ts';
import { type EntityIndex } from './entities.ts';
import { extractClaims } from './extract.ts';
import { detectLanguage, htmlToText, looksLikeHtml, normalizeForMatching } from './text.ts';
import { claimsFixture } from '../../test/claims-fixture.ts';

const CORPUS = join(ROOT, '..', 'shared', 'corpus');
/** The build split's Chinese articles, by file-name prefix (the holdout ones are not listed, nor opened). */
const BUILD_ZH = ['000_', '001_', '002_', '12_', '14_', '16_', '18_', '20_', '22_'];

type Conv = (s: string) => string;
const converter = (from: string, to: string): Conv =>
  (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => Conv }).Converter({ from, to });

/** ASCII digits and punctuation typed full-width (１２．５％, １，０２４): Chinese input methods often do. */
const fullWidth: Conv = (s) => s.replace(/[0-9%.,:;!?()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Conversions of a Simplified article, and of a Traditional one. */
const FROM_HANS: [string, Conv][] = [
  ['full-width', fullWidth],
  ['cn→tw', converter('cn', 'tw')],
  ['cn→twp', converter('cn', 'twp')],
  ['cn→hk', converter('cn', 'hk')],
];
const FROM_HANT: [string, Conv][] = [
  ['full-width', fullWidth],
  ['tw→cn', converter('tw', 'cn')],
  ['twp→cn', converter('twp', 'cn')],
  ['hk→cn', converter('hk', 'cn')],
];

let entities: EntityIndex;
before(async () => void ({ entities } = await claimsFixture()));

function articles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of [CORPUS, join(CORPUS, 'dev')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort())
      if (/\.(txt|md|html?)$/.test(f) && BUILD_ZH.some((p) => f.startsWith(p))) {
        const raw = readFileSync(join(dir, f), 'utf8');
        out.push({ name: f, text: looksLikeHtml(raw) ? htmlToText(raw) : raw });
      }
  }
  return out;
}

/** What a claim says, without where it stands: the fields a reader compares. */
function claimKeys(text: string): string[] {
  const norm = normalizeForMatching(text);
  const claims = extractClaims(norm, entities, entities.find(norm));
  const r = (v: number | null) => (v === null ? '' : Number(v.toPrecision(6)));
  return claims
    .map((c) =>
      [r(c.value), c.unit, c.bound ?? '', c.subject ?? '', c.metric, c.time ?? '', r(c.low), r(c.high)].join('|'),
    )
    .sort();
}

/** The multiset difference a − b. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(k);
  }
  return out;
}

/**
 * Differences allowed, each explained. A key is `${article prefix} ${conversion}`; the count is the number of
 * claims in either direction that differ.
 */
const TOLERANCE: Record<string, { n: number; why: string }> = {};

test('the build split has Chinese articles to convert', () => {
  const list = articles();
  assert.equal(list.length, BUILD_ZH.length, `found ${list.map((a) => a.name).join(', ')}`);
});

test('claims do not depend on the script or the regional phrasing they are written in', () => {
  const report: string[] = [];
  let failures = 0;
  for (const { name, text } of articles()) {
    const hant = detectLanguage(text, normalizeForMatching(text)) === 'zh-Hant';
    const base = claimKeys(text);
    assert.ok(base.length > 0, `${name} has claims`);
    for (const [label, conv] of hant ? FROM_HANT : FROM_HANS) {
      const other = claimKeys(conv(text));
      const lost = minus(base, other);
      const gained = minus(other, base);
      const n = lost.length + gained.length;
      const allowed = TOLERANCE[`${name.split('_')[0]} ${label}`]?.n ?? 0;
      if (n > allowed) failures++;
      if (n > 0)
        report.push(
          `${name} ${label}: ${n} differ (allowed ${allowed})`,
          ...lost.map((k) => `  only original:  ${k}`),
          ...gained.map((k) => `  only converted: ${k}`),
        );
    }
  }
  if (report.length) console.log(report.join('\n'));
  assert.equal(failures, 0, 'script conversions change the claims found (see the report above)');
});

test('every Chinese word the extraction rules look for survives normalisation (else it can never match)', () => {
  // The rules run on the normalised copy (Simplified, mainland phrasing): a Traditional or Taiwan-phrased
  // literal in them ("記憶體", "頻寬") is dead code that makes the rule work in one script only.
  const dead: string[] = [];
  for (const f of ['extract.ts', 'quantities.ts']) {
    const code = readFileSync(join(import.meta.dirname, f), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:\\])\/\/[^\n]*/g, '$1');
    for (const m of code.matchAll(/[\u4e00-\u9fff]+/g))
      if (normalizeForMatching(m[0]) !== m[0]) dead.push(`${f}: ${m[0]} → ${normalizeForMatching(m[0])}`);
  }
  assert.deepEqual(dead, []);
});

test('every Chinese name of an entity is found as that entity in Traditional script and Taiwan or Hong Kong phrasing', () => {
  const wrong: string[] = [];
  let names = 0;
  for (const [key, id] of entities.names()) {
    if (!/[\u4e00-\u9fff]/.test(key)) continue;
    names++;
    for (const [label, conv] of FROM_HANS) {
      const t = normalizeForMatching(conv(key));
      const found = entities.find(t);
      const one = found.length === 1 && found[0]?.entity === id && found[0].start === 0;
      if (!one || (found[0]?.end ?? 0) < t.trimEnd().length)
        wrong.push(`${label} ${key} → ${conv(key)}: ${found.map((m) => `${m.entity}@${m.text}`).join(', ')}`);
    }
  }
  assert.ok(names > 100, `Chinese names indexed: ${names}`);
  assert.deepEqual(wrong, []);
});
