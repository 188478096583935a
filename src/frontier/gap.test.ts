import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { gapAt, gapSeries, type Observation } from './gap.ts';

const o = (
  date: string,
  bloc: string,
  score: number,
  model = `${bloc}-${date}`,
  sd: number | null = null,
): Observation => ({ date, model, bloc, score, sd, source_id: 's' });
const MONTH = 365.25 / 12;

const release = [
  o('2024-01-01', 'US', 10),
  o('2024-07-01', 'US', 20),
  o('2024-04-01', 'CN', 8),
  o('2025-01-01', 'CN', 15),
  o('2024-02-01', 'CN', 5),
];

test('release view: frontiers carry forward; points and months as defined', () => {
  const s = gapSeries(release, { view: 'release', leader: 'US', follower: 'CN' });
  assert.deepEqual(
    s.map((p) => p.date),
    ['2024-01-01', '2024-02-01', '2024-04-01', '2024-07-01', '2025-01-01'],
  );
  const last = s.at(-1);
  assert.equal(last?.leader_score, 20);
  assert.equal(last?.leader_model, 'US-2024-07-01');
  assert.equal(last?.follower_score, 15);
  assert.equal(last?.points_gap, 5);
  // The US first reached 15 on 2024-07-01, 184 days before 2025-01-01.
  assert.ok(Math.abs((last?.months_gap ?? 0) - 184 / MONTH) < 1e-9);
  assert.equal(last?.months_censored, false);
  // On 2024-04-01 the US (10) was above CN (8) since its first data point: a lower bound.
  const april = s[2];
  assert.ok(Math.abs((april?.months_gap ?? 0) - 91 / MONTH) < 1e-9);
  assert.equal(april?.months_censored, true);
  assert.equal(s[0]?.points_gap, null, 'no CN data yet');
});

test('a follower ahead gives a negative months gap', () => {
  const s = gapSeries(
    [o('2024-01-01', 'US', 10), o('2024-03-01', 'CN', 12), o('2024-06-01', 'CN', 13), o('2024-06-01', 'US', 11)],
    { view: 'release', leader: 'US', follower: 'CN' },
  );
  const last = s.at(-1);
  assert.equal(last?.points_gap, -2);
  // CN first reached the US level (11) on 2024-03-01, 92 days before 2024-06-01.
  assert.ok(Math.abs((last?.months_gap ?? 0) + 92 / MONTH) < 1e-9);
});

test('as of a date between releases, the months gap keeps counting', () => {
  const s = gapSeries(release, { view: 'release', leader: 'US', follower: 'CN' });
  const at = gapAt(s, 'release', '2025-03-02');
  assert.equal(at?.date, '2025-01-01');
  assert.ok(Math.abs((at?.months_gap ?? 0) - (184 + 60) / MONTH) < 1e-9);
  assert.equal(gapAt(s, 'release', '2023-01-01'), null);
  assert.equal(gapAt(s, 'snapshot', '2025-03-02')?.months_gap, s.at(-1)?.months_gap);
});

test('snapshot view: each snapshot on its own, no carrying forward', () => {
  const s = gapSeries(
    [
      o('2024-01-01', 'US', 1200),
      o('2024-01-01', 'CN', 1100),
      o('2024-02-01', 'US', 1250),
      o('2024-03-01', 'US', 1240),
      o('2024-03-01', 'CN', 1210),
    ],
    { view: 'snapshot', leader: 'US', follower: 'CN' },
  );
  assert.equal(s[1]?.follower_score, null);
  assert.equal(s[2]?.points_gap, 30);
  // The US best first reached 1210 on 2024-02-01 (1250), 29 days before 2024-03-01.
  assert.ok(Math.abs((s[2]?.months_gap ?? 0) - 29 / MONTH) < 1e-9);
});

test('intervals: seeded, around the point, absent where no score has an error', () => {
  const noisy = [
    o('2024-01-01', 'US', 1200, 'a', 5),
    o('2024-01-01', 'CN', 1150, 'b', 5),
    o('2024-02-01', 'US', 1210, 'c', null),
    o('2024-02-01', 'CN', 1160, 'd', null),
  ];
  const opts = { view: 'snapshot' as const, leader: 'US', follower: 'CN', rounds: 400, seed: 9 };
  const one = gapSeries(noisy, opts);
  assert.deepEqual(one, gapSeries(noisy, opts));
  const ci = one[0]?.points_ci;
  assert.ok(ci && ci[0] < 50 && ci[1] > 50);
  // ±1.96·sqrt(5²+5²) ≈ ±13.9
  assert.ok(ci && Math.abs(ci[1] - ci[0] - 2 * 1.96 * Math.sqrt(50)) < 4, String(ci));
  assert.equal(one[1]?.points_ci, null);
  const boot = gapSeries(release, { view: 'release', leader: 'US', follower: 'CN', rounds: 200, resampleModels: true });
  assert.ok(boot.at(-1)?.months_ci !== null);
});

test('swapping leader and follower negates the points gap', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          d: fc.integer({ min: 0, max: 20 }),
          bloc: fc.constantFrom('US', 'CN'),
          score: fc.integer({ min: 0, max: 100 }),
        }),
        { minLength: 2, maxLength: 30 },
      ),
      (rows) => {
        const obs = rows.map((r, k) =>
          o(new Date(Date.UTC(2024, 0, 1 + r.d)).toISOString().slice(0, 10), r.bloc, r.score, `m${k}`),
        );
        for (const view of ['release', 'snapshot'] as const) {
          const a = gapSeries(obs, { view, leader: 'US', follower: 'CN' });
          const b = gapSeries(obs, { view, leader: 'CN', follower: 'US' });
          a.forEach((p, k) => {
            const q = b[k]?.points_gap ?? null;
            assert.equal(p.points_gap === null, q === null);
            if (p.points_gap !== null && q !== null) assert.ok(p.points_gap + q === 0);
          });
        }
      },
    ),
  );
});
