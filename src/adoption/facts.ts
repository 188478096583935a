/**
 * @module
 * Adoption's checkable facts: token shares and volumes on OpenRouter by organization, country and model per
 * window, downloads of each open model, and download and derivative shares by country per snapshot.
 */
import { z } from 'zod';
import { tables } from '../data/schema.ts';
import type { Deps, Fact } from '../ops/operation.ts';
import type { Db } from '../store/db.ts';
import { adoption, LINEAGE_SAMPLES, orgIndex, trafficDays, trafficRows } from './index.ts';
import { windowFacts } from './windows.ts';
import { TRACKED_MODELS_SOURCE } from '../data/import/adoption.ts';

const orgRow = tables.organizations.pick({ id: true, country: true });
// Plain types (db.rows' fast path) for the large reads: models, usage and open models.
const modelOrgRow = z.object({ id: z.string(), organization_id: z.string() });

/** A usage row as the shares read it: `d` the date, `w` the window. */
const usageRow = z.object({
  d: z.string(),
  w: z.string(),
  model_id: z.string(),
  author: z.string().nullable(),
  total_tokens: z.number(),
  // (Absent in some lists: the daily table has no requests; older lists no input tokens.)
  requests: z.number().nullable().optional(),
  prompt_tokens: z.number().nullable().optional(),
  variant: z.string().nullable().optional(),
  source_id: z.string(),
});
export type UsageRow = z.output<typeof usageRow>;

/** An open model row as the downloads read it: `d` the snapshot date. */
const openRow = z.object({
  model_id: z.string(),
  country: z.string(),
  base_models: z.array(z.string()),
  relation: z.string().nullable(),
  downloads: z.number().nullable(),
  downloads_all_time: z.number().nullable(),
  d: z.string(),
  source_id: z.string(),
  family: z.string().nullable(),
  organization_id: z.string().nullable(),
});
export type OpenRow = z.output<typeof openRow>;

export async function adoptionFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const orgOfModel = new Map<string, string>();
  const countryOfOrg = new Map<string, string>();
  for (const o of await db.rows(orgRow, 'SELECT id, country FROM organizations')) countryOfOrg.set(o.id, o.country);
  for (const m of await db.rows(
    modelOrgRow,
    'SELECT id, organization_id FROM models WHERE organization_id IS NOT NULL',
  ))
    orgOfModel.set(m.id, m.organization_id);
  // Daily rows count only by lab and country (no model's daily share or place): summed per lab in the query,
  // each sum a row of its lab (model id empty, the lab as author), so the day's shares are those of the rows.
  const usage = await db.rows(
    usageRow,
    `SELECT CAST(date AS VARCHAR) AS d, "window" AS w, model_id, author, total_tokens, requests, prompt_tokens,
       variant, source_id FROM usage
     WHERE total_tokens IS NOT NULL AND "window" <> 'day'
     UNION ALL
     SELECT CAST(u.date AS VARCHAR) AS d, 'day' AS w, '' AS model_id,
       COALESCE(m.organization_id, u.author, 'unknown') AS author, sum(u.total_tokens) AS total_tokens,
       sum(u.requests) AS requests, sum(u.prompt_tokens) AS prompt_tokens, NULL AS variant, u.source_id
     FROM usage u LEFT JOIN models m ON m.id = u.model_id AND m.organization_id IS NOT NULL
     WHERE u.total_tokens IS NOT NULL AND u."window" = 'day'
     GROUP BY ALL`,
  );
  deps.signal.throwIfAborted();
  const open = await db.rows(
    openRow,
    `SELECT o.model_id, o.country, o.base_models, o.relation, o.downloads, o.downloads_all_time,
       CAST(o.snapshot_date AS VARCHAR) AS d, o.source_id, m.family, o.organization_id
     FROM open_models o LEFT JOIN models m ON m.id = o.model_id`,
  );
  return [
    ...shareFacts(usage, orgOfModel, countryOfOrg, open),
    ...downloadFacts(open),
    ...trackedFacts(open.filter((r) => r.source_id === TRACKED_MODELS_SOURCE)),
    ...downloadTotals(open.filter((r) => !(r.source_id in LINEAGE_SAMPLES))),
    ...(await derivativeFacts(db)),
    ...(await rollingFacts(deps)),
  ];
}

/** Tokens, requests and dollars over the 7 and 30 days ending at each complete day (windows.ts). */
async function rollingFacts(deps: Deps): Promise<Fact[]> {
  const db = await deps.db();
  const span = await trafficDays(db);
  if (span.lo === 'null') return [];
  const rows = await trafficRows(db, span.lo, span.hiRaw);
  deps.signal.throwIfAborted();
  const orgs = await orgIndex(db);
  const prices = await db.rows(
    z.object({ source_id: z.string() }),
    `SELECT DISTINCT source_id FROM prices WHERE provider = 'openrouter' ORDER BY 1`,
  );
  const traffic = [...new Set(rows.map((r) => r.source_id))].sort();
  return [
    ...windowFacts({
      rows,
      who: (r) => {
        const a = orgs.byAuthor(r.author);
        const org = r.organization_id ?? a.org;
        return { org, country: org ? orgs.country(org) : a.country };
      },
      partial: span.partial,
      sources: { traffic, prices: prices.map((p) => p.source_id).filter((x) => !traffic.includes(x)) },
    }),
  ];
}

/** The sizes of top lists whose places a claim counts ("four of the top five"). */
const TOP_SIZES = [1, 3, 5, 10] as const;

/**
 * Places by tokens per window and date (not daily): each model's place (`usage_rank`, among the first 20),
 * and how many of the top N places each organization and country holds (`top_spots:N`), where the window
 * lists at least N models. Per group of usage rows of one window and date, as the shares read them.
 */
export function* placeFacts(
  groups: ReadonlyMap<string, readonly UsageRow[]>,
  orgOfModel: ReadonlyMap<string, string>,
  countryOfOrg: ReadonlyMap<string, string>,
  suspect: ReadonlyMap<string, string> = new Map(),
): Generator<Fact> {
  for (const [k, rows] of groups) {
    const [w, d] = k.split('|') as [string, string];
    if (w === 'day') continue;
    const byModel = new Map<string, number>();
    const sources = new Set<string>();
    const author = new Map<string, string | null>();
    for (const r of rows) {
      if (!Number.isFinite(r.total_tokens)) continue;
      byModel.set(r.model_id, (byModel.get(r.model_id) ?? 0) + r.total_tokens);
      author.set(r.model_id, r.author);
      sources.add(r.source_id);
    }
    // Ties keep no order: a model tied with another takes the better place of the two.
    const ranked = [...byModel].filter(([, t]) => t > 0).sort((a, b) => b[1] - a[1]);
    const common = {
      time: d,
      source_ids: [...sources],
      status: suspect.get(k) ?? 'confirmed',
      window: w,
      table: 'usage',
    };
    let place = 0;
    for (let i = 0; i < Math.min(20, ranked.length); i++) {
      const [model, t] = ranked[i] as [string, number];
      if (i === 0 || t !== (ranked[i - 1] as [string, number])[1]) place = i + 1;
      yield {
        ...common,
        entity: model,
        entity_kind: 'model',
        metric: 'usage_rank',
        value: place,
        unit: 'rank',
        id: `usage_rank:${w}:${d}:${model}`,
        statement: `${model}: place ${place} by tokens on OpenRouter, ${w} ending ${d}`,
      };
    }
    // Who holds each of the first ten places; every country of the window, and the labs placed, hold a count
    // for each list size (none is a figure too: "no US model in the top three").
    const top = ranked.slice(0, 10).map(([model]) => {
      const org = orgOfModel.get(model) ?? author.get(model) ?? 'unknown';
      return { organization: org, country: countryOfOrg.get(org) ?? 'unknown' };
    });
    const holders = {
      organization: new Set(top.map((h) => h.organization)),
      country: new Set(
        ranked.map(([model]) => countryOfOrg.get(orgOfModel.get(model) ?? author.get(model) ?? '') ?? 'unknown'),
      ),
    };
    for (const n of TOP_SIZES) {
      if (ranked.length < n) continue;
      for (const kind of ['organization', 'country'] as const)
        for (const entity of holders[kind]) {
          if (entity === 'unknown') continue;
          const count = top.slice(0, n).filter((h) => h[kind] === entity).length;
          yield {
            ...common,
            entity,
            entity_kind: kind,
            metric: `top_spots:${n}`,
            value: count,
            unit: 'spots',
            id: `top_spots:${n}:${w}:${d}:${entity}`,
            statement: `${entity}: ${count} of the top ${n} models by tokens on OpenRouter, ${w} ending ${d}`,
          };
        }
    }
  }
}

/**
 * Derivatives by the country of their root, as `airace adoption show --metric derivatives --by country` reports
 * them (a lineage sample, not a census of the Hub: its figures can bear a claim out, never refute one, since the
 * checker refutes only on the measures it lists as refutable).
 */
async function derivativeFacts(db: Db): Promise<Fact[]> {
  const r = await adoption(db, { by: 'country', metric: 'derivatives' }).catch(() => null);
  if (!r) return [];
  // The sample's date, as the report names it ("… in openllm-v2-lineage (2025-06-09)").
  const day = r.window.to ?? /\((\d{4}-\d{2}-\d{2})\)/.exec(r.window.description)?.[1] ?? null;
  const out: Fact[] = [];
  for (const row of r.rows) {
    const c = String(row['country']);
    if (c === 'unknown' || c === 'other') continue;
    const base = {
      entity: c,
      entity_kind: 'country' as const,
      time: day,
      source_ids: r.sources,
      status: 'confirmed',
      table: 'lineage',
    };
    out.push(
      {
        ...base,
        metric: 'derivatives',
        value: Number(row['value']),
        unit: 'models',
        id: `derivatives:${day}:${c}`,
        series: `derivatives:${c}`,
        statement: `${c}: ${row['value']} derivatives rooted in its models, ${r.window.description.slice(0, 80)}`,
      },
      {
        ...base,
        metric: 'derivative_share',
        value: Number(row['share']),
        unit: 'ratio',
        id: `derivative_share:${day}:${c}`,
        series: `derivative_share:${c}`,
        statement: `${c}: ${(100 * Number(row['share'])).toFixed(1)}% of derivatives rooted in its models, ${r.window.description.slice(0, 80)}`,
      },
    );
  }
  return out;
}

/**
 * Downloads of each country's, each family's and each organization's models per snapshot (30 days as the hub counts
 * them), and each family's and organization's share of the snapshot's: the totals `airace adoption show --metric
 * downloads --by country|family|author` reports (lineage samples left out, as there).
 */
export function* downloadTotals(open: readonly OpenRow[]): Generator<Fact> {
  const snaps = new Map<string, OpenRow[]>();
  for (const r of open) {
    if (r.downloads === null || !Number.isFinite(r.downloads)) continue;
    let g = snaps.get(r.d);
    if (!g) snaps.set(r.d, (g = []));
    g.push(r);
  }
  for (const [d, rows] of snaps) {
    const total = rows.reduce((s, r) => s + (r.downloads as number), 0);
    const sources = [...new Set(rows.map((r) => r.source_id))];
    for (const [kind, keyOf] of [
      ['country', (r: OpenRow) => r.country],
      ['family', (r: OpenRow) => (r.family ? `family:${r.family}` : null)],
      // (The organization that publishes a model: "千问团队发布的模型", "Meta's models".)
      ['organization', (r: OpenRow) => r.organization_id],
    ] as const) {
      const by = new Map<string, number>();
      for (const r of rows) {
        const k = keyOf(r);
        if (k && k !== 'unknown' && k !== 'other') by.set(k, (by.get(k) ?? 0) + (r.downloads as number));
      }
      for (const [entity, v] of by) {
        const base = {
          entity,
          entity_kind: kind === 'family' ? ('model' as const) : kind,
          time: d,
          source_ids: sources,
          status: 'confirmed',
          window: '30d',
          table: 'open_models',
        };
        yield {
          ...base,
          metric: 'downloads',
          value: v,
          unit: 'downloads',
          id: `downloads:${d}:${entity}`,
          statement: `${entity}: ${v} downloads of the ${rows.length} open models of the snapshot ${d} (30 days)`,
        };
        if (kind !== 'country' && total > 0)
          yield {
            ...base,
            metric: 'downloads_share',
            value: v / total,
            unit: 'ratio',
            id: `downloads_share:${d}:${entity}`,
            statement: `${entity}: ${((100 * v) / total).toFixed(1)}% of downloads of the ${rows.length} open models of the snapshot ${d}`,
          };
      }
    }
  }
}

/** Downloads (last 30 days as the hub counts them, and all time) of each open model per snapshot. */
export function* downloadFacts(open: readonly OpenRow[]): Generator<Fact> {
  for (const r of open) {
    for (const col of ['downloads', 'downloads_all_time'] as const) {
      const n = r[col];
      if (n === null) continue;
      yield {
        entity: r.model_id,
        entity_kind: 'model',
        metric: col,
        value: n,
        unit: 'downloads',
        time: r.d,
        source_ids: [r.source_id],
        status: 'confirmed',
        // The hub's downloads count the 30 days to the snapshot; the all-time count is a standing total.
        ...(col === 'downloads' ? { window: '30d' } : { series: `${r.model_id}:${col}` }),
        table: 'open_models',
        id: `${r.model_id}:${col}:${r.d}`,
        statement: `${r.model_id}: ${n} ${col.replace(/_/g, ' ')} (${r.d})`,
      };
    }
  }
}

/**
 * Token shares (usage) per window and date, by organization, by country and by model; and, from the open
 * models table, download shares and derivative shares by country per snapshot.
 */
/**
 * Lists whose tokens sum to under 1% of the median list of their window (the monthly list of 5 August 2026 holds
 * three embedding models, 1,123 tokens): the status their facts carry instead of `confirmed`.
 */
function partialScrapes(groups: ReadonlyMap<string, readonly UsageRow[]>): Map<string, string> {
  const totals = new Map<string, [string, number][]>();
  for (const [k, rows] of groups) {
    const w = k.split('|')[0] as string;
    const t = rows.reduce((a, r) => a + (Number.isFinite(r.total_tokens) ? r.total_tokens : 0), 0);
    const l = totals.get(w) ?? [];
    l.push([k, t]);
    totals.set(w, l);
  }
  const out = new Map<string, string>();
  for (const list of totals.values()) {
    const sorted = list.map(([, t]) => t).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    for (const [k, t] of list)
      if (list.length >= 5 && t < 0.01 * median)
        out.set(k, `inconsistent: the list sums to ${t} tokens, under 1% of the median list of its window (${median})`);
  }
  return out;
}

/**
 * A model listed twice in one list, once per variant ("x-ai/grok-4.1-fast:free" beside the paid one): each row's
 * tokens too, as an article may cite the one a dashboard showed.
 */
function* variantFacts(groups: ReadonlyMap<string, readonly UsageRow[]>, suspect: ReadonlyMap<string, string>) {
  for (const [k, rows] of groups) {
    const [w, d] = k.split('|') as [string, string];
    if (w === 'day') continue;
    const byModel = new Map<string, UsageRow[]>();
    for (const r of rows) {
      const l = byModel.get(r.model_id);
      if (l) l.push(r);
      else byModel.set(r.model_id, [r]);
    }
    for (const [model, list] of byModel) {
      if (list.length < 2) continue;
      for (const r of list) {
        if (!Number.isFinite(r.total_tokens) || r.total_tokens <= 0) continue;
        const v = r.variant ?? 'standard';
        yield {
          entity: model,
          entity_kind: 'model',
          metric: `tokens:${w}`,
          value: r.total_tokens,
          unit: 'tokens',
          time: d,
          source_ids: [r.source_id],
          status: suspect.get(k) ?? 'confirmed',
          window: w,
          table: 'usage',
          id: `tokens:${w}:${d}:${model}:${v}`,
          statement: `${model} (its ${v} variant only): ${r.total_tokens} tokens on OpenRouter, ${w} ending ${d}`,
        } satisfies Fact;
      }
    }
  }
}

/**
 * A census of open models (the ATOM Project's list): how many models each country and organization has on it, each
 * country's share of them, and how many organizations of each country, per snapshot.
 */
export function* trackedFacts(rows: readonly OpenRow[]): Generator<Fact> {
  const snaps = new Map<string, OpenRow[]>();
  for (const r of rows) {
    const l = snaps.get(r.d);
    if (l) l.push(r);
    else snaps.set(r.d, [r]);
  }
  for (const [d, list] of snaps) {
    const models = new Map<string, number>();
    const orgs = new Map<string, Set<string>>();
    for (const r of list) {
      models.set(r.country, (models.get(r.country) ?? 0) + 1);
      if (r.organization_id) {
        models.set(r.organization_id, (models.get(r.organization_id) ?? 0) + 1);
        const s = orgs.get(r.country) ?? new Set<string>();
        orgs.set(r.country, s.add(r.organization_id));
      }
    }
    const countries = new Set(list.map((r) => r.country));
    const base = (entity: string, metric: string, value: number, unit: string, statement: string): Fact => ({
      entity,
      entity_kind: countries.has(entity) ? 'country' : 'organization',
      metric,
      value,
      unit,
      time: d,
      source_ids: [...new Set(list.map((r) => r.source_id))],
      status: 'confirmed',
      table: 'open_models',
      id: `${metric}:${d}:${entity}`,
      // (A series: an undated claim is of the latest list, which can bear it out or refute it.)
      series: `${metric}:${entity}`,
      statement: `${statement}, on the tracked list of open models of ${d} (${list.length} models)`,
    });
    for (const [entity, n] of models) {
      yield base(entity, 'open_models', n, 'models', `${entity}: ${n} models`);
      if (countries.has(entity))
        yield base(
          entity,
          'open_model_share',
          n / list.length,
          'ratio',
          `${entity}: ${((100 * n) / list.length).toFixed(1)}% of the models`,
        );
    }
    for (const [entity, s] of orgs)
      yield base(entity, 'open_organizations', s.size, 'organizations', `${entity}: ${s.size} organizations`);
  }
}

export function* shareFacts(
  usage: readonly UsageRow[],
  orgOfModel: ReadonlyMap<string, string>,
  countryOfOrg: ReadonlyMap<string, string>,
  open: readonly OpenRow[] = [],
): Generator<Fact> {
  const groups = new Map<string, UsageRow[]>();
  for (const r of usage) {
    const k = `${r.w}|${r.d}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const suspect = partialScrapes(groups);
  for (const [k, rows] of groups) {
    const [w, d] = k.split('|') as [string, string];
    // (A list far smaller than the others of its window is a broken scrape: flagged, it neither bears out nor refutes.)
    const status = suspect.get(k) ?? 'confirmed';
    let total = 0;
    const by = {
      organization: new Map<string, number>(),
      country: new Map<string, number>(),
      model: new Map<string, number>(),
    };
    // Requests, and input tokens beside the total, where the list gives them: keyed `kind|entity`.
    const requests = new Map<string, number>();
    const input = new Map<string, [number, number]>();
    const sources = new Set<string>();
    for (const r of rows) {
      const t = r.total_tokens;
      if (!Number.isFinite(t)) continue;
      total += t;
      sources.add(r.source_id);
      const model = r.model_id;
      const org = orgOfModel.get(model) ?? r.author ?? 'unknown';
      const country = countryOfOrg.get(org) ?? 'unknown';
      by.organization.set(org, (by.organization.get(org) ?? 0) + t);
      by.country.set(country, (by.country.get(country) ?? 0) + t);
      by.model.set(model, (by.model.get(model) ?? 0) + t);
      for (const key of [`organization|${org}`, `country|${country}`, `model|${model}`]) {
        if (r.requests != null && Number.isFinite(r.requests)) requests.set(key, (requests.get(key) ?? 0) + r.requests);
        if (r.prompt_tokens != null && Number.isFinite(r.prompt_tokens) && t > 0) {
          const [p, all] = input.get(key) ?? [0, 0];
          input.set(key, [p + r.prompt_tokens, all + t]);
        }
      }
    }
    if (total <= 0) continue;
    // A source that lists only the top N models ("…-top10") gives lower bounds for any sum over them.
    const partial = [...sources].some((src) => /top-?\d+/i.test(src));
    // And any list's platform total sums only the models it lists (the daily table counts more).
    const sum = partial ? ' (at least: a sum over the top models only)' : '';
    if (w !== 'day')
      yield {
        entity: 'openrouter',
        entity_kind: 'organization',
        metric: `platform_tokens:${w}`,
        value: total,
        unit: 'tokens',
        time: d,
        source_ids: [...sources],
        status,
        lower_bound: true,
        window: w,
        table: 'usage',
        id: `platform_tokens:${w}:${d}`,
        statement: `all tracked models: ${total} tokens on OpenRouter, ${w} ending ${d}${sum || ' (at least: a sum over the models listed)'}`,
      };
    for (const kind of ['organization', 'country', 'model'] as const) {
      if (kind === 'model' && w === 'day') continue;
      for (const [entity, t] of by[kind]) {
        if (entity === 'unknown') continue;
        const share = t / total;
        if (kind === 'model' && share < 0.001) continue;
        // One figure of this entity in this list (`bound`: a lab's or a country's sum over a top-N list, a lower bound).
        const summed = partial && kind !== 'model';
        const of = (metric: string, id: string, value: number, unit: string, what: string, bound = false): Fact => ({
          entity,
          entity_kind: kind,
          metric,
          value,
          unit,
          time: d,
          source_ids: [...sources],
          status,
          ...(bound ? { lower_bound: true } : {}),
          window: w,
          table: 'usage',
          id: `${id}:${d}:${entity}`,
          statement: `${entity}: ${what} on OpenRouter, ${w} ending ${d}${bound ? sum : ''}`,
        });
        yield of('token_share', `token_share:${w}`, share, 'ratio', `${(100 * share).toFixed(1)}% of tokens`);
        // (A day's volume only of a lab or a country: the daily rows are summed per lab.)
        if (t > 0) yield of(`tokens:${w}`, `tokens:${w}`, t, 'tokens', `${t} tokens`, summed);
        const n = requests.get(`${kind}|${entity}`);
        if (n !== undefined && n > 0)
          yield of(`requests:${w}`, `requests:${w}`, n, 'requests', `${n} requests`, summed);
        // The share of its tokens that were input (prompt) tokens.
        const io = input.get(`${kind}|${entity}`);
        if (io && io[1] > 0 && kind === 'model')
          yield of(
            'input_share',
            `input_share:${w}`,
            io[0] / io[1],
            'ratio',
            `${((100 * io[0]) / io[1]).toFixed(1)}% of its tokens input,`,
          );
      }
    }
  }
  yield* variantFacts(groups, suspect);
  yield* placeFacts(groups, orgOfModel, countryOfOrg, suspect);
  yield* weeklyGrowth(usage);
  yield* cumulative(usage);
  // Download and derivative shares by country, per snapshot of the open models table.
  const countryOfHub = new Map(open.map((r) => [r.model_id, r.country]));
  const snaps = new Map<string, OpenRow[]>();
  for (const r of open) {
    const d = r.d;
    let g = snaps.get(d);
    if (!g) snaps.set(d, (g = []));
    g.push(r);
  }
  for (const [d, rows] of snaps) {
    const dl = new Map<string, number>();
    const der = new Map<string, number>();
    let dlTotal = 0;
    let derTotal = 0;
    const sources = [...new Set(rows.map((r) => r.source_id))];
    for (const r of rows) {
      const c = r.country;
      const n = r.downloads;
      if (n !== null && Number.isFinite(n)) {
        dlTotal += n;
        dl.set(c, (dl.get(c) ?? 0) + n);
      }
      const rel = r.relation;
      if (rel && rel !== 'base') {
        const base = r.base_models[0];
        const bc = base ? countryOfHub.get(base) : undefined;
        if (bc) {
          derTotal++;
          der.set(bc, (der.get(bc) ?? 0) + 1);
        }
      }
    }
    for (const [metric, m, total, what] of [
      ['downloads_share', dl, dlTotal, 'downloads of tracked open models'],
      ['derivative_share', der, derTotal, 'derivatives built on tracked open models'],
    ] as const) {
      if (total <= 0) continue;
      for (const [c, v] of m) {
        if (c === 'unknown' || c === 'other') continue;
        yield {
          entity: c,
          entity_kind: 'country',
          metric,
          value: v / total,
          unit: 'ratio',
          time: d,
          source_ids: sources,
          status: 'confirmed',
          ...(metric === 'downloads_share' ? { window: '30d' } : { series: `${metric}:${c}` }),
          table: 'open_models',
          id: `${metric}:${d}:${c}`,
          statement: `${c}: ${((100 * v) / total).toFixed(1)}% of ${what}, snapshot ${d}`,
        };
      }
    }
  }
}

const DAY_MS = 86_400_000;

/** Week-over-week change of each model's weekly tokens, where the data holds two consecutive weeks. */
export function* weeklyGrowth(usage: readonly UsageRow[]): Generator<Fact> {
  // Each list's tokens by model (a model listed once per variant summed) and in all, by the list's date.
  const lists = new Map<string, { byModel: Map<string, number>; total: number; src: Set<string> }>();
  for (const r of usage) {
    const t = r.total_tokens;
    if (r.w !== 'week' || !Number.isFinite(t)) continue;
    let l = lists.get(r.d);
    if (!l) lists.set(r.d, (l = { byModel: new Map(), total: 0, src: new Set() }));
    l.byModel.set(r.model_id, (l.byModel.get(r.model_id) ?? 0) + t);
    l.total += t;
    l.src.add(r.source_id);
  }
  const dates = [...lists.keys()].sort();
  for (let k = 1; k < dates.length; k++) {
    const [prev, d] = [dates[k - 1] as string, dates[k] as string];
    // (The list before, a week earlier; a list a day late, 8 days, still follows its week.)
    const gap = (Date.parse(d) - Date.parse(prev)) / DAY_MS;
    if (gap < 6 || gap > 9) continue;
    const [before, now] = [lists.get(prev), lists.get(d)] as [
      NonNullable<ReturnType<typeof lists.get>>,
      NonNullable<ReturnType<typeof lists.get>>,
    ];
    const sources = [...new Set([...before.src, ...now.src])];
    const growth = (entity: string, kind: 'model' | 'organization', a: number, b: number, what: string): Fact => {
      const g = b / a - 1;
      return {
        entity,
        entity_kind: kind,
        metric: 'growth:week',
        value: g,
        unit: 'ratio',
        time: d,
        source_ids: sources,
        status: 'confirmed',
        window: 'week',
        table: 'usage (derived)',
        id: `growth:week:${d}:${entity}`,
        statement: `${what}: ${a} → ${b} tokens on OpenRouter, weeks ending ${prev} and ${d} (${g >= 0 ? '+' : ''}${(100 * g).toFixed(1)}%)`,
      };
    };
    for (const [model, b] of now.byModel) {
      const a = before.byModel.get(model);
      if (a && a > 0) yield growth(model, 'model', a, b, model);
    }
    // The list's own total, against the list before (its models may differ): "the ten models grew 25% on the week".
    if (before.total > 0)
      yield growth('openrouter', 'organization', before.total, now.total, 'the models listed, in all');
  }
}

/** Tokens processed so far: the running sum of the weekly lists, a lower bound when they name the top models only. */
export function* cumulative(usage: readonly UsageRow[]): Generator<Fact> {
  const byWeek = new Map<string, { t: number; sources: Set<string> }>();
  for (const r of usage) {
    const t = r.total_tokens;
    if (r.w !== 'week' || !Number.isFinite(t)) continue;
    const d = r.d;
    const w = byWeek.get(d) ?? { t: 0, sources: new Set<string>() };
    w.t += t;
    w.sources.add(r.source_id);
    byWeek.set(d, w);
  }
  let sum = 0;
  const sources = new Set<string>();
  const weeks = [...byWeek.keys()].sort();
  for (const d of weeks) {
    const w = byWeek.get(d) as { t: number; sources: Set<string> };
    sum += w.t;
    for (const s of w.sources) sources.add(s);
    const partial = [...sources].some((src) => /top-?\d+/i.test(src));
    yield {
      entity: 'openrouter',
      entity_kind: 'organization',
      metric: 'platform_tokens:cumulative',
      value: sum,
      unit: 'tokens',
      time: d,
      source_ids: [...sources],
      status: 'confirmed',
      ...(partial ? { lower_bound: true } : {}),
      table: 'usage (derived)',
      id: `platform_tokens:cumulative:${d}`,
      statement: `tokens on OpenRouter in the weekly lists from the week ending ${weeks[0] ?? d} to the week ending ${d}: ${sum}${partial ? ' (at least: top models only)' : ''}`,
    };
  }
}
