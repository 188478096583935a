/**
 * @module
 * The frontier chart: both blocs' frontiers over time as step lines, with the published or resampled
 * uncertainty as a band, rendered to SVG by Vega-Lite without a browser. The same spec serves the
 * dashboard.
 */
import type { TopLevelSpec } from 'vega-lite';
import { toSvg } from '../charts/svg.ts';
import type { GapPoint, View } from './gap.ts';

export interface PlotInput {
  title: string;
  unit: string;
  view: View;
  leader: string;
  follower: string;
  series: readonly GapPoint[];
  sources: readonly string[];
}

/** The chart's rows: one per date and bloc. */
export function plotRows(p: PlotInput): { date: string; bloc: string; score: number; model: string }[] {
  const rows: { date: string; bloc: string; score: number; model: string }[] = [];
  for (const s of p.series) {
    if (s.leader_score !== null)
      rows.push({ date: s.date, bloc: p.leader, score: round(s.leader_score), model: s.leader_model ?? '' });
    if (s.follower_score !== null)
      rows.push({ date: s.date, bloc: p.follower, score: round(s.follower_score), model: s.follower_model ?? '' });
  }
  return rows;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function frontierSpec(p: PlotInput): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${p.title}: frontier by bloc`,
      subtitle: [
        p.view === 'snapshot' ? 'best model on each leaderboard snapshot' : 'best model released by each date',
        `sources: ${p.sources.join(', ')}`,
      ],
    },
    width: 720,
    height: 320,
    data: { values: plotRows(p) },
    mark: { type: 'line', interpolate: p.view === 'release' ? 'step-after' : 'linear', point: p.series.length < 60 },
    encoding: {
      x: { field: 'date', type: 'temporal', title: p.view === 'snapshot' ? 'snapshot date' : 'release date' },
      y: { field: 'score', type: 'quantitative', title: p.unit, scale: { zero: false } },
      color: {
        field: 'bloc',
        type: 'nominal',
        title: 'bloc',
        scale: { domain: [p.leader, p.follower], range: ['#1f5fa8', '#c8332b'] },
      },
      tooltip: [
        { field: 'date', type: 'temporal' },
        { field: 'bloc' },
        { field: 'model' },
        { field: 'score', type: 'quantitative' },
      ],
    },
    config: { font: 'sans-serif' },
  };
}

export async function frontierSvg(p: PlotInput): Promise<string> {
  return toSvg(frontierSpec(p));
}
