/**
 * @module
 * Open models and traffic: the Interconnects (ATOM) tracked open-model list with its organisation regions,
 * Hugging Face top-model download counts, and OpenRouter usage snapshots.
 */
import { readdirSync } from 'node:fs';
import type { Row } from '../schema.ts';
import { countryFromRegion } from '../attribution.ts';
import { modelKey } from '../identity.ts';
import { openModelRow } from '../../formats/hf.ts';
import { sentinelPrice, tierOfVariant } from '../../formats/tiers.ts';
import {
  at,
  emptyOutput,
  observe,
  part,
  readCsv,
  readJson,
  repoSource,
  toDate,
  toInt,
  toNumber,
  type Importer,
} from './common.ts';

/** The source of the ATOM Project's list: a census of open-weight models and their makers, not a sample. */
export const TRACKED_MODELS_SOURCE = 'interconnects-tracked-models';

/** Interconnects-AI/tracked-models: the ATOM Project's tracked open-weight models. */
export const interconnects: Importer = {
  name: 'adoption/Interconnects-AI__tracked-models',
  origin: 'huggingface',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const source_id = TRACKED_MODELS_SOURCE;
    const snapshot = '2026-08-17';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'ATOM Project tracked open models and organisation regions',
        publisher: 'Interconnects (Nathan Lambert)',
        repo: 'Interconnects-AI/tracked-models',
        commit: '3cd80206db5e47d4a3d0972700ace1815e508778',
        published: snapshot,
        retrieved: snapshot,
        license: 'Apache-2.0',
        notes: 'No download counts: the ATOM download series come from private Hugging Face data.',
      }),
    );
    const regions = new Map<string, string>();
    for (const r of readCsv(at(dir, 'metadata', 'organization_regions.csv'))) {
      if (r['hf_org']) regions.set(r['hf_org'].toLowerCase(), countryFromRegion(r['region'] ?? ''));
    }
    const params = new Map(readCsv(at(dir, 'metadata', 'model_parameters.csv')).map((r) => [r['model_id'] ?? '', r]));
    const releases = new Map(
      readCsv(at(dir, 'metadata', 'release_date_corrections.csv')).map((r) => [
        r['model_id'] ?? '',
        toDate(r['actual_release_date']),
      ]),
    );
    const rows: Row<'open_models'>[] = [];
    const seen = new Set<string>();
    for (const file of ['models.csv', 'extra_models.csv']) {
      for (const r of readCsv(at(dir, file))) {
        const hub = r['modelId'];
        if (!hub || seen.has(hub)) continue;
        seen.add(hub);
        const ns = hub.split('/')[0] ?? '';
        const p = params.get(hub);
        rows.push({
          hub_id: hub,
          model_id: modelKey(hub),
          organization_id: ns,
          country: regions.get(ns.toLowerCase()) ?? 'unknown',
          base_models: [],
          relation: null,
          downloads: null,
          downloads_all_time: null,
          likes: null,
          created: null,
          release_date: releases.get(hub) ?? null,
          parameters_b: toNumber(p?.['total_params_b']),
          active_parameters_b: toNumber(p?.['active_params_b']),
          snapshot_date: snapshot,
          source_id,
        });
        out.observations.push(
          observe(hub, 'huggingface', source_id, {
            hf_org: ns,
            open_weights: true,
            country: regions.has(ns.toLowerCase())
              ? { code: regions.get(ns.toLowerCase()) ?? 'unknown', note: null }
              : null,
            release_date: releases.get(hub) ?? null,
            parameters_b: toNumber(p?.['total_params_b']),
            active_parameters_b: toNumber(p?.['active_params_b']),
          }),
        );
      }
    }
    out.parts.push(
      part(
        'open_models',
        'interconnects-tracked',
        'ATOM tracked open-weight models (Interconnects)',
        source_id,
        rows,
        'organization_id holds the Hugging Face namespace here and is resolved to the attribution table at import.',
      ),
    );
    return out;
  },
};

/** sui414/openrouter-pricing-data: OpenRouter activity and rankings, plus one Hugging Face download snapshot. */
export const openrouterMarket: Importer = {
  name: 'adoption/sui414__openrouter-pricing-data',
  origin: 'openrouter',
  run(root) {
    const dir = at(root, this.name);
    const out = emptyOutput();
    const source_id = 'openrouter-market-sui414';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'AI Inference Market Dataset (OpenRouter models, activity, rankings)',
        publisher: 'sui414 (data: OpenRouter public API)',
        repo: 'sui414/openrouter-pricing-data',
        commit: '83ec0dd32d3c132382396cf19f27568a4c42ae99',
        published: '2026-08-08',
        retrieved: '2026-08-08',
        license: 'none stated: no LICENSE; facts collected from OpenRouter\u2019s public API',
      }),
    );
    const hf_source = 'hf-top-models-2026-07-28';
    out.sources.push(
      repoSource({
        id: hf_source,
        title: 'Hugging Face top models: parameters and 30-day downloads (2026-07-28)',
        publisher: 'sui414 (data: Hugging Face Hub API)',
        repo: 'sui414/openrouter-pricing-data',
        commit: '83ec0dd32d3c132382396cf19f27568a4c42ae99',
        path: 'data-static/hf_top_models_params_2026-07-28.json',
        published: '2026-07-28',
        retrieved: '2026-08-08',
        license: 'none stated: no LICENSE; facts from the Hugging Face Hub API',
        notes: 'downloads is Hugging Face\u2019s rolling 30-day count on one day.',
      }),
    );
    const csv = at(dir, 'data', 'csv');
    const usageRow = (r: Record<string, string>, date: string, window: 'day' | 'month', slug: string): Row<'usage'> => {
      const prompt = toNumber(r['total_prompt_tokens']);
      const completion = toNumber(r['total_completion_tokens']);
      return {
        date,
        window,
        model_id: modelKey(slug),
        model_raw: slug,
        author: slug.split('/')[0] ?? null,
        variant: r['variant'] || null,
        prompt_tokens: prompt,
        completion_tokens: completion,
        reasoning_tokens: toNumber(r['total_native_tokens_reasoning']),
        cached_tokens: toNumber(r['total_native_tokens_cached']),
        total_tokens: prompt === null && completion === null ? null : (prompt ?? 0) + (completion ?? 0),
        requests: toNumber(r['request_count']),
        source_id,
      };
    };
    const daily: Row<'usage'>[] = [];
    for (const r of readCsv(at(csv, 'model_activity.csv'))) {
      const date = toDate(r['date']);
      const slug = r['permaslug'] || r['model_slug'];
      if (date && slug) daily.push(usageRow(r, date, 'day', slug));
    }
    out.parts.push(
      part(
        'usage',
        'openrouter-activity-daily',
        'OpenRouter daily tokens and requests per model (2026-06 → 2026-08)',
        source_id,
        daily,
        'total_tokens = prompt + completion tokens.',
      ),
    );
    const monthly: Row<'usage'>[] = [];
    for (const r of readCsv(at(csv, 'model_rankings.csv'))) {
      const date = toDate(r['date']);
      const slug = r['model_permaslug'];
      if (date && slug) monthly.push(usageRow(r, date, 'month', slug));
    }
    out.parts.push(
      part(
        'usage',
        'openrouter-rankings-monthly',
        'OpenRouter trailing-month totals per model (rankings)',
        source_id,
        monthly,
        'Each row is a trailing-month total. Dense coverage only 2026-07-19 → 2026-08-07; earlier dates are sparse; 2026-08-05 is broken upstream (4 rows).',
      ),
    );
    // Artificial Analysis quality indices carried in the model list: the latest snapshot's value per model.
    const quality = new Map<string, Row<'benchmark_results'>>();
    for (const f of readdirSync(at(csv, 'models')).sort()) {
      for (const r of readCsv(at(csv, 'models', f))) {
        const slug = r['permaslug'] || r['id'];
        if (!slug) continue;
        out.observations.push(
          observe(slug, 'openrouter', source_id, {
            organization: r['author'] || null,
            context_tokens: toInt(r['context_length']),
            release_date: toDate(r['created_at']),
          }),
        );
        for (const [column, name] of [
          ['aa_intelligence', 'Artificial Analysis Intelligence Index'],
          ['aa_coding', 'Artificial Analysis Coding Index'],
          ['aa_agentic', 'Artificial Analysis Agentic Index'],
        ] as const) {
          const score = toNumber(r[column]);
          if (score === null) continue;
          const slugBase = slug.replace(/:[^:]*$/, '');
          quality.set(`${column}|${slugBase}`, {
            benchmark: column,
            metric: `${name} (via OpenRouter, ${r['scrape_date']})`,
            setting: null,
            model_id: modelKey(slugBase),
            model_raw: slugBase,
            score,
            stderr: null,
            release_date: toDate(r['created_at']),
            organization_raw: r['author'] || null,
            source_id,
          });
        }
      }
    }
    out.parts.push(
      part(
        'benchmark_results',
        'openrouter-aa-indices',
        'Artificial Analysis quality indices carried in the OpenRouter model list',
        source_id,
        [...quality.values()],
        'Indices computed by Artificial Analysis and shown by OpenRouter; the latest snapshot per model (2026-08-08 over 2026-07-17). release_date is the OpenRouter listing date (created_at).',
      ),
    );
    const hf = readJson(at(dir, 'data-static', 'hf_top_models_params_2026-07-28.json')) as {
      model: string;
      params: number | null;
      downloads: number | null;
      moe: boolean | null;
    }[];
    out.parts.push(
      part(
        'open_models',
        'hf-top-models-2026-07-28',
        'Hugging Face top open models: 30-day downloads on 2026-07-28',
        hf_source,
        hf.map((m) =>
          openModelRow(
            {
              hub_id: m.model,
              organization_id: m.model.split('/')[0] ?? null,
              downloads: m.downloads,
              parameters_b: typeof m.params === 'number' ? m.params / 1e9 : null,
            },
            '2026-07-28',
            hf_source,
          ),
        ),
        'downloads are Hugging Face\u2019s rolling 30-day counts; country filled from the attribution table at import.',
      ),
    );
    for (const m of hf)
      out.observations.push(
        observe(m.model, 'huggingface', hf_source, { hf_org: m.model.split('/')[0] ?? '', open_weights: true }),
      );
    return out;
  },
};

interface WeeklyModel {
  slug: string;
  name: string;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  cached_tokens: number;
  request_count: number;
  prompt_price: number | null;
  completion_price: number | null;
  cache_read_price: number | null;
  is_free: boolean;
}

/** johnbean393/openrouter-inference-stats: OpenRouter's weekly top 10 by tokens, with prices. */
export const openrouterWeekly: Importer = {
  name: 'adoption/johnbean393__openrouter-inference-stats',
  origin: 'openrouter',
  run(root) {
    const dir = at(root, this.name, 'data');
    const out = emptyOutput();
    const source_id = 'openrouter-weekly-top10';
    out.sources.push(
      repoSource({
        id: source_id,
        title: 'OpenRouter weekly top-10 model usage and prices',
        publisher: 'johnbean393 (data: openrouter.ai rankings)',
        repo: 'johnbean393/openrouter-inference-stats',
        commit: '02966a2eb8a98972f942d1abe5a5d7a80fc479f9',
        published: '2026-05-11',
        retrieved: '2026-05-11',
        license: 'none stated: no LICENSE; facts scraped from openrouter.ai',
        notes:
          'Top 10 only (9 before 2026-02-16): shares are within the top 10, not of the market. Earlier weeks were removed upstream as fabricated and are not used.',
      }),
    );
    const usageRows: Row<'usage'>[] = [];
    const priceRows: Row<'prices'>[] = [];
    const open = new Map<string, Row<'prices'>>();
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      const doc = readJson(at(dir, f)) as { date: string; models: WeeklyModel[] };
      const date = toDate(doc.date);
      if (!date) continue;
      for (const m of doc.models) {
        const zeroSplit = !m.prompt_tokens && !m.completion_tokens;
        usageRows.push({
          date,
          window: 'week',
          model_id: modelKey(m.slug),
          model_raw: m.slug,
          author: m.slug.split('/')[0] ?? null,
          variant: m.slug.endsWith(':free') ? 'free' : null,
          prompt_tokens: zeroSplit ? null : m.prompt_tokens,
          completion_tokens: zeroSplit ? null : m.completion_tokens,
          reasoning_tokens: zeroSplit ? null : m.reasoning_tokens,
          cached_tokens: zeroSplit ? null : m.cached_tokens,
          total_tokens: m.total_tokens,
          requests: m.request_count || null,
          source_id,
        });
        out.observations.push(observe(m.slug, 'openrouter', source_id, { organization: m.slug.split('/')[0] ?? null }));
        if (m.prompt_price === null || m.completion_price === null) continue;
        const key = m.slug;
        const inP = sentinelPrice(m.prompt_price);
        const outP = sentinelPrice(m.completion_price);
        const input = inP.value;
        const output = outP.value;
        const prev = open.get(key);
        if (prev && prev.input_usd_per_mtok === input && prev.output_usd_per_mtok === output) continue;
        if (prev) prev.valid_to = date;
        const row: Row<'prices'> = {
          model_id: modelKey(m.slug),
          model_raw: m.slug,
          provider: 'openrouter',
          first_party: false,
          input_usd_per_mtok: input,
          output_usd_per_mtok: output,
          cache_read_usd_per_mtok: sentinelPrice(m.cache_read_price).value,
          context_tokens: null,
          tier: tierOfVariant(null, m.slug),
          note: inP.note ?? outP.note,
          valid_from: date,
          valid_to: null,
          source_id,
        };
        open.set(key, row);
        priceRows.push(row);
      }
    }
    out.parts.push(
      part(
        'usage',
        'openrouter-weekly-top10',
        'OpenRouter weekly top-10 token volumes (2025-11 → 2026-05)',
        source_id,
        usageRows,
        'Weekly totals from the rankings chart; the prompt/completion split is zero upstream for most weeks and is stored as unknown.',
      ),
    );
    out.parts.push(
      part(
        'prices',
        'openrouter-weekly-top10',
        'OpenRouter prices of the weekly top-10 models',
        source_id,
        priceRows,
        'USD per million tokens; a new row starts when the weekly price changes. valid_to is open for the last price seen.',
      ),
    );
    return out;
  },
};
