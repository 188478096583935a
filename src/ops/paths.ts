/**
 * @module
 * Where things live by default, resolved from the package root so commands work from any directory.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DB = process.env['AIRACE_DB'] ?? resolve(ROOT, 'data', 'airace.duckdb');
export const SNAPSHOT_DIR = resolve(ROOT, 'data', 'snapshot');
export const CURATED_DIR = resolve(ROOT, 'data', 'curated');
export const CURATED_ORGS = resolve(CURATED_DIR, 'organizations.json');
export const CURATED_ENTITIES = resolve(CURATED_DIR, 'entities.json');
export const CURATED_FX = resolve(CURATED_DIR, 'fx.json');
/** The raw data the snapshot is imported from: `../shared/data` beside the checkout. */
export const RAW_DATA = process.env['AIRACE_RAW_DATA'] ?? resolve(ROOT, '..', 'shared', 'data');
