import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { builtDb, tempDir } from '../../test/helpers.ts';
import { InputError } from '../ops/operation.ts';
import { Db } from './db.ts';
import { exportParquet } from './export.ts';

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

test('export refuses a non-empty folder and leaves its files alone', async () => {
  const dir = join(tempDir(), 'out');
  mkdirSync(dir);
  writeFileSync(join(dir, 'keep.txt'), 'precious');
  await assert.rejects(exportParquet(db, dir), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.field, 'dir');
    assert.match(err.message, /is not empty.*force/);
    return true;
  });
  assert.equal(readFileSync(join(dir, 'keep.txt'), 'utf8'), 'precious');
  const file = join(tempDir(), 'file');
  writeFileSync(file, 'x');
  await assert.rejects(exportParquet(db, file), /not a folder/);
  assert.deepEqual(readdirSync(join(dir, '..')), ['out'], 'no temporary folder left');
});

test('export writes into a new or empty folder, and with force replaces a full one whole', async () => {
  const parent = tempDir();
  const dir = join(parent, 'out');
  const r = await exportParquet(db, dir);
  assert.ok(r.tables.includes('chips'));
  assert.ok(existsSync(join(dir, 'chips.parquet')));
  assert.ok(readdirSync(join(dir, 'leaderboard_entries')).some((f) => f.startsWith('leaderboard=')));
  writeFileSync(join(dir, 'stale.txt'), 'old');
  await exportParquet(db, dir, () => {}, { force: true });
  assert.equal(existsSync(join(dir, 'stale.txt')), false);
  assert.ok(existsSync(join(dir, 'chips.parquet')));
  const empty = join(parent, 'empty');
  mkdirSync(empty);
  await exportParquet(db, empty);
  assert.ok(existsSync(join(empty, 'sources.parquet')));
  assert.deepEqual(readdirSync(parent).sort(), ['empty', 'out']);
  const [row] = await db.all(`SELECT count(*) AS n FROM read_parquet('${join(dir, 'chips.parquet')}')`);
  const [want] = await db.all(`SELECT count(*) AS n FROM chips`);
  assert.equal(row?.['n'], want?.['n']);
});

test('a killed export leaves a temporary folder that the next export removes', async () => {
  const parent = tempDir();
  const dir = join(parent, 'out');
  const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
  mkdirSync(join(parent, `out.tmp-${dead}`, 'chips'), { recursive: true });
  await exportParquet(db, dir);
  assert.deepEqual(readdirSync(parent), ['out']);
});
