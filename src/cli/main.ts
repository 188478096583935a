/**
 * @module
 * The `airace` command line, generated from the list of operations: each operation is a command (dots
 * become subcommands), each input key a kebab-case flag. `--json` prints the operation's output, `--csv`
 * its main list; otherwise its text for people. Bad input: one line on stderr and exit 1 (2 for usage).
 */
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Operation } from '../ops/operation.ts';
import { defaultPaths, openDeps } from '../ops/deps.ts';
import { toFailure } from '../ops/failure.ts';
import { parseInput } from '../ops/parse.ts';
import { operations } from '../ops/registry.ts';
import { commandWords, fieldsOf, kebab } from '../ops/schema.ts';
import { buildOp } from '../catalog/op.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { rowsToCsv } from '../util/csv.ts';
import { withProgress } from './progress.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

interface Common {
  json?: boolean;
  csv?: boolean;
  db?: string;
  plot?: string;
  html?: string;
}

/** Reads a CLI file argument, with the one-line errors people expect. */
function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function runCommand(op: Operation, positional: unknown[], opts: Record<string, unknown> & Common, io: Io) {
  const fields = fieldsOf(op.input);
  const raw: Record<string, unknown> = {};
  for (const f of fields) {
    const v = opts[camel(kebab(f.key))];
    if (v !== undefined) raw[f.key] = v;
  }
  (op.args ?? []).forEach((key, k) => {
    if (positional[k] !== undefined) raw[key] = positional[k];
  });
  const inputs: Record<string, unknown>[] = [];
  if (op.fromFile) {
    for (const path of positional[0] as string[]) {
      inputs.push({ ...raw, ...op.fromFile.extra?.(path), [op.fromFile.key]: readText(path) });
    }
  } else inputs.push(raw);

  const deps = openDeps(defaultPaths({ db: opts.db }), { operations });
  try {
    const parsedInputs: Record<string, unknown>[] = [];
    const outputs = await withProgress(async (progress) => {
      const results = [];
      for (const [k, input] of inputs.entries()) {
        if (inputs.length > 1) progress(`${k + 1}/${inputs.length}`);
        const parsed = parseInput(op, input);
        parsedInputs.push(parsed);
        results.push(await op.run({ ...deps, progress }, parsed));
        if (opts.plot && op.svg) writeFileAtomic(opts.plot, await op.svg({ ...deps, progress }, parsed));
      }
      return results;
    });
    const output = outputs.length === 1 || !op.fromFile?.merge ? outputs[0] : op.fromFile.merge(outputs);
    if (opts.html && op.html) writeFileAtomic(opts.html, op.html(output, parsedInputs));
    if (opts.json) io.out(`${JSON.stringify(output, null, 2)}\n`);
    else if (opts.csv && op.rows) io.out(rowsToCsv(op.rows(output)));
    else io.out(op.text ? op.text(output) : `${JSON.stringify(output, null, 2)}\n`);
    if (!opts.json && opts.plot) io.err(`chart: ${opts.plot}\n`);
    if (!opts.json && opts.html) io.err(`report: ${opts.html}\n`);
    return op.status && outputs.some((o) => (op.status as (x: unknown) => number)(o) !== 200) ? 1 : 0;
  } finally {
    deps.close();
  }
}

function addOperation(cli: Command, op: Operation, io: Io, hasChildren: boolean, exit: { code: number }): void {
  const words = commandWords(op.name);
  let parent = cli;
  for (const w of words.slice(0, -1)) {
    parent = parent.commands.find((c) => c.name() === w) ?? parent.command(w).description(`${w} commands`);
  }
  const last = words.at(-1) as string;
  const existing = parent.commands.find((c) => c.name() === last);
  // An operation whose name is also a group (gap, and gap.metrics) is the group's default command.
  const cmd = hasChildren
    ? (existing ?? parent.command(last)).command('show', { isDefault: true })
    : words.length > 1 && last === 'list'
      ? parent.command(last, { isDefault: true })
      : parent.command(last);
  if (hasChildren) cmd.parent?.description(op.summary);
  cmd.description(op.summary);
  const fields = fieldsOf(op.input);
  const args = new Set(op.args ?? []);
  if (op.fromFile) cmd.argument('<files...>', 'input files');
  for (const key of op.args ?? []) {
    const f = fields.find((x) => x.key === key);
    cmd.argument(f?.required ? `<${key}>` : `[${key}]`, f?.description ?? '');
  }
  for (const f of fields) {
    if (args.has(f.key) || f.key === op.fromFile?.key) continue;
    const dflt =
      f.default === undefined
        ? ''
        : ` (default: ${Array.isArray(f.default) ? f.default.join(',') : String(f.default)})`;
    const required = f.required ? ' (required)' : '';
    cmd.option(f.flag ? `--${kebab(f.key)}` : `--${kebab(f.key)} <value>`, `${f.description}${dflt}${required}`);
  }
  if (op.svg) cmd.option('--plot <file.svg>', 'also write the chart as SVG');
  if (op.html) cmd.option('--html <file>', 'also write an HTML report');
  if (op.rows) cmd.option('--csv', 'print the main list as CSV');
  cmd.option('--db <path>', 'database file (default: data/airace.duckdb or $AIRACE_DB)');
  cmd.option('--json', 'print JSON');
  cmd.action(async (...a: unknown[]) => {
    const command = a.at(-1) as Command;
    exit.code = Math.max(exit.code, await runCommand(op, command.processedArgs, command.opts(), io));
  });
}

function addServe(cli: Command, io: Io): void {
  cli
    .command('serve')
    .description('serve the API and the dashboard')
    .option('--db <path>', 'database file')
    .option('--port <n>', 'port, 0 for any free port (default 8080 or $PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1 or $HOST)')
    .option('--build-if-missing', 'build the database from the snapshot first if it does not exist')
    .action(async (opts: { db?: string; port?: string; host?: string; buildIfMissing?: boolean }) => {
      const port = Number(opts.port ?? process.env['PORT'] ?? 8080);
      if (!/^\d{1,5}$/.test(String(opts.port ?? port)) || port > 65535) {
        throw new Error(`port: must be a whole number from 0 to 65535`);
      }
      const host = opts.host ?? process.env['HOST'] ?? '127.0.0.1';
      const dbPath = defaultPaths({ db: opts.db }).db;
      if (opts.buildIfMissing && !existsSync(dbPath)) {
        io.err(`no database at ${dbPath}: building it from the snapshot…\n`);
        const deps = openDeps(defaultPaths({ db: dbPath }));
        const r = await withProgress((progress) => buildOp.run({ ...deps, progress }, {}));
        io.err(`built in ${r.ms} ms\n${r.doctor.warnings.map((w) => `warning: ${w}\n`).join('')}`);
      }
      const { serve } = await import('../server/index.ts');
      const server = await serve({ dbPath: resolve(dbPath), port, host });
      io.err(`airace serving http://${host === '0.0.0.0' ? 'localhost' : host}:${server.port}\n`);
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

export function program(io: Io = defaultIo, exit = { code: 0 }): Command {
  const cli = new Command('airace')
    .description('The AI Race Observatory: who leads the AI race, measured from sourced data')
    .version('0.1.0')
    .showHelpAfterError(false)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const names = new Set(operations.map((o) => o.name));
  for (const op of operations) {
    if (op.apiOnly) continue;
    addOperation(
      cli,
      op,
      io,
      [...names].some((n) => n.startsWith(`${op.name}.`)),
      exit,
    );
  }
  addServe(cli, io);
  // Every subcommand reports usage errors through the same io and exit code.
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    c.commands.forEach(configure);
  };
  configure(cli);
  return cli;
}

/** Runs the CLI and returns the exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const exit = { code: 0 };
    await program(io, exit).parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
      return ok ? 0 : 2;
    }
    io.err(`airace: error: ${toFailure(err).error}\n`);
    return 1;
  }
}
