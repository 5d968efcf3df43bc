// Distribution build of @payin-checkout/angular: `pnpm run build` (rollup -c).
// dist/index.js   ESM, not minified; angular, xstate and @payin-checkout/core stay imports
// dist/index.d.ts the declarations
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { packageBuild } from '../../scripts/rollup-package.mjs';

export default packageBuild({ index: 'src/index.ts' }, { esbuild, dts });
