/**
 * @module
 * Epoch AI: the Benchmarking Hub export (Epoch-run and external benchmarks, the Epoch Capabilities Index)
 * into `benchmark_results`, and the Notable AI Models table into model observations.
 */
import { readdirSync } from 'node:fs';
import type { Row } from '../schema.ts';
import { at, emptyOutput, part, readCsv, repoSource, type Importer } from './common.ts';
import { epochResults, notableObservations, openWeightsFromAccessibility } from '../../formats/epoch.ts';

export { openWeightsFromAccessibility };

export const epochBenchmarks: Importer = {
  name: 'leaderboards/madhu24raj__bayes-llm-saturation',
  origin: 'epoch',
  run(root) {
    const dir = at(root, this.name, 'benchmark_data');
    const out = emptyOutput();
    const source_id = 'epoch-benchmarking-hub';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'Epoch AI, AI Benchmarking Hub (benchmark_data export)',
        publisher: 'Epoch AI',
        repo: 'madhu24raj/bayes-llm-saturation',
        commit: '8698b9ba92fdb58d51d67f4828376b7adca29afa',
        published: '2026-04-16',
        retrieved: '2026-04-19',
        license: 'CC BY 4.0',
        notes:
          'Data: Epoch AI (epoch.ai/benchmarks), mirrored in madhu24raj/bayes-llm-saturation. *_external files are results Epoch collected from other leaderboards.',
      }),
    );
    const rows: Row<'benchmark_results'>[] = [];
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const benchmark = file.replace(/\.csv$/, '').replace(/_external$/, '');
      const got = epochResults(readCsv(at(dir, file)), benchmark, source_id);
      if (!got) continue; // metadata files (difficulties, scaling) are not results
      for (const r of got.rows) rows.push(r);
      for (const o of got.observations) out.observations.push(o);
      if (got.empty)
        out.skipped.push({ dataset: `epoch-${benchmark}`, reason: `no ${got.scoreCol} value`, count: got.empty });
    }
    out.parts.push(
      part(
        'benchmark_results',
        'epoch-benchmarks',
        'Epoch AI Benchmarking Hub results and Capabilities Index',
        source_id,
        rows,
        'One row per (benchmark, model version, setting). `metric` names the score column; scores keep the source scale (0–1 fractions, percentages or index points).',
      ),
    );
    return out;
  },
};

export const epochNotable: Importer = {
  name: 'leaderboards/mxschons__sobe-2025-data-repository',
  origin: 'epoch',
  run(root) {
    const out = emptyOutput();
    const source_id = 'epoch-notable-models';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'Epoch AI, Notable AI Models',
        publisher: 'Epoch AI',
        repo: 'mxschons/sobe-2025-data-repository',
        commit: '3ba35a61b33af611f478a27ee37d03a31d0e09d0',
        published: '2026-01-26',
        retrieved: '2026-01-26',
        license: 'CC BY 4.0',
        notes: 'Data: Epoch AI (epoch.ai/data/notable-ai-models), mirrored in mxschons/sobe-2025-data-repository.',
      }),
    );
    const path = at(root, this.name, 'data', 'external', 'epoch-ai', 'notable-ai-models.csv');
    for (const o of notableObservations(readCsv(path), source_id)) out.observations.push(o);
    return out;
  },
};
