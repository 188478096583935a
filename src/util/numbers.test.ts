import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { grouped } from './numbers.ts';

test('grouped: the same text as toLocaleString for every number and precision', () => {
  fc.assert(
    fc.property(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e21, 1234.5678)), fc.nat(6), (x, d) => {
      assert.equal(grouped(x, d), x.toLocaleString('en-US', { maximumFractionDigits: d }));
    }),
    { numRuns: 2000 },
  );
  assert.equal(grouped(1234567.891, 1), '1,234,567.9');
  assert.equal(grouped(4000), '4,000');
});
