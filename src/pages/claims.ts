/**
 * @module
 * Claims: paste an article and see each number checked against the data, verdicts in the page's language.
 * The form page is cached like any page; the posted answer depends on its body and is not.
 */
import type { CheckedDocument } from '../claims/index.ts';
import { esc, withQuery, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';

const VERDICT = {
  supported: 'v_supported',
  contradicted: 'v_contradicted',
  outdated: 'v_outdated',
  unverifiable: 'v_unverifiable',
} as const;
const verdictWord = (doc: Doc, v: string) => (v in VERDICT ? doc.t(VERDICT[v as keyof typeof VERDICT]) : v);

function form(doc: Doc, text: string): string {
  return (
    `<h1>${esc(doc.t('claims'))}</h1><p>${esc(doc.t('claims_lead'))}</p><form method="post" action="${esc(withQuery('/claims', doc.v))}">` +
    `<label for="article">${esc(doc.t('paste'))}</label><textarea id="article" name="text" maxlength="200000">${esc(text)}</textarea><button>${esc(doc.t('check'))}</button></form>`
  );
}

export async function claimsPage(doc: Doc): Promise<PageOut> {
  return { title: doc.t('claims'), body: form(doc, '') };
}

export function report(doc: Doc, d: CheckedDocument): string {
  let html = '';
  let at = 0;
  d.claims.forEach((c, k) => {
    if (c.start < at) return;
    const ev =
      c.evidence
        .map((e) => `${e.statement} [${e.sources.map((s) => doc.deps.sources.get(s)?.title ?? s).join('; ')}]`)
        .join('\n') || doc.t('no_evidence');
    html += esc(d.text.slice(at, c.start));
    html += `<mark class="${esc(c.verdict)}" tabindex="0" title="${esc(`${doc.t('verdict')}: ${verdictWord(doc, c.verdict)}\n${ev}`)}" id="c${k}">${esc(d.text.slice(c.start, c.end))}<sup>${esc(verdictWord(doc, c.verdict))}</sup></mark>`;
    at = c.end;
  });
  html += esc(d.text.slice(at));
  const counts = Object.keys(VERDICT)
    .map((v) => [v, d.claims.filter((c) => c.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${verdictWord(doc, v)}`)
    .join(', ');
  const rows = d.claims.map((c, k) => [
    { html: `<a href="#c${k}">${esc(c.quote)}</a>`, text: c.quote },
    c.subject_name ?? '',
    `${c.value} ${c.unit}`,
    {
      html: `<span class="${esc(c.verdict)}">${esc(verdictWord(doc, c.verdict))}</span>`,
      text: verdictWord(doc, c.verdict),
    },
    {
      html:
        c.evidence
          .map(
            (e) =>
              `<span lang="en">${esc(e.statement)}</span> <small>(${esc(e.sources.map((s) => doc.deps.sources.get(s)?.title ?? s).join('; '))})</small>`,
          )
          .join('<br>') || esc(doc.t('no_evidence')),
      text: c.evidence.map((e) => e.statement).join(' | '),
    },
  ]);
  return (
    `<div id="report">${doc.answer(doc.t('claims_answer', { n: d.claims.length, counts: counts || '0' }))}<p class="muted">${esc(doc.t('verdict_legend'))}</p>` +
    `<div class="article">${html}</div>${doc.table('claims', [doc.t('claim'), doc.t('subject'), doc.t('value'), doc.t('verdict'), doc.t('evidence')], rows)}</div>`
  );
}

export async function claimsPost(doc: Doc, text: string): Promise<PageOut> {
  let body = form(doc, text);
  if (text.trim()) body += report(doc, (await doc.deps.checker()).check('pasted', text.slice(0, 200000)));
  return { title: doc.t('claims'), body };
}
