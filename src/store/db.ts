/**
 * @module
 * The DuckDB handle: opening the database file (read-only for serving), parameterized queries returning
 * plain JSON rows, and a check that a file is a complete airace database.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { tableNames } from '../data/schema.ts';

export type JsonRow = Record<string, unknown>;

export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string, { readOnly = true } = {}): Promise<Db> {
    if (readOnly && !existsSync(path)) throw new Error(`database not found: ${path} (run \`airace build\` first)`);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (err) {
      throw new Error(`cannot open database ${path}: ${(err as Error).message.split('\n')[0]} (rebuild it with \`airace build\`)`);
    }
    return new Db(instance, await instance.connect(), path);
  }

  /** Runs a query with positional parameters ($1, $2 …) and returns rows as JSON values (BIGINT as number). */
  async all(sql: string, params: DuckDBValue[] = []): Promise<JsonRow[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return (reader.getRowObjectsJS() as JsonRow[]).map(toJson);
  }

  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Throws a clear error unless every table of the schema is present. */
  async verify(): Promise<void> {
    const rows = await this.all(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`);
    const have = new Set(rows.map((r) => String(r['table_name'])));
    const missing = tableNames.filter((t) => !have.has(t));
    if (missing.length) throw new Error(`database ${this.path} is incomplete (missing ${missing.join(', ')}); rebuild it with \`airace build\``);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function toJsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(toJsonValue);
  return v;
}

function toJson(row: JsonRow): JsonRow {
  const out: JsonRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = toJsonValue(v);
  return out;
}
