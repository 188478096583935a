/**
 * @module
 * Compute: chips with their export-control figures (TPP, PD) and caveats, systems checked against their
 * chips, and the classifier: a chip, destination and date give each rule in force and the paragraph that
 * applies, in words.
 */
import { ZodError } from 'zod';
import type { ChartSpec } from '../charts/spec.ts';
import { chipsClassify, chipsList, chipsStatus, chipsSystems } from '../compute/op.ts';
import { zodFailure } from '../ops/failure.ts';
import { hasKey, type Key } from './i18n.ts';
import { esc, memo, num, opDeps, type Cell, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';
import { ruleRecords } from './series.ts';

export const computeParams = {
  chip: (raw: string) => (/^[a-z0-9-]{2,64}$/.test(raw) ? raw : null),
  destination: (raw: string) => (/^[A-Za-z]{2}$/.test(raw) ? raw.toUpperCase() : null),
  // The classifier's own date check, so the page never asks it for a date it refuses.
  date: (raw: string) => (chipsClassify.input.shape.date.safeParse(raw).success ? raw : null),
};

const DESTS = ['CN', 'US', 'DE', 'AE', 'IN', 'JP', 'KR', 'SG', 'TW', 'IL'];
const FIG: Record<string, Key> = {
  bf16_dense: 'fig_bf16',
  hbm_capacity: 'fig_hbm_cap',
  hbm_bandwidth: 'fig_hbm_bw',
  accelerator_power: 'fig_accel_power',
};
const conf = (doc: Doc, c: string) => (hasKey(`conf_${c}`) ? doc.t(`conf_${c}` as Key) : c);
const field = (doc: Doc, f: string) => (hasKey(`f_${f}`) ? doc.t(`f_${f}` as Key) : f.replace(/_/g, ' '));
const yn = (doc: Doc, b: boolean | null) => (b === null ? doc.t('undetermined') : b ? doc.t('yes') : doc.t('no'));

export async function computePage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const v = doc.v;
  const rows = await memo(d, 'chips', async () => (await chipsList.run(opDeps(d), chipsList.input.parse({}))).chips);
  let body = `<h1>${esc(doc.t('compute'))}</h1>`;
  const dc = rows.filter((r) => r.tpp !== null);
  const best = [...dc].sort((a, b) => (b.tpp ?? 0) - (a.tpp ?? 0))[0];
  if (best)
    body += doc.answer(
      doc.t('compute_answer', {
        chip: best.name,
        country: doc.country(best.country),
        tpp: num(best.tpp, 0),
        n: dc.filter((r) => (r.tpp ?? 0) >= 4800).length,
        total: rows.length,
        source: doc.sourceName(best.sources),
      }),
    );
  body += `<p><a href="/glossary${v.lang !== 'en' ? `?lang=${v.lang}` : ''}#tpp">TPP</a> · <a href="/glossary${v.lang !== 'en' ? `?lang=${v.lang}` : ''}#pd">PD</a> · <a href="/glossary${v.lang !== 'en' ? `?lang=${v.lang}` : ''}#eccn">ECCN</a></p>`;
  const spec: ChartSpec = {
    id: 'chips',
    title: doc.t('compute_charts'),
    height: 380,
    refY: [{ y: 4800, label: doc.t('tpp_threshold') }],
    x: { type: 'value', name: doc.t('pd_axis') },
    y: { type: 'value', name: doc.t('tpp_axis') },
    series: ['US', 'CN', 'other']
      .map((b) => ({
        name: doc.country(b),
        kind: 'scatter' as const,
        color: b === 'US' ? '#1f5fa8' : b === 'CN' ? '#c8332b' : '#8a6d3b',
        points: dc
          .filter((r) => (r.country === 'US' || r.country === 'CN' ? r.country : 'other') === b && r.pd !== null)
          .map((r) => ({
            x: Math.round((r.pd as number) * 100) / 100,
            y: Math.round(r.tpp as number),
            label: r.name,
            tip: [
              [doc.t('chip'), r.name],
              [doc.t('country'), doc.country(r.country)],
              ['TPP', num(r.tpp, 0)],
              ['PD', num(r.pd, 2)],
              [doc.t('confidence'), conf(doc, r.confidence)],
              [doc.t('source'), doc.sourceName(r.sources)],
            ] as [string, string][],
          })),
      }))
      .filter((s) => s.points.length),
  };
  body += `<h2>${esc(doc.t('chips'))}</h2>` + doc.chart(spec);
  body += doc.table(
    'chips',
    [
      doc.t('chip'),
      doc.t('country'),
      doc.t('tflops'),
      doc.t('tpp'),
      doc.t('pd'),
      doc.t('tflops_w'),
      doc.t('confidence'),
      doc.t('notes'),
    ],
    rows.map((r): Cell[] => {
      const tr = r.notes ? d.tr.text('chip_notes', r.id, r.notes, v.lang) : null;
      const unconf = r.unconfirmed_fields.length
        ? doc.t('unconfirmed', { f: r.unconfirmed_fields.map((f) => field(doc, f)).join(', ') })
        : '';
      return [
        r.name,
        doc.country(r.country),
        num(r.bf16_tflops, 0),
        num(r.tpp, 0),
        num(r.pd, 2),
        num(r.tflops_per_w, 2),
        `${conf(doc, r.confidence)}${unconf ? `; ${unconf}` : ''}`,
        tr
          ? {
              html: `<details><summary>${esc(doc.t('notes'))}</summary><span${tr.translated ? '' : ' lang="en"'}>${esc(tr.text)}</span></details>`,
              text: tr.text,
            }
          : '',
      ];
    }),
  );
  body += doc.sources(
    rows.flatMap((r) => r.sources),
    6,
  );

  const sys = await memo(
    d,
    'systems',
    async () => (await chipsSystems.run(opDeps(d), chipsSystems.input.parse({}))).systems,
  );
  body +=
    `<h2>${esc(doc.t('systems'))}</h2>` +
    doc.table(
      'systems',
      [doc.t('system'), doc.t('figure'), doc.t('computed'), doc.t('published'), doc.t('agrees')],
      sys.flatMap((s) =>
        s.figures.map((f) => [
          s.name,
          FIG[f.figure] ? doc.t(FIG[f.figure] as Key) : f.figure,
          num(f.computed, 1),
          num(f.published, 1),
          f.agrees === null ? doc.t('unknown') : f.agrees ? `✓ ${doc.t('yes')}` : `✗ ${doc.t('no')}`,
        ]),
      ),
    );
  body +=
    `<p class="muted">${esc(doc.t('power_note'))}</p>` +
    doc.sources(
      sys.flatMap((s) => s.sources),
      4,
    );

  const chipId = v.params['chip'] ?? '';
  const dest = v.params['destination'] ?? 'CN';
  const date = v.params['date'] ?? v.asOf ?? new Date().toISOString().slice(0, 10);
  body +=
    `<h2 id="classify">${esc(doc.t('classify'))}</h2><p>${esc(doc.t('classify_lead'))}</p><form method="get" action="/compute#classify">${v.lang !== 'en' ? `<input type="hidden" name="lang" value="${esc(v.lang)}">` : ''}` +
    `<label>${esc(doc.t('chip'))} <select name="chip">${rows.map((x) => `<option value="${esc(x.id)}"${x.id === chipId ? ' selected' : ''}>${esc(x.name)}</option>`).join('')}</select></label>` +
    `<label>${esc(doc.t('destination'))} <select name="destination">${DESTS.map((c) => `<option value="${c}"${c === dest ? ' selected' : ''}>${esc(doc.country(c === 'DE' ? 'DE' : c))}</option>`).join('')}</select></label>` +
    `<label>${esc(doc.t('date'))} <input type="date" name="date" value="${esc(date)}"></label><button>${esc(doc.t('classify'))}</button></form>`;
  if (chipId) {
    try {
      const answer = await memo(d, `classify:${chipId}:${dest}:${date}`, () =>
        chipsClassify.run(opDeps(d), chipsClassify.input.parse({ chip: chipId, destination: dest, date })),
      );
      const res = answer.results;
      const chip = rows.find((c) => c.id === answer.chips[0]?.chip_id);
      if (!chip) throw new Error(`no chip "${chipId}"`);
      const rules = await ruleRecords(d);
      const ruleTitle = (id: string | null) => {
        const r = rules.find((x) => x.id === id);
        return r ? d.tr.text('rules', r.id, r.title, v.lang).text : (id ?? '');
      };
      const needs = res.find((x) => x.license_required === true);
      const verdict = needs
        ? doc.t('needs_license', { rule: ruleTitle(needs.rule), para: needs.classification ?? '—' })
        : res.some((x) => x.license_required === null)
          ? doc.t('license_unknown')
          : doc.t('no_license');
      body += `<div id="classification">${doc.answer(doc.t('classify_answer', { date, chip: chip.name, dest: doc.country(dest), verdict }))}`;
      body += doc.table(
        'classification',
        [doc.t('rule'), doc.t('classification'), doc.t('controlled'), doc.t('license'), doc.t('reason')],
        res.map((x) => [
          ruleTitle(x.rule),
          x.classification ?? doc.t('not_classified'),
          yn(doc, x.controlled),
          yn(doc, x.license_required),
          {
            html: `<details><summary>${esc(doc.t('reason'))}</summary><span lang="en">${esc(x.reason)}</span></details>`,
            text: x.reason,
          },
        ]),
      );
      body += `${doc.sources(res.flatMap((x) => x.sources))}</div>`;
      body += await statusSection(doc, chip.id, chip.name, dest);
    } catch (err) {
      // A refused input (a date out of range) reads as the edges word it; a domain error as the capability does.
      const msg = err instanceof ZodError ? zodFailure(err).error : (err as Error).message;
      body += `<p role="alert">${esc(doc.t('error', { msg }))}</p>`;
    }
  }
  return { title: doc.t('compute'), body };
}

/** A chip's status for the destination across every rule and event date, as a step chart and a table. */
async function statusSection(doc: Doc, chipId: string, chipName: string, dest: string): Promise<string> {
  const d = doc.deps;
  const s = await memo(d, `status:${chipId}:${dest}`, () =>
    chipsStatus.run(opDeps(d), chipsStatus.input.parse({ chip: chipId, destination: dest })),
  );
  const level = (x: boolean | null) => (x === null ? 0.5 : x ? 1 : 0);
  const spec: ChartSpec = {
    id: 'status',
    title: doc.t('status_over_time'),
    height: 260,
    x: { type: 'time', name: doc.t('date') },
    y: { type: 'value', name: doc.t('status_axis') },
    series: [
      {
        name: chipName,
        kind: 'step',
        color: '#1f5fa8',
        points: s.periods.flatMap((p) => {
          const tip: [string, string][] = [
            [doc.t('period_from'), p.from],
            [doc.t('license'), yn(doc, p.license_required)],
            [doc.t('rule'), p.by.join(', ')],
          ];
          const at = [{ x: p.from, y: level(p.license_required), tip }];
          return p.to ? [...at, { x: p.to, y: level(p.license_required), tip }] : at;
        }),
      },
    ],
    markers: {
      name: doc.t('status_events'),
      items: s.events
        .filter((e) => e.date)
        .map((e) => ({
          date: e.date as string,
          line: e.names_chip,
          title: d.tr.text('events', e.id, e.title, doc.v.lang).text,
          tip: [[doc.t('date'), e.date as string] as [string, string]],
          color: e.names_chip ? '#c8332b' : '#8a6d3b',
        })),
    },
  };
  return (
    `<h2 id="status">${esc(doc.t('status_over_time'))}</h2>` +
    `<p>${esc(doc.t('status_lead', { chip: chipName, dest: doc.country(dest) }))}</p>` +
    doc.chart(spec) +
    doc.table(
      'status',
      [doc.t('period_from'), doc.t('period_to'), doc.t('license'), doc.t('rule'), doc.t('status_changes')],
      s.periods.map((p) => [
        p.from,
        p.to ?? '—',
        yn(doc, p.license_required),
        { html: `<span lang="en">${esc(p.by.join(', '))}</span>`, text: p.by.join(', ') },
        { html: `<span lang="en">${esc(p.changes.join('; '))}</span>`, text: p.changes.join('; ') },
      ]),
    ) +
    doc.sources(s.events.flatMap((e) => e.source_ids))
  );
}
