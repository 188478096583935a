import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { builtDb } from '../../test/helpers.ts';
import { callOp, opError } from '../../test/ops.ts';
import { Db } from '../store/db.ts';
import { adoption, partialDays } from './index.ts';

let db: Db;
before(async () => {
  db = await Db.open(await builtDb());
});
after(() => db.close());

const close = (a: number, b: number, eps = 1e-6) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('tokens by author and country add up to an independent sum over the window', async () => {
  const byAuthor = await adoption(db, { by: 'author', metric: 'tokens', asOf: '2026-08-01', days: 7 });
  assert.deepEqual([byAuthor.window.from, byAuthor.window.to], ['2026-07-26', '2026-08-01']);
  const sql = await db.all(
    `SELECT author, sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0)) AS t FROM usage WHERE "window" = 'day' AND date BETWEEN '2026-07-26' AND '2026-08-01' GROUP BY author ORDER BY t DESC`,
  );
  const total = sql.reduce((s, r) => s + Number(r['t']), 0);
  close(Number(byAuthor.coverage['tokens']), total);
  const top = byAuthor.rows[0];
  assert.equal(top?.['author'], sql[0]?.['author']);
  close(Number(top?.['value']), Number(sql[0]?.['t']));
  close(
    byAuthor.rows.reduce((s, r) => s + Number(r['share']), 0),
    1,
  );
  const byCountry = await adoption(db, { by: 'country', metric: 'tokens', asOf: '2026-08-01', days: 7 });
  close(
    byCountry.rows.reduce((s, r) => s + Number(r['value']), 0),
    total,
  );
  assert.ok(byCountry.rows.some((r) => r['country'] === 'CN') && byCountry.rows.some((r) => r['country'] === 'US'));
  assert.ok(byCountry.sources.includes('openrouter-market-sui414'));
});

test('dollars: tokens × the price valid that day, with priced and free coverage stated', async () => {
  const r = await adoption(db, { by: 'author', metric: 'dollars', asOf: '2026-08-01', days: 3 });
  assert.ok(Number(r.coverage['share_of_tokens_priced']) > 0.3);
  assert.ok('share_of_tokens_free_variants' in r.coverage);
  // One author, recomputed by hand from its usage and its prices.
  const author = String(r.rows[0]?.['author']);
  const usage = await db.all(
    `SELECT date, model_id, variant, prompt_tokens AS p, completion_tokens AS c FROM usage WHERE "window" = 'day' AND author = $1 AND date BETWEEN '2026-07-30' AND '2026-08-01'`,
    [author],
  );
  let dollars = 0;
  for (const u of usage) {
    if (u['variant'] === 'free') continue;
    const price = await db.all(
      `SELECT input_usd_per_mtok AS i, output_usd_per_mtok AS o FROM prices WHERE model_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) AND input_usd_per_mtok > 0 AND tier = 'on-demand' ORDER BY (provider = 'openrouter') DESC, valid_from DESC, input_usd_per_mtok, output_usd_per_mtok, source_id LIMIT 1`,
      [String(u['model_id']), String(u['date'])],
    );
    if (price[0])
      dollars += (Number(u['p'] ?? 0) * Number(price[0]['i']) + Number(u['c'] ?? 0) * Number(price[0]['o'])) / 1e6;
  }
  close(Number(r.rows[0]?.['value']), dollars, 1e-9);
});

test('downloads and derivatives say what the snapshot can and cannot verify', async () => {
  const d = await adoption(db, { by: 'country', metric: 'downloads' });
  const sql = await db.all(
    `SELECT country, sum(downloads) AS n FROM open_models WHERE downloads IS NOT NULL AND source_id <> 'hf-model-trees-2025-04' GROUP BY country ORDER BY n DESC`,
  );
  assert.equal(d.rows[0]?.['country'], sql[0]?.['country']);
  close(Number(d.rows[0]?.['value']), Number(sql[0]?.['n']));
  assert.match(d.verification.join(' '), /cannot be verified.*cumulative/);
});

test('derivatives: each lineage sample on its own, with its coverage and what it is a sample of', async () => {
  const v = (await adoption(db, { by: 'country', metric: 'derivatives' })) as Awaited<ReturnType<typeof adoption>> & {
    datasets: {
      source_id: string;
      sample_of: string;
      coverage: Record<string, number>;
      rows: Record<string, string | number>[];
      downloads_of_derivatives: Record<string, string | number>[] | null;
    }[];
  };
  assert.deepEqual(v.datasets.map((d) => d.source_id).sort(), ['hf-model-trees-2025-04', 'openllm-v2-lineage']);
  for (const d of v.datasets) {
    assert.match(d.sample_of, /not a Hub census/);
    assert.ok((d.coverage['share_with_base_model'] ?? 0) > 0.5 && (d.coverage['share_with_base_model'] ?? 2) <= 1);
    assert.ok(Math.abs(d.rows.reduce((a, r) => a + Number(r['share']), 0) - 1) < 1e-9);
  }
  assert.match(v.verification.join(' '), /sample, not a Hub census/);
  // The tree sample counts derivatives independently of the view: R1 and V3 descendants are Chinese-rooted.
  const trees = v.datasets.find((d) => d.source_id === 'hf-model-trees-2025-04');
  const sql = await db.all(
    `SELECT count(*) AS n FROM open_models WHERE source_id = 'hf-model-trees-2025-04' AND len(base_models) > 0`,
  );
  assert.equal(
    trees?.rows.reduce((a, r) => a + Number(r['value']), 0),
    Number(sql[0]?.['n']),
  );
  assert.ok(trees?.downloads_of_derivatives?.some((r) => r['country'] === 'CN'));
  // Lineage samples are not a downloads snapshot of the field.
  const d = await adoption(db, { by: 'country', metric: 'downloads', asOf: '2025-05-01' }).catch((e: Error) => e);
  assert.ok(d instanceof Error && /no download counts/.test(d.message));
});

test('adoption operation: output shape and clear errors', async () => {
  const r = await callOp(db, 'adoption', { by: 'country', metric: 'tokens' });
  assert.ok(r.ok, r.ok ? '' : r.failure.error);
  const body = r.output as {
    metric: string;
    window: unknown;
    coverage: unknown;
    rows: { country: string; value: number; share: number }[];
  };
  assert.equal(body.metric, 'tokens');
  assert.ok(
    body.window &&
      body.coverage &&
      body.rows.every(
        (r) => typeof r.country === 'string' && typeof r.value === 'number' && r.share >= 0 && r.share <= 1,
      ),
  );
  for (const [raw, pattern] of [
    [{ by: 'planet' }, /by: must be one of/],
    [{ metric: 'vibes' }, /metric: must be one of/],
    [{ as_of: '2026-99-01' }, /as_of: must be a real date/],
    [{ as_of: '2020-01-01' }, /no daily traffic on or before 2020-01-01/],
    [{ days: '0' }, /days: must be/],
  ] as const) {
    assert.match(await opError(db, 'adoption', raw), pattern, JSON.stringify(raw));
  }
});

test('partial days: a short last day is left out of the default window; weekends are not partial', () => {
  const days = [
    '2026-08-01',
    '2026-08-02',
    '2026-08-03',
    '2026-08-04',
    '2026-08-05',
    '2026-08-06',
    '2026-08-07',
    '2026-08-08',
  ];
  const totals = [7, 7.2, 9.1, 10, 10.7, 10.9, 10.4, 4.7].map((t, i) => ({ date: days[i] as string, total: t }));
  assert.deepEqual(partialDays(totals), ['2026-08-08']);
  assert.deepEqual(partialDays(totals.slice(0, 7)), []);
  assert.deepEqual(
    partialDays([{ date: '2026-01-01', total: 1 }, ...totals.slice(0, 7)]),
    ['2026-01-01'],
    'the first day too',
  );
});

test('adoption.daily: each day’s shares by country add up to 1 and match the tokens counted from the table', async () => {
  const r = await callOp(db, 'adoption.daily', { as_of: '2026-06-30' });
  assert.ok(r.ok, r.ok ? '' : r.failure.error);
  const o = r.output as {
    rows: { date: string; country: string; tokens: number; share: number; source_id: string }[];
    sources: string[];
  };
  assert.ok(o.rows.length > 0 && o.rows.every((x) => x.date <= '2026-06-30' && x.source_id));
  const byDate = new Map<string, number>();
  for (const x of o.rows) byDate.set(x.date, (byDate.get(x.date) ?? 0) + x.share);
  for (const [date, sum] of byDate) if (sum > 0) assert.ok(Math.abs(sum - 1) < 1e-9, `${date}: ${sum}`);
  // One day's US tokens, summed here from the usage rows of US makers.
  const day = o.rows.find((x) => x.country === 'US')?.date ?? '';
  const us = await db.rows(
    z.object({ t: z.number() }),
    `SELECT sum(u.total_tokens) AS t FROM usage u JOIN models m ON m.id = u.model_id
     JOIN organizations o ON o.id = m.organization_id
     WHERE u."window" = 'day' AND o.country = 'US' AND CAST(u.date AS VARCHAR) = $1`,
    [day],
  );
  const got = o.rows.find((x) => x.country === 'US' && x.date === day)?.tokens ?? 0;
  assert.ok(Math.abs(got - (us[0]?.t ?? 0)) <= 1e-6 * got, `${day}: ${got} vs ${us[0]?.t}`);
  assert.deepEqual(o.sources, [...new Set(o.rows.map((x) => x.source_id))].sort());
  assert.match(await opError(db, 'adoption.daily', { as_of: '2026-13-01' }), /as_of: must be a real date/);
});
