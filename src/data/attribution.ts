/**
 * @module
 * Country attribution: the one table that maps organizations (and through them models) to countries.
 * Curated entries (data/curated/organizations.json) come first and carry names in English, 简体 and 繁體;
 * organizations seen only in the data are added with the country their source gives.
 */
import { organizationsFile, readCurated } from './curated.ts';
import type { Row } from './schema.ts';

export type Organization = Row<'organizations'>;

/** The source row of the curated attribution table. */
export const CURATED_SOURCE: Row<'sources'> = {
  id: 'airace-curated-organizations',
  title: 'airace curated organization attribution (names in English, 简体, 繁體; headquarters country)',
  publisher: 'airace project',
  url: 'repo:data/curated/organizations.json',
  published: null,
  retrieved: '2026-11-23',
  license: 'Apache-2.0',
  notes:
    'Country is where the organization is headquartered. Curated entries take precedence over the country a dataset gives.',
};

/** EU member states; `EU` itself stands for an EU body or an EU lab of unknown member state. */
export const EU_MEMBERS = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'EU',
]);

/** The bloc a country belongs to for race views: US, CN, EU, or the country itself. */
export function blocOf(country: string): string {
  return EU_MEMBERS.has(country) ? 'EU' : country;
}

/** Epoch AI's country names → codes. `UK` is used for the United Kingdom, as the project's issues do. */
const COUNTRY_NAMES: Record<string, string> = {
  'united states of america': 'US',
  'united states': 'US',
  usa: 'US',
  us: 'US',
  china: 'CN',
  "people's republic of china": 'CN',
  'hong kong': 'HK',
  taiwan: 'TW',
  macau: 'MO',
  'united kingdom of great britain and northern ireland': 'UK',
  'united kingdom': 'UK',
  uk: 'UK',
  france: 'FR',
  germany: 'DE',
  italy: 'IT',
  spain: 'ES',
  netherlands: 'NL',
  sweden: 'SE',
  finland: 'FI',
  denmark: 'DK',
  ireland: 'IE',
  belgium: 'BE',
  austria: 'AT',
  poland: 'PL',
  portugal: 'PT',
  czechia: 'CZ',
  'czech republic': 'CZ',
  greece: 'GR',
  hungary: 'HU',
  romania: 'RO',
  luxembourg: 'LU',
  estonia: 'EE',
  switzerland: 'CH',
  norway: 'NO',
  israel: 'IL',
  'korea (republic of)': 'KR',
  'south korea': 'KR',
  korea: 'KR',
  japan: 'JP',
  canada: 'CA',
  india: 'IN',
  'united arab emirates': 'AE',
  uae: 'AE',
  singapore: 'SG',
  'saudi arabia': 'SA',
  russia: 'RU',
  'russian federation': 'RU',
  australia: 'AU',
  brazil: 'BR',
  turkey: 'TR',
  türkiye: 'TR',
  vietnam: 'VN',
  'viet nam': 'VN',
  iran: 'IR',
  'iran (islamic republic of)': 'IR',
  multinational: 'other',
  eu: 'EU',
  'european union': 'EU',
};

/** Maps a country name or list ("United States of America,France") to a code and the full list it came from. */
export function countryFromName(name: string | null | undefined): { code: string; note: string | null } | null {
  if (!name) return null;
  const parts = [
    ...new Set(
      name
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
  const codes = [...new Set(parts.map((p) => COUNTRY_NAMES[p.toLowerCase()] ?? 'unknown'))];
  const first = codes[0];
  if (first === undefined) return null;
  return { code: first, note: codes.length > 1 ? `several countries given: ${parts.join('; ')}` : null };
}

/** Interconnects' ATOM regions → codes. `eu` without a member state becomes `EU`. */
export function countryFromRegion(region: string): string {
  return (
    ({ us: 'US', china: 'CN', eu: 'EU', other: 'other' } as Record<string, string>)[region.trim().toLowerCase()] ??
    'unknown'
  );
}

/** Folds a name for alias lookup: width, case, spaces and punctuation do not matter. */
export function foldName(name: string): string {
  // `~` is OpenRouter's prefix for its moving-alias ids (`~anthropic/claude-…-latest`): the same organization.
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,·'’()~]+/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** A name matched to a curated organization by spelling distance, for review in the import report. */
export interface FuzzyMatch {
  observed: string;
  organization: string;
  matched_name: string;
  distance: number;
  source_id: string;
}

export function slugOf(name: string): string {
  return (
    name
      .replace(/^~/, '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
      .replace(/^-|-$/g, '') || 'unnamed'
  );
}

/** The attribution table under construction: curated entries plus organizations observed in the data. */
export class Attribution {
  readonly orgs = new Map<string, Organization>();
  private readonly byName = new Map<string, string>();
  private readonly byHf = new Map<string, string>();
  private readonly prefixes: { prefix: string; org: string }[] = [];
  private prefixesSorted = true;
  /** Names resolved by spelling distance (typos such as `Aliaba`): listed in the import report for review. */
  readonly fuzzy: FuzzyMatch[] = [];

  /** The source id of curated entries: only they are candidates for spelling-distance matches. */
  private curatedSource: string | null = null;

  static fromCurated(path: string, sourceId: string): Attribution {
    const a = new Attribution();
    a.curatedSource = sourceId;
    for (const r of readCurated(path, organizationsFile).records) {
      a.add({
        id: r.id,
        name_en: r.name_en,
        name_zh_hans: r.name_zh_hans,
        name_zh_hant: r.name_zh_hant,
        aliases: r.aliases,
        hf_orgs: r.hf_orgs,
        model_prefixes: r.model_prefixes,
        country: r.country,
        country_note: null,
        type: r.type,
        source_id: sourceId,
      });
    }
    return a;
  }

  add(org: Organization): void {
    this.orgs.set(org.id, org);
    for (const n of [org.id, org.name_en, org.name_zh_hans, org.name_zh_hant, ...org.aliases]) {
      if (n && !this.byName.has(foldName(n))) this.byName.set(foldName(n), org.id);
    }
    for (const h of org.hf_orgs) this.byHf.set(h.toLowerCase(), org.id);
    // Prefixes are matched against model keys, where version dots are dashes (llama-3.1 → llama-3-1).
    for (const p of org.model_prefixes)
      this.prefixes.push({ prefix: p.toLowerCase().replace(/(\d)\.(?=\d)/g, '$1-'), org: org.id });
    this.prefixesSorted = false;
  }

  /** The organization a name or alias refers to, in any script. */
  lookup(name: string | null | undefined): Organization | undefined {
    if (!name) return undefined;
    const id = this.byName.get(foldName(name));
    return id === undefined ? undefined : this.orgs.get(id);
  }

  /** The organization behind a Hugging Face namespace (`deepseek-ai`). */
  byHfOrg(namespace: string): Organization | undefined {
    const id = this.byHf.get(namespace.toLowerCase()) ?? this.byName.get(foldName(namespace));
    return id === undefined ? undefined : this.orgs.get(id);
  }

  /** The organization whose model family prefix starts a model key (`qwen2-5-72b` → alibaba). */
  byModelKey(key: string): Organization | undefined {
    if (!this.prefixesSorted) {
      // Longest prefix first, so `llama-3-1-nemotron` (Nvidia) wins over `llama` (Meta).
      this.prefixes.sort((x, y) => y.prefix.length - x.prefix.length);
      this.prefixesSorted = true;
    }
    const match = (k: string) => {
      for (const { prefix, org } of this.prefixes) {
        if (!k.startsWith(prefix)) continue;
        const next = k.charAt(prefix.length);
        if (prefix.endsWith('-') || next === '' || !/[a-z]/.test(next)) return this.orgs.get(org);
      }
      return undefined;
    };
    const direct = match(key);
    if (direct) return direct;
    // Rule: resellers glue their own or the maker's name in front (`databricks-claude-…`, `openai-gpt-5-mini`,
    // `meta-textgeneration-llama-2-7b`): up to two leading words are dropped and the family looked up again.
    let rest = key;
    for (let i = 0; i < 2; i++) {
      const dash = rest.indexOf('-');
      if (dash <= 0) return undefined;
      rest = rest.slice(dash + 1);
      const hit = match(rest);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * The curated organization whose name or alias is within one edit of `name` (two for names of 12+ letters):
   * catches typos such as `Aliaba`. Only curated entries are candidates, and only an unambiguous nearest one.
   */
  nearestCurated(
    name: string,
    curatedSource: string,
  ): { org: Organization; matched: string; distance: number } | undefined {
    const f = foldName(name);
    if (f.length < 5) return undefined;
    const max = f.length >= 12 ? 2 : 1;
    let best: { org: Organization; matched: string; distance: number } | undefined;
    let tie = false;
    for (const org of this.orgs.values()) {
      if (org.source_id !== curatedSource) continue;
      for (const n of [org.name_en, ...org.aliases]) {
        const g = foldName(n);
        if (g.length < 5) continue;
        const d = editDistance(f, g, max);
        if (d > max) continue;
        if (!best || d < best.distance) {
          best = { org, matched: n, distance: d };
          tie = false;
        } else if (d === best.distance && best.org.id !== org.id) tie = true;
      }
    }
    return tie ? undefined : best;
  }

  /**
   * Resolves an organization name seen in a source; if it is new, records it with the country that source
   * gives (or `unknown`). Multi-organization strings ("Google DeepMind,Google") resolve by their first name.
   */
  observe(
    name: string,
    country: { code: string; note: string | null } | null,
    sourceId: string,
    hfOrg?: string,
  ): Organization {
    const first = (name.split(',')[0]?.trim() ?? name).replace(/^~/, '');
    let known =
      this.lookup(name) ?? this.lookup(first) ?? (hfOrg ? this.byHfOrg(hfOrg) : undefined) ?? this.byHfOrg(first);
    if (!known && this.curatedSource) {
      const near = this.nearestCurated(first, this.curatedSource);
      if (near) {
        known = near.org;
        this.fuzzy.push({
          observed: first,
          organization: near.org.id,
          matched_name: near.matched,
          distance: near.distance,
          source_id: sourceId,
        });
        // Later sightings of the same spelling resolve directly.
        this.byName.set(foldName(first), near.org.id);
      }
    }
    if (known) {
      if (known.country === 'unknown' && country && country.code !== 'unknown') {
        known.country = country.code;
        known.country_note = country.note;
      }
      if (hfOrg && !known.hf_orgs.includes(hfOrg)) {
        known.hf_orgs.push(hfOrg);
        this.byHf.set(hfOrg.toLowerCase(), known.id);
      }
      return known;
    }
    let id = slugOf(first);
    while (this.orgs.has(id)) id = `${id}-2`;
    const org: Organization = {
      id,
      name_en: first,
      name_zh_hans: null,
      name_zh_hant: null,
      aliases: first === name ? [] : [name],
      hf_orgs: hfOrg ? [hfOrg] : [],
      model_prefixes: [],
      country: country?.code ?? 'unknown',
      country_note: country?.note ?? null,
      type: 'other',
      source_id: sourceId,
    };
    this.add(org);
    return org;
  }
}
