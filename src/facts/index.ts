/**
 * @module
 * The fact index: the checkable facts every capability vouches for through its operations' `facts` member
 * (src/ops/operation.ts) — entity, metric, value, unit, time, sources, status — indexed by entity and
 * metric so a claim finds its facts in constant time. Each capability computes its own facts beside its
 * operation (src/frontier/facts.ts, src/compute/facts.ts …); this module only gathers them.
 */
import type { Deps, Fact, Operation } from '../ops/operation.ts';
import { sharedDeps, defaultPaths } from '../ops/deps.ts';
import type { Db } from '../store/db.ts';
import { factOperations } from './operations.ts';

/** A fact with where it came from (its table and id), so a verdict can cite it. */
export type IndexedFact = Fact;

export class FactIndex {
  private readonly byKey = new Map<string, IndexedFact[]>();
  private readonly byEntity = new Map<string, IndexedFact[]>();
  size = 0;
  /** Facts gathered per operation, and how long each took (ms): for the report and the tests. */
  readonly origins: { operation: string; facts: number; ms: number }[] = [];

  add(f: IndexedFact): void {
    if (typeof f.value !== 'number') return;
    const k = `${f.entity}\u0000${f.metric}`;
    let list = this.byKey.get(k);
    if (!list) this.byKey.set(k, (list = []));
    list.push(f);
    let e = this.byEntity.get(f.entity);
    if (!e) this.byEntity.set(f.entity, (e = []));
    e.push(f);
    this.size++;
  }

  /** Facts of one entity and metric (the same array each time: do not modify). */
  get(entity: string, metric: string): readonly IndexedFact[] {
    return this.byKey.get(`${entity}\u0000${metric}`) ?? [];
  }

  /** Every fact about an entity. */
  about(entity: string): readonly IndexedFact[] {
    return this.byEntity.get(entity) ?? [];
  }

  /** Every fact, in no particular order. */
  *all(): Generator<IndexedFact> {
    for (const l of this.byKey.values()) yield* l;
  }

  /** Metrics the index holds for an entity. */
  metricsOf(entity: string): string[] {
    return [...new Set(this.about(entity).map((f) => f.metric))];
  }
}

/** Gathers the facts of every operation that offers them, in order; `deps.signal` stops between operations. */
export async function factIndexOf(deps: Deps, operations: readonly Operation[]): Promise<FactIndex> {
  const idx = new FactIndex();
  for (const op of operations) {
    if (!op.facts) continue;
    deps.signal.throwIfAborted();
    const t0 = performance.now();
    const facts = await op.facts(deps);
    for (const f of facts) idx.add(f);
    idx.origins.push({ operation: op.name, facts: facts.length, ms: Math.round(performance.now() - t0) });
  }
  return idx;
}

/**
 * The index over one database handle: from `operations` (the registry's list, when the caller has it) or
 * else the capability operations that offer facts (src/facts/operations.ts).
 */
export async function buildFactIndex(
  db: Db,
  signal?: AbortSignal,
  operations: readonly Operation[] = factOperations,
): Promise<FactIndex> {
  const deps = sharedDeps(db, defaultPaths({ db: db.path }), signal ? { signal } : {});
  return factIndexOf(deps, operations);
}

export type { Fact };
