/**
 * @module
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests.
 */
import { z } from 'zod';
import { adoptionQuery, checkBody, classifyQuery, costFrontierQuery, gapQuery, modelsQuery, pickQuery, scoreQuery, timelineQuery, trendQuery } from './schemas.ts';

function parameters(schema: z.ZodType): unknown[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: (json.required ?? []).includes(name), schema: s }));
}

const get = (summary: string, schema: z.ZodType | null) => ({
  get: { summary, parameters: schema ? parameters(schema) : [], responses: { 200: { description: 'OK (add format=csv for the main list as CSV)' }, 400: { description: 'invalid parameter: {"error", "field"}' } } },
});

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'airace — AI Race Observatory API', version: '0.1.0', description: 'Read-only JSON API; every number carries its sources. Query parameters mirror the CLI options in snake_case.' },
    paths: {
      '/api/v1/health': get('Health and build time', null),
      '/api/v1/sources': get('Every source with publisher, URL and license', null),
      '/api/v1/datasets': get('Every dataset with rows, dates and source', null),
      '/api/v1/models': get('Models with organization, country and sources', modelsQuery),
      '/api/v1/gap': get('Frontier and gap of two blocs on one metric', gapQuery),
      '/api/v1/gap/metrics': get('Metric ids', null),
      '/api/v1/gap/chart.svg': get('Frontier chart (SVG)', gapQuery),
      '/api/v1/adoption': get('Downloads, derivatives and traffic share', adoptionQuery),
      '/api/v1/cost/pick': get('Cheapest model meeting constraints', pickQuery),
      '/api/v1/cost/frontier': get('Price–capability frontier', costFrontierQuery),
      '/api/v1/cost/frontier/chart.svg': get('Price–capability chart (SVG)', costFrontierQuery),
      '/api/v1/cost/trend': get('Cheapest price of a capability level over time', trendQuery),
      '/api/v1/chips': get('Chips with derived figures', null),
      '/api/v1/systems': get('Systems reconciled with published figures', null),
      '/api/v1/chips/classify': get('Export-control classification', classifyQuery),
      '/api/v1/score': get('Country scorecard with sensitivity', scoreQuery),
      '/api/v1/timeline': get('Dated, sourced events', timelineQuery),
      '/api/v1/ratings': { post: { summary: 'Bradley–Terry ratings for battles in the body (CSV or JSONL, size-limited)', requestBody: { content: { 'text/csv': {}, 'application/x-ndjson': {} } }, responses: { 200: { description: 'ratings' }, 400: { description: 'invalid input' } } } },
      '/api/v1/check': { post: { summary: 'Check the claims in a text', requestBody: { content: { 'application/json': { schema: z.toJSONSchema(checkBody, { io: 'input' }) } } }, responses: { 200: { description: 'as airace check --json' }, 400: { description: 'invalid body' } } } },
      '/api/v1/refresh/{source}': { post: { summary: 'Refresh a dataset (bearer token from AIRACE_REFRESH_TOKEN)', security: [{ bearer: [] }], responses: { 202: { description: 'accepted' }, 401: { description: 'no or wrong token' }, 403: { description: 'refresh disabled' } } } },
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
