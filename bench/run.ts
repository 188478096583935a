/**
 * `npm run bench`: every benchmark, each reported as a ratio against a baseline run in the same script.
 * `npm run bench -- ratings` runs one.
 */
import { benchBuild } from './build.ts';
import { benchClaims } from './claims.ts';
import { benchLineage } from './lineage.ts';
import { benchLoad } from './load.ts';
import { benchRatings } from './ratings.ts';

const all: Record<string, () => Promise<Record<string, unknown>>> = { build: benchBuild, ratings: benchRatings, lineage: benchLineage, claims: benchClaims, load: benchLoad };
const chosen = process.argv.slice(2).filter((a) => a in all);
for (const name of chosen.length ? chosen : Object.keys(all)) {
  console.error(`bench ${name}…`);
  console.log(JSON.stringify(await (all[name] as () => Promise<Record<string, unknown>>)(), null, 2));
}
