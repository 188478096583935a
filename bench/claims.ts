/**
 * Claims bench: throughput of `airace check` on Chinese text (the corpus articles repeated to ~4 MB), one
 * core, against a baseline in the same run: reading the same text and scanning it once with a regular
 * expression for numerals (the least any extractor must do). Target (SPEC): at least 1 MB/s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Checker } from '../src/claims/index.ts';
import { build } from '../src/store/build.ts';
import { Db } from '../src/store/db.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ROOT = resolve(import.meta.dirname, '..');

export async function benchClaims(): Promise<Record<string, unknown>> {
  const corpus = join(ROOT, '..', 'shared', 'corpus');
  const one = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(corpus, f), 'utf8'))
    .join('\n');
  const reps = Math.ceil(4e6 / Buffer.byteLength(one));
  const text = Array.from({ length: reps }, () => one).join('\n');
  const bytes = Buffer.byteLength(text);
  const dir = mkdtempSync(join(tmpdir(), 'airace-bench-claims-'));
  try {
    const dbPath = join(dir, 'a.duckdb');
    await build(join(ROOT, 'data', 'snapshot'), dbPath);
    const db = await Db.open(dbPath);
    const checker = await Checker.create(db, join(ROOT, 'data', 'curated', 'entities.json'));
    let t0 = performance.now();
    const numerals = text.match(/[\d零一二两三四五六七八九十百千万亿]+/g)?.length ?? 0;
    const baselineMs = performance.now() - t0;
    t0 = performance.now();
    const doc = checker.check('bench', text);
    const ms = performance.now() - t0;
    db.close();
    return {
      bench: 'claims',
      bytes,
      chinese: true,
      claims: doc.claims.length,
      numerals_seen_by_baseline: numerals,
      airace_ms: Math.round(ms),
      airace_mb_per_s: Number((bytes / 1e6 / (ms / 1000)).toFixed(2)),
      baseline_regex_scan_ms: Math.round(baselineMs),
      ratio_airace_over_baseline: Number((ms / baselineMs).toFixed(1)),
      target_mb_per_s: '>= 1',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
