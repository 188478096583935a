import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestByBloc } from './best.ts';
import type { Observation } from './gap.ts';

const o = (date: string, model: string, bloc: string, score: number): Observation => ({
  date,
  model,
  bloc,
  score,
  sd: null,
  source_id: 's',
});

const obs = [
  o('2025-01-01', 'a', 'US', 10),
  o('2025-01-01', 'b', 'CN', 9),
  o('2025-02-01', 'c', 'US', 8),
  o('2025-02-01', 'd', 'CN', 11),
  o('2025-03-01', 'e', 'US', 20),
];

test('snapshot view: the best entry of the latest snapshot on or before the date', () => {
  const r = bestByBloc(obs, 'snapshot', '2025-02-15', ['US', 'CN', 'EU']);
  assert.equal(r['US']?.model, 'c');
  assert.equal(r['CN']?.model, 'd');
  assert.equal(r['EU'], null);
});

test('release view: the best result among everything released by the date', () => {
  const r = bestByBloc(obs, 'release', '2025-02-15', ['US', 'CN']);
  assert.equal(r['US']?.model, 'a');
  assert.equal(r['CN']?.score, 11);
  assert.equal(bestByBloc(obs, 'release', '2024-12-31', ['US'])['US'], null);
});
