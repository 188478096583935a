/**
 * @module
 * The DuckDB handle: opening the database file (read-only for serving), parameterized queries returning
 * plain JSON rows, and a check that a file is a complete airace database.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { tableNames } from '../data/schema.ts';
import { CHECKSUM_TABLE, checksumSql } from './ddl.ts';
import { isTempPath, removeStaleTemps } from './temp.ts';
import { Lru } from '../util/lru.ts';
import { writeFileAtomic } from '../util/atomic.ts';

/** The result of the integrity probe: `problem` says what is wrong, in one line, when `ok` is false. */
export interface Probe {
  ok: boolean;
  problem?: string;
}

export type JsonRow = Record<string, unknown>;

/** The schema of one row of a query: a zod object whose keys are the query's column names. */
export type RowSchema = z.ZodObject;

/** A column of JSON text parsed, then checked by `schema` (the `detail_json` columns). */
export function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((s, ctx): unknown => {
      try {
        return JSON.parse(s);
      } catch {
        ctx.issues.push({ code: 'custom', message: 'not JSON', input: s });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

let writableHandles = 0;

const VERSION_CHARS = 16;

// The code's fingerprint for the disk cache: every file under src/ but the tests, by name, size and modification
// time.
let fingerprint: string | undefined;
function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) {
        const st = statSync(p);
        h.update(`${p}\u0000${st.size}\u0000${st.mtimeMs}\n`);
      }
    }
  };
  walk(fileURLToPath(new URL('..', import.meta.url)));
  return (fingerprint = h.digest('hex'));
}

/** Removes the cache files of other database versions or code (one version is kept per database). */
function pruneDiskCache(dir: string, keep: string): void {
  for (const name of readdirSync(dir))
    if (!name.startsWith(keep)) rmSync(join(dir, name), { force: true, recursive: true });
}

// What `remember` keeps: per database version, its remembered reads. The two most recently used versions are
// kept, so a server reopened after a rebuild does not hold the older file's tables.
const remembered = new Lru<string, Map<string, Promise<unknown>>>(2);

/** Drops what `remember` keeps in memory (for tests of the disk copy; the disk copy stays). */
export function forgetRemembered(): void {
  remembered.clear();
}

function fileVersion(path: string): string {
  const st = statSync(path);
  return `file:${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

export class Db {
  private probed: Promise<Probe> | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly path: string,
    /**
     * Names what this handle reads. A read-only handle reads one built file, which a rebuild replaces
     * (a new inode) rather than edits, so handles on the same file share it; a writable handle has its own.
     */
    readonly version: string,
  ) {}

  /**
   * A read done once per version of the database: a derived table that every request needs the same (a
   * metric's merged board, the model list) is shared by every handle on one built file. The caller freezes what
   * it returns, since callers share it. A failed read is not remembered: the next call tries again.
   */
  remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    let reads = remembered.get(this.version);
    if (!reads) remembered.set(this.version, (reads = new Map()));
    const hit = reads.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const fresh = read();
    reads.set(key, fresh);
    fresh.catch(() => reads.delete(key));
    return fresh;
  }

  /**
   * As `remember`, and kept on disk beside a read-only database (`<database>.cache/`), so a restarted server or
   * another process on the same build starts from it. The file is named by the database's version and a
   * fingerprint of the code (src/: names, sizes, modification times): a rebuild or a code change reads afresh,
   * and files of other versions are removed when a new one is written. The value must survive JSON (plain data);
   * `revive` prepares what was read (freezes it). Failing to read or write the file only costs the read.
   */
  rememberOnDisk<T>(key: string, read: () => Promise<T>, revive: (value: T) => T = (v) => v): Promise<T> {
    return this.remember(key, async () => {
      const file = this.diskCacheFile(key);
      if (file) {
        try {
          return revive(JSON.parse(readFileSync(file, 'utf8')) as T);
        } catch {
          // Not there yet, or unreadable: read it from the database.
        }
      }
      const value = await read();
      if (file) {
        try {
          mkdirSync(dirname(file), { recursive: true });
          writeFileAtomic(file, JSON.stringify(value));
          pruneDiskCache(dirname(file), basename(file).slice(0, VERSION_CHARS));
        } catch {
          // A read-only place or a full disk: keep it in memory only.
        }
      }
      return value;
    });
  }

  private diskCacheFile(key: string): string | null {
    // Not for a build in progress (the new file is checked under its temporary name before it is renamed).
    if (!this.version.startsWith('file:') || isTempPath(this.path)) return null;
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    const version = hash(`${this.version}\u0000${codeFingerprint()}`).slice(0, VERSION_CHARS);
    return join(`${this.path}.cache`, `${version}-${hash(key).slice(0, 16)}.json`);
  }

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
    const version = readOnly ? fileVersion(path) : `handle:${++writableHandles}`;
    return new Db(instance, await instance.connect(), path, version);
  }

  /**
   * Runs a query with positional parameters ($1, $2 …) and returns rows as JSON values (BIGINT as number),
   * untyped. Prefer `rows`, which types and checks them; this stays for readers not yet moved (the claims entity index).
   */
  async all(sql: string, params: DuckDBValue[] = []): Promise<JsonRow[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return (reader.getRowObjectsJS() as JsonRow[]).map(toJson);
  }

  /**
   * Runs a query and returns its rows parsed by `schema` (values converted as by `all`), typed by it.
   * Columns the schema lacks are dropped. A missing column or a value of the wrong type fails with the
   * query's first words, the row and the column, instead of reaching a cast.
   */
  async rows<S extends RowSchema>(schema: S, sql: string, params: DuckDBValue[] = []): Promise<z.output<S>[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    // Column-wise: reading row objects from DuckDB costs more than the whole parse on large reads.
    const names = reader.columnNames();
    const columns = reader.getColumnsJS();
    const index = new Map(names.map((n, i) => [n, i]));
    const picked = Object.entries(schema.shape).map(([key, field]) => {
      const i = index.get(key);
      if (i === undefined && !field.safeParse(undefined).success)
        throw new Error(`${queryHead(sql)} has no column ${key} (it has ${names.join(', ')})`);
      return { key, field, values: i === undefined ? undefined : columns[i], plain: plainCheck(field) };
    });
    // Column by column: a plain column is checked with typeof (zod's own rule for it, several times faster),
    // any other by its own schema; the whole-object parse is zod's, so only an object with checks of its
    // own needs it.
    const byColumn = isPlainObject(schema);
    const n = reader.currentRowCount;
    const out: z.output<S>[] = new Array(n);
    for (let r = 0; r < n; r++) {
      const row: JsonRow = {};
      for (const { key, field, values, plain } of picked) {
        const v = values ? toJsonValue(values[r]) : undefined;
        if (byColumn && !plain?.(v)) {
          const parsed = field.safeParse(v);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new Error(readError(sql, r, issue && { ...issue, path: [key, ...issue.path] }));
          }
          if (values || parsed.data !== undefined) row[key] = parsed.data;
        } else if (values) row[key] = v;
      }
      if (byColumn) {
        out[r] = row as z.output<S>;
        continue;
      }
      const parsed = schema.safeParse(row);
      if (!parsed.success) throw new Error(readError(sql, r, parsed.error.issues[0]));
      out[r] = parsed.data;
    }
    return out;
  }

  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Throws a clear error unless every table of the schema is present. */
  async verify(): Promise<void> {
    const rows = await this.rows(
      z.object({ table_name: z.string() }),
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`,
    );
    const have = new Set(rows.map((r) => r.table_name));
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

interface Def {
  type: string;
  innerType?: z.ZodType;
  checks?: unknown[];
  format?: string;
  catchall?: unknown;
}

const defOf = (t: z.ZodType) => t._zod.def as Def;

function isPlainObject(schema: RowSchema): boolean {
  const d = defOf(schema);
  return d.catchall === undefined && !d.checks?.length;
}

/**
 * A typeof check equal to zod's for a string, finite number or boolean without refinements, maybe
 * nullable or optional; undefined for any other schema (zod parses those).
 */
function plainCheck(t: z.ZodType): ((v: unknown) => boolean) | undefined {
  const d = defOf(t);
  if ((d.type === 'nullable' || d.type === 'optional') && d.innerType) {
    const inner = plainCheck(d.innerType);
    if (!inner) return undefined;
    return d.type === 'nullable' ? (v) => v === null || inner(v) : (v) => v === undefined || inner(v);
  }
  if (d.checks?.length || d.format) return undefined;
  if (d.type === 'string') return (v) => typeof v === 'string';
  if (d.type === 'number') return (v) => typeof v === 'number' && Number.isFinite(v);
  if (d.type === 'boolean') return (v) => typeof v === 'boolean';
  return undefined;
}

/** `query "SELECT id, name FROM…" row 3, column name: Invalid input: expected string, received null`. */
function readError(sql: string, row: number, issue: z.core.$ZodIssue | undefined): string {
  const column = issue?.path.length ? `column ${issue.path.map(String).join('.')}` : 'row';
  return `${queryHead(sql)} row ${row + 1}, ${column}: ${issue?.message ?? 'invalid'}`;
}

function queryHead(sql: string): string {
  const words = sql.trim().split(/\s+/);
  return `query "${words.slice(0, 6).join(' ')}${words.length > 6 ? '…' : ''}"`;
}

function toJson(row: JsonRow): JsonRow {
  const out: JsonRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = toJsonValue(v);
  return out;
}
