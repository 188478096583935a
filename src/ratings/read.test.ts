import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '../../test/helpers.ts';
import { BattleInputError, parseCsv, readBattles } from './battles.ts';
import { aggregate, bradleyTerry, rateCounts } from './bradley-terry.ts';
import { rateCountsParallel, rateFile } from './parallel.ts';
import { seededUniform } from './random.ts';
import { readPairCounts } from './read.ts';

const NAMES = ['a', 'b', ' padded ', 'b, the second', 'Ünïcode 模型', 'x"y', 'tab\tname', 'z'];
const WINNERS = ['model_a', 'model_b', 'tie', 'tie (bothbad)', ' tie '];
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function randomRows(n: number, seed: number): [string, string, string][] {
  const u = seededUniform(seed);
  const rows: [string, string, string][] = [];
  while (rows.length < n) {
    const a = NAMES[Math.floor(u() * NAMES.length)] as string;
    const b = NAMES[Math.floor(u() * NAMES.length)] as string;
    if (a.trim() === b.trim()) continue;
    rows.push([a, b, WINNERS[Math.floor(u() * WINNERS.length)] as string]);
  }
  return rows;
}

async function toParquet(csv: string, parquet: string): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(
    `COPY (SELECT * FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`,
  );
  conn.closeSync();
  inst.closeSync();
}

test("DuckDB counts equal the JavaScript reader's, from CSV, JSONL and Parquet", async () => {
  const dir = tempDir();
  const rows = randomRows(3000, 5);
  const csv = join(dir, 'x.csv');
  writeFileSync(
    csv,
    `winner,model_b,id,MODEL_A\r\n${rows.map(([a, b, w], k) => `${w},${csvField(b)},${k},${csvField(a)}`).join('\r\n')}\r\n\r\n`,
  );
  const jsonl = join(dir, 'x.jsonl');
  writeFileSync(
    jsonl,
    `${rows.map(([a, b, w]) => JSON.stringify({ model_a: a, model_b: b, winner: w, extra: 1 })).join('\n')}\n\n`,
  );
  const parquet = join(dir, 'x.parquet');
  await toParquet(csv, parquet);
  const want = aggregate(await readBattles(csv));
  assert.equal(want.m, NAMES.length);
  for (const f of [csv, jsonl, parquet]) {
    const got = await readPairCounts(f);
    assert.equal(got.battles, rows.length, f);
    assert.equal(got.skipped, 0);
    assert.deepEqual(
      [got.counts.names, [...got.counts.i], [...got.counts.j], [...got.counts.cells]],
      [want.names, [...want.i], [...want.j], [...want.cells]],
      f,
    );
  }
});

test('a bad row is named by file and line as before; skipInvalid counts it the same way', async () => {
  const dir = tempDir();
  const text = 'model_a,model_b,winner\na,b,model_a\n"q, uoted",b,tie\n\na,b,draw\na,a,tie\n,b,tie\na,b,model_b\n';
  const csv = join(dir, 'bad.csv');
  writeFileSync(csv, text);
  await assert.rejects(
    readPairCounts(csv),
    (e: unknown) => e instanceof BattleInputError && /bad\.csv:5: winner must be .* not "draw"/.test(e.message),
  );
  const skipped = await readPairCounts(csv, true);
  const js = await readBattles(csv, true);
  assert.deepEqual([skipped.battles, skipped.skipped], [js.length, js.skipped]);
  assert.deepEqual([...skipped.counts.cells], [...aggregate(js).cells]);
  const short = join(dir, 'short.csv');
  writeFileSync(short, 'model_a,model_b,winner\na,b,tie\na,b\n');
  await assert.rejects(readPairCounts(short), /short\.csv:3: expected 3 fields, found 2/);
  const jsonl = join(dir, 'bad.jsonl');
  writeFileSync(jsonl, '{"model_a":"a","model_b":"b","winner":"tie"}\n{"model_a":"a"\n');
  await assert.rejects(readPairCounts(jsonl), /bad\.jsonl:2: not valid JSON/);
  const typed = join(dir, 'typed.jsonl');
  writeFileSync(typed, '{"model_a":"a","model_b":"b","winner":"tie"}\n{"model_a":5,"model_b":"b","winner":"tie"}\n');
  await assert.rejects(readPairCounts(typed), /typed\.jsonl:2: model_a and model_b must not be empty/);
  const pcsv = join(dir, 'p.csv');
  writeFileSync(pcsv, 'model_a,model_b,winner\na,b,tie\nb,c,tie\nc,c,tie\n');
  const parquet = join(dir, 'p.parquet');
  await toParquet(pcsv, parquet);
  await assert.rejects(readPairCounts(parquet), /p\.parquet:3: a model cannot battle itself \("c"\)/);
  assert.equal((await readPairCounts(parquet, true)).skipped, 1);
  await assert.rejects(readPairCounts(join(dir, 'none.csv')), /no such file/);
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, '');
  await assert.rejects(readPairCounts(empty), /empty file/);
  const cols = join(dir, 'cols.csv');
  writeFileSync(cols, 'a,b,c\n1,2,3\n');
  await assert.rejects(readPairCounts(cols), /cols\.csv:1: missing columns model_a, model_b, winner/);
});

test('bootstrap intervals do not depend on the number of threads, and match one thread', async () => {
  const names = Array.from({ length: 40 }, (_, k) => `m${k}`);
  const u = seededUniform(9);
  const lines = ['model_a,model_b,winner'];
  for (let k = 0; k < 20000; k++) {
    const a = Math.floor(u() * 40);
    const b = (a + 1 + Math.floor(u() * 39)) % 40;
    lines.push(
      `${names[a]},${names[b]},${u() < 0.2 ? 'tie' : u() < 1 / (1 + 10 ** ((b - a) / 40)) ? 'model_a' : 'model_b'}`,
    );
  }
  const battles = parseCsv(lines.join('\n'), 'x.csv');
  const counts = aggregate(battles);
  const opts = { bootstrap: 200, seed: 11, anchor: { model: 'm0', score: 1500 }, parallelAbove: 0 };
  const one = rateCounts(counts, battles.length, opts);
  const two = await rateCountsParallel(counts, battles.length, { ...opts, threads: 2 });
  const three = await rateCountsParallel(counts, battles.length, { ...opts, threads: 3 });
  assert.deepEqual(two, one);
  assert.deepEqual(three, one);
  const file = join(tempDir(), 'x.csv');
  writeFileSync(file, lines.join('\n'));
  const viaFile = await rateFile(file, { ...opts, threads: 2 });
  assert.deepEqual({ ...viaFile, skipped: undefined }, { ...one, skipped: undefined });
  assert.equal(viaFile.skipped, 0);
  // The anchor is fixed in every round; every other model has a proper interval.
  for (const m of one.models)
    assert.ok(m.model === 'm0' ? m.ci_low === 1500 : m.ci_low < m.rating && m.rating < m.ci_high, m.model);
});

test('more than 125k distinct models rate without overflowing the stack', async () => {
  // Each of 130,000 leaves beats and loses to one of 50 hubs; hubs play each other.
  const lines = ['model_a,model_b,winner'];
  for (let h = 0; h < 50; h++) lines.push(`hub${h},hub${(h + 1) % 50},model_a`, `hub${h},hub${(h + 1) % 50},model_b`);
  for (let k = 0; k < 130_000; k++) lines.push(`leaf${k},hub${k % 50},model_a`, `leaf${k},hub${k % 50},model_b`);
  const text = lines.join('\n');
  const r = bradleyTerry.rate(parseCsv(text, 'big.csv'), { anchor: { model: 'hub0', score: 1000 } });
  assert.equal(r.models.length, 130_050);
  assert.ok(r.models.every((m) => Number.isFinite(m.rating)));
  const file = join(tempDir(), 'big.csv');
  writeFileSync(file, text);
  const counted = await readPairCounts(file);
  assert.equal(counted.counts.m, 130_050);
  assert.equal(counted.battles, lines.length - 1);
});
