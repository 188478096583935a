/**
 * @module
 * The `airace` command line. Each command parses its options, calls the library, and prints either a table
 * for people or `--json` for programs. Bad input: one line on stderr and exit code 1 (2 for usage errors).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ZodError } from 'zod';
import { resolve } from 'node:path';
import { runImport } from '../data/import/index.ts';
import { writeSnapshot } from '../data/snapshot.ts';
import { build } from '../store/build.ts';
import { Db } from '../store/db.ts';
import { exportParquet } from '../store/export.ts';
import { listModels, listSources } from '../store/queries.ts';
import { readBattles } from '../ratings/battles.ts';
import { bradleyTerry } from '../ratings/bradley-terry.ts';
import { chipFromInput, chipInput, findChip, type Chip } from '../compute/chips.ts';
import { classify } from '../compute/classify.ts';
import { parseDestination } from '../compute/destinations.ts';
import { chipRow, compareChips, loadChips, loadContext, matchSystem, reportedFor, systemChecks } from '../compute/index.ts';
import { adoption, type AdoptionMetric, type By } from '../adoption/index.ts';
import { readHubDump } from '../connectors/hf.ts';
import { hubRows, lastRefreshes, refresh, REFRESH_PREFIX, snapshotAttribution } from '../connectors/refresh.ts';
import { at, CONNECTORS } from '../connectors/sources.ts';
import { CostError, frontier as costFrontier, parseBlend, pick as costPick, trend as costTrend } from '../cost/index.ts';
import { scatterSpec, toSvg, trendSpec } from '../cost/plot.ts';
import { computeGap, GapError, listMetrics } from '../frontier/index.ts';
import { frontierSvg } from '../frontier/plot.ts';
import { Checker } from '../claims/index.ts';
import { claimsReport } from '../claims/html.ts';
import { parseWeights, score } from '../scorecard/index.ts';
import { loadFx, timeline } from '../timeline/index.ts';
import { CURATED_ENTITIES, CURATED_FX, CURATED_ORGS, DEFAULT_DB, RAW_DATA, SNAPSHOT_DIR } from './paths.ts';
import { withProgress } from './progress.ts';
import { formatTable } from './table.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function count(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 100000) throw new InvalidArgumentError('must be a whole number from 0 to 100000');
  return n;
}

function anchorOption(v: string): { model: string; score: number } {
  const at = v.lastIndexOf('=');
  const score = Number(v.slice(at + 1));
  if (at <= 0 || v.slice(at + 1).trim() === '' || !Number.isFinite(score)) throw new InvalidArgumentError('must be MODEL=SCORE, e.g. gpt-4-0613=1000');
  return { model: v.slice(0, at), score };
}

function positiveCount(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('must be an integer from 1 to 65535');
  return n;
}

async function withDb<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open(path);
  try {
    await db.verify();
    return await fn(db);
  } finally {
    db.close();
  }
}

export function program(io: Io = defaultIo): Command {
  const json = (v: unknown) => io.out(`${JSON.stringify(v, null, 2)}\n`);
  const cli = new Command('airace')
    .description('The AI Race Observatory: who leads the AI race, measured from sourced data')
    .version('0.1.0')
    .showHelpAfterError(false)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  cli
    .command('import')
    .description('rebuild the curated snapshot (data/snapshot) from the raw datasets, with an import report')
    .option('--from <dir>', 'raw data folder', RAW_DATA)
    .option('--out <dir>', 'snapshot folder to write', SNAPSHOT_DIR)
    .option('--json', 'print the import report as JSON')
    .action(async (opts: { from: string; out: string; json?: boolean }) => {
      if (!existsSync(opts.from)) throw new Error(`raw data folder not found: ${opts.from}`);
      const report = await withProgress((progress) => {
        const imported = runImport(resolve(opts.from), CURATED_ORGS, progress);
        // Refreshed datasets are history the raw data does not hold: they carry over.
      writeSnapshot(resolve(opts.out), imported.parts, { 'import-report.json': `${JSON.stringify(imported.report, null, 1)}\n` }, (_, part) => part.startsWith(REFRESH_PREFIX));
        return imported.report;
      });
      if (opts.json) return json(report);
      io.out(formatTable(report.datasets.map((d) => ({ dataset: d.id, rows: d.rows }))));
      io.out(`\nmodels: ${report.models.total} (${report.models.attributed} attributed, ${report.models.multi_origin} matched across sources)\n`);
      for (const u of report.unmatched_models) io.out(`unmatched ${u.origin}: ${u.count} names seen in no other source\n`);
      io.out(`organizations without a country: ${report.organizations_without_country.length}\n`);
      io.out(`report: ${resolve(opts.out, 'import-report.json')}\n`);
    });

  cli
    .command('build')
    .description('build or rebuild the embedded DuckDB database from the snapshot, atomically')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--snapshot <dir>', 'snapshot folder', SNAPSHOT_DIR)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { db: string; snapshot: string; json?: boolean }) => {
      const result = await withProgress((progress) => build(resolve(opts.snapshot), resolve(opts.db), progress));
      if (opts.json) return json(result);
      io.out(`built ${result.db} in ${result.ms} ms\n${formatTable(Object.entries(result.tables).map(([table, rows]) => ({ table, rows })))}`);
    });

  cli
    .command('sources')
    .description('list every source with its publisher, license and URL')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      const sources = await withDb(opts.db, listSources);
      if (opts.json) return json({ sources });
      io.out(formatTable(sources.map((s) => ({ id: s['id'], publisher: s['publisher'], license: s['license'], retrieved: s['retrieved'], url: s['url'] })), 60));
    });

  cli
    .command('models')
    .description('list models with their organization, country and sources')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--country <cc>', 'only models whose organization is in this country (US, CN, FR …)')
    .option('--organization <id>', 'only this organization (id or English name)')
    .option('--open-weights', 'only models with open weights')
    .option('--search <text>', 'only models whose id or name contains this')
    .option('--limit <n>', 'at most this many', (v) => positiveInt(v), 1000)
    .option('--json', 'print JSON')
    .action(async (opts: { db: string; country?: string; organization?: string; openWeights?: boolean; search?: string; limit: number; json?: boolean }) => {
      const filter = { country: opts.country, organization: opts.organization, open_weights: opts.openWeights ? true : undefined, q: opts.search, limit: opts.limit };
      const result = await withDb(opts.db, (db) => listModels(db, filter));
      if (opts.json) return json(result);
      io.out(formatTable(result.models.map((m) => ({ id: m['id'], organization: m['organization'], country: m['country'], released: m['release_date'], open: m['open_weights'], sources: (m['sources'] as string[]).join(' ') }))));
      io.out(`${result.models.length} of ${result.total} models\n`);
    });

  cli
    .command('ratings')
    .description('Bradley–Terry ratings with bootstrap intervals from pairwise battles (CSV, JSONL or Parquet)')
    .argument('<battles>', 'file with columns model_a, model_b, winner (model_a | model_b | tie | tie (bothbad))')
    .option('--bootstrap <n>', 'bootstrap rounds for the 95% intervals (0 for none)', count, 100)
    .option('--seed <n>', 'random seed of the bootstrap', count, 0)
    .option('--anchor <model=score>', 'shift ratings so that this model has this score', anchorOption)
    .option('--skip-invalid', 'skip malformed rows (and count them) instead of stopping at the first')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { bootstrap: number; seed: number; anchor?: { model: string; score: number }; skipInvalid?: boolean; json?: boolean }) => {
      const battles = await readBattles(file, opts.skipInvalid === true);
      if (battles.length === 0) throw new Error(`${file}: no valid battles`);
      const result = await withProgress((progress) =>
        bradleyTerry.rate(battles, { bootstrap: opts.bootstrap, seed: opts.seed, anchor: opts.anchor, progress: (r, n) => progress(`bootstrap ${r}/${n}`) }));
      const out = { ...result, skipped: battles.skipped, method: 'Bradley–Terry MLE, base 10, scale 400, mean 1000, ties half; 95% CI = 2.5/97.5 percentiles of multinomial bootstrap' };
      if (opts.json) return json(out);
      io.out(formatTable(result.models.map((m) => ({ model: m.model, rating: m.rating.toFixed(1), '95% CI': `${m.ci_low.toFixed(1)} – ${m.ci_high.toFixed(1)}`, rank_ub: m.rank_ub, battles: m.battles, ...(result.components > 1 ? { component: m.component } : {}) })), 60));
      io.out(`${result.models.length} models, ${result.battles} battles${battles.skipped ? `, ${battles.skipped} invalid rows skipped` : ''}, ${result.bootstrap} bootstrap rounds (seed ${result.seed})\n`);
      for (const w of result.warnings) io.err(`warning: ${w}\n`);
    });

  cli
    .command('gap')
    .description('the frontier of two countries or blocs on one metric, and the gap in points and months')
    .option('--metric <id>', 'metric id (see --list)', 'arena-text')
    .option('--as-of <date>', 'date YYYY-MM-DD (default: the latest data)')
    .option('--leader <bloc>', 'country or bloc (US, CN, EU, FR, UK …)', 'US')
    .option('--follower <bloc>', 'country or bloc', 'CN')
    .option('--series', 'the whole time series, not one date')
    .option('--include-preliminary', 'count preliminary Arena entries (few votes or flagged by the source)')
    .option('--rounds <n>', 'resampling rounds for the intervals', count, 300)
    .option('--seed <n>', 'random seed of the resampling', count, 0)
    .option('--plot <file.svg>', 'write a chart of both frontiers over time')
    .option('--list', 'list the metric ids')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { metric: string; asOf?: string; leader: string; follower: string; series?: boolean; includePreliminary?: boolean; rounds: number; seed: number; plot?: string; list?: boolean; db: string; json?: boolean }) => {
      await withDb(opts.db, async (db) => {
        if (opts.list) {
          const metrics = await listMetrics(db);
          if (opts.json) return json({ metrics });
          io.out(formatTable(metrics.map((m) => ({ id: m.id, view: m.view, title: m.title, rows: m.rows, from: m.date_min, to: m.date_max }))));
          return;
        }
        const wantSeries = opts.series === true || opts.plot !== undefined;
        const report = await computeGap(db, { metric: opts.metric, asOf: opts.asOf, leader: opts.leader, follower: opts.follower, includePreliminary: opts.includePreliminary, rounds: opts.rounds, seed: opts.seed }, wantSeries);
        if (opts.plot) {
          const svg = await frontierSvg({ title: report.title, unit: report.unit, view: report.view, leader: report.leader, follower: report.follower, series: report.series ?? [], sources: report.sources });
          const tmp = `${opts.plot}.tmp-${process.pid}`;
          writeFileSync(tmp, svg);
          renameSync(tmp, opts.plot);
        }
        if (!opts.series) delete report.series;
        if (opts.json) return json(report);
        // Fraction-scale benchmarks (0–1) need more digits than rating points.
        const dp = Math.abs(report.leader_score ?? 0) <= 1.5 ? 3 : 1;
        if (opts.series) {
          io.out(formatTable((report.series ?? []).map((p) => ({ date: p.date, [report.leader]: p.leader_model, [`${report.leader} score`]: fmt(p.leader_score, dp), [report.follower]: p.follower_model, [`${report.follower} score`]: fmt(p.follower_score, dp), points: fmt(p.points_gap, dp), months: fmt(p.months_gap) }))));
        }
        const ci = (c: [number, number] | null, digits = 1) => (c ? ` (95% CI ${fmt(c[0], digits)} to ${fmt(c[1], digits)})` : '');
        io.out(`${report.title}, ${report.view} view, as of ${report.as_of} (data of ${report.data_date})\n`);
        io.out(`  ${report.leader}: ${report.leader_model} ${fmt(report.leader_score, dp)}   ${report.follower}: ${report.follower_model} ${fmt(report.follower_score, dp)}\n`);
        io.out(`  gap: ${fmt(report.points_gap, dp)} points${ci(report.points_ci, dp)}; ${report.months_gap === null ? 'months: n/a' : `${report.months_censored ? 'at least ' : ''}${fmt(report.months_gap)} months${ci(report.months_ci)}`}\n`);
        io.out(`  preliminary entries: ${report.preliminary}; uncertainty: ${report.uncertainty}\n  sources: ${report.sources.join(', ')}\n`);
        if (opts.plot) io.out(`  chart: ${opts.plot}\n`);
      });
    });

  const chips = cli.command('chips').description('chips and systems, their derived figures, and export-control classification');
  const num = (x: number | null, d = 1) => (x === null ? '' : Number(x.toFixed(d)).toLocaleString('en-US'));

  chips
    .command('list', { isDefault: true })
    .description('every chip with TPP, PD, TFLOPS/W and bandwidth per TFLOP (* marks an unconfirmed input)')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      const rows = (await withDb(opts.db, loadChips)).map(chipRow);
      if (opts.json) return json({ chips: rows });
      const star = (r: (typeof rows)[number], f: string, v: string) => (v && (r.unconfirmed_fields.includes(f) || r.confidence === 'unconfirmed') ? `${v}*` : v);
      io.out(formatTable(rows.map((r) => ({
        chip: r.id, country: r.country, 'BF16 TFLOPS': star(r, 'bf16_dense_tflops', num(r.bf16_tflops, 0)), TPP: star(r, 'fp8_dense_tflops', num(r.tpp, 0)),
        'die mm²': star(r, 'die_area_mm2', num(r.die_area_mm2, 0)), PD: star(r, 'die_area_mm2', num(r.pd, 2)), 'TFLOPS/W': star(r, 'tdp_w', num(r.tflops_per_w, 2)),
        'GB/s per TFLOP': num(r.gbps_per_tflop, 2), 'interconnect GB/s': star(r, 'interconnect_gbps_bidirectional', num(r.interconnect_gbps, 0)), confidence: r.confidence,
      }))));
      io.out('* unconfirmed in the fact sheet; sources: airace chips list --json\n');
    });

  chips
    .command('classify')
    .description('export-control classification (ECCN 3A090 and the 2025 rules) for a chip, destination and date')
    .option('--chip <name>', 'a chip in the database (id or name, e.g. H20, "Ascend 910C")')
    .option('--chips <file>', 'JSON array of chip specs not in the database')
    .option('--rule <id>', 'classify under this rule only (default: the rules in force on --date)')
    .option('--destination <cc>', 'destination country (ISO code, e.g. CN, MO, AE, DE)')
    .option('--date <date>', 'date YYYY-MM-DD (default: today)')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { chip?: string; chips?: string; rule?: string; destination?: string; date?: string; db: string; json?: boolean }) => {
      const date = opts.date ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date) throw new Error(`--date must be a date YYYY-MM-DD, not "${date}"`);
      const destination = opts.destination ? parseDestination(opts.destination) : null;
      const results = await withDb(opts.db, async (db) => {
        const all = await loadChips(db);
        const ctx = await loadContext(db, all);
        let targets: Chip[] = all;
        if (opts.chips) targets = readChipsFile(opts.chips);
        else if (opts.chip) targets = [findChip(all, opts.chip)];
        return targets.flatMap((c) => classify(ctx, c, { rule: opts.rule, date, destination }));
      });
      if (opts.json) return json({ results });
      io.out(formatTable(results.map((r) => ({ chip: r.chip, rule: r.rule, TPP: num(r.tpp, 0), PD: num(r.pd, 2), classification: r.classification ?? '-', controlled: r.controlled ?? '?', license: r.license_required ?? '-', exception: r.license_exception ?? '' })), 48));
      for (const r of results) io.out(`- ${r.chip} / ${r.rule ?? 'none'}: ${r.reason}\n`);
    });

  chips
    .command('compare')
    .description('two chips side by side, with ratios, and what sources report about them')
    .argument('<a>', 'chip id or name')
    .argument('<b>', 'chip id or name')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, opts: { db: string; json?: boolean }) => {
      const out = await withDb(opts.db, async (db) => {
        const all = await loadChips(db);
        const ca = findChip(all, a);
        const cb = findChip(all, b);
        const reported = [...(await reportedFor(db, ca.id)), ...(await reportedFor(db, cb.id))].filter((x, i, xs) => xs.findIndex((y) => y['id'] === x['id']) === i);
        return { ...compareChips(ca, cb), reported };
      });
      if (opts.json) return json(out);
      io.out(formatTable(out.rows.map((r) => ({ figure: r.figure, [out.a]: num(r.a, 2), [out.b]: num(r.b, 2), 'ratio a/b': r.ratio === null ? '' : `${r.ratio.toFixed(2)}${r.unconfirmed ? ' (unconfirmed input)' : ''}` })), 50));
      for (const f of out.reported) io.out(`reported: ${f['statement']} — ${f['status']} (source ${f['source_id']})\n`);
    });

  chips
    .command('systems')
    .description('system aggregates computed from chip counts and specs, reconciled with the published figures')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      const out = await withDb(opts.db, async (db) => {
        const checks = await systemChecks(db, await loadChips(db));
        const reported = (await db.all(`SELECT * FROM reported_figures WHERE versus IS NOT NULL AND unit = 'ratio' AND subject LIKE '%cloudmatrix%'`));
        const [cm, nvl] = [checks.find((c) => c.system.includes('cloudmatrix')), checks.find((c) => c.system.includes('nvl72'))];
        const byFig = (c: typeof cm, f: string, k: 'computed' | 'published') => c?.figures.find((x) => x.figure === f)?.[k] ?? null;
        const ratio = (f: string, k: 'computed' | 'published') => {
          const x = byFig(cm, f, k);
          const y = byFig(nvl, f, k);
          return x !== null && y !== null && y !== 0 ? x / y : null;
        };
        const comparison = cm && nvl ? [
          ['bf16_pflops', 'bf16_dense'], ['hbm_capacity', 'hbm_capacity'], ['hbm_bandwidth', 'hbm_bandwidth'], ['system_power', 'accelerator_power'],
        ].map(([rep, fig]) => ({
          figure: rep as string, computed_from_chips: ratio(fig as string, 'computed'), from_published_systems: ratio(fig as string, 'published'),
          reported: (reported.find((x) => x['metric'] === rep)?.['value'] as number | undefined) ?? null,
        })).concat([{ figure: 'accelerators', computed_from_chips: cm.chips_per_system / nvl.chips_per_system, from_published_systems: cm.chips_per_system / nvl.chips_per_system, reported: (reported.find((x) => x['metric'] === 'accelerators')?.['value'] as number | undefined) ?? null }]) : [];
        return { systems: checks, comparison: { a: cm?.system ?? null, b: nvl?.system ?? null, rows: comparison, sources: reported.flatMap((x) => (x['source_ids'] as string[]) ?? []).filter((x, i, xs) => xs.indexOf(x) === i) }, tolerance: 0.05 };
      });
      if (opts.json) return json(out);
      for (const s of out.systems) {
        io.out(`${s.name}: ${s.chips_per_system} × ${s.accelerator_chip}\n`);
        io.out(formatTable(s.figures.map((f) => ({ figure: f.figure, unit: f.unit, computed: num(f.computed, 1), published: num(f.published, 1), 'computed/published': f.ratio === null ? '' : f.ratio.toFixed(3), agrees: f.agrees === null ? '?' : f.agrees ? 'yes' : 'NO', note: f.note })), 70));
      }
      if (out.comparison.rows.length) {
        io.out(`\n${out.comparison.a} / ${out.comparison.b}\n`);
        io.out(formatTable(out.comparison.rows.map((r) => ({ figure: r.figure, 'from chip specs': r.computed_from_chips === null ? '' : r.computed_from_chips.toFixed(2), 'from published systems': r.from_published_systems === null ? '' : r.from_published_systems.toFixed(2), reported: r.reported ?? '' }))));
      }
    });

  chips
    .command('match')
    .description('how many of a chip it takes to match a system on each published aggregate')
    .argument('<chip>', 'chip id or name')
    .argument('<system>', 'system id or name (e.g. nvl72, cloudmatrix)')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (chip: string, system: string, opts: { db: string; json?: boolean }) => {
      const out = await withDb(opts.db, async (db) => matchSystem(db, await loadChips(db), chip, system));
      if (opts.json) return json(out);
      io.out(`${out.chip} against ${out.system}\n${formatTable(out.rows.map((r) => ({ figure: r.figure, system: num(r.system_total, 1), 'per chip': num(r.per_chip, 4), 'chips needed': r.chips_needed ?? '' })))}`);
    });

  const cost = cli.command('cost').description('price against capability: the cheapest model that meets constraints, the frontier, trends');
  const numberArg = (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
    return n;
  };
  const writeSvg = async (file: string, spec: Parameters<typeof toSvg>[0]) => {
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, await toSvg(spec));
    renameSync(tmp, file);
  };

  cost
    .command('pick')
    .description('the cheapest model at or above a score, under constraints; runners-up; why others were excluded')
    .requiredOption('--min-score <x>', 'minimum score on the metric', numberArg)
    .option('--metric <id>', 'capability metric (ids as in `airace gap --list`)', 'arena-text')
    .option('--open-weights', 'only models with open weights')
    .option('--origin <cc>', 'only this origin (US, CN, EU, FR …) or not:CC to exclude one')
    .option('--min-context <n>', 'minimum context length in tokens', numberArg)
    .option('--max-price <p>', 'maximum blended price, $ per million tokens', numberArg)
    .option('--as-of <date>', 'date YYYY-MM-DD (default: the latest price data)')
    .option('--blend <in:out>', 'input:output token ratio of the blended price', '3:1')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { minScore: number; metric: string; openWeights?: boolean; origin?: string; minContext?: number; maxPrice?: number; asOf?: string; blend: string; db: string; json?: boolean }) => {
      const r = await withDb(opts.db, (db) => costPick(db, { metric: opts.metric, minScore: opts.minScore, openWeights: opts.openWeights, origin: opts.origin, minContext: opts.minContext, maxPrice: opts.maxPrice, asOf: opts.asOf, blend: parseBlend(opts.blend) }));
      if (opts.json) return json(r);
      io.out(`${r.metric_title} ≥ ${opts.minScore} on ${r.as_of}, blended price ${r.blend}\n`);
      const line = (c: NonNullable<typeof r.pick>) => ({ model: c.model, country: c.country, open: c.open_weights, price: `$${c.price}`, score: c.score, provider: c.provider, sources: c.sources.join(' ') });
      if (r.pick) io.out(`pick:\n${formatTable([line(r.pick)], 60)}runners-up:\n${formatTable(r.runners_up.map(line), 60)}`);
      else io.out(`${r.note}\n`);
      const reasons = new Map<string, number>();
      for (const e of r.excluded) for (const why of e.reason.split('; ')) reasons.set(why.replace(/[\d.$]+/g, 'N'), (reasons.get(why.replace(/[\d.$]+/g, 'N')) ?? 0) + 1);
      io.out(`excluded ${r.excluded.length} (--json lists each with its reason): ${[...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([w, n]) => `${n} × ${w}`).join('; ')}\n`);
    });

  cost
    .command('frontier')
    .description('the price–capability Pareto frontier at a date, overall and by origin')
    .option('--metric <id>', 'capability metric', 'arena-text')
    .option('--as-of <date>', 'date YYYY-MM-DD (default: the latest price data)')
    .option('--blend <in:out>', 'input:output token ratio', '3:1')
    .option('--plot <file.svg>', 'write the scatter with the frontier line')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { metric: string; asOf?: string; blend: string; plot?: string; db: string; json?: boolean }) => {
      const r = await withDb(opts.db, (db) => costFrontier(db, { metric: opts.metric, asOf: opts.asOf, blend: parseBlend(opts.blend) }));
      if (opts.plot) await writeSvg(opts.plot, scatterSpec({ title: r.metric_title, asOf: r.as_of, blend: r.blend, points: r.points, sources: [...new Set(r.points.flatMap((p) => p.sources))] }));
      if (opts.json) return json(r);
      io.out(`${r.metric_title} on ${r.as_of}, blended price ${r.blend}: ${r.points.length} models priced and scored\nfrontier:\n`);
      io.out(formatTable(r.frontier.map((f) => ({ model: f.model, country: f.country, price: `$${f.price}`, score: f.score }))));
      for (const [b, ms] of Object.entries(r.by_bloc)) io.out(`${b} frontier: ${ms.join(', ')}\n`);
      if (opts.plot) io.out(`chart: ${opts.plot}\n`);
    });

  cost
    .command('trend')
    .description('the cheapest price of a capability level over time, and median prices by origin')
    .requiredOption('--level <x>', 'capability level (score on the metric)', numberArg)
    .option('--metric <id>', 'capability metric', 'arena-text')
    .option('--from <date>', 'first date (default: the first price data)')
    .option('--to <date>', 'last date (default: the latest price data)')
    .option('--blend <in:out>', 'input:output token ratio', '3:1')
    .option('--plot <file.svg>', 'write a chart of the cheapest price over time')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { level: number; metric: string; from?: string; to?: string; blend: string; plot?: string; db: string; json?: boolean }) => {
      const r = await withDb(opts.db, (db) => costTrend(db, { metric: opts.metric, level: opts.level, from: opts.from, to: opts.to, blend: parseBlend(opts.blend) }));
      if (opts.plot) await writeSvg(opts.plot, trendSpec({ title: r.metric_title, level: r.level, blend: r.blend, series: r.series, sources: [...new Set(r.series.flatMap((x) => x.cheapest_sources))] }));
      if (opts.json) return json(r);
      io.out(`cheapest model with ${r.metric_title} ≥ ${r.level}, blended ${r.blend}\n`);
      io.out(formatTable(r.series.map((x) => ({ date: x.date, cheapest: x.cheapest_model ?? '-', country: x.cheapest_country ?? '', price: x.cheapest_price === null ? '' : `$${x.cheapest_price}`, 'median US': x.median_price_by_bloc['US'] ?? '', 'median CN': x.median_price_by_bloc['CN'] ?? '', 'median EU': x.median_price_by_bloc['EU'] ?? '' }))));
      if (opts.plot) io.out(`chart: ${opts.plot}\n`);
    });

  cli
    .command('adoption')
    .description('downloads and derivatives of open models, and traffic share (tokens, requests, dollars), by country, family or author')
    .option('--by <dim>', 'country, family or author', 'country')
    .option('--metric <m>', 'downloads, derivatives, tokens, requests or dollars', 'tokens')
    .option('--as-of <date>', 'date YYYY-MM-DD (default: the latest data)')
    .option('--days <n>', 'days of traffic ending at --as-of', (v) => Number(v), 30)
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { by: string; metric: string; asOf?: string; days: number; db: string; json?: boolean }) => {
      const r = await withDb(opts.db, (db) => adoption(db, { by: opts.by as By, metric: opts.metric as AdoptionMetric, asOf: opts.asOf, days: opts.days }));
      if (opts.json) return json(r);
      io.out(`${r.metric} by ${r.by}: ${r.window.description}\n`);
      io.out(formatTable(r.rows.slice(0, 25).map((x) => ({ [r.by]: x[r.by], value: Number(x['value']).toLocaleString('en-US', { maximumFractionDigits: 2 }), share: `${(100 * Number(x['share'])).toFixed(1)}%` }))));
      if (r.rows.length > 25) io.out(`… ${r.rows.length - 25} more (--json for all)\n`);
      io.out(`coverage: ${Object.entries(r.coverage).map(([k, v]) => `${k} ${typeof v === 'number' && v < 1 && v > 0 ? `${(100 * v).toFixed(1)}%` : v}`).join('; ')}\n`);
      for (const v of r.verification) io.out(`note: ${v}\n`);
      io.out(`sources: ${r.sources.join(', ')}\n`);
    });

  cli
    .command('refresh')
    .description('refresh datasets from their public sources into new dated snapshot parts (then run airace build)')
    .argument('[source]', `connector: ${CONNECTORS.map((c) => c.id).join(', ')}`)
    .option('--all', 'every connector')
    .option('--list', 'list the connectors, their source URLs and last refresh')
    .option('--since <date>', 'only records from this date on, where the source allows')
    .option('--parquet <file>', 'hf only: read a bulk Parquet dump of Hub metadata instead of the API')
    .option('--endpoint <url>', 'base URL replacing each source\'s host (a mirror, or a local test server)', process.env['AIRACE_REFRESH_ENDPOINT'])
    .option('--max-retries <n>', 'retries per request on 429, 5xx or timeout, with backoff', count, 5)
    .option('--snapshot <dir>', 'snapshot folder', SNAPSHOT_DIR)
    .option('--dry-run', 'fetch and report, write nothing')
    .option('--json', 'print JSON')
    .action(async (sourceId: string | undefined, opts: { all?: boolean; list?: boolean; since?: string; parquet?: string; endpoint?: string; maxRetries: number; snapshot: string; dryRun?: boolean; json?: boolean }) => {
      const snapshot = resolve(opts.snapshot);
      if (opts.list) {
        const last = lastRefreshes(snapshot);
        const list = CONNECTORS.map((c) => ({ connector: c.id, title: c.title, urls: c.urls, last_refresh: last[c.id] ?? null }));
        if (opts.json) return json({ connectors: list });
        io.out(formatTable(list.map((c) => ({ connector: c.connector, last_refresh: c.last_refresh ?? 'never (shipped snapshot only)', url: c.urls.join(' ') })), 80));
        return;
      }
      if (opts.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since)) throw new Error(`--since must be a date YYYY-MM-DD, not "${opts.since}"`);
      const chosen = opts.all ? CONNECTORS : CONNECTORS.filter((c) => c.id === sourceId);
      if (!chosen.length) throw new Error(sourceId ? `unknown source "${sourceId}" (connectors: ${CONNECTORS.map((c) => c.id).join(', ')})` : 'name a source or give --all (see --list)');
      const date = new Date().toISOString().slice(0, 10);
      const summaries = [];
      for (const connector of chosen) {
        const summary = await withProgress(async (progress) => {
          const ctx = { endpoint: opts.endpoint, date, since: opts.since, fx: { fetch: globalThis.fetch, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), progress }, maxRetries: opts.maxRetries };
          progress(`refreshing ${connector.id}`);
          if (connector.id === 'hf' && opts.parquet) {
            const models = await readHubDump(resolve(opts.parquet));
            const rows = hubRows(models, snapshotAttribution(snapshot, CURATED_ORGS), date, '');
            return refresh(connector, ctx, { snapshotDir: snapshot, curatedPath: CURATED_ORGS, dryRun: opts.dryRun, sourceUrl: 'https://huggingface.co/datasets' }, { rows: [{ table: 'open_models', rows }], bodies: [{ url: resolve(opts.parquet), text: JSON.stringify(models) }], retries: 0 });
          }
          return refresh(connector, ctx, { snapshotDir: snapshot, curatedPath: CURATED_ORGS, dryRun: opts.dryRun, sourceUrl: opts.endpoint ? at(ctx, connector.urls[0] ?? '') : undefined });
        });
        summaries.push(summary);
      }
      const out = { dry_run: opts.dryRun === true, refreshes: summaries, next: 'run `airace build` to load new parts' };
      if (opts.json) return json(out);
      for (const s of summaries) {
        io.out(s.unchanged ? `${s.connector}: unchanged since the last refresh (sha256 ${s.content_hash.slice(0, 10)}); nothing added\n`
          : `${s.connector}: ${Object.entries(s.added).map(([t, n]) => `${n} ${t}`).join(', ')}${opts.dryRun ? ' (dry run: nothing written)' : ''}; ${s.unmatched_models.count} model names not yet in the models table; ${s.retries} retries\n`);
      }
      if (!opts.dryRun && summaries.some((s) => !s.unchanged)) io.out('run `airace build` to load them\n');
    });

  cli
    .command('check')
    .description('find the quantitative claims in articles (English, 简体, 繁體; .txt, .md, .html) and check them against the data')
    .argument('<files...>', 'article files')
    .option('--html <file>', 'write an HTML report with the claims highlighted by verdict')
    .option('--llm-url <url>', 'also ask an OpenAI-compatible endpoint (e.g. http://127.0.0.1:8000/v1) for claims', process.env['AIRACE_LLM_URL'])
    .option('--llm-model <name>', 'model name for --llm-url', process.env['AIRACE_LLM_MODEL'] ?? 'local')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: { html?: string; llmUrl?: string; llmModel: string; db: string; json?: boolean }) => {
      const docs = await withDb(opts.db, async (db) => {
        const checker = await Checker.create(db, CURATED_ENTITIES);
        const checked = files.map((f) => {
          let raw: string;
          try {
            raw = readFileSync(f, 'utf8');
          } catch (err) {
            throw new Error(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
          }
          return checker.check(f, raw, /\.html?$/i.test(f) ? 'html' : 'text');
        });
        if (!opts.llmUrl) return checked;
        const withLlm = [];
        for (const d of checked) withLlm.push(await checker.withLlm(d, { url: opts.llmUrl, model: opts.llmModel, apiKey: process.env['AIRACE_LLM_API_KEY'] }));
        return withLlm;
      });
      if (opts.html) {
        const tmp = `${opts.html}.tmp-${process.pid}`;
        writeFileSync(tmp, claimsReport(docs));
        renameSync(tmp, opts.html);
      }
      if (opts.json) return json({ documents: docs.map(({ text: _text, ...d }) => d) });
      for (const d of docs) {
        io.out(`${d.id} (${d.language}): ${d.entities.length} entities, ${d.claims.length} claims\n`);
        io.out(formatTable(d.claims.map((c) => ({ quote: c.quote, subject: c.subject_name ?? c.subject ?? '?', metric: c.metric, value: c.value, unit: c.unit, verdict: c.verdict, evidence: c.evidence.map((e) => e.id).join(' ') })), 48));
      }
      if (opts.html) io.out(`report: ${opts.html}\n`);
    });

  cli
    .command('score')
    .description('country scorecard across capability, adoption, cost, compute and policy, with weights and a sensitivity analysis')
    .option('--weights <k=v,...>', 'pillar weights, e.g. capability=2,cost=0 (default: all 1)')
    .option('--as-of <date>', 'date YYYY-MM-DD (default: the latest traffic data)')
    .option('--countries <list>', 'countries or blocs to compare', 'US,CN,EU')
    .option('--samples <n>', 'weightings drawn for the sensitivity analysis', count, 10000)
    .option('--seed <n>', 'random seed', count, 0)
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { weights?: string; asOf?: string; countries: string; samples: number; seed: number; db: string; json?: boolean }) => {
      const weights = parseWeights(opts.weights);
      const r = await withDb(opts.db, (db) => score(db, { asOf: opts.asOf, countries: opts.countries.split(','), weights, samples: opts.samples, seed: opts.seed }, loadFx(CURATED_FX)));
      if (opts.json) return json(r);
      io.out(`scorecard as of ${r.as_of}; weights ${Object.entries(r.weights).map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
      io.out(formatTable(r.countries.map((c) => ({ country: c.country, score: c.score === null ? 'n/a' : c.score.toFixed(3), ...Object.fromEntries(c.pillars.map((p) => [p.pillar, p.score === null ? 'n/a' : p.score.toFixed(2)])) }))));
      io.out('indicators:\n');
      const first = r.countries[0];
      for (const p of first?.pillars ?? []) for (const i of p.indicators) io.out(`  ${p.pillar}/${i.id} (${i.better} is better): ${r.countries.map((c) => `${c.country} ${fmtValue(c.pillars.find((x) => x.pillar === p.pillar)?.indicators.find((x) => x.id === i.id)?.value ?? null)}`).join(', ')} — ${i.description}\n`);
      io.out(`sensitivity over ${r.sensitivity.samples} weightings: ${Object.entries(r.sensitivity.lead_share).map(([c, s]) => `${c} leads in ${(100 * s).toFixed(1)}%`).join(', ')}\n`);
      io.out(`deciding indicators (removing one changes the leader): ${r.sensitivity.deciding_indicators.map((d) => `${d.indicator} → ${d.leader_without}`).join(', ') || 'none'}\n`);
    });

  cli
    .command('timeline')
    .description('dated events: investments (and in USD), declarations, export-control rules, frontier-setting model releases')
    .option('--kind <kinds>', 'comma-separated kinds (investment, governance, export_control, model_release, …)')
    .option('--actor <name>', 'events naming this actor')
    .option('--country <cc>', 'events of this country')
    .option('--from <date>', 'first date')
    .option('--to <date>', 'last date')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (opts: { kind?: string; actor?: string; country?: string; from?: string; to?: string; db: string; json?: boolean }) => {
      const r = await withDb(opts.db, (db) => timeline(db, { kinds: opts.kind?.split(','), actor: opts.actor, country: opts.country, from: opts.from, to: opts.to }, loadFx(CURATED_FX)));
      if (opts.json) return json(r);
      io.out(formatTable(r.events.map((e) => ({ date: e.date, kind: e.kind, country: e.country ?? '', title: e.title, amount: e.amount === null ? '' : `${e.amount.toLocaleString('en-US')} ${e.currency}`, usd: e.amount_usd === null ? '' : e.amount_usd.toLocaleString('en-US', { maximumFractionDigits: 0 }) })), 70));
      io.out(`${r.events.length} events; USD at ${r.fx_source.title} (${r.fx_source.confidence})\n`);
    });

  cli
    .command('export')
    .description('export every table as hive-partitioned Parquet into DIR')
    .argument('<dir>', 'output folder (replaced atomically)')
    .option('--format <format>', 'output format (parquet)', 'parquet')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { format: string; db: string; json?: boolean }) => {
      if (opts.format !== 'parquet') throw new Error(`unsupported format "${opts.format}" (supported: parquet)`);
      const result = await withDb(opts.db, (db) => withProgress((progress) => exportParquet(db, resolve(dir), progress)));
      if (opts.json) return json(result);
      io.out(`exported ${result.tables.length} tables to ${result.dir}\n`);
    });

  cli
    .command('serve')
    .description('serve the API and the dashboard')
    .option('--db <path>', 'database file', DEFAULT_DB)
    .option('--port <n>', 'port (0: any free port)', (v) => (v === '0' ? 0 : positiveInt(v)), Number(process.env['PORT'] ?? 8080))
    .option('--host <host>', 'address to listen on', process.env['HOST'] ?? '127.0.0.1')
    .option('--build-if-missing', 'build the database from the snapshot first if it does not exist')
    .action(async (opts: { db: string; port: number; host: string; buildIfMissing?: boolean }) => {
      const dbPath = resolve(opts.db);
      if (opts.buildIfMissing && !existsSync(dbPath)) {
        io.err(`no database at ${dbPath}: building it from the snapshot…\n`);
        const r = await withProgress((progress) => build(SNAPSHOT_DIR, dbPath, progress));
        io.err(`built in ${r.ms} ms\n`);
      }
      const { serve } = await import('../server/index.ts');
      const server = await serve({ dbPath, port: opts.port, host: opts.host });
      io.err(`airace serving http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${server.port}\n`);
      await new Promise<void>((done) => {
        const stop = () => server.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  return cli;
}

const fmtValue = (x: number | null): string => (x === null ? 'n/a' : Math.abs(x) >= 1e6 ? x.toExponential(2) : Number(x.toPrecision(4)).toLocaleString('en-US'));
const fmt = (x: number | null, digits = 1): string => (x === null ? 'n/a' : x.toFixed(digits));

/** Reads `--chips FILE`: a JSON array of chip specs, each validated, errors naming the item and field. */
function readChipsFile(path: string): Chip[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${path}: expected a non-empty JSON array of chip specs`);
  return raw.map((item, i) => {
    const r = chipInput.safeParse(item);
    if (!r.success) throw new Error(`${path}: item ${i + 1}: ${zodMessage(r.error)}`);
    return chipFromInput(r.data);
  });
}

/** One line for the first validation issue: "country: country must be a two-letter code …". */
export function zodMessage(err: ZodError): string {
  const issue = err.issues[0];
  return issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid input';
}

/** Runs the CLI and returns the exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    const message = err instanceof ZodError ? zodMessage(err) : (err instanceof Error ? err.message : String(err)).split('\n')[0];
    io.err(`airace: error: ${message}\n`);
    return 1;
  }
}
