import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests start their own sandbox on a free loopback port; files run in parallel safely.
    pool: 'threads',
  },
});
