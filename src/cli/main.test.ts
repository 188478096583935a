import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtDb, tempDir } from '../../test/helpers.ts';
import { main } from './main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
  });
  return { code, out, err };
}

test('models --country CN --json lists Chinese models with their sources', async () => {
  const db = await builtDb();
  const r = await run('models', '--country', 'CN', '--json', '--db', db);
  assert.equal(r.code, 0, r.err);
  const body = JSON.parse(r.out) as { total: number; models: { id: string; country: string; sources: string[] }[] };
  assert.ok(body.total > 100);
  assert.ok(body.models.every((m) => m.country === 'CN' && m.sources.length > 0));
  for (const id of ['deepseek-r1', 'kimi-k2'])
    assert.ok(
      body.models.some((m) => m.id === id),
      id,
    );
});

test('models filters: open weights and organization', async () => {
  const db = await builtDb();
  const r = await run('models', '--open-weights', '--organization', 'DeepSeek', '--json', '--db', db);
  const body = JSON.parse(r.out) as { models: { organization: string; open_weights: boolean }[] };
  assert.ok(body.models.length > 5);
  assert.ok(body.models.every((m) => m.organization === 'deepseek' && m.open_weights === true));
});

test('sources --json: every source has title, publisher, url and license', async () => {
  const r = await run('sources', '--json', '--db', await builtDb());
  const { sources } = JSON.parse(r.out) as { sources: Record<string, unknown>[] };
  assert.ok(sources.length > 20);
  for (const s of sources)
    for (const k of ['title', 'publisher', 'url', 'license', 'retrieved']) assert.ok(s[k], `${String(s['id'])}.${k}`);
});

test('export writes hive-partitioned Parquet', async () => {
  const dir = join(tempDir(), 'parquet');
  const r = await run('export', '--format', 'parquet', dir, '--db', await builtDb());
  assert.equal(r.code, 0, r.err);
  assert.ok(readdirSync(join(dir, 'leaderboard_entries')).some((d) => d.startsWith('leaderboard=lmarena-text')));
  assert.ok(existsSync(join(dir, 'sources.parquet')));
});

test('bad input: one line on stderr and a non-zero exit', async () => {
  const db = await builtDb();
  for (const [argv, code, pattern] of [
    [['models', '--country', 'China', '--db', db], 1, /^airace: error: country: .*two-letter/],
    [['models', '--db', join(tempDir(), 'none.duckdb')], 1, /^airace: error: database not found/],
    [['export', '--format', 'csv', 'x', '--db', db], 1, /format: must be one of parquet/],
    [['serve', '--port', '99999'], 1, /port: must be/],
    [['no-such-command'], 2, /unknown command/],
    [
      ['build', '--snapshot', join(tempDir(), 'missing'), '--db', join(tempDir(), 'x.duckdb')],
      1,
      /snapshot folder not found/,
    ],
  ] as const) {
    const r = await run(...argv);
    assert.equal(r.code, code, `${argv.join(' ')}: ${r.err}`);
    assert.match(r.err, pattern);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});
