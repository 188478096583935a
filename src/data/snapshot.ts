/**
 * @module
 * The curated snapshot on disk: `data/snapshot/<table>/<part>.csv`, one folder per table of the schema and
 * one file per imported dataset. This module writes it (atomically, as a whole) and reads it back with every
 * row validated against the schema, naming file, line, column and reason on the first bad value.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { columnsOf, tableNames, tables, type Column, type Row, type TableName } from './schema.ts';

/** A bad value in a snapshot file, located for a human. Lines and columns count from 1. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number | null,
    readonly reason: string,
  ) {
    super(`${file}:${line}${column === null ? '' : `:${column}`}: ${reason}`);
    this.name = 'SnapshotError';
  }
}

function encodeValue(value: unknown, column: Column): string {
  if (value === null || value === undefined) return '';
  if (column.kind === 'list') return JSON.stringify(value);
  return String(value);
}

/** Serializes rows of one table as CSV with a header in schema order. */
export function encodeTable<T extends TableName>(table: T, rows: readonly Row<T>[]): string {
  const columns = columnsOf(table);
  const records = rows.map((row) => columns.map((c) => encodeValue((row as Record<string, unknown>)[c.name], c)));
  return stringify([columns.map((c) => c.name), ...records]);
}

function decodeValue(raw: string, column: Column): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (raw === '' && column.kind !== 'text') return { ok: true, value: null };
  if (raw === '' && column.nullable) return { ok: true, value: null };
  switch (column.kind) {
    case 'text':
    case 'date':
      return { ok: true, value: raw };
    case 'int':
    case 'float': {
      const n = Number(raw);
      return Number.isNaN(n) || raw.trim() === ''
        ? { ok: false, reason: `"${raw}" is not a number` }
        : { ok: true, value: n };
    }
    case 'bool':
      if (raw === 'true') return { ok: true, value: true };
      if (raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: `"${raw}" is not true or false` };
    case 'list': {
      try {
        const v: unknown = JSON.parse(raw);
        if (Array.isArray(v)) return { ok: true, value: v };
      } catch {
        // fall through to the error below
      }
      return { ok: false, reason: `"${raw.slice(0, 40)}" is not a JSON array` };
    }
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; raw?: string };
}

/**
 * Parses and validates one snapshot CSV of `table`. `file` is only used in error messages.
 * Throws SnapshotError on the first malformed line, unknown header or invalid value.
 */
export function decodeTable<T extends TableName>(table: T, text: string, file: string): Row<T>[] {
  return decodeRows(table, text, file).rows;
}

/** decodeTable, also returning the line each row starts on (for errors found later, such as duplicate keys). */
export function decodeRows<T extends TableName>(
  table: T,
  text: string,
  file: string,
): { rows: Row<T>[]; lines: number[] } {
  const columns = columnsOf(table);
  const schema = tables[table];
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, { info: true, raw: true, relax_column_count: false, bom: true }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new SnapshotError(file, e.lines ?? 1, null, `malformed CSV: ${String(e.message).split('\n')[0]}`);
  }
  const header = parsed[0]?.record ?? [];
  const expected = columns.map((c) => c.name);
  if (header.join(',') !== expected.join(',')) {
    const at = expected.findIndex((name, i) => header[i] !== name);
    const col = at === -1 ? expected.length + 1 : at + 1;
    throw new SnapshotError(
      file,
      1,
      col,
      `header does not match table ${table}: expected "${expected[col - 1] ?? '(end)'}", found "${header[col - 1] ?? '(end)'}"`,
    );
  }
  const rows: Row<T>[] = [];
  const lines: number[] = [];
  for (let r = 1; r < parsed.length; r++) {
    const { record, info } = parsed[r] as ParsedRecord;
    // info.lines is where the record ends; a quoted field may span lines, so count back to its start.
    const line = info.lines - ((info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const obj: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as Column;
      const decoded = decodeValue(record[c] ?? '', column);
      if (!decoded.ok) throw new SnapshotError(file, line, c + 1, `${column.name}: ${decoded.reason}`);
      obj[column.name] = decoded.value;
    }
    const result = schema.safeParse(obj);
    if (!result.success) {
      const issue = result.error.issues[0];
      const name = String(issue?.path[0] ?? '');
      const col = expected.indexOf(name);
      throw new SnapshotError(file, line, col === -1 ? null : col + 1, `${name}: ${issue?.message ?? 'invalid'}`);
    }
    rows.push(result.data as Row<T>);
    lines.push(line);
  }
  return { rows, lines };
}

/** One file of the snapshot: the rows one dataset contributes to one table. */
export interface SnapshotPart<T extends TableName = TableName> {
  table: T;
  part: string;
  rows: Row<T>[];
}

/** A snapshot file as read back: where it is, how to name it in errors, and the line each row starts on. */
export interface SnapshotFile<T extends TableName = TableName> extends SnapshotPart<T> {
  path: string;
  file: string;
  lines: number[];
}

/** Lists the CSV files of the snapshot, table by table in schema order. */
export function listSnapshotFiles(dir: string): { table: TableName; part: string; path: string }[] {
  const files: { table: TableName; part: string; path: string }[] = [];
  for (const table of tableNames) {
    const tdir = join(dir, table);
    if (!existsSync(tdir)) continue;
    for (const f of readdirSync(tdir).sort()) {
      if (f.endsWith('.csv')) files.push({ table, part: f.slice(0, -4), path: join(tdir, f) });
    }
  }
  return files;
}

/**
 * Checks the header line of one snapshot file against its table (the build's first check, before DuckDB
 * reads the rest). Throws the same SnapshotError decodeTable would.
 */
export function checkHeader(table: TableName, path: string, file: string): void {
  const fd = openSync(path, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  const nl = head.indexOf('\n');
  decodeRows(table, nl === -1 ? head : head.slice(0, nl + 1), file);
}

/** Reads and validates the whole snapshot. Paths in errors are relative to `cwd`. */
export function readSnapshot(dir: string, cwd = process.cwd()): SnapshotFile[] {
  if (!existsSync(dir)) throw new Error(`snapshot folder not found: ${dir}`);
  return listSnapshotFiles(dir).map(({ table, part, path }) => {
    const file = relative(cwd, path) || path;
    return { table, part, path, file, ...decodeRows(table, readFileSync(path, 'utf8'), file) };
  });
}

/**
 * Writes a whole snapshot into `dir`, replacing what was there only once every file is written:
 * the new tree goes to a sibling folder that is then swapped in, so a failed import leaves the old one.
 */
export function writeSnapshot(
  dir: string,
  parts: readonly SnapshotPart[],
  extra: Record<string, string> = {},
  keep: (table: TableName, part: string) => boolean = () => false,
): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    // Files the caller keeps (refreshed history) carry over unchanged.
    if (existsSync(dir)) {
      for (const f of listSnapshotFiles(dir)) {
        if (!keep(f.table, f.part)) continue;
        mkdirSync(join(tmp, f.table), { recursive: true });
        writeFileSync(join(tmp, f.table, `${f.part}.csv`), readFileSync(f.path));
      }
    }
    for (const p of parts) {
      mkdirSync(join(tmp, p.table), { recursive: true });
      writeFileSync(join(tmp, p.table, `${p.part}.csv`), encodeTable(p.table, p.rows));
    }
    for (const [name, content] of Object.entries(extra)) writeFileSync(join(tmp, name), content);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}
