/**
 * @module
 * Epoch AI: the Benchmarking Hub export (Epoch-run and external benchmarks, the Epoch Capabilities Index)
 * into `benchmark_results`, and the Notable AI Models table into model observations.
 */
import { readdirSync } from 'node:fs';
import type { Row } from '../schema.ts';
import { countryFromName } from '../attribution.ts';
import { modelKey } from '../identity.ts';
import { at, emptyOutput, observe, part, readCsv, repoSource, toDate, toNumber, type Importer } from './common.ts';

/** Columns that describe a run, not its score; the score is the first column after `Model version` that is not one. */
const SETTING_COLUMNS = ['Scaffold', 'Tools', 'Agent'];
/** Columns that hold the standard error, where a file has one. */
const STDERR_COLUMNS = ['stderr', 'Accuracy Standard Error', 'Accuracy SE', 'Pass@1 Standard Error', 'Average Standard error'];

/** Which open-weights answer an Epoch "Model accessibility" value gives. */
export function openWeightsFromAccessibility(v: string | undefined): boolean | null {
  if (!v) return null;
  const l = v.toLowerCase();
  if (l.includes('open weights')) return true;
  if (/api access|hosted|unreleased/.test(l)) return false;
  return null;
}

export const epochBenchmarks: Importer = {
  name: 'leaderboards/madhu24raj__bayes-llm-saturation',
  origin: 'epoch',
  run(root) {
    const dir = at(root, this.name, 'benchmark_data');
    const out = emptyOutput();
    const source_id = 'epoch-benchmarking-hub';
    out.sources.push(repoSource({
      id: source_id, title: 'Epoch AI, AI Benchmarking Hub (benchmark_data export)', publisher: 'Epoch AI', repo: 'madhu24raj/bayes-llm-saturation',
      commit: '8698b9ba92fdb58d51d67f4828376b7adca29afa', published: '2026-04-16', retrieved: '2026-04-19', license: 'CC BY 4.0',
      notes: 'Data: Epoch AI (epoch.ai/benchmarks), mirrored in madhu24raj/bayes-llm-saturation. *_external files are results Epoch collected from other leaderboards.',
    }));
    const rows: Row<'benchmark_results'>[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
      const records = readCsv(at(dir, file));
      const header = Object.keys(records[0] ?? {});
      const settingCol = header.find((h) => SETTING_COLUMNS.includes(h)) ?? null;
      const scoreCol = header.slice(1).find((h) => !SETTING_COLUMNS.includes(h) && h !== 'Release date');
      if (!scoreCol || header[0] !== 'Model version') continue; // metadata files (difficulties, scaling) are not results
      if (!header.includes('Release date')) continue;
      const stderrCol = header.find((h) => STDERR_COLUMNS.includes(h)) ?? null;
      const benchmark = file.replace(/\.csv$/, '').replace(/_external$/, '');
      let empty = 0;
      for (const r of records) {
        const raw = r['Model version'];
        const score = toNumber(r[scoreCol]);
        if (!raw || score === null) {
          empty++;
          continue;
        }
        rows.push({
          benchmark, metric: scoreCol, setting: settingCol ? r[settingCol] || null : null, model_id: modelKey(raw), model_raw: raw, score,
          stderr: stderrCol ? toNumber(r[stderrCol]) : null, release_date: toDate(r['Release date']), organization_raw: r['Organization'] || null, source_id,
        });
        out.observations.push(observe(raw, 'epoch', source_id, {
          organization: r['Organization'] || null, country: countryFromName(r['Country']), release_date: toDate(r['Release date']),
          open_weights: openWeightsFromAccessibility(r['Model accessibility']),
        }));
      }
      if (empty) out.skipped.push({ dataset: `epoch-${benchmark}`, reason: `no ${scoreCol} value`, count: empty });
    }
    out.parts.push(part('benchmark_results', 'epoch-benchmarks', 'Epoch AI Benchmarking Hub results and Capabilities Index', source_id, rows,
      'One row per (benchmark, model version, setting). `metric` names the score column; scores keep the source scale (0–1 fractions, percentages or index points).'));
    return out;
  },
};

export const epochNotable: Importer = {
  name: 'leaderboards/mxschons__sobe-2025-data-repository',
  origin: 'epoch',
  run(root) {
    const out = emptyOutput();
    const source_id = 'epoch-notable-models';
    out.sources.push(repoSource({
      id: source_id, title: 'Epoch AI, Notable AI Models', publisher: 'Epoch AI', repo: 'mxschons/sobe-2025-data-repository',
      commit: '3ba35a61b33af611f478a27ee37d03a31d0e09d0', published: '2026-01-26', retrieved: '2026-01-26', license: 'CC BY 4.0',
      notes: 'Data: Epoch AI (epoch.ai/data/notable-ai-models), mirrored in mxschons/sobe-2025-data-repository.',
    }));
    const path = at(root, this.name, 'data', 'external', 'epoch-ai', 'notable-ai-models.csv');
    for (const r of readCsv(path)) {
      const raw = r['Model']?.trim();
      if (!raw) continue;
      const params = toNumber(r['Parameters']);
      out.observations.push(observe(raw, 'epoch', source_id, {
        organization: r['Organization'] || null, country: countryFromName(r['Country (of organization)']), release_date: toDate(r['Publication date']),
        open_weights: openWeightsFromAccessibility(r['Model accessibility']), parameters_b: params === null ? null : params / 1e9,
      }));
    }
    return out;
  },
};
