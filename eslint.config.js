import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { coreOrderBlocks } from './eslint/core-order.js';
import { architecture } from './eslint/layers.js';

/** The layer and cycle rules of docs/ARCHITECTURE.md live in eslint/layers.js, the core's folder order in eslint/core-order.js. */
export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', '.tools/', 'test-results/', 'playwright-report/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Zustand actions and props are arrow functions; the rule cannot tell and flags every one (170).
      '@typescript-eslint/unbound-method': 'off',
      // Async without await is deliberate here: methods that implement an async interface, and
      // functions whose throw must reach the caller as a rejection.
      '@typescript-eslint/require-await': 'off',
      // A caught error is passed on as it came (typed unknown): that is not throwing a non-Error.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests read JSON from the CLI, HTTP and files and assert its shape: typing each parse adds nothing.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Stand-ins and fixtures print whatever JSON they were handed.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // A unit test is pure and fast (vitest.config.ts): one needing a database, a server, a child
    // process or a temp directory belongs in test/integration.
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['child_process', 'net', 'http', 'https', 'os'].flatMap((name) => [name, `node:${name}`]),
            'better-sqlite3-multiple-ciphers',
            'pg',
            'smtp-server',
            'imapflow',
          ].map((name) => ({ name, message: 'Unit tests are pure: move this test to test/integration.' })),
          patterns: [
            {
              group: ['**/electron/db/*', '!**/electron/db/typed-row', '**/test/helpers/*', '../helpers/*'],
              message: 'Unit tests are pure: move this test to test/integration.',
            },
          ],
        },
      ],
    },
  },
  // Plain JavaScript (configs, scripts) has no types to check.
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked] },
  ...architecture,
  // Inside the core, each folder imports only the folders below it.
  ...coreOrderBlocks(),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
