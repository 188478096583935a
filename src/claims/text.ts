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

/**
 * A copy of `text` of exactly the same length for matching: each character converted on its own
 * (Traditional → Simplified, full-width → ASCII) only when the conversion keeps it one UTF-16 unit, so an
 * offset in the copy is the same offset in the original.
 */
export function normalizeForMatching(text: string): string {
  const whole = t2s(text);
  const base =
    whole.length === text.length
      ? whole
      : [...text].map((ch) => (ch.length === 1 && t2s(ch).length === 1 ? t2s(ch) : ch)).join('');
  let out = '';
  for (let i = 0; i < base.length; i++) {
    const code = base.charCodeAt(i);
    // Full-width ASCII variants (！ to ～), the ideographic space and no-break space.
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0 || code === 0x202f || code === 0x2009) out += ' ';
    // Hyphens and the minus sign (‐ ‑ ‒ − and the non-breaking hyphen) read as "-".
    else if ((code >= 0x2010 && code <= 0x2012) || code === 0x2212) out += '-';
    else out += base[i] as string;
  }
  return out.length === text.length ? out : text;
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
      if (text[i] !== normalized[i]) changed++;
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

/** Longest sentence span: a claim's context never needs more, and it keeps the work per quantity bounded. */
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
      if (i + 1 > start) push(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.length) push(start, text.length);
  return out;
}
