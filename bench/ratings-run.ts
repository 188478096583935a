/**
 * Child process of the ratings bench: airace end to end from CSV (DuckDB read and count, fit, bootstrap
 * over worker threads), timed, with its own peak memory (workers included: they are threads of this
 * process). Prints JSON.  usage: ratings-run.ts BATTLES.csv ROUNDS SEED [THREADS]
 */
import { rateFile } from '../src/ratings/parallel.ts';

const [file, rounds, seed, threads] = process.argv.slice(2);
const t0 = performance.now();
const result = await rateFile(file as string, {
  bootstrap: Number(rounds),
  seed: Number(seed),
  threads: threads ? Number(threads) : undefined,
});
const ms = performance.now() - t0;
console.log(
  JSON.stringify({
    ms,
    maxrss_mb: process.resourceUsage().maxRSS / 1024,
    ratings: Object.fromEntries(result.models.map((m) => [m.model, m.rating])),
    ci_low: Object.fromEntries(result.models.map((m) => [m.model, m.ci_low])),
    ci_high: Object.fromEntries(result.models.map((m) => [m.model, m.ci_high])),
  }),
);
