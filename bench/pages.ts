/**
 * Page bench: time of the costly reads (the Overview and Capability pages, GET /api/v1/gap) on a server that
 * has finished its start-up warm-up: the first request of each view people open by default, the first request
 * of a view the warm-up did not compute (other parameters), then the median of five repeats (cached).
 * Baseline in the same run: GET /api/v1/health on the same server. Targets (issue 19): ≤ 300 ms warm,
 * ≤ 50 ms cached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../src/store/build.ts';
import { startServer } from './load.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PATHS = ['/', '/capability', '/api/v1/gap'];
/** Views the warm-up does not compute: a page with another metric and date, a gap with other parameters. */
const UNWARMED = ['/capability?metric=gpqa-diamond&as_of=2025-09-01', '/api/v1/gap?metric=epoch-eci&as_of=2025-09-01'];

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchPages(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'airace-bench-pages-'));
  const dbPath = join(dir, 'a.duckdb');
  await build(join(ROOT, 'data', 'snapshot'), dbPath);
  const server = await startServer(dbPath, { warm: true });
  try {
    const health = [] as number[];
    for (let k = 0; k < 5; k++) health.push(await timed(`${server.url}/api/v1/health`));
    const rows: Record<string, unknown>[] = [];
    for (const p of [...PATHS, ...UNWARMED]) {
      const first = await timed(`${server.url}${p}`);
      const repeats = [] as number[];
      for (let k = 0; k < 5; k++) repeats.push(await timed(`${server.url}${p}`));
      rows.push({
        path: p,
        warmed_at_start: PATHS.includes(p),
        first_ms: Math.round(first),
        repeat_median_ms: Math.round(median(repeats)),
      });
    }
    return {
      bench: 'pages',
      warm_up_ms: server.warmMs,
      pages: rows,
      baseline_health_median_ms: Number(median(health).toFixed(1)),
      targets: { first_ms: '<= 300', repeat_median_ms: '<= 50' },
    };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
