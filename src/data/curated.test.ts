import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../test/helpers.ts';
import { CURATED_FILES, readCurated } from './curated.ts';

const DIR = join(ROOT, 'data', 'curated');

test('every curated file has a schema and matches it', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  for (const f of files) {
    const schema = CURATED_FILES[f as keyof typeof CURATED_FILES];
    assert.ok(schema, `${f} has no schema in src/data/curated.ts`);
    assert.doesNotThrow(() => readCurated(join(DIR, f), schema), f);
  }
});
