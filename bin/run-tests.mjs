#!/usr/bin/env node
// Runs the given test files two at a time in the order given (`node --test` sorts them by name, which started
// the longest file, the browser journeys, last and left it running alone at the end). Started by bin/test.mjs
// with `--import tsx`, which the test processes inherit.
//
// The test files of one capability folder (src/<folder>/…) share one process: starting Node with tsx costs about
// half a second of CPU, which, paid once per file, was a seventh of the suite. Each file still runs as its own
// suite, named after it, with its own before/after hooks; the cross-cutting suites in test/ keep a process each.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const files = process.argv.slice(2).map((f) => resolve(root, f));

/** src/<folder>/… → that folder; anything else runs alone. */
const folderOf = (f) => {
  const parts = relative(root, f).split(sep);
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : null;
};

const groups = new Map();
for (const f of files) {
  const key = folderOf(f) ?? f;
  groups.set(key, [...(groups.get(key) ?? []), f]);
}

const dir = join(tmpdir(), `airace-tests-${process.pid}`);
mkdirSync(dir, { recursive: true });
const entries = [...groups].map(([key, members]) => {
  if (members.length === 1) return members[0];
  const entry = join(dir, `${key.replaceAll('/', '_')}.test.mjs`);
  const body = members.map(
    (m) =>
      `describe(${JSON.stringify(relative(root, m))}, async () => { await import(${JSON.stringify(pathToFileURL(m).href)}); });`,
  );
  writeFileSync(entry, [`import { describe } from 'node:test';`, ...body, ''].join('\n'));
  return entry;
});

let failed = false;
const stream = run({ files: entries, concurrency: 2 });
stream.on('test:fail', () => (failed = true));
stream.on('end', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
});
stream.compose(spec).pipe(process.stdout);
