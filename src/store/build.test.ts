import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SNAPSHOT, tempDir } from '../../test/helpers.ts';
import { SnapshotError } from '../data/snapshot.ts';
import { build } from './build.ts';
import { Db } from './db.ts';

/** A small snapshot (a few tables of the committed one) keeps these tests fast. */
function miniSnapshot(): string {
  const dir = join(tempDir(), 'snapshot');
  for (const t of ['sources', 'organizations', 'chips', 'events', 'rules']) cpSync(join(SNAPSHOT, t), join(dir, t), { recursive: true });
  return dir;
}

test('build loads every row with its types', async () => {
  const snap = miniSnapshot();
  const path = join(tempDir(), 'a.duckdb');
  const r = await build(snap, path);
  const db = await Db.open(path);
  try {
    const [row] = await db.all(`SELECT count(*) AS n, max(bf16_dense_tflops) AS top FROM chips`);
    assert.equal(row?.['n'], r.tables['chips']);
    assert.ok(Number(row?.['top']) > 1000);
    const [org] = await db.all(`SELECT country, aliases FROM organizations WHERE id = $1`, ['huawei']);
    assert.equal(org?.['country'], 'CN');
    assert.ok((org?.['aliases'] as string[]).includes('昇腾'));
    const [ev] = await db.all(`SELECT typeof(date) AS t FROM events LIMIT 1`);
    assert.equal(ev?.['t'], 'DATE');
  } finally {
    db.close();
  }
});

test('a corrupted snapshot fails with file:line:column and leaves the old database byte-identical', async () => {
  const snap = miniSnapshot();
  const path = join(tempDir(), 'a.duckdb');
  await build(snap, path);
  const before = readFileSync(path);
  const chipsFile = join(snap, 'chips', readdirSync(join(snap, 'chips'))[0] as string);
  const lines = readFileSync(chipsFile, 'utf8').split('\n');
  lines[3] = (lines[3] as string).replace(/^([^,]*,[^,]*,[^,]*,[^,]*,)[A-Z]{2},/, '$1Atlantis,');
  writeFileSync(chipsFile, lines.join('\n'));
  await assert.rejects(build(snap, path), (err: unknown) => {
    assert.ok(err instanceof SnapshotError);
    assert.match(err.message, /chips\/facts-chips\.csv:4:5: country: must be a two-letter country code/);
    return true;
  });
  assert.deepEqual(readFileSync(path), before);
  assert.deepEqual(readdirSync(join(path, '..')).filter((f) => f.includes('.tmp-')), [], 'no temporary file left behind');
});

test('a duplicate key is caught before anything is written', async () => {
  const snap = miniSnapshot();
  const file = join(snap, 'events', 'facts-events.csv');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, `${[...lines, lines[1]].join('\n')}\n`);
  const path = join(tempDir(), 'b.duckdb');
  // The copy of the first row is the file's last line; the error points at it and at the original.
  await assert.rejects(build(snap, path), new RegExp(`facts-events\\.csv:${lines.length + 1}:1: duplicate events key .*first at .*facts-events\\.csv:2\\)`));
  assert.equal(existsSync(path), false);
});

test('opening a file that is not a database gives a clear error', async () => {
  const path = join(tempDir(), 'junk.duckdb');
  writeFileSync(path, 'this is not a database');
  await assert.rejects(Db.open(path), /cannot open database .*airace build/);
  await assert.rejects(Db.open(join(tempDir(), 'missing.duckdb')), /database not found/);
});
