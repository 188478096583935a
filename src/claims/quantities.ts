/**
 * @module
 * Quantities in English and Chinese text: Arabic and Chinese numerals, 万 / 亿 / 千 and million / billion,
 * decimals, ranges, percentages (% and 百分之), fractions (十分之一, "one tenth"), multiples (倍, ×),
 * currencies (美元, 欧元, 元, $, €, ¥), counts with their measure word (颗 chips, 次, 个国家), durations,
 * years and dates. Runs on the normalised text (Simplified, half-width); offsets are the original's.
 */

/** What stops a long computation: an AbortSignal, or a deadline (see text.ts `stopper`). */
export type Stop = Pick<AbortSignal, 'throwIfAborted'>;

export type Kind =
  | 'amount'
  | 'percent'
  | 'fraction'
  | 'multiple'
  | 'count'
  | 'duration'
  | 'spec'
  | 'year'
  | 'date'
  | 'number'
  | 'rank';

export interface Quantity {
  start: number;
  end: number;
  kind: Kind;
  value: number;
  /** For ranges. */
  low?: number;
  high?: number;
  /** From a qualifier before or after the number (over, under, about, 超过, 不到, 约 …). */
  bound?: 'gt' | 'lt' | 'approx';
  /** Currency code, `percent`, `ratio`, `x`, `months`, `years`, `days`, or the counted noun (`chips`, `countries`, `times` …). */
  unit: string;
  /**
   * For dates and years: YYYY, YYYY-MM or YYYY-MM-DD; `--MM-DD` for a day whose year is not written; `rel:N` or
   * `rel:N:--MM-DD` for a year counted from the article's (去年 is `rel:-1`).
   */
  time?: string;
  /** For a span of days ("25–31 July", "the 30 days to 7 August"): its length; `time` is its last day. */
  days?: number;
  /** Said as a change ("doubled", 翻倍): a growth whatever the words around it. */
  growth?: boolean;
  /** A few characters of text before and after the quantity, for the words that qualify it. */
  before?: string;
  after?: string;
  /** More of the text before it (30 characters), for phrases that end further off ("the deficit was still"). */
  lead?: string;
  /** More of the text after it (30 characters), for the noun a share is of ("of the dollars paid"). */
  tail?: string;
}

const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const MAGNITUDE: Record<string, number> = {
  万亿: 1e12,
  // 兆 is a trillion in Taiwanese usage (1.6兆元), the way this press writes money.
  兆: 1e12,
  千亿: 1e11,
  百亿: 1e10,
  十亿: 1e9,
  亿: 1e8,
  千万: 1e7,
  百万: 1e6,
  十万: 1e5,
  万: 1e4,
  千: 1e3,
  trillion: 1e12,
  billion: 1e9,
  bn: 1e9,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  thousand: 1e3,
  k: 1e3,
  // "2.45T", "$4B": the shorthand of dashboards and headlines.
  t: 1e12,
  b: 1e9,
};

/** Value of a Chinese numeral below 10,000 (一千五百 = 1500, 十 = 10, 二十三 = 23); NaN if malformed. */
export function chineseNumber(s: string): number {
  if (s === '') return Number.NaN;
  // Digit-by-digit form (二〇二五).
  if (![...s].some((c) => c in CN_UNIT))
    return [...s].reduce((v, c) => (c in CN_DIGIT ? v * 10 + (CN_DIGIT[c] as number) : Number.NaN), 0);
  let total = 0;
  let digit = -1;
  for (const c of s) {
    if (c in CN_DIGIT) digit = CN_DIGIT[c] as number;
    else if (c in CN_UNIT) {
      total += (digit === -1 ? 1 : digit) * (CN_UNIT[c] as number);
      digit = -1;
    } else return Number.NaN;
  }
  return total + (digit === -1 ? 0 : digit);
}

// A number starts where no numeral run is under way: without the look-behind, a failed match is retried at
// every digit of a long run, which makes each rule quadratic in the run's length.
const WORDS = String.raw`(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+and\s+a\s+half|half a(?=[\s-](?:million|billion|trillion|thousand))|a(?=[\s-](?:million|billion|trillion))|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a dozen|a thousand)`;
const NUM = String.raw`(?:(?<![\d零〇一二两三四五六七八九十百千]|\d[,.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+|\b${WORDS}\b))`;
/**
 * "40多万", "一百余家", "十多颗", "十几家", "1亿多": more than the number, written after it or after its magnitude,
 * before the measure word or currency.
 */
const MORE = String.raw`(?:[多余几]\s?)?`;
const MAG = String.raw`(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|兆(?!瓦|赫|字节)|千|[\s-]?(?:trillion|billion|million|thousand)\b|\s?(?:bn|mn)\b|(?<=\d)[mkMKTB]\b)`;
const CUR_BEFORE = String.raw`(?:US\$|NT\$|HK\$|\$|€|¥|£|USD\s?|EUR\s?|RMB\s?|新台币|台币|人民币|港币)`;
const CUR_AFTER = String.raw`(?:元(?:新台币|台币|港币|人民币)|美元|美金|欧元|人民币|新台币|台币|港元|港币|韩元|英镑|日元|元|\s?(?:dollars|euros|yuan|USD|EUR|RMB)\b)`;
const COUNT_WORD = String.raw`(?:个国家|个月|套|个?节点|台服务器|名?开发者|名?用户|次下载|颗|块|卡|次|个|家|名|款|台(?![北中南东湾积])|张|位(?!数)|项|人(?!均|次)|万次|\s?(?:(?:weekly|monthly|daily|active|paying|registered|unique)\s(?:active\s)?(?=users|developers)|(?:business|enterprise|corporate|paying)\s(?=customers|clients|users))?(?:(?:AI\s)?chips|GPUs?|accelerators|cards|countries|downloads|times|models|companies|users|developers|people|points|votes|transistors|employees|engineers|experts|nodes|servers|racks|switches|systems|papers|patents|members|requests|calls|customers|clients|subscribers)\b|-point\b|\s[a-z][a-z-]+\svotes\b|\s(?:[A-Z][A-Za-z]+\s){1,2}(?:chips|GPUs|processors|accelerators)\b)`;
const DURATION = String.raw`(?:个月|个?季度|周|星期|天|小时|年(?![代级度份前后内底初中末来])|\s?(?:months?|years?|weeks?|days?|hours?|quarters?)\b)`;

const ORDINAL: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

const WORD_VALUE: Record<string, number> = {
  'half a': 0.5,
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  'a hundred': 100,
  'a dozen': 12,
  'a thousand': 1000,
};

/** A number written in digits (with thousands commas), English words or Chinese numerals. */
export function parseNumber(raw: string): number {
  const s = raw.replace(/,/g, '').trim();
  if (/^\d/.test(s)) return Number(s);
  const w = WORD_VALUE[s.toLowerCase()];
  if (w !== undefined) return w;
  // "eight and a half"
  const half = /^(\w+)\s+and\s+a\s+half$/i.exec(s);
  if (half) return (WORD_VALUE[(half[1] as string).toLowerCase()] ?? Number.NaN) + 0.5;
  return chineseNumber(s);
}

function magnitude(m: string | undefined): number {
  if (!m) return 1;
  return MAGNITUDE[m.replace(/^[\s-]+/, '').toLowerCase()] ?? MAGNITUDE[m.trim()] ?? 1;
}

const ENGLISH_FRACTIONS: Record<string, number> = {
  half: 0.5,
  'a half': 0.5,
  'one half': 0.5,
  'a third': 1 / 3,
  'one third': 1 / 3,
  'a quarter': 0.25,
  'one quarter': 0.25,
  'one fifth': 0.2,
  'a fifth': 0.2,
  'a tenth': 0.1,
  'one tenth': 0.1,
  'one-tenth': 0.1,
  'one hundredth': 0.01,
};
const CURRENCY: Record<string, string> = {
  美元: 'USD',
  美金: 'USD',
  dollars: 'USD',
  usd: 'USD',
  $: 'USD',
  us$: 'USD',
  欧元: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  '€': 'EUR',
  人民币: 'CNY',
  新台币: 'TWD',
  台币: 'TWD',
  nt$: 'TWD',
  港元: 'HKD',
  港币: 'HKD',
  hk$: 'HKD',
  韩元: 'KRW',
  // "1.2兆元新台幣": the yuan of the currency named after it.
  元新台币: 'TWD',
  元台币: 'TWD',
  元港币: 'HKD',
  元人民币: 'CNY',
  元: 'CNY',
  yuan: 'CNY',
  rmb: 'CNY',
  '¥': 'CNY',
  英镑: 'GBP',
  '£': 'GBP',
  日元: 'JPY',
};
const COUNT_UNIT: Record<string, string> = {
  颗: 'chips',
  块: 'chips',
  卡: 'chips',
  chips: 'chips',
  'ai chips': 'chips',
  gpus: 'chips',
  gpu: 'chips',
  accelerators: 'chips',
  cards: 'chips',
  人: 'people',
  users: 'users',
  开发者: 'people',
  名开发者: 'people',
  用户: 'users',
  名用户: 'users',
  次下载: 'times',
  points: 'points',
  '-point': 'points',
  votes: 'votes',
  processors: 'chips',
  transistors: 'transistors',
  developers: 'people',
  people: 'people',
  employees: 'people',
  engineers: 'people',
  experts: 'experts',
  nodes: 'nodes',
  servers: 'units',
  racks: 'units',
  switches: 'units',
  systems: 'units',
  papers: 'items',
  patents: 'items',
  members: 'members',
  requests: 'requests',
  calls: 'requests',
  customers: 'customers',
  clients: 'customers',
  subscribers: 'users',
  个国家: 'countries',
  套: 'units',
  节点: 'nodes',
  个节点: 'nodes',
  台服务器: 'units',
  countries: 'countries',
  次: 'times',
  万次: 'times',
  times: 'times',
  downloads: 'times',
  家: 'companies',
  companies: 'companies',
  款: 'models',
  models: 'models',
  名: 'people',
  位: 'people',
  台: 'units',
  张: 'units',
  个: 'items',
  项: 'items',
};

/** Units of specifications, volumes and prices, as written → normalised. */
const SPEC_UNIT: [RegExp, string][] = [
  [/^tflops$|^teraflops$/i, 'TFLOPS'],
  [/^pflops$|^petaflops$/i, 'PFLOPS'],
  [/^eflops$|^exaflops$/i, 'EFLOPS'],
  [/^kilowatts?$/i, 'kW'],
  [/^megawatts?$/i, 'MW'],
  [/^gigawatts?$/i, 'GW'],
  [/^gigabytes?$/i, 'GB'],
  [/^terabytes?$/i, 'TB'],
  [/^petabytes?$/i, 'PB'],
  [/^tops$/i, 'TOPS'],
  [/^pops$/i, 'POPS'],
  [/^gb\/s$|^gbps$|^gb\/sec$/i, 'GB/s'],
  [/^tb\/s$|^tbps$|^tb\/sec$/i, 'TB/s'],
  [/^gb$/i, 'GB'],
  [/^tb$/i, 'TB'],
  [/^pb$/i, 'PB'],
  [/^mb$/i, 'MB'],
  [/^kw$/i, 'kW'],
  [/^mw$/i, 'MW'],
  [/^gw$/i, 'GW'],
  [/^w$|^watts?$|^瓦特?$/i, 'W'],
  [/^千瓦$/, 'kW'],
  [/^兆瓦$/, 'MW'],
  [/^(nm|纳米)$/i, 'nm'],
  [/^(ms|毫秒|milliseconds?)$/i, 'ms'],
  [/gpu[\s-]?hours?|gpu小时|gpu 小时/i, 'gpu_hours'],
  [/^(?:个\s?)?(?:tokens?|词元)$/i, 'tokens'],
  [/^-?(parameters?|params)$|参数/i, 'parameters'],
];
const specUnit = (u: string) => SPEC_UNIT.find(([re]) => re.test(u.trim()))?.[1] ?? u.trim();
const SPEC = String.raw`(?:teraflops|petaflops|exaflops|kilowatts?|megawatts?|gigawatts?|gigabytes?|terabytes?|petabytes?|TFLOPS|PFLOPS|EFLOPS|TOPS|POPS|GB\/s|TB\/s|GBps|TBps|GB|TB|PB|MB|kW|MW|GW|W|watts?|千瓦|兆瓦|瓦特?|nm|纳米|ms|毫秒|milliseconds?|GPU[\s-]?hours?|个\s?GPU\s?小时|GPU\s?小时|(?:个\s?)?tokens?|(?:个\s?)?词元|-?parameters?|params|个?参数)(?![A-Za-z])`;

interface Rule {
  /** A group named `lead` is context before the quantity, kept out of its span (a look-behind, but fast). */
  re: RegExp;
  make: (m: RegExpExecArray) => Omit<Quantity, 'start' | 'end'> | null;
}

const num = (s: string | undefined, mag?: string) => parseNumber(s ?? '') * magnitude(mag);

/** A year, year-month or date as a quantity of kind `year` or `date` (month and day 0 when not given). */
function dateOf(y: number, mo: number, d: number): Omit<Quantity, 'start' | 'end'> | null {
  if (mo > 12 || d > 31) return null;
  const p = (n: number) => String(n).padStart(2, '0');
  if (!mo) return { kind: 'year', value: y, unit: 'year', time: String(y) };
  return { kind: 'date', value: y, unit: 'date', time: d ? `${y}-${p(mo)}-${p(d)}` : `${y}-${p(mo)}` };
}

// Order matters: earlier rules claim their span first.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month's name (its first three letters, then any of the rest): "Aug", "August", "Sept.". */
const MONTH = String.raw`(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?`;
const monthNo = (m: string | undefined) => MONTHS.indexOf((m ?? '').slice(0, 3)) + 1;
const pad2 = (n: number) => String(n).padStart(2, '0');
/**
 * A month whose year is not written (`--MM`); its end ("the end of February", "2月底") its last day, where a
 * reading taken then is what was read (28 February: a leap day's reading is a day older).
 */
const monthTime = (mo: number, end: boolean) =>
  end ? `--${pad2(mo)}-${pad2([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] as number)}` : `--${pad2(mo)}`;
/** A day as a time: `YYYY-MM-DD`, or `--MM-DD` when the year is not written (the article's dateline gives it). */
const dayTime = (y: number | null, mo: number, d: number) => `${y ? y : '-'}-${pad2(mo)}-${pad2(d)}`;

/**
 * A span of days as a quantity of kind `date`: its last day is the time, its length the days. The year, when
 * written once, holds for both ends; a span that runs into the next month ("2月23日至3月1日") counts across it.
 */
function period(
  y: number | null,
  m1: number,
  d1: number,
  m2: number,
  d2: number,
): Omit<Quantity, 'start' | 'end'> | null {
  if (!m1 || !m2 || m1 > 12 || m2 > 12 || d1 < 1 || d2 < 1 || d1 > 31 || d2 > 31) return null;
  // Without a year, a common one: a span's length does not depend on it but across a leap day.
  const yy = y ?? 2001;
  const from = Date.UTC(m2 < m1 ? yy - 1 : yy, m1 - 1, d1);
  const to = Date.UTC(yy, m2 - 1, d2);
  const days = Math.round((to - from) / 86_400_000) + 1;
  if (days < 2 || days > 92) return null;
  return { kind: 'date', value: y ?? 0, unit: 'date', time: dayTime(y, m2, d2), days };
}

/** A window named by its length and last day ("the 30 days to 7 August", "截至7月31日的一周"). */
function windowTo(days: number, y: number | null, mo: number, d: number): Omit<Quantity, 'start' | 'end'> | null {
  if (!Number.isFinite(days) || days < 1 || days > 92 || !mo || mo > 12 || d < 1 || d > 31) return null;
  return { kind: 'date', value: y ?? 0, unit: 'date', time: dayTime(y, mo, d), days };
}

/** A day written in English, with or without its year: "7 August", "August 7", "7 Aug 2026", "Aug. 7, 2026". */
const EN_DAY = String.raw`(?:(\d{1,2})\s${MONTH}|${MONTH}\s(\d{1,2})(?!\d))(?:,?\s((?:19|20)\d{2}))?`;
/** A day of EN_DAY's groups (5): [year, month, day]. */
const enDay = (g: (string | undefined)[]): [number | null, number, number] => [
  g[4] ? Number(g[4]) : null,
  monthNo(g[1] ?? g[2]),
  Number(g[0] ?? g[3]),
];
const WINDOW_LENGTH: Record<string, number> = { week: 7, fortnight: 14, month: 30 };
const windowDays = (n: string) => WINDOW_LENGTH[n.toLowerCase()] ?? parseNumber(n);

const RULES: Rule[] = [
  // "a year ago", "six months ago", "一年前", "两个月前": a time counted back from the article's date (`ago:DAYS`).
  {
    re: new RegExp(
      String.raw`\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s(year|month|week)s?\sago\b|(?<![\d零〇一二两三四五六七八九十])(半|[一二两三四五六七八九十]{1,2}|\d{1,2})\s?(?:个)?\s?(年|月|周|星期)(?:以前|之前|前)(?![进往夕后])(?!\s{0,2}(?:就|便)?\s{0,2}(?:已经?|已)?\s{0,2}(?:达到|达成|做到))`,
      'gi',
    ),
    make: (m) => {
      const n = m[1]
        ? /^an?$/i.test(m[1])
          ? 1
          : parseNumber(m[1])
        : m[3] === '半'
          ? 0.5
          : parseNumber(m[3] as string);
      const unit = (m[2] ?? m[4] ?? '').toLowerCase();
      const days = n * (/year|年/.test(unit) ? 365 : /month|月/.test(unit) ? 30.44 : 7);
      return Number.isFinite(days) && days > 0
        ? { kind: 'date', value: 0, unit: 'date', time: `ago:${Math.round(days)}` }
        : null;
    },
  },
  // Spans of days: "7月25日至31日", "2月23日至3月1日", "2026年2月16日至22日".
  {
    re: new RegExp(
      String.raw`(?:(\d{4})\s{0,3}年\s{0,3})?(\d{1,2})\s{0,3}月\s{0,3}(\d{1,2})\s{0,3}[日号]?\s{0,3}(?:至|到|-|–|—|~|～)\s{0,3}(?:(\d{1,2})\s{0,3}月\s{0,3})?(\d{1,2})\s{0,3}[日号]`,
      'g',
    ),
    make: (m) => {
      const m1 = Number(m[2]);
      return period(m[1] ? Number(m[1]) : null, m1, Number(m[3]), m[4] ? Number(m[4]) : m1, Number(m[5]));
    },
  },
  // "25–31 July 2026", "between 25 and 31 July", "July 25–31", "30 March to 5 April", "Mar. 30 - Apr. 5, 2026".
  {
    re: new RegExp(
      String.raw`\b(\d{1,2})\s?(?:[-–—]|\sand\s|\sto\s)\s?(\d{1,2})\s${MONTH}(?:,?\s((?:19|20)\d{2}))?\b|\b${MONTH}\s(\d{1,2})\s?[-–—]\s?(\d{1,2})(?!\d)(?:,?\s((?:19|20)\d{2}))?`,
      'g',
    ),
    make: (m) => {
      if (m[3]) return period(m[4] ? Number(m[4]) : null, monthNo(m[3]), Number(m[1]), monthNo(m[3]), Number(m[2]));
      const mo = monthNo(m[5]);
      return period(m[8] ? Number(m[8]) : null, mo, Number(m[6]), mo, Number(m[7]));
    },
  },
  {
    re: new RegExp(String.raw`\b${EN_DAY}\s(?:to|until|through|thru|[-–—])\s${EN_DAY}`, 'g'),
    make: (m) => {
      const [y1, m1, d1] = enDay(m.slice(1, 6));
      const [y2, m2, d2] = enDay(m.slice(6, 11));
      return period(y2 ?? y1, m1, d1, m2, d2);
    },
  },
  // "the 30 days to 7 August", "the seven days ending July 31", "the week to 5 April", "the month through Aug. 7".
  {
    re: new RegExp(
      String.raw`\b(?:the|past|last|previous)\s(?:(\d{1,2}|seven|fourteen|thirty|ninety)\sdays|(week|fortnight|month))\s(?:to|ending(?:\son)?|ended|through|thru|until|up\sto)\s${EN_DAY}`,
      'gi',
    ),
    make: (m) => {
      const [y, mo, d] = enDay(m.slice(3, 8));
      return windowTo(windowDays(m[1] ?? m[2] ?? ''), y, mo, d);
    },
  },
  // "截至7月31日的一周", "截至8月7日的30天" (30日), "截止2026年8月7日为止的7天".
  {
    re: new RegExp(
      String.raw`截[至止]\s{0,2}(?:(\d{4})\s{0,3}年\s{0,3})?(\d{1,2})\s{0,3}月\s{0,3}(\d{1,2})\s{0,3}[日号](?:为止)?\s{0,2}(?:的|前)?\s{0,2}(?:(?:过去|近|最近)\s{0,2})?(?:(\d{1,2}|七|十四|三十)\s{0,2}[天日]|(一周|一星期|一个月|一个星期))`,
      'g',
    ),
    make: (m) => {
      const n = m[4] ? (/\d/.test(m[4]) ? Number(m[4]) : chineseNumber(m[4])) : /月/.test(m[5] ?? '') ? 30 : 7;
      return windowTo(n, m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3]));
    },
  },
  // 2025年2月12日, 2025 年 2 月 12 日, 2025-02-12
  {
    re: new RegExp(String.raw`(\d{4})\s{0,3}年\s{0,3}(\d{1,2})\s{0,3}月\s{0,3}(\d{1,2})\s{0,3}[日号]`, 'g'),
    make: (m) => ({
      kind: 'date',
      value: Number(m[1]),
      unit: 'date',
      time: `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`,
    }),
  },
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    make: (m) => ({ kind: 'date', value: Number(m[1]), unit: 'date', time: `${m[1]}-${m[2]}-${m[3]}` }),
  },
  {
    re: /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})(?:\s?[-–]\s?\d{1,2})?,? (\d{4})\b/g,
    make: (m) => ({
      kind: 'date',
      value: Number(m[3]),
      unit: 'date',
      time: `${m[3]}-${String(MONTHS.indexOf(m[1] as string) + 1).padStart(2, '0')}-${String(m[2]).padStart(2, '0')}`,
    }),
  },
  // "10 August 2026", "7 Aug. 2026": a day, month and year written the British way.
  {
    re: new RegExp(String.raw`\b(\d{1,2})\s${MONTH},?\s((?:19|20)\d{2})\b`, 'g'),
    make: (m) => dateOf(Number(m[3]), monthNo(m[2]), Number(m[1])),
  },
  // "Feb 2026", "February 2026": a month, not the year alone (after the rule with a day).
  {
    re: /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:[a-z]{0,6})\.? (\d{4})\b/g,
    make: (m) => ({
      kind: 'date',
      value: Number(m[2]),
      unit: 'date',
      time: `${m[2]}-${String(MONTHS.indexOf(m[1] as string) + 1).padStart(2, '0')}`,
    }),
  },
  {
    re: new RegExp(String.raw`(\d{4})\s{0,3}年\s{0,3}(\d{1,2})\s{0,3}月`, 'g'),
    make: (m) => ({
      kind: 'date',
      value: Number(m[1]),
      unit: 'date',
      time: `${m[1]}-${String(m[2]).padStart(2, '0')}`,
    }),
  },
  // 2025/09/18, 2025.9.18: a date, not a decimal or a fraction.
  {
    re: /(?<![\d.\/])((?:19|20)\d{2})([\/.])(\d{1,2})\2(\d{1,2})(?![\d.\/])/g,
    make: (m) => dateOf(Number(m[1]), Number(m[3]), Number(m[4])),
  },
  // The Republic of China calendar of Taiwanese writing: 民国114年 is 2025; "114年9月18日" and "114年第二季"
  // are dates by their month or quarter even without 民国.
  {
    re: new RegExp(
      String.raw`民国\s{0,2}(\d{2,3})\s{0,3}年(?:\s{0,3}(\d{1,2})\s{0,3}月(?:\s{0,3}(\d{1,2})\s{0,3}[日号])?)?|(?<![\d.])(1[0-4]\d)\s{0,3}年(?:\s{0,3}(\d{1,2})\s{0,3}月(?:\s{0,3}(\d{1,2})\s{0,3}[日号])?|(?=\s{0,2}(?:第\s?[一二三四1-4]\s?季|[上下]半年|度)))`,
      'g',
    ),
    make: (m) => dateOf(Number(m[1] ?? m[4]) + 1911, Number(m[2] ?? m[5] ?? 0), Number(m[3] ?? m[6] ?? 0)),
  },
  // 二〇二五年: a year in numerals written digit by digit.
  {
    re: /(?<![〇零一二三四五六七八九十])([一二][〇零一二三四五六七八九]{3})\s{0,3}年(?!代)/g,
    make: (m) => {
      const y = chineseNumber(m[1] as string);
      return y >= 1900 && y < 2100 ? { kind: 'year', value: y, unit: 'year', time: String(y) } : null;
    },
  },
  // "去年6月1日", "今年2月", "去年": a time in a year counted from the article's (`rel:-1:--06-01`, `rel:-1`).
  {
    re: /(去年|今年|前年|明年)(?:\s{0,2}(\d{1,2})\s{0,3}月(?:\s{0,3}(\d{1,2})\s{0,3}[日号])?)?/g,
    make: (m) => {
      const rel = { 去年: -1, 今年: 0, 前年: -2, 明年: 1 }[m[1] as '去年'] ?? 0;
      const mo = Number(m[2] ?? 0);
      const d = Number(m[3] ?? 0);
      if (mo > 12 || d > 31) return null;
      const at = mo ? (d ? `--${pad2(mo)}-${pad2(d)}` : `--${pad2(mo)}`) : '';
      return {
        kind: mo ? 'date' : 'year',
        value: 0,
        unit: mo ? 'date' : 'year',
        time: `rel:${rel}${at ? `:${at}` : ''}`,
      };
    },
  },
  {
    re: new RegExp(String.raw`(?<![\d.])(\d{1,2})\s{0,3}月\s{0,3}(\d{1,2})\s{0,3}[日号]`, 'g'),
    make: (m) => ({
      kind: 'date',
      value: Number(m[1]),
      unit: 'date',
      time: `--${String(m[1]).padStart(2, '0')}-${String(m[2]).padStart(2, '0')}`,
    }),
  },
  // "7 August", "August 7": a day whose year the article's dateline gives.
  {
    re: new RegExp(String.raw`\b(?:(\d{1,2})\s${MONTH}|${MONTH}\s(\d{1,2})(?![\d.,]\d|\d))`, 'g'),
    make: (m) => {
      const mo = monthNo(m[2] ?? m[3]);
      const d = Number(m[1] ?? m[4]);
      return mo && d >= 1 && d <= 31 ? { kind: 'date', value: 0, unit: 'date', time: dayTime(null, mo, d) } : null;
    },
  },
  // "by the end of February", "in early March", "since June": a month whose year the article's dateline gives (not
  // "May" the verb: a word of time comes before it).
  {
    re: new RegExp(
      String.raw`\b(?:(?:[Bb]y|[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]hrough|[Dd]uring|[Ff]rom)\s(?:the\s)?(?:(?:end|start|beginning|middle)\sof\s|(?:early|mid|late)[-\s])?|(?:[Tt]he\s)?(?:[Ee]nd|[Ss]tart|[Bb]eginning|[Mm]iddle)\sof\s|(?:[Ee]arly|[Mm]id|[Ll]ate)[-\s])${MONTH}(?![\w-]|\s\d|,\s\d)`,
      'g',
    ),
    make: (m) => {
      const mo = monthNo(m[1]);
      return mo ? { kind: 'date', value: 0, unit: 'date', time: monthTime(mo, /end|late/i.test(m[0])) } : null;
    },
  },
  // "2月底", "三月初", "6月份": a month whose year the dateline gives (not "3个月", three months; not a day).
  {
    re: new RegExp(
      String.raw`(?<![\d.个])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s?月(?:底|初|末|中旬|上旬|下旬|份|中)(?![\d日号])`,
      'g',
    ),
    make: (m) => {
      const mo = parseNumber(m[1] as string);
      return mo >= 1 && mo <= 12
        ? { kind: 'date', value: 0, unit: 'date', time: monthTime(mo, /[底末]|下旬/.test(m[0])) }
        : null;
    },
  },
  // 百分之六十 before the general 分之 (a percentage, not any fraction; 七百分之一 is one 700th)
  {
    re: new RegExp(String.raw`(?<![零〇一二两三四五六七八九十\d]\s{0,3})百分之\s{0,3}(${NUM})`, 'g'),
    make: (m) => ({ kind: 'percent', value: parseNumber(m[1] as string) / 100, unit: 'ratio' }),
  },
  // 十分之一, 3分之2, 万分之三
  {
    re: new RegExp(String.raw`(${NUM}|万)\s{0,3}分之\s{0,3}(${NUM})`, 'g'),
    make: (m) => ({
      kind: 'fraction',
      value: parseNumber(m[2] as string) / (m[1] === '万' ? 1e4 : parseNumber(m[1] as string)),
      unit: 'ratio',
    }),
  },
  {
    re: /(?<!\b(?:first|second|latter|former|other|the)\s)(?<!\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+and(?:\s+a)?\s)\b(a half|one half|half(?! a[\s-](?:million|billion|trillion|thousand))|a third|one third|a quarter|one quarter|one fifth|a fifth|a tenth|one[- ]tenth|one hundredth)\b/gi,
    make: (m) => ({
      kind: 'fraction',
      value: ENGLISH_FRACTIONS[(m[1] as string).toLowerCase().replace('one-tenth', 'one tenth')] ?? Number.NaN,
      unit: 'ratio',
    }),
  },
  // 数十 / 几百 / 上千 / 数百万 / 数十亿: vague amounts with a floor (twice the unit below a million, the unit above).
  {
    re: /(?<![\d零〇一二两三四五六七八九十百千万亿])(?:数|几|上)(十亿|百亿|千亿|十万|百万|千万|亿|十|百|千|万)(?=\s?(?:个|家|名|位|款|颗|块|张|台|人|次|token|用户|开发者|参数))|(?<![\d零〇一二两三四五六七八九十百千万亿])(?:数|几|上)(十亿|百亿|千亿|十万|百万|千万|亿|十|百|千|万)\s?(美元|欧元|元|人民币)/g,
    make: (m) => {
      const unitWord = m[1] ?? m[2];
      // 十 and 百 are not magnitudes of their own (magnitude() gives 1 for them): 几十 is tens, not ones.
      const mag = ({ 十: 10, 百: 100 } as Record<string, number>)[unitWord as string] ?? magnitude(unitWord);
      const value = mag >= 1e6 ? mag : 2 * mag;
      const cur = m[3] ? CURRENCY[m[3]] : undefined;
      return cur
        ? { kind: 'amount', value, unit: cur, bound: 'gt', low: value }
        : { kind: 'count', value, unit: 'items', bound: 'gt', low: value };
    },
  },
  // Fractions in words: two-thirds, three quarters, one in five, 1 in 10.
  {
    re: /\b(two|three|four|five|seven|nine)[\s-](thirds|quarters|fifths|tenths)\b|\b(one|two|three|1|2|3)\s(?:in|out of)\s(three|four|five|ten|3|4|5|10|\d{2,3})\b/gi,
    make: (m) => {
      const n = (w: string) => WORD_VALUE[w.toLowerCase()] ?? Number(w);
      if (m[1]) {
        const d = { thirds: 3, quarters: 4, fifths: 5, tenths: 10 }[(m[2] as string).toLowerCase()] ?? Number.NaN;
        return { kind: 'fraction', value: n(m[1]) / d, unit: 'ratio' };
      }
      return { kind: 'fraction', value: n(m[3] as string) / n(m[4] as string), unit: 'ratio' };
    },
  },
  // 一半, 半数: a half.
  {
    re: /(?<![一二三四五六七八九十])(一半|半数)/g,
    make: () => ({ kind: 'fraction', value: 0.5, unit: 'ratio' }),
  },
  // Multiples and growth in words: twice, 3-fold, doubled (+100%), tripled, 翻倍, 翻两番.
  {
    // ("more than double", "is triple": a multiple, as "twice"; not "double-digit".)
    re: /\b(twice|thrice|(?<=\b(?:is|was|than|nearly|almost|about|roughly|over)\s)(?:double|triple|quadruple)(?![\s-]digit))\b|\b(\d+(?:\.\d+)?|two|three|four|five|ten)[\s-]fold\b|\b(doubled|tripled|quadrupled)\b|(翻了?一?倍|翻了?一番|翻了?两番)/gi,
    make: (m) => {
      if (m[1])
        return {
          kind: 'multiple',
          value: /twice|double/i.test(m[1]) ? 2 : /quadruple/i.test(m[1]) ? 4 : 3,
          unit: 'x',
        };
      if (m[2]) return { kind: 'multiple', value: WORD_VALUE[m[2].toLowerCase()] ?? Number(m[2]), unit: 'x' };
      const w = (m[3] ?? m[4] ?? '').toLowerCase();
      const v = /tripled/.test(w) ? 2 : /quadrupled|两番/.test(w) ? 3 : 1;
      return { kind: 'percent', value: v, unit: 'ratio', growth: true };
    },
  },
  // "a single point ahead", "half a point behind": a gap of one point, or of a half.
  {
    re: /\b(?:a single|just one|only one) point\b|\bhalf a point\b/gi,
    make: (m) => ({ kind: 'count', value: /half/i.test(m[0]) ? 0.5 : 1, unit: 'points' }),
  },
  // Rating points in Chinese: "以1502分居首", "差距缩小至28分" (分 alone is also a minute or a cent: only next to
  // words of a score or a gap).
  {
    re: new RegExp(String.raw`(${NUM})\s?分(?![钟之析别布享成红拆类支配摊期批子部公])`, 'g'),
    make: (m) => {
      const head = m.input.slice(Math.max(0, m.index - 14), m.index);
      const tail = m.input.slice(m.index + m[0].length, m.index + m[0].length + 4);
      if (/[点时]\s?$/.test(head)) return null;
      // (Or a score named earlier in its sentence, a list of scores: "在程式指数上约58分，……Qwen3.7 Max则约55分".)
      const sentence =
        m.input
          .slice(Math.max(0, m.index - 80), m.index)
          .split(/[。！？!?\n]/)
          .at(-1) ?? '';
      const scored =
        /(?:评分|得分|分数|分差|差距|相差|领先|落后|只差|仅差|缩小|收窄|扩大|榜|排名|积分|指数)[^,，。;；]{0,8}$/.test(
          head,
        ) ||
        /指数|评分|得分|\d\s?分(?![钟之析别布享成红拆类支配摊期批子部公])/.test(sentence) ||
        /(?:以|获得?|拿下)\s?$/.test(head) ||
        /^\s?(?:居首|领先|排|位列|的成绩|的评分|的分差|之差)/.test(tail);
      return scored ? { kind: 'count', value: parseNumber(m[1] as string), unit: 'points' } : null;
    },
  },
  // Places: "ninth place", "in 13th place", "the second-placed model", "第20位", "第三名" (not "in the first place",
  // the idiom).
  {
    re: new RegExp(
      String.raw`(?<!\bin the )\b(${Object.keys(ORDINAL).join('|')}|\d{1,3}(?:st|nd|rd|th))[\s-](?:place[ds]?|spot|position)\b|第\s{0,2}(${NUM})\s{0,2}(?:位|名)(?![置子数])`,
      'gi',
    ),
    make: (m) => {
      const w = (m[1] ?? '').toLowerCase().replace(/(?<=\d)(?:st|nd|rd|th)$/, '');
      const v = m[1] ? (ORDINAL[w] ?? Number(w)) : parseNumber(m[2] as string);
      return Number.isInteger(v) && v > 0 ? { kind: 'rank', value: v, unit: 'rank' } : null;
    },
  },
  // Ranks: 排名第二, 位居第3, ranked No. 1, at rank 13, ranks third.
  {
    re: new RegExp(
      String.raw`(?:排名|排行|排在|排|位居|位列|位于|名列|居于|居)\s{0,2}第\s{0,2}(${NUM})(?!\s{0,2}(?:季|代|批|期|届|次|轮|阶段|版))`,
      'g',
    ),
    make: (m) => ({ kind: 'rank', value: parseNumber(m[1] as string), unit: 'rank' }),
  },
  {
    // ("sits at 148.2", "sits at 154" are scores: a place where it sits is written as one, "sits 3rd", "sits at No. 3".)
    re: /\b(?:rank(?:ed|s|ing)?|placed?|sits?\s+(?=(?:at\s+)?(?:No\.|number\s|#|\d{1,3}(?:st|nd|rd|th)\b|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)))\s*(?:at\s+)?(?:No\.\s?|number\s+|#)?(\d{1,3}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:st|nd|rd|th)?\b(?![.,]\d)(?!\s?(?:%|percent|per cent|points?\b|pts\b|votes?\b|tokens?\b|million|billion|trillion))|\bNo\.\s?(\d{1,3})\b/gi,
    make: (m) => {
      const w = (m[1] ?? m[2] ?? '').toLowerCase();
      const v = ORDINAL[w] ?? Number(w);
      return { kind: 'rank', value: v, unit: 'rank' };
    },
  },
  // Places held: "4/5 top spots", "three of the top five spots", "the top three spots".
  {
    re: new RegExp(
      String.raw`(${NUM})\s?(?:\/|of|out of)\s?(?:the\s)?(?:top\s)?(?:${NUM})\s(?:top\s)?(?:spots|places|positions|slots)\b|\btop\s(${NUM})\s(?:spots|places|positions|slots)\b`,
      'gi',
    ),
    make: (m) => ({ kind: 'count', value: parseNumber((m[1] ?? m[2]) as string), unit: 'spots' }),
  },
  // "seven of the ten busiest models": a count of the models of a top list (its size the sentence's top list).
  {
    re: new RegExp(
      String.raw`(${NUM})\s(?:of|out of)\s(?:the\s)?(?:${NUM})\s(?:busiest|biggest|largest|most[- ]used|most popular|leading|highest[- ]ranked)\s(?:[\w-]+\s){0,2}?models\b`,
      'gi',
    ),
    make: (m) => ({ kind: 'count', value: parseNumber(m[1] as string), unit: 'models' }),
  },
  // Growth by its number of digits: 三位数增长 (100% or more), double-digit growth (10% or more).
  {
    re: /(三位数|两位数|双位数|triple[- ]digit|double[- ]digit)(?=(?:的)?\s?(?:增长|增幅|增速|growth|gains?|increases?|rises?))/gi,
    make: (m) => {
      const v = /三|triple/i.test(m[1] as string) ? 1 : 0.1;
      return { kind: 'percent', value: v, unit: 'ratio', bound: 'gt', low: v };
    },
  },
  // A magnitude alone before parameters or tokens: 万亿参数 (a trillion parameters), trillion-parameter.
  {
    re: /(?<![\d零〇一二两三四五六七八九十百千.,])(万亿|千亿|百亿)(?=\s?(?:个)?(?:参数|token))|\b(?<!\d[\s-]?)(?:a\s)?(trillion|billion)-parameters?\b/gi,
    make: (m) => ({
      kind: 'spec',
      value: magnitude((m[1] ?? m[2]) as string),
      unit: /param|参数/i.test(m[0]) || /^[万千百]/.test(m[0]) ? 'parameters' : 'tokens',
      bound: 'approx',
    }),
  },
  // Slash fractions where the words make them one ("about 1/10 of", "仅为 1/3"), not dates or scores.
  {
    re: /(?<lead>(?:\b(?:about|roughly|nearly|only|just|almost|less than|more than|over|under)|约|仅为?|只有|不到|超过|近|是|为|的)\s{0,2})(\d{1,2})\s?\/\s?(\d{1,3})(?![\d\/])|(?<![\d\/.])(\d{1,2})\s?\/\s?(\d{1,3})(?=\s?(?:of\b|的))/gi,
    make: (m) => ({
      kind: 'fraction',
      value: Number(m[2] ?? m[4]) / Number(m[3] ?? m[5]),
      unit: 'ratio',
    }),
  },
  // Ranges: 6到12个月, 6-12 months, 6 to 12 months; 10%-20%
  {
    re: new RegExp(
      String.raw`(${NUM})\s{0,2}(${MAG})?\s{0,2}(?:%|${CUR_AFTER})?\s{0,3}(?:到|至|~|–|-|to|and)\s{0,3}(${NUM})\s{0,2}(${MAG})?\s{0,3}(${DURATION}|%|百分点|倍|\s?times\b|${CUR_AFTER})`,
      'g',
    ),
    make: (m) => {
      const hiMag = magnitude(m[4]);
      const lo = parseNumber(m[1] as string) * (m[2] ? magnitude(m[2]) : hiMag);
      const hi = parseNumber(m[3] as string) * hiMag;
      const u = (m[5] as string).trim().toLowerCase();
      if (!(hi > lo)) return null;
      const unit =
        u === '%'
          ? 'ratio'
          : u === '倍' || u === 'times'
            ? 'x'
            : /月|month/.test(u)
              ? 'months'
              : /年|year/.test(u)
                ? 'years'
                : /周|week/.test(u)
                  ? 'weeks'
                  : /天|day/.test(u)
                    ? 'days'
                    : (CURRENCY[u] ?? u);
      const scale = u === '%' ? 0.01 : 1;
      const kind: Kind =
        u === '%' ? 'percent' : CURRENCY[u] ? 'amount' : u === '倍' || u === 'times' ? 'multiple' : 'duration';
      return { kind, value: ((lo + hi) / 2) * scale, low: lo * scale, high: hi * scale, unit };
    },
  },
  // 0.5个百分点, 3 percentage points: a difference of percentages, not a percentage (nor a count of 个).
  {
    re: new RegExp(String.raw`(${NUM})\s{0,3}(?:个\s?)?(?:百分点|\s?percentage points?\b|\s?pp\b)`, 'gi'),
    make: (m) => ({ kind: 'percent', value: parseNumber(m[1] as string) / 100, unit: 'pp' }),
  },
  // 百分之六十, 60%, 60 percent
  {
    re: new RegExp(String.raw`(${NUM})\s{0,3}(?:%|％|\s?percent\b|\s?per cent\b)`, 'g'),
    make: (m) => ({ kind: 'percent', value: parseNumber(m[1] as string) / 100, unit: 'ratio' }),
  },
  // Prices per million tokens: $0.28 per million input tokens, 每百万 token 2 元.
  {
    re: new RegExp(
      String.raw`(${CUR_BEFORE})\s{0,3}(${NUM})\s{0,3}(?:\/|per|for each|for every|a)\s{0,3}(?:one\s|1\s?)?(?:million|M|1M|百万|mtok)\b`,
      'gi',
    ),
    make: (m) => ({
      kind: 'amount',
      value: parseNumber(m[2] as string),
      unit: `${CURRENCY[(m[1] as string).trim().toLowerCase()] ?? 'USD'}/Mtok`,
    }),
  },
  // 每百万tokens 4元, 16元/百万tokens, 每千token 0.004元: the price per block of tokens written around it.
  {
    re: new RegExp(
      String.raw`(?<lead>每\s?(百万|千|1M|一百万)\s?个?\s?(?:tokens?|输入tokens?|输出tokens?)?\s{0,2}(?:的价格|价格)?\s{0,2}(?:为|是)?\s{0,2})(${NUM})\s{0,2}(${CUR_AFTER})|(${NUM})\s{0,2}(${CUR_AFTER})\s?(?:\/|每)\s?(百万|千|1M|M|K)\s?个?\s?tokens?`,
      'gi',
    ),
    make: (m) => {
      const per = (m[2] ?? m[7] ?? '').toUpperCase();
      const cur = CURRENCY[((m[4] ?? m[6]) as string).trim().toLowerCase()] ?? 'CNY';
      return {
        kind: 'amount',
        value: parseNumber((m[3] ?? m[5]) as string),
        unit: `${cur}/${per === '千' || per === 'K' ? 'Ktok' : 'Mtok'}`,
      };
    },
  },
  // An hour's price: H800每小时2美元, $2 per GPU hour, 2美元/小时.
  {
    re: new RegExp(
      String.raw`(?<lead>每\s?(?:GPU\s?|卡\s?)?小时\s{0,2}(?:的?租金|价格)?\s{0,2}(?:为|约)?\s{0,2})(${NUM})\s{0,2}(${CUR_AFTER})|(${CUR_BEFORE})\s{0,2}(${NUM})\s{0,2}(?:\/|per|an|a)\s?(?:GPU[\s-]?)?(?:hour|hr|h)\b|(${NUM})\s{0,2}(${CUR_AFTER})\s?\/\s?(?:GPU\s?)?(?:小时|h|hr|hour)`,
      'gi',
    ),
    make: (m) => {
      const cur = CURRENCY[((m[3] ?? m[4] ?? m[7]) as string).trim().toLowerCase()] ?? 'USD';
      return { kind: 'amount', value: parseNumber((m[2] ?? m[5] ?? m[6]) as string), unit: `${cur}/hour` };
    },
  },
  // Currencies, before or after: $500 billion, 5000亿美元, 500 亿欧元
  {
    re: new RegExp(String.raw`(${CUR_BEFORE})\s{0,3}(${NUM})\s{0,3}(${MAG})?`, 'gi'),
    make: (m) => ({
      kind: 'amount',
      value: num(m[2], m[3]),
      unit: CURRENCY[(m[1] as string).trim().toLowerCase()] ?? 'USD',
    }),
  },
  {
    re: new RegExp(String.raw`(${NUM})\s{0,3}${MORE}(${MAG})?${MORE}\s{0,3}(${CUR_AFTER})`, 'gi'),
    make: (m) => ({
      kind: 'amount',
      value: num(m[1], m[2]),
      unit: CURRENCY[(m[3] as string).trim().toLowerCase()] ?? 'CNY',
    }),
  },
  // Specifications and volumes: 96GB, 1,800 GB/s, 800 TFLOPS, 400kW, 7nm, 2.788 million GPU hours, 8.7T tokens, 6,710 億參數.
  {
    re: new RegExp(
      String.raw`(${NUM})\s{0,3}${MORE}(${MAG}|(?<=\d)[TB](?=\s?(?:tokens?|parameters|params)\b))?\s{0,2}(${SPEC})`,
      'gi',
    ),
    make: (m) => {
      const mag = m[2] === 'T' ? 1e12 : m[2] === 'B' ? 1e9 : magnitude(m[2]);
      const unit = specUnit(m[3] as string);
      // "400千瓦" is 400 kW, "1.2兆瓦" 1.2 MW: a Chinese magnitude before watts makes the larger unit.
      if (unit === 'W' && (mag === 1e3 || mag === 1e6 || mag === 1e9))
        return {
          kind: 'spec',
          value: parseNumber(m[1] as string),
          unit: mag === 1e3 ? 'kW' : mag === 1e6 ? 'MW' : 'GW',
        };
      return { kind: 'spec', value: parseNumber(m[1] as string) * mag, unit };
    },
  },
  // 六成 = 60%; 三成五 = 35%; 七成半 = 75%; 三成多 (more than 30%).
  {
    re: /(?<![\d零〇一二两三四五六七八九十])([一二三四五六七八九两]|\d(?:\.\d)?)成(?:([一二三四五六七八九])(?![零〇一二两三四五六七八九十百千万亿\d])|(半))?(?![员功为立本长绩就果熟型品交都年分])/g,
    make: (m) => ({
      kind: 'percent',
      value: parseNumber(m[1] as string) / 10 + (m[2] ? parseNumber(m[2]) / 100 : m[3] ? 0.05 : 0),
      unit: 'ratio',
    }),
  },
  // Vague floors: dozens of (at least 24), hundreds of (at least 200), millions of (at least 2 million).
  {
    // (The floors the answer key's convention gives: dozens ≥ 24, millions ≥ 1e6, multiple trillions ≥ 2e12.)
    re: /\b(dozens|hundreds|thousands|millions|billions|trillions) of\b|\b(?:multiple|several)\s(trillion|billion|million)s?\b/gi,
    make: (m) => ({
      kind: 'count',
      value: m[2]
        ? 2 * (magnitude(m[2]) || Number.NaN)
        : ({ dozens: 24, hundreds: 200, thousands: 2000, millions: 1e6, billions: 1e9, trillions: 1e12 }[
            (m[1] as string).toLowerCase()
          ] ?? Number.NaN),
      unit: 'items',
      bound: 'gt',
    }),
  },
  // Ratios: a 3-to-1 ratio, a factor of three.
  {
    re: new RegExp(
      String.raw`(${NUM})[\s-]{0,2}(?:to|比|:)[\s-]{0,2}(${NUM})(?=[\s-]{0,2}(?:ratio|margin|lead|advantage))`,
      'gi',
    ),
    make: (m) => ({ kind: 'multiple', value: parseNumber(m[1] as string) / parseNumber(m[2] as string), unit: 'x' }),
  },
  {
    re: new RegExp(String.raw`(?<=\bfactor of\s{1,2})(${NUM})`, 'gi'),
    make: (m) => ({ kind: 'multiple', value: parseNumber(m[1] as string), unit: 'x' }),
  },
  // Multiples: 10倍, 3x, 2.6 times
  {
    re: new RegExp(String.raw`(${NUM})\s{0,3}(?:倍|×|(?<=\d)x\b|\s?times\b(?!\s+(?:more|less)\s+\w))`, 'gi'),
    make: (m) => ({ kind: 'multiple', value: parseNumber(m[1] as string), unit: 'x' }),
  },
  // Years: 2028年, in 2026, by 2030
  {
    re: /(?<![\d.])((?:19|20)\d{2})\s{0,3}年(?!代)/g,
    make: (m) => ({ kind: 'year', value: Number(m[1]), unit: 'year', time: m[1] as string }),
  },
  {
    re: /\b(?:in|by|until|before|since|of|from|to|through|during|early|late|mid|autumn|fall|spring|summer|winter)[\s-]+((?:19|20)\d{2})\b/gi,
    make: (m) => ({ kind: 'year', value: Number(m[1]), unit: 'year', time: m[1] as string }),
  },
  // 一季度, 三季度, Q3: a quarter of the year is when, not how long ("3个季度" is a duration). Its year, when
  // written, is a year of its own (the rule above).
  {
    re: /(?<![\d零〇一二两三四五六七八九十个])[一二三四1-4]\s?季度|\bQ[1-4]\b/g,
    make: () => ({ kind: 'date', value: 0, unit: 'date' }),
  },
  // "about 12 cents per million tokens": a price in cents.
  {
    re: /\b(\d+(?:\.\d+)?)\s?(?:cents?|¢)\s(?:per|a|for each|for every|\/)\s?(?:one\s|1\s?)?(?:million|m)\s(?:input\s|output\s)?tokens\b/gi,
    make: (m) => ({ kind: 'amount', value: Number(m[1]) / 100, unit: 'USD/Mtok' }),
  },
  // "八个半月" (8.5 months), "一个多月" (more than a month): a count of months with a half, or more.
  {
    re: new RegExp(String.raw`(${NUM})\s?个\s?([半多])\s?月`, 'g'),
    make: (m) => {
      const n = parseNumber(m[1] as string);
      return m[2] === '半'
        ? { kind: 'duration', value: n + 0.5, unit: 'months' }
        : { kind: 'duration', value: n, unit: 'months', bound: 'gt', low: n };
    },
  },
  // Votes in Chinese: "近2万票", "逾5万票", "约2万1千票", and a count after 得票 or 票数 ("累计得票约2.4万").
  {
    re: new RegExp(
      String.raw`(?:(?:得票|票数|投票数?)(?:数|总数)?\s{0,2}(?:为|达到?|约|近|逾|超过|仅|只有|已)*\s{0,2})?(?<![\d.,万千百])(${NUM})\s{0,2}(${MAG})?(?:\s{0,2}(\d)\s{0,2}千)?\s{0,2}(票)?`,
      'g',
    ),
    make: (m) => {
      if (!m[4] && !/^(?:得票|票数|投票)/.test(m[0])) return null;
      return { kind: 'count', value: num(m[1], m[2]) + (m[3] ? Number(m[3]) * 1000 : 0), unit: 'votes' };
    },
  },
  // Durations: 6个月, 18 months
  {
    re: new RegExp(String.raw`(${NUM})\s{0,3}(${DURATION})`, 'gi'),
    make: (m) => {
      const u = (m[2] as string).trim().toLowerCase();
      const unit = /月|month/.test(u)
        ? 'months'
        : /周|星期|week/.test(u)
          ? 'weeks'
          : /天|day/.test(u)
            ? 'days'
            : /小时|hour/.test(u)
              ? 'hours'
              : /quarter|季度/.test(u)
                ? 'quarters'
                : 'years';
      return { kind: 'duration', value: parseNumber(m[1] as string), unit };
    },
  },
  // Counts with a measure word: 384颗, 160万次, 61个国家, 1.6 million downloads
  {
    re: new RegExp(String.raw`(${NUM})\s{0,3}${MORE}(${MAG})?${MORE}\+?\s{0,3}(${COUNT_WORD})`, 'gi'),
    make: (m) => ({
      kind: 'count',
      value: num(m[1], m[2]),
      unit:
        COUNT_UNIT[(m[3] as string).trim().toLowerCase().split(/\s+/).slice(-2).join(' ')] ??
        COUNT_UNIT[(m[3] as string).trim().toLowerCase().split(/\s+/).at(-1) ?? ''] ??
        'items',
    }),
  },
  // Anything else numeric with a magnitude, or a bare Arabic number.
  {
    // (A comma after the number ends the clause, not the number: "leads with 1506, a point ahead".)
    re: new RegExp(String.raw`(?<![\d,.])(\d(?:[\d,]*\d)?(?:\.\d+)?)\s{0,3}(${MAG})?`, 'g'),
    make: (m) =>
      !m[2] && /^(19|20)\d{2}$/.test(m[1] as string)
        ? { kind: 'year', value: Number(m[1]), unit: 'year', time: m[1] as string }
        : { kind: 'number', value: num(m[1], m[2]), unit: 'number' },
  },
];

const GT_BEFORE =
  /(?:more than|over|above|exceed(?:s|ing|ed)?|exceeding|at least|upwards of|in excess of|greater than|north of|超过|超|逾|多于|高于|至少|突破|大于|不少于|不低于)\s{0,2}(?:the\s|of\s)?[~≈约]?\s{0,2}$/i;
const LT_BEFORE =
  /(?:less than|under|below|fewer than|up to|at most|不到|少于|低于|至多|最多|不足|不超过|可能延长至)\s{0,2}[~≈约]?\s{0,2}$/i;
/** "Nearly 70%" is just under 70%: within a tenth below it, not anything below it. */
const NEARLY_BEFORE = /(?:nearly|almost|just shy of|close to|将近|接近|近|逼近)\s{0,2}$/i;
const APPROX_BEFORE =
  /(?:about|around|roughly|approximately|approx\.|some|an estimated|estimated|~|≈|约|大约|大概|近似|估计|预计)\s{0,2}$/i;

/** The bound a qualifier next to the number sets: 超过 / over → gt; 不到 / under / nearly → lt; 约 / about → approx. */
function qualifier(norm: string, start: number, end: number): 'gt' | 'lt' | 'approx' | 'nearly' | null {
  const before = norm.slice(Math.max(0, start - 16), start);
  const after = norm.slice(end, end + 4);
  if (/^\s?(?:以上|多|余|\+)/.test(after) || /^\+/.test(norm.slice(end - 1, end + 1))) return 'gt';
  if (/^\s?(?:以下|以内)/.test(after)) return 'lt';
  if (GT_BEFORE.test(before)) return 'gt';
  if (LT_BEFORE.test(before)) return 'lt';
  if (NEARLY_BEFORE.test(before)) return 'nearly';
  if (APPROX_BEFORE.test(before) || /^\s?(?:左右|上下)/.test(after)) return 'approx';
  return null;
}

/** `q` under a qualifier's bound: "nearly" is below the figure, within a tenth of it. */
export function bounded<Q extends Pick<Quantity, 'value' | 'low' | 'high' | 'bound'>>(
  q: Q,
  bound: 'gt' | 'lt' | 'approx' | 'nearly',
): Q {
  if (bound === 'nearly') return { ...q, bound: 'lt', low: q.low ?? q.value * 0.9, high: q.high ?? q.value };
  return {
    ...q,
    bound,
    low: q.low === undefined && bound === 'gt' ? q.value : q.low,
    high: q.high === undefined && bound === 'lt' ? q.value : q.high,
  };
}

/**
 * The bound set by a qualifier before `pos` that is separated from its figure by the figure's comparison
 * ("不到H100的一半", "超过前者的两倍", "约为B的1.5倍"): the qualifier right before the compared name.
 */
export function qualifierBefore(norm: string, pos: number): 'gt' | 'lt' | 'approx' | 'nearly' | null {
  const before = norm.slice(Math.max(0, pos - 16), pos).replace(/(?:为|是|达到)\s?$/, '');
  if (GT_BEFORE.test(before)) return 'gt';
  if (LT_BEFORE.test(before)) return 'lt';
  if (NEARLY_BEFORE.test(before)) return 'nearly';
  if (APPROX_BEFORE.test(before)) return 'approx';
  return null;
}

/** Anything a quantity can start from: digits, numerals, currency signs, number and fraction words. */
const TRIGGER =
  /[\d$€¥£零〇一二两三四五六七八九十百千万亿翻]|\b(?:ago|single|january|february|march|april|may|june|july|august|september|october|november|december|twice|thrice|doubled|tripled|quadrupled|fold|thirds|quarters|triple|double|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|dozens|thousand|thousands|millions|billions|trillions|half|third|quarter|fifth|tenth|hundredth)\b/gi;
const BEFORE = 16;
const AFTER = 40;

/**
 * The parts of the text worth scanning: a window around each trigger, merged. The rules then run over a
 * fraction of a long article instead of all of it (throughput), with the same results: every match lies
 * within a window, since it contains a trigger and reaches at most a unit word beyond it.
 */
function numeralSegments(norm: string, signal?: Stop): [number, string][] {
  const out: [number, string][] = [];
  let a = -1;
  let b = -1;
  TRIGGER.lastIndex = 0;
  for (let m = TRIGGER.exec(norm), n = 0; m !== null; m = TRIGGER.exec(norm), n++) {
    if ((n & 0xfff) === 0) signal?.throwIfAborted();
    const s = Math.max(0, m.index - BEFORE);
    const e = Math.min(norm.length, m.index + m[0].length + AFTER);
    if (a >= 0 && s <= b) b = Math.max(b, e);
    else {
      if (a >= 0) out.push([a, norm.slice(a, b)]);
      a = s;
      b = e;
    }
  }
  if (a >= 0) out.push([a, norm.slice(a, b)]);
  return out;
}

/** A web address, up to a space, a comma or semicolon (full-width ones are ASCII here) or a non-ASCII character. */
const URL = /\b(?:https?:\/\/|www\.)[\x21-\x2b\x2d-\x3a\x3c-\x7e]+/gi;

/** All quantities in `norm`, left to right, non-overlapping; spans already taken (entity names) are skipped. */
export function findQuantities(norm: string, taken: readonly [number, number][] = [], signal?: Stop): Quantity[] {
  const used = new Uint8Array(norm.length);
  for (const [s, e] of taken) for (let i = Math.max(0, s); i < Math.min(e, norm.length); i++) used[i] = 1;
  // A web address's digits and percent escapes ("?id=2025&share=45%25") are not figures.
  for (const u of norm.matchAll(URL)) for (let i = u.index; i < u.index + u[0].length; i++) used[i] = 1;
  const out: Quantity[] = [];
  const segments = numeralSegments(norm, signal);
  for (const rule of RULES) {
    signal?.throwIfAborted();
    for (const [a, sub] of segments) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(sub), n = 0; m !== null; m = rule.re.exec(sub), n++) {
        if ((n & 0x3ff) === 0) signal?.throwIfAborted();
        if (m[0].length === 0) {
          rule.re.lastIndex++;
          continue;
        }
        let start = a + m.index + (m.groups?.['lead']?.length ?? 0);
        let end = a + m.index + m[0].length;
        while (end > start && /\s/.test(norm[end - 1] ?? '')) end--;
        while (start < end && /\s/.test(norm[start] ?? '')) start++;
        let clash = false;
        for (let i = start; i < end; i++) if (used[i]) clash = true;
        if (clash) continue;
        // A number glued to letters is part of a name (GPT-4, R1, H100, v2.5), not a quantity.
        const before = norm[start - 1] ?? '';
        const after = norm[end] ?? '';
        // A unit or measure word ends the match: letters after it ("2048颗H800") belong to the next word.
        const endsInDigit = /[\d一二三四五六七八九十两〇]$/.test(norm.slice(end - 1, end));
        if (
          /^[\d一二三四五六七八九十两〇]/.test(norm[start] ?? '') &&
          ((/[A-Za-z_/.]/.test(before) && /\d/.test(norm[start] ?? '')) ||
            (/-/.test(before) && /[A-Za-z0-9]/.test(norm[start - 2] ?? '')) ||
            (endsInDigit && /[A-Za-z]/.test(after) && rule.make !== RULES[RULES.length - 1]?.make))
        )
          continue;
        if (/\d/.test(norm[start] ?? '') && endsInDigit && /[A-Za-z]/.test(after) && !/^[mkx]/i.test(after)) continue;
        // "千卡集群", "百模大战": a Chinese numeral starts with a digit word (一千), a bare 千 or 百 is a word.
        // (Not before a currency: "千亿元", "百亿美元" are amounts.)
        if (
          /^[百千万亿](?!分之|亿\s?个?(?:参数|token)|[万亿]{1,2}\s?(?:美元|欧元|人民币|元|港元|日元))/.test(
            norm.slice(start, start + 8),
          )
        )
          continue;
        let q = rule.make(m);
        if (!q || !Number.isFinite(q.value)) continue;
        const span = norm.slice(start, end);
        // "每秒900GB", "900 GB per second": an amount of data per second is a bandwidth.
        if (
          q.kind === 'spec' &&
          (q.unit === 'GB' || q.unit === 'TB') &&
          (/每秒\s?$/.test(norm.slice(Math.max(0, start - 4), start)) ||
            /^\s?(?:per second|a second|each second|every second|\/\s?s\b|每秒)/i.test(norm.slice(end, end + 16)))
        )
          q = { ...q, unit: `${q.unit}/s` };
        // "增长一倍", "成长了一倍": grew by one time itself, i.e. doubled (+100%), as 翻倍.
        if (
          q.kind === 'multiple' &&
          q.value === 1 &&
          /倍$/.test(span) &&
          /(?:增长|成长|增加|提升|提高|扩大)了?\s?$/.test(norm.slice(Math.max(0, start - 6), start))
        )
          q = { kind: 'percent', value: 1, unit: 'ratio', growth: true };
        const bound = q.bound ?? (/\d\+|[\d十百千万亿][多余几]/.test(span) ? 'gt' : qualifier(norm, start, end));
        if (bound) q = bounded(q, bound);
        out.push({
          start,
          end,
          ...q,
          before: norm.slice(Math.max(0, start - 12), start),
          lead: norm.slice(Math.max(0, start - 30), start),
          after: norm.slice(end, end + 12),
          tail: norm.slice(end, end + 30),
        });
        for (let i = start; i < end; i++) used[i] = 1;
      }
    }
  }
  return ranges(
    norm,
    out.sort((a, b) => a.start - b.start),
  );
}

/**
 * "between 400 and 480 kW", "from 55 to 65 points", "400-480 kW", "400至480千瓦": a bare number joined to a figure
 * with a unit is the low end of a range in that unit (the figure becomes the range, from the number on).
 */
function ranges(norm: string, qs: Quantity[]): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < qs.length; i++) {
    const a = qs[i] as Quantity;
    const b = qs[i + 1];
    if (
      a.kind === 'number' &&
      b &&
      b.kind !== 'number' &&
      b.kind !== 'date' &&
      b.kind !== 'year' &&
      b.low === undefined
    ) {
      const join = norm.slice(a.end, b.start);
      const lead = norm.slice(Math.max(0, a.start - 32), a.start);
      // ("rose from 400 to 480 kW" is a change, not a range.)
      const change =
        /\b(?:rose|grew|fell|increased|decreased|jumped|dropped|climbed|went|risen|fallen|grown|cut|raised|lowered|up|down)\s+(?:\w+\s+)?from\s$/i.test(
          lead,
        );
      const joined =
        (!change && /^\s?(?:to|-|–|—|~|～|至|到)\s?(?:about\s|约)?$/i.test(join)) ||
        (/^\s(?:and)\s$/i.test(join) && /\bbetween\s$/i.test(lead));
      // (The ends are the same measure: the second no more than ten times the first, and larger.)
      if (joined && a.value > 0 && b.value > a.value && b.value <= 10 * a.value && !b.bound) {
        out.push({ ...b, start: a.start, value: (a.value + b.value) / 2, low: a.value, high: b.value });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
