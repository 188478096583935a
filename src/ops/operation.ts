/**
 * @module
 * The contract every capability implements: a name, a zod input schema, a zod output schema and
 * `run(deps, input)`. The CLI, the HTTP API, the OpenAPI document and the equivalence tests are all
 * generated from the list of operations (`src/ops/registry.ts`), so the edges cannot disagree.
 *
 * Naming: input keys are snake_case (the API's query parameters); the CLI turns them into kebab-case
 * flags. An operation named `chips.classify` is `airace chips classify` and `GET /api/v1/chips/classify`.
 */
import { z } from 'zod';
import type { Db } from '../store/db.ts';

/** Where things live; passed in so tests and the server can point elsewhere. */
export interface Paths {
  db: string;
  snapshot: string;
  raw: string;
  curated: string;
}

/** What an operation may use from the outside world. Nothing else: no globals, no process.env. */
export interface Deps {
  /** The database, opened on first use (read-only). */
  db: () => Promise<Db>;
  now: () => Date;
  paths: Paths;
  fetch: typeof fetch;
  /** Aborted when the caller gives up (request timeout, client gone): long loops check it. */
  signal: AbortSignal;
  /** Progress for people: shown on a TTY by the CLI, ignored by the API. */
  progress: (message: string) => void;
  /**
   * The registry's list of operations, for those that consult the others (the claims checker builds its fact
   * index from their `facts`); passed in so no capability imports the registry.
   */
  operations?: readonly Operation[];
}

/** What a fact is about, as the database names kinds of entity. */
export const factEntityKind = z.enum([
  'model',
  'organization',
  'country',
  'chip',
  'system',
  'rule',
  'event',
  'bloc',
  'family',
]);

/** A fact an operation can vouch for, for the claims checker (its `facts` member, below). */
export const factSchema = z.object({
  /** Entity id (a model, organization, country, chip, system …) as the database names it. */
  entity: z.string().min(1),
  entity_kind: factEntityKind,
  /** A metric id such as `arena_rating`, `tpp`, `memory_gb`, `token_share`. */
  metric: z.string().min(1),
  /** NaN when the source gives no single figure (a count reported inconsistently): such a fact never agrees. */
  value: z.union([z.number(), z.nan()]),
  unit: z.string(),
  /** The date (YYYY-MM-DD) or window end the value holds for; null when timeless (a chip spec). */
  time: z.string().nullable(),
  source_ids: z.array(z.string()),
  /** `confirmed` unless the source flags it (reported, unconfirmed, preliminary). */
  status: z.string(),
  /** Other entity of a comparison (gap: follower; a ratio between chips: the denominator), if any. */
  versus: z.string().optional(),
  statement: z.string(),
  /** The table (or derivation) the fact comes from, and its stable id there, so a verdict can cite it. */
  table: z.string(),
  id: z.string(),
  /** Facts of one series (one provider's list price of a model): its latest is the current figure. */
  series: z.string().optional(),
  /**
   * A reading of something that moves by itself (a rating, a gap) rather than a standing figure (a list price):
   * a claim that states no time is compared with the reading as of the article's date, not the latest.
   */
  reading: z.boolean().optional(),
  /** A figure measured over a window ending at `time` (`week`: the seven days before it), not a standing value. */
  window: z.string().optional(),
  /** The true figure is at least this (a sum over a top-N list): a smaller claim contradicts it, a larger one does not. */
  lower_bound: z.boolean().optional(),
  /** For a price: who sells at it (a provider id as the price list names it), and whether it is the model's maker. */
  provider: z.string().optional(),
  first_party: z.boolean().optional(),
  /** For a place shared by a tie (25th of three at one score): the last place the tie spans (27). */
  tied_to: z.number().optional(),
  /**
   * How much the value moves by itself per month until the next reading: a months gap in the release view grows by
   * one a month while neither side releases (−1 with the follower ahead).
   */
  drift: z.number().optional(),
  /** For a figure a later one superseded: that later figure. */
  later: z.object({ value: z.number(), time: z.string().nullable() }).optional(),
});
export type Fact = z.infer<typeof factSchema>;

/**
 * How an operation is reached over HTTP. GET: the input is the query string. POST `json`: the input is the
 * JSON body (plus the query). POST `file`: the raw body is written to a temporary file whose path becomes
 * input key `key` (the CLI passes its positional path there instead), the rest comes from the query;
 * the file's extension is the value of input key `ext`, if named.
 */
export type Http =
  | { method: 'GET'; path?: string }
  | { method: 'POST'; path?: string; body: 'json' }
  | { method: 'POST'; path?: string; body: 'file'; key: string; maxBytes: number; ext?: string };

/** A CLI argument that names a file whose text is the value of an input key (`airace check FILE…`). */
export interface FromFile {
  key: string;
  /** More input derived from the path (an id, a format from the extension). */
  extra?: (path: string) => Record<string, string>;
  /** Several files: the operation runs once per file and `merge` joins the answers. */
  merge?: (outputs: unknown[]) => unknown;
}

export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Dotted name: `gap`, `chips.classify`, `cost.pick`. */
  name: string;
  summary: string;
  /** Input: a zod object whose keys are snake_case. Values arrive as strings from both edges (see params.ts). */
  input: I;
  output: O;
  /** CLI positional arguments, in order (input keys). */
  args?: string[];
  /** A CLI positional argument read from a file (see FromFile). */
  fromFile?: FromFile;
  /** Not offered on the CLI (the API's own routes, e.g. health). */
  apiOnly?: boolean;
  /** Input keys the API refuses (local paths, endpoints the server would call). */
  cliOnly?: string[];
  /** HTTP binding; omit for CLI-only operations (import, build, serve). */
  http?: Http;
  /** Runs in a worker, rate-limited and queued on the server. */
  expensive?: boolean;
  run: (deps: Deps, input: z.output<I>) => Promise<z.output<O>>;
  /** The CLI's text for people; `--json` prints the output itself. */
  text?: (output: z.output<O>) => string;
  /** The main list, for `format=csv` and `--csv`. */
  rows?: (output: z.output<O>) => Record<string, unknown>[];
  /** A chart of the answer: `--plot FILE.svg` on the CLI, `GET <path>/chart.svg` on the API. */
  svg?: (deps: Deps, input: z.output<I>) => Promise<string>;
  /** The HTTP status of an answer when it is not 200 (health: 503 when unhealthy); the CLI exits 1 then. */
  status?: (output: z.output<O>) => number;
  /** A report page of the answer and the inputs it answered: `--html FILE` on the CLI. */
  html?: (output: z.output<O>, inputs: z.output<I>[]) => string;
  /** Examples of valid input, used by the equivalence and fuzz suites (the first is the default case). */
  examples?: Record<string, string>[];
  /**
   * The checkable facts behind this capability (entity, metric, value, unit, time, source), for the claims
   * checker's fact index. Offered by the operations whose data a claim can be checked against.
   */
  facts?: (deps: Deps) => Promise<Fact[]>;
}

/** Keeps each operation's input and output types checked while the registry holds them as one list. */
export function operation<I extends z.ZodType, O extends z.ZodType>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

/** Bad input, named by field: exit 1 with one line on the CLI, 400 `{error, field}` on the API. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something named in the input does not exist: exit 1 on the CLI, 404 on the API. */
export class NotFoundError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
