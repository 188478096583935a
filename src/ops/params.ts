/**
 * @module
 * Parameter types shared by every operation. Both edges hand over strings (CLI flags, query parameters);
 * booleans may also arrive as a bare CLI flag (`true`). Each helper validates once, with one message, so
 * the CLI and the API reject the same input with the same words.
 */
import { z } from 'zod';
import { isIsoDate } from '../util/dates.ts';

/** A calendar date YYYY-MM-DD between 1990 and 2100 (the range any of our data could cover). */
export const date = () =>
  z
    .string()
    .refine(isIsoDate, 'must be a real date YYYY-MM-DD')
    .refine((s) => s >= '1990-01-01' && s <= '2100-12-31', 'must be between 1990-01-01 and 2100-12-31')
    .meta({ format: 'date' });

/** A whole number from `min` to `max`, written in decimal digits. */
export const int = (min: number, max: number) =>
  z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      const s = String(v).trim();
      const n = Number(s);
      if (!/^-?\d{1,12}$/.test(s) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    })
    .meta({ type: 'integer', minimum: min, maximum: max });

/** A decimal number, optionally bounded. */
export const num = (min = -Infinity, max = Infinity) =>
  z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      const s = String(v).trim();
      const n = Number(s);
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) || !Number.isFinite(n) || n < min || n > max) {
        const range = Number.isFinite(min) || Number.isFinite(max) ? ` from ${min} to ${max}` : '';
        ctx.addIssue({ code: 'custom', message: `must be a number${range}` });
        return z.NEVER;
      }
      return n;
    })
    .meta({ type: 'number' });

const FLAG = Symbol.for('airace.flag');

/** A yes/no switch: a bare `--flag` on the CLI, `true|false|1|0` on the API. */
export const flag = () => {
  const s = z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .meta({ type: 'boolean' });
  (s as unknown as Record<symbol, boolean>)[FLAG] = true;
  return s;
};

export function isFlag(schema: unknown): boolean {
  return (schema as Record<symbol, boolean> | undefined)?.[FLAG] === true;
}

/** A two-letter country or bloc code (US, CN, EU …), upper-cased. */
export const code = () =>
  z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country or bloc code')
    .transform((s) => s.toUpperCase());

/** A comma-separated list of two-letter codes. */
export const codes = () =>
  z
    .string()
    .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/, 'must be codes such as US,CN,EU')
    .transform((s) => s.toUpperCase().split(','));

/** A bounded free-text value (ids, names, searches). */
export const text = (max = 200) => z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** One of a fixed list of words. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });
