import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { SNAPSHOT, tempDir } from '../../test/helpers.ts';
import { tableNames } from '../data/schema.ts';
import { encodeTable, SnapshotError } from '../data/snapshot.ts';
import { build } from './build.ts';
import { Db } from './db.ts';
import { removeStaleTemps } from './temp.ts';

/** A small snapshot (a few tables of the committed one, the others present but empty) keeps these tests fast. */
function miniSnapshot(): string {
  const dir = join(tempDir(), 'snapshot');
  const copied = ['sources', 'organizations', 'chips', 'events', 'rules'];
  for (const t of copied) cpSync(join(SNAPSHOT, t), join(dir, t), { recursive: true });
  for (const t of tableNames.filter((t) => !copied.includes(t))) {
    mkdirSync(join(dir, t), { recursive: true });
    writeFileSync(join(dir, t, 'empty.csv'), encodeTable(t, []));
  }
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
  const chipsFile = join(snap, 'chips', 'facts-chips.csv');
  const lines = readFileSync(chipsFile, 'utf8').split('\n');
  lines[3] = (lines[3] as string).replace(/^([^,]*,[^,]*,[^,]*,[^,]*,)[A-Z]{2},/, '$1Atlantis,');
  writeFileSync(chipsFile, lines.join('\n'));
  await assert.rejects(build(snap, path), (err: unknown) => {
    assert.ok(err instanceof SnapshotError);
    assert.match(err.message, /chips\/facts-chips\.csv:4:5: country: must be a two-letter country code/);
    return true;
  });
  assert.deepEqual(readFileSync(path), before);
  assert.deepEqual(
    readdirSync(join(path, '..')).filter((f) => f.includes('.tmp-')),
    [],
    'no temporary file left behind',
  );
});

test('a duplicate key is caught before anything is written', async () => {
  const snap = miniSnapshot();
  const file = join(snap, 'events', 'facts-events.csv');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, `${[...lines, lines[1]].join('\n')}\n`);
  const path = join(tempDir(), 'b.duckdb');
  // The copy of the first row is the file's last line; the error points at it and at the original.
  await assert.rejects(
    build(snap, path),
    new RegExp(`facts-events\\.csv:${lines.length + 1}:1: duplicate events key .*first at .*facts-events\\.csv:2\\)`),
  );
  assert.equal(existsSync(path), false);
});

test('opening a file that is not a database gives a clear error', async () => {
  const path = join(tempDir(), 'junk.duckdb');
  writeFileSync(path, 'this is not a database');
  await assert.rejects(Db.open(path), /cannot open database .*airace build/);
  await assert.rejects(Db.open(join(tempDir(), 'missing.duckdb')), /database not found/);
});

test('an empty, missing or partial snapshot fails in one line and keeps the old database', async () => {
  const snap = miniSnapshot();
  const path = join(tempDir(), 'a.duckdb');
  await build(snap, path);
  const before = readFileSync(path);
  const empty = join(tempDir(), 'empty');
  mkdirSync(empty);
  await assert.rejects(
    build(empty, path),
    /^Error: snapshot folder .*empty has no table files \(run `airace import` first\)$/,
  );
  await assert.rejects(build(join(tempDir(), 'nope'), path), /snapshot folder not found/);
  rmSync(join(snap, 'models'), { recursive: true });
  rmSync(join(snap, 'usage'), { recursive: true });
  await assert.rejects(build(snap, path), (err: unknown) => {
    assert.match((err as Error).message, /^snapshot .* is missing tables models, usage \(run `airace import`\)$/);
    assert.doesNotMatch((err as Error).message, /\n/);
    return true;
  });
  assert.deepEqual(readFileSync(path), before);
});

test('SQL validation names file, line and column for each kind of bad value', async () => {
  const snap = miniSnapshot();
  const file = join(snap, 'events', 'facts-events.csv');
  const good = readFileSync(file, 'utf8');
  const path = join(tempDir(), 'c.duckdb');
  const rows = (await build(snap, path)).tables['events'] as number;
  // One event with a multi-line description first, so record index and line differ.
  const header = good.slice(0, good.indexOf('\n') + 1);
  const rest = good.slice(header.length);
  const row = (over: Record<string, string>) => {
    const v: Record<string, string> = {
      id: 'zz',
      date: '2025-01-02',
      kind: 'k',
      country: 'US',
      title: 't',
      actors: '[]',
      amount: '',
      currency: '',
      description: '"two\nlines"',
      confidence: 'c',
      detail_json: '{}',
      source_ids: '[]',
      source_id: 's',
      ...over,
    };
    return `${Object.values(v).join(',')}\n`;
  };
  const cases: [Record<string, string>, number, RegExp][] = [
    [{ date: '2025-02-30' }, 2, /date: /],
    [{ amount: 'lots' }, 7, /amount: "lots" is not a number/],
    [{ amount: '1e999' }, 7, /amount: .*Infinity/],
    [{ actors: '"[1]"' }, 6, /actors: /],
    [{ actors: 'nope' }, 6, /actors: "nope" is not a JSON array/],
    [{ currency: 'usd' }, 8, /currency: /],
    [{ title: '' }, 5, /title: /],
  ];
  for (const [over, col, reason] of cases) {
    writeFileSync(file, header + row({ id: 'ok1' }) + row({ id: 'bad', ...over }) + rest);
    await assert.rejects(build(snap, path), (err: unknown) => {
      assert.ok(err instanceof SnapshotError, String(err));
      // Line 1 header, lines 2–3 the first row (its description spans two lines), line 4 the bad one.
      assert.equal(`${err.line}:${err.column}`, `4:${col}`, err.message);
      assert.match(err.reason, reason);
      return true;
    });
  }
  writeFileSync(file, header + row({ id: 'ok1' }) + rest);
  const r = await build(snap, path);
  assert.equal(r.tables['events'], rows + 1);
});

test('leftover temporary files of a dead build are removed at the next build; a live one is kept', async () => {
  const snap = miniSnapshot();
  const dir = tempDir();
  const path = join(dir, 'a.duckdb');
  const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
  writeFileSync(`${path}.tmp-${dead}`, 'partial');
  writeFileSync(`${path}.tmp-${dead}.wal`, 'partial');
  mkdirSync(`${path}.tmp-${dead}.tmp`);
  writeFileSync(`${path}.tmp-${process.ppid}`, 'a live build');
  await build(snap, path);
  assert.deepEqual(readdirSync(dir).sort(), ['a.duckdb', `a.duckdb.tmp-${process.ppid}`]);
  assert.deepEqual(removeStaleTemps(path), []);
});
