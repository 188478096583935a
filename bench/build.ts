/**
 * Build bench: the full airace build (validate + load) against DuckDB's bare read_csv load of the same files,
 * which is the floor any build from CSV can reach. The files are read once first (so both find them in the page
 * cache) and each side runs twice, keeping its faster run, since the machine is shared.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listSnapshotFiles } from '../src/data/snapshot.ts';
import { build } from '../src/store/build.ts';

const snapshot = resolve(import.meta.dirname, '..', 'data', 'snapshot');

async function bareLoad(dir: string, run: number): Promise<number> {
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(join(dir, `bare-${run}.duckdb`));
  const conn = await inst.connect();
  for (const [i, f] of listSnapshotFiles(snapshot).entries()) {
    await conn.run(
      `CREATE TABLE t${i} AS SELECT * FROM read_csv('${f.path.replace(/'/g, "''")}', header = true, all_varchar = true)`,
    );
  }
  conn.closeSync();
  inst.closeSync();
  return performance.now() - t0;
}

export async function benchBuild(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'airace-bench-'));
  try {
    for (const f of listSnapshotFiles(snapshot)) readFileSync(f.path);
    const baseline = Math.min(await bareLoad(dir, 1), await bareLoad(dir, 2));
    const rss0 = process.memoryUsage().rss;
    let ours = Number.POSITIVE_INFINITY;
    for (const run of [1, 2]) {
      const t0 = performance.now();
      await build(snapshot, join(dir, `airace-${run}.duckdb`));
      ours = Math.min(ours, performance.now() - t0);
    }
    return {
      bench: 'build',
      airace_ms: Math.round(ours),
      baseline_bare_read_csv_ms: Math.round(baseline),
      ratio_airace_over_baseline: Number((ours / baseline).toFixed(2)),
      rss_growth_mb: Math.round((process.memoryUsage().rss - rss0) / 1e6),
      target: 'ratio <= 1.5',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
