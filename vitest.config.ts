import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/element/test-node/**/*.test.ts'],
    // The element's browser tests run in Chromium under @web/test-runner (its test:browser script).
    exclude: [...configDefaults.exclude, 'packages/element/test/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests start their own sandbox on a free loopback port; files run in parallel safely.
    pool: 'threads',
  },
});
