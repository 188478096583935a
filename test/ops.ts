/**
 * @module
 * Calling operations in tests the way both edges do, without going through the CLI or the server (kept
 * apart from helpers.ts so tests that only need a database do not load every operation).
 */
import { defaultPaths, sharedDeps } from '../src/ops/deps.ts';
import { toFailure, type Failure } from '../src/ops/failure.ts';
import { parseInput } from '../src/ops/parse.ts';
import { operations } from '../src/ops/registry.ts';
import type { Db } from '../src/store/db.ts';

/**
 * Calls an operation as both edges do (input parsed from API-style strings), on a handle the caller owns.
 * `ok` is the output; otherwise `failure` is what the CLI prints and the API answers.
 */
export async function callOp(
  db: Db,
  name: string,
  raw: Record<string, unknown>,
): Promise<{ ok: true; output: unknown } | { ok: false; failure: Failure }> {
  const op = operations.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  try {
    return { ok: true, output: await op.run(sharedDeps(db, defaultPaths({ db: db.path })), parseInput(op, raw)) };
  } catch (err) {
    return { ok: false, failure: toFailure(err) };
  }
}

/** The one-line error an operation gives for this input (fails the test when it succeeds). */
export async function opError(db: Db, name: string, raw: Record<string, unknown>): Promise<string> {
  const r = await callOp(db, name, raw);
  if (r.ok) throw new Error(`${name} ${JSON.stringify(raw)} succeeded; an error was expected`);
  return r.failure.error;
}
