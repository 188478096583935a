/**
 * SYNTHETIC hub records for the lineage bench: a seeded generator with realistic fan-out and depth.
 * Never shown as data. ~4% roots (base models of a few hundred orgs); other models pick a parent by
 * preferential attachment (popular models gather derivatives), so depth is mostly 1–3 with a long tail;
 * ~2% are merges of two parents, ~0.5% name a parent absent from the data, and a few dozen form cycles.
 */
import { seededUniform } from '../src/ratings/random.ts';
import type { HubRecord, Relation } from '../src/adoption/lineage.ts';

export function generateHub(n: number, seed: number): HubRecord[] {
  const u = seededUniform(seed);
  const records: HubRecord[] = [];
  const relations: Relation[] = ['finetune', 'finetune', 'finetune', 'quantized', 'quantized', 'adapter'];
  // A pool of parent indices where popular models appear many times (preferential attachment).
  const pool: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = `synthetic-org-${Math.floor(u() * 20000)}/model-${i}`;
    if (i < 50 || u() < 0.04) {
      records.push({ id, base_models: [] });
      pool.push(i, i, i, i);
      continue;
    }
    const parent = pool[Math.floor(u() * pool.length)] as number;
    const x = u();
    let base_models: string[];
    let relation: Relation | null = relations[Math.floor(u() * relations.length)] as Relation;
    if (x < 0.02) {
      base_models = [
        (records[parent] as HubRecord).id,
        (records[pool[Math.floor(u() * pool.length)] as number] as HubRecord).id,
      ];
      relation = 'merge';
    } else if (x < 0.025) base_models = [`synthetic-deleted/model-${Math.floor(u() * 1e6)}`];
    else base_models = [(records[parent] as HubRecord).id];
    records.push({ id, base_models, relation });
    pool.push(i);
  }
  // A few dozen cycles, as real metadata has: a model naming its own derivative as its base.
  const at = new Map(records.map((r, i) => [r.id, i]));
  for (let c = 0; c < 40; c++) {
    const child = records[Math.floor(u() * n)] as HubRecord;
    const p = at.get(child.base_models[0] ?? '');
    if (p === undefined) continue;
    records[p] = { ...(records[p] as HubRecord), base_models: [child.id] };
  }
  return records;
}
