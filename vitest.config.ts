import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One `vitest run` for everything: the server suites on node, the web app's component tests on
// jsdom, and the browser suite (real headless Chromium against a real server) on node.
export default defineConfig({
  test: {
    // Suites create their own databases, so files can run in parallel.
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['web/test/setup.ts'],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
