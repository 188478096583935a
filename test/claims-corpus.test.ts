/**
 * Claims against the answer key written by reading (test/claims-key/<article>.json), over the whole corpus
 * (../shared/corpus and ../shared/corpus/dev). Reports precision, recall, subject+metric accuracy and, where
 * the key gives verdicts, verdict accuracy, per language and per split (build: the rules were built on these;
 * holdout: never looked at while tuning). Floors are asserted on the build split only; holdout is reported.
 *
 * Matching: a found claim matches a key claim when the key's quote overlaps the found claim's span and the
 * values agree within 1%. Subjects are compared by entity (the key's subject linked through the same entity
 * index), metrics by meaning (the key's names are the reader's own; see METRIC_MATCH).
 */
import type { KeyClaim, KeyFile } from './claims-key/key.ts';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Checker, type CheckedClaim, type CheckedDocument } from '../src/claims/index.ts';
import { type EntityIndex } from '../src/claims/entities.ts';
import { normalizeForMatching } from '../src/claims/text.ts';
import { ROOT } from './helpers.ts';
import { claimsFixture } from './claims-fixture.ts';

const KEY = join(ROOT, 'test', 'claims-key');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
// The second set: articles written for this project by a reader who never saw the extractor (its README).
const SYNTHETIC = join(ROOT, 'test', 'claims-synthetic');
// The third: written by a reader who saw neither the code nor its output ("fresh …" groups, split `fresh`). Held out
// for two rounds; since the round after, a build set, read claim by claim like the build halves (see its README).
const FRESH = join(ROOT, 'test', 'claims-fresh');
// The fourth: written last, by another such reader, and scored as numbers only ("fresh2 …").
const FRESH2 = join(ROOT, 'test', 'claims-fresh2');
// The fifth: written by a third such reader while the rules of the round after were written, scored once at its end
// ("fresh3 …"), as numbers only.
const FRESH3 = join(ROOT, 'test', 'claims-fresh3');
// The sixth: written by a fourth such reader at the start of the round after, scored once near its end ("fresh4 …");
// since the round after, a build set, read claim by claim (see its README).
const FRESH4 = join(ROOT, 'test', 'claims-fresh4');
// The seventh: written by a fifth such reader at the start of the round after, scored once near its end ("fresh5 …");
// since the round after, a build set, read claim by claim (see its README).
const FRESH5 = join(ROOT, 'test', 'claims-fresh5');
// The eighth: written by a sixth such reader at the start of the round after, scored once near its end ("fresh6 …"),
// as numbers only.
const FRESH6 = join(ROOT, 'test', 'claims-fresh6');

/** Which of the checker's metrics can stand for a key metric (the reader named metrics freely). */
const METRIC_MATCH: [RegExp, RegExp][] = [
  [/threshold/, /^threshold_/],
  [/entity_list|entities_added/, /^count:entities/],
  [/derivative/, /^derivative/],
  [/member|tier\d?_country_count/, /^members/],
  [/_cap$|^cap_|_cap_/, /^threshold_/],
  [/share|proportion|percent/, /share|percentage/],
  [/token|volume|traffic|usage|consumption/, /tokens|token_share/],
  [/flops|tops|compute|performance$/, /compute|tpp/],
  [/hbm_capacity|memory_capacity|^memory$|memory_gb|capacity/, /memory/],
  [/bandwidth|interconnect/, /bandwidth/],
  [/power|tdp|watt/, /power/],
  [/training_cost|cost$|compute_cost|gpu_cost|rental/, /training_cost|investment|amount|cost/],
  [/price|per_mtok|per_ktok/, /price/],
  [/relative|ratio|lead|deficit|reduction|faster|times|multiple|efficiency/, /ratio|relative|compute|performance/],
  [/chip_count|gpu_count|gpus|chips|accelerators|cluster/, /chip_count/],
  [/gpu_hours/, /gpu_hours/],
  [/param/, /parameters/],
  [/download/, /downloads/],
  [/gap|behind|months/, /gap/],
  [/revenue|sales/, /revenue/],
  [/valuation/, /valuation/],
  [/investment|funding|capex|spend/, /investment|amount|spend/],
  [/fee/, /fee/],
  [/votes/, /votes/],
  [/rank/, /rank/],
  [/rating|score|elo/, /rating|^score/],
  [/index|benchmark/, /^score/],
  [/count|number|models|users|customers|nodes|size|spots/, /count|downloads|items/],
  [/self_suffic/, /self_sufficiency/],
  [/signator/, /signatories|country_count/],
  [/growth|improvement|increase/, /growth/],
  [/duration|period|_days|days_|latency|time/, /duration|latency/],
  [/cost_share|share_of_cost|maintenance_share/, /cost_ratio/],
  [/unit_price|electricity_price|salary/, /price|cost|investment/],
  [/throughput/, /count|tokens/],
  [/process_node|node$/, /process_node/],
  [/context/, /context_length/],
  [/margin/, /margin/],
  [/area/, /area/],
  [/data_size|storage/, /data_size|memory/],
];

export function metricAgrees(key: string, found: string): boolean {
  const k = key.toLowerCase();
  if (k === found) return true;
  // A score on a benchmark ("score:gpqa_diamond") is the key's metric named for that benchmark ("gpqa_diamond",
  // "aa_coding_index"), or by its acronym ("eci_score" for "score:epoch_capabilities_index").
  if (found.startsWith('score:')) {
    const id = found.slice(6);
    const acronym = id
      .split('_')
      .map((w) => w[0])
      .join('');
    if (k.includes(id) || (acronym.length >= 3 && k.split('_')[0] === acronym)) return true;
  }
  return METRIC_MATCH.some(([kr, fr]) => kr.test(k) && fr.test(found));
}

let checker: Checker;
let entities: EntityIndex;
before(async () => void ({ checker, entities } = await claimsFixture()));

function subjectAgrees(key: KeyClaim, c: CheckedClaim): boolean {
  const linked = entities.find(normalizeForMatching(key.subject)).map((m) => m.entity);
  // No entity on either side (a survey): the names must agree.
  if (!c.subject && linked.length) return false;
  const parentOf = (id: string) => entities.entities.get(id)?.parent ?? null;
  if (c.subject && linked.includes(c.subject)) return true;
  // A gap between two is said of the pair: the side the key names may be the one the checker compares with.
  if (/gap|lead|behind/.test(key.metric) && c.comparison && linked.includes(c.comparison)) return true;
  // A model's family named by the key ("DeepSeek") and the model found ("DeepSeek-V3"), or the reverse.
  if (c.subject && linked.some((l) => parentOf(c.subject as string) === l || parentOf(l) === c.subject)) return true;
  const name = (c.subject_name ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  const ks = key.subject.toLowerCase().replace(/[\s_-]+/g, '');
  return name !== '' && (name === ks || name.includes(ks) || ks.includes(name));
}

interface Tally {
  files: number;
  expected: number;
  found: number;
  tp: number;
  subjectMetric: number;
  withVerdict: number;
  verdictRight: number;
  covered: number;
  coveredRight: number;
  /** Claims the key calls contradicted (false) that the checker calls supported: must be none. */
  falseSupported: number;
  /** A true or unverifiable claim called contradicted: the second-worst error, reported (not asserted). */
  falseContradicted: number;
  verdicts: Record<string, number>;
  /** Covered claims by the key's verdict and the checker's ("supported→unverifiable"): where verdicts go wrong. */
  confusion: Record<string, number>;
}
const empty = (): Tally => ({
  files: 0,
  expected: 0,
  found: 0,
  tp: 0,
  subjectMetric: 0,
  withVerdict: 0,
  verdictRight: 0,
  covered: 0,
  coveredRight: 0,
  falseSupported: 0,
  falseContradicted: 0,
  verdicts: {},
  confusion: {},
});

function articlePath(article: string): string | null {
  for (const p of [
    join(CORPUS, article),
    join(CORPUS, 'dev', article),
    join(SYNTHETIC, 'articles', article),
    join(FRESH, 'articles', article),
    join(FRESH2, 'articles', article),
    join(FRESH3, 'articles', article),
    join(FRESH4, 'articles', article),
    join(FRESH5, 'articles', article),
    join(FRESH6, 'articles', article),
  ])
    if (existsSync(p)) return p;
  return null;
}

type Set = '' | 'synth ' | 'fresh ' | 'fresh2 ' | 'fresh3 ' | 'fresh4 ' | 'fresh5 ' | 'fresh6 ';

/** Every key file: the real articles' (groups named by language and split), the synthetic set's ("synth …") and the fresh set's ("fresh …"). */
function keyFiles(): { path: string; set: Set }[] {
  const list = (dir: string, set: Set) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => ({ path: join(dir, f), set }))
      : [];
  return [
    ...list(KEY, ''),
    ...list(join(SYNTHETIC, 'keys'), 'synth '),
    ...list(join(FRESH, 'keys'), 'fresh '),
    ...list(join(FRESH2, 'keys'), 'fresh2 '),
    ...list(join(FRESH3, 'keys'), 'fresh3 '),
    ...list(join(FRESH4, 'keys'), 'fresh4 '),
    ...list(join(FRESH5, 'keys'), 'fresh5 '),
    ...list(join(FRESH6, 'keys'), 'fresh6 '),
  ];
}

test('claims against the answer key, per language and split', {
  skip: !existsSync(KEY) && 'no answer key at test/claims-key',
}, () => {
  const files = keyFiles();
  assert.ok(files.length > 0, 'the key has files');
  const tallies = new Map<string, Tally>();
  const misses: string[] = [];
  for (const { path: keyPath, set } of files) {
    const key = JSON.parse(readFileSync(keyPath, 'utf8')) as KeyFile;
    const path = articlePath(key.article);
    assert.ok(path, `${key.article} is in the corpus`);
    const raw = readFileSync(path, 'utf8');
    const doc: CheckedDocument = checker.check(key.article, raw, /\.html?$/i.test(path) ? 'html' : 'text');
    for (const c of doc.claims) assert.equal(doc.text.slice(c.start, c.end), c.quote, 'offsets point at the quote');
    for (const group of [`${set}${key.language} ${key.split}`, `${set}all ${key.split}`]) {
      const t = tallies.get(group) ?? empty();
      tallies.set(group, t);
      t.files++;
      t.expected += key.claims.length;
      t.found += doc.claims.length;
      const used = new Set<CheckedClaim>();
      // Claim-by-claim detail (misses, extras, wrong subject or metric) for the build split only.
      const tuned = key.split === 'build' || set === 'fresh ' || set === 'fresh4 ' || set === 'fresh5 ';
      const detail = !!process.env['CLAIMS_MISSES'] && /^((synth |fresh[45]? )?all)/.test(group) && tuned;
      for (const k of key.claims) {
        // Every occurrence of the quote: a key quote names one place, but may repeat verbatim elsewhere.
        const spans: [number, number][] = [];
        for (let at = doc.text.indexOf(k.quote); at >= 0 && spans.length < 10; at = doc.text.indexOf(k.quote, at + 1))
          spans.push([at, at + k.quote.length]);
        const close = (v: number) => Math.abs(v - k.value) <= 0.01 * Math.max(Math.abs(k.value), 1e-9);
        // Among the claims that match (same place, same value), one with the key's subject and metric first: one
        // figure said of two subjects is two key entries and two found claims, to be paired by subject.
        const candidates = doc.claims.filter(
          (c) => !used.has(c) && close(c.value) && spans.some(([s, e]) => c.start < e && c.end > s),
        );
        const hit = candidates.find((c) => subjectAgrees(k, c) && metricAgrees(k.metric, c.metric)) ?? candidates[0];
        if (!hit) {
          if (/^(synth |fresh[45]? )?all/.test(group) && tuned)
            misses.push(`${key.article}: "${k.quote}" (${k.value} ${k.unit}, ${k.metric})`);
          continue;
        }
        used.add(hit);
        t.tp++;
        const sm = subjectAgrees(k, hit) && metricAgrees(k.metric, hit.metric);
        if (sm) t.subjectMetric++;
        else if (detail)
          misses.push(
            `WRONG ${key.article}: "${k.quote}" key ${k.subject}/${k.metric} found ${hit.subject_name ?? hit.subject}/${hit.metric}`,
          );
        t.verdicts[hit.verdict] = (t.verdicts[hit.verdict] ?? 0) + 1;
        if (k.verdict) {
          t.withVerdict++;
          if (k.verdict === hit.verdict) t.verdictRight++;
          else if (detail)
            misses.push(
              `VERDICT ${key.article}: "${k.quote}" key ${k.verdict} found ${hit.verdict} (${hit.subject_name ?? hit.subject}/${hit.metric}/${hit.time ?? '-'}; key ${k.subject}/${k.metric})`,
            );
          if (k.data_covers) {
            t.covered++;
            const pair = `${k.verdict}→${hit.verdict}`;
            if (k.verdict !== hit.verdict) t.confusion[pair] = (t.confusion[pair] ?? 0) + 1;
            if (k.verdict === hit.verdict) t.coveredRight++;
          }
          if (k.verdict !== 'contradicted' && hit.verdict === 'contradicted') {
            t.falseContradicted++;
            // Read claim by claim only for the set named (CLAIMS_FALSE_CONTRADICTED=fresh3): a held-out set's are then
            // no longer unseen, which the report must say.
            if (process.env['CLAIMS_FALSE_CONTRADICTED'] === set.trim() && / all /.test(` ${group}`))
              misses.push(
                `FALSE CONTRADICTED ${key.article}: "${k.quote}" key ${k.verdict} (${k.subject}/${k.metric}) found ${hit.subject}/${hit.metric} ${hit.value} ${hit.unit}; ${hit.evidence[0]?.statement ?? ''}`,
              );
          }
          if (k.verdict === 'contradicted' && hit.verdict === 'supported') {
            t.falseSupported++;
            // Per-claim detail for the build split only: the holdout is read as numbers, never claim by claim.
            misses.push(
              tuned || process.env['CLAIMS_FALSE_SUPPORTED']
                ? `FALSE SUPPORTED ${key.article}: "${k.quote}" (found ${hit.subject}/${hit.metric} ${hit.value} ${hit.unit}; ${hit.evidence[0]?.statement ?? ''})`
                : `FALSE SUPPORTED (holdout)`,
            );
          }
        }
      }
      if (detail)
        for (const c of doc.claims)
          if (!used.has(c))
            misses.push(
              `EXTRA ${key.article}: "${c.quote}" (${c.value} ${c.unit}, ${c.metric}, ${c.subject_name ?? c.subject}) in "${c.sentence.slice(0, 80)}"`,
            );
    }
  }
  const pct = (a: number, b: number) => (b ? (a / b).toFixed(2) : ' n/a');
  const rows = [...tallies]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([g, t]) =>
        `${g.padEnd(22)} ${String(t.files).padStart(5)} ${String(t.expected).padStart(5)} ${String(t.found).padStart(5)} ${String(t.tp).padStart(5)}  ` +
        `${pct(t.tp, t.found)}      ${pct(t.tp, t.expected)}   ${pct(t.subjectMetric, t.tp)}        ${t.withVerdict ? pct(t.verdictRight, t.withVerdict) : ' n/a'}    ` +
        `${t.covered ? pct(t.coveredRight, t.covered) : ' n/a'} (${t.covered})   ${t.falseSupported}   ${t.falseContradicted}   ${JSON.stringify(t.verdicts)}`,
    );
  const table = [
    'group                  files   key found match  precision recall subj+metric verdict  covered(n)  false-supported  false-contradicted  verdicts found',
    ...rows,
  ].join('\n');
  console.log(`\n${table}\n`);
  // Where covered verdicts go wrong, per set and split (counts only).
  for (const [g, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b)))
    if (/^(?:\w+ )?all /.test(g) && Object.keys(t.confusion).length)
      console.log(`${g.padEnd(22)} wrong verdicts: ${JSON.stringify(t.confusion)}`);
  if (process.env['CLAIMS_MISSES']) console.log(misses.join('\n'));
  // Floors reached on the build split (the rules were tuned on it); the holdout split is reported above.
  const build = tallies.get('all build') as Tally;
  assert.ok(build.tp / build.found >= FLOORS.precision, `build precision ${pct(build.tp, build.found)}`);
  assert.ok(build.tp / build.expected >= FLOORS.recall, `build recall ${pct(build.tp, build.expected)}`);
  assert.ok(
    build.subjectMetric / Math.max(1, build.tp) >= FLOORS.subjectMetric,
    `build subject+metric ${pct(build.subjectMetric, build.tp)}`,
  );
  if (build.withVerdict)
    assert.ok(
      build.verdictRight / build.withVerdict >= FLOORS.verdict,
      `build verdicts ${pct(build.verdictRight, build.withVerdict)}`,
    );
  // The fresh set is built on since this round: what it reaches now holds (measured, rounded down).
  const fresh = tallies.get('fresh all fresh');
  if (fresh) {
    assert.ok(fresh.tp / fresh.found >= FRESH_FLOORS.precision, `fresh precision ${pct(fresh.tp, fresh.found)}`);
    assert.ok(fresh.tp / fresh.expected >= FRESH_FLOORS.recall, `fresh recall ${pct(fresh.tp, fresh.expected)}`);
    assert.ok(
      fresh.subjectMetric / Math.max(1, fresh.tp) >= FRESH_FLOORS.subjectMetric,
      `fresh subject+metric ${pct(fresh.subjectMetric, fresh.tp)}`,
    );
    assert.ok(
      fresh.verdictRight / Math.max(1, fresh.withVerdict) >= FRESH_FLOORS.verdict,
      `fresh verdicts ${pct(fresh.verdictRight, fresh.withVerdict)}`,
    );
  }
  // A false claim is never called supported, on either split.
  for (const [g, t] of tallies) assert.equal(t.falseSupported, 0, `${g}: false claims called supported`);
});

/** What the build split reaches today (measured, rounded down); raise them as the rules improve. */
const FLOORS = { precision: 0.9, recall: 0.9, subjectMetric: 0.8, verdict: 0.8 };
const FRESH_FLOORS = { precision: 0.96, recall: 0.9, subjectMetric: 0.8, verdict: 0.83 };
