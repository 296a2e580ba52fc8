// Lint runs before jest in `npm test` (and so in CI). Type-aware rules catch promises nobody awaits;
// the workflow rules keep workflow code replayable (see docs/architecture.md, "Workflows").
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'data/', '.tools/', 'coverage/', 'bench/out/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Temporal replays workflow code: no Node built-ins, no clocks or I/O of their own, and activities,
    // infra, db and api reach workflows as types only. The domain modules workflows import obey the same.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'workflow and domain code is replayed: no Node built-ins' })) }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/activities', '**/activities/**', '**/infra/**', '**/db/**', '**/api/**', '**/worker/**', 'pg', 'drizzle-orm', 'drizzle-orm/**', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
          allowTypeImports: true,
          message: 'workflow and domain code import these as types only',
        }],
      }],
    },
  },
  {
    files: ['web/**/*.js', 'web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  {
    // Views moved from JS and not yet typed say so at their top (@ts-nocheck with the reason).
    files: ['web/src/views/*.ts'],
    rules: { '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': 'allow-with-description' }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
