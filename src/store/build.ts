/**
 * @module
 * `airace build`: validates the whole curated snapshot, loads it into a new DuckDB file beside the target,
 * and swaps it in only when everything loaded. On any failure the previous database is untouched.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { columnsOf, primaryKeys, tableNames } from '../data/schema.ts';
import { readSnapshot, SnapshotError, type SnapshotFile } from '../data/snapshot.ts';
import { castFromCsvSql, createTableSql, ident } from './ddl.ts';

export interface BuildResult {
  db: string;
  tables: Record<string, number>;
  ms: number;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Primary keys are unique across all files of a table; a duplicate names both places. */
function checkPrimaryKeys(files: readonly SnapshotFile[]): void {
  const seen = new Map<string, Map<string, string>>();
  for (const f of files) {
    const pk = primaryKeys[f.table];
    if (!pk) continue;
    const keys = seen.get(f.table) ?? new Map<string, string>();
    seen.set(f.table, keys);
    f.rows.forEach((row, r) => {
      const key = pk.map((k) => String((row as Record<string, unknown>)[k])).join('\u0000');
      const line = f.lines[r] ?? 0;
      const prev = keys.get(key);
      if (prev) throw new SnapshotError(f.file, line, 1, `duplicate ${f.table} key "${key}" (first at ${prev})`);
      keys.set(key, `${f.file}:${line}`);
    });
  }
}

export async function build(snapshotDir: string, dbPath: string, progress: (m: string) => void = () => {}): Promise<BuildResult> {
  const t0 = performance.now();
  progress('validating snapshot');
  const files = readSnapshot(snapshotDir);
  checkPrimaryKeys(files);

  const tmp = `${dbPath}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  const counts: Record<string, number> = {};
  const instance = await DuckDBInstance.create(tmp);
  const conn = await instance.connect();
  let loaded = false;
  try {
    for (const t of tableNames) {
      await conn.run(createTableSql(t));
      counts[t] = 0;
    }
    for (const [i, f] of files.entries()) {
      progress(`loading ${f.table}/${f.part} (${i + 1}/${files.length})`);
      // The rows were validated above; DuckDB re-reads the same file because its CSV loader is far
      // faster than appending row by row from JavaScript.
      const cols = columnsOf(f.table).map((c) => `${sqlString(c.name)}: 'VARCHAR'`).join(', ');
      await conn.run(
        `INSERT INTO ${ident(f.table)} SELECT ${castFromCsvSql(f.table)} FROM read_csv(${sqlString(f.path)}, header = true, columns = {${cols}}, quote = '"', escape = '"', nullstr = '', strict_mode = true)`,
      );
      counts[f.table] = (counts[f.table] ?? 0) + f.rows.length;
    }
    await conn.run(`CREATE TABLE build_info AS SELECT now() AS built_at, ${sqlString(snapshotDir)} AS snapshot`);
    await conn.run('CHECKPOINT');
    loaded = true;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(`${tmp}.wal`, { force: true });
    if (!loaded) rmSync(tmp, { force: true });
  }
  renameSync(tmp, dbPath);
  if (existsSync(`${dbPath}.wal`)) rmSync(`${dbPath}.wal`, { force: true });
  return { db: dbPath, tables: counts, ms: Math.round(performance.now() - t0) };
}
