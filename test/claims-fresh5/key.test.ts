// Validates this held-out claims key against its own articles (test/claims-key/held-out.ts): names, datelines,
// lengths, one key per article with split "fresh", and every claim's quote, bounds and verdict. It checks the key,
// never the extractor. Same ranges as the fourth fresh set: 350-650 words, 450-800 Han characters, 14-18 claims
// each, four articles per language, and verdicts mixed across the set.
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { heldOutKeyTests } from '../claims-key/held-out.ts';
import { readKeySet, type KeyClaim } from '../claims-key/key.ts';

const dir = dirname(fileURLToPath(import.meta.url));
heldOutKeyTests(dir, 'm', { articles: 12, perLanguage: 4, words: [350, 650], han: [450, 800], claims: [14, 18] });

test('the verdicts are mixed across the set', () => {
  const all = readKeySet<{ article: string; claims: KeyClaim[] }>(dir).docs.flatMap((d) => d.claims);
  const share = (v: string) => all.filter((c) => c.verdict === v).length / all.length;
  assert.ok(share('supported') >= 0.45 && share('supported') <= 0.65, `supported ${share('supported')}`);
  assert.ok(share('contradicted') >= 0.15 && share('contradicted') <= 0.35, `contradicted ${share('contradicted')}`);
  assert.ok(share('unverifiable') >= 0.08 && share('unverifiable') <= 0.25, `unverifiable ${share('unverifiable')}`);
  // The brief asks for at least three outdated figures across the set.
  assert.ok(all.filter((c) => c.verdict === 'outdated').length >= 3, 'fewer than three outdated claims');
});
