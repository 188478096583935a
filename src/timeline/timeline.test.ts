import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { builtDb, RAW, ROOT } from '../../test/helpers.ts';
import { Db } from '../store/db.ts';
import { loadFx, timeline } from './index.ts';

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

test('events-extra are merged into the timeline with their confidence flags and sources', async () => {
  const extra = (
    JSON.parse(readFileSync(join(RAW, 'facts', 'events-extra.json'), 'utf8')) as {
      records: { id: string; title: string; confidence: string; date: string }[];
    }
  ).records;
  const t = await timeline(db, {}, loadFx(join(ROOT, 'data', 'curated', 'fx.json')));
  const sourceIds = new Set((await db.all('SELECT id FROM sources')).map((x) => String(x['id'])));
  const ids = (await db.all(`SELECT id FROM events WHERE id IN (${extra.map((r) => `'${r.id}'`).join(', ')})`)).map(
    (x) => String(x['id']),
  );
  assert.equal(ids.length, extra.length);
  assert.ok(sourceIds.has('facts-events-extra'), 'the sheet is a source');
  for (const r of extra) {
    const e = t.events.find((x) => x.title === r.title);
    assert.ok(e, r.id);
    assert.equal(e.confidence, r.confidence, r.id);
    assert.ok(e.sources.length > 0 && e.sources.every((s) => sourceIds.has(s)), r.id);
    if (/^\d{4}-\d{2}$/.test(r.date)) {
      assert.equal(e.date, `${r.date}-01`);
      assert.match(e.note ?? '', /month only/);
    } else assert.equal(e.date, r.date);
  }
  assert.ok(t.kinds.includes('adoption_milestone'));
});
