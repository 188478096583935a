/**
 * @module
 * `airace build`: validates the whole curated snapshot, loads it into a new DuckDB file beside the target,
 * and swaps it in only when everything loaded. On any failure the previous database is untouched.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { columnsOf, primaryKeys, tableNames } from '../data/schema.ts';
import { listSnapshotFiles, readSnapshot, SnapshotError } from '../data/snapshot.ts';
import { castFromCsvSql, createTableSql, ident } from './ddl.ts';

export interface BuildResult {
  db: string;
  tables: Record<string, number>;
  ms: number;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function checkPrimaryKeys(parts: ReturnType<typeof readSnapshot>, files: ReturnType<typeof listSnapshotFiles>): void {
  const seen = new Map<string, Map<string, string>>();
  parts.forEach((p, i) => {
    const pk = primaryKeys[p.table];
    if (!pk) return;
    const keys = seen.get(p.table) ?? new Map<string, string>();
    seen.set(p.table, keys);
    p.rows.forEach((row, r) => {
      const key = pk.map((k) => String((row as Record<string, unknown>)[k])).join('\u0000');
      const file = files[i]?.path ?? p.part;
      const prev = keys.get(key);
      // Line r + 2: the header is line 1 (multi-line quoted fields make this approximate).
      if (prev) throw new SnapshotError(file, r + 2, 1, `duplicate ${p.table} key "${key}" (first in ${prev})`);
      keys.set(key, file);
    });
  });
}

export async function build(snapshotDir: string, dbPath: string, progress: (m: string) => void = () => {}): Promise<BuildResult> {
  const t0 = performance.now();
  progress('validating snapshot');
  const parts = readSnapshot(snapshotDir);
  const files = listSnapshotFiles(snapshotDir);
  checkPrimaryKeys(parts, files);

  const tmp = `${dbPath}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  const counts: Record<string, number> = {};
  const instance = await DuckDBInstance.create(tmp);
  const conn = await instance.connect();
  try {
    for (const t of tableNames) {
      await conn.run(createTableSql(t));
      counts[t] = 0;
    }
    for (const [i, f] of files.entries()) {
      progress(`loading ${f.table}/${f.part} (${i + 1}/${files.length})`);
      const cols = columnsOf(f.table).map((c) => `${sqlString(c.name)}: 'VARCHAR'`).join(', ');
      await conn.run(
        `INSERT INTO ${ident(f.table)} SELECT ${castFromCsvSql(f.table)} FROM read_csv(${sqlString(f.path)}, header = true, columns = {${cols}}, quote = '"', escape = '"', nullstr = '', strict_mode = true)`,
      );
      counts[f.table] = (counts[f.table] ?? 0) + (parts[i]?.rows.length ?? 0);
    }
    await conn.run(`CREATE TABLE build_info AS SELECT now() AS built_at, ${sqlString(snapshotDir)} AS snapshot`);
    await conn.run('CHECKPOINT');
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
    throw err;
  }
  conn.closeSync();
  instance.closeSync();
  rmSync(`${tmp}.wal`, { force: true });
  renameSync(tmp, dbPath);
  if (existsSync(`${dbPath}.wal`)) rmSync(`${dbPath}.wal`, { force: true });
  return { db: dbPath, tables: counts, ms: Math.round(performance.now() - t0) };
}
