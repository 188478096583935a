/**
 * @module
 * Ratings: Bradley–Terry with bootstrap intervals from pairwise battles (CSV, JSONL or Parquet).
 */
import { z } from 'zod';
import { InputError, operation } from '../ops/operation.ts';
import { choice, flag, int, text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { BattleInputError } from './battles.ts';
import { rateFile } from './parallel.ts';

export const METHOD =
  'Bradley–Terry MLE, base 10, scale 400, mean 1000, ties half; 95% CI = 2.5/97.5 percentiles of multinomial bootstrap';

const anchor = z
  .string()
  .regex(/^.+=-?\d+(\.\d+)?$/, 'must be MODEL=SCORE, e.g. gpt-4-0613=1000')
  .transform((v) => ({ model: v.slice(0, v.lastIndexOf('=')), score: Number(v.slice(v.lastIndexOf('=') + 1)) }));

export const ratings = operation({
  name: 'ratings',
  summary: 'Bradley–Terry ratings with bootstrap intervals from pairwise battles',
  args: ['battles'],
  input: z
    .object({
      battles: text(4096).describe(
        'file with columns model_a, model_b, winner (model_a | model_b | tie | tie (bothbad))',
      ),
      format: choice(['csv', 'jsonl', 'parquet']).optional().describe('format of an uploaded body (default csv)'),
      bootstrap: int(0, 1000).default(100).describe('bootstrap rounds for the 95% intervals (0 for none)'),
      seed: int(0, 1_000_000).default(0).describe('random seed of the bootstrap'),
      anchor: anchor.optional().describe('shift ratings so that this model has this score (MODEL=SCORE)'),
      skip_invalid: flag().optional().describe('skip malformed rows (and count them) instead of stopping at the first'),
    })
    .strict(),
  output: z.object({
    models: z.array(
      z.object({
        model: z.string(),
        rating: z.number(),
        ci_low: z.number(),
        ci_high: z.number(),
        rank_ub: z.number(),
        battles: z.number(),
        component: z.number(),
      }),
    ),
    battles: z.number(),
    skipped: z.number(),
    components: z.number(),
    bootstrap: z.number(),
    seed: z.number(),
    anchor: z.object({ model: z.string(), score: z.number() }).nullable(),
    warnings: z.array(z.string()),
    method: z.string(),
  }),
  http: { method: 'POST', path: '/ratings', body: 'file', key: 'battles', maxBytes: 4_000_000, ext: 'format' },
  expensive: true,
  run: async (deps, i) => {
    // DuckDB reads and counts the battles (memory grows with pairs, not rows); bootstrap rounds run on
    // worker threads, each seeded by its round, so the answer does not depend on the number of threads.
    const options = {
      bootstrap: i.bootstrap,
      seed: i.seed,
      anchor: i.anchor,
      skipInvalid: i.skip_invalid === true,
      progress: (r: number, n: number) => deps.progress(`bootstrap ${r}/${n}`),
    };
    try {
      const result = await rateFile(i.battles, options);
      return { ...result, method: METHOD };
    } catch (err) {
      if (
        err instanceof BattleInputError ||
        /no valid battles|cannot read|unsupported battles file/.test((err as Error).message)
      ) {
        throw new InputError('battles', (err as Error).message);
      }
      if (i.anchor && /anchor/i.test((err as Error).message)) throw new InputError('anchor', (err as Error).message);
      throw err;
    }
  },
  rows: (r) => r.models,
  text: (r) =>
    formatTable(
      r.models.map((m) => ({
        model: m.model,
        rating: m.rating.toFixed(1),
        '95% CI': `${m.ci_low.toFixed(1)} – ${m.ci_high.toFixed(1)}`,
        rank_ub: m.rank_ub,
        battles: m.battles,
        ...(r.components > 1 ? { component: m.component } : {}),
      })),
    ) +
    `${r.models.length} models, ${r.battles} battles${r.skipped ? `, ${r.skipped} invalid rows skipped` : ''}, ` +
    `${r.bootstrap} bootstrap rounds (seed ${r.seed})\n` +
    r.warnings.map((w) => `warning: ${w}\n`).join(''),
});

export const ratingsOps = [ratings];
