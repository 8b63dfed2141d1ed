import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'demo-out/', 'coverage/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['addin/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Layering (ADR 0024). Office.js globals only in the Office adapter and the sign-in code.
  {
    files: ['addin/**/*.{ts,tsx}', 'cli/**/*.ts', 'functions/**/*.ts', 'shared/**/*.ts'],
    ignores: ['addin/src/excel/**', 'addin/src/auth/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Excel', 'Office', 'OfficeExtension', 'OfficeRuntime'].map((name) => ({
          name,
          message: 'Office.js only in addin/src/excel (the Workbook port adapter) and addin/src/auth',
        })),
      ],
    },
  },
  {
    // addin, cli and functions import each other only at named composition roots: the CLI's
    // `serve` (cli/src/commands/serve.ts), its one door to local-mode tokens (cli/src/apiAccess.ts)
    // and the pane's dev server (addin/dev/**). @azure/cosmos only in functions/src/store.
    files: ['addin/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**', '**/functions/**'], message: 'the pane imports shared/ only (ADR 0024)' },
            { group: ['@azure/cosmos'], message: '@azure/cosmos only in functions/src/store' },
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts'],
    ignores: ['**/*.test.ts', 'cli/src/commands/serve.ts', 'cli/src/apiAccess.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/addin/**', '**/functions/**'],
              message:
                'the CLI reaches the backend through shared/api; only serve and apiAccess compose it (ADR 0024)',
            },
            { group: ['@azure/cosmos'], message: '@azure/cosmos only in functions/src/store' },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    ignores: ['**/*.test.ts', 'functions/src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/addin/**', '**/cli/**'], message: 'the backend imports shared/ only (ADR 0024)' },
            { group: ['@azure/cosmos'], message: '@azure/cosmos only in functions/src/store' },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/src/http/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**'],
              message: 'functions/src/http never imports the store: services do (ADR 0024)',
            },
            { group: ['**/addin/**', '**/cli/**'], message: 'the backend imports shared/ only (ADR 0024)' },
            { group: ['@azure/cosmos'], message: '@azure/cosmos only in functions/src/store' },
          ],
        },
      ],
    },
  },
  {
    // DESIGN.md: shared/ is pure — no I/O, no Azure, no exceljs.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process', 'path'],
              message: 'shared/ is pure: no I/O',
            },
            { group: ['exceljs', '@azure/*'], message: 'shared/ is pure: no exceljs or Azure SDKs' },
            {
              group: ['**/functions/**', '**/cli/**', '**/addin/**'],
              message: 'dependencies point to shared/, never out of it',
            },
          ],
        },
      ],
    },
  },
);
