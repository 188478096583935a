/**
 * @module
 * Open-model lineage: follows each Hugging Face model's `base_model` links to its root, records how it
 * derives from its parent (finetune, adapter, merge, quantized), and survives what real metadata contains:
 * cycles, several parents (merges: the first listed parent is followed), and parents missing from the data
 * (the missing id becomes the root, flagged). Built for millions of records: ids are interned once, parents
 * are stored as flat integer arrays, and roots are resolved iteratively with memoisation.
 */

export type Relation = 'finetune' | 'adapter' | 'merge' | 'quantized';
export const RELATIONS: readonly Relation[] = ['finetune', 'adapter', 'merge', 'quantized'];

export interface HubRecord {
  id: string;
  /** Parent ids as listed (`base_model` in the card, or `base_model:*` tags); empty when none is given. */
  base_models: readonly string[];
  relation?: Relation | null;
}

export const CYCLE = 1;
export const MISSING_ANCESTOR = 2;
export const MULTIPLE_PARENTS = 4;

export interface Lineage {
  ids: string[];
  /** Root of each model: an index into `ids` when ≥ 0, else −(k+1) for `missing[k]`, a parent not in the data. */
  root: Int32Array;
  /** Links followed from the model to its root (0 for a root). */
  depth: Int32Array;
  /** CYCLE | MISSING_ANCESTOR | MULTIPLE_PARENTS, for the model or anything on its path to the root. */
  flags: Uint8Array;
  /** The model's own relation to its first parent (null for roots and when the data does not say). */
  relation: (Relation | null)[];
  missing: string[];
  coverage: {
    models: number;
    with_base_model: number;
    share_with_base_model: number;
    cycles: number;
    missing_parents: number;
    multiple_parents: number;
  };
}

export function rootId(l: Lineage, i: number): string {
  const r = l.root[i] as number;
  return r >= 0 ? (l.ids[r] as string) : (l.missing[-r - 1] as string);
}

/** Resolves every record's root. Duplicate ids keep their first record. */
export function resolveLineage(records: readonly HubRecord[]): Lineage {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const recs: HubRecord[] = [];
  for (const r of records) {
    if (index.has(r.id)) continue;
    index.set(r.id, ids.length);
    ids.push(r.id);
    recs.push(r);
  }
  const n = ids.length;
  const missingIndex = new Map<string, number>();
  const missing: string[] = [];
  // First parent of each model: ≥ 0 a model index, < 0 a missing id, NONE a root.
  const NONE = 0x7fffffff;
  const parent = new Int32Array(n).fill(NONE);
  const flags = new Uint8Array(n);
  const relation: (Relation | null)[] = new Array<Relation | null>(n).fill(null);
  let withBase = 0;
  let multiple = 0;
  for (let i = 0; i < n; i++) {
    const r = recs[i] as HubRecord;
    const parents = r.base_models.filter((p) => p !== r.id);
    if (parents.length === 0) continue;
    withBase++;
    if (parents.length > 1) {
      flags[i] = (flags[i] as number) | MULTIPLE_PARENTS;
      multiple++;
    }
    relation[i] = r.relation ?? (parents.length > 1 ? 'merge' : null);
    const p = parents[0] as string;
    const k = index.get(p);
    if (k !== undefined) parent[i] = k;
    else {
      let m = missingIndex.get(p);
      if (m === undefined) {
        m = missing.length;
        missingIndex.set(p, m);
        missing.push(p);
      }
      parent[i] = -(m + 1);
    }
  }

  const root = new Int32Array(n);
  const depth = new Int32Array(n);
  const state = new Uint8Array(n); // 0 new, 1 on the current path, 2 resolved
  const path: number[] = [];
  let cycles = 0;
  for (let start = 0; start < n; start++) {
    if (state[start] === 2) continue;
    path.length = 0;
    let v = start;
    let baseRoot: number;
    let baseDepth: number;
    let baseFlags: number;
    for (;;) {
      if (state[v] === 2) {
        baseRoot = root[v] as number;
        baseDepth = (depth[v] as number) + 1;
        baseFlags = (flags[v] as number) & (CYCLE | MISSING_ANCESTOR | MULTIPLE_PARENTS);
        break;
      }
      if (state[v] === 1) {
        // A cycle: every model on it is its own family; the first one reached is taken as the root.
        cycles++;
        const at = path.indexOf(v);
        for (let k = at; k < path.length; k++) {
          const c = path[k] as number;
          root[c] = v;
          depth[c] = 0;
          flags[c] = (flags[c] as number) | CYCLE;
          state[c] = 2;
        }
        path.length = at;
        baseRoot = v;
        baseDepth = 1;
        baseFlags = CYCLE;
        break;
      }
      state[v] = 1;
      path.push(v);
      const p = parent[v] as number;
      if (p === NONE) {
        path.pop();
        root[v] = v;
        depth[v] = 0;
        state[v] = 2;
        baseRoot = v;
        baseDepth = 1;
        baseFlags = (flags[v] as number) & MULTIPLE_PARENTS;
        break;
      }
      if (p < 0) {
        path.pop();
        root[v] = p;
        depth[v] = 1;
        flags[v] = (flags[v] as number) | MISSING_ANCESTOR;
        state[v] = 2;
        baseRoot = p;
        baseDepth = 2;
        baseFlags = flags[v] as number;
        break;
      }
      v = p;
    }
    // Unwind: each model on the path gets the root found, one link further.
    for (let k = path.length - 1; k >= 0; k--) {
      const c = path[k] as number;
      root[c] = baseRoot;
      depth[c] = baseDepth;
      flags[c] = (flags[c] as number) | baseFlags;
      state[c] = 2;
      baseDepth++;
      baseFlags = flags[c] as number;
    }
  }
  return {
    ids,
    root,
    depth,
    flags,
    relation,
    missing,
    coverage: {
      models: n,
      with_base_model: withBase,
      share_with_base_model: n ? withBase / n : 0,
      cycles,
      missing_parents: missing.length,
      multiple_parents: multiple,
    },
  };
}

/** The relation a model card states (`base_model_relation`), normalised; null when absent or unknown. */
export function parseRelation(v: unknown): Relation | null {
  if (typeof v !== 'string') return null;
  const s = v.toLowerCase().trim();
  if (s === 'quantization' || s === 'quantized') return 'quantized';
  if (s === 'finetune' || s === 'fine-tune' || s === 'finetuned') return 'finetune';
  if (s === 'adapter' || s === 'lora') return 'adapter';
  if (s === 'merge' || s === 'merged') return 'merge';
  return null;
}
