/**
 * @module
 * The catalog's checkable facts: each model's total and active parameters and context length.
 */
import { z } from 'zod';
import type { Deps, Fact } from '../ops/operation.ts';

// Plain types (db.rows' fast path): every model with a size or a context is read.
const modelRow = z.object({
  id: z.string(),
  parameters_b: z.number().nullable(),
  active_parameters_b: z.number().nullable(),
  context_tokens: z.number().nullable(),
  source_id: z.string(),
});

export async function modelFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const out: Fact[] = [];
  for (const r of await db.rows(
    modelRow,
    `SELECT id, parameters_b, active_parameters_b, context_tokens, source_id FROM models
     WHERE parameters_b IS NOT NULL OR context_tokens IS NOT NULL`,
  )) {
    for (const [col, metric, scale, unit] of [
      ['parameters_b', 'parameters', 1e9, 'parameters'],
      ['active_parameters_b', 'active_parameters', 1e9, 'parameters'],
      ['context_tokens', 'context_length', 1, 'tokens'],
    ] as const) {
      const v = r[col];
      if (v === null) continue;
      const value = v * scale;
      out.push({
        entity: r.id,
        entity_kind: 'model',
        metric,
        value,
        unit,
        time: null,
        source_ids: [r.source_id],
        status: 'confirmed',
        table: 'models',
        id: `${r.id}:${metric}`,
        statement: `${r.id}: ${metric.replace(/_/g, ' ')} ${value}`,
      });
    }
  }
  return out;
}
