/**
 * @module
 * The shape of an answer-key file (see README.md here), shared by the key's own check and the corpus scorer,
 * and the rule both answer keys' checks apply to a claim's bounds.
 */
import assert from 'node:assert/strict';
export interface KeyClaim {
  quote: string;
  value: number;
  low: number | null;
  high: number | null;
  bound: string;
  unit: string;
  subject: string;
  subject_kind: string;
  metric: string;
  time: string | null;
  versus: string | null;
  notes?: string;
  verdict: string;
  verdict_basis: string;
  data_covers: boolean;
}

export interface KeyFile {
  article: string;
  language: 'en' | 'zh-Hans' | 'zh-Hant';
  split: 'build' | 'holdout';
  claims: KeyClaim[];
}

/** A claim's `low` and `high` agree with its bound: both ends for a range, one for a one-sided bound, none else. */
export function assertBounds(c: KeyClaim, at: string): void {
  if (c.bound === 'range') {
    assert.ok(c.low !== null && c.high !== null && c.low < c.high, `${at}: range needs low < high`);
    assert.ok(c.low <= c.value && c.value <= c.high, `${at}: value outside range`);
  } else if (c.bound === 'at_least' || c.bound === 'more_than') {
    assert.equal(c.low, c.value, `${at}: low must equal value`);
    assert.equal(c.high, null, `${at}: high must be null`);
  } else if (c.bound === 'at_most' || c.bound === 'less_than') {
    assert.equal(c.high, c.value, `${at}: high must equal value`);
    assert.equal(c.low, null, `${at}: low must be null`);
  } else {
    assert.equal(c.low, null, `${at}: low must be null`);
    assert.equal(c.high, null, `${at}: high must be null`);
  }
}
