/**
 * @module
 * An OpenRouter model-list record (the `/api/v1/models` JSON, and the CSV snapshots of it that the importer
 * reads) as a price row. Prices upstream are USD per token as text or numbers; both edges read them here.
 */
import { modelKey } from '../data/identity.ts';
import { toInt, toNumber } from '../data/import/common.ts';
import type { Row } from '../data/schema.ts';
import { sentinelPrice, tierOfVariant } from './tiers.ts';

export interface OpenrouterRecord {
  /** The stable slug (`permaslug` / `canonical_slug`), else the id. */
  slug: string;
  id: string;
  prompt: string | number | null | undefined;
  completion: string | number | null | undefined;
  cache_read: string | number | null | undefined;
  context_length: string | number | null | undefined;
  /** The price tier (`standard`, `batch`, `free` …), where the source gives one. */
  variant?: string | null;
}

/**
 * The price row of one record, or null when it has neither a prompt nor a completion price. A negative price
 * is OpenRouter's -1 for routers whose price depends on the model picked: not a price, so it becomes null
 * with a note (`sentinel` is set). The tier comes from the variant column or the id's `:variant` suffix.
 */
export function openrouterPrice(
  m: OpenrouterRecord,
  date: string,
  source_id: string,
): { row: Row<'prices'>; sentinel: boolean } | null {
  const input = sentinelPrice(toNumber(m.prompt));
  const output = sentinelPrice(toNumber(m.completion));
  const cache = sentinelPrice(toNumber(m.cache_read));
  const note = input.note ?? output.note ?? cache.note;
  if (input.value === null && output.value === null && note === null) return null;
  return {
    row: {
      model_id: modelKey(m.slug),
      model_raw: m.id || m.slug,
      provider: 'openrouter',
      first_party: false,
      input_usd_per_mtok: input.value,
      output_usd_per_mtok: output.value,
      cache_read_usd_per_mtok: cache.value,
      context_tokens: toInt(m.context_length),
      tier: tierOfVariant(m.variant, m.id),
      note,
      valid_from: date,
      valid_to: null,
      source_id,
    },
    sentinel: note !== null,
  };
}
