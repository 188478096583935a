/**
 * @module
 * Test support for the connector suites: a tiny snapshot (the committed organizations, which attribution
 * needs, and a few models) instead of copying the 33 MB snapshot for every case, and Deps for the operation.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SNAPSHOT, tempDir } from '../../test/helpers.ts';
import { decodeTable, encodeTable } from '../data/snapshot.ts';
import type { Deps } from '../ops/operation.ts';

export const CURATED_ORGS = join(ROOT, 'data', 'curated', 'organizations.json');

let base: string | undefined;

/** A fresh copy of a small snapshot holding only what a refresh reads (organizations, models, sources). */
export function tinySnapshot(): string {
  if (!base) {
    base = join(tempDir('airace-tiny-'), 'snapshot');
    mkdirSync(join(base, 'organizations'), { recursive: true });
    cpSync(join(SNAPSHOT, 'organizations'), join(base, 'organizations'), { recursive: true });
    const models = decodeTable(
      'models',
      readFileSync(join(SNAPSHOT, 'models', 'models.csv'), 'utf8'),
      'models.csv',
    ).slice(0, 40);
    mkdirSync(join(base, 'models'));
    writeFileSync(join(base, 'models', 'models.csv'), encodeTable('models', models));
    mkdirSync(join(base, 'sources'));
  }
  const dir = join(tempDir(), 'snapshot');
  cpSync(base, dir, { recursive: true });
  return dir;
}

/** Node's fetch for loopback addresses only: a test that forgot its endpoint fails instead of reaching the internet. */
export const loopbackFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return Promise.reject(new TypeError(`test fetch refused a non-loopback URL: ${url.origin}`));
  }
  return globalThis.fetch(input, init);
};

export function testDeps(snapshot: string, over: Partial<Deps> = {}): Deps {
  return {
    db: () => Promise.reject(new Error('refresh does not use the database')),
    now: () => new Date('2026-11-20T12:00:00Z'),
    paths: {
      db: join(snapshot, '..', 'x.duckdb'),
      snapshot,
      raw: join(ROOT, '..', 'shared', 'data'),
      curated: join(ROOT, 'data', 'curated'),
    },
    fetch: loopbackFetch,
    signal: new AbortController().signal,
    progress: () => {},
    ...over,
  };
}
