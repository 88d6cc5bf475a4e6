// Flat ESLint config. Beyond the usual TypeScript rules it enforces the process boundaries of
// DESIGN.md §2 with no-restricted-imports, one block per folder, so a renderer file that reaches
// for the database (or core that reaches for Node) fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { regex: '^node:', message: 'This folder must not use Node built-ins.' };
const electron = { regex: '^electron(/|$)', message: 'Only electron/ may import Electron.' };
const ours = (folder, why) => ({ regex: `(^|/)${folder}(/|$)`, message: why });

/** Import rules per folder: which of our folders and which platforms each one may reach. */
export const boundaryRules = {
  'core/**': [
    ours('(db|formats|service|renderer|electron)', 'core imports nothing of ours.'),
    nodeBuiltins,
    electron,
    { regex: '^(react|react-dom|prosemirror-.*)$', message: 'core has no DOM or UI.' },
  ],
  'renderer/**': [
    ours('(db|formats|service|electron)', 'renderer imports only core.'),
    nodeBuiltins,
    electron,
    { regex: '^better-sqlite3$', message: 'renderer never touches the database.' },
  ],
  'db/**': [ours('(renderer|electron|service|formats)', 'db imports only core.'), electron],
  'formats/**': [ours('(renderer|electron|service|db)', 'formats imports only core.'), electron],
  'service/**': [
    ours('(renderer|electron)', 'service never imports the UI or Electron.'),
    electron,
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'release/**',
      'test-results/**',
      '.tmp/**',
      'playwright-report/**',
      'tests/unit/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...Object.entries(boundaryRules).map(([folder, patterns]) => ({
    files: [folder],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
