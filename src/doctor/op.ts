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
  input: z.object({}).strict(),
  output: z.object({ ok: z.boolean(), checks: z.array(checkSchema) }),
  http: { method: 'GET' },
  async run(deps) {
    return runDoctor(await deps.db());
  },
  // A hard violation makes the answer a failure: exit 1 on the CLI, 500-free 409 on the API.
  status: (out) => (out.checks.some((c) => !c.ok && c.severity === 'hard') ? 409 : 200),
  text: (out) => `${doctorText(out).replace(/\n?$/, '')}\n`,
  rows: (out) =>
    out.checks.flatMap((c): Record<string, unknown>[] =>
      c.ok
        ? [{ check: c.id, severity: c.severity, ok: true, row: null }]
        : c.rows.map((r) => ({ check: c.id, severity: c.severity, ok: false, row: JSON.stringify(r) })),
    ),
});

export const operations = [doctor];
