import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { builtDb, tempDir } from '../../test/helpers.ts';
import { Db } from '../store/db.ts';
import { doctorText, runDoctor, sourceSteps, type DoctorReport } from './index.ts';
import { doctor } from './op.ts';

let clean: DoctorReport;
let broken: DoctorReport;
let shipped: string;

const checkOf = (r: DoctorReport, id: string) => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};

before(async () => {
  shipped = await builtDb();
  const db = await Db.open(shipped);
  clean = await runDoctor(db);
  db.close();
  // A copy of the shipped database with every defect class re-introduced.
  const path = join(tempDir(), 'broken.duckdb');
  copyFileSync(shipped, path);
  const bad = await Db.open(path, { readOnly: false });
  // A "variable price" sentinel stored as a price.
  await bad.run(
    `UPDATE prices SET input_usd_per_mtok = -1000000, output_usd_per_mtok = -1000000 WHERE model_raw = 'openrouter/auto'`,
  );
  // An id made of a date fragment ("GPT-4o (08/06)" → "06").
  await bad.run(
    `INSERT INTO models SELECT * REPLACE ('06' AS id, ['GPT-4o (08/06)'] AS aliases) FROM models WHERE id = 'gpt-4o-20240806'`,
  );
  // Attribution lost for one model in ten of those with traffic or prices.
  await bad.run(
    `UPDATE models SET organization_id = NULL WHERE id IN (SELECT DISTINCT model_id FROM prices ORDER BY model_id LIMIT 250)`,
  );
  // One alias on two models.
  await bad.run(`UPDATE models SET aliases = list_append(aliases, 'deepseek-ai/DeepSeek-R1') WHERE id = 'deepseek-v3'`);
  // One source's day off for one model only: a step that only the change of source explains.
  await bad.run(`UPDATE leaderboard_entries SET score = score + 40 WHERE source_id = 'fboulnois-llm-leaderboard-csv' AND snapshot_date = '2025-02-10'
                 AND model_id = 'gemini-2-0-flash-thinking-exp-01-21' AND leaderboard = 'lmarena-text' AND category = 'full'`);
  // Batch prices stored as on-demand.
  await bad.run(`UPDATE prices SET tier = 'on-demand' WHERE tier = 'batch'`);
  broken = await runDoctor(bad);
  bad.close();
});

test('doctor passes on the shipped snapshot', () => {
  assert.equal(clean.ok, true, doctorText(clean));
  for (const c of clean.checks) if (c.severity === 'hard') assert.ok(c.ok, `${c.id}: ${c.message}`);
  assert.deepEqual(clean.checks.map((c) => c.id).sort(), [
    'attribution',
    'no-fragment-id',
    'no-negative-price',
    'no-shared-alias',
    'no-source-step',
    'no-untagged-half-price',
  ]);
  // The attribution check lists every unattributed model by name, whatever its verdict.
  const a = checkOf(clean, 'attribution');
  assert.equal(a.rows.length, Math.min(a.count, 200));
  assert.ok(a.rows.every((r) => typeof r['model_id'] === 'string'));
});

test('doctor fails on a snapshot with each defect class re-introduced, naming the rows', () => {
  assert.equal(broken.ok, false);
  const neg = checkOf(broken, 'no-negative-price');
  assert.ok(!neg.ok && neg.rows.some((r) => r['model_raw'] === 'openrouter/auto' && Number(r['input']) < 0));
  const frag = checkOf(broken, 'no-fragment-id');
  assert.ok(!frag.ok);
  assert.deepEqual(
    frag.rows.map((r) => r['model_id']),
    ['06'],
  );
  const attr = checkOf(broken, 'attribution');
  assert.ok(!attr.ok && attr.severity === 'hard', attr.message);
  assert.ok(attr.count >= 250 && attr.rows.every((r) => r['organization_id'] === null || r['country'] === 'unknown'));
  const alias = checkOf(broken, 'no-shared-alias');
  assert.ok(!alias.ok);
  assert.ok(
    alias.rows.some(
      (r) =>
        r['alias'] === 'deepseek-ai/DeepSeek-R1' &&
        JSON.stringify(r['model_ids']) === JSON.stringify(['deepseek-r1', 'deepseek-v3']),
    ),
  );
  const step = checkOf(broken, 'no-source-step');
  assert.ok(!step.ok);
  assert.ok(
    step.rows.some((r) => r['to'] === '2025-02-10' && r['source_after'] === 'fboulnois-llm-leaderboard-csv'),
    JSON.stringify(step.rows),
  );
  const half = checkOf(broken, 'no-untagged-half-price');
  assert.ok(!half.ok && half.rows.some((r) => String(r['half_price_row']).endsWith(':batch')));
  assert.match(doctorText(broken), /FAIL no-negative-price[\s\S]*openrouter\/auto/);
});

test('source steps: same models, another source, neighbouring days', () => {
  const p = (date: string, gap: number, src: string, leader = 'a') => ({
    date,
    leader_model: leader,
    follower_model: 'b',
    points_gap: gap,
    sources: [src],
  });
  assert.equal(sourceSteps([p('2025-01-01', 20, 'x'), p('2025-01-02', 40, 'y')]).length, 1);
  assert.equal(sourceSteps([p('2025-01-01', 20, 'x'), p('2025-01-02', 40, 'x')]).length, 0, 'same source: a real move');
  assert.equal(
    sourceSteps([p('2025-01-01', 20, 'x'), p('2025-01-02', 40, 'y', 'c')]).length,
    0,
    'new leader: a real move',
  );
  assert.equal(
    sourceSteps([p('2025-01-01', 20, 'x'), p('2025-01-20', 40, 'y')]).length,
    0,
    'weeks apart: ratings moved',
  );
  assert.equal(
    sourceSteps([p('2025-01-01', 20, 'x'), p('2025-01-02', 23, 'y')]).length,
    0,
    'within rounding and drift',
  );
});

test('doctor operation: runs on the database it is given', async () => {
  const db = await Db.open(shipped);
  try {
    const deps = { db: async () => db } as unknown as Parameters<typeof doctor.run>[0];
    const out = await doctor.run(deps, {});
    assert.equal(out.ok, true);
    assert.ok(doctor.output.safeParse(out).success);
    assert.match(doctor.text?.(out) ?? '', /doctor: passed/);
  } finally {
    db.close();
  }
});
