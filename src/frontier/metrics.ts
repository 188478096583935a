/**
 * @module
 * The capability metrics `airace gap` knows, with stable ids: Arena leaderboards (snapshot view) and every
 * benchmark in the Epoch data (release view).
 */
import { z } from 'zod';
import type { Db } from '../store/db.ts';
import type { View } from './gap.ts';

export interface Metric {
  id: string;
  title: string;
  view: View;
  /** What the score means, for labels. */
  unit: string;
  leaderboard?: { leaderboard: string; category: string };
  benchmark?: string;
  rows: number;
  date_min: string | null;
  date_max: string | null;
}

const ARENA: { id: string; title: string; leaderboard: string; category: string }[] = [
  { id: 'arena-text', title: 'Arena text, overall', leaderboard: 'lmarena-text', category: 'full' },
  { id: 'arena-text-coding', title: 'Arena text, coding', leaderboard: 'lmarena-text', category: 'coding' },
  { id: 'arena-text-chinese', title: 'Arena text, Chinese prompts', leaderboard: 'lmarena-text', category: 'chinese' },
  { id: 'arena-vision', title: 'Arena vision, overall', leaderboard: 'lmarena-vision', category: 'full' },
];

/** Metric id of an Epoch benchmark file: `epoch-eci` for the Capabilities Index, else the file name with dashes. */
export function benchmarkMetricId(benchmark: string): string {
  return benchmark === 'epoch_capabilities_index' ? 'epoch-eci' : benchmark.replace(/_/g, '-');
}

/** Every metric with its coverage: read once per database version, frozen (callers share it). */
export function listMetrics(db: Db): Promise<readonly Metric[]> {
  return db.remember('metrics', async () => Object.freeze((await readMetrics(db)).map((m) => Object.freeze(m))));
}

async function readMetrics(db: Db): Promise<Metric[]> {
  const arena = await db.rows(
    z.object({ leaderboard: z.string(), category: z.string(), n: z.number(), lo: z.string(), hi: z.string() }),
    `SELECT leaderboard, category, count(*) AS n, min(snapshot_date) AS lo, max(snapshot_date) AS hi FROM leaderboard_entries GROUP BY ALL`,
  );
  const out: Metric[] = [];
  for (const a of ARENA) {
    const r = arena.find((x) => x.leaderboard === a.leaderboard && x.category === a.category);
    if (!r) continue;
    out.push({
      id: a.id,
      title: a.title,
      view: 'snapshot',
      unit: 'Arena rating',
      leaderboard: { leaderboard: a.leaderboard, category: a.category },
      rows: r.n,
      date_min: r.lo,
      date_max: r.hi,
    });
  }
  const benches = await db.rows(
    z.object({
      benchmark: z.string(),
      metric: z.string(),
      source_id: z.string(),
      n: z.number(),
      lo: z.string().nullable(),
      hi: z.string().nullable(),
    }),
    `SELECT benchmark, min(metric) AS metric, min(source_id) AS source_id, count(*) AS n, min(release_date) AS lo, max(release_date) AS hi FROM benchmark_results GROUP BY benchmark ORDER BY benchmark`,
  );
  for (const b of benches) {
    const benchmark = b.benchmark;
    out.push({
      id: benchmarkMetricId(benchmark),
      title:
        benchmark === 'epoch_capabilities_index'
          ? 'Epoch Capabilities Index'
          : b.source_id.startsWith('epoch')
            ? `${benchmark.replace(/_/g, ' ')} (Epoch AI)`
            : b.metric.replace(/ \(via OpenRouter.*$/, ' (via OpenRouter)'),
      view: 'release',
      unit: b.metric,
      benchmark,
      rows: b.n,
      date_min: b.lo,
      date_max: b.hi,
    });
  }
  return out;
}
