import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, quantile } from './stats.ts';

test('quantile interpolates as numpy does; median averages the middle two', () => {
  // numpy.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 0.975]) = [1, 1.75, 2.5, 3.925]
  const xs = [1, 2, 3, 4];
  assert.deepEqual(
    [0, 0.25, 0.5].map((q) => quantile(xs, q)),
    [1, 1.75, 2.5],
  );
  assert.ok(Math.abs(quantile(xs, 0.975) - 3.925) < 1e-12);
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});
