/**
 * @module
 * The dashboard's languages: English, 简体中文, 繁體中文. Every interface string is looked up here. Each entry
 * gives English and Simplified Chinese; Traditional Chinese is converted from the Simplified text with
 * opencc-js (Taiwan phrasing), unless an entry gives its own. Templates use `{name}` placeholders.
 * Entity names come from the attribution table's own columns (name_zh_hans / name_zh_hant).
 */
import * as OpenCC from 'opencc-js';

export const LANGS = ['en', 'zh-Hans', 'zh-Hant'] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (s: unknown): s is Lang => typeof s === 'string' && (LANGS as readonly string[]).includes(s);

export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文' };

type Entry = readonly [string] | readonly [string, string] | readonly [string, string, string];

const T = {
  title: ['AI Race Observatory', 'AI 竞赛观察台', 'AI 競賽觀察台'],
  overview: ['Overview', '总览', '總覽'],
  capability: ['Capability', '能力'],
  adoption: ['Adoption', '采用', '採用'],
  cost: ['Cost', '成本'],
  compute: ['Compute', '算力'],
  policy: ['Policy', '政策'],
  claims: ['Claims', '说法核查', '說法核查'],
  sources: ['Sources', '来源', '來源'],
  methods: ['Methods', '方法'],
  glossary: ['Glossary', '术语表', '術語表'],
  models: ['Models', '模型'],
  as_of: ['As of', '截至'],
  apply: ['Apply', '应用', '套用'],
  language: ['Language', '语言', '語言'],
  pages: ['Pages', '页面', '頁面'],
  skip: ['Skip to content', '跳到正文', '跳到正文'],
  source_link: ['Sources', '来源', '來源'],
  more_sources: ['{n} more', '另有 {n} 个', '另有 {n} 個'],
  search: ['Search this table', '搜索此表', '搜尋此表'],
  sort_hint: ['Select a column header to sort.', '点击列标题可排序。', '點擊欄標題可排序。'],
  csv: ['CSV'],
  svg: ['SVG'],
  how_measured: ['How this is measured', '测量方法', '測量方法'],
  no_data: ['No data for this choice.', '此选项无数据。', '此選項無資料。'],
  not_found: ['Page not found', '找不到页面', '找不到頁面'],
  not_found_model: [
    'No model with the id “{id}” is in the database.',
    '数据库中没有 ID 为“{id}”的模型。',
    '資料庫中沒有 ID 為「{id}」的模型。',
  ],
  error: ['This view could not be computed: {msg}', '无法计算此视图：{msg}', '無法計算此檢視：{msg}'],
  bad_date: [
    'The date must be a real calendar date (YYYY-MM-DD); showing the latest data instead.',
    '日期须为有效日期（YYYY-MM-DD）；改为显示最新数据。',
    '日期須為有效日期（YYYY-MM-DD）；改為顯示最新資料。',
  ],
  yes: ['yes', '是'],
  no: ['no', '否'],
  unknown: ['unknown', '未知'],
  undetermined: ['undetermined', '无法确定', '無法確定'],
  // Overview
  answer_gap: [
    "China's best model trails the US frontier by {months} months{ci} on the {metric}, as of {date}.",
    '截至 {date}，按{metric}，中国最佳模型落后美国前沿 {months} 个月{ci}。',
  ],
  answer_gap_ahead: [
    "China's best model is level with or ahead of the US frontier on the {metric}, as of {date}.",
    '截至 {date}，按{metric}，中国最佳模型与美国前沿持平或领先。',
  ],
  answer_gap_none: [
    'The gap on the {metric} cannot be measured on {date}: {why}',
    '{date} 无法按{metric}测量差距：{why}',
  ],
  ci95: [' (95% interval {lo}–{hi})', '（95% 区间 {lo}–{hi}）', '（95% 區間 {lo}–{hi}）'],
  no_interval: [' (no interval: the source publishes none)', '（无区间：来源未公布）', '（無區間：來源未公布）'],
  at_least: ['at least {n}', '至少 {n}'],
  why_no_follower: [
    'one of the two blocs has no score on this date.',
    '其中一方在该日期没有分数。',
    '其中一方在該日期沒有分數。',
  ],
  why_never_reached: [
    'the leader never scored at the follower’s level before this date, so no months can be counted.',
    '此前领先方从未达到追赶方的水平，无法计算月数。',
    '此前領先方從未達到追趕方的水準，無法計算月數。',
  ],
  answer_score: [
    'With {weights}, {leader} leads the scorecard ({score} of 1); it leads in {share}% of all possible weightings.',
    '按{weights}，{leader} 在记分卡上领先（{score}/1）；在所有可能的权重组合中，{leader} 领先的比例为 {share}%。',
  ],
  equal_weights: ['equal weights', '等权重', '等權重'],
  your_weights: ['your weights', '您设定的权重', '您設定的權重'],
  scorecard: ['Scorecard', '记分卡', '記分卡'],
  scorecard_lead: [
    'Five pillars, each the mean of its indicators normalised across the countries compared (1 = best of them).',
    '五个维度，每个维度为其指标在所比较国家间归一化后的平均值（1 = 其中最佳）。',
  ],
  weights: ['Weights', '权重', '權重'],
  weights_help: [
    'Change the weight of each pillar (0 leaves it out); the view is kept in the URL.',
    '调整各维度权重（0 表示不计入）；视图保存在网址中。',
  ],
  leads_share: ['Share of weightings in which each leads', '在各种权重组合中领先的比例', '在各種權重組合中領先的比例'],
  sensitivity: ['Who leads under every possible weighting', '在所有可能权重下谁领先', '在所有可能權重下誰領先'],
  sensitivity_note: [
    '{n} weightings drawn uniformly; bars show the share in which each leads.',
    '均匀抽取 {n} 组权重；条形显示各方领先的比例。',
  ],
  deciding: ['Indicators that decide the leader', '决定领先者的指标', '決定領先者的指標'],
  deciding_none: [
    'No single indicator changes the leader when left out.',
    '去掉任何单个指标都不会改变领先者。',
    '去掉任何單個指標都不會改變領先者。',
  ],
  leader_without: ['Leader without it', '去掉后的领先者', '去掉後的領先者'],
  pillar: ['Pillar', '维度', '維度'],
  indicator: ['Indicator', '指标', '指標'],
  missing: ['missing', '缺失'],
  missing_why: ['Missing indicators', '缺失的指标', '缺失的指標'],
  missing_note: [
    '{indicator} has no value for {country} on this date, so the pillar is the mean of the rest ({source}).',
    '{indicator} 在该日期没有 {country} 的数值，因此该维度取其余指标的平均值（{source}）。',
  ],
  missing_pillar: [
    '{pillar} has no data for {country}: the score uses the other pillars only.',
    '{pillar} 没有 {country} 的数据：总分仅用其他维度计算。',
  ],
  recent: ['Recent events', '近期事件', '近期事件'],
  total: ['Total', '总分', '總分'],
  // capability
  gap: ['Gap', '差距'],
  gap_card: ['Gap on {metric}, {date}', '{date} {metric}差距', '{date} {metric}差距'],
  points: ['points', '分'],
  months: ['months', '个月', '個月'],
  leader: ['Leader', '领先方', '領先方'],
  follower: ['Follower', '追赶方', '追趕方'],
  metric: ['Metric', '指标', '指標'],
  model: ['Model', '模型'],
  organization: ['Organization', '机构', '機構'],
  score: ['Score', '分数', '分數'],
  interval: ['95% interval', '95% 区间', '95% 區間'],
  votes: ['Votes', '票数', '票數'],
  rank: ['Rank', '排名'],
  country: ['Country', '国家/地区', '國家/地區'],
  share: ['Share', '占比', '佔比'],
  value: ['Value', '数值', '數值'],
  date: ['Date', '日期'],
  release: ['Release date', '发布日期', '發布日期'],
  metrics_disagree: ['Why the metrics disagree', '为何各指标结论不同', '為何各指標結論不同'],
  metrics_disagree_lead: [
    'Each metric measures something different and counts months its own way; see the methods page.',
    '每个指标衡量的内容不同，计算月数的方式也不同；详见方法页。',
    '每個指標衡量的內容不同，計算月數的方式也不同；詳見方法頁。',
  ],
  gap_months: ['Gap (months)', '差距（月）'],
  gap_points: ['Gap (points)', '差距（分）'],
  frontier_chart: [
    '{metric}: best model of each bloc over time',
    '{metric}：各方最佳模型随时间变化',
    '{metric}：各方最佳模型隨時間變化',
  ],
  gap_chart: [
    '{metric}: how many months China trails, with 95% interval',
    '{metric}：中国落后的月数及 95% 区间',
    '{metric}：中國落後的月數及 95% 區間',
  ],
  events_axis: ['Events', '事件'],
  interval_band: ['95% interval', '95% 区间', '95% 區間'],
  leaderboard: ['Arena text leaderboard, {date}', 'Arena 文本排行榜，{date}', 'Arena 文本排行榜，{date}'],
  leaderboard_lead: [
    'Top 30 models by Arena rating, with the 95% interval and the number of votes the leaderboard publishes.',
    '按 Arena 评分排名前 30 的模型，附排行榜公布的 95% 区间和票数。',
    '按 Arena 評分排名前 30 的模型，附排行榜公布的 95% 區間和票數。',
  ],
  view_snapshot: [
    'best model on each leaderboard snapshot',
    '每次排行榜快照上的最佳模型',
    '每次排行榜快照上的最佳模型',
  ],
  view_release: [
    'best result among models released by each date',
    '截至各日期已发布模型中的最佳成绩',
    '截至各日期已發布模型中的最佳成績',
  ],
  uncertainty: ['Uncertainty', '不确定性', '不確定性'],
  unc_release: [
    'The interval comes from {rounds} resamples of which models exist (a bootstrap over models).',
    '区间来自对模型集合的 {rounds} 次重抽样（模型自助法）。',
    '區間來自對模型集合的 {rounds} 次重抽樣（模型自助法）。',
  ],
  unc_snapshot: [
    'The interval comes from {rounds} resamples of each entry within its published 95% interval.',
    '区间来自在各条目公布的 95% 区间内进行的 {rounds} 次重抽样。',
    '區間來自在各條目公布的 95% 區間內進行的 {rounds} 次重抽樣。',
  ],
  unc_none: [
    'No interval: this leaderboard publishes none for its entries.',
    '无区间：该排行榜未公布其条目的区间。',
    '無區間：該排行榜未公布其條目的區間。',
  ],
  // adoption
  adoption_answer: [
    'Models from {top} took {share}% of OpenRouter tokens in the 30 days to {date} ({source}).',
    '截至 {date} 的 30 天内，{top} 模型占 OpenRouter token 的 {share}%（{source}）。',
    '截至 {date} 的 30 天內，{top} 模型佔 OpenRouter token 的 {share}%（{source}）。',
  ],
  adoption_m_tokens: [
    'OpenRouter tokens by country of the model’s maker (30 days)',
    'OpenRouter token 用量，按模型开发者所在国家（30 天）',
    'OpenRouter token 用量，按模型開發者所在國家（30 天）',
  ],
  adoption_m_dollars: [
    'OpenRouter spending by country of the model’s maker (30 days)',
    'OpenRouter 支出，按模型开发者所在国家（30 天）',
    'OpenRouter 支出，按模型開發者所在國家（30 天）',
  ],
  adoption_m_downloads: [
    'Hugging Face downloads of top open models by country (30 days)',
    'Hugging Face 热门开放模型下载量，按国家（30 天）',
    'Hugging Face 熱門開放模型下載量，按國家（30 天）',
  ],
  adoption_m_derivatives: [
    'Derivative models (fine-tunes, adapters, merges, quantizations) by country of the base model',
    '衍生模型（微调、适配器、合并、量化）数量，按基础模型所在国家',
    '衍生模型（微調、適配器、合併、量化）數量，按基礎模型所在國家',
  ],
  window: ['Window: {from} to {to}.', '时间窗口：{from} 至 {to}。', '時間窗口：{from} 至 {to}。'],
  scope_openrouter: [
    'OpenRouter is one API aggregator, not the whole market.',
    'OpenRouter 只是一个 API 聚合平台，并非整个市场。',
    'OpenRouter 只是一個 API 聚合平台，並非整個市場。',
  ],
  cannot_verify: ['What the data cannot verify', '数据无法核实的内容', '資料無法核實的內容'],
  share_chart: [
    'Share of OpenRouter tokens by country, per day',
    '各国每日 OpenRouter token 占比',
    '各國每日 OpenRouter token 佔比',
  ],
  // cost
  cost_answer: [
    'The cheapest model scoring at least {level} on Arena text costs ${price} per million tokens ({model}, {date}; {source}).',
    '在 Arena 文本得分至少 {level} 的模型中，最便宜的是每百万 token {price} 美元（{model}，{date}；{source}）。',
    '在 Arena 文本得分至少 {level} 的模型中，最便宜的是每百萬 token {price} 美元（{model}，{date}；{source}）。',
  ],
  frontier: ['Price against capability, {date}', '价格与能力，{date}', '價格與能力，{date}'],
  frontier_lead: [
    'Each point is a model with a price and an Arena text score; labelled points are on the Pareto frontier (no model is both cheaper and better).',
    '每个点代表一个有价格和 Arena 文本分数的模型；带标签的点位于帕累托前沿（没有模型同时更便宜且更好）。',
    '每個點代表一個有價格和 Arena 文本分數的模型；帶標籤的點位於帕累托前沿（沒有模型同時更便宜且更好）。',
  ],
  price_axis: [
    'Blended price, $ per million tokens (log scale)',
    '混合价格，美元/百万 token（对数刻度）',
    '混合價格，美元/百萬 token（對數刻度）',
  ],
  price: ['Price ($/M tokens)', '价格（美元/百万 token）', '價格（美元/百萬 token）'],
  provider: ['Provider', '提供方'],
  input_price: ['Input ($/M)', '输入（美元/百万）', '輸入（美元/百萬）'],
  output_price: ['Output ($/M)', '输出（美元/百万）', '輸出（美元/百萬）'],
  valid_from: ['From', '起'],
  valid_to: ['To', '止'],
  trend: [
    'Cheapest model scoring at least {level}, over time',
    '得分至少 {level} 的最便宜模型随时间变化',
    '得分至少 {level} 的最便宜模型隨時間變化',
  ],
  pick: ['Cheapest model that meets your constraints', '满足条件的最便宜模型', '滿足條件的最便宜模型'],
  min_score: ['Minimum Arena text score', '最低 Arena 文本分数', '最低 Arena 文本分數'],
  open_weights: ['Open weights', '开放权重', '開放權重'],
  open_weights_only: ['Open weights only', '仅开放权重', '僅開放權重'],
  origin: ['Country of origin', '来源国', '來源國'],
  any: ['any', '不限'],
  not_cn: ['not China', '非中国', '非中國'],
  not_us: ['not the US', '非美国', '非美國'],
  find: ['Find', '查找'],
  excluded: [
    '{n} models without a price or score were left out ({date}).',
    '{n} 个没有价格或分数的模型未计入（{date}）。',
    '{n} 個沒有價格或分數的模型未計入（{date}）。',
  ],
  blend_note: [
    'Blended price: 3 parts input to 1 part output.',
    '混合价格：输入与输出按 3:1 加权。',
    '混合價格：輸入與輸出按 3:1 加權。',
  ],
  // compute
  compute_answer: [
    'The most powerful chip listed is {chip} ({country}) with a TPP of {tpp}; {n} of {total} chips are above the 4,800 TPP threshold of US export controls ({source}).',
    '列出的最强芯片是 {chip}（{country}），TPP 为 {tpp}；{total} 款芯片中有 {n} 款超过美国出口管制的 4,800 TPP 门槛（{source}）。',
    '列出的最強晶片是 {chip}（{country}），TPP 為 {tpp}；{total} 款晶片中有 {n} 款超過美國出口管制的 4,800 TPP 門檻（{source}）。',
  ],
  chips: ['Chips', '芯片', '晶片'],
  chip: ['Chip', '芯片', '晶片'],
  tflops: ['BF16 TFLOPS (dense)', 'BF16 TFLOPS（稠密）', 'BF16 TFLOPS（稠密）'],
  tpp: ['TPP', 'TPP'],
  pd: ['PD', 'PD'],
  tflops_w: ['TFLOPS per watt', '每瓦 TFLOPS'],
  confidence: ['Confidence', '可信度'],
  unconfirmed: ['unconfirmed: {f}', '未确认：{f}', '未確認：{f}'],
  notes: ['Notes', '备注', '備註'],
  conf_confirmed: ['confirmed', '已确认', '已確認'],
  conf_reported: ['reported', '报道值', '報導值'],
  conf_estimated: ['estimated', '估计值', '估計值'],
  conf_unconfirmed: ['unconfirmed', '未确认', '未確認'],
  systems: ['Systems', '系统', '系統'],
  system: ['System', '系统', '系統'],
  figure: ['Figure', '数据项', '資料項'],
  computed: ['Computed from chips', '由芯片推算', '由晶片推算'],
  published: ['Published', '公布值'],
  agrees: ['Agrees (±5%)', '相符（±5%）'],
  fig_bf16: ['dense BF16 compute (PFLOPS)', '稠密 BF16 算力（PFLOPS）'],
  fig_hbm_cap: ['memory capacity (TB)', '显存容量（TB）', '顯存容量（TB）'],
  fig_hbm_bw: ['memory bandwidth (TB/s)', '显存带宽（TB/s）', '顯存頻寬（TB/s）'],
  fig_power: ['power (kW)', '功耗（kW）'],
  fig_scaleup: ['scale-up bandwidth (TB/s)', '纵向扩展带宽（TB/s）', '縱向擴展頻寬（TB/s）'],
  classify: ['Export-control classifier', '出口管制分类', '出口管制分類'],
  classify_lead: [
    'Pick a chip, a destination and a date: the answer names each US rule in force and the paragraph that applies.',
    '选择芯片、目的地和日期：结果会列出当时生效的每条美国规则及适用的条款。',
    '選擇晶片、目的地和日期：結果會列出當時生效的每條美國規則及適用的條款。',
  ],
  destination: ['Destination', '目的地'],
  rule: ['Rule', '规则', '規則'],
  classification: ['Paragraph', '条款', '條款'],
  controlled: ['Controlled', '受管制'],
  license: ['Licence needed', '需要许可证', '需要許可證'],
  reason: ['Why', '原因'],
  classify_answer: [
    'On {date}, shipping {chip} to {dest}: {verdict}',
    '{date} 将 {chip} 运往 {dest}：{verdict}',
    '{date} 將 {chip} 運往 {dest}：{verdict}',
  ],
  needs_license: [
    'a licence is needed under {rule}, {para}.',
    '根据{rule}（{para}）需要许可证。',
    '根據{rule}（{para}）需要許可證。',
  ],
  no_license: [
    'no licence is needed under the rules in force.',
    '根据现行规则无需许可证。',
    '根據現行規則無需許可證。',
  ],
  license_unknown: [
    'the data cannot decide whether a licence is needed.',
    '数据不足以判断是否需要许可证。',
    '資料不足以判斷是否需要許可證。',
  ],
  not_classified: ['not classified', '不属于任何条款', '不屬於任何條款'],
  status_over_time: ['Status over time', '随时间变化的管制状态', '隨時間變化的管制狀態'],
  status_lead: [
    'For {chip} to {dest}: whether a licence was needed in each period between the rule and event dates in the data.',
    '{chip} 运往 {dest}：数据中各规则和事件日期之间每个时段是否需要许可证。',
    '{chip} 運往 {dest}：資料中各規則和事件日期之間每個時段是否需要許可證。',
  ],
  period_from: ['From', '起'],
  period_to: ['To', '止'],
  status_changes: ['What changed', '变化'],
  status_axis: [
    'licence needed (1 yes, 0 no, ½ undetermined)',
    '是否需要许可证（1 是，0 否，½ 无法判断）',
    '是否需要許可證（1 是，0 否，½ 無法判斷）',
  ],
  status_events: ['Events', '事件'],
  dest_names: [
    'CN China · US United States · DE Germany · AE UAE · IN India · JP Japan',
    'CN 中国 · US 美国 · DE 德国 · AE 阿联酋 · IN 印度 · JP 日本',
  ],
  // policy
  policy_answer: [
    '{n} policy, investment and release events up to {date}; the latest: {title} ({source}).',
    '截至 {date} 共有 {n} 项政策、投资和发布事件；最新一项：{title}（{source}）。',
    '截至 {date} 共有 {n} 項政策、投資和發布事件；最新一項：{title}（{source}）。',
  ],
  events: ['Events', '事件'],
  kind: ['Kind', '类型', '類型'],
  event_title: ['Event', '事件'],
  amount: ['Amount', '金额', '金額'],
  usd: ['In US dollars', '折合美元'],
  fx_note: [
    'Amounts in US dollars use {fx} ({conf} rates).',
    '美元金额按 {fx} 换算（{conf}汇率）。',
    '美元金額按 {fx} 換算（{conf}匯率）。',
  ],
  rules: ['Export-control rules', '出口管制规则', '出口管制規則'],
  effective: ['In force from', '生效日期'],
  kind_governance: ['governance', '治理'],
  kind_policy: ['policy', '政策'],
  kind_industry_target: ['industry target', '产业目标', '產業目標'],
  kind_forecast: ['forecast', '预测', '預測'],
  kind_open_source_adoption: ['open-source adoption', '开源采用', '開源採用'],
  kind_investment: ['investment', '投资', '投資'],
  kind_model_release: ['model release', '模型发布', '模型發布'],
  kind_export_control: ['export control', '出口管制'],
  // claims
  paste: ['Paste an article (English, 简体 or 繁體)', '粘贴文章（英文、简体或繁体）', '貼上文章（英文、簡體或繁體）'],
  check: ['Check', '核查'],
  claims_lead: [
    'Each number in the article is checked against the sourced data; hover or focus a highlighted claim for its evidence.',
    '文章中的每个数字都会与有来源的数据比对；将鼠标悬停或聚焦在高亮说法上可查看证据。',
    '文章中的每個數字都會與有來源的資料比對；將滑鼠懸停或聚焦在高亮說法上可查看證據。',
  ],
  claims_answer: ['{n} claims found: {counts}.', '共找到 {n} 条说法：{counts}。', '共找到 {n} 條說法：{counts}。'],
  claim: ['Claim', '说法', '說法'],
  subject: ['About', '对象', '對象'],
  verdict: ['Verdict', '结论', '結論'],
  evidence: ['Evidence', '证据', '證據'],
  no_evidence: ['no matching data in the snapshot', '快照中没有匹配的数据', '快照中沒有匹配的資料'],
  v_supported: ['supported', '有依据', '有依據'],
  v_contradicted: ['contradicted', '与数据不符', '與資料不符'],
  v_outdated: ['outdated', '已过时', '已過時'],
  v_unverifiable: ['unverifiable', '无法核实', '無法核實'],
  verdict_legend: [
    'Verdicts: supported (matches the data), contradicted (the data says otherwise), outdated (true then, not now), unverifiable (no confirmed data).',
    '结论：有依据（与数据一致）、与数据不符、已过时（当时属实，现已不符）、无法核实（无确认数据）。',
    '結論：有依據（與資料一致）、與資料不符、已過時（當時屬實，現已不符）、無法核實（無確認資料）。',
  ],
  // sources
  sources_answer: [
    'Every number on this site comes from one of these {n} sources; each dataset gives its dates and licence.',
    '本站的每个数字都来自以下 {n} 个来源之一；每个数据集都注明了日期和许可。',
    '本站的每個數字都來自以下 {n} 個來源之一；每個資料集都註明了日期和授權。',
  ],
  datasets: ['Datasets', '数据集', '資料集'],
  dataset: ['Dataset', '数据集', '資料集'],
  rows: ['Rows', '行数', '行數'],
  from: ['From', '起'],
  to: ['To', '止'],
  source: ['Source', '来源', '來源'],
  publisher: ['Publisher', '发布者', '發布者'],
  licence_col: ['Licence', '许可', '授權'],
  retrieved: ['Retrieved', '获取日期', '取得日期'],
  source_title: ['Title', '标题', '標題'],
  // model page
  model_answer: [
    '{name} is a model by {org} ({country}), released {release}; its best Arena text rating is {score}{ci} ({date}; {source}).',
    '{name} 是 {org}（{country}）的模型，发布于 {release}；其最高 Arena 文本评分为 {score}{ci}（{date}；{source}）。',
    '{name} 是 {org}（{country}）的模型，發布於 {release}；其最高 Arena 文本評分為 {score}{ci}（{date}；{source}）。',
  ],
  model_answer_short: [
    '{name} is a model by {org} ({country}), released {release} ({source}).',
    '{name} 是 {org}（{country}）的模型，发布于 {release}（{source}）。',
    '{name} 是 {org}（{country}）的模型，發布於 {release}（{source}）。',
  ],
  identity: ['Identity across sources', '各来源中的名称', '各來源中的名稱'],
  aliases: ['Also called', '别名', '別名'],
  family: ['Family', '系列'],
  parameters: ['Parameters (billions)', '参数量（十亿）', '參數量（十億）'],
  context: ['Context (tokens)', '上下文长度（token）', '上下文長度（token）'],
  licence: ['Licence', '许可', '授權'],
  scores_over_time: ['Scores over time', '分数随时间变化', '分數隨時間變化'],
  leaderboards: ['Leaderboard ratings', '排行榜评分', '排行榜評分'],
  benchmarks: ['Benchmark results', '基准测试结果', '基準測試結果'],
  benchmark: ['Benchmark', '基准测试', '基準測試'],
  stderr: ['Standard error', '标准误', '標準誤'],
  prices_over_time: ['Prices by provider', '各提供方价格', '各提供方價格'],
  traffic: ['Share of OpenRouter tokens', 'OpenRouter token 占比', 'OpenRouter token 佔比'],
  derivatives: ['Derivative models on Hugging Face', 'Hugging Face 上的衍生模型', 'Hugging Face 上的衍生模型'],
  derivatives_n: [
    '{n} models on Hugging Face name this model as their base ({source}).',
    'Hugging Face 上有 {n} 个模型以此模型为基础（{source}）。',
    'Hugging Face 上有 {n} 個模型以此模型為基礎（{source}）。',
  ],
  relation: ['Relation', '关系', '關係'],
  downloads: ['Downloads (30 days)', '下载量（30 天）', '下載量（30 天）'],
  hub_id: ['Hugging Face id', 'Hugging Face ID'],
  category: ['Category', '类别', '類別'],
  all_models: ['All models', '全部模型'],
  models_lead: [
    '{n} models from every source, with organization, country and release date. Select one for its page.',
    '来自所有来源的 {n} 个模型，附机构、国家和发布日期。点击可查看其页面。',
    '來自所有來源的 {n} 個模型，附機構、國家和發布日期。點擊可查看其頁面。',
  ],
  // methods / glossary
  methods_lead: [
    'How each number is computed, and why the metrics can disagree about the gap.',
    '各数字的计算方法，以及为何不同指标对差距的结论不同。',
    '各數字的計算方法，以及為何不同指標對差距的結論不同。',
  ],
  glossary_lead: [
    'Terms used on this site, in plain words.',
    '本站使用的术语，用浅白的话解释。',
    '本站使用的術語，用淺白的話解釋。',
  ],
  ind_arena_text_best: ['Best Arena text rating', '最高 Arena 文本评分', '最高 Arena 文本評分'],
  ind_eci_best: ['Best Epoch Capabilities Index', '最高 Epoch 能力指数', '最高 Epoch 能力指數'],
  ind_openrouter_token_share: [
    'Share of OpenRouter tokens (30 days)',
    'OpenRouter token 占比（30 天）',
    'OpenRouter token 佔比（30 天）',
  ],
  ind_hf_download_share: [
    'Share of Hugging Face downloads (30 days)',
    'Hugging Face 下载量占比（30 天）',
    'Hugging Face 下載量佔比（30 天）',
  ],
  ind_cheapest_at_median_capability: [
    'Cheapest price at median capability ($/M tokens)',
    '中位能力下的最低价格（美元/百万 token）',
    '中位能力下的最低價格（美元/百萬 token）',
  ],
  ind_best_chip_bf16_tflops: [
    'Best home-designed chip (BF16 TFLOPS)',
    '本国设计的最强芯片（BF16 TFLOPS）',
    '本國設計的最強晶片（BF16 TFLOPS）',
  ],
  ind_chips_without_license: [
    'Share of chips it can buy without a US licence',
    '无需美国许可证即可购买的芯片比例',
    '無需美國許可證即可購買的晶片比例',
  ],
  ind_pledged_investment_usd: [
    'AI investment pledged (USD)',
    '已承诺的人工智能投资（美元）',
    '已承諾的人工智慧投資（美元）',
  ],
  why_no_data_date: [
    'the source has no data for it on or before this date',
    '来源在该日期或之前没有相关数据',
    '來源在該日期或之前沒有相關資料',
  ],
  why_not_covered: ['the source does not cover it', '来源未涵盖', '來源未涵蓋'],
  lead_share_chart: [
    'Share of random weightings in which each leads',
    '随机权重下各方领先的比例',
    '隨機權重下各方領先的比例',
  ],
  weightings: ['Share of weightings', '权重组合占比', '權重組合佔比'],
  normalized: ['Normalised (1 = best)', '归一化（1 = 最佳）', '歸一化（1 = 最佳）'],
  fig_accel_power: ['accelerator power (kW)', '加速器功耗（kW）'],
  power_note: [
    'The published figure is all-in system power, so a lower computed value is expected.',
    '公布值为整机功耗，因此推算值较低属正常。',
    '公布值為整機功耗，因此推算值較低屬正常。',
  ],
  unconf_fields: ['Figures not confirmed by a primary source', '未经一手来源确认的数据', '未經一手來源確認的資料'],
  f_bf16_dense_tflops: ['BF16', 'BF16'],
  f_fp8_dense_tflops: ['FP8', 'FP8'],
  f_memory_gb: ['memory', '显存', '顯存'],
  f_memory_bandwidth_tbps: ['memory bandwidth', '显存带宽', '顯存頻寬'],
  f_tdp_w: ['power', '功耗'],
  f_die_area_mm2: ['die area', '芯片面积', '晶片面積'],
  f_interconnect_gbps_bidirectional: ['interconnect', '互连带宽', '互連頻寬'],
  f_release_year: ['release year', '发布年份', '發布年份'],
  compute_charts: [
    'Chip compute against the export-control threshold',
    '芯片算力与出口管制门槛',
    '晶片算力與出口管制門檻',
  ],
  tpp_axis: ['TPP (total processing performance)', 'TPP（总处理性能）', 'TPP（總處理效能）'],
  pd_axis: ['PD (performance density)', 'PD（性能密度）', 'PD（效能密度）'],
  ev_in_force: ['{rule} comes into force', '{rule}生效'],
  ev_frontier: [
    '{model} sets the {bloc} frontier on the Epoch Capabilities Index ({score})',
    '{model} 创下{bloc}在 Epoch 能力指数上的新前沿（{score}）',
    '{model} 創下{bloc}在 Epoch 能力指數上的新前沿（{score}）',
  ],
  source_colon: [' Source: {s}.', '来源：{s}。', '來源：{s}。'],
  f_memory_type: ['memory type', '显存类型', '顯存類型'],
  f_fp16_dense_tflops: ['FP16', 'FP16'],
  f_int8_dense_tops: ['INT8', 'INT8'],
  f_fp4_dense_tflops: ['FP4', 'FP4'],
  f_fp64_tflops: ['FP64', 'FP64'],
  f_process: ['process node', '制程', '製程'],
  f_architecture: ['architecture', '架构', '架構'],
  f_transistors_billion: ['transistors', '晶体管数', '電晶體數'],
  f_interconnect_name: ['interconnect name', '互连名称', '互連名稱'],
  f_datacenter: ['data-centre chip', '数据中心芯片', '資料中心晶片'],
  board_text: ['Arena text', 'Arena 文本'],
  board_style: ['Arena text (style control)', 'Arena 文本（风格控制）', 'Arena 文本（風格控制）'],
  board_vision: ['Arena vision', 'Arena 视觉', 'Arena 視覺'],
  cat_coding: ['coding', '编程', '程式設計'],
  cat_chinese: ['Chinese prompts', '中文提示'],
  unit_arena: ['Arena rating', 'Arena 评分', 'Arena 評分'],
  unit_eci: ['ECI score', 'ECI 分数', 'ECI 分數'],
  gap_card_none: ['No months figure on this date: {why}', '该日期没有月数：{why}', '該日期沒有月數：{why}'],
  why_ahead: [
    'China is level with or ahead of the US on this date.',
    '该日期中国与美国持平或领先。',
    '該日期中國與美國持平或領先。',
  ],
  tpp_threshold: ['4,800 TPP: controlled under 3A090.a', '4,800 TPP：受 3A090.a 管制'],
  weight_capability: ['Capability', '能力'],
} as const satisfies Record<string, Entry>;

export type Key = keyof typeof T;

const s2t = (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }).Converter({
  from: 'cn',
  to: 'twp',
});
const hant = new Map<Key, string>();

export function t(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  const e: Entry = T[key];
  let s: string;
  if (lang === 'en' || e.length === 1) s = e[0];
  else if (lang === 'zh-Hans') s = e[1];
  else if (e.length === 3) s = e[2];
  else {
    s = hant.get(key) ?? s2t(e[1] as string);
    hant.set(key, s);
  }
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Simplified → Traditional (Taiwan phrasing), for curated data translations given only in one script. */
export const toHant = (s: string): string => s2t(s);

export const hasKey = (k: string): k is Key => k in T;

const COUNTRY: Record<string, [string, string, string]> = {
  US: ['United States', '美国', '美國'],
  CN: ['China', '中国', '中國'],
  EU: ['European Union', '欧盟', '歐盟'],
  FR: ['France', '法国', '法國'],
  UK: ['United Kingdom', '英国', '英國'],
  GB: ['United Kingdom', '英国', '英國'],
  CA: ['Canada', '加拿大', '加拿大'],
  JP: ['Japan', '日本', '日本'],
  KR: ['South Korea', '韩国', '韓國'],
  IL: ['Israel', '以色列', '以色列'],
  AE: ['UAE', '阿联酋', '阿聯酋'],
  IN: ['India', '印度', '印度'],
  TW: ['Taiwan', '台湾', '台灣'],
  DE: ['Germany', '德国', '德國'],
  SG: ['Singapore', '新加坡', '新加坡'],
  CH: ['Switzerland', '瑞士', '瑞士'],
  INTL: ['International', '国际', '國際'],
  other: ['Other', '其他', '其他'],
  unknown: ['Unknown', '未知', '未知'],
};

/** A country or bloc name in the chosen language; unknown codes are shown as given. */
export function countryName(lang: Lang, code: string | null | undefined): string {
  if (!code) return '';
  const n = COUNTRY[code];
  if (!n) return code;
  return n[LANGS.indexOf(lang)] ?? n[0];
}

/** Every interface string in one language (for the tests that look for untranslated text). */
export const interfaceStrings = (lang: Lang): { key: Key; text: string }[] =>
  (Object.keys(T) as Key[]).map((key) => ({ key, text: t(lang, key) }));
