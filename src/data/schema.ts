/**
 * @module
 * The typed data model: one zod schema per table. The DuckDB DDL (src/store/ddl.ts), the snapshot
 * validators (src/data/snapshot.ts) and the TypeScript row types all come from here, so a column is
 * declared once.
 *
 * Conventions: every fact row carries `source_id` (a row of `sources`); `model_raw` keeps the name as the
 * source spelled it, `model_id` the resolved identity (src/data/identity.ts). Lists are stored as JSON
 * arrays in the snapshot CSVs and as VARCHAR[] in DuckDB.
 */
import { z } from 'zod';

const date = () => z.iso.date();
const text = () => z.string();
const num = () => z.number().refine(Number.isFinite, 'must be a finite number');
const int = () => z.number().int();
const list = () => z.array(z.string());

/** Country codes used for attribution: ISO 3166-1 alpha-2, plus `EU` for an EU body or an EU lab whose member state is unknown, and `other` / `unknown`. */
export const countryCode = z
  .string()
  .regex(/^([A-Z]{2}|INTL|other|unknown)$/, 'must be a two-letter country code, INTL, other or unknown');

export const sources = z.object({
  id: text().min(1),
  title: text().min(1),
  publisher: text().min(1),
  /** http(s) address, or `repo:PATH` for data curated in this repository. */
  url: z.string().regex(/^(https?:\/\/\S+|repo:\S+)$/, 'must be an http(s) URL or repo:PATH'),
  published: date().nullable(),
  retrieved: date(),
  license: text().min(1),
  notes: text().nullable(),
});

export const organizations = z.object({
  id: text().min(1),
  name_en: text().min(1),
  name_zh_hans: text().nullable(),
  name_zh_hant: text().nullable(),
  aliases: list(),
  hf_orgs: list(),
  model_prefixes: list(),
  country: countryCode,
  country_note: text().nullable(),
  type: z.enum(['lab', 'company', 'chipmaker', 'foundry', 'platform', 'academic', 'community', 'government', 'other']),
  source_id: text().min(1),
});

export const models = z.object({
  id: text().min(1),
  name: text().min(1),
  family: text().nullable(),
  organization_id: text().nullable(),
  release_date: date().nullable(),
  open_weights: z.boolean().nullable(),
  license: text().nullable(),
  parameters_b: num().nullable(),
  active_parameters_b: num().nullable(),
  context_tokens: int().nullable(),
  aliases: list(),
  source_ids: list(),
  source_id: text().min(1),
});

export const leaderboardEntries = z.object({
  leaderboard: text().min(1),
  category: text().min(1),
  snapshot_date: date(),
  model_id: text().min(1),
  model_raw: text().min(1),
  organization_raw: text().nullable(),
  score: num(),
  ci_low: num().nullable(),
  ci_high: num().nullable(),
  votes: int().nullable(),
  rank: int().nullable(),
  /** True where the source itself flags the score as preliminary; null where it says nothing. */
  preliminary: z.boolean().nullable(),
  source_id: text().min(1),
});

export const benchmarkResults = z.object({
  benchmark: text().min(1),
  /** The score's own name in the source ("mean_score", "Accuracy", "ECI Score"). */
  metric: text().min(1),
  /** Scaffold, agent or tool setting where the benchmark reports one. */
  setting: text().nullable(),
  model_id: text().min(1),
  model_raw: text().min(1),
  score: num(),
  stderr: num().nullable(),
  release_date: date().nullable(),
  organization_raw: text().nullable(),
  source_id: text().min(1),
});

export const openModels = z.object({
  hub_id: text().min(1),
  model_id: text().min(1),
  organization_id: text().nullable(),
  country: countryCode,
  base_models: list(),
  relation: z.enum(['base', 'finetune', 'adapter', 'merge', 'quantized']).nullable(),
  /** Downloads as the source counts them (the Hub: the last 30 days). */
  downloads: int().nullable(),
  downloads_all_time: int().nullable(),
  likes: int().nullable(),
  created: date().nullable(),
  release_date: date().nullable(),
  parameters_b: num().nullable(),
  active_parameters_b: num().nullable(),
  snapshot_date: date(),
  source_id: text().min(1),
});

export const usage = z.object({
  date: date(),
  window: z.enum(['day', 'week', 'month']),
  model_id: text().min(1),
  model_raw: text().min(1),
  author: text().nullable(),
  variant: text().nullable(),
  prompt_tokens: num().nullable(),
  completion_tokens: num().nullable(),
  reasoning_tokens: num().nullable(),
  cached_tokens: num().nullable(),
  total_tokens: num().nullable(),
  requests: num().nullable(),
  source_id: text().min(1),
});

export const prices = z.object({
  model_id: text().min(1),
  model_raw: text().min(1),
  provider: text().min(1),
  first_party: z.boolean(),
  input_usd_per_mtok: num().nullable(),
  output_usd_per_mtok: num().nullable(),
  cache_read_usd_per_mtok: num().nullable(),
  context_tokens: int().nullable(),
  /** Price tier: `on-demand` (the list price), `batch`, `free`, `fine-tuned` or another variant the source names. */
  tier: text().min(1),
  /** Why a price is missing or unusual (a source's "variable price" marker), when it is. */
  note: text().nullable(),
  valid_from: date(),
  valid_to: date().nullable(),
  source_id: text().min(1),
});

export const chips = z.object({
  id: text().min(1),
  name: text().min(1),
  vendor: text().min(1),
  organization_id: text().nullable(),
  country: countryCode,
  release_year: int().nullable(),
  architecture: text().nullable(),
  process: text().nullable(),
  fp64_tflops: num().nullable(),
  bf16_dense_tflops: num().nullable(),
  fp16_dense_tflops: num().nullable(),
  fp8_dense_tflops: num().nullable(),
  fp4_dense_tflops: num().nullable(),
  int8_dense_tops: num().nullable(),
  memory_gb: num().nullable(),
  memory_type: text().nullable(),
  memory_bandwidth_tbps: num().nullable(),
  interconnect_gbps_bidirectional: num().nullable(),
  interconnect_name: text().nullable(),
  tdp_w: num().nullable(),
  die_area_mm2: num().nullable(),
  transistors_billion: num().nullable(),
  datacenter: z.boolean().nullable(),
  confidence: text().min(1),
  unconfirmed_fields: list(),
  notes: text().nullable(),
  source_ids: list(),
  source_id: text().min(1),
  // Added with the Epoch hardware import; optional so sheets that lack them need not list them.
  release_date: date().nullable().optional(),
  fp32_tflops: num().nullable().optional(),
  tf32_tflops: num().nullable().optional(),
  int4_tops: num().nullable().optional(),
  /** A TPP the source states itself (Epoch's derived column); used only when no per-precision figure is given. */
  tpp_reported: num().nullable().optional(),
  /** Whether throughput figures are dense: `dense`, `dense (halved from sparse by the source)` or `unstated`. */
  throughput_basis: text().nullable().optional(),
  /** The input rows this chip comes from, `dataset#row N (name)`, one per dataset. */
  source_rows: list().nullable().optional(),
});

export const systems = z.object({
  id: text().min(1),
  name: text().min(1),
  vendor: text().min(1),
  country: countryCode,
  year: int().nullable(),
  accelerator: text().min(1),
  chips_per_system: int(),
  bf16_dense_pflops: num().nullable(),
  hbm_capacity_tb: num().nullable(),
  hbm_bandwidth_tbps: num().nullable(),
  scale_up_bandwidth_tbps: num().nullable(),
  power_kw: num().nullable(),
  confidence: text().min(1),
  unconfirmed_fields: list(),
  detail_json: text(),
  source_ids: list(),
  source_id: text().min(1),
});

export const rules = z.object({
  id: text().min(1),
  title: text().min(1),
  citation: text().nullable(),
  published: date().nullable(),
  effective: date().nullable(),
  effective_note: text().nullable(),
  superseded_by: text().nullable(),
  rescinded: text().nullable(),
  verification: text().nullable(),
  detail_json: text(),
  source_ids: list(),
  source_id: text().min(1),
});

export const events = z.object({
  id: text().min(1),
  /** Null when the source gives no date; such events are flagged in `description`. */
  date: date().nullable(),
  kind: text().min(1),
  country: countryCode,
  title: text().min(1),
  actors: list(),
  amount: num().nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  description: text().nullable(),
  confidence: text().min(1),
  detail_json: text(),
  source_ids: list(),
  source_id: text().min(1),
});

/**
 * Figures as reported by a source about a subject, kept as attributed statements, not as specifications:
 * published system comparisons (CloudMatrix 384 vs GB200 NVL72) and claims such as "Ascend 910C reaches 60%
 * of H100 inference performance".
 */
export const reportedFigures = z.object({
  id: text().min(1),
  subject: text().min(1),
  /** What is compared with, when the figure is a ratio. */
  versus: text().nullable(),
  metric: text().min(1),
  value: num().nullable(),
  unit: text().min(1),
  statement: text().min(1),
  status: text().min(1),
  details: text().nullable(),
  date: text().nullable(),
  source_ids: list(),
  source_id: text().min(1),
});

export const claims = z.object({
  document: text().min(1),
  start: int(),
  end: int(),
  quote: text(),
  subject: text().nullable(),
  entities: list(),
  metric: text().nullable(),
  value: num().nullable(),
  unit: text().nullable(),
  time: text().nullable(),
  verdict: z.enum(['supported', 'contradicted', 'outdated', 'unverifiable']),
  evidence: text().nullable(),
  source_id: text().nullable(),
});

/** A dataset as imported: which source it came from, which table it fills and what it covers. */
export const datasets = z.object({
  id: text().min(1),
  title: text().min(1),
  table_name: text().min(1),
  source_id: text().min(1),
  rows: int(),
  date_min: date().nullable(),
  date_max: date().nullable(),
  notes: text().nullable(),
});

/** Every table of the snapshot, in load order. The key is both the table name and the snapshot file stem. */
export const tables = {
  sources,
  datasets,
  organizations,
  models,
  leaderboard_entries: leaderboardEntries,
  benchmark_results: benchmarkResults,
  open_models: openModels,
  usage,
  prices,
  chips,
  systems,
  rules,
  events,
  reported_figures: reportedFigures,
  claims,
} as const;

export type TableName = keyof typeof tables;
export type Row<T extends TableName> = z.infer<(typeof tables)[T]>;
export type Tables = { [T in TableName]: Row<T>[] };
export const tableNames = Object.keys(tables) as TableName[];

/** Primary keys where a table has one; the build enforces them. */
export const primaryKeys: Partial<Record<TableName, string[]>> = {
  sources: ['id'],
  datasets: ['id'],
  organizations: ['id'],
  models: ['id'],
  chips: ['id'],
  systems: ['id'],
  rules: ['id'],
  events: ['id'],
  reported_figures: ['id'],
};

export type ColumnKind = 'text' | 'date' | 'int' | 'float' | 'bool' | 'list';
export interface Column {
  name: string;
  kind: ColumnKind;
  nullable: boolean;
}

interface Def {
  type: string;
  format?: string;
  innerType?: { _zod: { def: Def } };
  checks?: { _zod?: { def?: { format?: string } } }[];
}

function kindOf(def: Def): ColumnKind {
  switch (def.type) {
    case 'string':
      return def.format === 'date' ? 'date' : 'text';
    case 'enum':
      return 'text';
    case 'boolean':
      return 'bool';
    case 'array':
      return 'list';
    case 'number': {
      const isInt = def.format === 'safeint' || (def.checks ?? []).some((c) => c._zod?.def?.format === 'safeint');
      return isInt ? 'int' : 'float';
    }
    default:
      throw new Error(`schema: unsupported zod type ${def.type}`);
  }
}

/** The columns of a table, derived from its zod schema. */
export function columnsOf(table: TableName): Column[] {
  const shape = tables[table].shape as Record<string, { _zod: { def: Def } }>;
  return Object.entries(shape).map(([name, schema]) => {
    let def = schema._zod.def;
    let nullable = false;
    while ((def.type === 'nullable' || def.type === 'optional') && def.innerType) {
      nullable = true;
      def = def.innerType._zod.def;
    }
    // refine() wraps nothing in zod 4 (checks live on the def), so the def here is the base type.
    return { name, kind: kindOf(def), nullable };
  });
}
