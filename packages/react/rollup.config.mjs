// Distribution build of @payin-checkout/react: `pnpm run build` (rollup -c).
// dist/index.js, dist/element.js  ESM, not minified; react, xstate, @lit/react and the payin packages stay imports
// dist/index.d.ts, dist/element.d.ts  declarations (element.d.ts carries the JSX typings of <payin-checkout>)
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { packageBuild } from '../../scripts/rollup-package.mjs';

export default packageBuild({ index: 'src/index.ts', element: 'src/element.ts' }, { esbuild, dts });
