/**
 * @module
 * The claims checker and its entity index over the built test database, for the claims tests. Built once per
 * process (the claims tests of src/claims share one: bin/run-tests.mjs) and never closed by a test: the
 * handle is read-only and goes with the process.
 */
import { join } from 'node:path';
import { Checker } from '../src/claims/index.ts';
import type { EntityIndex } from '../src/claims/entities.ts';
import { Db } from '../src/store/db.ts';
import { builtDb, ROOT } from './helpers.ts';

export const ENTITIES_JSON = join(ROOT, 'data', 'curated', 'entities.json');

let shared: Promise<{ db: Db; checker: Checker; entities: EntityIndex }> | undefined;

/** The database, the checker and the entity index, the same objects for every caller in this process. */
export function claimsFixture(): Promise<{ db: Db; checker: Checker; entities: EntityIndex }> {
  shared ??= (async () => {
    const db = await Db.open(await builtDb());
    // The checker's own entity index: building a second one cost a second of CPU per process.
    const checker = await Checker.create(db, ENTITIES_JSON);
    return { db, checker, entities: checker.entityIndex };
  })();
  return shared;
}
