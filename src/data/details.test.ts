import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { builtDb } from '../../test/helpers.ts';
import { Db, jsonText } from '../store/db.ts';
import { eventDetail, ruleDetail, systemDetail } from './details.ts';

test('every detail_json of the built database reads through its schema, keeping every key', async () => {
  const db = await Db.open(await builtDb());
  try {
    for (const [table, schema] of [
      ['rules', ruleDetail],
      ['events', eventDetail],
      ['systems', systemDetail],
    ] as const) {
      const rows = await db.rows(
        z.object({ id: z.string(), detail: jsonText(schema), raw: z.string() }),
        `SELECT id, detail_json AS detail, detail_json AS raw FROM ${table} ORDER BY id`,
      );
      assert.ok(rows.length > 0, `${table} has rows`);
      // Loose schemas: the parsed record is the stored one, key for key.
      for (const r of rows) assert.deepEqual(r.detail, JSON.parse(r.raw), `${table} ${r.id}`);
    }
    const criteria = (
      await db.rows(z.object({ d: jsonText(ruleDetail) }), 'SELECT detail_json AS d FROM rules')
    ).flatMap((r) => r.d.criteria ?? []);
    assert.ok(
      criteria.some((c) => typeof c.paragraph === 'string'),
      'rule criteria carry their paragraph',
    );
  } finally {
    db.close();
  }
});

test('a detail of the wrong shape fails naming the column and the key', async () => {
  const db = await Db.open(await builtDb());
  try {
    await assert.rejects(
      db.rows(z.object({ d: jsonText(ruleDetail) }), `SELECT '{"criteria": [{"param": 3}]}' AS d`),
      /row 1, column d\.criteria\.0\.param: .*expected string/,
    );
  } finally {
    db.close();
  }
});
