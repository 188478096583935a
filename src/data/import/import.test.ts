import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RAW, ROOT, SNAPSHOT } from '../../../test/helpers.ts';
import type { Row } from '../schema.ts';
import { encodeTable, listSnapshotFiles } from '../snapshot.ts';
import { arenaCatalog, cherry, fboulnois, nakasyou } from './arena.ts';
import { interconnects, openrouterWeekly } from './adoption.ts';
import { epochBenchmarks } from './epoch.ts';
import { facts } from './facts.ts';
import { runImport } from './index.ts';
import { DEFAULT_TIER, litellm, openrouterModels, sentinelPrice, tierOfVariant } from './prices.ts';
import { dedupeAliases, readOverrides } from './index.ts';
import { unglue } from './arena.ts';
import { Attribution } from '../attribution.ts';
import { isFragmentKey } from '../identity.ts';

const CTX = {
  familyPrefixes: [
    ...Attribution.fromCurated(join(ROOT, 'data', 'curated', 'organizations.json'), 'x').orgs.values(),
  ].flatMap((o) => o.model_prefixes),
};

const rowsOf = <T>(out: { parts: { id: string; rows: unknown[] }[] }, id: string) =>
  (out.parts.find((p) => p.id === id)?.rows ?? []) as T[];

test('arena-catalog: a rating and its quantiles as in the 2025-12-11 file', () => {
  const out = arenaCatalog.run(RAW, CTX);
  const file = JSON.parse(
    readFileSync(join(RAW, arenaCatalog.name, 'history', '2025-12-11', 'data', 'leaderboard-text.json'), 'utf8'),
  );
  const want = file.full['gemini-3-pro'];
  const got = rowsOf<Row<'leaderboard_entries'>>(out, 'lmarena-catalog-text').find(
    (r) => r.snapshot_date === '2025-12-11' && r.category === 'full' && r.model_raw === 'gemini-3-pro',
  );
  assert.equal(got?.score, want.rating);
  assert.equal(got?.ci_low, want.rating_q025);
  assert.equal(got?.ci_high, want.rating_q975);
  const categories = new Set(rowsOf<Row<'leaderboard_entries'>>(out, 'lmarena-catalog-text').map((r) => r.category));
  assert.ok(categories.has('chinese') && categories.has('coding'));
});

test('fboulnois: both header layouts (arena_elo, arena_score) and the CI are read', () => {
  const rows = rowsOf<Row<'leaderboard_entries'>>(fboulnois.run(RAW, CTX), 'fboulnois-lmarena-text');
  const first = rows.find((r) => r.snapshot_date === '2024-06-19' && r.model_raw === 'GPT-4o-2024-05-13');
  assert.deepEqual(
    [first?.score, first?.ci_low, first?.ci_high, first?.votes, first?.organization_raw],
    [1287, 1284, 1290, 42046, 'OpenAI'],
  );
  assert.ok(rows.some((r) => r.snapshot_date === '2025-08-04' && r.model_raw === 'Gemini-2.5-Pro' && r.score === 1470));
});

test('nakasyou: zero cells are skipped and counted, not imported', () => {
  const out = nakasyou.run(RAW, CTX);
  const text = readFileSync(join(RAW, nakasyou.name, 'output', 'result.csv'), 'utf8')
    .trim()
    .split('\n');
  const cells = text.slice(1).map((l) => l.split(',').slice(1));
  const nonzero = cells.flat().filter((c) => c !== '' && Number(c) !== 0).length;
  assert.equal(rowsOf(out, 'nakasyou-lmarena-text').length, nonzero);
  assert.equal(out.skipped[0]?.count, cells.flat().length - nonzero);
});

test('cherry: one row per day and model, dates normalized', () => {
  const rows = rowsOf<Row<'leaderboard_entries'>>(cherry.run(RAW, CTX), 'cherry-lmarena-text');
  const keys = new Set(rows.map((r) => `${r.snapshot_date}|${r.model_raw}`));
  assert.equal(keys.size, rows.length);
  assert.ok(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.snapshot_date)));
  assert.equal(rows.find((r) => r.snapshot_date === '2025-01-15' && r.model_raw === 'Gemini-Exp-1206')?.score, 1374);
});

test('epoch: the score column of each file, with stderr where given', () => {
  const rows = rowsOf<Row<'benchmark_results'>>(epochBenchmarks.run(RAW, CTX), 'epoch-benchmarks');
  const gpqa = rows.find((r) => r.benchmark === 'gpqa_diamond' && r.model_raw === 'gpt-5.4-mini-2026-03-17_high');
  assert.equal(gpqa?.metric, 'mean_score');
  assert.ok(Math.abs((gpqa?.score ?? 0) - 0.8358585858585859) < 1e-12);
  assert.ok(Math.abs((gpqa?.stderr ?? 0) - 0.022274469189069883) < 1e-12);
  const hle = rows.find((r) => r.benchmark === 'hle' && r.model_raw === 'gemini-3-pro-preview');
  assert.equal(hle?.metric, 'Accuracy');
  assert.equal(hle?.stderr, 0.019);
  assert.ok(rows.some((r) => r.benchmark === 'epoch_capabilities_index' && r.metric === 'ECI Score'));
  assert.ok(rows.filter((r) => r.benchmark === 'terminalbench').every((r) => r.setting !== null));
});

test('interconnects and openrouter: hub ids with region, weekly usage and price intervals', () => {
  const om = rowsOf<Row<'open_models'>>(interconnects.run(RAW, CTX), 'interconnects-tracked');
  assert.equal(om.find((r) => r.hub_id === 'deepseek-ai/DeepSeek-R1')?.country, 'CN');
  assert.equal(om.find((r) => r.hub_id === 'deepseek-ai/DeepSeek-R1')?.parameters_b, 671);
  assert.equal(om.find((r) => r.hub_id === 'openai/gpt-oss-20b')?.release_date, '2025-08-05');
  const w = openrouterWeekly.run(RAW, CTX);
  const usage = rowsOf<Row<'usage'>>(w, 'openrouter-weekly-top10');
  assert.equal(
    usage.find((r) => r.date === '2026-05-11' && r.model_raw === 'moonshotai/kimi-k2.6-20260420')?.total_tokens,
    1.61e12,
  );
  const prices = (w.parts.find((p) => p.table === 'prices')?.rows ?? []) as Row<'prices'>[];
  const kimi = prices.findLast((r) => r.model_raw === 'moonshotai/kimi-k2.6-20260420');
  assert.equal(kimi?.valid_to, null);
  assert.ok(
    Math.abs((kimi?.input_usd_per_mtok ?? 0) - 0.75) < 1e-9 && Math.abs((kimi?.output_usd_per_mtok ?? 0) - 3.5) < 1e-9,
  );
});

test('litellm: history becomes non-overlapping intervals per model and provider', () => {
  const rows = rowsOf<Row<'prices'>>(litellm.run(RAW, CTX), 'litellm-history');
  const gpt4o = rows.filter((r) => r.model_raw === 'gpt-4o' && r.provider === 'openai');
  assert.equal(gpt4o[0]?.input_usd_per_mtok, 2.5);
  const byKey = new Map<string, Row<'prices'>[]>();
  for (const r of rows)
    byKey.set(`${r.provider}|${r.model_raw}`, [...(byKey.get(`${r.provider}|${r.model_raw}`) ?? []), r]);
  for (const list of byKey.values()) {
    for (let i = 1; i < list.length; i++)
      assert.ok((list[i - 1]?.valid_to ?? '9') <= (list[i]?.valid_from ?? ''), 'intervals must not overlap');
  }
  assert.ok(rows.every((r) => r.first_party));
});

test('facts: every record keeps its citations and confidence', () => {
  const out = facts.run(RAW, CTX);
  const chips = rowsOf<Row<'chips'>>(out, 'facts-chips');
  const h20 = chips.find((c) => c.id === 'nvidia-h20');
  // The sheet's H20 BF16 equals its FP16 and its sources give FP16 only: flagged, not changed.
  assert.deepEqual(h20?.unconfirmed_fields, ['fp8_dense_tflops', 'release_year', 'die_area_mm2', 'bf16_dense_tflops']);
  assert.equal(h20?.bf16_dense_tflops, 148);
  assert.ok(
    !chips.find((c) => c.id === 'nvidia-a100-sxm-80gb')?.unconfirmed_fields.includes('bf16_dense_tflops'),
    'A100 notes cite BF16',
  );
  assert.equal(chips.find((c) => c.id === 'huawei-ascend-910b')?.confidence, 'unconfirmed');
  const ids = new Set(out.sources.map((s) => s.id));
  for (const c of chips) for (const s of c.source_ids) assert.ok(ids.has(s), s);
  const rules = rowsOf<Row<'rules'>>(out, 'facts-export-rules').map((r) => r.id);
  for (const id of ['3A090-2022', '3A090-2023', '3A090.c-HBM-2024', 'AI-Diffusion-2025', 'ECCN-3A090-eCFR-2026-07-23'])
    assert.ok(rules.includes(id), id);
  const undated = rowsOf<Row<'events'>>(out, 'facts-events').filter((e) => e.date === null);
  assert.ok(undated.length > 0 && undated.every((e) => /no date given/.test(e.description ?? '')));
});

test('the whole import: identity across sources, attribution, provenance, and the committed snapshot matches it', () => {
  const { parts, report } = runImport(RAW, join(ROOT, 'data', 'curated', 'organizations.json'));
  const get = <T>(table: string) => parts.filter((p) => p.table === table).flatMap((p) => p.rows) as T[];
  const models = get<Row<'models'>>('models');
  const byId = new Map(models.map((m) => [m.id, m]));
  const r1 = byId.get('deepseek-r1');
  assert.equal(r1?.organization_id, 'deepseek');
  for (const alias of ['deepseek-r1', 'DeepSeek-R1', 'deepseek/deepseek-r1'])
    assert.ok(r1?.aliases.includes(alias) || r1?.id === alias, alias);
  assert.ok((r1?.source_ids.length ?? 0) >= 3, 'seen in several sources');
  // Every model a fact row names is in the models table, and every source_id is a source.
  const sourceIds = new Set(get<Row<'sources'>>('sources').map((s) => s.id));
  for (const p of parts) {
    for (const row of p.rows as Record<string, unknown>[]) {
      if (typeof row['model_id'] === 'string') assert.ok(byId.has(row['model_id']), `${p.table}: ${row['model_id']}`);
      if (typeof row['source_id'] === 'string')
        assert.ok(sourceIds.has(row['source_id']), `${p.table}: ${row['source_id']}`);
    }
  }
  const orgs = new Map(get<Row<'organizations'>>('organizations').map((o) => [o.id, o]));
  assert.equal(orgs.get(byId.get('qwen2-5-72b-instruct')?.organization_id ?? '')?.country, 'CN');
  assert.ok(report.unmatched_models.length > 0 && report.unmatched_models.every((u) => u.count === u.names.length));
  assert.ok(report.skipped.length > 0);
  // Identity classes of issue 15, by rule and not model by model.
  assert.deepEqual(
    models.filter((m) => isFragmentKey(m.id)).map((m) => m.id),
    [],
    'no id is digits or a date fragment',
  );
  assert.equal(
    byId.get('early-grok-3')?.organization_id,
    'xai',
    'the codename entry and its disclosed name are one model, with its organization',
  );
  assert.ok(!byId.has('chocolate-early-grok-3'));
  assert.ok(
    byId.has('chatgpt-4o-latest-20240808') && byId.has('chatgpt-4o-latest-20241120'),
    'dated snapshots stay apart from -latest',
  );
  assert.ok(!byId.has('ft') && byId.has('ft-gpt-3-5-turbo'));
  assert.ok(byId.get('gpt-4o-20240806')?.aliases.includes('GPT-4o (08/06)'));
  assert.ok(byId.get('deepseek-v3-1')?.aliases.includes('deepseek/deepseek-chat-v3.1'), 'curated override applied');
  const aliasOwners = new Map<string, string>();
  for (const m of models)
    for (const a of m.aliases) {
      assert.ok(!aliasOwners.has(a), `${a}: ${aliasOwners.get(a)} and ${m.id}`);
      aliasOwners.set(a, m.id);
    }
  assert.ok(report.fuzzy_organization_matches.some((f) => f.observed === 'Aliaba' && f.organization === 'alibaba'));
  assert.ok(
    !orgs.has('aliaba') && !orgs.has('anthropic-2') && !orgs.has('openai-2'),
    'typos and ~ prefixes fold into the real organization',
  );
  // The committed snapshot is what this code produces from these inputs, byte for byte: encoding the rows is a
  // third of the time of parsing the committed files back, and equal bytes mean equal rows (the round trip is
  // tested in snapshot.test.ts).
  const committed = new Map(listSnapshotFiles(SNAPSHOT).map((f) => [`${f.table}/${f.part}`, f.path]));
  assert.deepEqual([...committed.keys()].sort(), parts.map((p) => `${p.table}/${p.part}`).sort());
  for (const p of parts) {
    const path = committed.get(`${p.table}/${p.part}`) as string;
    assert.ok(
      readFileSync(path, 'utf8') === encodeTable(p.table, p.rows),
      `${p.table}/${p.part} differs: run \`npm run import\``,
    );
  }
});

test('glued Arena names are split at the provider label, and only there', () => {
  const p = CTX.familyPrefixes;
  assert.equal(unglue('Anthropicclaude-opus-4-1-20250805', 'Anthropic', p), 'claude-opus-4-1-20250805');
  assert.equal(unglue('Coherecommand-r-plus', 'Cohere', p), 'command-r-plus');
  assert.equal(unglue('Coherec4ai-aya-expanse-8b', 'Cohere', p), 'c4ai-aya-expanse-8b');
  assert.equal(unglue('Azurephi-4', 'Microsoft', p), 'phi-4');
  for (const name of ['DeepSeek-V3', 'Qwen2.5-Max', 'Claude-2.1', 'Yi-Lightning', 'gemini-2.5-pro', 'Gemini-Exp-1206'])
    assert.equal(unglue(name, 'X', p), name);
});

test('prices: OpenRouter variants are tiers, the -1 marker is null with a note, ft: keys are the fine-tuned tier', () => {
  assert.equal(tierOfVariant('standard'), DEFAULT_TIER);
  assert.equal(tierOfVariant('batch'), 'batch');
  assert.equal(tierOfVariant(null, 'anthropic/claude-opus-5:batch'), 'batch');
  assert.equal(tierOfVariant(null, 'openai/gpt-5'), DEFAULT_TIER);
  assert.deepEqual(sentinelPrice(0.000003), { value: 3, note: null });
  assert.equal(sentinelPrice(-1).value, null);
  assert.match(sentinelPrice(-1).note ?? '', /variable price/);
  const rows = rowsOf<Row<'prices'>>(openrouterModels.run(RAW, CTX), 'openrouter-models');
  assert.ok(rows.every((r) => (r.input_usd_per_mtok ?? 0) >= 0 && (r.output_usd_per_mtok ?? 0) >= 0));
  const auto = rows.filter((r) => r.model_raw === 'openrouter/auto');
  assert.ok(auto.length > 0 && auto.every((r) => r.input_usd_per_mtok === null && /variable price/.test(r.note ?? '')));
  const batch = rows.filter((r) => r.model_raw.endsWith(':batch'));
  assert.equal(batch.length, 60);
  assert.ok(batch.every((r) => r.tier === 'batch'));
  // Each batch price is its own tier next to the on-demand row of the same model and day.
  const opus = rows.filter(
    (r) =>
      ['anthropic/claude-opus-5', 'anthropic/claude-opus-5:batch'].includes(r.model_raw) &&
      r.valid_from === '2026-08-08',
  );
  assert.deepEqual(opus.map((r) => r.tier).sort(), ['batch', 'on-demand']);
  assert.equal(new Set(opus.map((r) => r.model_id)).size, 1, 'one model, two tiers');
  const [b, o] = [opus.find((r) => r.tier === 'batch'), opus.find((r) => r.tier === 'on-demand')];
  assert.ok(
    b && o && Math.abs((b.input_usd_per_mtok ?? 0) * 2 - (o.input_usd_per_mtok ?? 0)) < 1e-9,
    'the batch tier is half the on-demand price',
  );
  const ft = rowsOf<Row<'prices'>>(litellm.run(RAW, CTX), 'litellm-current')
    .concat(rowsOf<Row<'prices'>>(litellm.run(RAW, CTX), 'litellm-history'))
    .filter((r) => /(^|\/)ft:/.test(r.model_raw));
  assert.ok(ft.length > 0 && ft.every((r) => r.tier === 'fine-tuned' && r.model_id.startsWith('ft-')));
});

test('unglue: labels with spaces or inner capitals, repeated labels, dropped labels', () => {
  const p = ['claude', 'inkling', 'qwen'];
  assert.equal(unglue('OpenChatopenchat-3.5', 'OpenChat', p), 'openchat-3.5');
  assert.equal(unglue('RWKVRWKV-4-Raven-14B', 'RWKV', p), 'RWKV-4-Raven-14B');
  assert.equal(unglue('-4-Raven-14B', 'RWKV', p), 'RWKV-4-Raven-14B');
  assert.equal(unglue('AnthropicClaude 3.5 Sonnet (06/20)', 'Anthropic', p), 'Claude 3.5 Sonnet (06/20)');
  assert.equal(unglue('Mistral-Large-2407', 'Mistral', p), 'Mistral-Large-2407');
  assert.equal(unglue('Qwen2.5-Max', 'Alibaba', p), 'Qwen2.5-Max');
});

test('aliases: a raw name two sources used for different models stays on its own model only', () => {
  const m = (id: string, aliases: string[]) => ({ id, aliases }) as unknown as Row<'models'>;
  const models = [
    m('deepseek-chat', ['deepseek/deepseek-chat']),
    m('deepseek-chat-v3', ['deepseek/deepseek-chat', 'deepseek/deepseek-chat-v3']),
  ];
  assert.deepEqual(dedupeAliases(models), [
    { alias: 'deepseek/deepseek-chat', kept_on: 'deepseek-chat', dropped_from: ['deepseek-chat-v3'] },
  ]);
  assert.deepEqual(models[1]?.aliases, ['deepseek/deepseek-chat-v3']);
});

test('model overrides: each has a note and a source, no chains', () => {
  const o = readOverrides(join(ROOT, 'data', 'curated', 'model-overrides.json'));
  assert.ok(o.size > 0);
  for (const r of o.values()) assert.ok(r.note.length > 20 && /^https?:\/\//.test(r.source) && !o.has(r.to), r.from);
  assert.equal(readOverrides(join(ROOT, 'no-such-file.json')).size, 0);
});
