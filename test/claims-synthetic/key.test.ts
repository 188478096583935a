// Validates the synthetic claims key against its own articles: quotes occur verbatim and hold a number, values and
// bounds agree, verdicts agree with data_covers, every article has one key and the split follows README.md.
// It checks the key only; it never runs the extractor.
import type { KeyFile } from '../claims-key/key.ts';
import { test } from 'node:test';
import { assertKeyClaims, assertOneKeyEach, readKeySet } from '../claims-key/key.ts';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));

const LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
// File names: sNN_<lang>_<topic>.txt; NN 01-06 English, 07-12 简体, 13-18 繁體.
const NAME = /^s(\d{2})_(en|zh_hans|zh_hant)_[a-z0-9_]+\.txt$/;
const LANG_OF: Record<string, string> = { en: 'en', zh_hans: 'zh-Hans', zh_hant: 'zh-Hant' };

const set = readKeySet<KeyFile>(dir);
const { articleDir, docs } = set;

// Split rule: within each language's block of six numbers, the first three are build, the last three holdout.
function expectedSplit(name: string): 'build' | 'holdout' {
  const n = Number(NAME.exec(name)![1]);
  return (n - 1) % 6 < 3 ? 'build' : 'holdout';
}

test('every article has exactly one key file, named after it', () => assertOneKeyEach(set, 12));

test('file names, languages and splits follow the stated rule', () => {
  for (const d of docs) {
    const m = NAME.exec(d.article);
    assert.ok(m, `bad name ${d.article}`);
    const n = Number(m[1]);
    const lang = LANG_OF[m[2]!]!;
    assert.equal(d.language, lang, `${d.article}: language`);
    const block = lang === 'en' ? 0 : lang === 'zh-Hans' ? 1 : 2;
    assert.ok(n > block * 6 && n <= block * 6 + 6, `${d.article}: number outside its language block`);
    assert.equal(d.split, expectedSplit(d.article), `${d.article}: split`);
  }
  for (const lang of LANGUAGES) {
    for (const split of ['build', 'holdout']) {
      assert.ok(
        docs.some((d) => d.language === lang && d.split === split),
        `no ${lang} ${split} article`,
      );
    }
  }
});

for (const d of docs) {
  test(`claims of ${d.article}`, () => {
    const text = readFileSync(join(articleDir, d.article), 'utf8');
    assert.ok(d.claims.length >= 6, 'fewer than 6 claims');
    assertKeyClaims(d.article, text, d.claims);
  });
}
