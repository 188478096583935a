/**
 * @module
 * What every importer shares: the shape of an importer's output, and small readers for the raw files.
 * Importers are pure functions of the raw data folder: they read files and return rows, nothing else.
 */
import { parseCsv } from '../../formats/csv.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row, TableName } from '../schema.ts';
import { modelKey } from '../identity.ts';

/** A model as one source describes it; the import merges observations into the `models` table. */
export interface Observation {
  raw: string;
  key: string;
  origin: string;
  source_id: string;
  organization?: string | null;
  country?: { code: string; note: string | null } | null;
  hf_org?: string;
  release_date?: string | null;
  open_weights?: boolean | null;
  license?: string | null;
  parameters_b?: number | null;
  active_parameters_b?: number | null;
  context_tokens?: number | null;
}

/** The rows one dataset contributes to one table. */
export interface Part<T extends TableName = TableName> {
  table: T;
  /** Dataset id; also the snapshot file name. */
  id: string;
  title: string;
  source_id: string;
  notes: string | null;
  rows: Row<T>[];
}

export interface ImportOutput {
  sources: Row<'sources'>[];
  parts: Part[];
  observations: Observation[];
  /** Input rows deliberately left out, with the reason. */
  skipped: { dataset: string; reason: string; count: number }[];
}

/** What the import knows before reading any dataset: the curated model-family prefixes (`claude`, `qwen` …). */
export interface ImportContext {
  familyPrefixes: string[];
}

export interface Importer {
  /** Folder under the raw data root that this importer reads. */
  name: string;
  /** Publisher family, for identity resolution: names used by one family only are reported as unmatched. */
  origin: string;
  run(root: string, context: ImportContext): ImportOutput;
}

export function emptyOutput(): ImportOutput {
  return { sources: [], parts: [], observations: [], skipped: [] };
}

export function part<T extends TableName>(
  table: T,
  id: string,
  title: string,
  source_id: string,
  rows: Row<T>[],
  notes: string | null = null,
): Part {
  return { table, id, title, source_id, notes, rows } as unknown as Part;
}

/** Reads a CSV with a header row into records keyed by column name. Lines starting with '#' are comments. */
export function readCsv(path: string): Record<string, string>[] {
  return parseCsv(readFileSync(path, 'utf8'));
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function at(root: string, ...segments: string[]): string {
  return join(root, ...segments);
}

/** A number from a raw cell, or null for empty / non-numeric cells ("", "N/A", "-"). */
export function toNumber(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = v.replace(/[,%\s]/g, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function toInt(v: string | number | null | undefined): number | null {
  const n = toNumber(v);
  return n === null ? null : Math.round(n);
}

/** An ISO date (YYYY-MM-DD) from "2025-01-15", "2025-01-15 11:57:06", "2025-01-15T…", "20250115" or "2025/01/15"; else null. */
export function toDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.trim();
  let m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Parses an Arena CI cell ("+5/-6") around a score into [low, high]. */
export function parseCi(ci: string | null | undefined, score: number): [number | null, number | null] {
  const m = /\+\s*([\d.]+)\s*\/\s*-\s*([\d.]+)/.exec(ci ?? '');
  if (!m) return [null, null];
  return [score - Number(m[2]), score + Number(m[1])];
}

/** Whether a license string describes open weights (null when it says nothing either way). */
export function openWeightsFromLicense(license: string | null | undefined): boolean | null {
  if (!license) return null;
  const l = license.toLowerCase();
  if (/proprietary|api access|hosted access|unreleased|closed/.test(l)) return false;
  if (
    /open weights|apache|mit\b|llama|gemma|qwen|deepseek|cc-by|cc by|bsd|gpl|openrail|falcon|mistral|nvidia open|modified mit|yi license|open/.test(
      l,
    )
  )
    return true;
  return null;
}

export function observe(
  raw: string,
  origin: string,
  source_id: string,
  extra: Omit<Observation, 'raw' | 'key' | 'origin' | 'source_id'> = {},
): Observation {
  return { raw, key: modelKey(raw), origin, source_id, ...extra };
}

/** A source row for a file of a public repository at a given commit. */
export function repoSource(fields: {
  id: string;
  title: string;
  publisher: string;
  repo: string;
  commit: string;
  published: string | null;
  retrieved: string;
  license: string;
  notes?: string | null;
  path?: string;
}): Row<'sources'> {
  const url = `https://github.com/${fields.repo}/${fields.path ? `blob/${fields.commit}/${fields.path}` : `tree/${fields.commit}`}`;
  return {
    id: fields.id,
    title: fields.title,
    publisher: fields.publisher,
    url,
    published: fields.published,
    retrieved: fields.retrieved,
    license: fields.license,
    notes: fields.notes ?? null,
  };
}
