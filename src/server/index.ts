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
import { overviewPage } from './overview.ts';

const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const intParam = z.string().regex(/^\d{1,9}$/, 'must be a non-negative integer').transform(Number);

/** `/api/v1/models` query parameters: strings in, the CLI's filter out. */
export const modelsQuery = z
  .object({ country: z.string().optional(), organization: z.string().optional(), open_weights: boolParam.optional(), q: z.string().optional(), limit: intParam.optional(), offset: intParam.optional() })
  .strict()
  .pipe(modelFilter);

/** `/api/v1/gap` query parameters, mirroring `airace gap`. */
export const gapQuery = z
  .object({
    metric: z.string().min(1).max(64).default('arena-text'),
    as_of: z.iso.date().optional(),
    leader: z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country or bloc code').default('US'),
    follower: z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country or bloc code').default('CN'),
    include_preliminary: boolParam.optional(),
    series: boolParam.optional(),
    rounds: intParam.pipe(z.number().max(2000, 'at most 2000')).optional(),
    seed: intParam.optional(),
  })
  .strict();

/** `/api/v1/chips/classify` query parameters, mirroring `airace chips classify`. */
export const classifyQuery = z
  .object({
    chip: z.string().min(1).max(100).optional(),
    rule: z.string().min(1).max(64).optional(),
    destination: z.string().min(2).max(60).optional(),
    date: z.iso.date().optional(),
  })
  .strict();

const numParam = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number').transform(Number);
const costBase = {
  metric: z.string().min(1).max(64).default('arena-text'),
  as_of: z.iso.date().optional(),
  blend: z.string().regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/, 'must be INPUT:OUTPUT such as 3:1').default('3:1'),
};
/** `/api/v1/cost/pick` query parameters, mirroring `airace cost pick`. */
export const pickQuery = z.object({
  ...costBase, min_score: numParam, open_weights: boolParam.optional(), origin: z.string().regex(/^(not:)?[A-Za-z]{2}$/, 'must be CC or not:CC').optional(),
  min_context: numParam.optional(), max_price: numParam.optional(),
}).strict();
export const costFrontierQuery = z.object(costBase).strict();
export const trendQuery = z.object({ metric: costBase.metric, blend: costBase.blend, level: numParam, from: z.iso.date().optional(), to: z.iso.date().optional() }).strict();

export const adoptionQuery = z.object({
  by: z.enum(BYS as unknown as [string, ...string[]]).default('country'),
  metric: z.enum(METRICS as unknown as [string, ...string[]]).default('tokens'),
  as_of: z.iso.date().optional(),
  days: intParam.pipe(z.number().min(1, 'at least 1').max(3660, 'at most 3660')).optional(),
}).strict();

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

/** `POST /api/v1/check` body: the article text, and whether it is HTML. */
export const checkBody = z.object({ text: z.string().min(1, 'must not be empty').max(1_000_000, 'at most 1,000,000 characters'), format: z.enum(['text', 'html']).default('text'), id: z.string().max(200).default('posted') }).strict();
export const MAX_BODY_BYTES = 4_000_000;
export const scoreQuery = z.object({ weights: z.string().max(200).optional(), as_of: z.iso.date().optional(), countries: z.string().regex(/^[A-Za-z]{2}(,[A-Za-z]{2})+$/, 'must be codes such as US,CN,EU').optional(), samples: intParam.pipe(z.number().min(1).max(100000)).optional(), seed: intParam.optional() }).strict();
export const timelineQuery = z.object({ kind: z.string().max(200).optional(), actor: z.string().max(100).optional(), country: z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter code').optional(), from: z.iso.date().optional(), to: z.iso.date().optional() }).strict();

export function createApp(db: Db, options: { curatedEntities?: string } = {}): Hono {
  const app = new Hono();
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } }));
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
  let checker: Promise<Checker> | undefined;
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
    checker ??= Checker.create(db, options.curatedEntities ?? new URL('../../data/curated/entities.json', import.meta.url).pathname);
    const { text: _text, ...doc } = (await checker).check(body.id, body.text, body.format);
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
  app.get('/api/v1/timeline', async (c) => {
    const q = parse(timelineQuery, c.req.query());
    return c.json(await domain(() => timeline(db, { kinds: q.kind?.split(','), actor: q.actor, country: q.country, from: q.from, to: q.to }, loadFx(fxPath))));
  });
  app.get('/api/v1/gap/metrics', async (c) => c.json({ metrics: await listMetrics(db) }));
  app.get('/api/v1/gap', async (c) => c.json(await gapFrom(c.req.query(), false)));
  app.get('/api/v1/gap/chart.svg', async (c) => {
    const r = await gapFrom(c.req.query(), true);
    const svg = await frontierSvg({ title: r.title, unit: r.unit, view: r.view, leader: r.leader, follower: r.follower, series: r.series ?? [], sources: r.sources });
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/', async (c) => c.html(overviewPage(await listDatasets(db), await db.all(
    `SELECT o.country, count(*) AS models, count(*) FILTER (WHERE m.open_weights) AS open_models FROM models m JOIN organizations o ON o.id = m.organization_id GROUP BY o.country ORDER BY models DESC LIMIT 12`,
  ))));

  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: `no such route: ${c.req.path}` }, 404) : c.text('Not found', 404)));
  app.onError((err, c) => {
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
