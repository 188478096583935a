/**
 * Chinese number forms in both scripts, as properties (fast-check): numerals with 万/亿/万亿/兆, decimals,
 * 成, 百分之, 分之, the qualifiers that bound a figure, full-width digits and punctuation. Then what is not a
 * claim (dates, years, versions, model names, list numbers, telephone numbers, web addresses, bylines), in
 * sentences of our own, in both scripts.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { type EntityIndex } from './entities.ts';
import { datelineOf, extractClaims, withYear } from './extract.ts';
import { chineseNumber, findQuantities, type Quantity } from './quantities.ts';
import { normalizeForMatching, sentences } from './text.ts';
import { claimsFixture } from '../../test/claims-fixture.ts';

type Conv = (s: string) => string;
const converter = (from: string, to: string): Conv =>
  (OpenCC as unknown as { Converter: (o: { from: string; to: string }) => Conv }).Converter({ from, to });
/** Each sentence as written (Simplified), and in Taiwan and Hong Kong Traditional. */
const SCRIPTS: [string, Conv][] = [
  ['简', (s) => s],
  ['繁tw', converter('cn', 'twp')],
  ['繁hk', converter('cn', 'hk')],
];

const DIGITS = '零一二三四五六七八九';
/** n (1 ≤ n ≤ 9999) in Chinese numerals, the usual way: 一千零五, 一千二百, 十五, 一百一十五. */
function toChinese(n: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let zero = false;
  for (const [u, w] of units) {
    const d = Math.floor(n / u) % 10;
    if (d === 0) {
      if (parts.length) zero = true;
      continue;
    }
    if (zero) parts.push('零');
    zero = false;
    parts.push(n < 20 && u === 10 && d === 1 ? w : `${DIGITS[d]}${w}`);
  }
  return parts.join('');
}
/** ASCII digits and punctuation as full-width characters (１２．５). */
const fullWidth = (s: string) => s.replace(/[0-9.,%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const quantities = (s: string): Quantity[] => findQuantities(normalizeForMatching(s));
const only = (s: string): Quantity => {
  const qs = quantities(s).filter((q) => q.kind !== 'year' && q.kind !== 'date');
  assert.equal(qs.length, 1, `one figure in ${s}: ${JSON.stringify(qs)}`);
  return qs[0] as Quantity;
};
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('Chinese numerals read back: 一千零五, 两千, 十五 (the generator against the parser)', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), (n) => chineseNumber(toChinese(n)) === n));
  assert.equal(toChinese(1005), '一千零五');
  assert.equal(toChinese(1200), '一千二百');
  assert.equal(toChinese(15), '十五');
});

test('amounts with a magnitude (万, 亿, 万亿, 兆) in numerals or digits, in every script', () => {
  const mags: [string, number][] = [
    ['万', 1e4],
    ['亿', 1e8],
    ['万亿', 1e12],
    ['兆', 1e12],
  ];
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9999 }),
      fc.constantFrom(...mags),
      fc.constantFrom('chinese', 'digits', 'fullwidth'),
      fc.constantFrom(...SCRIPTS),
      (n, [mag, scale], form, [, conv]) => {
        const num = form === 'chinese' ? toChinese(n) : form === 'digits' ? String(n) : fullWidth(String(n));
        const q = only(conv(`华为宣布投资${num}${mag}美元建设数据中心。`));
        return q.kind === 'amount' && q.unit === 'USD' && close(q.value, n * scale);
      },
    ),
  );
  assert.equal(only('投资一千二百亿元').value, 1.2e11);
  assert.equal(only('投資1.2萬億美元').value, 1.2e12);
  assert.equal(only('投資１．２兆美元').value, 1.2e12);
});

test('decimals and thousands groups, ASCII or full-width', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1000, max: 9_999_999 }),
      fc.constantFrom(...SCRIPTS),
      fc.boolean(),
      (n, [, conv], wide) => {
        const grouped = n.toLocaleString('en-US');
        const q = only(conv(`该公司共采购${wide ? fullWidth(grouped) : grouped}颗芯片。`));
        return q.kind === 'count' && q.unit === 'chips' && q.value === n;
      },
    ),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 99_999 }), fc.constantFrom(...SCRIPTS), fc.boolean(), (n, [, conv], wide) => {
      const dec = (n / 100).toFixed(2);
      const q = only(conv(`带宽为${wide ? fullWidth(dec) : dec}TB/s。`));
      return q.unit === 'TB/s' && close(q.value, n / 100);
    }),
  );
  // A full-width comma between two numbers separates them: Chinese does not group thousands with it.
  assert.deepEqual(
    quantities('订单分别为500，200家').map((q) => q.value),
    [500, 200],
  );
});

test('percentages: 百分之N, N成 (三成五), N%, ％, and fractions M分之N, in every script', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 99 }), fc.constantFrom(...SCRIPTS), (n, [, conv]) => {
      const a = only(conv(`市场份额达到百分之${toChinese(n)}。`));
      const b = only(conv(`市场份额达到${fullWidth(String(n))}%。`));
      return a.kind === 'percent' && close(a.value, n / 100) && b.kind === 'percent' && close(b.value, n / 100);
    }),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom(...SCRIPTS),
      (tenths, hundredths, [, conv]) => {
        const words = `${DIGITS[tenths]}成${hundredths ? DIGITS[hundredths] : ''}`;
        const q = only(conv(`该芯片的性能约为对手的${words}。`));
        return q.kind === 'percent' && close(q.value, tenths / 10 + hundredths / 100);
      },
    ),
  );
  // N成半: N tenths and a half.
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.constantFrom(...SCRIPTS), (tenths, [, conv]) => {
      const q = only(conv(`费用占${DIGITS[tenths]}成半。`));
      return q.kind === 'percent' && close(q.value, tenths / 10 + 0.05);
    }),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 1000 }),
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom(...SCRIPTS),
      (den, num, [, conv]) => {
        fc.pre(num < den);
        const q = only(conv(`推理开销只有对手的${toChinese(den)}分之${toChinese(num)}。`));
        return q.kind === 'fraction' && close(q.value, num / den);
      },
    ),
  );
});

test('qualifiers bound the figure: 逾/超过/至少 more, 不到/低于 less, 约/左右 about, 近/将近 just under', () => {
  const cases: [string, string, 'gt' | 'lt' | 'approx'][] = [
    ['逾', '', 'gt'],
    ['超过', '', 'gt'],
    ['至少', '', 'gt'],
    ['', '以上', 'gt'],
    ['不到', '', 'lt'],
    ['低于', '', 'lt'],
    ['约', '', 'approx'],
    ['大约', '', 'approx'],
    ['', '左右', 'approx'],
    ['近', '', 'lt'],
    ['将近', '', 'lt'],
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...cases),
      fc.integer({ min: 2, max: 9999 }),
      fc.constantFrom('万颗', '亿美元', '%'),
      fc.constantFrom(...SCRIPTS),
      ([pre, post, bound], n, unit, [, conv]) => {
        const q = only(conv(`华为今年的芯片出货${pre}${n}${unit}${post}。`));
        return q.bound === bound;
      },
    ),
  );
  // "成长一倍": doubled, +100%.
  for (const [, conv] of SCRIPTS) {
    const q = only(conv('营收成长了一倍'));
    assert.deepEqual([q.kind, q.value, q.growth], ['percent', 1, true]);
  }
  // Vague floors and more-than forms: 几十 at least 20, 十几 more than 10, 1亿多 more than 1e8, 逾千亿 more than 1e11.
  const floors: [string, number, string][] = [
    ['约有几十家企业参与', 20, 'gt'],
    ['共有十几家企业参与', 10, 'gt'],
    ['用户数达1亿多人', 1e8, 'gt'],
    ['投资逾千亿元', 1e11, 'gt'],
  ];
  for (const [s, value, bound] of floors)
    for (const [, conv] of SCRIPTS) assert.deepEqual([only(conv(s)).value, only(conv(s)).bound], [value, bound], s);
  // Percentage points are their own unit, and 万分之 a fraction.
  for (const [, conv] of SCRIPTS) {
    const pp = only(conv('毛利率提升0.5个百分点'));
    assert.deepEqual([pp.kind, pp.unit, pp.value], ['percent', 'pp', 0.005]);
    assert.ok(close(only(conv('误差只有万分之三')).value, 3e-4));
  }
  // "40多万", "一百余家": more than.
  for (const [, conv] of SCRIPTS) {
    const q = only(conv('出货量达40多万颗'));
    assert.deepEqual([q.value, q.bound], [4e5, 'gt']);
    assert.deepEqual([only(conv('共有一百余家企业')).value, only(conv('共有一百余家企业')).bound], [100, 'gt']);
  }
});

let entities: EntityIndex;
before(async () => void ({ entities } = await claimsFixture()));

const claims = (s: string) => {
  const norm = normalizeForMatching(s);
  return extractClaims(norm, entities, entities.find(norm));
};

test('not claims: dates, years, versions, model names, list numbers, phone numbers, addresses, bylines', () => {
  const none = [
    '2025年3月，昇腾910C芯片亮相。',
    '2024年，华为的AI业务迎来转折。',
    '华为在2025/09/18举行发布会。',
    '民国114年9月18日，华为举行年度大会。',
    '二〇二五年，英伟达继续扩张。',
    'DeepSeek V3与R1模型都采用了混合专家架构。',
    'GPT-4o与Claude 3.5的评分相近。',
    '1. 华为发布新芯片',
    '2、昇腾950将于2026年推出',
    '（三）英伟达H20的市场',
    '详情请拨打客服专线0800-123-456或(02)2345-6789。',
    '参考资料：https://example.com/report?share=45%25&year=2025',
    '（记者张三台北18日电）华为今天召开发布会。',
    '台积电(2330)今日开盘。',
    '该公司一季度营收增长，训练集群需要更多芯片。',
  ];
  for (const s of none)
    for (const [label, conv] of SCRIPTS) {
      const found = claims(conv(s));
      assert.deepEqual(
        found.map((c) => c.quote),
        [],
        `${label}: ${conv(s)}`,
      );
    }
});

test('the time of a claim from dates in either calendar and either script', () => {
  const cases: [string, string][] = [
    ['民国114年9月18日，华为宣布超节点将支持8192张昇腾卡。', '2025-09-18'],
    ['在2025.09.18的大会上，昇腾950的算力为1 PFLOPS。', '2025-09-18'],
    ['二〇二五年华为的营收达8800亿元。', '2025'],
  ];
  for (const [s, time] of cases)
    for (const [label, conv] of SCRIPTS) {
      const found = claims(conv(s));
      assert.equal(found.length, 1, `${label}: ${conv(s)}`);
      assert.equal(found[0]?.time, time, `${label}: ${conv(s)}`);
    }
});

test('metrics named in Taiwan phrasing read as in mainland phrasing', () => {
  const pairs: [string, string][] = [
    ['该加速器内存带宽达4TB/s。', 'bandwidth'],
    ['该公司营收年增15%。', 'growth'],
    ['出货量将成长约20%。', 'growth'],
    ['该公司营收为1200亿元，净利为35亿元。', 'profit'],
    ['英伟达B200的晶体管数量达2080亿个。', 'transistor_count'],
    ['该公司营收为1200亿元，每股盈余为16.5元。', 'eps'],
    ['明年该公司的AI芯片营收可望增长一倍。', 'growth'],
    ['这家代工厂7纳米制程的良率约为30%。', 'yield'],
  ];
  const twp = converter('cn', 'twp');
  for (const [s, metric] of pairs) {
    const last = (t: string) => claims(t).at(-1)?.metric;
    assert.equal(last(s), metric, s);
    assert.equal(last(twp(s)), metric, twp(s));
  }
});

test('a closing quote after a sentence end stays with the sentence it closes', () => {
  for (const [, conv] of SCRIPTS) {
    const t = normalizeForMatching(conv('「该芯片的算力是对手的三倍。」他说。『其次是价格。』'));
    assert.deepEqual(
      sentences(t).map(([a, b]) => t.slice(a, b)),
      [conv('「该芯片的算力是对手的三倍。」'), conv('他说。'), conv('『其次是价格。』')].map(normalizeForMatching),
    );
  }
});

test('places, rates and spelled-out units, in sentences of our own', () => {
  const q = (t: string) => findQuantities(normalizeForMatching(t)).map((x) => [x.kind, x.value, x.unit]);
  assert.deepEqual(q('The lab’s model came in seventh place.'), [['rank', 7, 'rank']]);
  assert.deepEqual(q('It was the 11th-placed entry.'), [['rank', 11, 'rank']]);
  assert.deepEqual(q('In the first place, nobody asked.'), []);
  assert.deepEqual(q('The chip sits 12 points behind.'), [['count', 12, 'points']]);
  for (const [, conv] of SCRIPTS) {
    assert.deepEqual(q(conv('该模型排在第15位。')), [['rank', 15, 'rank']]);
    assert.deepEqual(q(conv('它提供每秒800GB的互联带宽。')), [['spec', 800, 'GB/s']]);
  }
  assert.deepEqual(q('It moves 2 terabytes per second.'), [['spec', 2, 'TB/s']]);
  assert.deepEqual(q('rated at 400 teraflops while drawing 700 kilowatts'), [
    ['spec', 400, 'TFLOPS'],
    ['spec', 700, 'kW'],
  ]);
  // A place is a rank only where a ranking is spoken of.
  const metricsOf = (t: string) => claims(t).map((c) => c.metric);
  assert.deepEqual(metricsOf('该国甘愿做一个强大的第二名。'), []);
  assert.deepEqual(metricsOf('在排行榜上，该模型位列第二名。'), ['rank']);
});

test('the article’s date from its dateline, not from the body', () => {
  const at = (t: string) => datelineOf(normalizeForMatching(t));
  assert.equal(at('Headline here\n\nBy a desk · Updated March 4, 2026\n\nBody text follows.'), '2026-03-04');
  for (const [, conv] of SCRIPTS) assert.equal(at(conv('标题\n\n科技版 | 2026年5月9日\n\n正文。')), '2026-05-09');
  const long = `${'The rule took effect on 1 June 2025 and since then '.repeat(4)}much has changed.`;
  assert.equal(at(`Headline\n\n${long}`), null);
});

test('points behind, points off the top and a narrowed margin are gaps; a rating of N points is a rating', () => {
  const metricOf = (t: string) => claims(t).find((c) => c.unit === 'points')?.metric;
  for (const s of [
    'The best Chinese model now trails by 21 points.',
    'That system was 30 points off the top.',
    'The deficit was still 44 points.',
  ])
    assert.equal(metricOf(s), 'rating_gap', s);
  assert.equal(metricOf('The leader has a rating of 1,480 points.'), 'rating');
  for (const [, conv] of SCRIPTS) assert.equal(metricOf(conv('两国头部模型的分差缩小至25分。')), 'rating_gap');
  // 分 without words of a score is not a point: "可以", "所以" hold 以 but do not score.
  for (const s of ['评审可以打80分。', '所以最后给了90分。', '会议在3点20分开始。'])
    assert.equal(metricOf(s), undefined, s);
});

test('a link’s bandwidth is not the memory’s, and a figure in brackets after a name is that name’s', () => {
  for (const [, conv] of SCRIPTS) {
    const [c] = claims(conv('该芯片的互联带宽被限制在每秒400GB。'));
    assert.equal(c?.metric, 'interconnect_bandwidth', conv('互联'));
    assert.equal(claims(conv('该芯片的显存带宽为3.35TB/s。'))[0]?.metric, 'bandwidth');
  }
  assert.equal(claims('Its NVLink runs at 900 GB/s.')[0]?.metric, 'interconnect_bandwidth');
  const [inBrackets] = claims('H20的互联带宽不到H100（900GB/s）的一半。').filter((c) => c.value === 900);
  assert.equal(inBrackets?.subject, 'nvidia-h100-sxm');
});

test('days and spans of days: "10 August 2026", "7 August", "25–31 July", "7月25日至31日", "the 30 days to 7 August"', () => {
  const when = (s: string) => {
    const q = findQuantities(normalizeForMatching(s)).find((x) => x.kind === 'date');
    return q ? [q.time, q.days ?? null] : null;
  };
  assert.deepEqual(when('Published 10 August 2026'), ['2026-08-10', null]);
  assert.deepEqual(when('on 7 Aug. 2026,'), ['2026-08-07', null]);
  // Without a year: the dateline gives it (withYear).
  assert.deepEqual(when('on 7 August, the'), ['--08-07', null]);
  assert.deepEqual(when('by August 7 it'), ['--08-07', null]);
  assert.deepEqual(when('between 25 and 31 July 2026'), ['2026-07-31', 7]);
  assert.deepEqual(when('July 25–31, 2026'), ['2026-07-31', 7]);
  assert.deepEqual(when('from 30 March to 5 April'), ['--04-05', 7]);
  assert.deepEqual(when('In the 30 days to 7 August, models'), ['--08-07', 30]);
  assert.deepEqual(when('in the seven days ending July 31'), ['--07-31', 7]);
  assert.deepEqual(when('over the week to 5 April'), ['--04-05', 7]);
  for (const [, conv] of SCRIPTS) {
    assert.deepEqual(when(conv('在7月25日至31日这7天里')), ['--07-31', 7]);
    // Across a month's end: 2月23日至3月1日 is seven days (in a common year).
    assert.deepEqual(when(conv('随后的2月23日至3月1日这一周')), ['--03-01', 7]);
    assert.deepEqual(when(conv('2026年2月16日至22日')), ['2026-02-22', 7]);
    assert.deepEqual(when(conv('截至8月7日的30天')), ['--08-07', 30]);
    assert.deepEqual(when(conv('截至7月31日的一周')), ['--07-31', 7]);
  }
  // A span is not a dateline, nor is "May" the month in "may 5".
  assert.equal(datelineOf(normalizeForMatching('The week of March 9-15, 2026\nBody.')), null);
  assert.equal(when('prices may 5 times'), null);
});

test("a day without its year takes the dateline's, or the year before when it would fall after the article", () => {
  assert.equal(withYear('--08-07', '2026-08-10'), '2026-08-07');
  assert.equal(withYear('--12-20', '2026-03-12'), '2025-12-20');
  // A day within a month after the article is its year's (a window just ahead), not the year before.
  assert.equal(withYear('--08-07', '2026-08-03'), '2026-08-07');
  assert.equal(withYear('--08-07', null), '--08-07');
  assert.equal(withYear('2025-11', '2026-08-10'), '2025-11');
  assert.equal(withYear(null, '2026-08-10'), null);
});

test("a year counted from the article's: 去年6月1日 is the year before the dateline's; without one, no time", () => {
  const dates = findQuantities(normalizeForMatching('回看一年前，去年6月1日的榜单上')).filter((x) => x.kind === 'date');
  assert.deepEqual(
    dates.map((x) => x.time),
    ['ago:365', 'rel:-1:--06-01'],
  );
  // Counted back from the dateline: a year ago, six months ago (30.44 days a month), three weeks ago.
  assert.equal(withYear('ago:365', '2026-06-03'), '2025-06-03');
  const ago = (t: string) => findQuantities(normalizeForMatching(t)).find((x) => x.kind === 'date')?.time;
  assert.equal(ago('six months ago'), 'ago:183');
  assert.equal(ago('兩個月前'), 'ago:61');
  assert.equal(ago('A week ago, it led'), 'ago:7');
  assert.equal(withYear('ago:7', null), null);
  assert.equal(withYear('rel:-1:--06-01', '2026-06-03'), '2025-06-01');
  assert.equal(withYear('rel:0:--02', '2026-06-03'), '2026-02');
  assert.equal(withYear('rel:-1', '2026-06-03'), '2025');
  assert.equal(withYear('rel:-1:--06-01', null), null);
});

test('yuan of a currency named after it: 1.2兆元新台幣 is TWD, 300亿元人民币 CNY', () => {
  const unit = (t: string) => findQuantities(normalizeForMatching(t)).find((q) => q.kind === 'amount')?.unit;
  assert.equal(unit('出口額約1.2兆元新台幣'), 'TWD');
  assert.equal(unit('投入300億元人民幣'), 'CNY');
  assert.equal(unit('成本約5000元'), 'CNY');
});

test('votes, months with a half or more, a level reached months before, and a list of index scores', () => {
  for (const [, conv] of SCRIPTS) {
    const q = (t: string) => findQuantities(normalizeForMatching(conv(t))).map((x) => [x.kind, x.value, x.unit]);
    assert.deepEqual(q('这款模型累计得票近3万票'), [['count', 30000, 'votes']]);
    assert.deepEqual(q('它的得票约1.2万，排名靠前'), [['count', 12000, 'votes']]);
    assert.deepEqual(q('落后三个半月'), [['duration', 3.5, 'months']]);
    const more = findQuantities(normalizeForMatching(conv('只落后两个多月')))[0];
    assert.equal(more?.value, 2);
    assert.equal(more?.bound, 'gt');
    // "reached it N months ago" is how far behind, not a time; "N months ago" alone is a time.
    assert.deepEqual(q('对手早在四个月前就已达到这一水平'), [['duration', 4, 'months']]);
    assert.equal(findQuantities(normalizeForMatching(conv('四个月前，它还落后')))[0]?.kind, 'date');
    // A score after an index, and the scores listed after it in its sentence.
    assert.deepEqual(q('甲模型在数学指数上约61分，乙模型则约57分'), [
      ['count', 61, 'points'],
      ['count', 57, 'points'],
    ]);
    assert.notDeepEqual(q('会议开了45分钟')[0], ['count', 45, 'points']);
  }
});

test('votes written in two magnitudes, and a span of time things happened in', () => {
  for (const [, conv] of SCRIPTS) {
    const q = (t: string) => findQuantities(normalizeForMatching(conv(t))).map((x) => [x.kind, x.value, x.unit]);
    assert.deepEqual(q('累计约3万2千票；'), [['count', 32000, 'votes']]);
  }
  // "短短两个月内差距拉大": when it widened, not by how much; "落后两个月" is how far behind.
  const gap = (t: string) => claims(t).find((c) => c.unit === 'months')?.metric;
  assert.equal(gap('中美差距在短短两个月内明显拉大。'), undefined);
  assert.equal(gap('中美差距约为两个月。'), 'gap_months');
});
