// Distribution build of @payin-checkout/core: `pnpm run build` (rollup -c).
// dist/index.js   ESM, not minified (bundlers minify), xstate/ky/zod left as imports
// dist/index.d.ts the declarations of the public API in one file
// dist/locales/  the message catalogs other than English, as JSON (English is built in)
// Both with source maps. Tests and type-checking keep using src/ (see package.json "exports").
import { isAbsolute } from 'node:path';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { copyCatalogs } from './scripts/catalog-files.mjs';

/** Dependencies (any bare import: xstate, ky, zod/mini) stay imports of the published package. */
const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

export default [
  {
    input: 'src/index.ts',
    external,
    plugins: [esbuild({ target: 'es2022', sourceMap: true }), copyCatalogs()],
    output: { file: 'dist/index.js', format: 'es', sourcemap: true },
  },
  {
    input: 'src/index.ts',
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json', sourcemap: true })],
    output: { file: 'dist/index.d.ts', format: 'es', sourcemap: true },
  },
];
