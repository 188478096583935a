/**
 * @module
 * Entity linking for the claims engine: every name and alias of the organizations, chips, systems and
 * curated programs, events and places, in every script, matched in the normalised text. Names are indexed
 * by their first character, so one pass over the text finds every mention; ASCII names must stand as words.
 */
import { z } from 'zod';
import { entitiesFile, readCurated } from '../data/curated.ts';
import type { Db } from '../store/db.ts';
import { normalizeForMatching, type Stop } from './text.ts';
import { acceleratorOf, loadChips } from '../compute/index.ts';

export type EntityKind = 'organization' | 'model' | 'chip' | 'system' | 'program' | 'event' | 'country' | 'rule';

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
  /** A family of models ("Gemini", "Claude"): a version written after its name belongs to the mention. */
  family?: boolean;
  /** For a rule: the rule records (versions) it is written as, whose thresholds and dates are its facts. */
  versions?: string[];
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
  /** A name of one plain word ("Together", "Mistral"): a name only when written with a capital ("wires together"). */
  capital?: boolean;
}

/**
 * The ways one name is written with and without a space between its word and its version: "Atlas 950" is
 * also "Atlas950", "Qwen2.5-72B" also "Qwen 2.5-72B" and "Qwen 2.5 72B". Only after a word of three letters
 * or more, so a chip code ("H100") is not split.
 */
export function spellings(name: string): string[] {
  const out = new Set([name]);
  out.add(name.replace(/([A-Za-z]{3,}) (?=\d)/g, '$1'));
  out.add(name.replace(/([A-Za-z]{3,})(?=\d)/g, '$1 '));
  // "claude-opus-4-6" is Claude Opus 4.6: a dash between a version's digits is its point (a lone minor digit).
  for (const n of [...out]) if (/\d-\d(?!\d)/.test(n)) out.add(n.replace(/(\d)-(\d)(?!\d)/g, '$1.$2'));
  // "gpt-5.5-pro" is also GPT-5.5 Pro: a tier after the version, set off by a space.
  for (const n of [...out]) if (/\d-[A-Za-z]/.test(n)) out.add(n.replace(/(\d)-(?=[A-Za-z])/g, '$1 '));
  for (const n of [...out]) if (/[A-Za-z0-9]-[A-Za-z0-9]/.test(n)) out.add(n.replace(/-/g, ' '));
  return [...out];
}

/**
 * Common English words that are also the names of model families in the data ("Granite", "Falcon",
 * "Command"): as families they would turn ordinary words into entities.
 */
const WORD_FAMILIES = new Set([
  'granite',
  'falcon',
  'command',
  'dolphin',
  'hermes',
  'ring',
  'seed',
  'code',
  'nova',
  'flux',
  'step',
  'bloom',
  'marco',
  'sky',
  'ling',
  'ming',
  'hush',
  'pruned',
  'finetuned',
  'transformer',
  'mamba',
  'alpaca',
  'zephyr',
  'sonar',
  'trinity',
  'fireball',
  'intern',
  'palm',
  'orca',
  'test',
  'chat',
  'meta',
  'llm',
  'bar',
  'cogito',
  'laguna',
  'jamba',
  'pythia',
  'nous',
  'yuan',
  'reka',
  'areal',
  'lamarck',
  'molmo',
  'tulu',
  'recraft',
  'ovis',
]);

/** Names too short or too common to link by themselves. */
const STOP = new Set(['ai', 'hf', 'yi', 'eu', 'seed', 'arena', 'spark', 'o1', 'o3', 'glm', 'step', 'zai', 'kimi']);

/** What follows a family's name as its version: a tier word, then a number with its letters ("Opus 4.1", "K2", "2.5-72B"). */
const FAMILY_VERSION =
  /^(?:[\s-](?:Opus|Sonnet|Haiku|Pro|Flash|Ultra|Nano|Mini|Max|Turbo|Plus|Coder|Instruct|Chat|Vision|Lite))?[\s-]?(?:[A-Za-z]?\d+(?:\.\d+)?[A-Za-z]?|[A-Z]\d*)(?:[\s-](?:\d+(?:\.\d+)?[BbMm]|Opus|Sonnet|Haiku|Pro|Flash|Ultra|Nano|Mini|Max|Turbo|Plus|Coder|Instruct|Chat|Thinking|Preview|Exp))*(?![A-Za-z0-9])|^[\s-](?:Opus|Sonnet|Haiku)(?![A-Za-z])/;

/** A short model name standing alone: a capital and a version ("R1", "V3", "K2", "M2.5"). */
const SHORT_NAME = /[A-Z]\d{1,2}(?:\.\d)?(?![A-Za-z0-9]|\.\d)/g;

/** A tier written after a short model name ("V4 Flash"). */
const SHORT_TIER = /^\s(Flash|Pro|Max|Mini|Lite|Turbo|Plus|Ultra|Air|Nano|Thinking|Coder)(?![A-Za-z0-9])/;

/** Tier words many families share: a name left with one of them alone names no model. */
const SHARED_TIERS = new Set([
  'flash',
  'lite',
  'mini',
  'nano',
  'turbo',
  'plus',
  'ultra',
  'max',
  'pro',
  'coder',
  'large',
  'small',
  'medium',
  'base',
  'chat',
  'instruct',
  'thinking',
  'vision',
  'omni',
  'fast',
  'code',
]);
/** A version and tier right after a Chinese name ("3.6 Plus", "5.0", "3-Max"). */
const CJK_VERSION =
  /^\s?\d+(?:\.\d+)*(?:[\s-]?(?:Plus|Pro|Max|Turbo|Flash|Mini|Ultra|Lite|Air|VL|Coder|Omni|Instruct|Thinking)(?![A-Za-z]))*(?![\d.]|\s?[年月日号號个個%万萬亿億倍分家款])/i;
/** A model number after a product line's word: "950PR", " 910D". */
const LINE_CODE = /^\s?(\d{3,4}[A-Z]{0,3})(?![A-Za-z0-9])/;

const pairKey = (s: string, i: number) => (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) || 0);
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

const groupCache = new WeakMap<EntityIndex, Map<string, Map<string, string[]>>>();

/**
 * Entity ids grouped by a key of theirs ("systems by the chip they are built of", "models by their lab"), computed
 * once per index and name. `keyOf` returns null for an entity outside every group, several keys for one in several.
 */
export function groupedBy(
  entities: EntityIndex,
  name: string,
  keyOf: (e: Entity, id: string) => string | readonly string[] | null | undefined,
): ReadonlyMap<string, string[]> {
  let byName = groupCache.get(entities);
  if (!byName) groupCache.set(entities, (byName = new Map()));
  let m = byName.get(name);
  if (!m) {
    m = new Map();
    for (const [id, e] of entities.entities) {
      const keys = keyOf(e, id);
      for (const k of typeof keys === 'string' ? [keys] : (keys ?? [])) m.set(k, [...(m.get(k) ?? []), id]);
    }
    byName.set(name, m);
  }
  return m;
}

/** A release's tag after a model's id: a date ("-20260211", "-04-02"), a number ("-001"), a preview or free variant. */
const RELEASE_TAG = /-(?:20\d{6}|\d{4}|\d{3}|\d{2}-\d{2}|preview|free|exp)$/;
/** A model's id without its release tags ("glm-5-20260211" → "glm-5"). */
const withoutRelease = (id: string): string => {
  let base = id;
  while (RELEASE_TAG.test(base)) base = base.replace(RELEASE_TAG, '');
  return base;
};

/** Models by the model they are a release of (`model:glm-5` → `model:glm-5-20260211`). */
export const variantsOf = (entities: EntityIndex) =>
  groupedBy(entities, 'release', (e, id) => {
    if (e.kind !== 'model' || !RELEASE_TAG.test(id)) return null;
    const base = withoutRelease(id);
    return entities.entities.has(base) ? base : null;
  });

/**
 * A model's thinking or instruct entries by the model and the word (`model:claude-sonnet-4-5|thinking` →
 * `model:claude-sonnet-4-5-20250929-thinking-32k`): how a board lists a variant an article names with a word
 * ("思考版", "Thinking").
 */
export const variantEntries = (entities: EntityIndex) =>
  groupedBy(entities, 'variantEntry', (e, id) => {
    const v = e.kind === 'model' ? /-(thinking|instruct)(?=-|$)/.exec(id) : null;
    return v ? `${withoutRelease(id.slice(0, v.index))}|${v[1]}` : null;
  });

/** Systems by the chip they are built of. */
export const systemsBuiltOf = (entities: EntityIndex) =>
  groupedBy(entities, 'builtOf', (e) => (e.kind === 'system' ? e.builtOf : null));

export class EntityIndex {
  readonly entities = new Map<string, Entity>();
  /** Aliases by their first two characters (as one number), longest first. */
  private readonly byFirst = new Map<number, Alias[]>();
  /** Names indexed so far, with their case rule. */
  private readonly taken = new Set<string>();

  add(entity: Entity, names: readonly (string | null | undefined)[], allowShort = false): void {
    this.entities.set(entity.id, entity);
    for (const n of names) {
      if (!n) continue;
      // (An organization's one-word Latin names, for its Chinese name with a version: "千问3.6 Plus" is Qwen3.6 Plus.)
      if (entity.kind === 'organization' && /^[A-Z][A-Za-z]{2,}$/.test(n))
        this.latin.set(entity.id, [...(this.latin.get(entity.id) ?? []), n]);
      // (Plain ASCII needs no script conversion: most names are model ids, and converting each took a second.)
      const nfkc = n.normalize('NFKC');
      const key = (/^[\x20-\x7e]*$/.test(nfkc) ? nfkc : normalizeForMatching(nfkc)).toLowerCase().trim();
      if (key.length < 2 || (!allowShort && STOP.has(key))) continue;
      const ascii = /^[\x20-\x7e]+$/.test(key);
      const acronym = /^[A-Z.]{2,5}$/.test(n.trim()) ? normalizeForMatching(n.trim()) : undefined;
      const first = pairKey(key, 0);
      const list = this.byFirst.get(first) ?? [];
      // One entry per name as written (the first entity to claim it keeps it): a set, since buckets of one prefix
      // hold thousands of model names.
      const once = `${key}\u0000${acronym ?? ''}`;
      if (!this.taken.has(once)) {
        this.taken.add(once);
        list.push({
          key,
          entity,
          ascii,
          ...(acronym ? { exact: acronym } : {}),
          ...(/^[a-z]{3,}$/.test(key) ? { capital: true } : {}),
        });
      }
      this.byFirst.set(first, list);
    }
  }

  /** Every name indexed (normalised, lower case) with its entity's id: for tests of how names are matched. */
  *names(): Generator<[string, string]> {
    for (const list of this.byFirst.values()) for (const a of list) yield [a.key, a.entity.id];
  }

  /** Longest names first, so "Hunyuan 3D" wins over "Hunyuan". */
  seal(): void {
    for (const [k, list] of this.byFirst) {
      list.sort((a, b) => b.key.length - a.key.length);
      if (list.every((a) => a.ascii)) this.asciiOnly.add(k);
    }
  }

  private readonly asciiOnly = new Set<number>();
  /** Organizations' one-word Latin names ("Qwen", "ERNIE", "Hunyuan"), by id. */
  private readonly latin = new Map<string, string[]>();

  /** Product-line words ("Ascend", 昇腾) with a chip of the line, for models of the line the data lacks. */
  readonly lines = new Map<string, { line: string; chip: ChipRow }>();
  private unknown = 0;

  /**
   * "Ascend 950PR", "昇腾910D": a line's word and a model number the data does not hold name a chip of that
   * line all the same: an entity of its own (no facts), so its figures are not given to another chip.
   */
  private lineChip(word: string, code: string): Entity | undefined {
    const l = this.lines.get(word.toLowerCase());
    if (!l) return undefined;
    const id = `chip:${l.line}-${code}`.toLowerCase();
    let e = this.entities.get(id);
    // Bounded: a hostile text cannot grow the index without end.
    if (!e && this.unknown < 10_000) {
      this.unknown++;
      e = {
        id,
        kind: 'chip',
        name: `${l.line} ${code}`,
        country: l.chip.country,
        facts: [],
        parent: l.chip.organization_id,
      };
      this.entities.set(id, e);
    }
    return e;
  }

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
          if (a.capital && !/[A-Z]/.test(norm[i] ?? '')) continue;
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
        let end = i + hit.key.length;
        let entity = hit.entity;
        const code = this.lines.has(hit.key) ? LINE_CODE.exec(norm.slice(end, end + 12)) : null;
        const chip = code ? this.lineChip(hit.key, code[1] as string) : undefined;
        if (code && chip) {
          entity = chip;
          end += code[0].length;
        }
        // "千问3.6 Plus", "文心5.0": an organization's Chinese name with a version is its model of that version, named
        // with one of the organization's Latin names, where the data has one.
        const version =
          !hit.ascii && hit.entity.kind === 'organization' ? CJK_VERSION.exec(norm.slice(end, end + 24)) : null;
        if (version) {
          const v = version[0].trim();
          const model = (this.latin.get(hit.entity.id) ?? [])
            .flatMap((w) => [`${w}${v}`, `${w} ${v}`, `${w}-${v.replace(/\s+/g, '-')}`])
            .map((name) => this.named(name))
            .find((e) => e?.kind === 'model');
          if (model) {
            entity = model;
            end += version[0].length;
          }
        }
        // "Llama 4", "Qwen 2.5-Max", "Claude Opus 4.1": a family's version is part of its name, not a quantity.
        if (hit.entity.family) {
          const v = FAMILY_VERSION.exec(norm.slice(end, end + 40));
          if (v) end += v[0].length;
        }
        out.push({ entity: entity.id, start: i, end, text: norm.slice(i, end) });
        i = end;
      } else i++;
    }
    return this.withShortNames(norm, out);
  }

  /** The entity a name as written stands for, if any. */
  named(name: string): Entity | undefined {
    return this.exact(normalizeForMatching(name.normalize('NFKC')).toLowerCase().trim());
  }

  /** The entity an exact name (normalised, lower case) stands for, if any. */
  private exact(key: string): Entity | undefined {
    return this.byFirst.get(pairKey(key, 0))?.find((a) => a.key === key && a.exact === undefined)?.entity;
  }

  /**
   * "R1", "V3", "K2" in a text about DeepSeek or Moonshot: a model's short name, read as the model of an
   * organization the text names ("DeepSeek R1"), when exactly one of them has a model of that name.
   */
  private withShortNames(norm: string, found: Mention[]): Mention[] {
    // The words a model's short name follows: the organizations named and the first word of the models named
    // ("Kimi K2" makes "K2 Thinking" the Kimi one).
    const words = new Set<string>();
    for (const m of found) {
      const e = this.entities.get(m.entity);
      const org = e?.kind === 'organization' ? e : e?.parent ? this.entities.get(e.parent) : undefined;
      if (org?.kind === 'organization') words.add(org.name.toLowerCase().split(/\s+/)[0] ?? '');
      if (e?.kind === 'model') words.add(e.name.toLowerCase().split(/[\s-]+/)[0] ?? '');
    }
    words.delete('');
    if (!words.size) return found;
    const extra: Mention[] = [];
    let k = 0;
    for (const c of norm.matchAll(SHORT_NAME)) {
      const start = c.index;
      const end = start + c[0].length;
      // Standing alone: not the end of a longer name ("H100", "GPT-4", "v2.5").
      if (/[A-Za-z0-9.-]/.test(norm[start - 1] ?? '')) continue;
      while (k < found.length && (found[k] as Mention).end <= start) k++;
      if (k < found.length && (found[k] as Mention).start < end) continue;
      // With the tier written after it ("V4 Flash", "K3 Max"), the tier's model first.
      const tier = SHORT_TIER.exec(norm.slice(end, end + 12));
      let hit: { e: Entity; end: number } | undefined;
      for (const [name, to] of [
        ...(tier
          ? [[`${c[0]} ${(tier[1] as string).toLowerCase()}`.toLowerCase(), end + tier[0].length] as const]
          : []),
        [c[0].toLowerCase(), end] as const,
      ]) {
        const hits = new Set<Entity>();
        for (const word of words) {
          const e = [`${word}-${name.replace(' ', '-')}`, `${word} ${name}`]
            .map((key) => this.exact(key))
            .find((x) => x?.kind === 'model');
          if (e) hits.add(e);
        }
        if (hits.size === 1) {
          hit = { e: [...hits][0] as Entity, end: to };
          break;
        }
      }
      if (hit) extra.push({ entity: hit.e.id, start, end: hit.end, text: norm.slice(start, hit.end) });
    }
    return extra.length ? [...found, ...extra].sort((a, b) => a.start - b.start) : found;
  }
}

const names = z.array(z.string()).nullable();
const chipRow = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  organization_id: z.string().nullable(),
  source_id: z.string(),
});
type ChipRow = z.output<typeof chipRow>;
const orgRow = z.object({
  id: z.string(),
  name_en: z.string(),
  name_zh_hans: z.string().nullable(),
  name_zh_hant: z.string().nullable(),
  aliases: names,
  country: z.string().nullable(),
});
const orgNames = z.object({ name_en: z.string(), aliases: names });
const systemRow = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  accelerator: z.string().nullable(),
});
const ruleRow = z.object({ id: z.string(), title: z.string(), detail: z.string().nullable() });
const modelRow = z.object({
  id: z.string(),
  name: z.string(),
  aliases: names,
  organization_id: z.string(),
  country: z.string().nullable(),
  family: z.string().nullable(),
});
const familyRow = z.object({
  family: z.string(),
  org: z.string(),
  n: z.number(),
  own: z.number(),
  country: z.string().nullable(),
});

/**
 * The rules as articles name them: by their export control classification number ("3A090", "ECCN 3A090.a"),
 * one entity for every record of that number (its versions over time, its paragraphs), or else by title
 * ("Framework for Artificial Intelligence Diffusion", also "AI Diffusion Framework", "AI Diffusion rule").
 */
export function rulesByName(
  rows: readonly { id: string; title: string }[],
): Map<string, { name: string; names: string[]; versions: string[] }> {
  const out = new Map<string, { name: string; names: string[]; versions: string[] }>();
  const put = (id: string, name: string, names: string[], version: string) => {
    const r = out.get(id) ?? { name, names: [], versions: [] };
    r.names.push(...names.filter((n) => !r.names.includes(n)));
    r.versions.push(version);
    out.set(id, r);
  };
  for (const row of rows) {
    const eccn = /\bECCN\s+(\d[A-E]\d{3})((?:\.[a-z])?(?:\/\.[a-z])*)/.exec(row.title);
    if (eccn) {
      const code = eccn[1] as string;
      const paragraphs = [...(eccn[2] ?? '').matchAll(/\.([a-z])/g)].map((m) => `${code}.${m[1]}`);
      put(
        `rule:${code}`,
        `ECCN ${code}`,
        [code, `ECCN ${code}`, ...paragraphs, ...paragraphs.map((p) => `ECCN ${p}`)],
        row.id,
      );
      continue;
    }
    const title = row.title.replace(/\s*\(.*\)\s*$/, '').trim();
    const framework = /^(?:Framework|Rule) for (.+)$/i.exec(title)?.[1];
    if (!framework) continue;
    const short = framework.replace(/\bArtificial Intelligence\b/g, 'AI');
    put(`rule:${row.id}`, title, [title, `${short} Framework`, `${short} Rule`, short], row.id);
  }
  return out;
}

/** Builds the index from the database and data/curated/entities.json. */
export async function loadEntities(db: Db, curatedPath: string): Promise<EntityIndex> {
  const idx = new EntityIndex();
  /** Each organization's names in every script, for its chips' "maker + code" names (英伟达H100, 輝達 H100). */
  const orgNamesById = new Map<string, string[]>();
  // Governments are linked as their country (the curated places), so "欧盟" is the EU wherever it appears.
  for (const o of await db.rows(
    orgRow,
    `SELECT id, name_en, name_zh_hans, name_zh_hant, aliases, country FROM organizations WHERE type <> 'government'`,
  )) {
    idx.add(
      {
        id: o.id,
        kind: 'organization',
        name: o.name_en,
        country: o.country,
        facts: [],
      },
      [o.name_en, o.name_zh_hans, o.name_zh_hant, ...(o.aliases ?? [])],
    );
    orgNamesById.set(
      o.id,
      [o.name_en, o.name_zh_hans, o.name_zh_hant, ...(o.aliases ?? [])].filter(
        (n): n is string => !!n && n.length >= 2,
      ),
    );
  }
  const chips = await db.rows(chipRow, 'SELECT id, name, country, organization_id, source_id FROM chips');
  // "NVIDIA H100 SXM5 80GB" is written "H100", "Nvidia H100"; "Huawei Ascend 910C" as "昇腾910C", "Ascend 910C".
  // A product line's word and a number ("Ascend 950DT", "Ascend 960") name the chip only together: the bare
  // number is not its name.
  const lineCode = (name: string) => /\b([A-Za-z]{4,})\s+(\d{3,4}[A-Z]{0,2})\b/.exec(name);
  const coreOf = (name: string) =>
    /\b([A-Z]{1,3}\d{2,4}[A-Z]?|MI\d{3}X?|MLU\d{3}|\d{3}[BC])\b/.exec(name)?.[1] ?? lineCode(name)?.[2];
  // A short name several chips share (H100: SXM, PCIe, NVL) names the hand-sourced fact-sheet chip when there
  // is exactly one; otherwise it names none of them rather than a guess.
  const byCore = new Map<string, ChipRow[]>();
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
  // The name without its maker's ("Amazon Trainium2": "Trainium2"; "Google TPU v6e Trillium": "TPU v6e Trillium" and
  // "TPU v6e"), where it holds a digit and no other chip's name says the same.
  const unprefixed = (c: ChipRow): string[] => {
    const name = String(c['name']).replace(/\s*\(.*\)$/, '');
    const maker = (orgNamesById.get(c.organization_id ?? '') ?? []).find((o) =>
      name.toLowerCase().startsWith(`${o.toLowerCase()} `),
    );
    const rest = maker ? name.slice(maker.length + 1).trim() : '';
    if (!/\d/.test(rest) || rest.length < 4) return [];
    const short = /^(.*\d[\w.]*)\s+[A-Z][a-z]{3,}$/.exec(rest)?.[1];
    return short && short.length >= 4 ? [rest, short] : [rest];
  };
  const rests = new Map(chips.map((c) => [c, unprefixed(c)] as const));
  const restCount = new Map<string, number>();
  for (const rs of rests.values())
    for (const r of rs) restCount.set(r.toLowerCase(), (restCount.get(r.toLowerCase()) ?? 0) + 1);
  for (const c of chips) {
    const name = String(c['name']);
    const found = coreOf(name);
    const core = found && owner(found) === c['id'] ? found : undefined;
    const names = [
      ...spellings(name),
      String(c['id']),
      ...(rests.get(c) ?? []).filter((r) => restCount.get(r.toLowerCase()) === 1).flatMap(spellings),
    ];
    const line = lineCode(name);
    if (line) {
      const words = /ascend/i.test(line[1] as string) ? [line[1] as string, '昇腾', '升腾'] : [line[1] as string];
      for (const w of words) idx.lines.set(w.toLowerCase(), { line: line[1] as string, chip: c });
    }
    if (core) {
      // The maker's name before the code, in any of its names and scripts; a chip's, not every maker's.
      if (/[A-Za-z]/.test(core))
        names.push(
          core,
          ...(orgNamesById.get(c.organization_id ?? '') ?? []).flatMap((o) => [`${o} ${core}`, `${o}${core}`]),
        );
      if (line && line[2] === core) names.push(`${line[1]} ${core}`, `${line[1]}${core}`);
      if (/ascend/i.test(name))
        names.push(`Ascend ${core}`, `昇腾${core}`, `升腾${core}`, `昇腾 ${core}`, `升腾 ${core}`, `Ascend${core}`);
    }
    idx.add(
      {
        id: c.id,
        kind: 'chip',
        name,
        country: c.country,
        facts: [],
        parent: c.organization_id,
      },
      names,
    );
  }
  const allChips = await loadChips(db);
  for (const s of await db.rows(systemRow, 'SELECT id, name, country, accelerator FROM systems')) {
    const name = s.name.replace(/\s*\(.*\)$/, '');
    const names = [...spellings(name), s.id];
    if (/cloudmatrix/i.test(name)) names.push('CloudMatrix 384', 'CloudMatrix384', 'CM384', 'CloudMatrix');
    if (/nvl72/i.test(name)) names.push('GB200 NVL72', 'NVL72', 'GB200');
    const builtOf = acceleratorOf(allChips, String(s['accelerator'] ?? ''))?.id ?? null;
    idx.add({ id: s.id, kind: 'system', name, country: s.country, facts: [], builtOf }, names);
  }
  const curated = readCurated(curatedPath, entitiesFile);
  // The name shown is the English one (the first in Latin letters), whatever the document's language.
  for (const r of curated.records)
    idx.add(
      {
        id: r.id,
        kind: r.kind,
        name: r.names.find((n) => /^[\x20-\x7e]+$/.test(n)) ?? r.names[0] ?? r.id,
        country: r.country,
        facts: r.facts,
        parent: r.parent ?? null,
        builtOf: r.built_of ?? null,
      },
      r.kind === 'country' ? r.names : r.names.flatMap(spellings),
      r.kind === 'country',
    );
  const rules = await db.rows(ruleRow, 'SELECT id, title, detail_json AS detail FROM rules ORDER BY id');
  // The country groups the rules list ("Country Group D:5"), each an entity of its own.
  for (const r of rules) {
    const groups = (JSON.parse(r.detail ?? '{}') as { country_groups?: Record<string, unknown> }).country_groups ?? {};
    for (const g of Object.keys(groups).filter((k) => /^[A-E]:\d$/.test(k)))
      idx.add({ id: `group:${g}`, kind: 'rule', name: `Country Group ${g}`, country: 'US', facts: [] }, [
        `Country Group ${g}`,
        `Group ${g}`,
        g,
        `${g}国家组`,
        `${g}组`,
      ]);
  }
  // A rule the curated table already names (in more scripts) is that entity, now with its records.
  for (const [id, rule] of rulesByName(rules)) {
    const known = rule.names.map((n) => idx.named(n)).find((e) => e !== undefined);
    if (known) Object.assign(known, { kind: 'rule', versions: rule.versions });
    // A rule titled a framework is called either in Chinese ("AI扩散规则", "AI扩散框架").
    const curatedNames = known ? (curated.records.find((x) => x.id === known.id)?.names ?? []) : [];
    const framework = /^Framework for/i.test(rule.name)
      ? curatedNames.filter((n) => /规则|規則/.test(n)).map((n) => n.replace(/规则|規則/, '框架'))
      : [];
    idx.add(known ?? { id, kind: 'rule', name: rule.name, country: 'US', facts: [], versions: rule.versions }, [
      ...rule.names,
      ...framework,
    ]);
  }
  const written = new Map<string, Map<string, number>>();
  const borrowed: [Entity, string[]][] = [];
  const familyOf: [Entity, string][] = [];
  // Models by their own names where they are distinctive (a dash or digit in the name: DeepSeek-R1, Qwen3).
  for (const m of await db.rows(
    modelRow,
    `SELECT m.id, m.name, m.aliases, m.organization_id, o.country, m.family FROM models m LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.organization_id IS NOT NULL AND length(m.name) >= 5`,
  )) {
    const name = String(m['name']);
    // How the family's name is written with capitals in its models' names ("ChatGPT", "Gemini"), to show it so.
    const fam = m.family;
    if (fam)
      for (const n of [name, ...(m.aliases ?? [])]) {
        const w: string = String(n).split('/').at(-1)?.slice(0, fam.length) ?? '';
        if (w.toLowerCase() === fam && /[A-Z]/.test(w)) {
          const c = written.get(fam) ?? new Map<string, number>();
          c.set(w, (c.get(w) ?? 0) + 1);
          written.set(fam, c);
        }
      }
    if (!/\d/.test(name) && !/-/.test(name)) continue;
    // Written with spaces or dashes alike: "DeepSeek-V3" is "DeepSeek V3", "kimi-k2" is "Kimi K2".
    // Also as its id and its aliases' last part ("anthropic/claude-opus-5" → "claude-opus-5"), and without a
    // release date ("kimi-k3-20260715" → "kimi-k3"): how articles write a model.
    // A model's own name and id go first: another model's alias of the same words ("claude-fable-5" as an
    // alias of an OpenRouter id) does not take the name from the model that bears it.
    // (And without a preview tag: "gemini-3-1-pro-preview" is how a model is listed before its release, "Gemini
    // 3.1 Pro" how articles name it; a released model of that name, where the data holds one, keeps it.)
    const undated = (n: string) =>
      n.replace(/-(?:20\d{6}|\d{4})$/, '').replace(/[-\s](?:preview|exp)(?:[-\s]\d{2}-\d{2})?$/i, '');
    const usable = (n: string) => /\d/.test(n) && n.length >= 5;
    const entity: Entity = {
      id: `model:${m['id']}`,
      kind: 'model',
      name,
      country: m.country,
      facts: [],
      parent: m.organization_id,
    };
    idx.add(entity, [...new Set([name, String(m['id'])].filter(usable))].flatMap(spellings));
    if (fam) familyOf.push([entity, fam]);
    borrowed.push([
      entity,
      [...new Set([name, String(m['id']), ...(m.aliases ?? []).map((a) => a.split('/').at(-1)?.split(':')[0] ?? '')])]
        .flatMap((n) => [n, undated(n)])
        .filter(usable)
        .flatMap(spellings),
    ]);
  }
  for (const [entity, names] of borrowed) idx.add(entity, names);
  // Without its family's word, where what is left is a tier's word and a version ("Claude Sonnet 4.6": "Sonnet 4.6"):
  // how articles name a model on second mention. Last, so a model of that very name keeps it.
  // (Not a tier many families share: "Flash 2.0" is no one family's.)
  for (const [entity, fam] of familyOf) {
    const id = entity.id.slice(6);
    const rest = id.startsWith(`${fam}-`) ? id.slice(fam.length + 1) : '';
    const word = /^([a-z]{4,})-\d+(?:-\d+)?$/.exec(rest)?.[1];
    if (word && !SHARED_TIERS.has(word)) idx.add(entity, spellings(rest));
  }
  // Families of models by their own name ("Gemini", "Claude", "ChatGPT"), where the name is one lab's (most of
  // its models are that lab's), is not already an organization's name and is not a common word.
  const taken = new Set<string>();
  for (const o of await db.rows(orgNames, `SELECT name_en, aliases FROM organizations`))
    for (const n of [o.name_en, ...(o.aliases ?? [])]) taken.add(n.toLowerCase());
  for (const f of await db.rows(
    familyRow,
    `SELECT family, mode(organization_id) AS org, count(*) AS n,
       count(*) FILTER (WHERE organization_id = (SELECT mode(organization_id) FROM models m2 WHERE m2.family = m.family)) AS own,
       (SELECT o.country FROM organizations o WHERE o.id = mode(m.organization_id)) AS country
     FROM models m WHERE family IS NOT NULL AND organization_id IS NOT NULL GROUP BY family HAVING count(*) >= 8`,
  )) {
    const fam = String(f['family']);
    if (Number(f['own']) < 0.8 * Number(f['n']) || taken.has(fam) || WORD_FAMILIES.has(fam) || STOP.has(fam)) continue;
    // Short family names only as acronyms ("GPT"), matched with their case.
    if (!/^[a-z][a-z0-9]{3,}$/.test(fam) && !/^[a-z]{3}$/.test(fam)) continue;
    const forms = [...(written.get(fam) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    const shown = forms[0]?.[0] ?? (fam.length === 3 ? fam.toUpperCase() : fam[0]?.toUpperCase() + fam.slice(1));
    idx.add(
      {
        id: `family:${fam}`,
        kind: 'model',
        name: shown,
        country: f.country,
        facts: [],
        parent: String(f['org']),
        family: true,
      },
      [shown],
    );
  }
  idx.seal();
  return idx;
}
