/**
 * @module
 * Entity linking for the claims engine: every name and alias of the organizations, chips, systems and
 * curated programs, events and places, in every script, matched in the normalised text. Names are indexed
 * by their first character, so one pass over the text finds every mention; ASCII names must stand as words.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../store/db.ts';
import { normalizeForMatching, type Stop } from './text.ts';
import { acceleratorOf, loadChips } from '../compute/index.ts';

export type EntityKind = 'organization' | 'model' | 'chip' | 'system' | 'program' | 'event' | 'country';

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  country: string | null;
  /** Fact-sheet records about this entity (events, reported figures), for checking. */
  facts: string[];
  /** The organization behind a model or chip. */
  parent?: string | null;
  /** For a system: the chip it is built of, so a chip count next to that chip's name is about the system. */
  builtOf?: string | null;
}

export interface Mention {
  entity: string;
  start: number;
  end: number;
  text: string;
}

interface Alias {
  key: string;
  entity: Entity;
  ascii: boolean;
  /** An acronym as written ("US", "PRC"): matched with its case, so the word "us" is not the country. */
  exact?: string;
}

/** Names too short or too common to link by themselves. */
const STOP = new Set(['ai', 'hf', 'yi', 'eu', 'seed', 'arena', 'spark', 'o1', 'o3', 'glm', 'step', 'zai', 'kimi']);

const pairKey = (s: string, i: number) => (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) || 0);
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

export class EntityIndex {
  readonly entities = new Map<string, Entity>();
  /** Aliases by their first two characters (as one number), longest first. */
  private readonly byFirst = new Map<number, Alias[]>();

  add(entity: Entity, names: readonly (string | null | undefined)[], allowShort = false): void {
    this.entities.set(entity.id, entity);
    for (const n of names) {
      if (!n) continue;
      const key = normalizeForMatching(n.normalize('NFKC')).toLowerCase().trim();
      if (key.length < 2 || (!allowShort && STOP.has(key))) continue;
      const ascii = /^[\x20-\x7e]+$/.test(key);
      const acronym = /^[A-Z.]{2,5}$/.test(n.trim()) ? normalizeForMatching(n.trim()) : undefined;
      const first = pairKey(key, 0);
      const list = this.byFirst.get(first) ?? [];
      if (!list.some((a) => a.key === key && a.exact === acronym))
        list.push({ key, entity, ascii, ...(acronym ? { exact: acronym } : {}) });
      this.byFirst.set(first, list);
    }
  }

  /** Longest names first, so "Hunyuan 3D" wins over "Hunyuan". */
  seal(): void {
    for (const [k, list] of this.byFirst) {
      list.sort((a, b) => b.key.length - a.key.length);
      if (list.every((a) => a.ascii)) this.asciiOnly.add(k);
    }
  }

  private readonly asciiOnly = new Set<number>();

  /** Every mention in the normalised text, non-overlapping, longest match first. */
  find(norm: string, signal?: Stop): Mention[] {
    // ASCII-only lower case keeps every offset ("İ".toLowerCase() is two code units).
    const lower = norm.replace(/[A-Z]+/g, (x) => x.toLowerCase());
    const out: Mention[] = [];
    for (let i = 0, n = 0; i < lower.length; n++) {
      if ((n & 0xffff) === 0) signal?.throwIfAborted();
      // Inside an ASCII word no ASCII name can start.
      if (
        isWordChar(lower.charCodeAt(i)) &&
        i > 0 &&
        isWordChar(lower.charCodeAt(i - 1)) &&
        this.asciiOnly.has(pairKey(lower, i))
      ) {
        i++;
        continue;
      }
      const list = this.byFirst.get(pairKey(lower, i));
      let hit: Alias | undefined;
      if (list) {
        for (const a of list) {
          if (!lower.startsWith(a.key, i)) continue;
          if (a.exact !== undefined && !norm.startsWith(a.exact, i)) continue;
          if (a.ascii) {
            const before = lower[i - 1] ?? ' ';
            const after = lower[i + a.key.length] ?? ' ';
            if (/[a-z0-9]/.test(before) || /[a-z]/.test(after) || (/[0-9]/.test(after) && /[0-9]$/.test(a.key)))
              continue;
          }
          hit = a;
          break;
        }
      }
      if (hit) {
        out.push({ entity: hit.entity.id, start: i, end: i + hit.key.length, text: norm.slice(i, i + hit.key.length) });
        i += hit.key.length;
      } else i++;
    }
    return out;
  }
}

/** Builds the index from the database and data/curated/entities.json. */
export async function loadEntities(db: Db, curatedPath: string): Promise<EntityIndex> {
  const idx = new EntityIndex();
  // Governments are linked as their country (the curated places), so "欧盟" is the EU wherever it appears.
  for (const o of await db.all(
    `SELECT id, name_en, name_zh_hans, name_zh_hant, aliases, country FROM organizations WHERE type <> 'government'`,
  )) {
    idx.add(
      {
        id: String(o['id']),
        kind: 'organization',
        name: String(o['name_en']),
        country: String(o['country']),
        facts: [],
      },
      [
        o['name_en'] as string,
        o['name_zh_hans'] as string,
        o['name_zh_hant'] as string,
        ...((o['aliases'] as string[]) ?? []),
      ],
    );
  }
  const chips = await db.all('SELECT id, name, country, organization_id, source_id FROM chips');
  // "NVIDIA H100 SXM5 80GB" is written "H100", "Nvidia H100"; "Huawei Ascend 910C" as "昇腾910C", "Ascend 910C".
  const coreOf = (name: string) => /\b([A-Z]{1,3}\d{2,4}[A-Z]?|MI\d{3}X?|MLU\d{3}|\d{3}[BC])\b/.exec(name)?.[1];
  // A short name several chips share (H100: SXM, PCIe, NVL) names the hand-sourced fact-sheet chip when there
  // is exactly one; otherwise it names none of them rather than a guess.
  const byCore = new Map<string, Record<string, unknown>[]>();
  for (const c of chips) {
    const core = coreOf(String(c['name']));
    if (core) byCore.set(core, [...(byCore.get(core) ?? []), c]);
  }
  const owner = (core: string): unknown => {
    const all = byCore.get(core) ?? [];
    if (all.length === 1) return all[0]?.['id'];
    const curated = all.filter((c) => c['source_id'] !== 'epoch-ml-hardware');
    return curated.length === 1 ? curated[0]?.['id'] : undefined;
  };
  for (const c of chips) {
    const name = String(c['name']);
    const found = coreOf(name);
    const core = found && owner(found) === c['id'] ? found : undefined;
    const names = [name, String(c['id'])];
    if (core) {
      names.push(core, `Nvidia ${core}`, `英伟达 ${core}`, `英伟达${core}`);
      if (/ascend/i.test(name))
        names.push(`Ascend ${core}`, `昇腾${core}`, `升腾${core}`, `昇腾 ${core}`, `升腾 ${core}`, `Ascend${core}`);
    }
    idx.add(
      {
        id: String(c['id']),
        kind: 'chip',
        name,
        country: String(c['country']),
        facts: [],
        parent: (c['organization_id'] as string | null) ?? null,
      },
      names,
    );
  }
  const allChips = await loadChips(db);
  for (const s of await db.all('SELECT id, name, country, accelerator FROM systems')) {
    const name = String(s['name']).replace(/\s*\(.*\)$/, '');
    const names = [name, String(s['id'])];
    if (/cloudmatrix/i.test(name)) names.push('CloudMatrix 384', 'CloudMatrix384', 'CM384', 'CloudMatrix');
    if (/nvl72/i.test(name)) names.push('GB200 NVL72', 'NVL72', 'GB200');
    const builtOf = acceleratorOf(allChips, String(s['accelerator'] ?? ''))?.id ?? null;
    idx.add({ id: String(s['id']), kind: 'system', name, country: String(s['country']), facts: [], builtOf }, names);
  }
  const curated = JSON.parse(readFileSync(curatedPath, 'utf8')) as {
    records: { id: string; kind: EntityKind; names: string[]; country: string | null; facts: string[] }[];
  };
  for (const r of curated.records)
    idx.add(
      { id: r.id, kind: r.kind, name: r.names[0] ?? r.id, country: r.country, facts: r.facts },
      r.names,
      r.kind === 'country',
    );
  // Models by their own names where they are distinctive (a dash or digit in the name: DeepSeek-R1, Qwen3).
  for (const m of await db.all(
    `SELECT m.id, m.name, m.aliases, m.organization_id, o.country FROM models m LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.organization_id IS NOT NULL AND length(m.name) >= 5`,
  )) {
    const name = String(m['name']);
    if (!/\d/.test(name) && !/-/.test(name)) continue;
    // Written with spaces or dashes alike: "DeepSeek-V3" is "DeepSeek V3", "kimi-k2" is "Kimi K2".
    const names = [
      name,
      name.replace(/-/g, ' '),
      ...((m['aliases'] as string[] | null) ?? []).filter((a) => !a.includes('/') && /\d/.test(a) && a.length >= 5),
    ];
    idx.add(
      {
        id: `model:${m['id']}`,
        kind: 'model',
        name,
        country: (m['country'] as string | null) ?? null,
        facts: [],
        parent: (m['organization_id'] as string | null) ?? null,
      },
      names,
    );
  }
  idx.seal();
  return idx;
}
