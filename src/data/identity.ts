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
  const s = normalizeName(raw);
  if (s !== '') return s;
  // Names that are nothing but a namespace or a variant ("x/", ":free") still need an identity.
  return raw.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function normalizeName(raw: string): string {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(EFFORT_SUFFIX, '');
  s = s.toLowerCase();
  const slash = s.lastIndexOf('/');
  if (slash !== -1) s = s.slice(slash + 1);
  s = s.replace(/:[a-z0-9.\-]*$/, ''); // OpenRouter variants (:free, :thinking) and Bedrock revisions (:0)
  s = s.replace(/@/g, '-');
  s = s.replace(/[()[\]{},'"]/g, ' ');
  s = s.replace(/[\s_]+/g, '-');
  s = s.replace(/(\d{4})-(\d{2})-(\d{2})/g, '$1$2$3');
  s = s.replace(/(\d)\.(?=\d)/g, '$1-');
  // Cloud catalogues prefix the vendor with a dot (Bedrock: `us.anthropic.claude-…-v1`); version dots are gone by now.
  const dotted = /^(?:[a-z0-9-]+\.)+(?=[a-z])/.exec(s);
  if (dotted) s = s.slice(dotted[0].length).replace(/-v\d+$/, '');
  s = s.replace(/[^a-z0-9+\-]/g, '-');
  s = s.replace(/-+/g, '-').replace(/^-|-$/g, '');
  s = s.replace(/^claude-(\d+)((?:-\d+)?)-(opus|sonnet|haiku)/, (m, major: string, minor: string, fam: string) =>
    Number(major) >= 4 ? `claude-${fam}-${major}${minor}` : m,
  );
  return s;
}

const DATE_STAMP = /-(20\d{6})$/;

/**
 * Merges keys that differ only by a trailing date stamp. A dated key seen in a single origin is folded into
 * its undated form when another origin knows the undated form; a dated key that several origins use is a
 * real snapshot name (`gpt-4o-20240513`) and is kept.
 * @param origins key → the set of origins (publishers) that use it
 * @returns key → resolved key, for every key given
 */
export function resolveKeys(origins: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, seenIn] of origins) {
    let resolved = key;
    const m = DATE_STAMP.exec(key);
    if (m && seenIn.size === 1) {
      const undated = key.slice(0, m.index);
      const other = origins.get(undated);
      if (other && [...other].some((o) => !seenIn.has(o))) resolved = undated;
    }
    out.set(key, resolved);
  }
  return out;
}
