// Distribution build of @payin-checkout/element: `pnpm run build` (rollup -c, then the
// custom-elements manifest and the SRI hashes). Everything lands in dist/, with source maps:
//
// payin-checkout.js (+ payin-checkout.component.js, events.js, …)
//     ESM, one file per source module, not minified; lit, xstate and @payin-checkout/core stay
//     imports (for bundlers and import maps). payin-checkout.js defines the tag; the other
//     modules have no side effects (see "sideEffects" in package.json).
// payin-checkout.d.ts, payin-checkout.component.d.ts, payin-checkout.iife.d.ts
//     declarations.
// payin-checkout.bundle.js
//     ESM, self-contained (every dependency inlined), minified: `<script type="module" src=…>`.
// payin-checkout.iife.js
//     the same as a classic script (global `PayinCheckout`); defines the tag on load.
// locales/de.json, locales/es.json
//     the message catalogs other than English, fetched by the element when its language asks.
//
// scripts/size.mjs at the workspace root reuses the plugin sets below for its measurements.
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { catalogIntegrity, copyCatalogs } from '../core/scripts/catalog-files.mjs';

const srcDir = fileURLToPath(new URL('./src/', import.meta.url));

/** The ES level of every build: what Lit 3 itself needs (evergreen browsers). */
export const target = 'es2022';

/** Dependencies (any bare import: lit, xstate, @payin-checkout/core) stay imports. */
export const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

/**
 * Collapses the whitespace of the element's Lit `html` templates (html-minifier-next) and of
 * static `css` stylesheets (lightningcss). It must see the TypeScript before esbuild compiles it.
 * Only this package's sources: Lit ships its few templates minified already. A `css` template
 * with `${…}` is left as it is (by the plugin's design: placeholders make CSS unparseable), and so
 * is a static declaration list meant to be interpolated (no `{`: not a stylesheet, lightningcss
 * would refuse it).
 */
export const minifyTemplates = () =>
  literalsHtmlCssMinifier({
    filter: (id) => id.startsWith(srcDir) && id.endsWith('.ts'),
    failOnError: true,
    options: {
      shouldMinifyCSS: (template) =>
        /css/i.test(template.tag ?? '') && template.parts.length === 1 && template.parts[0].text.includes('{'),
    },
  });

/**
 * TypeScript through esbuild. Each file gets the settings of its nearest tsconfig.json: here
 * `experimentalDecorators` and `useDefineForClassFields: false`, which Lit's decorators need.
 * The hashes of the shipped catalogs (src/locale.ts) are written in as a constant.
 */
export const typescript = () =>
  esbuild({ target, sourceMap: true, define: { __PAYIN_CATALOG_INTEGRITY__: JSON.stringify(catalogIntegrity) } });

/** Minifier settings of every minified file (and of the size command's measurements). */
export const minify = () =>
  terser({
    ecma: 2022,
    compress: { passes: 2 },
    // Keep the dependencies' licence headers (`/** @license … */`, `/*! … */`) and nothing else.
    format: { comments: /@license|@preserve|^!/ },
  });

/** Plugins of a self-contained, minified browser file: dependencies resolved and inlined. */
export const selfContainedPlugins = ({ templates = true } = {}) => [
  // Workspace packages (core) are bundled from their TypeScript sources, built or not.
  nodeResolve({ browser: true, exportConditions: ['@payin-checkout/source'] }),
  ...(templates ? [minifyTemplates()] : []),
  typescript(),
  minify(),
];

/**
 * Drops two warnings about zod's own files that say nothing about this build: comments that
 * rollup reads as misplaced `@__PURE__` annotations, and zod's internal import cycle.
 */
export const onwarn = (warning, warn) => {
  const inDependency = [warning.id, ...(warning.ids ?? [])].some((id) => id?.includes('/node_modules/'));
  if (inDependency && (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY')) return;
  warn(warning);
};

const entry = 'src/payin-checkout.ts';

/**
 * Declarations of payin-checkout.iife.js (`@payin-checkout/element/iife`): the classic script has
 * no exports; running it sets the global `PayinCheckout` (what payin-checkout.js exports) and
 * defines the tag.
 */
const iifeDeclarations = `// Types of payin-checkout.iife.js, the classic-script build of <payin-checkout>: running it
// defines the tag and sets the global \`PayinCheckout\` to the element and event classes.
import type * as PayinCheckoutModule from './payin-checkout.js';

declare global {
  /** The classic script's global: everything payin-checkout.js exports. */
  var PayinCheckout: typeof PayinCheckoutModule;
  interface HTMLElementTagNameMap {
    'payin-checkout': PayinCheckoutModule.PayinCheckout;
  }
}

export {};
`;

/** Writes dist/payin-checkout.iife.d.ts beside the other declarations. */
const iifeTypes = () => ({
  name: 'iife-types',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'payin-checkout.iife.d.ts', source: iifeDeclarations });
  },
});

export default [
  {
    input: { 'payin-checkout': entry, 'payin-checkout.component': 'src/payin-checkout.component.ts' },
    external,
    plugins: [minifyTemplates(), typescript(), copyCatalogs()],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: '[name].js',
    },
  },
  {
    input: { 'payin-checkout': entry, 'payin-checkout.component': 'src/payin-checkout.component.ts' },
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json', sourcemap: true }), iifeTypes()],
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].d.ts', chunkFileNames: '[name]-[hash].d.ts' },
  },
  {
    input: entry,
    plugins: selfContainedPlugins(),
    onwarn,
    output: { file: 'dist/payin-checkout.bundle.js', format: 'es', sourcemap: true },
  },
  {
    input: entry,
    plugins: selfContainedPlugins(),
    onwarn,
    output: { file: 'dist/payin-checkout.iife.js', format: 'iife', name: 'PayinCheckout', sourcemap: true },
  },
];
