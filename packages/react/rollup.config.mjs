// Distribution build of @payin-checkout/react: `pnpm run build` (rollup -c).
// dist/index.js, dist/element.js  ESM, not minified; react, xstate, @lit/react and the payin packages stay imports
// dist/index.d.ts, dist/element.d.ts  declarations (element.d.ts carries the JSX typings of <payin-checkout>)
import { isAbsolute } from 'node:path';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

/** Dependencies (any bare import) stay imports of the published package. */
const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');
const input = { index: 'src/index.ts', element: 'src/element.ts' };

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
