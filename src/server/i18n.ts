/**
 * @module
 * The dashboard's languages: English, 简体中文, 繁體中文. UI strings are looked up here; entity names come
 * from the attribution table's own columns (name_zh_hans / name_zh_hant) in the chosen script.
 */
export const LANGS = ['en', 'zh-Hans', 'zh-Hant'] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (s: unknown): s is Lang => typeof s === 'string' && (LANGS as readonly string[]).includes(s);

const T = {
  title: ['AI Race Observatory', 'AI 竞赛观察台', 'AI 競賽觀察台'],
  overview: ['Overview', '总览', '總覽'],
  capability: ['Capability', '能力', '能力'],
  adoption: ['Adoption', '采用', '採用'],
  cost: ['Cost', '成本', '成本'],
  compute: ['Compute', '算力', '算力'],
  policy: ['Policy', '政策', '政策'],
  claims: ['Claims', '说法核查', '說法核查'],
  sources: ['Sources', '来源', '來源'],
  as_of: ['As of', '截至', '截至'],
  apply: ['Apply', '应用', '套用'],
  scorecard: ['Scorecard', '记分卡', '記分卡'],
  weights_note: ['Equal weights across five pillars; change them with the API or `airace score --weights`.', '五个维度等权；可通过 API 或 `airace score --weights` 调整权重。', '五個維度等權；可透過 API 或 `airace score --weights` 調整權重。'],
  leads_share: ['Share of weightings in which each leads', '在各种权重组合中领先的比例', '在各種權重組合中領先的比例'],
  recent: ['Recent events', '近期事件', '近期事件'],
  gap: ['Gap', '差距', '差距'],
  points: ['points', '分', '分'],
  months: ['months', '个月', '個月'],
  leader: ['Leader', '领先方', '領先方'],
  follower: ['Follower', '追赶方', '追趕方'],
  metric: ['Metric', '指标', '指標'],
  model: ['Model', '模型', '模型'],
  score: ['Score', '分数', '分數'],
  country: ['Country', '国家/地区', '國家/地區'],
  share: ['Share', '占比', '佔比'],
  value: ['Value', '数值', '數值'],
  price: ['Price ($/M tokens)', '价格（美元/百万 token）', '價格（美元/百萬 token）'],
  pick: ['Cheapest model that meets your constraints', '满足条件的最便宜模型', '滿足條件的最便宜模型'],
  min_score: ['Minimum score', '最低分数', '最低分數'],
  open_weights: ['Open weights only', '仅开放权重', '僅開放權重'],
  origin: ['Origin (e.g. US, not:CN)', '来源国（如 US、not:CN）', '來源國（如 US、not:CN）'],
  find: ['Find', '查找', '查找'],
  chips: ['Chips', '芯片', '晶片'],
  classify: ['Export-control classifier', '出口管制分类', '出口管制分類'],
  destination: ['Destination (e.g. CN)', '目的地（如 CN）', '目的地（如 CN）'],
  date: ['Date', '日期', '日期'],
  paste: ['Paste an article (English, 简体 or 繁體)', '粘贴文章（英文、简体或繁体）', '貼上文章（英文、簡體或繁體）'],
  check: ['Check', '核查', '核查'],
  verdict: ['Verdict', '结论', '結論'],
  evidence: ['Evidence', '证据', '證據'],
  download: ['Download', '下载', '下載'],
  no_data: ['No data', '无数据', '無資料'],
  traffic: ['Traffic share on OpenRouter (30 days)', 'OpenRouter 流量占比（30 天）', 'OpenRouter 流量佔比（30 天）'],
  downloads: ['Hugging Face downloads (30 days, top open models)', 'Hugging Face 下载量（30 天，热门开放模型）', 'Hugging Face 下載量（30 天，熱門開放模型）'],
  cannot_verify: ['What the data cannot verify', '数据无法核实的内容', '資料無法核實的內容'],
  frontier: ['Price–capability frontier', '价格—能力前沿', '價格—能力前沿'],
  systems: ['Systems', '系统', '系統'],
  datasets: ['Datasets', '数据集', '資料集'],
  language: ['Language', '语言', '語言'],
  source_link: ['sources', '来源', '來源'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type Key = keyof typeof T;

export function t(lang: Lang, key: Key): string {
  return T[key][LANGS.indexOf(lang)] ?? T[key][0];
}

const COUNTRY: Record<string, [string, string]> = {
  US: ['美国', '美國'], CN: ['中国', '中國'], EU: ['欧盟', '歐盟'], FR: ['法国', '法國'], UK: ['英国', '英國'], CA: ['加拿大', '加拿大'],
  JP: ['日本', '日本'], KR: ['韩国', '韓國'], IL: ['以色列', '以色列'], AE: ['阿联酋', '阿聯酋'], IN: ['印度', '印度'], TW: ['台湾', '台灣'], DE: ['德国', '德國'],
};

export function countryName(lang: Lang, code: string | null | undefined): string {
  if (!code) return '';
  if (lang === 'en') return code;
  const n = COUNTRY[code];
  return n ? `${lang === 'zh-Hans' ? n[0] : n[1]} (${code})` : code;
}
