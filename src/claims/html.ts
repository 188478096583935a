/**
 * @module
 * The claims report: each article with its claims highlighted by verdict; hovering (or focusing) a claim
 * shows its metric, value, verdict and evidence with sources. Self-contained HTML, every value escaped.
 */
import type { CheckedDocument } from './index.ts';

const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const COLORS: Record<string, string> = { supported: '#c9ecd2', contradicted: '#f6c9c9', outdated: '#f8e3b5', unverifiable: '#e3e3e3' };

export function claimsReport(docs: readonly CheckedDocument[]): string {
  const body = docs.map((d) => {
    let html = '';
    let at = 0;
    d.claims.forEach((c, k) => {
      if (c.start < at) return;
      const ev = c.evidence.map((e) => `${e.statement} [${e.status}; ${e.sources.join(', ')}]`).join('\n') || 'no matching data in the snapshot';
      const tip = `${c.metric}: ${c.value} ${c.unit}${c.subject_name ? ` (${c.subject_name})` : ''}\nverdict: ${c.verdict} (tolerance ${c.tolerance})\n${ev}`;
      html += esc(d.text.slice(at, c.start));
      html += `<mark class="${esc(c.verdict)}" tabindex="0" title="${esc(tip)}" id="c${k}">${esc(d.text.slice(c.start, c.end))}<sup>${esc(c.verdict)}</sup></mark>`;
      at = c.end;
    });
    html += esc(d.text.slice(at));
    const rows = d.claims.map((c, k) => `<tr><td><a href="#c${k}">${esc(c.quote)}</a></td><td>${esc(c.subject_name ?? '')}</td><td>${esc(c.metric)}</td><td>${esc(c.value)} ${esc(c.unit)}</td><td class="${esc(c.verdict)}">${esc(c.verdict)}</td><td>${c.evidence.map((e) => `${esc(e.statement)} <small>(${esc(e.status)}; ${esc(e.sources.join(', '))})</small>`).join('<br>')}</td></tr>`).join('\n');
    return `<section><h2>${esc(d.id)} <small>${esc(d.language)}</small></h2><div class="article">${html}</div>
<table><thead><tr><th>Claim</th><th>Subject</th><th>Metric</th><th>Value</th><th>Verdict</th><th>Evidence</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }).join('\n');
  const css = Object.entries(COLORS).map(([k, v]) => `.${k}{background:${v}}`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>airace claims report</title>
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem}.article{white-space:pre-wrap;border:1px solid #ddd;padding:1rem}
mark{padding:0 2px;border-radius:3px}mark sup{font-size:10px;margin-left:2px}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border-bottom:1px solid #e5e5e5;padding:4px;text-align:left;vertical-align:top}${css}</style>
</head><body><h1>Claims checked against the airace snapshot</h1><p>Verdicts: supported, contradicted, outdated (true then, not now), unverifiable (no confirmed data). Hover a claim for its evidence.</p>
${body}</body></html>`;
}
