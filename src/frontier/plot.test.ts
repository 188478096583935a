import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertGolden } from '../../test/golden.ts';
import { gapSeries, type Observation } from './gap.ts';
import { frontierSpec, frontierSvg, plotRows } from './plot.ts';

const obs: Observation[] = [
  ['2024-01-15', 'US', 110],
  ['2024-03-01', 'CN', 95],
  ['2024-05-20', 'US', 126],
  ['2024-09-10', 'CN', 118],
  ['2025-01-20', 'CN', 129],
  ['2025-04-01', 'US', 143],
].map(([date, bloc, score], k) => ({
  date: String(date),
  bloc: String(bloc),
  score: Number(score),
  model: `model-${k}`,
  sd: null,
  source_id: 'epoch-benchmarking-hub',
}));
const input = {
  title: 'Test index',
  unit: 'index points',
  view: 'release' as const,
  leader: 'US',
  follower: 'CN',
  series: gapSeries(obs, { view: 'release', leader: 'US', follower: 'CN' }),
  sources: ['epoch-benchmarking-hub'],
};

test('the chart data has one row per date and bloc, with the model', () => {
  const rows = plotRows(input);
  assert.deepEqual(
    rows.filter((r) => r.date === '2025-01-20'),
    [
      { date: '2025-01-20', bloc: 'US', score: 126, model: 'model-2' },
      { date: '2025-01-20', bloc: 'CN', score: 129, model: 'model-4' },
    ],
  );
  const spec = frontierSpec(input) as { mark: { interpolate: string } };
  assert.equal(spec.mark.interpolate, 'step-after');
});

test('the frontier chart renders to the golden SVG', async () => {
  const svg = await frontierSvg(input);
  assert.match(svg, /^<svg/);
  assertGolden('frontier-release.svg', svg);
});
