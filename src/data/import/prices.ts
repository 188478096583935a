/**
 * @module
 * Prices: LiteLLM's model price file and its first-party price history (valid-from / valid-to intervals),
 * and the OpenRouter model list snapshots. All prices are USD per million tokens.
 */
import { readdirSync } from 'node:fs';
import type { Row } from '../schema.ts';
import { modelKey } from '../identity.ts';
import {
  at,
  emptyOutput,
  observe,
  part,
  readCsv,
  readJson,
  repoSource,
  toDate,
  toInt,
  toNumber,
  type Importer,
} from './common.ts';
import { FIRST_PARTY_PROVIDERS, litellmPrices } from '../../formats/litellm.ts';
import { openrouterPrice } from '../../formats/openrouter.ts';
import { DEFAULT_TIER, sentinelPrice, tierOfKey, tierOfVariant } from '../../formats/tiers.ts';

export { DEFAULT_TIER, FIRST_PARTY_PROVIDERS, sentinelPrice, tierOfVariant };

/** Rule: a first-party provider is the model's maker, so its price rows attribute the model (names the curated table knows). */
const MAKER_OF_PROVIDER: Record<string, string> = {
  openai: 'OpenAI',
  'text-completion-openai': 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google',
  'vertex_ai-language-models': 'Google',
  xai: 'xAI',
  mistral: 'Mistral AI',
  deepseek: 'DeepSeek',
  dashscope: 'Alibaba',
  moonshot: 'Moonshot AI',
  zai: 'Zhipu AI',
  minimax: 'MiniMax',
  volcengine: 'ByteDance',
};

export const litellm: Importer = {
  name: 'adoption/RoCry__llm-api-price',
  origin: 'litellm',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const head = '2026-07-24';
    const source_id = 'litellm-prices';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'LiteLLM model_prices_and_context_window.json',
        publisher: 'BerriAI (LiteLLM), via RoCry/llm-api-price mirror',
        repo: 'RoCry/llm-api-price',
        commit: '8442b939a6ead479f7995b5d74d8dce488bd0966',
        path: 'model_prices_and_context_window.json',
        published: head,
        retrieved: head,
        license: 'MIT',
      }),
    );
    const history_id = 'litellm-price-history';
    out.sources.push(
      repoSource({
        id: history_id,
        title: 'LiteLLM first-party price history (derived from the mirror\u2019s git log)',
        publisher: 'BerriAI (LiteLLM), via RoCry/llm-api-price mirror',
        repo: 'RoCry/llm-api-price',
        commit: '8442b939a6ead479f7995b5d74d8dce488bd0966',
        published: head,
        retrieved: head,
        license: 'MIT',
        notes:
          'DERIVED: last commit of each day, 2025-02-06 → 2026-07-24. "added" dates are when LiteLLM added an entry, which trails launches; the 2025-02-06 rows are the baseline, not release dates.',
      }),
    );

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
        model_id: modelKey(key),
        model_raw: key,
        provider,
        first_party: FIRST_PARTY_PROVIDERS.has(provider),
        input_usd_per_mtok: toNumber(r['input_usd_per_mtok']),
        output_usd_per_mtok: toNumber(r['output_usd_per_mtok']),
        cache_read_usd_per_mtok: toNumber(r['cache_read_usd_per_mtok']),
        context_tokens: toInt(r['max_input_tokens']),
        tier: tierOfKey(key),
        note: null,
        valid_from: date,
        valid_to: null,
        source_id: history_id,
      };
      open.set(k, row);
      rows.push(row);
      out.observations.push(
        observe(key, 'litellm', history_id, {
          context_tokens: row.context_tokens,
          organization: MAKER_OF_PROVIDER[provider] ?? null,
        }),
      );
    }
    out.parts.push(
      part(
        'prices',
        'litellm-history',
        'LiteLLM first-party prices over time',
        history_id,
        rows,
        'One row per price interval; valid_to is the day the price changed or the entry was removed, open when still current.',
      ),
    );

    // The current file for every other provider (resellers and clouds), valid from the mirror HEAD.
    const doc = readJson(at(dir, 'model_prices_and_context_window.json'));
    const { rows: current, other } = litellmPrices(doc, head, source_id, (provider) => covered.has(provider));
    for (const r of current) {
      const organization = MAKER_OF_PROVIDER[r.provider] ?? null;
      out.observations.push(
        observe(r.model_raw, 'litellm', source_id, { context_tokens: r.context_tokens, organization }),
      );
    }
    out.skipped.push({
      dataset: 'litellm-current',
      reason: 'not a chat/completion model (embedding, image, audio, rerank …)',
      count: other,
    });
    out.parts.push(
      part(
        'prices',
        'litellm-current',
        'LiteLLM prices of resellers and clouds (current file)',
        source_id,
        current,
        `Providers other than the first-party ones covered by the history; valid from the mirror HEAD (${head}).`,
      ),
    );
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
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.csv'))
      .sort()) {
      for (const r of readCsv(at(dir, f))) {
        const slug = r['permaslug'] || r['id'];
        const date = toDate(r['scrape_date']);
        if (!slug || !date) continue;
        const record = {
          slug,
          id: r['id'] ?? '',
          prompt: r['prompt_price'],
          completion: r['completion_price'],
          cache_read: r['cache_read_price'],
          context_length: r['context_length'],
          variant: r['variant'],
        };
        const got = openrouterPrice(record, date, source_id);
        if (!got) continue;
        if (got.sentinel) sentinels++;
        if (got.row.tier !== DEFAULT_TIER) tiers.set(got.row.tier, (tiers.get(got.row.tier) ?? 0) + 1);
        rows.push(got.row);
      }
    }
    out.parts.push(
      part(
        'prices',
        'openrouter-models',
        'OpenRouter model list prices (2026-07-17, 2026-08-08)',
        source_id,
        rows,
        `One row per model, tier and snapshot date; a later snapshot supersedes an earlier one. Tiers from the variant column: ${[...tiers].map(([t, n]) => `${n} ${t}`).join(', ')}; the rest on-demand. ${sentinels} rows carried the -1 "variable price" marker: price null, with a note.`,
      ),
    );
    return out;
  },
};
