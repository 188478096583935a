/**
 * @module
 * The best score of each bloc on a date: in the snapshot view, the best entry of the latest snapshot on or
 * before the date; in the release view, the best result among models released by then. Pure, so every view
 * that asks "who leads at t" (the scorecard, the fact index) asks it the same way.
 */
import type { Observation, View } from './gap.ts';

export interface BlocBest {
  score: number;
  model: string;
  date: string;
  source_id: string;
}

export function bestByBloc(
  observations: readonly Observation[],
  view: View,
  asOf: string,
  blocs: readonly string[],
): Record<string, BlocBest | null> {
  const upTo = observations.filter((o) => o.date <= asOf);
  const last = upTo.reduce((d, o) => (o.date > d ? o.date : d), '');
  const pool = view === 'snapshot' ? upTo.filter((o) => o.date === last) : upTo;
  const out: Record<string, BlocBest | null> = Object.fromEntries(blocs.map((b) => [b, null]));
  for (const o of pool) {
    if (!(o.bloc in out)) continue;
    const cur = out[o.bloc];
    if (!cur || o.score > cur.score)
      out[o.bloc] = { score: o.score, model: o.model, date: o.date, source_id: o.source_id };
  }
  return out;
}
