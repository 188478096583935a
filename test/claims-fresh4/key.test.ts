// Validates this held-out claims key against its own articles: names, datelines, lengths, one key per article
// with split "fresh", and every claim's quote, bounds and verdict. It checks the key, never the extractor.
// Adapted from ../claims-key/held-out.ts: this set asks for longer articles (350-650 words, 450-800 Han
// characters) and 14-18 claims each, so the ranges are its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertKeyClaims, assertOneKeyEach, readKeySet, type KeyClaim } from '../claims-key/key.ts';

interface HeldOutKeyFile {
  article: string;
  language: 'en' | 'zh-Hans' | 'zh-Hant';
  split: string;
  claims: KeyClaim[];
}

const LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
const LANG_OF: Record<string, string> = { en: 'en', zh_hans: 'zh-Hans', zh_hant: 'zh-Hant' };
const BLOCK = 4;
const NAME = /^k(\d{2})_(en|zh_hans|zh_hant)_[a-z0-9_]+\.txt$/;
const dir = dirname(fileURLToPath(import.meta.url));
const set = readKeySet<HeldOutKeyFile>(dir);
const { articleDir, articles, docs } = set;

test('every article has exactly one key file, named after it', () => assertOneKeyEach(set, 12));

test('file names, languages and the split follow the stated rule', () => {
  for (const d of docs) {
    const m = NAME.exec(d.article);
    assert.ok(m, `bad name ${d.article}`);
    const n = Number(m[1]);
    const lang = LANG_OF[m[2] as string] as string;
    assert.equal(d.language, lang, `${d.article}: language`);
    const block = LANGUAGES.indexOf(lang as (typeof LANGUAGES)[number]);
    assert.ok(n > block * BLOCK && n <= block * BLOCK + BLOCK, `${d.article}: number outside its language block`);
    assert.equal(d.split, 'fresh', `${d.article}: split`);
  }
  for (const lang of LANGUAGES)
    assert.equal(docs.filter((d) => d.language === lang).length, BLOCK, `not ${BLOCK} ${lang} articles`);
});

test('every article has a headline, a dated dateline and a length in range', () => {
  for (const a of articles) {
    const text = readFileSync(join(articleDir, a), 'utf8');
    const lines = text.split('\n');
    assert.ok((lines[0] ?? '').trim().length > 0, `${a}: no headline`);
    assert.match(lines.slice(1, 5).join('\n'), /20\d\d|民國\d+年/, `${a}: no dated dateline near the top`);
    if (a.includes('_en_')) {
      const words = text.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 350 && words <= 650, `${a}: ${words} words`);
    } else {
      const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
      assert.ok(han >= 450 && han <= 800, `${a}: ${han} Chinese characters`);
    }
  }
});

test('the verdicts are mixed across the set', () => {
  const all = docs.flatMap((d) => d.claims);
  const share = (v: string) => all.filter((c) => c.verdict === v).length / all.length;
  assert.ok(share('supported') >= 0.45 && share('supported') <= 0.65, `supported ${share('supported')}`);
  assert.ok(share('contradicted') >= 0.15 && share('contradicted') <= 0.35, `contradicted ${share('contradicted')}`);
  assert.ok(share('unverifiable') >= 0.08 && share('unverifiable') <= 0.25, `unverifiable ${share('unverifiable')}`);
  assert.ok(
    all.some((c) => c.verdict === 'outdated'),
    'no outdated claim',
  );
});

for (const d of docs)
  test(`claims of ${d.article}`, () => {
    const text = readFileSync(join(articleDir, d.article), 'utf8');
    assert.ok(d.claims.length >= 14 && d.claims.length <= 18, `${d.claims.length} claims, not 14-18`);
    assertKeyClaims(d.article, text, d.claims);
  });
