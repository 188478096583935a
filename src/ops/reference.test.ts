import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../test/helpers.ts';
import { referenceMarkdown } from './reference.ts';
import { operations } from './registry.ts';

test('docs/reference.md is the reference generated from the operations (run `npm run docs` after a change)', () => {
  const committed = readFileSync(join(ROOT, 'docs', 'reference.md'), 'utf8');
  assert.equal(committed, referenceMarkdown(operations));
});
