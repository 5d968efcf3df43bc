/**
 * Builds the pages made with a bundler into dist/; the demo server serves them.
 * - `vite build`: the Vue and Angular pages (vue.html, angular.html), production build.
 * - `vite build --mode react`: the React pages (react.html, react-element.html) into dist/react/,
 *   (assets in react-assets/), with React's development build, so that `<StrictMode>` double-invokes renders and effects as it
 *   does while a React app is developed.
 */
import angular from '@analogjs/vite-plugin-angular';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const shared: UserConfig = {
  root,
  // /demo.css, /headless.css and /favicon.svg are the server's static files, linked as they are.
  publicDir: 'static',
  logLevel: 'warn',
};

const pages: UserConfig = {
  ...shared,
  // Workspace packages (core, the adapters) are bundled from their TypeScript sources: see "exports" in their package.json.
  resolve: { conditions: ['@payin-checkout/source', 'module', 'browser', 'development|production'] },
  // The Angular compiler takes the Angular page's files only; Vite compiles the rest of the TypeScript.
  plugins: [angular({ tsconfig: `${root}tsconfig.angular.json`, workspaceRoot: root, jit: false, transformFilter: (_code, id) => id.includes('/src/angular/') })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    copyPublicDir: false,
    sourcemap: true,
    rolldownOptions: {
      input: { vue: `${root}vue.html`, angular: `${root}angular.html` },
      checks: { pluginTimings: false },
    },
  },
};

const react: UserConfig = {
  ...shared,
  // The element's catalogs folder is resolved at run time (English, which this page shows, is built in).
  logLevel: 'error',
  resolve: { conditions: ['@payin-checkout/source', 'module', 'browser', 'development'] },
  // React's development build: its checks, warnings and StrictMode's double invocations.
  define: { 'process.env.NODE_ENV': JSON.stringify('development') },
  oxc: { jsx: { runtime: 'automatic', development: true } },
  build: {
    outDir: 'dist/react',
    // Served as /react-assets/…, apart from the other pages' /assets/.
    assetsDir: 'react-assets',
    emptyOutDir: true,
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: { react: `${root}react.html`, 'react-element': `${root}react-element.html` },
      checks: { pluginTimings: false },
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'react' ? react : pages));
