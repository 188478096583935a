/**
 * @module
 * DuckDB DDL derived from the zod schema: the store has no table definition of its own.
 */
import { columnsOf, primaryKeys, type ColumnKind, type TableName } from '../data/schema.ts';

export const SQL_TYPES: Record<ColumnKind, string> = {
  text: 'VARCHAR', date: 'DATE', int: 'BIGINT', float: 'DOUBLE', bool: 'BOOLEAN', list: 'VARCHAR[]',
};

/** Double-quotes an identifier that comes from the schema (never from user input). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function createTableSql(table: TableName): string {
  const cols = columnsOf(table).map((c) => `  ${ident(c.name)} ${SQL_TYPES[c.kind]}${c.nullable ? '' : ' NOT NULL'}`);
  const pk = primaryKeys[table];
  if (pk) cols.push(`  PRIMARY KEY (${pk.map(ident).join(', ')})`);
  return `CREATE TABLE ${ident(table)} (\n${cols.join(',\n')}\n);`;
}

/** The SELECT list that turns an all-VARCHAR read of a snapshot CSV into the table's types. */
export function castFromCsvSql(table: TableName): string {
  return columnsOf(table)
    .map((c) => {
      const v = ident(c.name);
      if (c.kind === 'list') return `COALESCE(from_json(${v}, '["VARCHAR"]'), []::VARCHAR[]) AS ${v}`;
      if (c.kind === 'text') return c.nullable ? `${v}` : `COALESCE(${v}, '') AS ${v}`;
      return `CAST(${v} AS ${SQL_TYPES[c.kind]}) AS ${v}`;
    })
    .join(', ');
}
