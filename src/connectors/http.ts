/**
 * @module
 * The bounded HTTP layer every connector reads through. One `Session` per refresh of one source holds the
 * limits and the time budget: retries back off (Retry-After honoured but capped), no wait may run past the
 * budget, bodies are streamed and counted (declared length, bytes received, decoded bytes) and the read is
 * aborted past a cap, so neither a huge body nor a gzip bomb can take the memory. The fetch, the clock and
 * sleeping are injected: tests run against recorded responses and local fakes, never the internet.
 */
import { promisify } from 'node:util';
import { gunzip as gunzipCb } from 'node:zlib';

const gunzip = promisify(gunzipCb);

export class ConnectorError extends Error {}

export interface HttpEffects {
  fetch: typeof fetch;
  /** Waits `ms`; should end early (resolve or reject) when `signal` aborts, so no timer outlives a cancel. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds since the epoch; the time budget is measured on it (tests advance it in `sleep`). */
  now?: () => number;
  progress?: (message: string) => void;
}

/** A sleep that a signal cuts short (its timer cleared), so a cancelled refresh leaves nothing pending. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const defaultEffects: HttpEffects = { fetch: globalThis.fetch, sleep, now: () => Date.now() };

export interface Limits {
  /** Retries per request on 429, 5xx, a timeout or a network error. */
  maxRetries: number;
  /** Per request (headers and body). */
  timeoutMs: number;
  /** A Retry-After longer than this is shortened to it (an upstream once asked for 27.8 hours). */
  maxRetryAfterMs: number;
  /** Total time of one source's refresh, waits included: a retry that would end past it is not made. */
  budgetMs: number;
  /** Bytes as they come off the wire (compressed, when the fetch hands them over undecoded), and Content-Length. */
  maxWireBytes: number;
  /** Bytes after decoding (gzip): a small body that inflates past this is a bomb and is stopped. */
  maxBodyBytes: number;
  /** Pages of a paginated listing. */
  maxPages: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  maxRetries: 5,
  timeoutMs: 30_000,
  maxRetryAfterMs: 60_000,
  budgetMs: 15 * 60_000,
  maxWireBytes: 64 * MiB,
  maxBodyBytes: 128 * MiB,
  maxPages: 100,
};

export interface Session {
  fx: HttpEffects;
  limits: Limits;
  /** Time (fx.now) after which no request or wait starts. */
  deadline: number;
  /** The caller's signal (request timeout, client gone, Ctrl-C): aborts the fetch and the waits. */
  signal?: AbortSignal;
  retries: number;
}

export function session(fx: HttpEffects, limits: Partial<Limits> = {}, signal?: AbortSignal): Session {
  const l = { ...DEFAULT_LIMITS, ...stripUndefined(limits) };
  return { fx, limits: l, deadline: now(fx) + l.budgetMs, signal, retries: 0 };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const now = (fx: HttpEffects) => (fx.now ?? Date.now)();

/** Seconds or an HTTP date, as milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const s = header.trim();
  if (/^\d{1,12}$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : null;
}

class BodyTooLarge extends ConnectorError {}

function cancelled(url: string): ConnectorError {
  return new ConnectorError(`${url}: cancelled`);
}

/** Sleeps unless the caller gives up first. */
async function pause(s: Session, ms: number, url: string): Promise<void> {
  if (!s.signal) return s.fx.sleep(ms);
  if (s.signal.aborted) throw cancelled(url);
  const sleeping = s.fx.sleep(ms, s.signal);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled(url));
    s.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleeping, aborted]);
  } finally {
    s.signal.removeEventListener('abort', onAbort);
  }
  if (s.signal.aborted) throw cancelled(url);
}

/**
 * Reads a body within the caps. Node's fetch decodes gzip itself and hands over decoded bytes (counted against
 * `maxBodyBytes`, with Content-Length checked against `maxWireBytes` first); a fetch that passes the gzip stream
 * through is recognised by its magic bytes, counted against `maxWireBytes`, and inflated with an output cap.
 */
export async function readBody(res: Response, url: string, limits: Limits): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxWireBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLarge(`${url}: body of ${declared} bytes is over the ${limits.maxWireBytes}-byte limit`);
  }
  if (!res.body) return '';
  const encoded = /gzip|deflate|br/i.test(res.headers.get('content-encoding') ?? '');
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  let raw = false;
  let cap = encoded ? limits.maxBodyBytes : Math.min(limits.maxWireBytes, limits.maxBodyBytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n === 0 && encoded && value.length >= 2 && value[0] === 0x1f && value[1] === 0x8b) {
      raw = true;
      cap = limits.maxWireBytes;
    }
    n += value.length;
    if (n > cap) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(
        `${url}: body over the ${cap}-byte limit (${raw ? 'compressed' : encoded ? 'decoded' : 'received'}); read stopped`,
      );
    }
    chunks.push(value);
  }
  let buf = Buffer.concat(chunks, n);
  if (raw) {
    try {
      buf = await gunzip(buf, { maxOutputLength: limits.maxBodyBytes });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new BodyTooLarge(
          `${url}: body inflates past the ${limits.maxBodyBytes}-byte limit (a gzip bomb?); read stopped`,
        );
      }
      throw new ConnectorError(`${url}: body is not valid gzip (${(err as Error).message})`);
    }
  }
  return buf.toString('utf8');
}

/** GET with retries: 429, 5xx, timeouts and network errors back off (Retry-After if given, capped; else 1 s, 2 s, 4 s … with jitter). */
export async function getText(url: string, s: Session): Promise<{ text: string; link: string | null }> {
  const { limits, fx } = s;
  for (let attempt = 0; ; attempt++) {
    if (s.signal?.aborted) throw cancelled(url);
    const left = s.deadline - now(fx);
    if (left <= 0) throw new ConnectorError(`${url}: time budget of ${Math.round(limits.budgetMs / 1000)} s used up`);
    let status = 0;
    let wait = Math.min(limits.maxRetryAfterMs, 1000 * 2 ** attempt) * (0.75 + 0.5 * Math.random());
    let failure: string | null = null;
    const signals = [AbortSignal.timeout(Math.min(limits.timeoutMs, left))];
    if (s.signal) signals.push(s.signal);
    try {
      const res = await fx.fetch(url, {
        signal: AbortSignal.any(signals),
        headers: { accept: 'application/json, text/csv, */*', 'user-agent': 'airace' },
      });
      status = res.status;
      if (res.ok) return { text: await readBody(res, url, limits), link: res.headers.get('link') };
      await res.body?.cancel().catch(() => {});
      const after = retryAfterMs(res.headers.get('retry-after'), now(fx));
      if (after !== null) wait = Math.min(after, limits.maxRetryAfterMs);
      if (status !== 429 && status < 500) throw new ConnectorError(`${url} answered ${status}`);
    } catch (err) {
      if (err instanceof ConnectorError) throw err;
      if (s.signal?.aborted) throw cancelled(url);
      failure = (err as Error).name === 'TimeoutError' ? 'timeout' : `network error (${(err as Error).message})`;
    }
    const last = status ? `HTTP ${status}` : (failure ?? 'network error or timeout');
    if (attempt >= limits.maxRetries)
      throw new ConnectorError(`${url} failed after ${attempt + 1} attempts (last: ${last})`);
    if (now(fx) + wait >= s.deadline) {
      throw new ConnectorError(
        `${url}: time budget of ${Math.round(limits.budgetMs / 1000)} s would run out waiting ${Math.round(wait / 1000)} s to retry (last: ${last})`,
      );
    }
    s.retries++;
    fx.progress?.(`retrying in ${Math.round(wait)} ms (attempt ${attempt + 2})`);
    await pause(s, wait, url);
  }
}

export async function getJson(url: string, s: Session): Promise<{ body: unknown; link: string | null }> {
  const r = await getText(url, s);
  try {
    return { body: JSON.parse(r.text), link: r.link };
  } catch {
    throw new ConnectorError(`schema drift: ${url} answered with a body that is not JSON`);
  }
}
