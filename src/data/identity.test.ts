import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { modelKey, resolveKeys } from './identity.ts';

test('one model, many spellings', () => {
  for (const s of ['deepseek-r1', 'DeepSeek-R1', 'deepseek/deepseek-r1', 'deepseek-ai/DeepSeek-R1', 'deepseek/deepseek-r1:free', ' DeepSeek R1 ']) {
    assert.equal(modelKey(s), 'deepseek-r1', s);
  }
  assert.equal(modelKey('Qwen/Qwen2.5-72B-Instruct'), modelKey('qwen2.5-72b-instruct'));
  assert.equal(modelKey('gpt-4o-2024-05-13'), modelKey('GPT-4o-20240513'));
  assert.equal(modelKey('us.anthropic.claude-3-5-sonnet-20240620-v1:0'), modelKey('claude-3-5-sonnet-20240620'));
  assert.equal(modelKey('anthropic/claude-4.6-sonnet'), modelKey('claude-sonnet-4-6'));
  assert.equal(modelKey('gpt-5.4-mini-2026-03-17_high'), modelKey('gpt-5.4-mini-2026-03-17'));
});

test('different models stay different', () => {
  assert.notEqual(modelKey('deepseek-v3'), modelKey('deepseek-r1'));
  assert.notEqual(modelKey('deepseek-v3'), modelKey('deepseek'));
  assert.notEqual(modelKey('claude-3-5-sonnet'), modelKey('claude-3-5-haiku'));
  assert.notEqual(modelKey('o3-mini-high'), modelKey('o3-mini'));
});

test('keys are idempotent and never empty for names with letters', () => {
  fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
    const k = modelKey(s);
    assert.equal(modelKey(k), k);
    if (/[a-z0-9]/i.test(s.normalize('NFKC'))) assert.ok(k.length > 0, JSON.stringify(s));
  }));
});

test('a date stamp one origin adds folds into the undated name another origin uses', () => {
  const origins = new Map([
    ['claude-sonnet-4-6-20260217', new Set(['openrouter'])],
    ['claude-sonnet-4-6', new Set(['lmarena'])],
    ['gpt-4o-20240513', new Set(['lmarena', 'litellm'])],
    ['gpt-4o', new Set(['litellm'])],
    ['lonely-20250101', new Set(['openrouter'])],
  ]);
  const r = resolveKeys(origins);
  assert.equal(r.get('claude-sonnet-4-6-20260217'), 'claude-sonnet-4-6');
  assert.equal(r.get('gpt-4o-20240513'), 'gpt-4o-20240513');
  assert.equal(r.get('lonely-20250101'), 'lonely-20250101');
});
