import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser journeys (npm run e2e): the real server, the built web app and Debian's Chromium, one file at a time. */
export default defineConfig({
  resolve: {
    alias: { '@nhip/contracts': fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    exclude: ['node_modules/**', 'e2e/artifacts/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    // A page answers in its own time: polls wait as long as Playwright's own actions do.
    expect: { requireAssertions: true, poll: { timeout: 15_000, interval: 100 } },
  },
});
