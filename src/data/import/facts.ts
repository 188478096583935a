/**
 * @module
 * The sourced fact sheets (`facts/`): chips, systems, export-control rules, events, and the eCFR text of
 * ECCN 3A090. Every record cites its own sources; each cited URL becomes a row of `sources`, and the
 * record's `source_id` is its first citation (all are kept in `source_ids`). Confidence flags are carried.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Row } from '../schema.ts';
import {
  at,
  emptyOutput,
  part,
  readJson,
  toDate,
  toInt,
  toNumber,
  type ImportOutput,
  type Importer,
} from './common.ts';

interface Cited {
  title?: string;
  url?: string;
  date?: string | null;
}

const SHEET_DATE = '2026-11-01';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'unknown';
  }
}

/** Registers each citation as a source (deduplicated by URL) and returns their ids. */
function cite(out: ImportOutput, seen: Map<string, string>, cited: Cited[] | undefined, fallback: string): string[] {
  const ids: string[] = [];
  for (const c of cited ?? []) {
    if (!c.url || !/^https?:\/\//.test(c.url)) continue;
    let id = seen.get(c.url);
    if (!id) {
      id = `web-${createHash('sha1').update(c.url).digest('hex').slice(0, 10)}`;
      seen.set(c.url, id);
      const published = toDate(c.date ?? null);
      out.sources.push({
        id,
        title: c.title?.trim() || c.url,
        publisher: hostOf(c.url),
        url: c.url,
        published,
        retrieved: SHEET_DATE,
        license: 'facts cited with attribution (publisher\u2019s terms)',
        notes: null,
      });
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids.length ? ids : [fallback];
}

function sheetSource(out: ImportOutput, name: string, title: string, notes: string): string {
  const id = `facts-${name}`;
  out.sources.push({
    id,
    title,
    publisher: 'airace fact sheets (compiled from the sources cited per record)',
    url: `repo:shared/data/facts/${name}.json`,
    published: null,
    retrieved: SHEET_DATE,
    license: 'CC BY 4.0 (compilation); cited facts with attribution',
    notes,
  });
  return id;
}

interface ChipRecord {
  id: string;
  name: string;
  vendor: string;
  country: string;
  release_year?: number | null;
  architecture?: string | null;
  process?: string | null;
  fp64_tflops?: number | null;
  bf16_dense_tflops?: number | null;
  fp16_dense_tflops?: number | null;
  fp8_dense_tflops?: number | null;
  fp4_dense_tflops?: number | null;
  int8_dense_tops?: number | null;
  memory_gb?: number | null;
  memory_type?: string | null;
  memory_bandwidth_tbps?: number | null;
  interconnect_gbps_bidirectional?: number | null;
  interconnect_name?: string | null;
  tdp_w?: number | null;
  die_area_mm2?: number | null;
  transistors_billion?: number | null;
  notes?: string | null;
  sources?: Cited[];
  confidence: string;
  unconfirmed_fields?: string[];
  datacenter?: boolean;
}

/** Consumer parts are named as such by their vendors (GeForce, RTX); the sheets list datacenter parts otherwise. */
function isDatacenter(r: ChipRecord): boolean {
  if (typeof r.datacenter === 'boolean') return r.datacenter;
  return !/geforce|\brtx\s?\d{4}|radeon rx/i.test(r.name);
}

const vendorOrg: Record<string, string> = {
  nvidia: 'nvidia',
  huawei: 'huawei',
  amd: 'amd',
  cambricon: 'cambricon',
  intel: 'intel',
  google: 'google',
};

export const facts: Importer = {
  name: 'facts',
  origin: 'facts',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const seen = new Map<string, string>();

    const chipSheet = sheetSource(
      out,
      'chips',
      'Chip specifications fact sheet',
      'Dense (no sparsity) throughput; values flagged unconfirmed are listed per chip.',
    );
    const chipDoc = readJson(at(dir, 'chips.json')) as { records: ChipRecord[] };
    // The rules sheet's worked examples give some die areas the chip sheet lacks (flagged unconfirmed there):
    // use them, keep them marked unconfirmed, and cite the rules sheet.
    const examples =
      (
        readJson(at(dir, 'export_rules.json')) as {
          chip_examples?: { chip: string; die_area_mm2?: number; die_verification?: string }[];
        }
      ).chip_examples ?? [];
    const fold = (x: string) =>
      x
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const filledDies: string[] = [];
    const chipRows: Row<'chips'>[] = chipDoc.records.map((r) => {
      const ids = cite(out, seen, r.sources, chipSheet);
      const example =
        r.die_area_mm2 == null
          ? examples.find((e) => typeof e.die_area_mm2 === 'number' && fold(e.chip) === fold(r.name))
          : undefined;
      if (example) {
        r.die_area_mm2 = example.die_area_mm2 ?? null;
        r.unconfirmed_fields = [...new Set([...(r.unconfirmed_fields ?? []), 'die_area_mm2'])];
        r.notes =
          `${r.notes ?? ''} Die area ${example.die_area_mm2} mm² from the export-rules sheet's worked example (${example.die_verification ?? 'unconfirmed'}).`.trim();
        ids.push('facts-export_rules');
        filledDies.push(r.id);
      }
      return {
        id: r.id,
        name: r.name,
        vendor: r.vendor,
        organization_id: vendorOrg[r.vendor.toLowerCase()] ?? null,
        country: r.country,
        release_year: toInt(r.release_year ?? null),
        architecture: r.architecture ?? null,
        process: r.process ?? null,
        fp64_tflops: toNumber(r.fp64_tflops),
        bf16_dense_tflops: toNumber(r.bf16_dense_tflops),
        fp16_dense_tflops: toNumber(r.fp16_dense_tflops),
        fp8_dense_tflops: toNumber(r.fp8_dense_tflops),
        fp4_dense_tflops: toNumber(r.fp4_dense_tflops),
        int8_dense_tops: toNumber(r.int8_dense_tops),
        memory_gb: toNumber(r.memory_gb),
        memory_type: r.memory_type ?? null,
        memory_bandwidth_tbps: toNumber(r.memory_bandwidth_tbps),
        interconnect_gbps_bidirectional: toNumber(r.interconnect_gbps_bidirectional),
        interconnect_name: r.interconnect_name ?? null,
        tdp_w: toNumber(r.tdp_w),
        die_area_mm2: toNumber(r.die_area_mm2),
        transistors_billion: toNumber(r.transistors_billion),
        datacenter: isDatacenter(r),
        confidence: r.confidence,
        ...bf16FromFp16(r),
        source_ids: ids,
        source_id: ids[0] as string,
      };
    });
    out.parts.push(
      part(
        'chips',
        'facts-chips',
        'Accelerator chip specifications',
        chipSheet,
        chipRows,
        `datacenter is true unless the part is named as a consumer part (GeForce / RTX / Radeon RX). Die areas from the export-rules sheet's worked examples (unconfirmed): ${filledDies.join(', ') || 'none'}.`,
      ),
    );

    const sysSheet = sheetSource(
      out,
      'systems',
      'AI systems fact sheet (CloudMatrix 384, GB200 NVL72)',
      'Published system aggregates with the comparison and claim checks as compiled.',
    );
    const sysDoc = readJson(at(dir, 'systems.json')) as {
      records: (Record<string, unknown> & { sources?: Cited[] })[];
      comparison?: unknown;
      claim_checks?: unknown;
    };
    const sysRows: Row<'systems'>[] = sysDoc.records.map((r) => {
      const ids = cite(out, seen, r.sources, sysSheet);
      const n = (k: string) => toNumber(r[k] as number | null | undefined);
      return {
        id: String(r['id']),
        name: String(r['name']),
        vendor: String(r['vendor']),
        country: String(r['country']),
        year: toInt(r['year'] as number | null),
        accelerator: String(r['accelerator']),
        chips_per_system: toInt(r['chips_per_system'] as number) ?? 0,
        bf16_dense_pflops: n('bf16_dense_pflops'),
        hbm_capacity_tb: n('hbm_capacity_tb'),
        hbm_bandwidth_tbps: n('hbm_bandwidth_tbps'),
        scale_up_bandwidth_tbps: n('scale_up_bandwidth_tbps'),
        power_kw: n('power_kw'),
        confidence: String(r['confidence'] ?? 'unconfirmed'),
        unconfirmed_fields: (r['unconfirmed_fields'] as string[] | undefined) ?? [],
        detail_json: JSON.stringify(r),
        source_ids: ids,
        source_id: ids[0] as string,
      };
    });
    // The sheet's published comparison and claim checks are reported figures: attributed, not specifications.
    const figures: Row<'reported_figures'>[] = [];
    const cmp = sysDoc.comparison as
      | {
          id: string;
          basis: string;
          ratios_cm384_over_nvl72?: Record<string, number>;
          per_chip?: Record<string, Record<string, number>>;
          sources?: Cited[];
          confidence?: string;
        }
      | undefined;
    if (cmp) {
      const ids = cite(out, seen, cmp.sources, sysSheet);
      for (const [metric, value] of Object.entries(cmp.ratios_cm384_over_nvl72 ?? {})) {
        figures.push({
          id: `${cmp.id}:${metric}`,
          subject: 'huawei-cloudmatrix-384',
          versus: 'nvidia-gb200-nvl72',
          metric,
          value,
          unit: 'ratio',
          statement: `CloudMatrix 384 / GB200 NVL72 ${metric.replace(/_/g, ' ')} = ${value}`,
          status: `published comparison (${cmp.basis})`,
          details: null,
          date: '2025-04-16',
          source_ids: ids,
          source_id: ids[0] as string,
        });
      }
      for (const [chip, specs] of Object.entries(cmp.per_chip ?? {})) {
        for (const [metric, value] of Object.entries(specs)) {
          figures.push({
            id: `${cmp.id}:per_chip:${chip}:${metric}`,
            subject: chip,
            versus: null,
            metric,
            value,
            unit: metric.endsWith('tflops') ? 'TFLOPS' : metric.endsWith('gb') ? 'GB' : 'TB/s',
            statement: `${chip.replace(/_/g, ' ')} ${metric.replace(/_/g, ' ')} = ${value}, as used in the published comparison`,
            status: `per-chip figure of the published comparison (${cmp.basis})`,
            details: null,
            date: '2025-04-16',
            source_ids: ids,
            source_id: ids[0] as string,
          });
        }
      }
    }
    for (const c of (sysDoc.claim_checks ?? []) as {
      id: string;
      claim: string;
      verdict: string;
      details?: string;
      sources?: Cited[];
    }[]) {
      const ids = cite(out, seen, c.sources, sysSheet);
      const pct = /(\d+(?:\.\d+)?)%/.exec(c.claim);
      const date = (c.sources ?? []).map((x) => x.date).find((d): d is string => !!d) ?? null;
      figures.push({
        id: c.id,
        subject: /ascend\s*910c/i.test(c.claim) ? 'huawei-ascend-910c' : c.id,
        versus: /h100/i.test(c.claim) ? 'nvidia-h100-sxm' : null,
        metric: /inference/i.test(c.claim) ? 'inference_performance' : 'performance',
        value: pct ? Number(pct[1]) / 100 : null,
        unit: 'ratio',
        statement: c.claim,
        status: c.verdict,
        details: c.details ?? null,
        date,
        source_ids: ids,
        source_id: ids[0] as string,
      });
    }
    out.parts.push(
      part(
        'systems',
        'facts-systems',
        'AI accelerator systems',
        sysSheet,
        sysRows,
        'detail_json holds each record verbatim. The sheet\u2019s published comparison and claim checks are in reported_figures.',
      ),
    );
    out.parts.push(
      part(
        'reported_figures',
        'facts-systems-reported',
        'Published system comparisons and attributed chip claims',
        sysSheet,
        figures,
        'Attributed statements, not specifications: each keeps the status its source sheet gives (e.g. "reported, not independently verified").',
      ),
    );

    const ruleSheet = sheetSource(
      out,
      'export_rules',
      'Export-control rules as data (3A090, HBM, AI Diffusion, guidance)',
      'Verification status recorded per rule.',
    );
    const ruleDoc = readJson(at(dir, 'export_rules.json')) as {
      rules: (Record<string, unknown> & { sources?: Cited[] })[];
      country_groups?: unknown;
      chip_examples?: unknown;
    };
    const ruleRows: Row<'rules'>[] = ruleDoc.rules.map((r) => {
      const ids = cite(out, seen, r.sources, ruleSheet);
      const effective = String(r['effective'] ?? '');
      const published = String(r['published'] ?? '');
      return {
        id: String(r['id']),
        title: String(r['title']),
        citation: (r['citation'] as string | null) ?? null,
        published: toDate(published),
        effective: toDate(effective),
        effective_note: effective.length > 10 ? effective : null,
        superseded_by: (r['superseded_by'] as string | null) ?? null,
        rescinded: (r['rescinded'] as string | null) ?? null,
        verification: (r['verification'] as string | null) ?? null,
        detail_json: JSON.stringify(r),
        source_ids: ids,
        source_id: ids[0] as string,
      };
    });
    const ecfr = readJson(at(dir, 'ecfr_3A090_2026-07-23.json')) as {
      source: { url: string };
      ecfrIssueDate: string;
      note: string;
    };
    const ecfrId = 'ecfr-3a090-2026-07-23';
    out.sources.push({
      id: ecfrId,
      title: 'eCFR 15 CFR 774 Supp. 1, ECCN 3A090 (issue 2026-07-23)',
      publisher: 'Office of the Federal Register (eCFR)',
      url: ecfr.source.url,
      published: toDate(ecfr.ecfrIssueDate),
      retrieved: '2026-07-31',
      license: 'public domain (US government work)',
      notes: ecfr.note,
    });
    ruleRows.push({
      id: 'ECCN-3A090-eCFR-2026-07-23',
      title: 'ECCN 3A090 as in force on 2026-07-23 (eCFR text)',
      citation: '15 CFR 774 Supp. 1, ECCN 3A090',
      published: toDate(ecfr.ecfrIssueDate),
      effective: toDate(ecfr.ecfrIssueDate),
      effective_note: 'text as of the eCFR issue date, not a new rule',
      superseded_by: null,
      rescinded: null,
      verification: 'primary-extract (machine extraction of eCFR XML)',
      detail_json: JSON.stringify(ecfr),
      source_ids: [ecfrId],
      source_id: ecfrId,
    });
    ruleRows.push({
      id: 'country-groups-2026-07-23',
      title: 'Country Groups (15 CFR 740 Supp. 1) and worked chip examples, as compiled',
      citation: '15 CFR 740 Supp. 1',
      published: null,
      effective: '2026-07-23',
      effective_note: 'membership verified for 2026-07-23 only; earlier membership unconfirmed',
      superseded_by: null,
      rescinded: null,
      verification: 'primary-extract for 2026-07-23 only',
      detail_json: JSON.stringify({ country_groups: ruleDoc.country_groups, chip_examples: ruleDoc.chip_examples }),
      source_ids: [ruleSheet],
      source_id: ruleSheet,
    });
    out.parts.push(
      part(
        'rules',
        'facts-export-rules',
        'Export-control rules, country groups and the eCFR text of 3A090',
        ruleSheet,
        ruleRows,
        'detail_json keeps each rule verbatim (criteria, scope, exceptions); dates that the sheet gives with notes are kept in effective_note.',
      ),
    );

    const evSheet = sheetSource(
      out,
      'events',
      'Policy, investment and industry events fact sheet',
      'Events without a date or source are kept and flagged.',
    );
    const evDoc = readJson(at(dir, 'events.json')) as { records: (Record<string, unknown> & { sources?: Cited[] })[] };
    const toEvent =
      (sheet: string) =>
      (r: Record<string, unknown> & { sources?: Cited[] }): Row<'events'> => {
        const ids = cite(out, seen, r.sources, sheet);
        const amount = r['amount'] as { value?: number; currency?: string } | null | undefined;
        const parties = r['parties'] as Record<string, unknown> | undefined;
        const actors = new Set<string>();
        for (const v of Object.values(parties ?? {}))
          for (const a of Array.isArray(v) ? v : [v]) if (typeof a === 'string') actors.add(a);
        // Rule: a date the source gives only to the month ("2025-04", date_precision "month") is dated to the 1st, flagged.
        const raw = String(r['date'] ?? '');
        const monthOnly = /^\d{4}-\d{2}$/.test(raw);
        const date = monthOnly ? toDate(`${raw}-01`) : toDate(raw);
        const flags = [
          date ? null : 'no date given',
          monthOnly ? `date given to the month only (${raw}): shown on the 1st` : null,
          (r['sources'] as unknown[] | undefined)?.length ? null : 'no source given',
        ].filter(Boolean);
        return {
          id: String(r['id']),
          date,
          kind: String(r['category']),
          country: String(r['country']),
          title: String(r['title']),
          actors: [...actors],
          amount: toNumber(amount?.value ?? null),
          currency: amount?.currency ?? null,
          description: [r['notes'], ...flags].filter((x) => typeof x === 'string' && x).join(' | ') || null,
          confidence: String(r['confidence'] ?? 'unconfirmed'),
          detail_json: JSON.stringify(r),
          source_ids: ids,
          source_id: ids[0] as string,
        };
      };
    const evRows = evDoc.records.map(toEvent(evSheet));
    out.parts.push(part('events', 'facts-events', 'Policy, investment and industry events', evSheet, evRows));
    // More dated, sourced events in the same shape; an id already in events.json keeps the main sheet's record.
    const extraPath = at(dir, 'events-extra.json');
    if (existsSync(extraPath)) {
      const extraSheet = sheetSource(
        out,
        'events-extra',
        'More dated, sourced events (export rules, Chinese countermeasures, a traffic crossover)',
        'Confidence per record: "confirmed" = a law-firm, policy-tracker or mainstream news page read directly; "reported" = reposts or aggregators. See events-extra.PROVENANCE.md.',
      );
      const known = new Set(evRows.map((e) => e.id));
      const extra = (readJson(extraPath) as { records: (Record<string, unknown> & { sources?: Cited[] })[] }).records;
      const extraRows = extra.filter((r) => !known.has(String(r['id']))).map(toEvent(extraSheet));
      out.skipped.push({
        dataset: 'facts-events-extra',
        reason: 'id already in events.json (the main sheet is kept)',
        count: extra.length - extraRows.length,
      });
      out.parts.push(
        part(
          'events',
          'facts-events-extra',
          'More policy and industry events (events-extra.json)',
          extraSheet,
          extraRows,
          'Merged into the events timeline with each record\u2019s confidence flag; month-only dates are shown on the 1st and flagged.',
        ),
      );
    }
    return out;
  },
};

/**
 * Rule: a BF16 figure equal to the FP16 one, on a sheet whose notes cite FP16 and never BF16, is the FP16 figure
 * copied over: the BF16 field is kept (it is what the sheet says) but flagged unconfirmed, with a note.
 */
export function bf16FromFp16(r: {
  bf16_dense_tflops?: number | null;
  fp16_dense_tflops?: number | null;
  notes?: string | null;
  unconfirmed_fields?: string[];
}): { unconfirmed_fields: string[]; notes: string | null } {
  const fields = r.unconfirmed_fields ?? [];
  const notes = r.notes ?? null;
  const copied =
    typeof r.bf16_dense_tflops === 'number' &&
    r.bf16_dense_tflops === r.fp16_dense_tflops &&
    /\bFP16\b/.test(notes ?? '') &&
    !/\bBF16\b/.test(notes ?? '');
  if (!copied || fields.includes('bf16_dense_tflops')) return { unconfirmed_fields: fields, notes };
  return {
    unconfirmed_fields: [...fields, 'bf16_dense_tflops'],
    notes: `${notes ?? ''} BF16 equals the FP16 figure and the sources cited give FP16 only: BF16 unconfirmed.`.trim(),
  };
}
