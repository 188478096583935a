/**
 * @module
 * CSV of an API answer: its main list (the first array of objects in the body), nested values as JSON.
 */
import { stringify } from 'csv-stringify/sync';

export function toCsv(body: Record<string, unknown>): string | null {
  const list = Object.values(body).find(
    (v): v is Record<string, unknown>[] =>
      Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null,
  );
  if (!list) return null;
  const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return stringify([columns, ...list.map((r) => columns.map((k) => cell(r[k])))]);
}
