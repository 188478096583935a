/**
 * @module
 * Adoption: open-model downloads and derivatives, and traffic share, by country, family or author.
 */
import { z } from 'zod';
import { operation } from '../ops/operation.ts';
import { choice, date, int } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { adoption as runAdoption, BYS, METRICS } from './index.ts';
import { adoptionFacts } from './facts.ts';
import { grouped } from '../util/numbers.ts';
import { dailyTokenShare } from './daily.ts';

const bys = BYS as unknown as readonly [string, ...string[]];
const metrics = METRICS as unknown as readonly [string, ...string[]];

export const adoption = operation({
  name: 'adoption',
  facts: adoptionFacts,
  summary: 'open-model downloads and derivatives, traffic share, with window, coverage and what the data cannot verify',
  input: z
    .object({
      by: choice(bys).default('country').describe('country, family or author'),
      metric: choice(metrics).default('tokens').describe('downloads, derivatives, tokens, requests or dollars'),
      as_of: date().optional().describe('date YYYY-MM-DD (default: the latest data)'),
      days: int(1, 3660).optional().describe('days of traffic ending at as_of (default 30)'),
    })
    .strict(),
  output: z.object({
    metric: z.string(),
    by: z.string(),
    window: z.object({ from: z.string().nullable(), to: z.string().nullable(), description: z.string() }),
    coverage: z.record(z.string(), z.union([z.number(), z.string()])),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
    verification: z.array(z.string()),
    sources: z.array(z.string()),
  }),
  http: { method: 'GET' },
  examples: [{}, { by: 'author', metric: 'tokens', days: '7' }, { metric: 'downloads' }],
  run: async (deps, i) =>
    runAdoption(await deps.db(), { by: i.by as 'country', metric: i.metric as 'tokens', asOf: i.as_of, days: i.days }),
  rows: (r) => r.rows,
  text: (r) => {
    const pct = (v: number | string) => (typeof v === 'number' && v < 1 && v > 0 ? `${(100 * v).toFixed(1)}%` : v);
    return (
      `${r.metric} by ${r.by}: ${r.window.description}\n` +
      formatTable(
        r.rows.slice(0, 25).map((x) => ({
          [r.by]: x[r.by],
          value: grouped(Number(x['value']), 2),
          share: `${(100 * Number(x['share'])).toFixed(1)}%`,
        })),
      ) +
      (r.rows.length > 25 ? `… ${r.rows.length - 25} more (--json for all)\n` : '') +
      `coverage: ${Object.entries(r.coverage)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join('; ')}\n` +
      r.verification.map((v) => `note: ${v}\n`).join('') +
      `sources: ${r.sources.join(', ')}\n`
    );
  },
});

export const adoptionDaily = operation({
  name: 'adoption.daily',
  summary: 'share of OpenRouter tokens per day by the country of each model\u2019s maker, up to a date',
  input: z.object({ as_of: date().optional().describe('last date YYYY-MM-DD (default: the latest data)') }).strict(),
  output: z.object({
    rows: z.array(
      z.object({
        date: z.string(),
        country: z.string().describe('the maker\u2019s country; unknown when the model has no known organization'),
        tokens: z.number(),
        share: z.number().describe('of all the day\u2019s tokens, 0 to 1'),
        source_id: z.string(),
      }),
    ),
    sources: z.array(z.string()),
  }),
  http: { method: 'GET' },
  examples: [{}, { as_of: '2025-09-01' }],
  async run(deps, i) {
    const rows = await dailyTokenShare(await deps.db(), i.as_of);
    return { rows, sources: [...new Set(rows.map((r) => r.source_id))].sort() };
  },
  rows: (r) => r.rows,
  text: (r) =>
    formatTable(
      r.rows.map((x) => ({
        date: x.date,
        country: x.country,
        tokens: grouped(x.tokens, 0),
        share: `${(100 * x.share).toFixed(1)}%`,
      })),
    ) + `sources: ${r.sources.join(', ')}\n`,
});

export const adoptionOps = [adoption, adoptionDaily];
