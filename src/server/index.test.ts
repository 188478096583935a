import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { builtDb } from '../../test/helpers.ts';
import { Db } from '../store/db.ts';
import { createApp, serve } from './index.ts';

let db: Db;
let app: ReturnType<typeof createApp>;
before(async () => {
  db = await Db.open(await builtDb());
  app = createApp(db);
});
after(() => db.close());

test('health, sources and datasets', async () => {
  const health = await app.request('/api/v1/health');
  assert.equal(health.status, 200);
  assert.equal(((await health.json()) as { status: string }).status, 'ok');
  const { sources } = (await (await app.request('/api/v1/sources')).json()) as { sources: { id: string }[] };
  assert.ok(sources.some((s) => s.id === 'epoch-benchmarking-hub'));
  const { datasets } = (await (await app.request('/api/v1/datasets')).json()) as {
    datasets: { rows: number; url: string }[];
  };
  assert.ok(datasets.length > 10 && datasets.every((d) => d.rows >= 0 && d.url));
});

test('models with filters, and validation errors name the field', async () => {
  const res = await app.request('/api/v1/models?country=cn&open_weights=true&limit=5');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { total: number; models: { country: string; open_weights: boolean }[] };
  assert.equal(body.models.length, 5);
  assert.ok(body.models.every((m) => m.country === 'CN' && m.open_weights));
  for (const [q, field] of [
    ['limit=-1', 'limit'],
    ['country=China', 'country'],
    ['open_weights=maybe', 'open_weights'],
    ['bogus=1', 'bogus'],
    ['limit=100000', 'limit'],
  ]) {
    const r = await app.request(`/api/v1/models?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(((await r.json()) as { field: string }).field, field, q);
  }
});

test('a SQL-looking parameter is data, not SQL', async () => {
  const r = await app.request(`/api/v1/models?organization=${encodeURIComponent("x' OR 1=1 --")}`);
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as { total: number }).total, 0);
});

test('unknown API routes are JSON 404s; reads carry ETag and cache headers; pages carry a CSP', async () => {
  const r = await app.request('/api/v1/nope');
  assert.equal(r.status, 404);
  assert.match(((await r.json()) as { error: string }).error, /no such route/);
  const s = await app.request('/api/v1/sources');
  const tag = s.headers.get('etag');
  assert.ok(tag);
  assert.match(s.headers.get('cache-control') ?? '', /max-age/);
  assert.equal((await app.request('/api/v1/sources', { headers: { 'If-None-Match': tag } })).status, 304);
  const page = await app.request('/');
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('the sources page lists every dataset with its source link', async () => {
  const html = await (await app.request('/sources')).text();
  const { datasets } = (await (await app.request('/api/v1/datasets')).json()) as {
    datasets: { id: string; title: string; url: string }[];
  };
  for (const d of datasets as unknown as { id: string; title: string; url: string }[]) {
    assert.ok(html.includes(d.title.replace(/&/g, '&amp;')), d.title);
    if (d.url.startsWith('http')) assert.ok(html.includes(d.url.replace(/&/g, '&amp;')), d.url);
  }
});

test('serve listens on a real port', async () => {
  const server = await serve({ dbPath: await builtDb(), port: 0 });
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/health`);
    assert.equal(res.status, 200);
  } finally {
    await server.close();
  }
});

test('the background warming reports when it has stopped, so closing can wait for it before the database closes', async () => {
  // Stopped before it starts: settled at once, nothing run.
  const early = new AbortController();
  let warming: Promise<void> | undefined;
  let warmed = false;
  createApp(db, { warm: true, signal: early.signal, onWarming: (p) => (warming = p), onWarm: () => (warmed = true) });
  assert.ok(warming, 'the warming is reported');
  early.abort();
  await warming;
  assert.equal(warmed, false);
  // Stopped while it runs: settled once its current step ends, the rest not run.
  const late = new AbortController();
  let running: Promise<void> | undefined;
  createApp(db, { warm: true, signal: late.signal, onWarming: (p) => (running = p), onWarm: () => (warmed = true) });
  await new Promise((r) => setTimeout(r, 300));
  late.abort();
  await running;
  assert.equal(warmed, false, 'stopped before its last step');
  // And a served database closes after it: the process is alive and a new server opens the same file.
  const server = await serve({ dbPath: await builtDb(), port: 0 });
  await new Promise((r) => setTimeout(r, 300));
  await server.close();
  const again = await serve({ dbPath: await builtDb(), port: 0, warm: false });
  assert.equal((await fetch(`http://127.0.0.1:${again.port}/api/v1/health`)).status, 200);
  await again.close();
});

test('gap: metrics, a gap with sources, validation, and the chart', async () => {
  const { metrics } = (await (await app.request('/api/v1/gap/metrics')).json()) as { metrics: { id: string }[] };
  assert.ok(metrics.some((m) => m.id === 'epoch-eci'));
  const r = await app.request('/api/v1/gap?metric=epoch-eci&as_of=2026-04-15&rounds=50');
  assert.equal(r.status, 200);
  const body = (await r.json()) as { as_of: string; leader: string; months_gap: number; sources: string[] };
  assert.equal(body.as_of, '2026-04-15');
  assert.ok(body.sources.length > 0 && typeof body.months_gap === 'number');
  for (const [q, field] of [
    ['metric=nope', 'metric'],
    ['as_of=2026-02-31', 'as_of'],
    ['leader=USA', 'leader'],
    ['rounds=99999', 'rounds'],
    ['x=1', 'x'],
  ] as const) {
    const bad = await app.request(`/api/v1/gap?${q}`);
    assert.equal(bad.status, 400, q);
    const e = (await bad.json()) as { error: string; field?: string };
    assert.equal(e.field, field, q);
  }
  const svg = await app.request('/api/v1/gap/chart.svg?metric=gpqa-diamond&rounds=0');
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.match(await svg.text(), /^<svg/);
});

test('chips, systems and classification over the API', async () => {
  const { chips } = (await (await app.request('/api/v1/chips')).json()) as {
    chips: { id: string; tpp: number | null }[];
  };
  assert.ok(chips.length >= 10);
  const { systems } = (await (await app.request('/api/v1/systems')).json()) as { systems: unknown[] };
  assert.equal(systems.length, 2);
  const r = await app.request('/api/v1/chips/classify?chip=H20&destination=CN&date=2025-05-01');
  assert.equal(r.status, 200);
  const { results } = (await r.json()) as { results: { rule: string; license_required: boolean }[] };
  assert.equal(results.find((x) => x.rule === 'H20-is-informed-2025')?.license_required, true);
  for (const [q, field] of [
    ['chip=nonexistent', 'chip'],
    ['all=true&destination=Atlantis', 'destination'],
    ['all=true&date=2025-13-01', 'date'],
    ['all=true&rule=nope', 'rule'],
  ]) {
    const bad = await app.request(`/api/v1/chips/classify?${q}`);
    // A chip or rule that does not exist is not found; a malformed value is bad input.
    assert.equal(bad.status, q === 'chip=nonexistent' ? 404 : 400, q);
    assert.equal(((await bad.json()) as { field: string }).field, field, q);
  }
});

test('cost over the API: pick, frontier, trend, and validation', async () => {
  const r = await app.request('/api/v1/cost/pick?min_score=1400&open_weights=true&as_of=2026-01-15');
  assert.equal(r.status, 200);
  const body = (await r.json()) as {
    pick: { model: string; price: number; sources: string[] } | null;
    excluded: unknown[];
  };
  assert.ok(body.pick && body.pick.sources.length > 0 && body.excluded.length > 0);
  assert.equal((await app.request('/api/v1/cost/frontier?as_of=2026-01-15')).status, 200);
  assert.equal((await app.request('/api/v1/cost/trend?level=1400&from=2025-06-01&to=2025-07-01')).status, 200);
  for (const [q, field] of [
    ['/api/v1/cost/pick?min_score=x', 'min_score'],
    ['/api/v1/cost/pick', 'min_score'],
    ['/api/v1/cost/pick?min_score=1&origin=China', 'origin'],
    ['/api/v1/cost/frontier?blend=3', 'blend'],
  ] as const) {
    const bad = await app.request(q);
    assert.equal(bad.status, 400, q);
    assert.equal(((await bad.json()) as { field: string }).field, field, q);
  }
  const unknown = await app.request('/api/v1/cost/pick?min_score=1&metric=nope');
  assert.equal(unknown.status, 400);
});

test('adoption over the API', async () => {
  const r = await app.request('/api/v1/adoption?by=country&metric=tokens&days=7');
  assert.equal(r.status, 200);
  const body = (await r.json()) as { rows: { country: string; share: number }[] };
  assert.ok(body.rows.length > 1);
  for (const [q, field] of [
    ['by=planet', 'by'],
    ['metric=vibes', 'metric'],
    ['days=0', 'days'],
  ]) {
    const bad = await app.request(`/api/v1/adoption?${q}`);
    assert.equal(bad.status, 400, q);
    assert.equal(((await bad.json()) as { field: string }).field, field);
  }
});

test('POST /api/v1/check returns the same shape as airace check --json, and rejects bad bodies', async () => {
  const r = await app.request('/api/v1/check', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '欧盟将斥资500亿欧元投资人工智能。' }),
  });
  assert.equal(r.status, 200);
  const body = (await r.json()) as {
    documents: { language: string; claims: { quote: string; verdict: string; evidence: unknown[] }[] }[];
  };
  assert.equal(body.documents[0]?.language, 'zh-Hans');
  assert.equal(body.documents[0]?.claims[0]?.verdict, 'supported');
  for (const bad of [
    'not json',
    JSON.stringify({ text: '' }),
    JSON.stringify({ text: 'x', extra: 1 }),
    JSON.stringify({ text: 'x'.repeat(4_100_000) }),
  ]) {
    const res = await app.request('/api/v1/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bad,
    });
    assert.equal(res.status, bad.length > 4_000_000 ? 413 : 400, bad.slice(0, 30));
    assert.ok(((await res.json()) as { error: string }).error);
  }
});

test('score and timeline over the API', async () => {
  const r = await app.request('/api/v1/score?countries=US,CN&samples=100');
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as { countries: unknown[] }).countries.length, 2);
  assert.equal((await app.request('/api/v1/score?weights=vibes=1')).status, 400);
  assert.equal((await app.request('/api/v1/score?countries=USA')).status, 400);
  const t = await app.request('/api/v1/timeline?kind=investment');
  assert.equal(t.status, 200);
  assert.ok(((await t.json()) as { events: unknown[] }).events.length >= 3);
  assert.equal((await app.request('/api/v1/timeline?kind=nope')).status, 400);
});

test('OpenAPI 3.1 document generated from the request schemas', async () => {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    openapi: string;
    paths: Record<string, { get?: { parameters: { name: string }[] } }>;
  };
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(doc.paths['/api/v1/gap']?.get?.parameters.map((p) => p.name).sort(), [
    'as_of',
    'follower',
    'format',
    'include_preliminary',
    'leader',
    'metric',
    'rounds',
    'seed',
    'series',
  ]);
  assert.ok(doc.paths['/api/v1/cost/pick']?.get?.parameters.some((p) => p.name === 'min_score'));
});

test('format=csv gives the main list of a read as CSV', async () => {
  const r = await app.request('/api/v1/timeline?kind=investment&format=csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/csv/);
  const lines = (await r.text()).trim().split('\n');
  assert.match(lines[0] ?? '', /^date,kind,title/);
  assert.ok(lines.length >= 4);
  assert.equal((await app.request('/api/v1/health?format=csv')).status, 400);
});

test('ratings for uploaded battles: size-limited, validated', async () => {
  const body = [
    'model_a,model_b,winner',
    ...Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'a,b,model_b' : 'a,b,model_a')),
  ].join('\n');
  const r = await app.request('/api/v1/ratings?bootstrap=20&seed=1', { method: 'POST', body });
  assert.equal(r.status, 200);
  const out = (await r.json()) as { models: { model: string; rating: number }[] };
  assert.ok(Math.abs((out.models[0]?.rating ?? 0) - (out.models[1]?.rating ?? 0) - 400 * Math.log10(2)) < 1e-3);
  const bad = await app.request('/api/v1/ratings', { method: 'POST', body: 'model_a,model_b,winner\na,b,draw' });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /body:2: winner must be/);
  assert.equal((await app.request('/api/v1/ratings', { method: 'POST', body: 'x'.repeat(4_000_001) })).status, 413);
});

test('refresh needs the bearer token; CORS is off unless configured', async () => {
  const list = { method: 'POST', body: JSON.stringify({ list: true }) };
  assert.equal((await app.request('/api/v1/refresh', list)).status, 403);
  const guarded = createApp(db, { refreshToken: 's3cret', corsOrigin: 'https://example.org' });
  assert.equal((await guarded.request('/api/v1/refresh', list)).status, 401);
  assert.equal(
    (await guarded.request('/api/v1/refresh', { ...list, headers: { authorization: 'Bearer wrong!' } })).status,
    401,
  );
  const ok = await guarded.request('/api/v1/refresh', { ...list, headers: { authorization: 'Bearer s3cret' } });
  assert.equal(ok.status, 200);
  assert.ok(((await ok.json()) as { connectors: unknown[] }).connectors.length >= 5);
  const endpoint = JSON.stringify({ source: 'hf', endpoint: 'http://127.0.0.1:9' });
  const refused = await guarded.request('/api/v1/refresh', {
    method: 'POST',
    body: endpoint,
    headers: { authorization: 'Bearer s3cret' },
  });
  assert.equal(refused.status, 400, 'the API never takes an endpoint to call');
  const pre = await guarded.request('/api/v1/sources', { headers: { origin: 'https://example.org' } });
  assert.equal(pre.headers.get('access-control-allow-origin'), 'https://example.org');
  assert.equal(
    (await app.request('/api/v1/sources', { headers: { origin: 'https://example.org' } })).headers.get(
      'access-control-allow-origin',
    ),
    null,
  );
});

test('dashboard pages render in all three languages with CSP', async () => {
  for (const lang of ['en', 'zh-Hans', 'zh-Hant']) {
    for (const path of ['/', '/capability', '/adoption', '/cost', '/compute', '/policy', '/claims', '/sources']) {
      const r = await app.request(`${path}?lang=${lang}`);
      assert.equal(r.status, 200, `${path} ${lang}`);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.match(await r.text(), new RegExp(`<html lang="${lang}"`));
    }
  }
  const html = await (await app.request('/capability?lang=zh-Hant&metric=epoch-eci&as_of=2026-04-15')).text();
  assert.match(html, /能力/);
  assert.match(html, /as_of=2026-04-15&amp;metric=epoch-eci&amp;format=svg/);
});

test('capability page: leaderboard with organization names in the chosen script; /api/v1/events', async () => {
  const html = await (await app.request('/capability?lang=zh-Hans&as_of=2025-06-01')).text();
  assert.match(html, /谷歌/);
  assert.match(html, /中国/);
  const ev = await app.request('/api/v1/events?kind=investment');
  assert.equal(ev.status, 200);
  assert.ok(((await ev.json()) as { events: unknown[] }).events.length >= 3);
});
