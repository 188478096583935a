/**
 * @module
 * The shape of an answer-key file (see README.md here), shared by the key's own check and the corpus scorer,
 * and the rules every answer key's check applies to its claims.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
export interface KeyClaim {
  quote: string;
  value: number;
  low: number | null;
  high: number | null;
  bound: string;
  unit: string;
  subject: string;
  subject_kind: string;
  metric: string;
  time: string | null;
  versus: string | null;
  notes?: string;
  verdict: string;
  verdict_basis: string;
  data_covers: boolean;
}

export interface KeyFile {
  article: string;
  language: 'en' | 'zh-Hans' | 'zh-Hant';
  split: 'build' | 'holdout';
  claims: KeyClaim[];
}

/** A claim's `low` and `high` agree with its bound: both ends for a range, one for a one-sided bound, none else. */
export function assertBounds(c: KeyClaim, at: string): void {
  if (c.bound === 'range') {
    assert.ok(c.low !== null && c.high !== null && c.low < c.high, `${at}: range needs low < high`);
    assert.ok(c.low <= c.value && c.value <= c.high, `${at}: value outside range`);
  } else if (c.bound === 'at_least' || c.bound === 'more_than') {
    assert.equal(c.low, c.value, `${at}: low must equal value`);
    assert.equal(c.high, null, `${at}: high must be null`);
  } else if (c.bound === 'at_most' || c.bound === 'less_than') {
    assert.equal(c.high, c.value, `${at}: high must equal value`);
    assert.equal(c.low, null, `${at}: low must be null`);
  } else {
    assert.equal(c.low, null, `${at}: low must be null`);
    assert.equal(c.high, null, `${at}: high must be null`);
  }
}

const BOUNDS = ['exact', 'approx', 'at_least', 'at_most', 'more_than', 'less_than', 'range'];
const KINDS = ['model', 'organization', 'country', 'chip', 'system', 'product', 'platform', 'family', 'other'];
const VERDICTS = ['supported', 'contradicted', 'outdated', 'unverifiable'];
const TIME = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// A quote must hold the number: a digit, or a number word (English or Chinese) where the article spells it out.
const NUMBER_WORD =
  /\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen|half|quarter|third|fifth|double|twice|million|billion|trillion|first|second|sixth|ninth|[〇零一二三四五六七八九十百千万萬亿億兆兩两半倍成]/i;

/**
 * The claims of one article's key against its text: each quote occurs once and holds a number, fields are well
 * formed, bounds agree with `low`/`high`, the verdict agrees with `data_covers`, and no claim is listed twice.
 */
export function assertKeyClaims(article: string, text: string, claims: readonly KeyClaim[]): void {
  const identities = new Set<string>();
  claims.forEach((c, i) => {
    const at = `${article} claim ${i} (${c.quote})`;
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
    if (c.unit === 'ratio' && Math.abs(c.value) >= 100)
      assert.match(c.quote, /times|倍|分之/, `${at}: ratio ${c.value} looks like a percent`);
    assert.ok(VERDICTS.includes(c.verdict), `${at}: verdict ${c.verdict}`);
    assert.ok(c.verdict_basis.trim().length >= 10, `${at}: verdict_basis`);
    assert.equal(c.data_covers, c.verdict !== 'unverifiable', `${at}: data_covers disagrees with verdict`);
    const identity = JSON.stringify([c.quote, c.subject, c.metric, c.value]);
    assert.ok(!identities.has(identity), `${at}: duplicate claim`);
    identities.add(identity);
  });
}

/** A set of articles and their keys (`articles/*.txt`, `keys/*.json` under `dir`), each list sorted by name. */
export function readKeySet<K extends { article: string }>(dir: string) {
  const articleDir = join(dir, 'articles');
  const keyDir = join(dir, 'keys');
  const articles = readdirSync(articleDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const keyFiles = readdirSync(keyDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const docs = keyFiles.map((f) => JSON.parse(readFileSync(join(keyDir, f), 'utf8')) as K);
  return { articleDir, articles, keyFiles, docs };
}

/** Every article has exactly one key, named after it, and the set holds at least `min` articles. */
export function assertOneKeyEach(set: ReturnType<typeof readKeySet>, min: number): void {
  assert.ok(set.articles.length >= min, `only ${set.articles.length} articles`);
  assert.deepEqual(
    set.keyFiles,
    set.articles.map((a) => a.replace(/\.txt$/, '.json')),
  );
  set.docs.forEach((d, i) => assert.equal(d.article, set.articles[i]));
}
