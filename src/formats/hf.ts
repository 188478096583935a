/**
 * @module
 * The Hugging Face Hub model record (the `/api/models` JSON with `expand[]`, and bulk dumps with the same field
 * names) and the open_models row built from it. The importer's Hub download snapshot and the connector both
 * build their rows with `openModelRow`.
 */
import { parseRelation, type Relation } from '../adoption/lineage.ts';
import { modelKey } from '../data/identity.ts';
import type { Row } from '../data/schema.ts';

export interface HubModel {
  id: string;
  author: string | null;
  downloads: number | null;
  downloads_all_time: number | null;
  likes: number | null;
  created: string | null;
  tags: string[];
  base_models: string[];
  relation: Relation | null;
}

/** A record that does not have the Hub's shape. */
export class HubFormatError extends Error {}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * One model in the shape the Hub documents: `id`, `author`, `downloads`, `downloadsAllTime`, `likes`,
 * `createdAt`, `tags` (with `base_model:…` and `base_model:RELATION:…`), and `cardData.base_model` /
 * `cardData.base_model_relation`.
 */
export function toHubModel(raw: unknown): HubModel {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { id?: unknown }).id !== 'string')
    throw new HubFormatError('schema drift: a model without a string "id"');
  const r = raw as Record<string, unknown>;
  const tags = Array.isArray(r['tags'])
    ? (r['tags'] as unknown[]).filter((t): t is string => typeof t === 'string')
    : [];
  const card = (typeof r['cardData'] === 'object' && r['cardData'] !== null ? r['cardData'] : {}) as Record<
    string,
    unknown
  >;
  const fromCard = Array.isArray(card['base_model'])
    ? (card['base_model'] as unknown[]).filter((x): x is string => typeof x === 'string')
    : str(card['base_model'])
      ? [card['base_model'] as string]
      : [];
  let tagRelation: Relation | null = null;
  const fromTags: string[] = [];
  for (const t of tags) {
    if (!t.startsWith('base_model:')) continue;
    const rest = t.slice('base_model:'.length);
    const m = /^(finetune|adapter|merge|quantized):(.+)$/.exec(rest);
    if (m) {
      tagRelation ??= parseRelation(m[1]);
      fromTags.push(m[2] as string);
    } else fromTags.push(rest);
  }
  const base_models = [...new Set([...fromCard, ...fromTags])];
  const created = str(r['createdAt']);
  return {
    id: r['id'] as string,
    author: str(r['author']) ?? (r['id'] as string).split('/')[0] ?? null,
    downloads: num(r['downloads']),
    downloads_all_time: num(r['downloadsAllTime']),
    likes: num(r['likes']),
    created: created ? created.slice(0, 10) : null,
    tags,
    base_models,
    relation: parseRelation(card['base_model_relation']) ?? tagRelation ?? (base_models.length > 1 ? 'merge' : null),
  };
}

const round = (v: number | null | undefined): number | null => (typeof v === 'number' ? Math.round(v) : null);

/** What a source says about a Hub repository; fields it does not give stay null. */
export interface OpenModelFields {
  hub_id: string;
  organization_id: string | null;
  country?: string;
  base_models?: string[];
  relation?: Row<'open_models'>['relation'];
  downloads?: number | null;
  downloads_all_time?: number | null;
  likes?: number | null;
  created?: string | null;
  release_date?: string | null;
  parameters_b?: number | null;
  active_parameters_b?: number | null;
}

export function openModelRow(f: OpenModelFields, snapshot_date: string, source_id: string): Row<'open_models'> {
  return {
    hub_id: f.hub_id,
    model_id: modelKey(f.hub_id),
    organization_id: f.organization_id,
    country: f.country ?? 'unknown',
    base_models: f.base_models ?? [],
    relation: f.relation ?? null,
    downloads: round(f.downloads),
    downloads_all_time: round(f.downloads_all_time),
    likes: round(f.likes),
    created: f.created ?? null,
    release_date: f.release_date ?? null,
    parameters_b: f.parameters_b ?? null,
    active_parameters_b: f.active_parameters_b ?? null,
    snapshot_date,
    source_id,
  };
}

/** The row of a model listed by the Hub API: a model without base models is a base model there. */
export function hubModelRow(
  m: HubModel,
  organization_id: string,
  country: string,
  snapshot_date: string,
  source_id: string,
): Row<'open_models'> {
  return openModelRow(
    {
      hub_id: m.id,
      organization_id,
      country,
      base_models: m.base_models,
      relation: m.base_models.length ? m.relation : 'base',
      downloads: m.downloads,
      downloads_all_time: m.downloads_all_time,
      likes: m.likes,
      created: m.created,
    },
    snapshot_date,
    source_id,
  );
}
