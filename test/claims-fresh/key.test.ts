// Validates the fresh (held-out) claims key against its own articles: quotes occur verbatim once and hold a number,
// values and bounds agree, verdicts agree with data_covers, every article has one key, names follow the rule in
// README.md and every key says split "fresh". It checks the key only; it never runs the extractor.
import type { KeyClaim } from '../claims-key/key.ts';
import { test } from 'node:test';
import { assertBounds } from '../claims-key/key.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shared KeyFile type allows only the build and holdout splits; this set is a third, untuned one.
interface FreshKeyFile {
  article: string;
  language: 'en' | 'zh-Hans' | 'zh-Hant';
  split: string;
  claims: KeyClaim[];
}

const dir = dirname(fileURLToPath(import.meta.url));
const articleDir = join(dir, 'articles');
const keyDir = join(dir, 'keys');

const LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
const BOUNDS = ['exact', 'approx', 'at_least', 'at_most', 'more_than', 'less_than', 'range'];
const KINDS = ['model', 'organization', 'country', 'chip', 'system', 'product', 'platform', 'family', 'other'];
const VERDICTS = ['supported', 'contradicted', 'outdated', 'unverifiable'];
const TIME = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// A quote must hold the number: a digit, or a number word (English or Chinese) where the article spells it out.
const EN_NUMBER =
  'one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen|half|quarter|third|fifth|double|twice|' +
  'million|billion|trillion|first|second|sixth|ninth';
const NUMBER_WORD = new RegExp(`\\d|${EN_NUMBER}|[〇零一二三四五六七八九十百千万萬亿億兆兩两半倍成]`, 'i');
// File names: fNN_<lang>_<topic>.txt; NN 01-04 English, 05-08 简体, 09-12 繁體.
const NAME = /^f(\d{2})_(en|zh_hans|zh_hant)_[a-z0-9_]+\.txt$/;
const LANG_OF: Record<string, string> = { en: 'en', zh_hans: 'zh-Hans', zh_hant: 'zh-Hant' };
const BLOCK = 4;

const articles = readdirSync(articleDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const keyFiles = readdirSync(keyDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const docs = keyFiles.map((f) => JSON.parse(readFileSync(join(keyDir, f), 'utf8')) as FreshKeyFile);

test('every article has exactly one key file, named after it', () => {
  assert.ok(articles.length >= 9, `only ${articles.length} articles`);
  assert.deepEqual(
    keyFiles,
    articles.map((a) => a.replace(/\.txt$/, '.json')),
  );
  docs.forEach((d, i) => assert.equal(d.article, articles[i]));
});

test('file names, languages and the split follow the stated rule', () => {
  for (const d of docs) {
    const m = NAME.exec(d.article);
    assert.ok(m, `bad name ${d.article}`);
    const n = Number(m[1]);
    const lang = LANG_OF[m[2]!]!;
    assert.equal(d.language, lang, `${d.article}: language`);
    const block = LANGUAGES.indexOf(lang as (typeof LANGUAGES)[number]);
    assert.ok(n > block * BLOCK && n <= block * BLOCK + BLOCK, `${d.article}: number outside its language block`);
    assert.equal(d.split, 'fresh', `${d.article}: split`);
  }
  for (const lang of LANGUAGES) {
    assert.ok(docs.filter((d) => d.language === lang).length >= 3, `fewer than 3 ${lang} articles`);
  }
});

test('every article has a headline, a dated dateline and a length in range', () => {
  for (const a of articles) {
    const text = readFileSync(join(articleDir, a), 'utf8');
    const lines = text.split('\n');
    assert.ok(lines[0]!.trim().length > 0, `${a}: no headline`);
    const head = lines.slice(1, 5).join('\n');
    assert.match(head, /20\d\d|民國\d+年/, `${a}: no dated dateline near the top`);
    if (a.includes('_en_')) {
      const words = text.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 250 && words <= 450, `${a}: ${words} words`);
    } else {
      const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
      assert.ok(han >= 400 && han <= 800, `${a}: ${han} Chinese characters`);
    }
  }
});

for (const d of docs) {
  test(`claims of ${d.article}`, () => {
    const text = readFileSync(join(articleDir, d.article), 'utf8');
    assert.ok(d.claims.length >= 10 && d.claims.length <= 16, `${d.claims.length} claims, not 10-16`);
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
        assert.match(c.quote, /times|倍|分之/, `${at}: ratio ${c.value} looks like a percent`);
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
