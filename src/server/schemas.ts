/**
 * @module
 * The zod schemas of the API's query parameters and bodies: they validate requests and generate the
 * OpenAPI document, so both always agree.
 */
import { z } from 'zod';
import { adoptionBys, adoptionMetrics } from './enums.ts';
import { modelFilter } from '../store/queries.ts';

export const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const intParam = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a non-negative integer')
  .transform(Number);

/** `/api/v1/models` query parameters: strings in, the CLI's filter out. */
export const modelsQuery = z
  .object({
    country: z.string().optional(),
    organization: z.string().optional(),
    open_weights: boolParam.optional(),
    q: z.string().optional(),
    limit: intParam.optional(),
    offset: intParam.optional(),
  })
  .strict()
  .pipe(modelFilter);

/** `/api/v1/gap` query parameters, mirroring `airace gap`. */
export const gapQuery = z
  .object({
    metric: z.string().min(1).max(64).default('arena-text'),
    as_of: z.iso.date().optional(),
    leader: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country or bloc code')
      .default('US'),
    follower: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country or bloc code')
      .default('CN'),
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

export const numParam = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
  .transform(Number);

export const costBase = {
  metric: z.string().min(1).max(64).default('arena-text'),
  as_of: z.iso.date().optional(),
  blend: z
    .string()
    .regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/, 'must be INPUT:OUTPUT such as 3:1')
    .default('3:1'),
};

/** `/api/v1/cost/pick` query parameters, mirroring `airace cost pick`. */
export const pickQuery = z
  .object({
    ...costBase,
    min_score: numParam,
    open_weights: boolParam.optional(),
    origin: z
      .string()
      .regex(/^(not:)?[A-Za-z]{2}$/, 'must be CC or not:CC')
      .optional(),
    min_context: numParam.optional(),
    max_price: numParam.optional(),
  })
  .strict();

export const costFrontierQuery = z.object(costBase).strict();

export const trendQuery = z
  .object({
    metric: costBase.metric,
    blend: costBase.blend,
    level: numParam,
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict();

export const adoptionQuery = z
  .object({
    by: z.enum(adoptionBys).default('country'),
    metric: z.enum(adoptionMetrics).default('tokens'),
    as_of: z.iso.date().optional(),
    days: intParam.pipe(z.number().min(1, 'at least 1').max(3660, 'at most 3660')).optional(),
  })
  .strict();

/** `POST /api/v1/check` body: the article text, and whether it is HTML. */
export const checkBody = z
  .object({
    text: z.string().min(1, 'must not be empty').max(1_000_000, 'at most 1,000,000 characters'),
    format: z.enum(['text', 'html']).default('text'),
    id: z.string().max(200).default('posted'),
  })
  .strict();

export const MAX_BODY_BYTES = 4_000_000;

export const scoreQuery = z
  .object({
    weights: z.string().max(200).optional(),
    as_of: z.iso.date().optional(),
    countries: z
      .string()
      .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})+$/, 'must be codes such as US,CN,EU')
      .optional(),
    samples: intParam.pipe(z.number().min(1).max(100000)).optional(),
    seed: intParam.optional(),
  })
  .strict();

export const timelineQuery = z
  .object({
    kind: z.string().max(200).optional(),
    actor: z.string().max(100).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter code')
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict();
