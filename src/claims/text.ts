/**
 * @module
 * Text preparation for the claims engine: visible text from HTML, a normalised copy for matching
 * (Traditional → Simplified with opencc-js, full-width → half-width) that keeps every character at its
 * original offset, script detection, and sentence boundaries.
 */
import * as OpenCC from 'opencc-js';
import { InputError } from '../ops/operation.ts';
import type { Stop } from './quantities.ts';

export type { Stop };

/**
 * One check for both ways of stopping: an aborted signal, or a deadline passed. The checker runs
 * synchronously, so a timer cannot abort a signal while it runs; a deadline is read off the clock instead.
 */
export function stopper(signal?: AbortSignal, deadline?: number): Stop | undefined {
  if (!signal && deadline === undefined) return undefined;
  return {
    throwIfAborted() {
      signal?.throwIfAborted();
      if (deadline !== undefined && performance.now() > deadline)
        throw new DOMException('the time budget for checking was used up', 'TimeoutError');
    },
  };
}

const t2s = (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }).Converter({
  from: 't',
  to: 'cn',
});

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  times: '×',
  divide: '÷',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  middot: '·',
  deg: '°',
  plusmn: '±',
  asymp: '≈',
  le: '≤',
  ge: '≥',
  minus: '−',
  thinsp: ' ',
  ensp: ' ',
  emsp: ' ',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  percnt: '%',
  dollar: '$',
};

/** HTML character references (named, decimal, hex) decoded; unknown ones kept as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,9}));/g,
    (all, d: string | undefined, h: string | undefined, n: string | undefined) => {
      if (n !== undefined) return NAMED[n] ?? NAMED[n.toLowerCase()] ?? all;
      const cp = d !== undefined ? Number(d) : Number.parseInt(h as string, 16);
      return cp > 0 && cp < 0x110000 && !(cp >= 0xd800 && cp < 0xe000) ? String.fromCodePoint(cp) : ' ';
    },
  );
}

/** Visible text of an HTML page: no scripts, styles or tags; entities decoded; block ends become newlines. */
export function htmlToText(html: string): string {
  return (
    decodeEntities(
      html
        .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(
          /<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/section|\/article|\/title|\/blockquote|\/figcaption)\b[^>]*>/gi,
          '\n',
        )
        .replace(/<\/?[a-zA-Z!][^<>]*>/g, ' '),
    )
      // Trailing blanks per line, without a regular expression that backtracks over long runs of spaces.
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
  );
}

/** Markup in a file of any name: a doctype, or several paired block or inline tags. */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  const sample = s.length > 200_000 ? s.slice(0, 200_000) : s;
  const tags = sample.match(
    /<\/?(?:p|div|span|a|br|body|head|h[1-6]|li|ul|ol|table|tr|td|strong|em|b|i|article|section|script|style|meta|img)\b[^<>]{0,500}>/gi,
  );
  return (tags?.length ?? 0) >= 3;
}

/** Bytes that are not UTF-8 text are refused, with where they fail. */
export function decodeUtf8(id: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('text', `${id}: not a text document (not valid UTF-8); give text, Markdown or HTML`);
  }
}

/** Why a string is binary rather than text (NUL or other control characters, undecodable bytes); null if text. */
export function binaryReason(s: string): string | null {
  const n = Math.min(s.length, 65_536);
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return 'it contains NUL bytes';
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) control++;
    else if (c === 0xfffd) replacement++;
  }
  if (n >= 16 && control / n > 0.01) return 'it contains control characters';
  if (n >= 16 && replacement / n > 0.01) return 'it is not valid UTF-8';
  return null;
}

type OpenCCModule = {
  Converter: (o: { from: string; to: string }) => (s: string) => string;
  Locale: { from: Record<string, readonly (readonly (string | readonly (readonly [string, string])[])[])[]> };
};

/**
 * Taiwan and Hong Kong phrasing → mainland phrasing (記憶體 → 内存, 頻寬 → 带宽, 晶片 → 芯片), from opencc-js's own
 * reverse phrase dictionaries, both sides in Simplified characters, by their first character. A phrase is
 * rewritten only where its mainland form is no longer than it (a shorter one is padded with spaces, so offsets
 * hold); phrases with numerals are left to the quantity rules.
 */
const REGIONAL: Map<string, [string, string][]> = (() => {
  const out = new Map<string, [string, string][]>();
  const seen = new Set<string>();
  for (const region of ['twp', 'hkp'])
    for (const group of (OpenCC as unknown as OpenCCModule).Locale.from[region] ?? [])
      for (const dict of group) {
        const pairs = typeof dict === 'string' ? dict.split('|').map((p) => p.split(' ')) : dict;
        for (const [from, to] of pairs) {
          if (!from || !to) continue;
          const a = t2s(from);
          const b = t2s(to);
          if (a === b || a.length < 2 || b.length > a.length || seen.has(a)) continue;
          if (/[\d零〇一二两三四五六七八九十百千万亿兆]/.test(a + b)) continue;
          seen.add(a);
          const list = out.get(a[0] as string) ?? [];
          list.push([a, b.padEnd(a.length, ' ')]);
          out.set(a[0] as string, list);
        }
      }
  for (const list of out.values()) list.sort((x, y) => y[0].length - x[0].length);
  return out;
})();

const CN_NUMERAL = /[零〇一二两三四五六七八九十百千万亿兆\d]/;

/**
 * A copy of `text` of exactly the same length for matching, so an offset in the copy is the same offset in
 * the original: Traditional → Simplified characters (opencc-js, only where a character stays one UTF-16
 * unit), Taiwan and Hong Kong phrasing → mainland phrasing (REGIONAL), full-width → ASCII. Both scripts and
 * both phrasings of one text give one copy, so every rule and name is written once, in mainland Simplified.
 */
export function normalizeForMatching(text: string): string {
  const whole = t2s(text);
  const base =
    whole.length === text.length
      ? whole
      : [...text].map((ch) => (ch.length === 1 && t2s(ch).length === 1 ? t2s(ch) : ch)).join('');
  const parts: string[] = [];
  let from = 0;
  const flush = (i: number) => {
    if (i > from) parts.push(base.slice(from, i));
  };
  for (let i = 0; i < base.length; ) {
    const code = base.charCodeAt(i);
    let put: string | undefined;
    let len = 1;
    if (code >= 0x4e00 && code <= 0x9fff) {
      const list = REGIONAL.get(base[i] as string);
      const hit = list?.find(([a]) => base.startsWith(a, i));
      if (hit) [put, len] = [hit[1], hit[0].length];
    }
    // A full-width comma between digits separates clauses or items ("500，200人"), unless it groups full-width
    // digits in threes ("１，２００"): read as "、" so the number rules do not join the two numbers.
    else if (code === 0xff0c && /\d/.test(ascii(base[i - 1])) && /\d/.test(ascii(base[i + 1])) && !grouping(base, i))
      put = '、';
    // ○ written for 〇 among numerals (二○二五).
    else if (code === 0x25cb && (CN_NUMERAL.test(base[i - 1] ?? '') || CN_NUMERAL.test(base[i + 1] ?? ''))) put = '〇';
    // Full-width ASCII variants (！ to ～), the ideographic space and no-break space.
    else if (code >= 0xff01 && code <= 0xff5e) put = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0 || code === 0x202f || code === 0x2009) put = ' ';
    // Hyphens and the minus sign (‐ ‑ ‒ − and the non-breaking hyphen) read as "-".
    else if ((code >= 0x2010 && code <= 0x2012) || code === 0x2212) put = '-';
    if (put !== undefined) {
      flush(i);
      parts.push(put);
      from = i + len;
    }
    i += len;
  }
  flush(base.length);
  const out = parts.join('');
  return out.length === text.length ? out : text;
}

const FW_DIGIT = /^[０-９]$/;
/** "１，２００": a full-width comma after a full-width digit, before exactly three of them. */
const grouping = (s: string, i: number) =>
  FW_DIGIT.test(s[i - 1] ?? '') &&
  [1, 2, 3].every((k) => FW_DIGIT.test(s[i + k] ?? '')) &&
  !/[0-9０-９]/.test(s[i + 4] ?? '');

/** A full-width digit read as its ASCII digit. */
const ascii = (ch: string | undefined) =>
  ch !== undefined && ch >= '０' && ch <= '９' ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : (ch ?? '');

/** Whether a character is itself Traditional (its Simplified form differs), cached: few distinct ones occur. */
const traditional = new Map<string, boolean>();
function isTraditional(ch: string): boolean {
  let t = traditional.get(ch);
  if (t === undefined) {
    t = t2s(ch) !== ch;
    if (traditional.size < 50_000) traditional.set(ch, t);
  }
  return t;
}

export type Language = 'en' | 'zh-Hans' | 'zh-Hant' | 'ja' | 'ko' | 'und';
export const SUPPORTED: ReadonlySet<Language> = new Set(['en', 'zh-Hans', 'zh-Hant']);
export const LANGUAGE_NAMES: Record<string, string> = { ja: 'Japanese', ko: 'Korean', und: 'Text in this script' };

/**
 * English unless Han characters dominate; Traditional when converting to Simplified changes enough of them.
 * Kana make it Japanese, Hangul Korean, and letters of other scripts outnumbering Latin and Han `und`.
 */
export function detectLanguage(text: string, normalized: string): Language {
  let han = 0;
  let latin = 0;
  let changed = 0;
  let kana = 0;
  let hangul = 0;
  let other = 0;
  const n = Math.min(text.length, normalized.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      // A phrase rewritten to mainland wording (资料 → 数据) is not a sign of Traditional script.
      if (text[i] !== normalized[i] && isTraditional(text[i] as string)) changed++;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++;
    // Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai and other alphabets.
    else if ((c >= 0x370 && c <= 0x1fff && !(c >= 0x1100 && c <= 0x11ff)) || (c >= 0xa000 && c <= 0xabff)) other++;
  }
  if (hangul > (han + latin + kana) / 2 && hangul >= 5) return 'ko';
  if (kana >= 5 && kana > han / 10) return 'ja';
  if (other > latin + han && other >= 5) return 'und';
  if (han < latin / 4 || han === 0) return 'en';
  return changed / han > 0.03 ? 'zh-Hant' : 'zh-Hans';
}

const CLOSERS = new Set(['」', '』', '”', '’', '"', "'", ')', '》', '】', '〕']);

/** Longest sentence span: a claim's context never needs more, and it keeps the work per quantity bounded. */
/** The index of the first of `xs` (sorted by `key`) at or after `pos`, by binary search: documents can hold thousands
 * of sentences, mentions and figures. */
export function firstAtOrAfter<T>(xs: readonly T[], pos: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid] as T) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const MAX_SENTENCE = 600;

/**
 * Sentence spans [start, end) on Chinese and Western sentence ends and line breaks. A longer run without
 * one is cut at a comma or space near MAX_SENTENCE (or hard), so work per claim stays constant.
 */
export function sentences(text: string, signal?: Stop): [number, number][] {
  const out: [number, number][] = [];
  const push = (s: number, e: number) => {
    let a = s;
    while (e - a > MAX_SENTENCE) {
      let cut = a + MAX_SENTENCE;
      for (let k = cut; k > a + MAX_SENTENCE / 2; k--) {
        if (/[,，、 ]/.test(text[k - 1] ?? '')) {
          cut = k;
          break;
        }
      }
      if (/\S/.test(text.slice(a, cut))) out.push([a, cut]);
      a = cut;
    }
    if (e > a && /\S/.test(text.slice(a, e))) out.push([a, e]);
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ((i & 0xffff) === 0) signal?.throwIfAborted();
    const ch = text[i];
    const end =
      ch === '\n' ||
      ch === '。' ||
      ch === '！' ||
      ch === '？' ||
      ch === '；' ||
      ch === '!' ||
      ch === '?' ||
      ch === ';' ||
      (ch === '.' &&
        (text[i + 1] === ' ' || text[i + 1] === '\n' || i + 1 === text.length) &&
        // "in Feb 2026. Platform…": after a digit, a full stop ends the sentence when a capital follows.
        (!/\d/.test(text[i - 1] ?? '') || /^ [A-Z\u4e00-\u9fff]/.test(text.slice(i + 1, i + 3))));
    if (end) {
      // A closing quote or bracket after the end belongs to the sentence it closes ("…三倍。」他说").
      while (i + 1 < text.length && CLOSERS.has(text[i + 1] as string)) i++;
      if (i + 1 > start) push(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.length) push(start, text.length);
  return out;
}
