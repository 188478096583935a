// Lint: typescript-eslint's recommended rules, no import cycles, and the layering of the project:
// capabilities never import the edges (cli/, server/), pages never touch the store.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

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
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/store/**'], message: 'pages call operations, never the store' }, edges] },
      ],
    },
  },
);
