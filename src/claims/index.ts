/**
 * @module
 * `airace check`: reads articles (text, Markdown or HTML; English, 简体 or 繁體), finds the entities and the
 * quantitative claims in them, and checks each claim against the snapshot. Output per SPEC:
 * `{documents: [{id, language, entities: [{id, mentions}], claims: [{quote, start, end, subject, metric,
 * value, unit, verdict, evidence}]}]}`; offsets index the document's visible text.
 */
import { z } from 'zod';
import type { Db } from '../store/db.ts';
import { buildFactIndex, type FactIndex } from '../facts/index.ts';
import {
  checkClaim,
  GAP_METRICS,
  isPlatform,
  type CheckContext,
  type Checked,
  type ClaimToCheck,
  type Evidence,
  type Verdict,
} from './check.ts';
import { loadEntities, type EntityIndex } from './entities.ts';
import { arenaBoardOf, datelineOf, extractClaims, withYear, type Extracted } from './extract.ts';
import { llmExtract, type LlmOptions } from './llm.ts';
import { parseNumber } from './quantities.ts';
import { InputError, type Operation } from '../ops/operation.ts';
import {
  stopper,
  binaryReason,
  decodeEntities,
  decodeUtf8,
  detectLanguage,
  firstAtOrAfter,
  htmlToText,
  LANGUAGE_NAMES,
  looksLikeHtml,
  normalizeForMatching,
  sentences,
  SUPPORTED,
  type Language,
} from './text.ts';

export interface CheckedClaim {
  quote: string;
  start: number;
  end: number;
  sentence: string;
  subject: string | null;
  subject_name: string | null;
  comparison: string | null;
  metric: string;
  value: number;
  low: number | null;
  high: number | null;
  /** The qualifier's bound: `gt` (over, 超过), `lt` (under, 不到, nearly), `approx` (about, 约); null when exact. */
  bound: 'gt' | 'lt' | 'approx' | null;
  unit: string;
  time: string | null;
  /** For a claim about a span of days ("the 30 days to 7 August"): its length; `time` is its last day. */
  days: number | null;
  verdict: Verdict;
  tolerance: string;
  evidence: Evidence[];
  /** Which extractor found it. */
  extractor: 'rules' | 'llm';
}

export interface CheckedDocument {
  id: string;
  language: Language;
  /** The article's date from its dateline, if it gives one: claims that state no time are read as of it. */
  date?: string | null;
  text: string;
  entities: { id: string; name: string; kind: string; mentions: { start: number; end: number; text: string }[] }[];
  claims: CheckedClaim[];
  /** Why a document yielded nothing (an unsupported language), when it did. */
  warnings?: string[];
}

/** Limits that keep a hostile input from taking the process down: bytes of UTF-8, not characters. */
export const MAX_DOCUMENT_BYTES = 5_000_000;
/** @deprecated the limit is in bytes now (MAX_DOCUMENT_BYTES); kept for callers that import it. */
export const MAX_DOCUMENT_CHARS = MAX_DOCUMENT_BYTES;

export interface CheckOptions {
  /** Checked inside the loops: an aborted signal stops the work with its reason. */
  signal?: AbortSignal;
  /** A time budget in milliseconds, read off the clock inside the loops (a timer cannot fire while checking runs). */
  timeoutMs?: number;
}

/** A URL without scheme, `www.`, query, fragment or trailing slash, for comparing where things come from. */
function normalUrl(u: string): string {
  return u
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * Rule: a document cannot confirm or contradict itself. Evidence whose only sources are the document itself
 * (its URL given at its start, as a saved article carries it) is dropped, and a verdict that rested on it
 * alone becomes unverifiable.
 */
export function withoutSelfCitation<C extends { verdict: string; evidence: { sources: string[] }[] }>(
  claim: C,
  self: Set<string>,
): C {
  if (!self.size || !claim.evidence.length) return claim;
  const own = (e: { sources: string[] }) => e.sources.length > 0 && e.sources.every((s) => self.has(s));
  const kept = claim.evidence.filter((e) => !own(e));
  if (kept.length === claim.evidence.length) return claim;
  const decided = claim.verdict === 'supported' || claim.verdict === 'contradicted' || claim.verdict === 'outdated';
  return { ...claim, evidence: kept, verdict: decided && kept.length === 0 ? 'unverifiable' : claim.verdict };
}

/** The text a reader sees (markup stripped, entities decoded): claim offsets index it. */
export function visibleText(decoded: string, format: 'text' | 'html' = 'text'): string {
  const asHtml = format === 'html' || looksLikeHtml(decoded);
  return (asHtml ? htmlToText(decoded) : decodeEntities(decoded)).replace(/\r\n?/g, '\n');
}

/** Words before a multiple that make it the other side's: "trails by a factor of 3", "落后…3倍". */
const INVERSE_BEFORE = new RegExp(
  String.raw`(?:\b(?:behind|trail(?:s|ing|ed)?|lag(?:s|ging|ged)?)\s+(?:[\w'’]+\s+){0,3}?by\s+` +
    String.raw`(?:(?:a\s+)?factor\s+of\s+|roughly\s+|about\s+|some\s+|nearly\s+|around\s+)*` +
    String.raw`|(?:落后|慢|低|少|小|逊于)[^，,。；;]{0,8})$`,
  'i',
);
/** Words after a multiple that make it the other side's: "3x slower than", "10 times lower". */
const INVERSE_AFTER = new RegExp(
  String.raw`^\s*(?:times?\s+|[x×]\s*)?(?:lower|slower|smaller|less|fewer|weaker|worse|behind)\b` +
    String.raw`|^\s*倍?\s*(?:之差)?\s*(?:落后|慢|低|少)`,
  'i',
);
/** Between two multiples of one comparison: "by a factor of three in compute and 2.5x in bandwidth". */
const COORDINATED =
  /^[^,，;；.。]{0,60}\b(?:and|or)\b[^,，;；.。]{0,20}$|^[^,，;；.。]{0,40}(?:和|与|及|、)[^,，;；.。]{0,20}$/i;

/**
 * Marks the multiples said of the other side of a comparison (`inverse`): by the words around each, and a
 * multiple coordinated with one so marked ("behind by 3x in compute and 2.5x in bandwidth") shares its sense.
 */
export function inverseMultiples(norm: string, claims: ClaimToCheck[]): void {
  let prev: ClaimToCheck | undefined;
  for (const c of claims) {
    if (c.unit !== 'x') continue;
    const before = norm.slice(Math.max(c.sentence[0], c.start - 40), c.start);
    const after = norm.slice(c.end, Math.min(c.sentence[1], c.end + 24));
    const coordinated =
      prev?.inverse === true && prev.sentence[0] === c.sentence[0] && COORDINATED.test(norm.slice(prev.end, c.start));
    if (INVERSE_BEFORE.test(before) || INVERSE_AFTER.test(after) || coordinated) c.inverse = true;
    prev = c;
  }
}

/** A change stated week over week ("+40% WoW", "周环比增长40%"): a weekly growth, comparable with a week's. */
const WEEK_OVER_WEEK = /\b(?:wow|w\/w|week[- ](?:over|on)[- ]week)\b|周环比|週環比|环比上周|較上週|较上周/i;

/** Marks growth figures said week over week (`growth_week`), by the words right around each. */
export function weeklyGrowth(norm: string, claims: ClaimToCheck[]): void {
  for (const c of claims) {
    if (c.metric !== 'growth') continue;
    const around = norm.slice(Math.max(c.sentence[0], c.start - 12), Math.min(c.sentence[1], c.end + 16));
    if (WEEK_OVER_WEEK.test(around)) c.metric = 'growth_week';
  }
}

/** The size of the top list in a count of places: "4/5 top spots", "three of the top five places". */
const TOP_OF = /(?:\/|\bof|\bout of)\s?(?:the\s)?(?:top\s)?([\w,]+)\s(?:top\s)?(?:spots|places|positions|slots)\b/i;

/** A top list named in a sentence: "前十名中", "in the top 10", "of the ten busiest models". */
const TOP_LIST =
  /前\s?([\d一二三四五六七八九十百]+)\s?名|\btop[\s-]([\w]+)\b|\bof the ([\w]+) (?:busiest|biggest|largest|most[- ]used|most popular|leading|highest[- ]ranked)\b/i;

/**
 * A count of places held in a top list of stated size (`top_spots_count:N`), checked on the `top_spots:N` facts:
 * "4/5 top spots", and a count of models in a sentence that names its top list ("前十名中来自中国的模型只有4款").
 */
export function placesHeld(claims: ClaimToCheck[], norm = ''): void {
  for (const c of claims) {
    let n = Number.NaN;
    if (c.unit === 'spots') {
      const m = TOP_OF.exec(c.quote);
      n = m ? parseNumber(m[1] as string) : Number.NaN;
    } else if (c.unit === 'models' && norm) {
      const m = TOP_LIST.exec(norm.slice(c.sentence[0], c.sentence[1]));
      n = m ? parseNumber((m[1] ?? m[2] ?? m[3]) as string) : Number.NaN;
    }
    if (Number.isInteger(n) && n > 0 && c.value <= n) c.metric = `top_spots_count:${n}`;
  }
}

/**
 * A figure restated (a headline's figure given again in the body) is the same figure: one without a time
 * takes the time of its restatement, same subject, measure, unit and value (within 1%), when that names one.
 */
export function restatedTimes(claims: ClaimToCheck[]): void {
  const dated = new Map<string, ClaimToCheck[]>();
  const key = (c: ClaimToCheck) => `${c.subject}\u0000${c.metric}\u0000${c.unit}`;
  for (const c of claims) {
    if (c.time === null || c.subject === null) continue;
    const l = dated.get(key(c)) ?? [];
    l.push(c);
    dated.set(key(c), l);
  }
  for (const c of claims) {
    if (c.time !== null || c.subject === null) continue;
    const same = (dated.get(key(c)) ?? []).filter(
      (d) => Math.abs(d.value - c.value) <= 0.01 * Math.abs(c.value) && d.bound === c.bound,
    );
    // Only when the restatements agree on when (and over how many days).
    if (same.length && same.every((d) => d.time === same[0]?.time && (d.days ?? null) === (same[0]?.days ?? null))) {
      c.time = same[0]?.time ?? null;
      c.days = same[0]?.days ?? null;
    }
  }
}

const eventRow = z.object({
  id: z.string(),
  country: z.string().nullable(),
  title: z.string(),
  actors: z.array(z.string()).nullable(),
});
const sourceRow = z.object({ id: z.string(), url: z.string() });
const familyRow = z.object({ id: z.string(), family: z.string() });

const ARENA = /\barena\b|lmarena|竞技场/i;
/** A version or tier written after a family's name ("3 Ultra", "2.5-Pro", "-VL"). */
const VERSION_AFTER =
  /^(?:[\s-]?(?:\d+(?:\.\d+)*[a-z]?\b|(?:ultra|pro|max|mini|nano|super|flash|lite|plus|turbo|instruct|coder|opus|sonnet|haiku|vl|omni)\b))+/i;
/** Measures a share may be of other than tokens: money, calls, downloads, a market, a survey's answers. */
const OTHER_MEASURE =
  /消费|花费|支出|营收|收入|费用|金额|请求|调用次数|下载|市场|受访|调查|\b(?:spend|spending|revenue|dollars|requests|calls|downloads|market|survey|respondents)\b/i;
/** A sentence that speaks of a test's score or points back to a test named before ("scores … on them", "there"). */
const SCORED_BACK =
  /\b(?:on (?:it|them|this|that|these)|there|scor(?:e|es|ed|ing)|solv(?:e|es|ed)|answer(?:s|ed)?|complet(?:e|es|ed)|resolv(?:e|es|ed)|accuracy)\b|得分|分数|正确率|准确率|成绩/i;
/** A platform's list named as a subject ("十大模型", "the ten busiest models", "榜上模型"). */
const LIST_SUBJECT =
  /十大模型|前十(?:大)?模型|榜单?上(?:的)?(?:各|所有)?模型|上榜模型|\btop[- ](?:10|ten)\b|\b(?:ten )?busiest models\b|\bthe (?:weekly )?(?:table|chart|list)\b/i;
/** Volumes and their changes, as a list's sum has them. */
const LIST_VOLUME = new Set(['tokens', 'tokens_week', 'tokens_month', 'growth', 'requests']);
/** Scores read on a board's scale. */
const RATED = new Set(['rating', 'bare_score']);

/** Text matched as itself in a pattern. */
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A benchmark's name from its id, its words set apart by a space, a hyphen or nothing ("swe_bench_verified":
 * "SWE-bench Verified", "SWEbench verified"), and, for a name of three words or more, its acronym in capitals
 * ("ECI").
 */
function namePatterns(id: string): [RegExp, RegExp | null] {
  const words = id.split('_').filter(Boolean);
  // Each word as articles write it: a compound's parts apart ("terminalbench": "Terminal-Bench"), a plural or a
  // possessive either way ("metr_time_horizons": "METR's time-horizon").
  const word = (w: string) => {
    const compound = /^([a-z]{3,})(bench|qa|eval|math|arena)$/.exec(w);
    const core = compound
      ? `${escapeRe(compound[1] as string)}[\\s-]?${compound[2]}`
      : w.length > 4 && w.endsWith('s')
        ? `${escapeRe(w.slice(0, -1))}s?`
        : escapeRe(w);
    return `${core}(?:['’]s)?`;
  };
  const body = words.map(word).join('[\\s_-]?');
  const letters = (w: string) => w.split('').map((ch) => `${ch.toUpperCase()}[\\w'’]*`);
  // The acronym of a name of three words or more ("ECI"); a short name is itself one, and is also written out in
  // capitalised words ("hle": "Humanity's Last Exam").
  const acronym =
    words.length >= 3 && words.every((w) => /^[a-z]+$/.test(w))
      ? new RegExp(`(?<![A-Za-z0-9])${words.map((w) => (w[0] as string).toUpperCase()).join('')}(?![A-Za-z0-9])`)
      : words.length === 1 && /^[a-z]{3,4}$/.test(words[0] as string)
        ? new RegExp(`(?<![A-Za-z0-9])${letters(words[0] as string).join('[\\s-]+')}(?![A-Za-z0-9])`)
        : null;
  return [new RegExp(`(?<![a-z0-9])${body}(?![a-z0-9])`, 'i'), acronym];
}

/** An English gloss in brackets inside a Chinese name ("代理（Agentic）指數"). */
const GLOSS = String.raw`(?:\s?[（(][A-Za-z\s-]{2,24}[）)]\s?)?`;
/** The words of an index's name in Chinese (normalised to simplified script), and the English title word each is. */
const INDEX_WORDS: [RegExp, string][] = (
  [
    ['(?:智能|智慧)', 'intelligence'],
    ['(?:编程|程式|程序|代码)(?:能力)?', 'coding'],
    ['(?:代理|智能体|智能代理)(?:能力)?', 'agentic'],
    ['数学(?:能力)?', 'math'],
  ] as const
).map(([w, title]) => [new RegExp(`${w}${GLOSS}指数`), title]);

export class Checker {
  private constructor(
    private readonly entities: EntityIndex,
    private readonly ctx: CheckContext,
    /** Source id by normalised URL, to recognise a document citing itself. */
    private readonly sourceByUrl: Map<string, string> = new Map(),
    /** Benchmark ids with their titles, lower case. */
    private readonly boards: readonly [string, string][] = [],
    /** The lowest and highest score each benchmark holds: whether a score can be on it at all. */
    private readonly scales: ReadonlyMap<string, [number, number]> = new Map(),
  ) {
    this.names = boards.map(([id]) => [id, ...namePatterns(id)]);
  }

  private namePasses: [RegExp, [string, RegExp][]][] | undefined;

  /** Whether a score can be on a benchmark: within its lowest and highest, with a margin. */
  private onScale(id: string, v: number): boolean {
    const scale = this.scales.get(id);
    return !!scale && v >= 0.8 * scale[0] && v <= 1.25 * scale[1];
  }

  /** The names (as ids spell them, and titles of three words or more) and the acronyms, each as one pattern. */
  private passes(): [RegExp, [string, RegExp][]][] {
    const names: [string, RegExp][] = [
      ...this.names.map(([id, name]) => [id, name] as [string, RegExp]),
      ...this.boards
        .filter(([, title]) => title.split(' ').length >= 3)
        .map(([id, title]) => [id, new RegExp(escapeRe(title), 'i')] as [string, RegExp]),
    ];
    const acronyms = this.names.flatMap(([id, , a]) => (a ? [[id, a] as [string, RegExp]] : []));
    const one = (list: [string, RegExp][], flags: string) =>
      new RegExp(list.map(([, re]) => `(?:${re.source})`).join('|'), flags);
    // (Each hit is told apart by its own pattern, anchored to the whole hit.)
    const whole = (list: [string, RegExp][]) =>
      list.map(([id, re]) => [id, new RegExp(`^(?:${re.source})$`, re.flags)] as [string, RegExp]);
    return [
      ...(names.length ? [[one(names, 'gi'), whole(names)] as [RegExp, [string, RegExp][]]] : []),
      ...(acronyms.length ? [[one(acronyms, 'g'), whole(acronyms)] as [RegExp, [string, RegExp][]]] : []),
    ];
  }

  /** Each benchmark's name as its id spells it ("gpqa_diamond": "GPQA Diamond", "GPQA-Diamond"), and its acronym. */
  private readonly names: readonly [string, RegExp, RegExp | null][];

  /** The fact index the checker consults (built once, in `create`). */
  get facts(): FactIndex {
    return this.ctx.facts;
  }

  /** The entity index it links names with (built once, in `create`). */
  get entityIndex(): EntityIndex {
    return this.entities;
  }

  /** `operations`: whose facts to index (the registry's list); by default every capability's (src/facts). */
  static async create(
    db: Db,
    curatedEntities: string,
    signal?: AbortSignal,
    operations?: readonly Operation[],
  ): Promise<Checker> {
    const entities = await loadEntities(db, curatedEntities);
    const facts = await buildFactIndex(db, signal, operations);
    // Which events each entity is party to: by the curated fact lists, the event's title and actors, and (weakly) its country.
    const eventsOf = new Map<string, { id: string; weak: boolean }[]>();
    const put = (e: string, id: string, weak: boolean) => {
      const l = eventsOf.get(e) ?? [];
      if (!l.some((x) => x.id === id)) l.push({ id, weak });
      eventsOf.set(e, l);
    };
    for (const ev of await db.rows(eventRow, 'SELECT id, country, title, actors FROM events')) {
      const id = ev.id;
      put(`country-${String(ev.country).toLowerCase()}`, id, true);
      for (const m of entities.find(normalizeForMatching(`${ev.title} ${(ev.actors ?? []).join(' ')}`))) {
        put(m.entity, id, false);
        const parent = entities.entities.get(m.entity)?.parent;
        if (parent) put(parent, id, true);
      }
    }
    const sourceByUrl = new Map<string, string>();
    for (const s of await db.rows(sourceRow, 'SELECT id, url FROM sources WHERE url IS NOT NULL')) {
      sourceByUrl.set(normalUrl(s.url), s.id);
    }
    // The models of each family the entity index names, for a family named with a tier ("Claude Opus").
    const familyMembers = new Map<string, string[]>();
    for (const m of await db.rows(familyRow, 'SELECT id, family FROM models WHERE family IS NOT NULL')) {
      const fam = `family:${m.family}`;
      if (!entities.entities.has(fam) || !entities.entities.has(`model:${m.id}`)) continue;
      const l = familyMembers.get(fam) ?? [];
      l.push(`model:${m.id}`);
      familyMembers.set(fam, l);
    }
    // The benchmarks by their titles as the data gives them ("Artificial Analysis Intelligence Index (via …)").
    const boards = new Map<string, string>();
    const scales = new Map<string, [number, number]>();
    for (const f of facts.all()) {
      if (!f.metric.startsWith('benchmark:') || !Number.isFinite(f.value)) continue;
      const range = scales.get(f.metric.slice(10));
      if (range) scales.set(f.metric.slice(10), [Math.min(range[0], f.value), Math.max(range[1], f.value)]);
      else scales.set(f.metric.slice(10), [f.value, f.value]);
      if (!boards.has(f.metric.slice(10)))
        boards.set(
          f.metric.slice(10),
          f.unit
            .replace(/\s*\(.*$/, '')
            .toLowerCase()
            .trim(),
        );
    }
    return new Checker(entities, { facts, entities, eventsOf, familyMembers }, sourceByUrl, [...boards], scales);
  }

  /**
   * The benchmarks a score's passage names (its sentence, the one before, the headline): by a title in full, else
   * by its maker's name and a word of its own ("Artificial Analysis … intelligence"). None when the passage names
   * none: a score in points is then an Arena rating.
   */
  private boardsNamed(text: string, document = text): string[] {
    // An index named in Chinese ("综合智能指数", "程式能力指數"): the English word its title has.
    const t = [text.toLowerCase(), ...INDEX_WORDS.filter(([re]) => re.test(text)).map(([, w]) => w)].join(' ');
    const full = this.boards.filter(([, title]) => title.split(' ').length >= 2 && t.includes(title));
    for (const [id, name, acronym] of this.names)
      if ((name.test(text) || acronym?.test(text)) && !full.some(([b]) => b === id)) full.push([id, '']);
    if (full.length) return full.map(([id]) => id);
    // The maker's name (anywhere in the document) and a word of the passage that tells its titles apart
    // ("Artificial Analysis … intelligence"): the maker alone would let any of its indices bear a figure out.
    const doc = document.toLowerCase();
    return this.boards
      .filter(([, title]) => {
        const words = title.split(' ');
        const own = words.slice(2).filter((w) => w.length > 3 && w !== 'index');
        return words.length >= 3 && doc.includes(words.slice(0, 2).join(' ')) && own.some((w) => t.includes(w));
      })
      .map(([id]) => id);
  }

  /** Where the document names a benchmark (by its name, title or acronym) or the Arena, in order. */
  private boardMentions(norm: string): { at: number; id: string }[] {
    const out: { at: number; id: string }[] = [];
    const global = (re: RegExp) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    // One pass per kind of name over the document (names, acronyms), then which benchmark each hit names.
    this.namePasses ??= this.passes();
    for (const [pass, each] of this.namePasses)
      for (const m of norm.matchAll(pass)) {
        const hit = each.find(([, re]) => re.test(m[0]));
        if (hit) out.push({ at: m.index, id: hit[0] });
      }
    // An index named in Chinese, by its word and its maker named anywhere ("程式能力指数").
    for (const [re] of INDEX_WORDS)
      for (const m of norm.matchAll(global(re))) {
        const ids = this.boardsNamed(m[0], norm);
        if (ids.length === 1) out.push({ at: m.index, id: ids[0] as string });
      }
    for (const m of norm.matchAll(global(ARENA))) out.push({ at: m.index, id: 'arena' });
    return out.sort((a, b) => a.at - b.at);
  }

  /** A family's name as the claim's sentence writes it, nearest the figure ("Claude Opus"), as `subject_text`. */
  private namedFamilies(
    norm: string,
    mentions: readonly { entity: string; start: number; end: number }[],
    claims: ClaimToCheck[],
  ): void {
    for (const c of claims) {
      if (!c.subject || !this.entities.entities.get(c.subject)?.family) continue;
      let best: { start: number; end: number } | undefined;
      // Mentions are in order: from the first in the sentence (binary search), to its end.
      let lo = 0;
      let hi = mentions.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((mentions[mid] as { start: number }).start < c.sentence[0]) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < mentions.length; k++) {
        const m = mentions[k] as { entity: string; start: number; end: number };
        if (m.start >= c.sentence[1]) break;
        if (m.entity !== c.subject) continue;
        if (!best || Math.abs(m.start - c.start) < Math.abs(best.start - c.start)) best = m;
      }
      // With the version or tier written right after it ("Nemotron 3 Ultra", "Qwen3"): a model of the family.
      if (best)
        c.subject_text = norm.slice(best.start, best.end + (VERSION_AFTER.exec(norm.slice(best.end))?.[0].length ?? 0));
    }
  }

  /** A claim as reported: its text, sentence and subject's name from the document, with its verdict. */
  private checked(
    text: string,
    c: Extracted,
    v: Checked,
    extractor: CheckedClaim['extractor'],
    subjectText: string | null,
  ): CheckedClaim {
    return {
      quote: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      sentence: text.slice(c.sentence[0], c.sentence[1]).trim(),
      subject: c.subject,
      subject_name: c.subject
        ? (this.entities.entities.get(c.subject)?.name ?? null)
        : (subjectText ?? c.subject_text ?? null),
      comparison: c.comparison,
      metric: c.metric,
      value: c.value,
      low: c.low,
      high: c.high,
      bound: c.bound,
      unit: c.unit,
      time: c.time,
      days: c.days ?? null,
      verdict: v.verdict,
      tolerance: v.tolerance,
      evidence: v.evidence,
      extractor,
    };
  }

  /**
   * Adds the claims a second, LLM-based extractor finds that the rules did not, each checked the same way.
   * Their subject is linked through the entity index when the model's subject names a known entity.
   */
  async withLlm(doc: CheckedDocument, options: LlmOptions, fetchImpl?: typeof fetch): Promise<CheckedDocument> {
    const found = await llmExtract(doc.text, options, fetchImpl);
    const norm = normalizeForMatching(doc.text);
    const spans = sentences(norm);
    const extra: CheckedClaim[] = [];
    for (const f of found) {
      if (doc.claims.some((c) => c.start < f.end && c.end > f.start)) continue;
      const subject = f.subject ? (this.entities.find(normalizeForMatching(f.subject))[0]?.entity ?? null) : null;
      const sentence = spans.find(([s, e]) => f.start >= s && f.start < e) ?? [0, doc.text.length];
      const extracted = {
        quote: f.quote,
        start: f.start,
        end: f.end,
        sentence: sentence as [number, number],
        subject,
        comparison: null,
        metric: f.metric,
        value: f.value,
        low: null,
        high: null,
        bound: null,
        unit: f.unit,
        time: null,
        context: subject ? [subject] : [],
      };
      extra.push(this.checked(doc.text, extracted, checkClaim(extracted, this.ctx), 'llm', f.subject));
    }
    return { ...doc, claims: [...doc.claims, ...extra].sort((a, b) => a.start - b.start) };
  }

  /**
   * Checks one document. `format` decides whether markup is stripped first; markup in a "text" file is
   * detected and stripped too. `raw` may be bytes: they must be UTF-8 text, not binary.
   */
  check(
    id: string,
    raw: string | Uint8Array,
    format: 'text' | 'html' = 'text',
    options: CheckOptions = {},
  ): CheckedDocument {
    const signal = stopper(
      options.signal,
      options.timeoutMs === undefined ? undefined : performance.now() + options.timeoutMs,
    );
    signal?.throwIfAborted();
    const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
    if (bytes > MAX_DOCUMENT_BYTES)
      throw new InputError('text', `${id}: document too large (${bytes} bytes; at most ${MAX_DOCUMENT_BYTES})`);
    const decoded = typeof raw === 'string' ? raw : decodeUtf8(id, raw);
    const why = binaryReason(decoded);
    if (why) throw new InputError('text', `${id}: not a text document (${why}); give text, Markdown or HTML`);
    const text = visibleText(decoded, format);
    const language = detectLanguage(text, normalizeForMatching(text.slice(0, 200_000)));
    if (!SUPPORTED.has(language)) {
      return {
        id,
        language,
        text,
        entities: [],
        claims: [],
        warnings: [
          `${LANGUAGE_NAMES[language] ?? language} text is not supported (English, 简体 and 繁體 only): no claims were extracted`,
        ],
      };
    }
    const norm = normalizeForMatching(text);
    const mentions = this.entities.find(norm, signal);
    const byEntity = new Map<string, { start: number; end: number; text: string }[]>();
    for (const m of mentions) {
      let list = byEntity.get(m.entity);
      if (!list) byEntity.set(m.entity, (list = []));
      list.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end) });
    }
    const date = datelineOf(norm);
    const extracted: ClaimToCheck[] = extractClaims(norm, this.entities, mentions, signal);
    for (const c of extracted) {
      c.as_of = date;
      c.time = withYear(c.time, date);
    }
    // The spans of days the document names: an undated traffic figure is read on one of them, if any.
    const windows = new Map<string, { time: string; days: number }>();
    for (const c of extracted) if (c.days && c.time) windows.set(`${c.time}/${c.days}`, { time: c.time, days: c.days });
    const named = [...windows.values()];
    for (const c of extracted) if (!c.time && named.length) c.windows = named;
    // The traffic platform the text names, if any (OpenRouter).
    const platform = [...new Set(mentions.map((m) => m.entity))].find((e) => isPlatform(this.ctx, e));
    // A share of a country or maker that names no measure, in a text about a traffic platform ("中国模型份额约为48%"
    // where OpenRouter is the topic): its share of the platform's tokens, the measure its rankings are by.
    if (platform)
      for (const c of extracted) {
        const kind = c.subject ? this.entities.entities.get(c.subject)?.kind : undefined;
        const clause = norm.slice(c.sentence[0], c.sentence[1]);
        if (c.metric === 'share' && (kind === 'country' || kind === 'organization') && !OTHER_MEASURE.test(clause))
          c.metric = 'token_share';
      }
    // "OpenRouter lists it at $5 …, and newsletters quoted its output price at $30": a price said of a platform is of
    // the model it sells that the passage names, where it names one model; the platform is its seller.
    for (const c of extracted) {
      if ((c.metric !== 'price' && c.metric !== 'blended_price') || !c.subject || !isPlatform(this.ctx, c.subject))
        continue;
      const models = c.context.filter((e) => this.entities.entities.get(e)?.kind === 'model');
      if (models.length === 1) {
        c.seller ??= c.subject;
        c.subject = models[0] as string;
      }
    }
    // "十大模型在这一周的用量合共约16.8万亿", "the ten busiest models together handled …": a volume said of a platform's
    // list itself, its sentence naming no one before the figure, is the platform's (the list's sum).
    if (platform)
      for (const c of extracted) {
        if (!LIST_VOLUME.has(c.metric)) continue;
        const lead = norm.slice(c.sentence[0], c.start);
        const k = firstAtOrAfter(mentions, c.sentence[0], (m) => m.start);
        const named = k < mentions.length && (mentions[k] as { start: number }).start < c.start;
        if (!named && LIST_SUBJECT.test(lead)) c.subject = platform;
      }
    // A score said of a benchmark the passage names is that benchmark's, not an Arena rating.
    // (So is a gap said of one: "综合智能指数仅差3.4分" is the gap on that index.)
    // (And a model's percentage said in a sentence that names a benchmark: "on GPQA Diamond it answers 94.6%".)
    const percent = (c: ClaimToCheck) =>
      (c.metric === 'percentage' || c.metric === 'share') && c.unit === 'ratio' && !!c.subject?.startsWith('model:');
    const scored = (c: ClaimToCheck) =>
      c.metric === 'rating' || c.metric === 'bare_score' || GAP_METRICS.has(c.metric) || percent(c);
    if (this.boards.length && extracted.some(scored)) {
      let mentioned: { at: number; id: string }[] | null = null;
      const spans = sentences(norm, signal);
      const head = norm.slice(0, Math.min(norm.length, norm.indexOf('\n') < 0 ? 300 : norm.indexOf('\n')));
      for (const c of extracted) {
        if (!scored(c)) continue;
        // The claim's sentence by binary search: a document may hold thousands of sentences and of scores.
        const lo = firstAtOrAfter(spans, c.start + 1, (sp) => sp[1]);
        const k = lo < spans.length && (spans[lo] as [number, number])[0] <= c.start ? lo : -1;
        const prev = k > 0 ? (spans[k - 1] as [number, number]) : null;
        const passage = `${head} ${prev ? norm.slice(prev[0], prev[1]) : ''} ${norm.slice(c.sentence[0], c.sentence[1])}`;
        // The boards its sentence and passage name (a gap said where the Arena is named may be the Arena's): with
        // several, any may bear it out and none refute it.
        if (percent(c)) {
          let own = this.boardsNamed(norm.slice(c.sentence[0], c.sentence[1]), norm);
          // (Else, in a sentence that speaks of a score or points back to a test, the benchmark named last before it in
          // its paragraph, on whose scale it lies: "The ARC-AGI-2 puzzles widen things further. Gemini 3 Deep Think
          // scores 84.6% on them.")
          if (!own.length && SCORED_BACK.test(norm.slice(c.sentence[0], c.sentence[1]))) {
            mentioned ??= this.boardMentions(norm);
            const last = mentioned[firstAtOrAfter(mentioned, c.start, (m) => m.at) - 1];
            const paragraph = norm.lastIndexOf('\n', c.start) + 1;
            if (
              last &&
              last.id !== 'arena' &&
              last.at >= Math.max(paragraph, head.length) &&
              this.onScale(last.id, c.value)
            )
              own = [last.id];
          }
          if (own.length !== 1) continue;
          c.boards = own;
          c.metric = `score:${own[0]}`;
          continue;
        }
        // (Named near it first, its sentence and the one before; the headline's only where nothing nearer or earlier
        // in the body names one: "Sonnet 4.6在這項指數……" after the agentic index, under a headline of another.)
        const near = `${prev ? norm.slice(prev[0], prev[1]) : ''} ${norm.slice(c.sentence[0], c.sentence[1])}`;
        const named = this.boardsNamed(near, norm);
        // Named earlier in the document ("the Epoch Capabilities Index" in the opening, then "scores 157.9 on the
        // index"): the benchmark named last before the claim, unless that was the Arena, and only for a score on
        // its scale.
        // With several named, the one named last before the figure in its own sentence, if any: "Qwen3.8 Max的编程
        // 指数只有60.5分，与其智能体表现并不匹配" is on the coding index, not the agentic one named after it.
        if (named.length > 1) {
          mentioned ??= this.boardMentions(norm);
          const last = mentioned[firstAtOrAfter(mentioned, c.start, (m) => m.at) - 1];
          if (last && last.at >= c.sentence[0] && named.includes(last.id)) named.splice(0, named.length, last.id);
        }
        let arena = ARENA.test(near);
        if (!named.length && !arena) {
          mentioned ??= this.boardMentions(norm);
          // (The headline's mentions are not the body's: the last one in the body before the claim.)
          const k = firstAtOrAfter(mentioned, c.start, (m) => m.at) - 1;
          const last = k >= 0 && (mentioned[k] as { at: number }).at >= head.length ? mentioned[k] : undefined;
          arena = last?.id === 'arena';
          if (last && last.id !== 'arena' && (!RATED.has(c.metric) || this.onScale(last.id, c.value)))
            named.push(last.id);
        }
        if (!named.length && !arena) {
          named.push(...this.boardsNamed(passage, norm));
          arena = ARENA.test(passage);
        }
        // A bare score is a benchmark's, on its scale, or no claim.
        if (c.metric === 'bare_score') {
          const on = named.filter((id) => this.onScale(id, c.value));
          if (on.length) {
            c.boards = on;
            c.metric = on.length === 1 ? `score:${on[0]}` : 'score';
          }
          continue;
        }
        if (GAP_METRICS.has(c.metric) && arena) {
          // One of its category boards, where the claim's sentence names one.
          named.push(arenaBoardOf(norm.slice(c.sentence[0], c.sentence[1])) ?? 'arena-text');
        }
        if (!named.length) continue;
        c.boards = named;
        // A score on a benchmark is that benchmark's score, not an Arena rating: named so ("score:aa_intelligence").
        // (Then a category its words name, "Coding Index", is the benchmark's subject, not an Arena category board.)
        if (c.metric === 'rating') {
          c.metric = named.length === 1 ? `score:${named[0]}` : 'score';
          delete c.category;
        }
      }
    }
    // (A bare score no benchmark's scale holds is not a claim: "stands at 135" may be anything. Nor is a score a query
    // is cut at: "the cheapest model scoring 50 or more", "35分以上的模型".)
    for (let i = extracted.length - 1; i >= 0; i--) {
      const c = extracted[i] as Extracted;
      const cut =
        (c.metric === 'rating' || c.metric === 'bare_score' || c.metric.startsWith('score')) &&
        (/\bscoring\s(?:at least\s)?$/i.test(norm.slice(Math.max(0, c.start - 20), c.start))
          ? /^\s?(?:or (?:more|higher|above|better)|and (?:above|up|higher))\b/.test(norm.slice(c.end, c.end + 16))
          : /^\s?(?:分)?\s?(?:及)?以上的?(?:模型|产品)/.test(norm.slice(c.end, c.end + 12)));
      if (c.metric === 'bare_score' || cut) extracted.splice(i, 1);
    }
    inverseMultiples(norm, extracted);
    weeklyGrowth(norm, extracted);
    placesHeld(extracted, norm);
    restatedTimes(extracted);
    this.namedFamilies(norm, mentions, extracted);
    const claims = extracted.map((c, i) => {
      if ((i & 63) === 0) signal?.throwIfAborted();
      const checked = checkClaim(c, this.ctx);
      // A chip count checked against a nearby system is about that system.
      if (checked.subject) c.subject = checked.subject;
      return this.checked(text, c, checked, 'rules', null);
    });
    // The document's own URL, where it starts with one (a saved article), names its own sources.
    const self = new Set<string>();
    for (const m of text.slice(0, 1000).matchAll(/https?:\/\/[^\s<>"')]+/g)) {
      const sid = this.sourceByUrl.get(normalUrl(m[0]));
      if (sid) self.add(sid);
    }
    const ownClaims = claims.map((c) => withoutSelfCitation(c, self));
    return {
      id,
      language,
      date,
      text,
      entities: [...byEntity].map(([eid, ms]) => ({
        id: eid,
        name: this.entities.entities.get(eid)?.name ?? eid,
        kind: this.entities.entities.get(eid)?.kind ?? 'organization',
        mentions: ms,
      })),
      claims: ownClaims,
    };
  }
}
