/**
 * @module
 * Price tiers and sentinel prices, the rules both the importers and the connectors apply to price rows.
 */
import { fineTuneBase } from '../data/identity.ts';

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

/** Rule: LiteLLM's `ft:` keys are prices for running one's own fine-tune: the `fine-tuned` tier. */
export function tierOfKey(key: string): string {
  return fineTuneBase(key.slice(key.lastIndexOf('/') + 1)) === null ? DEFAULT_TIER : 'fine-tuned';
}

/**
 * Rule: a negative price is a sentinel, not a price (OpenRouter's `-1` marks routers whose price is the
 * routed model's): it becomes null, with a note saying so.
 */
export function sentinelPrice(perToken: number | null): { value: number | null; note: string | null } {
  if (perToken === null) return { value: null, note: null };
  if (perToken < 0) {
    return {
      value: null,
      note: `source gives ${perToken}: variable price (set by the model routed to), not a list price`,
    };
  }
  return { value: perToken * 1e6, note: null };
}
