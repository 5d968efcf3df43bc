/** Builds the headless pages (vue.html, angular.html) into dist/; the demo server serves them. */
import angular from '@analogjs/vite-plugin-angular';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // /demo.css, /headless.css and /favicon.svg are the server's static files, linked as they are.
  publicDir: 'static',
  // Workspace packages (core) are bundled from their TypeScript sources: see "exports" in their package.json.
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
  logLevel: 'warn',
});
