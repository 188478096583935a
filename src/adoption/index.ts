/**
 * @module
 * Adoption: who developers download and build on, and whose models carry traffic. Downloads and
 * derivatives come from `open_models` (lineage resolved by lineage.ts); tokens, requests and dollars from
 * OpenRouter `usage` joined to the price valid that day. Every answer states its window and coverage, and
 * says plainly what the data cannot verify.
 */
import { median } from '../util/stats.ts';
import { z } from 'zod';
import { modelKey } from '../data/identity.ts';
import { tables } from '../data/schema.ts';
import type { Db } from '../store/db.ts';
import { LINEAGE_SAMPLES } from '../data/import/lineage.ts';
import { resolveLineage, rootId, type HubRecord } from './lineage.ts';
import { grouped } from '../util/numbers.ts';
import { addDays } from '../util/dates.ts';

export type By = 'country' | 'family' | 'author';
export type AdoptionMetric = 'downloads' | 'derivatives' | 'tokens' | 'requests' | 'dollars';
export const BYS: readonly By[] = ['country', 'family', 'author'];
export const METRICS: readonly AdoptionMetric[] = ['downloads', 'derivatives', 'tokens', 'requests', 'dollars'];

export class AdoptionError extends Error {}

export { LINEAGE_SAMPLES };

export interface AdoptionRequest {
  by: By;
  metric: AdoptionMetric;
  asOf?: string;
  /** Days of traffic to sum, ending at as_of (tokens, requests, dollars). */
  days?: number;
}

export interface AdoptionRow {
  key: string;
  value: number;
  share: number;
}

export interface AdoptionReport {
  metric: AdoptionMetric;
  by: By;
  window: { from: string | null; to: string | null; description: string };
  coverage: Record<string, number | string>;
  rows: Record<string, string | number>[];
  /** Derivatives only: per month of creation, the share of new models deriving from each root. */
  monthly?: { month: string; new_models: number; share_of_new_models: Record<string, number> }[];
  verification: string[];
  sources: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function table(by: By, totals: Map<string, number>): Record<string, string | number>[] {
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, value]) => ({ [by]: key, value, share: sum > 0 ? value / sum : 0 }));
}

export interface OrgIndex {
  /** The organization whose curated model-family prefix starts a model name (`someone/Qwen2.5-7B-merge` → alibaba). */
  byModelName(name: string): { org: string | null; country: string };
  country(org: string | null): string;
  byAuthor(author: string | null): { org: string | null; country: string };
}

const orgRow = tables.organizations.pick({
  id: true,
  name_en: true,
  country: true,
  aliases: true,
  hf_orgs: true,
  model_prefixes: true,
});

export async function orgIndex(db: Db): Promise<OrgIndex> {
  const orgs = await db.rows(
    orgRow,
    'SELECT id, name_en, country, aliases, hf_orgs, model_prefixes FROM organizations',
  );
  const country = new Map(orgs.map((o) => [o.id, o.country]));
  const byName = new Map<string, string>();
  const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const o of orgs) {
    for (const n of [o.id, o.name_en, ...o.aliases, ...o.hf_orgs]) {
      if (!byName.has(fold(n))) byName.set(fold(n), o.id);
    }
  }
  const prefixes = orgs
    .flatMap((o) =>
      o.model_prefixes.map((p) => ({
        p: p.toLowerCase().replace(/(\d)\.(?=\d)/g, '$1-'),
        org: o.id,
      })),
    )
    .sort((a, b) => b.p.length - a.p.length);
  return {
    byModelName: (name) => {
      const key = modelKey(name);
      const hit = prefixes.find(
        ({ p }) => key.startsWith(p) && (p.endsWith('-') || !/[a-z]/.test(key.charAt(p.length))),
      );
      return { org: hit?.org ?? null, country: hit ? (country.get(hit.org) ?? 'unknown') : 'unknown' };
    },
    country: (org) => (org ? (country.get(org) ?? 'unknown') : 'unknown'),
    byAuthor: (author) => {
      const org = author ? (byName.get(fold(author)) ?? null) : null;
      return { org, country: org ? (country.get(org) ?? 'unknown') : 'unknown' };
    },
  };
}

/** A day at either end of the data whose volume is below this share of the median of its week is partial. */
export const PARTIAL_DAY_SHARE = 0.6;

/**
 * Partially scraped days: at either end of a daily series, a day whose total is below PARTIAL_DAY_SHARE of the
 * median of the (up to) seven full days next to it; the test moves inward while it holds. Pure.
 * @param totals daily totals, any order
 * @returns the partial dates, sorted
 */
export function partialDays(totals: readonly { date: string; total: number }[]): string[] {
  const days = [...totals].sort((a, b) => a.date.localeCompare(b.date));
  const out: string[] = [];
  const med = (xs: number[]) => median(xs) as number;
  for (const fromEnd of [true, false]) {
    const seq = fromEnd ? [...days].reverse() : days;
    for (let i = 0; i < seq.length - 3; i++) {
      const d = seq[i] as { date: string; total: number };
      const next = seq.slice(i + 1, i + 8).map((x) => x.total);
      if (d.total >= PARTIAL_DAY_SHARE * med(next)) break;
      out.push(d.date);
    }
  }
  return [...new Set(out)].sort();
}

/** The daily traffic's span and its partially scraped days: the default window ends on the last complete day. */
export interface TrafficDays {
  lo: string;
  /** The last day with rows, complete or not. */
  hiRaw: string;
  /** The last complete day. */
  hi: string;
  partial: string[];
}

export async function trafficDays(db: Db): Promise<TrafficDays> {
  const range = await db.rows(
    z.object({ lo: z.string().nullable(), hi: z.string().nullable() }),
    `SELECT CAST(min(date) AS VARCHAR) AS lo, CAST(max(date) AS VARCHAR) AS hi FROM usage WHERE "window" = 'day'`,
  );
  const lo = String(range[0]?.lo);
  const hiRaw = String(range[0]?.hi);
  const daily = await db.rows(
    z.object({ d: z.string(), t: z.number() }),
    `SELECT CAST(date AS VARCHAR) AS d, sum(COALESCE(prompt_tokens, 0) + COALESCE(completion_tokens, 0)) AS t FROM usage WHERE "window" = 'day' GROUP BY 1`,
  );
  const partial = partialDays(daily.map((r) => ({ date: r.d, total: r.t })));
  // A partially scraped day would understate every share's base.
  const complete = daily
    .map((r) => r.d)
    .filter((d) => !partial.includes(d))
    .sort();
  return { lo, hiRaw, hi: complete.at(-1) ?? hiRaw, partial };
}

/** One daily usage row with the price valid that day (`pin`, `pout`: USD per million input and output tokens). */
export type TrafficRow = z.output<typeof trafficRow>;

/** The daily usage rows from `from` to `to` (inclusive), each with the price valid that day, if any. */
export function trafficRows(db: Db, from: string, to: string): Promise<TrafficRow[]> {
  return db.rows(
    trafficRow,
    `SELECT CAST(u.date AS VARCHAR) AS d, u.source_id, u.author, u.variant, u.prompt_tokens AS p, u.completion_tokens AS c,
            u.requests AS r, m.family, m.organization_id, pr.i AS pin, pr.o AS pout
     FROM usage u LEFT JOIN models m ON m.id = u.model_id
     LEFT JOIN LATERAL (
       -- One price row per usage row: OpenRouter's own price first, then the latest, then the cheapest; on-demand
       -- only (a batch price is half and would halve the dollars).
       SELECT x.input_usd_per_mtok AS i, x.output_usd_per_mtok AS o FROM prices x
       WHERE x.model_id = u.model_id AND x.valid_from <= u.date AND (x.valid_to IS NULL OR x.valid_to > u.date) AND x.input_usd_per_mtok > 0
         AND x.tier = 'on-demand'
       ORDER BY (x.provider = 'openrouter') DESC, x.valid_from DESC, x.input_usd_per_mtok, x.output_usd_per_mtok, x.source_id LIMIT 1
     ) pr ON true
     WHERE u."window" = 'day' AND u.date BETWEEN $1 AND $2`,
    [from, to],
  );
}

/**
 * What one row counts: tokens (prompt + completion), requests, or dollars (tokens at the price valid that day;
 * a free variant and an unpriced model count 0, `priced` says which). Pure.
 */
export function rowValue(r: TrafficRow, metric: 'tokens' | 'requests' | 'dollars'): { value: number; priced: boolean } {
  const p = r.p ?? 0;
  const c = r.c ?? 0;
  if (metric === 'tokens') return { value: p + c, priced: false };
  if (metric === 'requests') return { value: r.r ?? 0, priced: false };
  if (r.variant === 'free' || r.pin === null) return { value: 0, priced: false };
  return { value: (p * r.pin + c * (r.pout ?? 0)) / 1e6, priced: true };
}

/** Traffic (tokens, requests, dollars) over `days` days ending at as_of, from OpenRouter's daily activity. */
async function traffic(db: Db, req: AdoptionRequest): Promise<AdoptionReport> {
  const { lo, hiRaw, hi, partial } = await trafficDays(db);
  const to = req.asOf ?? hi;
  const days = req.days ?? 30;
  const from = addDays(to, -(days - 1));
  if (to < lo)
    throw new AdoptionError(`no daily traffic on or before ${to} (OpenRouter daily activity covers ${lo} to ${hi})`);
  const rows = await trafficRows(db, from, to);
  const partialInWindow = partial.filter((d) => d >= from && d <= to);
  const orgs = await orgIndex(db);
  const totals = new Map<string, number>();
  let tokens = 0;
  let pricedTokens = 0;
  let freeTokens = 0;
  let unknownCountryTokens = 0;
  const priceSources = new Set<string>();
  for (const r of rows) {
    const t = (r.p ?? 0) + (r.c ?? 0);
    tokens += t;
    const author = r.author;
    const who = orgs.byAuthor(author);
    const org = r.organization_id ?? who.org;
    const country = org ? orgs.country(org) : who.country;
    if (country === 'unknown') unknownCountryTokens += t;
    const key =
      req.by === 'country'
        ? country === 'unknown'
          ? 'unknown'
          : country
        : req.by === 'family'
          ? (r.family ?? 'unknown')
          : (author ?? 'unknown');
    const { value, priced } = rowValue(r, req.metric as 'tokens' | 'requests' | 'dollars');
    if (req.metric === 'dollars') {
      if (r.variant === 'free') freeTokens += t;
      else if (priced) pricedTokens += t;
    }
    totals.set(key, (totals.get(key) ?? 0) + value);
  }
  const openrouter = `SELECT DISTINCT source_id FROM prices WHERE provider = 'openrouter'`;
  for (const s of await db.rows(z.object({ source_id: z.string() }), openrouter)) priceSources.add(s.source_id);
  const coverage: Record<string, number | string> = {
    rows: rows.length,
    tokens,
    share_of_tokens_without_country: tokens ? unknownCountryTokens / tokens : 0,
    scope: 'OpenRouter only: one API aggregator, not the whole market',
    partial_days: partial.join(', ') || 'none',
    partial_days_in_window: partialInWindow.length,
  };
  if (req.metric === 'dollars') {
    coverage['share_of_tokens_priced'] = tokens ? pricedTokens / tokens : 0;
    coverage['share_of_tokens_free_variants'] = tokens ? freeTokens / tokens : 0;
  }
  const result = table(req.by, totals);
  return {
    metric: req.metric,
    by: req.by,
    window: {
      from,
      to,
      description: `${days} days of OpenRouter daily activity ending ${to} (daily data covers ${lo} to ${hiRaw}${partial.length ? `; partially scraped, left out of the default window: ${partial.join(', ')}` : ''})${partialInWindow.length ? `; this window includes ${partialInWindow.length} partial day(s)` : ''}`,
    },
    coverage,
    rows: result,
    verification:
      req.metric === 'dollars'
        ? [
            'dollars = prompt tokens × input price + completion tokens × output price, at the price valid that day (OpenRouter\u2019s own first, else the latest listed); free variants count 0, unpriced models count 0 and are reported in coverage',
          ]
        : [],
    sources: [
      'openrouter-market-sui414',
      ...(req.metric === 'dollars' ? [...priceSources].filter((s) => s !== 'openrouter-market-sui414') : []),
      'airace-curated-organizations',
    ],
  };
}

const U = tables.usage.shape;
const trafficRow = z.object({
  d: z.string(),
  source_id: z.string(),
  author: U.author,
  variant: U.variant,
  p: U.prompt_tokens,
  c: U.completion_tokens,
  r: U.requests,
  family: z.string().nullable(),
  organization_id: z.string().nullable(),
  pin: z.number().nullable(),
  pout: z.number().nullable(),
});

const OM = tables.open_models.shape;
// Downloads are not null: the query keeps only rows with them.
const downloadRow = z.object({
  hub_id: OM.hub_id,
  downloads: z.number(),
  country: OM.country,
  organization_id: OM.organization_id,
  source_id: OM.source_id,
  family: z.string().nullable(),
});

const lineageRow = tables.open_models.pick({
  hub_id: true,
  base_models: true,
  relation: true,
  created: true,
  downloads: true,
  source_id: true,
});
type LineageRow = z.output<typeof lineageRow>;

/** Downloads by origin, family or author: the latest download snapshot on or before as_of. */
async function downloads(db: Db, req: AdoptionRequest): Promise<AdoptionReport> {
  // Lineage samples (a few model trees) are not a downloads snapshot of the open-model field: left out here.
  const samples = Object.keys(LINEAGE_SAMPLES)
    .map((x) => `'${x}'`)
    .join(', ');
  const snap = await db.rows(
    z.object({ d: z.string().nullable() }),
    `SELECT CAST(max(snapshot_date) AS VARCHAR) AS d FROM open_models WHERE downloads IS NOT NULL AND source_id NOT IN (${samples})${req.asOf ? ' AND snapshot_date <= $1' : ''}`,
    req.asOf ? [req.asOf] : [],
  );
  const date = snap[0]?.d;
  if (!date) throw new AdoptionError(`no download counts on or before ${req.asOf ?? 'today'} in the snapshot`);
  const rows = await db.rows(
    downloadRow,
    `SELECT o.hub_id, o.downloads, o.country, o.organization_id, o.source_id, m.family FROM open_models o LEFT JOIN models m ON m.id = o.model_id
     WHERE o.snapshot_date = $1 AND o.downloads IS NOT NULL AND o.source_id NOT IN (${samples})`,
    [date],
  );
  const totals = new Map<string, number>();
  for (const r of rows) {
    const key =
      req.by === 'country'
        ? r.country
        : req.by === 'family'
          ? (r.family ?? 'unknown')
          : (r.hub_id.split('/')[0] ?? 'unknown');
    totals.set(key, (totals.get(key) ?? 0) + r.downloads);
  }
  const family = (f: string) => rows.filter((r) => r.family === f).reduce((s, r) => s + r.downloads, 0);
  const qwen = family('qwen');
  const llama = family('llama');
  return {
    metric: 'downloads',
    by: req.by,
    window: {
      from: date,
      to: date,
      description: `Hugging Face rolling 30-day downloads as of ${date}, for the ${rows.length} models in that snapshot`,
    },
    coverage: {
      models: rows.length,
      scope: `the ${rows.length} top open models of one Hugging Face snapshot, not the Hub`,
    },
    rows: table(req.by, totals),
    verification: [
      `"Qwen passed Llama in cumulative Hugging Face downloads": cannot be verified from the shipped data, which has no cumulative (all-time) downloads and no history. What it shows: 30-day downloads on ${date} among these ${rows.length} models, Qwen family ${grouped(qwen)} vs Llama family ${grouped(llama)}. \`airace refresh hf\` adds all-time downloads where the Hub gives them.`,
    ],
    sources: [...new Set(rows.map((r) => r.source_id))],
  };
}

/** One lineage dataset's derivative counts, per root (family, author or country) and per month of creation. */
interface DerivativeShares {
  rows: Record<string, string | number>[];
  monthly: { month: string; new_models: number; share_of_new_models: Record<string, number> }[];
  coverage: Record<string, number | string>;
  /** 30-day downloads of the derivatives of each root, where the dataset has downloads. */
  downloads: Record<string, string | number>[] | null;
}

function derivativeShares(rows: LineageRow[], by: By, asOf: string | undefined, orgs: OrgIndex): DerivativeShares {
  const records: HubRecord[] = rows.map((r) => ({
    id: r.hub_id,
    base_models: r.base_models,
    // A base model has no parent, so no relation to one.
    relation: r.relation === 'base' ? null : r.relation,
  }));
  const lineage = resolveLineage(records);
  const byId = new Map(rows.map((r) => [r.hub_id, r]));
  const totals = new Map<string, number>();
  const dl = new Map<string, number>();
  let withDownloads = 0;
  let byName = 0;
  const asOfMonth = (asOf ?? '9999-12').slice(0, 7);
  let counted = 0;
  // Per month of creation: new models, and how many derive from each root.
  const monthly = new Map<string, { new_models: number; derivatives: Map<string, number> }>();
  lineage.ids.forEach((id, i) => {
    const row = byId.get(id);
    const created = row?.created ?? '';
    if (!created || created.slice(0, 7) > asOfMonth) return;
    const month = monthly.get(created.slice(0, 7)) ?? { new_models: 0, derivatives: new Map<string, number>() };
    monthly.set(created.slice(0, 7), month);
    month.new_models++;
    if ((lineage.depth[i] ?? 0) === 0) return;
    const root = rootId(lineage, i);
    const ns = root.split('/')[0] ?? root;
    // A root the data cannot place by its namespace (an intermediate merge under a user account) is placed by the
    // model family its name starts with, and counted as such in the coverage.
    let country = orgs.byAuthor(ns).country;
    if (country === 'unknown' && by === 'country') {
      country = orgs.byModelName(root).country;
      if (country !== 'unknown') byName++;
    }
    const key =
      by === 'country' ? country : by === 'author' ? ns : `${ns}/${(root.split('/')[1] ?? root).split(/[-_.]/)[0]}`;
    totals.set(key, (totals.get(key) ?? 0) + 1);
    month.derivatives.set(key, (month.derivatives.get(key) ?? 0) + 1);
    counted++;
    const d = row?.downloads;
    if (d !== null && d !== undefined) {
      withDownloads++;
      dl.set(key, (dl.get(key) ?? 0) + d);
    }
  });
  return {
    rows: table(by, totals),
    monthly: [...monthly]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([month, m]) => ({
        month,
        new_models: m.new_models,
        share_of_new_models: Object.fromEntries(
          [...m.derivatives].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / m.new_models]),
        ),
      })),
    coverage: {
      ...lineage.coverage,
      derivatives_counted: counted,
      ...(by === 'country' ? { roots_placed_by_family_name: byName } : {}),
    },
    downloads: withDownloads ? table(by, dl) : null,
  };
}

/** A lineage dataset as the derivatives view reports it. */
export interface LineageDataset {
  source_id: string;
  snapshot_date: string;
  /** What the dataset is a sample of: never the whole Hub. */
  sample_of: string;
  coverage: Record<string, number | string>;
  rows: Record<string, string | number>[];
  downloads_of_derivatives: Record<string, string | number>[] | null;
}

/**
 * Derivative share of new models per root family (and by the root's country), month by month, from lineage.
 * Every lineage dataset is reported on its own (they sample different things); the top-level answer is the most
 * recent one.
 */
async function derivatives(db: Db, req: AdoptionRequest): Promise<AdoptionReport & { datasets?: LineageDataset[] }> {
  const snaps = await db.rows(
    z.object({ source_id: z.string(), d: z.string() }),
    `SELECT source_id, CAST(max(snapshot_date) AS VARCHAR) AS d FROM open_models WHERE len(base_models) > 0${req.asOf ? ' AND snapshot_date <= $1' : ''}
     GROUP BY source_id ORDER BY d DESC, source_id`,
    req.asOf ? [req.asOf] : [],
  );
  const allOpen = (await db.rows(z.object({ n: z.number() }), 'SELECT count(*) AS n FROM open_models'))[0]?.n ?? 0;
  if (snaps.length === 0) {
    return {
      metric: 'derivatives',
      by: req.by,
      window: { from: null, to: null, description: 'no lineage data' },
      coverage: { models: allOpen, with_base_model: 0, share_with_base_model: 0 },
      rows: [],
      verification: [
        '"Qwen-derived models are over 40% of new language models, Meta\u2019s 15%": cannot be verified: no open-model record carries base_model links (coverage 0%). Run `airace refresh hf` to fetch Hub metadata with base_model tags; this view then reports the share per root family and month.',
      ],
      sources: [],
    };
  }
  const orgs = await orgIndex(db);
  const datasets: (LineageDataset & { monthly: DerivativeShares['monthly'] })[] = [];
  for (const s of snaps) {
    const source = s.source_id;
    const date = s.d;
    const rows = await db.rows(
      lineageRow,
      `SELECT hub_id, base_models, relation, CAST(created AS VARCHAR) AS created, downloads, source_id FROM open_models WHERE source_id = $1 AND snapshot_date = $2`,
      [source, date],
    );
    const r = derivativeShares(rows, req.by, req.asOf, orgs);
    datasets.push({
      source_id: source,
      snapshot_date: date,
      sample_of: LINEAGE_SAMPLES[source] ?? 'the models fetched by `airace refresh hf`: a sample, not a Hub census',
      coverage: r.coverage,
      rows: r.rows,
      downloads_of_derivatives: r.downloads,
      monthly: r.monthly,
    });
  }
  const top = datasets[0] as (typeof datasets)[number];
  const share = Number(top.coverage['share_with_base_model'] ?? 0);
  return {
    metric: 'derivatives',
    by: req.by,
    window: {
      from: null,
      to: req.asOf ?? null,
      description: `derivatives (models with a base_model) by their root, in ${top.source_id} (${top.snapshot_date})`,
    },
    coverage: { ...top.coverage, sample_of: top.sample_of },
    rows: top.rows,
    monthly: top.monthly,
    datasets: datasets.map(({ monthly: _m, ...d }) => d),
    verification: [
      `coverage: ${(100 * share).toFixed(1)}% of the ${top.coverage['models']} records carry base_model data`,
      ...datasets.map((d) => `${d.source_id}: this is a sample, not a Hub census: ${d.sample_of}`),
    ],
    sources: datasets.map((d) => d.source_id),
  };
}

export async function adoption(db: Db, req: AdoptionRequest): Promise<AdoptionReport> {
  if (!BYS.includes(req.by)) throw new AdoptionError(`--by must be one of ${BYS.join(', ')}, not "${req.by}"`);
  if (!METRICS.includes(req.metric))
    throw new AdoptionError(`--metric must be one of ${METRICS.join(', ')}, not "${req.metric}"`);
  if (req.asOf !== undefined && (!DATE.test(req.asOf) || Number.isNaN(Date.parse(req.asOf))))
    throw new AdoptionError(`--as-of must be a date YYYY-MM-DD, not "${req.asOf}"`);
  if (req.days !== undefined && (!Number.isInteger(req.days) || req.days < 1 || req.days > 3660))
    throw new AdoptionError('--days must be a whole number from 1 to 3660');
  if (req.metric === 'downloads') return downloads(db, req);
  if (req.metric === 'derivatives') return derivatives(db, req);
  return traffic(db, req);
}
