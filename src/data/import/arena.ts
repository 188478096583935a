/**
 * @module
 * Arena (LMArena / LMSYS Chatbot Arena) leaderboard histories from four public repositories, into
 * `leaderboard_entries`. Each snapshot keeps its own date; categories keep Arena's own names.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Row } from '../schema.ts';
import { modelKey } from '../identity.ts';
import {
  at,
  emptyOutput,
  observe,
  openWeightsFromLicense,
  part,
  readCsv,
  readJson,
  repoSource,
  toDate,
  toNumber,
  type ImportOutput,
  type Importer,
} from './common.ts';
import { entriesFromCatalog, entryFromArenaCsv } from '../../formats/arena.ts';

type Entry = Row<'leaderboard_entries'>;
type CatalogFile = Record<string, Record<string, { rating: number; rating_q025?: number; rating_q975?: number }>>;

/** lmarena/arena-catalog: the official leaderboard JSON files and their git history. */
export const arenaCatalog: Importer = {
  name: 'leaderboards/lmarena__arena-catalog',
  origin: 'lmarena',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const source_id = 'lmarena-arena-catalog';
    const head = '2025-12-17';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'LMArena leaderboard data files (arena-catalog)',
        publisher: 'LMArena',
        repo: 'lmarena/arena-catalog',
        commit: 'c9558b60647217fafa878cb7ee14f8f43c355594',
        published: head,
        retrieved: head,
        license: 'unclear: no LICENSE in the repository; LMArena data used as facts with attribution',
        notes:
          'Ratings with 95% quantiles per category; no vote counts or organisations. The 2025-11-05 history version came from a code change, so its data cut is unknown.',
      }),
    );
    const text: Entry[] = [];
    const index = readCsv(at(dir, 'history', 'snapshots_index.csv'));
    for (const row of index) {
      const date = toDate(row['snapshot_version']);
      const stored = row['stored_as'];
      if (!date || !stored) continue;
      text.push(...entriesFromCatalog(readJson(at(dir, stored)) as CatalogFile, 'lmarena-text', date, source_id));
    }
    out.parts.push(
      part(
        'leaderboard_entries',
        'lmarena-catalog-text',
        'Arena text leaderboard, all categories (arena-catalog history)',
        source_id,
        text,
        'Every distinct git version of leaderboard-text.json (older name leaderboard-data.json), dated by its commit message.',
      ),
    );
    const others: Entry[] = [];
    for (const [file, board] of [
      ['leaderboard-text-style-control.json', 'lmarena-text-style-control'],
      ['leaderboard-vision.json', 'lmarena-vision'],
      ['leaderboard-vision-style-control.json', 'lmarena-vision-style-control'],
      ['leaderboard-image.json', 'lmarena-image'],
    ] as const) {
      others.push(...entriesFromCatalog(readJson(at(dir, 'data', file)) as CatalogFile, board, head, source_id));
    }
    out.parts.push(
      part(
        'leaderboard_entries',
        'lmarena-catalog-current',
        'Arena style-control, vision and image leaderboards at the catalog HEAD',
        source_id,
        others,
        `Files at HEAD, dated by the HEAD commit (${head}).`,
      ),
    );
    const scatter = readJson(at(dir, 'data', 'scatterplot-data.json')) as {
      model_api_name?: string;
      name?: string;
      organization?: string;
      license?: string;
    }[];
    for (const s of scatter) {
      const raw = s.model_api_name ?? s.name;
      if (!raw) continue;
      out.observations.push(
        observe(raw, 'lmarena', source_id, {
          organization: s.organization ?? null,
          license: s.license ?? null,
          open_weights: openWeightsFromLicense(s.license),
        }),
      );
    }
    for (const e of [...text, ...others]) out.observations.push(observe(e.model_raw, 'lmarena', source_id));
    return out;
  },
};

/** The columns of the fboulnois CSVs changed over time (arena_elo → arena_score, rank_stylectrl added). */
function entriesFromArenaCsv(
  path: string,
  leaderboard: string,
  date: string,
  source_id: string,
  out: ImportOutput,
): Entry[] {
  const entries: Entry[] = [];
  for (const r of readCsv(path)) {
    const entry = entryFromArenaCsv(r, leaderboard, 'full', date, source_id);
    if (!entry) continue;
    const raw = entry.model_raw;
    entries.push(entry);
    out.observations.push(
      observe(raw, 'lmarena', source_id, {
        organization: r['organization'] || null,
        license: r['license'] || null,
        open_weights: openWeightsFromLicense(r['license']),
      }),
    );
  }
  return entries;
}

/** fboulnois/llm-leaderboard-csv: the Arena leaderboard as CSV, every version from git history. */
export const fboulnois: Importer = {
  name: 'leaderboards/fboulnois__llm-leaderboard-csv',
  origin: 'lmarena',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const source_id = 'fboulnois-llm-leaderboard-csv';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'LLM leaderboard CSV (Arena leaderboard history as CSV)',
        publisher: 'fboulnois (data: LMArena / LMSYS)',
        repo: 'fboulnois/llm-leaderboard-csv',
        commit: '44db9588e2b0d12fff17d6e607066746f0fa84d5',
        published: '2025-08-06',
        retrieved: '2025-08-06',
        license: 'MPL-2.0 (repository); numbers from the LMArena HF space, declared apache-2.0',
        notes: 'Snapshot dates are when the CSV was generated, not the Arena data cut.',
      }),
    );
    const byBoard = new Map<string, Entry[]>();
    for (const version of readdirSync(at(dir, 'history')).sort()) {
      const date = toDate(version);
      if (!date) continue;
      for (const [file, board] of [
        ['lmsys.csv', 'lmarena-text'],
        ['lmarena_text.csv', 'lmarena-text'],
        ['lmarena_vision.csv', 'lmarena-vision'],
        ['lmarena_image.csv', 'lmarena-image'],
      ] as const) {
        const path = at(dir, 'history', version, 'csv', file);
        if (!existsSync(path)) continue;
        const list = byBoard.get(board) ?? [];
        list.push(...entriesFromArenaCsv(path, board, date, source_id, out));
        byBoard.set(board, list);
      }
    }
    for (const [board, rows] of byBoard) {
      out.parts.push(
        part(
          'leaderboard_entries',
          `fboulnois-${board}`,
          `Arena ${board.replace('lmarena-', '')} leaderboard history (fboulnois CSV)`,
          source_id,
          rows,
          'csv/ at HEAD equals the last history version and is not imported twice.',
        ),
      );
    }
    return out;
  },
};

/** nakasyou/lmarena-history: overall text ratings as a wide date × model matrix, 2023-05 → 2025-02. */
export const nakasyou: Importer = {
  name: 'leaderboards/nakasyou__lmarena-history',
  origin: 'lmarena',
  run(root) {
    const out = emptyOutput();
    const source_id = 'nakasyou-lmarena-history';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'LMArena history (overall text ratings from elo_results pickles)',
        publisher: 'Shotaro Nakamura (data: LMArena)',
        repo: 'nakasyou/lmarena-history',
        commit: '22d6c6aa0f5642b41674fc94095e5f2833071d39',
        published: '2025-03-02',
        retrieved: '2025-05-23',
        license: 'MIT',
        notes:
          'Overall text rating without style control; 0.0 means the model was not on the board that day (skipped).',
      }),
    );
    const rows: Entry[] = [];
    let zeros = 0;
    for (const r of readCsv(at(root, this.name, 'output', 'result.csv'))) {
      const date = toDate(r[''] ?? '');
      if (!date) continue;
      for (const [raw, v] of Object.entries(r)) {
        if (raw === '') continue;
        const score = toNumber(v);
        if (score === null || score === 0) {
          zeros++;
          continue;
        }
        rows.push({
          leaderboard: 'lmarena-text',
          category: 'full',
          snapshot_date: date,
          model_id: modelKey(raw),
          model_raw: raw,
          organization_raw: null,
          score,
          ci_low: null,
          ci_high: null,
          votes: null,
          rank: null,
          preliminary: null,
          source_id,
        });
        out.observations.push(observe(raw, 'lmarena', source_id));
      }
    }
    out.skipped.push({
      dataset: 'nakasyou-lmarena-text',
      reason: 'cell 0.0 or empty: model not on the board that day',
      count: zeros,
    });
    out.parts.push(
      part(
        'leaderboard_entries',
        'nakasyou-lmarena-text',
        'Arena overall text ratings 2023-05 → 2025-02 (nakasyou)',
        source_id,
        rows,
      ),
    );
    return out;
  },
};

/**
 * Undoes the glued names of the 2025-10+ Arena pages, where the provider label runs into the model id
 * ("Anthropicclaude-opus-4-1", "Coherecommand-r", "Azurephi-4"): a capitalised label followed by an
 * all-lowercase id that starts with a known model family, or with the row's organization as the label.
 */
export function unglue(raw: string, organization: string | null, familyPrefixes: readonly string[]): string {
  const fold = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  const org = fold(organization ?? '');
  // A scrape that dropped the label-coloured part of the name ("-4-Raven-14B" for RWKV): the label was the name's start.
  if (org && /^-\w/.test(raw) && organization) return `${organization.replace(/\s+/g, '')}${raw}`;
  for (let k = raw.length - 2; k >= 2; k--) {
    const label = raw.slice(0, k);
    const rest = raw.slice(k);
    const labelIsOrg = org !== '' && fold(label) === org && /^[A-Z]/.test(label);
    const lower = rest.toLowerCase();
    const family = familyPrefixes.some((p) => lower.startsWith(p));
    if (/^(?:[A-Z][a-z0-9]*(?: [A-Z][a-z0-9]*)*|[A-Z]{2,})$/.test(label)) {
      if (/^[a-z][a-z0-9.\-_:]*$/.test(rest) && (labelIsOrg || family)) return rest;
      if (/^[a-z][A-Za-z0-9.\-_:]*$/.test(rest) && family) return rest;
    }
    // Otherwise only when the label is the row's own organization (which may have spaces or inner capitals), and the
    // rest is a model id, a known family, or repeats the label ("OpenChatopenchat-3.5", "RWKVRWKV-4-Raven-14B").
    if (!labelIsOrg || !/^[A-Za-z]/.test(rest) || /\s$/.test(label)) continue;
    if (/^[a-z][a-z0-9.\-_:]*$/.test(rest) || family || fold(rest).startsWith(org)) return rest;
  }
  return raw;
}

/** CherryHQ/cherry-studio-docs: daily scrapes of the Arena text page, parsed from Markdown (derived). */
export const cherry: Importer = {
  name: 'leaderboards/CherryHQ__cherry-studio-docs',
  origin: 'lmarena',
  run(root, context) {
    const dir = at(root, this.name, 'derived');
    const out = emptyOutput();
    const source_id = 'cherry-studio-lmarena-snapshots';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'LMArena text leaderboard daily snapshots (parsed from cherry-studio-docs Markdown)',
        publisher: 'CherryHQ (data: LMArena / arena.ai)',
        repo: 'CherryHQ/cherry-studio-docs',
        commit: 'f4853e9a29960bd05e684d6a696148afc0918dc6',
        published: '2026-08-22',
        retrieved: '2026-08-22',
        license: 'unclear: no LICENSE at the repository root; numbers scraped from LMArena',
        notes:
          'DERIVED by parsing Markdown tables; 2026 names could not be checked against the live site; organisations partly inferred (organization_filled).',
      }),
    );
    // Several scrapes can fall on one day: keep the last one for each (day, model).
    const latest = new Map<string, { stamp: string; entry: Entry }>();
    let preliminary = 0;
    let unglued = 0;
    // The same names recur on every day's scrape: each (name, organization) is split once.
    const split = new Map<string, string>();
    const unglueOnce = (model: string, org: string | null) => {
      const key = `${model}\u0000${org ?? ''}`;
      let hit = split.get(key);
      if (hit === undefined) split.set(key, (hit = unglue(model, org, context.familyPrefixes)));
      return hit;
    };
    for (const r of readCsv(at(dir, 'lmarena_text_snapshots.csv'))) {
      const date = toDate(r['snapshot']);
      const raw = r['model'] ? unglueOnce(r['model'], r['organization'] ?? null) : undefined;
      if (raw !== r['model']) unglued++;
      const score = toNumber(r['score']);
      if (!date || !raw || score === null) continue;
      if (r['score_flag']) preliminary++;
      // The Arena CSV's record under this layout's column names, and its own preliminary flag.
      const csv = entryFromArenaCsv(
        { ...r, model: raw, arena_score: r['score'] ?? '', '95_pct_ci': r['ci'] ?? '' },
        'lmarena-text',
        'full',
        date,
        source_id,
      );
      if (!csv) continue;
      const entry: Entry = { ...csv, preliminary: r['score_flag'] ? /preliminary/i.test(r['score_flag']) : null };
      const k = `${date}\u0000${entry.model_id}\u0000${raw}`;
      const stamp = r['snapshot'] ?? '';
      const prev = latest.get(k);
      if (!prev || prev.stamp <= stamp) latest.set(k, { stamp, entry });
    }
    const rows = [...latest.values()].map((v) => v.entry);
    out.parts.push(
      part(
        'leaderboard_entries',
        'cherry-lmarena-text',
        'Arena text leaderboard daily snapshots 2025-01 → 2026-08 (CherryHQ, derived)',
        source_id,
        rows,
        `Last scrape of each day kept. ${preliminary} rows were flagged "Preliminary" upstream: kept, with preliminary = true. ${unglued} model names had the provider label glued on (e.g. "Anthropicclaude-…") and were split.`,
      ),
    );
    for (const r of readCsv(at(dir, 'lmarena_text_models.csv'))) {
      if (!r['model']) continue;
      out.observations.push(
        observe(unglue(r['model'], r['organization'] ?? null, context.familyPrefixes), 'lmarena', source_id, {
          organization: r['organization'] || null,
          license: r['license'] || null,
          open_weights: openWeightsFromLicense(r['license']),
        }),
      );
    }
    return out;
  },
};
