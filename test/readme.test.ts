/**
 * The README's command examples run as written (against the test database), so the documentation cannot rot.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../src/cli/main.ts';
import { builtDb, ROOT } from './helpers.ts';

/** Words of a shell line, honouring double quotes (all the README uses). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

test('every `airace …` example in the README runs and exits 0', { timeout: 300_000 }, async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const examples = blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('airace '))
    // Commands that write (the database, the snapshot, the network) are exercised by their own tests.
    .filter((l) => !/^airace (build|import|export|refresh|serve)\b/.test(l));
  assert.ok(examples.length >= 8, `found ${examples.length} examples`);
  const db = await builtDb();
  for (const line of examples) {
    let err = '';
    let out = '';
    const code = await main([...words(line).slice(1), '--db', db], {
      out: (s) => void (out += s),
      err: (s) => void (err += s),
    });
    assert.equal(code, 0, `${line}: ${err}`);
    assert.ok(out.length > 0, `${line} printed nothing`);
  }
});
