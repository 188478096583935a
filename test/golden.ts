/**
 * @module
 * Golden files: an output is compared with a committed copy in test/golden/. A missing copy is written
 * locally (and the test says so) but fails in CI; a mismatch writes `<name>-changed.<ext>` for review.
 * Regenerate deliberately: delete the file, run the test, review the diff, commit.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.ts';

export function assertGolden(name: string, actual: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (!existsSync(path)) {
    if (process.env['CI'])
      assert.fail(`golden file ${name} is missing: run the tests locally to create it, review and commit it`);
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) {
    const changed = path.replace(/(\.[^.]+)$/, '-changed$1');
    writeFileSync(changed, actual);
    assert.fail(`${name} differs from its golden copy; the new output is in ${changed}`);
  }
}
