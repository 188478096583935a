/**
 * @module
 * Open-model lineage samples into `open_models` (base model and relation per Hub model): the Open LLM
 * Leaderboard v2 submissions (fboulnois CSV) and eight Hugging Face model trees crawled in April 2025
 * (hamidahoderinwale/model_metadata_analyses). Both are samples, not a census of the Hub: each part says
 * what it is a sample of, and the derivatives view reports each on its own.
 */
import type { Row } from '../schema.ts';
import { modelKey } from '../identity.ts';
import { parseRelation } from '../../adoption/lineage.ts';
import { at, emptyOutput, part, readCsv, repoSource, toDate, toInt, toNumber, type Importer } from './common.ts';

type OpenModel = Row<'open_models'>;

/** What each lineage source is a sample of, for every view that reports it. */
export const LINEAGE_SAMPLES: Record<string, string> = {
  'openllm-v2-lineage':
    'models submitted to the Hugging Face Open LLM Leaderboard v2 (uploads 2022-03 to 2025-03, most 2024-H2 to 2025-Q1), biased to merges and 7-14B fine-tunes; a sample, not a Hub census; no download counts',
  'hf-model-trees-2025-04':
    'eight Hugging Face model trees crawled 2025-04-05 to 2025-04-22 (DeepSeek-R1, DeepSeek-V3, Llama-2-7b, Llama-2-7b-chat-hf, Llama-4-Scout, Mistral-Small-24B-Base, Janus-Pro-7B, EXAONE-Deep-32B), truncated crawls, no Qwen tree; a sample, not a Hub census',
};

/**
 * Rule: the leaderboard's own columns give the relation: an Adapter weight type is an adapter; a merge flag or the
 * "merges and MoErges" type a merge; generation 0 the base; anything else with a base a fine-tune.
 */
export function openLlmRelation(r: Record<string, string>): OpenModel['relation'] {
  if ((r['metadata_generation'] ?? '0') === '0') return 'base';
  if (/adapter/i.test(r['model_weight_type'] ?? '')) return 'adapter';
  if (/true/i.test(r['features_is_merged'] ?? '') || /merge/i.test(r['model_type'] ?? '')) return 'merge';
  return 'finetune';
}

export const openLlmLineage: Importer = {
  name: 'adoption/fboulnois__llm-leaderboard-csv__openllm_v2',
  origin: 'huggingface',
  run(root) {
    const out = emptyOutput();
    const source_id = 'openllm-v2-lineage';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'Open LLM Leaderboard v2 submissions: base model, relation, upload date (last CSV version)',
        publisher: 'fboulnois (data: Hugging Face Open LLM Leaderboard)',
        repo: 'fboulnois/llm-leaderboard-csv',
        commit: 'b2d67d9157535832a3adb35773f3a7c49425059a',
        path: 'csv/huggingface_v2.csv',
        published: '2025-06-09',
        retrieved: '2025-06-09',
        license: 'MPL-2.0 (repository); leaderboard data by Hugging Face (Space declared apache-2.0)',
        notes: `Lineage sample: ${LINEAGE_SAMPLES[source_id]}.`,
      }),
    );
    // One row per model: several submissions (precision, sha) of a model keep the latest.
    const latest = new Map<string, Record<string, string>>();
    const all = readCsv(at(root, this.name, 'huggingface_v2.csv'));
    for (const r of all) {
      const hub = r['model_name'];
      if (!hub) continue;
      const prev = latest.get(hub);
      if (!prev || (r['metadata_submission_date'] ?? '') >= (prev['metadata_submission_date'] ?? ''))
        latest.set(hub, r);
    }
    let removed = 0;
    const rows: OpenModel[] = [];
    for (const [hub, r] of latest) {
      const base = r['metadata_base_model'] ?? '';
      const relation = openLlmRelation(r);
      if (base === 'Removed') removed++;
      rows.push({
        hub_id: hub,
        model_id: modelKey(hub),
        organization_id: hub.split('/')[0] ?? null,
        country: 'unknown',
        base_models: base && base !== hub && base !== 'Removed' && relation !== 'base' ? [base] : [],
        relation,
        downloads: null,
        downloads_all_time: null,
        likes: toInt(r['metadata_hub_hearts']),
        created: toDate(r['metadata_upload_date']),
        release_date: null,
        parameters_b: toNumber(r['metadata_params_billions']),
        active_parameters_b: null,
        snapshot_date: '2025-06-09',
        source_id,
      });
    }
    rows.sort((a, b) => a.hub_id.localeCompare(b.hub_id));
    out.skipped.push({
      dataset: 'openllm-v2-lineage',
      reason: 'further submissions of a model already kept (another precision or revision)',
      count: all.length - latest.size,
    });
    out.parts.push(
      part(
        'open_models',
        'openllm-v2-lineage',
        'Open LLM Leaderboard v2: model lineage (base model, relation)',
        source_id,
        rows,
        `One row per model (latest submission). ${removed} models name a base that was removed from the Hub: kept without a base. Not a Hub census: ${LINEAGE_SAMPLES[source_id]}.`,
      ),
    );
    return out;
  },
};

/** Parents and relation from the crawl's `base_model:` tags (`base_model:finetune:X` carries the relation). */
export function parseBaseTags(tags: string): { base_models: string[]; relation: OpenModel['relation'] } {
  const bases: string[] = [];
  let relation: OpenModel['relation'] = null;
  for (const t of tags
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x.startsWith('base_model:'))) {
    const rest = t.slice('base_model:'.length);
    const m = /^(finetune|adapter|merge|quantized):(.+)$/.exec(rest);
    if (m) {
      relation ??= parseRelation(m[1]);
      bases.push(m[2] as string);
    } else bases.push(rest);
  }
  const base_models = [...new Set(bases)];
  return {
    base_models,
    relation: relation ?? (base_models.length > 1 ? 'merge' : base_models.length ? 'finetune' : null),
  };
}

export const modelTrees: Importer = {
  name: 'adoption/hamidahoderinwale__model_metadata_analyses',
  origin: 'huggingface',
  run(root) {
    const out = emptyOutput();
    const source_id = 'hf-model-trees-2025-04';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'Hugging Face model trees (8 roots) with 30-day downloads, crawled April 2025 (compacted)',
        publisher: 'H. Oderinwale et al., McGill (data: Hugging Face Hub API)',
        repo: 'hamidahoderinwale/model_metadata_analyses',
        commit: '48e8523e9df095283cc5351600db85f531c6c4cc',
        published: '2025-04-22',
        retrieved: '2025-08-06',
        license: 'none stated: no LICENSE in the repository; Hub API metadata, attributed',
        notes: `Lineage sample: ${LINEAGE_SAMPLES[source_id]}. Each row names its source commit and path upstream (model_trees_compact.csv).`,
      }),
    );
    const seen = new Set<string>();
    let dup = 0;
    const rows: OpenModel[] = [];
    for (const r of readCsv(at(root, this.name, 'model_trees_compact.csv'))) {
      const hub = r['model_id'];
      if (!hub) continue;
      if (seen.has(hub)) {
        dup++;
        continue;
      }
      seen.add(hub);
      const { base_models, relation } = parseBaseTags(r['base_model_tags'] ?? '');
      rows.push({
        hub_id: hub,
        model_id: modelKey(hub),
        organization_id: r['author'] || (hub.split('/')[0] ?? null),
        country: 'unknown',
        base_models,
        relation: (r['depth'] ?? '0') === '0' && base_models.length === 0 ? 'base' : relation,
        downloads: toInt(r['downloads_30d']),
        downloads_all_time: toInt(r['downloads_all_time']),
        likes: toInt(r['likes']),
        created: toDate(r['created_at']),
        release_date: null,
        parameters_b: null,
        active_parameters_b: null,
        snapshot_date: '2025-04-22',
        source_id,
      });
    }
    rows.sort((a, b) => a.hub_id.localeCompare(b.hub_id));
    out.parts.push(
      part(
        'open_models',
        'hf-model-trees-2025-04',
        'Hugging Face model trees with 30-day downloads (April 2025 crawls)',
        source_id,
        rows,
        `One row per model; downloads are the Hub's last-30-days count at crawl time (trees crawled 2025-04-05 to 2025-04-22, dated by the last crawl). Not a Hub census: ${LINEAGE_SAMPLES[source_id]}.`,
      ),
    );
    out.skipped.push({
      dataset: 'hf-model-trees-2025-04',
      reason: 'model listed in two trees (kept in the first)',
      count: dup,
    });
    return out;
  },
};
