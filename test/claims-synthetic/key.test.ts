// Validates the synthetic claims key against its own articles: quotes occur verbatim and hold a number, values and
// bounds agree, verdicts agree with data_covers, every article has one key and the split follows README.md.
// It checks the key only; it never runs the extractor.
import type { KeyFile } from '../claims-key/key.ts';
import { test } from 'node:test';
import { assertBounds } from '../claims-key/key.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const articleDir = join(dir, 'articles');
const keyDir = join(dir, 'keys');

const LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
const BOUNDS = ['exact', 'approx', 'at_least', 'at_most', 'more_than', 'less_than', 'range'];
const KINDS = ['model', 'organization', 'country', 'chip', 'system', 'product', 'platform', 'family', 'other'];
const VERDICTS = ['supported', 'contradicted', 'outdated', 'unverifiable'];
const TIME = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// A quote must hold the number: a digit, or a number word (English or Chinese) where the article spells it out.
const NUMBER_WORD =
  /\d|one|two|three|four|five|six|seven|eight|nine|ten|dozen|half|quarter|third|double|twice|million|billion|trillion|first|second|ninth|[〇零一二三四五六七八九十百千万萬亿億兩两半倍成]/i;
// File names: sNN_<lang>_<topic>.txt; NN 01-06 English, 07-12 简体, 13-18 繁體.
const NAME = /^s(\d{2})_(en|zh_hans|zh_hant)_[a-z0-9_]+\.txt$/;
const LANG_OF: Record<string, string> = { en: 'en', zh_hans: 'zh-Hans', zh_hant: 'zh-Hant' };

const articles = readdirSync(articleDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const keyFiles = readdirSync(keyDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const docs = keyFiles.map((f) => JSON.parse(readFileSync(join(keyDir, f), 'utf8')) as KeyFile);

// Split rule: within each language's block of six numbers, the first three are build, the last three holdout.
function expectedSplit(name: string): 'build' | 'holdout' {
  const n = Number(NAME.exec(name)![1]);
  return (n - 1) % 6 < 3 ? 'build' : 'holdout';
}

test('every article has exactly one key file, named after it', () => {
  assert.ok(articles.length >= 12, `only ${articles.length} articles`);
  assert.deepEqual(
    keyFiles,
    articles.map((a) => a.replace(/\.txt$/, '.json')),
  );
  docs.forEach((d, i) => assert.equal(d.article, articles[i]));
});

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
    const identities = new Set<string>();
    d.claims.forEach((c, i) => {
      const at = `${d.article} claim ${i} (${c.quote})`;
      const len = [...c.quote].length;
      assert.ok(len >= 5 && len <= 60, `${at}: quote length ${len}`);
      // Exactly once, so a scorer can locate the claim without ambiguity.
      assert.equal(text.split(c.quote).length - 1, 1, `${at}: quote must occur exactly once`);
      assert.match(c.quote, NUMBER_WORD, `${at}: quote holds no number`);
      assert.ok(Number.isFinite(c.value), `${at}: value ${c.value}`);
      assert.ok(BOUNDS.includes(c.bound), `${at}: bound ${c.bound}`);
      assertBounds(c, at);
      assert.match(c.unit, /^[a-z][a-z0-9_]*$/, `${at}: unit`);
      assert.match(c.metric, /^[a-z][a-z0-9_]*$/, `${at}: metric`);
      assert.ok(c.subject.trim().length > 0, `${at}: subject`);
      assert.ok(KINDS.includes(c.subject_kind), `${at}: subject_kind ${c.subject_kind}`);
      assert.ok(c.time === null || TIME.test(c.time), `${at}: time ${c.time}`);
      assert.ok(c.versus === null || c.versus.length > 0, `${at}: versus`);
      // Percentages are stored as fractions, so a ratio of 100 or more is a typing slip unless it is a multiple.
      if (c.unit === 'ratio' && Math.abs(c.value) >= 100) {
        assert.match(c.quote, /times|倍/, `${at}: ratio ${c.value} looks like a percent`);
      }
      assert.ok(VERDICTS.includes(c.verdict), `${at}: verdict ${c.verdict}`);
      assert.ok(c.verdict_basis.trim().length >= 10, `${at}: verdict_basis`);
      assert.equal(c.data_covers, c.verdict !== 'unverifiable', `${at}: data_covers disagrees with verdict`);
      const identity = JSON.stringify([c.quote, c.subject, c.metric, c.value]);
      assert.ok(!identities.has(identity), `${at}: duplicate claim`);
      identities.add(identity);
    });
  });
}
