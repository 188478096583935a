/**
 * @module
 * The JSON columns: what `detail_json` holds in `rules`, `events` and `systems` (each source record kept
 * verbatim by the import, src/data/import/facts.ts). The schemas type the keys readers use and keep every
 * other key (loose objects), so a record with more fields still reads; a key of the wrong shape fails the
 * read naming the column (db.rows with jsonText) instead of reaching a cast.
 */
import { z } from 'zod';

/** Where a criterion takes its value from: a chip's field, or a path inside another rule's detail. */
const valueFrom = z.looseObject({
  chip: z.string().optional(),
  field: z.string().optional(),
  rule: z.string().optional(),
  path: z.string().optional(),
});

/**
 * A criterion of a rule, as the rule text is written: a threshold (`param op value`), or a combination of
 * criteria (`all`, `all_of`, `any_of`, `when`), with the paragraph and text it comes from.
 */
export const ruleCriterion = z.looseObject({
  id: z.string().optional(),
  paragraph: z.string().optional(),
  logic: z.string().optional(),
  param: z.string().optional(),
  op: z.string().optional(),
  value: z.unknown().optional(),
  value_from: valueFrom.optional(),
  get all(): z.ZodOptional<z.ZodArray<typeof ruleCriterion>> {
    return z.array(ruleCriterion).optional();
  },
  get all_of(): z.ZodOptional<z.ZodArray<typeof ruleCriterion>> {
    return z.array(ruleCriterion).optional();
  },
  get any_of(): z.ZodOptional<z.ZodArray<typeof ruleCriterion>> {
    return z.array(ruleCriterion).optional();
  },
  get when(): z.ZodOptional<z.ZodArray<typeof ruleCriterion>> {
    return z.array(ruleCriterion).optional();
  },
  excludes: z.array(z.string()).optional(),
  applies_only_if_not: z.string().optional(),
  text: z.string().optional(),
});
export type RuleCriterion = z.output<typeof ruleCriterion>;

/** Country groups of 15 CFR 740 Supp. 1: each group's destinations, with the extract's source and date. */
export const countryGroups = z.looseObject({ as_of: z.string().optional() });

/** A rule's record: its criteria, and (the country-groups record) the groups. */
export const ruleDetail = z.looseObject({
  criteria: z.array(ruleCriterion).optional(),
  country_groups: countryGroups.optional(),
});
export type RuleDetail = z.output<typeof ruleDetail>;

/** An event's record: its category, amount breakdown, signatories and other details as the sheet gives them. */
export const eventDetail = z.looseObject({
  category: z.string().optional(),
  amount: z
    .looseObject({ value: z.number().nullable().optional(), currency: z.string().optional() })
    .nullable()
    .optional(),
  /** `<party>_signed: boolean` for declarations, with counts as reported. */
  signatories: z.record(z.string(), z.unknown()).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type EventDetail = z.output<typeof eventDetail>;

/** A system's record as the fact sheet gives it, notes included. */
export const systemDetail = z.looseObject({
  id: z.string(),
  name: z.string(),
  accelerator: z.string(),
  chips_per_system: z.number(),
});
export type SystemDetail = z.output<typeof systemDetail>;
