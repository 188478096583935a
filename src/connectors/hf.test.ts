import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, SNAPSHOT, tempDir } from '../../test/helpers.ts';
import { main } from '../cli/main.ts';
import { ConnectorError, listHubModels, nextLink, readHubDump, toHubModel, type HttpEffects } from './hf.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'hf');
const page = (n: number) => readFileSync(join(FIX, `page${n}.json`), 'utf8');

/** A local server replaying recorded pages; `script` decides each request's answer. */
function serve(script: (url: URL, n: number) => { status: number; body?: string; headers?: Record<string, string> }): Promise<{ server: Server; base: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(url.pathname + url.search);
    const a = script(url, hits.length);
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
    res.end(a.body ?? '');
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })));
}

const waits: number[] = [];
const fx: HttpEffects = { fetch: globalThis.fetch, sleep: async (ms) => void waits.push(ms) };
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
    return { status: 200, body: page(1), headers: { link: `<${'http://127.0.0.1'}:${(healthy.server.address() as AddressInfo).port}/api/models?cursor=p2>; rel="next"` } };
  });
});
after(() => healthy.server.close());

test('parses the documented model shape: downloads, all-time downloads, base models from tags and card, relations', () => {
  const models = [...(JSON.parse(page(1)) as unknown[]), ...(JSON.parse(page(2)) as unknown[])].map(toHubModel);
  const inst = models.find((m) => m.id === 'Qwen/Qwen2.5-7B-Instruct');
  assert.deepEqual([inst?.base_models, inst?.relation, inst?.downloads_all_time, inst?.created], [['Qwen/Qwen2.5-7B'], 'finetune', 60000000, '2024-09-16']);
  const gguf = models.find((m) => m.id.endsWith('GGUF'));
  assert.deepEqual([gguf?.base_models, gguf?.relation, gguf?.downloads_all_time], [['Qwen/Qwen2.5-7B-Instruct'], 'quantized', null]);
  const merged = models.find((m) => m.id === 'lab/merged-7b');
  assert.deepEqual([merged?.base_models, merged?.relation], [['Qwen/Qwen2.5-7B-Instruct', 'meta-llama/Llama-3.1-8B'], 'merge']);
  assert.deepEqual(models.find((m) => m.id === 'Qwen/Qwen2.5-7B')?.base_models, []);
  assert.throws(() => toHubModel({ modelId: 'x' }), /schema drift/);
  assert.equal(nextLink('<https://huggingface.co/api/models?cursor=abc>; rel="next"'), 'https://huggingface.co/api/models?cursor=abc');
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
  assert.deepEqual(since.models.map((m) => m.id), ['Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-7B-Instruct', 'someone/Qwen2.5-7B-Instruct-GGUF']);
});

test('a failing upstream fails cleanly after its retries; the state file lets the next run resume', async () => {
  const broken = await serve((url) => (url.searchParams.get('cursor') ? { status: 503 } : { status: 200, body: page(1), headers: { link: `</api/models?cursor=p2>; rel="next"` } }));
  const state = join(tempDir(), 'state.json');
  try {
    await assert.rejects(listHubModels({ endpoint: broken.base, statePath: state, maxRetries: 2 }, fx), (e: unknown) => e instanceof ConnectorError && /failed after 3 attempts/.test(e.message));
  } finally {
    broken.server.close();
  }
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { models: unknown[]; next: string };
  assert.equal(saved.models.length, 3);
  // The saved cursor is relative to the broken server; point the resume at the healthy one.
  const resume = JSON.stringify({ ...saved, next: `${healthy.base}/api/models?cursor=p2` });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(state, resume);
  const r = await listHubModels({ endpoint: healthy.base, statePath: state }, fx);
  assert.equal(r.resumed, true);
  assert.equal(r.models.length, 5);
});

test('malformed JSON and a non-array answer are schema drift, not retried forever', async () => {
  const bad = await serve((url) => (url.searchParams.get('cursor') ? { status: 200, body: '{"error": "x"}' } : { status: 200, body: '[{"id": "a/b"', headers: {} }));
  try {
    await assert.rejects(listHubModels({ endpoint: bad.base }, fx), /not JSON/);
  } finally {
    bad.server.close();
  }
});

test('bulk Parquet dumps read like the API', async () => {
  const dir = tempDir();
  const json = join(dir, 'models.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(json, JSON.stringify([...(JSON.parse(page(1)) as unknown[]), ...(JSON.parse(page(2)) as unknown[])].map((m) => ({ ...(m as object), cardData: JSON.stringify((m as { cardData?: unknown }).cardData ?? {}) }))));
  const parquet = join(dir, 'models.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(`COPY (SELECT * FROM read_json('${json}')) TO '${parquet}' (FORMAT parquet)`);
  conn.closeSync();
  inst.closeSync();
  const models = await readHubDump(parquet);
  assert.equal(models.length, 5);
  assert.deepEqual(models.find((m) => m.id === 'lab/merged-7b')?.base_models, ['Qwen/Qwen2.5-7B-Instruct', 'meta-llama/Llama-3.1-8B']);
  await assert.rejects(readHubDump(json), /cannot read/);
});

test('airace refresh hf adds a dated part, keeps history, and a failed refresh writes nothing', async () => {
  const snap = join(tempDir(), 'snapshot');
  cpSync(SNAPSHOT, snap, { recursive: true });
  const before = readdirSync(join(snap, 'open_models')).sort();
  let out = '';
  let err = '';
  const io = { out: (s: string) => { out += s; }, err: (s: string) => { err += s; } };
  const code = await main(['refresh', 'hf', '--endpoint', healthy.base, '--snapshot', snap, '--json'], io);
  assert.equal(code, 0, err);
  const res = JSON.parse(out) as { refreshes: { added: Record<string, number>; files: string[] }[] };
  assert.equal(res.refreshes[0]?.added['open_models'], 5);
  const written = readFileSync(res.refreshes[0]?.files[0] ?? '', 'utf8');
  assert.equal((written.match(/,CN,/g) ?? []).length, 2, 'Qwen namespace → Alibaba → CN');
  const afterFiles = readdirSync(join(snap, 'open_models')).sort();
  assert.deepEqual(afterFiles.filter((f) => !before.includes(f)).length, 1);
  for (const f of before) assert.ok(afterFiles.includes(f), `kept ${f}`);
  // Built and queried: the refreshed lineage feeds the derivatives view.
  const db = join(tempDir(), 'r.duckdb');
  assert.equal(await main(['build', '--snapshot', snap, '--db', db], { out: () => {}, err: (s) => { err += s; } }), 0, err);
  out = '';
  assert.equal(await main(['adoption', '--metric', 'derivatives', '--by', 'author', '--json', '--db', db], io), 0, err);
  const d = JSON.parse(out) as { rows: { author: string; value: number }[]; coverage: { with_base_model: number } };
  assert.deepEqual(d.rows, [{ author: 'Qwen', value: 3, share: 1 }]);
  const monthly = (d as unknown as { monthly: { month: string; new_models: number; share_of_new_models: Record<string, number> }[] }).monthly;
  assert.deepEqual(monthly.find((m) => m.month === '2024-09'), { month: '2024-09', new_models: 2, share_of_new_models: { Qwen: 0.5 } });
  assert.equal(d.coverage.with_base_model, 3);
  // A failing upstream: exit 1, nothing new written.
  const broken = await serve(() => ({ status: 500 }));
  try {
    err = '';
    const snapshotBefore = readdirSync(join(snap, 'open_models')).sort();
    const c = await main(['refresh', 'hf', '--endpoint', broken.base, '--snapshot', snap, '--max-retries', '1'], { out: () => {}, err: (s) => { err += s; } });
    assert.equal(c, 1);
    assert.match(err, /failed after 2 attempts/);
    assert.deepEqual(readdirSync(join(snap, 'open_models')).sort(), snapshotBefore);
  } finally {
    broken.server.close();
  }
  assert.ok(!existsSync(join(snap, 'open_models', 'x.tmp')));
});
