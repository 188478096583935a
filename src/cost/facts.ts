/**
 * @module
 * The cost capability's checkable facts: input and output prices per million tokens by model, provider, tier
 * and date. The list price (tier `on-demand`) is `input_price` / `output_price`; other tiers (batch, free …)
 * carry their tier in the metric (`input_price:batch`), so a claimed list price is not checked against them.
 */
import type { Deps, Fact } from '../ops/operation.ts';

export async function priceFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const out: Fact[] = [];
  for (const r of await db.all(
    `SELECT model_id, provider, first_party, tier, input_usd_per_mtok, output_usd_per_mtok, context_tokens,
       CAST(valid_from AS VARCHAR) AS d, source_id FROM prices`,
  )) {
    const tier = String(r['tier'] ?? 'on-demand');
    // The context a provider serves the model with (providers differ: each is a figure of its own).
    if (r['context_tokens'] !== null && r['context_tokens'] !== undefined)
      out.push({
        entity: String(r['model_id']),
        entity_kind: 'model',
        metric: 'context_length',
        value: Number(r['context_tokens']),
        unit: 'tokens',
        time: String(r['d']),
        source_ids: [String(r['source_id'])],
        status: 'confirmed',
        table: 'prices',
        id: `${String(r['model_id'])}:${String(r['provider'])}:${tier}:${String(r['d'])}:context`,
        statement: `${String(r['model_id'])} at ${String(r['provider'])} from ${String(r['d'])}: context ${String(r['context_tokens'])} tokens`,
      });
    for (const [col, name] of [
      ['input_usd_per_mtok', 'input_price'],
      ['output_usd_per_mtok', 'output_price'],
    ] as const) {
      if (r[col] === null) continue;
      const metric = tier === 'on-demand' ? name : `${name}:${tier}`;
      const model = String(r['model_id']);
      const provider = String(r['provider']);
      out.push({
        entity: model,
        entity_kind: 'model',
        metric,
        value: Number(r[col]),
        unit: 'USD/Mtok',
        time: String(r['d']),
        source_ids: [String(r['source_id'])],
        status: 'confirmed',
        series: `${model}:${provider}:${tier}:${name}`,
        table: 'prices',
        id: `${model}:${provider}:${tier}:${String(r['d'])}:${name}`,
        statement:
          `${model} ${name.replace('_', ' ')} at ${provider}${r['first_party'] ? ' (first party)' : ''}` +
          `${tier === 'on-demand' ? '' : `, ${tier} tier`} from ${String(r['d'])}: $${String(r[col])} per million tokens`,
      });
    }
  }
  return out;
}
