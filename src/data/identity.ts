/**
 * @module
 * Model identity across sources. Every source spells model names its own way (`deepseek-r1`,
 * `DeepSeek-R1`, `deepseek/deepseek-r1`, `deepseek-ai/DeepSeek-R1`); `modelKey` maps them to one key, and
 * `resolveKeys` merges the keys that still differ only by a date stamp that one source adds and another
 * omits (OpenRouter's `claude-4.6-sonnet-20260217` against Arena's `claude-sonnet-4-6`).
 */

/** Reasoning-effort settings Epoch appends with an underscore (`gpt-5_high`): the same model, another setting. */
const EFFORT_SUFFIX = /_(?:x?high|low|medium|max|minimal|none|thinking|nothink|default)(?:[_-]\w+)?$/;

/**
 * The identity key of a model name: lower case, no namespace, no routing variant (`:free`), dates as
 * YYYYMMDD, version dots as dashes, Claude 4+ names in Anthropic's family-first order.
 * @example modelKey('deepseek/deepseek-r1') === modelKey('DeepSeek-R1') // 'deepseek-r1'
 */
export function modelKey(raw: string): string {
  // Imports ask for the same names on every row; the key is a pure function of the name.
  let key = keys.get(raw);
  if (key === undefined) {
    if (keys.size >= 200_000) keys.clear();
    keys.set(raw, (key = computeKey(raw)));
  }
  return key;
}
const keys = new Map<string, string>();

function computeKey(raw: string): string {
  const ft = fineTuneBase(raw);
  if (ft !== null) return `ft-${modelKey(ft)}`;
  const code = codename(raw);
  const s = normalizeName(code ? code.name : raw);
  if (s !== '') return s;
  // Names that are nothing but a namespace or a variant ("x/", ":free") still need an identity.
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Rule: a fine-tune price key (`ft:gpt-3.5-turbo`) names the price of running one's own fine-tune of the
 * base, not the base model: it gets its own identity (`ft-…`) so it never merges into the base's prices.
 * @returns the base name, or null when `raw` is not a fine-tune key
 */
export function fineTuneBase(raw: string): string | null {
  const m = /^\s*ft:([^:]+)/i.exec(raw.normalize('NFKC'));
  return m ? (m[1] as string) : null;
}

/**
 * Rule: Arena lists anonymous pre-release entries as `codename (Real Name)` ("chocolate (Early Grok-3)"):
 * a single lower-case word, then the disclosed name in parentheses with a capital letter or a digit.
 * Identity follows the disclosed name; the codename marks the entry as preliminary (see isPreReleaseName).
 */
export function codename(raw: string): { codename: string; name: string } | null {
  const m = /^\s*([a-z]+)\s*\(([^()]*[A-Z0-9][^()]*)\)\s*$/.exec(raw.normalize('NFKC'));
  if (!m || DATE_IN_PARENS.test(`(${m[2]})`)) return null;
  return { codename: m[1] as string, name: (m[2] as string).trim() };
}

/** Words that mark a name as a pre-release build rather than a released model ("early-grok-3"). */
const PRE_RELEASE_WORD = /(?:^|[^a-z])(?:early|anonymous)(?:[^a-z]|$)/i;

/** Rule: a name is a pre-release entry when it is a codename or says so (`early-…`, `anonymous-…`). */
export function isPreReleaseName(raw: string): boolean {
  return codename(raw) !== null || PRE_RELEASE_WORD.test(raw);
}

/**
 * The vendor of a cloud-catalogue id (`us.anthropic.claude-…`, `ai21.j2-mid-v1`, `writer.palmyra-x4-v1:0`): the
 * dotted segment just before the model name, or null when the id has no such prefix.
 */
export function catalogueVendor(raw: string): string | null {
  const s = raw.slice(raw.lastIndexOf('/') + 1).toLowerCase();
  const m = /^(?:[a-z]{2}\.)?([a-z][a-z0-9-]*)\.[a-z]/.exec(s);
  return m ? (m[1] as string) : null;
}

/** `(08/06)`, `(06/20)`: a month/day stamp in parentheses (Arena display names), not a namespace. */
const DATE_IN_PARENS = /\((\d{1,2})\/(\d{1,2})\)/;

/**
 * Rule: the namespace is what precedes the last slash, unless that slash sits inside parentheses
 * (`GPT-4o (08/06)`) or is followed only by digits (`ViT-G/14`, `DiT-XL/2`: a size, part of the name).
 */
function stripNamespace(s: string): string {
  s = s.replace(DATE_IN_PARENS, (_m, a: string, b: string) => ` ${a.padStart(2, '0')}${b.padStart(2, '0')} `);
  const slash = s.lastIndexOf('/');
  if (slash === -1) return s;
  if (/^\d+(?:[\s)]|$)/.test(s.slice(slash + 1))) return s.replace(/\//g, '-');
  return s.slice(slash + 1);
}

function normalizeName(raw: string): string {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(EFFORT_SUFFIX, '');
  s = s.toLowerCase();
  s = stripNamespace(s);
  s = s.replace(/:[a-z0-9.\-]*$/, ''); // OpenRouter variants (:free, :thinking) and Bedrock revisions (:0)
  s = s.replace(/@/g, '-');
  s = s.replace(/[()[\]{},'"]/g, ' ');
  s = s.replace(/[\s_]+/g, '-');
  s = s.replace(/(\d{4})-(\d{2})-(\d{2})/g, '$1$2$3');
  s = s.replace(/(\d)\.(?=\d)/g, '$1-');
  // Cloud catalogues prefix the vendor with a dot (Bedrock: `us.anthropic.claude-…-v1`); version dots are gone by now.
  const dotted = /^(?:[a-z0-9-]+\.)+(?=[a-z])/.exec(s);
  if (dotted) {
    const rest = s.slice(dotted[0].length).replace(/-v\d+$/, '');
    const vendor = dotted[0].slice(0, -1).split('.').at(-1) as string;
    // Rule: a bare version after the vendor (`deepseek.v3`, `us.deepseek.r1`) keeps the vendor as its family;
    // a single word (`dots.ocr`) is a dotted model name, not a catalogue prefix.
    if (/^[vr]?\d/.test(rest)) s = `${vendor}-${rest}`;
    else if (/[-\d]/.test(rest)) s = rest;
  }
  s = s.replace(/[^a-z0-9+\-]/g, '-');
  s = s.replace(/-+/g, '-').replace(/^-|-$/g, '');
  s = s.replace(/^claude-(\d+)((?:-\d+)?)-(opus|sonnet|haiku)/, (m, major: string, minor: string, fam: string) =>
    Number(major) >= 4 ? `claude-${fam}-${major}${minor}` : m,
  );
  return s;
}

const DATE_STAMP = /-(20\d{6})$/;

const SHORT_YEAR_STAMP = /-2[3-9](?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;
const DEPLOYMENT_SUFFIX = /-maas$/;

/** Rule: a `-latest` key is a moving alias that pointed at several dated snapshots; none of them folds into it. */
const MOVING_ALIAS = /-latest$/;

/** A key that is no name at all: only digits, or a date fragment. The doctor rejects these. */
export function isFragmentKey(key: string): boolean {
  return /^[\d-]+$/.test(key) || /^(?:19|20)\d{6}$/.test(key);
}

/**
 * Merges keys that differ only by a trailing date stamp. A dated key seen in a single origin is folded into
 * its undated form when another origin knows the undated form; a dated key that several origins use is a
 * real snapshot name (`gpt-4o-20240513`) and is kept.
 * @param origins key → the set of origins (publishers) that use it
 * @returns key → resolved key, for every key given
 */
export function resolveKeys(origins: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string> {
  const out = new Map<string, string>();
  // Full date stamps by stem and MMDD, for the short-stamp rule below.
  const byShort = new Map<string, string[]>();
  for (const key of origins.keys()) {
    const m = DATE_STAMP.exec(key);
    if (!m) continue;
    const k = `${key.slice(0, m.index)}-${(m[1] as string).slice(4)}`;
    byShort.set(k, [...(byShort.get(k) ?? []), key]);
  }
  for (const [key, seenIn] of origins) {
    // Rule: a month/day stamp (`gpt-4o-0806`, from "GPT-4o (08/06)") is the unique full-dated key with that stem.
    const full = byShort.get(key);
    if (full?.length === 1) {
      out.set(key, full[0] as string);
      continue;
    }
    // Rule: a two-digit-year stamp (`-251201`, Volcengine) or a deployment label (`-maas`, Vertex) on a key
    // that exists without it is that model.
    const bare = key.replace(SHORT_YEAR_STAMP, '').replace(DEPLOYMENT_SUFFIX, '');
    if (bare !== key && origins.has(bare)) {
      out.set(key, bare);
      continue;
    }
    let resolved = key;
    const m = DATE_STAMP.exec(key);
    if (m && seenIn.size === 1) {
      const undated = key.slice(0, m.index);
      const other = origins.get(undated);
      if (other && !MOVING_ALIAS.test(undated) && [...other].some((o) => !seenIn.has(o))) resolved = undated;
    }
    out.set(key, resolved);
  }
  return out;
}
