/**
 * Builds what the demo serves when it is missing or older than its sources: the element's
 * self-contained bundle (its package's build), the Vite pages (vue.html, angular.html) and the
 * React pages (react.html, react-element.html, React's development build).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const demoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const packagesRoot = join(demoRoot, '..');
export const elementDist = join(packagesRoot, 'element', 'dist');
export const demoDist = join(demoRoot, 'dist');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const oldest = (files: string[]): number => Math.min(...files.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));

const stale = (outputs: string[], inputs: string[]): boolean => oldest(outputs) < Math.max(...inputs.map(newest));

function run(label: string, command: string, args: string[], cwd: string, log: (line: string) => void): void {
  log(`demo: building ${label} (${command} ${args.join(' ')})`);
  const started = Date.now();
  // A build started from a test run must not see the runner's variables (the Angular plugin
  // switches to JIT under VITEST or NODE_ENV=test).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST'));
  const { status, error } = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, NG_CLI_ANALYTICS: 'false' } });
  if (error || status !== 0) throw new Error(`building ${label} failed (${error?.message ?? `exit ${String(status)}`})`);
  log(`demo: built ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export interface BuildOptions {
  /** Rebuild even when the outputs look fresh. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Builds the element bundle and the Vite pages when stale; returns what it built. */
export function ensureBuilt(options: BuildOptions = {}): string[] {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const built: string[] = [];
  const coreSrc = join(packagesRoot, 'core', 'src');
  const elementSrc = join(packagesRoot, 'element', 'src');
  if (options.force || stale([join(elementDist, 'payin-checkout.bundle.js'), join(elementDist, 'locales', 'de.json')], [coreSrc, elementSrc])) {
    run('the element bundle', 'pnpm', ['--filter', '@payin-checkout/element', 'run', 'build'], packagesRoot, log);
    built.push('element');
  }
  const vite = join(demoRoot, 'node_modules', '.bin', 'vite');
  const adapter = (name: string) => join(packagesRoot, name, 'src');
  const shared = [coreSrc, join(demoRoot, 'src', 'shared'), join(demoRoot, 'vite.config.ts')];
  const pages = ['vue.html', 'angular.html'].map((page) => join(demoDist, page));
  const inputs = [...shared, adapter('vue'), adapter('angular'), join(demoRoot, 'src', 'vue'), join(demoRoot, 'src', 'angular'), join(demoRoot, 'vue.html'), join(demoRoot, 'angular.html')];
  // This build empties dist/, the React pages' folder included.
  const pagesBuilt = options.force || stale(pages, inputs);
  if (pagesBuilt) {
    run('the Vue and Angular pages', vite, ['build', '--logLevel', 'warn'], demoRoot, log);
    built.push('pages');
  }
  const reactPages = ['react.html', 'react-element.html'].map((page) => join(demoDist, 'react', page));
  const reactInputs = [...shared, elementSrc, adapter('react'), join(demoRoot, 'src', 'react'), join(demoRoot, 'react.html'), join(demoRoot, 'react-element.html')];
  if (pagesBuilt || stale(reactPages, reactInputs)) {
    run('the React pages', vite, ['build', '--mode', 'react'], demoRoot, log);
    built.push('react');
  }
  return built;
}
