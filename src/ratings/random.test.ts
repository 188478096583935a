import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binomial, multinomial, seededUniform } from './random.ts';

/** log(n!) exactly for small n, else by Stirling's series (error far below what the test can see). */
function logFactorial(n: number): number {
  if (n < 30) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  return (
    n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3) + 1 / (1260 * n ** 5)
  );
}

const logChoose = (n: number, k: number): number => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

test('the generator is seeded and uniform', () => {
  const a = seededUniform(7);
  const b = seededUniform(7);
  const xs = Array.from({ length: 20000 }, () => a());
  assert.deepEqual(
    xs.slice(0, 5),
    Array.from({ length: 5 }, () => b()),
  );
  assert.notEqual(seededUniform(8)(), seededUniform(7)());
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, String(mean));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

// Both samplers (inversion below n·p = 10, BTRD above) against the exact distribution: a chi-square test
// on the pmf, with a threshold a correct sampler fails about once in a million runs.
for (const [n, p] of [
  [20, 0.3],
  [1000, 0.004],
  [1000, 0.3],
  [2_000_000, 0.00002],
  [2_000_000, 0.4],
  [50, 0.9],
] as const) {
  test(`binomial(${n}, ${p}) follows the exact distribution`, () => {
    const u = seededUniform(n + Math.round(p * 1e6));
    const draws = 40000;
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i++) {
      const x = binomial(n, p, u);
      assert.ok(Number.isInteger(x) && x >= 0 && x <= n);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    // Bins: each k with expected count ≥ 20, the tails pooled.
    let chi = 0;
    let bins = 0;
    let expectedTail = draws;
    let observedTail = draws;
    for (let k = Math.max(0, Math.floor(mean - 6 * sd)); k <= Math.min(n, Math.ceil(mean + 6 * sd)); k++) {
      const e = draws * Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
      if (e < 20) continue;
      const o = counts.get(k) ?? 0;
      chi += ((o - e) * (o - e)) / e;
      bins++;
      expectedTail -= e;
      observedTail -= o;
    }
    if (expectedTail > 5) {
      chi += (observedTail - expectedTail) ** 2 / expectedTail;
      bins++;
    }
    const df = bins - 1;
    // Wilson–Hilferty: the 1 − 1e-6 quantile of chi-square(df).
    const z = 4.75;
    const limit = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
    assert.ok(chi < limit, `chi2 ${chi.toFixed(1)} over ${df} df (limit ${limit.toFixed(1)})`);
  });
}

test('multinomial counts add up and follow their weights', () => {
  const u = seededUniform(1);
  const w = new Float64Array([5, 0, 1, 4]);
  const out = new Float64Array(4);
  const sums = [0, 0, 0, 0];
  for (let r = 0; r < 200; r++) {
    multinomial(10000, w, out, u);
    assert.equal(
      out.reduce((s, x) => s + x, 0),
      10000,
    );
    assert.equal(out[1], 0);
    out.forEach((x, i) => (sums[i] = (sums[i] ?? 0) + x));
  }
  for (const [i, share] of [
    [0, 0.5],
    [2, 0.1],
    [3, 0.4],
  ] as const)
    assert.ok(Math.abs((sums[i] ?? 0) / 2e6 - share) < 0.002, `cell ${i}`);
});
