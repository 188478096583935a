/**
 * @module
 * CSV as every upstream source writes it, read one way by the importer (files) and the connectors (responses):
 * a header row, `#` comment lines, a byte-order mark, rows that may be short or long.
 */
import { parse } from 'csv-parse/sync';

/** Records keyed by column name; throws csv-parse's error on text that is not CSV. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, {
    columns: true,
    bom: true,
    comment: '#',
    comment_no_infix: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
}
