/**
 * @module
 * The OpenAPI 3.1 document, generated from the operations: their input schemas give the parameters and
 * request bodies, their output schemas the responses.
 */
import { z } from 'zod';
import type { Operation } from '../ops/operation.ts';
import { operations } from '../ops/registry.ts';
import { apiPath } from '../ops/schema.ts';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

function parameters(op: Operation, exclude: readonly string[] = []): Json[] {
  const json = schemaOf(op.input, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !exclude.includes(name) && !(op.cliOnly ?? []).includes(name))
    .map(([name, s]) => ({
      name,
      in: 'query',
      required: (json.required ?? []).includes(name),
      ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      schema: s,
    }));
}

const errors = {
  400: {
    description: 'invalid input: `{"error", "field"}`',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  404: {
    description: 'not found',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

function describe(op: Operation): Record<string, Json> {
  const http = op.http;
  if (!http) return {};
  const ok = {
    description: op.rows ? 'OK (GET: add format=csv for the main list as CSV)' : 'OK',
    content: { 'application/json': { schema: schemaOf(op.output, 'output') } },
  };
  const path = apiPath(op);
  const base = { operationId: op.name, summary: op.summary, responses: { 200: ok, ...errors } };
  if (http.method === 'GET') {
    const out: Record<string, Json> = {
      [path]: { get: { ...base, parameters: [...parameters(op), ...(op.rows ? [formatParam] : [])] } },
    };
    if (op.svg) {
      out[`${path}/chart.svg`] = {
        get: {
          operationId: `${op.name}.chart`,
          summary: `${op.summary} (chart, SVG)`,
          parameters: parameters(op),
          responses: { 200: { description: 'SVG', content: { 'image/svg+xml': {} } }, ...errors },
        },
      };
    }
    return out;
  }
  if (http.body === 'json') {
    const body = schemaOf(op.input, 'input') as { properties?: Record<string, unknown> };
    for (const k of op.cliOnly ?? []) delete body.properties?.[k];
    return {
      [path]: { post: { ...base, requestBody: { required: true, content: { 'application/json': { schema: body } } } } },
    };
  }
  return {
    [path]: {
      post: {
        ...base,
        parameters: parameters(op, [http.key]),
        requestBody: {
          required: true,
          description: `the ${http.key} file itself (at most ${http.maxBytes} bytes)`,
          content: { 'text/csv': {}, 'application/x-ndjson': {}, 'application/octet-stream': {} },
        },
      },
    },
  };
}

const formatParam = { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'] } };

export function openApiDocument(): Json {
  const paths: Json = {};
  for (const op of operations) Object.assign(paths, describe(op));
  return {
    openapi: '3.1.0',
    info: {
      title: 'airace — AI Race Observatory API',
      version: '0.1.0',
      description:
        'Read-only JSON API generated from the same operations as the CLI; every number carries its sources. ' +
        'Query parameters are the CLI options in snake_case.',
    },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: { error: { type: 'string' }, field: { type: 'string' } },
          required: ['error'],
        },
      },
    },
  };
}
