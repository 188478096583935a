/**
 * @module
 * The one date check and date arithmetic of the project: YYYY-MM-DD calendar dates in UTC.
 */

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 and 2025-13-01 are not). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Months (30.44 days) from `a` to `b`, fractional. */
export function monthsBetween(a: string, b: string): number {
  return daysBetween(a, b) / 30.436875;
}
