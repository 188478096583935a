/**
 * @module
 * An OpenRouter model-list record (the `/api/v1/models` JSON, and the CSV snapshots of it that the importer
 * reads) as a price row. Prices upstream are USD per token as text or numbers; both edges read them here.
 */
import { modelKey } from '../data/identity.ts';
import { toInt, toNumber } from '../data/import/common.ts';
import type { Row } from '../data/schema.ts';

export interface OpenrouterRecord {
  /** The stable slug (`permaslug` / `canonical_slug`), else the id. */
  slug: string;
  id: string;
  prompt: string | number | null | undefined;
  completion: string | number | null | undefined;
  cache_read: string | number | null | undefined;
  context_length: string | number | null | undefined;
}

/**
 * The price row of one record, or null when it has neither a prompt nor a completion price. `sentinel` is set
 * when a price is negative: OpenRouter writes -1 for routers whose price depends on the model picked, which is
 * not a price. The importer keeps such rows as they are today (flagged for the lead); the connector drops them.
 */
export function openrouterPrice(
  m: OpenrouterRecord,
  date: string,
  source_id: string,
): { row: Row<'prices'>; sentinel: boolean } | null {
  const input = toNumber(m.prompt);
  const output = toNumber(m.completion);
  if (input === null && output === null) return null;
  const cache = toNumber(m.cache_read);
  return {
    row: {
      model_id: modelKey(m.slug),
      model_raw: m.id || m.slug,
      provider: 'openrouter',
      first_party: false,
      input_usd_per_mtok: input === null ? null : input * 1e6,
      output_usd_per_mtok: output === null ? null : output * 1e6,
      cache_read_usd_per_mtok: cache === null ? null : cache * 1e6,
      context_tokens: toInt(m.context_length),
      valid_from: date,
      valid_to: null,
      source_id,
    },
    sentinel: (input ?? 0) < 0 || (output ?? 0) < 0,
  };
}
