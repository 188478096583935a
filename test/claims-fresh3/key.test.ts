// Validates this held-out claims key against its own articles (test/claims-key/held-out.ts): names, datelines,
// lengths, one key per article with split "fresh", and every claim's quote, bounds and verdict. Never the extractor.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { heldOutKeyTests } from '../claims-key/held-out.ts';

heldOutKeyTests(dirname(fileURLToPath(import.meta.url)), 'h');
