import assert from 'node:assert/strict';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { builtDb, tempDir } from '../../test/helpers.ts';
import { Db, forgetRemembered, jsonText } from './db.ts';

const BLOCK = 256 * 1024;
const HEADER = 3 * 4096;

test('the integrity probe passes on a fresh build, once per handle', async () => {
  const db = await Db.open(await builtDb());
  try {
    const t0 = performance.now();
    assert.deepEqual(await db.probe(), { ok: true });
    assert.ok(performance.now() - t0 < 5000);
    assert.equal(db.probe(), db.probe());
  } finally {
    db.close();
  }
});

test('a database damaged mid-file opens but the probe reports it unhealthy, naming the table', async () => {
  const path = join(tempDir(), 'damaged.duckdb');
  copyFileSync(await builtDb(), path);
  // Block 2 holds leaderboard rows (the largest table, written first): overwrite 64 bytes inside it.
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(64, 0x41), 0, 64, HEADER + 2 * BLOCK + 4096);
  closeSync(fd);
  const db = await Db.open(path);
  try {
    const p = await db.probe();
    assert.equal(p.ok, false);
    assert.match(
      p.problem ?? '',
      /^table \w+ of .*damaged\.duckdb cannot be read: .*Corrupt database file.*; rebuild it with `airace build`$/,
    );
    assert.doesNotMatch(p.problem ?? '', /\n/);
  } finally {
    db.close();
  }
});

test('a database changed after the build, or without checksums, is reported', async () => {
  const path = join(tempDir(), 'edited.duckdb');
  copyFileSync(await builtDb(), path);
  const w = await Db.open(path, { readOnly: false });
  await w.run(`DELETE FROM chips WHERE rowid = 0`);
  w.close();
  let db = await Db.open(path);
  assert.match(
    (await db.probe()).problem ?? '',
    /^table chips of .* differs from what was built \(\d+ rows, \d+ recorded\)/,
  );
  db.close();
  const w2 = await Db.open(path, { readOnly: false });
  await w2.run(`DROP TABLE table_checksums`);
  w2.close();
  db = await Db.open(path);
  assert.match((await db.probe()).problem ?? '', /has no integrity checksums/);
  db.close();
});

test('typed reads: rows parsed by the schema, extra columns dropped, JSON columns through their schema', async () => {
  const db = await Db.open(await builtDb());
  try {
    const row = z.object({ id: z.string(), chips_per_system: z.number(), year: z.number().nullable() });
    const systems = await db.rows(row, 'SELECT * FROM systems ORDER BY id');
    assert.ok(systems.length > 0);
    assert.deepEqual(systems, await db.all('SELECT id, chips_per_system, year FROM systems ORDER BY id'));
    assert.deepEqual(Object.keys(systems[0] ?? {}), ['id', 'chips_per_system', 'year']);
    // A refined schema takes zod's path; the values are the same.
    const refined = await db.rows(row.extend({ id: z.string().min(1) }), 'SELECT * FROM systems ORDER BY id');
    assert.deepEqual(refined, systems);
    const detail = await db.rows(
      z.object({ d: jsonText(z.looseObject({ id: z.string() })) }),
      'SELECT detail_json AS d FROM systems ORDER BY id',
    );
    assert.equal(detail[0]?.d.id, systems[0]?.id);
  } finally {
    db.close();
  }
});

test('typed reads fail naming the query, the row and the column', async () => {
  const db = await Db.open(await builtDb());
  try {
    await assert.rejects(
      db.rows(z.object({ id: z.string(), nope: z.string() }), 'SELECT id FROM chips'),
      /^Error: query "SELECT id FROM chips" has no column nope \(it has id\)$/,
    );
    await assert.rejects(
      db.rows(
        z.object({ id: z.number() }),
        'SELECT id, name, vendor, country, notes, memory_gb FROM chips ORDER BY id',
      ),
      /^Error: query "SELECT id, name, vendor, country, notes,…" row 1, column id: .*expected number, received string/,
    );
    await assert.rejects(
      db.rows(z.object({ d: jsonText(z.object({})) }), `SELECT 'not json' AS d`),
      /row 1, column d: not JSON/,
    );
  } finally {
    db.close();
  }
});

test('remember: one read per database version, shared by handles on one file; failures are not kept', async () => {
  const path = join(tempDir(), 'r.duckdb');
  copyFileSync(await builtDb(), path);
  const [a, b] = [await Db.open(path), await Db.open(path)];
  const other = await Db.open(await builtDb());
  try {
    let reads = 0;
    const read = async () => ++reads;
    assert.equal(await a.remember('k', read), 1);
    assert.equal(await b.remember('k', read), 1, 'a second handle on the same file shares the read');
    assert.equal(await other.remember('k', read), 2, 'another file reads its own');
    await assert.rejects(a.remember('bad', () => Promise.reject(new Error('boom'))));
    assert.equal(await a.remember('bad', read), 3, 'a failed read is tried again');
    // A rebuild replaces the file (a new inode): a handle on the new file reads again.
    copyFileSync(await builtDb(), `${path}.new`);
    renameSync(`${path}.new`, path);
    const rebuilt = await Db.open(path);
    assert.equal(await rebuilt.remember('k', read), 4);
    rebuilt.close();
  } finally {
    for (const d of [a, b, other]) d.close();
  }
});

test('rememberOnDisk: kept beside a read-only database for the next process, per version; never for a writable one', async () => {
  const dir = tempDir();
  const path = join(dir, 'd.duckdb');
  copyFileSync(await builtDb(), path);
  const cache = `${path}.cache`;
  const a = await Db.open(path);
  let reads = 0;
  const read = async () => ({ n: ++reads, s: 'x' });
  assert.deepEqual(await a.rememberOnDisk('k', read), { n: 1, s: 'x' });
  a.close();
  assert.equal(readdirSync(cache).length, 1);
  // Another process (here: memory forgotten) reads the file, not the database.
  forgetRemembered();
  const b = await Db.open(path);
  const failing = () => Promise.reject(new Error('must not read'));
  assert.deepEqual(await b.rememberOnDisk('k', failing), { n: 1, s: 'x' });
  b.close();
  // An unreadable file is read again from the database.
  const [file] = readdirSync(cache);
  writeFileSync(join(cache, file as string), '{not json');
  forgetRemembered();
  const c = await Db.open(path);
  assert.deepEqual(await c.rememberOnDisk('k', read), { n: 2, s: 'x' });
  c.close();
  // A rebuild (a new file renamed over) is another version: read afresh, and the old version's file goes.
  copyFileSync(await builtDb(), `${path}.new`);
  renameSync(`${path}.new`, path);
  const d = await Db.open(path);
  assert.deepEqual(await d.rememberOnDisk('k', read), { n: 3, s: 'x' });
  d.close();
  assert.equal(readdirSync(cache).length, 1);
  assert.notEqual(readdirSync(cache)[0], file);
  // A writable handle (a build in progress) keeps nothing on disk.
  const w = await Db.open(join(dir, 'w.duckdb'), { readOnly: false });
  await w.rememberOnDisk('k', read);
  w.close();
  assert.ok(!existsSync(join(dir, 'w.duckdb.cache')));
});
