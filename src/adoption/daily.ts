/**
 * @module
 * Daily share of OpenRouter tokens by the country of each model's maker, for the dashboard's adoption
 * chart (the 30-day figures are in index.ts). Models without a known organization count as `unknown`.
 */
import type { Db } from '../store/db.ts';

export interface DailyShare {
  date: string;
  country: string;
  tokens: number;
  share: number;
  source_id: string;
}

export async function dailyTokenShare(db: Db, to?: string): Promise<DailyShare[]> {
  const rows = await db.all(
    `WITH j AS (
       SELECT u.date, coalesce(o.country, 'unknown') AS country, sum(u.total_tokens) AS tokens, any_value(u.source_id) AS source_id
       FROM usage u LEFT JOIN models m ON m.id = u.model_id LEFT JOIN organizations o ON o.id = m.organization_id
       WHERE u."window" = 'day' AND ($1::DATE IS NULL OR u.date <= $1::DATE) GROUP BY u.date, coalesce(o.country, 'unknown'))
     SELECT CAST(date AS VARCHAR) AS date, country, tokens, tokens / sum(tokens) OVER (PARTITION BY date) AS share, source_id FROM j ORDER BY date, country`,
    [to ?? null],
  );
  return rows.map((r) => ({
    date: String(r['date']),
    country: String(r['country']),
    tokens: Number(r['tokens']),
    share: Number(r['share']),
    source_id: String(r['source_id']),
  }));
}
