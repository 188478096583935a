/**
 * @module
 * The case suite every RatingSystem passes: hand-checkable closed forms, ties, order and side invariance,
 * a disconnected comparison graph, anchors, and the likelihood equations at the solution.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCsv, type Battles } from './battles.ts';
import type { RatingSystem } from './bradley-terry.ts';

/** Battles from `[a, b, winner, times]` rows. */
export function battlesOf(rows: [string, string, string, number][]): Battles {
  const lines = ['model_a,model_b,winner'];
  for (const [a, b, w, n] of rows) for (let k = 0; k < n; k++) lines.push(`${a},${b},${w}`);
  return parseCsv(lines.join('\n'), 'case.csv');
}

const byName = (r: { models: { model: string; rating: number }[] }) =>
  Object.fromEntries(r.models.map((m) => [m.model, m.rating]));
const close = (x: number | undefined, y: number, eps = 1e-4, what = '') =>
  assert.ok(x !== undefined && Math.abs(x - y) < eps, `${what} ${x} vs ${y}`);

export function runRatingSuite(system: RatingSystem, skip: { test: string; reason: string }[] = []): void {
  const skipped = new Map(skip.map((s) => [s.test, s.reason]));
  const it = (name: string, fn: () => void) =>
    test(`${system.name}: ${name}`, skipped.has(name) ? { skip: skipped.get(name) } : {}, fn);

  it('two models: the gap is 400·log10(wins ratio), centred on 1000', () => {
    const r = byName(
      system.rate(
        battlesOf([
          ['A', 'B', 'model_a', 3],
          ['A', 'B', 'model_b', 1],
        ]),
      ),
    );
    const gap = 400 * Math.log10(3);
    close(r['A'], 1000 + gap / 2, 1e-4, 'A');
    close(r['B'], 1000 - gap / 2, 1e-4, 'B');
  });

  it('ties count half a win each way', () => {
    const withTies = byName(
      system.rate(
        battlesOf([
          ['A', 'B', 'model_a', 2],
          ['A', 'B', 'tie', 1],
          ['A', 'B', 'tie (bothbad)', 1],
        ]),
      ),
    );
    // 2 wins + 2 ties = 3 half-scored wins against 1: the same as 3–1.
    close((withTies['A'] ?? 0) - (withTies['B'] ?? 0), 400 * Math.log10(3), 1e-4, 'gap');
    const even = byName(
      system.rate(
        battlesOf([
          ['A', 'B', 'tie', 5],
          ['A', 'B', 'model_a', 1],
          ['A', 'B', 'model_b', 1],
        ]),
      ),
    );
    close(even['A'], 1000);
    close(even['B'], 1000);
  });

  it('a chain decouples into closed forms', () => {
    // Only A–B and B–C meet, so each gap is fixed by its own pair: 400·log10(4/1) and 400·log10(2/3).
    const r = byName(
      system.rate(
        battlesOf([
          ['A', 'B', 'model_a', 4],
          ['A', 'B', 'model_b', 1],
          ['B', 'C', 'model_a', 2],
          ['B', 'C', 'model_b', 3],
        ]),
      ),
    );
    close((r['A'] ?? 0) - (r['B'] ?? 0), 400 * Math.log10(4));
    close((r['B'] ?? 0) - (r['C'] ?? 0), 400 * Math.log10(2 / 3));
    close(((r['A'] ?? 0) + (r['B'] ?? 0) + (r['C'] ?? 0)) / 3, 1000);
  });

  it('at the solution, each model scores what the model expects (the likelihood equations)', () => {
    const rows: [string, string, string, number][] = [
      ['A', 'B', 'model_a', 7],
      ['A', 'B', 'model_b', 3],
      ['A', 'C', 'model_a', 2],
      ['C', 'A', 'model_a', 5],
      ['B', 'C', 'tie', 4],
      ['B', 'C', 'model_a', 6],
      ['C', 'D', 'model_b', 2],
      ['D', 'C', 'model_b', 3],
      ['A', 'D', 'model_a', 1],
      ['D', 'B', 'model_a', 4],
      ['B', 'D', 'model_a', 1],
    ];
    const r = byName(system.rate(battlesOf(rows)));
    const score = new Map<string, number>();
    const expected = new Map<string, number>();
    const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
    for (const [a, b, w, n] of rows) {
      const pa = 1 / (1 + 10 ** (((r[b] ?? 0) - (r[a] ?? 0)) / 400));
      add(expected, a, n * pa);
      add(expected, b, n * (1 - pa));
      const sa = w === 'model_a' ? 1 : w === 'model_b' ? 0 : 0.5;
      add(score, a, n * sa);
      add(score, b, n * (1 - sa));
    }
    for (const [k, v] of score) close(expected.get(k), v, 1e-6, k);
  });

  it('row order and the a/b sides do not matter, intervals included', () => {
    const rows: [string, string, string][] = [];
    const names = ['m1', 'm2', 'm3', 'm4', 'm5'];
    let s = 1;
    for (let k = 0; k < 400; k++) {
      s = (s * 48271) % 2147483647;
      const a = names[s % 5] as string;
      const b = names[(s >> 3) % 5] as string;
      if (a === b) continue;
      rows.push([a, b, ['model_a', 'model_b', 'tie'][(s >> 7) % 3] as string]);
    }
    const csv = (rs: [string, string, string][]) =>
      parseCsv(['model_a,model_b,winner', ...rs.map((r) => r.join(','))].join('\n'), 'x.csv');
    const base = system.rate(csv(rows), { bootstrap: 20, seed: 3 });
    const reversed = system.rate(csv([...rows].reverse()), { bootstrap: 20, seed: 3 });
    const swapped = system.rate(
      csv(rows.map(([a, b, w]) => [b, a, w === 'model_a' ? 'model_b' : w === 'model_b' ? 'model_a' : w])),
      { bootstrap: 20, seed: 3 },
    );
    for (const other of [reversed, swapped]) {
      assert.deepEqual(
        other.models.map((m) => m.model),
        base.models.map((m) => m.model),
      );
      other.models.forEach((m, k) => {
        const b = base.models[k];
        close(m.rating, b?.rating ?? 0, 1e-6, m.model);
        close(m.ci_low, b?.ci_low ?? 0, 1e-6, m.model);
        close(m.ci_high, b?.ci_high ?? 0, 1e-6, m.model);
      });
    }
  });

  it('a disconnected comparison graph is reported, not crashed', () => {
    const r = system.rate(
      battlesOf([
        ['A', 'B', 'model_a', 3],
        ['A', 'B', 'model_b', 1],
        ['C', 'D', 'model_a', 1],
        ['C', 'D', 'model_b', 1],
      ]),
      { bootstrap: 10 },
    );
    assert.equal(r.components, 2);
    assert.match(r.warnings.join(' '), /2 disconnected components/);
    const comp = Object.fromEntries(r.models.map((m) => [m.model, m.component]));
    assert.equal(comp['A'], comp['B']);
    assert.notEqual(comp['A'], comp['C']);
    const ratings = byName(r);
    close(ratings['C'], 1000);
    close(((ratings['A'] ?? 0) + (ratings['B'] ?? 0)) / 2, 1000);
    assert.ok(r.models.every((m) => Number.isFinite(m.rating) && Number.isFinite(m.ci_low)));
  });

  it('a model that never lost is flagged and stays finite', () => {
    const r = system.rate(
      battlesOf([
        ['A', 'B', 'model_a', 3],
        ['B', 'C', 'model_a', 2],
        ['C', 'B', 'model_a', 1],
      ]),
    );
    assert.match(r.warnings.join(' '), /A won every comparison/);
    assert.ok(r.models.every((m) => Number.isFinite(m.rating)));
  });

  it('an anchor shifts every rating by the same amount, intervals too', () => {
    const rows: [string, string, string, number][] = [
      ['A', 'B', 'model_a', 30],
      ['A', 'B', 'model_b', 10],
      ['B', 'C', 'model_a', 20],
      ['B', 'C', 'model_b', 30],
      ['A', 'C', 'tie', 5],
    ];
    const free = system.rate(battlesOf(rows), { bootstrap: 50, seed: 1 });
    const anchored = system.rate(battlesOf(rows), { bootstrap: 50, seed: 1, anchor: { model: 'B', score: 1200 } });
    const shift = 1200 - (byName(free)['B'] ?? 0);
    anchored.models.forEach((m, k) => close(m.rating, (free.models[k]?.rating ?? 0) + shift, 1e-6, m.model));
    close(byName(anchored)['B'], 1200);
    assert.throws(
      () => system.rate(battlesOf(rows), { anchor: { model: 'Z', score: 1 } }),
      /anchor model "Z" is not in the battles/,
    );
  });

  it('bootstrap intervals are seeded, contain the rating, and order ranks', () => {
    const rows: [string, string, string, number][] = [
      ['A', 'B', 'model_a', 60],
      ['A', 'B', 'model_b', 40],
      ['B', 'C', 'model_a', 90],
      ['B', 'C', 'model_b', 10],
      ['A', 'C', 'model_a', 95],
      ['A', 'C', 'model_b', 5],
    ];
    const one = system.rate(battlesOf(rows), { bootstrap: 200, seed: 42 });
    const two = system.rate(battlesOf(rows), { bootstrap: 200, seed: 42 });
    assert.deepEqual(one, two);
    for (const m of one.models) assert.ok(m.ci_low <= m.rating && m.rating <= m.ci_high, m.model);
    const ranks = Object.fromEntries(one.models.map((m) => [m.model, m.rank_ub]));
    // C is far below both: its upper bound is under both lower bounds. A and B overlap.
    assert.equal(ranks['C'], 3);
    assert.equal(ranks['A'], 1);
    assert.equal(ranks['B'], 1);
    assert.deepEqual(Object.fromEntries(one.models.map((m) => [m.model, m.battles])), { A: 200, B: 200, C: 200 });
  });

  it('ratings are finite and the mean stays 1000 on random inputs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 5 }),
            fc.integer({ min: 0, max: 5 }),
            fc.constantFrom('model_a', 'model_b', 'tie'),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        (rows) => {
          const valid = rows
            .filter(([a, b]) => a !== b)
            .map(([a, b, w]) => [`m${a}`, `m${b}`, w, 1] as [string, string, string, number]);
          if (valid.length === 0) return;
          const r = system.rate(battlesOf(valid));
          for (const m of r.models) assert.ok(Number.isFinite(m.rating));
          for (let c = 0; c < r.components; c++) {
            const inC = r.models.filter((m) => m.component === c);
            close(inC.reduce((s, m) => s + m.rating, 0) / inC.length, 1000, 1e-6, `component ${c}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
}
