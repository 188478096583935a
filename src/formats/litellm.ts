/**
 * @module
 * LiteLLM's `model_prices_and_context_window.json` (key → {litellm_provider, mode, input_cost_per_token, …}),
 * read the same way by the importer (a mirror's copy) and the connector (the live file). One filter for both:
 * chat-like modes with a provider and at least one token price; everything else is counted, not kept.
 */
import { modelKey } from '../data/identity.ts';
import type { Row } from '../data/schema.ts';

/** LiteLLM providers that are the model maker's own API. */
export const FIRST_PARTY_PROVIDERS = new Set([
  'openai',
  'anthropic',
  'gemini',
  'vertex_ai-language-models',
  'xai',
  'mistral',
  'deepseek',
  'dashscope',
  'moonshot',
  'zai',
  'minimax',
  'volcengine',
  'text-completion-openai',
]);
const CHAT_MODES = new Set(['chat', 'responses', 'completion']);

interface LitellmEntry {
  litellm_provider?: string;
  mode?: string;
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  max_input_tokens?: number;
  max_tokens?: number;
}

/** USD per token → USD per million tokens, rounded to 1e-6 so float noise (0.15000000000000002) does not show. */
export const perM = (v: number | undefined | null): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e6 * 1e6) / 1e6 : null;

export interface LitellmPrices {
  rows: Row<'prices'>[];
  /** Entries that are not a chat/completion model of a named provider (embedding, image, audio, rerank …). */
  other: number;
  /** Chat entries without any token price. */
  unpriced: number;
}

/**
 * Price rows valid from `date`. `skipProvider` leaves out providers another dataset covers (the importer's
 * first-party history); they are not counted.
 */
export function litellmPrices(
  doc: unknown,
  date: string,
  source_id: string,
  skipProvider: (p: string) => boolean = () => false,
): LitellmPrices {
  const out: LitellmPrices = { rows: [], other: 0, unpriced: 0 };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return out;
  for (const [key, e] of Object.entries(doc as Record<string, LitellmEntry | string>)) {
    if (key === 'sample_spec' || typeof e !== 'object' || e === null) continue;
    const provider = e.litellm_provider;
    if (!provider || !CHAT_MODES.has(e.mode ?? '')) {
      out.other++;
      continue;
    }
    if (skipProvider(provider)) continue;
    if (e.input_cost_per_token === undefined && e.output_cost_per_token === undefined) {
      out.unpriced++;
      continue;
    }
    out.rows.push({
      model_id: modelKey(key),
      model_raw: key,
      provider,
      first_party: FIRST_PARTY_PROVIDERS.has(provider),
      input_usd_per_mtok: perM(e.input_cost_per_token),
      output_usd_per_mtok: perM(e.output_cost_per_token),
      cache_read_usd_per_mtok: perM(e.cache_read_input_token_cost),
      context_tokens: e.max_input_tokens ?? null,
      valid_from: date,
      valid_to: null,
      source_id,
    });
  }
  return out;
}
