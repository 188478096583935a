// Validates the hand-written claims answer key against the articles it describes: every quote must occur
// verbatim, every number must be finite and consistent with its bound, and the build/holdout split must follow
// the rule stated in README.md. It checks the key only; it does not run the extractor.
import type { KeyFile } from './key.ts';
import { test } from 'node:test';
import { assertBounds } from './key.ts';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const keyDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(keyDir, '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');
const devDir = join(corpusDir, 'dev');

const LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
const SPLITS = ['build', 'holdout'] as const;
const BOUNDS = ['exact', 'approx', 'at_least', 'at_most', 'more_than', 'less_than', 'range'] as const;
// "other" covers subjects outside the brief's list (market segments, programmes, events); see README.md.
const KINDS = ['model', 'organization', 'country', 'chip', 'system', 'product', 'platform', 'family', 'other'];
// Verdict words of issue 17; `data_covers` is false exactly when the data holds no fact to compare with.
const VERDICTS = ['supported', 'contradicted', 'outdated', 'unverifiable'] as const;
const TIME = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// A quote must hold the number: a digit, or a number word when the article spells the number out.
const NUMBER_WORD = /\d|three|five|two|double|dozen|million|trillion|second|[一二三四五六七八九十兩两万萬亿億]/i;

type KeyDoc = KeyFile;

function languageOfDevFile(name: string): string | undefined {
  if (name.endsWith('_en.txt')) return 'en';
  if (name.endsWith('_zh_hans.txt')) return 'zh-Hans';
  if (name.endsWith('_zh_hant.txt')) return 'zh-Hant';
  return undefined;
}

function expectedSplits(): Map<string, string> {
  // Rule: sort the dev files by name, alternate build/holdout within each language starting with build;
  // the top-level corpus articles are all build.
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  const devFiles = readdirSync(devDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  for (const f of devFiles) {
    const lang = languageOfDevFile(f);
    assert.ok(lang, `dev file without a language suffix: ${f}`);
    const i = seen.get(lang) ?? 0;
    seen.set(lang, i + 1);
    out.set(f, i % 2 === 0 ? 'build' : 'holdout');
  }
  for (const f of readdirSync(corpusDir).filter((x) => x.endsWith('.txt'))) out.set(f, 'build');
  return out;
}

function articlePath(name: string): string | undefined {
  for (const dir of [devDir, corpusDir]) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

const keyFiles = readdirSync(keyDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const docs: KeyDoc[] = keyFiles.map((f) => JSON.parse(readFileSync(join(keyDir, f), 'utf8')) as KeyDoc);

test('the corpus is present', () => {
  assert.ok(existsSync(devDir), `no corpus at ${devDir}`);
});

test('every corpus article has exactly one key file, named after it', () => {
  const splits = expectedSplits();
  assert.equal(splits.size, 26);
  const keyed = new Set(docs.map((d) => d.article));
  assert.deepEqual([...keyed].sort(), [...splits.keys()].sort());
  keyFiles.forEach((f, i) => assert.equal(f, docs[i]!.article.replace(/\.txt$/, '.json')));
});

test('split and language follow the stated rule', () => {
  const splits = expectedSplits();
  for (const d of docs) {
    assert.ok((LANGUAGES as readonly string[]).includes(d.language), `${d.article}: language ${d.language}`);
    assert.ok((SPLITS as readonly string[]).includes(d.split), `${d.article}: split ${d.split}`);
    assert.equal(d.split, splits.get(d.article), `${d.article}: split`);
    const devLang = languageOfDevFile(d.article);
    if (existsSync(join(devDir, d.article))) assert.equal(d.language, devLang, `${d.article}: language`);
  }
  // Both halves must hold articles of every language, or the generalisation gap cannot be measured.
  for (const lang of LANGUAGES) {
    for (const split of SPLITS) {
      assert.ok(
        docs.some((d) => d.language === lang && d.split === split),
        `no ${lang} ${split} article`,
      );
    }
  }
});

for (const d of docs) {
  test(`claims of ${d.article}`, () => {
    const path = articlePath(d.article);
    assert.ok(path, `article not found: ${d.article}`);
    const text = readFileSync(path, 'utf8');
    assert.ok(Array.isArray(d.claims) && d.claims.length > 0, 'no claims');
    const identities = new Set<string>();
    d.claims.forEach((c, i) => {
      const at = `${d.article} claim ${i} (${c.quote})`;
      assert.equal(typeof c.quote, 'string', at);
      const len = [...c.quote].length;
      assert.ok(len >= 5 && len <= 60, `${at}: quote length ${len}`);
      assert.ok(text.includes(c.quote), `${at}: quote not found verbatim`);
      assert.match(c.quote, NUMBER_WORD, `${at}: quote holds no number`);
      assert.ok(Number.isFinite(c.value), `${at}: value ${c.value}`);
      assert.ok((BOUNDS as readonly string[]).includes(c.bound), `${at}: bound ${c.bound}`);
      for (const k of ['low', 'high'] as const) {
        const v = c[k];
        assert.ok(v === null || Number.isFinite(v), `${at}: ${k} ${v}`);
      }
      assertBounds(c, at);
      for (const k of ['unit', 'subject', 'metric'] as const) {
        assert.ok(typeof c[k] === 'string' && c[k].trim().length > 0, `${at}: ${k} empty`);
      }
      assert.match(c.unit, /^[a-z][a-z0-9_]*$/, `${at}: unit not normalised`);
      assert.match(c.metric, /^[a-z][a-z0-9_]*$/, `${at}: metric not snake_case`);
      assert.ok(KINDS.includes(c.subject_kind), `${at}: subject_kind ${c.subject_kind}`);
      assert.ok(c.time === null || TIME.test(c.time), `${at}: time ${c.time}`);
      assert.ok(c.versus === null || (typeof c.versus === 'string' && c.versus.length > 0), `${at}: versus`);
      // Percentages are stored as fractions, so a ratio above 100 is almost surely a typing slip.
      if (c.unit === 'ratio') assert.ok(Math.abs(c.value) < 100, `${at}: ratio ${c.value} looks like a percent`);
      assert.ok((VERDICTS as readonly string[]).includes(c.verdict), `${at}: verdict ${c.verdict}`);
      assert.ok(typeof c.verdict_basis === 'string' && c.verdict_basis.trim().length >= 10, `${at}: verdict_basis`);
      assert.equal(typeof c.data_covers, 'boolean', `${at}: data_covers`);
      assert.equal(c.data_covers, c.verdict !== 'unverifiable', `${at}: data_covers disagrees with verdict`);
      const identity = JSON.stringify([c.quote, c.subject, c.metric, c.value]);
      assert.ok(!identities.has(identity), `${at}: duplicate claim`);
      identities.add(identity);
    });
  });
}
