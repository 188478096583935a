import { operations } from '../src/ops/registry.ts';
import { parseInput } from '../src/ops/parse.ts';
import { sharedDeps, defaultPaths } from '../src/ops/deps.ts';
import { Db } from '../src/store/db.ts';
const db = await Db.open('/work/main/data/airace.duckdb');
const deps = sharedDeps(db, defaultPaths({ db: db.path }), {});
for (const name of (process.env['OPS'] ?? 'score').split(',')) {
  const op = operations.find((o) => o.name === name)!;
  const t0 = performance.now();
  await op.run(deps, parseInput(op, op.examples?.[0] ?? {}));
  console.log(name, Math.round(performance.now() - t0));
}
db.close();
