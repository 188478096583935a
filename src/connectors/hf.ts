/**
 * @module
 * Hugging Face Hub connector: the model-listing API (`GET /api/models`, cursor pagination through the
 * `Link: <…>; rel="next"` header) and bulk Parquet dumps of Hub metadata, into open-model records with
 * their base-model links. Network access, the clock and sleeping are injected, so tests run against recorded
 * responses on a local server. Retries 429 / 5xx / timeouts with backoff (honouring Retry-After), and can
 * resume from a state file after an interruption.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseRelation, type Relation } from '../adoption/lineage.ts';

export interface HubModel {
  id: string;
  author: string | null;
  downloads: number | null;
  downloads_all_time: number | null;
  likes: number | null;
  created: string | null;
  tags: string[];
  base_models: string[];
  relation: Relation | null;
}

export class ConnectorError extends Error {}

export interface HttpEffects {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  progress?: (message: string) => void;
}

export const defaultEffects: HttpEffects = { fetch: globalThis.fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface HfOptions {
  endpoint?: string;
  pageSize?: number;
  /** Stop after this many models. */
  limit?: number;
  /** Sort newest first and stop at models created before this date. */
  since?: string;
  maxRetries?: number;
  timeoutMs?: number;
  /** Resume file: the next page URL and the models fetched so far. */
  statePath?: string;
}

const EXPAND = ['author', 'downloads', 'downloadsAllTime', 'likes', 'createdAt', 'tags', 'cardData'];

export function firstPageUrl(o: HfOptions): string {
  const u = new URL('/api/models', o.endpoint ?? 'https://huggingface.co');
  u.searchParams.set('limit', String(o.pageSize ?? 1000));
  u.searchParams.set('sort', o.since ? 'createdAt' : 'downloads');
  u.searchParams.set('direction', '-1');
  for (const e of EXPAND) u.searchParams.append('expand[]', e);
  return u.toString();
}

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1] as string;
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * One model from the API (or a dump row) in the shape the Hub documents: `id`, `author`, `downloads`,
 * `downloadsAllTime`, `likes`, `createdAt`, `tags` (with `base_model:…` and `base_model:RELATION:…`), and
 * `cardData.base_model` / `cardData.base_model_relation`.
 */
export function toHubModel(raw: unknown): HubModel {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { id?: unknown }).id !== 'string') throw new ConnectorError('schema drift: a model without a string "id"');
  const r = raw as Record<string, unknown>;
  const tags = Array.isArray(r['tags']) ? (r['tags'] as unknown[]).filter((t): t is string => typeof t === 'string') : [];
  const card = (typeof r['cardData'] === 'object' && r['cardData'] !== null ? r['cardData'] : {}) as Record<string, unknown>;
  const fromCard = Array.isArray(card['base_model']) ? (card['base_model'] as unknown[]).filter((x): x is string => typeof x === 'string') : str(card['base_model']) ? [card['base_model'] as string] : [];
  let tagRelation: Relation | null = null;
  const fromTags: string[] = [];
  for (const t of tags) {
    if (!t.startsWith('base_model:')) continue;
    const rest = t.slice('base_model:'.length);
    const m = /^(finetune|adapter|merge|quantized):(.+)$/.exec(rest);
    if (m) {
      tagRelation ??= parseRelation(m[1]);
      fromTags.push(m[2] as string);
    } else fromTags.push(rest);
  }
  const base_models = [...new Set([...fromCard, ...fromTags])];
  const created = str(r['createdAt']);
  return {
    id: r['id'] as string, author: str(r['author']) ?? (r['id'] as string).split('/')[0] ?? null, downloads: num(r['downloads']), downloads_all_time: num(r['downloadsAllTime']),
    likes: num(r['likes']), created: created ? created.slice(0, 10) : null, tags, base_models,
    relation: parseRelation(card['base_model_relation']) ?? tagRelation ?? (base_models.length > 1 ? 'merge' : null),
  };
}

interface State {
  next: string | null;
  models: HubModel[];
  done: boolean;
}

function saveState(path: string, s: State): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(s));
  renameSync(tmp, path);
}

/** GET with retries: 429 and 5xx and timeouts back off (Retry-After if given, else 1 s, 2 s, 4 s … with jitter). */
export async function getText(url: string, fx: HttpEffects, maxRetries = 5, timeoutMs = 30000): Promise<{ text: string; link: string | null; retries: number }> {
  let retries = 0;
  for (;;) {
    let status = 0;
    let wait = Math.min(60000, 1000 * 2 ** retries) * (0.75 + 0.5 * Math.random());
    let networkError: string | null = null;
    try {
      const res = await fx.fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, text/csv, */*', 'user-agent': 'airace' } });
      status = res.status;
      if (res.ok) return { text: await res.text(), link: res.headers.get('link'), retries };
      const after = res.headers.get('retry-after');
      if (after !== null && Number.isFinite(Number(after)) && Number(after) >= 0) wait = Number(after) * 1000;
      if (status !== 429 && status < 500) throw new ConnectorError(`${url} answered ${status}`);
    } catch (err) {
      if (err instanceof ConnectorError) throw err;
      // Network error or timeout: retried like a 5xx.
      networkError = (err as Error).name === 'TimeoutError' ? 'timeout' : `network error (${(err as Error).message})`;
    }
    if (retries >= maxRetries) throw new ConnectorError(`${url} failed after ${retries + 1} attempts (last: ${status ? `HTTP ${status}` : networkError ?? 'network error or timeout'})`);
    retries++;
    fx.progress?.(`retrying in ${Math.round(wait)} ms (attempt ${retries + 1})`);
    await fx.sleep(wait);
  }
}

export async function getJson(url: string, fx: HttpEffects, maxRetries = 5, timeoutMs = 30000): Promise<{ body: unknown; link: string | null; retries: number }> {
  const r = await getText(url, fx, maxRetries, timeoutMs);
  try {
    return { body: JSON.parse(r.text), link: r.link, retries: r.retries };
  } catch {
    throw new ConnectorError(`schema drift: ${url} answered with a body that is not JSON`);
  }
}

/** Lists models from the Hub API, page by page, resuming from `statePath` when it holds an unfinished run. */
export async function listHubModels(o: HfOptions, fx: HttpEffects = defaultEffects): Promise<{ models: HubModel[]; pages: number; retries: number; resumed: boolean }> {
  let state: State = { next: firstPageUrl(o), models: [], done: false };
  let resumed = false;
  if (o.statePath && existsSync(o.statePath)) {
    const saved = JSON.parse(readFileSync(o.statePath, 'utf8')) as State;
    if (!saved.done && saved.next) {
      state = saved;
      resumed = true;
    }
  }
  let pages = 0;
  let retries = 0;
  while (state.next && !state.done) {
    const { body, link, retries: r } = await getJson(state.next, fx, o.maxRetries ?? 5, o.timeoutMs ?? 30000);
    retries += r;
    if (!Array.isArray(body)) throw new ConnectorError(`schema drift: ${state.next} did not answer a JSON array of models`);
    pages++;
    let stop = false;
    for (const raw of body) {
      const m = toHubModel(raw);
      if (o.since && m.created && m.created < o.since) {
        stop = true;
        break;
      }
      state.models.push(m);
      if (o.limit && state.models.length >= o.limit) {
        stop = true;
        break;
      }
    }
    state.next = stop ? null : nextLink(link);
    state.done = state.next === null;
    if (o.statePath) saveState(o.statePath, state);
    fx.progress?.(`hub: ${state.models.length} models, ${pages} pages`);
  }
  return { models: state.models, pages, retries, resumed };
}

/**
 * Reads a bulk Parquet dump of Hub model metadata (one row per model with the API's field names; `tags` a
 * list, `cardData` a struct or JSON text).
 */
export async function readHubDump(path: string): Promise<HubModel[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const cols = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet($1)`, [path])).getRowObjectsJS().map((r) => String(r['column_name']));
    if (!cols.includes('id')) throw new ConnectorError(`schema drift: ${path} has no "id" column (columns: ${cols.join(', ')})`);
    const pick = (name: string) => (cols.includes(name) ? `to_json("${name}")` : 'NULL');
    const reader = await conn.runAndReadAll(
      `SELECT to_json("id") AS id, ${pick('author')} AS author, ${pick('downloads')} AS downloads, ${pick('downloadsAllTime')} AS downloadsAllTime, ${pick('likes')} AS likes,
              ${pick('createdAt')} AS createdAt, ${pick('tags')} AS tags, ${pick('cardData')} AS cardData FROM read_parquet($1)`,
      [path],
    );
    return reader.getRowObjectsJS().map((r) => {
      const parse = (v: unknown) => (v === null || v === undefined ? null : (JSON.parse(String(v)) as unknown));
      let card = parse(r['cardData']);
      if (typeof card === 'string') card = JSON.parse(card) as unknown;
      return toHubModel({ id: parse(r['id']), author: parse(r['author']), downloads: parse(r['downloads']), downloadsAllTime: parse(r['downloadsAllTime']), likes: parse(r['likes']), createdAt: parse(r['createdAt']), tags: parse(r['tags']), cardData: card });
    });
  } catch (err) {
    if (err instanceof ConnectorError) throw err;
    throw new ConnectorError(`cannot read ${path} as a Hub metadata dump: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
