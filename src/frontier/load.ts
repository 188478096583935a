/**
 * @module
 * Observations for the gap computation, read from the database: each score with its date, its model's
 * bloc (through the one attribution table), its standard error and its source.
 */
import { blocOf } from '../data/attribution.ts';
import type { Db } from '../store/db.ts';
import type { Observation } from './gap.ts';
import type { Metric } from './metrics.ts';

/** 95% intervals are ±1.96 standard errors. */
const Z95 = 1.959964;

/**
 * Preliminary Arena entries: flagged by their source, or recognisable by few votes (< 2,000) or a wide
 * interval (more than 30 points from bound to bound).
 */
export function isPreliminary(e: { preliminary: boolean | null; votes: number | null; ci_low: number | null; ci_high: number | null }): boolean {
  if (e.preliminary === true) return true;
  if (e.votes !== null && e.votes < 2000) return true;
  return e.ci_low !== null && e.ci_high !== null && e.ci_high - e.ci_low > 30;
}

export interface Loaded {
  observations: Observation[];
  /** Rows read, and those left out with why. */
  coverage: { rows: number; used: number; /** Used, but attributed to no country: no bloc's frontier counts them. */ without_country: number; without_date: number; preliminary_excluded: number; other_sources_same_day: number };
}

export async function loadObservations(db: Db, metric: Metric, includePreliminary: boolean): Promise<Loaded> {
  const coverage = { rows: 0, used: 0, without_country: 0, without_date: 0, preliminary_excluded: 0, other_sources_same_day: 0 };
  const observations: Observation[] = [];
  if (metric.leaderboard) {
    const rows = await db.all(
      `SELECT e.snapshot_date AS date, e.model_id, e.score, e.ci_low, e.ci_high, e.votes, e.preliminary, e.source_id, o.country
       FROM leaderboard_entries e LEFT JOIN models m ON m.id = e.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE e.leaderboard = $1 AND e.category = $2`,
      [metric.leaderboard.leaderboard, metric.leaderboard.category],
    );
    coverage.rows = rows.length;
    // Several histories cover some days: use one source per day, the one that lists the most models.
    const perDay = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const day = perDay.get(String(r['date'])) ?? new Map<string, number>();
      day.set(String(r['source_id']), (day.get(String(r['source_id'])) ?? 0) + 1);
      perDay.set(String(r['date']), day);
    }
    const chosen = new Map([...perDay].map(([d, m]) => [d, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]]));
    for (const r of rows) {
      if (chosen.get(String(r['date'])) !== r['source_id']) {
        coverage.other_sources_same_day++;
        continue;
      }
      const e = { preliminary: r['preliminary'] as boolean | null, votes: r['votes'] as number | null, ci_low: r['ci_low'] as number | null, ci_high: r['ci_high'] as number | null };
      if (!includePreliminary && isPreliminary(e)) {
        coverage.preliminary_excluded++;
        continue;
      }
      // Kept with bloc "unknown": no gap counts them, but a price–capability view still can.
      if (!r['country'] || r['country'] === 'unknown') coverage.without_country++;
      observations.push({
        date: String(r['date']), model: String(r['model_id']), bloc: r['country'] ? blocOf(String(r['country'])) : 'unknown', score: Number(r['score']),
        sd: e.ci_low !== null && e.ci_high !== null ? (e.ci_high - e.ci_low) / (2 * Z95) : null, source_id: String(r['source_id']),
      });
    }
  } else if (metric.benchmark) {
    const rows = await db.all(
      `SELECT COALESCE(b.release_date, m.release_date) AS date, b.model_id, b.score, b.stderr, b.source_id, o.country
       FROM benchmark_results b LEFT JOIN models m ON m.id = b.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE b.benchmark = $1`,
      [metric.benchmark],
    );
    coverage.rows = rows.length;
    for (const r of rows) {
      if (r['date'] === null) {
        coverage.without_date++;
        continue;
      }
      if (!r['country'] || r['country'] === 'unknown') coverage.without_country++;
      observations.push({
        date: String(r['date']), model: String(r['model_id']), bloc: r['country'] ? blocOf(String(r['country'])) : 'unknown', score: Number(r['score']),
        sd: r['stderr'] === null ? null : Number(r['stderr']), source_id: String(r['source_id']),
      });
    }
  }
  coverage.used = observations.length;
  return { observations, coverage };
}
