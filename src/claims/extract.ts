/**
 * @module
 * Claim assembly: each quantity of interest becomes a claim with a metric (from the words around it), a
 * subject entity, an optional comparison entity and a time, all within its sentence. Quantities that
 * say nothing measurable (years, dates, bare numbers without a metric) are not claims.
 */
import { systemsBuiltOf, variantEntries, type Entity, type EntityIndex, type Mention } from './entities.ts';
import { bounded, findQuantities, parseNumber, qualifierBefore, type Quantity, type Stop } from './quantities.ts';
import { firstAtOrAfter, sentences } from './text.ts';
import { addDays } from '../util/dates.ts';

export interface Extracted {
  quote: string;
  start: number;
  end: number;
  sentence: [number, number];
  subject: string | null;
  comparison: string | null;
  metric: string;
  value: number;
  low: number | null;
  high: number | null;
  /** A qualifier's bound: more than (`gt`), less than (`lt`), about (`approx`); null when exact. */
  bound: 'gt' | 'lt' | 'approx' | null;
  unit: string;
  time: string | null;
  /** When the claim is about a span of days ("25–31 July", "the 30 days to 7 August"): its length; `time` is its last day. */
  days?: number | null;
  /** Entities named in the sentence and the two before it. */
  context: string[];
  /** The article's own date (its dateline): what a claim that states no time is as of. */
  as_of?: string | null;
  /** For a score in points: the benchmarks its passage names (`aa_intelligence`), whose scores it is checked on. */
  boards?: string[];
  /** The spans of days the document names anywhere ("the week to 31 July"): what an undated traffic figure may mean. */
  windows?: { time: string; days: number }[];
  /** A percentage said as a difference ("60% more", "低两成"): the ratio to the other side is 1 ± the value. */
  change?: 'more' | 'less';
  /** Of the names around it, those it is compared with ("than B", "与H100相同"): never its subject instead. */
  compared?: string[];
  /** Whether the subject is named in the claim's own sentence, or inferred from the passage or the document. */
  subject_from?: 'sentence' | 'context' | 'ambiguous';
  /** For a place or rating: said of one of the Arena's category boards, which the data does not hold. */
  category?: boolean;
  /** For a rule's threshold: said of the rule as first made ("最初的ECCN 3A090", "the original rule"). */
  original?: boolean;
  /** For a price or a ratio of prices: which, as its clause says (the input's or the output's). */
  price_of?: 'input' | 'output' | 'cache_read';
  /** For a ratio of prices: said where the sentence speaks of blends of input and output, and names no side. */
  blended?: boolean;
  /** For a price: who sells at it as the text says ("官方", "first-party": `first_party`; "on OpenRouter": its id). */
  seller?: string;
  /** The subject as the text names it: where it is no entity the data holds (a survey), or narrows a family. */
  subject_text?: string;
  /** What a ratio compares (compute, memory, bandwidth, power), from the words of its sentence. */
  aspect?: 'compute' | 'memory' | 'bandwidth' | 'power' | 'power_per_compute' | 'count' | null;
  /**
   * Whether the figure's own clause names that aspect plainly: no other precision (FP8, INT8), and no measured
   * workload (inference, training, a benchmark) the specifications do not give. Only then can a ratio of
   * specifications refute it.
   */
  aspect_plain?: boolean;
  /** Its subject is a guess from the passage: the data can bear it out, never refute it. */
  support_only?: boolean;
  /**
   * Said of a party's own platform or data ("其平台上……的下载超过2亿次", "on its own cloud"), or a volume a party the
   * text does not name reports ("一家国内镜像站则称"): figures the data does not hold.
   */
  own_data?: boolean;
  /** Whether its time is named elsewhere in the passage (a sentence before, "当天"), not in its own sentence. */
  time_carried?: boolean;
  /** Whether its side (`price_of`) is named right after it ("per million input tokens"), not before it. */
  side_after?: boolean;
  /** Told as still holding ("still credit it with", "仍引用"): a figure of an earlier window may be told again. */
  still?: boolean;
  /** Whether its sentence names a chip besides its subject ("the A800, a cut-down A100, …"). */
  beside_chip?: boolean;
  /** For a gap between two models: whether the subject is ahead of its comparison or behind it. */
  direction?: 'ahead' | 'behind';
}

const has = (s: string, re: RegExp) => re.test(s);
const compareText = (h: string) => MARK_COMPARE.test(h) || MARK_COMPARE_ZH.test(h);
/** "与H100相同", "和B一样": a name between "with" and a word of likeness is what is compared with. */
const SAME_BEFORE = /(?:与|和|跟|同)\s?$/;
const SAME_AFTER = /^[^，。,;；\d]{0,6}?(?:相同|一样|相当|相似|类似|持平|看齐|同级|相比|相较|不相上下)/;
const markText = (h: string) => compareText(h) || MARK_PREP.test(h);

const GAP = /落后|领先|差距|相差|追赶|赶超|behind|ahead|\bgap\b|\blead\b|trail|\blag|catch(?:ing)? up/;
/** Comparing words before a name: it is what the number is measured against ("than B", "达到B的", "trailing B"). */
const MARK_COMPARE = new RegExp(
  String.raw`(?:\bthan|\bvs\.?|\bversus|compared (?:with|to)|\bagainst|\btrail(?:s|ing|ed)?|\bbehind|\bahead of|` +
    String.raw`\boutpac\w*|\bsurpass\w*|\bsame as|\bon par with|\bmatch(?:es|ing)|\bidentical to|\bequal to|\bbeat(?:s|ing)?|\boutperform\w*|\bexceed\w*|\brival\w*|相比|比|较|对比|达到?|` +
    String.raw`相当于|仅为|只有|约为|不到|超过|超越|落后于?|领先于?|不如|媲美|逊于|高于|低于|优于|类似于?|如同|\\bsimilar to)` +
    String.raw`\s{0,2}(?:the\s+|an?\s+|all\s+)?(?:[A-Za-z0-9]+(?:'s|’s)?\s+){0,2}$`,
  'i',
);
/** A Chinese comparing verb a few words before the name: "超越美国AI芯片巨擘辉达". */
const MARK_COMPARE_ZH =
  /(?:超越|超过|落后于?|领先于?|不如|媲美|优于|逊于|相比|相较于?|类似于?|如同|相当于|仅为)[\u4e00-\u9fffA-Za-z ]{0,10}$/;
/** Prepositions before a name: its object, unless the name owns what follows ("over the 910B's 64GB"). */
const MARK_PREP =
  /(?:\bof|\bover|\bon|\bat|\bamong|\bacross|\bfrom|(?<!\b(?:belongs?|belonged|goes|went|falls|fell|credited|attributed|owed)\s)\bto|\binside|\bwithin|在|于)\s{0,2}(?:the\s+|an?\s+|all\s+)?(?:(?!(?:was|is|are|were|has|had|became|becomes|remains|stays)\s)[A-Za-z0-9]+(?:'s|’s)?\s+){0,2}$/i;
/**
 * A noun of things made, then where they come from ("models from", "chips made by", "came from"), or a version
 * of a thing ("a preview of Qwen3.6 Plus"): the name is what the sentence speaks of, not a compared object.
 */
const ORIGIN =
  /\b(?:(?:models?|chips?|labs?|companies|firms|developers?|systems?|entries|makers?|start-?ups?)\s+(?:(?:made|built|developed)\s+)?|(?:come|comes|came|coming)\s+)(?:from|by|out of)\s+(?:the\s+)?$|\b(?:preview|version|variant|release|edition|update)s?\s+of\s+(?:the\s+)?$|\b(?:spending|spend|spent|paid|payments?)\s+on\s+(?:the\s+)?$/i;
/** A sentence that opens with a pronoun continues the one before ("They commanded…", "其算力…"). */
const PRONOUN =
  /^[\s"“'‘(•*「『《-]*(?:(?:however|but|and|yet|still),?\s+)?(?:they|it|its|their|these|those|he|she|we|that(?:'s|’s| is| was)|this(?: is| was)?)\b|^[\s"“'‘(•*「『《-]*(?:其|它|他们|它们|该|此)/i;
/** A definite description standing for an entity named before: "the platform", "this chip", "该公司". */
const DESCRIPTION =
  /(?:^[\s"“'‘(•*「『《-]*|\b(?:the|this|that|its|their)\s+)(?:([A-Za-z][\w-]*)\s+)?(platform|company|firm|chip|accelerator|processor|part|model|system|machine|supercomputer|superpod|pod|cluster|rack|cabinet|lab|startup|country|nation)(?:'s|’s)?\b|(?:该|此|这家|这款|这个|这一|其)(平台|公司|企业|芯片|模型|系统|超节点|国家)/i;
/** A description's noun right after a maker's name: "Huawei part", "Nvidia rack". */
const MAKER_NOUN =
  /^\s(?:part|chip|accelerator|processor|system|machine|supercomputer|superpod|pod|cluster|rack|cabinet|model)s?\b/i;
const DESCRIBED_KIND: [RegExp, string][] = [
  [/platform|company|firm|lab|startup|平台|公司|企业/, 'organization'],
  [/chip|accelerator|processor|part|芯片/, 'chip'],
  [/model|模型/, 'model'],
  [/system|machine|supercomputer|superpod|pod|cluster|rack|cabinet|系统|超节点/, 'system'],
  [/country|nation|国家/, 'country'],
];
/** A fall named just before a percentage: the growth is negative ("股价下跌2.5%", "fell 9%"). */
const DECLINE =
  /(?:下跌|下降|下滑|减少|缩水|衰退|[年季月]减|跌了?|降了?|decline[sd]?|declining|drop(?:ped|s)?|fell|fall(?:s|ing)?|down|lower by|shr[ai]nk)\s{0,2}(?:by\s)?(?:[~≈约]\s?)?$/i;
const TOKENS = /token|traffic|usage|consumption|用量|调用|流量|使用量|词元/;
/** Words of a ranking: a place is a rank only in a sentence about one. */
const TOKEN_WORD = /token|词元/i;
/** A blended price: input and output weighted together. */
const BLENDED =
  /混合价|\bblend(?:ed|ing)?\b|三比一|3\s?:\s?1|三份输入|(?:three|3) parts? input|(?:three|3) input tokens? (?:to|with|for) (?:one|1|each) output|(?:three|3)-to-one|weighted (?:3|three) to (?:1|one)/i;
/** A side of a price: what is read or written (or read from a cache). */
const SIDE = /输入|输出|缓存|\binput|\boutput|\bcache/i;
const SIDES = new RegExp(SIDE.source, 'gi');
/** How far from a figure its clause is looked for. */
const CLAUSE_REACH = 240;
/** A total said of many parts ("总容量", "aggregate bandwidth", "in total"). */
const TOTAL = /总|合计|共计|整体|\btotal\b|\baggregate\b|\bcombined\b/i;
/** Words for money spent ("消费额", "spent", "spending"): what was paid, over a span of days through a platform. */
const SPENT = /消费|花费|支出|\bspen(?:t|d|ds|ding)\b|\bbilled\b/i;
/** Where a clause ends: a comma or semicolon, or a space between Chinese phrases (a headline's two halves). */
const CLAUSE_BREAK = /[,;，；]|(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff])/;
/** Volumes said of where they went ("sent 5 trillion tokens to Chinese models"). */
const TO_WHOM = new Set(['tokens', 'tokens_week', 'tokens_month', 'tokens_day', 'requests', 'spend']);
/** Entities counted right after a number ("17 Chinese entities", "140个实体"): additions to a list. */
const ENTITIES_AFTER =
  /^\s?(?:个|家)?\s?(?:(?:Chinese|US|American|foreign|new)\s|中国|美国|外国)?\s?(?:entities\b|实体)/i;
/** Models derived from others: fine-tunes, merges, quantizations. */
const DERIVED = /衍生|derivative|fine-?tunes?\b|\bmerges\b|quantiz/i;
/** Words for requests made through a platform. */
const REQUESTS = /\brequests\b|\bcalls\b|\bapi calls\b|请求|调用次数/i;
const RANKING =
  /榜|排名|排行|名次|位列|位居|评分|得分|分数|前[\d一二三四五六七八九十百]+名|token|用量|调用量|leaderboard|ranking|ranked|\bboard\b|arena|chart|table|score|rating|votes|\d\s?(?:points|分)/i;
/** The metric a quantity measures, from its kind, unit and the words of its sentence; null if none. */
export function metricOf(q: Quantity, sentence: string, hasComparison: boolean): string | null {
  const s = sentence.toLowerCase();
  switch (q.kind) {
    case 'spec':
      switch (q.unit) {
        case 'TFLOPS':
        case 'PFLOPS':
        case 'EFLOPS':
        case 'TOPS':
        case 'POPS': {
          // The precision named next to the figure in its clause ("800 TFLOPS FP16", "FP8算力达1 PFLOPS"), the
          // nearer side first; else the sentence's.
          const PREC = /fp8|int8|fp4|fp64|fp32|tf32|bf16|fp16/g;
          const after = (q.after ?? '').toLowerCase().split(/[，,;；。(（]/)[0] ?? '';
          const beforeClause =
            (q.before ?? '')
              .toLowerCase()
              .split(/[，,;；。]/)
              .at(-1) ?? '';
          const a = /fp8|int8|fp4|fp64|fp32|tf32|bf16|fp16/.exec(after);
          const b = [...beforeClause.matchAll(PREC)].at(-1);
          const p =
            (a && (!b || a.index <= beforeClause.length - (b.index ?? 0) - b[0].length) ? a[0] : b?.[0]) ??
            /fp8|int8|fp4|fp64|bf16|fp16/.exec(s)?.[0] ??
            null;
          return p ? `compute_${p === 'bf16' ? 'fp16' : p}` : 'compute';
        }
        case 'GB':
        case 'TB':
        case 'PB':
        case 'MB':
          // (A data centre is where chips stand, not data.)
          return has(s.replace(/data cent(?:er|re)s?|数据中心/g, ''), /数据|data|storage|存储|语料|dataset/) &&
            !has(s, /hbm|显存|内存|memory/)
            ? 'data_size'
            : 'memory';
        case 'GB/s':
        case 'TB/s': {
          // A link between chips (NVLink, 互联) is not the memory's bandwidth: the words next to the figure decide,
          // then the sentence's.
          // "2 GB/s per square millimetre", "每平方毫米2 GB/s": bandwidth per area (the HBM rule's measure).
          if (
            /^\s?(?:per\s+(?:square\s+)?mil+i?met|per\s+mm|\/\s?mm)|^\s?每平方毫米/i.test(q.tail ?? q.after ?? '') ||
            /(?:每平方毫米|per\s+mm2?)\s?$/i.test(q.before ?? '')
          )
            return 'bandwidth_density';
          const LINK =
            /互联|互连|片间|卡间|interconnect|nvlink|chip-to-chip|scale-up|\blinks?\b|infinity fabric|\bub\b/i;
          const MEMORY = /hbm|显存|内存|memory/i;
          const close = `${q.lead ?? q.before ?? ''} ${q.after ?? ''}`;
          if (LINK.test(close) && !MEMORY.test(close)) return 'interconnect_bandwidth';
          if (MEMORY.test(close)) return 'bandwidth';
          return LINK.test(s) && !MEMORY.test(s) ? 'interconnect_bandwidth' : 'bandwidth';
        }
        case 'W':
        case 'kW':
        case 'MW':
        case 'GW':
          return 'power';
        case 'nm':
          return 'process_node';
        case 'ms':
          return 'latency';
        case 'gpu_hours':
          return 'gpu_hours';
        // Token volumes are per window: a week's and a month's differ fourfold.
        case 'tokens':
          // "a context window of 128K tokens", "上下文长度 128K": the most a model reads, not a volume.
          if (q.value < 1e8 && has(s, /context|上下文/)) return 'context_length';
          // "每秒输出500个token", "2,400 tokens per second": a rate, not a volume.
          if (/每秒\S{0,6}$/.test(q.before ?? '') || /^\s?(?:\/\s?s\b|per second|每秒|\/秒)/i.test(q.after ?? ''))
            return 'tokens_per_second';
          // "训练数据多达约18万亿个词元", "trained on 14.8 trillion tokens": the data a model was trained on.
          if (has(s, /训练|trained on|training (?:data|set|run|corpus)|pre-?train/i)) return 'training_tokens';
          return has(s, /week|每周|一周|周度|单周/)
            ? 'tokens_week'
            : has(s, /month|每月|月度/)
              ? 'tokens_month'
              : 'tokens';
        case 'parameters':
          return 'parameters';
        default:
          return null;
      }
    case 'amount':
      // "混合价", "a blended price": input and output weighted 3:1, the usual blend.
      if (has(s, BLENDED)) return 'blended_price';
      if (/\/(?:Mtok|Ktok|hour)$/.test(q.unit)) return 'price';
      // A share's price is not a price of the product.
      if (has(s, /股价|收盘价|开盘价|share price|stock price/)) return 'stock_price';
      if (has(s, /估值|valuation|valued at|市值|market cap/)) return 'valuation';
      if (has(s, /市场规模|market size|market (?:is |was )?worth/)) return 'market_size';
      if (has(s, /训练成本|训练费用|训练花费|training cost|cost to train|to train/)) return 'training_cost';
      if (has(s, /每百万|per million|百万 ?token|\/m(?:tok)?\b/)) return 'price';
      if (has(s, /价格|定价|price|priced|售价|单价/)) return 'price';
      // "Gemini 3.1 Pro输出10美元", "输出价降至10美元": a model's input or output price, per million tokens.
      if (
        has(
          s,
          /(?:输入|输出)价?\s?(?:为|是|约|仅|只要|降至|降到|升至|涨到|调至)?\s?(?:每百万\s?(?:tokens?)?)?\s?[$¥€]?\s?\d/i,
        )
      )
        return 'price';
      // Earnings per share: a per-share figure, neither revenue nor a price.
      if (has(s, /每股盈余|每股收益|每股净利|\beps\b|earnings per share/)) return 'eps';
      if (has(s, /营收|收入|revenue|sales/)) return 'revenue';
      // Profit is not revenue: checked against revenue figures it would be contradicted.
      if (has(s, /净利|利润|获利|盈利|net income|\bprofits?\b|\bearnings\b/)) return 'profit';
      if (has(s, /投资|投入|invest|funding|融资|mobilis|拨款|基金|fund/)) return 'investment';
      if (has(s, /成本|费用|开支|花费|cost|spend|expens/)) return 'cost';
      return 'investment';
    case 'percent':
    case 'fraction':
    case 'multiple':
      // "提升0.5个百分点": a change in percentage points is neither a growth rate nor a share.
      if (q.unit === 'pp') return 'percentage_points';
      // "成本利润率 545%", "a 40% margin": a margin, though the sentence speaks of cost.
      if (has(s, /利润率|毛利率|profit margin|\bmargins?\b/) && q.kind === 'percent') return 'margin';
      if (has(s, /训练成本|训练费用|training cost|成本|cost/)) return 'cost_ratio';
      if (has(s, /自主化|自给|自主|self-suffic/)) return 'self_sufficiency';
      // "rose to 50%", "提升至50%": a level reached, not a growth.
      // "up by roughly three quarters": a fraction too, by the words before it.
      if (q.kind === 'fraction' && CHANGE_BEFORE.test(q.lead ?? q.before ?? '')) return 'growth';
      if (
        q.kind === 'percent' &&
        !/(?:至|到|\bto|\breach(?:es|ed)?|\bfrom|从)\s{0,2}(?:[~≈约]\s?)?$/i.test(q.before ?? '') &&
        // (The words before it in its clause, to two dozen characters: "its tokens up by roughly 76%".)
        (/增长|增幅|增加|增速|成长|[年季月]增|growth|grew|increase|rose|jump|surge|\bup\b|\+$|wow\b|yoy\b|week-over-week|year-over-year|环比|同比|improve|提升|提高/i.test(
          `${(q.lead ?? q.before ?? '').slice(-24)} ${q.after ?? ''}`,
        ) ||
          DECLINE.test(q.before ?? '') ||
          q.growth === true ||
          /(?:^|[\s(:,])[-+]$/.test(q.before ?? '') ||
          q.value > 1)
      )
        return 'growth';
      if (has(s, /市场份额|市占|market share/) && q.kind === 'percent') return 'market_share';
      // A manufacturing yield (良率), not a share of anything.
      if (has(s, /良率|良品率|yield rate/) && q.kind === 'percent') return 'yield';
      // "the die's area is 60% larger": a size compared, not performance.
      if (has(s, /\barea\b|die size|面积|芯片尺寸/)) return 'area_ratio';
      // A platform's fee or commission ("keeps a fee of around 5%", "抽成两成"): its own measure.
      if (
        /\b(?:fees?|commissions?|take rate|cut)\b(?:\s(?:of|is|was|at))?\s(?:about|around|roughly|some|nearly)?\s?$|抽成|佣金|手续费|服务费/i.test(
          q.lead ?? q.before ?? '',
        )
      )
        return 'fee_share';
      if (q.kind !== 'multiple') {
        // A share of what was paid, or of the calls made, through a traffic platform: not of its tokens. The words
        // right after the figure decide, then the sentence's.
        const of =
          // (Set off by a space, a Chinese noun begins another phrase: "五成七 花费占比…" in a headline.)
          /^(?:\s?的\s?|\s?of\s(?:the\s|all\s)?|(?=[\u4e00-\u9fff]))(?:(dollars|spending|spend|revenue|money|payments|营收|收入|支出|金额|花费)|(requests|calls|api calls|请求|调用次数))/i.exec(
            q.tail ?? q.after ?? '',
          );
        if (of) return of[1] ? 'spend_share' : 'request_share';
        // "with 98% of them input", "输入占比约九成": the share of a model's tokens that were input (prompt) tokens.
        if (INPUT_AFTER.test(q.tail ?? q.after ?? '') || INPUT_BEFORE.test(q.lead ?? q.before ?? ''))
          return 'input_share';
        // "占消费额近九成": the measure named right before the figure.
        const lead =
          /(?:(消费额|消费金额|花费|支出|营收|收入|费用|金额)|(请求数?|调用次数))\s?(?:的)?\s?(?:约|近|逾|超过|不到|将近|接近|达到?)?\s?$/.exec(
            q.lead ?? q.before ?? '',
          );
        if (lead) return lead[1] ? 'spend_share' : 'request_share';
        if (!has(s, TOKENS) && has(s, /\bdollars\b|\bspending\b|\bfees\b|营收|花费|支出|费用|消费/))
          return 'spend_share';
        if (!has(s, TOKENS) && has(s, /\brequests\b|\bcalls\b|请求次数|调用次数/)) return 'request_share';
      }
      // "其中由中国机构发布的997个，占比略超五成": a share of the open models a list tracks.
      if (q.kind !== 'multiple' && has(s, OPEN_MODELS) && !has(s, TOKENS) && !has(s, /下载|download|derivative|衍生/))
        return 'open_model_share';
      if (has(s, TOKENS) && q.kind !== 'multiple') return 'token_share';
      // "千问的下载量是其近六倍", "spend about 3.6 times OpenAI's": a multiple of another side's volume of that measure.
      if (q.kind === 'multiple' && has(s, /下载|download/)) return 'download_ratio';
      if (q.kind === 'multiple' && !has(s, TOKENS) && (has(s, SPENT) || has(s, /\bdollars\b|营收/)))
        return 'spend_ratio';
      if (q.kind === 'multiple' && !has(s, TOKENS) && has(s, REQUESTS)) return 'request_ratio';
      if (
        has(
          s,
          /性能|performance|推理|inference|表现|能力|faster|slower|速度|算力|compute|flops|throughput|bandwidth|带宽|内存|memory/,
        ) &&
        (hasComparison || q.kind !== 'percent')
      )
        return 'performance_ratio';
      // "以中国模型为源头的衍生模型约占两成": a share of the models derived from others (fine-tunes, merges).
      if (has(s, DERIVED)) return 'derivative_share';
      if (has(s, /下载|download/)) return 'downloads_share';
      // "占全部Token的四分之一，是GPT系列的两倍": a multiple of another side's share of tokens is of their volumes.
      if (q.kind === 'multiple' && has(s, TOKENS) && !has(s, /价格|售价|定价|单价|price|cost|费用|美元|\$/))
        return 'token_ratio';
      if (has(s, /占|份额|share|需求|demand|市场|market|比例|proportion/)) return 'share';
      if (has(s, /价格|售价|定价|单价|price|便宜|cheaper|输出价|输入价|贵/)) return 'price_ratio';
      if (q.kind === 'multiple' && has(s, TOKENS)) return 'token_ratio';
      return q.kind === 'percent' ? 'percentage' : q.kind === 'multiple' ? 'ratio' : null;
    case 'count':
      // "8192 張昇騰卡", "2,000 張 H800 GPU": a measure word for cards or chips.
      if (q.unit === 'units' && /^.{0,12}?(?:卡|gpu|芯片|显卡|加速器|chip)/i.test(q.after ?? '')) q.unit = 'chips';
      if (q.unit === 'chips') return 'chip_count';
      // "2080亿个晶体管", "晶体管数量达2080亿个" (电晶体 in Taiwan, 晶体管 once normalised).
      if (['items', 'units'].includes(q.unit) && (/晶体管/.test(q.before ?? '') || /^\s?晶体管/.test(q.after ?? '')))
        q.unit = 'transistors';
      if (q.unit === 'transistors') return 'transistor_count';
      // Leaderboard points: a rating, or a gap between two ratings.
      // (A gap unless the words right before name a rating: "a rating of 1507", "scores 1490", "以1502分".)
      if (q.unit === 'points') {
        if (
          /(?:rating|score|elo)\s(?:of|at)\s?$|\bscor(?:es|ed|ing)\s?$|(?:以|获得?|拿下|得到)\s?$/i.test(q.before ?? '')
        )
          return 'rating';
        return /^[\s-]?(?:ahead|behind|clear|lead|more|fewer|higher|lower|of (?:lead|gap)|off|short|apart|adrift|gap|deficit|margin|advantage|of the (?:top|lead|leader|summit))/i.test(
          q.after ?? '',
        ) ||
          /(?:领先|落后|相差|差距|只差|仅差|差了?|(?:缩小|收窄|缩窄|扩大|拉大)(?:到|至|为)|拉开|\bby|\bwithin|\bdeficit|\bgap|\bmargin|\blead|\bnarrow(?:ed|s|ing)?|\bwiden(?:ed|s|ing)?|\bshr[iu]nk|\bshrinks)(?:\s(?:of|was|is|to|stood at|stands at|still|now|then|had|has|been|already|currently|once))*(?:\s?(?:just|only|about|roughly|nearly|almost|around|约|接近|将近|近|仅|不到|超过|逾|达到?|为|已|只有)){0,2}\s?$/i.test(
            q.lead ?? q.before ?? '',
          )
          ? 'rating_gap'
          : // "领先中国最强模型56分", "落后对手约20分": ahead of (behind) someone by the figure.
            /(?:领先|落后|高出|超出)[^，。,;；\d]{1,16}?(?:约|近|仅|不到|超过|逾|达)?\s?$/.test(
                q.lead ?? q.before ?? '',
              )
            ? 'rating_gap'
            : 'rating';
      }
      if (q.unit === 'countries') return has(s, /签署|签|sign|endorse/) ? 'signatories' : 'country_count';
      // "约16亿次", "85亿次请求": calls made through a traffic platform.
      if (q.unit === 'times' && q.value >= 1e6 && has(s, REQUESTS)) return 'requests';
      if (q.unit === 'votes') return 'votes';
      // "has 26 members" (a country group's), "917 million requests", "700 million calls".
      if (q.unit === 'members') return 'country_count';
      if (q.unit === 'requests') return 'requests';
      // "新增140个实体", "13个中国实体": entities put on a list (the Entity List).
      if (['items', 'units', 'companies'].includes(q.unit) && ENTITIES_AFTER.test(q.tail ?? q.after ?? ''))
        return 'count:entities';
      if (has(s, DERIVED) && !has(s, /下载|download/)) return 'derivatives';
      if (has(s, /下载|download/)) return 'downloads';
      // "用了278.8万个H800 GPU小时": hours of chips, the chip named between; "动用了2,048张H800": chips of that name.
      if (GPU_HOURS_AFTER.test(q.tail ?? q.after ?? '')) return 'gpu_hours';
      if (['units', 'items'].includes(q.unit) && CHIP_AFTER.test(q.tail ?? q.after ?? '')) return 'chip_count';
      // "只激活其中的320亿个": parameters named in the clause before a count in the billions.
      if (q.value >= 1e8 && ['items', 'number'].includes(q.unit)) {
        const params = parametersBefore(q);
        if (params) return params;
      }
      // "清单共收录1,958个开源模型", "美国机构约30家": models (organizations) on a tracked list of open models.
      if (['items', 'models'].includes(q.unit) && has(s, OPEN_MODELS)) return 'open_models';
      if (['companies', 'organizations'].includes(q.unit) && has(s, OPEN_MODELS)) return 'open_organizations';
      return q.unit === 'times' ? null : 'count';
    case 'number':
      // "总参数量达1万亿", "激活参数320亿", "总参数被写成约9,000亿": a parameter count named before it in its clause.
      const params = q.value >= 1e6 ? parametersBefore(q) : null;
      if (params) return params;
      if (has(s, /下载|download/) && q.value >= 1000) return 'downloads';
      if (
        /(?:晶体管|transistors?)\s?(?:数量?|数目|count)?\s?(?:达到?|为|约|高达|超过|of)?\s{0,2}$/i.test(q.before ?? '')
      )
        return q.value >= 1e6 ? 'transistor_count' : null;
      // "a rating of 1507", "Kimi K3 Max scores 1490": a leaderboard rating in points.
      if (/(?:\brating|\bscore|\belo)\s(?:of|at)\s?$|\bscor(?:es|ed|ing)\s?$|\brated\s(?:at\s)?$/i.test(q.before ?? ''))
        // (Below a rating's scale, "a score of 63.1": a benchmark's, if its passage names one it is on.)
        return q.value >= 100 ? 'rating' : q.value > 0 ? 'bare_score' : null;
      // "Claude Fable 5 still leads with 1506", "sits at 1469": a place on a leaderboard held with a rating.
      // (Below a rating's scale, "sits at 148.2", "led with 154.2": a score, if its passage names a benchmark whose
      // scale it is on; the checker's boards decide, and drop it otherwise.)
      if (
        /\b(?:leads?|led|leading|sits?|sat|sitting|stands?|stood|standing|tops?|topped|ranks?|ranked|follows?|trails?)\s(?:\w+\s)?(?:with|at|on)\s?$/i.test(
          q.lead ?? q.before ?? '',
        )
      ) {
        if (q.value >= 800 && q.value <= 2500 && has(s, /arena|leaderboard|rating|\belo\b|board/)) return 'rating';
        if (q.value >= 10 && q.value < 800) return 'bare_score';
      }
      // "TPP約4,992", "a TPP of 4,800": the export rules' measure, written without a unit.
      if (
        new RegExp(`(?:\\btpp|总处理性能)\\s?\\)?${MEASURE_VERB}`, 'i').test(q.lead ?? q.before ?? '') ||
        (RULE_THRESHOLD_AFTER.test(q.after ?? '') && /\btpp\b|总处理性能/i.test(s)) ||
        // "7.9亿TPP", "26.9 million TPP": the unit written after.
        /^\s?tpp\b/i.test(q.after ?? '')
      )
        return 'tpp';
      // "a performance density of 5.92", "性能密度达到5.92": TPP per square millimetre of die.
      if (
        new RegExp(`(?:performance density|性能密度|\\bpd)\\s?\\)?${MEASURE_VERB}`, 'i').test(
          q.lead ?? q.before ?? '',
        ) ||
        (RULE_THRESHOLD_AFTER.test(q.after ?? '') && /performance density|性能密度/i.test(s))
      )
        return 'pd';
      // "more calls, about 2.1 billion": a count of requests named just before it, not of tokens.
      if (q.value >= 1e6 && REQUESTS.test(q.lead ?? '') && !/token/i.test(`${q.lead ?? ''} ${q.after ?? ''}`))
        return 'requests';
      // "2.94 trillion handled by US models", "周调用量便达到2.57万亿": a volume in a passage about tokens.
      if (q.value >= 1e9 && has(s, TOKENS))
        return has(s, /week|每周|一周|单周/) ? 'tokens_week' : has(s, /month|每月|月度/) ? 'tokens_month' : 'tokens';
      if (/(?:\brank(?:ed|s)?|\bno\.|#)\s{0,2}$/i.test(q.before ?? '')) return 'rank';
      if (ENTITIES_AFTER.test(q.tail ?? q.after ?? '')) return 'count:entities';
      if (/(?:context(?:\s(?:length|window))?|上下文(?:长度|窗口)?)\s?(?:of|is|为|达)?\s{0,2}$/i.test(q.before ?? ''))
        return 'context_length';
      return null;
    case 'rank':
      return 'rank';
    case 'duration':
      // "短短一个半月内明显拉大", "in just two months": a span of time things happened in, not how far behind.
      // ("在两个月内", "within two months" may bound a gap: those stay.)
      if (
        (/(?:短短|仅仅)\s?$/.test(q.before ?? '') && /^\s?(?:内|之内|里)/.test(q.after ?? '')) ||
        /^\s?(?:以来|期间)/.test(q.after ?? '') ||
        /\bin (?:just|only)\s$/i.test(q.before ?? '')
      )
        return null;
      if (q.unit === 'months' && has(s, GAP)) return 'gap_months';
      if (q.unit === 'years' && has(s, GAP)) return 'gap_years';
      return has(
        s,
        /耗时|历时|用时|花了|需要|约需|训练|折旧|延长|连续|took|lasted|spent|depreciat|period|for about|within|consecutive|straight/,
      )
        ? 'duration'
        : null;
    default:
      return null;
  }
}

/** Between a measure's name and its figure: a verb or preposition, then a qualifier ("of at least", "刚好超过"). */
const MEASURE_VERB =
  '\\s?(?:of|is|was|at|达到?|约|仅|为|只有|超过|逾|刚好|恰好|reaches|exceeds){0,2}\\s?(?:at least|at most|about|around|roughly|nearly|over|above|more than|约|近|超过|逾|达到?)?\\s{0,2}$';
/** A bare figure followed by the word threshold ("4,800的门槛", "the 4,800 threshold"). */
const RULE_THRESHOLD_AFTER = /^\s?(?:的\s?)?(?:tpp\s)?(?:threshold|cut-?off|门槛|门限|阈值)/i;
/** A chip measure an export rule sets a threshold on, and the threshold's metric. */
const THRESHOLD_OF: Record<string, string> = {
  tpp: 'threshold_tpp',
  pd: 'threshold_pd',
  interconnect_bandwidth: 'threshold_interconnect',
  bandwidth_density: 'threshold_bandwidth_density',
};
const RULE_MEASURE = /\btpp\b|performance density|性能密度|总处理性能|\beccn\b|3a090/i;
/** Words that name a figure as a threshold: right before it ("the threshold of"), or right after ("4,800 threshold"). */
const THRESHOLD_WORD =
  /(?:threshold|cut-?off|门槛|门限|阈值|界线)\s?(?:of|at|is|was|set at|为|是|的)?\s?(?:tpp\s?)?(?:约|仅|只有|近|逾|超过|about|roughly|nearly)?\s?$/i;
const THRESHOLD_AFTER = /^\s?\)?\s?(?:(?:tpp|pd)\s)?(?:threshold|cut-?off|门槛|门限|阈值|的门槛|为门槛)/i;
/** A tier of a rule's destinations ("Tier 1", "第一级"). */
const TIER = /\btier[\s-]?(?:1|2|3|one|two|three)\b|第[一二三]级|[一二三]级(?:国家|伙伴|地区)/i;
const tierNumber = (t: string) => (/1|one|一/i.test(t) ? 1 : /2|two|二/i.test(t) ? 2 : 3);

/** Words of a survey: its figures are what its respondents said. */
const SURVEY = /\bsurvey(?:s|ed)?\b|\bpoll(?:s|ed)?\b|\bquestionnaire|\brespondents\b|调查|调研|问卷|民调|受访/i;
/** The threshold named after a multiple or share of it ("three times the threshold", "of the 4,800 cut-off"). */
const THRESHOLD_OBJECT = /^\s?(?:times\s+|of\s+)?(?:the|that|this)\s+(?:[\w,.-]+\s+){0,2}(?:threshold|cut-?off)/i;
/** Measures said of a maker's product as much as of the maker. */
const PRODUCT_METRICS = /^(?:tokens|token_share|token_rank|usage_rank|rank|price|requests)/;
/** A product's name the index may not hold: letters and a digit ("Hy3", "Nemo 7B"), after a Chinese brand or not. */
const UNKNOWN_PRODUCT = /(?<![A-Za-z0-9])[A-Z][A-Za-z]{0,12}\d[\w.]*(?![A-Za-z0-9])/;
/**
 * The Arena's category boards a text names: the gap board the data holds for each, and the board whose ratings and
 * places it holds (null: none).
 */
const ARENA_CATEGORIES: [RegExp, string | null, string | null][] = [
  [/中文(?:类)?(?:榜|提示|排名)|chinese[- ](?:prompts?|language|board)/i, 'arena-text-chinese', null],
  [/\bcoding\b|编程(?:类)?(?:榜|提示|排名)/i, 'arena-text-coding', null],
  [/视觉|\bvision\b/i, 'arena-vision', 'lmarena-vision'],
  [/webdev|style control/i, null, null],
];
/** The category board a text names (its gap board id, or null when the data holds none); undefined for none named. */
export function arenaBoardOf(text: string): string | null | undefined {
  return ARENA_CATEGORIES.find(([re]) => re.test(text))?.[1];
}
/** The board of ratings and places of the category a text names, where the data holds one. */
function arenaRatingsOf(text: string): string | null {
  return ARENA_CATEGORIES.find(([re]) => re.test(text))?.[2] ?? null;
}
/** A rule named as first made ("最初的", "the original", "the initial"). */
const ORIGINAL = /(?:最初|起初|原先|当初|最早|首版|original|initial|first)\s?(?:的)?\s?$/i;
/** A rule's operator said after the figure ("or more", "以上", "即受管制"). */
const THRESHOLD_BOUND =
  /^\s?\)?\s?(?:or (?:more|above|higher|greater|over)|and (?:above|higher|over)|以上|及以上|或以上|即(?:受|须|需|被|属)|就(?:受|须|需|要))/i;
/** Words of export control: a figure said in such a sentence of no chip is a rule's. */
const CONTROL =
  /export control|\bcontrol(?:s|led|ling)?\b|licen[cs]e|\beccn\b|3a090|\brules?\b|restrict|管制|出口|许可|规则|禁令|限制/i;

/** Words that say a price is the maker's own. */
const FIRST_PARTY =
  /官方|官网|自家|原厂|first[- ]party|\bofficial\b|its own (?:api|platform|site)|directly from|\bthe maker's/i;
/** A platform a price is paid on ("on OpenRouter", "在OpenRouter上", "via Azure"). */
const ON_PLATFORM = /(?:\bon|\bat|\bvia|\bthrough|在|通过|经由)\s?(?:the\s)?$/i;
/** A seller's verb right after its name ("Cerebras charges", "Groq lists it at", "DeepInfra sells"). */
const SELLS_AFTER =
  /^\s?(?:charges|charged|lists|listed|sells|sold|prices|priced|asks|bills|billed)\b|^\s?(?:的)?(?:报价|售价|收费|定价)/i;
/** The side a price is per, named right after it ("$0.45 per million input tokens", "每百万输出token"). */
const SIDE_AFTER =
  /^\s?(?:(?:per|a|\/|for (?:every|each))\s?(?:1\s?)?(?:million|m|mtok)\s)?(input|prompt|output|completion)\b/i;

/** Who sells at the price a clause states: the maker itself, a platform named, or (unsaid) anyone. */
function sellerOf(
  clause: string,
  inSentence: readonly Mention[],
  norm: string,
  entities: EntityIndex,
): { seller?: string } {
  if (FIRST_PARTY.test(clause)) return { seller: 'first_party' };
  const at = inSentence.find(
    (m) =>
      entities.entities.get(m.entity)?.kind === 'organization' &&
      clause.includes(norm.slice(m.start, m.end).toLowerCase()) &&
      (ON_PLATFORM.test(norm.slice(Math.max(0, m.start - 8), m.start)) ||
        // ("Cerebras charges $0.45": the one that charges is the seller.)
        SELLS_AFTER.test(norm.slice(m.end, m.end + 16))),
  );
  return at ? { seller: at.entity } : {};
}

/** What a ratio compares (bandwidth, memory, power, compute, a count of chips), from the words of a text. */
function aspectOf(sl: string): Extracted['aspect'] {
  return ASPECTS.find(([, re]) => re.test(sl))?.[0] ?? null;
}

/** How many aspects a text names: a sentence that names one names it plainly wherever the figure stands. */
function aspectsIn(sl: string): number {
  return ASPECTS.filter(([, re]) => re.test(sl)).length;
}

const PER_COMPUTE = String.raw`(?:\bper\b|\bfor (?:each|every)\b|每)\s?(?:unit of )?(?:compute|petaflop|teraflop|pflops|tflops|flop|单位算力|算力)`;
const PER_COMPUTE_RE = new RegExp(PER_COMPUTE);
/** The aspects a ratio may compare, the most specific first. */
const ASPECTS: [NonNullable<Extracted['aspect']>, RegExp][] = [
  // "three times the power for each unit of compute", "每PFLOPS功耗": power over compute, not power.
  [
    'power_per_compute',
    new RegExp(
      `(?:power|energy|watts?|electricity|功耗|能耗|电力|耗电)[^.;。；]{0,30}${PER_COMPUTE}|${PER_COMPUTE}[^.;。；]{0,60}(?:power|energy|功耗|能耗|耗电)`,
    ),
  ],
  ['bandwidth', /bandwidth|带宽|互联|interconnect/],
  ['memory', /memory|hbm|内存|显存|容量/],
  ['power', /power|功耗|watt|能耗/],
  ['compute', /compute|flops|性能|performance|算力|faster|throughput/],
  // "384 processors, five times the 72 GPUs", "芯片数量是后者的5.3倍": a ratio of chip counts.
  [
    'count',
    /\d\s?(?:[a-z0-9-]+\s){0,2}(?:chips|gpus|processors|accelerators)\b|\d\s?[颗张块]|芯片数量|芯片数|number of (?:chips|gpus)|chip count/,
  ],
];

/** Gaps between the two countries' best, and the words that name the pair without naming either alone. */
const PAIR_GAP = new Set(['rating_gap', 'gap_months', 'gap_points', 'gap_percent', 'gap_years']);
const COUNTRY_PAIR = /中美|美中|两国|\btwo countries\b|\bboth countries\b/i;
/** Each country's best named in one sentence: "美国最佳……中国最佳", "the best American … the best Chinese". */
const BEST_OF_EACH =
  /(?:美国|美方)(?:的)?(?:最佳|最强|最好|第一)[\s\S]{0,60}(?:中国|国产|中方)(?:的)?(?:最佳|最强|最好|第一)|(?:中国|国产|中方)(?:的)?(?:最佳|最强|最好|第一)[\s\S]{0,60}(?:美国|美方)(?:的)?(?:最佳|最强|最好|第一)|\b(?:best|top|strongest|leading) (?:US|U\.S\.|American)\b[\s\S]{0,80}\b(?:best|top|strongest|leading) (?:Chinese|China's)\b|\b(?:best|top|strongest|leading) (?:Chinese|China's)\b[\s\S]{0,80}\b(?:best|top|strongest|leading) (?:US|U\.S\.|American)\b/i;

/** Ratios a percentage of change can express ("60% more", "高两成"). */
const RELATIVE_METRICS = new Set(['performance_ratio', 'ratio', 'price_ratio']);

/**
 * +1 for a percentage said as more than the other side ("60% more", "40% faster", "比B高约两成", "多出三成"), -1 as
 * less ("30% cheaper", "低两成"), 0 otherwise: the ratio to the other side is then 1 ± the percentage.
 */
function relativeChange(q: Quantity, sentence: string): number {
  const tail = q.tail ?? q.after ?? '';
  const lead = q.lead ?? q.before ?? '';
  if (/^\s?(?:more|higher|larger|greater|faster|bigger)\b/i.test(tail)) return 1;
  if (/^\s?(?:less|lower|smaller|fewer|slower|cheaper)\b/i.test(tail)) return -1;
  // Chinese: "比B高（出）约两成": a comparison with 比 before, the direction right before the figure.
  if (!/比/.test(sentence)) return 0;
  if (/(?:高出?|多出?|快|大|强)\s?(?:了|约|近|逾|超过)?\s?$/.test(lead)) return 1;
  if (/(?:低|少|慢|小|便宜)\s?(?:了|约|近)?\s?$/.test(lead)) return -1;
  return 0;
}

/** Metrics whose sentence words alone say little: a better one named nearby wins. */
const GENERIC = new Set(['percentage', 'ratio', 'count', 'investment', 'share', 'duration']);
const RATIO = new Set([
  'performance_ratio',
  'cost_ratio',
  'price_ratio',
  'ratio',
  'token_ratio',
  'spend_ratio',
  'request_ratio',
  'download_ratio',
]);
const SPEC_METRICS = new Set([
  'compute',
  'compute_fp8',
  'compute_fp16',
  'compute_int8',
  'compute_fp4',
  'compute_fp64',
  'compute_fp32',
  'compute_tf32',
  'memory',
  'bandwidth',
  'interconnect_bandwidth',
  'power',
  'process_node',
  'transistor_count',
]);
/** Metrics checked with the subject rules the first articles were built with (kind preference, then distance). */
const OLD_RULES = new Set([
  'investment',
  'valuation',
  'training_cost',
  'signatories',
  'chip_count',
  'self_sufficiency',
  'downloads',
  'performance_ratio',
  'cost_ratio',
  'price_ratio',
]);

const PREFER: Record<string, Entity['kind'][]> = {
  investment: ['program', 'country', 'organization'],
  valuation: ['organization', 'model'],
  training_cost: ['model', 'organization'],
  cost_ratio: ['model', 'organization'],
  performance_ratio: ['chip', 'model', 'system', 'organization'],
  chip_count: ['system', 'organization', 'chip'],
  downloads: ['model', 'organization'],
  downloads_share: ['model', 'organization'],
  signatories: ['event', 'country'],
  share: ['organization', 'program', 'model', 'country'],
  self_sufficiency: ['organization', 'country'],
  gap_months: ['country', 'organization', 'model'],
};

const CHIP_NOUN = /^\s?(?:chips?|GPUs?|cards?|accelerators?|dies|processors|units)\b/i;

/**
 * "2,048 H800 GPUs", "two existing Ascend 910B chips": a count written before a chip's name is a count of
 * chips. A number already found there becomes that count; a number word gets a quantity of its own.
 */
function chipCounts(norm: string, entities: EntityIndex, mentions: readonly Mention[], quantities: Quantity[]): void {
  let added = false;
  for (const m of mentions) {
    if (entities.entities.get(m.entity)?.kind !== 'chip') continue;
    const noun = CHIP_NOUN.test(norm.slice(m.end, m.end + 14));
    const head = norm.slice(Math.max(0, m.start - 32), m.start);
    const c =
      /(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|a dozen)((?:\s+[A-Za-z]+){0,2})\s+$/i.exec(
        head,
      );
    if (!c || (!noun && (c[2] !== '' || !/\d/.test(c[1] as string)))) continue;
    const start = m.start - head.length + c.index;
    const end = start + (c[1] as string).length;
    const value = parseNumber(c[1] as string);
    if (!Number.isFinite(value) || value < 2) continue;
    const at = quantities.find((q) => q.start < end && q.end > start);
    if (at) {
      if (at.kind === 'number' && at.start === start) Object.assign(at, { kind: 'count', unit: 'chips', value });
      continue;
    }
    quantities.push({
      start,
      end,
      kind: 'count',
      value,
      unit: 'chips',
      before: norm.slice(Math.max(0, start - 12), start),
      after: norm.slice(end, end + 12),
    });
    added = true;
  }
  if (added) quantities.sort((a, b) => a.start - b.start);
}

/** A time named by pointing back to one just mentioned ("that week", "the same month", "over the period", "同月"). */
const TIME_BACK_REFERENCE = new RegExp(
  String.raw`\b(?:that|the)\s+(?:same\s+)?(?:week|month|quarter|year|day|period)\b` +
    String.raw`(?<!\bthe\s+(?:week|month|quarter|year|day|period))` +
    String.raw`|\b(?:over|during|in|for)\s+the\s+(?:period|window)\b` +
    // "over the seven days", "in the week": the span named before.
    String.raw`|\b(?:over|during|in|across)\s+the\s+(?:seven|7|thirty|30)\s+days\b|\b(?:in|during|over)\s+the\s+week\b` +
    String.raw`|\b(?:the\s+(?:day|week)\s+before|the\s+previous\s+day)\b` +
    '|(?:当天|当日|同日|同一天|这一天|那天|那一天|前一天|前一日|当周|该周|那周|那一周|同一周|同周|当月|该月|同月|同一个月|同年|该年|当季度|同季度|同期|同一时期|同一期间|同一段时间|这段期间|此期间|该期间|这段时间|那段时间)',
  'i',
);

/** Words of a release right after a time ("去年开源的", "2025年发布") or right before it ("released in 2025"). */
const RELEASED_AFTER = /^\s?(?:年)?\s?(?:开源|发布|推出|上线|问世|成立)/;
const RELEASED_BEFORE =
  /\b(?:released|launched|founded|introduced|open-sourced|unveiled|debuted)\s+(?:in\s+|on\s+)?(?:the\s+)?$/i;

/** A time as a claim carries it: the day, month or year, and for a span of days its length (`time` its last day). */
interface When {
  time: string;
  days: number | null;
}

/** Metrics measured over a window of days (traffic): a span named earlier in the paragraph is theirs. */
/** Words for a time other than the one named last ("a year ago", "six months prior", "此前", "上周"). */
const OTHER_TIME =
  /\b(?:ago|prior|earlier|previous(?:ly)?|last (?:week|month|year)|next (?:week|month|year)|since|until|later|formerly|once)\b|此前|之前|以前|前一|上周|上月|上个月|去年|今年|明年|年前|月前|周前|曾经|曾|届时|将来|未来/i;
/** Words of leading or trailing right before the model they compare with ("ahead of the second-placed"). */
const RIVAL_BEFORE =
  /(?:\bahead of|\bbehind|\btrail(?:s|ing|ed)?|\blead(?:s|ing)?(?: over)?|\bled(?: over)?|\bin front of|\boutscor\w*|\bbeat(?:s|ing)?|领先(?:于)?|落后(?:于)?|高出|低于|超过|超出)\s?(?:the\s|an?\s)?(?:[\w-]+\s){0,2}$/i;
const RIVAL_BEHIND = /\bbehind|\btrail|落后|低于/i;
/** The week before the one named ("the week before", "a week earlier", "上一周"). */
/** A day moved by `n` days; a day without its year keeps none (the dateline gives it later). */
function shiftDay(time: string, n: number): string {
  // (A year without a leap day stands in for the missing one.)
  return time.startsWith('--') ? `-${addDays(`2001${time.slice(1)}`, n).slice(4)}` : addDays(time, n);
}

/** A time that is one day ("2026-07-19", or "--07-19" before the dateline gives its year). */
const IS_DAY = /^(?:\d{4}|-)-\d{2}-\d{2}$/;

/** "前一天", "the day before": the day before the one named (said of a sentence that names no day of its own). */
const DAY_BEFORE = /(?:^|[^较比与和])(?:前一天|前一日)|\bthe\s+(?:day\s+before|previous\s+day)\b/i;
const WEEK_BEFORE =
  /(?<!\b(?:on|over|than|from|versus|vs\.?)\s)\b(?:the|a) week (?:before|earlier|prior)\b|(?<!\b(?:on|over|than|from|versus|vs\.?)\s)\bthe (?:previous|prior|preceding) week\b|(?<![较比与和])(?:上一?周|前一周)/i;
/** Words of a change right before its size ("up by roughly", "fell by", "增长了约"). */
const CHANGE_BEFORE =
  /(?:\b(?:up|down|rose|grew|fell|dropped|jumped|climbed|increased|decreased|declined|surged|gained)(?: by)?|增长了?|下降了?|减少了?|增加了?|提升了?)\s(?:(?:about|roughly|nearly|almost|some|around|over|more than)\s)?$|(?:增长了?|下降了?|减少了?|增加了?|提升了?)(?:约|近|逾)?$/i;
/** The side of a price the words right after it name ("$0.45 per million input tokens"), if they name one. */
function sideAfter(tail: string): { price_of: 'input' | 'output'; side_after: true } | undefined {
  const m = SIDE_AFTER.exec(tail);
  if (!m) return undefined;
  return { price_of: /input|prompt/i.test(m[1] as string) ? 'input' : 'output', side_after: true };
}
/**
 * The side of a price the words right before it name, the nearer one ("输入0.5美元、输出2美元": the second is the
 * output's; "缓存命中时" a cache hit's); none when they name none or when another figure stands between.
 */
function sideOf(lead: string): { price_of?: 'input' | 'output' | 'cache_read' } {
  const last = [...lead.matchAll(SIDES)].at(-1);
  if (!last || /\d/.test(lead.slice(last.index + last[0].length))) return {};
  if (/缓存|cache/i.test(last[0])) return { price_of: 'cache_read' };
  return /输出|output/i.test(last[0]) ? { price_of: 'output' } : { price_of: 'input' };
}
/** A quotation within a paragraph (straight quotes are normalised curly ones too). */
const QUOTED = /"[^"\n]{1,600}"|「[^」\n]{1,600}」|『[^』\n]{1,600}』/g;
/** A figure said as a rate ("4.7 trillion tokens a week", "每周"): what is usual now, not a span's. */
const RATE = /\b(?:a|per|each|every) (?:day|week|month)\b|每周|每月|每天|每日/i;
/** Who ran a survey: the capitalised name after "by" or "from" (and a word for what it is), before the figure. */
const SURVEYOR =
  /\b(?:by|from|conducted by|commissioned by)\s+(?:the\s+|an?\s+)?(?:(?:consultancy|consulting firm|research firm|firm|agency|pollster|analysts?|research group|group|company)\s+)?((?:[A-Z][\w&.'-]*)(?:\s(?:&\s)?[A-Z][\w&.'-]*){0,3})(?![\w&.'-])(?!\s+(?:consultancy|firm|agency|company|group|research|pollster|analysts?|institute)\b)/;
/** A party's own platform, service or figures. */
const OWN_DATA =
  /其平台|其自有|自家平台|其官网|\bits own (?:platform|site|hub|cloud|service|servers|api|data|figures|numbers)\b|\bon its (?:platform|site|hub|cloud)\b/i;
/** A figure a party the text leaves unnamed reports ("一家国内镜像站则称", "a cloud provider said"). */
const UNNAMED_SOURCE =
  /一家[^，。,;；]{0,24}(?:称|表示|说|透露|披露|声称|宣称)|据一家|\ban? (?:[a-z-]+ ){0,4}(?:firm|company|site|mirror|startup|provider|operator|platform|vendor)\b[^.]{0,40}\b(?:said|says|claims?|claimed|reported|told)\b/i;
/** Volumes such a party reports of its own traffic, downloads or spending. */
const OWN_MEASURES = /^(?:tokens|token_share|requests|request_share|spend|spend_share|downloads|downloads_share)/;
/** Input (prompt) tokens named right after a share ("98% of them input") or right before it ("输入占比约"). */
const INPUT_AFTER =
  /^\s?(?:of\s(?:them|it|its\s(?:tokens|traffic)|which|those|these)\s)?(?:were\s|was\s|being\s)?(?:input|prompt)\b|^\s?(?:是|为|属于|来自)?输入/i;
const INPUT_BEFORE =
  /(?:输入(?:词元|token|tokens)?(?:的)?(?:占比?|比例|比重)|\b(?:input|prompt)(?: tokens?)?(?: share)?(?: (?:made up|accounted for|were|was|is|at|of))?)\s?(?:为|达|约|近|逾|about|roughly|nearly|some|around){0,2}\s?$/i;
/** A variant's word right after a model's name: thinking (reasoning) or instruct. */
const VARIANT_AFTER = /^\s?(?:(思考版|思考模型|推理版|\bthinking\b|\breasoning\b)|(指令版|\binstruct\b))/i;
/** Chip hours named after a count ("H800 GPU小时", "GPU hours"). */
const GPU_HOURS_AFTER = /^\s?(?:[A-Z]{1,3}\d{2,4}[A-Z]?\s?)?(?:GPU|加速卡)\s?-?(?:小时|hours?)/i;
/** A chip's code or a word for chips right after a count ("张H800", "颗昇腾910C", "块GPU"). */
const CHIP_AFTER =
  /^\s?(?:(?:nvidia|英伟达|华为|huawei)\s?)?(?:升腾\s?)?(?:[A-Z]{1,3}\d{2,4}[A-Z]?(?![\w.])|GPU|加速卡|芯片)(?!\s?(?:小时|hours?))/i;
/** A list or census of models named ("清单", "普查", "the tracker"). */
const CENSUS = /清单|名单|普查|census|tracker|tracked|\blist\b|\bATOM\b|Interconnects/i;
/** Open models, as a tracker or census counts them. */
const OPEN_MODELS = /open(?:-weight|-source| weight| source)? models|开源模型|开放权重模型|开源大模型/i;
/**
 * A parameter count named in the clause before a figure: the active ones ("激活", "active") or all of them; null if
 * another figure stands between.
 */
function parametersBefore(q: Quantity): 'parameters' | 'active_parameters' | null {
  const lead = (q.lead ?? q.before ?? '').split(/[，。,;；]/).at(-1) ?? '';
  const at = lead.search(/参数|parameters?|params|激活|activates?|\bactive\b/i);
  if (at < 0 || /\d/.test(lead.slice(at))) return null;
  return /激活|activ/i.test(lead.slice(at)) ? 'active_parameters' : 'parameters';
}
/** Words pointing to the week a text is about ("本周", "this week", "on the week"). */
const WEEK_BACK = /本周|这一?周|该周|当周|\bth(?:is|at|e) week\b/i;
/** Words telling a figure as still holding. */
const STILL = /\bstill\b|仍|依然|依旧|至今/i;
/** Metrics read off a board on a day: gaps, ratings, places. */
const READING = /^(?:rating_gap|gap_months|gap_points|gap_percent|rating|rank|arena_\w+|(?:rating|rank):[\w-]+)$/;
const WINDOWED = new Set([
  'token_share',
  'input_share',
  'token_rank',
  'usage_rank',
  'request_share',
  'spend_share',
  'share',
  'tokens',
  'tokens_week',
  'tokens_month',
  'tokens_day',
  'token_ratio',
  'spend_ratio',
  'request_ratio',
  'download_ratio',
  'spend',
  'requests',
  'rank',
  'growth',
]);

/**
 * A day written without its year (`--MM-DD`) completed from the article's date: that year, or the one before
 * when the day would fall more than a month after the article; a year counted from the article's (`rel:-1`, 去年) made absolute.
 * Other times are returned as they are.
 */
export function withYear(time: string | null, dateline: string | null): string | null {
  // "一年前", "six months ago": counted back from the article's date; without one, no time can be told.
  const ago = /^ago:(\d+)$/.exec(time ?? '');
  if (ago) return dateline ? addDays(dateline, -Number(ago[1])) : null;
  // "去年6月1日": in the year before the article's; without a dateline, no time can be told.
  const rel = /^rel:(-?\d+)(?::(--.+))?$/.exec(time ?? '');
  if (rel) {
    if (!dateline) return null;
    const y = Number(dateline.slice(0, 4)) + Number(rel[1]);
    return rel[2] ? `${y}${rel[2].slice(1)}` : String(y);
  }
  if (!time?.startsWith('--') || !dateline) return time;
  const y = Number(dateline.slice(0, 4));
  const same = `${y}${time.slice(1)}`;
  // (A day within a month after the article is still its year: a window or a date just ahead, not last year's.)
  const ahead = Date.parse(same.length === 7 ? `${same}-01` : same) - Date.parse(dateline);
  return same <= dateline || ahead <= 31 * 86_400_000 ? same : `${y - 1}${time.slice(1)}`;
}

/**
 * The article's date: the first full date on one of its first six lines that are short (a dateline: "Updated
 * August 21, 2026", "2026年6月3日 科技版"; a long line is body text). Null when the top of the article gives none.
 */
export function datelineOf(norm: string): string | null {
  let seen = 0;
  for (const line of norm.slice(0, 1500).split('\n')) {
    if (!line.trim()) continue;
    if (++seen > 6) break;
    // A long line is body text: a date there is an event's, not the article's.
    if (line.length > 160) continue;
    const d = findQuantities(line).find((q) => q.kind === 'date' && q.time?.length === 10 && !q.days);
    if (d?.time) return d.time;
  }
  return null;
}

export function extractClaims(
  norm: string,
  entities: EntityIndex,
  mentions: readonly Mention[],
  signal?: Stop,
): Extracted[] {
  const quantities = findQuantities(
    norm,
    mentions.map((m) => [m.start, m.end]),
    signal,
  );
  chipCounts(norm, entities, mentions, quantities);
  const spans = sentences(norm, signal);
  const out: Extracted[] = [];
  const mentionsIn = (from: number, to: number) => {
    const out2: Mention[] = [];
    for (
      let k = firstAtOrAfter(mentions, from, (m) => m.start);
      k < mentions.length && (mentions[k] as Mention).start < to;
      k++
    )
      if ((mentions[k] as Mention).end <= to) out2.push(mentions[k] as Mention);
    return out2;
  };
  // The years and dates that name a time in a sentence (a quarter's year does, a duration does not), with where
  // each starts; not the time of a release told in passing ("OpenAI去年开源的gpt-oss", "released in 2025").
  const timeCache = new Map<number, (When & { at: number })[]>();
  const timesIn = (sp: readonly [number, number]): (When & { at: number })[] => {
    let t = timeCache.get(sp[0]);
    if (t === undefined) {
      const text = norm.slice(sp[0], sp[1]);
      t = findQuantities(text)
        .filter(
          (x) =>
            (x.kind === 'year' || x.kind === 'date') &&
            x.time !== undefined &&
            // ("a year ago" is its own clause's time only: see `agoIn`.)
            !x.time.startsWith('ago:') &&
            !RELEASED_AFTER.test(text.slice(x.end, x.end + 8)) &&
            !RELEASED_BEFORE.test(text.slice(Math.max(0, x.start - 24), x.start)),
        )
        .map((x) => ({ time: x.time as string, days: x.days ?? null, at: sp[0] + x.start }));
      timeCache.set(sp[0], t);
    }
    return t;
  };
  /** A sentence's time: its first. */
  const whenOf = (sp: readonly [number, number]): When | null => {
    const t = timesIn(sp)[0];
    return t ? { time: t.time, days: t.days } : null;
  };
  /** A figure's time in its sentence: the last named before it ("on 8 August …, and on 10 July … 26th"), else the first. */
  const whenAt = (sp: readonly [number, number], at: number): When | null => {
    const all = timesIn(sp);
    const t = all.filter((x) => x.at < at).at(-1) ?? all[0];
    return t ? { time: t.time, days: t.days } : null;
  };
  const paragraphBreak = (k: number) => {
    const prev = spans[k] as [number, number];
    const next = spans[k + 1] as [number, number];
    return norm.slice(prev[1], next[0]).includes('\n') || norm[prev[1] - 1] === '\n';
  };
  /** The sentence before sentence `si` in its paragraph ('' at a paragraph's start). */
  const prevInParagraph = (si: number): string => {
    const sp = si > 0 && !paragraphBreak(si - 1) ? spans[si - 1] : undefined;
    return sp ? norm.slice(sp[0], sp[1]) : '';
  };
  // Times counted back from the article's date ("a year ago", "两年前"), and the clause of a figure that names one.
  // (Not a release told in passing: "一年前开源的R1", "released a year ago".)
  const agoTimes = quantities.filter(
    (x) =>
      x.kind === 'date' &&
      x.time?.startsWith('ago:') &&
      !RELEASED_AFTER.test(norm.slice(x.end, x.end + 8)) &&
      !RELEASED_BEFORE.test(norm.slice(Math.max(0, x.start - 24), x.start)),
  );
  const agoIn = (q: Quantity, sentence: readonly [number, number]): When | null => {
    if (!agoTimes.length) return null;
    const from = Math.max(sentence[0], q.start - CLAUSE_REACH);
    const head = norm.slice(from, q.start).split(CLAUSE_BREAK).at(-1) ?? '';
    const start = q.start - head.length;
    const to = Math.min(sentence[1], q.end + CLAUSE_REACH);
    const end = q.end + (norm.slice(q.end, to).split(CLAUSE_BREAK)[0]?.length ?? 0);
    // (Found by binary search: a text of thousands of "一年前" is not scanned once per figure.)
    const hit = agoTimes[firstAtOrAfter(agoTimes, start, (x) => x.start)];
    if (!hit || hit.end > end) return null;
    return { time: hit.time as string, days: null };
  };
  // A sentence's time, or the one it points back to ("同一期间", "that week": the time named last before it).
  const pointed = new Map<number, When | null>();
  const pointedWhen = (k: number): When | null => {
    let w = pointed.get(k);
    if (w !== undefined) return w;
    const sp = spans[k] as [number, number];
    w = whenOf(sp);
    if (!w && TIME_BACK_REFERENCE.test(norm.slice(sp[0], sp[1])))
      for (let j = k - 1; j >= Math.max(0, k - 12) && !w; j--) w = whenOf(spans[j] as [number, number]);
    pointed.set(k, w ?? null);
    return w ?? null;
  };
  // The time named last before sentence `si` in its paragraph, remembered per sentence so that a paragraph of
  // thousands of sentences is walked once, not once per claim.
  const before_ = new Map<number, When | null>();
  const namedBefore = (si: number): When | null => {
    const walk: number[] = [];
    let k = si;
    let found: When | null = null;
    while (k > 0 && !before_.has(k) && !paragraphBreak(k - 1)) {
      walk.push(k);
      const w = pointedWhen(k - 1);
      if (w) {
        found = w;
        break;
      }
      k--;
    }
    if (!found) found = k > 0 && before_.has(k) ? (before_.get(k) ?? null) : null;
    for (const j of walk) before_.set(j, found);
    before_.set(si, found);
    return found;
  };
  /**
   * The span of days named last before paragraph of sentence `si`, in the two paragraphs before it, if no other
   * time is named after it; null if the last time named there is no span.
   */
  const spanInPassage = (si: number): When | null => {
    let k = si;
    while (k > 0 && !paragraphBreak(k - 1)) k--;
    for (let j = k - 1, breaks = 0; j >= Math.max(0, k - 12) && breaks < 2; j--) {
      const t = pointedWhen(j);
      if (t) return t.days ? t : null;
      if (j > 0 && paragraphBreak(j - 1)) breaks++;
    }
    return null;
  };
  // The one span of days a whole text names, and no other time but its dateline ("For the week of December 7 to
  // December 13, …" then, paragraphs on, "Google's entries handled about 1.1 trillion tokens"): the text's period.
  let docSpan: When | null | undefined;
  const documentSpan = (): When | null => {
    if (docSpan !== undefined) return docSpan;
    const dateline = datelineOf(norm);
    const named = new Map<string, When>();
    for (let j = 0; j < spans.length && named.size < 2; j++)
      for (const t of timesIn(spans[j] as [number, number]))
        if (t.days || t.time !== dateline) named.set(`${t.time}|${t.days ?? ''}`, { time: t.time, days: t.days });
    const only = named.size === 1 ? [...named.values()][0] : undefined;
    docSpan = only?.days ? only : null;
    return docSpan;
  };
  // The headline (first line) names the article's topic: its metric and entities carry to every sentence.
  const firstLine = spans
    .slice(0, 8)
    .find(
      ([a, b]) =>
        !/^\s*(?:source|retrieved|url|published|date|by|来源|作者|日期|发布)\b|^\s*https?:/i.test(norm.slice(a, b)),
    ) ??
    spans[0] ?? [0, 0];
  const headline = norm.slice(firstLine[0], Math.min(firstLine[1], firstLine[0] + 300));
  // A text that speaks of blended prices ("blending three input tokens with one output token"): its prices said of no
  // side may be blends.
  const docBlended = BLENDED.test(norm);
  // The document's topic: its most often named entity of the kinds wanted (a specification's chip, a cost's lab).
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  const topicCache = new Map<string, Mention | undefined>();
  const topic = (kinds: readonly string[] | null): Mention | undefined => {
    const k = kinds?.join() ?? '';
    if (!topicCache.has(k)) {
      let best: Mention | undefined;
      for (const m of mentions) {
        if (kinds && !kinds.includes(entities.entities.get(m.entity)?.kind ?? '')) continue;
        if (entities.entities.get(m.entity)?.kind === 'country' && kinds === null) continue;
        if (!best || (counts.get(m.entity) ?? 0) > (counts.get(best.entity) ?? 0)) best = m;
      }
      topicCache.set(k, best);
    }
    return topicCache.get(k);
  };
  // Whether a figure (not a year or date) lies within [a, b), by binary search: quantities are sorted.
  const figureWithin = (a: number, b: number, except?: Quantity) => {
    for (let k = firstAtOrAfter(quantities, a, (x) => x.start); k < quantities.length; k++) {
      const x = quantities[k] as Quantity;
      if (x.start >= b) return false;
      if (x !== except && x.end <= b && x.kind !== 'year' && x.kind !== 'date') return true;
    }
    return false;
  };
  const figureBetweenAll = (a: number, b: number) => figureWithin(a, b);
  // What each sentence's words say a ratio compares, once per sentence.
  const aspectCache = new Map<number, Extracted['aspect']>();
  // How many aspects each sentence names, once per sentence.
  const aspectCounts = new Map<number, number>();
  const sentenceAspects = (at: number, text: string) => {
    let n = aspectCounts.get(at);
    if (n === undefined) aspectCounts.set(at, (n = aspectsIn(text.toLowerCase())));
    return n;
  };
  // Where each sentence names a survey, once per sentence.
  const surveyCache = new Map<number, RegExpExecArray | null>();
  // Quoted speech: a figure in a quotation that names nothing is someone's general remark ("Two models a dozen
  // points apart trade places often," one said), not a claim about anything the data holds.
  const quotes = [...norm.matchAll(QUOTED)].map((m) => [m.index, m.index + m[0].length] as const);
  const inBareQuote = (q: Quantity) => {
    const k = firstAtOrAfter(quotes, q.start + 1, (x) => x[0]) - 1;
    const span = quotes[k];
    return !!span && span[1] >= q.end && !mentionsIn(span[0], span[1]).length;
  };
  for (let qi = 0; qi < quantities.length; qi++) {
    const q = quantities[qi] as Quantity;
    if ((qi & 0x3ff) === 0) signal?.throwIfAborted();
    if (q.kind === 'year' || q.kind === 'date') continue;
    if (quotes.length && inBareQuote(q)) continue;
    // "未来三年", "over the past decade": a span of time named as when, not a duration claimed.
    if (
      q.kind === 'duration' &&
      /(?:未来|过去|近|最近|今后|此后|往后|\bnext|\bpast|\blast|\bcoming|\bprevious|\bwithin the)\s{0,2}$/i.test(
        norm.slice(Math.max(0, q.start - 14), q.start),
      )
    )
      continue;
    // "两个版本", "两款芯片", "two companies": an enumeration of what is named next to it, not a count to check.
    if (q.kind === 'count' && q.value <= 2 && ['items', 'models', 'companies'].includes(q.unit)) continue;
    // "第二名" (second place) and list numbering are ordinals, not quantities.
    if (norm[q.start - 1] === '第') continue;
    // "一个国家" is "a country": the indefinite article, not a count.
    // (Not "a single point": a gap of one.)
    if (
      q.kind === 'count' &&
      q.value === 1 &&
      q.unit !== 'points' &&
      /^(一|one\b|a\b)/i.test(norm.slice(q.start, q.end))
    )
      continue;
    // "A100 80GB": a figure that belongs to the name of the entity just before it.
    const prevMention = mentions[firstAtOrAfter(mentions, q.start, (m) => m.start) - 1];
    if (
      prevMention &&
      q.start - prevMention.end <= 1 &&
      (entities.entities.get(prevMention.entity)?.name ?? '')
        .toLowerCase()
        .replace(/\s+/g, '')
        .includes(norm.slice(q.start, q.end).toLowerCase().replace(/\s+/g, ''))
    )
      continue;
    // "the 1-trillion-token mark": a threshold named, not a figure claimed.
    // (A rule's threshold of a chip's measure is a figure claimed: "the 4,800 TPP threshold".)
    if (
      /^(?:[\s-]+[A-Za-z]+){0,2}\s+(?:mark|threshold|milestone|barrier)\b/i.test(norm.slice(q.end, q.end + 40)) &&
      !RULE_MEASURE.test(norm.slice(Math.max(0, q.start - 40), q.end + 40))
    )
      continue;
    // "OpenRouter's top 10 models", "前3名客户": the size of the set spoken of, not a count claimed.
    if (
      q.kind === 'count' &&
      q.unit !== 'spots' &&
      /(?:\btop[\s-]?|前\s?)$/i.test(norm.slice(Math.max(0, q.start - 5), q.start))
    )
      continue;
    // "2.1 背景" (a heading): a section number at the start of a line.
    if (
      /^\d+(?:\.\d+)+$/.test(norm.slice(q.start, q.end).split(/\s/)[0] ?? '') &&
      /(?:^|\n)[\s#*]*$/.test(norm.slice(Math.max(0, q.start - 4), q.start))
    )
      continue;
    // "TSMC's 3nm and 5nm processes", "5、7纳米": process nodes listed together name technologies, not a chip's node.
    if (
      q.kind === 'spec' &&
      q.unit === 'nm' &&
      (/\d\s?(?:nm|纳米)?\s?(?:、|,|，|\/|and|or|和|与|及)\s?$/i.test(norm.slice(Math.max(0, q.start - 10), q.start)) ||
        /^\s?(?:、|,|，|\/|and|or|和|与|及)\s?\d+\s?(?:nm|纳米)/i.test(norm.slice(q.end, q.end + 14)))
    )
      continue;
    const si = Math.max(0, firstAtOrAfter(spans, q.start + 1, (sp) => sp[0]) - 1);
    const sentence: [number, number] =
      spans[si] && q.start < (spans[si] as [number, number])[1] ? (spans[si] as [number, number]) : [0, norm.length];
    const inSentence = mentionsIn(sentence[0], sentence[1]);
    const kindOf = (m: Mention) => entities.entities.get(m.entity)?.kind;
    const before = inSentence.filter((m) => m.end <= q.start);
    const sentenceText = norm.slice(sentence[0], sentence[1]);
    // A place ("第二名", "second place") is a rank only where a ranking is spoken of: "成为第二名" in strategy talk
    // is not one.
    if (q.kind === 'rank' && /^第|place|spot|position/i.test(norm.slice(q.start, q.end)) && !RANKING.test(sentenceText))
      continue;
    // "the 910B's 64GB", "华为的": a possessive names the subject even after "over" or "of".
    // Who makes an entity: a model's or chip's organization, a system's through the chip it is built of.
    const makerOf = (id: string): string | null | undefined => {
      const e = entities.entities.get(id);
      return e?.parent ?? (e?.builtOf ? entities.entities.get(e.builtOf)?.parent : undefined);
    };
    // "the Huawei system", "the Nvidia rack's": the maker's product of that kind named last before `at` (the maker
    // as recorded, else as the product's name begins: "Huawei Ascend 910C"). Among the 200 names before it, a bound
    // so that a text of many descriptions stays linear.
    const productOf = (maker: Mention, kind: string, at: number): Mention | undefined => {
      const madeBy = (m: Mention) =>
        (makerOf(m.entity) ?? null) === maker.entity ||
        (entities.entities.get(m.entity)?.name ?? '').toLowerCase().startsWith(`${maker.text.toLowerCase()} `);
      const k = firstAtOrAfter(mentions, at, (x) => x.start);
      for (let j = k - 1; j >= Math.max(0, k - 200); j--) {
        const m = mentions[j] as Mention;
        if (kindOf(m) === kind && madeBy(m)) return m;
      }
      return undefined;
    };
    const possessive = (m: Mention) => /^(?:'s|’s|s'|’|\s?的)/.test(norm.slice(m.end, m.end + 3));
    // The object of a preposition or of a comparing verb ("than B", "trailing B", "达到B的"), whatever follows it.
    const markedRaw = (m: Mention, test: (head: string) => boolean = markText): boolean => {
      const k = firstAtOrAfter(mentions, m.start, (x) => x.start) - 1;
      const prev = mentions[k];
      // "辉达H20": a name right after another name shares its marking.
      if (prev && prev.end <= m.start && /^\s?$/.test(norm.slice(prev.end, m.start)) && prev.start >= sentence[0])
        return markedRaw(prev, test);
      // Within the mention's own sentence (it may be one before the claim's).
      const head = norm.slice(Math.max(0, m.start - 32), m.start);
      return test(head.slice(Math.max(0, ...['。', '. ', '\n', '!', '?', ';'].map((e) => head.lastIndexOf(e) + 1))));
    };
    // Compared objects stay compared even when possessive ("仅为GPT-4的十分之一"); prepositions' objects do not.
    const likened = (m: Mention) =>
      SAME_BEFORE.test(norm.slice(Math.max(0, m.start - 2), m.start)) && SAME_AFTER.test(norm.slice(m.end, m.end + 12));
    // "models from Chinese labs", "chips by Huawei": where the subject comes from, not a compared object.
    const origin = (m: Mention) => ORIGIN.test(norm.slice(Math.max(0, m.start - 30), m.start));
    const marked = (m: Mention) =>
      markedRaw(m, compareText) ||
      likened(m) ||
      // ("X% of the H100's throughput": a possessive after "of" is still its object.)
      ((!possessive(m) || /\bof\s+(?:the\s+)?$/i.test(norm.slice(Math.max(0, m.start - 8), m.start))) &&
        !origin(m) &&
        markedRaw(m, (h) => MARK_PREP.test(h)));
    // A comparison: two entities before the number, or one after it as the object of "of"/"than" ("80% of H100").
    const compared =
      before.length > 1 ||
      // "（它）反而比H100还高约两成": one name, compared with what the sentence speaks of.
      before.some((m) => /比\s?$/.test(norm.slice(Math.max(0, m.start - 2), m.start))) ||
      inSentence.some(
        (m) => m.start >= q.end && marked(m) && ['chip', 'model', 'system', 'organization'].includes(kindOf(m) ?? ''),
      );
    // Words next to the number decide first ("performance that reach 80%" in a sentence that also says "cost").
    const near = norm.slice(Math.max(sentence[0], q.start - 48), Math.min(sentence[1], q.end + 48));
    // The words right next to it first ("价格便宜约75%，速度快2倍": the 75% is about price).
    // The figure's clause, lower case (what a measure word of the clause says about it).
    // (Within a reach of the figure: a sentence of thousands of figures is not read whole for each.)
    let clauseMemo: string | undefined;
    const clauseText = (): string =>
      (clauseMemo ??= `${
        norm
          .slice(Math.max(sentence[0], q.start - CLAUSE_REACH), q.start + 1)
          .split(CLAUSE_BREAK)
          .at(-1)
          ?.slice(0, -1) ?? ''
      }${norm.slice(q.start, q.end)}${
        norm
          .slice(q.end - 1, Math.min(sentence[1], q.end + CLAUSE_REACH))
          .split(CLAUSE_BREAK)[0]
          ?.slice(1) ?? ''
      }`.toLowerCase());
    // (Cut with the figure's edge characters in place, so that a space right next to it can be a break.)
    const tight =
      (norm
        .slice(Math.max(sentence[0], q.start - 10), q.start + 1)
        .split(CLAUSE_BREAK)
        .at(-1)
        ?.slice(0, -1) ?? '') +
      norm.slice(q.start, q.end) +
      (norm
        .slice(q.end - 1, Math.min(sentence[1], q.end + 12))
        .split(CLAUSE_BREAK)[0]
        ?.slice(1) ?? '');
    const ratioLike = q.kind === 'percent' || q.kind === 'fraction' || q.kind === 'multiple' || q.kind === 'amount';
    const tightMetric = ratioLike ? metricOf(q, tight, compared) : null;
    const local = ratioLike
      ? tightMetric && !GENERIC.has(tightMetric)
        ? tightMetric
        : metricOf(q, near, compared)
      : null;
    let metric = local && !GENERIC.has(local) ? local : metricOf(q, sentenceText, compared);
    // "its cost-profit margin was 545%": a percentage over 100 said of a margin is the margin, not a growth.
    if (
      metric === 'growth' &&
      q.kind === 'percent' &&
      /利润率|毛利率|profit margin|\bmargins?\b/i.test(sentenceText) &&
      !/增长|增幅|growth|grew|rose|increase|jump|\bup\b/i.test(near)
    )
      metric = 'margin';
    // The metric is often named in the headline or the sentence before ("Memory: 96GB"): carry it as the topic.
    if (!metric || GENERIC.has(metric)) {
      const prev =
        si > 0 ? norm.slice((spans[si - 1] as [number, number])[0], (spans[si - 1] as [number, number])[1]) : '';
      // (A count's, the headline's too when the sentence before names only a generic measure: "共223个" under a
      // headline on open models; and a price's, "GPT-5.4 mini at $1.69" under a headline on prices.)
      const before = metricOf(q, `${prev} ${sentenceText}`, compared);
      let carried = before;
      if (!before || GENERIC.has(before)) {
        const head = metricOf(q, `${headline} ${sentenceText}`, compared);
        if (!before || q.kind === 'count' || head === 'price') carried = head ?? before;
      }
      if (carried && (!metric || !GENERIC.has(carried))) metric = carried;
    }
    // "投入研发经费约1797亿元" in a sentence that also names revenue: the words next to the amount decide.
    if (q.kind === 'amount' && metric !== 'price' && /投资|投入|经费|拨款|融资|\binvest|\bfunding/i.test(tight))
      metric = 'investment';
    // "錄得約1.28億美元消費", "spend of $45 million": money said to be spent in the figure's own clause is spending
    // (through a platform, once a span of days names its window), not a price, an investment or revenue.
    // (Not a price per token, which names its unit.)
    const spentHere = q.kind === 'amount' && !/\//.test(q.unit) && SPENT.test(clauseText());
    if (spentHere && metric !== null && ['price', 'revenue', 'cost', 'investment'].includes(metric)) metric = 'cost';
    // "混合价为每百万tokens 10美元": a blend named in the clause, whatever the words right before the amount.
    // ("cost $7.50 on the same blended basis": a cost per million tokens said blended is a blended price.)
    if ((metric === 'price' || (metric === 'cost' && q.value < 1000)) && BLENDED.test(clauseText()))
      metric = 'blended_price';
    // ("以三份輸入、一份輸出的混合價格計算，……最便宜的是Terra，每百萬token約2.25美元": a blend named earlier in the
    // sentence, and no side named in the figure's clause.)
    else if (metric === 'price' && BLENDED.test(sentenceText) && !SIDE.test(clauseText())) metric = 'blended_price';
    // A bare volume after words about calls, in a sentence not about tokens ("Counted by calls, … 2.1 billion").
    if (
      q.kind === 'number' &&
      metric?.startsWith('tokens') &&
      REQUESTS.test(norm.slice(sentence[0], q.start)) &&
      !TOKEN_WORD.test(sentenceText)
    )
      metric = 'requests';
    if (!metric) continue;
    // Two sentences back, for what the sentence refers to without naming it ("384颗而非72颗" after naming the systems).
    const windowStart = spans[Math.max(0, si - 2)]?.[0] ?? sentence[0];
    const inWindow = mentionsIn(windowStart, q.start);
    const prefer = PREFER[metric] ?? ['program', 'organization', 'model', 'chip', 'system', 'country', 'event'];
    const isRatio = RATIO.has(metric);
    // "x% of B", "faster than B", "vs B": B is what the number is measured against, not its subject.
    let subject: Mention | undefined;
    let comparisonMention: Mention | undefined;
    const comparable = (m: Mention) =>
      m.entity !== subject?.entity && ['chip', 'model', 'system', 'organization', 'country'].includes(kindOf(m) ?? '');
    // The thing counted right after the number ("2,000 張 H800", "2048颗H800") is not the subject.
    const counted = (m: Mention) => q.kind === 'count' && m.start >= q.end && m.start - q.end <= 3;
    // What a description ("the platform", "该芯片") stands for: the last entity of its kind named before.
    const described = (kinds?: readonly string[]): Mention | undefined => {
      const d = DESCRIPTION.exec(norm.slice(sentence[0], q.start));
      if (!d) return undefined;
      const noun = (d[2] ?? d[3] ?? '').toLowerCase();
      const kind = DESCRIBED_KIND.find(([re]) => re.test(noun))?.[1];
      // The description names its kind itself ("the chip's area"), whatever kinds the metric prefers.
      void kinds;
      if (!kind) return undefined;
      const at = sentence[0] + d.index;
      // "the Huawei part": the one of that maker named last.
      const maker = mentionsIn(at, at + d[0].length).find((m) => kindOf(m) === 'organization');
      if (maker) return productOf(maker, kind, at);
      const earlier = [...mentionsIn(windowStart, at)].reverse().filter((m) => kindOf(m) === kind);
      return earlier.find((m) => !markedRaw(m)) ?? topic([kind]);
    };
    // The subject of the sentence before: its first name that is not a compared object.
    // (A sentence before that opens with a pronoun itself points further back: "X… They… That's…")
    const previousSubject = (kinds: readonly string[] | null): Mention | undefined => {
      for (let back = 1; back <= 3; back++) {
        const prev = spans[si - back];
        if (!prev) return undefined;
        const text = norm.slice(prev[0], prev[1]);
        const first = mentionsIn(prev[0], prev[1]).find(
          (m) => (!kinds || kinds.includes(kindOf(m) ?? '')) && !markedRaw(m),
        );
        // A pronoun with no name before it in its sentence: the subject is further back.
        if (PRONOUN.test(text) && (!first || !/^\s*\S/.test(norm.slice(prev[0], first.start).replace(PRONOUN, ''))))
          if (!first || first.start - prev[0] > 12) continue;
        return first;
      }
      return undefined;
    };
    const figureBetween = (a: number, b: number) => figureWithin(a, b, q);
    // "支持 8192 张卡的 Atlas 950": the name an attributive count or figure describes.
    const attributed = inSentence.find(
      (m) =>
        m.start >= q.end &&
        m.start - q.end <= 12 &&
        ['system', 'model', 'organization'].includes(kindOf(m) ?? '') &&
        /^[^，。,;；\d]{0,8}的\s?$/.test(norm.slice(q.end, m.start)),
    );
    if (OLD_RULES.has(metric)) {
      // "A reaches 60% of B": for ratios the subject is the first mention not compared against; otherwise the
      // nearest, before the number first. Compared objects ("than B", "达到B的") only when nothing else is named.
      // In a Chinese sentence of several clauses, the number's own clause first ("B200的带宽为8TB/s，华为的…三分之一").
      // (Full-width commas are ASCII in the normalised text; only Chinese sentences are cut at them.)
      // (An English sentence is cut where a new clause joins it: "The H20 offers 148 teraflops, and the 910C is
      // seven times faster".)
      const joined = [
        ...sentenceText.slice(0, q.start - sentence[0]).matchAll(/[,;]\s+(?:and|but|while|whereas)\s/gi),
      ].at(-1);
      const clauseAt = /[\u4e00-\u9fff]/.test(sentenceText)
        ? // Searched within the sentence: over the whole text a missing ";" would be a scan per quantity.
          sentence[0] +
          Math.max(0, ...[',', ';', ':'].map((c) => sentenceText.lastIndexOf(c, q.start - sentence[0] - 1) + 1))
        : joined
          ? sentence[0] + (joined.index ?? 0) + joined[0].length
          : sentence[0];
      const clauseEnd =
        clauseAt > sentence[0] || /[\u4e00-\u9fff]/.test(sentenceText)
          ? Math.min(
              sentence[1],
              ...[',', ';', ':'].map((c) => {
                const i = sentenceText.indexOf(c, q.end - sentence[0]);
                return i < 0 ? sentence[1] : sentence[0] + i;
              }),
            )
          : sentence[1];
      // Of a ratio, the compared object is never the subject ("10-20 times lower than Nvidia's").
      const compareMarked = (m: Mention) => markedRaw(m, compareText);
      for (const [strict, from, to] of [
        [true, clauseAt, clauseEnd],
        [true, sentence[0], sentence[1]],
        [false, sentence[0], sentence[1]],
      ] as const) {
        for (const kind of prefer) {
          const ofKind = inSentence.filter(
            (m) =>
              m.start >= from &&
              m.end <= to &&
              kindOf(m) === kind &&
              !counted(m) &&
              (strict ? !marked(m) : !isRatio || !compareMarked(m)),
          );
          subject = isRatio
            ? ofKind.find((m) => m.end <= q.start)
            : ([...ofKind].reverse().find((m) => m.end <= q.start) ?? ofKind.find((m) => m.start >= q.end));
          if (subject) break;
        }
        if (subject) break;
      }
      if (attributed && prefer.includes(kindOf(attributed) as Entity['kind'])) subject = attributed;
      // "the Huawei part reaches 80% of …": a maker's name before a description names the maker's product.
      if (subject && kindOf(subject) === 'organization' && MAKER_NOUN.test(norm.slice(subject.end, subject.end + 14)))
        subject = described(prefer) ?? subject;
      // "The Huawei system draws 560 kW … and needs three times the power": of a ratio, a description that opens
      // the sentence before any name is its subject.
      if (isRatio) {
        const d = DESCRIPTION.exec(norm.slice(sentence[0], q.start));
        const at = d ? sentence[0] + d.index : -1;
        const ds = d && (!subject || at < subject.start) ? described(prefer) : undefined;
        // (Where the sentence names it: the description stands for the name.)
        if (d && ds) subject = { ...ds, start: at, end: at + d[0].length };
      }
      if (!subject) subject = described(prefer);
      // "Huawei's answer is the Ascend 910C. Its … 80% of the H100's": of a ratio, the previous sentence's name of
      // the kind it compares first (the chip, not its maker).
      if (!subject && PRONOUN.test(sentenceText))
        subject = isRatio
          ? (prefer.map((k) => previousSubject([k])).find(Boolean) ?? previousSubject(prefer))
          : previousSubject(prefer);
      if (!subject || ['chip_count', 'signatories'].includes(metric)) {
        const top = prefer[0];
        const near =
          [...inWindow].reverse().find((m) => kindOf(m) === top && !markedRaw(m)) ??
          [...inWindow].reverse().find((m) => kindOf(m) === top);
        if (near && (!subject || kindOf(subject) !== top)) subject = near;
      }
    } else {
      // Grammar first: the nearest entity before the number in its sentence that is not an "of"/"than" object;
      // for specifications, the nearest chip or system.
      const spec = SPEC_METRICS.has(metric);
      // Chips are the subjects of specifications; of costs, counts and durations they are the means ("2048 块 H800").
      const hasOther = [...inSentence, ...inWindow].some((m) => kindOf(m) !== 'chip' && !marked(m));
      // Of prices, growth, ranks and latencies a chip named in the sentence may be the subject ("910D 售价约2万美元").
      const chipToo = ['price', 'growth', 'percentage', 'rank', 'latency'].includes(metric);
      const kinds = spec
        ? ['chip', 'system']
        : hasOther
          ? ['organization', 'model', 'country', 'program', 'system', 'event', ...(chipToo ? ['chip'] : [])]
          : null;
      const ok = (m: Mention) => !marked(m) && !counted(m) && (!kinds || kinds.includes(kindOf(m) ?? ''));
      // "2.94 trillion handled by US models", "5.5 trillion for US models": the agent named just after.
      const agent = inSentence.find(
        (m) =>
          m.start >= q.end &&
          m.start - q.end <= 24 &&
          ((/\b(?:by|for)\s+(?:the\s+)?(?:[A-Za-z]+\s+)?$/i.test(norm.slice(q.end, m.start)) && ok(m)) ||
            // "sent 37.5 trillion tokens to Chinese models": where a volume went (the object of "to", all the same).
            // ("spent $128 million on Anthropic models": what money went on.)
            ((TO_WHOM.has(metric ?? '') || spentHere) &&
              (metric === 'spend' || spentHere ? /^\s?(?:to|on)\s+(?:the\s+)?$/i : /^\s?to\s+(?:the\s+)?$/i).test(
                norm.slice(q.end, m.start),
              ) &&
              ['country', 'organization', 'model'].includes(kindOf(m) ?? ''))),
      );
      // "Gemini 2.5 Pro, which is ranked 3rd": a relative pronoun's antecedent, compared object or not.
      const last = before.at(-1);
      const relative =
        last && /^\s?,?\s*(?:which|who)\b/i.test(norm.slice(last.end, q.start)) && ok({ ...last, start: -1 })
          ? last
          : undefined;
      let nearest = relative ?? [...before].reverse().find(ok);
      // "Anthropic, the largest American supplier by spend, handled …": a name inside an apposition describes the
      // name before it, which is the subject.
      if (nearest && !relative) {
        const k = before.indexOf(nearest);
        const head = before[k - 1];
        if (
          head &&
          ok(head) &&
          /^\s?,\s+(?:(?:then|now|still|currently|once|formerly|already)\s+)?(?:the|a|an|its|whose)\s[^,]{0,50}$/i.test(
            norm.slice(head.end, nearest.start),
          ) &&
          // (The figure after the apposition, or inside it: "X, then the best Chinese entry in 13th place, …".)
          (/^[^,]{0,40},/.test(norm.slice(nearest.end, q.start)) ||
            (!norm.slice(nearest.end, q.start).includes(',') && /^[^,.;]{0,30},/.test(norm.slice(q.end, q.end + 32))))
        )
          nearest = head;
      }
      // "The platform's volume", "该芯片的": a description names the entity last spoken of, unless a name follows it.
      const desc = DESCRIPTION.exec(norm.slice(sentence[0], q.start));
      subject =
        agent ??
        (desc && (!nearest || nearest.start < sentence[0] + desc.index) ? described(kinds ?? undefined) : undefined) ??
        nearest;
      if (!subject && attributed && ok(attributed)) subject = attributed;
      // "the second-placed Claude Opus 4.6", "排名第二的GLM-5": a place said right before a name is that name's.
      if (q.kind === 'rank') {
        const placed = inSentence.find(
          (m) =>
            m.start >= q.end &&
            m.start - q.end <= 14 &&
            ['model', 'organization', 'country', 'chip'].includes(kindOf(m) ?? '') &&
            /^\s?(?:-?\s?(?:placed|ranked)\s)?(?:the\s)?$|^(?:名|位)?的\s?$/i.test(norm.slice(q.end, m.start)),
        );
        if (placed) subject = placed;
      }
      // Earlier sentences name the subject: objects of "than" or "over" there are not it (the document's topic
      // is a better guess than a compared object).
      const fromWindow = () => [...inWindow].reverse().find((m) => ok(m) && !markedRaw(m));
      const anyWindow = () => [...inWindow].reverse().find(ok);
      // Without a subject in the sentence: the passage's topic, named before it, else the document's.
      if (!subject && spec) subject = fromWindow() ?? topic(kinds) ?? anyWindow();
      // "They processed 18 trillion": a pronoun points back to the sentence before, not at a name later on.
      if (!subject && PRONOUN.test(sentenceText)) subject = previousSubject(kinds);
      // A name after the number is its subject only with no other figure between ("18T vs 5.5T for US models").
      // (Nor across a new clause: "the deficit was still 58 points, and on 1 June Zhipu's GLM-5.1 …".)
      subject ??= inSentence.find(
        (m) =>
          m.start >= q.end &&
          ok(m) &&
          !figureBetween(q.end, m.start) &&
          !/[;；]|,\s(?:and|but|while|whereas)\s|[,，]\s?(?:而|但|同时)/.test(norm.slice(q.end, m.start)),
      );
      // "They commanded nearly 70%": the subject was named in the sentences before.
      subject ??= fromWindow() ?? topic(kinds) ?? anyWindow();
      // "集成384颗昇腾910C，HBM总容量49.2TB": a total of a specification is the system's that holds the chips, when
      // one is named nearby and the figure's own clause names no other.
      if (
        spec &&
        subject &&
        kindOf(subject) === 'chip' &&
        TOTAL.test(
          norm
            .slice(Math.max(sentence[0], q.start - 30), q.start)
            .split(CLAUSE_BREAK)
            .at(-1) ?? '',
        )
      ) {
        const system = [...inWindow, ...before].reverse().find((m) => kindOf(m) === 'system' && !marked(m));
        if (system) subject = system;
      }
    }
    if (isRatio) {
      // "80% of Nvidia's H100": of the entities after "of", the one of the subject's kind (the chip, not its maker).
      const after = inSentence.filter(
        (m) => m.start >= q.end && m.start - q.end <= 60 && comparable(m) && (marked(m) || possessive(m)),
      );
      comparisonMention =
        after.find((m) => subject && kindOf(m) === kindOf(subject)) ??
        inSentence.find((m) => m.start >= q.end && comparable(m) && marked(m));
      if (!comparisonMention && subject) {
        // "A 达到 B 的 60%": B is the last comparable mention between the subject and the number.
        const between = before.filter((m) => m.start > (subject as Mention).end && comparable(m));
        comparisonMention = between.at(-1) ?? inSentence.find((m) => m.start >= q.end && comparable(m));
        // "The H20 offers 148 teraflops, and the 910C is seven times faster": compared with the one of its kind
        // named before it in the sentence.
        comparisonMention ??= before
          .filter((m) => m.end <= (subject as Mention).start && m.entity !== subject?.entity)
          .findLast((m) => comparable(m) && kindOf(m) === kindOf(subject as Mention));
      }
      // "2.5 times the Nvidia rack's": the maker's product of the subject's kind, not the maker.
      if (
        comparisonMention &&
        subject &&
        kindOf(comparisonMention) === 'organization' &&
        kindOf(subject) !== 'organization' &&
        MAKER_NOUN.test(norm.slice(comparisonMention.end, comparisonMention.end + 14))
      )
        comparisonMention =
          productOf(comparisonMention, kindOf(subject) as string, comparisonMention.start) ?? comparisonMention;
    }
    subject ??= before.at(-1) ?? inSentence[0] ?? inWindow.at(-1) ?? topic(null);
    // "H100（900GB/s）": a figure in brackets right after a name is that name's, whatever the sentence compares.
    if (
      prevMention &&
      /^\s?[(（]\s?$/.test(norm.slice(prevMention.end, q.start)) &&
      /^\s?[)）]/.test(norm.slice(q.end, q.end + 3))
    ) {
      subject = prevMention;
      comparisonMention = undefined;
    }
    // "以昇腾960为基础、规模为15488卡的超节点": the cards of a supernode built of a chip count the system's chips.
    if (
      metric === 'chip_count' &&
      subject &&
      kindOf(subject) === 'chip' &&
      /超节点|集群|superpod|supernode|cluster|system|rack|机柜|pod\b/i.test(sentenceText)
    ) {
      const built = systemsBuiltOf(entities).get(subject.entity) ?? [];
      if (built.length === 1) subject = { ...subject, entity: built[0] as string };
    }
    // "只有四款来自中国", "four models from China": the count is the origin's (a country or maker named right after).
    if (q.kind === 'count') {
      // ("seven of the ten busiest models on OpenRouter's chart came from Chinese developers": further, in its clause.)
      const reach = q.unit === 'models' ? 64 : 16;
      const from = inSentence.find(
        (m) =>
          m.start >= q.end &&
          m.start - q.end <= reach &&
          !/[,;，；]/.test(norm.slice(q.end, m.start)) &&
          ['country', 'organization'].includes(kindOf(m) ?? '') &&
          /(?:来自|出自|\bfrom|\bmade by|\bbuilt by)\s?(?:the\s)?$/i.test(norm.slice(q.end, m.start)),
      );
      if (from) subject = from;
    }
    // A place on which ranking: by traffic (tokens, 流量) or on a leaderboard (Arena, 榜单), as its passage says;
    // a place said of neither, or of both, stays a bare place (support only).
    if (metric === 'rank' && subject) {
      const prevSentence =
        si > 0 ? norm.slice((spans[si - 1] as [number, number])[0], (spans[si - 1] as [number, number])[1]) : '';
      const passage = `${headline} ${prevSentence} ${sentenceText}`.toLowerCase();
      const traffic = has(passage, TOKENS);
      const board = has(passage, /arena|leaderboard|榜|评分|rating|\belo\b|\bvotes\b/);
      const k = kindOf(subject);
      if (traffic && !board)
        metric = k === 'model' ? 'usage_rank' : k === 'organization' || k === 'country' ? 'token_rank' : metric;
      else if (board && !traffic && k === 'model') metric = 'arena_rank';
    }
    // "……，是DeepSeek V4 Flash输出价的逾400倍": the name after 是/为 and before "的 N倍" is what the figure is a multiple
    // of; the subject is the name of its kind before it.
    if (isRatio) {
      const of = [...before]
        .reverse()
        .find(
          (m) =>
            /(?:是|为|相当于|等于)\s?$/.test(norm.slice(Math.max(0, m.start - 4), m.start)) &&
            /^[^，。,;；]{0,12}的\s?\S{0,3}$/.test(norm.slice(m.end, q.start)),
        );
      const kind = of ? kindOf(of) : undefined;
      // (Else a maker, model or country named before it in the sentence: "DeepSeek系列……，是GPT系列的两倍".)
      const earlier = of
        ? [...inWindow, ...before].reverse().filter((m) => m.end <= of.start && m.entity !== of.entity)
        : [];
      const own =
        earlier.find((m) => kindOf(m) === kind) ??
        earlier.find(
          (m) =>
            m.start >= sentence[0] &&
            ['organization', 'model', 'country'].includes(kindOf(m) ?? '') &&
            ['organization', 'model', 'country'].includes(kind ?? ''),
        );
      if (of && own) {
        subject = own;
        comparisonMention = of;
      }
    }
    // "前者接近后者的两倍", "the former is twice the latter": of the last two names of one kind before it, the first
    // is the subject and the second what it is compared with.
    if (isRatio && /前者[^，。,;；]{0,12}后者|the former[^,.;]{0,40}the latter/i.test(sentenceText)) {
      const named = [...inWindow].reverse();
      const latter = named.find((m) =>
        ['country', 'organization', 'model', 'chip', 'system'].includes(kindOf(m) ?? ''),
      );
      const former =
        latter &&
        named.find((m) => m.start < latter.start && kindOf(m) === kindOf(latter) && m.entity !== latter.entity);
      if (latter && former) {
        subject = former;
        comparisonMention = latter;
      }
    }
    // What a survey found ("a survey … found that 62% of its members", "六成五的受访开发者"), and how many it asked
    // ("a survey of 1,200 developers"): the survey's figures, about no entity the data holds.
    // (Named "survey" in every language, as entities are named in English.)
    let surveyed: string | null = null;
    let survey = surveyCache.get(sentence[0]);
    if (survey === undefined) surveyCache.set(sentence[0], (survey = SURVEY.exec(sentenceText)));
    if (
      survey &&
      sentence[0] + survey.index < q.start + 4 &&
      ['percent', 'fraction', 'count', 'number'].includes(q.kind)
    ) {
      const asked =
        /^\s?(?:people|adults|developers|engineers|firms|companies|respondents|executives|users|\S{0,3}(?:名|位|家|人))/i;
      const share = q.kind === 'percent' || q.kind === 'fraction';
      if (share || q.unit === 'people' || asked.test(q.after ?? '')) {
        metric = share ? 'survey_share' : 'respondent_count';
        subject = undefined;
        comparisonMention = undefined;
        // Named by who ran it, where the sentence says ("a poll … by the consultancy Northgate Insight"), else "survey".
        surveyed = SURVEYOR.exec(norm.slice(sentence[0], q.start))?.[1]?.trim() ?? 'survey';
      }
    }
    // A chip's measure as a multiple of a rule's threshold ("达门槛3倍以上", "half the threshold"): said of the chip.
    if (q.kind === 'percent' || q.kind === 'fraction' || q.kind === 'multiple') {
      const lead = norm.slice(Math.max(sentence[0], q.start - 12), q.start);
      const tail = norm.slice(q.end, Math.min(sentence[1], q.end + 30));
      // (The words next to the figure first: the sentence is read only for a figure said of a threshold.)
      const ofThreshold = THRESHOLD_WORD.test(lead) || THRESHOLD_OBJECT.test(tail);
      const measure = !ofThreshold
        ? null
        : /\btpp\b|总处理性能/i.test(`${headline} ${sentenceText}`)
          ? 'tpp'
          : /performance density|性能密度/i.test(`${headline} ${sentenceText}`)
            ? 'pd'
            : null;
      if (measure) {
        const chip =
          [...inWindow, ...before].reverse().find((m) => kindOf(m) === 'chip' && !marked(m)) ??
          inSentence.find((m) => kindOf(m) === 'chip');
        metric = `threshold_ratio_${measure}`;
        subject = chip;
        comparisonMention = undefined;
      }
    }
    // How many destinations a rule's list names ("Country Group D:5 … 22 countries", "24个第一级伙伴"): said of the
    // list's rule or group named around it; a tier's by its number.
    if (metric === 'country_count' || (q.kind === 'count' && TIER.test(clauseText()))) {
      // (The one named last before the figure; else the first after it: "D:5 … has 26 members, while A:5 …".)
      const rules = [...inWindow, ...inSentence].filter((m) => kindOf(m) === 'rule');
      const rule = rules.filter((m) => m.end <= q.start).at(-1) ?? rules.find((m) => m.start >= q.end);
      const tier = TIER.exec(clauseText());
      if (rule) {
        subject = rule;
        metric = tier ? `members:tier${tierNumber(tier[0])}` : 'members';
      }
    }
    let original = false;
    // A rule's threshold ("a TPP of 4,800 or more", "TPP达到4800即受管制"): said of the rule named around it, or of
    // none (the checker reads every rule's thresholds), never of a chip named beside it.
    if (THRESHOLD_OF[metric]) {
      const clause =
        norm
          .slice(Math.max(sentence[0], q.start - CLAUSE_REACH), q.start)
          .split(CLAUSE_BREAK)
          .at(-1) ?? '';
      const chipInClause = inSentence.some(
        (m) => m.end <= q.start && m.start >= q.start - clause.length && ['chip', 'system'].includes(kindOf(m) ?? ''),
      );
      const rules = [...inWindow, ...inSentence].filter((m) => kindOf(m) === 'rule');
      const after = norm.slice(q.end, Math.min(sentence[1], q.end + 16));
      const lead = norm.slice(Math.max(sentence[0], q.start - 24), q.start);
      const named = THRESHOLD_WORD.test(lead.split(/\d/).at(-1) ?? '') || THRESHOLD_AFTER.test(after);
      const bounded = THRESHOLD_BOUND.test(after) && !PRONOUN.test(sentenceText);
      // Export-control words alone make it a rule's only where no chip, system or pronoun stands for one.
      // (A rule named after the figure, "约为3A090.a门槛的3.4倍", compares with its threshold: not the figure's.)
      const ruleTalk =
        rules.some((m) => m.start >= sentence[0] && m.end <= q.start) ||
        ((CONTROL.test(sentenceText) || rules.length > 0) &&
          !PRONOUN.test(sentenceText) &&
          !inSentence.some((m) => ['chip', 'system'].includes(kindOf(m) ?? '')));
      if (named || (!chipInClause && (bounded || ruleTalk))) {
        metric = THRESHOLD_OF[metric] as string;
        // (Not the document's most named rule: a passage may speak of another; unnamed, every rule is read.)
        const rule = rules.filter((m) => m.end <= q.start).at(-1) ?? rules[0];
        subject = rule;
        if (rule && ORIGINAL.test(norm.slice(Math.max(0, rule.start - 12), rule.start))) original = true;
        comparisonMention = undefined;
      }
    }
    // "中美大模型差距", "两国头部模型的差距", "the two countries' gap": the gap between the two countries, which the
    // data keeps under the side behind (China), when the sentence names no country or model of its own.
    if (
      PAIR_GAP.has(metric) &&
      COUNTRY_PAIR.test(sentenceText) &&
      !inSentence.some((m) => ['country', 'model'].includes(kindOf(m) ?? '')) &&
      entities.entities.has('country-cn')
    )
      subject = { entity: 'country-cn', start: q.start, end: q.start, text: '' };
    // "美国最佳模型X与中国最佳的Y相差约60分", "the best US model leads the best Chinese one by 20 points": the gap
    // between each country's best is the countries' gap, whatever the models are called.
    else if (PAIR_GAP.has(metric) && BEST_OF_EACH.test(sentenceText) && entities.entities.has('country-cn'))
      subject = { entity: 'country-cn', start: q.start, end: q.start, text: '' };
    // "混元Hy3排第二", "its Nemo 7 model": a product name the data does not know, between the maker named and the figure,
    // is what the figure is about; the maker is not its subject.
    let category = false;
    if (subject && ['organization', 'country'].includes(kindOf(subject) ?? '') && PRODUCT_METRICS.test(metric)) {
      const between = norm.slice(subject.end, q.start);
      const at = between.search(UNKNOWN_PRODUCT);
      if (
        at >= 0 &&
        !/[,;，；。]/.test(between.slice(0, at)) &&
        !mentions.some((m) => m.start <= subject!.end + at && m.end > subject!.end + at)
      ) {
        // ("MiniMax cut the price of its M3 model": the maker's name and the product's together may name a model.)
        const product = UNKNOWN_PRODUCT.exec(between.slice(at))?.[0] ?? '';
        const maker = subject;
        const named = entities
          .find(`${norm.slice(maker.start, maker.end)} ${product}`)
          .find((m) => entities.entities.get(m.entity)?.parent === maker.entity);
        subject = named ? { ...named, start: subject.end + at, end: subject.end + at + product.length } : undefined;
      }
    }
    // A place or rating on one of the Arena's category boards (Chinese prompts, coding, vision): not the overall
    // board the data holds.
    // (A gap is read on that board's gap where the data holds it: see the checker's boards.)
    // (Said on a board whose ratings and places the data holds, "视觉榜", it is that board's rating or place.)
    // "the B200 scores 36,000": a chip's score is the export rules' total processing performance, not a rating.
    // ("Nvidia's B200 … scores 36,000": the chip named last before it, no model after it, is what scores.)
    if (metric === 'rating' && !(subject && kindOf(subject) === 'model')) {
      const chip = inSentence.filter((m) => m.end <= q.start && kindOf(m) === 'chip').at(-1);
      if (chip && !inSentence.some((m) => m.start > chip.end && m.end <= q.start && kindOf(m) === 'model'))
        subject = chip;
    }
    if (metric === 'rating' && subject && kindOf(subject) === 'chip') metric = 'tpp';
    // (The board named in the sentence before, in its paragraph, where its own names none: "视觉榜的情况有所不同。")
    const boardText = arenaBoardOf(sentenceText) === undefined ? prevInParagraph(si) : sentenceText;
    if (/^(?:arena_|rank$|rating$)/.test(metric) && arenaBoardOf(boardText) !== undefined) {
      const ratings = arenaRatingsOf(boardText);
      const measure = /rank$/.test(metric) ? 'rank' : /rating$/.test(metric) ? 'rating' : null;
      if (ratings && measure) metric = `${measure}:${ratings}`;
      else category = true;
    }
    // "America's lead", "美國與中國的差距": a gap between the two countries is kept under the side behind, as the
    // data keeps it, the side ahead its comparison.
    if (
      PAIR_GAP.has(metric) &&
      subject?.entity === 'country-us' &&
      entities.entities.has('country-cn') &&
      mentions.some((m) => m.entity === 'country-cn')
    ) {
      comparisonMention = subject;
      subject = { entity: 'country-cn', start: q.start, end: q.start, text: '' };
    }
    // "It is ahead of the second-placed Claude Opus 4.6 by 9 points", "领先Gemini 3 Pro 12分": a gap between two
    // models, one the object of a word of leading or trailing; which side leads, as the words say.
    let direction: Extracted['direction'];
    if ((metric === 'rating_gap' || metric === 'gap_points') && subject?.entity !== 'country-cn') {
      const rival = inSentence.find(
        (m) =>
          kindOf(m) === 'model' &&
          RIVAL_BEFORE.test(norm.slice(Math.max(sentence[0], m.start - 40), m.start)) &&
          !figureBetween(Math.min(m.end, q.start), Math.max(m.start, q.end)),
      );
      if (rival) {
        let own = subject && kindOf(subject) === 'model' && subject.entity !== rival.entity ? subject : undefined;
        // ("A leads B by 8": the model named before B in its clause.)
        own ??= inSentence.findLast(
          (m) =>
            m.end <= rival.start &&
            kindOf(m) === 'model' &&
            m.entity !== rival.entity &&
            !/[,;，；]/.test(norm.slice(m.end, rival.start)),
        );
        if (!own && PRONOUN.test(sentenceText)) own = previousSubject(['model']);
        if (own && own.entity !== rival.entity) {
          subject = own;
          comparisonMention = rival;
          direction = RIVAL_BEHIND.test(norm.slice(Math.max(sentence[0], rival.start - 40), rival.start))
            ? 'behind'
            : 'ahead';
        }
      }
    }
    // "Claude Sonnet 4.5思考版", "its Thinking version": a model named with a variant's word is the board's entry of that
    // variant, where the data lists one; else the model's own figures may bear the claim out, not refute it.
    let variantGuess = false;
    const variant =
      subject && kindOf(subject) === 'model' ? VARIANT_AFTER.exec(norm.slice(subject.end, subject.end + 12)) : null;
    if (subject && variant) {
      const entry = variantEntries(entities).get(`${subject.entity}|${variant[1] ? 'thinking' : 'instruct'}`);
      const shortest = entry?.slice().sort((a, b) => a.length - b.length)[0];
      if (shortest) subject = { ...subject, entity: shortest };
      else variantGuess = true;
    }
    // Open models counted where the passage names no list or census: perhaps another count (a hub's, a ranking's), so
    // the tracked list may bear it out, not refute it.
    const uncensused = () =>
      !!metric?.startsWith('open_') && !CENSUS.test(`${headline} ${prevInParagraph(si)} ${sentenceText}`);
    // "清单共收录1,958个开源模型，其中由中国机构发布的997个": a name after the figure and "其中" is a part of it, not its subject.
    const partAfter =
      !!subject &&
      subject.start >= q.end &&
      /其中|\bof (?:which|whom|them)\b|\bamong them\b/i.test(norm.slice(q.end, subject.start));
    const comparison =
      comparisonMention && comparisonMention.entity !== subject?.entity ? comparisonMention.entity : null;
    // "不到H100（900GB/s）的一半": a qualifier before the compared name bounds the ratio after it.
    let qb = q;
    if (
      isRatio &&
      !q.bound &&
      comparison &&
      comparisonMention &&
      comparisonMention.end <= q.start &&
      /^[^，。,;；]{0,16}的\s?$/.test(norm.slice(comparisonMention.end, q.start))
    ) {
      const b = qualifierBefore(norm, comparisonMention.start);
      if (b) qb = bounded(q, b);
    }
    const around = [...inWindow, ...inSentence];
    const context = [...new Set(around.map((m) => m.entity))];
    // Compared objects: anywhere around the claim by a comparing word; in its own sentence also by a preposition
    // ("80% of the H100"). The checker tries the names around a claim as its subject, but never these.
    const inOwn = (m: Mention) => m.start >= sentence[0] && m.end <= sentence[1];
    const comparedNames = context.filter((e) =>
      around
        .filter((m) => m.entity === e)
        .every((m) => likened(m) || markedRaw(m, compareText) || (inOwn(m) && marked(m))),
    );
    // A subject from the passage is trusted only when no other entity of its kind is named around the claim.
    // ("不过，H20的优势在于内存系统。它配备…": a sentence opening with a pronoun, its subject the one entity of that
    // kind the sentence before names.)
    function pointsBack(): boolean {
      if (!subject || si === 0 || !PRONOUN.test(sentenceText)) return false;
      const [a, b] = spans[si - 1] as [number, number];
      const before = mentionsIn(a, b).filter((m) => kindOf(m) === kindOf(subject as Mention));
      return before.length > 0 && before.every((m) => m.entity === subject?.entity);
    }
    const subjectFrom: 'sentence' | 'context' | 'ambiguous' =
      subject && ((subject.start >= sentence[0] && subject.end <= sentence[1]) || pointsBack())
        ? 'sentence'
        : subject && around.some((m) => m.entity !== subject?.entity && kindOf(m) === kindOf(subject as Mention))
          ? 'ambiguous'
          : 'context';
    // "A的两款Claude及谷歌的Gemini 3 Flash……只占约一成", "OpenAI and Anthropic together took 40%": one share or volume
    // said of names joined before it, the sentence's only figure, is the group's; no one member's figure is it.
    // (Not "each", "各", "分别": then it is every member's.)
    function groupSaid(): boolean {
      if (!/share|tokens|requests|spend|downloads/.test(metric ?? '')) return false;
      if (/\beach\b|\brespectively\b|各|分别|均/.test(sentenceText)) return false;
      const names = inSentence.filter(
        (m) => m.end <= q.start && ['model', 'organization', 'country'].includes(kindOf(m) ?? ''),
      );
      if (new Set(names.map((m) => m.entity)).size < 2) return false;
      const joined = names.some((m, k) => {
        const next = names[k + 1];
        return (
          !!next &&
          /^[^，。,;；]{0,12}?(?:及|和|与|以及|、|\band\b|&)[^，。,;；]{0,12}$/.test(norm.slice(m.end, next.start))
        );
      });
      if (!joined) return false;
      // (The sentence's figures of its kind, by binary search: not a scan of the document's per claim.)
      let figures = 0;
      for (let k = firstAtOrAfter(quantities, sentence[0], (x) => x.start); k < quantities.length; k++) {
        const x = quantities[k] as Quantity;
        if (x.start >= sentence[1] || figures > 1) break;
        if (x.end <= sentence[1] && x.kind === q.kind) figures++;
      }
      return figures === 1;
    }
    // A chip's figure whose sentence names only a maker ("Google第六代TPU「Trillium」……32GB") may be of a chip the data
    // does not name: the one from the passage is a guess, which may bear it out but not refute it.
    const guessedChip =
      subjectFrom !== 'sentence' &&
      SPEC_METRICS.has(metric) &&
      inSentence.some((m) => kindOf(m) === 'organization') &&
      !inSentence.some((m) => ['chip', 'system'].includes(kindOf(m) ?? ''));
    // What a ratio compares: named in the figure's own clause first, else in its sentence.
    // (Only a share, fraction or multiple compares an aspect: other figures are not read for one.)
    const clauseOf = clauseText();
    const compares = q.kind === 'percent' || q.kind === 'fraction' || q.kind === 'multiple' || RATIO.has(metric);
    let sentenceAspect = compares ? aspectCache.get(sentence[0]) : null;
    if (sentenceAspect === undefined)
      aspectCache.set(sentence[0], (sentenceAspect = aspectOf(sentenceText.toLowerCase())));
    const clauseAspect = compares ? aspectOf(clauseOf) : null;
    // ("For each petaflop, X burns four times the power": the clause names power, and the words before it in its
    // sentence power per compute. Said after it, that is another clause's.)
    const aspect =
      (clauseAspect === 'power' || clauseAspect === 'compute') &&
      sentenceAspect === 'power_per_compute' &&
      PER_COMPUTE_RE.test(norm.slice(sentence[0], q.start).toLowerCase())
        ? sentenceAspect
        : (clauseAspect ?? sentenceAspect);
    const aspectPlain =
      RATIO.has(metric) &&
      (clauseAspect !== null || sentenceAspects(sentence[0], sentenceText) === 1) &&
      !/\b(?:fp8|fp4|fp6|int8|int4|fp32|fp64|tf32|sparse|sparsity|inference|training|benchmark|real[- ]world|effective|measured|tested)\b|推理|训练|实测|稀疏|跑分/i.test(
        sentenceText,
      );
    let when = whenAt(sentence, q.start);
    // "而一年前只有不到4个月": a time counted back from the article's date is the time of its own clause's figures.
    const ago = agoIn(q, sentence);
    if (ago) when = ago;
    const stated = when;
    const own = spans[si] === sentence;
    // "That week, …", "over the period", "同一週": a sentence that points back to a time takes the one named
    // last before it, in its paragraph or the ones before.
    if (when === null && own) {
      when = pointedWhen(si);
      // ("前一天，…": the day before the one pointed back to.)
      if (when && !when.days && IS_DAY.test(when.time) && DAY_BEFORE.test(sentenceText))
        when = { time: shiftDay(when.time, -1), days: null };
    }
    // A span of days named in a paragraph ("In the 30 days to 7 August, …") is the window of its traffic figures
    // that follow in that paragraph and name no time of their own (the next paragraph may speak of now).
    // A paragraph that names no time at all continues the span named last in the paragraphs before it ("6月24日至30日
    // …" then "分厂商看，DeepSeek以7.7万亿居首"), unless its sentence speaks of another time without a date
    // ("six months prior", "此前").
    let farSpan = false;
    if (when === null && own && (WINDOWED.has(metric) || spentHere)) {
      const w = namedBefore(si);
      if (w?.days) when = w;
      else if (!w && !timesIn(sentence).length && !OTHER_TIME.test(sentenceText) && !RATE.test(sentenceText)) {
        when = spanInPassage(si);
        // (Paragraphs away, the text's one span is a guess: it may bear a figure out, not refute it.)
        // (Unless its sentence points to that week itself: "本周", "on the week".)
        if (!when && (when = documentSpan())) farSpan = !(when.days && when.days <= 8 && WEEK_BACK.test(sentenceText));
      }
    }
    // A reading (a gap, a rating, a place) said after a day named earlier in its paragraph ("截至12月17日，…。中美在
    // 视觉榜上的差距近90分"): of that day, unless its sentence speaks of another time.
    if (when === null && own && READING.test(metric) && !OTHER_TIME.test(sentenceText)) {
      const w = namedBefore(si);
      if (w && !w.days && IS_DAY.test(w.time)) when = w;
    }
    // Clauses joined by semicolons are one sentence: a time named in one holds for the others.
    for (const step of [-1, 1]) {
      for (let k = si; when === null && own && Math.abs(k - si) < 4; k += step) {
        const [a, b] = step < 0 ? [spans[k - 1], spans[k]] : [spans[k], spans[k + 1]];
        if (!a || !b || !/[;；]\s*$/.test(norm.slice(a[0], a[1])) || norm.slice(a[1], b[0]).includes('\n')) break;
        when = pointedWhen(step < 0 ? k - 1 : k + 1);
      }
    }
    // "DeepSeek, which had led the table the week before with 16.4%": the week before the one named.
    if (
      when?.days === 7 &&
      IS_DAY.test(when.time) &&
      WEEK_BEFORE.test(norm.slice(Math.max(sentence[0], q.start - 64), q.start))
    ) {
      when = { time: shiftDay(when.time, -7), days: 7 };
    }
    const time = when?.time ?? null;
    // A token volume over a named window is that window's: a week's or a month's.
    if (when?.days && metric === 'tokens') metric = when.days <= 8 ? 'tokens_week' : 'tokens_month';
    // Said of one day ("7月19日 … 当天处理了约5.4万亿Token"), a volume is that day's; not a total up to it.
    else if (
      metric === 'tokens' &&
      when &&
      !when.days &&
      IS_DAY.test(when.time) &&
      !/累计|累积|截至|截止|总计|\bcumulative|\bby\b|\bthrough\b|\bsince\b|\bso far\b|\bto date\b/i.test(clauseText())
    )
      metric = 'tokens_day';
    // Money over a named span of days is what was paid through a platform in it, not a year's revenue or cost.
    if (when?.days && ['revenue', 'cost', 'investment'].includes(metric)) metric = 'spend';
    // A decline is a negative growth (−9.33%), as the fact tables store it.
    // "-9.33% WoW": a minus sign written before a change.
    const minus = q.kind === 'percent' && /(?:^|[\s(:,])-$/.test(norm.slice(Math.max(0, q.start - 2), q.start));
    const sign = metric === 'growth' && (DECLINE.test(q.before ?? '') || minus) && q.value > 0 ? -1 : 1;
    // "60% more memory", "比H100高约两成": a ratio of 1.6 (1.2) to the other side; "30% less": 0.7.
    // ("two-thirds more", "多出三分之一": a fraction is a percentage too.)
    const relative =
      (q.kind === 'percent' || q.kind === 'fraction') && RELATIVE_METRICS.has(metric)
        ? relativeChange(q, sentenceText)
        : 0;
    // "比H100多出近一倍": more by one time is twice as much; more by N times (N ≥ 2) is said for N or N + 1 times.
    if (
      q.kind === 'multiple' &&
      RATIO.has(metric) &&
      /比/.test(sentenceText) &&
      /(?:多出?|高出?|大|快|强|贵)\s?(?:了|约|近|逾|超过|将近|接近)?\s?$/.test(q.lead ?? q.before ?? '')
    ) {
      if (q.value === 1)
        qb = {
          ...qb,
          value: 2,
          low: qb.low === undefined ? undefined : qb.low + 1,
          high: qb.high === undefined ? undefined : qb.high + 1,
        };
      else qb = { ...qb, low: Math.min(qb.low ?? q.value, q.value), high: (qb.high ?? q.value) + 1 };
    }
    const claim: Extracted = {
      quote: norm.slice(q.start, q.end),
      start: q.start,
      end: q.end,
      sentence,
      subject: subject?.entity ?? null,
      comparison,
      metric,
      value: sign * qb.value,
      low: (sign < 0 ? qb.high : qb.low) === undefined ? null : sign * ((sign < 0 ? qb.high : qb.low) as number),
      high: (sign < 0 ? qb.low : qb.high) === undefined ? null : sign * ((sign < 0 ? qb.low : qb.high) as number),
      bound: qb.bound ?? null,
      unit:
        metric === 'tokens_per_second'
          ? 'tokens/s'
          : metric === 'gpu_hours' && ['items', 'number', 'units'].includes(q.unit)
            ? 'gpu_hours'
            : q.unit === 'number'
              ? metric.startsWith('tokens') || metric === 'context_length'
                ? 'tokens'
                : metric === 'rating'
                  ? 'points'
                  : metric === 'requests'
                    ? 'requests'
                    : metric === 'tpp'
                      ? 'TPP'
                      : metric === 'parameters' || metric === 'active_parameters'
                        ? 'parameters'
                        : metric === 'transistor_count'
                          ? 'transistors'
                          : q.unit
              : // "每百万tokens 4元（缓存命中1元）": a price in a sentence about prices per million tokens is one too.
                metric === 'price' &&
                  /^[A-Z]{3}$/.test(q.unit) &&
                  /每百万|per million|\/M(?:tok)?\b|百万\s?tokens?/i.test(sentenceText)
                ? `${q.unit}/Mtok`
                : q.unit,
      time,
      days: when?.days ?? null,
      context,
      compared: comparedNames,
      ...(relative ? { change: relative > 0 ? ('more' as const) : ('less' as const) } : {}),
      subject_from: subjectFrom,
      aspect,
      ...(aspectPlain ? { aspect_plain: true } : {}),
      ...(direction && comparison ? { direction } : {}),
      ...(surveyed ? { subject_text: surveyed } : {}),
      ...(original ? { original } : {}),
      ...(category ? { category } : {}),
      ...(stated === null && when !== null ? { time_carried: true } : {}),
      ...(STILL.test(clauseText()) ? { still: true } : {}),
      beside_chip: inSentence.some((m) => kindOf(m) === 'chip' && m.entity !== subject?.entity),
      ...(guessedChip || farSpan || variantGuess || partAfter || uncensused() ? { support_only: true } : {}),
      ...(groupSaid() ? { own_data: true } : {}),
      ...(OWN_DATA.test(sentenceText) || (UNNAMED_SOURCE.test(sentenceText) && OWN_MEASURES.test(metric))
        ? { own_data: true }
        : {}),
      ...(metric === 'price' || metric === 'price_ratio' ? sellerOf(clauseOf, inSentence, norm, entities) : {}),
      // (Blends named in its sentence or the one before in its paragraph: "……的混合價格約0.15美元；……價格則是它的兩倍".)
      ...(((metric === 'price_ratio' && (BLENDED.test(sentenceText) || BLENDED.test(prevInParagraph(si)))) ||
        (metric === 'price' && docBlended)) &&
      !SIDE.test(clauseOf)
        ? { blended: true }
        : {}),
      ...(metric === 'price_ratio' && /输出|output/i.test(clauseOf)
        ? { price_of: 'output' as const }
        : metric === 'price_ratio' && /输入|input/i.test(clauseOf)
          ? { price_of: 'input' as const }
          : metric === 'price'
            ? (sideAfter(norm.slice(q.end, q.end + 40)) ??
              sideOf(norm.slice(Math.max(sentence[0], q.start - 24), q.start)))
            : {}),
    };
    out.push(claim);
    // "DeepSeek-V3 and DeepSeek-V2 also exceeded 1 trillion": one figure said of two subjects is two claims.
    if (subject && !comparison && subjectFrom === 'sentence' && subject.end <= q.start) {
      const k = inSentence.indexOf(subject);
      const partner = inSentence[k - 1];
      if (
        partner &&
        partner.entity !== subject.entity &&
        kindOf(partner) === kindOf(subject) &&
        /^\s*(?:and|&|和|与|及|以及|、)\s*$/i.test(norm.slice(partner.end, subject.start)) &&
        !figureBetweenAll(partner.end, q.start)
      )
        out.push({ ...claim, subject: partner.entity });
    }
  }
  appositions(norm, out);
  sharedComparisons(norm, out, mentionsIn);
  spendLists(norm, out);
  pairGapTopic(out, mentionsIn);
  return out;
}

/**
 * "a 17-point lead sits close to the noise", "差距只有1.8分": a gap said in a sentence that names nobody, in an
 * article that spoke of the gap between the two countries' best, is that gap, the side behind its subject as the
 * data keeps it. A guess from the passage: it can bear the figure out, never refute it.
 */
function pairGapTopic(claims: Extracted[], mentionsIn: (from: number, to: number) => readonly unknown[]): void {
  let countries = false;
  for (const c of claims) {
    if (!PAIR_GAP.has(c.metric)) continue;
    if (c.subject === 'country-cn' || c.subject === 'country-us') {
      countries = true;
      continue;
    }
    if (!countries || c.subject_from === 'sentence' || mentionsIn(c.sentence[0], c.sentence[1]).length) continue;
    Object.assign(c, { subject: 'country-cn', comparison: 'country-us', subject_from: 'context', support_only: true });
  }
}

/**
 * "reaches 80% of the H100's throughput while holding 60% more memory", "前者算力是后者的1.7倍，内存则是3.6倍": a
 * ratio in a clause that names nobody compares the same two as the ratio before it in its sentence.
 */
function sharedComparisons(
  norm: string,
  claims: Extracted[],
  mentionsIn: (from: number, to: number) => readonly unknown[],
): void {
  for (let i = 1; i < claims.length; i++) {
    const a = claims[i - 1] as Extracted;
    const b = claims[i] as Extracted;
    if (a.sentence[0] !== b.sentence[0] || !a.subject || !a.comparison || a.metric !== b.metric) continue;
    if (!RATIO.has(b.metric) || b.comparison === a.comparison) continue;
    const between = norm.slice(a.end, b.start);
    if (between.length > CLAUSE_REACH) continue;
    // The clause of the second: from the last word or mark that joins it to the first.
    let join = -1;
    for (const m of between.matchAll(/\b(?:while|and|with|but|whereas)\b|[,，;；、]|而|同时|则|且/gi)) join = m.index;
    if (join < 0 || mentionsIn(a.end + join, b.end).length || mentionsIn(b.end, b.end + 40).length) continue;
    Object.assign(b, { subject: a.subject, subject_from: a.subject_from, comparison: a.comparison });
  }
}

/** Words that say what kind of money an amount is, other than spending. */
const MONEY_KIND =
  /投资|投入|融资|拨款|基金|营收|收入|利润|估值|市值|价格|定价|售价|成本|\binvest|\bfund|\brevenue|\bsales\b|\bprofit|\bvaluation|\bprice|\bcost/i;

/**
 * "Anthropic … spent $128 million; OpenAI came second at about $45 million; Google, $15 million": amounts listed after
 * a spend in its paragraph, within two sentences, that name no kind of money of their own are spends of the same
 * window.
 */
function spendLists(norm: string, claims: Extracted[]): void {
  let last: Extracted | null = null;
  for (const b of claims) {
    if (b.metric === 'spend') {
      last = b;
      continue;
    }
    if (!last || b.unit !== last.unit || !['investment', 'cost'].includes(b.metric)) continue;
    const between = norm.slice(last.end, b.start);
    if (between.includes('\n') || (between.match(/[.!?。！？](?=\s|$)|[。！？]/g)?.length ?? 0) > 2) continue;
    const clause = norm.slice(b.sentence[0], b.end).split(CLAUSE_BREAK).at(-1) ?? '';
    if (MONEY_KIND.test(clause) || (b.time && b.time !== last.time)) continue;
    Object.assign(b, { metric: 'spend', time: last.time, days: last.days ?? null });
  }
}

/**
 * "processed 64% of all tokens, about 190 trillion, while …": a figure set off by commas right after another
 * restates it in another unit, and is said of the same subject (not of a name that follows it).
 */
function appositions(norm: string, claims: Extracted[]): void {
  for (let i = 1; i < claims.length; i++) {
    const a = claims[i - 1] as Extracted;
    const b = claims[i] as Extracted;
    if (a.sentence[0] !== b.sentence[0] || !a.subject || b.subject === a.subject || a.unit === b.unit) continue;
    const between = norm.slice(a.end, b.start);
    const closes = /^\s?[,，、)）]/.test(norm.slice(b.end, b.end + 2)) || b.end >= b.sentence[1] - 1;
    if (
      /^\s?[,，(（]\s?(?:or |i\.e\. |about |around |roughly |some |nearly |almost |约|近|即|合)?$/i.test(between) &&
      closes
    )
      Object.assign(b, { subject: a.subject, subject_from: a.subject_from, comparison: a.comparison });
  }
}
