/**
 * @module
 * Observations for the gap computation, read from the database: each score with its date, its model's
 * bloc (through the one attribution table), its standard error and its source.
 */
import { blocOf } from '../data/attribution.ts';
import { z } from 'zod';
import type { Db } from '../store/db.ts';
import type { Observation } from './gap.ts';
import type { Metric } from './metrics.ts';
import { isPreReleaseName } from '../data/identity.ts';

/** 95% intervals are ±1.96 standard errors. */
const Z95 = 1.959964;

/**
 * Preliminary Arena entries, by the entry alone: flagged by their source, or recognisable by few votes
 * (< 2,000), a wide interval (more than 30 points from bound to bound), or a pre-release name (a codename
 * such as "chocolate (Early Grok-3)", or `early-…`).
 */
export function isPreliminary(e: {
  preliminary: boolean | null;
  votes: number | null;
  ci_low: number | null;
  ci_high: number | null;
  model_raw?: string;
}): boolean {
  if (e.preliminary === true) return true;
  if (e.votes !== null && e.votes < FEW_VOTES) return true;
  if (e.model_raw !== undefined && isPreReleaseName(e.model_raw)) return true;
  return e.ci_low !== null && e.ci_high !== null && e.ci_high - e.ci_low > WIDE_INTERVAL_POINTS;
}
const FEW_VOTES = 2000;
const WIDE_INTERVAL_POINTS = 30;

/**
 * isPreliminary without the pre-release name, as a SQL condition on leaderboard_entries' columns, for reads
 * that summarise in the database instead of reading every row (a test keeps the two forms equal).
 */
export const PRELIMINARY_SQL = `coalesce(preliminary IS TRUE OR votes < ${FEW_VOTES} OR ci_high - ci_low > ${WIDE_INTERVAL_POINTS}, false)`;

/** One leaderboard row as the loader reads it. */
// Plain types, not the table's refined ones: the largest read of the project takes the fast path of db.rows.
export const boardRow = z.object({
  date: z.string(),
  model: z.string(),
  model_raw: z.string(),
  score: z.number(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  votes: z.number().nullable(),
  preliminary: z.boolean().nullable(),
  source_id: z.string(),
});
export type BoardRow = z.output<typeof boardRow>;

const benchmarkRow = z.object({
  date: z.string().nullable(),
  model_id: z.string(),
  score: z.number(),
  stderr: z.number().nullable(),
  source_id: z.string(),
  country: z.string().nullable(),
});

/**
 * Preliminary in every source: sources differ in what they say (only some give votes or flags), so a model
 * counts as preliminary on a date when any source marks it so on that date or later (a pre-release name marks
 * it on every date). Returns a test for (model, date).
 */
export function preliminaryAcrossSources(rows: readonly BoardRow[]): (model: string, date: string) => boolean {
  const until = new Map<string, string>();
  const always = new Set<string>();
  for (const r of rows) {
    if (isPreReleaseName(r.model_raw)) always.add(r.model);
    if (!isPreliminary(r)) continue;
    const u = until.get(r.model);
    if (!u || r.date > u) until.set(r.model, r.date);
  }
  return (model, date) => always.has(model) || (until.get(model) ?? '') >= date;
}

/** A source's snapshot whose scores sit on another scale than the others around it. */
export interface OffScale {
  source_id: string;
  date: string;
  /** Median absolute score difference from its neighbours (points). */
  offset: number;
}

/**
 * Two snapshots whose scores differ by more than this, as the median absolute difference over shared models,
 * are not on one scale (same-scale sources a few days apart differ by rounding and drift: a few points).
 */
export const OFF_SCALE_POINTS = 10;
const NEIGHBOUR_DAYS = 7;
const MIN_SHARED = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? (s[k] as number) : ((s[k - 1] as number) + (s[k] as number)) / 2;
}

/**
 * Snapshots on another scale: each (source, date) is compared with the nearest snapshot of every source within
 * a week (for its own source, the previous and the next), by the median absolute score difference over shared
 * models (a shifted scale and a re-ordered one, such as style control, both show).
 * A snapshot whose median of those differences exceeds OFF_SCALE_POINTS is off-scale (e.g. style-controlled
 * ratings published under the default category). A snapshot with fewer than two comparisons is not judged.
 */
export function offScaleSnapshots(rows: readonly BoardRow[]): OffScale[] {
  const boards = new Map<string, Map<string, Map<string, number>>>(); // source → date → model → score
  for (const r of rows) {
    const bySource = boards.get(r.source_id) ?? new Map<string, Map<string, number>>();
    const board = bySource.get(r.date) ?? new Map<string, number>();
    if (!board.has(r.model)) board.set(r.model, r.score);
    bySource.set(r.date, board);
    boards.set(r.source_id, bySource);
  }
  const dates = new Map([...boards].map(([src, m]) => [src, [...m.keys()].sort()]));
  const dayNo = (d: string) => Date.parse(d) / 86_400_000;
  const diff = (a: Map<string, number>, b: Map<string, number>): number | null => {
    const d: number[] = [];
    for (const [m, s] of a) {
      const t = b.get(m);
      if (t !== undefined) d.push(Math.abs(s - t));
    }
    return d.length >= MIN_SHARED ? median(d) : null;
  };
  const out: OffScale[] = [];
  for (const [src, byDate] of boards) {
    for (const [date, board] of byDate) {
      const offsets: number[] = [];
      for (const [other, list] of dates) {
        const candidates: string[] = [];
        if (other === src) {
          const i = list.indexOf(date);
          if (i > 0) candidates.push(list[i - 1] as string);
          if (i < list.length - 1) candidates.push(list[i + 1] as string);
        } else {
          let best: string | undefined;
          for (const d of list)
            if (!best || Math.abs(dayNo(d) - dayNo(date)) < Math.abs(dayNo(best) - dayNo(date))) best = d;
          if (best) candidates.push(best);
        }
        for (const d of candidates) {
          if (Math.abs(dayNo(d) - dayNo(date)) > NEIGHBOUR_DAYS) continue;
          const o = diff(board, boards.get(other)?.get(d) ?? new Map());
          if (o !== null) offsets.push(o);
        }
      }
      if (offsets.length < 2) continue;
      const offset = median(offsets);
      if (Math.abs(offset) > OFF_SCALE_POINTS) out.push({ source_id: src, date, offset: Math.round(offset * 10) / 10 });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.source_id.localeCompare(b.source_id));
}

/** Source order for the merged view's attribution of a day's score (official data first). */
const SOURCE_PRIORITY = [
  'lmarena-arena-catalog',
  'fboulnois-llm-leaderboard-csv',
  'nakasyou-lmarena-history',
  'cherry-studio-lmarena-snapshots',
];
const priority = (s: string) => {
  const i = SOURCE_PRIORITY.indexOf(s);
  return i === -1 ? SOURCE_PRIORITY.length : i;
};

export interface Merged {
  date: string;
  model: string;
  score: number;
  sd: number | null;
  /** The sources that list the model that day; the first is the one cited. */
  sources: string[];
}

/**
 * The merged daily board: on each date, every model any (on-scale) source lists, with the mean of the
 * sources' scores (they differ by rounding) and the published interval of the first source that gives one.
 * A series built on it does not depend on which source happens to cover a day.
 */
export function mergeDaily(rows: readonly BoardRow[]): Merged[] {
  const byKey = new Map<string, BoardRow[]>();
  for (const r of rows) {
    const k = `${r.date}\u0000${r.model}`;
    const list = byKey.get(k) ?? [];
    list.push(r);
    byKey.set(k, list);
  }
  const out: Merged[] = [];
  for (const list of byKey.values()) {
    // One score per source: a source listing several raw names for one model counts its best.
    const perSource = new Map<string, BoardRow>();
    for (const r of list) {
      const prev = perSource.get(r.source_id);
      if (!prev || r.score > prev.score) perSource.set(r.source_id, r);
    }
    const chosen = [...perSource.values()].sort(
      (a, b) => priority(a.source_id) - priority(b.source_id) || a.source_id.localeCompare(b.source_id),
    );
    const withCi = chosen.find((r) => r.ci_low !== null && r.ci_high !== null);
    const first = chosen[0] as BoardRow;
    out.push({
      date: first.date,
      model: first.model,
      score: chosen.reduce((a, r) => a + r.score, 0) / chosen.length,
      sd: withCi ? ((withCi.ci_high as number) - (withCi.ci_low as number)) / (2 * Z95) : null,
      sources: chosen.map((r) => r.source_id),
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.model.localeCompare(b.model));
}

/** A board listing fewer than this share of the models of the boards before it is a truncated page (a top 30). */
const TRUNCATED_SHARE = 0.5;
/** How old a carried-forward entry may be. */
const CARRY_DAYS = 30;

/**
 * Latest known score on truncated boards: when a day's board lists far fewer models than the boards before it
 * (a top-30 page), each model it omits keeps its latest score from the last full board (at most CARRY_DAYS old),
 * if that score is below the board's lowest entry, as a cut-off model's would be. Carried entries keep their
 * source and say when they were last seen. Pure; returns the board with the carried entries added.
 */
export function carryForwardTruncated(merged: readonly Merged[]): (Merged & { carried_from?: string })[] {
  const byDate = new Map<string, Merged[]>();
  for (const m of merged) byDate.set(m.date, [...(byDate.get(m.date) ?? []), m]);
  const dates = [...byDate.keys()].sort();
  const out: (Merged & { carried_from?: string })[] = [...merged];
  let lastFull: { date: string; board: Merged[] } | null = null;
  const sizes: number[] = [];
  for (const d of dates) {
    const board = byDate.get(d) as Merged[];
    const recent = sizes.slice(-5);
    const typical = recent.length ? median(recent) : board.length;
    if (board.length >= TRUNCATED_SHARE * typical || !lastFull) {
      lastFull = { date: d, board };
      sizes.push(board.length);
      continue;
    }
    if ((Date.parse(d) - Date.parse(lastFull.date)) / 86_400_000 > CARRY_DAYS) continue;
    const listed = new Set(board.map((m) => m.model));
    const floor = Math.min(...board.map((m) => m.score));
    for (const m of lastFull.board) {
      if (listed.has(m.model) || m.score >= floor) continue;
      out.push({ ...m, date: d, carried_from: lastFull.date });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.model.localeCompare(b.model));
}

export interface Loaded {
  observations: readonly Observation[];
  /** Rows read, and those left out with why. */
  coverage: {
    rows: number;
    used: number;
    /** Used, but attributed to no country: no bloc's frontier counts them. */ without_country: number;
    without_date: number;
    preliminary_excluded: number;
    /** Rows of a source's snapshot that sits on another scale than the sources around it. */ off_scale_excluded: number;
    /** Rows merged into another source's entry for the same day and model. */ other_sources_same_day: number;
    /** Entries carried forward onto truncated boards (latest known score of a model the page cut off). */ carried_forward?: number;
  };
  /** Snapshots left out as off-scale, with their offset from the sources around them. */
  off_scale?: OffScale[];
}

/**
 * A metric's observations, merged and screened, with what was left out and why. Read once per database version
 * (Db.rememberOnDisk): gap, scorecard, cost, timeline, doctor and the fact index all start from it, for every
 * date asked.
 */
export function loadObservations(db: Db, metric: Metric, includePreliminary: boolean): Promise<Loaded> {
  // Kept on disk too: the largest board takes a second and a half to read and merge, a tenth of that to parse.
  return db.rememberOnDisk(
    `observations\u0000${metric.id}\u0000${includePreliminary}`,
    () => readObservations(db, metric, includePreliminary).then(freezeLoaded),
    freezeLoaded,
  );
}

/** Shared between requests: frozen, so a caller that sorts or edits in place fails loudly instead. */
function freezeLoaded(l: Loaded): Loaded {
  for (const o of l.observations) Object.freeze(o);
  Object.freeze(l.observations);
  Object.freeze(l.coverage);
  if (l.off_scale) Object.freeze(l.off_scale);
  return Object.freeze(l);
}

async function readObservations(db: Db, metric: Metric, includePreliminary: boolean): Promise<Loaded> {
  const coverage: Loaded['coverage'] = {
    rows: 0,
    used: 0,
    without_country: 0,
    without_date: 0,
    preliminary_excluded: 0,
    off_scale_excluded: 0,
    other_sources_same_day: 0,
  };
  const observations: Observation[] = [];
  let offScale: OffScale[] | undefined;
  if (metric.leaderboard) {
    const raw = await db.rows(
      boardRow.extend({ country: z.string().nullable() }),
      `SELECT CAST(e.snapshot_date AS VARCHAR) AS date, e.model_id AS model, e.model_raw, e.score, e.ci_low, e.ci_high, e.votes, e.preliminary, e.source_id, o.country
       FROM leaderboard_entries e LEFT JOIN models m ON m.id = e.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE e.leaderboard = $1 AND e.category = $2`,
      [metric.leaderboard.leaderboard, metric.leaderboard.category],
    );
    coverage.rows = raw.length;
    const country = new Map<string, string | null>();
    const rows: BoardRow[] = raw.map(({ country: c, ...r }) => {
      country.set(r.model, c);
      return r;
    });
    offScale = offScaleSnapshots(rows);
    const off = new Set(offScale.map((o) => `${o.source_id}\u0000${o.date}`));
    const prelim = preliminaryAcrossSources(rows);
    const kept: BoardRow[] = [];
    for (const r of rows) {
      if (off.has(`${r.source_id}\u0000${r.date}`)) coverage.off_scale_excluded++;
      else if (!includePreliminary && prelim(r.model, r.date)) coverage.preliminary_excluded++;
      else kept.push(r);
    }
    const daily = mergeDaily(kept);
    coverage.other_sources_same_day = kept.length - daily.length;
    const merged = carryForwardTruncated(daily);
    coverage.carried_forward = merged.length - daily.length;
    for (const m of merged) {
      const c = country.get(m.model) ?? null;
      // Kept with bloc "unknown": no gap counts them, but a price–capability view still can.
      if (!c || c === 'unknown') coverage.without_country++;
      observations.push({
        date: m.date,
        model: m.model,
        bloc: c ? blocOf(c) : 'unknown',
        score: m.score,
        sd: m.sd,
        source_id: m.sources[0] as string,
      });
    }
  } else if (metric.benchmark) {
    const rows = await db.rows(
      benchmarkRow,
      `SELECT CAST(COALESCE(b.release_date, m.release_date) AS VARCHAR) AS date, b.model_id, b.score, b.stderr, b.source_id, o.country
       FROM benchmark_results b LEFT JOIN models m ON m.id = b.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE b.benchmark = $1`,
      [metric.benchmark],
    );
    coverage.rows = rows.length;
    for (const r of rows) {
      if (r.date === null) {
        coverage.without_date++;
        continue;
      }
      if (!r.country || r.country === 'unknown') coverage.without_country++;
      observations.push({
        date: r.date,
        model: r.model_id,
        bloc: r.country ? blocOf(r.country) : 'unknown',
        score: r.score,
        sd: r.stderr,
        source_id: r.source_id,
      });
    }
  }
  coverage.used = observations.length;
  return { observations, coverage, ...(offScale ? { off_scale: offScale } : {}) };
}
