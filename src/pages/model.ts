/**
 * @module
 * One page per model (/models/{id}): identity across sources (aliases), organization, country, release,
 * open weights, licence; leaderboard ratings over time with rank and interval; benchmark results; prices
 * by provider over time; share of OpenRouter traffic; derivatives on Hugging Face. Every number names its
 * source. Plus /models: the searchable list.
 */
import type { ChartSpec, Series } from '../charts/spec.ts';
import { model as modelOp } from '../models/op.ts';
import { NotFoundError } from '../ops/operation.ts';
import { models as modelsOp } from '../catalog/op.ts';
import { esc, num, opDeps, orgName, type Cell, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';

const PALETTE = ['#1f5fa8', '#c8332b', '#2a8c4a', '#8a6d3b', '#6b4fa0', '#d17a00', '#008080', '#999999'];
const BOARD: Record<string, 'board_text' | 'board_style' | 'board_vision'> = {
  'lmarena-text': 'board_text',
  'lmarena-text-style-control': 'board_style',
  'lmarena-vision': 'board_vision',
};
const CAT: Record<string, 'cat_coding' | 'cat_chinese'> = { coding: 'cat_coding', chinese: 'cat_chinese' };
const rankOf = (b: string, cat: string) => (b === 'lmarena-text' ? 0 : 1) * 10 + (cat === 'full' ? 0 : 1);
// Benchmark names are proper names from the source, in English.
const benchName = (b: { benchmark: string; setting: string | null }): Cell => {
  const text = b.benchmark.replace(/_/g, ' ') + (b.setting ? ` (${b.setting})` : '');
  return { html: `<span lang="en">${esc(text)}</span>`, text };
};
const bool = (doc: Doc, b: unknown) => (b === true ? doc.t('yes') : b === false ? doc.t('no') : doc.t('unknown'));

export async function modelPage(doc: Doc, id: string): Promise<PageOut> {
  const boardName = (b: string, cat: string) => {
    const board = BOARD[b] ? doc.t(BOARD[b]) : b;
    return cat === 'full' ? board : `${board} · ${CAT[cat] ? doc.t(CAT[cat]) : cat}`;
  };
  const d = doc.deps;
  const v = doc.v;
  // Unknown, or not an id the operation accepts (too long): a 404 page either way. Not memoised: the page
  // cache keeps the render, and a model's rows are too many to keep for every model visited.
  const input = modelOp.input.safeParse({ id });
  const page = input.success
    ? await modelOp.run(opDeps(d), input.data).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      })
    : null;
  if (!page)
    return {
      status: 404,
      title: doc.t('not_found'),
      body: `<h1>${esc(doc.t('not_found'))}</h1><p>${esc(doc.t('not_found_model', { id }))}</p>`,
    };
  const m = page.model;
  const name = m.name;
  const org = orgName(d, v.lang, m.organization_id);
  const country = doc.country(m.country);
  const release = String(m.release_date ?? doc.t('unknown'));
  const { benchmarks: benches, derivatives: deriv } = page;
  // One answer per model, whatever the as-of date: the dated rows are cut here.
  const upTo = <T extends Record<string, unknown>>(rows: T[], key: keyof T) =>
    rows.filter((r) => !v.asOf || String(r[key] ?? '') <= v.asOf);
  const rs = upTo(page.ratings, 'date');
  const ps = upTo(page.prices, 'valid_from');
  const tr = upTo(page.traffic, 'date');
  const text = rs.filter((r) => r.leaderboard === 'lmarena-text' && r.category === 'full');
  const best = [...text].sort((a, b) => b.score - a.score)[0];
  let body = `<h1 translate="no">${esc(name)}</h1>`;
  const idSources = m.source_ids;
  if (best) {
    const lo = best.ci_low;
    const hi = best.ci_high;
    body += doc.answer(
      doc.t('model_answer', {
        name,
        org: org || doc.t('unknown'),
        country: country || doc.t('unknown'),
        release,
        score: num(best.score, 0),
        ci: lo !== null && hi !== null ? doc.t('ci95', { lo: num(lo, 0), hi: num(hi, 0) }) : '',
        date: best.date,
        source: doc.sourceName([best.source_id]),
      }),
    );
  } else
    body += doc.answer(
      doc.t('model_answer_short', {
        name,
        org: org || doc.t('unknown'),
        country: country || doc.t('unknown'),
        release,
        source: doc.sourceName(idSources),
      }),
    );

  const aliases = m.aliases.filter((a) => a !== name);
  body +=
    `<h2>${esc(doc.t('identity'))}</h2>` +
    doc.table(
      'identity',
      [doc.t('figure'), doc.t('value')],
      [
        ['ID', id],
        [doc.t('organization'), org],
        [doc.t('country'), country],
        [doc.t('family'), String(m.family ?? '')],
        [doc.t('release'), release],
        [doc.t('open_weights'), bool(doc, m.open_weights)],
        [doc.t('licence'), String(m.license ?? '')],
        [doc.t('parameters'), num(m.parameters_b, 1)],
        [doc.t('context'), num(m.context_tokens, 0)],
        [doc.t('aliases'), { html: aliases.map((a) => `<code>${esc(a)}</code>`).join(', '), text: aliases.join('; ') }],
      ],
    );
  body += doc.sources([...idSources, String(m.organization_source ?? '')], 12);

  if (rs.length) {
    const groups = new Map<string, typeof rs>();
    const ordered = [...rs].sort((a, b) => rankOf(a.leaderboard, a.category) - rankOf(b.leaderboard, b.category));
    for (const r of ordered) {
      const k = boardName(r.leaderboard, r.category);
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const series: Series[] = [...groups.entries()].slice(0, 8).map(([k, rows], i) => ({
      name: k,
      kind: 'line',
      color: PALETTE[i % PALETTE.length] as string,
      band: i === 0,
      points: rows.map((r) => ({
        x: r.date,
        y: r.score,
        lo: r.ci_low,
        hi: r.ci_high,
        tip: [
          [doc.t('model'), name],
          [doc.t('organization'), org],
          [doc.t('score'), num(r.score, 0)],
          [doc.t('interval'), r.ci_low !== null ? `${num(r.ci_low, 0)}–${num(r.ci_high, 0)}` : '—'],
          [doc.t('rank'), num(r.rank, 0)],
          [doc.t('date'), String(r.date)],
          [doc.t('source'), doc.sourceName([r.source_id])],
        ] as [string, string][],
      })),
    }));
    const spec: ChartSpec = {
      id: 'ratings',
      title: `${name}: ${doc.t('leaderboards')}`,
      bandName: doc.t('interval_band'),
      x: { type: 'time', name: doc.t('date') },
      y: { type: 'value', name: doc.t('score') },
      series,
    };
    body += `<h2>${esc(doc.t('scores_over_time'))}</h2>` + doc.chart(spec);
    body += doc.table(
      'ratings',
      [
        doc.t('leaderboards'),
        doc.t('date'),
        doc.t('score'),
        doc.t('interval'),
        doc.t('rank'),
        doc.t('votes'),
        doc.t('source'),
      ],
      [...rs]
        .reverse()
        .map((r): Cell[] => [
          boardName(r.leaderboard, r.category),
          String(r.date),
          { html: num(r.score, 0), text: String(r.score), sort: Number(r.score) },
          r.ci_low !== null ? `${num(r.ci_low, 0)}–${num(r.ci_high, 0)}` : '—',
          { html: num(r.rank, 0), text: String(r.rank ?? ''), sort: Number(r.rank ?? 1e9) },
          { html: num(r.votes, 0), text: String(r.votes ?? ''), sort: Number(r.votes ?? 0) },
          doc.sourceCell([r.source_id]),
        ]),
    );
  }
  if (benches.length) {
    body +=
      `<h2>${esc(doc.t('benchmarks'))}</h2>` +
      doc.table(
        'benchmarks',
        [doc.t('benchmark'), doc.t('metric'), doc.t('score'), doc.t('stderr'), doc.t('source')],
        benches.map((b) => [
          benchName(b),
          { html: `<span lang="en">${esc(b.metric)}</span>`, text: String(b.metric) },
          { html: num(b.score, 3), text: String(b.score), sort: Number(b.score) },
          num(b.stderr, 3),
          doc.sourceCell([b.source_id]),
        ]),
      );
  }
  if (ps.length) {
    const byProvider = new Map<string, typeof ps>();
    for (const p of ps) byProvider.set(p.provider, [...(byProvider.get(p.provider) ?? []), p]);
    const blended = (p: { input: number | null; output: number | null }) =>
      (3 * Number(p.input) + Number(p.output)) / 4;
    const spec: ChartSpec = {
      id: 'prices',
      title: `${name}: ${doc.t('prices_over_time')}`,
      x: { type: 'time', name: doc.t('date') },
      y: { type: 'log', name: doc.t('price') },
      series: [...byProvider.entries()]
        .slice(0, 8)
        .map(([prov, rows], i) => ({
          name: prov,
          kind: 'step' as const,
          color: PALETTE[i % PALETTE.length] as string,
          points: rows
            .filter((p) => blended(p) > 0)
            .map((p) => ({
              x: p.valid_from,
              y: Math.round(blended(p) * 1e4) / 1e4,
              tip: [
                [doc.t('provider'), prov],
                [doc.t('price'), num(blended(p), 3)],
                [doc.t('input_price'), num(p.input, 3)],
                [doc.t('output_price'), num(p.output, 3)],
                [doc.t('date'), String(p.valid_from)],
                [doc.t('source'), doc.sourceName([p.source_id])],
              ] as [string, string][],
            })),
        }))
        .filter((s) => s.points.length),
    };
    body +=
      `<h2>${esc(doc.t('prices_over_time'))}</h2><p>${esc(doc.t('blend_note'))}</p>` +
      (spec.series.length ? doc.chart(spec) : '');
    body += doc.table(
      'prices',
      [
        doc.t('provider'),
        doc.t('input_price'),
        doc.t('output_price'),
        doc.t('valid_from'),
        doc.t('valid_to'),
        doc.t('source'),
      ],
      ps.map((p) => [
        String(p.provider),
        num(p.input, 3),
        num(p.output, 3),
        String(p.valid_from ?? ''),
        String(p.valid_to ?? ''),
        doc.sourceCell([p.source_id]),
      ]),
    );
  }
  if (tr.length) {
    const spec: ChartSpec = {
      id: 'traffic',
      title: `${name}: ${doc.t('traffic')}`,
      x: { type: 'time', name: doc.t('date') },
      y: { type: 'value', name: doc.t('share'), percent: true },
      series: [
        {
          name: doc.t('traffic'),
          kind: 'line',
          color: '#1f5fa8',
          points: tr.map((r) => ({
            x: r.date,
            y: Number(r.share),
            tip: [
              [doc.t('date'), String(r.date)],
              [doc.t('share'), `${num(100 * Number(r.share), 2)}%`],
              [doc.t('source'), doc.sourceName([r.source_id])],
            ] as [string, string][],
          })),
        },
      ],
    };
    body += `<h2>${esc(doc.t('traffic'))}</h2><p>${esc(doc.t('scope_openrouter'))}</p>` + doc.chart(spec);
    body += doc.table(
      'traffic',
      [doc.t('date'), doc.t('share'), doc.t('source')],
      tr.map((r) => [
        String(r.date),
        { html: `${num(100 * Number(r.share), 2)}%`, text: String(r.share), sort: Number(r.share) },
        doc.sourceCell([r.source_id]),
      ]),
    );
  }
  if (deriv.repos.length) {
    const srcs = deriv.repos.map((r) => r.source_id);
    body += `<h2>${esc(doc.t('derivatives'))}</h2><p>${doc.sentence(doc.t('derivatives_n', { n: deriv.derivatives.length, source: doc.sourceName(srcs) }))}</p>`;
    body += doc.table(
      'hub',
      [doc.t('hub_id'), doc.t('downloads'), doc.t('date')],
      deriv.repos.map((r) => [
        String(r.hub_id),
        { html: num(r.downloads, 0), text: String(r.downloads ?? ''), sort: Number(r.downloads ?? 0) },
        String(r.date ?? ''),
      ]),
    );
    if (deriv.derivatives.length)
      body += doc.table(
        'derivatives',
        [doc.t('hub_id'), doc.t('relation'), doc.t('downloads')],
        deriv.derivatives.map((r) => [String(r.hub_id), String(r.relation ?? ''), num(r.downloads, 0)]),
      );
  }
  return { title: name, body };
}

export async function modelsPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const q = doc.v.params['q'];
  const r = await modelsOp.run(opDeps(d), modelsOp.input.parse({ search: q, limit: '500' }));
  let body = `<h1>${esc(doc.t('all_models'))}</h1><p>${esc(doc.t('models_lead', { n: r.total }))}</p>`;
  body += `<form method="get" action="/models">${doc.v.lang !== 'en' ? `<input type="hidden" name="lang" value="${esc(doc.v.lang)}">` : ''}<label>${esc(doc.t('search'))} <input type="search" name="q" value="${esc(q ?? '')}"></label><button>${esc(doc.t('find'))}</button></form>`;
  body += doc.table(
    'models',
    [doc.t('model'), doc.t('organization'), doc.t('country'), doc.t('release'), doc.t('open_weights')],
    r.models.map((m) => [
      doc.model(m.id),
      orgName(d, doc.v.lang, m.organization),
      doc.country(m.country),
      String(m.release_date ?? ''),
      bool(doc, m.open_weights),
    ]),
  );
  return { title: doc.t('models'), body };
}
