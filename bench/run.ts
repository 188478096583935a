/**
 * `npm run bench`: every benchmark, each reported against a baseline run in the same script, then the table
 * of issue 19 (what, airace, baseline, target, met) built from those same numbers, for the README.
 * `npm run bench -- ratings build` runs some.
 */
import { benchBuild } from './build.ts';
import { benchClaims } from './claims.ts';
import { benchLineage } from './lineage.ts';
import { benchLoad } from './load.ts';
import { benchPages } from './pages.ts';
import { benchRatings } from './ratings.ts';
import { benchStartup } from './startup.ts';

type R = Record<string, unknown>;
const all: Record<string, () => Promise<R>> = {
  ratings: benchRatings,
  startup: benchStartup,
  build: benchBuild,
  pages: benchPages,
  load: benchLoad,
  lineage: benchLineage,
  claims: benchClaims,
};
const chosen = process.argv.slice(2).filter((a) => a in all);
const results: Record<string, R> = {};
for (const name of chosen.length ? chosen : Object.keys(all)) {
  console.error(`bench ${name}…`);
  try {
    results[name] = await (all[name] as () => Promise<R>)();
    console.log(JSON.stringify(results[name], null, 2));
  } catch (err) {
    // One failing bench must not hide the others' figures.
    console.error(`bench ${name} failed: ${(err as Error).message}`);
  }
}

const num = (v: unknown): number => Number(v);
const s = (ms: unknown) => `${(num(ms) / 1000).toFixed(2)} s`;
const rows: [string, string, string, string, boolean][] = [];
const r = results['ratings'];
if (r) {
  const x = num(r['speedup_baseline_over_airace']);
  rows.push([
    `ratings, ${num(r['battles']) / 1e6}M battles × ${r['bootstrap_rounds']} rounds, from CSV`,
    `${s(r['airace_ms'])}, ±${r['airace_max_abs_diff_from_mle']} pts from the MLE`,
    `SciPy ${s(r['baseline_scipy_ms'])} (${x}× slower)`,
    '≥ 20×, ±0.05 pts',
    x >= 20 && num(r['airace_max_abs_diff_from_mle']) <= 0.05,
  ]);
  const big = r['big'] as R | null;
  if (big)
    rows.push([
      `ratings, ${num(big['battles']) / 1e6}M battles × ${big['bootstrap_rounds']} rounds`,
      `${s(big['airace_ms'])}, ${big['airace_peak_rss_mb']} MB`,
      '—',
      '≤ 10 s, < 2 GB',
      num(big['airace_ms']) <= 10_000 && num(big['airace_peak_rss_mb']) < 2048,
    ]);
}
const st = results['startup'];
if (st) {
  rows.push([
    'fresh clone, `npm start` → answering',
    s(st['fresh_clone_npm_start_ms']),
    `bare node:http ${s(st['baseline_bare_node_http_ms'])}`,
    '≤ 6 s',
    num(st['fresh_clone_npm_start_ms']) <= 6000,
  ]);
  rows.push([
    'restart, database built → answering',
    s(st['restart_ms']),
    `bare node:http ${s(st['baseline_bare_node_http_ms'])}`,
    '≤ 2 s',
    num(st['restart_ms']) <= 2000,
  ]);
}
const b = results['build'];
if (b)
  rows.push([
    'build: validate + load the snapshot',
    `${s(b['airace_ms'])} (${b['ratio_airace_over_baseline']}×)`,
    `bare read_csv ${s(b['baseline_bare_read_csv_ms'])}`,
    '≤ 1.5×',
    num(b['ratio_airace_over_baseline']) <= 1.5,
  ]);
const p = results['pages'];
if (p) {
  for (const row of p['pages'] as R[]) {
    const when = row['warmed_at_start'] ? 'after start-up warm-up' : 'not warmed at start';
    rows.push([
      `GET ${row['path']} (${when})`,
      `first ${row['first_ms']} ms, repeated ${row['repeat_median_ms']} ms`,
      `health ${p['baseline_health_median_ms']} ms`,
      '≤ 300 ms warm, ≤ 50 ms cached',
      num(row['first_ms']) <= 300 && num(row['repeat_median_ms']) <= 50,
    ]);
  }
}
const l = results['load'];
if (l) {
  const c = l['cached_reads'] as R;
  rows.push([
    'cached reads under load',
    `${c['requests_per_s']} req/s, p99 ${c['p99_ms']} ms, ${c['errors']} errors`,
    '—',
    '≥ 5,000 req/s, p99 ≤ 15 ms, 0 errors',
    num(c['requests_per_s']) >= 5000 && num(c['p99_ms']) <= 15 && num(c['errors']) === 0,
  ]);
  const u = l['cheap_read_while_expensive'] as R | undefined;
  if (u)
    rows.push([
      'GET /api/v1/health while four ~1 MB claim checks run',
      `p99 ${u['p99_ms']} ms (${u['requests_per_s']} req/s; ${u['checks_completed']} checks done, ${u['checks_refused_busy']} told to retry)`,
      '—',
      'p99 ≤ 50 ms',
      num(u['p99_ms']) <= 50,
    ]);
  const s = l['soak'] as R | undefined;
  if (s)
    rows.push([
      `soak, ${s['seconds']} s of reads`,
      `${s['requests_per_s']} req/s, p99 ${s['p99_ms']} ms, RSS ${s['rss_mb_start']} → ${s['rss_mb_end']} MB`,
      '—',
      'memory flat (growth < 10%), 0 errors',
      num(s['errors']) === 0 && num(s['rss_mb_end']) < 1.1 * num(s['rss_mb_start']),
    ]);
}
const lin = results['lineage'];
if (lin)
  rows.push([
    'lineage: 2,000,000 synthetic hub records resolved to roots',
    `${s(lin['airace_resolve_ms'])}, peak RSS ${(num(lin['airace_peak_rss_mb']) / 1024).toFixed(2)} GB`,
    `recursive walk ${s(lin['baseline_recursive_ms'])}`,
    '< 10 s, < 2 GB',
    num(lin['airace_resolve_ms']) < 10_000 && num(lin['airace_peak_rss_mb']) < 2048,
  ]);
const cl = results['claims'];
if (cl)
  rows.push([
    `claims: ${(num(cl['bytes']) / 1e6).toFixed(0)} MB of Chinese text, one core`,
    `${cl['airace_mb_per_s']} MB/s (${cl['claims']} claims)`,
    `one regex pass for numerals: ${cl['baseline_regex_scan_ms']} ms`,
    '≥ 1 MB/s',
    num(cl['airace_mb_per_s']) >= 1,
  ]);
if (rows.length) {
  console.log('\n| what | airace | baseline (same run) | target | met |\n| --- | --- | --- | --- | --- |');
  for (const [what, ours, base, target, met] of rows)
    console.log(`| ${what} | ${ours} | ${base} | ${target} | ${met ? 'yes' : 'no'} |`);
}
