/**
 * @module
 * Compute operations: the chips table, export-control classification (every chip, rule, destination and
 * date), status over time, a bill of materials, comparisons, systems and the Epoch reconciliation.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { tables } from '../data/schema.ts';
import { InputError, NotFoundError, operation, type Deps } from '../ops/operation.ts';
import { date, flag, text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { toSvg } from '../charts/svg.ts';
import { bom, parseBom } from './bom.ts';
import { chipFromInput, chipInput, findChip, type Chip } from './chips.ts';
import { classify, overall, type Classification, type Context } from './classify.ts';
import { parseDestination, type Destination } from './destinations.ts';
import { chipNotes, chipRow, compareReport, loadChips, loadContext, matchSystem, systemsReport } from './index.ts';
import { statusSpec } from './plot.ts';
import { dateStatus } from './rules.ts';
import { statusOverTime, type EventRow } from './status.ts';
import { chipFactsOf, reportedFactsOf, ruleFactsOf, systemFactsOf } from './facts.ts';
import { grouped } from '../util/numbers.ts';

const today = (deps: Deps) => deps.now().toISOString().slice(0, 10);

async function context(deps: Deps): Promise<{ chips: Chip[]; ctx: Context }> {
  const db = await deps.db();
  const chips = await loadChips(db);
  return { chips, ctx: await loadContext(db, chips, deps.paths.curated) };
}

function chipOf(chips: readonly Chip[], query: string, field = 'chip'): Chip {
  try {
    return findChip(chips, query);
  } catch (err) {
    throw new NotFoundError(field, (err as Error).message);
  }
}

function destOf(s: string, field = 'destination'): Destination {
  try {
    return parseDestination(s);
  } catch (err) {
    throw new InputError(field, (err as Error).message);
  }
}

const tri = z.boolean().nullable();
const loose = z.record(z.string(), z.unknown());

const classification = z.object({
  chip: z.string(),
  chip_id: z.string(),
  rule: z.string().nullable(),
  date: z.string(),
  destination: z.string().nullable(),
  tpp: z.number().nullable(),
  pd: z.number().nullable(),
  classification: z.string().nullable(),
  possible_classifications: z.array(z.string()),
  controlled: tri,
  license_required: tri,
  license_exception: z.string().nullable(),
  status: z.string(),
  governing_date: z.object({ kind: z.string(), date: z.string().nullable() }).nullable(),
  dates: loose.nullable(),
  decided_by: z.array(z.string()),
  summary: z.string(),
  reason: z.string(),
  margins: z.object({
    tests: z.array(
      z.object({
        paragraph: z.string(),
        test: z.string(),
        param: z.string(),
        op: z.string(),
        threshold: z.number(),
        value: z.number().nullable(),
        met: tri,
        distance: z.number().nullable(),
        ratio: z.number().nullable(),
      }),
    ),
    derating: z.array(
      z.object({
        dimension: z.string(),
        target: z.string(),
        factor: z.number().nullable(),
        reduction_percent: z.number().nullable(),
        note: z.string(),
      }),
    ),
  }),
  verification: z.string().nullable(),
  citation: z.string().nullable(),
  sources: z.array(z.string()),
});

const fmt = (x: number | null | undefined, d = 0) =>
  x === null || x === undefined ? '' : grouped(Number(x.toFixed(d)));
const yn = (x: boolean | null) => (x === null ? 'open' : x ? 'yes' : 'no');

/** A chip as listed: its figures, the derived export-control figures, confidence, caveats and sources. */
const chipListRow = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.string().nullable(),
  country: z.string().nullable(),
  datacenter: z.boolean().nullable(),
  bf16_tflops: z.number().nullable().describe('dense BF16 (else FP16) TFLOPS'),
  memory_gb: z.number().nullable(),
  memory_bandwidth_tbps: z.number().nullable(),
  interconnect_gbps: z.number().nullable(),
  tdp_w: z.number().nullable(),
  die_area_mm2: z.number().nullable(),
  tpp: z.number().nullable(),
  tpp_precision: z.string().nullable(),
  pd: z.number().nullable(),
  tflops_per_w: z.number().nullable(),
  gbps_per_tflop: z.number().nullable(),
  confidence: z.string(),
  unconfirmed_fields: z.array(z.string()),
  sources: z.array(z.string()),
  throughput_basis: z.string(),
  release_date: z.string().nullable(),
  source_rows: z.array(z.string()),
  notes: z.string().nullable().describe('caveats on the figures, as the data gives them'),
});

export const chipsList = operation({
  name: 'chips.list',
  facts: chipFactsOf,
  summary: 'Every chip with TPP, PD, TFLOPS/W, bandwidth per TFLOP, throughput basis, confidence and sources',
  input: z
    .object({
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
        .transform((s) => s.toUpperCase())
        .optional(),
    })
    .strict(),
  output: z.object({ chips: z.array(chipListRow) }),
  http: { method: 'GET', path: '/chips' },
  examples: [{}, { country: 'CN' }],
  async run(deps, input) {
    const db = await deps.db();
    const notes = await chipNotes(db);
    const rows = (await loadChips(db)).map((c) => ({
      ...chipRow(c),
      throughput_basis: c.throughput_basis,
      release_date: c.release_date,
      source_rows: c.source_rows,
      notes: notes.get(c.id) ?? null,
    }));
    return { chips: input.country ? rows.filter((r) => r.country === input.country) : rows };
  },
  text: (o) =>
    formatTable(
      o.chips.map((c) => ({
        chip: c.id,
        country: c.country,
        TPP: fmt(c.tpp),
        PD: fmt(c.pd, 2),
        basis: c.throughput_basis,
        confidence: c.confidence,
      })),
    ),
  rows: (o) =>
    o.chips.map((c) => ({
      ...c,
      unconfirmed_fields: c.unconfirmed_fields.join(';'),
      sources: c.sources.join(';'),
      source_rows: c.source_rows.join(';'),
    })),
});

export const chipsClassify = operation({
  name: 'chips.classify',
  summary:
    'Export-control classification of chips under every rule (or one), for a destination and date, with reasons, margins and citations',
  input: z
    .object({
      chip: text().optional(),
      all: flag().optional(),
      chips: text(4096).optional().describe('JSON file: an array of chip specs not in the database'),
      rule: text().optional(),
      destination: text(60).optional(),
      date: date().optional(),
      assume_dense: flag()
        .optional()
        .describe('read throughput figures of unstated basis as dense (said in each answer)'),
    })
    .strict(),
  output: z.object({
    date: z.string(),
    date_is_today: z.boolean(),
    destination: z.string().nullable(),
    results: z.array(classification),
    chips: z.array(
      z.object({
        chip_id: z.string(),
        license_required: tri,
        required_by: z.array(z.string()),
        open_under: z.array(z.string()),
      }),
    ),
  }),
  http: { method: 'GET' },
  cliOnly: ['chips'],
  expensive: true,
  examples: [
    { chip: 'H20', destination: 'CN', date: '2025-05-01' },
    { all: 'true', destination: 'CN', date: '2025-06-01' },
  ],
  async run(deps, input) {
    const day = input.date ?? today(deps);
    const dest = input.destination ? destOf(input.destination) : null;
    const { chips, ctx: base } = await context(deps);
    const ctx: Context = { ...base, assumeDense: input.assume_dense === true };
    let targets: Chip[];
    if (input.chips) targets = specChips(readSpecFile(input.chips));
    else if (input.all) targets = chips;
    else if (input.chip) targets = [chipOf(chips, input.chip)];
    else throw new InputError('chip', 'give a chip, all, or chips (a JSON array of specs)');
    if (input.rule && !ctx.logic.rules.some((r) => r.rule === input.rule)) {
      throw new InputError(
        'rule',
        `unknown rule "${input.rule}" (rules: ${ctx.logic.rules.map((r) => r.rule).join(', ')})`,
      );
    }
    const results: Classification[] = [];
    const per: { chip_id: string; license_required: boolean | null; required_by: string[]; open_under: string[] }[] =
      [];
    for (const c of targets) {
      if (deps.signal.aborted) throw new Error('aborted');
      const rs = classify(ctx, c, { rule: input.rule, date: day, destination: dest });
      results.push(...rs);
      const o = overall(rs);
      per.push({ chip_id: c.id, license_required: o.license_required, required_by: o.by, open_under: o.open });
    }
    return { date: day, date_is_today: input.date === undefined, destination: dest?.code ?? null, results, chips: per };
  },
  text: (o) =>
    o.results
      .map(
        (r) =>
          `- ${r.summary}\n  ${r.reason.slice(r.summary.length + 1)}\n${r.margins.derating
            .filter((d) => d.factor !== null)
            .map((d) => `  margin: ${d.target}: ${d.note}`)
            .join('\n')}`,
      )
      .join('\n')
      .replace(/\n+/g, '\n') + '\n',
  rows: (o) =>
    o.results.map((r) => ({
      chip: r.chip_id,
      rule: r.rule,
      date: r.date,
      destination: r.destination,
      tpp: r.tpp,
      pd: r.pd,
      classification: r.classification,
      controlled: r.controlled,
      license_required: r.license_required,
      license_exception: r.license_exception,
      status: r.status,
      governing: r.governing_date ? `${r.governing_date.kind} ${r.governing_date.date}` : null,
      decided_by: r.decided_by.join(';'),
      summary: r.summary,
      citation: r.citation,
      derating: r.margins.derating.map((d) => `${d.target}/${d.dimension}: ${d.factor ?? 'n/a'}`).join('; '),
    })),
});

function readSpecFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(
      'chips',
      `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
}

/** Chip specs given as JSON text (the `chips` file), each validated, errors naming the item and field. */
function specChips(textIn: string): Chip[] {
  let raw: unknown;
  try {
    raw = JSON.parse(textIn);
  } catch (err) {
    throw new InputError('chips', `not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 1000)
    throw new InputError('chips', 'expected a JSON array of 1 to 1000 chip specs');
  return raw.map((item, i) => {
    const r = chipInput.safeParse(item);
    if (!r.success)
      throw new InputError(
        'chips',
        `item ${i + 1}: ${r.error.issues[0]?.path.join('.') || 'spec'}: ${r.error.issues[0]?.message ?? 'invalid'}`,
      );
    return chipFromInput(r.data);
  });
}

export const chipsStatus = operation({
  name: 'chips.status',
  summary: 'A chip\u2019s export-control status for a destination over time: every rule and event date in the data',
  input: z.object({ chip: text(), destination: text(60), from: date().optional(), to: date().optional() }).strict(),
  output: z.object({
    chip: z.string(),
    chip_id: z.string(),
    destination: z.string(),
    from: z.string(),
    to: z.string(),
    periods: z.array(
      z.object({
        from: z.string(),
        to: z.string().nullable(),
        license_required: tri,
        by: z.array(z.string()),
        changes: z.array(z.string()),
        rules: z.array(
          z.object({
            rule: z.string(),
            status: z.string(),
            classification: z.string().nullable(),
            controlled: tri,
            license_required: tri,
            summary: z.string(),
            citation: z.string().nullable(),
          }),
        ),
      }),
    ),
    events: z.array(
      z.object({
        id: z.string(),
        date: z.string().nullable(),
        kind: z.string(),
        title: z.string(),
        names_chip: z.boolean(),
        source_ids: z.array(z.string()),
      }),
    ),
    /** Vega-Lite spec of the timeline for the Compute page. */
    chart: z.unknown(),
  }),
  args: ['chip', 'destination'],
  http: { method: 'GET' },
  examples: [{ chip: 'H20', destination: 'CN', from: '2023-01-01', to: '2026-01-01' }],
  svg: async (deps, input) => toSvg((await chipsStatusRun(deps, input)).chart as never),
  run: (deps, input) => chipsStatusRun(deps, input),
  text: (o) =>
    `${o.chip} to ${o.destination}, ${o.from} to ${o.to}\n` +
    o.periods
      .map(
        (p) =>
          `${p.from} → ${p.to ?? 'now'}: licence ${yn(p.license_required)}${p.by.length ? ` (${p.by.join(', ')})` : ''}${p.changes.length ? `\n    changed: ${p.changes.join('; ')}` : ''}`,
      )
      .join('\n') +
    (o.events.length
      ? `\nevents:\n${o.events.map((e) => `  ${e.date} ${e.names_chip ? '*' : ' '} ${e.title}`).join('\n')}`
      : '') +
    '\n',
  rows: (o) =>
    o.periods.map((p) => ({
      from: p.from,
      to: p.to,
      license_required: p.license_required,
      by: p.by.join(';'),
      changes: p.changes.join('; '),
    })),
});

async function chipsStatusRun(deps: Deps, input: { chip: string; destination: string; from?: string; to?: string }) {
  const { chips, ctx } = await context(deps);
  const chip = chipOf(chips, input.chip);
  const dest = destOf(input.destination);
  const from = input.from ?? '2022-01-01';
  const to = input.to ?? today(deps);
  if (to < from) throw new InputError('to', `must not be before from (${from})`);
  const db = await deps.db();
  const events: EventRow[] = (
    await db.rows(
      tables.events.pick({ id: true, date: true, kind: true, title: true, source_ids: true }),
      'SELECT id, CAST(date AS VARCHAR) AS date, kind, title, source_ids FROM events ORDER BY date',
    )
  ).map(({ source_ids, ...e }) => ({ ...e, names_chip: false, source_ids }));
  const s = statusOverTime(ctx, chip, dest, from, to, events);
  const sources = [
    ...new Set([
      ...ctx.rules.filter((r) => ctx.logic.rules.some((l) => l.rule === r.id)).flatMap((r) => r.source_ids),
      ...s.events.flatMap((e) => e.source_ids),
    ]),
  ];
  return { ...s, chart: statusSpec(s, sources) };
}

export const chipsBom = operation({
  name: 'chips.bom',
  summary:
    'A bill of materials (chip, quantity) for a destination and date: per line classification and licence, total TPP against the AI Diffusion caps',
  input: z
    .object({
      lines: text(2_000_000)
        .optional()
        .describe('CSV with a chip,quantity header, or a JSON array of {chip, quantity}'),
      file: text(4096).optional().describe('a file holding the lines (CSV or JSON)'),
      destination: text(60),
      date: date().optional(),
    })
    .strict(),
  output: z.object({
    destination: z.string(),
    date: z.string(),
    tier: z.string().nullable(),
    lines: z.array(
      z.object({
        line: z.number(),
        chip: z.string(),
        chip_id: z.string(),
        quantity: z.number(),
        tpp: z.number().nullable(),
        tpp_total: z.number().nullable(),
        license_required: tri,
        required_by: z.array(z.string()),
        open_under: z.array(z.string()),
        summary: z.string(),
        results: z.array(classification),
      }),
    ),
    totals: z.object({
      quantity: z.number(),
      tpp: z.number(),
      tpp_unknown_lines: z.number(),
      lines_needing_licence: z.number(),
      lines_open: z.number(),
    }),
    caps: z.array(
      z.object({
        rule: z.string(),
        tier: z.string(),
        criterion: z.string(),
        per: z.string(),
        cap_tpp: z.number().nullable(),
        counted_tpp: z.number(),
        share: z.number().nullable(),
        exceeds: z.boolean().nullable(),
        binding: tri,
        note: z.string(),
      }),
    ),
  }),
  http: { method: 'POST', path: '/chips/bom', body: 'file', key: 'file', maxBytes: 2_000_000 },
  expensive: true,
  examples: [{ lines: 'chip,quantity\nH100,1000\nH20,10', destination: 'IN', date: '2025-06-01' }],
  async run(deps, input) {
    let body = input.lines;
    if (!body && input.file) {
      try {
        body = readFileSync(input.file, 'utf8');
      } catch (err) {
        throw new InputError(
          'file',
          (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message,
        );
      }
    }
    if (!body) throw new InputError('lines', 'give the lines (CSV or JSON) or a file');
    let lines;
    try {
      lines = parseBom(body);
    } catch (err) {
      throw new InputError(input.lines ? 'lines' : 'file', (err as Error).message);
    }
    const { chips, ctx } = await context(deps);
    try {
      return bom(ctx, chips, lines, destOf(input.destination), input.date ?? today(deps));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new NotFoundError('lines', (err as Error).message);
    }
  },
  text: (o) =>
    `${o.destination} on ${o.date} (${o.tier ?? 'no tier'})\n` +
    o.lines
      .map((l) => `${l.line}. ${l.quantity} × ${l.chip}: licence ${yn(l.license_required)} — ${l.summary}`)
      .join('\n') +
    `\ntotal TPP ${fmt(o.totals.tpp)}${o.totals.tpp_unknown_lines ? ` (+${o.totals.tpp_unknown_lines} line(s) of unknown TPP)` : ''}\n` +
    o.caps
      .map(
        (c) =>
          `${c.criterion}: ${fmt(c.counted_tpp)} of ${fmt(c.cap_tpp)} TPP${c.share !== null ? ` (${(c.share * 100).toFixed(2)}%)` : ''}; binding ${yn(c.binding)} — ${c.note}`,
      )
      .join('\n') +
    '\n',
  rows: (o) =>
    o.lines.map((l) => ({
      line: l.line,
      chip: l.chip_id,
      quantity: l.quantity,
      tpp: l.tpp,
      tpp_total: l.tpp_total,
      license_required: l.license_required,
      required_by: l.required_by.join(';'),
      open_under: l.open_under.join(';'),
      summary: l.summary,
    })),
});

export const chipsCompare = operation({
  name: 'chips.compare',
  summary: 'Two chips side by side, with ratios, and what sources report about them',
  input: z.object({ a: text().describe('chip id or name'), b: text().describe('chip id or name') }).strict(),
  output: z.object({
    a: z.string(),
    b: z.string(),
    rows: z.array(
      z.object({
        figure: z.string(),
        a: z.number().nullable(),
        b: z.number().nullable(),
        ratio: z.number().nullable(),
        unconfirmed: z.boolean(),
      }),
    ),
    sources: z.array(z.string()),
    reported: z.array(loose),
  }),
  args: ['a', 'b'],
  http: { method: 'GET' },
  examples: [{ a: 'Ascend 910C', b: 'H100' }],
  async run(deps, input) {
    const db = await deps.db();
    const chips = await loadChips(db);
    chipOf(chips, input.a, 'a');
    chipOf(chips, input.b, 'b');
    return compareReport(db, chips, input.a, input.b);
  },
  text: (o) =>
    o.rows
      .map(
        (r) =>
          `${r.figure}: ${fmt(r.a, 2)} vs ${fmt(r.b, 2)}${r.ratio === null ? '' : ` (×${r.ratio.toFixed(2)}${r.unconfirmed ? ', unconfirmed input' : ''})`}`,
      )
      .join('\n') +
    '\n' +
    o.reported
      .map((f) => `reported: ${String(f['statement'])} — ${String(f['status'])} (source ${String(f['source_id'])})`)
      .join('\n') +
    '\n',
  rows: (o) => o.rows,
});

const systemCheck = z.object({
  system: z.string(),
  name: z.string(),
  accelerator_chip: z.string().describe('the chip id, or "not in the chip table"'),
  chips_per_system: z.number(),
  figures: z.array(
    z.object({
      figure: z.string(),
      unit: z.string(),
      computed: z.number().nullable(),
      published: z.number().nullable(),
      ratio: z.number().nullable(),
      agrees: tri,
      note: z.string(),
    }),
  ),
  sources: z.array(z.string()),
});

export const chipsSystems = operation({
  name: 'chips.systems',
  facts: systemFactsOf,
  summary: 'System aggregates computed from chip counts and specs, reconciled with the published figures',
  input: z.object({}).strict(),
  output: z.object({
    systems: z.array(systemCheck),
    comparison: z.object({
      a: z.string().nullable(),
      b: z.string().nullable(),
      rows: z.array(
        z.object({
          figure: z.string(),
          computed_from_chips: z.number().nullable(),
          from_published_systems: z.number().nullable(),
          reported: z.number().nullable(),
        }),
      ),
      sources: z.array(z.string()),
    }),
    tolerance: z.number(),
  }),
  http: { method: 'GET', path: '/systems' },
  async run(deps) {
    const db = await deps.db();
    return systemsReport(db, await loadChips(db));
  },
  rows: (o) => o.systems.flatMap((s) => s.figures.map((f) => ({ system: s.system, ...f }))),
  text: (o) =>
    o.systems
      .map(
        (s) =>
          `${s.name}: ${s.chips_per_system} × ${s.accelerator_chip}\n` +
          formatTable(
            s.figures.map((f) => ({
              figure: f.figure,
              unit: f.unit,
              computed: fmt(f.computed, 1),
              published: fmt(f.published, 1),
              agrees: f.agrees === null ? '?' : f.agrees ? 'yes' : 'NO',
              note: f.note,
            })),
            70,
          ),
      )
      .join('\n'),
});

export const chipsMatch = operation({
  name: 'chips.match',
  summary: 'How many of a chip it takes to match a system on each published aggregate',
  input: z.object({ chip: text().describe('chip id or name'), system: text().describe('system id or name') }).strict(),
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
  args: ['chip', 'system'],
  http: { method: 'GET' },
  examples: [{ chip: 'H100', system: 'cloudmatrix' }],
  async run(deps, input) {
    const db = await deps.db();
    const chips = await loadChips(db);
    chipOf(chips, input.chip);
    try {
      return await matchSystem(db, chips, input.chip, input.system);
    } catch (err) {
      throw new NotFoundError('system', (err as Error).message);
    }
  },
  text: (o) =>
    `${o.chip} against ${o.system}\n${o.rows.map((r) => `${r.figure}: ${fmt(r.system_total, 1)} / ${fmt(r.per_chip, 4)} = ${r.chips_needed ?? '?'} chips`).join('\n')}\n`,
  rows: (o) => o.rows,
});

/** A reported figure of the reconciliation, as read and as answered. */
const reconcileRow = z.object({
  id: z.string(),
  subject: z.string(),
  metric: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  status: z.string(),
  statement: z.string(),
  details: z.string().nullable(),
  source_id: z.string(),
});

export const chipsReconcile = operation({
  name: 'chips.reconcile',
  facts: reportedFactsOf,
  summary:
    'Epoch AI figures against the fact sheet, Epoch\u2019s own TPP column, and the LAICS cross-check: agreements and disagreements',
  input: z.object({ disagreements_only: flag().optional() }).strict(),
  output: z.object({ rows: z.array(reconcileRow) }),
  http: { method: 'GET' },
  async run(deps, input) {
    const db = await deps.db();
    const out = await db.rows(
      reconcileRow,
      `SELECT id, subject, metric, value, unit, status, statement, details, source_id FROM reported_figures
       WHERE id LIKE 'epoch:%' OR id LIKE 'epoch-tpp:%' OR id LIKE 'laics:%' ORDER BY id`,
    );
    return { rows: input.disagreements_only ? out.filter((r) => /disagree/.test(r.status)) : out };
  },
  text: (o) => o.rows.map((r) => `${r.status}: ${r.statement}`).join('\n') + '\n',
  rows: (o) => o.rows,
});

export const chipsRules = operation({
  name: 'chips.rules',
  facts: ruleFactsOf,
  summary:
    'The export-control rules in the data: citation, published / effective / compliance / end dates, which date starts the licence requirement, scopes',
  input: z.object({ date: date().optional().describe('also give each rule\u2019s phase on this date') }).strict(),
  output: z.object({
    rules: z.array(
      z.object({
        rule: z.string(),
        title: z.string(),
        citation: z.string().nullable(),
        verification: z.string().nullable(),
        dates: loose,
        licence_from: z.string(),
        phase: z.string().nullable(),
        scopes: z.array(z.object({ classes: z.array(z.string()), to: z.string(), text: z.string() })),
        source: z.string(),
      }),
    ),
    destination_sets: z.array(z.object({ id: z.string(), text: z.string(), source: z.string() })),
    records: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          citation: z.string().nullable(),
          effective: z.string().nullable(),
          superseded_by: z.string().nullable(),
          rescinded: z.string().nullable(),
          verification: z.string().nullable(),
          source_ids: z.array(z.string()),
        }),
      )
      .describe('every rule record in the database, also those without classification logic (eCFR text, groups)'),
  }),
  http: { method: 'GET' },
  examples: [{}, { date: '2025-05-14' }],
  async run(deps, input) {
    const { ctx } = await context(deps);
    return {
      rules: ctx.logic.rules.map((l) => {
        const r = ctx.rules.find((x) => x.id === l.rule);
        return {
          rule: l.rule,
          title: r?.title ?? l.rule,
          citation: r?.citation ?? null,
          verification: r?.verification ?? null,
          dates: l.dates,
          licence_from: l.licence_from,
          phase: input.date ? dateStatus(l, input.date).text : null,
          source: l.source,
          scopes: l.licence.map((x) => ({
            classes: x.classes,
            to: x.to,
            text: ctx.logic.destination_sets[x.to]?.text ?? x.to,
          })),
        };
      }),
      destination_sets: Object.entries(ctx.logic.destination_sets).map(([id, e]) => ({
        id,
        text: e.text ?? id,
        source: e.source ?? '',
      })),
      records: ctx.rules.map(({ detail: _detail, ...r }) => r),
    };
  },
  text: (o) =>
    formatTable(
      o.rules.map((r) => ({
        rule: r.rule,
        citation: r.citation,
        published: r.dates['published'],
        effective: r.dates['effective'],
        compliance: r.dates['compliance'],
        ends: r.dates['ends'],
        'licence from': r.licence_from,
        ...(r.phase ? { phase: r.phase } : {}),
      })),
      60,
    ),
  rows: (o) =>
    o.rules.map((r) => ({
      ...r,
      dates: JSON.stringify(r.dates),
      scopes: r.scopes.map((x) => `${x.classes.join('/')}: ${x.text}`).join('; '),
    })),
});

export const chipsOps = [
  chipsList,
  chipsClassify,
  chipsStatus,
  chipsBom,
  chipsCompare,
  chipsSystems,
  chipsMatch,
  chipsReconcile,
  chipsRules,
];
