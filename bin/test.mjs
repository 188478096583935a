#!/usr/bin/env node
// `npm test`: the type check, ESLint and Biome's format check run beside the test files rather than before them
// (each is single-threaded, so run in sequence they leave a core idle for half a minute). Their output is
// held and printed after the tests; any failure fails the run. `npm test -- FILE…` runs only those files.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [relative(root, p)] : [];
  });
}

/** Runs a command; resolves with its exit code and (when held) its output. */
function run(cmd, args, { hold, nice = 0, env } = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (nice) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // Not permitted here: run at the same priority.
      }
    }
    let out = '';
    child.stdout?.on('data', (d) => void (out += d));
    child.stderr?.on('data', (d) => void (out += d));
    child.on('error', (err) => done({ code: 127, out: `${out}${err.message}\n` }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), out }));
  });
}

const only = process.argv.slice(2);
// The longest files (or folders, which share a process: bin/run-tests.mjs) start first, longest first, so that the
// last ones to end are short and neither of the two slots waits long for the other at the end (started last, the
// browser journeys alone were the tail). The order is by their time in a full run; the rest follow by name.
const FIRST = [
  'test/browser.test.ts',
  // With the other suites through the API and the CLI, the server's, the pages' and the facts' (bin/run-tests.mjs).
  'test/contract.test.ts',
  // With the other capability folders but claims and data.
  'src/store/',
  'src/claims/',
  'src/data/',
  'test/workers.test.ts',
  'test/claims-corpus.test.ts',
];
const rank = (f) => {
  const i = FIRST.findIndex((p) => f === p || (p.endsWith('/') && f.startsWith(p)));
  return i < 0 ? FIRST.length : i;
};
const files = only.length
  ? only
  : [...testFiles(join(root, 'src')), ...testFiles(join(root, 'test'))].sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    );
// The checks yield the processor to the tests, which have servers and a browser to keep responsive.
const checks = only.length
  ? []
  : [
      ['type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
      ['eslint', bin('eslint'), ['.']],
      // Biome's formatter, not Prettier: the same layout in a tenth of a second instead of ten seconds of CPU.
      ['format', bin('biome'), ['format', '.', '--reporter=summary']],
    ].map(([name, cmd, args]) => run(cmd, args, { hold: true, nice: 5 }).then((r) => ({ name, ...r })));

const t0 = performance.now();
const tests = await run(process.execPath, ['--import', 'tsx', join(root, 'bin', 'run-tests.mjs'), ...files], {
  env: { TZ: 'UTC' },
});
let failed = tests.code !== 0;
for (const c of await Promise.all(checks)) {
  if (c.out.trim()) process.stdout.write(`\n${c.out.trimEnd()}\n`);
  console.log(`${c.code === 0 ? '✔' : '✖'} ${c.name}${c.code === 0 ? '' : ` failed (exit ${c.code})`}`);
  failed ||= c.code !== 0;
}
console.log(
  `${failed ? '✖ failed' : '✔ passed'}: ${files.length} test files and ${checks.length} checks in ${Math.round((performance.now() - t0) / 1000)} s`,
);
process.exitCode = failed ? 1 : 0;
