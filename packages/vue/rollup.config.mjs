// Distribution build of @payin-checkout/vue: `pnpm run build` (rollup -c).
// dist/index.js   ESM, not minified; vue, xstate and @payin-checkout/core stay imports
// dist/index.d.ts the declarations
import { isAbsolute } from 'node:path';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

/** Dependencies (any bare import) stay imports of the published package. */
const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');
const input = { index: 'src/index.ts' };

export default [
  {
    input,
    external,
    plugins: [esbuild({ target: 'es2022', sourceMap: true, tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: '[name].js' },
  },
  {
    input,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json', sourcemap: true })],
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].d.ts', chunkFileNames: '[name].d.ts' },
  },
];
