// Lint rules, including the dependency rules of docs/ARCHITECTURE.md:
// domain imports nothing outside itself; app imports domain; storage, http, workers and cli
// import app/domain but not each other; only src/main.ts wires them together.
// The web app (web/src): a feature never imports another feature; lib/ and components/ import no
// feature and not app/; cross-feature composition happens only in app/ (docs/ARCHITECTURE.md).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const layer = (name, forbidden) => ({
  files: [`src/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({
          group: [group],
          message: `src/${name} must not import this (see docs/ARCHITECTURE.md, dependency rules).`,
        })),
      },
    ],
  },
});

const featureMessage = 'A feature must not import another feature: compose them in web/src/app/.';
/** The web app talks to the server only through the API; its tests may read the server's catalogue of codes. */
const web = (files, patterns) => ({
  files,
  ignores: ['web/src/**/*.test.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/src/domain/**', '**/src/app/**', '**/src/http/**', '**/src/storage/**', 'node:*'], message: 'The web app talks to the server only through the API (web/src/lib/api.ts).' },
          ...patterns,
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  layer('domain', ['**/app/**', '**/storage/**', '**/http/**', '**/workers/**', '**/cli/**', '**/config/**', 'kysely', 'fastify', 'pg', 'better-sqlite3', 'node:*']),
  layer('app', ['**/storage/**', '**/http/**', '**/workers/**', '**/cli/**', 'kysely', 'fastify', 'pg', 'better-sqlite3']),
  layer('storage', ['**/http/**', '**/workers/**', '**/cli/**', 'fastify']),
  layer('http', ['**/storage/**', '**/workers/**', '**/cli/**', 'kysely', 'pg', 'better-sqlite3']),
  layer('workers', ['**/storage/**', '**/http/**', '**/cli/**', 'kysely', 'fastify']),
  layer('cli', ['**/http/**', '**/workers/**', '**/storage/**', 'fastify', 'kysely']),
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  web(['web/src/**/*.{ts,tsx}'], []),
  // A file in a feature's subfolder (api/, components/) reaches another feature two levels up; a file at its root, one.
  web(['web/src/features/*/*/**/*.{ts,tsx}'], [{ regex: '^\\.\\./\\.\\./(?!\\.\\.)', message: featureMessage }]),
  web(['web/src/features/*/*.{ts,tsx}'], [{ regex: '^\\.\\./(?!\\.\\.)', message: featureMessage }]),
  web(['web/src/lib/**/*.{ts,tsx}', 'web/src/components/**/*.{ts,tsx}'], [{ group: ['**/features/**', '**/app/**'], message: 'Shared code must not depend on features or the app shell.' }]),
);
