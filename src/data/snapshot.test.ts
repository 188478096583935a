import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../test/helpers.ts';
import type { Row } from './schema.ts';
import { decodeTable, encodeTable, readSnapshot, SnapshotError, writeSnapshot } from './snapshot.ts';

const chip: Row<'events'> = {
  id: 'e1',
  date: '2025-01-21',
  kind: 'investment',
  country: 'US',
  title: 'Stargate, "announced"',
  actors: ['SoftBank', 'OpenAI'],
  amount: 5e11,
  currency: 'USD',
  description: 'two\nlines',
  confidence: 'confirmed',
  detail_json: '{"a":1}',
  source_ids: ['s1'],
  source_id: 's1',
};

test('rows survive a CSV round trip, quotes, newlines, lists and nulls included', () => {
  const other = { ...chip, id: 'e2', date: null, amount: null, currency: null, description: null, actors: [] };
  const back = decodeTable('events', encodeTable('events', [chip, other]), 'events.csv');
  assert.deepEqual(back, [chip, other]);
});

function expectError(fn: () => unknown, line: number, column: number | null, reason: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SnapshotError);
    assert.equal(err.line, line);
    assert.equal(err.column, column);
    assert.match(err.reason, reason);
    assert.match(err.message, new RegExp(`^f\\.csv:${line}`));
    return true;
  });
}

test('a bad value is reported with file, line, column and reason', () => {
  const text = encodeTable('events', [chip, { ...chip, id: 'e2' }, { ...chip, id: 'e3' }]);
  // Row 2 starts on line 4: the header is line 1 and row 1 spans lines 2–3 (its description has a newline).
  expectError(() => decodeTable('events', text.replace('e2,2025-01-21', 'e2,2025-02-30'), 'f.csv'), 4, 2, /date/);
  expectError(
    () => decodeTable('events', text.replace('e3,2025-01-21,investment,US', 'e3,2025-01-21,investment,USA'), 'f.csv'),
    6,
    4,
    /country/,
  );
  expectError(() => decodeTable('events', text.replace('500000000000', 'lots'), 'f.csv'), 2, 7, /not a number/);
  expectError(() => decodeTable('events', text.replace('id,date', 'id,day'), 'f.csv'), 1, 2, /header/);
  expectError(() => decodeTable('events', `${text}too,few,fields\n`, 'f.csv'), 8, null, /malformed CSV/);
});

test('writeSnapshot replaces the folder whole, and readSnapshot reads it back', () => {
  const dir = join(tempDir(), 'snap');
  writeSnapshot(dir, [{ table: 'events', part: 'a', rows: [chip] }], { 'note.txt': 'hi' });
  writeSnapshot(dir, [{ table: 'events', part: 'b', rows: [chip] }]);
  const parts = readSnapshot(dir);
  assert.deepEqual(
    parts.map((p) => p.part),
    ['b'],
  );
  assert.deepEqual(parts[0]?.rows, [chip]);
});

test('a snapshot file with a wrong header names its path', () => {
  const dir = join(tempDir(), 'snap');
  mkdirSync(join(dir, 'events'), { recursive: true });
  writeFileSync(join(dir, 'events', 'x.csv'), 'nope\n1\n');
  assert.throws(() => readSnapshot(dir, dir), /^SnapshotError: events\/x\.csv:1:1: header/);
  assert.ok(readFileSync(join(dir, 'events', 'x.csv'), 'utf8').startsWith('nope'));
});
