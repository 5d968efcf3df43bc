import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Workspace packages resolve to each other's TypeScript sources through this export condition
 * (see "exports" in packages/core and packages/element): tests run on src/, no build needed.
 */
const sourceCondition = '@payin-checkout/source';

export default defineConfig({
  resolve: { conditions: [sourceCondition, 'module', 'browser', 'development|production'] },
  // Node tests: Vitest passes these to its workers as `--conditions` too.
  ssr: { resolve: { conditions: [sourceCondition, 'node', 'development|production'] } },
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
