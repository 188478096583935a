/**
 * @module
 * Battles straight into pair counts with DuckDB's own readers (read_csv, read_json, read_parquet): the fit
 * needs counts per (pair, outcome), not rows, so memory is bounded by the number of pairs whatever the number
 * of battles, and no row passes through JavaScript. Rules are those of src/ratings/battles.ts (fields trimmed,
 * the four winner values, no self-battles). When SQL finds a bad row or DuckDB cannot parse the file, the
 * JavaScript reader goes over it instead, to name the first bad line as `file:line: reason` (or, with
 * skipInvalid, to count what it skips exactly as before).
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { BattleInputError, battleProblem, readBattles } from './battles.ts';
import { aggregate, type PairCounts } from './bradley-terry.ts';

export interface CountedBattles {
  counts: PairCounts;
  /** Valid battles counted. */
  battles: number;
  /** Invalid rows skipped (skipInvalid only). */
  skipped: number;
}

// What String.prototype.trim() removes, so SQL trims fields as the JavaScript reader does.
const WHITESPACE =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
// The same characters as an RE2 class: testing for them first is far cheaper than trim() with a list.
const WS_CLASS =
  '[\\s\\x{0b}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]';
const trimSql = (v: string): string =>
  `CASE WHEN regexp_matches(${v}, '^${WS_CLASS}|${WS_CLASS}$') THEN trim(${v}, ${sqlString(WHITESPACE)}) ELSE ${v} END`;

/** The reader of a file as (a, b, w) text columns, with the row's number for Parquet errors. */
function source(path: string, ext: string): string {
  const p = sqlString(path);
  if (ext === '.csv') {
    return (
      `SELECT model_a AS a, model_b AS b, winner AS w, NULL::BIGINT AS n FROM read_csv(${p}, header = true, all_varchar = true, ` +
      `delim = ',', quote = '"', escape = '"', strict_mode = true)`
    );
  }
  if (ext === '.parquet') {
    return (
      `SELECT CAST(model_a AS VARCHAR) AS a, CAST(model_b AS VARCHAR) AS b, CAST(winner AS VARCHAR) AS w, file_row_number AS n ` +
      `FROM read_parquet(${p}, file_row_number = true)`
    );
  }
  // JSON lines: a field counts only if it is a JSON string, as in parseJsonl.
  const field = (k: string) =>
    `CASE WHEN json_type(json, '$.${k}') = 'VARCHAR' THEN json_extract_string(json, '$.${k}') END`;
  return (
    `SELECT ${field('model_a')} AS a, ${field('model_b')} AS b, ${field('winner')} AS w, NULL::BIGINT AS n ` +
    `FROM read_ndjson_objects(${p})`
  );
}

function aggregateSql(src: string): string {
  const sum = (cond: string) => `COALESCE(sum(n) FILTER (${cond}), 0)::DOUBLE`;
  // Rows are grouped as read first (cheap), then each distinct (a, b, w) is trimmed and checked once.
  return `WITH g AS (SELECT a, b, w, count(*) AS n FROM (${src}) GROUP BY ALL),
    s AS (SELECT ${trimSql('a')} AS a, ${trimSql('b')} AS b, ${trimSql('w')} AS w, n FROM g),
    v AS (SELECT a, b, CASE w WHEN 'model_a' THEN 0 WHEN 'model_b' THEN 1 WHEN 'tie' THEN 2 WHEN 'tie (bothbad)' THEN 2 END AS o,
      n FROM s),
    c AS (SELECT COALESCE(a <> '' AND b <> '' AND a <> b AND o IS NOT NULL, false) AS ok, a, b, o, n FROM v)
    SELECT CASE WHEN ok THEN least(a, b) END AS x, CASE WHEN ok THEN greatest(a, b) END AS y,
      ${sum('ok AND ((o = 0 AND a < b) OR (o = 1 AND a > b))')} AS xw,
      ${sum('ok AND ((o = 1 AND a < b) OR (o = 0 AND a > b))')} AS yw,
      ${sum('ok AND o = 2')} AS t,
      ${sum('NOT ok')} AS bad
    FROM c GROUP BY ALL`;
}

/** Pair counts in canonical order (models by name, pairs by index), as aggregate() makes them. */
function canonical(
  names: string[],
  x: Int32Array,
  y: Int32Array,
  xw: Float64Array,
  yw: Float64Array,
  t: Float64Array,
): PairCounts {
  const m = names.length;
  const byName = Array.from({ length: m }, (_, k) => k).sort((p, q) =>
    (names[p] as string) < (names[q] as string) ? -1 : 1,
  );
  const rank = new Int32Array(m);
  byName.forEach((k, r) => (rank[k] = r));
  const P = x.length;
  const key = new Float64Array(P);
  const flip = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    let a = rank[x[p] as number] as number;
    let b = rank[y[p] as number] as number;
    if (a > b) {
      [a, b] = [b, a];
      flip[p] = 1;
    }
    key[p] = a * m + b;
  }
  const order = Array.from({ length: P }, (_, p) => p).sort((p, q) => (key[p] as number) - (key[q] as number));
  const i = new Int32Array(P);
  const j = new Int32Array(P);
  const cells = new Float64Array(3 * P);
  order.forEach((p, q) => {
    const k = key[p] as number;
    i[q] = Math.floor(k / m);
    j[q] = k - (i[q] as number) * m;
    cells[3 * q] = (flip[p] ? yw[p] : xw[p]) as number;
    cells[3 * q + 1] = (flip[p] ? xw[p] : yw[p]) as number;
    cells[3 * q + 2] = t[p] as number;
  });
  return { m, names: byName.map((k) => names[k] as string), i, j, cells };
}

async function countInDuckDb(
  conn: DuckDBConnection,
  path: string,
  ext: string,
): Promise<{ counts: PairCounts; battles: number; bad: number }> {
  await conn.run(`CREATE TEMP TABLE p AS ${aggregateSql(source(path, ext))}`);
  const [bad] = (await conn.runAndReadAll(`SELECT COALESCE(sum(bad), 0)::DOUBLE FROM p`)).getRowsJS()[0] as [number];
  await conn.run(`CREATE TEMP TABLE names AS SELECT name, (row_number() OVER () - 1)::INTEGER AS id FROM
    (SELECT x AS name FROM p WHERE x IS NOT NULL UNION SELECT y FROM p WHERE y IS NOT NULL)`);
  const names = (await conn.runAndReadAll(`SELECT name FROM names ORDER BY id`)).getColumnsJS()[0] as string[];
  const cols = (
    await conn.runAndReadAll(
      `SELECT nx.id, ny.id, xw, yw, t FROM p JOIN names nx ON nx.name = p.x JOIN names ny ON ny.name = p.y`,
    )
  ).getColumnsJS() as [number[], number[], number[], number[], number[]];
  const [x, y, xw, yw, t] = cols;
  const counts = canonical(
    names ?? [],
    Int32Array.from(x),
    Int32Array.from(y),
    Float64Array.from(xw),
    Float64Array.from(yw),
    Float64Array.from(t),
  );
  let battles = 0;
  for (let k = 0; k < counts.cells.length; k++) battles += counts.cells[k] as number;
  return { counts, battles, bad };
}

/** The first invalid Parquet row, named as readParquet names it (line = row number from 1). */
async function parquetProblem(conn: DuckDBConnection, path: string): Promise<BattleInputError> {
  const ws = sqlString(WHITESPACE);
  const winners = `('model_a', 'model_b', 'tie', 'tie (bothbad)')`;
  const rows = (
    await conn.runAndReadAll(
      `SELECT n, a, b, w FROM (${source(path, '.parquet')}) WHERE NOT COALESCE(trim(a, ${ws}) <> '' AND trim(b, ${ws}) <> '' ` +
        `AND trim(a, ${ws}) <> trim(b, ${ws}) AND trim(w, ${ws}) IN ${winners}, false) ORDER BY n LIMIT 1`,
    )
  ).getRowsJS() as [bigint, string | null, string | null, string | null][];
  const [n, a, b, w] = rows[0] ?? [0n, null, null, null];
  return new BattleInputError(
    path,
    Number(n) + 1,
    `${battleProblem(a, b, w) ?? 'invalid row'} (use --skip-invalid to skip such rows)`,
  );
}

/**
 * Reads battles from .csv, .jsonl / .ndjson or .parquet into pair counts. Errors as readBattles:
 * `BattleInputError` with `file:line: reason` for the first bad row unless skipInvalid.
 */
export async function readPairCounts(path: string, skipInvalid = false): Promise<CountedBattles> {
  const ext = extname(path).toLowerCase();
  if (!['.csv', '.jsonl', '.ndjson', '.parquet'].includes(ext))
    throw new Error(`unsupported battles file ${path}: expected .csv, .jsonl or .parquet`);
  try {
    statSync(path);
  } catch (err) {
    throw new Error(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  const fallback = async (): Promise<CountedBattles> => {
    const b = await readBattles(path, skipInvalid);
    return { counts: aggregate(b), battles: b.length, skipped: b.skipped };
  };
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    // Row order does not matter to counts; without it DuckDB reads the file in parallel more freely.
    await conn.run(`SET preserve_insertion_order = false`);
    let r: Awaited<ReturnType<typeof countInDuckDb>>;
    try {
      r = await countInDuckDb(conn, path, ext);
    } catch {
      // DuckDB could not parse it (a malformed line, a missing column, an empty file): the JavaScript
      // reader says which line, or reads what DuckDB's stricter parser refused.
      return await fallback();
    }
    if (r.bad === 0) return { counts: r.counts, battles: r.battles, skipped: 0 };
    if (skipInvalid) return { counts: r.counts, battles: r.battles, skipped: r.bad };
    if (ext === '.parquet') throw await parquetProblem(conn, path);
    return await fallback();
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
