/**
 * @module
 * One connector per public source: LMArena leaderboard files (the JSON layout of leaderboard-text.json and
 * the CSV layout with score, CI, votes, organization, license), Epoch AI CSVs (pinned columns: a renamed or
 * missing column fails clearly), the OpenRouter model list, and LiteLLM's price file. Each turns what it
 * fetched into rows of the schema; where they land and how history is kept is refresh.ts's job.
 */
import { parse } from 'csv-parse/sync';
import { modelKey } from '../data/identity.ts';
import { FIRST_PARTY_PROVIDERS, tierOfVariant } from '../data/import/prices.ts';
import type { Row, TableName } from '../data/schema.ts';
import { ConnectorError, getJson, getText, listHubModels, type HttpEffects } from './hf.ts';

export interface Fetched {
  /** Rows per table. */
  rows: { table: TableName; rows: Record<string, unknown>[] }[];
  /** Every URL read, with its body, for provenance (content hash). */
  bodies: { url: string; text: string }[];
  retries: number;
}

export interface ConnectorContext {
  /** Base URL that replaces the source's own host (tests point it at a local server). */
  endpoint?: string;
  date: string;
  since?: string;
  fx: HttpEffects;
  maxRetries?: number;
  timeoutMs?: number;
}

export interface Connector {
  id: string;
  title: string;
  publisher: string;
  license: string;
  /** The URLs it reads, on the source's own host. */
  urls: string[];
  run(ctx: ConnectorContext): Promise<Fetched>;
}

/** A source URL with its host replaced by the context's endpoint, when one is given. */
export function at(ctx: ConnectorContext, url: string): string {
  if (!ctx.endpoint) return url;
  const u = new URL(url);
  return `${ctx.endpoint.replace(/\/$/, '')}${u.pathname}${u.search}`;
}

function csvRecords(text: string, url: string, required: string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  } catch (err) {
    throw new ConnectorError(`schema drift: ${url} is not CSV (${(err as Error).message.split('\n')[0]})`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = required.filter((r) => !r.split('|').some((alt) => header.includes(alt)));
  if (missing.length) throw new ConnectorError(`schema drift: ${url} lacks column ${missing.map((m) => `"${m.replace('|', '" or "')}"`).join(', ')} (columns: ${header.join(', ')})`);
  return records;
}

const numOrNull = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(/,/g, '')) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

const ARENA_JSON = 'https://raw.githubusercontent.com/lmarena/arena-catalog/main/data/leaderboard-text.json';
const ARENA_CSV = 'https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/main/csv/lmarena_text.csv';

export const arenaConnector: Connector = {
  id: 'arena', title: 'LMArena text leaderboard (JSON by category, and CSV with votes and organizations)', publisher: 'LMArena', license: 'facts with attribution (LMArena data)',
  urls: [ARENA_JSON, ARENA_CSV],
  async run(ctx) {
    const json = await getJson(at(ctx, ARENA_JSON), ctx.fx, ctx.maxRetries, ctx.timeoutMs);
    const doc = json.body;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ConnectorError(`schema drift: ${ARENA_JSON} is not an object of categories`);
    const entries: Row<'leaderboard_entries'>[] = [];
    for (const [category, models] of Object.entries(doc as Record<string, unknown>)) {
      if (typeof models !== 'object' || models === null) throw new ConnectorError(`schema drift: category "${category}" is not an object of models`);
      for (const [raw, v] of Object.entries(models as Record<string, { rating?: unknown; rating_q025?: unknown; rating_q975?: unknown }>)) {
        const rating = numOrNull(v?.rating);
        if (rating === null) throw new ConnectorError(`schema drift: ${category}/${raw} has no numeric "rating"`);
        entries.push({ leaderboard: 'lmarena-text', category, snapshot_date: ctx.date, model_id: modelKey(raw), model_raw: raw, organization_raw: null, score: rating, ci_low: numOrNull(v.rating_q025), ci_high: numOrNull(v.rating_q975), votes: null, rank: null, preliminary: null, source_id: '' });
      }
    }
    const csv = await getText(at(ctx, ARENA_CSV), ctx.fx, ctx.maxRetries, ctx.timeoutMs);
    const csvRows: Row<'leaderboard_entries'>[] = [];
    for (const r of csvRecords(csv.text, ARENA_CSV, ['model', 'arena_score|arena_elo', 'votes', 'organization'])) {
      const score = numOrNull(r['arena_score'] ?? r['arena_elo']);
      if (!r['model'] || score === null) continue;
      const ci = /\+\s*([\d.]+)\s*\/\s*-\s*([\d.]+)/.exec(r['95_pct_ci'] ?? '');
      csvRows.push({
        leaderboard: 'lmarena-text', category: 'full-csv', snapshot_date: ctx.date, model_id: modelKey(r['model']), model_raw: r['model'], organization_raw: r['organization'] || null, score,
        ci_low: ci ? score - Number(ci[2]) : null, ci_high: ci ? score + Number(ci[1]) : null, votes: numOrNull(r['votes']), rank: numOrNull(r['rank']), preliminary: null, source_id: '',
      });
    }
    return { rows: [{ table: 'leaderboard_entries', rows: [...entries, ...csvRows] }], bodies: [{ url: ARENA_JSON, text: JSON.stringify(doc) }, { url: ARENA_CSV, text: csv.text }], retries: json.retries + csv.retries };
  },
};

const EPOCH_ECI = 'https://epoch.ai/data/eci_benchmark_data.csv';
const EPOCH_NOTABLE = 'https://epoch.ai/data/notable_ai_models.csv';
/** The columns the importer relies on; upstream has renamed columns before. */
export const EPOCH_COLUMNS = { eci: ['Model version', 'ECI Score', 'Release date', 'Organization', 'Country'], notable: ['Model', 'Organization', 'Publication date', 'Country (of organization)', 'Model accessibility'] };

export const epochConnector: Connector = {
  id: 'epoch', title: 'Epoch AI Capabilities Index and Notable AI Models (CSV)', publisher: 'Epoch AI', license: 'CC BY 4.0',
  urls: [EPOCH_ECI, EPOCH_NOTABLE],
  async run(ctx) {
    const eci = await getText(at(ctx, EPOCH_ECI), ctx.fx, ctx.maxRetries, ctx.timeoutMs);
    const results: Row<'benchmark_results'>[] = [];
    for (const r of csvRecords(eci.text, EPOCH_ECI, EPOCH_COLUMNS.eci)) {
      const score = numOrNull(r['ECI Score']);
      const raw = r['Model version'];
      if (!raw || score === null) continue;
      if (ctx.since && (r['Release date'] ?? '') < ctx.since) continue;
      results.push({ benchmark: 'epoch_capabilities_index', metric: 'ECI Score', setting: null, model_id: modelKey(raw), model_raw: raw, score, stderr: null, release_date: /^\d{4}-\d{2}-\d{2}$/.test(r['Release date'] ?? '') ? (r['Release date'] as string) : null, organization_raw: r['Organization'] || null, source_id: '' });
    }
    const notable = await getText(at(ctx, EPOCH_NOTABLE), ctx.fx, ctx.maxRetries, ctx.timeoutMs);
    // Notable models feed the models table at import; here the columns are checked so drift is caught.
    const models = csvRecords(notable.text, EPOCH_NOTABLE, EPOCH_COLUMNS.notable);
    return { rows: [{ table: 'benchmark_results', rows: results }], bodies: [{ url: EPOCH_ECI, text: eci.text }, { url: EPOCH_NOTABLE, text: `${models.length} rows` }], retries: eci.retries + notable.retries };
  },
};

const OPENROUTER = 'https://openrouter.ai/api/v1/models';

export const openrouterConnector: Connector = {
  id: 'openrouter', title: 'OpenRouter model list (prices, context, created)', publisher: 'OpenRouter', license: 'facts from the public API',
  urls: [OPENROUTER],
  async run(ctx) {
    const r = await getJson(at(ctx, OPENROUTER), ctx.fx, ctx.maxRetries, ctx.timeoutMs);
    const data = (r.body as { data?: unknown }).data;
    if (!Array.isArray(data)) throw new ConnectorError(`schema drift: ${OPENROUTER} has no "data" array`);
    const prices: Row<'prices'>[] = [];
    for (const m of data as Record<string, unknown>[]) {
      const id = typeof m['id'] === 'string' ? m['id'] : null;
      const pricing = (m['pricing'] ?? null) as Record<string, unknown> | null;
      if (!id || !pricing) throw new ConnectorError(`schema drift: a model without "id" or "pricing" in ${OPENROUTER}`);
      const input = numOrNull(pricing['prompt']);
      const output = numOrNull(pricing['completion']);
      if (input === null || output === null || input < 0 || output < 0) continue;
      const created = numOrNull(m['created']);
      if (ctx.since && created !== null && new Date(created * 1000).toISOString().slice(0, 10) < ctx.since) continue;
      const cache = numOrNull(pricing['input_cache_read']);
      prices.push({
        model_id: modelKey(String(m['canonical_slug'] ?? id)), model_raw: id, provider: 'openrouter', first_party: false, input_usd_per_mtok: input * 1e6, output_usd_per_mtok: output * 1e6,
        cache_read_usd_per_mtok: cache === null ? null : cache * 1e6, context_tokens: numOrNull(m['context_length']), tier: tierOfVariant(null, id), note: null, valid_from: ctx.date, valid_to: null, source_id: '',
      });
    }
    return { rows: [{ table: 'prices', rows: prices }], bodies: [{ url: OPENROUTER, text: JSON.stringify(r.body) }], retries: r.retries };
  },
};

const LITELLM = 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

export const litellmConnector: Connector = {
  id: 'litellm', title: 'LiteLLM model_prices_and_context_window.json', publisher: 'BerriAI (LiteLLM)', license: 'MIT',
  urls: [LITELLM],
  async run(ctx) {
    const r = await getJson(at(ctx, LITELLM), ctx.fx, ctx.maxRetries, ctx.timeoutMs);
    if (typeof r.body !== 'object' || r.body === null || Array.isArray(r.body)) throw new ConnectorError(`schema drift: ${LITELLM} is not an object of models`);
    const prices: Row<'prices'>[] = [];
    for (const [key, e] of Object.entries(r.body as Record<string, Record<string, unknown>>)) {
      if (key === 'sample_spec' || typeof e !== 'object' || e === null) continue;
      if (!['chat', 'responses', 'completion'].includes(String(e['mode'] ?? ''))) continue;
      const input = numOrNull(e['input_cost_per_token']);
      const output = numOrNull(e['output_cost_per_token']);
      if (input === null && output === null) continue;
      if (typeof e['litellm_provider'] !== 'string') throw new ConnectorError(`schema drift: ${key} has no "litellm_provider"`);
      const cache = numOrNull(e['cache_read_input_token_cost']);
      prices.push({
        model_id: modelKey(key), model_raw: key, provider: e['litellm_provider'], first_party: FIRST_PARTY_PROVIDERS.has(e['litellm_provider']),
        input_usd_per_mtok: input === null ? null : input * 1e6, output_usd_per_mtok: output === null ? null : output * 1e6, cache_read_usd_per_mtok: cache === null ? null : cache * 1e6,
        context_tokens: numOrNull(e['max_input_tokens']), tier: key.includes('ft:') ? 'fine-tuned' : 'on-demand', note: null, valid_from: ctx.date, valid_to: null, source_id: '',
      });
    }
    return { rows: [{ table: 'prices', rows: prices }], bodies: [{ url: LITELLM, text: JSON.stringify(r.body) }], retries: r.retries };
  },
};


const HF = 'https://huggingface.co/api/models';

export const hfConnector: Connector = {
  id: 'hf', title: 'Hugging Face Hub model listing API', publisher: 'Hugging Face', license: 'Hub metadata; each model under its own license',
  urls: [HF],
  async run(ctx) {
    const r = await listHubModels({ endpoint: ctx.endpoint ?? 'https://huggingface.co', limit: 10000, since: ctx.since, maxRetries: ctx.maxRetries, timeoutMs: ctx.timeoutMs }, ctx.fx);
    const rows = r.models.map((m) => ({
      hub_id: m.id, model_id: modelKey(m.id), organization_id: (m.id.split('/')[0] ?? m.id).toLowerCase(), country: 'unknown', base_models: m.base_models, relation: m.base_models.length ? m.relation : 'base',
      downloads: m.downloads === null ? null : Math.round(m.downloads), downloads_all_time: m.downloads_all_time === null ? null : Math.round(m.downloads_all_time), likes: m.likes === null ? null : Math.round(m.likes),
      created: m.created, release_date: null, parameters_b: null, active_parameters_b: null, snapshot_date: ctx.date, source_id: '',
    }));
    return { rows: [{ table: 'open_models', rows }], bodies: [{ url: HF, text: JSON.stringify(r.models) }], retries: r.retries };
  },
};

export const CONNECTORS: Connector[] = [arenaConnector, epochConnector, openrouterConnector, litellmConnector, hfConnector];
