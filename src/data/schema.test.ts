import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTableSql } from '../store/ddl.ts';
import { columnsOf, primaryKeys, tableNames, tables } from './schema.ts';

test('every table derives columns with a known kind, and every fact table carries source_id', () => {
  for (const t of tableNames) {
    const cols = columnsOf(t);
    assert.ok(cols.length > 2, t);
    if (!['datasets', 'sources', 'claims'].includes(t))
      assert.ok(
        cols.some((c) => c.name === 'source_id' && !c.nullable),
        `${t} needs a non-null source_id`,
      );
  }
  const src = columnsOf('sources').map((c) => c.name);
  for (const f of ['title', 'publisher', 'url', 'published', 'retrieved', 'license']) assert.ok(src.includes(f), f);
});

test('DDL follows the zod types: dates, integers, doubles, lists, nullability, keys', () => {
  const sql = createTableSql('models');
  assert.match(sql, /"release_date" DATE,/);
  assert.match(sql, /"context_tokens" BIGINT,/);
  assert.match(sql, /"parameters_b" DOUBLE,/);
  assert.match(sql, /"aliases" VARCHAR\[\] NOT NULL/);
  assert.match(sql, /"id" VARCHAR NOT NULL/);
  assert.match(sql, /PRIMARY KEY \("id"\)/);
  assert.deepEqual(primaryKeys.models, ['id']);
});

test('validators reject bad rows', () => {
  const good = {
    id: 'x',
    title: 't',
    publisher: 'p',
    url: 'https://example.org',
    published: null,
    retrieved: '2026-01-01',
    license: 'MIT',
    notes: null,
  };
  assert.ok(tables.sources.safeParse(good).success);
  assert.ok(!tables.sources.safeParse({ ...good, url: 'ftp://x' }).success);
  assert.ok(!tables.sources.safeParse({ ...good, retrieved: '2026-13-01' }).success);
  assert.ok(!tables.leaderboard_entries.shape.score.safeParse(Number.NaN).success);
  assert.ok(!tables.organizations.shape.country.safeParse('China').success);
  assert.ok(tables.organizations.shape.country.safeParse('CN').success);
});
