/**
 * @module
 * Country attribution: the one table that maps organizations (and through them models) to countries.
 * Curated entries (data/curated/organizations.json) come first and carry names in English, 简体 and 繁體;
 * organizations seen only in the data are added with the country their source gives.
 */
import { readFileSync } from 'node:fs';
import type { Row } from './schema.ts';

export type Organization = Row<'organizations'>;

/** The source row of the curated attribution table. */
export const CURATED_SOURCE: Row<'sources'> = {
  id: 'airace-curated-organizations', title: 'airace curated organization attribution (names in English, 简体, 繁體; headquarters country)',
  publisher: 'airace project', url: 'repo:data/curated/organizations.json', published: null, retrieved: '2026-11-23', license: 'Apache-2.0',
  notes: 'Country is where the organization is headquartered. Curated entries take precedence over the country a dataset gives.',
};


interface CuratedRecord {
  id: string;
  name_en: string;
  name_zh_hans: string | null;
  name_zh_hant: string | null;
  aliases: string[];
  hf_orgs: string[];
  model_prefixes: string[];
  country: string;
  type: Organization['type'];
  website: string | null;
}

/** EU member states; `EU` itself stands for an EU body or an EU lab of unknown member state. */
export const EU_MEMBERS = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'EU']);

/** The bloc a country belongs to for race views: US, CN, EU, or the country itself. */
export function blocOf(country: string): string {
  return EU_MEMBERS.has(country) ? 'EU' : country;
}

/** Epoch AI's country names → codes. `UK` is used for the United Kingdom, as the project's issues do. */
const COUNTRY_NAMES: Record<string, string> = {
  'united states of america': 'US', 'united states': 'US', usa: 'US', us: 'US',
  china: 'CN', "people's republic of china": 'CN', 'hong kong': 'HK', taiwan: 'TW', macau: 'MO',
  'united kingdom of great britain and northern ireland': 'UK', 'united kingdom': 'UK', uk: 'UK',
  france: 'FR', germany: 'DE', italy: 'IT', spain: 'ES', netherlands: 'NL', sweden: 'SE', finland: 'FI',
  denmark: 'DK', ireland: 'IE', belgium: 'BE', austria: 'AT', poland: 'PL', portugal: 'PT', czechia: 'CZ',
  'czech republic': 'CZ', greece: 'GR', hungary: 'HU', romania: 'RO', luxembourg: 'LU', estonia: 'EE',
  switzerland: 'CH', norway: 'NO', israel: 'IL', 'korea (republic of)': 'KR', 'south korea': 'KR', korea: 'KR',
  japan: 'JP', canada: 'CA', india: 'IN', 'united arab emirates': 'AE', uae: 'AE', singapore: 'SG',
  'saudi arabia': 'SA', russia: 'RU', 'russian federation': 'RU', australia: 'AU', brazil: 'BR', turkey: 'TR',
  'türkiye': 'TR', vietnam: 'VN', 'viet nam': 'VN', iran: 'IR', 'iran (islamic republic of)': 'IR',
  multinational: 'other', eu: 'EU', 'european union': 'EU',
};

/** Maps a country name or list ("United States of America,France") to a code and the full list it came from. */
export function countryFromName(name: string | null | undefined): { code: string; note: string | null } | null {
  if (!name) return null;
  const parts = [...new Set(name.split(',').map((p) => p.trim()).filter(Boolean))];
  const codes = [...new Set(parts.map((p) => COUNTRY_NAMES[p.toLowerCase()] ?? 'unknown'))];
  const first = codes[0];
  if (first === undefined) return null;
  return { code: first, note: codes.length > 1 ? `several countries given: ${parts.join('; ')}` : null };
}

/** Interconnects' ATOM regions → codes. `eu` without a member state becomes `EU`. */
export function countryFromRegion(region: string): string {
  return ({ us: 'US', china: 'CN', eu: 'EU', other: 'other' } as Record<string, string>)[region.trim().toLowerCase()] ?? 'unknown';
}

/** Folds a name for alias lookup: width, case, spaces and punctuation do not matter. */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\-_.,·'’()]+/g, '');
}

export function slugOf(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-|-$/g, '') || 'unnamed';
}

/** The attribution table under construction: curated entries plus organizations observed in the data. */
export class Attribution {
  readonly orgs = new Map<string, Organization>();
  private readonly byName = new Map<string, string>();
  private readonly byHf = new Map<string, string>();
  private readonly prefixes: { prefix: string; org: string }[] = [];
  private prefixesSorted = true;

  static fromCurated(path: string, sourceId: string): Attribution {
    const a = new Attribution();
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { records: CuratedRecord[] };
    for (const r of doc.records) {
      a.add({
        id: r.id, name_en: r.name_en, name_zh_hans: r.name_zh_hans, name_zh_hant: r.name_zh_hant,
        aliases: r.aliases, hf_orgs: r.hf_orgs, model_prefixes: r.model_prefixes, country: r.country,
        country_note: null, type: r.type, source_id: sourceId,
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
    for (const p of org.model_prefixes) this.prefixes.push({ prefix: p.toLowerCase().replace(/(\d)\.(?=\d)/g, '$1-'), org: org.id });
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
    for (const { prefix, org } of this.prefixes) {
      if (!key.startsWith(prefix)) continue;
      const next = key.charAt(prefix.length);
      if (prefix.endsWith('-') || next === '' || !/[a-z]/.test(next)) return this.orgs.get(org);
    }
    return undefined;
  }

  /**
   * Resolves an organization name seen in a source; if it is new, records it with the country that source
   * gives (or `unknown`). Multi-organization strings ("Google DeepMind,Google") resolve by their first name.
   */
  observe(name: string, country: { code: string; note: string | null } | null, sourceId: string, hfOrg?: string): Organization {
    const first = name.split(',')[0]?.trim() ?? name;
    const known = this.lookup(name) ?? this.lookup(first) ?? (hfOrg ? this.byHfOrg(hfOrg) : undefined) ?? this.byHfOrg(first);
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
      id, name_en: first, name_zh_hans: null, name_zh_hant: null,
      aliases: first === name ? [] : [name], hf_orgs: hfOrg ? [hfOrg] : [], model_prefixes: [],
      country: country?.code ?? 'unknown', country_note: country?.note ?? null, type: 'other', source_id: sourceId,
    };
    this.add(org);
    return org;
  }
}
