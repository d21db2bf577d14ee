import { defineConfig } from 'vitest/config';

/** Browser flows: one server with the demo data, Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser flow at a time: the machine has two cores and the server needs one.
    fileParallelism: false,
  },
});
