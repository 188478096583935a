/**
 * @module
 * Claim assembly: each quantity of interest becomes a claim with a metric (from the words around it), a
 * subject entity, an optional comparison entity and a time, all within its sentence. Quantities that
 * say nothing measurable (years, dates, bare numbers without a metric) are not claims.
 */
import type { Entity, EntityIndex, Mention } from './entities.ts';
import { findQuantities, type Quantity } from './quantities.ts';
import { sentences } from './text.ts';

export interface Extracted {
  quote: string;
  start: number;
  end: number;
  sentence: [number, number];
  subject: string | null;
  comparison: string | null;
  metric: string;
  value: number;
  low: number | null;
  high: number | null;
  /** A qualifier's bound: more than (`gt`), less than (`lt`), about (`approx`); null when exact. */
  bound: 'gt' | 'lt' | 'approx' | null;
  unit: string;
  time: string | null;
  /** Entities named in the sentence and the two before it. */
  context: string[];
}

const has = (s: string, re: RegExp) => re.test(s);

/** The metric a quantity measures, from its kind, unit and the words of its sentence; null if none. */
export function metricOf(q: Quantity, sentence: string, hasComparison: boolean): string | null {
  const s = sentence.toLowerCase();
  switch (q.kind) {
    case 'amount':
      if (has(s, /估值|valuation|valued at/)) return 'valuation';
      if (has(s, /训练成本|训练费用|training cost|cost to train|to train/)) return 'training_cost';
      if (has(s, /价格|定价|每百万|per million|price|priced/)) return 'price';
      if (has(s, /营收|收入|revenue|sales/)) return 'revenue';
      return 'investment';
    case 'percent':
    case 'fraction':
    case 'multiple':
      if (has(s, /训练成本|训练费用|training cost|成本|cost/)) return 'cost_ratio';
      if (has(s, /自主化|自给|自主|self-suffic/)) return 'self_sufficiency';
      if (has(s, /性能|performance|推理|inference|表现|能力|faster|slower|速度/) && (hasComparison || q.kind !== 'percent')) return 'performance_ratio';
      if (has(s, /下载|download/)) return 'downloads_share';
      if (has(s, /占|份额|share|需求|demand|市场|market|比例|proportion/)) return 'share';
      if (has(s, /价格|price|便宜|cheaper/)) return 'price_ratio';
      return q.kind === 'percent' ? 'percentage' : null;
    case 'count':
      if (q.unit === 'chips') return 'chip_count';
      if (q.unit === 'countries') return has(s, /签署|签|sign|endorse/) ? 'signatories' : 'country_count';
      if (q.unit === 'times' && has(s, /下载|download/)) return 'downloads';
      if (has(s, /下载|download/)) return 'downloads';
      return null;
    case 'number':
      if (has(s, /下载|download/) && q.value >= 1000) return 'downloads';
      if (has(s, /芯片|晶片|chips|gpu/) && Number.isInteger(q.value) && q.value >= 2) return null;
      return null;
    case 'duration':
      return q.unit === 'months' && has(s, /落后|领先|差距|追赶|behind|ahead|gap|lead|catch/) ? 'gap_months' : null;
    default:
      return null;
  }
}

const PREFER: Record<string, Entity['kind'][]> = {
  investment: ['program', 'country', 'organization'],
  valuation: ['organization', 'model'],
  training_cost: ['model', 'organization'],
  cost_ratio: ['model', 'organization'],
  performance_ratio: ['chip', 'model', 'system', 'organization'],
  chip_count: ['system', 'organization', 'chip'],
  downloads: ['model', 'organization'],
  downloads_share: ['model', 'organization'],
  signatories: ['event', 'country'],
  share: ['organization', 'program', 'model', 'country'],
  self_sufficiency: ['organization', 'country'],
  gap_months: ['country', 'organization', 'model'],
};

export function extractClaims(norm: string, entities: EntityIndex, mentions: readonly Mention[], signal?: AbortSignal): Extracted[] {
  const quantities = findQuantities(norm, mentions.map((m) => [m.start, m.end]), signal);
  const spans = sentences(norm, signal);
  const out: Extracted[] = [];
  // Lookups by position, by binary search: documents can hold thousands of sentences and mentions.
  const firstAtOrAfter = <T>(xs: readonly T[], pos: number, key: (x: T) => number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(xs[mid] as T) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const mentionsIn = (from: number, to: number) => {
    const out2: Mention[] = [];
    for (let k = firstAtOrAfter(mentions, from, (m) => m.start); k < mentions.length && (mentions[k] as Mention).start < to; k++) if ((mentions[k] as Mention).end <= to) out2.push(mentions[k] as Mention);
    return out2;
  };
  const timeCache = new Map<number, string | null>();
  for (let qi = 0; qi < quantities.length; qi++) {
    const q = quantities[qi] as Quantity;
    if ((qi & 0x3ff) === 0) signal?.throwIfAborted();
    if (q.kind === 'year' || q.kind === 'date') continue;
    // "第二名" (second place) and list numbering are ordinals, not quantities.
    if (norm[q.start - 1] === '第') continue;
    // "一个国家" is "a country": the indefinite article, not a count.
    if (q.kind === 'count' && q.value === 1 && /^(一|one\b|a\b)/i.test(norm.slice(q.start, q.end))) continue;
    const si = Math.max(0, firstAtOrAfter(spans, q.start + 1, (sp) => sp[0]) - 1);
    const sentence: [number, number] = spans[si] && q.start < (spans[si] as [number, number])[1] ? (spans[si] as [number, number]) : [0, norm.length];
    const inSentence = mentionsIn(sentence[0], sentence[1]);
    const kindOf = (m: Mention) => entities.entities.get(m.entity)?.kind;
    const before = inSentence.filter((m) => m.end <= q.start);
    const comparisonCandidate = [...before].reverse().find((m) => ['chip', 'model', 'system', 'organization'].includes(kindOf(m) ?? ''));
    const metric = metricOf(q, norm.slice(sentence[0], sentence[1]), before.length > 1);
    if (!metric) continue;
    const prefer = PREFER[metric] ?? ['program', 'organization', 'model', 'chip', 'system', 'country', 'event'];
    const ratio = metric === 'performance_ratio' || metric === 'cost_ratio' || metric === 'price_ratio';
    let subject: Mention | undefined;
    for (const kind of prefer) {
      // "A reaches 60% of B": for ratios the subject is the first mention; otherwise the nearest, before the number first.
      const ofKind = inSentence.filter((m) => kindOf(m) === kind);
      subject = ratio ? ofKind.find((m) => m.end <= q.start) : [...ofKind].reverse().find((m) => m.end <= q.start) ?? ofKind.find((m) => m.start >= q.end);
      if (subject) break;
    }
    // Two sentences back, for what the sentence refers to without naming it ("384颗而非72颗" after naming the systems).
    const windowStart = spans[Math.max(0, si - 2)]?.[0] ?? sentence[0];
    const inWindow = mentionsIn(windowStart, q.start);
    if (!subject || ['chip_count', 'signatories'].includes(metric)) {
      const top = prefer[0];
      const near = [...inWindow].reverse().find((m) => kindOf(m) === top);
      if (near && (!subject || kindOf(subject) !== top)) subject = near;
    }
    subject ??= before.at(-1) ?? inSentence[0] ?? inWindow.at(-1);
    // "A reaches 60% of B" names B after the number; "A 达到 B 的 60%" before it.
    const isRatio = ['performance_ratio', 'cost_ratio', 'price_ratio'].includes(metric);
    const comparable = (m: Mention) => m.entity !== subject?.entity && ['chip', 'model', 'system', 'organization'].includes(kindOf(m) ?? '');
    const comparisonMention = isRatio ? ((comparisonCandidate && comparable(comparisonCandidate) ? comparisonCandidate : undefined) ?? inSentence.find((m) => m.start >= q.end && comparable(m))) : undefined;
    const comparison = comparisonMention?.entity ?? null;
    const context = [...new Set([...inWindow, ...inSentence].map((m) => m.entity))];
    let time = timeCache.get(sentence[0]);
    if (time === undefined) {
      time = findQuantities(norm.slice(sentence[0], sentence[1])).find((x) => x.kind === 'year' || x.kind === 'date')?.time ?? null;
      timeCache.set(sentence[0], time);
    }
    out.push({
      quote: norm.slice(q.start, q.end), start: q.start, end: q.end, sentence, subject: subject?.entity ?? null, comparison, metric,
      value: q.value, low: q.low ?? null, high: q.high ?? null, bound: q.bound ?? null, unit: q.unit, time, context,
    });
  }
  return out;
}
