/**
 * @module
 * The checks of a held-out key set (test/claims-fresh, test/claims-fresh2): articles named `<letter>NN_<lang>_…`
 * (01-04 English, 05-08 简体, 09-12 繁體), each with a headline, a dated dateline and a length in range, one key
 * each with split "fresh" and 10-16 claims that pass `assertKeyClaims`. It checks the keys only, never the extractor.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertKeyClaims, assertOneKeyEach, readKeySet, type KeyClaim } from './key.ts';

// The shared KeyFile type allows only the build and holdout splits; a held-out set has a split of its own.
interface HeldOutKeyFile {
  article: string;
  language: 'en' | 'zh-Hans' | 'zh-Hant';
  split: string;
  claims: KeyClaim[];
}

const LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
const LANG_OF: Record<string, string> = { en: 'en', zh_hans: 'zh-Hans', zh_hant: 'zh-Hant' };
const BLOCK = 4;

export function heldOutKeyTests(dir: string, letter: string): void {
  const name = new RegExp(`^${letter}(\\d{2})_(en|zh_hans|zh_hant)_[a-z0-9_]+\\.txt$`);
  const set = readKeySet<HeldOutKeyFile>(dir);
  const { articleDir, articles, docs } = set;

  test('every article has exactly one key file, named after it', () => assertOneKeyEach(set, 9));

  test('file names, languages and the split follow the stated rule', () => {
    for (const d of docs) {
      const m = name.exec(d.article);
      assert.ok(m, `bad name ${d.article}`);
      const n = Number(m[1]);
      const lang = LANG_OF[m[2] as string] as string;
      assert.equal(d.language, lang, `${d.article}: language`);
      const block = LANGUAGES.indexOf(lang as (typeof LANGUAGES)[number]);
      assert.ok(n > block * BLOCK && n <= block * BLOCK + BLOCK, `${d.article}: number outside its language block`);
      assert.equal(d.split, 'fresh', `${d.article}: split`);
    }
    for (const lang of LANGUAGES)
      assert.ok(docs.filter((d) => d.language === lang).length >= 3, `fewer than 3 ${lang} articles`);
  });

  test('every article has a headline, a dated dateline and a length in range', () => {
    for (const a of articles) {
      const text = readFileSync(join(articleDir, a), 'utf8');
      const lines = text.split('\n');
      assert.ok((lines[0] ?? '').trim().length > 0, `${a}: no headline`);
      assert.match(lines.slice(1, 5).join('\n'), /20\d\d|民國\d+年/, `${a}: no dated dateline near the top`);
      if (a.includes('_en_')) {
        const words = text.split(/\s+/).filter(Boolean).length;
        assert.ok(words >= 250 && words <= 450, `${a}: ${words} words`);
      } else {
        const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
        assert.ok(han >= 400 && han <= 800, `${a}: ${han} Chinese characters`);
      }
    }
  });

  for (const d of docs)
    test(`claims of ${d.article}`, () => {
      const text = readFileSync(join(articleDir, d.article), 'utf8');
      assert.ok(d.claims.length >= 10 && d.claims.length <= 16, `${d.claims.length} claims, not 10-16`);
      assertKeyClaims(d.article, text, d.claims);
    });
}
