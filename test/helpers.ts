/**
 * @module
 * Shared test fixtures: a database built from the committed snapshot, once per snapshot content for the
 * whole test run (test files run in separate processes; the first one to need it builds it, atomically).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../src/store/build.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const SNAPSHOT = join(ROOT, 'data', 'snapshot');
export const RAW = resolve(ROOT, '..', 'shared', 'data');

export function tempDir(prefix = 'airace-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fingerprint of the snapshot and the code that builds it: file names, sizes and modification times. */
function fingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        h.update(`${p}\u0000${s.size}\u0000${s.mtimeMs}\n`);
      }
    }
  };
  walk(SNAPSHOT);
  for (const f of ['src/data/schema.ts', 'src/store/build.ts', 'src/store/ddl.ts', 'src/data/snapshot.ts']) {
    const p = join(ROOT, f);
    if (existsSync(p)) h.update(`${f}\u0000${statSync(p).mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

let built: Promise<string> | undefined;
/** Path of a database built from the committed snapshot. Treat it as read-only: copy it to change it. */
export function builtDb(): Promise<string> {
  built ??= (async () => {
    const path = join(tmpdir(), `airace-test-${fingerprint()}.duckdb`);
    // Test processes run side by side: one builds, under a lock, and the others wait for it. (Two building at once
    // replaced the file under a process that had opened the first: its CLI and its API then read different builds.)
    const lock = `${path}.lock`;
    for (const started = Date.now(); !existsSync(path); ) {
      try {
        mkdirSync(lock);
      } catch {
        // Held by another process; a lock older than ten minutes is a crashed build's.
        if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000)
          rmSync(lock, { recursive: true, force: true });
        if (Date.now() - started > 900_000) throw new Error(`timed out waiting for ${lock}`);
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      try {
        if (!existsSync(path)) await build(SNAPSHOT, path);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    return path;
  })();
  return built;
}
