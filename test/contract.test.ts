/**
 * The contract of every operation: the CLI's `--json` and the API's answer for the same input are equal
 * and both validate against the operation's output schema; bad input gets the same field-named error on
 * both (one line and exit 1 on the CLI, 400 JSON on the API); the OpenAPI document lists every route.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { main } from '../src/cli/main.ts';
import type { Operation } from '../src/ops/operation.ts';
import { operations } from '../src/ops/registry.ts';
import { apiPath, fieldsOf, kebab } from '../src/ops/schema.ts';
import { createApp } from '../src/server/index.ts';
import { Db } from '../src/store/db.ts';
import { builtDb } from './helpers.ts';

let db: Db;
let dbPath: string;
let app: ReturnType<typeof createApp>;
before(async () => {
  dbPath = await builtDb();
  db = await Db.open(dbPath);
  app = createApp(db, { rateLimitPerMinute: 100_000 });
});
after(() => db.close());

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** The CLI words and flags for an input given as API-style strings. */
function argv(op: Operation, input: Record<string, string>): string[] {
  const words = op.name.split('.');
  const group = operations.some((o) => o.name.startsWith(`${op.name}.`));
  const out = [...words, ...(group ? ['show'] : [])];
  const fields = fieldsOf(op.input);
  for (const key of op.args ?? []) if (input[key] !== undefined) out.push(input[key]);
  for (const [k, v] of Object.entries(input)) {
    if ((op.args ?? []).includes(k)) continue;
    const f = fields.find((x) => x.key === k);
    if (f?.flag) {
      if (v === 'true' || v === '1') out.push(`--${kebab(k)}`);
    } else out.push(`--${kebab(k)}`, v);
  }
  return [...out, '--json', '--db', dbPath];
}

const getOps = operations.filter((o) => o.http?.method === 'GET' && !o.apiOnly);

test('every GET operation: CLI --json equals the API answer, and both match the output schema', {
  timeout: 600_000,
}, async () => {
  let compared = 0;
  for (const op of getOps) {
    const cases = op.examples ?? [{}];
    for (const input of cases) {
      const label = `${op.name} ${JSON.stringify(input)}`;
      const c = await cli(argv(op, input));
      assert.equal(c.code, 0, `${label}: ${c.err}`);
      const fromCli = JSON.parse(c.out) as unknown;
      const r = await app.request(`${apiPath(op)}?${new URLSearchParams(input)}`);
      assert.equal(r.status, 200, `${label}: ${await r.clone().text()}`);
      const fromApi = (await r.json()) as unknown;
      assert.deepEqual(fromApi, fromCli, label);
      const parsed = op.output.safeParse(fromCli);
      assert.ok(parsed.success, `${label}: output schema: ${parsed.success ? '' : parsed.error.message.slice(0, 400)}`);
      compared++;
    }
  }
  assert.ok(compared >= getOps.length, `compared ${compared} cases`);
});

/** Values that are wrong for most kinds of field; each is tried where the schema rejects it. */
const HOSTILE = [
  '',
  'x',
  '-1',
  '1.5',
  '99999999999',
  '2025-02-30',
  '9999-99-99',
  'not:',
  'ZZZ',
  '\u0000',
  'a'.repeat(5000),
];

test('bad input: the same field-named error on the CLI (exit 1, one line) and the API (400)', {
  timeout: 600_000,
}, async () => {
  let tried = 0;
  for (const op of getOps) {
    const base = op.examples?.[0] ?? {};
    for (const f of fieldsOf(op.input)) {
      if (f.flag || (op.cliOnly ?? []).includes(f.key)) continue;
      for (const bad of HOSTILE) {
        const input = { ...base, [f.key]: bad };
        if (op.input.safeParse(input).success) continue;
        // The NUL byte cannot be passed on a real command line; the API must still refuse it.
        const r = await app.request(`${apiPath(op)}?${new URLSearchParams(input)}`);
        assert.equal(r.status, 400, `${op.name} ${f.key}=${JSON.stringify(bad).slice(0, 30)}`);
        const body = (await r.json()) as { error: string; field?: string };
        assert.equal(body.field, f.key, `${op.name} ${f.key}: ${body.error}`);
        const c = await cli(argv(op, input));
        assert.equal(
          c.code,
          bad === '' && !f.required ? c.code : 1,
          `${op.name} ${f.key}=${bad.slice(0, 20)}: ${c.err}`,
        );
        if (c.code === 1) {
          assert.equal(c.err, `airace: error: ${body.error}\n`, `${op.name} ${f.key}`);
          tried++;
        }
      }
    }
  }
  assert.ok(tried > 50, `tried ${tried} bad inputs`);
});

test('unknown parameters are refused by name on the API', async () => {
  for (const op of getOps) {
    const r = await app.request(`${apiPath(op)}?${new URLSearchParams({ ...(op.examples?.[0] ?? {}), zzz: '1' })}`);
    assert.equal(r.status, 400, op.name);
    assert.equal(((await r.json()) as { field?: string }).field, 'zzz', op.name);
  }
});

test('the OpenAPI document has a path, parameters and a response schema for every API operation', async () => {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { name: string }[];
          responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
        }
      >
    >;
  };
  for (const op of operations.filter((o) => o.http)) {
    const entry = doc.paths[apiPath(op)]?.[(op.http?.method ?? 'GET').toLowerCase()];
    assert.ok(entry, `${op.name}: ${apiPath(op)}`);
    assert.ok(entry.responses['200']?.content?.['application/json']?.schema, `${op.name}: response schema`);
    if (op.http?.method === 'GET') {
      const names = new Set((entry.parameters ?? []).map((p) => p.name));
      for (const f of fieldsOf(op.input))
        if (!(op.cliOnly ?? []).includes(f.key)) assert.ok(names.has(f.key), `${op.name}: ${f.key}`);
    }
  }
});

test('every operation that offers facts is in the fact index, also where the registry is not at hand', async () => {
  const { factOperations } = await import('../src/facts/operations.ts');
  const offering = operations.filter((o) => o.facts).map((o) => o.name);
  assert.ok(offering.length >= 5, `operations with facts: ${offering.join(', ')}`);
  assert.deepEqual(factOperations.map((o) => o.name).sort(), [...offering].sort());
});
