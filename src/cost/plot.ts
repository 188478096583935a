/**
 * @module
 * Cost charts, as Vega-Lite specs rendered headless to SVG (and served to the dashboard as specs):
 * the price–capability scatter with the Pareto frontier, and the price of a capability level over time.
 */
import type { TopLevelSpec } from 'vega-lite';

export { toSvg } from '../charts/svg.ts';

const BLOC_COLORS = {
  domain: ['US', 'CN', 'EU', 'other', 'unknown'],
  range: ['#1f5fa8', '#c8332b', '#2a8c4a', '#8a6d3b', '#999999'],
};

export interface ScatterInput {
  title: string;
  asOf: string;
  blend: string;
  points: { model: string; bloc: string; price: number; score: number; on_frontier: boolean }[];
  sources: string[];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function scatterSpec(p: ScatterInput): TopLevelSpec {
  const rows = p.points.map((x) => ({
    model: x.model,
    bloc: ['US', 'CN', 'EU', 'unknown'].includes(x.bloc) ? x.bloc : 'other',
    price: r4(x.price),
    score: r4(x.score),
    frontier: x.on_frontier,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${p.title}: price against capability, ${p.asOf}`,
      subtitle: [`blended price, ${p.blend}; line: Pareto frontier`, `sources: ${p.sources.join(', ')}`],
    },
    width: 640,
    height: 360,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'point', filled: true, opacity: 0.75 },
        encoding: {
          x: {
            field: 'price',
            type: 'quantitative',
            scale: { type: 'log' },
            title: 'blended price, $ per million tokens (log)',
          },
          y: { field: 'score', type: 'quantitative', scale: { zero: false }, title: p.title },
          color: { field: 'bloc', type: 'nominal', scale: BLOC_COLORS, title: 'origin' },
          tooltip: [
            { field: 'model' },
            { field: 'bloc' },
            { field: 'price', type: 'quantitative' },
            { field: 'score', type: 'quantitative' },
          ],
        },
      },
      {
        transform: [{ filter: 'datum.frontier' }],
        mark: { type: 'line', interpolate: 'step-after', color: '#333' },
        encoding: { x: { field: 'price', type: 'quantitative' }, y: { field: 'score', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

export interface TrendInput {
  title: string;
  level: number;
  blend: string;
  series: { date: string; cheapest_price: number | null; cheapest_model: string | null }[];
  sources: string[];
}

export function trendSpec(p: TrendInput): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Cheapest model at ${p.title} ≥ ${p.level}`,
      subtitle: [`blended price, ${p.blend}`, `sources: ${p.sources.join(', ')}`],
    },
    width: 640,
    height: 300,
    data: {
      values: p.series
        .filter((s) => s.cheapest_price !== null)
        .map((s) => ({ date: s.date, price: s.cheapest_price, model: s.cheapest_model })),
    },
    mark: { type: 'line', point: true, interpolate: 'step-after' },
    encoding: {
      x: { field: 'date', type: 'temporal', title: 'date' },
      y: { field: 'price', type: 'quantitative', scale: { type: 'log' }, title: '$ per million tokens (log)' },
      tooltip: [{ field: 'date', type: 'temporal' }, { field: 'model' }, { field: 'price', type: 'quantitative' }],
    },
  };
}
