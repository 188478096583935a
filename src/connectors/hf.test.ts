import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, tempDir } from '../../test/helpers.ts';
import { decodeTable } from '../data/snapshot.ts';
import { InputError } from '../ops/operation.ts';
import { refreshOp } from './op.ts';
import { loopbackFetch, tinySnapshot, testDeps } from './testkit.ts';
import { ConnectorError, listHubModels, nextLink, readHubDump, toHubModel, type HttpEffects } from './hf.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'hf');
const page = (n: number) => readFileSync(join(FIX, `page${n}.json`), 'utf8');

/** A local server replaying recorded pages; `script` decides each request's answer. */
function serve(
  script: (url: URL, n: number) => { status: number; body?: string; headers?: Record<string, string> },
): Promise<{ server: Server; base: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(url.pathname + url.search);
    const a = script(url, hits.length);
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
    res.end(a.body ?? '');
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }),
    ),
  );
}

const waits: number[] = [];
const fx: HttpEffects = { fetch: loopbackFetch, sleep: async (ms) => void waits.push(ms) };
let healthy: Awaited<ReturnType<typeof serve>>;
before(async () => {
  // 429 with Retry-After on the first call, a 500 on the second page once, then the recorded pages.
  let failed2 = false;
  healthy = await serve((url, n): { status: number; body?: string; headers?: Record<string, string> } => {
    if (n === 1) return { status: 429, headers: { 'retry-after': '2' } };
    if (url.searchParams.get('cursor') === 'p2') {
      if (!failed2) {
        failed2 = true;
        return { status: 500 };
      }
      return { status: 200, body: page(2) };
    }
    return {
      status: 200,
      body: page(1),
      headers: {
        link: `<${'http://127.0.0.1'}:${(healthy.server.address() as AddressInfo).port}/api/models?cursor=p2>; rel="next"`,
      },
    };
  });
});
after(() => healthy.server.close());

test('parses the documented model shape: downloads, all-time downloads, base models from tags and card, relations', () => {
  const models = [...(JSON.parse(page(1)) as unknown[]), ...(JSON.parse(page(2)) as unknown[])].map(toHubModel);
  const inst = models.find((m) => m.id === 'Qwen/Qwen2.5-7B-Instruct');
  assert.deepEqual(
    [inst?.base_models, inst?.relation, inst?.downloads_all_time, inst?.created],
    [['Qwen/Qwen2.5-7B'], 'finetune', 60000000, '2024-09-16'],
  );
  const gguf = models.find((m) => m.id.endsWith('GGUF'));
  assert.deepEqual(
    [gguf?.base_models, gguf?.relation, gguf?.downloads_all_time],
    [['Qwen/Qwen2.5-7B-Instruct'], 'quantized', null],
  );
  const merged = models.find((m) => m.id === 'lab/merged-7b');
  assert.deepEqual(
    [merged?.base_models, merged?.relation],
    [['Qwen/Qwen2.5-7B-Instruct', 'meta-llama/Llama-3.1-8B'], 'merge'],
  );
  assert.deepEqual(models.find((m) => m.id === 'Qwen/Qwen2.5-7B')?.base_models, []);
  assert.throws(() => toHubModel({ modelId: 'x' }), /schema drift/);
  assert.equal(
    nextLink('<https://huggingface.co/api/models?cursor=abc>; rel="next"'),
    'https://huggingface.co/api/models?cursor=abc',
  );
  assert.equal(nextLink(null), null);
});

test('pagination through Link headers, with retry and backoff on 429 (Retry-After) and 500', async () => {
  waits.length = 0;
  const r = await listHubModels({ endpoint: healthy.base, pageSize: 3 }, fx);
  assert.equal(r.models.length, 5);
  assert.equal(r.pages, 2);
  assert.equal(r.retries, 2);
  assert.equal(waits[0], 2000, 'Retry-After: 2 seconds');
  assert.ok((waits[1] ?? 0) > 0);
  assert.match(healthy.hits[0] ?? '', /limit=3.*expand%5B%5D=downloadsAllTime/);
});

test('limit and since stop early', async () => {
  assert.equal((await listHubModels({ endpoint: healthy.base, limit: 2 }, fx)).models.length, 2);
  // Newest first in the real API; the listing stops at the first model created before --since.
  const since = await listHubModels({ endpoint: healthy.base, since: '2024-09-15' }, fx);
  assert.deepEqual(
    since.models.map((m) => m.id),
    ['Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-7B-Instruct', 'someone/Qwen2.5-7B-Instruct-GGUF'],
  );
});

test('a failing upstream fails cleanly after its retries; the state file lets the next run resume', async () => {
  const broken = await serve((url) =>
    url.searchParams.get('cursor')
      ? { status: 503 }
      : { status: 200, body: page(1), headers: { link: `</api/models?cursor=p2>; rel="next"` } },
  );
  const state = join(tempDir(), 'state.json');
  try {
    await assert.rejects(
      listHubModels({ endpoint: broken.base, statePath: state, maxRetries: 2 }, fx),
      (e: unknown) => e instanceof ConnectorError && /failed after 3 attempts/.test(e.message),
    );
  } finally {
    broken.server.close();
  }
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { models: unknown[]; next: string };
  assert.equal(saved.models.length, 3);
  // The saved cursor is relative to the broken server; point the resume at the healthy one.
  const resume = JSON.stringify({ ...saved, next: `${healthy.base}/api/models?cursor=p2` });
  writeFileSync(state, resume);
  const r = await listHubModels({ endpoint: healthy.base, statePath: state }, fx);
  assert.equal(r.resumed, true);
  assert.equal(r.models.length, 5);
});

test('malformed JSON and a non-array answer are schema drift, not retried forever', async () => {
  const bad = await serve((url) =>
    url.searchParams.get('cursor')
      ? { status: 200, body: '{"error": "x"}' }
      : { status: 200, body: '[{"id": "a/b"', headers: {} },
  );
  try {
    await assert.rejects(listHubModels({ endpoint: bad.base }, fx), /not JSON/);
  } finally {
    bad.server.close();
  }
});

test('bulk Parquet dumps read like the API', async () => {
  const dir = tempDir();
  const json = join(dir, 'models.json');
  writeFileSync(
    json,
    JSON.stringify(
      [...(JSON.parse(page(1)) as unknown[]), ...(JSON.parse(page(2)) as unknown[])].map((m) => ({
        ...(m as object),
        cardData: JSON.stringify((m as { cardData?: unknown }).cardData ?? {}),
      })),
    ),
  );
  const parquet = join(dir, 'models.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(`COPY (SELECT * FROM read_json('${json}')) TO '${parquet}' (FORMAT parquet)`);
  conn.closeSync();
  inst.closeSync();
  const models = await readHubDump(parquet);
  assert.equal(models.length, 5);
  assert.deepEqual(models.find((m) => m.id === 'lab/merged-7b')?.base_models, [
    'Qwen/Qwen2.5-7B-Instruct',
    'meta-llama/Llama-3.1-8B',
  ]);
  await assert.rejects(readHubDump(json), /cannot read/);
  // The refresh operation reads the same dump for source hf, and only for it.
  const snap = tinySnapshot();
  const out = await refreshOp.run(testDeps(snap), { source: 'hf', parquet });
  assert.deepEqual(
    [out.ok, out.sources[0]?.rows, out.sources[0]?.parts_written.length],
    [true, 5, 3],
    out.sources[0]?.error,
  );
  await assert.rejects(
    refreshOp.run(testDeps(snap), { source: 'arena', parquet }),
    (e: unknown) => e instanceof InputError && e.field === 'parquet',
  );
});

test('the refresh operation adds a dated hf part with attribution, keeps history, and a failed refresh writes nothing', async () => {
  const snap = tinySnapshot();
  const deps = testDeps(snap);
  const res = await refreshOp.run(deps, { source: 'hf', endpoint: healthy.base });
  assert.equal(res.ok, true, JSON.stringify(res));
  const [hf] = res.sources;
  assert.equal(hf?.rows, 5);
  const part = hf?.parts_written.find((f) => f.startsWith(join('open_models', ''))) ?? '';
  const written = readFileSync(join(snap, part), 'utf8');
  assert.equal((written.match(/,CN,/g) ?? []).length, 2, 'Qwen namespace → Alibaba → CN');
  const rows = decodeTable('open_models', written, part);
  assert.deepEqual(rows.find((r) => r.hub_id === 'lab/merged-7b')?.base_models, [
    'Qwen/Qwen2.5-7B-Instruct',
    'meta-llama/Llama-3.1-8B',
  ]);
  assert.equal(rows.find((r) => r.hub_id === 'Qwen/Qwen2.5-7B')?.relation, 'base');
  const files = readdirSync(join(snap, 'open_models')).sort();
  // Unchanged content a day later: nothing new.
  const again = await refreshOp.run(
    { ...deps, now: () => new Date('2026-11-21T12:00:00Z') },
    { source: 'hf', endpoint: healthy.base },
  );
  assert.equal(again.sources[0]?.unchanged, true);
  assert.deepEqual(readdirSync(join(snap, 'open_models')).sort(), files);
  // A failing upstream: not ok, the error named, nothing new written.
  const broken = await serve(() => ({ status: 500 }));
  try {
    const bad = await refreshOp.run(deps, { source: 'hf', endpoint: broken.base, max_retries: 1 });
    assert.equal(bad.ok, false);
    assert.match(bad.sources[0]?.error ?? '', /failed after 2 attempts/);
    assert.deepEqual(readdirSync(join(snap, 'open_models')).sort(), files);
    assert.deepEqual(
      readdirSync(snap, { recursive: true })
        .map(String)
        .filter((f) => f.includes('.tmp')),
      [],
    );
  } finally {
    broken.server.close();
  }
});
