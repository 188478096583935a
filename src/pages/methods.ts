/**
 * @module
 * The methods page (how each number is made and why the metrics disagree about the gap) and the
 * glossary (TPP, PD, ECCN, blended price …), in plain words, in English and Chinese. Traditional Chinese
 * is converted from the Simplified text (opencc-js, Taiwan phrasing).
 */
import { toHant } from './i18n.ts';
import { esc, type Doc } from './layout.ts';
import type { PageOut } from './registry.ts';

type Text = readonly [string, string];

const pick = (doc: Doc, x: Text): string =>
  doc.v.lang === 'en' ? x[0] : doc.v.lang === 'zh-Hans' ? x[1] : toHant(x[1]);

const METHODS: [string, Text, Text[]][] = [
  [
    'gap',
    ['The gap, in points and in months', '差距：分数与月数'],
    [
      [
        'Points: the best US model’s score minus the best Chinese model’s score on the same metric and date.',
        '分数差：同一指标、同一日期下，美国最佳模型分数减去中国最佳模型分数。',
      ],
      [
        'Months: how long ago the US frontier first reached the score China’s best has today. If the US was already above it when the data begins, the gap is “at least” that long.',
        '月数差：美国前沿最早达到中国当前最佳分数距今多久。若数据开始时美国已高于该水平，则差距为“至少”该月数。',
      ],
      [
        'Interval (95%): the gap recomputed many times with the data resampled — scores within their published error, and (for benchmarks) which models are included. Where a source publishes no error, the interval only reflects which models exist, or no interval is given.',
        '区间（95%）：对数据重抽样后多次重新计算差距——分数在其公布误差范围内变动，基准测试还会重抽样所包含的模型。若来源未公布误差，区间只反映模型集合的变化，或不提供区间。',
      ],
    ],
  ],
  [
    'disagree',
    ['Why the metrics disagree', '为何各指标结论不同'],
    [
      [
        'Leaderboards (Arena) rank models by people’s votes on each snapshot date; benchmarks (Epoch, GPQA, SWE-bench) score models by release date. They measure different skills, include different models and are updated at different times.',
        '排行榜（Arena）按每次快照日期的用户投票为模型排名；基准测试（Epoch、GPQA、SWE-bench）按发布日期为模型打分。它们衡量的能力不同，纳入的模型不同，更新时间也不同。',
      ],
      [
        'A scale where the top scores bunch together (Arena ratings) turns a small points gap into many months, because the US frontier moved slowly through that range; a benchmark where scores climb fast turns a large points gap into few months.',
        '在高分密集的量表上（如 Arena 评分），很小的分数差可能对应很多个月，因为美国前沿在该区间进展缓慢；在分数上升很快的基准上，较大的分数差可能只对应几个月。',
      ],
      [
        'Chinese models are missing from some benchmarks, and some leaderboards count a model only after enough votes. Read the gap on several metrics together, with their intervals.',
        '部分基准缺少中国模型，有些排行榜在票数足够后才计入模型。应结合多个指标及其区间一起解读差距。',
      ],
    ],
  ],
  [
    'scorecard',
    ['The scorecard', '记分卡'],
    [
      [
        'Each indicator is scaled across the countries compared (1 = best of them). A pillar is the mean of its indicators that have data; the score is the weighted mean of the pillars. A missing indicator is listed with the reason, never silently counted as zero.',
        '每个指标在所比较的国家之间归一化（1 = 其中最佳）。维度为有数据指标的平均值；总分为各维度的加权平均。缺失的指标会列出原因，绝不会被默认为零。',
      ],
      [
        'Sensitivity: thousands of random weightings; the chart shows how often each country leads. A lead that holds under most weightings does not depend on the choice of weights.',
        '敏感性分析：抽取数千组随机权重，图表显示各国领先的频率。若在多数权重下都领先，则结论不依赖于权重的选择。',
      ],
    ],
  ],
  [
    'cost',
    ['Prices', '价格'],
    [
      [
        'Prices are list prices per million tokens from provider price lists; the blended price weights input and output 3 to 1. The cheapest provider of a model is used.',
        '价格为各提供方价目表中的每百万 token 标价；混合价格按输入与输出 3:1 加权。取该模型最便宜的提供方。',
      ],
    ],
  ],
  [
    'adoption',
    ['Adoption', '采用'],
    [
      [
        'Traffic is OpenRouter’s published token counts: one aggregator, not the whole market. Downloads and derivatives are Hugging Face’s counts for the top open models.',
        '流量为 OpenRouter 公布的 token 数：仅是一个聚合平台，并非整个市场。下载量和衍生模型数为 Hugging Face 对热门开放模型的统计。',
      ],
    ],
  ],
];

const GLOSSARY: [string, Text, Text][] = [
  [
    'tpp',
    ['TPP (total processing performance)', 'TPP（总处理性能）'],
    [
      'The US export-control measure of a chip’s compute: 2 × peak dense operations per second (in tera) × the bit length of the operation. Chips at 4,800 or more are controlled under ECCN 3A090.a.',
      '美国出口管制用于衡量芯片算力的指标：2 × 每秒峰值稠密运算次数（以万亿计）× 运算位宽。TPP 达到 4,800 及以上的芯片受 3A090.a 管制。',
    ],
  ],
  [
    'pd',
    ['PD (performance density)', 'PD（性能密度）'],
    [
      'TPP divided by the chip’s die area in mm². It catches chips that are small but dense in compute.',
      'TPP 除以芯片裸片面积（平方毫米），用于识别面积小但算力密集的芯片。',
    ],
  ],
  [
    'eccn',
    ['ECCN (Export Control Classification Number)', 'ECCN（出口管制分类编号）'],
    [
      'The code in the US Commerce Control List that says which controls apply to an item. 3A090 covers advanced computing chips; its paragraphs (.a, .b, .c) set the thresholds.',
      '美国《商业管制清单》中的编号，说明某物项适用哪些管制。3A090 涵盖先进计算芯片，其各款（.a、.b、.c）规定了门槛。',
    ],
  ],
  [
    'blended',
    ['Blended price', '混合价格'],
    [
      'One price per million tokens that mixes the input and output prices, 3 parts input to 1 part output, as a typical chat uses them.',
      '把输入和输出价格合成每百万 token 一个价格，按典型对话的用量以输入 3 份、输出 1 份加权。',
    ],
  ],
  [
    'frontier',
    ['Frontier', '前沿'],
    [
      'The best score any model of a country or bloc has reached by a date.',
      '某国家或集团的任意模型截至某日期达到的最高分。',
    ],
  ],
  [
    'interval',
    ['95% interval', '95% 区间'],
    [
      'The range the value falls in 95 times out of 100 when the data is resampled; a wide range means an uncertain number.',
      '对数据重抽样时，数值 100 次中有 95 次落入的范围；范围越宽，数字越不确定。',
    ],
  ],
  [
    'arena',
    ['Arena rating', 'Arena 评分'],
    [
      'A score from people’s side-by-side votes between two anonymous models (LMArena). 100 points apart means the higher one wins about 64% of votes.',
      '来自用户在两个匿名模型间逐对投票的评分（LMArena）。相差 100 分意味着高分模型约赢得 64% 的投票。',
    ],
  ],
  [
    'eci',
    ['Epoch Capabilities Index', 'Epoch 能力指数'],
    ['Epoch AI’s combined score across many benchmarks, on one scale.', 'Epoch AI 综合多项基准测试得出的单一分数。'],
  ],
  [
    'open',
    ['Open weights', '开放权重'],
    [
      'The model’s trained weights can be downloaded and run by anyone, under its licence.',
      '模型训练好的权重可按其许可证下载并由任何人运行。',
    ],
  ],
];

export async function methodsPage(doc: Doc): Promise<PageOut> {
  let body = `<h1>${esc(doc.t('methods'))}</h1><p class="answer">${esc(doc.t('methods_lead'))}</p>`;
  for (const [id, title, paras] of METHODS)
    body += `<h2 id="${id}">${esc(pick(doc, title))}</h2>${paras.map((p) => `<p>${esc(pick(doc, p))}</p>`).join('')}`;
  return { title: doc.t('methods'), body };
}

export async function glossaryPage(doc: Doc): Promise<PageOut> {
  const body =
    `<h1>${esc(doc.t('glossary'))}</h1><p class="answer">${esc(doc.t('glossary_lead'))}</p><dl>` +
    GLOSSARY.map(
      ([id, term, def]) => `<dt id="${id}">${esc(pick(doc, term))}</dt><dd>${esc(pick(doc, def))}</dd>`,
    ).join('') +
    '</dl>';
  return { title: doc.t('glossary'), body };
}
