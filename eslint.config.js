// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const electronBan = {
  name: 'electron',
  message:
    'Only main/shells/electron.ts and preload/index.ts may import electron (DESIGN.md, rules of the house).',
};

// Issue 24: an assertion behind a condition the test does not control may never run. Assert the
// condition itself first (or split the table), and catch a throw with `thrown()` or `.rejects`.
const conditionalAssertions = [
  'IfStatement',
  'ConditionalExpression',
  'LogicalExpression',
  'SwitchCase',
  'CatchClause',
].map((where) => ({
  selector: `${where} CallExpression[callee.name='expect']`,
  message: `An assertion inside a ${where} may never run: assert the condition itself first.`,
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'reports/',
      '.stryker-tmp*/',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.node.json',
          './tsconfig.preload.json',
          './tsconfig.renderer.json',
          './tsconfig.e2e.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    // Plain Node scripts (build, start, CI helpers): not in a tsconfig, so no type-aware rules.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { project: false, projectService: false, program: null },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...conditionalAssertions],
    },
  },
  {
    // Unit tests wait for nothing real: fake timers or an injected clock, never a sleep (issue 24).
    files: ['test/unit/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...conditionalAssertions,
        {
          selector:
            "CallExpression[callee.name='setTimeout'], CallExpression[callee.property.name='setTimeout']",
          message:
            'No sleeps in unit tests: use fake timers or an injected clock; time limits go in npm run bench.',
        },
      ],
    },
  },
  {
    // Playwright fixtures take their dependencies as a destructured first argument, even when empty.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Type-only imports of Electron's types are fine in the shells (electron-policy.ts).
    files: ['main/shells/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ ...electronBan, allowTypeImports: true }] }] },
  },
  {
    files: ['main/shells/electron.ts', 'preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/exchange/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: [
                '**/services/**',
                '**/shells/**',
                '**/renderer/**',
                '**/exchange-sim/**',
                '**/store/**',
                '**/secrets/**',
              ],
              message: 'main/exchange/ is the plain-Node EWS client: it imports nothing from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/shells/**', '**/exchange-sim/**'],
              message: 'Services import no shell and no simulator.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [{ group: ['**/main/**'], message: 'The renderer talks only to window.roster.' }],
        },
      ],
    },
  },
);
