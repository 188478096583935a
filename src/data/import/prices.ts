/**
 * @module
 * Prices: LiteLLM's model price file and its first-party price history (valid-from / valid-to intervals),
 * and the OpenRouter model list snapshots. All prices are USD per million tokens.
 */
import { readdirSync } from 'node:fs';
import type { Row } from '../schema.ts';
import { fineTuneBase, modelKey } from '../identity.ts';
import { at, emptyOutput, observe, part, readCsv, readJson, repoSource, toDate, toInt, toNumber, type Importer } from './common.ts';

/** Rule: LiteLLM's `ft:` keys are prices for running one's own fine-tune: the `fine-tuned` tier. */
function tierOfKey(key: string): string {
  return fineTuneBase(key.slice(key.lastIndexOf('/') + 1)) === null ? DEFAULT_TIER : 'fine-tuned';
}

/** LiteLLM providers that are the model maker's own API. */
export const FIRST_PARTY_PROVIDERS = new Set([
  'openai', 'anthropic', 'gemini', 'vertex_ai-language-models', 'xai', 'mistral', 'deepseek', 'dashscope', 'moonshot', 'zai', 'minimax', 'volcengine', 'text-completion-openai',
]);
const CHAT_MODES = new Set(['chat', 'responses', 'completion']);

/** Rule: a first-party provider is the model's maker, so its price rows attribute the model (names the curated table knows). */
const MAKER_OF_PROVIDER: Record<string, string> = {
  openai: 'OpenAI', 'text-completion-openai': 'OpenAI', anthropic: 'Anthropic', gemini: 'Google', 'vertex_ai-language-models': 'Google',
  xai: 'xAI', mistral: 'Mistral AI', deepseek: 'DeepSeek', dashscope: 'Alibaba', moonshot: 'Moonshot AI', zai: 'Zhipu AI',
  minimax: 'MiniMax', volcengine: 'ByteDance',
};

interface LitellmEntry {
  litellm_provider?: string; mode?: string; input_cost_per_token?: number; output_cost_per_token?: number;
  cache_read_input_token_cost?: number; max_input_tokens?: number; max_tokens?: number;
}

/** The tier every cost view uses unless asked for another. */
export const DEFAULT_TIER = 'on-demand';

/**
 * Rule: OpenRouter's `variant` column (and the `:variant` suffix of its ids) names the price tier. `standard`
 * is the on-demand list price; `batch` (the Batch API, typically half price), `free` and the rest are tiers of
 * their own, never mixed with on-demand prices.
 */
export function tierOfVariant(variant: string | null | undefined, id = ''): string {
  const v = (variant || /:([a-z0-9-]+)$/.exec(id)?.[1] || 'standard').toLowerCase();
  return v === 'standard' ? DEFAULT_TIER : v;
}

/**
 * Rule: a negative price is a sentinel, not a price (OpenRouter's `-1` marks routers whose price is the
 * routed model's): it becomes null, with a note saying so.
 */
export function sentinelPrice(perToken: number | null): { value: number | null; note: string | null } {
  if (perToken === null) return { value: null, note: null };
  if (perToken < 0) return { value: null, note: `source gives ${perToken}: variable price (set by the model routed to), not a list price` };
  return { value: perToken * 1e6, note: null };
}

const perM = (v: number | undefined | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e6 * 1e6) / 1e6 : null);

export const litellm: Importer = {
  name: 'adoption/RoCry__llm-api-price',
  origin: 'litellm',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const head = '2026-07-24';
    const source_id = 'litellm-prices';
    out.sources.push(repoSource({
      id: source_id, title: 'LiteLLM model_prices_and_context_window.json', publisher: 'BerriAI (LiteLLM), via RoCry/llm-api-price mirror',
      repo: 'RoCry/llm-api-price', commit: '8442b939a6ead479f7995b5d74d8dce488bd0966', path: 'model_prices_and_context_window.json',
      published: head, retrieved: head, license: 'MIT',
    }));
    const history_id = 'litellm-price-history';
    out.sources.push(repoSource({
      id: history_id, title: 'LiteLLM first-party price history (derived from the mirror\u2019s git log)', publisher: 'BerriAI (LiteLLM), via RoCry/llm-api-price mirror',
      repo: 'RoCry/llm-api-price', commit: '8442b939a6ead479f7995b5d74d8dce488bd0966', published: head, retrieved: head, license: 'MIT',
      notes: 'DERIVED: last commit of each day, 2025-02-06 → 2026-07-24. "added" dates are when LiteLLM added an entry, which trails launches; the 2025-02-06 rows are the baseline, not release dates.',
    }));

    // History gives intervals for the first-party providers it covers.
    const rows: Row<'prices'>[] = [];
    const open = new Map<string, Row<'prices'>>();
    const covered = new Set<string>();
    for (const r of readCsv(at(dir, 'derived', 'litellm_first_party_price_history.csv'))) {
      const date = toDate(r['date']);
      const key = r['model_key'];
      const provider = r['litellm_provider'];
      if (!date || !key || !provider) continue;
      covered.add(provider);
      const k = `${provider}\u0000${key}`;
      const prev = open.get(k);
      if (prev) {
        prev.valid_to = date;
        open.delete(k);
      }
      if (r['event'] === 'removed') continue;
      const row: Row<'prices'> = {
        model_id: modelKey(key), model_raw: key, provider, first_party: FIRST_PARTY_PROVIDERS.has(provider),
        input_usd_per_mtok: toNumber(r['input_usd_per_mtok']), output_usd_per_mtok: toNumber(r['output_usd_per_mtok']),
        cache_read_usd_per_mtok: toNumber(r['cache_read_usd_per_mtok']), context_tokens: toInt(r['max_input_tokens']), tier: tierOfKey(key), note: null,
        valid_from: date, valid_to: null, source_id: history_id,
      };
      open.set(k, row);
      rows.push(row);
      out.observations.push(observe(key, 'litellm', history_id, { context_tokens: row.context_tokens, organization: MAKER_OF_PROVIDER[provider] ?? null }));
    }
    out.parts.push(part('prices', 'litellm-history', 'LiteLLM first-party prices over time', history_id, rows,
      'One row per price interval; valid_to is the day the price changed or the entry was removed, open when still current.'));

    // The current file for every other provider (resellers and clouds), valid from the mirror HEAD.
    const doc = readJson(at(dir, 'model_prices_and_context_window.json')) as Record<string, LitellmEntry | string>;
    const current: Row<'prices'>[] = [];
    let other = 0;
    for (const [key, e] of Object.entries(doc)) {
      if (key === 'sample_spec' || typeof e !== 'object' || e === null) continue;
      const provider = e.litellm_provider;
      if (!provider || !CHAT_MODES.has(e.mode ?? '')) {
        other++;
        continue;
      }
      if (covered.has(provider)) continue;
      if (e.input_cost_per_token === undefined && e.output_cost_per_token === undefined) continue;
      current.push({
        model_id: modelKey(key), model_raw: key, provider, first_party: FIRST_PARTY_PROVIDERS.has(provider), input_usd_per_mtok: perM(e.input_cost_per_token),
        output_usd_per_mtok: perM(e.output_cost_per_token), cache_read_usd_per_mtok: perM(e.cache_read_input_token_cost),
        context_tokens: e.max_input_tokens ?? null, tier: tierOfKey(key), note: null, valid_from: head, valid_to: null, source_id,
      });
      out.observations.push(observe(key, 'litellm', source_id, { context_tokens: e.max_input_tokens ?? null, organization: MAKER_OF_PROVIDER[provider] ?? null }));
    }
    out.skipped.push({ dataset: 'litellm-current', reason: 'not a chat/completion model (embedding, image, audio, rerank …)', count: other });
    out.parts.push(part('prices', 'litellm-current', 'LiteLLM prices of resellers and clouds (current file)', source_id, current,
      `Providers other than the first-party ones covered by the history; valid from the mirror HEAD (${head}).`));
    return out;
  },
};

/** OpenRouter public model list, from the sui414 dataset's dated snapshots. */
export const openrouterModels: Importer = {
  name: 'adoption/sui414__openrouter-pricing-data/data/csv/models',
  origin: 'openrouter',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const source_id = 'openrouter-market-sui414';
    const rows: Row<'prices'>[] = [];
    const tiers = new Map<string, number>();
    let sentinels = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')).sort()) {
      for (const r of readCsv(at(dir, f))) {
        const slug = r['permaslug'] || r['id'];
        const date = toDate(r['scrape_date']);
        if (!slug || !date) continue;
        const input = sentinelPrice(toNumber(r['prompt_price']));
        const output = sentinelPrice(toNumber(r['completion_price']));
        const cache = sentinelPrice(toNumber(r['cache_read_price']));
        const note = input.note ?? output.note ?? cache.note;
        if (input.value === null && output.value === null && note === null) continue;
        if (note) sentinels++;
        const tier = tierOfVariant(r['variant'], r['id'] ?? '');
        if (tier !== DEFAULT_TIER) tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
        rows.push({
          model_id: modelKey(slug), model_raw: r['id'] || slug, provider: 'openrouter', first_party: false,
          input_usd_per_mtok: input.value, output_usd_per_mtok: output.value, cache_read_usd_per_mtok: cache.value,
          context_tokens: toInt(r['context_length']), tier, note, valid_from: date, valid_to: null, source_id,
        });
      }
    }
    out.parts.push(part('prices', 'openrouter-models', 'OpenRouter model list prices (2026-07-17, 2026-08-08)', source_id, rows,
      `One row per model, tier and snapshot date; a later snapshot supersedes an earlier one. Tiers from the variant column: ${[...tiers].map(([t, n]) => `${n} ${t}`).join(', ')}; the rest on-demand. ${sentinels} rows carried the -1 "variable price" marker: price null, with a note.`));
    return out;
  },
};
