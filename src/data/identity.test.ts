import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  catalogueVendor,
  codename,
  fineTuneBase,
  isFragmentKey,
  isPreReleaseName,
  modelKey,
  resolveKeys,
} from './identity.ts';

test('one model, many spellings', () => {
  for (const s of [
    'deepseek-r1',
    'DeepSeek-R1',
    'deepseek/deepseek-r1',
    'deepseek-ai/DeepSeek-R1',
    'deepseek/deepseek-r1:free',
    ' DeepSeek R1 ',
  ]) {
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
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
      const k = modelKey(s);
      assert.equal(modelKey(k), k);
      if (/[a-z0-9]/i.test(s.normalize('NFKC'))) assert.ok(k.length > 0, JSON.stringify(s));
    }),
  );
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

test('fragments: parenthesised dates, numeric slash suffixes and vendor-dotted versions keep the name', () => {
  assert.equal(modelKey('GPT-4o (08/06)'), 'gpt-4o-0806');
  assert.equal(modelKey('ViT-G/14'), 'vit-g-14');
  assert.equal(modelKey('DiT-XL/2'), 'dit-xl-2');
  assert.equal(modelKey('deepseek.v3-v1:0'), 'deepseek-v3');
  assert.equal(modelKey('us.deepseek.r1-v1:0'), 'deepseek-r1');
  assert.equal(modelKey('rednote-hilab/dots.ocr'), 'dots-ocr');
  for (const s of ['GPT-4o (08/06)', 'ViT-Huge/14', 'Theseus 6/768', 'deepseek.v3-v1:0', 'STORM-B/8'])
    assert.ok(!isFragmentKey(modelKey(s)), s);
  assert.ok(isFragmentKey('06') && isFragmentKey('20240806') && !isFragmentKey('o1'));
});

test('fine-tune price keys and codenames get their own identity', () => {
  assert.equal(fineTuneBase('ft:gpt-3.5-turbo'), 'gpt-3.5-turbo');
  assert.equal(fineTuneBase('gpt-3.5-turbo'), null);
  assert.notEqual(modelKey('ft:gpt-3.5-turbo'), modelKey('gpt-3.5-turbo'));
  assert.deepEqual(codename('chocolate (Early Grok-3)'), { codename: 'chocolate', name: 'Early Grok-3' });
  assert.equal(modelKey('chocolate (Early Grok-3)'), modelKey('early-grok-3'));
  assert.equal(codename('Claude 3.5 Sonnet (20241022)'), null);
  assert.equal(codename('mimo-v2-flash (thinking)'), null);
  assert.ok(isPreReleaseName('chocolate (Early Grok-3)') && isPreReleaseName('early-grok-3'));
  assert.ok(!isPreReleaseName('grok-3-preview-02-24') && !isPreReleaseName('gemini-2.0-flash-thinking-exp-01-21'));
  assert.equal(catalogueVendor('us.anthropic.claude-3-5-sonnet-20240620-v1:0'), 'anthropic');
  assert.equal(catalogueVendor('ai21.j2-mid-v1'), 'ai21');
  assert.equal(catalogueVendor('deepseek/deepseek-r1'), null);
});

test('resolution: -latest aliases never absorb dated snapshots; short stamps and deployment labels fold', () => {
  const r = resolveKeys(
    new Map([
      ['chatgpt-4o-latest', new Set(['litellm'])],
      ['chatgpt-4o-latest-20240808', new Set(['lmarena'])],
      ['gpt-4o-0806', new Set(['lmarena'])],
      ['gpt-4o-20240806', new Set(['litellm'])],
      ['claude-3-5-sonnet-0620', new Set(['lmarena'])],
      ['claude-3-5-sonnet-20240620', new Set(['lmarena'])],
      ['claude-3-5-sonnet-20250620', new Set(['lmarena'])],
      ['deepseek-v3-2-251201', new Set(['litellm'])],
      ['deepseek-v3-2', new Set(['lmarena'])],
      ['deepseek-v3-2-maas', new Set(['litellm'])],
      ['gemini-exp-1206', new Set(['lmarena'])],
    ]),
  );
  assert.equal(r.get('chatgpt-4o-latest-20240808'), 'chatgpt-4o-latest-20240808');
  assert.equal(r.get('gpt-4o-0806'), 'gpt-4o-20240806');
  assert.equal(
    r.get('claude-3-5-sonnet-0620'),
    'claude-3-5-sonnet-0620',
    'two full dates end in 0620: ambiguous, kept',
  );
  assert.equal(r.get('deepseek-v3-2-251201'), 'deepseek-v3-2');
  assert.equal(r.get('deepseek-v3-2-maas'), 'deepseek-v3-2');
  assert.equal(r.get('gemini-exp-1206'), 'gemini-exp-1206');
});
