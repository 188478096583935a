/**
 * @module
 * Epoch AI's CSV formats, shared by the importer (the Benchmarking Hub export) and the connector (the live
 * epoch.ai files): a benchmark results file (first column `Model version`, a score column, `Release date`,
 * optional setting and standard-error columns) and the Notable AI Models table. Pure: records in, rows out.
 */
import { countryFromName } from '../data/attribution.ts';
import { modelKey } from '../data/identity.ts';
import { observe, toDate, toNumber, type Observation } from '../data/import/common.ts';
import type { Row } from '../data/schema.ts';

/** Columns that describe a run, not its score; the score is the first column after `Model version` that is not one. */
const SETTING_COLUMNS = ['Scaffold', 'Tools', 'Agent'];
/** Columns that hold the standard error, where a file has one. */
const STDERR_COLUMNS = [
  'stderr',
  'Accuracy Standard Error',
  'Accuracy SE',
  'Pass@1 Standard Error',
  'Average Standard error',
];

/** The columns the connector relies on; upstream has renamed columns before. */
export const EPOCH_COLUMNS = {
  eci: ['Model version', 'ECI Score', 'Release date', 'Organization', 'Country'],
  notable: ['Model', 'Organization', 'Publication date', 'Country (of organization)', 'Model accessibility'],
};

/** Which open-weights answer an Epoch "Model accessibility" value gives. */
export function openWeightsFromAccessibility(v: string | undefined): boolean | null {
  if (!v) return null;
  const l = v.toLowerCase();
  if (l.includes('open weights')) return true;
  if (/api access|hosted|unreleased/.test(l)) return false;
  return null;
}

export interface EpochResults {
  scoreCol: string;
  rows: Row<'benchmark_results'>[];
  observations: Observation[];
  /** Records without a model or a score. */
  empty: number;
}

/** Rows of one results file, or null when the file is not a results file (difficulties, scaling metadata). */
export function epochResults(
  records: Record<string, string>[],
  benchmark: string,
  source_id: string,
): EpochResults | null {
  const header = Object.keys(records[0] ?? {});
  const settingCol = header.find((h) => SETTING_COLUMNS.includes(h)) ?? null;
  const scoreCol = header.slice(1).find((h) => !SETTING_COLUMNS.includes(h) && h !== 'Release date');
  if (!scoreCol || header[0] !== 'Model version') return null;
  if (!header.includes('Release date')) return null;
  const stderrCol = header.find((h) => STDERR_COLUMNS.includes(h)) ?? null;
  const out: EpochResults = { scoreCol, rows: [], observations: [], empty: 0 };
  for (const r of records) {
    const raw = r['Model version'];
    const score = toNumber(r[scoreCol]);
    if (!raw || score === null) {
      out.empty++;
      continue;
    }
    out.rows.push({
      benchmark,
      metric: scoreCol,
      setting: settingCol ? r[settingCol] || null : null,
      model_id: modelKey(raw),
      model_raw: raw,
      score,
      stderr: stderrCol ? toNumber(r[stderrCol]) : null,
      release_date: toDate(r['Release date']),
      organization_raw: r['Organization'] || null,
      source_id,
    });
    out.observations.push(
      observe(raw, 'epoch', source_id, {
        organization: r['Organization'] || null,
        country: countryFromName(r['Country']),
        release_date: toDate(r['Release date']),
        open_weights: openWeightsFromAccessibility(r['Model accessibility']),
      }),
    );
  }
  return out;
}

/** Model observations from the Notable AI Models table. */
export function notableObservations(records: Record<string, string>[], source_id: string): Observation[] {
  const out: Observation[] = [];
  for (const r of records) {
    const raw = r['Model']?.trim();
    if (!raw) continue;
    const params = toNumber(r['Parameters']);
    out.push(
      observe(raw, 'epoch', source_id, {
        organization: r['Organization'] || null,
        country: countryFromName(r['Country (of organization)']),
        release_date: toDate(r['Publication date']),
        open_weights: openWeightsFromAccessibility(r['Model accessibility']),
        parameters_b: params === null ? null : params / 1e9,
      }),
    );
  }
  return out;
}
