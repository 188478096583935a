/**
 * @module
 * Curated translations of data titles (events, rules, chip notes) from data/curated/translations.json,
 * with their own provenance. A translation is used only while its recorded English matches the data's
 * current text; otherwise the English is shown (marked lang="en").
 */
import { readCurated, translationsFile, type Translation } from '../data/curated.ts';
import { toHant, type Lang } from './i18n.ts';

export type Section = 'events' | 'rules' | 'chip_notes' | 'metrics';

export interface Translations {
  provenance: string;
  /** The text in the language, and whether it is a translation (false: the English original). */
  text(section: Section, id: string, english: string, lang: Lang): { text: string; translated: boolean };
}

export function loadTranslations(path: string): Translations {
  const data = readCurated(path, translationsFile);
  // Some reads (the timeline) carry no id: those are matched on their English text.
  const byEnglish = new Map<string, Translation>();
  for (const sec of [data.events, data.rules, data.chip_notes, data.metrics])
    for (const e of Object.values(sec)) byEnglish.set(e.en, e);
  return {
    provenance: data.provenance,
    text(section, id, english, lang) {
      const e = data[section][id] ?? byEnglish.get(english);
      if (lang === 'en' || !e || e.en !== english) return { text: english, translated: lang === 'en' };
      return { text: lang === 'zh-Hans' ? e['zh-Hans'] : (e['zh-Hant'] ?? toHant(e['zh-Hans'])), translated: true };
    },
  };
}
