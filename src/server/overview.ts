/**
 * @module
 * The overview page: every dataset with its rows, the dates it covers, how fresh it is, and its source.
 * Server-rendered HTML with every value escaped; no script.
 */
import type { JsonRow } from '../store/db.ts';

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

const href = (url: unknown): string => {
  const s = String(url ?? '');
  return /^https?:\/\//.test(s) ? esc(s) : '#';
};

function freshness(days: unknown): string {
  const d = Number(days);
  if (!Number.isFinite(d)) return '';
  if (d < 0) return 'dated ahead';
  if (d < 31) return `${d} days`;
  if (d < 365) return `${Math.round(d / 30)} months`;
  return `${(d / 365).toFixed(1)} years`;
}

export function overviewPage(datasets: readonly JsonRow[], byCountry: readonly JsonRow[]): string {
  const rows = datasets
    .map((d) => `<tr><td>${esc(d['title'])}<div class="id">${esc(d['id'])}</div></td><td>${esc(d['table_name'])}</td><td class="n">${Number(d['rows']).toLocaleString('en-US')}</td>
<td>${esc(d['date_min'] ?? '')} → ${esc(d['date_max'] ?? '')}</td><td>${esc(freshness(d['age_days']))}</td>
<td><a href="${href(d['url'])}" rel="noopener">${esc(d['source_title'])}</a><div class="id">${esc(d['publisher'])} · ${esc(d['license'])} · retrieved ${esc(d['retrieved'])}</div></td></tr>`)
    .join('\n');
  const countries = byCountry.map((c) => `<tr><td>${esc(c['country'])}</td><td class="n">${esc(c['models'])}</td><td class="n">${esc(c['open_models'])}</td></tr>`).join('\n');
  const total = datasets.reduce((s, d) => s + Number(d['rows'] ?? 0), 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>airace — AI Race Observatory</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1b1b}
h1{margin:0}.sub{color:#555;margin:.2rem 0 1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0 2rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}th{background:#f6f6f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}.id{color:#777;font-size:12px}a{color:#0a58ca}
</style></head><body>
<h1>airace — AI Race Observatory</h1>
<p class="sub">${datasets.length} datasets, ${total.toLocaleString('en-US')} rows, every number with its source. API: <a href="/api/v1/datasets">/api/v1/datasets</a>, <a href="/api/v1/sources">/api/v1/sources</a>, <a href="/api/v1/models">/api/v1/models</a>.</p>
<h2>Datasets</h2>
<table><thead><tr><th>Dataset</th><th>Table</th><th>Rows</th><th>Covers</th><th>Age of newest row</th><th>Source</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Models by country of their organization</h2>
<table style="max-width:420px"><thead><tr><th>Country</th><th>Models</th><th>Open weights</th></tr></thead><tbody>
${countries}
</tbody></table>
<p class="sub">Country attribution: the organization's headquarters (<a href="/api/v1/sources">curated table and dataset sources</a>).</p>
</body></html>`;
}
