/**
 * @module
 * The status-over-time chart for the Compute page: one row per rule, a bar per period coloured by the licence
 * answer (required / not required / open / rule not binding), the overall answer on top, and the dated events
 * as ticks. A Vega-Lite spec (rendered headless with src/charts/svg.ts, or in the page).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatusOverTime } from './status.ts';

const STATE = {
  domain: ['licence required', 'no licence', 'open', 'not binding'],
  range: ['#c8332b', '#2a8c4a', '#e0a526', '#bbbbbb'],
};

const state = (required: boolean | null, status: string) =>
  required === true
    ? 'licence required'
    : required === null
      ? 'open'
      : status === 'in force'
        ? 'no licence'
        : 'not binding';

export function statusSpec(s: StatusOverTime, sources: string[] = []): TopLevelSpec {
  const rows: { rule: string; from: string; to: string; state: string; summary: string }[] = [];
  for (const p of s.periods) {
    const to = p.to ?? s.to;
    rows.push({
      rule: 'overall',
      from: p.from,
      to,
      state: state(p.license_required, 'in force'),
      summary: p.by.length ? `licence: ${p.by.join(', ')}` : 'no rule requires a licence',
    });
    for (const r of p.rules)
      rows.push({ rule: r.rule, from: p.from, to, state: state(r.license_required, r.status), summary: r.summary });
  }
  const events = s.events
    .filter((e) => e.date)
    .map((e) => ({ date: e.date, title: e.title, names_chip: e.names_chip }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${s.chip} to ${s.destination}: export-control status, ${s.from} to ${s.to}`,
      subtitle: sources.length ? [`sources: ${sources.join(', ')}`] : [],
    },
    width: 640,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y: { field: 'rule', type: 'nominal', sort: null, title: null },
          x: { field: 'from', type: 'temporal', title: null },
          x2: { field: 'to' },
          color: { field: 'state', type: 'nominal', scale: STATE, title: 'answer' },
          tooltip: [{ field: 'rule' }, { field: 'from' }, { field: 'to' }, { field: 'state' }, { field: 'summary' }],
        },
      },
      {
        data: { values: events },
        mark: { type: 'rule', strokeDash: [3, 3], color: '#333' },
        encoding: { x: { field: 'date', type: 'temporal' }, tooltip: [{ field: 'date' }, { field: 'title' }] },
      },
    ],
  } as TopLevelSpec;
}
