/**
 * @module
 * DuckDB DDL and validation derived from the zod schema: the store has no table definition of its own.
 * The build reads each snapshot CSV as text and checks it with the SQL below, so every rule of the zod
 * schema (types, required values, patterns, enums, finite numbers) is enforced by DuckDB, not row by row.
 */
import { columnsOf, primaryKeys, tables, type ColumnKind, type TableName } from '../data/schema.ts';

export const SQL_TYPES: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  date: 'DATE',
  int: 'BIGINT',
  float: 'DOUBLE',
  bool: 'BOOLEAN',
  list: 'VARCHAR[]',
};

/** Double-quotes an identifier that comes from the schema (never from user input). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** CREATE TABLE for a table; `keys: false` leaves out the primary key (the build checks keys itself). */
export function createTableSql(table: TableName, { keys = true } = {}): string {
  const cols = columnsOf(table).map((c) => `  ${ident(c.name)} ${SQL_TYPES[c.kind]}${c.nullable ? '' : ' NOT NULL'}`);
  const pk = primaryKeys[table];
  if (pk && keys) cols.push(`  PRIMARY KEY (${pk.map(ident).join(', ')})`);
  return `CREATE TABLE ${ident(table)} (\n${cols.join(',\n')}\n);`;
}

/** The per-table row counts and row hashes the build records, for Db.probe(). */
export const CHECKSUM_TABLE = 'table_checksums';

/** Row count and an order-independent hash of every value of a table (reads every block of it). */
export const checksumSql = (table: string): string =>
  `SELECT count(*) AS n, COALESCE(bit_xor(hash(t)), 0)::UBIGINT AS h FROM ${ident(table)} t`;

// A JS-style decimal number (what Number() accepts, less hex and binary forms no source writes).
const NUMBER_RE = '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$';
const SAFE_INT = 2 ** 53 - 1;

/** The SELECT list that turns an all-VARCHAR read of a snapshot CSV into the table's types. */
export function castFromCsvSql(table: TableName): string {
  return columnsOf(table)
    .map((c) => {
      const v = ident(c.name);
      if (c.kind === 'list') return `COALESCE(from_json(${v}, '["VARCHAR"]'), []::VARCHAR[]) AS ${v}`;
      if (c.kind === 'text') return c.nullable ? `${v}` : `COALESCE(${v}, '') AS ${v}`;
      if (c.kind === 'bool') return `(${v} = 'true') AS ${v}`;
      if (c.kind === 'int') return `CAST(CAST(${v} AS DOUBLE) AS BIGINT) AS ${v}`;
      return `CAST(${v} AS ${SQL_TYPES[c.kind]}) AS ${v}`;
    })
    .join(', ');
}

interface ZodDef {
  type: string;
  format?: string;
  pattern?: RegExp;
  entries?: Record<string, string>;
  innerType?: { _zod: { def: ZodDef } };
  checks?: {
    _zod: { def: { check: string; format?: string; minimum?: number; maximum?: number; pattern?: RegExp } };
  }[];
}

const re = (r: RegExp): string => {
  if (r.flags !== '') throw new Error(`schema: regex flags are not translated to SQL (${r})`);
  return sqlString(r.source);
};

/** SQL conditions that hold for a value the zod rule accepts; `v` is the text as read (NULL when empty). */
function valueChecks(def: ZodDef, kind: ColumnKind, v: string): string[] {
  const out: string[] = [];
  if (kind === 'date') out.push(`regexp_full_match(${v}, ${re(def.pattern as RegExp)})`);
  if (kind === 'float' || kind === 'int') out.push(`regexp_full_match(${v}, ${sqlString(NUMBER_RE)})`);
  if (kind === 'float') out.push(`isfinite(TRY_CAST(${v} AS DOUBLE))`);
  if (kind === 'int')
    out.push(
      `TRY_CAST(${v} AS DOUBLE) = floor(TRY_CAST(${v} AS DOUBLE))`,
      `abs(TRY_CAST(${v} AS DOUBLE)) <= ${SAFE_INT}`,
    );
  if (kind === 'bool') out.push(`${v} IN ('true', 'false')`);
  if (kind === 'list') {
    // CASE, not AND: DuckDB evaluates both sides, and json_type throws on text that is not JSON.
    const strings = `COALESCE(list_bool_and(list_transform(json_extract(${v}, '$[*]'), e -> json_type(e) = 'VARCHAR')), true)`;
    out.push(`CASE WHEN json_valid(${v}) THEN json_type(${v}) = 'ARRAY' AND ${strings} ELSE false END`);
  }
  if (def.type === 'enum')
    out.push(
      `${v} IN (${Object.values(def.entries ?? {})
        .map(sqlString)
        .join(', ')})`,
    );
  for (const {
    _zod: { def: c },
  } of def.checks ?? []) {
    if (c.check === 'min_length') out.push(`length(${v}) >= ${c.minimum}`);
    else if (c.check === 'max_length') out.push(`length(${v}) <= ${c.maximum}`);
    else if (c.check === 'string_format' && c.format === 'regex')
      out.push(`regexp_matches(${v}, ${re(c.pattern as RegExp)})`);
    else if (c.check === 'number_format' && c.format === 'safeint')
      continue; // the int checks above
    // The schema's only refine() is num()'s finite check, which the float checks above cover.
    else if (c.check === 'custom' && (kind === 'float' || kind === 'int')) continue;
    else throw new Error(`schema: check "${c.check}" has no SQL translation; add one in src/store/ddl.ts`);
  }
  return out;
}

/**
 * Per column of `table`, in order, a SQL expression that is true when the text read from the CSV is
 * invalid for the column (the rules of src/data/schema.ts). Empty text reads as NULL, as decodeValue does.
 */
export function invalidSql(table: TableName): string[] {
  const shape = tables[table].shape as Record<string, { _zod: { def: ZodDef } }>;
  return columnsOf(table).map((c) => {
    let def = (shape[c.name] as { _zod: { def: ZodDef } })._zod.def;
    while ((def.type === 'nullable' || def.type === 'optional') && def.innerType) def = def.innerType._zod.def;
    const v = ident(c.name);
    // A required text column takes '' for an empty cell; other kinds have no empty value.
    const value = c.kind === 'text' && !c.nullable ? `COALESCE(${v}, '')` : v;
    const checks = valueChecks(def, c.kind, value);
    const ok = checks.length ? checks.map((x) => `COALESCE(${x}, false)`).join(' AND ') : 'true';
    if (c.kind === 'text' && !c.nullable) return `NOT (${ok})`;
    return c.nullable ? `(${v} IS NOT NULL AND NOT (${ok}))` : `(${v} IS NULL OR NOT (${ok}))`;
  });
}
