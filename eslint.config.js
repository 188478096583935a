// Lint: typescript-eslint's recommended rules, no import cycles, and the layering of the project:
// capabilities never import the edges (cli/, server/), pages never touch the store and reach capabilities only
// through their operations (op.ts).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// What a page may import from outside src/pages, besides type-only imports: a capability's operations (op.ts),
// the shared layers (charts, util, ops), and three pure modules with no data access. The store and the edges are
// exempt from this pattern only because their own patterns below refuse them outright, types included.
const pageMayImport = [
  '[^/]+/op\\.ts$',
  '(?:charts|util|ops|store|cli|server)/',
  // gapAt: the gap on a date from the series the `gap` operation returned (pure; the series is cached per db).
  'frontier/gap\\.ts$',
  // The pillars and the weights parser the overview keeps in its URL, shared with the `score` operation.
  'scorecard/weights\\.ts$',
  // The curated translations of interface text: a file shipped with the code, not the database.
  'data/curated\\.ts$',
];

const edges = { group: ['**/cli/**', '**/server/**'], message: 'capabilities must not import the CLI or the server' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'test/artifacts/**', 'data/**', 'out/**', 'src/client/dist/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/server/**', 'src/pages/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [edges] }] },
  },
  {
    files: ['src/pages/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // The TypeScript version: it can let type-only imports through (allowTypeImports).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/store/**'], message: 'pages call operations, never the store' },
            edges,
            {
              regex: `^\\.\\./(?!${pageMayImport.join('|')})`,
              allowTypeImports: true,
              message:
                'pages get data through operations: import a capability only from its op.ts (types are fine); ' +
                'a pure helper a page needs goes on the short list in eslint.config.js, with the reason',
            },
          ],
        },
      ],
    },
  },
);
