/**
 * Start-up bench: from `node bin/airace.mjs serve` to the first answer of GET /api/v1/health, (1) with the
 * database already built (a restart) and (2) from a fresh clone with `npm ci` done (`npm start`, which builds
 * the database first). Baseline in the same run: Node starting a bare node:http server and answering.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Spawns a server, polls until `url` answers 200; returns ms from spawn to that answer. */
async function timeToAnswer(
  cmd: string,
  args: string[],
  cwd: string,
  path = '/api/v1/health',
  limitMs = 120_000,
): Promise<number> {
  const t0 = performance.now();
  const child = spawn(cmd, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PORT: '0' },
    detached: true,
  });
  let err = '';
  let base: string | undefined;
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    base ??= /(http:\/\/[^\s]+)/.exec(err)?.[1];
  });
  try {
    while (performance.now() - t0 < limitMs) {
      if (child.exitCode !== null) throw new Error(`server exited: ${err}`);
      if (base) {
        try {
          const res = await fetch(`${base}${path}`);
          if (res.ok) return performance.now() - t0;
        } catch {
          // not listening yet
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no answer within ${limitMs} ms: ${err}`);
  } finally {
    // The whole group: npm start runs node under a shell.
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

const BARE = `const s = require('node:http').createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () =>
  process.stderr.write('http://127.0.0.1:' + s.address().port + '\\n'));`;

export async function benchStartup(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'airace-bench-start-'));
  try {
    const db = join(dir, 'a.duckdb');
    execFileSync(process.execPath, [join(ROOT, 'bin', 'airace.mjs'), 'build', '--db', db], { stdio: 'ignore' });
    const bare = await timeToAnswer(process.execPath, ['-e', BARE], dir, '/');
    const restart = await timeToAnswer(
      process.execPath,
      [join(ROOT, 'bin', 'airace.mjs'), 'serve', '--port', '0', '--db', db],
      ROOT,
    );
    // A fresh clone of the committed tree, node_modules linked (as after `npm ci`), no database.
    const clone = join(dir, 'clone');
    execFileSync('git', ['clone', '--quiet', '--local', '--no-hardlinks', ROOT, clone], { stdio: 'ignore' });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    const fresh = await timeToAnswer('npm', ['start', '--silent', '--', '--port', '0'], clone);
    return {
      bench: 'startup',
      restart_ms: Math.round(restart),
      fresh_clone_npm_start_ms: Math.round(fresh),
      baseline_bare_node_http_ms: Math.round(bare),
      targets: { restart_ms: '<= 2000', fresh_clone_npm_start_ms: '<= 6000' },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
