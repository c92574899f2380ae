// Lint rules, including the dependency rules of docs/ARCHITECTURE.md:
// domain imports nothing outside itself; app imports domain; storage, http, workers and cli
// import app/domain but not each other; only src/main.ts wires them together.
import js from '@eslint/js';
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
);
