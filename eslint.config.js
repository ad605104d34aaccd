import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { coreOrderBlocks } from './eslint/core-order.js';

/** Layer rules from DESIGN.md: each layer may import only what sits below it. */
const forbid = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', '.tools/', 'test-results/', 'playwright-report/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\./)', message: 'shared/ imports nothing but zod and itself.' }] }],
    },
  },
  {
    // One folder down (shared/outreach/…), "../x" is still shared/.
    files: ['shared/*/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\./|\\.\\./(?!\\.\\.))', message: 'shared/ imports nothing but zod and itself.' }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/db/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([['electron', 'electron/*', '**/renderer/**', '**/hosts/**', '**/main/**', '**/preload/**']],
        'The core is plain Node: never electron, the renderer or a host.'),
    },
  },
  // Inside the core, each folder imports only the folders below it.
  ...coreOrderBlocks(),
  {
    files: ['electron/log/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([['electron', 'electron/*', '**/shared/**', '**/renderer/**', '**/core/**', '**/db/**', '**/hosts/**', '**/main/**', '**/preload/**']],
        'The log sits below every layer: plain Node and its logging packages only.'),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid([['node:*', 'electron', 'electron/*', '**/electron/**']], 'The renderer imports only shared/ and itself.'),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([['**/core/*/**', '**/db/**', '**/renderer/**']], 'The shell uses the core only through its public API (electron/core/index.ts).'),
    },
  },
);
