/**
 * @module
 * The fact index: the checkable facts every capability vouches for through its operations' `facts` member
 * (src/ops/operation.ts) — entity, metric, value, unit, time, sources, status — indexed by entity and
 * metric so a claim finds its facts in constant time. Each capability computes its own facts beside its
 * operation (src/frontier/facts.ts, src/compute/facts.ts …); this module only gathers them.
 *
 * Ratios between the members of a ratio group (chips, systems: src/facts/derived.ts) are derived on lookup:
 * `get(entity, 'ratio:METRIC')` computes them from the group's facts of METRIC, once per key, so building
 * the index never pays for the n² pairs. `all()`, `about()` and `size` cover the stored facts only;
 * `derived()` lists the derivable ones.
 */
import type { Deps, Fact, Operation } from '../ops/operation.ts';
import { sharedDeps, defaultPaths } from '../ops/deps.ts';
import type { Db } from '../store/db.ts';
import { factOperations } from './operations.ts';
import { allRatios, hasRatio, RATIO_PREFIX, ratioFact, ratioKindOf, type RatioKind } from './derived.ts';

/** A fact with where it came from (its table and id), so a verdict can cite it. */
export type IndexedFact = Fact;

/** A ratio group's facts by metric, and by entity and metric, in the order they were added. */
interface Group {
  kind: RatioKind;
  byMetric: Map<string, IndexedFact[]>;
  byKey: Map<string, IndexedFact[]>;
}

export class FactIndex {
  private readonly byKey = new Map<string, IndexedFact[]>();
  private readonly byEntity = new Map<string, IndexedFact[]>();
  private readonly groups: Group[] = [];
  /** Ratio facts derived so far, by key: a lookup returns the same array each time. */
  private readonly derivedByKey = new Map<string, IndexedFact[]>();
  /** Stored facts (derivable ratios not counted). */
  size = 0;
  /**
   * Facts gathered per operation, how long each took (ms), and how many ratio facts its facts make derivable:
   * for the report and the tests.
   */
  readonly origins: { operation: string; facts: number; ms: number; derivable?: number }[] = [];

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

  /**
   * Adds facts that form a ratio group of `kind`: each is stored, and the ratio of one metric between any two
   * of them is derivable (`get(entity, 'ratio:METRIC')`). Returns how many ratio facts that makes derivable.
   */
  addGroup(facts: readonly IndexedFact[], kind: RatioKind): number {
    const g: Group = { kind, byMetric: new Map(), byKey: new Map() };
    for (const f of facts) {
      this.add(f);
      if (typeof f.value !== 'number') continue;
      const k = `${f.entity}\u0000${f.metric}`;
      for (const [m, key] of [
        [g.byMetric, f.metric],
        [g.byKey, k],
      ] as const) {
        let l = m.get(key);
        if (!l) m.set(key, (l = []));
        l.push(f);
      }
    }
    this.groups.push(g);
    this.derivedByKey.clear();
    let n = 0;
    for (const fs of g.byMetric.values()) {
      const positive = fs.filter((f) => f.value > 0).length;
      for (const a of fs) n += positive - (a.value > 0 ? 1 : 0);
    }
    return n;
  }

  /** Facts of one entity and metric (the same array each time: do not modify). */
  get(entity: string, metric: string): readonly IndexedFact[] {
    const k = `${entity}\u0000${metric}`;
    const stored = this.byKey.get(k);
    if (!this.groups.length || !metric.startsWith(RATIO_PREFIX)) return stored ?? [];
    let list = this.derivedByKey.get(k);
    if (!list) {
      list = [...(stored ?? [])];
      const base = metric.slice(RATIO_PREFIX.length);
      for (const g of this.groups) {
        const others = g.byMetric.get(base) ?? [];
        for (const a of g.byKey.get(`${entity}\u0000${base}`) ?? [])
          for (const b of others) if (hasRatio(a, b)) list.push(ratioFact(a, b, g.kind));
      }
      this.derivedByKey.set(k, list);
    }
    return list;
  }

  /** Every derivable ratio fact, group by group (n² of them: for tests and listings, not for checking). */
  *derived(): Generator<IndexedFact> {
    for (const g of this.groups) for (const fs of g.byMetric.values()) yield* allRatios(fs, g.kind);
  }

  /** Every fact about an entity. */
  about(entity: string): readonly IndexedFact[] {
    return this.byEntity.get(entity) ?? [];
  }

  /** Every stored fact, in no particular order (derivable ratios: `derived()`). */
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
    const kind = ratioKindOf(facts);
    const derivable = kind ? idx.addGroup(facts, kind) : 0;
    if (!kind) for (const f of facts) idx.add(f);
    const ms = Math.round(performance.now() - t0);
    idx.origins.push({ operation: op.name, facts: facts.length, ms, ...(kind ? { derivable } : {}) });
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
