import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    'dist/',
    'storybook-static/',
    'node_modules/',
    'coverage/',
    'e2e-screenshots/',
    'public/models/',
    'data/',
    '.train/',
    // gitignored scratch folders of screenshot and profiling sessions
    '.shots-tmp/',
    '.lesson-scratch/',
    '.mask-scratch/',
    '.debug-harness/',
  ]),
  {
    // Not type-checked rules: fast enough to run on every save.
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended, reactRefresh.configs.vite],
  },
  {
    // Stories and tests export non-components (meta, story objects) by design.
    files: ['stories/**', 'test/**', '.storybook/**'],
    rules: { 'react-refresh/only-export-components': 'off' },
  },
  {
    // Node-side code: scripts, the CLI, configs.
    files: ['scripts/**', 'src/cli/**', '*.{js,ts,mjs}', '.storybook/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.worker.ts'],
    languageOptions: { globals: { ...globals.worker } },
  },
]);
