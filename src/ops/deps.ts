/**
 * @module
 * Building the `Deps` an operation runs with: the CLI opens the database on first use and closes it at
 * the end; the server hands every request the one read-only handle it holds.
 */
import { resolve } from 'node:path';
import { Db } from '../store/db.ts';
import type { Deps, Paths } from './operation.ts';
import { CURATED_DIR, DEFAULT_DB, RAW_DATA, SNAPSHOT_DIR } from './paths.ts';

export function defaultPaths(over: Partial<Paths> = {}): Paths {
  return {
    db: resolve(over.db ?? DEFAULT_DB),
    snapshot: resolve(over.snapshot ?? SNAPSHOT_DIR),
    raw: resolve(over.raw ?? RAW_DATA),
    curated: resolve(over.curated ?? CURATED_DIR),
  };
}

export interface OwnedDeps extends Deps {
  /** Closes the database if this Deps opened it. */
  close(): void;
}

/** Deps that open `paths.db` lazily (read-only, verified) and own the handle. */
/** The real world's defaults: the clock, fetch, no cancellation, no progress. */
function world(db: Deps['db'], paths: Paths, over: Partial<Deps>): Deps {
  return {
    db,
    now: () => new Date(),
    paths,
    fetch: globalThis.fetch,
    signal: new AbortController().signal,
    progress: () => {},
    ...over,
  };
}

export function openDeps(paths: Paths, over: Partial<Deps> = {}): OwnedDeps {
  let opened: Promise<Db> | undefined;
  const db = () =>
    (opened ??= Db.open(paths.db).then(async (d) => {
      await d.verify();
      return d;
    }));
  return {
    ...world(db, paths, over),
    close() {
      void opened?.then((d) => d.close()).catch(() => {});
    },
  };
}

/** Deps around a handle someone else owns (the server's). */
export function sharedDeps(db: Db, paths: Paths, over: Partial<Deps> = {}): Deps {
  const ready = Promise.resolve(db);
  return world(() => ready, paths, over);
}
