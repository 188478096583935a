/**
 * @module
 * The DuckDB handle: opening the database file (read-only for serving), parameterized queries returning
 * plain JSON rows, and a check that a file is a complete airace database.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { tableNames } from '../data/schema.ts';
import { CHECKSUM_TABLE, checksumSql } from './ddl.ts';
import { removeStaleTemps } from './temp.ts';

/** The result of the integrity probe: `problem` says what is wrong, in one line, when `ok` is false. */
export interface Probe {
  ok: boolean;
  problem?: string;
}

export type JsonRow = Record<string, unknown>;

export class Db {
  private probed: Promise<Probe> | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string, { readOnly = true } = {}): Promise<Db> {
    // Leftovers of a killed build beside the database go at start (those of a running build stay).
    removeStaleTemps(path);
    if (readOnly && !existsSync(path)) throw new Error(`database not found: ${path} (run \`airace build\` first)`);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (err) {
      throw new Error(
        `cannot open database ${path}: ${(err as Error).message.split('\n')[0]} (rebuild it with \`airace build\`)`,
      );
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
    if (missing.length)
      throw new Error(
        `database ${this.path} is incomplete (missing ${missing.join(', ')}); rebuild it with \`airace build\``,
      );
  }

  /**
   * The integrity probe, run once per handle: every table is read in full (DuckDB checks each block's
   * checksum as it reads) and its row count and row hash compared with those the build recorded. A file
   * damaged mid-way, truncated or edited reports `ok: false` with the reason, instead of data routes
   * failing one by one. Takes tens of milliseconds on the full database.
   */
  probe(): Promise<Probe> {
    this.probed ??= this.runProbe();
    return this.probed;
  }

  private async runProbe(): Promise<Probe> {
    const rebuild = 'rebuild it with `airace build`';
    let recorded: unknown[][];
    try {
      // Raw rows: the checksums are 64-bit and would lose bits as JS numbers.
      recorded = (
        await this.conn.runAndReadAll(`SELECT table_name, rows, checksum FROM ${CHECKSUM_TABLE}`)
      ).getRowsJS();
    } catch (err) {
      const msg = (err as Error).message.split('\n')[0];
      const reason = /does not exist/.test(msg ?? '')
        ? 'has no integrity checksums (built by an older airace)'
        : `cannot be read: ${msg}`;
      return { ok: false, problem: `database ${this.path} ${reason}; ${rebuild}` };
    }
    const want = new Map(recorded.map(([t, n, h]) => [String(t), { rows: n, checksum: h }]));
    for (const t of tableNames) {
      const w = want.get(t);
      if (!w) return { ok: false, problem: `database ${this.path} has no checksum for table ${t}; ${rebuild}` };
      try {
        const reader = await this.conn.runAndReadAll(checksumSql(t));
        const [n, h] = reader.getRowsJS()[0] as [bigint, bigint];
        if (String(n) !== String(w.rows) || String(h) !== String(w.checksum)) {
          return {
            ok: false,
            problem: `table ${t} of ${this.path} differs from what was built (${n} rows, ${w.rows} recorded); ${rebuild}`,
          };
        }
      } catch (err) {
        return {
          ok: false,
          problem: `table ${t} of ${this.path} cannot be read: ${(err as Error).message.split('\n')[0]}; ${rebuild}`,
        };
      }
    }
    return { ok: true };
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
