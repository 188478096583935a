/**
 * @module
 * The worker side of expensive operations: a pool worker opens the database read-only (once per worker),
 * validates the raw input with the operation's own schema and runs it. Failures come back as data, since
 * error classes do not survive the trip between threads.
 */
import { defaultPaths, sharedDeps } from '../ops/deps.ts';
import { toFailure, type Failure } from '../ops/failure.ts';
import { findOperation, operations } from '../ops/registry.ts';
import { Db } from '../store/db.ts';
import { rowsToCsv } from '../util/csv.ts';

export type Kind = 'json' | 'csv' | 'svg';

export interface OpTask {
  name: string;
  kind: Kind;
  raw: Record<string, unknown>;
  dbPath: string;
  /** The server's database version (Db.version): a worker never answers from another file. */
  dbVersion?: string;
}

export type OpResult = { ok: true; body: string } | { ok: false; failure: Failure };

const dbs = new Map<string, Promise<Db>>();

export async function runOperation(task: OpTask): Promise<OpResult> {
  try {
    const op = findOperation(task.name);
    if (!op) throw new Error(`no operation ${task.name}`);
    let db = dbs.get(task.dbPath);
    if (!db) {
      db = Db.open(task.dbPath);
      dbs.set(task.dbPath, db);
    }
    const handle = await db;
    // A worker started after `airace build` replaced the file would read the new one while the server
    // still serves the old: refuse rather than mix two databases in one server's answers.
    if (task.dbVersion !== undefined && handle.version !== task.dbVersion) {
      dbs.delete(task.dbPath);
      handle.close();
      return {
        ok: false,
        failure: {
          status: 503,
          error: `the database at ${task.dbPath} was rebuilt after this server started; restart the server to serve it`,
        },
      };
    }
    const deps = sharedDeps(handle, defaultPaths({ db: task.dbPath }), { operations });
    const input = op.input.parse(task.raw);
    if (task.kind === 'svg') {
      if (!op.svg) throw new Error(`${op.name} has no chart`);
      return { ok: true, body: await op.svg(deps, input) };
    }
    const out = await op.run(deps, input);
    return { ok: true, body: task.kind === 'csv' && op.rows ? rowsToCsv(op.rows(out)) : JSON.stringify(out) };
  } catch (err) {
    return { ok: false, failure: toFailure(err) };
  }
}

export const tasks = { op: runOperation };
export const OP_TASKS = new URL('./op-tasks.ts', import.meta.url);
