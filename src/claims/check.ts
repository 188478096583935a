/**
 * @module
 * Checking claims against the fact index (src/facts): every dataset's facts, keyed by entity and metric.
 * A claim is `supported` when a confirmed fact of its entity and metric, at its time, agrees within the
 * tolerance (respecting bounds and ranges); `contradicted` when confirmed facts of the same entity, metric and
 * time all disagree beyond it; `outdated` when it matches a confirmed earlier figure that a confirmed later
 * one superseded; `unverifiable` otherwise. Evidence only ever concerns the claim's entity and metric.
 *
 * Time: a fact measured over a window (a week's traffic, `Fact.window`) holds for that window only, and an
 * undated claim of it is unverifiable; a standing figure (a price, a rating: `Fact.series`) is current at the
 * latest date of its series, so an undated claim is checked against each series' current figure. A sum over
 * a top-N list (`Fact.lower_bound`) is contradicted only by a smaller claim.
 */
import type { FactIndex, IndexedFact } from '../facts/index.ts';
import { groupedBy, systemsBuiltOf, variantsOf, type EntityIndex } from './entities.ts';
import { DAYS_PER_MONTH } from '../frontier/gap.ts';
import { addDays } from '../util/dates.ts';
import type { Extracted } from './extract.ts';

export type Verdict = 'supported' | 'contradicted' | 'outdated' | 'unverifiable';

export interface Evidence {
  table: string;
  id: string;
  statement: string;
  value: number | null;
  unit: string;
  date: string | null;
  status: string;
  sources: string[];
}

/** Relative tolerance for amounts, counts and specs; ratios also allow one percentage point. */
export const TOLERANCE = { relative: 0.05, approx: 0.1, ratio: 0.01 };

/** Absolute slack by unit, for figures that articles round (months, points). */
const FLOOR: Record<string, number> = {
  ratio: TOLERANCE.ratio,
  months: 0.5,
  x: 0.05,
  points: 0.5,
  'rating points': 0.5,
};

/** A count of the places held in a top list of N (`top_spots_count:N`) is checked on the `top_spots:N` facts. */
const topSpots = (metric: string) => (metric.startsWith('top_spots_count:') ? [`top_spots:${metric.slice(16)}`] : null);

/** Fact metrics that can verify a claim metric. */
function familyOf(metric: string): readonly string[] {
  return FAMILY[metric] ?? topSpots(metric) ?? [metric];
}

/** Fact metrics that can contradict a claim metric. */
function contraOf(metric: string): readonly string[] {
  // (A rating or place on one of the Arena's other boards, "rating:lmarena-vision", is refuted by that board's.)
  return CONTRA[metric] ?? topSpots(metric) ?? (/^(?:rating|rank):lmarena-/.test(metric) ? [metric] : []);
}

/**
 * Claim metrics read on one fact metric of their own, which bears a claim out or refutes it alike: a model's input
 * share, active parameters, a training run's chip hours and tokens, the open models a tracked list counts.
 */
const ONE_MEASURE: Record<string, string[]> = {
  input_share: ['input_share'],
  active_parameters: ['active_parameters'],
  open_models: ['open_models'],
  open_organizations: ['open_organizations'],
  open_model_share: ['open_model_share'],
  gpu_hours: ['gpu_hours'],
  training_tokens: ['training_tokens'],
};

/** Fact metrics that can verify a claim metric. */
const FAMILY: Record<string, string[]> = {
  ...ONE_MEASURE,
  investment: ['investment', 'amount'],
  valuation: ['amount'],
  training_cost: ['amount'],
  cost: ['amount'],
  revenue: ['amount'],
  price: ['input_price', 'output_price'],
  input_price: ['input_price'],
  output_price: ['output_price'],
  performance_ratio: ['ratio'],
  cost_ratio: ['ratio'],
  self_sufficiency: ['ratio'],
  share: ['ratio', 'token_share'],
  percentage: ['ratio'],
  price_ratio: ['ratio'],
  downloads_share: ['downloads_share', 'ratio'],
  token_share: ['token_share'],
  request_share: ['request_share'],
  spend_share: ['spend_share'],
  // What was paid through a platform over a named span of days.
  spend: ['spend:7d', 'spend:30d'],
  requests: ['requests:7d', 'requests:30d', 'requests:week', 'requests:month'],
  'count:entities': ['count:entities'],
  derivative_share: ['derivative_share'],
  derivatives: ['derivatives'],
  // A chip made of chips: the compute dies in its package ("two 910B-class dies in one package").
  chip_count: ['chips_per_system', 'detail:gpus', 'chip_count', 'dies_per_package'],
  dies: ['dies_per_package'],
  gpu_count: ['detail:gpus'],
  downloads: ['downloads', 'downloads_all_time'],
  signatories: ['signatories'],
  country_count: ['signatories'],
  gap_months: ['gap_months'],
  gap_points: ['gap_points'],
  gap_percent: ['gap_percent'],
  arena_rating: ['arena_rating'],
  arena_rank: ['arena_rank'],
  votes: ['arena_votes'],
  // Points between two ratings: the gap between the countries' best models, seen from either side or from
  // either model. A rating said without its board is borne out by the Arena's (support only).
  rating_gap: ['gap_points'],
  rating: ['arena_rating'],
  // A place said without its ranking: on the Arena board or by tokens on OpenRouter (support only).
  rank: ['arena_rank', 'usage_rank', 'token_rank'],
  token_rank: ['token_rank'],
  usage_rank: ['usage_rank'],
  tokens: [
    'tokens:week',
    'tokens:month',
    'tokens:7d',
    'tokens:30d',
    'platform_tokens:week',
    'platform_tokens:month',
    'platform_tokens:cumulative',
  ],
  tokens_week: ['tokens:week', 'platform_tokens:week', 'tokens:7d'],
  tokens_month: ['tokens:month', 'platform_tokens:month', 'tokens:30d'],
  tokens_day: ['tokens:day'],
  growth: ['growth:week'],
  growth_week: ['growth:week'],
  compute: [
    'bf16_dense_tflops',
    'fp16_dense_tflops',
    'fp8_dense_tflops',
    'fp4_dense_tflops',
    'int8_dense_tops',
    'fp64_tflops',
    'bf16_dense_pflops',
  ],
  compute_fp16: ['bf16_dense_tflops', 'fp16_dense_tflops', 'bf16_dense_pflops'],
  compute_fp8: ['fp8_dense_tflops'],
  compute_int8: ['int8_dense_tops'],
  compute_fp4: ['fp4_dense_tflops'],
  compute_fp64: ['fp64_tflops'],
  memory: ['memory_gb', 'hbm_capacity_tb'],
  bandwidth: [
    'memory_bandwidth_tbps',
    'hbm_bandwidth_tbps',
    'scale_up_bandwidth_tbps',
    'interconnect_gbps_bidirectional',
  ],
  power: ['tdp_w', 'power_kw'],
  // A link's bandwidth is given one way or both ways, per link or summed: it can bear a claim out, not refute it.
  interconnect_bandwidth: ['interconnect_gbps_bidirectional', 'scale_up_bandwidth_tbps'],
  tpp: ['tpp'],
  pd: ['pd'],
  parameters: ['parameters', 'active_parameters'],
  // (A margin an event reports: its figure as a ratio, which may bear the claim out.)
  margin: ['ratio'],
  context_length: ['context_length'],
  process_node: ['process_node'],
};

/**
 * Fact metrics that can contradict a claim metric: the same measure, not merely a related one (a model's
 * training cost is not contradicted by a figure for its pre-training alone, nor an investment by another amount).
 */
const CONTRA: Record<string, string[]> = {
  ...ONE_MEASURE,
  investment: ['investment'],
  performance_ratio: ['inference_performance'],
  chip_count: ['chips_per_system', 'chip_count'],
  'count:entities': ['count:entities'],
  signatories: ['signatories'],
  gap_months: ['gap_months'],
  gap_points: ['gap_points'],
  gap_percent: ['gap_percent'],
  token_share: ['token_share'],
  request_share: ['request_share'],
  spend_share: ['spend_share'],
  spend: ['spend:7d', 'spend:30d'],
  requests: ['requests:7d', 'requests:30d', 'requests:week', 'requests:month'],
  downloads: ['downloads'],
  arena_rating: ['arena_rating'],
  arena_rank: ['arena_rank'],
  // A place by tokens on OpenRouter, a model's or a maker's, for the window said.
  token_rank: ['token_rank'],
  usage_rank: ['usage_rank'],
  votes: ['arena_votes'],
  rating_gap: ['gap_points'],
  // Volumes only for a stated window: "2 trillion tokens" alone may be a week's, a month's or a total.
  tokens_week: ['tokens:week', 'platform_tokens:week', 'tokens:7d'],
  tokens_month: ['tokens:month', 'platform_tokens:month', 'tokens:30d'],
  tokens_day: ['tokens:day'],
  // A chip's link, both ways or one way (a rule's limit on links said beside a chip is the rule's: see extract).
  interconnect_bandwidth: ['interconnect_gbps_bidirectional'],
  // A change week over week, for a stated week (or month): the weekly growth of the same model.
  growth_week: ['growth:week'],
  parameters: ['parameters', 'active_parameters'],
  context_length: ['context_length'],
  process_node: ['process_node'],
  compute: FAMILY_COMPUTE(),
  compute_fp16: ['bf16_dense_tflops', 'fp16_dense_tflops', 'bf16_dense_pflops'],
  compute_fp8: ['fp8_dense_tflops'],
  compute_int8: ['int8_dense_tops'],
  compute_fp4: ['fp4_dense_tflops'],
  compute_fp64: ['fp64_tflops'],
  memory: ['memory_gb', 'hbm_capacity_tb'],
  bandwidth: ['memory_bandwidth_tbps', 'hbm_bandwidth_tbps'],
  power: ['tdp_w', 'power_kw'],
  price: ['input_price', 'output_price', 'cache_read_price'],
  tpp: ['tpp'],
  pd: ['pd'],
};
function FAMILY_COMPUTE(): string[] {
  return [
    'bf16_dense_tflops',
    'fp16_dense_tflops',
    'fp8_dense_tflops',
    'fp4_dense_tflops',
    'int8_dense_tops',
    'fp64_tflops',
    'bf16_dense_pflops',
  ];
}

/** The words that name each aspect a ratio compares, in a reported ratio's name or statement. */
const ASPECT_WORDS: Record<string, RegExp> = {
  compute: /comput|flops|perform|inference|throughput|speed/i,
  memory: /memory|hbm|capacity/i,
  bandwidth: /bandwidth/i,
  power: /power|watt|energy/i,
  power_per_compute: /power per (?:flop|pflop|compute)/i,
  count: /chips|accelerators|gpus|processors|count/i,
};

const RATIO_CLAIM = new Set(['performance_ratio', 'ratio', 'cost_ratio', 'price_ratio']);
const ASPECT_RATIOS: Record<string, string[]> = {
  compute: ['ratio:bf16_dense_tflops', 'ratio:fp16_dense_tflops', 'ratio:dense16_tflops', 'ratio:bf16_dense_pflops'],
  memory: ['ratio:memory_gb', 'ratio:hbm_capacity_tb'],
  bandwidth: [
    'ratio:memory_bandwidth_tbps',
    'ratio:hbm_bandwidth_tbps',
    'ratio:interconnect_gbps_bidirectional',
    'ratio:scale_up_bandwidth_tbps',
  ],
  power: ['ratio:tdp_w', 'ratio:power_kw'],
  power_per_compute: ['ratio:kw_per_pflops', 'ratio:w_per_tflops'],
  count: ['ratio:chips_per_system'],
};

/** Units of one dimension, in a common base, so a claim in PFLOPS checks a spec in TFLOPS. */
const DIM: Record<string, [string, number]> = {
  TFLOPS: ['flops', 1e12],
  PFLOPS: ['flops', 1e15],
  EFLOPS: ['flops', 1e18],
  TOPS: ['flops', 1e12],
  POPS: ['flops', 1e15],
  GB: ['bytes', 1e9],
  TB: ['bytes', 1e12],
  'GB/s': ['bw', 1e9],
  'TB/s': ['bw', 1e12],
  W: ['power', 1],
  kW: ['power', 1e3],
  MW: ['power', 1e6],
  GW: ['power', 1e9],
  chips: ['count', 1],
  number: ['count', 1],
  times: ['count', 1],
  downloads: ['count', 1],
  countries: ['count', 1],
  items: ['count', 1],
  votes: ['count', 1],
  requests: ['count', 1],
  entities: ['count', 1],
  // Places held in a top list, counted as places or as the models in them.
  spots: ['count', 1],
  models: ['count', 1],
  companies: ['count', 1],
  organizations: ['count', 1],
  // A rating's points, however the source names them.
  points: ['points', 1],
  'rating points': ['points', 1],
};
const FACT_UNIT: Record<string, string> = {
  bf16_dense_tflops: 'TFLOPS',
  fp16_dense_tflops: 'TFLOPS',
  fp8_dense_tflops: 'TFLOPS',
  fp4_dense_tflops: 'TFLOPS',
  int8_dense_tops: 'TOPS',
  fp64_tflops: 'TFLOPS',
  bf16_dense_pflops: 'PFLOPS',
  memory_gb: 'GB',
  hbm_capacity_tb: 'TB',
  memory_bandwidth_tbps: 'TB/s',
  hbm_bandwidth_tbps: 'TB/s',
  scale_up_bandwidth_tbps: 'TB/s',
  interconnect_gbps_bidirectional: 'GB/s',
  tdp_w: 'W',
  power_kw: 'kW',
  chips_per_system: 'chips',
  downloads: 'downloads',
  downloads_all_time: 'downloads',
  signatories: 'countries',
};

/** The claim's value range in the fact's unit; null when the units cannot be compared. */
function rangeIn(c: Extracted, f: IndexedFact): [number, number] | null {
  let lo = c.low ?? c.value;
  let hi = c.high ?? c.value;
  // "Over 25 trillion" is not borne out by 100 trillion, nor "under 70%" by 0%: a bound holds within a factor of two.
  if ((c.bound === 'gt' && c.low === null) || (c.bound === 'gt' && c.high === null)) hi = 2 * Math.abs(c.value);
  if (c.bound === 'lt' && (c.low === null || c.high === null)) lo = c.value / 2;
  const fu = FACT_UNIT[f.metric] ?? f.unit;
  if (f.metric === 'amount' || f.metric === 'investment') return c.unit === f.unit ? [lo, hi] : null;
  // An event's numeric detail is named by its key ("gpus", "h800_gpu_hours"): the metric says what it counts.
  if (f.metric.startsWith('detail:')) return [lo, hi];
  // A benchmark's score is in its own scale, named by the benchmark: a claim's points or bare number.
  // (A percentage on one scored from 0 to 1, "answers 94.6%", is that fraction.)
  if (f.metric.startsWith('benchmark:'))
    return c.unit === 'points' || c.unit === 'number' || (c.unit === 'ratio' && f.value <= 1) ? [lo, hi] : null;
  if (fu === c.unit || f.unit === c.unit) return [lo, hi];
  const a = DIM[c.unit];
  const b = DIM[fu];
  if (a && b && a[0] === b[0]) return [(lo * a[1]) / b[1], (hi * a[1]) / b[1]];
  // Shares and ratios: a percentage, a fraction and a multiple are all ratios.
  const ratioish = (u: string) => u === 'ratio' || u === 'x';
  if (ratioish(c.unit) && ratioish(f.unit)) return [lo, hi];
  if (['input_price', 'output_price'].includes(f.metric) && (c.unit === 'USD' || c.unit === 'USD/Mtok'))
    return [lo, hi];
  return null;
}

function agrees(c: Extracted, f: IndexedFact): boolean {
  if (!Number.isFinite(f.value)) return false;
  // A place in a tie is any of the places the tie spans (rows counted): 25th to 27th for three at one score.
  if (f.unit === 'rank' && f.tied_to !== undefined && (c.bound === null || c.bound === 'approx'))
    return c.value >= f.value && c.value <= f.tied_to;
  const r = rangeIn(c, f);
  if (!r) return false;
  // One stated tolerance for every figure, shares included: 5% of the value (10% when "about"), with a floor by unit.
  const share = c.unit === 'ratio' && f.unit === 'ratio';
  // A place is exact: 26th is not 25th (ties already share the better place).
  const rel = f.unit === 'rank' ? 0 : c.bound === 'approx' ? TOLERANCE.approx : TOLERANCE.relative;
  // A share is rounded to the point (61% is 60.5–61.5%), but a small one is not a point wide: 0.2% is not 1%.
  // (A figure said to the half, "two and a half months", is rounded to the half: its floor is half as wide.)
  const half = (FLOOR[f.unit] ?? FLOOR[c.unit]) === 0.5 && !Number.isInteger(c.value);
  const floor = share
    ? Math.min(c.bound === 'approx' ? TOLERANCE.ratio : TOLERANCE.ratio / 2, Math.abs(c.value) * TOLERANCE.approx)
    : half
      ? 0.25
      : (FLOOR[f.unit] ?? FLOOR[c.unit] ?? 0);
  const slack = (x: number) => (Number.isFinite(x) ? Math.max(Math.abs(x) * rel, floor) : 0);
  return f.value >= r[0] - slack(r[0]) && f.value <= r[1] + slack(r[1]);
}

/** Whether the claim is below a lower bound beyond the tolerance (a top-10 sum: only a smaller claim disagrees). */
function belowBound(c: Extracted, f: IndexedFact): boolean {
  const r = rangeIn(c, f);
  if (!r || !Number.isFinite(f.value)) return false;
  const rel = c.bound === 'approx' ? TOLERANCE.approx : TOLERANCE.relative;
  return r[1] + Math.abs(r[1]) * rel < f.value;
}

/** Statuses that vouch for a figure: confirmed, or a published comparison; not reported, preliminary or unconfirmed ones. */
export function isConfirmed(status: string): boolean {
  if (/^published comparison|^per-chip figure of the published comparison/.test(status)) return true;
  return status === 'confirmed';
}

/**
 * Figures that may support a claim: confirmed ones, and attributed or unconfirmed specifications and reported
 * figures (the evidence shows their status); not events the fact sheet marks unconfirmed (their figures were
 * not found in any source), nor counts the sources report inconsistently.
 */
export function canSupport(f: IndexedFact): boolean {
  if (isConfirmed(f.status)) return true;
  // One of several counts the sources give (the sheet keeps them all): it supports, and the others are shown.
  if (f.status === 'one of the counts sources report') return true;
  // (An event the sources report but no second one confirms may bear a claim out; an unconfirmed one may not.)
  if (f.table === 'events') return f.status === 'reported';
  return !/inconsistent|not found/i.test(f.status);
}

const evidence = (f: IndexedFact): Evidence => ({
  table: f.table,
  id: f.id,
  statement: f.statement,
  value: Number.isFinite(f.value) ? f.value : null,
  unit: f.unit,
  date: f.time,
  status: f.status,
  sources: f.source_ids,
});

export interface CheckContext {
  facts: FactIndex;
  entities: EntityIndex;
  /** The models of each family (`family:…` id to `model:…` ids), to check a family named with a tier or version. */
  familyMembers?: ReadonlyMap<string, readonly string[]>;
  /** Event ids whose title, actors or country name an entity; `weak` when only through the country. */
  eventsOf: ReadonlyMap<string, { id: string; weak: boolean }[]>;
}

/** Fact-index entity ids for a linked entity: models without their prefix, countries as codes, events it is party to. */
export function factKeys(ctx: CheckContext, id: string | null): { key: string; weak: boolean; release?: true }[] {
  if (!id) return [];
  const out: { key: string; weak: boolean; release?: true }[] = [];
  if (id.startsWith('model:')) {
    out.push({ key: id.slice(6), weak: false });
    // Its dated and preview releases ("glm-5-20260211" for GLM-5): they may bear a claim out, not refute it
    // (a figure for the model may be their sum), unless one release alone has the figure (see checkOne).
    for (const v of variantsOf(ctx.entities).get(id) ?? []) out.push({ key: v.slice(6), weak: true, release: true });
  } else if (id.startsWith('country-')) out.push({ key: id.slice(8).toUpperCase(), weak: false });
  else out.push({ key: id, weak: false });
  for (const f of ctx.entities.entities.get(id)?.facts ?? []) out.push({ key: f, weak: false });
  for (const e of ctx.eventsOf.get(id) ?? []) out.push({ key: e.id, weak: e.weak });
  return out;
}

const DAY = 86_400_000;

/**
 * Readings that move by themselves (a months gap) as of `day`: the last reading of each series on or before it, moved
 * by its drift for the days between (its date stays, so a reading long before the day still only bears a claim out).
 */
function drifted(cands: IndexedFact[], day: string | null): IndexedFact[] {
  if (!day || !cands.some((f) => f.drift)) return cands;
  const last = new Map<string, IndexedFact>();
  for (const f of cands)
    if (f.drift && f.time && f.time <= day && (last.get(f.series ?? f.id)?.time ?? '') < f.time)
      last.set(f.series ?? f.id, f);
  return cands.map((f) => {
    if (last.get(f.series ?? f.id) !== f || f.time === day) return f;
    const months = (Date.parse(day) - Date.parse(f.time as string)) / DAY / DAYS_PER_MONTH;
    const value = f.value + (f.drift as number) * months;
    return { ...f, value, statement: `${f.statement}; as of ${day}, ${Number(value.toFixed(1))} months` };
  });
}

/** The days a fact's window spans; rolling windows (`7d`, `30d`) end on their date, upstream lists the day before. */
const WINDOW: Record<string, { days: number; endsBefore: boolean }> = {
  day: { days: 1, endsBefore: false },
  '7d': { days: 7, endsBefore: false },
  '30d': { days: 30, endsBefore: false },
  // A weekly (monthly) list dated D covers the seven (thirty) days before D.
  week: { days: 7, endsBefore: true },
  month: { days: 30, endsBefore: true },
};
const ROLLING = new Set(['7d', '30d']);

/** The last day a windowed fact covers. */
function lastDay(f: IndexedFact): string | null {
  const w = f.window ? WINDOW[f.window] : undefined;
  if (!w || f.time?.length !== 10) return null;
  return w.endsBefore ? addDays(f.time, -1) : f.time;
}

/**
 * Whether a fact holds for the claim's time. A claim about a span of days (`days`, ending at its time) is
 * borne out by a window of that length ending that day. A day given for a weekly figure names its week: a
 * usage row dated D covers the seven days before D. A rolling window holds for a month only when it is that
 * month's last 30 days. Otherwise the month (or year) must agree.
 */
function sameTime(claim: string, f: IndexedFact, days?: number | null): boolean {
  // An event's figure, or a model's benchmark score (dated by its release), holds whenever it is said.
  if (f.time === null || f.table === 'events' || f.table === 'benchmark_results') return true;
  if (f.window && WINDOW[f.window]) {
    const w = WINDOW[f.window] as { days: number };
    // (A weekly list's date is read as the day after its week; the upstream scrape does not say, so a list dated the
    // week's first day is that week's too: either may bear the claim out.)
    if (days && claim.length === 10)
      return (
        Math.abs(w.days - days) <= 1 &&
        (lastDay(f) === claim || (f.window === 'week' && f.time === addDays(claim, -(days - 1))))
      );
    if (ROLLING.has(f.window)) {
      if (claim.length !== 7 || w.days !== 30) return false;
      const end = new Date(Date.parse(`${claim}-01`));
      end.setUTCMonth(end.getUTCMonth() + 1);
      return lastDay(f) === new Date(end.getTime() - DAY).toISOString().slice(0, 10);
    }
  }
  if (claim.length === 10 && f.time.length === 10 && f.window === 'week') {
    const d = Date.parse(f.time) - Date.parse(claim);
    return d > 0 && d <= 7 * DAY;
  }
  if (claim.length === 10 && f.time.length === 10 && f.window === 'day') return f.time === claim;
  // A month holds the windows that overlap it: a week dated D (the seven days before D) from the month's 2nd
  // to the 7th of the next.
  if (claim.length === 7 && f.time.length === 10 && f.window === 'week') {
    const start = Date.parse(`${claim}-01`);
    const next = new Date(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const d = Date.parse(f.time);
    return d > start && d <= next.getTime() + 6 * DAY;
  }
  return f.time.startsWith(claim.slice(0, 7)) || claim.startsWith(f.time.slice(0, claim.length));
}

/**
 * For a claim that states no time in a dated article that names no span of days: the windowed figures (a week's,
 * a month's traffic) that ended last before the article's date, within ten days of it, one per kind of window.
 * They can bear the claim out, never refute it: which window the article read is not said.
 */
/** Readings that only grow (a model's votes): one taken after an article overstates what it saw. */
const GROWING = new Set(['arena_votes']);

/** Claim metrics whose undated figures a dated article's latest window can bear out. */
const TRAFFIC = new Set([
  'token_share',
  'request_share',
  'spend_share',
  'tokens_week',
  'tokens_month',
  'spend',
  'requests',
  'rank',
  'token_rank',
  'usage_rank',
  'growth',
  'growth_week',
  'downloads',
  'downloads_share',
]);

/** Measures the hub counts over its last 30 days only. */
const HUB_WINDOWED = new Set(['downloads', 'downloads_share', 'download_ratio']);

function latestWindows(cands: readonly IndexedFact[], asOf: string, metric: string): IndexedFact[] {
  const latest = new Map<string, string>();
  const from = addDays(asOf, -10);
  // One window, not several chances: the one the words name (a week's, a month's volume), else the 30 days
  // `airace adoption show` reports by default.
  const kinds = metric.endsWith('_week') ? ['7d', 'week'] : ['30d'];
  const ok = (f: IndexedFact) => {
    const end = lastDay(f);
    return f.window !== undefined && kinds.includes(f.window) && end !== null && end < asOf && end >= from;
  };
  for (const f of cands)
    if (ok(f) && (latest.get(f.window as string) ?? '') < (lastDay(f) as string))
      latest.set(f.window as string, lastDay(f) as string);
  return cands.filter((f) => ok(f) && latest.get(f.window as string) === lastDay(f));
}

export interface Checked {
  verdict: Verdict;
  evidence: Evidence[];
  tolerance: string;
  /** The subject the verdict is about, when checking chose it (a system for a chip count, one of two chips). */
  subject?: string | null;
}

/** Metrics of a model that an organization's claim can be checked on through its models. */
const MEMBER_METRICS = new Set(['parameters', 'context_length']);

/** Models by the organization they belong to. */
const membersOf = (entities: EntityIndex, id: string): readonly string[] =>
  groupedBy(entities, 'parent', (e) => (e.kind === 'model' ? e.parent : null)).get(id) ?? [];

/**
 * Checks one claim. A subject the extractor marked ambiguous (two candidates of one kind nearby) is tried
 * with each candidate: the claim is supported if it holds for one of them, and contradicted only when it holds
 * for none and the chosen subject's confirmed figure disagrees. An organization's claim about a
 * model attribute (parameters, context) is supported if one of its models bears it out, never contradicted so.
 */
export function checkClaim(said: ClaimToCheck, ctx: CheckContext): Checked {
  const r = checkStated(said, ctx);
  return said.support_only && (r.verdict === 'contradicted' || r.verdict === 'outdated')
    ? { ...r, verdict: 'unverifiable' }
    : r;
}

function checkStated(said: ClaimToCheck, ctx: CheckContext): Checked {
  // A lead in years ("落後逾一年") is one in months, as the gaps are kept.
  if (said.metric === 'gap_years') return checkStated(inMonths(said), ctx);
  const c = asRatio(said);
  if (c.direction) {
    const r = checkRatingDifference(c, ctx);
    if (r) return r;
    // (Not two models' readings: the gap between the sides, as any other.)
    return checkStated({ ...said, comparison: null, direction: undefined }, ctx);
  }
  if (c.metric === 'price_ratio' && c.subject?.startsWith('model:')) {
    const r = checkPriceRatio(c, ctx);
    if (r.verdict !== 'unverifiable') return r;
  }
  if (c.metric === 'members' || c.metric.startsWith('members:')) return checkMembers(c, ctx);
  if (c.metric === 'chip_count' && c.subject && ctx.entities.entities.get(c.subject)?.kind === 'rule') {
    const r = checkCapInChips(c, ctx);
    if (r.verdict !== 'unverifiable' || r.evidence.length) return r;
  }
  if (c.metric === 'blended_price') return checkBlended(c, ctx);
  // A price of no side in a text that speaks of blends: a seller's blend may bear it out (else it is read as a price).
  if (c.metric === 'price' && c.blended) {
    const r = checkBlended({ ...c, metric: 'blended_price' }, ctx);
    if (r.verdict === 'supported') return r;
  }
  // A category board (Chinese prompts, coding) is not the overall board the data holds; a party's own data is not
  // the data's.
  if (c.category || c.own_data) return { verdict: 'unverifiable', evidence: [], tolerance: toleranceOf(c) };
  if (c.metric.startsWith('threshold_ratio_')) return checkToThreshold(c, ctx);
  if (c.metric.startsWith('threshold_')) return checkThreshold(c, ctx);
  // A count of downloads said of a day is of the hub's 30 days to that day ("7月28日的快照"): the only window it shows.
  if (HUB_WINDOWED.has(c.metric) && c.time?.length === 10 && !c.days) return checkClaim({ ...c, days: 30 }, ctx);
  const volumes = VOLUMES[c.metric];
  if (volumes && c.subject) return checkVolumeRatio(c, ctx, volumes);
  if ((c.metric === 'growth' || c.metric === 'growth_week') && c.subject && c.time?.length === 10 && c.days) {
    const r = checkWindowGrowth(c, ctx);
    if (r.verdict !== 'unverifiable' || r.evidence.length) return r;
  }
  if (RATIO_CLAIM.has(c.metric) && c.subject && c.inverse) return checkRatio(c, ctx) as Checked;
  // A traffic share said of the platform itself ("吃下OpenRouter六成五流量": the platform is where the share is
  // taken, and its share of itself is all of it): the share is of a country or maker named around it, if exactly
  // one bears it out; never refuted so.
  if (SHARES.has(c.metric) && c.subject && isPlatform(ctx, c.subject)) {
    const hits = c.context
      .filter((e) => e !== c.subject && ['country', 'organization'].includes(ctx.entities.entities.get(e)?.kind ?? ''))
      .map((e) => ({ e, r: checkOne({ ...c, subject: e, subject_from: 'context' }, ctx) }))
      .filter((x) => x.r.verdict === 'supported');
    if (hits.length === 1) return { ...(hits[0] as { r: Checked }).r, subject: (hits[0] as { e: string }).e };
    return { verdict: 'unverifiable', evidence: [], tolerance: toleranceOf(c) };
  }
  // A family named with a version or tier ("Nemotron 3 Ultra") is one of its models: the family's own figures are
  // not about it, and which model it is the data may not say (see namedMembers below).
  const members = namedMembers(c, ctx);
  if (c.subject_text && ctx.entities.entities.get(c.subject ?? '')?.family && versioned(c, ctx)) {
    for (const m of members) {
      const r = checkOne({ ...c, subject: m }, ctx);
      if (r.verdict === 'supported') return { verdict: r.verdict, evidence: r.evidence, tolerance: r.tolerance };
    }
    return { verdict: 'unverifiable', evidence: [], tolerance: toleranceOf(c) };
  }
  const first = checkOne(c, ctx);
  if (first.verdict === 'supported') return first;
  // A price that names neither side (input, output) may be their blend: one the blend bears out is not refuted.
  if (first.verdict === 'contradicted' && c.metric === 'price' && !c.price_of) {
    const blend = checkBlended(c, ctx);
    if (blend.verdict === 'supported') return { ...blend, verdict: 'unverifiable' };
  }
  if (RATIO_CLAIM.has(c.metric) && c.subject && !c.comparison) {
    const paired = checkRatio(c, ctx);
    if (paired) return paired;
  }
  const kind = c.subject ? ctx.entities.entities.get(c.subject)?.kind : undefined;
  if (c.subject && c.subject_from === 'ambiguous') {
    const alternatives = c.context.filter(
      (e) => e !== c.subject && !c.compared?.includes(e) && ctx.entities.entities.get(e)?.kind === kind,
    );
    let agreesElsewhere = false;
    for (const alt of alternatives) {
      const r = checkOne({ ...c, subject: alt, subject_from: 'context' }, ctx);
      if (r.verdict === 'supported') return { ...r, subject: alt };
      if (r.agreeing) agreesElsewhere = true;
    }
    if (!agreesElsewhere && first.verdict === 'unverifiable') {
      const sure = checkOne({ ...c, subject_from: 'context' }, ctx);
      if (sure.verdict === 'contradicted') return sure;
    }
  }
  // A family named with a tier or version ("Claude Opus"): one of the models so named bears it out, or none
  // does; never a contradiction so (which of them the text means is not said).
  for (const m of members) {
    const r = checkOne({ ...c, subject: m }, ctx);
    if (r.verdict === 'supported') return { verdict: r.verdict, evidence: r.evidence, tolerance: r.tolerance };
  }
  if (c.subject && kind === 'organization' && MEMBER_METRICS.has(c.metric)) {
    for (const m of membersOf(ctx.entities, c.subject)) {
      const r = checkOne({ ...c, subject: m }, ctx);
      if (r.verdict === 'supported') return { ...r, subject: c.subject };
    }
  }
  // The subject has no figure of this measure at all: the passage's topic may ("2,000 GPUs" after "DeepSeek
  // trained …"). One of the entities named nearby bears it out, or nothing does; never a contradiction so.
  // (Not a traffic or download figure whose own sentence names its model: many models have figures of one size,
  // and another name's that happens to agree is not about it.)
  // (Nor any traffic or download figure whose subject the text leaves unnamed, "腾讯混元Hy3约8万亿Token" with Hy3
  // unknown: every maker, country and family has such figures, and one of them is bound to agree.)
  const volume =
    c.metric.startsWith('tokens') ||
    ['token_share', 'request_share', 'spend_share', 'requests', 'spend', 'downloads', 'downloads_share'].includes(
      c.metric,
    ) ||
    c.metric.endsWith('_rank');
  const named = volume && (!c.subject || (c.subject_from === 'sentence' && kind === 'model'));
  if (first.none && !named) {
    for (const e of c.context) {
      if (e === c.subject || e === c.comparison || c.compared?.includes(e)) continue;
      const r = checkOne({ ...c, subject: e, subject_from: 'context' }, ctx);
      if (r.verdict === 'supported') return { ...r, subject: e };
    }
  }
  return first;
}

/** Which of a rule's threshold parameters each threshold claim is about. */
const THRESHOLD_PARAMS: Record<string, RegExp> = {
  // (With the diffusion rule's caps in TPP: per consignee a year, per country over 2025-2027.)
  threshold_tpp:
    /^threshold:(?:TPP|combination_sum|bit_length_x_TOPS_aggregated|digital_primitive_computational_units_bitlength_x_TOPS|TPP_per_ultimate_consignee_per_calendar_year|cumulative_TPP_per_country_2025_2027)$/,
  threshold_pd: /^threshold:PD$/,
  threshold_interconnect: /^threshold:aggregate_bidirectional_transfer_rate_GBps$/,
  threshold_bandwidth_density: /^threshold:memory_bandwidth_density_GBps_per_mm2$/,
};

/** The rule entities by the rule records (versions) they are written as. */
const rulesByRecord = (entities: EntityIndex) => groupedBy(entities, 'versions', (e) => e.versions);

/**
 * Whether a rule record is in force on a day (a month or year counts to its end): effective by then, and not yet
 * superseded or rescinded. Without a day, whether it ever stopped.
 */
function inForce(ctx: CheckContext, version: string, day: string | null): boolean {
  const from = ctx.facts.get(version, 'effective_year')[0]?.time;
  const end = (ctx.facts.get(version, 'superseded_year')[0] ?? ctx.facts.get(version, 'rescinded_year')[0])?.time;
  if (!day) return !end;
  const last = day.length === 4 ? `${day}-12-31` : day.length === 7 ? `${day}-31` : day;
  return (!from || from <= last) && (!end || end > last);
}

/**
 * A rule's threshold ("TPP of 4,800 or more"): read on the rule named (every record of it), else on every rule,
 * as in force on the claim's day (effective by then, not yet superseded or rescinded). Borne out by a threshold in
 * force; `outdated` when only a superseded record has it; refuted when no record of any time has it and records
 * in force set that measure. The words "or more", "以上" are the rule's operator, not the writer's hedge.
 */
function checkThreshold(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = toleranceOf({ ...c, bound: c.bound === 'approx' ? 'approx' : null });
  const param = THRESHOLD_PARAMS[c.metric] as RegExp;
  const byRecord = rulesByRecord(ctx.entities);
  const rule = c.subject ? ctx.entities.entities.get(c.subject) : undefined;
  const versions = rule?.versions ?? [...byRecord.keys()];
  // The rule as first made: on the day its first record took effect.
  const first = c.original
    ? versions
        .map((v) => ctx.facts.get(v, 'effective_year')[0]?.time)
        .filter((t): t is string => !!t)
        .sort()[0]
    : undefined;
  const day = first ?? c.time ?? c.as_of ?? null;
  const dateOf = (v: string, metric: string) => ctx.facts.get(v, metric)[0];
  const scale = c.unit === 'TB/s' ? 1000 : 1;
  const value = c.value * scale;
  const rel = c.bound === 'approx' ? TOLERANCE.approx : TOLERANCE.relative;
  const matches = (f: IndexedFact) => Math.abs(f.value - value) <= rel * Math.abs(f.value);
  const all = versions.flatMap((v) => ctx.facts.about(v).filter((f) => param.test(f.metric) && isConfirmed(f.status)));
  // A rule of one record named: what that rule sets, in force or not; else the records in force on the day.
  const current = rule?.versions?.length === 1 ? all : all.filter((f) => inForce(ctx, f.entity, day));
  const pick = (f: IndexedFact) => (c.subject ? undefined : (byRecord.get(f.entity)?.[0] ?? null));
  const hit = current.find(matches);
  if (hit) return { verdict: 'supported', evidence: [evidence(hit)], tolerance, subject: pick(hit) };
  const old = all.find(matches);
  const end = old ? dateOf(old.entity, 'superseded_year') : undefined;
  if (old && end && isConfirmed(end.status) && (!day || (end.time ?? '') <= day))
    return { verdict: 'outdated', evidence: [evidence(old), evidence(end)], tolerance, subject: pick(old) };
  if (!old && current.length)
    return { verdict: 'contradicted', evidence: current.slice(0, 4).map(evidence), tolerance };
  return { verdict: 'unverifiable', evidence: old ? [evidence(old)] : [], tolerance };
}

/**
 * A blended price ("混合价"): input and output weighted 3:1, from one seller's current prices of the model. Borne
 * out by a seller whose blend agrees; never refuted (other blends exist).
 */
/** Each seller's blend of 3 parts input to 1 part output of a model's prices in force on `day` (its latest then). */
function blendsOf(ctx: CheckContext, id: string | null, day: string | null): IndexedFact[] {
  const all = factKeys(ctx, id).flatMap((k) =>
    ['input_price', 'output_price'].flatMap((m) => [...ctx.facts.get(k.key, m)]),
  );
  const inForceThen = day ? all.filter((f) => f.time === null || f.time <= day) : all;
  const latest = latestBySeries(inForceThen.length ? inForceThen : all);
  const blends: IndexedFact[] = [];
  for (const inp of latest.values()) {
    if (inp.metric !== 'input_price' || !inp.series) continue;
    const out = latest.get(inp.series.replace(/input_price$/, 'output_price'));
    if (!out) continue;
    blends.push({
      ...inp,
      metric: 'blended_price',
      value: (3 * inp.value + out.value) / 4,
      id: `${inp.id}+${out.id}`,
      statement: `(3 × ${inp.statement} + ${out.statement}) / 4 = ${((3 * inp.value + out.value) / 4).toFixed(3)}`,
      source_ids: [...new Set([...inp.source_ids, ...out.source_ids])],
    });
  }
  return blends;
}

/** A blend said in dollars is per million tokens. */
const blendUnit = (c: ClaimToCheck): ClaimToCheck => ({ ...c, unit: c.unit === 'USD' ? 'USD/Mtok' : c.unit });

/** The day a price is read on: the claim's, else the article's. */
const priceDay = (c: ClaimToCheck) => (c.time?.length === 10 ? c.time : (c.as_of ?? null));

function checkBlended(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = `${toleranceOf(c)}; blend of 3 parts input to 1 part output`;
  // The prices in force on the claim's day, else on the article's: each seller's latest list price by then.
  const day = priceDay(c);
  const blends = blendsOf(ctx, c.subject, day);
  for (const blend of blends)
    if (agrees(blendUnit(c), blend)) return { verdict: 'supported', evidence: [evidence(blend)], tolerance };
  // No seller's blend on the day bears it out: refuted by the confirmed ones, when the article is dated and every
  // blend is of the claim's order (not a price of something else).
  const confirmed = blends.filter((b) => isConfirmed(b.status));
  const near = (b: IndexedFact) => b.value / c.value > 0.2 && b.value / c.value < 5;
  // (Nor when a blend of the month before bears it out: a price that changed around the day may be the one read.)
  const lately = day
    ? [7, 30].flatMap((n) => blendsOf(ctx, c.subject, addDays(day, -n))).filter((b) => agrees(blendUnit(c), b))
    : [];
  if (lately.length)
    return { verdict: 'unverifiable', evidence: [...lately, ...blends].slice(0, 3).map(evidence), tolerance };
  if (day && confirmed.length && blends.every(near) && !c.support_only && c.subject_from !== 'ambiguous')
    return { verdict: 'contradicted', evidence: confirmed.slice(0, 3).map(evidence), tolerance };
  return { verdict: 'unverifiable', evidence: blends.slice(0, 3).map(evidence), tolerance };
}

/**
 * How many destinations a rule's list names (a country group's members, a tier's countries): the lists of the rule
 * or group named (a tier's by its number). Refuted only when one list is meant and the data holds it.
 */
function checkMembers(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = toleranceOf(c);
  const e = c.subject ? ctx.entities.entities.get(c.subject) : undefined;
  const ids = e ? [e.id, ...(e.versions ?? [])] : [];
  const want = c.metric === 'members' ? 'members:' : c.metric;
  const lists = ids.flatMap((id) => ctx.facts.about(id).filter((f) => f.metric.startsWith(want)));
  const hit = lists.find((f) => agrees(c, f));
  if (hit) return { verdict: 'supported', evidence: [evidence(hit)], tolerance };
  const only = lists.length === 1 ? (lists[0] as IndexedFact) : undefined;
  if (only && isConfirmed(only.status)) return { verdict: 'contradicted', evidence: [evidence(only)], tolerance };
  return { verdict: 'unverifiable', evidence: lists.slice(0, 3).map(evidence), tolerance };
}

/** The latest confirmed figure of each series (a seller's list price), by series (or id, for one of no series). */
function latestBySeries(facts: readonly IndexedFact[]): Map<string, IndexedFact> {
  const latest = new Map<string, IndexedFact>();
  for (const f of facts) {
    if (!isConfirmed(f.status)) continue;
    const k = f.series ?? f.id;
    if ((latest.get(k)?.time ?? '') <= (f.time ?? '')) latest.set(k, f);
  }
  return latest;
}

/** One figure over another of one measure, as a fact of its own that cites both. */
function quotient(x: IndexedFact, y: IndexedFact, measure: string): IndexedFact {
  return {
    ...x,
    metric: `ratio:${measure}`,
    value: x.value / y.value,
    unit: 'x',
    id: `${x.id}/${y.id}`,
    statement: `${x.statement} / ${y.statement} = ${(x.value / y.value).toFixed(2)}`,
    source_ids: [...new Set([...x.source_ids, ...y.source_ids])],
  };
}

/**
 * A chip's measure as a multiple of a rule's threshold ("three times the threshold"): the chip's figure over each
 * threshold of that measure in force on the claim's day. Borne out by one of them; never refuted, since which of
 * a rule's thresholds is meant is not said.
 */
function checkToThreshold(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = toleranceOf(c);
  const measure = c.metric.slice('threshold_ratio_'.length);
  const none = { verdict: 'unverifiable' as const, evidence: [], tolerance };
  if (!c.subject) return none;
  const day = c.time ?? c.as_of ?? null;
  const param = THRESHOLD_PARAMS[`threshold_${measure}`] as RegExp;
  const thresholds = [...rulesByRecord(ctx.entities).keys()]
    .filter((v) => inForce(ctx, v, day))
    .flatMap((v) => ctx.facts.about(v).filter((f) => param.test(f.metric) && isConfirmed(f.status) && f.value > 0));
  for (const own of ctx.facts.get(c.subject, measure)) {
    if (!canSupport(own)) continue;
    for (const t of thresholds) {
      const ratio = quotient(own, t, measure);
      if (agrees(c, ratio)) return { verdict: 'supported', evidence: [evidence(ratio)], tolerance };
    }
  }
  return none;
}

/**
 * A ratio between two models' prices ("输出价的近三十倍", "2.5 times Sonnet 5's"): their current list prices, the
 * output's or the input's as the sentence says (both tried when it says neither), the makers' own where both
 * list one. Refuted only when the other model is named, the price is named and both makers list theirs.
 */
function checkPriceRatio(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = toleranceOf(c);
  const none: Checked = { verdict: 'unverifiable', evidence: [], tolerance };
  const others = c.comparison
    ? [c.comparison]
    : c.context.filter((e) => e !== c.subject && e.startsWith('model:') && !c.compared?.includes(e));
  // (A ratio said where the sentence speaks of blends is one of blends: "Kimi K3約為Terra的2.7倍".)
  const said = c.blended ? ['blended_price'] : c.price_of ? [`${c.price_of}_price`] : ['output_price', 'input_price'];
  const current = (id: string, metric: string) => {
    const keys = factKeys(ctx, id).filter((k) => !k.weak);
    const now = (
      metric === 'blended_price'
        ? blendsOf(ctx, id, priceDay(c))
        : [...latestBySeries(keys.flatMap((k) => [...ctx.facts.get(k.key, metric)])).values()]
    ).filter((f) => f.value > 0);
    const own = now.filter((f) => f.first_party);
    // (Of blends, the maker's own and the cheapest: not every pair of sellers, one of which would agree by chance.)
    const cheapest = [...now].sort((a, b) => a.value - b.value).slice(0, 1);
    return { own, any: metric === 'blended_price' ? [...new Set([...own, ...cheapest])] : now };
  };
  for (const metric of said) {
    const mine = current(c.subject as string, metric);
    for (const other of others) {
      const theirs = current(other, metric);
      const pairs = (a: IndexedFact[], b: IndexedFact[]) => a.flatMap((x) => b.map((y) => [x, y] as const));
      const sure = mine.own.length > 0 && theirs.own.length > 0;
      // (Blends: the makers' own and the cheapest, either pair.)
      const tried = (
        sure && metric !== 'blended_price' ? pairs(mine.own, theirs.own) : pairs(mine.any, theirs.any)
      ).map(([x, y]) => ({
        ...quotient(x, y, metric),
        versus: y.entity,
      }));
      const hit = tried.find((f) => agrees(c, f));
      if (hit) return { verdict: 'supported', evidence: [evidence(hit)], tolerance };
      if (sure && c.comparison && said.length === 1 && tried.length)
        return { verdict: 'contradicted', evidence: tried.slice(0, 2).map(evidence), tolerance };
    }
  }
  return none;
}

/** The volumes a ratio of each measure is read on: a platform's traffic, spend and calls, and the hub's downloads. */
const VOLUMES: Record<string, readonly string[]> = {
  token_ratio: ['tokens:7d', 'tokens:30d', 'tokens:week', 'tokens:month'],
  spend_ratio: ['spend:7d', 'spend:30d'],
  request_ratio: ['requests:7d', 'requests:30d', 'requests:week', 'requests:month'],
  download_ratio: ['downloads'],
};

/**
 * A change over a span of days ("up by roughly three quarters" in the week to 19 July): the subject's tokens in that
 * window against the window of the same length just before it, from the daily activity's rolling windows and from
 * the weekly lists. The two count differently (all models, or the listed ones), so either may bear it out and
 * neither refutes it.
 */
function checkWindowGrowth(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = toleranceOf(c);
  const key = factKeys(ctx, c.subject)[0]?.key;
  const day = c.time as string;
  const n = c.days as number;
  const changes: IndexedFact[] = [];
  // (A rolling window is dated by its last day; a weekly list by the day after its week.)
  for (const [metric, end] of [
    [n === 7 ? 'tokens:7d' : n === 30 ? 'tokens:30d' : '', day],
    [n === 7 ? 'tokens:week' : '', addDays(day, 1)],
  ] as const) {
    if (!metric || !key) continue;
    const volumes = ctx.facts.get(key, metric);
    const now = volumes.find((f) => f.time === end);
    const before = volumes.find((f) => f.time === addDays(end, -n));
    if (!now || !before || !(before.value > 0)) continue;
    const g = now.value / before.value - 1;
    changes.push({
      ...now,
      metric: 'growth',
      value: g,
      unit: 'ratio',
      id: `${now.id}/${before.id}`,
      statement: `${now.entity}: tokens ${now.time} against ${before.time} (${metric}): ${(100 * g).toFixed(1)}% (${now.value} / ${before.value})`,
      source_ids: [...new Set([...now.source_ids, ...before.source_ids])],
    });
  }
  const hit = changes.find((f) => agrees(c, f));
  return hit
    ? { verdict: 'supported', evidence: [evidence(hit)], tolerance }
    : { verdict: 'unverifiable', evidence: changes.slice(0, 2).map(evidence), tolerance };
}

/**
 * A ratio between two sides' token volumes ("nearly twice the US's", "前者接近后者的两倍"), from their volumes in
 * the same window: the one the claim names, else the ones the article names, else the latest before its date.
 * The other side is the comparison the text names; without one, each other side of the subject's kind named
 * around it, and then the claim can only be borne out. Refuted only for a named comparison and window.
 */
function checkVolumeRatio(c: ClaimToCheck, ctx: CheckContext, measures: readonly string[]): Checked {
  const tolerance = toleranceOf(c);
  const kindOf = (id: string) => ctx.entities.entities.get(id)?.kind;
  const kind = kindOf(c.subject as string);
  const others = c.comparison
    ? [c.comparison]
    : c.context.filter(
        (e) => e !== c.subject && kindOf(e) === kind && !(kind === 'organization' && e === 'openrouter'),
      );
  const volumes = (id: string) => {
    const key = factKeys(ctx, id)[0]?.key;
    return key ? measures.flatMap((m) => [...ctx.facts.get(key, m)]) : [];
  };
  const mine = volumes(c.subject as string);
  // (The latest windows are the latest of all the other side's volumes, not of each volume alone.)
  const latest = (fs: readonly IndexedFact[]) =>
    c.as_of
      ? new Set([...latestWindows(fs, c.as_of, 'tokens_month'), ...latestWindows(fs, c.as_of, 'tokens_week')])
      : new Set<IndexedFact>();
  const windowed = (f: IndexedFact, recent: ReadonlySet<IndexedFact>) =>
    c.time && c.days
      ? sameTime(c.time, f, c.days)
      : c.windows?.length
        ? c.windows.some((w) => sameTime(w.time, f, w.days))
        : recent.has(f);
  const pairs: IndexedFact[] = [];
  for (const other of others) {
    const theirs = volumes(other);
    const recent = c.time || c.windows?.length ? new Set<IndexedFact>() : latest(theirs);
    for (const b of theirs) {
      if (!windowed(b, recent)) continue;
      const a = mine.find((f) => f.metric === b.metric && f.time === b.time);
      if (!a || !(b.value > 0) || a.lower_bound || b.lower_bound) continue;
      pairs.push({
        ...a,
        metric: `ratio:${a.metric}`,
        value: a.value / b.value,
        unit: 'x',
        versus: b.entity,
        id: `${a.id}/${b.id}`,
        statement: `${a.entity} / ${b.entity}, ${a.metric} ${a.time}: ${(a.value / b.value).toFixed(2)} (${a.value} / ${b.value})`,
        source_ids: [...new Set([...a.source_ids, ...b.source_ids])],
      });
    }
  }
  const hit = pairs.filter((f) => agrees(c, f));
  if (hit.length) return { verdict: 'supported', evidence: hit.slice(0, 3).map(evidence), tolerance };
  const refutable = !!c.comparison && !!c.time && !!c.days && pairs.length > 0;
  return { verdict: refutable ? 'contradicted' : 'unverifiable', evidence: pairs.slice(0, 3).map(evidence), tolerance };
}

const SHARES = new Set(['token_share', 'request_share', 'spend_share', 'share']);

/** Whether an entity is a traffic platform: the data holds the platform's own totals for it. */
export function isPlatform(ctx: CheckContext, id: string): boolean {
  const key = factKeys(ctx, id)[0]?.key;
  return !!key && ['platform_tokens:week', 'platform_tokens:month'].some((m) => ctx.facts.get(key, m).length > 0);
}

/** "60% more" is a ratio of 1.6 to the other side, "30% less" one of 0.7: the figure as checked. */
function asRatio(c: ClaimToCheck): ClaimToCheck {
  if (!c.change) return c;
  const k = c.change === 'more' ? 1 : -1;
  const to = (x: number | null) => (x === null ? null : 1 + k * x);
  return { ...c, value: 1 + k * c.value, low: to(k > 0 ? c.low : c.high), high: to(k > 0 ? c.high : c.low), unit: 'x' };
}

/** A claim as checked: extracted, with what its wording says beyond the figure. */
export type ClaimToCheck = Extracted & {
  /**
   * A multiple said of the other side ("behind B by a factor of three", "3x slower than B"): the claim is
   * that B's figure is that multiple of the subject's.
   */
  inverse?: boolean;
};

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter(Boolean);

/** Whether a family's name is written with words of its own beyond the family's ("Claude Opus", "Qwen3"). */
function versioned(c: ClaimToCheck, ctx: CheckContext): boolean {
  const family = c.subject ? ctx.entities.entities.get(c.subject) : undefined;
  if (!family?.family || !c.subject_text) return false;
  const own = new Set(words(family.name));
  return words(c.subject_text).some((w) => !own.has(w));
}

/**
 * The models of a family that the text's name for it narrows to ("Claude Opus": the Claude models whose id
 * carries every word of it); none when the text says no more than the family's own name.
 */
function namedMembers(c: ClaimToCheck, ctx: CheckContext): readonly string[] {
  const family = c.subject ? ctx.entities.entities.get(c.subject) : undefined;
  if (!family?.family || !c.subject_text || !ctx.familyMembers) return [];
  let memo = namedCache.get(ctx.familyMembers);
  if (!memo) namedCache.set(ctx.familyMembers, (memo = new Map()));
  const named = words(c.subject_text);
  const key = `${family.id}\u0000${named.join(' ')}`;
  let out = memo.get(key);
  if (!out) {
    out = versioned(c, ctx)
      ? (ctx.familyMembers.get(family.id) ?? []).filter((m) => {
          const has = new Set(words(m.replace(/^model:/, '')));
          return named.every((w) => has.has(w));
        })
      : [];
    // A name that still covers scores of models names none of them.
    if (out.length > 100) out = [];
    // Bounded: a hostile text can name a family many ways.
    if (memo.size < 10_000) memo.set(key, out);
  }
  return out;
}
const namedCache = new WeakMap<ReadonlyMap<string, readonly string[]>, Map<string, readonly string[]>>();

/**
 * A ratio between two chips or systems. Said inversely ("A trails B by 3x"), it is checked as B's ratio to A,
 * never as A's to B. Without a comparison the extractor could place, the chips (systems) named around it are
 * tried as the other side: the claim is supported if its ratio to one of them agrees, never contradicted so.
 * Null when the claim is not inverse and no pair bears it out (it is then checked as it stands).
 */
function checkRatio(c: ClaimToCheck, ctx: CheckContext): Checked | null {
  const kind = ctx.entities.entities.get(c.subject as string)?.kind;
  if (c.comparison) {
    if (!c.inverse) return null;
    const r = checkOne({ ...c, subject: c.comparison, comparison: c.subject }, ctx);
    return { verdict: r.verdict, evidence: r.evidence, tolerance: r.tolerance };
  }
  if (kind === 'chip' || kind === 'system') {
    for (const e of c.context) {
      if (e === c.subject || ctx.entities.entities.get(e)?.kind !== kind) continue;
      const pair = c.inverse
        ? { ...c, subject: e, comparison: c.subject, subject_from: 'context' as const }
        : { ...c, comparison: e };
      const r = checkOne(pair, ctx);
      if (r.verdict === 'supported') return { verdict: r.verdict, evidence: r.evidence, tolerance: r.tolerance };
    }
  }
  return c.inverse ? { verdict: 'unverifiable', evidence: [], tolerance: toleranceOf(c) } : null;
}

function toleranceOf(c: Extracted): string {
  const rel = c.bound === 'approx' ? TOLERANCE.approx : TOLERANCE.relative;
  const floor = FLOOR[c.unit];
  return `±${rel * 100}% relative${floor ? ` (at least ±${floor} ${c.unit})` : ''}${c.bound === 'gt' ? ', lower bound' : c.bound === 'lt' ? ', upper bound' : ''}`;
}

/** Gaps between the two sides' best, read on a board (their passage names it, else the defaults below). */
export const GAP_METRICS: ReadonlySet<string> = new Set(['rating_gap', 'gap_points', 'gap_months', 'gap_percent']);
/** The fact metrics of the gaps between the two sides' best. */
const GAP_METRICS_FACT: ReadonlySet<string> = new Set(['gap_points', 'gap_months', 'gap_percent']);
/** Units of readings off a board that an old reading can be told again of: places and ratings. */
const RANKED = new Set(['rank', 'points', 'rating']);
/** A reading off a board (a place, a rating): what an article may repeat from before. */
const toldAgain = (f: IndexedFact) => !!f.reading && RANKED.has(f.unit);
/** A list's volume, told again as still holding ("still credit it with 1.6 trillion weekly tokens"). */
const toldStill = (c: Extracted, f: IndexedFact) =>
  !!c.still && (f.window === 'week' || f.window === 'month') && (f.unit === 'tokens' || f.unit === 'requests');

/** A benchmark whose gap view is named otherwise (the frontier's gap on Epoch's index is `epoch-eci`). */
const GAP_BOARD: Record<string, string> = { epoch_capabilities_index: 'epoch-eci' };

/** The boards a gap said of none is read on. */
const DEFAULT_GAPS = ['gap (arena-text)', 'gap (epoch-eci)'];

function checkOne(c: Extracted, ctx: CheckContext): Checked & { agreeing?: boolean; none?: boolean } {
  // A score on a named benchmark: that benchmark's (several, when the passage names only their maker). A gap: the
  // gap on that benchmark, else on the Arena or Epoch's index (not on an index the passage does not name).
  const gap = GAP_METRICS.has(c.metric);
  // (A price on a cache hit is a measure of its own; so is one per input or output token named right after it, "$0.45
  // per million input tokens". A side named before the figure may be another figure's.)
  const family =
    c.boards?.length && !gap
      ? c.boards.map((b) => `benchmark:${b}`)
      : c.metric === 'price' && (c.price_of === 'cache_read' || (c.price_of && c.side_after))
        ? [`${c.price_of}_price`]
        : [...familyOf(c.metric)];
  const gapTables = gap
    ? new Set(c.boards?.length ? c.boards.map((b) => `gap (${GAP_BOARD[b] ?? b.replace(/_/g, '-')})`) : DEFAULT_GAPS)
    : null;
  const tolerance = toleranceOf(c);
  if (c.metric === 'chip_count') {
    // A chip count is about a system named nearby, or built of a chip named nearby ("72 颗" after "GB200"):
    // the one whose count it matches, if any.
    const near = new Set(c.context);
    for (const e of c.context) for (const sys of systemsBuiltOf(ctx.entities).get(e) ?? []) near.add(sys);
    const systems = [...near].flatMap((e) => [...ctx.facts.get(e, 'chips_per_system')]);
    const hit = systems.find((f) => agrees(c, f));
    if (hit)
      return {
        verdict: canSupport(hit) ? 'supported' : 'unverifiable',
        evidence: [evidence(hit)],
        tolerance,
        subject: hit.entity,
      };
    if (systems.length === 1 && (!c.subject || c.subject === (systems[0] as IndexedFact).entity)) {
      const only = systems[0] as IndexedFact;
      return {
        verdict: isConfirmed(only.status) ? 'contradicted' : 'unverifiable',
        evidence: [evidence(only)],
        tolerance,
        subject: only.entity,
      };
    }
    // No system the count matches: it may be a training run's ("2048 块 H800"), checked like any other claim;
    // the systems named nearby can then neither support nor contradict it.
    if (systems.length) {
      for (const metric of ['gpu_count', 'dies']) {
        const other = checkOne({ ...c, metric }, ctx);
        if (other.verdict === 'supported') return other;
      }
      return { verdict: 'unverifiable', evidence: systems.map(evidence), tolerance };
    }
  }
  // A ratio between two chips or systems is also checked against the ratio of their specifications; "performance"
  // is compute whatever else the sentence names.
  if (RATIO_CLAIM.has(c.metric) && c.comparison) {
    family.push(...(ASPECT_RATIOS[c.aspect ?? 'compute'] ?? []));
    if (c.metric === 'performance_ratio' && c.aspect && c.aspect !== 'compute')
      family.push(...(ASPECT_RATIOS['compute'] ?? []));
  }
  const keys = factKeys(ctx, c.subject);
  const versus = new Set(factKeys(ctx, c.comparison).map((k) => k.key));
  let weakOnly = true;
  let cands: IndexedFact[] = [];
  const seen = new Set<IndexedFact>();
  /** Releases of the model that gave figures. */
  const releases = new Set<string>();
  for (const k of keys) {
    for (const m of family) {
      for (const f of ctx.facts.get(k.key, m)) {
        if (seen.has(f)) continue;
        if (gapTables && !gapTables.has(f.table)) continue;
        // A comparison claim is checked against the figure for the same pair, when it names the other side.
        if (versus.size && f.versus && !versus.has(f.versus)) continue;
        if (!versus.size && f.versus && f.metric.startsWith('ratio')) continue;
        seen.add(f);
        cands.push(f);
        if (!k.weak) weakOnly = false;
        if (k.release) releases.add(k.key);
      }
    }
  }
  // One release alone, the model itself without the figure: that release is the model as listed ("gemini-2.0-flash-001"
  // on a platform for Gemini 2.0 Flash).
  if (weakOnly && releases.size === 1) weakOnly = false;
  // Entities put on a list in a month the claim names ("2023年10月……共16家实体"): the one event of that month adding
  // entities, reached through the listing country, is the claim's.
  if (weakOnly && c.metric === 'count:entities' && c.time && c.time.length >= 7) {
    const month = (c.time as string).slice(0, 7);
    const that = cands.filter(
      (f) => f.table === 'events' && f.metric === 'count:entities' && f.time?.startsWith(month),
    );
    if (new Set(that.map((f) => f.entity)).size === 1) {
      cands = that;
      weakOnly = false;
    }
  }
  // Reported ratios (a chip's share of another's performance) are stored under their own metric names.
  if (family.includes('ratio') || c.unit === 'x') {
    for (const k of keys)
      for (const f of ctx.facts.about(k.key)) {
        if (seen.has(f) || f.table !== 'reported_figures' || f.unit !== 'ratio') continue;
        if (versus.size && f.versus && !versus.has(f.versus)) continue;
        // Of the measure the claim compares: a memory ratio is not borne out by a ratio of power per flop.
        const words = c.aspect ? ASPECT_WORDS[c.aspect] : undefined;
        if (words && !words.test(`${f.metric} ${f.statement}`)) continue;
        seen.add(f);
        cands.push(f);
        if (!k.weak) weakOnly = false;
      }
  }
  // A link's bandwidth is given both ways in the data; an article may give it one way: each such figure stands
  // also as its half.
  if (c.metric === 'interconnect_bandwidth')
    for (const f of [...cands])
      if (f.metric === 'interconnect_gbps_bidirectional' && Number.isFinite(f.value))
        cands.push({
          ...f,
          value: f.value / 2,
          id: `${f.id}:one-way`,
          statement: `${f.statement} (one way: ${f.value / 2})`,
        });
  cands = cands.filter((f) => rangeIn(c, f) !== null);
  cands = drifted(cands, c.time?.length === 10 ? c.time : (c.as_of ?? null));
  // A margin only by a figure stated as one: an event's other ratios (a share, a cut) are other measures.
  if (c.metric === 'margin') cands = cands.filter((f) => /margin|利润率/i.test(f.statement));
  // A price said of its seller (the maker's own, or a platform named) is that seller's, when the data lists any.
  if (c.seller) {
    const sells = (f: IndexedFact) =>
      c.seller === 'first_party'
        ? f.first_party === true
        : f.provider !== undefined && (f.provider === c.seller || f.provider.startsWith(`${c.seller}_`));
    const theirs = cands.filter((f) => f.provider === undefined || sells(f));
    if (cands.some(sells)) cands = theirs;
  }
  if (!cands.length) return { verdict: 'unverifiable', evidence: [], tolerance, none: true };
  // A reading (a rating, a gap) in an article that states no time but is dated: as of that date, so readings
  // taken after it are not what the article saw (when the data holds any reading up to then).
  const asOf = !c.time ? c.as_of : null;
  if (asOf && cands.some((f) => f.reading && f.time !== null && f.time <= asOf))
    cands = cands.filter((f) => !f.reading || f.time === null || f.time <= asOf);
  // With none up to then, a reading taken in the ten days after may bear the claim out, never refute it; not a
  // count that only grows (votes), which a later reading overstates.
  else if (asOf)
    cands = cands.filter(
      (f) =>
        !f.reading || f.time === null || (!GROWING.has(f.metric) && Date.parse(f.time) - Date.parse(asOf) <= 10 * DAY),
    );
  const afterwards = (f: IndexedFact) => !!asOf && !!f.reading && f.time !== null && f.time > asOf;
  // A reading taken well before the article's date may not be the one it saw: it can bear the claim out, not
  // contradict it.
  const stale = (f: IndexedFact) =>
    !!asOf && !!f.reading && f.time !== null && Date.parse(asOf) - Date.parse(f.time) > 10 * DAY;
  const near = (fs: readonly IndexedFact[]) =>
    [...fs]
      .sort((a, b) => Math.abs(a.value - c.value) - Math.abs(b.value - c.value))
      .slice(0, 3)
      .map(evidence);
  const series = cands.filter((f) => f.time !== null && f.table !== 'events');
  const timeless = cands.filter((f) => !series.includes(f));
  let current: IndexedFact[];
  let earlier: IndexedFact[] = [];
  // A year is too coarse for a daily or weekly series: it is checked like a claim without a time, within that year.
  const coarse = c.time !== null && c.time.length < 7 && series.length > 1;
  if (coarse) {
    const year = c.time as string;
    cands = [...timeless, ...series.filter((f) => (f.time as string).startsWith(year))];
  }
  let seriesNow = cands.filter((f) => series.includes(f));
  if (c.time && !coarse && c.time.length === 10 && !c.days) {
    // A reading on a stated day (a rating, a gap "on 1 June"): the last one taken on or before it, within a month,
    // per series; not every reading of that month.
    const day = c.time;
    const isReading = (f: IndexedFact) => !!f.reading && f.time !== null && !f.window;
    const last = new Map<string, string>();
    const key = (f: IndexedFact) => f.series ?? `${f.table}\u0000${f.metric}`;
    for (const f of cands)
      if (isReading(f) && (f.time as string) <= day && Date.parse(day) - Date.parse(f.time as string) <= 31 * DAY)
        if ((last.get(key(f)) ?? '') < (f.time as string)) last.set(key(f), f.time as string);
    current = cands.filter((f) => (isReading(f) ? last.get(key(f)) === f.time : sameTime(day, f, c.days)));
  } else if (c.time && !coarse) current = cands.filter((f) => sameTime(c.time as string, f, c.days));
  else {
    // No stated time: a series is checked against its latest figure; earlier ones can only make the claim outdated.
    // Latest per series (one provider's list price, one model's rating), else per table.
    const latest = new Map<string, string>();
    const key = (f: IndexedFact) => f.series ?? f.table;
    // (In a dated article, the latest up to its date: a price set after it is not the one it read. A series known only
    // after the date keeps its latest; a window's figures, dated by their end, are read below.)
    const upTo = new Map<string, string>();
    for (const f of seriesNow) {
      if ((latest.get(key(f)) ?? '') < (f.time as string)) latest.set(key(f), f.time as string);
      if (asOf && !f.window && (f.time as string) <= asOf && (upTo.get(key(f)) ?? '') < (f.time as string))
        upTo.set(key(f), f.time as string);
    }
    for (const [k, t] of upTo) latest.set(k, t);
    const later = (f: IndexedFact) => upTo.has(key(f)) && (f.time as string) > (upTo.get(key(f)) as string);
    seriesNow = seriesNow.filter((f) => !later(f));
    // A figure measured over a window (a week's traffic) has no "now": an undated claim of it is not checked.
    // (A gap's reading is "now" only if taken within a quarter of the article's date: a model's gap series that
    // ended a year before it is what was, not what the article saw.)
    const longAgo = (f: IndexedFact) => !!asOf && f.time !== null && Date.parse(asOf) - Date.parse(f.time) > 92 * DAY;
    const now = (f: IndexedFact) =>
      f.time === latest.get(key(f)) && !f.window && !(GAP_METRICS_FACT.has(f.metric) && longAgo(f));
    current = [...timeless, ...seriesNow.filter(now)];
    earlier = seriesNow.filter((f) => !now(f));
  }
  // (A volume of no stated window only on the window the article names: alone it may be a week's or a month's.)
  // (A bare volume only where the article names one span: with several, any might match.)
  const windowed =
    TRAFFIC.has(c.metric) || (c.metric === 'tokens' && c.windows?.length === 1 && !c.bound?.match(/gt|lt/));
  // An undated count of downloads on the hub is of its last 30 days, the only window it shows: as of the latest
  // snapshot in the ten days before the article, which it can then bear out or refute.
  if (!c.time && asOf && HUB_WINDOWED.has(c.metric) && !c.windows?.length) {
    const day = latestWindows(seriesNow, asOf, c.metric)
      .map(lastDay)
      .find((d) => d !== null);
    if (day) return checkOne({ ...c, time: day, days: 30 }, ctx);
  }
  if (!c.time && asOf && (windowed || c.metric.startsWith('top_spots_count:'))) {
    // The windows the article names elsewhere, if it names any ("the week to 31 July"); else the latest default.
    // (A bare volume only on a window of the named span's length: a week's list or a total is another measure.)
    const span = (f: IndexedFact, days: number) =>
      c.metric !== 'tokens' || (days <= 8 ? ['7d', 'week'] : ['30d', 'month']).includes(f.window ?? '');
    const named = c.windows?.length
      ? seriesNow.filter((f) => c.windows?.some((w) => sameTime(w.time, f, w.days) && span(f, w.days)))
      : latestWindows(seriesNow, asOf, c.metric);
    const recent = named.filter((f) => canSupport(f) && agrees(c, f));
    if (recent.length) return { verdict: 'supported', evidence: recent.slice(0, 3).map(evidence), tolerance };
  }
  const matching = current.filter((f) => agrees(c, f));
  const superseded = matching.find(
    (f) => f.later && isConfirmed(f.status) && !agrees(c, { ...f, value: f.later.value }),
  );
  if (superseded) {
    const later = cands.filter((f) => f.id === superseded.id.replace(/:claimed$/, ':found'));
    return { verdict: 'outdated', evidence: [superseded, ...later].map(evidence), tolerance };
  }
  const confirmedMatch = matching.filter(canSupport);
  const confirmedOther = current.filter((f) => isConfirmed(f.status) && !agrees(c, f) && Number.isFinite(f.value));
  if (confirmedMatch.length) {
    // Where sources disagree, say so: show the disagreeing figures of the same measure too.
    const first = confirmedMatch[0] as IndexedFact;
    const disagree = current
      .filter((f) => f.table === first.table && f.metric === first.metric && f.time === first.time)
      .filter((f) => canSupport(f) && !agrees(c, f))
      .filter((f) => Number.isFinite(f.value))
      .slice(0, 2);
    // Figures that agree with the claim but not with each other (58, 60 and 61 signatories) disagree too.
    const shown = confirmedMatch.slice(0, 3);
    const spread = shown.some(
      (f) =>
        f.metric === first.metric &&
        f.time === first.time &&
        Math.abs(f.value - first.value) > 0.01 * Math.abs(first.value),
    );
    return {
      verdict: 'supported',
      evidence: [...shown, ...disagree].map(evidence),
      tolerance: disagree.length || spread ? `${tolerance}; sources disagree` : tolerance,
    };
  }
  // A standing figure (a price) without a stated time is today's: one that held earlier and was superseded by a
  // confirmed later one makes the claim outdated.
  if (!c.time && !coarse) {
    for (const old of earlier) {
      // (A reading taken at another time does not supersede one: a rating then and a rating now are two facts.)
      if (!old.series || old.window || old.reading || !isConfirmed(old.status) || !agrees(c, old)) continue;
      const later = current.find((f) => f.series === old.series && isConfirmed(f.status) && !agrees(c, f));
      if (later) return { verdict: 'outdated', evidence: [later, old].map(evidence), tolerance };
    }
  }
  // (Not when a confirmed earlier figure bears the claim out and no confirmed one replaced it: unverifiable then.)
  const heldEarlier = !c.time && earlier.some((f) => isConfirmed(f.status) && agrees(c, f));
  const standing = (f: IndexedFact) => !c.time && !coarse && f.series !== undefined && !f.window && !heldEarlier;
  // A series figure without a stated time (shares and volumes "now") is not outdated by later data: it is
  // unverifiable, with the nearest earlier figure that agrees shown beside the latest one.
  if ((!c.time || coarse) && earlier.length && !current.some(standing)) {
    const old = earlier.filter((f) => isConfirmed(f.status) && agrees(c, f));
    // Told as still holding ("网上仍有文章称中美差距为36分"), a reading an earlier one bore out and the one of the
    // article's day replaced is outdated.
    const now = current.filter(
      (f) => f.reading && isConfirmed(f.status) && !agrees(c, f) && !stale(f) && !afterwards(f),
    );
    if (c.still && old.length && now.length && !current.some((f) => agrees(c, f)))
      return { verdict: 'outdated', evidence: [...near(now).slice(0, 1), ...near(old).slice(0, 1)], tolerance };
    return { verdict: 'unverifiable', evidence: [...near(old).slice(0, 1), ...near(current).slice(0, 2)], tolerance };
  }
  // Contradiction needs the same measure, the same time (a series without a stated time has none) and a direct link.
  // (A link's bandwidth only for a chip named alone: "the A800, a cut-down A100, … 400 GB/s" may be either's.)
  // (In its own sentence: a chip named in the sentence before is another claim's.)
  const otherChip =
    c.beside_chip ?? c.context.some((e) => e !== c.subject && ctx.entities.entities.get(e)?.kind === 'chip');
  const contra = confirmedOther.filter(
    (f) =>
      (c.boards?.length
        ? c.boards.length === 1 && family.includes(f.metric)
        : contraOf(c.metric).includes(f.metric) || specRatioRefutes(c, f)) &&
      ((c.time !== null && !coarse) || f.time === null || f.table === 'events' || standing(f)) &&
      !(otherChip && f.metric === 'interconnect_gbps_bidirectional'),
  );
  // Nor a share of a weekly or monthly list: its total is the list's own (the models below its cut are left out).
  const refutable = (f: IndexedFact) => !(f.metric === 'token_share' && (f.window === 'week' || f.window === 'month'));
  // Nor a subject guessed from the passage, or a figure orders of magnitude away (then it is about something else).
  const plausible = contra.filter((f) => {
    if (!refutable(f)) return false;
    if (f.lower_bound && !belowBound(c, f)) return false;
    if (stale(f) || afterwards(f)) return false;
    const r = rangeIn(c, f);
    const v = r ? (Number.isFinite(r[0]) ? r[0] : r[1]) : Number.NaN;
    return Number.isFinite(v) && v !== 0 && f.value / v > 0.2 && f.value / v < 5;
  });
  if (
    plausible.length &&
    c.subject_from !== 'ambiguous' &&
    !weakOnly &&
    !matching.length &&
    otherPrecisionsDisagree(c, cands)
  ) {
    // A place or rating an earlier confirmed reading of the same board bore out, that the reading of the claim's
    // time replaced, is an old figure told again: outdated ("仍排第一", first in August, second in December).
    const series = (f: IndexedFact) => `${f.table}\u0000${f.metric}\u0000${f.entity}`;
    const toldOld = (f: IndexedFact) => toldAgain(f) || toldStill(c, f);
    // (Not when its own sentence names the day: then it is that day's figure, and wrong.)
    const replaced = new Set(
      plausible
        .filter(
          (f) =>
            toldOld(f) &&
            // (A gap only told as still holding: "至今仍称中美差距为60分".)
            (!GAP_METRICS_FACT.has(f.metric) || !!c.still) &&
            (c.time_carried || !c.time),
        )
        .map(series),
    );
    const before = replaced.size
      ? cands.filter(
          (f) =>
            toldOld(f) &&
            replaced.has(series(f)) &&
            isConfirmed(f.status) &&
            agrees(c, f) &&
            plausible.some((p) => series(p) === series(f) && (f.time ?? '') < (p.time ?? '')),
        )
      : [];
    if (before.length)
      return {
        verdict: 'outdated',
        evidence: [...near(plausible).slice(0, 1), evidence(before.at(-1) as IndexedFact)],
        tolerance,
      };
    return { verdict: 'contradicted', evidence: near(plausible), tolerance };
  }
  // Evidence reached only through a weak link (a country's events, a lab's model) is not about this claim.
  if (weakOnly) return { verdict: 'unverifiable', evidence: [], tolerance };
  return {
    verdict: 'unverifiable',
    evidence: matching.length ? matching.slice(0, 3).map(evidence) : near(current.length ? current : cands),
    tolerance,
    agreeing: matching.length > 0,
  };
}

/**
 * A ratio of two chips' or systems' specifications refutes a ratio claim between them when the claim's own clause
 * names the aspect plainly ("60% more memory"); the ratios of that aspect's every measure must then disagree.
 */
function specRatioRefutes(c: Extracted, f: IndexedFact): boolean {
  if (!RATIO_CLAIM.has(c.metric) || !c.comparison || !c.aspect || !c.aspect_plain) return false;
  return f.versus === c.comparison && (ASPECT_RATIOS[c.aspect] ?? []).includes(f.metric);
}

const round1 = (x: number) => Number(x.toFixed(1));

/**
 * "capped most countries at roughly 50,000 H100 equivalents": a count of chips said of a rule is one of its caps in
 * H100 equivalents; borne out by any, refuted only where the rule has one cap.
 */
function checkCapInChips(c: ClaimToCheck, ctx: CheckContext): Checked {
  const tolerance = toleranceOf(c);
  // (The rule's facts are its records': its versions.)
  const keys = [
    ...factKeys(ctx, c.subject).map((k) => k.key),
    ...(ctx.entities.entities.get(c.subject as string)?.versions ?? []),
  ];
  const caps = keys.flatMap((k) => [...ctx.facts.about(k)]).filter((f) => f.metric.startsWith('h100_equivalents:'));
  const hit = caps.find((f) => agrees(c, f));
  if (hit) return { verdict: canSupport(hit) ? 'supported' : 'unverifiable', evidence: [evidence(hit)], tolerance };
  const only = caps.length === 1 ? (caps[0] as IndexedFact) : undefined;
  return {
    verdict: only && isConfirmed(only.status) ? 'contradicted' : 'unverifiable',
    evidence: caps.slice(0, 3).map(evidence),
    tolerance,
  };
}

/** A gap said in years, as the same gap in months. */
function inMonths(c: ClaimToCheck): ClaimToCheck {
  const m = (x: number | null) => (x === null ? null : x * 12);
  return { ...c, metric: 'gap_months', unit: 'months', value: c.value * 12, low: m(c.low), high: m(c.high) };
}

/**
 * "A leads B by 9 points": the difference of the two models' Arena ratings on one board, on the last day both were
 * read up to the claim's day (the article's, else the latest). Null when either was never read.
 */
function checkRatingDifference(c: Extracted, ctx: CheckContext): Checked | null {
  if (!c.subject || !c.comparison || c.category) return null;
  const readings = (id: string) =>
    factKeys(ctx, id)
      .filter((k) => !k.weak)
      .flatMap((k) => [...ctx.facts.get(k.key, 'arena_rating')])
      .filter((f) => f.time !== null && f.series !== undefined);
  const board = (f: IndexedFact) => (f.series as string).split(':')[0] as string;
  const theirs = new Map(readings(c.comparison).map((f) => [`${board(f)}|${f.time}`, f]));
  const day = c.time?.length === 10 ? c.time : c.time ? null : c.as_of;
  const within = (f: IndexedFact) =>
    day
      ? (f.time as string) <= day && Date.parse(day) - Date.parse(f.time as string) <= 31 * DAY
      : !c.time || (f.time as string).startsWith(c.time);
  // On the overall text board, unless the passage names another.
  if (c.boards?.length && !c.boards.includes('arena-text')) return null;
  const pairs = readings(c.subject)
    .filter((f) => board(f) === 'lmarena-text' && within(f) && theirs.has(`${board(f)}|${f.time}`))
    .sort((a, b) => (b.time as string).localeCompare(a.time as string));
  const a = pairs[0];
  if (!a) return null;
  const b = theirs.get(`${board(a)}|${a.time}`) as IndexedFact;
  const diff = c.direction === 'behind' ? b.value - a.value : a.value - b.value;
  const fact: IndexedFact = {
    ...a,
    metric: 'rating_difference',
    versus: b.entity,
    value: diff,
    unit: 'points',
    source_ids: [...new Set([...a.source_ids, ...b.source_ids])],
    status: isConfirmed(a.status) && isConfirmed(b.status) ? 'confirmed' : 'unconfirmed',
    id: `${a.id}-${b.id}`,
    statement: `${board(a)}, ${a.time}: ${a.entity} ${round1(a.value)} vs ${b.entity} ${round1(b.value)}; ${
      diff >= 0 ? `${c.direction} by ${round1(diff)} points` : `not ${c.direction}`
    }`,
  };
  const tolerance = toleranceOf(c);
  if (agrees(c, fact))
    return { verdict: canSupport(fact) ? 'supported' : 'unverifiable', evidence: [evidence(fact)], tolerance };
  // (A lead said of the wrong side is refuted too: the difference has the other sign.)
  return {
    verdict: isConfirmed(fact.status) ? 'contradicted' : 'unverifiable',
    evidence: [evidence(fact), evidence(a), evidence(b)],
    tolerance,
  };
}

/** A compute figure without a stated precision contradicts only if no precision's figure agrees with it. */
function otherPrecisionsDisagree(c: Extracted, cands: readonly IndexedFact[]): boolean {
  if (c.metric !== 'compute') return true;
  return !cands.some((f) => agrees(c, f));
}
