/**
 * @module
 * Text preparation for the claims engine: visible text from HTML, a normalised copy for matching
 * (Traditional → Simplified with opencc-js, full-width → half-width) that keeps every character at its
 * original offset, script detection, and sentence boundaries.
 */
import * as OpenCC from 'opencc-js';

const t2s = (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }).Converter({ from: 't', to: 'cn' });

/** Visible text of an HTML page: no scripts, styles or tags; entities decoded; block ends become newlines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/section|\/article)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d) % 0x110000 || 0x20))
    .replace(/[ \t]+\n/g, '\n');
}

/**
 * A copy of `text` of exactly the same length for matching: each character converted on its own
 * (Traditional → Simplified, full-width → ASCII) only when the conversion keeps it one UTF-16 unit, so an
 * offset in the copy is the same offset in the original.
 */
export function normalizeForMatching(text: string): string {
  const whole = t2s(text);
  const base = whole.length === text.length ? whole : [...text].map((ch) => (ch.length === 1 && t2s(ch).length === 1 ? t2s(ch) : ch)).join('');
  let out = '';
  for (let i = 0; i < base.length; i++) {
    const code = base.charCodeAt(i);
    // Full-width ASCII variants (！ to ～), the ideographic space and no-break space.
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0) out += ' ';
    else out += base[i] as string;
  }
  return out.length === text.length ? out : text;
}

export type Language = 'en' | 'zh-Hans' | 'zh-Hant';

/** English unless Han characters dominate; Traditional when converting to Simplified changes enough of them. */
export function detectLanguage(text: string, normalized: string): Language {
  let han = 0;
  let latin = 0;
  let changed = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      if (text[i] !== normalized[i]) changed++;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  if (han < latin / 4 || han === 0) return 'en';
  return changed / han > 0.03 ? 'zh-Hant' : 'zh-Hans';
}

/** Sentence spans [start, end) on Chinese and Western sentence ends and line breaks. */
export function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const end = ch === '\n' || ch === '。' || ch === '！' || ch === '？' || ch === '；' || ch === '!' || ch === '?' || ch === ';' || (ch === '.' && (text[i + 1] === ' ' || text[i + 1] === '\n' || i + 1 === text.length) && !/\d/.test(text[i - 1] ?? ''));
    if (end) {
      if (i + 1 > start) out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) out.push([start, text.length]);
  return out.filter(([s, e]) => text.slice(s, e).trim() !== '');
}
