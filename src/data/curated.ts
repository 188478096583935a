/**
 * @module
 * The curated files of `data/curated/` as zod schemas: the shape each reader relies on, checked by a test
 * over the committed files and used where a file is read, so a hand edit that breaks a file fails loudly
 * instead of reaching a cast.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { organizations } from './schema.ts';

/** A day, or a month where the source gives only the month. */
const dayOrMonth = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date YYYY-MM-DD or a month YYYY-MM');
const country = z.string().regex(/^([A-Z]{2}|INTL|other|unknown)$/, 'must be a country code');

export const fxFile = z.object({
  note: z.string().optional(),
  source: z.object({ title: z.string(), url: z.string(), confidence: z.string() }),
  rates: z.array(
    z.object({ currency: z.string().regex(/^[A-Z]{3}$/), usd_per_unit: z.number().positive(), as_of: dayOrMonth }),
  ),
});

export const organizationsFile = z.object({
  note: z.string().optional(),
  license: z.string().optional(),
  records: z.array(
    z.looseObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
      name_en: z.string().min(1),
      // Null where no Chinese name is in use: the pages then show the English one as a proper name.
      name_zh_hans: z.string().min(1).nullable(),
      name_zh_hant: z.string().min(1).nullable(),
      country,
      type: organizations.shape.type,
      aliases: z.array(z.string()).default([]),
      hf_orgs: z.array(z.string()).default([]),
      model_prefixes: z.array(z.string()).default([]),
    }),
  ),
});

export const entitiesFile = z.object({
  note: z.string().optional(),
  records: z.array(
    z.looseObject({
      id: z.string().min(1),
      kind: z.enum(['organization', 'model', 'chip', 'system', 'program', 'event', 'country']),
      names: z.array(z.string()).min(1),
      country: country.nullable(),
      facts: z.array(z.string()).default([]),
      parent: z.string().optional(),
      built_of: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
});

export const modelOverridesFile = z.object({
  note: z.string().optional(),
  license: z.string().optional(),
  records: z.array(
    z.object({ from: z.string().min(1), to: z.string().min(1), note: z.string().min(1), source: z.string().min(1) }),
  ),
});

/** A chip of a dataset that is the fact sheet's chip though the names differ, and why. */
const chipIdentity = z.object({ fact_id: z.string(), name: z.string(), why: z.string() });
export const chipIdentityFile = z.looseObject({
  note: z.string().optional(),
  source: z.string().optional(),
  epoch_ml_hardware: z.array(chipIdentity),
  areuther_ai_accelerators: z.array(chipIdentity),
});

const translation = z.object({ en: z.string(), 'zh-Hans': z.string(), 'zh-Hant': z.string().optional() });
export type Translation = z.output<typeof translation>;
export const translationsFile = z.looseObject({
  provenance: z.string().min(1),
  source_id: z.string().min(1),
  events: z.record(z.string(), translation),
  rules: z.record(z.string(), translation),
  chip_notes: z.record(z.string(), translation),
  metrics: z.record(z.string(), translation).default({}),
});

export const exportControlsFile = z.looseObject({
  note: z.string().optional(),
  destination_sets: z.record(z.string(), z.looseObject({ text: z.string(), source: z.string() })),
});

/** Each curated file and its schema. */
export const CURATED_FILES = {
  'fx.json': fxFile,
  'organizations.json': organizationsFile,
  'entities.json': entitiesFile,
  'model-overrides.json': modelOverridesFile,
  'chip_identity.json': chipIdentityFile,
  'translations.json': translationsFile,
  'export_controls.json': exportControlsFile,
} as const;

/** Reads a curated file through its schema; a broken file is one line naming the file and the field. */
export function readCurated<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const r = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
