/**
 * @module
 * One reading of an error for both edges: the CLI prints `airace: error: MESSAGE` and exits 1, the API
 * answers the status with `{error: MESSAGE, field}`. Input errors carry the snake_case field they concern.
 */
import { ZodError } from 'zod';
import { InputError, NotFoundError } from './operation.ts';
import { GapError } from '../frontier/index.ts';
import { CostError } from '../cost/index.ts';
import { AdoptionError } from '../adoption/index.ts';
import { ScoreError } from '../scorecard/index.ts';
import { TimelineError } from '../timeline/index.ts';
import { BattleInputError } from '../ratings/battles.ts';

export interface Failure {
  status: 400 | 404 | 413 | 503 | 500;
  error: string;
  field?: string;
}

/** Domain errors of capabilities written before the contract: bad input, worded with CLI flags. */
const LEGACY_INPUT = [GapError, CostError, AdoptionError, ScoreError, TimelineError, BattleInputError];

const snake = (flag: string) => flag.replace(/-/g, '_');

/** The first issue of a zod error as one line naming its field. */
export function zodFailure(err: ZodError): Failure {
  const issue = err.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { status: 400, error: `unknown parameter ${key}`, field: key };
  }
  const field = issue?.path.map(String).join('.') || 'input';
  const top = String(issue?.path[0] ?? field);
  const message = issue?.message ?? 'invalid';
  return { status: 400, error: `${field}: ${message}`, field: top };
}

export function toFailure(err: unknown): Failure {
  if (err instanceof ZodError) return zodFailure(err);
  if (err instanceof InputError) return { status: 400, error: prefixed(err.field, err.message), field: err.field };
  if (err instanceof NotFoundError) return { status: 404, error: prefixed(err.field, err.message), field: err.field };
  if (LEGACY_INPUT.some((E) => err instanceof E)) {
    const message = (err as Error).message.split('\n')[0] ?? '';
    const flag = /^--([a-z][a-z-]*)/.exec(message)?.[1] ?? /^([a-z_]+) must /.exec(message)?.[1];
    const reworded = message.replace(/--([a-z][a-z-]*)/g, (_, f: string) => snake(f));
    return { status: 400, error: reworded, ...(flag ? { field: snake(flag) } : {}) };
  }
  // Busy or over budget (the server's queue, the worker pool): come back later.
  if (
    err instanceof Error &&
    ['QueueFullError', 'TaskTimeoutError', 'TaskAbortedError', 'BudgetError'].includes(err.name)
  ) {
    return { status: 503, error: err.message };
  }
  return { status: 500, error: err instanceof Error ? (err.message.split('\n')[0] ?? 'error') : String(err) };
}

function prefixed(field: string, message: string): string {
  return field && !message.startsWith(`${field}:`) && !message.startsWith(`${field} `)
    ? `${field}: ${message}`
    : message;
}
