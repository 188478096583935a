/**
 * @module
 * The country scorecard across the pillars, with the weights beside it and a sensitivity analysis.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { operation } from '../ops/operation.ts';
import { codes, date, int } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { loadFx } from '../timeline/index.ts';
import { parseWeights, PILLARS, score as runScore } from './index.ts';
import { grouped } from '../util/numbers.ts';

const indicator = z.object({
  id: z.string(),
  description: z.string(),
  value: z.number().nullable(),
  normalized: z.number().nullable(),
  better: z.enum(['higher', 'lower']),
  sources: z.array(z.string()),
  missing: z.string().optional(),
});

const fmtValue = (x: number | null): string =>
  x === null ? 'n/a' : Math.abs(x) >= 1e6 ? x.toExponential(2) : grouped(Number(x.toPrecision(4)));

export const score = operation({
  name: 'score',
  summary: 'country scorecard with the weights beside it and a sensitivity analysis',
  input: z
    .object({
      weights: z
        .string()
        .max(200)
        .optional()
        .describe(`pillar weights, e.g. capability=2,cost=0 (pillars ${PILLARS.join(', ')}; default all 1)`),
      as_of: date().optional().describe('date YYYY-MM-DD (default: the latest traffic data)'),
      countries: codes().default(['US', 'CN', 'EU']).describe('countries or blocs to compare, e.g. US,CN,EU'),
      samples: int(1, 20_000).default(2000).describe('weightings drawn for the sensitivity analysis'),
      seed: int(0, 1_000_000).default(0).describe('random seed'),
    })
    .strict(),
  output: z.object({
    as_of: z.string(),
    weights: z.record(z.string(), z.number()),
    countries: z.array(
      z.object({
        country: z.string(),
        score: z.number().nullable(),
        pillars: z.array(
          z.object({ pillar: z.string(), score: z.number().nullable(), indicators: z.array(indicator) }),
        ),
      }),
    ),
    sensitivity: z.object({
      samples: z.number(),
      lead_share: z.record(z.string(), z.number()),
      deciding_indicators: z.array(z.object({ indicator: z.string(), leader_without: z.string().nullable() })),
      leader_with_these_weights: z.string().nullable(),
    }),
    method: z.string(),
  }),
  http: { method: 'GET' },
  expensive: true,
  examples: [{ samples: '300' }, { weights: 'capability=2,cost=0', samples: '200' }],
  run: async (deps, i) => {
    const fx = loadFx(resolve(deps.paths.curated, 'fx.json'));
    const req = {
      asOf: i.as_of,
      countries: i.countries,
      weights: parseWeights(i.weights),
      samples: i.samples,
      seed: i.seed,
    };
    return runScore(await deps.db(), req, fx);
  },
  rows: (r) =>
    r.countries.map((c) => ({
      country: c.country,
      score: c.score,
      ...Object.fromEntries(c.pillars.map((p) => [p.pillar, p.score])),
    })),
  text: (r) => {
    const lines = [
      `scorecard as of ${r.as_of}; weights ${Object.entries(r.weights)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}\n`,
      formatTable(
        r.countries.map((c) => ({
          country: c.country,
          score: c.score === null ? 'n/a' : c.score.toFixed(3),
          ...Object.fromEntries(c.pillars.map((p) => [p.pillar, p.score === null ? 'n/a' : p.score.toFixed(2)])),
        })),
      ),
      'indicators:\n',
    ];
    for (const p of r.countries[0]?.pillars ?? []) {
      for (const ind of p.indicators) {
        const values = r.countries.map((c) => {
          const v = c.pillars.find((x) => x.pillar === p.pillar)?.indicators.find((x) => x.id === ind.id)?.value;
          return `${c.country} ${fmtValue(v ?? null)}`;
        });
        const missing = ind.missing ? ` (missing: ${ind.missing})` : '';
        lines.push(
          `  ${p.pillar}/${ind.id} (${ind.better} is better): ${values.join(', ')} — ${ind.description}${missing}\n`,
        );
      }
    }
    const shares = Object.entries(r.sensitivity.lead_share).map(([c, s]) => `${c} leads in ${(100 * s).toFixed(1)}%`);
    const deciding = r.sensitivity.deciding_indicators.map((d) => `${d.indicator} → ${d.leader_without}`);
    lines.push(`sensitivity over ${r.sensitivity.samples} weightings: ${shares.join(', ')}\n`);
    lines.push(`deciding indicators (removing one changes the leader): ${deciding.join(', ') || 'none'}\n`);
    return lines.join('');
  },
});

export const scorecardOps = [score];
