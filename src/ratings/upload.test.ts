import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { WorkerPool } from '../workers/pool.ts';
import { TASKS } from '../workers/tasks.ts';
import { parseCsv } from './battles.ts';
import { bradleyTerry } from './bradley-terry.ts';
import type { UploadOutput } from './upload.ts';

const pool = new WorkerPool({ tasks: TASKS, threads: 1 });
after(() => pool.close());

const CSV = 'model_a,model_b,winner\na,b,model_a\na,b,model_b\nb,c,tie\nc,a,model_a\na,c,model_b\nb,c,model_a\n';

test('an upload is rated in a worker, exactly as in this thread', async () => {
  const out = await pool.run<UploadOutput>('ratings.upload', { text: CSV, format: 'csv', bootstrap: 30, seed: 4 });
  assert.ok(out.ok);
  assert.deepEqual(out.result, { ...bradleyTerry.rate(parseCsv(CSV, 'body'), { bootstrap: 30, seed: 4 }), skipped: 0 });
});

test('bad uploads come back naming the field', async () => {
  const bad = await pool.run<UploadOutput>('ratings.upload', {
    text: 'model_a,model_b,winner\na,b,draw\n',
    format: 'csv',
    bootstrap: 0,
    seed: 0,
  });
  assert.deepEqual(bad, {
    ok: false,
    field: 'body',
    message:
      'body:2: winner must be model_a, model_b, tie or tie (bothbad), not "draw" (use --skip-invalid to skip such rows)',
  });
  const none = await pool.run<UploadOutput>('ratings.upload', {
    text: 'model_a,model_b,winner\n',
    format: 'csv',
    bootstrap: 0,
    seed: 0,
  });
  assert.deepEqual(none, { ok: false, field: 'body', message: 'no valid battles in the body' });
  const anchor = await pool.run<UploadOutput>('ratings.upload', {
    text: CSV,
    format: 'csv',
    bootstrap: 0,
    seed: 0,
    anchor: { model: 'zz', score: 1 },
  });
  assert.equal(anchor.ok === false && anchor.field, 'anchor');
  const jsonl = await pool.run<UploadOutput>('ratings.upload', {
    text: '{"model_a":"a","model_b":"b","winner":"tie"}\n',
    format: 'jsonl',
    bootstrap: 0,
    seed: 0,
  });
  assert.ok(jsonl.ok && jsonl.result.models.length === 2);
});
