/**
 * @module
 * Reading an operation's input schema: its keys, which are flags, which are required, their descriptions.
 */
import type { z } from 'zod';
import { isFlag } from './params.ts';

export interface Field {
  key: string;
  description: string;
  required: boolean;
  flag: boolean;
  default?: unknown;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
}

const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The fields of a zod object schema, unwrapping optional and default. */
export function fieldsOf(schema: z.ZodType): Field[] {
  const shape = defOf(schema).shape ?? {};
  return Object.entries(shape).map(([key, s]) => {
    let inner: z.ZodType = s;
    let required = true;
    let dflt: unknown;
    const description = s.description ?? '';
    for (;;) {
      const d = defOf(inner);
      if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') {
        required = false;
        if (d.type === 'default')
          dflt = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
        inner = d.innerType as z.ZodType;
        continue;
      }
      break;
    }
    return { key, description: description || inner.description || '', required, flag: isFlag(inner), default: dflt };
  });
}

export const kebab = (key: string) => key.replace(/_/g, '-');
export const commandWords = (name: string) => name.split('.');
/** `chips.classify` → `/api/v1/chips/classify`, unless the operation names its path. */
export const apiPath = (op: { name: string; http?: { path?: string } }) =>
  `/api/v1${op.http?.path ?? `/${commandWords(op.name).join('/')}`}`;
