/**
 * The refresh fault suite (issue 16, item 7): each way an upstream or the disk once took a refresh down,
 * reproduced against local fakes and recorded responses (never the internet), and survived: a huge
 * Retry-After, a retry loop past the time budget, an empty page with a `next` link, a repeated cursor, a
 * 1.2 GB body, a gzip bomb (decoded by Node's fetch, and passed through raw), a failing source in `all`,
 * a full disk (ENOSPC) while staging and a failed rename, a cancelled refresh and a killed run's temp files.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../../test/helpers.ts';
import { listHubModels } from './hf.ts';
import { ConnectorError, getText, session, sleep, type HttpEffects } from './http.ts';
import { runRefresh } from './op.ts';
import { nodeFs, type WriteFs } from './refresh.ts';
import { loopbackFetch, testDeps, tinySnapshot } from './testkit.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'connectors');
const HF_PAGE = readFileSync(join(ROOT, 'test', 'fixtures', 'hf', 'page1.json'), 'utf8');
const MiB = 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
async function serve(handler: Handler): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A clock that only moves when the code under test sleeps: waits are recorded, not spent. */
function fakeTime(): { fx: HttpEffects; waits: number[]; elapsed: () => number } {
  let t = 1_000_000;
  const start = t;
  const waits: number[] = [];
  const fx: HttpEffects = {
    fetch: loopbackFetch,
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  };
  return { fx, waits, elapsed: () => t - start };
}

/** Every recorded upstream file on one local server; `fail` names the paths that answer 500. */
function upstream(fail: (path: string) => boolean): Handler {
  return (_req, res, url) => {
    if (fail(url.pathname)) return void res.writeHead(500).end();
    if (url.pathname === '/api/models')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(HF_PAGE);
    const name = url.pathname === '/api/v1/models' ? 'models.json' : (url.pathname.split('/').pop() ?? '');
    if (!existsSync(join(FIX, name))) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(join(FIX, name)));
  };
}

const leftovers = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('refresh-') || f.includes('.tmp'));

describe('Retry-After and the time budget', () => {
  test('a Retry-After of 27.8 hours is waited for at most 60 s (seconds and HTTP-date forms)', async () => {
    for (const after of ['100000', new Date(Date.now() + 100_000_000).toUTCString()]) {
      let n = 0;
      const { server, base } = await serve((_req, res) => {
        n++;
        if (n === 1) return void res.writeHead(429, { 'retry-after': after }).end();
        res.writeHead(200).end('ok');
      });
      try {
        const t = fakeTime();
        const r = await getText(`${base}/x`, session(t.fx));
        assert.equal(r.text, 'ok');
        assert.deepEqual(t.waits, [60_000], `Retry-After ${after}`);
      } finally {
        server.close();
        server.closeAllConnections();
      }
    }
  });

  test('retries stop when the next wait would pass the time budget, with a clear error', async () => {
    let n = 0;
    const { server, base } = await serve((_req, res) => {
      n++;
      res.writeHead(503, { 'retry-after': '60' }).end();
    });
    try {
      const t = fakeTime();
      const http = session(t.fx, { maxRetries: 1000, budgetMs: 150_000 });
      await assert.rejects(
        getText(`${base}/x`, http),
        (e: unknown) => e instanceof ConnectorError && /time budget of 150 s/.test(e.message),
      );
      assert.deepEqual(t.waits, [60_000, 60_000]);
      assert.equal(n, 3);
      assert.ok(t.elapsed() <= 150_000);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  test('a cancelled refresh stops waiting at once', async () => {
    const { server, base } = await serve((_req, res) => void res.writeHead(429, { 'retry-after': '30' }).end());
    try {
      const ac = new AbortController();
      const fx: HttpEffects = { fetch: loopbackFetch, sleep };
      setTimeout(() => ac.abort(), 100);
      const t0 = Date.now();
      await assert.rejects(getText(`${base}/x`, session(fx, {}, ac.signal)), /cancelled/);
      assert.ok(Date.now() - t0 < 5000, 'did not sit out the 30 s wait');
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});

describe('pagination', () => {
  test('an empty page with a next link ends the listing (one request, a warning), instead of looping', async () => {
    let hits = 0;
    const { server, base } = await serve((_req, res) => {
      hits++;
      res.writeHead(200, { link: `<${base}/api/models?cursor=${hits}>; rel="next"` }).end('[]');
    });
    try {
      const r = await listHubModels({ endpoint: base }, fakeTime().fx);
      assert.equal(hits, 1);
      assert.equal(r.models.length, 0);
      assert.match(r.warnings[0] ?? '', /empty page with a "next" link/);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  test('a repeated cursor is a loop, an endless listing stops at the page limit, a next link to another host is refused', async () => {
    let hits = 0;
    const { server, base } = await serve((_req, res, url) => {
      hits++;
      const mode = url.searchParams.get('mode');
      const next =
        mode === 'same'
          ? url.toString().replace('http://x', base)
          : mode === 'away'
            ? 'http://example.invalid/api/models'
            : `${base}/api/models?mode=new&cursor=${hits}`;
      res.writeHead(200, { link: `<${next}>; rel="next"` }).end(HF_PAGE);
    });
    try {
      const t = fakeTime();
      // The first page URL is the connector's own; the fake fetch tags it with the scenario.
      const tag =
        (mode: string): typeof fetch =>
        (u, init) =>
          loopbackFetch(String(u).includes('mode=') ? u : `${String(u)}&mode=${mode}`, init);
      const run = (mode: string) =>
        listHubModels({ endpoint: base, pageSize: 3, limits: { maxPages: 5 } }, { ...t.fx, fetch: tag(mode) });
      hits = 0;
      await assert.rejects(run('same'), /pagination loop/);
      // The tagged first URL, then the page that links to itself once: its second read is refused.
      assert.equal(hits, 2);
      hits = 0;
      await assert.rejects(run('new'), /more than 5 pages/);
      assert.equal(hits, 5);
      await assert.rejects(run('away'), /another host/);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});

describe('body size caps', () => {
  test('a 1.2 GB body (a generator stream) is read only up to the cap, in bounded memory', async () => {
    let produced = 0;
    const chunk = new Uint8Array(MiB).fill(0x61);
    const huge = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            if (produced >= 1200 * MiB) return c.close();
            produced += chunk.length;
            c.enqueue(chunk);
          },
        }),
      );
    const rss = process.memoryUsage().rss;
    const fx: HttpEffects = { ...fakeTime().fx, fetch: async () => huge() };
    await assert.rejects(
      getText('http://upstream.test/big.json', session(fx)),
      (e: unknown) => e instanceof ConnectorError && /over the 67108864-byte limit/.test(e.message),
    );
    assert.ok(produced <= 66 * MiB, `stopped reading after ${produced / MiB} MiB`);
    assert.ok(process.memoryUsage().rss - rss < 400 * MiB, 'memory stays bounded');
    // A declared length over the cap is refused before any byte is read.
    produced = 0;
    const declared: HttpEffects = {
      ...fx,
      fetch: async () => new Response(huge().body, { headers: { 'content-length': String(1200 * MiB) } }),
    };
    await assert.rejects(getText('http://upstream.test/big.json', session(declared)), /body of 1258291200 bytes/);
    assert.ok(produced <= 2 * MiB);
  });

  test('a gzip bomb served over HTTP (decoded by fetch) is stopped at the decoded cap', async () => {
    // 1.2 GB of zeros as 75 concatenated gzip members of 16 MiB each: about 1.2 MB on the wire.
    const member = gzipSync(Buffer.alloc(16 * MiB));
    let sent = 0;
    const { server, base } = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
      const write = () => {
        while (sent < 75) {
          sent++;
          if (!res.write(member)) return void res.once('drain', write);
        }
        res.end();
      };
      write();
    });
    try {
      const rss = process.memoryUsage().rss;
      await assert.rejects(
        getText(`${base}/bomb.json`, session(fakeTime().fx, { maxBodyBytes: 32 * MiB })),
        (e: unknown) => e instanceof ConnectorError && /over the 33554432-byte limit \(decoded\)/.test(e.message),
      );
      assert.ok(process.memoryUsage().rss - rss < 400 * MiB, 'memory stays bounded');
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  test('a gzip bomb handed over undecoded (a fetch that does not inflate) is inflated with an output cap', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * MiB));
    const fx: HttpEffects = {
      ...fakeTime().fx,
      fetch: async () => new Response(bomb, { headers: { 'content-encoding': 'gzip' } }),
    };
    await assert.rejects(
      getText('http://upstream.test/bomb.json', session(fx, { maxBodyBytes: 16 * MiB })),
      /inflates past the 16777216-byte limit/,
    );
    const small: HttpEffects = {
      ...fx,
      fetch: async () => new Response(gzipSync('{"ok":1}'), { headers: { 'content-encoding': 'gzip' } }),
    };
    assert.equal((await getText('http://upstream.test/ok.json', session(small))).text, '{"ok":1}');
  });
});

describe('refresh all, the disk and atomic writes', () => {
  let up: { server: Server; base: string };
  before(async () => {
    up = await serve(upstream((path) => path === '/api/v1/models'));
  });
  after(() => {
    up.server.close();
    up.server.closeAllConnections();
  });

  test('refresh all continues past a failing source and reports each outcome', async () => {
    const snap = tinySnapshot();
    const out = await runRefresh(
      testDeps(snap),
      { all: true, endpoint: up.base, max_retries: 1 },
      { sleep: async () => {} },
    );
    assert.deepEqual(
      out.sources.map((s) => [s.source, s.ok]),
      [
        ['arena', true],
        ['epoch', true],
        ['openrouter', false],
        ['litellm', true],
        ['hf', true],
      ],
    );
    assert.equal(out.ok, false);
    assert.match(out.sources[2]?.error ?? '', /api\/v1\/models failed after 2 attempts \(last: HTTP 500\)/);
    for (const s of out.sources.filter((x) => x.ok)) {
      assert.ok(s.rows > 0 && s.parts_written.length === 3, `${s.source}: ${JSON.stringify(s)}`);
      for (const f of s.parts_written) assert.ok(existsSync(join(snap, f)), f);
    }
    assert.equal(leftovers(snap).filter((f) => f.includes('openrouter') || f.includes('.tmp')).length, 0);
  });

  test('a full disk (ENOSPC half-way through a write) leaves no part and no .tmp file', async () => {
    const snap = tinySnapshot();
    let writes = 0;
    const full: WriteFs = {
      ...nodeFs,
      writeFile: (path, content) => {
        writes++;
        if (writes < 2) return nodeFs.writeFile(path, content);
        writeFileSync(path, content.slice(0, content.length >> 1));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
      },
    };
    const out = await runRefresh(testDeps(snap), { source: 'litellm', endpoint: up.base }, { fs: full });
    assert.equal(out.sources[0]?.ok, false);
    assert.match(out.sources[0]?.error ?? '', /ENOSPC/);
    assert.ok(writes >= 2);
    assert.deepEqual(leftovers(snap), []);
    // The same refresh with room on the disk lands in full.
    const ok = await runRefresh(testDeps(snap), { source: 'litellm', endpoint: up.base });
    assert.equal(ok.sources[0]?.parts_written.length, 3);
  });

  test('a rename that fails after others landed takes the landed files back out', async () => {
    const snap = tinySnapshot();
    let renames = 0;
    const flaky: WriteFs = {
      ...nodeFs,
      rename: (from, to) => {
        if (++renames === 3) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        nodeFs.rename(from, to);
      },
    };
    const out = await runRefresh(testDeps(snap), { source: 'arena', endpoint: up.base }, { fs: flaky });
    assert.match(out.sources[0]?.error ?? '', /EIO/);
    assert.equal(renames, 3);
    assert.deepEqual(leftovers(snap), []);
  });

  test("a killed run's temp files are removed by the next refresh; a dry run writes nothing", async () => {
    const snap = tinySnapshot();
    const stale = join(snap, 'sources', 'refresh-arena-2026-01-01-abc.csv.tmp-999999999');
    writeFileSync(stale, 'partial');
    const dry = await runRefresh(testDeps(snap), { source: 'epoch', endpoint: up.base, dry_run: true });
    assert.equal(dry.sources[0]?.ok, true);
    assert.deepEqual(dry.sources[0]?.parts_written, []);
    assert.ok(existsSync(stale), 'a dry run touches nothing');
    await runRefresh(testDeps(snap), { source: 'epoch', endpoint: up.base });
    assert.ok(!existsSync(stale));
  });
});
