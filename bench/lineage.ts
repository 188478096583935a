/**
 * Lineage bench: 2,000,000 SYNTHETIC hub records (bench/lineage-gen.ts, seeded; never shown as data)
 * resolved to their roots by airace, against a straightforward recursive baseline in the same run.
 * Targets (SPEC): under 10 s and under 2 GB. Environment: BENCH_HUB_RECORDS.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

function run(
  which: string,
  n: number,
): { ms: number; maxrss_mb: number; input_rss_mb: number; coverage?: unknown; max_depth?: number } {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', '--import', 'tsx', join(ROOT, 'bench', 'lineage-run.ts'), String(n), '7', which],
    { encoding: 'utf8' },
  );
  if (r.status !== 0)
    return {
      ms: Number.NaN,
      maxrss_mb: Number.NaN,
      input_rss_mb: Number.NaN,
      coverage: `failed: ${r.stderr.split('\n').find((l) => /Error/.test(l)) ?? r.stderr.slice(0, 200)}`,
    };
  return JSON.parse(r.stdout);
}

export async function benchLineage(): Promise<Record<string, unknown>> {
  const n = Number(process.env['BENCH_HUB_RECORDS'] ?? 2_000_000);
  const ours = run('airace', n);
  const base = run('baseline', n);
  return {
    bench: 'lineage',
    records: n,
    data: 'SYNTHETIC (seeded generator, bench/lineage-gen.ts)',
    airace_resolve_ms: Math.round(ours.ms),
    baseline_recursive_ms: Number.isNaN(base.ms) ? base.coverage : Math.round(base.ms),
    speedup_baseline_over_airace: Number.isNaN(base.ms) ? null : Number((base.ms / ours.ms).toFixed(2)),
    airace_peak_rss_mb: Math.round(ours.maxrss_mb),
    records_in_memory_before_resolve_mb: Math.round(ours.input_rss_mb),
    max_depth: ours.max_depth,
    coverage: ours.coverage,
    targets: { ms: '< 10000', peak_rss_mb: '< 2048' },
  };
}
