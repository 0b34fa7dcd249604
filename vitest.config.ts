import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // WxtVitest swaps `wxt/browser` for WXT's in-memory fake browser.
        plugins: [WxtVitest()],
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
        esbuild: { jsx: 'automatic' },
      },
      {
        test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node' },
      },
      {
        // The server suite again on PostgreSQL, each test server in its own schema of one database per run.
        test: {
          name: 'server-pg',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          env: { COALFACE_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Debian's firefox-esr over WebDriver BiDi (puppeteer-core), with the Firefox build: docs/firefox.md.
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // After the Chromium suite, not beside it: two browsers at once on two cores make both flaky.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
