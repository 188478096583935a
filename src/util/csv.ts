/**
 * @module
 * CSV of a list of records: the union of their keys as columns, nested values as JSON.
 */
import { stringify } from 'csv-stringify/sync';

export function rowsToCsv(list: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return stringify([columns, ...list.map((r) => columns.map((k) => cell(r[k])))]);
}
