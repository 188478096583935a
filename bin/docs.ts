// Rewrites docs/reference.md from the operations (npm run docs).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceMarkdown } from '../src/ops/reference.ts';
import { operations } from '../src/ops/registry.ts';
import { ROOT } from '../src/ops/paths.ts';

writeFileSync(join(ROOT, 'docs', 'reference.md'), referenceMarkdown(operations));
