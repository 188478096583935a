import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '../../test/helpers.ts';
import { A_WINS, B_WINS, BattleInputError, parseCsv, parseJsonl, readBattles, TIE } from './battles.ts';

test('CSV: any column order, quoted fields, CRLF, all four winner values', () => {
  const b = parseCsv(
    'id,winner,model_b,model_a\r\n1,model_a,b,a\r\n2,model_b,"b, the second",a\r\n3,tie,b,a\r\n4,tie (bothbad),a,b\r\n',
    'x.csv',
  );
  assert.deepEqual(b.models, ['a', 'b', 'b, the second']);
  assert.deepEqual([...b.outcome], [A_WINS, B_WINS, TIE, TIE]);
  assert.equal(b.length, 4);
});

test('a malformed row names its line; --skip-invalid counts it instead', () => {
  const text = 'model_a,model_b,winner\na,b,model_a\na,b,draw\na,a,tie\n,b,tie\na,b\na,b,model_b\n';
  assert.throws(
    () => parseCsv(text, 'x.csv'),
    (e: unknown) => e instanceof BattleInputError && e.line === 3 && /winner must be .* not "draw"/.test(e.message),
  );
  const b = parseCsv(text, 'x.csv', true);
  assert.equal(b.length, 2);
  assert.equal(b.skipped, 4);
  assert.throws(() => parseCsv('a,b,c\n1,2,3\n', 'x.csv'), /x\.csv:1: missing columns model_a, model_b, winner/);
  assert.throws(() => parseCsv('', 'x.csv'), /empty file/);
});

test('JSONL and Parquet give the same battles as CSV', async () => {
  const rows = [
    ['a', 'b', 'model_a'],
    ['b', 'c', 'tie'],
    ['c', 'a', 'model_b'],
  ];
  const dir = tempDir();
  const csv = join(dir, 'x.csv');
  writeFileSync(csv, ['model_a,model_b,winner', ...rows.map((r) => r.join(','))].join('\n'));
  const jsonl = join(dir, 'x.jsonl');
  writeFileSync(jsonl, rows.map(([a, b, w]) => JSON.stringify({ model_a: a, model_b: b, winner: w })).join('\n'));
  const parquet = join(dir, 'x.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
  conn.closeSync();
  inst.closeSync();
  const want = await readBattles(csv);
  for (const f of [jsonl, parquet]) {
    const got = await readBattles(f);
    assert.deepEqual(
      [got.models, [...got.a], [...got.b], [...got.outcome]],
      [want.models, [...want.a], [...want.b], [...want.outcome]],
      f,
    );
  }
  assert.throws(() => parseJsonl('{"model_a":"a"\n', 'x.jsonl'), /x\.jsonl:1: not valid JSON/);
  await assert.rejects(readBattles(join(dir, 'nope.csv')), /no such file/);
  await assert.rejects(readBattles(join(dir, 'x.txt')), /unsupported battles file/);
});
