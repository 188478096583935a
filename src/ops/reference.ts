/**
 * @module
 * The command and route reference (docs/reference.md), written from the operations themselves so the
 * documentation cannot drift from the code. `npm run docs` rewrites it; a test fails when it is stale.
 */
import type { Operation } from './operation.ts';
import { apiPath, commandWords, fieldsOf, kebab } from './schema.ts';
import { grouped } from '../util/numbers.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function cliUsage(op: Operation, group: boolean): string {
  const fields = fieldsOf(op.input);
  const parts = [`airace ${commandWords(op.name).join(' ')}${group ? ' [show]' : ''}`];
  if (op.fromFile) parts.push('FILE…');
  for (const a of op.args ?? [])
    parts.push(fields.find((f) => f.key === a)?.required ? a.toUpperCase() : `[${a.toUpperCase()}]`);
  for (const f of fields) {
    if ((op.args ?? []).includes(f.key) || f.key === op.fromFile?.key) continue;
    const flag = f.flag ? `--${kebab(f.key)}` : `--${kebab(f.key)} X`;
    parts.push(f.required ? flag : `[${flag}]`);
  }
  if (op.svg) parts.push('[--plot FILE.svg]');
  if (op.html) parts.push('[--html FILE]');
  return parts.join(' ');
}

function route(op: Operation): string {
  if (!op.http) return '—';
  const main = `${op.http.method} ${apiPath(op)}`;
  return op.svg ? `${main}, GET ${apiPath(op)}/chart.svg` : main;
}

export function referenceMarkdown(ops: readonly Operation[]): string {
  const lines = [
    '# Command and API reference',
    '',
    'Generated from the operations in `src/ops/registry.ts` by `npm run docs`; do not edit by hand.',
    'Every command takes `--json` (the API answer, byte for byte the same data) and `--db PATH`; lists also `--csv`.',
    'API query parameters are the flags in snake_case; every GET read also takes `format=csv`.',
    'Bad input: one line on stderr and exit 1 on the CLI, `400 {"error", "field"}` on the API, worded the same.',
    '',
  ];
  for (const op of ops) {
    const group = ops.some((o) => o.name.startsWith(`${op.name}.`));
    lines.push(`## ${op.name}`, '', op.summary, '');
    lines.push(op.apiOnly ? '- CLI: —' : `- CLI: \`${cliUsage(op, group)}\``);
    lines.push(`- API: ${op.http ? `\`${route(op)}\`` : '— (CLI only)'}`);
    if (op.http?.method === 'POST' && op.http.body === 'file') {
      lines.push(`- Body: the ${op.http.key} file itself, at most ${grouped(op.http.maxBytes)} bytes`);
    }
    if (op.expensive)
      lines.push('- Expensive: rate-limited per client and run in a worker with a time budget on the server');
    const fields = fieldsOf(op.input);
    if (fields.length) {
      lines.push('', '| input | required | default | meaning |', '| --- | --- | --- | --- |');
      for (const f of fields) {
        const dflt =
          f.default === undefined ? '' : `\`${Array.isArray(f.default) ? f.default.join(',') : String(f.default)}\``;
        const only = (op.cliOnly ?? []).includes(f.key) ? ' (CLI only)' : '';
        lines.push(`| \`${f.key}\` | ${f.required ? 'yes' : ''} | ${dflt} | ${cell(f.description)}${only} |`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
