/**
 * @module
 * Daily share of OpenRouter tokens by the country of each model's maker, for the dashboard's adoption
 * chart (the 30-day figures are in index.ts). Models without a known organization count as `unknown`.
 */
import { z } from 'zod';
import type { Db } from '../store/db.ts';

// A day whose tokens are all unreported sums to null (and its share too): counted as 0.
const zeroIfNull = z
  .number()
  .nullable()
  .transform((v) => v ?? 0);
const dailyShare = z.object({
  date: z.string(),
  country: z.string(),
  tokens: zeroIfNull,
  share: zeroIfNull,
  source_id: z.string(),
});
export type DailyShare = z.output<typeof dailyShare>;

export async function dailyTokenShare(db: Db, to?: string): Promise<DailyShare[]> {
  return db.rows(
    dailyShare,
    `WITH j AS (
       SELECT u.date, coalesce(o.country, 'unknown') AS country, sum(u.total_tokens) AS tokens, min(u.source_id) AS source_id
       FROM usage u LEFT JOIN models m ON m.id = u.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE u."window" = 'day' AND ($1::DATE IS NULL OR u.date <= $1::DATE) GROUP BY u.date, coalesce(o.country, 'unknown'))
     SELECT CAST(date AS VARCHAR) AS date, country, tokens, tokens / sum(tokens) OVER (PARTITION BY date) AS share, source_id FROM j ORDER BY date, country`,
    [to ?? null],
  );
}
