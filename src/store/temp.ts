/**
 * @module
 * Temporary siblings of a target path (`<target>.tmp-<pid>`, its `.wal` and DuckDB spill `.tmp`,
 * `<target>.old-<pid>`), as the atomic build and export write them. A process killed mid-write leaves them
 * behind; the next build, export or start removes those whose process is gone, and never those of a live one.
 */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processAlive } from '../util/process.ts';

/** The name of this process's temporary sibling of `target`. */
export const tempPath = (target: string, kind: 'tmp' | 'old' = 'tmp'): string => `${target}.${kind}-${process.pid}`;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `path` is a temporary sibling (a build or export in progress), not a database in place. */
export const isTempPath = (path: string): boolean => /\.(?:tmp|old)-\d+$/.test(path);

/** Removes leftovers of dead processes beside `target`; returns the paths removed. Never throws. */
export function removeStaleTemps(target: string): string[] {
  const dir = dirname(target);
  const pattern = new RegExp(`^${escapeRe(basename(target))}\\.(?:tmp|old)-(\\d+)(?:\\.wal|\\.tmp)?$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(join(dir, name));
    } catch {
      // Not ours to remove (permissions): leave it.
    }
  }
  return removed;
}
