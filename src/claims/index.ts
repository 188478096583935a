/**
 * @module
 * `airace check`: reads articles (text, Markdown or HTML; English, 简体 or 繁體), finds the entities and the
 * quantitative claims in them, and checks each claim against the snapshot. Output per SPEC:
 * `{documents: [{id, language, entities: [{id, mentions}], claims: [{quote, start, end, subject, metric,
 * value, unit, verdict, evidence}]}]}`; offsets index the document's visible text.
 */
import type { Db } from '../store/db.ts';
import { checkClaim, loadFacts, type Evidence, type Verdict } from './check.ts';
import { loadEntities, type EntityIndex } from './entities.ts';
import { extractClaims } from './extract.ts';
import { llmExtract, type LlmOptions } from './llm.ts';
import { detectLanguage, htmlToText, normalizeForMatching, sentences, type Language } from './text.ts';

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
  unit: string;
  time: string | null;
  verdict: Verdict;
  tolerance: string;
  evidence: Evidence[];
  /** Which extractor found it. */
  extractor: 'rules' | 'llm';
}

export interface CheckedDocument {
  id: string;
  language: Language;
  text: string;
  entities: { id: string; name: string; kind: string; mentions: { start: number; end: number; text: string }[] }[];
  claims: CheckedClaim[];
}

/** Limits that keep a hostile input from taking the process down. */
export const MAX_DOCUMENT_CHARS = 5_000_000;

export class Checker {
  private constructor(private readonly entities: EntityIndex, private readonly facts: Awaited<ReturnType<typeof loadFacts>>) {}

  static async create(db: Db, curatedEntities: string): Promise<Checker> {
    const entities = await loadEntities(db, curatedEntities);
    return new Checker(entities, await loadFacts(db, entities));
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
      const subject = f.subject ? this.entities.find(normalizeForMatching(f.subject))[0]?.entity ?? null : null;
      const sentence = spans.find(([s, e]) => f.start >= s && f.start < e) ?? [0, doc.text.length];
      const unit = f.unit === 'ratio' ? 'ratio' : f.unit;
      const extracted = { quote: f.quote, start: f.start, end: f.end, sentence: sentence as [number, number], subject, comparison: null, metric: f.metric, value: f.value, low: null, high: null, unit, time: null, context: subject ? [subject] : [] };
      const checked = checkClaim(extracted, this.facts, this.entities);
      extra.push({
        quote: f.quote, start: f.start, end: f.end, sentence: doc.text.slice(sentence[0], sentence[1]).trim(), subject, subject_name: subject ? this.entities.entities.get(subject)?.name ?? null : f.subject,
        comparison: null, metric: f.metric, value: f.value, low: null, high: null, unit, time: null, verdict: checked.verdict, tolerance: checked.tolerance, evidence: checked.evidence, extractor: 'llm',
      });
    }
    return { ...doc, claims: [...doc.claims, ...extra].sort((a, b) => a.start - b.start) };
  }

  /** Checks one document. `format` decides whether markup is stripped first. */
  check(id: string, raw: string, format: 'text' | 'html' = 'text'): CheckedDocument {
    if (raw.length > MAX_DOCUMENT_CHARS) throw new Error(`${id}: document too large (${raw.length} characters; at most ${MAX_DOCUMENT_CHARS})`);
    const text = (format === 'html' ? htmlToText(raw) : raw).replace(/\r\n?/g, '\n');
    const norm = normalizeForMatching(text);
    const mentions = this.entities.find(norm);
    const byEntity = new Map<string, { start: number; end: number; text: string }[]>();
    for (const m of mentions) byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), { start: m.start, end: m.end, text: text.slice(m.start, m.end) }]);
    const claims = extractClaims(norm, this.entities, mentions).map((c) => {
      const checked = checkClaim(c, this.facts, this.entities);
      // A chip count checked against a nearby system is about that system.
      if (checked.subject) c.subject = checked.subject;
      return {
        quote: text.slice(c.start, c.end), start: c.start, end: c.end, sentence: text.slice(c.sentence[0], c.sentence[1]).trim(), subject: c.subject,
        subject_name: c.subject ? this.entities.entities.get(c.subject)?.name ?? null : null, comparison: c.comparison, metric: c.metric, value: c.value,
        low: c.low, high: c.high, unit: c.unit, time: c.time, verdict: checked.verdict, tolerance: checked.tolerance, evidence: checked.evidence, extractor: 'rules' as const,
      };
    });
    return {
      id, language: detectLanguage(text, norm), text,
      entities: [...byEntity].map(([eid, ms]) => ({ id: eid, name: this.entities.entities.get(eid)?.name ?? eid, kind: this.entities.entities.get(eid)?.kind ?? 'organization', mentions: ms })),
      claims,
    };
  }
}
