/**
 * @module
 * Traffic over rolling windows as checkable facts: for the 7 and the 30 days ending at each complete day of
 * OpenRouter's daily activity, each country's, organization's and model family's tokens, requests and dollars, its
 * share of each, and its place by tokens and by dollars. These are the figures `airace adoption show --days N
 * --as-of D` prints, so an article's "in the 30 days to 7 August" or "7月25日至31日这7天" is checked against the
 * window it names. Pure: the rows come from `trafficRows` (index.ts).
 */
import type { Fact } from '../ops/operation.ts';
import { rowValue, type TrafficRow } from './index.ts';
import { addDays } from '../util/dates.ts';

/** The window lengths, in days, that facts are computed for. */
export const ROLLING_DAYS = [7, 30] as const;

/** Entities under this share of a window's tokens are left out (as the model shares are): noise, not claims. */
const MIN_SHARE = 0.001;

const MEASURES = [
  { metric: 'tokens', volume: 'tokens', share: 'token_share', rank: 'token_rank', unit: 'tokens', noun: 'tokens' },
  { metric: 'requests', volume: 'requests', share: 'request_share', rank: null, unit: 'requests', noun: 'requests' },
  { metric: 'dollars', volume: 'spend', share: 'spend_share', rank: 'spend_rank', unit: 'USD', noun: 'dollars' },
] as const;

export interface WindowInput {
  rows: readonly TrafficRow[];
  /** The organization and country a row counts for (null, `unknown`: not known). */
  who: (r: TrafficRow) => { org: string | null; country: string };
  /** Days with daily rows that are partially scraped: no window that includes one is computed. */
  partial: readonly string[];
  /** Sources of the traffic and of the prices the dollars use. */
  sources: { traffic: readonly string[]; prices: readonly string[] };
}

/** Per day, per entity (`country:CN`, `organization:deepseek`): tokens, requests, dollars. */
function dailyTotals(input: WindowInput): Map<string, Map<string, [number, number, number]>> {
  const days = new Map<string, Map<string, [number, number, number]>>();
  for (const r of input.rows) {
    let day = days.get(r.d);
    if (!day) days.set(r.d, (day = new Map()));
    const { org, country } = input.who(r);
    const v = MEASURES.map((m) => rowValue(r, m.metric).value) as [number, number, number];
    // (And the model family, `family:qwen`: "the Qwen series took a quarter of the tokens".)
    const keys = [`country:${country}`, `organization:${org ?? 'unknown'}`, 'all:'];
    if (r.family) keys.push(`family:${r.family}`);
    for (const key of keys) {
      const t = day.get(key) ?? [0, 0, 0];
      for (let i = 0; i < 3; i++) t[i] = (t[i] as number) + v[i as 0 | 1 | 2];
      day.set(key, t);
    }
  }
  return days;
}

export function* windowFacts(input: WindowInput): Generator<Fact> {
  const days = dailyTotals(input);
  const partial = new Set(input.partial);
  const dates = [...days.keys()].sort();
  for (const n of ROLLING_DAYS) {
    const w = `${n}d`;
    for (const end of dates) {
      const span = Array.from({ length: n }, (_, i) => addDays(end, -i));
      // Only whole windows: every day present and none partially scraped.
      if (span.some((d) => !days.has(d) || partial.has(d))) continue;
      const sums = new Map<string, [number, number, number]>();
      for (const d of span)
        for (const [key, v] of days.get(d) ?? []) {
          const s = sums.get(key) ?? [0, 0, 0];
          for (let i = 0; i < 3; i++) s[i] = (s[i] as number) + v[i as 0 | 1 | 2];
          sums.set(key, s);
        }
      const all = sums.get('all:') ?? [0, 0, 0];
      if (all[0] <= 0) continue;
      const start = span.at(-1) as string;
      const when = `the ${n} days ${start} to ${end}`;
      const kept = [...sums].filter(([key, s]) => {
        const [kind, id] = key.split(':') as [string, string];
        return kind !== 'all' && id !== 'unknown' && s[0] / all[0] >= MIN_SHARE;
      });
      for (const [i, m] of MEASURES.entries()) {
        const total = all[i] as number;
        if (total <= 0) continue;
        const sources =
          m.metric === 'dollars' ? [...input.sources.traffic, ...input.sources.prices] : [...input.sources.traffic];
        const common = { time: end, source_ids: sources, status: 'confirmed', window: w, table: 'usage' };
        const places = new Map<string, number>();
        for (const kind of ['country', 'organization', 'family']) {
          const ranked = kept
            .filter(([key]) => key.startsWith(`${kind}:`))
            .sort((a, b) => (b[1][i] as number) - (a[1][i] as number));
          ranked.forEach(([key], k) => places.set(key, k + 1));
        }
        for (const [key, s] of kept) {
          const [group, id0] = key.split(':') as ['country' | 'organization' | 'family', string];
          // A family is the entity `family:<id>`, of the models' kind.
          const entity = group === 'family' ? key : id0;
          const kind = group === 'family' ? ('model' as const) : group;
          const v = s[i] as number;
          const id = `${w}:${end}:${entity}`;
          const amount = m.metric === 'dollars' ? `${v.toFixed(0)} USD` : `${v} ${m.noun}`;
          yield {
            ...common,
            entity,
            entity_kind: kind,
            metric: `${m.volume}:${w}`,
            value: v,
            unit: m.unit,
            id: `${m.volume}:${id}`,
            statement: `${entity}: ${amount} on OpenRouter, ${when}`,
          };
          yield {
            ...common,
            entity,
            entity_kind: kind,
            metric: m.share,
            value: v / total,
            unit: 'ratio',
            id: `${m.share}:${id}`,
            statement: `${entity}: ${((100 * v) / total).toFixed(1)}% of ${m.noun} on OpenRouter, ${when}`,
          };
          const place = places.get(key);
          if (m.rank && place !== undefined && v > 0)
            yield {
              ...common,
              entity,
              entity_kind: kind,
              metric: m.rank,
              value: place,
              unit: 'rank',
              id: `${m.rank}:${id}`,
              statement: `${entity}: ${group === 'family' ? 'family' : kind === 'country' ? 'country' : 'maker'} number ${place} by ${m.noun} on OpenRouter, ${when}`,
            };
        }
      }
    }
  }
}
