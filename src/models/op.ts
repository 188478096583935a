/**
 * @module
 * One model with everything the data holds about it: identity across sources, organization and country,
 * leaderboard ratings over time, benchmark results, prices by provider, share of OpenRouter traffic, and
 * its repositories and derivatives on Hugging Face. Every row names its source. The model page reads it.
 */
import { z } from 'zod';
import { NotFoundError, operation } from '../ops/operation.ts';
import { text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import {
  benchmarkRow,
  derivativeRow,
  modelBenchmarks,
  modelDerivatives,
  modelPrices,
  modelRatings,
  modelRecord,
  modelRow,
  modelTraffic,
  priceRow,
  ratingRow,
  repoRow,
  trafficRow,
} from './model-page.ts';
import { grouped } from '../util/numbers.ts';

const fmt = (x: number | null, d = 0) => (x === null ? '' : grouped(x, d));

export const model = operation({
  name: 'model',
  summary:
    'one model: identity and aliases, organization, country, ratings over time, benchmarks, prices, traffic share, derivatives',
  input: z
    .object({
      id: text(200).describe('model id (see `airace models --search`)'),
    })
    .strict(),
  output: z.object({
    model: modelRow,
    ratings: z.array(ratingRow).describe('per leaderboard, category and day, the row of the best score'),
    benchmarks: z.array(benchmarkRow),
    prices: z.array(priceRow).describe('USD per million tokens, by provider and validity'),
    traffic: z.array(trafficRow).describe('share of all OpenRouter tokens, per day'),
    derivatives: z.object({
      repos: z.array(repoRow).describe('the model\u2019s own Hugging Face repositories'),
      derivatives: z.array(derivativeRow).describe('repositories naming one of them as their base (at most 200)'),
    }),
  }),
  args: ['id'],
  http: { method: 'GET' },
  examples: [{ id: 'deepseek-v3-2' }, { id: 'glm-4-6' }],
  async run(deps, i) {
    const db = await deps.db();
    const m = await modelRecord(db, i.id);
    if (!m) throw new NotFoundError('id', `no model "${i.id}" (see \`airace models --search\`)`);
    const [ratings, benchmarks, prices, traffic, derivatives] = await Promise.all([
      modelRatings(db, i.id),
      modelBenchmarks(db, i.id),
      modelPrices(db, i.id),
      modelTraffic(db, i.id),
      modelDerivatives(db, i.id),
    ]);
    return { model: m, ratings, benchmarks, prices, traffic, derivatives };
  },
  rows: (o) => o.ratings,
  text: (o) => {
    const m = o.model;
    const latest = new Map<string, (typeof o.ratings)[number]>();
    for (const r of o.ratings) latest.set(`${r.leaderboard} ${r.category}`, r);
    return (
      `${m.name} (${m.id}): ${m.organization_name ?? m.organization_id ?? 'organization unknown'}, ` +
      `${m.country ?? 'country unknown'}, released ${m.release_date ?? 'unknown'}` +
      `${m.open_weights === true ? ', open weights' : ''}\n` +
      (m.aliases.length ? `aliases: ${m.aliases.join(', ')}\n` : '') +
      (latest.size
        ? `latest ratings:\n${formatTable(
            [...latest.values()].map((r) => ({
              board: r.leaderboard,
              category: r.category,
              date: r.date,
              score: fmt(r.score),
              rank: fmt(r.rank),
              source: r.source_id,
            })),
          )}`
        : '') +
      `${o.benchmarks.length} benchmark results, ${o.prices.length} prices, ${o.traffic.length} days of traffic, ` +
      `${o.derivatives.repos.length} repositories, ${o.derivatives.derivatives.length} derivatives\n` +
      `sources: ${m.source_ids.join(', ')}\n`
    );
  },
});

export const modelOps = [model];
