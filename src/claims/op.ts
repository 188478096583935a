/**
 * @module
 * The `check` operation: find the quantitative claims in one article and check them against every dataset.
 * Output as `airace check --json` (README): `{documents: [{id, language, date?, entities, claims, warnings?}]}`.
 * The checker (its entity index and fact index) is built once per database and reused.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { operation, InputError, type Deps } from '../ops/operation.ts';
import type { Db } from '../store/db.ts';
import { Checker, MAX_DOCUMENT_BYTES, visibleText } from './index.ts';
import { claimsReport } from './html.ts';

const checkers = new WeakMap<Db, Promise<Checker>>();
/** Checkers of built files by version, the latest few: handles on one file (each CLI call opens one) share one. */
const byVersion = new Map<string, Promise<Checker>>();
const VERSIONS_KEPT = 2;

/**
 * The checker for this database, built on first use (the fact index takes a couple of seconds) from the facts
 * of `deps.operations` (the registry's list) when given, else of every capability. A read-only handle is one
 * version of the database, so caching per handle is caching per version; handles on the same built file share
 * one (the checker keeps no handle).
 */
export async function checkerFor(deps: Deps): Promise<Checker> {
  const db = await deps.db();
  const curated = join(deps.paths.curated, 'entities.json');
  const key = db.version.startsWith('file:') ? `${db.version}\u0000${curated}` : null;
  let c = checkers.get(db) ?? (key ? byVersion.get(key) : undefined);
  if (!c) {
    c = Checker.create(db, curated, undefined, deps.operations);
    checkers.set(db, c);
    if (key) {
      byVersion.set(key, c);
      while (byVersion.size > VERSIONS_KEPT) byVersion.delete(byVersion.keys().next().value as string);
    }
    // A failed build is not cached: the next request tries again.
    c.catch(() => {
      checkers.delete(db);
      if (key && byVersion.get(key) === c) byVersion.delete(key);
    });
  } else checkers.set(db, c);
  return c;
}

const evidence = z.object({
  table: z.string(),
  id: z.string(),
  statement: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  date: z.string().nullable(),
  status: z.string(),
  sources: z.array(z.string()),
});
const claim = z.object({
  quote: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  sentence: z.string(),
  subject: z.string().nullable(),
  subject_name: z.string().nullable(),
  comparison: z.string().nullable(),
  metric: z.string(),
  value: z.number(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  bound: z.enum(['gt', 'lt', 'approx']).nullable(),
  unit: z.string(),
  time: z.string().nullable(),
  /** For a claim about a span of days: its length; `time` is its last day. */
  days: z.number().int().nullable(),
  verdict: z.enum(['supported', 'contradicted', 'outdated', 'unverifiable']),
  tolerance: z.string(),
  evidence: z.array(evidence),
  extractor: z.enum(['rules', 'llm']),
});
export const checkOutput = z.object({
  documents: z.array(
    z.object({
      id: z.string(),
      language: z.string(),
      /** The article's date from its dateline; claims that state no time are read as of it. */
      date: z.string().nullable().optional(),
      entities: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          mentions: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })),
        }),
      ),
      claims: z.array(claim),
      warnings: z.array(z.string()).optional(),
    }),
  ),
});

export const check = operation({
  name: 'check',
  summary:
    'find the quantitative claims in an article (English, 简体, 繁體; text or HTML) and check each against the data',
  input: z
    .object({
      text: z
        .string()
        .min(1, 'must not be empty')
        .refine((s) => Buffer.byteLength(s) <= MAX_DOCUMENT_BYTES, `at most ${MAX_DOCUMENT_BYTES} bytes`)
        .describe('the article'),
      format: z
        .enum(['text', 'html'])
        .default('text')
        .describe('text (Markdown or plain; HTML is detected anyway) or html'),
      id: z.string().min(1).max(4096).default('document').describe('a name for the document in the output'),
      llm_url: z.url().optional().describe('also ask an OpenAI-compatible endpoint (e.g. http://127.0.0.1:8000/v1)'),
      llm_model: z.string().min(1).max(200).default('local').describe('model name for llm_url'),
      lang: z.enum(['en', 'zh-Hans', 'zh-Hant']).default('en').describe('language of the HTML report'),
    })
    .strict(),
  output: checkOutput,
  http: { method: 'POST', body: 'json' },
  // The server must not call endpoints a client names.
  cliOnly: ['llm_url', 'llm_model'],
  expensive: true,
  fromFile: {
    key: 'text',
    extra: (path) => ({ id: path, format: /\.html?$/i.test(path) ? 'html' : 'text' }),
    merge: (outs) => ({ documents: (outs as z.output<typeof checkOutput>[]).flatMap((o) => o.documents) }),
  },
  examples: [{ text: 'DeepSeek said training V3 cost $5.6 million. Chinese models took 61% of OpenRouter tokens.' }],
  html: (o, inputs) =>
    claimsReport(
      o.documents.map((d, k) => ({
        ...d,
        text: visibleText(String(inputs[k]?.text ?? ''), inputs[k]?.format),
      })) as never,
      { lang: inputs[0]?.lang ?? 'en' },
    ),
  run: async (deps, i) => {
    const checker = await checkerFor(deps);
    // Bad input (binary, too large) throws InputError; an aborted request stops inside the loops.
    let doc = checker.check(i.id, i.text, i.format, { signal: deps.signal });
    if (i.llm_url) {
      const options = { url: i.llm_url, model: i.llm_model, apiKey: process.env['AIRACE_LLM_API_KEY'] };
      doc = await checker.withLlm(doc, options, deps.fetch);
    }
    const { text: _text, ...rest } = doc;
    if (rest.claims.some((c) => !Number.isFinite(c.value)))
      throw new InputError('text', 'a claim value could not be read as a number');
    return { documents: [rest] };
  },
  text: (o) =>
    o.documents
      .map((d) =>
        [
          `${d.id} (${d.language}): ${d.entities.length} entities, ${d.claims.length} claims`,
          ...(d.warnings ?? []).map((w) => `note: ${w}`),
          ...d.claims.map(
            (c) =>
              `  ${c.verdict.padEnd(12)} ${c.quote}  ${c.subject_name ?? c.subject ?? '?'} · ${c.metric} = ${c.value} ${c.unit}${c.evidence[0] ? `  [${c.evidence[0].id}]` : ''}`,
          ),
        ].join('\n'),
      )
      .join('\n\n') + '\n',
  rows: (o) =>
    o.documents.flatMap((d) =>
      d.claims.map((c) => ({
        document: d.id,
        quote: c.quote,
        start: c.start,
        end: c.end,
        subject: c.subject ?? '',
        metric: c.metric,
        value: c.value,
        unit: c.unit,
        bound: c.bound ?? '',
        time: c.time ?? '',
        days: c.days ?? '',
        verdict: c.verdict,
        evidence: c.evidence.map((e) => e.id).join(' '),
        sources: [...new Set(c.evidence.flatMap((e) => e.sources))].join(' '),
      })),
    ),
});

export const claimsOps = [check];
