/**
 * @module
 * Policy: the dated events (investments, plans, releases) with amounts in US dollars, and the export-control
 * rules with when each came into force; titles in the page's language from the curated translations.
 */
import { timeline as timelineOp } from '../timeline/op.ts';
import { type Cell, type Doc, esc, memo, num, opDeps } from './layout.ts';
import type { PageOut } from './registry.ts';
import { eventTitle, kindName, ruleRecords } from './series.ts';

export async function policyPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const v = doc.v;
  const tl = await memo(d, 'timeline', () => timelineOp.run(opDeps(d), timelineOp.input.parse({})));
  const events = tl.events.filter((e) => !v.asOf || e.date <= v.asOf);
  let body = `<h1>${esc(doc.t('policy'))}</h1>`;
  const last = events.at(-1);
  if (last) {
    const lt = await eventTitle(doc, last);
    body += doc.answer(
      doc.t('policy_answer', {
        n: events.length,
        date: v.asOf ?? last.date,
        title: typeof lt === 'object' && lt !== null ? lt.text : String(lt),
        source: doc.sourceName(last.sources),
      }),
    );
  }
  const rows: Cell[][] = [];
  for (const e of [...events].reverse()) {
    rows.push([
      e.date,
      kindName(doc, e.kind),
      doc.country(e.country),
      await eventTitle(doc, e),
      e.amount === null ? '' : `${num(e.amount, 0)} ${e.currency ?? ''}`,
      {
        html: e.amount_usd === null ? '' : num(e.amount_usd, 0),
        text: String(e.amount_usd ?? ''),
        sort: e.amount_usd ?? 0,
      },
      doc.sourceCell(e.sources),
    ]);
  }
  body +=
    `<h2>${esc(doc.t('events'))}</h2>` +
    doc.table(
      'events',
      [
        doc.t('date'),
        doc.t('kind'),
        doc.t('country'),
        doc.t('event_title'),
        doc.t('amount'),
        doc.t('usd'),
        doc.t('source'),
      ],
      rows,
    );
  // The rate table's title and confidence word are data, in English.
  body += `<p class="muted">${esc(doc.t('fx_note', { fx: '\u0000', conf: '\u0001' }))
    .replace('\u0000', `<span lang="en">${esc(tl.fx_source.title)}</span>`)
    .replace('\u0001', `<span lang="en">${esc(tl.fx_source.confidence)}</span>`)}</p>`;
  const rules = (await ruleRecords(d)).filter((r) => !v.asOf || !r.effective || r.effective <= v.asOf);
  body +=
    `<h2>${esc(doc.t('rules'))}</h2>` +
    doc.table(
      'rules',
      [doc.t('effective'), doc.t('rule'), doc.t('source')],
      rules.map((r) => {
        const tr = d.tr.text('rules', r.id, r.title, v.lang);
        return [
          r.effective?.slice(0, 10) ?? '—',
          { html: tr.translated ? esc(tr.text) : `<span lang="en">${esc(tr.text)}</span>`, text: tr.text },
          doc.sourceCell(r.source_ids),
        ];
      }),
    );
  body += doc.sources(
    [...events.flatMap((e) => e.sources), ...rules.flatMap((r) => r.source_ids), 'airace-curated-translations'],
    6,
  );
  return { title: doc.t('policy'), body };
}
