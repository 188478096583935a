/**
 * @module
 * Sources: every dataset with its rows, dates and source, and every source with publisher, licence and
 * retrieval date; each source has an anchor (#src-ID) that the other pages link to.
 */
import { datasets as datasetsOp, sources as sourcesOp } from '../catalog/op.ts';
import { esc, memo, num, opDeps, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';

export async function sourcesPage(doc: Doc): Promise<PageOut> {
  const d = doc.deps;
  const [sources, datasets] = await Promise.all([
    memo(d, 'sources', async () => (await sourcesOp.run(opDeps(d), {})).sources as Record<string, unknown>[]),
    memo(d, 'datasets', async () => (await datasetsOp.run(opDeps(d), {})).datasets as Record<string, unknown>[]),
  ]);
  let body = `<h1>${esc(doc.t('sources'))}</h1>` + doc.answer(doc.t('sources_answer', { n: sources.length }));
  body +=
    `<h2>${esc(doc.t('datasets'))}</h2>` +
    doc.table(
      'datasets',
      [doc.t('dataset'), doc.t('rows'), doc.t('from'), doc.t('to'), doc.t('source')],
      datasets.map((x) => [
        { html: `<span lang="en">${esc(x['title'])}</span>`, text: String(x['title']) },
        { html: num(x['rows'], 0), text: String(x['rows']), sort: Number(x['rows']) },
        String(x['date_min'] ?? ''),
        String(x['date_max'] ?? ''),
        {
          html: `<a href="#src-${esc(x['source_id'])}" lang="en">${esc(d.sources.get(String(x['source_id']))?.title ?? x['source_id'])}</a>`,
          text: String(x['source_id']),
        },
      ]),
    );
  const all = [
    ...sources,
    {
      id: 'airace-curated-translations',
      title: 'airace curated translations (data/curated/translations.json)',
      publisher: 'airace maintainers',
      license: 'Apache-2.0',
      retrieved: '',
      url: null,
      notes: d.tr.provenance,
    },
  ];
  body +=
    `<h2>${esc(doc.t('sources'))}</h2>` +
    doc.table(
      'sources',
      [doc.t('source_title'), doc.t('publisher'), doc.t('licence_col'), doc.t('retrieved')],
      all.map((s) => {
        const title = String(s['title'] ?? s['id']);
        const url = String(s['url'] ?? '');
        const inner = /^https?:/.test(url) ? `<a href="${esc(url)}" rel="noopener">${esc(title)}</a>` : esc(title);
        return [
          { html: `<span id="src-${esc(s['id'])}" lang="en">${inner}</span>`, text: `${title} (${String(s['id'])})` },
          { html: `<span lang="en">${esc(s['publisher'])}</span>`, text: String(s['publisher'] ?? '') },
          { html: `<span lang="en">${esc(s['license'])}</span>`, text: String(s['license'] ?? '') },
          String(s['retrieved'] ?? ''),
        ];
      }),
    );
  return { title: doc.t('sources'), body };
}
