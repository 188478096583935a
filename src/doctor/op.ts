/**
 * @module
 * The `doctor` operation: `airace doctor` and `GET /api/v1/doctor`, the invariants of src/doctor over the database.
 */
import { z } from 'zod';
import { operation } from '../ops/operation.ts';
import { doctorText, runDoctor } from './index.ts';

const checkSchema = z.object({
  id: z.string(),
  severity: z.enum(['hard', 'soft']),
  ok: z.boolean(),
  message: z.string(),
  rows: z.array(z.record(z.string(), z.unknown())),
  count: z.number().int(),
});

export const doctor = operation({
  name: 'doctor',
  summary:
    'Check the database: no negative price, no fragment id, attribution coverage, no shared alias, no source-only gap step, no untagged half price',
  input: z.object({}),
  output: z.object({ ok: z.boolean(), checks: z.array(checkSchema) }),
  http: { method: 'GET' },
  async run(deps) {
    return runDoctor(await deps.db());
  },
  text: (out) => doctorText(out),
  rows: (out) =>
    out.checks.flatMap((c): Record<string, unknown>[] =>
      c.ok
        ? [{ check: c.id, severity: c.severity, ok: true, row: null }]
        : c.rows.map((r) => ({ check: c.id, severity: c.severity, ok: false, row: JSON.stringify(r) })),
    ),
});

export const operations = [doctor];
