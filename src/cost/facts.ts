/**
 * @module
 * The cost capability's checkable facts: input, output and cache-hit prices per million tokens by model,
 * provider, tier and date. The list price (tier `on-demand`) is `input_price` / `output_price`; other tiers (batch, free …)
 * carry their tier in the metric (`input_price:batch`), so a claimed list price is not checked against them.
 */
import { z } from 'zod';
import type { Deps, Fact } from '../ops/operation.ts';

// Plain types (db.rows' fast path): every price row is read.
const priceRow = z.object({
  model_id: z.string(),
  provider: z.string(),
  first_party: z.boolean(),
  tier: z.string(),
  input_usd_per_mtok: z.number().nullable(),
  output_usd_per_mtok: z.number().nullable(),
  cache_read_usd_per_mtok: z.number().nullable(),
  context_tokens: z.number().nullable(),
  d: z.string(),
  source_id: z.string(),
});

export async function priceFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const out: Fact[] = [];
  for (const r of await db.rows(
    priceRow,
    `SELECT model_id, provider, first_party, tier, input_usd_per_mtok, output_usd_per_mtok, cache_read_usd_per_mtok,
       context_tokens,
       CAST(valid_from AS VARCHAR) AS d, source_id FROM prices`,
  )) {
    const { tier, d } = r;
    const model = r.model_id;
    const provider = r.provider;
    // The context a provider serves the model with (providers differ: each is a figure of its own).
    if (r.context_tokens !== null)
      out.push({
        entity: model,
        entity_kind: 'model',
        metric: 'context_length',
        value: r.context_tokens,
        unit: 'tokens',
        time: d,
        source_ids: [r.source_id],
        status: 'confirmed',
        table: 'prices',
        id: `${model}:${provider}:${tier}:${d}:context`,
        statement: `${model} at ${provider} from ${d}: context ${r.context_tokens} tokens`,
      });
    for (const [col, name] of [
      ['input_usd_per_mtok', 'input_price'],
      ['output_usd_per_mtok', 'output_price'],
      // The input price on a cache hit, where the provider lists one.
      ['cache_read_usd_per_mtok', 'cache_read_price'],
    ] as const) {
      const price = r[col];
      if (price === null) continue;
      const metric = tier === 'on-demand' ? name : `${name}:${tier}`;
      out.push({
        entity: model,
        entity_kind: 'model',
        metric,
        value: price,
        unit: 'USD/Mtok',
        time: d,
        source_ids: [r.source_id],
        status: 'confirmed',
        series: `${model}:${provider}:${tier}:${name}`,
        provider,
        first_party: r.first_party,
        table: 'prices',
        id: `${model}:${provider}:${tier}:${d}:${name}`,
        statement:
          `${model} ${name.replaceAll('_', ' ')} at ${provider}${r.first_party ? ' (first party)' : ''}` +
          `${tier === 'on-demand' ? '' : `, ${tier} tier`} from ${d}: $${price} per million tokens`,
      });
    }
  }
  return out;
}
