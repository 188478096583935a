/**
 * @module
 * `airace serve`: the HTTP API (`/api/v1/...`) and the overview page, over a read-only DuckDB handle.
 * Query parameters are validated with the same zod schemas the CLI uses; bad input is a 400 with a JSON
 * body naming the field.
 */
import { serve as nodeServe } from '@hono/node-server';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { AddressInfo } from 'node:net';
import { z, ZodError } from 'zod';
import { Db } from '../store/db.ts';
import { listDatasets, listModels, listSources, modelFilter } from '../store/queries.ts';
import { findChip } from '../compute/chips.ts';
import { classify } from '../compute/classify.ts';
import { parseDestination } from '../compute/destinations.ts';
import { chipRow, loadChips, loadContext, systemChecks } from '../compute/index.ts';
import { adoption, AdoptionError, BYS, METRICS } from '../adoption/index.ts';
import { CostError, frontier as costFrontier, parseBlend, pick as costPick, trend as costTrend } from '../cost/index.ts';
import { scatterSpec, toSvg } from '../cost/plot.ts';
import { Checker } from '../claims/index.ts';
import { computeGap, GapError, listMetrics } from '../frontier/index.ts';
import { parseWeights, score, ScoreError } from '../scorecard/index.ts';
import { loadFx, timeline, TimelineError } from '../timeline/index.ts';
import { frontierSvg } from '../frontier/plot.ts';
import { mountDashboard } from './dashboard.ts';
import { adoptionQuery, boolParam, checkBody, classifyQuery, costFrontierQuery, gapQuery, intParam, MAX_BODY_BYTES, modelsQuery, pickQuery, scoreQuery, timelineQuery, trendQuery } from './schemas.ts';
export { adoptionQuery, checkBody, classifyQuery, costFrontierQuery, gapQuery, modelsQuery, pickQuery, scoreQuery, timelineQuery, trendQuery };
import { openApiDocument } from './openapi.ts';
import { toCsv } from './csv.ts';
import { parseCsv, parseJsonl } from '../ratings/battles.ts';
import { bradleyTerry } from '../ratings/bradley-terry.ts';
import { timingSafeEqual } from 'node:crypto';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { timeout } from 'hono/timeout';
import { HTTPException } from 'hono/http-exception';







class HttpError extends Error {
  constructor(readonly status: 400 | 404 | 500, message: string, readonly field?: string) {
    super(message);
  }
}

/** The 400 for a failed validation: the first issue, naming its field (or the unknown parameter). */
function badRequest(err: ZodError): HttpError {
  const issue = err.issues[0];
  if (issue?.code === 'unrecognized_keys') return new HttpError(400, `unknown parameter ${issue.keys[0] ?? ''}`, issue.keys[0]);
  const field = String(issue?.path[0] ?? '');
  return new HttpError(400, `${field}: ${issue?.message ?? 'invalid'}`, field);
}


export function createApp(db: Db, options: { curatedEntities?: string; corsOrigin?: string; refreshToken?: string; rateLimitPerMinute?: number; requestTimeoutMs?: number } = {}): Hono {
  const app = new Hono();
  // Every request has a time limit and every body a size limit.
  app.use('*', timeout(options.requestTimeoutMs ?? 30_000, () => new HTTPException(503, { message: 'request took too long' })));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES + 1024, onError: (c) => c.json({ error: `request body too large (at most ${MAX_BODY_BYTES} bytes)`, field: 'body' }, 413) }));
  // Expensive endpoints (claim checks, ratings, the dashboard's claims form) are rate-limited per client.
  const limit = options.rateLimitPerMinute ?? Number(process.env['AIRACE_RATE_LIMIT'] ?? 120);
  const windows = new Map<string, { start: number; count: number }>();
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    const client = incoming?.socket?.remoteAddress ?? 'local';
    const now = Date.now();
    const w = windows.get(client);
    if (!w || now - w.start >= 60_000) windows.set(client, { start: now, count: 1 });
    else if (++w.count > limit) {
      c.header('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)));
      return c.json({ error: `rate limit: at most ${limit} requests a minute to this endpoint` }, 429);
    }
    if (windows.size > 10_000) windows.clear();
    return next();
  });
  let checker: Promise<Checker> | undefined;
  const getChecker = () => (checker ??= Checker.create(db, options.curatedEntities ?? new URL('../../data/curated/entities.json', import.meta.url).pathname));
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"], frameAncestors: ["'none'"] } }));
  const corsOrigin = options.corsOrigin ?? process.env['AIRACE_CORS_ORIGIN'];
  if (corsOrigin) app.use('/api/*', cors({ origin: corsOrigin.split(',').map((o) => o.trim()), allowMethods: ['GET', 'POST'] }));
  // ?format=csv on any read: the same answer, as CSV of its main list.
  app.use('/api/*', async (c, next) => {
    if (c.req.query('format') !== 'csv' || c.req.method !== 'GET') return next();
    const url = new URL(c.req.url);
    url.searchParams.delete('format');
    const res = await app.fetch(new Request(url, { headers: c.req.raw.headers }));
    if (!res.ok) return res;
    const body = (await res.json()) as Record<string, unknown>;
    const csv = toCsv(body);
    if (csv === null) return c.json({ error: 'this route has no list to give as CSV', field: 'format' }, 400);
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${url.pathname.split('/').pop() || 'data'}.csv"` });
  });
  // The database is read-only while served, so a GET answer depends only on its URL: keep recent ones in
  // memory (bounded in entries, size and age) and answer repeats without touching DuckDB.
  const cache = new Map<string, { body: ArrayBuffer; headers: [string, string][]; at: number }>();
  const CACHE_ENTRIES = 500;
  const CACHE_BYTES = 1_000_000;
  const CACHE_MS = 60_000;
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const key = c.req.url;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) {
      const headers = new Headers(hit.headers);
      const etagValue = headers.get('etag');
      if (etagValue && c.req.header('if-none-match') === etagValue) return new Response(null, { status: 304, headers });
      return new Response(hit.body, { status: 200, headers });
    }
    await next();
    if (c.res.status !== 200) return;
    const body = await c.res.clone().arrayBuffer();
    if (body.byteLength > CACHE_BYTES) return;
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, { body, headers: [...c.res.headers.entries()], at: Date.now() });
  });
  app.use('/api/*', etag());
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' && c.res.status === 200) c.header('Cache-Control', 'public, max-age=60');
  });

  app.get('/api/v1/health', async (c) => {
    const info = (await db.all('SELECT CAST(built_at AS VARCHAR) AS built_at FROM build_info'))[0] ?? {};
    return c.json({ status: 'ok', built_at: info['built_at'] ?? null });
  });
  app.get('/api/v1/sources', async (c) => c.json({ sources: await listSources(db) }));
  app.get('/api/v1/datasets', async (c) => c.json({ datasets: await listDatasets(db) }));
  app.get('/api/v1/models', async (c) => {
    const parsed = modelsQuery.safeParse(c.req.query());
    if (!parsed.success) throw badRequest(parsed.error);
    return c.json(await listModels(db, parsed.data));
  });
  const gapFrom = async (q: Record<string, string>, forceSeries: boolean) => {
    const parsed = gapQuery.safeParse(q);
    if (!parsed.success) throw badRequest(parsed.error);
    const g = parsed.data;
    try {
      return await computeGap(db, { metric: g.metric, asOf: g.as_of, leader: g.leader, follower: g.follower, includePreliminary: g.include_preliminary, rounds: g.rounds, seed: g.seed }, forceSeries || g.series === true);
    } catch (err) {
      if (err instanceof GapError) throw new HttpError(400, err.message.replace('--as-of', 'as_of'));
      throw err;
    }
  };
  app.get('/api/v1/chips', async (c) => c.json({ chips: (await loadChips(db)).map(chipRow) }));
  app.get('/api/v1/systems', async (c) => c.json({ systems: await systemChecks(db, await loadChips(db)) }));
  app.get('/api/v1/chips/classify', async (c) => {
    const parsed = classifyQuery.safeParse(c.req.query());
    if (!parsed.success) throw badRequest(parsed.error);
    const q = parsed.data;
    const chips = await loadChips(db);
    const ctx = await loadContext(db, chips);
    const attempt = <T>(field: string, fn: () => T): T => {
      try {
        return fn();
      } catch (err) {
        throw new HttpError(400, (err as Error).message, field);
      }
    };
    const targets = q.chip ? [attempt('chip', () => findChip(chips, q.chip as string))] : chips;
    const destination = q.destination ? attempt('destination', () => parseDestination(q.destination as string)) : null;
    const date = q.date ?? new Date().toISOString().slice(0, 10);
    return c.json({ results: attempt('rule', () => targets.flatMap((chip) => classify(ctx, chip, { rule: q.rule, date, destination }))) });
  });
  const costCall = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof CostError) throw new HttpError(400, err.message);
      throw err;
    }
  };
  const parse = <S extends z.ZodType>(schema: S, q: Record<string, string>): z.infer<S> => {
    const r = schema.safeParse(q);
    if (!r.success) throw badRequest(r.error);
    return r.data;
  };
  app.get('/api/v1/cost/pick', async (c) => {
    const q = parse(pickQuery, c.req.query());
    return c.json(await costCall(() => costPick(db, { metric: q.metric, minScore: q.min_score, openWeights: q.open_weights, origin: q.origin, minContext: q.min_context, maxPrice: q.max_price, asOf: q.as_of, blend: parseBlend(q.blend) })));
  });
  app.get('/api/v1/cost/frontier', async (c) => {
    const q = parse(costFrontierQuery, c.req.query());
    return c.json(await costCall(() => costFrontier(db, { metric: q.metric, asOf: q.as_of, blend: parseBlend(q.blend) })));
  });
  app.get('/api/v1/cost/frontier/chart.svg', async (c) => {
    const q = parse(costFrontierQuery, c.req.query());
    const r = await costCall(() => costFrontier(db, { metric: q.metric, asOf: q.as_of, blend: parseBlend(q.blend) }));
    const svg = await toSvg(scatterSpec({ title: r.metric_title, asOf: r.as_of, blend: r.blend, points: r.points, sources: [...new Set(r.points.flatMap((p) => p.sources))] }));
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/api/v1/cost/trend', async (c) => {
    const q = parse(trendQuery, c.req.query());
    return c.json(await costCall(() => costTrend(db, { metric: q.metric, level: q.level, from: q.from, to: q.to, blend: parseBlend(q.blend) })));
  });
  app.get('/api/v1/adoption', async (c) => {
    const q = parse(adoptionQuery, c.req.query());
    try {
      return c.json(await adoption(db, { by: q.by as 'country', metric: q.metric as 'tokens', asOf: q.as_of, days: q.days }));
    } catch (err) {
      if (err instanceof AdoptionError) throw new HttpError(400, err.message);
      throw err;
    }
  });
  app.post('/api/v1/check', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) throw new HttpError(400, `request body too large (at most ${MAX_BODY_BYTES} bytes)`, 'text');
    const raw = await c.req.text();
    if (raw.length > MAX_BODY_BYTES) throw new HttpError(400, `request body too large (at most ${MAX_BODY_BYTES} bytes)`, 'text');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'body must be JSON: {"text": "..."}');
    }
    const body = parse(checkBody, json as Record<string, string>);
    const { text: _text, ...doc } = (await getChecker()).check(body.id, body.text, body.format);
    return c.json({ documents: [doc] });
  });
  const fxPath = new URL('../../data/curated/fx.json', import.meta.url).pathname;
  const domain = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ScoreError || err instanceof TimelineError) throw new HttpError(400, err.message);
      throw err;
    }
  };
  app.get('/api/v1/score', async (c) => {
    const q = parse(scoreQuery, c.req.query());
    return c.json(await domain(async () => score(db, { weights: parseWeights(q.weights), asOf: q.as_of, countries: q.countries?.split(','), samples: q.samples ?? 2000, seed: q.seed }, loadFx(fxPath))));
  });
  // Events: the timeline by its other name.
  app.get('/api/v1/events', (c) => app.fetch(new Request(new URL(`/api/v1/timeline${new URL(c.req.url).search}`, c.req.url), { headers: c.req.raw.headers })));
  app.get('/api/v1/timeline', async (c) => {
    const q = parse(timelineQuery, c.req.query());
    return c.json(await domain(() => timeline(db, { kinds: q.kind?.split(','), actor: q.actor, country: q.country, from: q.from, to: q.to }, loadFx(fxPath))));
  });
  // Ratings for uploaded battles: CSV (default) or JSONL in the body, at most MAX_BODY_BYTES.
  app.post('/api/v1/ratings', async (c) => {
    const q = parse(z.object({ bootstrap: intParam.pipe(z.number().max(1000, 'at most 1000')).optional(), seed: intParam.optional(), anchor: z.string().regex(/^.+=-?\d+(\.\d+)?$/, 'must be MODEL=SCORE').optional(), format: z.enum(['csv', 'jsonl']).default('csv'), skip_invalid: boolParam.optional() }).strict(), c.req.query());
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) throw new HttpError(400, `request body too large (at most ${MAX_BODY_BYTES} bytes)`, 'body');
    const text = await c.req.text();
    if (text.length > MAX_BODY_BYTES) throw new HttpError(400, `request body too large (at most ${MAX_BODY_BYTES} bytes)`, 'body');
    let battles;
    try {
      battles = q.format === 'jsonl' ? parseJsonl(text, 'body', q.skip_invalid) : parseCsv(text, 'body', q.skip_invalid);
    } catch (err) {
      throw new HttpError(400, (err as Error).message, 'body');
    }
    if (battles.length === 0) throw new HttpError(400, 'no valid battles in the body', 'body');
    const anchor = q.anchor ? { model: q.anchor.slice(0, q.anchor.lastIndexOf('=')), score: Number(q.anchor.slice(q.anchor.lastIndexOf('=') + 1)) } : undefined;
    try {
      return c.json({ ...bradleyTerry.rate(battles, { bootstrap: q.bootstrap ?? 100, seed: q.seed ?? 0, anchor }), skipped: battles.skipped });
    } catch (err) {
      throw new HttpError(400, (err as Error).message, 'anchor');
    }
  });

  // Refresh endpoints need the bearer token from AIRACE_REFRESH_TOKEN; without one configured they are off.
  app.post('/api/v1/refresh/:source', async (c) => {
    const token = options.refreshToken ?? process.env['AIRACE_REFRESH_TOKEN'];
    if (!token) return c.json({ error: 'refresh is disabled on this server (set AIRACE_REFRESH_TOKEN to enable it)' }, 403);
    const given = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return c.json({ error: 'missing or wrong bearer token' }, 401);
    if (c.req.param('source') !== 'hf') throw new HttpError(404, `no connector "${c.req.param('source')}"`);
    return c.json({ accepted: true, note: 'run `airace refresh hf` on the host; the server keeps its database read-only' }, 202);
  });

  app.get('/api/v1/gap/metrics', async (c) => c.json({ metrics: await listMetrics(db) }));
  app.get('/api/v1/gap', async (c) => c.json(await gapFrom(c.req.query(), false)));
  app.get('/api/v1/gap/chart.svg', async (c) => {
    const r = await gapFrom(c.req.query(), true);
    const svg = await frontierSvg({ title: r.title, unit: r.unit, view: r.view, leader: r.leader, follower: r.follower, series: r.series ?? [], sources: r.sources });
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' });
  });
  mountDashboard(app, db, { checker: getChecker, fxPath: new URL('../../data/curated/fx.json', import.meta.url).pathname });

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: `no such route: ${c.req.path}` }, 404) : c.text('Not found', 404)));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    if (err instanceof HttpError) return c.json({ error: err.message, ...(err.field ? { field: err.field } : {}) }, err.status);
    if (err instanceof ZodError) {
      const e = badRequest(err);
      return c.json({ error: e.message, field: e.field }, 400);
    }
    console.error(`airace: ${c.req.method} ${c.req.path}: ${err.message}`);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function serve(opts: { dbPath: string; port: number; host?: string }): Promise<RunningServer> {
  const db = await Db.open(opts.dbPath);
  await db.verify();
  const app = createApp(db);
  const server = await new Promise<ReturnType<typeof nodeServe>>((resolve, reject) => {
    const s = nodeServe({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((done) => server.close(() => {
      db.close();
      done();
    })),
  };
}
