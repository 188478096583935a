/**
 * What a claim's wording says beyond its figure, read before checking (src/claims/index.ts): a multiple said
 * of the other side, a change week over week, a figure restated with its time; and, end to end over the
 * real snapshot, a time carried from the sentence before ("that week") or from a clause joined by a semicolon.
 * The sentences are our own, about figures in the snapshot.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { ClaimToCheck } from './check.ts';
import { Checker, inverseMultiples, placesHeld, restatedTimes, weeklyGrowth } from './index.ts';
import { claimsFixture } from '../../test/claims-fixture.ts';

let checker: Checker;
before(async () => void ({ checker } = await claimsFixture()));

/** A claim at the first occurrence of `quote` in `text`, its sentence the whole text. */
function at(text: string, quote: string, over: Partial<ClaimToCheck> = {}): ClaimToCheck {
  const start = text.indexOf(quote);
  assert.ok(start >= 0, quote);
  return {
    quote,
    start,
    end: start + quote.length,
    sentence: [0, text.length],
    subject: 's',
    comparison: null,
    metric: 'performance_ratio',
    value: 1,
    low: null,
    high: null,
    bound: null,
    unit: 'x',
    time: null,
    context: [],
    ...over,
  };
}

test('a multiple is the other side’s when the words say so, and so is one coordinated with it', () => {
  const sense = (text: string, quotes: string[]) => {
    const cs = quotes.map((q) => at(text, q));
    inverseMultiples(text, cs);
    return cs.map((c) => c.inverse === true);
  };
  assert.deepEqual(sense('The P1 trails the Q9 by a factor of four in compute and 2x in memory.', ['four', '2x']), [
    true,
    true,
  ]);
  assert.deepEqual(sense('The P1 is 3 times slower than the Q9.', ['3 times']), [true]);
  assert.deepEqual(sense('The P1 lags behind by roughly 5x.', ['5x']), [true]);
  assert.deepEqual(sense('P1的算力落后Q9约3倍。', ['3倍']), [true]);
  // Not inverse: ahead, faster, or a second multiple after a comma starts its own comparison.
  assert.deepEqual(sense('The P1 is 3 times faster than the Q9.', ['3 times']), [false]);
  assert.deepEqual(sense('The P1 leads the Q9 by a factor of four.', ['four']), [false]);
  assert.deepEqual(sense('The P1 trails by 4x, while the R2 beats it 2x.', ['4x', '2x']), [true, false]);
  // Only multiples: a share is never turned round.
  const share = at('P1 trails by 40% of the Q9', '40%', { unit: 'ratio' });
  inverseMultiples('P1 trails by 40% of the Q9', [share]);
  assert.equal(share.inverse, undefined);
});

test('a change said week over week is a weekly growth; others stay growth', () => {
  const text = 'Model M grew 40% WoW, and its rival 12% year over year; 周环比增长25%.';
  const cs = [
    at(text, '40%', { metric: 'growth', unit: 'ratio' }),
    at(text, '12%', { metric: 'growth', unit: 'ratio' }),
    at(text, '25%', { metric: 'growth', unit: 'ratio' }),
  ];
  weeklyGrowth(text, cs);
  assert.deepEqual(
    cs.map((c) => c.metric),
    ['growth_week', 'growth', 'growth_week'],
  );
});

test('a figure without a time takes its restatement’s, only when every restatement agrees on when', () => {
  const c = (value: number, time: string | null, subject = 'x', metric = 'token_share') =>
    ({ ...at('x', 'x'), subject, metric, value, unit: 'ratio', time }) as ClaimToCheck;
  const headline = c(0.42, null);
  restatedTimes([headline, c(0.42, '2026-03')]);
  assert.equal(headline.time, '2026-03');
  for (const others of [
    [c(0.5, '2026-03')], // another figure
    [c(0.42, '2026-03', 'y')], // another subject
    [c(0.42, '2026-03', 'x', 'downloads_share')], // another measure
    [c(0.42, '2026-03'), c(0.42, '2026-04')], // restated at two times
  ]) {
    const alone = c(0.42, null);
    restatedTimes([alone, ...others]);
    assert.equal(alone.time, null);
  }
});

const claimsOf = (text: string) => checker.check('t', text).claims;
const one = (text: string, quote: string) => {
  const c = claimsOf(text).find((x) => x.quote.includes(quote));
  assert.ok(c, `${quote} in ${JSON.stringify(claimsOf(text).map((x) => x.quote))}`);
  return c;
};

test('end to end: a multiple behind another chip, with the other chip placed before the subject', () => {
  // B200 dense BF16 2250 TFLOPS, 8 TB/s; Ascend 910C 780 TFLOPS, 3.2 TB/s (the snapshot's chips).
  const text = 'Next to the B200 from Nvidia, the 910C trails by a factor of three in compute.';
  const c = one(text, 'three');
  assert.equal(c.verdict, 'supported');
  assert.ok(c.evidence.every((e) => e.id.startsWith('nvidia-b200-hgx/huawei-ascend-910c:')));
  for (const wrong of [
    'Next to the B200 from Nvidia, the 910C leads by a factor of three in compute.',
    'The B200 trails the 910C by a factor of three in compute.',
    'The 910C trails the B200 by a factor of five in compute.',
  ])
    assert.notEqual(one(wrong, wrong.includes('five') ? 'five' : 'three').verdict, 'supported', wrong);
  assert.equal(one('The 910C trails the B200 by a factor of three in compute.', 'three').verdict, 'supported');
  const both = claimsOf('Measured against the B200, the 910C trails by roughly 2.9x in compute and 2.5x in bandwidth.');
  assert.deepEqual(
    both.filter((x) => x.unit === 'x').map((x) => x.verdict),
    ['supported', 'supported'],
  );
});

test('end to end: "that week" carries the week named just before; a semicolon joins clauses', () => {
  // China's top-10 models on OpenRouter: 4.69 trillion tokens in the week of 9-15 March 2026 (row of 16 March).
  const week = 'Consider the week of March 9-15, 2026.';
  const carried = one(`${week} During that same week, labs based in China served 4.7 trillion tokens.`, '4.7');
  // The span's last day, and its length.
  assert.equal(carried.time, '2026-03-15');
  assert.equal(carried.days, 7);
  assert.equal(carried.verdict, 'supported');
  // A top-10 sum is a lower bound: a smaller figure for the same week is contradicted.
  const fewer = one(`${week} During that same week, labs based in China served 3 trillion tokens.`, '3 trillion');
  assert.equal(fewer.verdict, 'contradicted');
  // Pointing back reaches into the paragraph before too: "that same week" is the one named last.
  assert.equal(one(`${week}\nDuring that same week, labs based in China served 4.7 trillion tokens.`, '4.7').days, 7);
  // A span named in the paragraph is the window of the traffic figures after it there; not of a rate in the next
  // paragraph ("a week": what is usual now): no time, so a week's volume is not checked.
  assert.equal(one(`${week} Labs based in China served 4.7 trillion tokens.`, '4.7').days, 7);
  const c = one(`${week}\nLabs based in China serve 4.7 trillion tokens a week.`, '4.7');
  assert.equal(c.time, null);
  assert.equal(c.verdict, 'unverifiable');
  // OpenRouter's weekly total in that week: 9.19 trillion.
  const joined = one('OpenRouter served 9.2T tokens in one week; that was in mid-March 2026.', '9.2T');
  assert.equal(joined.time, '2026-03');
  assert.equal(joined.verdict, 'supported');
  assert.equal(one('OpenRouter served 9.2T tokens in one week. That was in mid-March 2026.', '9.2T').time, null);
});

test('a count of places in a top list of stated size is checked against the places held that week', () => {
  const cs = [
    at('4/5 top spots', '4/5 top spots', { unit: 'spots', metric: 'count', value: 4 }),
    at('two of the top three places', 'two of the top three places', { unit: 'spots', metric: 'count', value: 2 }),
    at('the top three spots', 'the top three spots', { unit: 'spots', metric: 'count', value: 3 }),
  ];
  placesHeld(cs);
  assert.deepEqual(
    cs.map((c) => c.metric),
    ['top_spots_count:5', 'top_spots_count:3', 'count'],
  );
  // End to end: China's labs held 4 of the top 5 places in the week of 9-15 February 2026, 3 a week later.
  const held = (n: string) =>
    one(`In the week of February 9-15, 2026, Chinese labs took ${n} of the top five spots on OpenRouter.`, n);
  assert.equal(held('four').verdict, 'supported');
  assert.equal(held('two').verdict, 'contradicted');
  assert.equal(one('Chinese labs took four of the top five spots on OpenRouter.', 'four').verdict, 'unverifiable');
});

test('a gap "between the two countries" is China\'s, read on the day named: the last reading on or before it', () => {
  for (const [text, verdict] of [
    // On 24 May 2025 (the last reading before 1 June 2025) the Arena gap was 78.2 points.
    ['科技频道 | 2026年6月3日\n\n去年6月1日的榜单上，两国头部模型的差距接近80分。', 'supported'],
    ['科技频道 | 2026年6月3日\n\n去年6月1日的榜单上，两国头部模型的差距为40分。', 'contradicted'],
  ] as const) {
    const c = checker.check('t', text).claims.find((x) => x.unit === 'points');
    assert.equal(c?.subject, 'country-cn', text);
    assert.equal(c?.time, '2025-06-01', text);
    assert.equal(c?.verdict, verdict, text);
  }
});

test('a place is read on the ranking its passage speaks of: by tokens, or on the Arena, and then may be refuted', () => {
  const place = (text: string) => checker.check('t', text).claims.find((c) => c.unit === 'rank');
  // Over the 30 days to 7 August 2026, Xiaomi was second by tokens on OpenRouter.
  const traffic = 'In the 30 days to 7 August 2026, on OpenRouter tokens, Xiaomi came in';
  assert.equal(place(`${traffic} second place.`)?.metric, 'token_rank');
  assert.equal(place(`${traffic} second place.`)?.verdict, 'supported');
  assert.equal(place(`${traffic} fifth place.`)?.verdict, 'contradicted');
  // On the Arena board of 31 May 2026, GLM-5.1 was 13th by score.
  const board = 'On the Arena leaderboard of 31 May 2026, GLM-5.1 ranked';
  assert.equal(place(`${board} 13th.`)?.metric, 'arena_rank');
  assert.equal(place(`${board} 13th.`)?.verdict, 'supported');
  assert.equal(place(`${board} 20th.`)?.verdict, 'contradicted');
});

test("a ratio between two sides' token volumes is computed from their volumes in the window said", () => {
  // 25-31 July 2026: China 37.48 trillion tokens, the US 19.14 trillion, a ratio of 1.96.
  const ratio = (text: string) => checker.check('t', text).claims.find((c) => c.metric === 'token_ratio');
  const week =
    'From 25 to 31 July 2026, Chinese models processed 37.5 trillion tokens and American models 19.1 trillion';
  const said = ratio(`${week}; the former was nearly twice the latter.`);
  assert.equal(said?.subject, 'country-cn');
  assert.equal(said?.comparison, 'country-us');
  assert.equal(said?.verdict, 'supported');
  assert.equal(ratio(`${week}; the former was three times the latter.`)?.verdict, 'contradicted');
});

test('a count of models in a named top list is the places held there, and the count is of the origin named after it', () => {
  // OpenRouter's weekly top 10 for 16-22 February 2026 held 4 Chinese models.
  const text = '2026年2月16日至22日这一周，OpenRouter前十名中来自中国的模型只有4款。';
  const c = checker.check('t', text).claims.find((x) => x.quote.startsWith('4'));
  assert.equal(c?.metric, 'top_spots_count:10');
  assert.equal(c?.subject, 'country-cn');
  assert.equal(c?.verdict, 'supported');
  const wrong = checker.check('t', text.replace('4款', '7款')).claims.find((x) => x.quote.startsWith('7'));
  assert.ok(wrong, 'the wrong count is a claim too');
  assert.notEqual(wrong?.verdict, 'supported');
});

test('a traffic share said of the platform itself is the share of the one country or maker around it that bears it out', () => {
  // 25-31 July 2026: Chinese models took 65.4% of OpenRouter's tokens.
  const text = '科技频道 | 2026年8月3日\n\n在7月25日至31日这7天里，中国模型吃下OpenRouter六成五流量。';
  const c = checker.check('t', text).claims.find((x) => x.quote.includes('六成五'));
  assert.equal(c?.subject, 'country-cn');
  assert.equal(c?.verdict, 'supported');
  const off = checker.check('t', text.replace('六成五', '八成')).claims.find((x) => x.quote.includes('八成'));
  assert.ok(off, 'the wrong share is a claim too');
  assert.notEqual(off?.verdict, 'supported');
});

test('an index named in Chinese is that benchmark: scores are checked on it, and not on another of its maker', () => {
  const score = (text: string) => checker.check('t', text).claims.find((c) => c.unit === 'points');
  const zh = score('在Artificial Analysis的綜合智慧指數上，Claude Opus 5拿下63.1分。');
  assert.equal(zh?.verdict, 'supported');
  assert.match(zh?.evidence[0]?.statement ?? '', /aa_intelligence/);
  // Kimi K3 holds 59.7 on the intelligence index: 50.2 is refuted there.
  assert.equal(score('在Artificial Analysis的综合智能指数上，Kimi K3得分为50.2分。')?.verdict, 'contradicted');
});

test('a gap said of a named index is read on that index; a gap said of none, never on an index not named', () => {
  const gap = (text: string) =>
    checker.check('t', `Gap\n2026-08-10\n\n${text}`).claims.find((c) => c.unit === 'points');
  const named = gap('在Artificial Analysis的综合智能指数上，中美差距只有3.4分。');
  assert.equal(named?.verdict, 'supported');
  assert.match(named?.evidence[0]?.statement ?? '', /^aa-intelligence/);
  // The same figure said of no index: not the intelligence index's (the Arena gap then was some 15 to 40 points).
  const bare = gap('The gap between the best American and the best Chinese model is just 3.4 points.');
  assert.notEqual(bare?.verdict, 'supported');
  assert.ok(!(bare?.evidence ?? []).some((e) => /^aa-/.test(e.statement)));
});

test('end to end: money said to be spent over a window is spending on the platform, and so are the amounts listed after it', () => {
  // OpenRouter, the 30 days 21 June to 20 July 2026: Anthropic's models $127.8M, OpenAI's $35.5M, Google's $11.7M.
  const text =
    'Over the 30 days from June 21 to July 20, 2026, OpenRouter users spent about $128 million on Anthropic models. ' +
    'OpenAI followed at roughly $45 million, then Google at some $11.7 million.';
  const spend = claimsOf(text).filter((c) => c.unit === 'USD');
  assert.deepEqual(
    spend.map((c) => [c.metric, c.verdict]),
    [
      ['spend', 'supported'],
      ['spend', 'contradicted'],
      ['spend', 'supported'],
    ],
  );
  // Money that names another kind keeps it: an investment listed after a spend is not a spend.
  const pledge = claimsOf(`${text} Separately, OpenAI pledged an investment of $50 million in a new fund.`).at(-1);
  assert.notEqual(pledge?.metric, 'spend');
  // A multiple of another side's spending is read on their spend in that window: 127.8 / 35.5 = 3.6.
  const ratio = claimsOf(
    'In the 30 days from June 21 to July 20, 2026, spending on Anthropic models was 3.6 times the spending on OpenAI models.',
  ).find((c) => c.unit === 'x');
  assert.equal(ratio?.metric, 'spend_ratio');
  assert.equal(ratio?.verdict, 'supported');
});

test("end to end: downloads said of an organization are its models' on the hub, over the 30 days to the snapshot", () => {
  // The hub's snapshot of 28 July 2026: Alibaba's (Qwen's) models 153.6M of 260M downloads, Meta's 26.5M, Nvidia's 23.6M.
  const dated = 'Hub snapshot, July 28, 2026: Alibaba models were downloaded 154 million times, about six times Meta.';
  const [count, ratio] = claimsOf(dated);
  assert.equal(count?.verdict, 'supported');
  assert.equal(ratio?.metric, 'download_ratio');
  assert.equal(ratio?.verdict, 'supported');
  // Undated, in an article of 1 August: the latest snapshot before it is the count it read, which can refute it.
  const undated = (n: string) => claimsOf(`1 August 2026\n\nNvidia models drew about ${n} million downloads.`)[0];
  assert.equal(undated('23.6')?.verdict, 'supported');
  assert.equal(undated('30')?.verdict, 'contradicted');
  // Long after the snapshot, what the hub showed then is not what the article saw.
  assert.equal(
    claimsOf('1 December 2026\n\nNvidia models drew about 30 million downloads.')[0]?.verdict,
    'unverifiable',
  );
});

test('end to end: a benchmark is named as its id spells it or by its acronym, and a score after it is on it', () => {
  // Epoch's index: GPT-5.4 Pro 157.94, Kimi K2.5 148.19; GPQA Diamond: GPT-5.4 Pro 0.946, GLM-5 0.878.
  const opening = 'The Epoch Capabilities Index (ECI) folds many tests into one number.\n\n';
  const score = one(`${opening}GPT-5.4 Pro now scores 157.9 on the index.`, '157.9');
  assert.equal(score.metric, 'score:epoch_capabilities_index');
  assert.equal(score.verdict, 'supported');
  // A bare figure after "sits at" is a score on the benchmark named before, on its scale, or no claim at all.
  assert.equal(one(`${opening}Kimi K2.5 sits at 148.2.`, '148.2').verdict, 'supported');
  assert.equal(claimsOf('Kimi K2.5 sits at 148.2.').length, 0);
  assert.equal(claimsOf(`${opening}Kimi K2.5 sits at 600.`).length, 0);
  // A place is still written as one.
  assert.equal(one('On the Arena, Kimi K2.5 sits 3rd.', '3rd').unit, 'rank');
  // A percentage said in a sentence that names a benchmark scored from 0 to 1 is that fraction.
  const right = one('On GPQA Diamond, GPT-5.4 Pro answers 94.6% of the questions.', '94.6%');
  assert.equal(right.metric, 'score:gpqa_diamond');
  assert.equal(right.verdict, 'supported');
  assert.equal(one('On GPQA Diamond, GLM-5 answers about 70% of the questions.', '70%').verdict, 'contradicted');
  // The acronym alone names it.
  assert.equal(one('On ECI, Kimi K2.5 scores 148.2.', '148.2').metric, 'score:epoch_capabilities_index');
});

test('end to end: an index whose name holds a category word is that index, not a category board of the Arena', () => {
  // Artificial Analysis Coding Index: Claude Opus 5 at 78.
  const c = one('根据Artificial Analysis的编程能力指数（Coding Index），Claude Opus 5以78分居首。', '78分');
  assert.equal(c.metric, 'score:aa_coding');
  assert.equal(c.verdict, 'supported');
});

test('end to end: "当天" and "前一天" point back to the day named before; a volume of that day is its daily volume', () => {
  // OpenRouter's daily activity: Chinese labs 5.40T tokens on 19 July 2026, US labs 2.41T on 18 July.
  const day = '2026年8月9日\n\n高峰在7月19日。当天中国厂商的模型处理了约5.4万亿Token。';
  const c = one(day, '5.4万亿');
  assert.equal(c.time, '2026-07-19');
  assert.equal(c.metric, 'tokens_day');
  assert.equal(c.verdict, 'supported');
  const before = one(`${day}前一天，美国厂商的模型处理了约2.4万亿Token。`, '2.4万亿');
  assert.equal(before.time, '2026-07-18');
  assert.equal(before.verdict, 'supported');
  assert.equal(one(`${day}前一天，美国厂商的模型处理了约3.5万亿Token。`, '3.5万亿').verdict, 'contradicted');
  // A total up to a day is not that day's volume.
  assert.notEqual(one('截至7月19日，中国厂商的模型累计处理了约5.4万亿Token。', '5.4万亿').metric, 'tokens_day');
});

test("end to end: a family's traffic is its models' over the window; a multiple of another's share is of their volumes", () => {
  // The 7 days 1-7 August 2026: DeepSeek's models 16.68T tokens, the GPT family 8.37T, the Gemini family 5.60T.
  const week = '2026年8月9日\n\n8月1日至7日这一周，DeepSeek的模型占全部Token的四分之一，是GPT系列的两倍。';
  const ratio = one(week, '两倍');
  assert.equal(ratio.metric, 'token_ratio');
  assert.equal(ratio.subject, 'deepseek');
  assert.equal(ratio.comparison, 'family:gpt');
  assert.equal(ratio.verdict, 'supported');
  assert.equal(one('2026年8月9日\n\n8月1日至7日这一周，Gemini系列约5.6万亿Token。', '5.6万亿').verdict, 'supported');
  assert.equal(one('2026年8月9日\n\n8月1日至7日这一周，Gemini系列约7.5万亿Token。', '7.5万亿').verdict, 'contradicted');
});

test("end to end: a family named with a version is one of its models, never checked on the family's own figures", () => {
  // The Gemini family's 5.60T tokens over 1-7 August 2026 are not those of a "Gemini 9 Ultra" the data does not hold.
  const c = one('2026年8月9日\n\n8月1日至7日这一周，Gemini 9 Ultra约5.6万亿Token。', '5.6万亿');
  assert.equal(c.verdict, 'unverifiable');
  // Nor is a traffic figure whose subject the text names in words the data does not know borne out by another's.
  const unknown = one(
    '2026年8月9日\n\n8月1日至7日这一周，GPT系列约8.4万亿Token；某某实验室的Zorbix约5.6万亿Token。',
    '5.6万亿',
  );
  assert.notEqual(unknown.verdict, 'supported');
});

test("end to end: a rating or place on the Arena's vision board is that board's; an old place told again is outdated", () => {
  // The vision board of 17 December 2025: Gemini 3 Pro first at 1330.1, Gemini 2.5 Pro second (first on 4 August).
  const para = '2025年12月20日\n\n再看竞技场的视觉榜。截至12月17日，Gemini 3 Pro以1330分领跑。';
  const rating = one(para, '1330分');
  assert.equal(rating.metric, 'rating:lmarena-vision');
  assert.equal(rating.verdict, 'supported');
  assert.equal(one(para.replace('1330', '1100'), '1100分').verdict, 'contradicted');
  // A gap said after the day named in its paragraph is of that day, on the vision board's gap.
  const gap = one(`${para}中美在视觉榜上的差距约为${'70'}分。`, '70分');
  assert.equal(gap.time, '2025-12-17');
  assert.ok(gap.evidence.some((e) => e.statement.startsWith('arena-vision, 2025-12-17')));
  // First in August, second by the day the passage names: outdated, not false.
  const old = one(`${para}Gemini 2.5 Pro在视觉榜上仍排第一。`, '第一');
  assert.equal(old.verdict, 'outdated');
  // Said of the day in its own sentence, a place that day's reading does not bear out is wrong.
  assert.equal(one('2025年12月17日的视觉榜上，Gemini 2.5 Pro排第一。', '第一').verdict, 'contradicted');
});

test('end to end: a price in a sentence about blends is a blend, on the day; a ratio there is of blends; own data is not ours', () => {
  // OpenRouter from 8 August 2026: Kimi K3 $3 in / $15 out (blend 6.00), GPT-5.6 Terra $1 / $6 (blend 2.25).
  const day = '2026年8月10日\n\n';
  const terra = (v: string) =>
    one(`${day}按三份输入、一份输出的混合价格计算，最便宜的是GPT-5.6 Terra，每百万token约${v}美元。`, `${v}美元`);
  assert.equal(terra('2.25').metric, 'blended_price');
  assert.equal(terra('2.25').verdict, 'supported');
  // No seller's blend that day, nor in the month before, is near 3.5: refuted.
  assert.equal(terra('3.5').verdict, 'contradicted');
  const ratio = one(`${day}按混合价格计算，GPT-5.6 Terra最便宜；Kimi K3约为它的2.7倍。`, '2.7倍');
  assert.equal(ratio.verdict, 'supported');
  // A volume a party leaves unnamed reports of its own platform is not the hub's.
  const mirror = one(`${day}一家镜像站则称，其平台上千问系列的下载超过2亿次。`, '2亿次');
  assert.equal(mirror.verdict, 'unverifiable');
});

test('end to end: of two indices named in a sentence, a score is on the one named before it', () => {
  // Artificial Analysis, 8 August 2026: Qwen3.8 Max 71.8 on the Coding Index, 58.4 on the Agentic Index.
  const text = 'Artificial Analysis的榜单上，Qwen3.8 Max的编程指数只有58分，比它的智能体指数还低。';
  const c = one(text, '58分');
  assert.equal(c.metric, 'score:aa_coding');
  assert.equal(c.verdict, 'contradicted');
});

test('end to end: a share with no measure named, in a text about a traffic platform, is a share of its tokens', () => {
  // OpenRouter's daily activity, 17 June 2026: Chinese labs 57.9% of tokens.
  const text = '2026年8月9日\n\nOpenRouter上的国产模型份额值得关注。6月17日，中国模型份额约为{v}%。';
  assert.equal(one(text.replace('{v}', '58'), '58%').verdict, 'supported');
  assert.equal(one(text.replace('{v}', '48'), '48%').verdict, 'contradicted');
  // Not a share of spending, or of a market.
  assert.notEqual(
    one(text.replace('中国模型份额约为{v}%', '中国模型的消费额份额约为48%'), '48%').metric,
    'token_share',
  );
});

test("end to end: a maker's week-on-week growth, a chip's score, and a maker's product named by its short name", () => {
  // Tencent's models: 11.57T tokens in the 7 days to 19 July 2026, 6.59T in the 7 days to 12 July (+75.7%).
  const growth = one(
    'In the seven days from July 13 to July 19, 2026, Tencent saw its tokens up by roughly 76%.',
    '76%',
  );
  assert.equal(growth.verdict, 'supported');
  // Neither count refutes it: the daily activity and the weekly lists count differently.
  assert.notEqual(
    one('In the seven days from July 13 to July 19, 2026, Tencent saw its tokens up by roughly 20%.', '20%').verdict,
    'contradicted',
  );
  // The B200 (HGX) has a TPP of 36,000.
  const tpp = one("Nvidia's B200, in its HGX board form, scores 36,000 under the rules.", '36,000');
  assert.equal(tpp.metric, 'tpp');
  assert.equal(tpp.subject, 'nvidia-b200-hgx');
  assert.equal(tpp.verdict, 'supported');
  // "its M3 model": the maker's model of that name.
  assert.equal(
    one('MiniMax cut the price of its M3 model, leaving output at $1.20.', '$1.20').subject,
    'model:minimax-m3',
  );
});

test('end to end: a chip named without its maker, a pronoun pointing back, a rule named after a chip’s figure, 词元', () => {
  // Amazon Trainium2: 96 GB, TPP 10,672 (secondary record: supports only); the H20's memory bandwidth is 4.0 TB/s.
  const trn = one('亚马逊的Trainium2则配备96GB内存，TPP逾1万，同样落在管制范围内。', '1万');
  assert.equal(trn.subject, 'amazon-trainium2');
  assert.equal(trn.metric, 'tpp');
  assert.equal(trn.verdict, 'supported');
  // "它" opens the sentence: the one chip the sentence before names, whatever else the passage names.
  const h20 = one('华为的昇腾910C算力更强。不过，H20的优势在于内存系统。它的显存带宽为3.3TB/s。', '3.3TB/s');
  assert.equal(h20.subject, 'nvidia-h20');
  assert.equal(h20.verdict, 'contradicted');
  // A threshold named after the figure is what the figure is compared with, not whose it is.
  const br = one('壁仞的BR100按出口管制规则计算的总处理性能（TPP）达16,384，约为3A090.a门槛的3.4倍。', '16,384');
  assert.equal(br.metric, 'tpp');
  // 词元 is a token (Taiwan).
  assert.equal(one('2026年8月9日\n\n8月1日至7日这一周，Gemini系列约5.6万亿个词元。', '5.6万亿').verdict, 'supported');
});

test('end to end: one share said of names joined before it is the group’s; a chip guessed from the passage is not refuted', () => {
  // Gemini 3 Flash alone held 10.2% of the weekly list of 13 April 2026; with the two Claude models, more.
  const group = one(
    '2026年4月20日\n\n4月6日至12日这一周，Anthropic的两款Claude及谷歌的Gemini 3 Flash合计只占约一成。',
    '一成',
  );
  assert.notEqual(group.verdict, 'supported');
  // "Google's sixth TPU … 32GB": a chip the passage names (the H100, 80 GB) is a guess, not refuted by its memory.
  const guess = one('H100的显存为80GB。谷歌第六代TPU每颗只配备32GB高带宽内存。', '32GB');
  assert.notEqual(guess.verdict, 'contradicted');
});
