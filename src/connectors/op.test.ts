import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROOT } from '../../test/helpers.ts';
import { InputError } from '../ops/operation.ts';
import { refreshOp } from './op.ts';
import { testDeps, tinySnapshot } from './testkit.ts';

test('refresh input: both edges hand over strings; bad values are rejected by the schema, by field', () => {
  const ok = refreshOp.input.parse({
    source: 'litellm',
    dry_run: 'true',
    since: '2026-01-01',
    max_retries: '2',
    endpoint: 'http://127.0.0.1:9/',
  });
  assert.deepEqual(ok, {
    source: 'litellm',
    dry_run: true,
    since: '2026-01-01',
    max_retries: 2,
    endpoint: 'http://127.0.0.1:9/',
  });
  for (const [bad, field] of [
    [{ source: 'nope' }, 'source'],
    [{ since: '2025-02-30' }, 'since'],
    [{ endpoint: 'file:///etc/passwd' }, 'endpoint'],
    [{ max_retries: '99' }, 'max_retries'],
  ] as const) {
    const r = refreshOp.input.safeParse(bad);
    assert.equal(r.success, false, JSON.stringify(bad));
    assert.equal(r.error?.issues[0]?.path[0], field);
  }
});

test('refresh run: a source or all is required, not both; list names every connector', async () => {
  const deps = testDeps(tinySnapshot());
  await assert.rejects(refreshOp.run(deps, {}), (e: unknown) => e instanceof InputError && e.field === 'source');
  await assert.rejects(
    refreshOp.run(deps, { source: 'hf', all: true }),
    (e: unknown) => e instanceof InputError && e.field === 'all',
  );
  const list = await refreshOp.run(deps, { list: true });
  assert.deepEqual(
    list.connectors?.map((c) => [c.source, c.last_refresh]),
    [
      ['arena', null],
      ['epoch', null],
      ['openrouter', null],
      ['litellm', null],
      ['hf', null],
    ],
  );
  assert.match(refreshOp.text?.(list) ?? '', /^arena\tnever/);
});

test('refresh run writes a dated part with provenance, and list then shows it; the output validates', async () => {
  const server = createServer(
    (_req, res) =>
      void res
        .writeHead(200)
        .end(readFileSync(join(ROOT, 'test', 'fixtures', 'connectors', 'model_prices_and_context_window.json'))),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  try {
    const snap = tinySnapshot();
    const deps = testDeps(snap);
    const out = await refreshOp.run(deps, {
      source: 'litellm',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    refreshOp.output.parse(out);
    const [s] = out.sources;
    assert.equal(s?.ok, true);
    assert.deepEqual(
      s?.parts_written.map((f) => f.split(/[\\/]/)[0]),
      ['prices', 'datasets', 'sources'],
    );
    assert.match(s?.parts_written[0] ?? '', /^prices[\\/]refresh-litellm-2026-11-20-[0-9a-f]{10}\.csv$/);
    assert.ok((s?.rows ?? 0) > 0);
    assert.match(refreshOp.text?.(out) ?? '', /litellm: \d+ rows in 3 files/);
    assert.equal(refreshOp.rows?.(out)[0]?.['source'], 'litellm');
    const list = await refreshOp.run(deps, { list: true });
    assert.equal(list.connectors?.find((c) => c.source === 'litellm')?.last_refresh, '2026-11-20');
  } finally {
    server.close();
    server.closeAllConnections();
  }
});

test('refresh run: a caller that gave up (aborted signal) starts no source and writes nothing', async () => {
  const snap = tinySnapshot();
  const ac = new AbortController();
  ac.abort();
  let fetched = 0;
  const deps = testDeps(snap, { signal: ac.signal, fetch: async () => (fetched++, new Response('{}')) });
  const out = await refreshOp.run(deps, { all: true });
  assert.equal(out.ok, false);
  assert.equal(fetched, 0);
  assert.ok(out.sources.length === 5 && out.sources.every((s) => !s.ok && /cancelled/.test(s.error ?? '')));
});

test('refresh run: an upstream with no rows (since after every record) writes no empty part', async () => {
  const body = readFileSync(join(ROOT, 'test', 'fixtures', 'connectors', 'eci_benchmark_data.csv'));
  const notable = readFileSync(join(ROOT, 'test', 'fixtures', 'connectors', 'notable_ai_models.csv'));
  const server = createServer((req, res) => void res.writeHead(200).end(req.url?.includes('notable') ? notable : body));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  try {
    const snap = tinySnapshot();
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const out = await refreshOp.run(testDeps(snap), { source: 'epoch', endpoint, since: '2099-01-01' });
    assert.deepEqual([out.ok, out.sources[0]?.rows, out.sources[0]?.parts_written], [true, 0, []]);
    assert.match(out.sources[0]?.warnings.join() ?? '', /no rows fetched/);
  } finally {
    server.close();
    server.closeAllConnections();
  }
});
