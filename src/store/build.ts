/**
 * @module
 * `airace build`: loads the curated snapshot into a new DuckDB file beside the target and swaps it in only
 * when everything loaded and validated. On any failure the previous database is untouched.
 *
 * DuckDB does the work: each CSV is read as text by read_csv into a temporary table, checked against the
 * zod schema's rules in SQL (src/store/ddl.ts), keys are checked across files in SQL, and the typed rows
 * are inserted from there. JavaScript touches rows only to word an error: when SQL finds a bad file, the
 * file is decoded by the snapshot reader, which names the first bad value as `file:line:column: reason`.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { columnsOf, primaryKeys, tableNames, type TableName } from '../data/schema.ts';
import { checkHeader, decodeRows, listSnapshotFiles, SnapshotError } from '../data/snapshot.ts';
import { castFromCsvSql, CHECKSUM_TABLE, checksumSql, createTableSql, ident, invalidSql, sqlString } from './ddl.ts';
import { removeStaleTemps, tempPath } from './temp.ts';

export interface BuildResult {
  db: string;
  tables: Record<string, number>;
  ms: number;
}

/** Tables the import does not fill (claims are written by `airace check`), so a snapshot may lack them. */
export const OPTIONAL_TABLES: ReadonlySet<TableName> = new Set<TableName>(['claims']);

interface Staged {
  table: TableName;
  part: string;
  path: string;
  file: string;
  stage: string;
  rows: number;
}

/** Refuses a snapshot with nothing to build from: a missing or empty folder, or tables without files. */
function listFiles(snapshotDir: string, cwd: string): Omit<Staged, 'stage' | 'rows'>[] {
  if (!existsSync(snapshotDir)) throw new Error(`snapshot folder not found: ${snapshotDir}`);
  const files = listSnapshotFiles(snapshotDir);
  if (files.length === 0)
    throw new Error(`snapshot folder ${snapshotDir} has no table files (run \`airace import\` first)`);
  const have = new Set(files.map((f) => f.table));
  const missing = tableNames.filter((t) => !have.has(t) && !OPTIONAL_TABLES.has(t));
  if (missing.length)
    throw new Error(`snapshot ${snapshotDir} is missing tables ${missing.join(', ')} (run \`airace import\`)`);
  return files.map((f) => ({ ...f, file: relative(cwd, f.path) || f.path }));
}

/** The JS reader's account of what is wrong with a file SQL rejected; SQL's own reason if it finds nothing. */
function explain(f: Omit<Staged, 'stage' | 'rows'>, fallback: () => SnapshotError): SnapshotError {
  try {
    decodeRows(f.table, readFileSync(f.path, 'utf8'), f.file);
  } catch (err) {
    if (err instanceof SnapshotError) return err;
    throw err;
  }
  return fallback();
}

const firstLine = (msg: string): string => msg.split('\n')[0] ?? msg;

async function stageFile(conn: DuckDBConnection, f: Omit<Staged, 'stage' | 'rows'>, i: number): Promise<Staged> {
  checkHeader(f.table, f.path, f.file);
  const stage = `stage_${i}`;
  const cols = columnsOf(f.table)
    .map((c) => `${sqlString(c.name)}: 'VARCHAR'`)
    .join(', ');
  try {
    // Temporary tables keep insertion order, so rowid is the record's index in the file (for errors).
    await conn.run(
      `CREATE TEMP TABLE ${stage} AS SELECT * FROM read_csv(${sqlString(f.path)}, header = true, columns = {${cols}}, ` +
        `delim = ',', quote = '"', escape = '"', nullstr = '', strict_mode = true, auto_detect = false)`,
    );
  } catch (err) {
    throw explain(f, () => new SnapshotError(f.file, 1, null, `malformed CSV: ${firstLine((err as Error).message)}`));
  }
  const checks = invalidSql(f.table);
  const cases = checks.map((c, k) => `WHEN ${c} THEN ${k + 1}`).join(' ');
  const reader = await conn.runAndReadAll(
    `SELECT (SELECT count(*) FROM ${stage}) AS n, ` +
      `(SELECT [rowid, col] FROM (SELECT rowid, CASE ${cases} END AS col FROM ${stage}) ` +
      `WHERE col IS NOT NULL ORDER BY rowid LIMIT 1) AS bad`,
  );
  const [n, bad] = reader.getRowsJS()[0] as [bigint, bigint[] | null];
  if (bad) {
    const [row, col] = bad.map(Number) as [number, number];
    const name = columnsOf(f.table)[col - 1]?.name ?? '';
    throw explain(f, () => new SnapshotError(f.file, row + 2, col, `${name}: invalid value`));
  }
  return { ...f, stage, rows: Number(n) };
}

/** Primary keys are unique across all files of a table; a duplicate names both places. */
async function checkKeys(conn: DuckDBConnection, table: TableName, parts: Staged[]): Promise<void> {
  const pk = primaryKeys[table];
  if (!pk || parts.length === 0) return;
  const key = pk.map(ident).join(', ');
  const union = parts.map((p, k) => `SELECT ${k} AS part, rowid AS r, ${key} FROM ${p.stage}`).join(' UNION ALL ');
  const reader = await conn.runAndReadAll(
    `WITH u AS (${union}), o AS (SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY part, r) AS nth, ` +
      `first_value(part) OVER (PARTITION BY ${key} ORDER BY part, r) AS p0, ` +
      `first_value(r) OVER (PARTITION BY ${key} ORDER BY part, r) AS r0 FROM u) ` +
      `SELECT part, r, p0, r0, ${key} FROM o WHERE nth = 2 ORDER BY part, r LIMIT 1`,
  );
  const dup = reader.getRowsJS()[0];
  if (!dup) return;
  const [part, r, p0, r0, ...values] = dup as [number, bigint, number, bigint, ...unknown[]];
  const at = parts[part] as Staged;
  const first = parts[p0] as Staged;
  // Lines only on this error path: the file's records, as the snapshot reader counts them.
  const lineOf = (p: Staged, row: bigint) =>
    decodeRows(p.table, readFileSync(p.path, 'utf8'), p.file).lines[Number(row)] ?? 0;
  const k = values.map(String).join('\u0000');
  throw new SnapshotError(
    at.file,
    lineOf(at, r),
    1,
    `duplicate ${table} key "${k}" (first at ${first.file}:${lineOf(first, r0)})`,
  );
}

/**
 * `check` runs on the finished temporary database before it replaces the old one (the doctor's invariants):
 * when it throws, the new file is removed and the old database stays.
 */
export async function build(
  snapshotDir: string,
  dbPath: string,
  progress: (m: string) => void = () => {},
  cwd = process.cwd(),
  check?: (tmpPath: string) => Promise<void>,
): Promise<BuildResult> {
  const t0 = performance.now();
  removeStaleTemps(dbPath);
  const files = listFiles(snapshotDir, cwd);
  const tmp = tempPath(dbPath);
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  const counts: Record<string, number> = {};
  const instance = await DuckDBInstance.create(tmp);
  const conn = await instance.connect();
  let loaded = false;
  try {
    const staged: Staged[] = [];
    for (const [i, f] of files.entries()) {
      progress(`validating ${f.table}/${f.part} (${i + 1}/${files.length})`);
      staged.push(await stageFile(conn, f, i));
    }
    for (const t of tableNames) {
      const parts = staged.filter((s) => s.table === t);
      await checkKeys(conn, t, parts);
      await conn.run(createTableSql(t, { keys: false }));
      if (parts.length) {
        progress(`loading ${t}`);
        await conn.run(
          `INSERT INTO ${ident(t)} ${parts.map((p) => `SELECT ${castFromCsvSql(t)} FROM ${p.stage}`).join(' UNION ALL ')}`,
        );
      }
      counts[t] = parts.reduce((s, p) => s + p.rows, 0);
    }
    for (const s of staged) await conn.run(`DROP TABLE ${s.stage}`);
    await conn.run(`CREATE TABLE build_info AS SELECT now() AS built_at, ${sqlString(snapshotDir)} AS snapshot`);
    await conn.run(
      `CREATE TABLE ${CHECKSUM_TABLE} AS ${tableNames
        .map((t) => `SELECT ${sqlString(t)} AS table_name, n AS rows, h AS checksum FROM (${checksumSql(t)})`)
        .join(' UNION ALL ')}`,
    );
    await conn.run('CHECKPOINT');
    loaded = true;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(`${tmp}.wal`, { force: true });
    if (!loaded) rmSync(tmp, { force: true });
  }
  if (check) {
    try {
      progress('checking the new database');
      await check(tmp);
    } catch (err) {
      rmSync(tmp, { force: true });
      rmSync(`${tmp}.wal`, { force: true });
      throw err;
    }
  }
  renameSync(tmp, dbPath);
  if (existsSync(`${dbPath}.wal`)) rmSync(`${dbPath}.wal`, { force: true });
  return { db: dbPath, tables: counts, ms: Math.round(performance.now() - t0) };
}
