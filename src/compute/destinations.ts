/**
 * @module
 * Destinations for export-control questions: ISO 3166-1 alpha-2 codes (or names) mapped to the names the
 * EAR's Country Group lists use, and group membership from the compiled lists.
 */

/** ISO code → the name used in the Country Group lists of 15 CFR 740 Supp. 1. */
export const EAR_NAMES: Record<string, string> = {
  AF: 'Afghanistan',
  AL: 'Albania',
  AR: 'Argentina',
  AM: 'Armenia',
  AU: 'Australia',
  AT: 'Austria',
  AZ: 'Azerbaijan',
  BH: 'Bahrain',
  BY: 'Belarus',
  BE: 'Belgium',
  BG: 'Bulgaria',
  MM: 'Burma',
  KH: 'Cambodia',
  CA: 'Canada',
  CF: 'Central African Republic',
  CN: 'China (PRC)',
  CD: 'Congo (Democratic Republic of)',
  HR: 'Croatia',
  CU: 'Cuba',
  CY: 'Cyprus',
  CZ: 'Czech Republic',
  DK: 'Denmark',
  EG: 'Egypt',
  ER: 'Eritrea',
  EE: 'Estonia',
  FI: 'Finland',
  FR: 'France',
  GE: 'Georgia',
  DE: 'Germany',
  GR: 'Greece',
  HT: 'Haiti',
  HU: 'Hungary',
  IS: 'Iceland',
  IN: 'India',
  IR: 'Iran',
  IQ: 'Iraq',
  IE: 'Ireland',
  IL: 'Israel',
  IT: 'Italy',
  JP: 'Japan',
  JO: 'Jordan',
  KZ: 'Kazakhstan',
  KP: 'Korea, North',
  KR: 'Korea, South',
  KW: 'Kuwait',
  KG: 'Kyrgyzstan',
  LA: 'Laos',
  LV: 'Latvia',
  LB: 'Lebanon',
  LY: 'Libya',
  LT: 'Lithuania',
  LU: 'Luxembourg',
  MO: 'Macau',
  MT: 'Malta',
  MX: 'Mexico',
  MD: 'Moldova',
  MN: 'Mongolia',
  NL: 'Netherlands',
  NZ: 'New Zealand',
  NI: 'Nicaragua',
  NO: 'Norway',
  OM: 'Oman',
  PK: 'Pakistan',
  PL: 'Poland',
  PT: 'Portugal',
  QA: 'Qatar',
  RO: 'Romania',
  RU: 'Russia',
  SA: 'Saudi Arabia',
  SG: 'Singapore',
  SK: 'Slovakia',
  SI: 'Slovenia',
  SO: 'Somalia',
  ZA: 'South Africa',
  SS: 'South Sudan, Republic of',
  ES: 'Spain',
  SD: 'Sudan',
  SE: 'Sweden',
  CH: 'Switzerland',
  SY: 'Syria',
  TW: 'Taiwan',
  TJ: 'Tajikistan',
  TM: 'Turkmenistan',
  TR: 'Türkiye',
  AE: 'United Arab Emirates',
  GB: 'United Kingdom',
  UK: 'United Kingdom',
  UZ: 'Uzbekistan',
  VE: 'Venezuela',
  VN: 'Vietnam',
  YE: 'Yemen',
  ZW: 'Zimbabwe',
  US: 'United States',
  HK: 'Hong Kong',
  MY: 'Malaysia',
  TH: 'Thailand',
  ID: 'Indonesia',
  PH: 'Philippines',
  BR: 'Brazil',
  NG: 'Nigeria',
  KE: 'Kenya',
  CL: 'Chile',
  CO: 'Colombia',
  PE: 'Peru',
};

export interface Destination {
  code: string;
  name: string;
}

/** Parses a destination given as an ISO code (CN, MO, AE …) or an EAR name ("China (PRC)"). */
export function parseDestination(input: string): Destination {
  const s = input.trim();
  const code = s.toUpperCase();
  if (EAR_NAMES[code]) return { code: code === 'UK' ? 'GB' : code, name: EAR_NAMES[code] as string };
  const byName = Object.entries(EAR_NAMES).find(
    ([, n]) => n.toLowerCase() === s.toLowerCase() || n.toLowerCase().replace(/ \(.*\)$/, '') === s.toLowerCase(),
  );
  if (byName) return { code: byName[0], name: byName[1] };
  throw new Error(`unknown destination "${input}": give an ISO 3166 code such as CN, MO, AE or US`);
}

export type CountryGroups = Record<string, string[]>;

export function inGroup(groups: CountryGroups, group: string, d: Destination): boolean {
  return (groups[group] ?? []).includes(d.name);
}
