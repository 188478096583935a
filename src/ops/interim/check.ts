/**
 * @module
 * Claims checking as an operation, over the checker as it stands.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { Checker } from '../../claims/index.ts';
import { claimsReport } from '../../claims/html.ts';
import type { Db } from '../../store/db.ts';
import { InputError, operation } from '../operation.ts';
import { formatTable } from '../table.ts';
import { choice, text } from '../params.ts';

/** One checker per open database: building its entity and fact indexes is the slow part. */
const checkers = new WeakMap<Db, Promise<Checker>>();

const evidence = z.object({ table: z.string(), id: z.string(), statement: z.string() });
const claim = z.object({
  quote: z.string(),
  start: z.number(),
  end: z.number(),
  sentence: z.string(),
  subject: z.string().nullable(),
  subject_name: z.string().nullable().optional(),
  metric: z.string().nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  verdict: choice(['supported', 'contradicted', 'outdated', 'unverifiable']),
  evidence: z.array(evidence),
});
const document = z.object({
  id: z.string(),
  text: z.string(),
  language: z.string(),
  entities: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  claims: z.array(claim),
});
const output = z.object({ documents: z.array(document) });
type Output = z.output<typeof output>;

export const check = operation({
  name: 'check',
  summary: 'the quantitative claims in an article (English, 简体, 繁體), each with a verdict and its evidence',
  input: z
    .object({
      text: z.string().min(1, 'must not be empty').max(1_000_000, 'at most 1,000,000 characters').describe('the article'),
      format: choice(['text', 'html']).default('text').describe('text, or html to strip markup first'),
      id: z.string().max(4096).default('posted').describe('a name for the document'),
      llm_url: z.url().optional().describe('also ask an OpenAI-compatible endpoint (e.g. http://127.0.0.1:8000/v1)'),
      llm_model: text(200).default('local').describe('model name for llm_url'),
    })
    .strict(),
  output,
  http: { method: 'POST', body: 'json' },
  cliOnly: ['llm_url', 'llm_model'],
  expensive: true,
  fromFile: {
    key: 'text',
    extra: (path) => ({ id: path, format: /\.html?$/i.test(path) ? 'html' : 'text' }),
    merge: (outs) => ({ documents: (outs as Output[]).flatMap((o) => o.documents) }),
  },
  examples: [{ text: 'DeepSeek said training cost $5.6 million. China has 61% of tokens.' }],
  run: async (deps, i) => {
    const db = await deps.db();
    let checker = checkers.get(db);
    if (!checker) {
      checker = Checker.create(db, resolve(deps.paths.curated, 'entities.json'));
      checkers.set(db, checker);
    }
    let doc;
    try {
      doc = (await checker).check(i.id, i.text, i.format);
    } catch (err) {
      throw new InputError('text', (err as Error).message);
    }
    if (i.llm_url) {
      const options = { url: i.llm_url, model: i.llm_model, apiKey: process.env['AIRACE_LLM_API_KEY'] };
      doc = await (await checker).withLlm(doc, options, deps.fetch);
    }
    return { documents: [doc] } as Output;
  },
  rows: (o) => o.documents.flatMap((d) => d.claims.map((c) => ({ document: d.id, ...c, evidence: c.evidence.length }))),
  html: (o) => claimsReport(o.documents as never),
  text: (o) =>
    o.documents
      .map(
        (d) =>
          `${d.id} (${d.language}): ${d.entities.length} entities, ${d.claims.length} claims\n` +
          formatTable(
            d.claims.map((c) => ({
              quote: c.quote,
              subject: c.subject_name ?? c.subject ?? '?',
              metric: c.metric,
              value: c.value,
              unit: c.unit,
              verdict: c.verdict,
            })),
            48,
          ),
      )
      .join(''),
});
