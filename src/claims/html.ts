/**
 * @module
 * The claims report: each article with its paragraphs kept and its claims highlighted by verdict. A claim
 * opens in place (details/summary, no script) to show its subject, metric, value, tolerance and evidence
 * with sources; each claim has a permalink anchor. Verdict words and labels in the reader's language
 * (English, 简体, 繁體). Self-contained HTML, every value escaped.
 */
import type { CheckedClaim, CheckedDocument } from './index.ts';

export type ReportLanguage = 'en' | 'zh-Hans' | 'zh-Hant';

const esc = (v: unknown): string =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const COLORS: Record<string, string> = {
  supported: '#c9ecd2',
  contradicted: '#f6c9c9',
  outdated: '#f8e3b5',
  unverifiable: '#e3e3e3',
};

const WORDS: Record<ReportLanguage, Record<string, string>> = {
  en: {
    supported: 'supported',
    contradicted: 'contradicted',
    outdated: 'outdated',
    unverifiable: 'unverifiable',
    'supported.help': 'a confirmed figure in the data agrees within the tolerance',
    'contradicted.help': 'confirmed figures of the same entity, measure and time disagree',
    'outdated.help': 'true of an earlier confirmed figure that a later one superseded',
    'unverifiable.help': 'no confirmed figure of this entity and measure to compare with',
    title: 'Claims checked against the airace snapshot',
    legend: 'Legend',
    evidence: 'Evidence',
    none: 'No figure of this entity and measure in the snapshot.',
    subject: 'subject',
    metric: 'measure',
    value: 'value',
    tolerance: 'tolerance',
    permalink: 'permalink',
    days: 'days to',
    sources: 'sources',
    claims: 'claims',
    open: 'Select a highlighted figure to see its evidence.',
    warning: 'note',
  },
  'zh-Hans': {
    supported: '已证实',
    contradicted: '与数据矛盾',
    outdated: '已过时',
    unverifiable: '无法核实',
    'supported.help': '数据中有经确认的数字在容差内相符',
    'contradicted.help': '同一对象、指标与时间的确认数字不符',
    'outdated.help': '与较早的确认数字相符，但已被更新的数字取代',
    'unverifiable.help': '没有可比较的同一对象与指标的确认数字',
    title: '对照 airace 快照核查的说法',
    legend: '图例',
    evidence: '证据',
    none: '快照中没有该对象与指标的数字。',
    subject: '对象',
    metric: '指标',
    value: '数值',
    tolerance: '容差',
    permalink: '永久链接',
    days: '天，截至',
    sources: '来源',
    claims: '个说法',
    open: '点击高亮的数字查看证据。',
    warning: '注意',
  },
  'zh-Hant': {
    supported: '已證實',
    contradicted: '與資料矛盾',
    outdated: '已過時',
    unverifiable: '無法核實',
    'supported.help': '資料中有經確認的數字在容差內相符',
    'contradicted.help': '同一對象、指標與時間的確認數字不符',
    'outdated.help': '與較早的確認數字相符，但已被更新的數字取代',
    'unverifiable.help': '沒有可比較的同一對象與指標的確認數字',
    title: '對照 airace 快照核查的說法',
    legend: '圖例',
    evidence: '證據',
    none: '快照中沒有該對象與指標的數字。',
    subject: '對象',
    metric: '指標',
    value: '數值',
    tolerance: '容差',
    permalink: '永久連結',
    days: '天，截至',
    sources: '來源',
    claims: '個說法',
    open: '點擊標示的數字查看證據。',
    warning: '注意',
  },
};

const VERDICTS = ['supported', 'contradicted', 'outdated', 'unverifiable'] as const;

/** An anchor-safe slug for a document id. */
const slug = (id: string, k: number) =>
  `d${k}-${
    id
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'doc'
  }`;

function claimHtml(c: CheckedClaim, id: string, w: Record<string, string>): string {
  const ev = c.evidence.length
    ? `<ul>${c.evidence.map((e) => `<li>${esc(e.statement)} <small>(${esc(e.table)} · ${esc(e.status)}${e.date ? ` · ${esc(e.date)}` : ''}; ${esc(w['sources'])}: ${esc(e.sources.join(', '))})</small></li>`).join('')}</ul>`
    : `<p>${esc(w['none'])}</p>`;
  const bound = c.bound === 'gt' ? '> ' : c.bound === 'lt' ? '< ' : c.bound === 'approx' ? '≈ ' : '';
  return (
    `<details class="claim ${esc(c.verdict)}" id="${id}"><summary><mark class="${esc(c.verdict)}">${esc(c.quote)}</mark><sup>${esc(w[c.verdict])}</sup></summary>` +
    `<span class="ev"><b>${esc(w[c.verdict])}</b> · ${esc(w['subject'])}: ${esc(c.subject_name ?? c.subject ?? '?')}${c.comparison ? ` vs ${esc(c.comparison)}` : ''} · ${esc(w['metric'])}: ${esc(c.metric)} · ` +
    `${esc(w['value'])}: ${esc(bound)}${esc(c.value)} ${esc(c.unit)}${c.time ? ` (${c.days ? `${c.days} ${esc(w['days'])} ` : ''}${esc(c.time)})` : ''} · ${esc(w['tolerance'])}: ${esc(c.tolerance)} · <a href="#${id}">${esc(w['permalink'])}</a>` +
    `<b class="evh">${esc(w['evidence'])}</b>${ev}</span></details>`
  );
}

/** The report for a list of checked documents; `lang` is the reader's language for verdicts and labels. */
export function claimsReport(docs: readonly CheckedDocument[], options: { lang?: ReportLanguage } = {}): string {
  const lang = options.lang ?? 'en';
  const w = WORDS[lang];
  const body = docs
    .map((d, dk) => {
      const base = slug(d.id, dk);
      const claims = [...d.claims].sort((a, b) => a.start - b.start);
      // Paragraphs are the text's lines; claims never span one (a sentence ends at a line break).
      const paragraphs: string[] = [];
      let k = 0;
      let at = 0;
      for (const line of d.text.split('\n')) {
        const end = at + line.length;
        let html = '';
        let pos = at;
        for (; k < claims.length && (claims[k] as CheckedClaim).start < end; k++) {
          const c = claims[k] as CheckedClaim;
          if (c.start < pos || c.end > end) continue;
          html += esc(d.text.slice(pos, c.start)) + claimHtml(c, `${base}-c${k}`, w);
          pos = c.end;
        }
        html += esc(d.text.slice(pos, end));
        if (line.trim() !== '') paragraphs.push(`<p>${html}</p>`);
        at = end + 1;
      }
      const counts = VERDICTS.map((v) => `${esc(w[v])} ${d.claims.filter((c) => c.verdict === v).length}`).join(' · ');
      const warnings = (d.warnings ?? []).map((x) => `<p class="warn">${esc(w['warning'])}: ${esc(x)}</p>`).join('');
      return `<section id="${base}"><h2><a href="#${base}">${esc(d.id)}</a> <small>${esc(d.language)} · ${d.claims.length} ${esc(w['claims'])}: ${counts}</small></h2>${warnings}<div class="article">${paragraphs.join('\n')}</div></section>`;
    })
    .join('\n');
  const css = Object.entries(COLORS)
    .map(([k, v]) => `mark.${k},.legend .${k}{background:${v}}`)
    .join('');
  const legend = VERDICTS.map((v) => `<li><mark class="${v}">${esc(w[v])}</mark> ${esc(w[`${v}.help`])}</li>`).join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(w['title'])}</title>
<style>body{font:15px/1.7 system-ui,sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem}.article{border:1px solid #ddd;padding:.5rem 1rem}
mark{padding:0 2px;border-radius:3px}details.claim{display:inline}details.claim summary{display:inline;cursor:pointer;list-style:none}details.claim summary::-webkit-details-marker{display:none}
details.claim sup{font-size:10px;margin-left:2px}details.claim[open] .ev{display:block;margin:.3rem 0 .6rem;padding:.4rem .6rem;border-left:3px solid #999;background:#fafafa;font-size:13px}
details.claim:target summary mark{outline:2px solid #333}.evh{display:block;margin-top:.3rem}.legend{list-style:none;padding:0}.legend li{margin:.2rem 0}.warn{color:#8a4b00}${css}</style>
</head><body><h1>${esc(w['title'])}</h1><h3>${esc(w['legend'])}</h3><ul class="legend">${legend}</ul><p>${esc(w['open'])}</p>
${body}</body></html>`;
}
