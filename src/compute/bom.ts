/**
 * @module
 * A bill of materials for one destination and date: each line (chip × quantity) classified under every rule
 * that applies, and the lines' total TPP against the AI Diffusion per-country caps (data: the tier sets and
 * the cap criteria of the rule) where the destination's tier has them.
 */
import { parse } from 'csv-parse/sync';
import { findChip, worlds, type Chip } from './chips.ts';
import { classify, classifyUnder, overall, type Classification, type Context } from './classify.ts';
import type { Destination } from './destinations.ts';
import { dateStatus, inSet, type Tri } from './rules.ts';

export interface BomLine {
  chip: string;
  quantity: number;
}

/** Parses `chip,quantity` CSV (with a header) or a JSON array of {chip, quantity}; errors name the line. */
export function parseBom(text: string): BomLine[] {
  const s = text.trim();
  if (!s) throw new Error('the bill of materials is empty');
  let rows: Record<string, unknown>[];
  if (s.startsWith('[') || s.startsWith('{')) {
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (err) {
      throw new Error(`not valid JSON (${(err as Error).message})`);
    }
    const list = Array.isArray(v) ? v : (v as { lines?: unknown }).lines;
    if (!Array.isArray(list)) throw new Error('expected a JSON array of {chip, quantity} or {"lines": [...]}');
    rows = list as Record<string, unknown>[];
  } else {
    rows = parse(s, {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as Record<string, unknown>[];
  }
  if (rows.length === 0) throw new Error('the bill of materials has no lines');
  if (rows.length > 10000) throw new Error('at most 10,000 lines');
  return rows.map((r, i) => {
    const chip = typeof r['chip'] === 'string' ? r['chip'].trim() : '';
    const q = Number(r['quantity']);
    if (!chip) throw new Error(`line ${i + 1}: chip is missing`);
    if (!Number.isInteger(q) || q < 1 || q > 1e9)
      throw new Error(`line ${i + 1}: quantity must be a whole number from 1 to 1000000000`);
    return { chip, quantity: q };
  });
}

export interface BomResult {
  destination: string;
  date: string;
  tier: string | null;
  lines: {
    line: number;
    chip: string;
    chip_id: string;
    quantity: number;
    tpp: number | null;
    tpp_total: number | null;
    license_required: Tri;
    required_by: string[];
    open_under: string[];
    summary: string;
    results: Classification[];
  }[];
  totals: {
    quantity: number;
    tpp: number;
    tpp_unknown_lines: number;
    lines_needing_licence: number;
    lines_open: number;
  };
  caps: {
    rule: string;
    tier: string;
    criterion: string;
    per: string;
    cap_tpp: number | null;
    counted_tpp: number;
    share: number | null;
    exceeds: boolean | null;
    binding: Tri;
    note: string;
  }[];
}

export function bom(
  ctx: Context,
  chips: readonly Chip[],
  lines: readonly BomLine[],
  dest: Destination,
  date: string,
): BomResult {
  const tiers = ctx.logic.tiers;
  const sc = {
    sets: ctx.logic.destination_sets,
    groups: ctx.groups,
    ruleDetail: (id: string) => ctx.rules.find((r) => r.id === id)?.detail,
  };
  const tier = tiers.order.find((t) => inSet(sc, t, dest.name, date)) ?? null;
  const tierRule = ctx.rules.find((r) => r.id === tiers.rule);
  const tierLogic = ctx.logic.rules.find((l) => l.rule === tiers.rule);
  let counted = 0;
  let uncounted = 0;
  const out: BomResult['lines'] = lines.map((l, i) => {
    let chip: Chip;
    try {
      chip = findChip(chips, l.chip);
    } catch (err) {
      throw new Error(`line ${i + 1}: ${(err as Error).message}`);
    }
    const results = classify(ctx, chip, { date, destination: dest });
    const o = overall(results);
    const tpp = worlds(chip)[0]?.tpp ?? null;
    // The caps count the TPP of items the tier rule controls.
    const control = tierRule ? classifyUnder(ctx, tierRule, chip, date, dest).controlled : false;
    if (tpp !== null && control === true) counted += tpp * l.quantity;
    else if (control === null || (control === true && tpp === null)) uncounted++;
    const first =
      results.find((r) => r.license_required === true) ??
      results.find((r) => r.license_required === null) ??
      results[0];
    return {
      line: i + 1,
      chip: chip.name,
      chip_id: chip.id,
      quantity: l.quantity,
      tpp,
      tpp_total: tpp === null ? null : tpp * l.quantity,
      license_required: o.license_required,
      required_by: o.by,
      open_under: o.open,
      summary: first?.summary ?? '',
      results,
    };
  });
  const caps: BomResult['caps'] = [];
  if (tierLogic && tier) {
    const st = dateStatus(tierLogic, date);
    const criteria = tierRule?.detail.criteria ?? [];
    for (const c of tiers.caps.filter((x) => x.tier === tier)) {
      const v = criteria.find((x) => x['id'] === c.criterion)?.['value'];
      const cap = typeof v === 'number' ? v : null;
      caps.push({
        rule: tiers.rule,
        tier,
        criterion: c.criterion,
        per: c.per,
        cap_tpp: cap,
        counted_tpp: counted,
        share: cap ? counted / cap : null,
        exceeds: cap === null ? null : counted > cap,
        binding: st.binding,
        note:
          `${st.text}; ${String(criteria.find((x) => x['id'] === c.criterion)?.['verification'] ?? '')}` +
          (uncounted ? `; ${uncounted} line(s) whose control or TPP is open are not counted` : ''),
      });
    }
    if (tier === tiers.denial_tier)
      caps.push({
        rule: tiers.rule,
        tier,
        criterion: 'tier3',
        per: 'destination',
        cap_tpp: null,
        counted_tpp: counted,
        share: null,
        exceeds: null,
        binding: st.binding,
        note: tiers.tier3_note,
      });
  }
  const tppKnown = out.filter((l) => l.tpp_total !== null);
  return {
    destination: dest.code,
    date,
    tier,
    lines: out,
    caps,
    totals: {
      quantity: out.reduce((a, l) => a + l.quantity, 0),
      tpp: tppKnown.reduce((a, l) => a + (l.tpp_total ?? 0), 0),
      tpp_unknown_lines: out.length - tppKnown.length,
      lines_needing_licence: out.filter((l) => l.license_required === true).length,
      lines_open: out.filter((l) => l.license_required === null).length,
    },
  };
}
