/**
 * @module
 * Reading an operation's input from either edge: a required key that is missing is named as such (zod alone
 * would call a missing number "invalid input"), then the schema decides. One function, so the CLI and the API
 * reject the same input with the same words.
 */
import type { Operation } from './operation.ts';
import { InputError } from './operation.ts';
import { fieldsOf } from './schema.ts';

export function parseInput(op: Operation, raw: Record<string, unknown>): Record<string, unknown> {
  for (const f of fieldsOf(op.input)) {
    if (f.required && (raw[f.key] === undefined || raw[f.key] === null)) throw new InputError(f.key, 'is required');
  }
  return op.input.parse(raw) as Record<string, unknown>;
}
