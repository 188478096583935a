/**
 * @module
 * Pairwise battles (`model_a, model_b, winner`) from CSV, JSONL or Parquet, into compact arrays: model
 * names interned once, outcomes as small integers. The CSV path scans bytes itself because it is the hot
 * path of `airace ratings` on millions of rows; quoted fields and bad rows go through a string path.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

export const A_WINS = 0;
export const B_WINS = 1;
export const TIE = 2;

export interface Battles {
  models: string[];
  a: Int32Array;
  b: Int32Array;
  outcome: Uint8Array;
  length: number;
  skipped: number;
}

export class BattleInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'BattleInputError';
  }
}

const WINNERS: Record<string, number> = { model_a: A_WINS, model_b: B_WINS, tie: TIE, 'tie (bothbad)': TIE };

/** What is wrong with one battle's fields (after trimming), or null if it is valid. */
export function battleProblem(
  modelA: string | undefined | null,
  modelB: string | undefined | null,
  winner: string | undefined | null,
): string | null {
  const a = modelA?.trim();
  const b = modelB?.trim();
  if (!a || !b) return 'model_a and model_b must not be empty';
  if (a === b) return `a model cannot battle itself ("${a}")`;
  if (winner === undefined || winner === null || WINNERS[winner.trim()] === undefined) {
    return `winner must be model_a, model_b, tie or tie (bothbad), not "${winner ?? ''}"`;
  }
  return null;
}

class Builder {
  readonly models: string[] = [];
  private readonly ids = new Map<string, number>();
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  outcome = new Uint8Array(1024);
  length = 0;
  skipped = 0;

  constructor(
    readonly file: string,
    readonly skipInvalid: boolean,
  ) {}

  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.models.length;
      this.ids.set(name, i);
      this.models.push(name);
    }
    return i;
  }

  /** Appends a battle whose fields are already known valid (the byte fast path). */
  push(a: number, b: number, outcome: number): void {
    if (this.length === this.a.length) this.grow();
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.outcome[this.length] = outcome;
    this.length++;
  }

  add(line: number, modelA: string | undefined, modelB: string | undefined, winner: string | undefined): void {
    const w = winner === undefined ? undefined : WINNERS[winner.trim()];
    const a = modelA?.trim();
    const b = modelB?.trim();
    const reason = battleProblem(modelA, modelB, winner);
    if (reason !== null) {
      if (!this.skipInvalid)
        throw new BattleInputError(this.file, line, `${reason} (use --skip-invalid to skip such rows)`);
      this.skipped++;
      return;
    }
    if (this.length === this.a.length) this.grow();
    this.a[this.length] = this.id(a as string);
    this.b[this.length] = this.id(b as string);
    this.outcome[this.length] = w as number;
    this.length++;
  }

  private grow(): void {
    const n = this.a.length * 2;
    const a = new Int32Array(n);
    a.set(this.a);
    const b = new Int32Array(n);
    b.set(this.b);
    const o = new Uint8Array(n);
    o.set(this.outcome);
    this.a = a;
    this.b = b;
    this.outcome = o;
  }

  done(): Battles {
    return {
      models: this.models,
      a: this.a.subarray(0, this.length),
      b: this.b.subarray(0, this.length),
      outcome: this.outcome.subarray(0, this.length),
      length: this.length,
      skipped: this.skipped,
    };
  }
}

function columnIndex(header: string[], file: string): [number, number, number] {
  const idx = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const cols = [idx('model_a'), idx('model_b'), idx('winner')] as [number, number, number];
  const missing = ['model_a', 'model_b', 'winner'].filter((_, i) => cols[i] === -1);
  if (missing.length)
    throw new BattleInputError(file, 1, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return cols;
}

/** Splits one CSV record that contains quotes (RFC 4180). Returns null if a quote is left open. */
function splitQuoted(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

export function parseCsv(text: string, file: string, skipInvalid = false): Battles {
  return parseCsvBytes(Buffer.from(text, 'utf8'), file, skipInvalid);
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Interns byte ranges of the file as model ids without making a string per row: an open-addressing table
 * keyed by an FNV-1a hash, comparing bytes on a hit. New names are decoded once and handed to the builder.
 */
class ByteInterner {
  private slots = new Int32Array(1 << 12).fill(-1);
  private starts: number[] = [];
  private lengths: number[] = [];
  private ids: number[] = [];
  private hashes: number[] = [];

  constructor(
    private readonly buf: Uint8Array,
    private readonly text: (start: number, end: number) => string,
    private readonly build: Builder,
  ) {}

  id(start: number, end: number): number {
    const buf = this.buf;
    let h = 0x811c9dc5;
    for (let k = start; k < end; k++) h = Math.imul(h ^ (buf[k] as number), 0x01000193);
    h >>>= 0;
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot] as number;
      if (e === -1) {
        const id = this.build.id(this.text(start, end));
        this.slots[slot] = this.starts.length;
        this.starts.push(start);
        this.lengths.push(len);
        this.ids.push(id);
        this.hashes.push(h);
        if (this.starts.length * 2 > this.slots.length) this.rehash();
        return id;
      }
      if (
        this.hashes[e] === h &&
        this.lengths[e] === len &&
        sameBytes(buf, this.starts[e] as number, buf, start, len)
      ) {
        return this.ids[e] as number;
      }
    }
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.starts.length; e++) {
      let slot = (this.hashes[e] as number) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = e;
    }
  }
}

const WINNER_BYTES = Object.entries(WINNERS).map(([k, v]) => ({ bytes: Buffer.from(k), value: v }));

/** Same bytes at two places; a JS loop, since a native call per row costs more than these few bytes. */
function sameBytes(x: Uint8Array, xs: number, y: Uint8Array, ys: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (x[xs + k] !== y[ys + k]) return false;
  return true;
}

function winnerAt(buf: Uint8Array, start: number, end: number): number {
  for (const w of WINNER_BYTES)
    if (end - start === w.bytes.length && sameBytes(buf, start, w.bytes, 0, w.bytes.length)) return w.value;
  return -1;
}

const isBlank = (c: number | undefined) => c === SPACE || c === TAB;

/**
 * Parses CSV battles from bytes. Plain rows (no quotes, no padding, a known winner) are scanned in place;
 * any other row goes through the string path, which handles quotes and reports what is wrong with it.
 */
export function parseCsvBytes(file_: Buffer, file: string, skipInvalid = false): Battles {
  // A plain Uint8Array view: element access on it is much faster than on a Buffer in V8.
  const buf = new Uint8Array(file_.buffer, file_.byteOffset, file_.length);
  const text = (s: number, e: number) => file_.toString('utf8', s, e);
  const build = new Builder(file, skipInvalid);
  const intern = new ByteInterner(buf, text, build);
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let lineNo = 0;
  let cols: [number, number, number] | null = null;
  let width = 0;
  const starts = new Int32Array(64);
  const ends = new Int32Array(64);
  while (pos < buf.length) {
    // One pass finds the fields' commas and the end of the line; a quote sends the row to the string path.
    const lineStart = pos;
    let n = 0;
    let quoted = false;
    let fieldStart = pos;
    let k = pos;
    for (; k < buf.length; k++) {
      const ch = buf[k];
      if (ch === NEWLINE) break;
      if (ch === COMMA) {
        if (n < 64) {
          starts[n] = fieldStart;
          ends[n] = k;
        }
        n++;
        fieldStart = k + 1;
      } else if (ch === QUOTE) quoted = true;
    }
    const end = k;
    const lineEnd = end > lineStart && buf[end - 1] === CR ? end - 1 : end;
    pos = end + 1;
    lineNo++;
    if (lineEnd === lineStart) continue;
    if (cols === null) {
      const header = text(lineStart, lineEnd);
      const fields = header.includes('"') ? splitQuoted(header) : header.split(',');
      if (fields === null) throw new BattleInputError(file, lineNo, 'unterminated quoted field in the header');
      cols = columnIndex(fields, file);
      width = fields.length;
      continue;
    }
    if (n < 64) {
      starts[n] = fieldStart;
      ends[n] = lineEnd;
    }
    n++;
    if (!quoted && n === width && n <= 64) {
      const as = starts[cols[0]] as number;
      const ae = ends[cols[0]] as number;
      const bs = starts[cols[1]] as number;
      const be = ends[cols[1]] as number;
      const w = winnerAt(buf, starts[cols[2]] as number, ends[cols[2]] as number);
      const plain =
        ae > as && be > bs && !isBlank(buf[as]) && !isBlank(buf[ae - 1]) && !isBlank(buf[bs]) && !isBlank(buf[be - 1]);
      if (plain && w !== -1) {
        const a = intern.id(as, ae);
        const b = intern.id(bs, be);
        if (a !== b) {
          build.push(a, b, w);
          continue;
        }
      }
    }
    // Anything unusual: decode the line and let the string path accept or report it.
    const line = text(lineStart, lineEnd);
    const fields = line.includes('"') ? splitQuoted(line) : line.split(',');
    if (fields === null) {
      if (!skipInvalid)
        throw new BattleInputError(file, lineNo, 'unterminated quoted field (battles must be one per line)');
      build.skipped++;
      continue;
    }
    if (fields.length !== width) {
      if (!skipInvalid)
        throw new BattleInputError(
          file,
          lineNo,
          `expected ${width} fields, found ${fields.length} (use --skip-invalid to skip such rows)`,
        );
      build.skipped++;
      continue;
    }
    build.add(lineNo, fields[cols[0]], fields[cols[1]], fields[cols[2]]);
  }
  if (cols === null) throw new BattleInputError(file, 1, 'empty file: expected a header with model_a, model_b, winner');
  return build.done();
}

export function parseJsonl(text: string, file: string, skipInvalid = false): Battles {
  const build = new Builder(file, skipInvalid);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      if (!skipInvalid)
        throw new BattleInputError(file, i + 1, 'not valid JSON (use --skip-invalid to skip such rows)');
      build.skipped++;
      continue;
    }
    const r = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    build.add(i + 1, str(r['model_a']), str(r['model_b']), str(r['winner']));
  }
  return build.done();
}

export async function readParquet(path: string, skipInvalid = false): Promise<Battles> {
  const build = new Builder(path, skipInvalid);
  // Loaded here only: the fit (and the worker threads running it) import this module without needing DuckDB.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const reader = await conn.runAndReadAll(
      `SELECT CAST(model_a AS VARCHAR), CAST(model_b AS VARCHAR), CAST(winner AS VARCHAR) FROM read_parquet($1)`,
      [path],
    );
    const rows = reader.getRows();
    rows.forEach((r, i) =>
      build.add(
        i + 1,
        (r[0] as string | null) ?? undefined,
        (r[1] as string | null) ?? undefined,
        (r[2] as string | null) ?? undefined,
      ),
    );
  } catch (err) {
    if (err instanceof BattleInputError) throw err;
    throw new BattleInputError(
      path,
      1,
      `cannot read as Parquet with columns model_a, model_b, winner: ${(err as Error).message.split('\n')[0]}`,
    );
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
  return build.done();
}

/** Reads battles by file extension: .csv, .jsonl / .ndjson, .parquet. */
export async function readBattles(path: string, skipInvalid = false): Promise<Battles> {
  const ext = extname(path).toLowerCase();
  if (!['.csv', '.jsonl', '.ndjson', '.parquet'].includes(ext))
    throw new Error(`unsupported battles file ${path}: expected .csv, .jsonl or .parquet`);
  if (ext === '.parquet') return readParquet(path, skipInvalid);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw new Error(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  return ext === '.csv' ? parseCsvBytes(buf, path, skipInvalid) : parseJsonl(buf.toString('utf8'), path, skipInvalid);
}
