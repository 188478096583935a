/**
 * Child process of the lineage bench: resolves N synthetic records with airace's resolver, or with a
 * straightforward baseline (a Map from id to record and a memoised recursive walk), and prints time and
 * peak memory.  usage: lineage-run.ts N SEED airace|baseline
 */
import { resolveLineage, type HubRecord } from '../src/adoption/lineage.ts';
import { generateHub } from './lineage-gen.ts';

function baseline(records: HubRecord[]): Map<string, string> {
  const byId = new Map(records.map((r) => [r.id, r]));
  const memo = new Map<string, string>();
  const root = (id: string, seen: Set<string>): string => {
    const m = memo.get(id);
    if (m !== undefined) return m;
    const r = byId.get(id);
    const p = r?.base_models[0];
    if (!r || !p || seen.has(p)) return id;
    seen.add(id);
    const out = root(p, seen);
    memo.set(id, out);
    return out;
  };
  for (const r of records) root(r.id, new Set());
  return memo;
}

const [n, seed, which] = process.argv.slice(2);
const records = generateHub(Number(n), Number(seed));
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
let summary: Record<string, unknown>;
if (which === 'baseline') {
  const m = baseline(records);
  summary = { resolved: m.size };
} else {
  const l = resolveLineage(records);
  summary = { coverage: l.coverage, max_depth: l.depth.reduce((a, b) => Math.max(a, b), 0) };
}
const ms = performance.now() - t0;
console.log(
  JSON.stringify({ ms, maxrss_mb: process.resourceUsage().maxRSS / 1024, input_rss_mb: rss0 / 1e6, ...summary }),
);
