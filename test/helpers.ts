/**
 * @module
 * Shared test fixtures: a database built once per test file from the committed snapshot, in a temp folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../src/store/build.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const SNAPSHOT = join(ROOT, 'data', 'snapshot');
export const RAW = resolve(ROOT, '..', 'shared', 'data');

export function tempDir(prefix = 'airace-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let built: Promise<string> | undefined;
/** Path of a database built from the committed snapshot (built on first use). */
export function builtDb(): Promise<string> {
  built ??= (async () => {
    const path = join(tempDir(), 'airace.duckdb');
    await build(SNAPSHOT, path);
    return path;
  })();
  return built;
}
