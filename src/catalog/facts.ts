/**
 * @module
 * The catalog's checkable facts: each model's total and active parameters and context length.
 */
import type { Deps, Fact } from '../ops/operation.ts';

export async function modelFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const out: Fact[] = [];
  for (const r of await db.all(
    `SELECT id, parameters_b, active_parameters_b, context_tokens, source_id FROM models
     WHERE parameters_b IS NOT NULL OR context_tokens IS NOT NULL`,
  )) {
    for (const [col, metric, scale, unit] of [
      ['parameters_b', 'parameters', 1e9, 'parameters'],
      ['active_parameters_b', 'active_parameters', 1e9, 'parameters'],
      ['context_tokens', 'context_length', 1, 'tokens'],
    ] as const) {
      if (r[col] === null) continue;
      const value = Number(r[col]) * scale;
      out.push({
        entity: String(r['id']),
        entity_kind: 'model',
        metric,
        value,
        unit,
        time: null,
        source_ids: [String(r['source_id'])],
        status: 'confirmed',
        table: 'models',
        id: `${String(r['id'])}:${metric}`,
        statement: `${String(r['id'])}: ${metric.replace(/_/g, ' ')} ${value}`,
      });
    }
  }
  return out;
}
