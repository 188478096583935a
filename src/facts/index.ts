/**
 * @module
 * The fact index: every dataset of the observatory read once into facts in the shape of `Fact`
 * (src/ops/operation.ts) — entity, metric, value, unit, time, sources, status — plus the figures that
 * follow from them (the US–CN gap by date, traffic shares by country and author per window, download
 * shares, chip TPP / PD and ratios between chips, system aggregates). Indexed by entity and metric so a
 * claim finds its facts in constant time. Built from the database; the derivations are pure (derive.ts).
 */
import type { Fact } from '../ops/operation.ts';
import type { Db } from '../store/db.ts';
import { chipFacts, eventFacts, gapFacts, ruleFacts, shareFacts, systemFacts, type Row } from './derive.ts';
import { loadObservations } from '../frontier/load.ts';
import { listMetrics } from '../frontier/metrics.ts';

/** A fact with where it came from, so a verdict can cite it. */
export interface IndexedFact extends Fact {
  /** Table (or derivation) the fact comes from. */
  table: string;
  /** Stable id of the fact within its table. */
  id: string;
  /** For a figure a later one superseded: that later figure. */
  later?: { value: number; time: string | null };
}

export class FactIndex {
  private readonly byKey = new Map<string, IndexedFact[]>();
  private readonly byEntity = new Map<string, IndexedFact[]>();
  size = 0;

  add(f: IndexedFact): void {
    if (typeof f.value !== 'number') return;
    const k = `${f.entity}\u0000${f.metric}`;
    let list = this.byKey.get(k);
    if (!list) this.byKey.set(k, (list = []));
    list.push(f);
    let e = this.byEntity.get(f.entity);
    if (!e) this.byEntity.set(f.entity, (e = []));
    e.push(f);
    this.size++;
  }

  /** Facts of one entity and metric (the same array each time: do not modify). */
  get(entity: string, metric: string): readonly IndexedFact[] {
    return this.byKey.get(`${entity}\u0000${metric}`) ?? [];
  }

  /** Every fact about an entity. */
  about(entity: string): readonly IndexedFact[] {
    return this.byEntity.get(entity) ?? [];
  }

  /** Metrics the index holds for an entity. */
  metricsOf(entity: string): string[] {
    return [...new Set(this.about(entity).map((f) => f.metric))];
  }
}

const confirmedStatus = (s: unknown) => (s === null || s === undefined || s === '' ? 'confirmed' : String(s));

/** Reads every table the index covers. `signal` stops the work between tables. */
export async function buildFactIndex(db: Db, signal?: AbortSignal): Promise<FactIndex> {
  const idx = new FactIndex();
  const add = (fs: Iterable<IndexedFact>) => {
    for (const f of fs) idx.add(f);
  };
  const orgOfModel = new Map<string, string>();
  const countryOfOrg = new Map<string, string>();
  for (const o of await db.all('SELECT id, country FROM organizations'))
    countryOfOrg.set(String(o['id']), String(o['country']));
  for (const m of await db.all('SELECT id, organization_id FROM models WHERE organization_id IS NOT NULL'))
    orgOfModel.set(String(m['id']), String(m['organization_id']));
  signal?.throwIfAborted();

  // Leaderboards: the overall board of each leaderboard, rating and rank on the last snapshot of each month.
  const boards = await db.all(
    `SELECT leaderboard, model_id, CAST(snapshot_date AS VARCHAR) AS d, score, rank, ci_low, ci_high, votes, preliminary, source_id
     FROM leaderboard_entries WHERE category = 'full' AND snapshot_date IN (
       SELECT max(snapshot_date) FROM leaderboard_entries GROUP BY leaderboard, date_trunc('month', snapshot_date))`,
  );
  for (const r of boards) {
    const lb = String(r['leaderboard']);
    const metric = lb === 'lmarena-text' ? 'arena_rating' : `rating:${lb}`;
    const base = {
      entity: String(r['model_id']),
      entity_kind: 'model' as const,
      time: String(r['d']),
      source_ids: [String(r['source_id'])],
      status: r['preliminary'] === true ? 'preliminary' : 'confirmed',
      table: 'leaderboard_entries',
    };
    idx.add({
      ...base,
      id: `${lb}:${base.entity}:${base.time}`,
      metric,
      value: Number(r['score']),
      unit: 'rating points',
      statement: `${base.entity} on ${lb}, ${base.time}: ${r['score']}`,
    });
    if (r['rank'] !== null)
      idx.add({
        ...base,
        id: `${lb}:${base.entity}:${base.time}:rank`,
        metric: metric.replace('rating', 'rank'),
        value: Number(r['rank']),
        unit: 'rank',
        statement: `${base.entity} ranks ${r['rank']} on ${lb}, ${base.time}`,
      });
  }
  signal?.throwIfAborted();

  // Model sizes: total and active parameters, context length.
  for (const r of await db.all(
    'SELECT id, parameters_b, active_parameters_b, context_tokens, source_id FROM models WHERE parameters_b IS NOT NULL OR context_tokens IS NOT NULL',
  )) {
    for (const [col, metric, scale, unit] of [
      ['parameters_b', 'parameters', 1e9, 'parameters'],
      ['active_parameters_b', 'active_parameters', 1e9, 'parameters'],
      ['context_tokens', 'context_length', 1, 'tokens'],
    ] as const) {
      if (r[col] === null) continue;
      idx.add({
        entity: String(r['id']),
        entity_kind: 'model',
        metric,
        value: Number(r[col]) * scale,
        unit,
        time: null,
        source_ids: [String(r['source_id'])],
        status: 'confirmed',
        table: 'models',
        id: `${String(r['id'])}:${metric}`,
        statement: `${String(r['id'])}: ${metric.replace(/_/g, ' ')} ${Number(r[col]) * scale}`,
      });
    }
  }
  for (const r of await db.all(
    'SELECT benchmark, metric, setting, model_id, score, CAST(release_date AS VARCHAR) AS d, source_id FROM benchmark_results',
  )) {
    idx.add({
      entity: String(r['model_id']),
      entity_kind: 'model',
      metric: `benchmark:${String(r['benchmark'])}`,
      value: Number(r['score']),
      unit: String(r['metric']),
      time: (r['d'] as string | null) ?? null,
      source_ids: [String(r['source_id'])],
      status: 'confirmed',
      table: 'benchmark_results',
      id: `${String(r['benchmark'])}:${String(r['model_id'])}:${String(r['setting'] ?? '')}`,
      statement: `${String(r['model_id'])} on ${String(r['benchmark'])}: ${r['score']} (${String(r['metric'])})`,
    });
  }

  for (const r of await db.all(
    'SELECT model_id, provider, first_party, input_usd_per_mtok, output_usd_per_mtok, CAST(valid_from AS VARCHAR) AS d, source_id FROM prices',
  )) {
    for (const [col, metric] of [
      ['input_usd_per_mtok', 'input_price'],
      ['output_usd_per_mtok', 'output_price'],
    ] as const) {
      if (r[col] === null) continue;
      idx.add({
        entity: String(r['model_id']),
        entity_kind: 'model',
        metric,
        value: Number(r[col]),
        unit: 'USD/Mtok',
        time: String(r['d']),
        source_ids: [String(r['source_id'])],
        status: 'confirmed',
        table: 'prices',
        id: `${String(r['model_id'])}:${String(r['provider'])}:${String(r['d'])}:${metric}`,
        statement: `${String(r['model_id'])} ${metric.replace('_', ' ')} at ${String(r['provider'])}${r['first_party'] ? ' (first party)' : ''} from ${String(r['d'])}: $${r[col]} per million tokens`,
      });
    }
  }
  signal?.throwIfAborted();

  const usage = (await db.all(
    `SELECT CAST(date AS VARCHAR) AS d, "window" AS w, model_id, author, total_tokens, source_id FROM usage WHERE total_tokens IS NOT NULL`,
  )) as Row[];
  add(shareFacts(usage, orgOfModel, countryOfOrg));
  signal?.throwIfAborted();

  for (const r of await db.all(
    'SELECT model_id, organization_id, country, downloads, downloads_all_time, CAST(snapshot_date AS VARCHAR) AS d, source_id FROM open_models',
  )) {
    for (const col of ['downloads', 'downloads_all_time'] as const) {
      if (r[col] === null) continue;
      idx.add({
        entity: String(r['model_id']),
        entity_kind: 'model',
        metric: col,
        value: Number(r[col]),
        unit: 'downloads',
        time: String(r['d']),
        source_ids: [String(r['source_id'])],
        status: 'confirmed',
        table: 'open_models',
        id: `${String(r['model_id'])}:${col}:${String(r['d'])}`,
        statement: `${String(r['model_id'])}: ${r[col]} ${col.replace(/_/g, ' ')} (${String(r['d'])})`,
      });
    }
  }
  const open = (await db.all(
    'SELECT model_id, country, base_models, relation, downloads, CAST(snapshot_date AS VARCHAR) AS d, source_id FROM open_models',
  )) as Row[];
  add(shareFacts([], orgOfModel, countryOfOrg, open));

  add(chipFacts((await db.all('SELECT * FROM chips')) as Row[]));
  add(systemFacts((await db.all('SELECT * FROM systems')) as Row[]));
  add(
    ruleFacts(
      (await db.all(
        'SELECT id, title, CAST(published AS VARCHAR) AS published, detail_json, source_ids FROM rules',
      )) as Row[],
    ),
  );
  add(
    eventFacts(
      (await db.all(
        'SELECT id, CAST(date AS VARCHAR) AS date, country, title, actors, amount, currency, confidence, detail_json, source_ids FROM events',
      )) as Row[],
    ),
  );
  for (const r of await db.all('SELECT * FROM reported_figures')) {
    const status = confirmedStatus(r['status']);
    const base = {
      metric: String(r['metric']),
      value: r['value'] === null ? Number.NaN : Number(r['value']),
      unit: String(r['unit']),
      time: (r['date'] as string | null) ?? null,
      source_ids: (r['source_ids'] as string[]) ?? [],
      status,
      table: 'reported_figures',
      id: String(r['id']),
      statement: String(r['statement']),
    };
    idx.add({
      ...base,
      entity: String(r['subject']),
      entity_kind: 'chip',
      ...(r['versus'] ? { versus: String(r['versus']) } : {}),
    });
  }
  signal?.throwIfAborted();

  // The gap between the US and China by date, on each Arena board and the Capabilities Index.
  const metrics = (await listMetrics(db)).filter((m) => ['arena-text', 'epoch-eci'].includes(m.id));
  for (const m of metrics) {
    signal?.throwIfAborted();
    const loaded = await loadObservations(db, m, false);
    add(gapFacts(m.id, m.view, loaded.observations, 'US', 'CN'));
  }
  return idx;
}

export type { Fact };
