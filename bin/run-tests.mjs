#!/usr/bin/env node
// Runs the given test files two at a time in the order given (`node --test` sorts them by name, which started
// the longest file, the browser journeys, last and left it running alone at the end). Started by bin/test.mjs
// with `--import tsx`, which the test processes inherit.
//
// Test files share processes: starting Node with tsx, loading the application and opening the database cost a
// second or two of CPU, which, paid once per file, was a seventh of the suite. Each file still runs as its own
// suite, named after it, with its own before/after hooks. The groups: the suites through the API and the CLI
// (SHARED below), src/claims, src/data, the other capability folders, the answer keys' checks in test/'s
// subfolders; the other suites in test/ keep a process each.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const files = process.argv.slice(2).map((f) => resolve(root, f));

/**
 * The suites that drive the operations through the API and the CLI share a process: each loaded the whole
 * application and opened the database for itself, and together they compute many of the same answers. Their CPU,
 * two runs each on the shared machine: contract, reliability and fuzz 33.5-38.3 s in three processes, 25.0-28.9 s
 * in one; with the README's examples and the server's and the CLI's own tests, 43.8-48.3 s in six, 37.1-37.5 s in
 * one; with the dashboard pages' and the fact index's tests too, 59.6 s in eight, 53.5 s in one (one run each). (The
 * claims corpus gained nothing with src/claims, which shares its checker.)
 */
// (Not test/fuzz and test/reliability: the shared process once ended silently as fuzz began, after the server's
// tests, in one of four full runs; they spawn and kill builds and servers, so each keeps a process of its own.)
const SHARED = {
  'test/contract.test.ts': 'test/api',
  'test/readme.test.ts': 'test/api',
  'src/server/index.test.ts': 'test/api',
  'src/cli/main.test.ts': 'test/api',
  'src/pages/pages.test.ts': 'test/api',
  'src/facts/facts.test.ts': 'test/api',
};

/**
 * src/claims and src/data, the longest folders, a process each; the other capability folders one together (a
 * process each cost more than most of their tests: 27 files of 12 small folders took 39.3 s of CPU in 12
 * processes, 21.4 s in one; with store, frontier and catalog too, 46.5 s in 13, 41.2 s in one; one run each). The
 * files in test/'s subfolders (the answer keys' checks, light and reading only their own files) one; SHARED as it
 * says; anything else runs alone.
 */
const OWN = new Set(['claims', 'data']);
const folderOf = (f) => {
  const parts = relative(root, f).split(sep);
  const shared = SHARED[parts.join('/')];
  if (shared) return shared;
  if (parts[0] === 'src' && parts.length > 2) return OWN.has(parts[1]) ? `src/${parts[1]}` : 'src/*';
  return parts[0] === 'test' && parts.length > 2 ? 'test/*' : null;
};

const groups = new Map();
for (const f of files) {
  const key = folderOf(f) ?? f;
  groups.set(key, [...(groups.get(key) ?? []), f]);
}

const dir = join(tmpdir(), `airace-tests-${process.pid}`);
mkdirSync(dir, { recursive: true });
const labels = new Map();
const entries = [...groups].map(([key, members]) => {
  if (members.length === 1) return members[0];
  const entry = join(dir, `${key.replaceAll(/[/*]/g, '_')}.test.mjs`);
  labels.set(entry, `${key}/ (${members.length} files)`);
  const body = members.map(
    (m) =>
      `describe(${JSON.stringify(relative(root, m))}, async () => { await import(${JSON.stringify(pathToFileURL(m).href)}); });`,
  );
  writeFileSync(entry, [`import { describe } from 'node:test';`, ...body, ''].join('\n'));
  return entry;
});

let failed = false;
const t0 = performance.now();
// AIRACE_TEST_TIMES=1: when each file's tests (or a folder group's) started and ended, to see what ran beside what.
const spans = new Map();
const stream = run({ files: entries, concurrency: 2 });
stream.on('test:fail', () => (failed = true));
for (const kind of ['test:pass', 'test:fail'])
  stream.on(kind, (d) => {
    if (d.nesting !== 0 || !d.file) return;
    const end = (performance.now() - t0) / 1000;
    const [a = Infinity, b = 0] = spans.get(d.file) ?? [];
    spans.set(d.file, [Math.min(a, end - (d.details.duration_ms ?? 0) / 1000), Math.max(b, end)]);
  });
stream.on('end', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
  if (process.env['AIRACE_TEST_TIMES'])
    for (const [f, [a, b]] of [...spans].sort((x, y) => x[1][0] - y[1][0]))
      process.stderr.write(
        `${a.toFixed(1).padStart(6)} → ${b.toFixed(1).padStart(6)} s  ${labels.get(f) ?? relative(root, f)}\n`,
      );
});
stream.compose(spec).pipe(process.stdout);
