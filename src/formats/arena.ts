/**
 * @module
 * The LMArena leaderboard formats, read the same way by the importer (git history of the files) and the
 * connector (the live files): the catalog JSON (category → model → rating and 95% quantiles) and the CSV
 * layout (rank, model, arena_score or arena_elo, 95_pct_ci, votes, organization, license). Pure: text in,
 * rows out. Entries the format does not allow are listed in `problems`; the importer skips them, the
 * connector treats any as schema drift.
 */
import { modelKey } from '../data/identity.ts';
import { parseCi, toInt, toNumber } from '../data/import/common.ts';
import type { Row } from '../data/schema.ts';

type Entry = Row<'leaderboard_entries'>;

/** Rows of a catalog file (`leaderboard-text.json` and its siblings). */
export function entriesFromCatalog(
  doc: unknown,
  leaderboard: string,
  date: string,
  source_id: string,
  problems: string[] = [],
): Entry[] {
  const out: Entry[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    problems.push('not an object of categories');
    return out;
  }
  for (const [category, models] of Object.entries(doc as Record<string, unknown>)) {
    if (typeof models !== 'object' || models === null) {
      problems.push(`category "${category}" is not an object of models`);
      continue;
    }
    for (const [raw, v] of Object.entries(
      models as Record<string, { rating?: unknown; rating_q025?: number; rating_q975?: number }>,
    )) {
      if (typeof v?.rating !== 'number') {
        problems.push(`${category}/${raw} has no numeric "rating"`);
        continue;
      }
      out.push({
        leaderboard,
        category,
        snapshot_date: date,
        model_id: modelKey(raw),
        model_raw: raw,
        organization_raw: null,
        score: v.rating,
        ci_low: v.rating_q025 ?? null,
        ci_high: v.rating_q975 ?? null,
        votes: null,
        rank: null,
        preliminary: null,
        source_id,
      });
    }
  }
  return out;
}

/** The columns the CSV layout must have (`a|b`: either); its header changed over time (arena_elo → arena_score). */
export const ARENA_CSV_COLUMNS = ['model', 'arena_score|arena_elo', 'votes', 'organization'];

/** One CSV record as an entry, or null when it has no model or no score. */
export function entryFromArenaCsv(
  r: Record<string, string>,
  leaderboard: string,
  category: string,
  date: string,
  source_id: string,
): Entry | null {
  const raw = r['model'];
  const score = toNumber(r['arena_score'] ?? r['arena_elo']);
  if (!raw || score === null) return null;
  const [ci_low, ci_high] = parseCi(r['95_pct_ci'], score);
  return {
    leaderboard,
    category,
    snapshot_date: date,
    model_id: modelKey(raw),
    model_raw: raw,
    organization_raw: r['organization'] || null,
    score,
    ci_low,
    ci_high,
    votes: toInt(r['votes']),
    rank: toInt(r['rank']),
    preliminary: null,
    source_id,
  };
}
