/**
 * @module
 * Chips and systems as operations, over the compute library as it stands.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { chipFromInput, chipInput, findChip, type Chip } from '../../compute/chips.ts';
import { classify } from '../../compute/classify.ts';
import { parseDestination } from '../../compute/destinations.ts';
import { chipRow, compareChips, loadChips, loadContext, matchSystem, reportedFor, systemChecks } from '../../compute/index.ts';
import { InputError, NotFoundError, operation } from '../operation.ts';
import { date, text } from '../params.ts';
import { formatTable } from '../table.ts';

const num = (x: number | null, d = 1) => (x === null ? '' : Number(x.toFixed(d)).toLocaleString('en-US'));

const attempt = <T>(field: string, fn: () => T, notFound = false): T => {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InputError || err instanceof NotFoundError) throw err;
    throw notFound ? new InputError(field, (err as Error).message) : new InputError(field, (err as Error).message);
  }
};

export const chipsList = operation({
  name: 'chips.list',
  summary: 'every chip with TPP, PD, TFLOPS/W and bandwidth per TFLOP',
  input: z.object({}).strict(),
  output: z.object({ chips: z.array(z.object({
        id: z.string(),
        country: z.string().nullable(),
        tpp: z.number().nullable(),
        pd: z.number().nullable(),
        confidence: z.string().nullable(),
      })) }),
  http: { method: 'GET', path: '/chips' },
  run: async (deps) => ({ chips: (await loadChips(await deps.db())).map(chipRow) as never }),
  rows: (o) => o.chips,
  text: (o) =>
    formatTable(
      o.chips.map((r) => ({
        chip: r.id,
        country: r.country,
        TPP: num(r.tpp, 0),
        PD: num(r.pd, 2),
        confidence: r.confidence,
      })),
    ),
});

const classification = z.object({
  chip: z.string(),
  rule: z.string().nullable(),
  date: z.string(),
  destination: z.string().nullable(),
  tpp: z.number().nullable(),
  pd: z.number().nullable(),
  classification: z.string().nullable(),
  controlled: z.boolean().nullable(),
  license_required: z.boolean().nullable(),
  reason: z.string(),
  sources: z.array(z.string()),
});

function readChipsFile(path: string): Chip[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError('chips', `${path}: ${missing ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new InputError('chips', `${path}: expected a non-empty JSON array`);
  return raw.map((item, i) => {
    const r = chipInput.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new InputError('chips', `${path}: item ${i + 1}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return chipFromInput(r.data);
  });
}

export const chipsClassify = operation({
  name: 'chips.classify',
  summary: 'export-control classification (ECCN 3A090 and the 2025 rules) for a chip, destination and date',
  input: z
    .object({
      chip: text(100).optional().describe('a chip in the database (id or name, e.g. H20, "Ascend 910C")'),
      chips: text(4096).optional().describe('JSON file: an array of chip specs not in the database'),
      rule: text(64).optional().describe('classify under this rule only (default: the rules in force on the date)'),
      destination: text(60).optional().describe('destination country (ISO code, e.g. CN, MO, AE, DE)'),
      date: date().optional().describe('date YYYY-MM-DD (default: today)'),
    })
    .strict(),
  output: z.object({ results: z.array(classification) }),
  http: { method: 'GET' },
  cliOnly: ['chips'],
  examples: [{ chip: 'H20', destination: 'CN', date: '2025-05-01' }, { destination: 'AE', date: '2025-03-01' }],
  run: async (deps, i) => {
    const db = await deps.db();
    const all = await loadChips(db);
    const ctx = await loadContext(db, all);
    const on = i.date ?? deps.now().toISOString().slice(0, 10);
    const destination = i.destination ? attempt('destination', () => parseDestination(i.destination as string)) : null;
    const targets = i.chips
      ? readChipsFile(i.chips)
      : i.chip
        ? [attempt('chip', () => findChip(all, i.chip as string), true)]
        : all;
    const results = attempt('rule', () => targets.flatMap((c) => classify(ctx, c, { rule: i.rule, date: on, destination })));
    return { results } as never;
  },
  rows: (o) => o.results,
  text: (o) =>
    formatTable(
      o.results.map((r) => ({
        chip: r.chip,
        rule: r.rule,
        TPP: num(r.tpp, 0),
        PD: num(r.pd, 2),
        classification: r.classification ?? '-',
        controlled: r.controlled ?? '?',
        license: r.license_required ?? '-',
      })),
    ) + o.results.map((r) => `- ${r.chip} / ${r.rule ?? 'none'}: ${r.reason}\n`).join(''),
});

export const chipsCompare = operation({
  name: 'chips.compare',
  summary: 'two chips side by side, with ratios, and what sources report about them',
  args: ['a', 'b'],
  input: z.object({ a: text(100).describe('chip id or name'), b: text(100).describe('chip id or name') }).strict(),
  output: z.object({
    a: z.string(),
    b: z.string(),
    rows: z.array(
      z.object({ figure: z.string(), a: z.number().nullable(), b: z.number().nullable(), ratio: z.number().nullable() }),
    ),
    reported: z.array(z.record(z.string(), z.unknown())),
  }),
  http: { method: 'GET' },
  examples: [{ a: 'Ascend 910C', b: 'H100' }],
  run: async (deps, i) => {
    const db = await deps.db();
    const all = await loadChips(db);
    const ca = attempt('a', () => findChip(all, i.a), true);
    const cb = attempt('b', () => findChip(all, i.b), true);
    const reported = [...(await reportedFor(db, ca.id)), ...(await reportedFor(db, cb.id))].filter(
      (x, k, xs) => xs.findIndex((y) => y['id'] === x['id']) === k,
    );
    return { ...compareChips(ca, cb), reported } as never;
  },
  rows: (o) => o.rows,
  text: (o) =>
    formatTable(o.rows.map((r) => ({ figure: r.figure, [o.a]: num(r.a, 2), [o.b]: num(r.b, 2), 'a/b': num(r.ratio, 2) }))) +
    o.reported.map((f) => `reported: ${String(f['statement'])} — ${String(f['status'])}\n`).join(''),
});

export const chipsSystems = operation({
  name: 'chips.systems',
  summary: 'system aggregates computed from chip counts and specs, reconciled with the published figures',
  input: z.object({}).strict(),
  output: z.object({
    systems: z.array(
      z.object({
        system: z.string(),
        chips_per_system: z.number(),
        figures: z.array(z.object({ figure: z.string(), computed: z.number().nullable(), published: z.number().nullable() })),
      }),
    ),
  }),
  http: { method: 'GET', path: '/systems' },
  run: async (deps) => {
    const db = await deps.db();
    return { systems: (await systemChecks(db, await loadChips(db))) as never };
  },
  rows: (o) => o.systems.flatMap((s) => s.figures.map((f) => ({ system: s.system, ...f }))),
  text: (o) =>
    o.systems
      .map(
        (s) =>
          `${s.system}: ${s.chips_per_system} chips\n` +
          formatTable(s.figures.map((f) => ({ figure: f.figure, computed: num(f.computed, 1), published: num(f.published, 1) }))),
      )
      .join('\n'),
});

export const chipsMatch = operation({
  name: 'chips.match',
  summary: 'how many of a chip it takes to match a system on each published aggregate',
  args: ['chip', 'system'],
  input: z.object({ chip: text(100).describe('chip id or name'), system: text(100).describe('system id or name') }).strict(),
  output: z.object({
    chip: z.string(),
    system: z.string(),
    rows: z.array(
      z.object({
        figure: z.string(),
        system_total: z.number(),
        per_chip: z.number().nullable(),
        chips_needed: z.number().nullable(),
      }),
    ),
    sources: z.array(z.string()),
  }),
  http: { method: 'GET' },
  examples: [{ chip: 'H100', system: 'cloudmatrix' }],
  run: async (deps, i) => {
    const db = await deps.db();
    try {
      return await matchSystem(db, await loadChips(db), i.chip, i.system);
    } catch (err) {
      throw new NotFoundError(/system/i.test((err as Error).message) ? 'system' : 'chip', (err as Error).message);
    }
  },
  rows: (o) => o.rows,
  text: (o) =>
    `${o.chip} against ${o.system}\n` +
    formatTable(
      o.rows.map((r) => ({
        figure: r.figure,
        system: num(r.system_total, 1),
        'per chip': num(r.per_chip, 4),
        'chips needed': r.chips_needed ?? '',
      })),
    ),
});

export const chipsOps = [chipsList, chipsClassify, chipsCompare, chipsSystems, chipsMatch];
