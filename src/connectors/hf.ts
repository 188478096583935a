/**
 * @module
 * Hugging Face Hub connector: the model-listing API (`GET /api/models`, cursor pagination through the
 * `Link: <…>; rel="next"` header) and bulk Parquet dumps of Hub metadata, into open-model records with
 * their base-model links. Reads through the bounded HTTP layer (http.ts); pagination is bounded too: at most
 * `maxPages` pages, a repeated page URL is a loop (an error), an empty page ends the listing whatever its
 * `next` link says, and a `next` link to another host is not followed. Can resume from a state file.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { HubFormatError, toHubModel, type HubModel } from '../formats/hf.ts';
import {
  ConnectorError,
  defaultEffects,
  getJson,
  session,
  type HttpEffects,
  type Limits,
  type Session,
} from './http.ts';

export { ConnectorError, defaultEffects, getJson, getText, type HttpEffects } from './http.ts';
export { toHubModel, type HubModel } from '../formats/hf.ts';

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
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  /** The refresh's HTTP session (its budget and retry count); one is made from the options when absent. */
  session?: Session;
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

interface State {
  next: string | null;
  models: HubModel[];
  done: boolean;
}

function saveState(path: string, s: State): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, JSON.stringify(s));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function hubModel(raw: unknown): HubModel {
  try {
    return toHubModel(raw);
  } catch (err) {
    if (err instanceof HubFormatError) throw new ConnectorError(err.message);
    throw err;
  }
}

/** Lists models from the Hub API, page by page, resuming from `statePath` when it holds an unfinished run. */
export async function listHubModels(
  o: HfOptions,
  fx: HttpEffects = defaultEffects,
): Promise<{ models: HubModel[]; pages: number; retries: number; resumed: boolean; warnings: string[] }> {
  const http = o.session ?? session(fx, { maxRetries: o.maxRetries, timeoutMs: o.timeoutMs, ...o.limits }, o.signal);
  const retriesBefore = http.retries;
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
  const seen = new Set<string>();
  const warnings: string[] = [];
  while (state.next && !state.done) {
    const url = state.next;
    if (seen.has(url)) throw new ConnectorError(`pagination loop: ${url} was already read in this run`);
    if (pages >= http.limits.maxPages)
      throw new ConnectorError(
        `more than ${http.limits.maxPages} pages from ${new URL(url).origin}; stopped (raise maxPages or use --since)`,
      );
    seen.add(url);
    const { body, link } = await getJson(url, http);
    if (!Array.isArray(body)) throw new ConnectorError(`schema drift: ${url} did not answer a JSON array of models`);
    pages++;
    let stop = body.length === 0;
    if (stop && nextLink(link)) warnings.push(`${url}: an empty page with a "next" link; the listing ends there`);
    for (const raw of body) {
      const m = hubModel(raw);
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
    state.next = stop ? null : resolveNext(nextLink(link), url);
    state.done = state.next === null;
    if (o.statePath) saveState(o.statePath, state);
    fx.progress?.(`hub: ${state.models.length} models, ${pages} pages`);
  }
  return { models: state.models, pages, retries: http.retries - retriesBefore, resumed, warnings };
}

/** The next page's absolute URL; a link to another host is refused (the listing must not lead elsewhere). */
function resolveNext(link: string | null, current: string): string | null {
  if (!link) return null;
  let next: URL;
  try {
    next = new URL(link, current);
  } catch {
    throw new ConnectorError(`schema drift: ${current} gave a "next" link that is not a URL`);
  }
  if (next.origin !== new URL(current).origin)
    throw new ConnectorError(`${current}: "next" link leads to another host (${next.origin}); not followed`);
  return next.toString();
}

/**
 * Reads a bulk Parquet dump of Hub model metadata (one row per model with the API's field names; `tags` a
 * list, `cardData` a struct or JSON text).
 */
export async function readHubDump(path: string): Promise<HubModel[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const cols = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet($1)`, [path]))
      .getRowObjectsJS()
      .map((r) => String(r['column_name']));
    if (!cols.includes('id'))
      throw new ConnectorError(`schema drift: ${path} has no "id" column (columns: ${cols.join(', ')})`);
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
      return hubModel({
        id: parse(r['id']),
        author: parse(r['author']),
        downloads: parse(r['downloads']),
        downloadsAllTime: parse(r['downloadsAllTime']),
        likes: parse(r['likes']),
        createdAt: parse(r['createdAt']),
        tags: parse(r['tags']),
        cardData: card,
      });
    });
  } catch (err) {
    if (err instanceof ConnectorError) throw err;
    throw new ConnectorError(`cannot read ${path} as a Hub metadata dump: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
