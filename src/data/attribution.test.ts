import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { Attribution, blocOf, countryFromName, countryFromRegion, editDistance } from './attribution.ts';

const curated = join(import.meta.dirname, '..', '..', 'data', 'curated', 'organizations.json');
const a = Attribution.fromCurated(curated, 'test');

// The organizations the foundation issue names, each spelled in English, 简体 and 繁體 where it has them.
const expected: [string, string, string[]][] = [
  ['openai', 'US', ['OpenAI']],
  ['anthropic', 'US', ['Anthropic']],
  ['google', 'US', ['Google', 'DeepMind', 'Google DeepMind', '谷歌']],
  ['meta', 'US', ['Meta', 'Facebook']],
  ['xai', 'US', ['xAI']],
  ['microsoft', 'US', ['Microsoft', '微软', '微軟']],
  ['nvidia', 'US', ['Nvidia', 'NVIDIA', '英伟达', '英偉達', '輝達']],
  ['amd', 'US', ['AMD']],
  ['intel', 'US', ['Intel', '英特尔', '英特爾']],
  ['mistral', 'FR', ['Mistral', 'Mistral AI']],
  ['deepseek', 'CN', ['DeepSeek', '深度求索']],
  ['alibaba', 'CN', ['Alibaba', 'Qwen', '阿里巴巴', '通义千问', '通義千問']],
  ['moonshot', 'CN', ['Moonshot AI', 'Kimi', '月之暗面']],
  ['zhipu', 'CN', ['Zhipu', 'Z.ai', 'GLM', '智谱', '智譜']],
  ['tencent', 'CN', ['Tencent', 'Hunyuan', '腾讯', '騰訊', '混元']],
  ['baidu', 'CN', ['Baidu', 'ERNIE', '百度', '文心']],
  ['bytedance', 'CN', ['ByteDance', 'Doubao', 'Seed', '字节跳动', '字節跳動', '豆包']],
  ['minimax', 'CN', ['MiniMax']],
  ['stepfun', 'CN', ['StepFun', '阶跃星辰', '階躍星辰']],
  ['01ai', 'CN', ['01.AI', 'Yi', '零一万物', '零一萬物']],
  ['baichuan', 'CN', ['Baichuan', '百川']],
  ['iflytek', 'CN', ['iFlytek', '科大讯飞', '科大訊飛']],
  ['huawei', 'CN', ['Huawei', 'Ascend', '华为', '華為', '昇腾', '昇騰', '升腾']],
  ['cambricon', 'CN', ['Cambricon', '寒武纪', '寒武紀']],
  ['smic', 'CN', ['SMIC', '中芯国际', '中芯國際']],
  ['tsmc', 'TW', ['TSMC', '台积电', '台積電']],
  ['huggingface', 'US', ['Hugging Face', 'HuggingFace']],
];

test('the organizations of the foundation issue resolve in every script, with their country', () => {
  for (const [id, country, names] of expected) {
    for (const n of names) {
      const org = a.lookup(n);
      assert.equal(org?.id, id, `${n} → ${org?.id}`);
      assert.equal(org?.country, country, n);
    }
    const org = a.orgs.get(id);
    assert.ok(org?.name_zh_hans && org.name_zh_hant, `${id} has names in both scripts`);
  }
});

test('lookup ignores case, width and spacing', () => {
  assert.equal(a.lookup('ＤｅｅｐＳｅｅｋ')?.id, 'deepseek');
  assert.equal(a.lookup('moonshot  ai')?.id, 'moonshot');
  assert.equal(a.lookup('no such org'), undefined);
});

test('Hugging Face namespaces and model names find their organization', () => {
  assert.equal(a.byHfOrg('deepseek-ai')?.id, 'deepseek');
  assert.equal(a.byHfOrg('Qwen')?.id, 'alibaba');
  assert.equal(a.byModelKey('qwen2-5-72b-instruct')?.id, 'alibaba');
  assert.equal(a.byModelKey('glm-4-6')?.id, 'zhipu');
  assert.equal(a.byModelKey('o3-mini')?.id, 'openai');
  assert.equal(a.byModelKey('llama-3-1-nemotron-70b')?.id, 'nvidia');
  assert.equal(a.byModelKey('gptq-thing'), undefined);
});

test('country names and regions from the datasets', () => {
  assert.deepEqual(countryFromName('United States of America'), { code: 'US', note: null });
  assert.equal(countryFromName('United Kingdom of Great Britain and Northern Ireland')?.code, 'UK');
  assert.equal(countryFromName('Korea (Republic of)')?.code, 'KR');
  assert.match(countryFromName('United States of America,France')?.note ?? '', /several countries/);
  assert.equal(countryFromName(''), null);
  assert.equal(countryFromRegion('china'), 'CN');
  assert.equal(countryFromRegion('eu'), 'EU');
  assert.equal(countryFromRegion('?'), 'unknown');
  assert.equal(blocOf('FR'), 'EU');
  assert.equal(blocOf('UK'), 'UK');
});

test('a new organization seen in data gets the country its source gives; curated entries keep theirs', () => {
  const b = Attribution.fromCurated(curated, 'test');
  const org = b.observe('Acme Lab', { code: 'JP', note: null }, 'src');
  assert.equal(org.country, 'JP');
  assert.equal(b.lookup('acme lab')?.id, org.id);
  assert.equal(b.observe('DeepSeek', { code: 'US', note: null }, 'src').country, 'CN');
});

test('typos resolve to the nearest curated organization, reviewed; near but different names do not', () => {
  const b = Attribution.fromCurated(curated, 'test');
  assert.equal(b.observe('Aliaba', null, 'src').id, 'alibaba');
  assert.deepEqual(
    b.fuzzy.map((f) => [f.observed, f.organization, f.distance]),
    [['Aliaba', 'alibaba', 1]],
  );
  // Eight letters allow one edit only: `aion-labs` is not AI21 Labs.
  assert.notEqual(b.observe('aion-labs', null, 'src').id, 'ai21');
  assert.equal(editDistance('alibaba', 'aliaba'), 1);
  assert.equal(editDistance('abcd', 'abdc'), 1, 'a transposition is one edit');
  assert.equal(editDistance('openai', 'anthropic', 2), 3, 'stops above the bound');
});

test('OpenRouter ~ prefixes, Swiss labs, hub namespaces of another family, reseller prefixes', () => {
  const b = Attribution.fromCurated(curated, 'test');
  assert.equal(b.observe('~anthropic', null, 'src').id, 'anthropic');
  assert.equal(b.lookup('swiss-ai')?.country, 'CH');
  assert.equal(blocOf('CH'), 'CH');
  assert.equal(b.byHfOrg('openai-community')?.id, 'openai');
  assert.equal(b.byModelKey('databricks-claude-sonnet-4-1')?.id, 'anthropic');
  assert.equal(b.byModelKey('meta-textgeneration-llama-2-7b')?.id, 'meta');
  for (const [name, country] of [
    ['Together AI', 'US'],
    ['Nomic AI', 'US'],
    ['Thinking Machines', 'US'],
    ['NexusFlow', 'US'],
    ['Luma AI', 'US'],
  ] as const) {
    assert.equal(b.lookup(name)?.country, country, name);
  }
});
