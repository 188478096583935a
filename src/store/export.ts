/**
 * @module
 * `airace export --format parquet DIR`: every table as Parquet, hive-partitioned where a table has a
 * natural partition, so Trino, Spark or DuckDB itself can query the folder as external tables.
 *
 * Never destroys data by surprise: a DIR that exists and is not empty is refused unless `force`; the
 * export is written into a temporary sibling folder and renamed into place only when complete.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { InputError } from '../ops/operation.ts';
import { tableNames, type TableName } from '../data/schema.ts';
import type { Db } from './db.ts';
import { ident } from './ddl.ts';
import { removeStaleTemps, tempPath } from './temp.ts';

/** The hive partition column of each large table. */
export const PARTITIONS: Partial<Record<TableName, string>> = {
  leaderboard_entries: 'leaderboard',
  benchmark_results: 'benchmark',
  usage: 'window',
  prices: 'provider',
  open_models: 'snapshot_date',
};

export interface ExportOptions {
  /** Replace a non-empty DIR (its files are deleted once the new export is complete). */
  force?: boolean;
}

/** Throws InputError('dir') unless `dir` may be written: absent, an empty folder, or any folder with force. */
export function checkTarget(dir: string, force = false): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new InputError('dir', `${dir} exists and is not a folder`);
  if (!force && readdirSync(dir).length > 0) {
    throw new InputError(
      'dir',
      `${dir} is not empty; choose an empty or new folder, or pass force to replace its contents`,
    );
  }
}

export async function exportParquet(
  db: Db,
  dir: string,
  progress: (m: string) => void = () => {},
  options: ExportOptions = {},
): Promise<{ dir: string; tables: string[] }> {
  removeStaleTemps(dir);
  checkTarget(dir, options.force === true);
  const tmp = tempPath(dir);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const [i, t] of tableNames.entries()) {
      progress(`exporting ${t} (${i + 1}/${tableNames.length})`);
      const target = `${tmp}/${t}`.replace(/'/g, "''");
      const part = PARTITIONS[t];
      await db.run(
        part
          ? `COPY (SELECT * FROM ${ident(t)}) TO '${target}' (FORMAT parquet, PARTITION_BY (${ident(part)}), OVERWRITE_OR_IGNORE)`
          : `COPY (SELECT * FROM ${ident(t)}) TO '${target}.parquet' (FORMAT parquet)`,
      );
    }
    // Checked again: the folder may have been filled while the export ran.
    checkTarget(dir, options.force === true);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(dir)) {
    const old = tempPath(dir, 'old');
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else renameSync(tmp, dir);
  return { dir, tables: [...tableNames] };
}
