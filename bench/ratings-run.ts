/**
 * Child process of the ratings bench: airace end to end from CSV (read, fit, bootstrap), timed, with its
 * own peak memory. Prints JSON.  usage: ratings-run.ts BATTLES.csv ROUNDS SEED [TOLERANCE]
 */
import { readBattles } from '../src/ratings/battles.ts';
import { bradleyTerry } from '../src/ratings/bradley-terry.ts';

const [file, rounds, seed, tolerance] = process.argv.slice(2);
const t0 = performance.now();
const battles = await readBattles(file as string);
const result = bradleyTerry.rate(battles, { bootstrap: Number(rounds), seed: Number(seed), tolerance: tolerance ? Number(tolerance) : undefined });
const ms = performance.now() - t0;
console.log(JSON.stringify({
  ms,
  maxrss_mb: process.resourceUsage().maxRSS / 1024,
  ratings: Object.fromEntries(result.models.map((m) => [m.model, m.rating])),
  ci_low: Object.fromEntries(result.models.map((m) => [m.model, m.ci_low])),
  ci_high: Object.fromEntries(result.models.map((m) => [m.model, m.ci_high])),
}));
