import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CYCLE,
  MISSING_ANCESTOR,
  MULTIPLE_PARENTS,
  parseRelation,
  resolveLineage,
  rootId,
  type HubRecord,
} from './lineage.ts';

const rec = (id: string, base: string[] = [], relation: HubRecord['relation'] = null): HubRecord => ({
  id,
  base_models: base,
  relation,
});
const view = (records: HubRecord[]) => {
  const l = resolveLineage(records);
  return Object.fromEntries(
    l.ids.map((id, i) => [id, { root: rootId(l, i), depth: l.depth[i], flags: l.flags[i], relation: l.relation[i] }]),
  );
};

test('chains resolve to their root with depth and relation', () => {
  const v = view([
    rec('q/Qwen2.5-7B-Instruct', ['q/Qwen2.5-7B'], 'finetune'),
    rec('x/qwen-gguf', ['q/Qwen2.5-7B-Instruct'], 'quantized'),
    rec('q/Qwen2.5-7B'),
    rec('y/lora', ['x/qwen-gguf'], 'adapter'),
  ]);
  assert.deepEqual(v['y/lora'], { root: 'q/Qwen2.5-7B', depth: 3, flags: 0, relation: 'adapter' });
  assert.deepEqual(v['x/qwen-gguf'], { root: 'q/Qwen2.5-7B', depth: 2, flags: 0, relation: 'quantized' });
  assert.deepEqual(v['q/Qwen2.5-7B'], { root: 'q/Qwen2.5-7B', depth: 0, flags: 0, relation: null });
});

test('a merge follows its first parent and is flagged; its children inherit the flag', () => {
  const v = view([rec('a'), rec('b'), rec('m', ['a', 'b']), rec('c', ['m'], 'finetune')]);
  assert.equal(v['m']?.root, 'a');
  assert.equal(v['m']?.relation, 'merge');
  assert.equal((v['m']?.flags ?? 0) & MULTIPLE_PARENTS, MULTIPLE_PARENTS);
  assert.equal((v['c']?.flags ?? 0) & MULTIPLE_PARENTS, MULTIPLE_PARENTS);
  assert.equal(v['c']?.depth, 2);
});

test('a parent missing from the data becomes the root, flagged', () => {
  const l = resolveLineage([rec('child', ['gone/base'], 'finetune'), rec('grandchild', ['child'])]);
  const v = view([rec('child', ['gone/base'], 'finetune'), rec('grandchild', ['child'])]);
  assert.deepEqual(l.missing, ['gone/base']);
  assert.equal(v['grandchild']?.root, 'gone/base');
  assert.equal(v['grandchild']?.depth, 2);
  assert.equal((v['grandchild']?.flags ?? 0) & MISSING_ANCESTOR, MISSING_ANCESTOR);
});

test('cycles end, are flagged, and models hanging off them resolve into the cycle', () => {
  const v = view([rec('a', ['b']), rec('b', ['c']), rec('c', ['a']), rec('d', ['b']), rec('self', ['self'])]);
  for (const id of ['a', 'b', 'c']) assert.equal((v[id]?.flags ?? 0) & CYCLE, CYCLE, id);
  assert.equal(new Set(['a', 'b', 'c'].map((id) => v[id]?.root)).size, 1);
  assert.equal(v['d']?.root, v['b']?.root);
  assert.equal(v['d']?.depth, 1);
  assert.deepEqual(v['self'], { root: 'self', depth: 0, flags: 0, relation: null });
});

test('coverage counts models with base-model data; duplicates keep the first record', () => {
  const l = resolveLineage([rec('a'), rec('b', ['a']), rec('b', []), rec('c', ['x', 'y'])]);
  assert.deepEqual(l.coverage, {
    models: 3,
    with_base_model: 2,
    share_with_base_model: 2 / 3,
    cycles: 0,
    missing_parents: 1,
    multiple_parents: 1,
  });
});

test('on random acyclic data, roots equal a naive walk up the first parent', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.nat(60), { maxLength: 3 }), { minLength: 1, maxLength: 60 }), (parents) => {
      // Parents only point to lower indices (acyclic), sometimes past the end (missing).
      const records = parents.map((ps, i) =>
        rec(`m${i}`, ps.map((p) => (p < i ? `m${p}` : p >= parents.length ? `gone${p}` : '')).filter(Boolean)),
      );
      const l = resolveLineage(records);
      for (let i = 0; i < records.length; i++) {
        let cur = records[i] as HubRecord;
        let depth = 0;
        let root = cur.id;
        for (;;) {
          const p = cur.base_models[0];
          if (!p) break;
          depth++;
          const next = records.find((r) => r.id === p);
          root = p;
          if (!next) break;
          cur = next;
        }
        assert.equal(rootId(l, i), root);
        assert.equal(l.depth[i], depth);
      }
    }),
  );
});

test('relations from model cards', () => {
  assert.equal(parseRelation('quantization'), 'quantized');
  assert.equal(parseRelation('Finetune'), 'finetune');
  assert.equal(parseRelation('adapter'), 'adapter');
  assert.equal(parseRelation('merge'), 'merge');
  assert.equal(parseRelation('distill'), null);
  assert.equal(parseRelation(undefined), null);
});
