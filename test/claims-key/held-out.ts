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

/** What a set asks of its articles and keys (a later set asked for longer articles and more claims). */
export interface HeldOutRanges {
  /** At least this many articles. */
  articles: number;
  /** Articles of each language, at least. */
  perLanguage: number;
  words: [number, number];
  han: [number, number];
  claims: [number, number];
  /** Verdicts mixed across the set: the share of each, and the fewest outdated claims. */
  mix?: {
    supported: [number, number];
    contradicted: [number, number];
    unverifiable: [number, number];
    outdated: number;
  };
}

const RANGES: HeldOutRanges = { articles: 9, perLanguage: 3, words: [250, 450], han: [400, 800], claims: [10, 16] };

export function heldOutKeyTests(dir: string, letter: string, ranges: HeldOutRanges = RANGES): void {
  const name = new RegExp(`^${letter}(\\d{2})_(en|zh_hans|zh_hant)_[a-z0-9_]+\\.txt$`);
  const set = readKeySet<HeldOutKeyFile>(dir);
  const { articleDir, articles, docs } = set;
  const [minWords, maxWords] = ranges.words;
  const [minHan, maxHan] = ranges.han;
  const [minClaims, maxClaims] = ranges.claims;

  test('every article has exactly one key file, named after it', () => assertOneKeyEach(set, ranges.articles));

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
      assert.ok(
        docs.filter((d) => d.language === lang).length >= ranges.perLanguage,
        `fewer than ${ranges.perLanguage} ${lang} articles`,
      );
  });

  test('every article has a headline, a dated dateline and a length in range', () => {
    for (const a of articles) {
      const text = readFileSync(join(articleDir, a), 'utf8');
      const lines = text.split('\n');
      assert.ok((lines[0] ?? '').trim().length > 0, `${a}: no headline`);
      assert.match(lines.slice(1, 5).join('\n'), /20\d\d|民國\d+年/, `${a}: no dated dateline near the top`);
      if (a.includes('_en_')) {
        const words = text.split(/\s+/).filter(Boolean).length;
        assert.ok(words >= minWords && words <= maxWords, `${a}: ${words} words`);
      } else {
        const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
        assert.ok(han >= minHan && han <= maxHan, `${a}: ${han} Chinese characters`);
      }
    }
  });

  for (const d of docs)
    test(`claims of ${d.article}`, () => {
      const text = readFileSync(join(articleDir, d.article), 'utf8');
      assert.ok(
        d.claims.length >= minClaims && d.claims.length <= maxClaims,
        `${d.claims.length} claims, not ${minClaims}-${maxClaims}`,
      );
      assertKeyClaims(d.article, text, d.claims);
    });
}

/** The set's verdicts are mixed as its brief asked (fresh4, fresh5): shares of each verdict, and outdated ones. */
export function mixedVerdictsTest(dir: string, mix: NonNullable<HeldOutRanges['mix']>): void {
  test('the verdicts are mixed across the set', () => {
    const all = readKeySet<HeldOutKeyFile>(dir).docs.flatMap((d) => d.claims);
    const share = (v: string) => all.filter((c) => c.verdict === v).length / all.length;
    for (const v of ['supported', 'contradicted', 'unverifiable'] as const) {
      const [lo, hi] = mix[v];
      assert.ok(share(v) >= lo && share(v) <= hi, `${v} ${share(v)}`);
    }
    assert.ok(all.filter((c) => c.verdict === 'outdated').length >= mix.outdated, 'too few outdated claims');
  });
}
