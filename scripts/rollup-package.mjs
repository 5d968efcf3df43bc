// Distribution build shared by the framework adapters (@payin-checkout/vue, /angular, /react):
// for each entry, dist/<name>.js (ESM, not minified, every bare import left as an import) and
// dist/<name>.d.ts, both with source maps.
// The plugins come from the package (its own devDependencies), not from here.
import { isAbsolute } from 'node:path';

/** Dependencies (any bare import) stay imports of the published package. */
const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

/**
 * The rollup configuration of a package whose entries are `input` (name → source file), with the
 * package's own `rollup-plugin-esbuild` default export and `rollup-plugin-dts`'s `dts`.
 */
export const packageBuild = (input, { esbuild, dts }) => [
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
