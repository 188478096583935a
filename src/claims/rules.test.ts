/**
 * Rules' thresholds as claims: a figure an export rule sets on a chip measure (TPP, performance density,
 * interconnect, memory bandwidth density) is said of the rule, read on the records in force on the claim's day,
 * `outdated` when only a superseded record has it, and refuted when no record has it; a chip's measure as a
 * multiple of the threshold is the chip's. And a survey's figures, which are about no entity. Sentences of our own, over
 * the real snapshot.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { CheckedClaim, Checker } from './index.ts';
import { rulesByName } from './entities.ts';
import { claimsFixture } from '../../test/claims-fixture.ts';

let checker: Checker;
before(async () => void ({ checker } = await claimsFixture()));

/** The claims of a short article dated 2026-08-20. */
const claimsOf = (body: string): CheckedClaim[] => checker.check('t', `Headline\n2026-08-20\n\n${body}\n`).claims;
const only = (body: string, quote: string): CheckedClaim => {
  const c = claimsOf(body).find((x) => x.quote.includes(quote));
  assert.ok(c, `"${quote}" is a claim in: ${body}`);
  return c;
};

test('rules are named by their classification number (every record of it) and by title', () => {
  const named = rulesByName([
    { id: 'r-2022', title: 'ECCN 3E999 as created by a rule of 2022 (a long title)' },
    { id: 'r-2023', title: 'ECCN 3E999.a/.b as revised in 2023' },
    { id: 'fw', title: 'Framework for Artificial Intelligence Widgets (IFR)' },
    { id: 'other', title: 'Guidance on something' },
  ]);
  assert.deepEqual(named.get('rule:3E999')?.versions, ['r-2022', 'r-2023']);
  assert.ok(named.get('rule:3E999')?.names.includes('3E999.b'));
  assert.deepEqual(named.get('rule:fw')?.names, [
    'Framework for Artificial Intelligence Widgets',
    'AI Widgets Framework',
    'AI Widgets Rule',
    'AI Widgets',
  ]);
  assert.equal(named.has('rule:other'), false);
});

test("a threshold said with the rule's operator is the rule's, borne out or refuted by the record in force", () => {
  const text = 'Under ECCN 3A090.a, a chip with a TPP of 4,800 or more needs a licence.';
  const c = only(text, '4,800');
  assert.equal(c.metric, 'threshold_tpp');
  assert.equal(c.subject, 'rule:3A090');
  assert.equal(c.verdict, 'supported');
  assert.match(c.evidence[0]?.statement ?? '', /TPP .*4800/);
  const off = only(text.replace('4,800', '4,200'), '4,200');
  assert.equal(off.metric, 'threshold_tpp');
  assert.equal(off.verdict, 'contradicted');
  // In Chinese, with the operator after the figure, and a density in the same passage.
  const zh = '依照3A090，总处理性能（TPP）达到4800即受管制；若TPP较低，性能密度达到5.92同样受管制。';
  assert.equal(only(zh, '4800').verdict, 'supported');
  const pd = only(zh, '5.92');
  assert.equal(pd.metric, 'threshold_pd');
  assert.equal(pd.verdict, 'supported');
});

test('a threshold of a superseded rule stated as current is outdated; told of its own year, it is borne out', () => {
  const now = only('Chips are controlled once their interconnect reaches 600 GB/s.', '600');
  assert.equal(now.metric, 'threshold_interconnect');
  assert.equal(now.verdict, 'outdated');
  assert.ok(now.evidence.some((e) => /superseded/.test(e.statement)));
  const then = only('In October 2022 chips were controlled once their interconnect reached 600 GB/s.', '600');
  assert.equal(then.verdict, 'supported');
});

test('the memory rule: a bandwidth per square millimetre in a sentence about controls', () => {
  const text = 'The 2024 package began controlling HBM with a bandwidth density above 2 GB/s per square millimetre.';
  const c = only(text, '2 GB/s');
  assert.equal(c.metric, 'threshold_bandwidth_density');
  assert.equal(c.verdict, 'supported');
  assert.equal(only(text.replace('2 GB/s', '3 GB/s'), '3 GB/s').verdict, 'contradicted');
});

test("a chip's measure as a multiple of the threshold is the chip's; a chip's own figure stays a spec", () => {
  const three = only("The H100's TPP is more than three times the threshold set by the export rules.", 'three times');
  assert.equal(three.metric, 'threshold_ratio_tpp');
  assert.equal(three.subject, 'nvidia-h100-sxm');
  assert.equal(three.verdict, 'supported');
  // 2,368 over 4,800 is about half, not twice: not borne out, and never refuted (which threshold is not said).
  const twice = only('H20的TPP约为门槛的两倍。', '两倍');
  assert.equal(twice.metric, 'threshold_ratio_tpp');
  assert.equal(twice.verdict, 'unverifiable');
  const spec = only('The H20 was built to stay under the export rules. Its TPP is 2,368.', '2,368');
  assert.equal(spec.metric, 'tpp');
  const named = only('The H20 has a TPP of 2,368, under the rule.', '2,368');
  assert.equal(named.metric, 'tpp');
  assert.equal(named.subject, 'nvidia-h20');
});

test("a survey's figures are the survey's: about no entity the data holds, never checked on one named beside them", () => {
  const en = claimsOf('In a survey of 900 engineers, 38% said they prefer Qwen models for price.');
  const share = en.find((c) => c.quote === '38%');
  assert.equal(share?.metric, 'survey_share');
  assert.equal(share?.subject, null);
  assert.equal(share?.subject_name, 'survey');
  assert.equal(share?.verdict, 'unverifiable');
  assert.equal(en.find((c) => c.quote.startsWith('900'))?.metric, 'respondent_count');
  const zh = only('一项调查显示，四成五的受访企业已接入DeepSeek的API。', '四成五');
  assert.equal(zh.metric, 'survey_share');
  assert.equal(zh.verdict, 'unverifiable');
  // Without survey words, the same share is the model's.
  assert.notEqual(only('Qwen models took 38% of downloads.', '38%').metric, 'survey_share');
});

test("counts an event's text states are facts of the event: entities put on the Entity List that month, either way", () => {
  const c = only('In December 2024 the United States added 140 Chinese entities to the Entity List.', '140');
  assert.equal(c.metric, 'count:entities');
  assert.equal(c.verdict, 'supported');
  assert.match(c.evidence[0]?.statement ?? '', /140 Entity List additions/);
  const zh = only('2023年10月，美国一口气将13个中国实体列入实体清单。', '13');
  assert.equal(zh.verdict, 'supported');
  // Not the count of that month's one listing event (140): refuted by it.
  assert.equal(
    only('In December 2024 the United States added 180 Chinese entities to the Entity List.', '180').verdict,
    'contradicted',
  );
  // Said of no month, a count is no one event's.
  assert.equal(
    only('The United States has added 180 Chinese entities to the Entity List.', '180').verdict,
    'unverifiable',
  );
});

test("a rule's lists are counted (a country group's members, a tier's countries), and a one-record rule's caps are its own", () => {
  const groups = only('Country Group D:5 now lists 22 countries.', '22');
  assert.deepEqual([groups.metric, groups.subject, groups.verdict], ['members', 'group:D:5', 'supported']);
  assert.equal(only('Country Group D:5 now lists 30 countries.', '30').verdict, 'contradicted');
  const tier = only('Under the AI Diffusion rule, 18 countries were in Tier 1.', '18');
  assert.deepEqual([tier.metric, tier.verdict], ['members:tier1', 'supported']);
  assert.equal(only('Under the AI Diffusion rule, 24 countries were in Tier 1.', '24').verdict, 'contradicted');
  // The framework was rescinded; what it set is still what it set.
  const cap = only('AI擴散框架規定，第二級國家的累計上限為7.9億TPP。', '7.9');
  assert.deepEqual([cap.metric, cap.verdict], ['threshold_tpp', 'supported']);
});

test('a threshold of the rule as first made is read on its first record: borne out, not outdated', () => {
  const text = 'The original ECCN 3A090 rule caught chips whose interconnect reached 600 GB/s.';
  const c = only(text, '600');
  assert.deepEqual([c.metric, c.verdict], ['threshold_interconnect', 'supported']);
  // Said as the rule of today, the same figure is outdated (the 2023 revision dropped the interconnect test).
  assert.equal(only(text.replace('The original ECCN 3A090 rule', 'ECCN 3A090'), '600').verdict, 'outdated');
});
