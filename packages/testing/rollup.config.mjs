// Distribution build of @payin-checkout/testing: `pnpm run build` (rollup -c).
// dist/index.js       Node: the test vault (the workspace's sandbox, inlined), checkoutAt, the test cards
// dist/browser.js     driveCheckout: no imports but its own files, runs as it is in a browser
// dist/playwright.js  completePurchase
// and their declarations, with source maps. The sandbox is private: its source is bundled here,
// while hono, @hono/node-server, zod, xstate and @payin-checkout/core stay imports.
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

const sandboxEntry = fileURLToPath(new URL('../sandbox/src/index.ts', import.meta.url));
const inlined = '@payin-checkout/sandbox';

/** Bare imports stay imports, except the sandbox, which is inlined. */
const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0') && id !== inlined;

/** Resolves the sandbox to its source, to be bundled. */
const inlineSandbox = () => ({
  name: 'inline-sandbox',
  resolveId: (id) => (id === inlined ? sandboxEntry : null),
});

const input = { index: 'src/index.ts', browser: 'src/browser.ts', playwright: 'src/playwright.ts' };

export default [
  {
    input,
    external,
    plugins: [inlineSandbox(), esbuild({ target: 'es2022', sourceMap: true, tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: '[name].js' },
  },
  {
    input,
    // The public declarations name no sandbox type.
    external: (id) => external(id) || id === inlined,
    plugins: [dts({ tsconfig: 'tsconfig.json', sourcemap: true })],
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].d.ts', chunkFileNames: '[name].d.ts' },
  },
];
