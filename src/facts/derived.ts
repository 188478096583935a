/**
 * @module
 * Facts derived from other facts on lookup rather than materialised: the ratio of one figure between every
 * pair of chips (or systems) is n² facts, nearly all never asked for. A capability marks the facts it offers
 * as a ratio group (`withRatios`); the index (src/facts/index.ts) then computes `ratio:METRIC` for the entity a
 * claim names, from the group's facts of METRIC, with `ratioFact` — the same function an eager listing uses,
 * so a derived ratio has the same value, sources, status and id either way. No imports: capability modules
 * and the index both use it without an import cycle.
 */
import type { Fact } from '../ops/operation.ts';

export type RatioKind = 'chip' | 'system';

const RATIOS = Symbol('ratio group');

/** Facts whose pairwise ratios (one metric, two entities of the group) are derivable facts too. */
export type RatioGroup = Fact[] & { [RATIOS]?: RatioKind };

/** Marks `facts` as a ratio group of `kind` (the array itself, so an operation can return it as its facts). */
export function withRatios(facts: Fact[], kind: RatioKind): RatioGroup {
  Object.defineProperty(facts, RATIOS, { value: kind, enumerable: false });
  return facts;
}

/** The kind of ratio group `facts` is, if it is one. */
export function ratioKindOf(facts: readonly Fact[]): RatioKind | undefined {
  return (facts as RatioGroup)[RATIOS];
}

export const RATIO_PREFIX = 'ratio:';

/** Whether a pair of facts of one metric has a ratio fact: any two distinct facts, the denominator positive. */
export function hasRatio(a: Fact, b: Fact): boolean {
  return a !== b && b.value > 0;
}

/** The ratio of `a`'s figure to `b`'s (same metric): confirmed only when both are; citing both sides' sources. */
export function ratioFact(a: Fact, b: Fact, kind: RatioKind): Fact {
  const metric = a.metric;
  return {
    entity: a.entity,
    entity_kind: kind,
    metric: `${RATIO_PREFIX}${metric}`,
    versus: b.entity,
    value: a.value / b.value,
    unit: 'x',
    time: null,
    source_ids: [...new Set([...a.source_ids, ...b.source_ids])],
    status: a.status === 'confirmed' && b.status === 'confirmed' ? 'confirmed' : 'unconfirmed',
    table: `${kind}s (derived)`,
    id: `${a.entity}/${b.entity}:${metric}`,
    statement: `${a.entity} / ${b.entity}, ${metric.replace(/_/g, ' ')}: ${Number((a.value / b.value).toFixed(3))}`,
  };
}

/** Every ratio fact of a group, in the order an eager listing gives them (by metric, then numerator, denominator). */
export function* allRatios(facts: readonly Fact[], kind: RatioKind): Generator<Fact> {
  const byMetric = new Map<string, Fact[]>();
  for (const f of facts) {
    let l = byMetric.get(f.metric);
    if (!l) byMetric.set(f.metric, (l = []));
    l.push(f);
  }
  for (const fs of byMetric.values())
    for (const a of fs) for (const b of fs) if (hasRatio(a, b)) yield ratioFact(a, b, kind);
}
