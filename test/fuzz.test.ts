/**
 * Hostile input on every operation, generated from the registry: each input key of each route and each
 * command gets random and adversarial values. No answer is a 5xx, a hang or a stack trace; the CLI exits
 * 0 or 1 with one line on stderr. Plus the specific findings of the adversarial review, one by one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
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

/** Keeps the runs that do pass validation cheap: few resampling rounds and samples. */
const CHEAP: Record<string, string> = { rounds: '5', samples: '20', bootstrap: '2' };

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -1e6, max: 1e12 }).map(String),
  fc.constantFrom(
    '',
    '2025-02-30',
    '9999-99-99',
    '2025-13-01',
    '0000-01-01',
    '1e308',
    'NaN',
    '-0',
    "' OR 1=1 --",
    '../../etc/passwd',
    '<script>x</script>',
    '\u0000',
    '1'.repeat(5000),
    'é'.repeat(300),
    'not:CN',
    'US,CN,EU,XX',
    'capability=1e400',
  ),
);

function base(op: Operation): Record<string, string> {
  const keys = new Set(fieldsOf(op.input).map((f) => f.key));
  const cheap = Object.fromEntries(Object.entries(CHEAP).filter(([k]) => keys.has(k)));
  return { ...(op.examples?.[0] ?? {}), ...cheap };
}

const gets = operations.filter((o) => o.http?.method === 'GET');

test('every GET route: hostile values for each parameter give 2xx or 4xx JSON, never 5xx', {
  timeout: 600_000,
}, async () => {
  let requests = 0;
  for (const op of gets) {
    const fields = fieldsOf(op.input)
      .map((f) => f.key)
      .filter((k) => !(op.cliOnly ?? []).includes(k));
    if (!fields.length) fields.push('zzz');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), hostile, async (key, value) => {
        const qs = new URLSearchParams({ ...base(op), [key]: value });
        const res = await app.request(`${apiPath(op)}?${qs}`);
        requests++;
        assert.ok(
          res.status < 500 || res.status === 503,
          `${op.name} ${key}=${JSON.stringify(value).slice(0, 40)} → ${res.status}`,
        );
        if (res.status >= 400) {
          const body = (await res.json()) as { error?: unknown };
          assert.equal(typeof body.error, 'string');
          assert.ok(!/\n\s+at /.test(String(body.error)), 'no stack trace');
        }
      }),
      { numRuns: 12, seed: 42 },
    );
  }
  assert.ok(requests >= gets.length * 12);
});

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(argv, { out: () => {}, err: (s) => void (err += s) });
  return { code, err };
}

test('every command: hostile values for each flag exit 0 or 1, with one line on stderr', {
  timeout: 600_000,
}, async () => {
  // File-reading commands are fuzzed through their API twin (the body is the file).
  const commands = operations.filter((o) => !o.apiOnly && o.http && !o.fromFile);
  for (const op of commands) {
    const fields = fieldsOf(op.input).filter((f) => !f.flag && !(op.args ?? []).includes(f.key));
    if (!fields.length) continue;
    const group = operations.some((o) => o.name.startsWith(`${op.name}.`));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        hostile.filter((v) => !v.includes('\u0000')),
        async (f, value) => {
          const argv = [...op.name.split('.'), ...(group ? ['show'] : [])];
          for (const a of op.args ?? []) argv.push(base(op)[a] ?? 'x');
          for (const [k, v] of Object.entries({ ...base(op), [f.key]: value })) {
            if ((op.args ?? []).includes(k)) continue;
            const field = fieldsOf(op.input).find((x) => x.key === k);
            if (field?.flag) argv.push(`--${kebab(k)}`);
            else argv.push(`--${kebab(k)}`, v);
          }
          const r = await cli([...argv, '--json', '--db', dbPath]);
          assert.ok(r.code === 0 || r.code === 1, `${argv.join(' ').slice(0, 120)} → exit ${r.code}: ${r.err}`);
          if (r.code === 1) {
            assert.match(r.err, /^airace: error: /);
            assert.equal(r.err.trim().split('\n').length, 1, r.err);
          }
        },
      ),
      { numRuns: 6, seed: 7 },
    );
  }
});

test('the review findings: chart routes with format=csv, impossible dates, tokens without Bearer', async () => {
  for (const url of ['/api/v1/gap/chart.svg?format=csv', '/api/v1/cost/frontier/chart.svg?format=csv']) {
    assert.equal((await app.request(url)).status, 400, url);
  }
  for (const d of ['2025-02-30', '9999-99-99', '2025-13-01']) {
    for (const route of ['/api/v1/gap', '/api/v1/cost/frontier', '/api/v1/score', '/api/v1/adoption']) {
      const r = await app.request(`${route}?as_of=${d}`);
      assert.equal(r.status, 400, `${route} as_of=${d}`);
      assert.equal(((await r.json()) as { field?: string }).field, 'as_of');
    }
    const c = await cli(['gap', '--as-of', d, '--db', dbPath]);
    assert.equal(c.code, 1, `CLI gap --as-of ${d}`);
  }
  const guarded = createApp(db, { refreshToken: 's3cret' });
  const bare = await guarded.request('/api/v1/refresh', {
    method: 'POST',
    body: '{"list": true}',
    headers: { authorization: 's3cret' },
  });
  assert.equal(bare.status, 401, 'a token without "Bearer " is refused');
});

test('identical concurrent reads share one computation; the cache key ignores parameter order', async () => {
  const urls = ['/api/v1/gap?metric=epoch-eci&rounds=7&seed=3', '/api/v1/gap?seed=3&rounds=7&metric=epoch-eci'];
  const t0 = performance.now();
  const answers = await Promise.all(Array.from({ length: 8 }, (_, k) => app.request(urls[k % 2] as string)));
  const first = performance.now() - t0;
  const bodies = await Promise.all(answers.map((r) => r.text()));
  assert.ok(bodies.every((b) => b === bodies[0]));
  const t1 = performance.now();
  await app.request(urls[0] as string);
  // A repeat is answered from the cache: far faster than computing (a ratio, not a timed assertion).
  assert.ok(performance.now() - t1 < first, 'cached answer');
});
