// Validates this held-out claims key against its own articles (test/claims-key/held-out.ts): names, datelines,
// lengths, one key per article with split "fresh", and every claim's quote, bounds and verdict. It checks the key,
// never the extractor. Same ranges as the fifth fresh set: 350-650 words, 450-800 Han characters, 14-18 claims
// each, four articles per language, and verdicts mixed across the set.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { heldOutKeyTests, mixedVerdictsTest } from '../claims-key/held-out.ts';

const dir = dirname(fileURLToPath(import.meta.url));
heldOutKeyTests(dir, 'n', { articles: 12, perLanguage: 4, words: [350, 650], han: [450, 800], claims: [14, 18] });
mixedVerdictsTest(dir, {
  supported: [0.45, 0.65],
  contradicted: [0.15, 0.35],
  unverifiable: [0.08, 0.25],
  outdated: 3,
});
