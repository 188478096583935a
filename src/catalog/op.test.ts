import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDeps } from '../ops/deps.ts';
import { builtDb, SNAPSHOT, tempDir } from '../../test/helpers.ts';
import { buildOp } from './op.ts';

test('build runs the doctor on the new database: a hard violation stops it and keeps the old one', {
  timeout: 300_000,
}, async () => {
  const dir = tempDir();
  const snapshot = join(dir, 'snapshot');
  cpSync(SNAPSHOT, snapshot, { recursive: true });
  // A negative price: one of the defect classes the doctor must refuse.
  appendFileSync(
    join(snapshot, 'prices', 'openrouter-models.csv'),
    'kimi-k3,moonshotai/kimi-k3,openrouter,false,-1000000,15,,1048576,on-demand,,2026-07-18,,openrouter-market-sui414\n',
  );
  const db = join(dir, 'airace.duckdb');
  copyFileSync(await builtDb(), db);
  const before = readFileSync(db);
  const deps = openDeps({ db, snapshot, raw: dir, curated: dir });
  await assert.rejects(buildOp.run(deps, { snapshot }), /doctor: .*no-negative-price.*kimi-k3/);
  assert.deepEqual(readFileSync(db), before, 'the old database is untouched');
  // The doctor read the new file under its temporary name: nothing of it is kept beside the database.
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes('.tmp-') || f.includes('.old-')),
    [],
    'no temporary file or cache is left behind',
  );
});
