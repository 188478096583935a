/**
 * @module
 * A bounded LRU of computed pages with in-flight merging: identical concurrent requests share one
 * promise, so 32 requests for `/` cost one render. Keys carry the database version (path + built_at), so a
 * rebuilt database never serves an old page. Failures are not kept.
 */
export class PageCache<V> {
  private readonly done = new Map<string, V>();
  private readonly sizes = new Map<string, number>();
  private readonly pending = new Map<string, Promise<V>>();
  private total = 0;

  /** At most `max` entries and `maxBytes` by the `size` estimate, evicting the least recently used. */
  constructor(
    private readonly max = 200,
    private readonly maxBytes = Infinity,
    private readonly sizeOf: (v: V) => number = () => 0,
  ) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.done.size;
  }

  get(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.done.get(key);
    if (hit !== undefined) {
      // Re-insert: a Map keeps insertion order, so the first key is always the least recently used.
      this.done.delete(key);
      this.done.set(key, hit);
      return Promise.resolve(hit);
    }
    const inflight = this.pending.get(key);
    if (inflight) return inflight;
    // A maker that throws before its first await (an input check) rejects like any other failure, so a
    // caller's .catch sees it.
    let made: Promise<V>;
    try {
      made = make();
    } catch (err) {
      made = Promise.reject(err);
    }
    const p = made.then(
      (v) => {
        this.pending.delete(key);
        this.done.set(key, v);
        const n = this.sizeOf(v);
        this.sizes.set(key, n);
        this.total += n;
        while (this.done.size > this.max || (this.total > this.maxBytes && this.done.size > 1)) {
          const oldest = this.done.keys().next().value as string;
          this.done.delete(oldest);
          this.total -= this.sizes.get(oldest) ?? 0;
          this.sizes.delete(oldest);
        }
        return v;
      },
      (err: unknown) => {
        this.pending.delete(key);
        throw err;
      },
    );
    this.pending.set(key, p);
    return p;
  }

  clear(): void {
    this.done.clear();
    this.sizes.clear();
    this.total = 0;
  }
}

/** A query reduced to the keys a page reads, sorted, so junk or reordered parameters share one entry. */
export function normalQuery(q: Record<string, string | undefined>, keys: readonly string[]): string {
  const p = new URLSearchParams();
  for (const k of [...keys].sort()) {
    const v = q[k];
    if (v !== undefined && v !== '') p.set(k, v);
  }
  return p.toString();
}
