/**
 * @module
 * `airace export --format parquet DIR`: every table as Parquet, hive-partitioned where a table has a
 * natural partition, so Trino, Spark or DuckDB itself can query the folder as external tables.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tableNames, type TableName } from '../data/schema.ts';
import type { Db } from './db.ts';
import { ident } from './ddl.ts';

/** The hive partition column of each large table. */
export const PARTITIONS: Partial<Record<TableName, string>> = {
  leaderboard_entries: 'leaderboard',
  benchmark_results: 'benchmark',
  usage: 'window',
  prices: 'provider',
  open_models: 'snapshot_date',
};

export async function exportParquet(db: Db, dir: string, progress: (m: string) => void = () => {}): Promise<{ dir: string; tables: string[] }> {
  const tmp = `${dir}.tmp-${process.pid}`;
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
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, tables: [...tableNames] };
}
