/**
 * The shared connector suite: every connector, against recorded responses on a local server, must page where
 * its source pages, retry 429 / 5xx (and timeouts, in the shared HTTP layer) with backoff, fail clearly on schema drift, write nothing on
 * failure, stamp provenance (source, url, retrieved date, content hash) on every row, add nothing when
 * refreshed twice, and keep history when the content changes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../../test/helpers.ts';
import { CURATED_ORGS, loopbackFetch, tinySnapshot } from './testkit.ts';
import { decodeTable } from '../data/snapshot.ts';
import { refresh } from './refresh.ts';
import { CONNECTORS, type Connector, type ConnectorContext } from './sources.ts';
import { ConnectorError, getText, session } from './http.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'connectors');
const HF_FIX = join(ROOT, 'test', 'fixtures', 'hf');

/** Broken variants of each response, for schema drift. */
const DRIFT: Record<string, string> = {
  'leaderboard-text.json': '{"full": {"m": {"score": 1}}}',
  'lmarena_text.csv': 'rank,model,elo,votes,organization\n1,m,1,1,x\n',
  'eci_benchmark_data.csv': 'Model,Capabilities Index,Release date,Organization,Country\nm,1,2026-01-01,x,y\n',
  'notable_ai_models.csv': 'Name,Org\nm,x\n',
  'models.json': '{"models": []}',
  'model_prices_and_context_window.json': '[1, 2, 3]',
  'hub-models': '{"not": "an array"}',
};

interface Behaviour {
  fail?: (name: string, n: number) => number | null;
  body?: (name: string) => string;
}

let behaviour: Behaviour = {};
const hits = new Map<string, number>();
let server: Server;
let endpoint: string;

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    // One recorded file per upstream URL; the two JSON APIs are told apart by their paths.
    const name =
      url.pathname === '/api/v1/models'
        ? 'models.json'
        : url.pathname === '/api/models'
          ? 'hub-models'
          : (url.pathname.split('/').pop() ?? '');
    const n = (hits.get(name) ?? 0) + 1;
    hits.set(name, n);
    const f = behaviour.fail?.(name, n) ?? null;
    if (typeof f === 'number') {
      res.writeHead(f, f === 429 ? { 'retry-after': '0' } : {});
      return void res.end();
    }
    const file = name === 'hub-models' ? join(HF_FIX, 'page1.json') : join(FIX, name);
    const body = behaviour.body?.(name) ?? readFileSync(file, 'utf8');
    res.writeHead(200, { 'content-type': name.endsWith('.csv') ? 'text/csv' : 'application/json' });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const waits: number[] = [];
function ctx(date = '2026-11-20'): ConnectorContext {
  return {
    endpoint,
    date,
    fx: { fetch: loopbackFetch, sleep: async (ms) => void waits.push(ms) },
    maxRetries: 3,
    timeoutMs: 150,
  };
}
const freshSnapshot = tinySnapshot;
const opts = (snapshotDir: string) => ({ snapshotDir, curatedPath: CURATED_ORGS });
const refreshFiles = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('refresh-'))
    .sort();

function runSuite(c: Connector): void {
  describe(`connector ${c.id}`, () => {
    test('fetches recorded responses into rows with provenance on every row', async () => {
      behaviour = {};
      const dir = freshSnapshot();
      const s = await refresh(c, ctx(), opts(dir));
      assert.ok(
        Object.values(s.added).some((n) => n > 0),
        JSON.stringify(s.added),
      );
      assert.match(s.content_hash, /^[0-9a-f]{64}$/);
      const sourceFile = s.files.find((f) => f.includes(`${join('sources', '')}`)) as string;
      const [source] = decodeTable('sources', readFileSync(sourceFile, 'utf8'), sourceFile);
      assert.ok(
        source &&
          source.retrieved === '2026-11-20' &&
          /sha256:[0-9a-f]{64}/.test(source.notes ?? '') &&
          /^https?:\/\//.test(source.url),
      );
      for (const f of s.files.filter((x) => !x.includes(join('sources', '')) && !x.includes(join('datasets', '')))) {
        const table = f.split(/[\\/]/).at(-2) as 'prices';
        const rows = decodeTable(table, readFileSync(f, 'utf8'), f) as { source_id: string }[];
        assert.ok(rows.length > 0 && rows.every((r) => r.source_id === source.id), f);
      }
    });

    test('retries 429 and 5xx with backoff', async () => {
      hits.clear();
      waits.length = 0;
      behaviour = { fail: (_, n) => (n === 1 ? 429 : n === 2 ? 503 : null) };
      const s = await refresh(c, ctx(), { ...opts(freshSnapshot()), dryRun: true });
      assert.ok(s.retries >= 2, `retries ${s.retries}`);
      assert.ok(waits.length >= 2);
    });

    test('gives up cleanly after its retries, writing nothing', async () => {
      const dir = freshSnapshot();
      behaviour = { fail: () => 500 };
      await assert.rejects(
        refresh(c, ctx(), opts(dir)),
        (e: unknown) => e instanceof ConnectorError && /failed after 4 attempts/.test(e.message),
      );
      assert.deepEqual(refreshFiles(dir), []);
    });

    test('fails clearly on schema drift, writing nothing', async () => {
      const dir = freshSnapshot();
      behaviour = {
        body: (name) =>
          DRIFT[name] ?? readFileSync(name === 'hub-models' ? join(HF_FIX, 'page1.json') : join(FIX, name), 'utf8'),
      };
      await assert.rejects(refresh(c, ctx(), opts(dir)), /schema drift|not JSON/);
      assert.deepEqual(refreshFiles(dir), []);
    });

    test('twice the same content adds nothing; new content adds a part and keeps the old', async () => {
      behaviour = {};
      const dir = freshSnapshot();
      const first = await refresh(c, ctx('2026-11-20'), opts(dir));
      const files = refreshFiles(dir);
      const again = await refresh(c, ctx('2026-11-21'), opts(dir));
      assert.equal(again.unchanged, true);
      assert.deepEqual(refreshFiles(dir), files);
      // Upstream changes one figure: a new part, the earlier one kept.
      behaviour = {
        body: (name) =>
          readFileSync(name === 'hub-models' ? join(HF_FIX, 'page2.json') : join(FIX, name), 'utf8').replace(
            /1486\.6|1487|157\.9|0\.00000075|1\.25e-06/,
            (m) => (m === '1487' ? '1488' : String(Number(m) * 1.1)),
          ),
      };
      const changed = await refresh(c, ctx('2026-11-22'), opts(dir));
      assert.equal(changed.unchanged, false);
      const now = refreshFiles(dir);
      for (const f of files) assert.ok(now.includes(f), `kept ${f}`);
      assert.ok(now.length > files.length);
      assert.notEqual(first.content_hash, '');
    });
  });
}

for (const c of CONNECTORS) runSuite(c);

test('a request that times out is retried like a 5xx (the HTTP layer every connector uses)', async () => {
  let n = 0;
  const slow = createServer((_, res) => {
    n++;
    if (n === 1) return void setTimeout(() => res.writeHead(504).end(), 400);
    res.writeHead(200).end('{"ok": true}');
  });
  await new Promise<void>((done) => slow.listen(0, '127.0.0.1', () => done()));
  try {
    const http = session({ fetch: loopbackFetch, sleep: async () => {} }, { maxRetries: 2, timeoutMs: 150 });
    const r = await getText(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/x.json`, http);
    assert.equal(http.retries, 1);
    assert.equal(r.text, '{"ok": true}');
  } finally {
    slow.close();
  }
});

test('offline: an unreachable source fails in one line and leaves everything as it was', async () => {
  const dir = freshSnapshot();
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', () => done()));
  const port = (closed.address() as AddressInfo).port;
  closed.close();
  const c = CONNECTORS.find((x) => x.id === 'openrouter') as Connector;
  await assert.rejects(
    refresh(c, { ...ctx(), endpoint: `http://127.0.0.1:${port}`, maxRetries: 1 }, opts(dir)),
    (e: unknown) =>
      e instanceof ConnectorError &&
      /failed after 2 attempts \(last: network error/.test(e.message) &&
      !e.message.includes('\n'),
  );
  assert.deepEqual(refreshFiles(dir), []);
});
