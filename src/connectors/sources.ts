/**
 * @module
 * One connector per public source: LMArena leaderboard files (the catalog JSON and the CSV layout with score,
 * CI, votes, organization, license), Epoch AI CSVs (pinned columns: a renamed or missing column fails clearly),
 * the OpenRouter model list, LiteLLM's price file and the Hugging Face Hub listing. Each reads through the
 * bounded HTTP layer and parses with the same format module as the importer (src/formats/); where rows land
 * and how history is kept is refresh.ts's job.
 */
import type { TableName } from '../data/schema.ts';
import { parseCsv } from '../formats/csv.ts';
import { ARENA_CSV_COLUMNS, entriesFromCatalog, entryFromArenaCsv } from '../formats/arena.ts';
import { EPOCH_COLUMNS, epochResults, notableObservations } from '../formats/epoch.ts';
import { hubModelRow } from '../formats/hf.ts';
import { litellmPrices } from '../formats/litellm.ts';
import { openrouterPrice } from '../formats/openrouter.ts';
import { listHubModels } from './hf.ts';
import { ConnectorError, getJson, getText, session, type HttpEffects, type Limits, type Session } from './http.ts';

export { EPOCH_COLUMNS };

export interface Fetched {
  /** Rows per table. */
  rows: { table: TableName; rows: Record<string, unknown>[] }[];
  /** Every URL read, with its body, for provenance (content hash). */
  bodies: { url: string; text: string }[];
  retries: number;
  /** What was odd but not fatal (an empty page with a next link). */
  warnings?: string[];
}

export interface ConnectorContext {
  /** Base URL that replaces the source's own host (tests point it at a local server). */
  endpoint?: string;
  date: string;
  since?: string;
  fx: HttpEffects;
  maxRetries?: number;
  timeoutMs?: number;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  /** The HTTP session of this run (limits, time budget, retry count); made on first use. */
  http?: Session;
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

/** The run's HTTP session, made from the context's limits when it has none yet. */
export function httpOf(ctx: ConnectorContext): Session {
  ctx.http ??= session(ctx.fx, { maxRetries: ctx.maxRetries, timeoutMs: ctx.timeoutMs, ...ctx.limits }, ctx.signal);
  return ctx.http;
}

/** A source URL with its host replaced by the context's endpoint, when one is given. */
export function at(ctx: ConnectorContext, url: string): string {
  if (!ctx.endpoint) return url;
  const u = new URL(url);
  return `${ctx.endpoint.replace(/\/$/, '')}${u.pathname}${u.search}`;
}

/** CSV records read as the importer reads them; a missing required column (`a|b`: either) is schema drift. */
function csvRecords(text: string, url: string, required: string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new ConnectorError(`schema drift: ${url} is not CSV (${(err as Error).message.split('\n')[0]})`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = required.filter((r) => !r.split('|').some((alt) => header.includes(alt)));
  if (missing.length) {
    const names = missing.map((m) => `"${m.replace('|', '" or "')}"`).join(', ');
    throw new ConnectorError(`schema drift: ${url} lacks column ${names} (columns: ${header.join(', ')})`);
  }
  return records;
}

function drift(url: string, problems: string[]): void {
  if (problems.length)
    throw new ConnectorError(
      `schema drift: ${url}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`,
    );
}

const ARENA_JSON = 'https://raw.githubusercontent.com/lmarena/arena-catalog/main/data/leaderboard-text.json';
const ARENA_CSV = 'https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/main/csv/lmarena_text.csv';

export const arenaConnector: Connector = {
  id: 'arena',
  title: 'LMArena text leaderboard (JSON by category, and CSV with votes and organizations)',
  publisher: 'LMArena',
  license: 'facts with attribution (LMArena data)',
  urls: [ARENA_JSON, ARENA_CSV],
  async run(ctx) {
    const http = httpOf(ctx);
    const json = await getJson(at(ctx, ARENA_JSON), http);
    const problems: string[] = [];
    const entries = entriesFromCatalog(json.body, 'lmarena-text', ctx.date, '', problems);
    drift(ARENA_JSON, problems);
    const csv = await getText(at(ctx, ARENA_CSV), http);
    // The CSV's board is the JSON's "full" category: kept apart as "full-csv" so the two do not collide.
    const csvRows = csvRecords(csv.text, ARENA_CSV, ARENA_CSV_COLUMNS)
      .map((r) => entryFromArenaCsv(r, 'lmarena-text', 'full-csv', ctx.date, ''))
      .filter((e) => e !== null);
    return {
      rows: [{ table: 'leaderboard_entries', rows: [...entries, ...csvRows] }],
      bodies: [
        { url: ARENA_JSON, text: JSON.stringify(json.body) },
        { url: ARENA_CSV, text: csv.text },
      ],
      retries: http.retries,
    };
  },
};

const EPOCH_ECI = 'https://epoch.ai/data/eci_benchmark_data.csv';
const EPOCH_NOTABLE = 'https://epoch.ai/data/notable_ai_models.csv';

export const epochConnector: Connector = {
  id: 'epoch',
  title: 'Epoch AI Capabilities Index and Notable AI Models (CSV)',
  publisher: 'Epoch AI',
  license: 'CC BY 4.0',
  urls: [EPOCH_ECI, EPOCH_NOTABLE],
  async run(ctx) {
    const http = httpOf(ctx);
    const eci = await getText(at(ctx, EPOCH_ECI), http);
    const got = epochResults(csvRecords(eci.text, EPOCH_ECI, EPOCH_COLUMNS.eci), 'epoch_capabilities_index', '');
    if (!got)
      throw new ConnectorError(
        `schema drift: ${EPOCH_ECI} is not a results file ("Model version" first, a score, "Release date")`,
      );
    const results = got.rows.filter((r) => !ctx.since || (r.release_date ?? '') >= ctx.since);
    const notable = await getText(at(ctx, EPOCH_NOTABLE), http);
    // Notable models feed the models table at import; here they are parsed so drift is caught.
    const models = notableObservations(csvRecords(notable.text, EPOCH_NOTABLE, EPOCH_COLUMNS.notable), '');
    if (!models.length) throw new ConnectorError(`schema drift: ${EPOCH_NOTABLE} has no model rows`);
    return {
      rows: [{ table: 'benchmark_results', rows: results }],
      bodies: [
        { url: EPOCH_ECI, text: eci.text },
        { url: EPOCH_NOTABLE, text: notable.text },
      ],
      retries: http.retries,
    };
  },
};

const OPENROUTER = 'https://openrouter.ai/api/v1/models';

export const openrouterConnector: Connector = {
  id: 'openrouter',
  title: 'OpenRouter model list (prices, context, created)',
  publisher: 'OpenRouter',
  license: 'facts from the public API',
  urls: [OPENROUTER],
  async run(ctx) {
    const http = httpOf(ctx);
    const r = await getJson(at(ctx, OPENROUTER), http);
    const data = (r.body as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new ConnectorError(`schema drift: ${OPENROUTER} has no "data" array`);
    const prices = [];
    let sentinels = 0;
    for (const m of data as Record<string, unknown>[]) {
      const id = typeof m?.['id'] === 'string' ? m['id'] : null;
      const pricing = (m?.['pricing'] ?? null) as Record<string, string | number | null> | null;
      if (!id || typeof pricing !== 'object' || pricing === null)
        throw new ConnectorError(`schema drift: a model without "id" or "pricing" in ${OPENROUTER}`);
      const created =
        typeof m['created'] === 'number' ? new Date(m['created'] * 1000).toISOString().slice(0, 10) : null;
      if (ctx.since && created !== null && created < ctx.since) continue;
      const slug = typeof m['canonical_slug'] === 'string' && m['canonical_slug'] ? m['canonical_slug'] : id;
      const record = {
        slug,
        id,
        prompt: pricing['prompt'],
        completion: pricing['completion'],
        cache_read: pricing['input_cache_read'],
        context_length: m['context_length'] as number | null,
      };
      const got = openrouterPrice(record, ctx.date, '');
      if (!got) continue;
      if (got.sentinel) sentinels++;
      prices.push(got.row);
    }
    const warnings = sentinels
      ? [`${sentinels} models with a negative (variable) price: kept with a null price and a note`]
      : [];
    return {
      rows: [{ table: 'prices', rows: prices }],
      bodies: [{ url: OPENROUTER, text: JSON.stringify(r.body) }],
      retries: http.retries,
      warnings,
    };
  },
};

const LITELLM = 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

export const litellmConnector: Connector = {
  id: 'litellm',
  title: 'LiteLLM model_prices_and_context_window.json',
  publisher: 'BerriAI (LiteLLM)',
  license: 'MIT',
  urls: [LITELLM],
  async run(ctx) {
    const http = httpOf(ctx);
    const r = await getJson(at(ctx, LITELLM), http);
    if (typeof r.body !== 'object' || r.body === null || Array.isArray(r.body))
      throw new ConnectorError(`schema drift: ${LITELLM} is not an object of models`);
    const got = litellmPrices(r.body, ctx.date, '');
    // One entry without a provider is skipped and counted; none at all priced means the layout changed.
    if (!got.rows.length)
      throw new ConnectorError(
        `schema drift: ${LITELLM} has no chat model with "litellm_provider", "mode" and a token price`,
      );
    return {
      rows: [{ table: 'prices', rows: got.rows }],
      bodies: [{ url: LITELLM, text: JSON.stringify(r.body) }],
      retries: http.retries,
    };
  },
};

const HF = 'https://huggingface.co/api/models';

export const hfConnector: Connector = {
  id: 'hf',
  title: 'Hugging Face Hub model listing API',
  publisher: 'Hugging Face',
  license: 'Hub metadata; each model under its own license',
  urls: [HF],
  async run(ctx) {
    const http = httpOf(ctx);
    const r = await listHubModels(
      { endpoint: ctx.endpoint ?? 'https://huggingface.co', limit: 10000, since: ctx.since, session: http },
      ctx.fx,
    );
    const rows = r.models.map((m) =>
      hubModelRow(m, (m.id.split('/')[0] ?? m.id).toLowerCase(), 'unknown', ctx.date, ''),
    );
    return {
      rows: [{ table: 'open_models', rows }],
      bodies: [{ url: HF, text: JSON.stringify(r.models) }],
      retries: http.retries,
      warnings: r.warnings,
    };
  },
};

export const CONNECTORS: Connector[] = [
  arenaConnector,
  epochConnector,
  openrouterConnector,
  litellmConnector,
  hfConnector,
];
