// Consumer test: @payin-checkout/core, @payin-checkout/element and the Vue, Angular and React
// adapters as a merchant gets them from a registry. It builds what is stale, packs each package with
// `pnpm pack` (what publishing uses), lints every tarball with publint and @arethetypeswrong/cli,
// installs the tarballs and their peers (vue, @angular/core, react) with npm into a scratch app
// outside the workspace, type-checks the READMEs' uses of the packages there (the adapters' hooks,
// the React wrapper and the JSX typings of <payin-checkout> included), runs the core in Node,
// bundles the app's page script with esbuild, and opens pages in Chromium against the Vault
// sandbox: the app's own bundle, the classic script and the self-contained module (both with their
// Subresource Integrity hashes), in English and with the shipped catalogs. Each page must show the
// checkout's card step.
//
// Run: bash scripts/toolchain.sh node scripts/consumer/run.mjs (npm test runs it). It prints one
// line per check and writes `{ passed, failed, skipped, checks }` to .test-results/consumer.json
// (CONSUMER_RESULTS_FILE to change). KEEP_CONSUMER_TMP=1 keeps the scratch directory.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { chromiumFlags, findChromium } from '../chromium.mjs';
import { checkRunner, mustRun, readTarball, runCommand, sleep, stale, startStaticServer, tail } from './support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./app/', import.meta.url));
const resultsFile = process.env.CONSUMER_RESULTS_FILE || join(root, '.test-results', 'consumer.json');
const keepTmp = process.env.KEEP_CONSUMER_TMP === '1';

/** The whole run stays under this; checks not started by then are not run (and count as failed). */
const BUDGET_MS = 165_000;
const startedAt = Date.now();
const remaining = () => BUDGET_MS - (Date.now() - startedAt);
/** A command's own time limit, cut to what is left of the run. */
const limit = (ms) => Math.max(1_000, Math.min(ms, remaining()));

// Tools of the workspace, resolved from the element package (its devDependencies).
const fromElement = createRequire(join(root, 'packages', 'element', 'package.json'));
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Child processes get the environment without what an outer npm or pnpm run put in it (its
 * package, lifecycle and project settings), keeping the settings that say how to reach a registry.
 */
const keptNpmSettings = /^npm_config_(registry|.*:registry|proxy|https[-_]proxy|no[-_]?proxy|cafile|ca|strict[-_]ssl|userconfig)$/i;
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name) || keptNpmSettings.test(name)),
);

const packages = [
  { name: '@payin-checkout/core', dir: join(root, 'packages', 'core') },
  { name: '@payin-checkout/element', dir: join(root, 'packages', 'element') },
  { name: '@payin-checkout/vue', dir: join(root, 'packages', 'vue') },
  { name: '@payin-checkout/angular', dir: join(root, 'packages', 'angular') },
  { name: '@payin-checkout/react', dir: join(root, 'packages', 'react') },
];
/** The adapters: built by rollup into dist/index.js (React also dist/element.js). */
const adapters = packages.slice(2);

// ---------------------------------------------------------------------------------------------
// Checks: each prints one line and counts once. A check whose prerequisites failed is not run.

const { checks, check, setup, report: writeReport } = checkRunner(remaining);

// ---------------------------------------------------------------------------------------------
// Resources, released however the run ends.

const scratch = mkdtempSync(join(tmpdir(), 'payin-consumer-'));
const packDir = join(scratch, 'pnpm-pack');
const npmPackDir = join(scratch, 'npm-pack');
const app = join(scratch, 'app');
/** @type {(() => Promise<void>)[]} */
const cleanups = [];
let finished = false;

async function finish(code) {
  if (finished) return;
  finished = true;
  for (const cleanup of cleanups.reverse()) {
    await Promise.race([cleanup().catch(() => undefined), sleep(5_000)]);
  }
  if (keepTmp) console.log(`scratch directory kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
  const status = writeReport('consumer', resultsFile, startedAt);
  process.exit(code ?? status);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void finish(1));
// A hung step (a browser that never answers) must not hold the run: end it past the budget.
setTimeout(() => {
  console.log(`\nconsumer: still running after ${BUDGET_MS / 1000 + 15} s, stopping`);
  checks.push({ name: 'the run ends within its time limit', status: 'failed', seconds: 0 });
  void finish(1);
}, BUDGET_MS + 15_000);

// ---------------------------------------------------------------------------------------------

console.log('Consumer test: the packages as published, installed by npm into an app outside the workspace');
console.log(`  scratch directory ${scratch}`);

await setup('build', 'build core, element and the adapters (when stale)', async () => {
  const core = packages[0].dir;
  const element = packages[1].dir;
  const inputsOf = (dir) => ['src', 'scripts', 'package.json', 'rollup.config.mjs', 'tsconfig.json'].map((file) => join(dir, file));
  const coreStale = stale([join(core, 'dist', 'index.js'), join(core, 'dist', 'index.d.ts')], inputsOf(core));
  const elementOutputs = ['payin-checkout.js', 'payin-checkout.d.ts', 'payin-checkout.bundle.js', 'payin-checkout.iife.js', 'sri.json']
    .map((file) => join(element, 'dist', file))
    .concat(join(element, 'custom-elements.json'));
  const elementStale = stale(elementOutputs, [...inputsOf(element), join(core, 'src'), join(root, 'scripts', 'sri.mjs')]);
  const adaptersStale = adapters.filter(({ dir }) => stale([join(dir, 'dist', 'index.js'), join(dir, 'dist', 'index.d.ts')], inputsOf(dir))).map(({ name }) => name);
  const filters = [...(coreStale ? ['@payin-checkout/core'] : []), ...(elementStale ? ['@payin-checkout/element'] : []), ...adaptersStale];
  if (filters.length === 0) {
    console.log('     dist/ of every package is newer than its sources');
    return;
  }
  console.log(`     building ${filters.join(', ')}`);
  // pnpm runs the builds in dependency order: core first.
  await mustRun('pnpm', [...filters.flatMap((name) => ['--filter', name]), 'run', 'build'], { cwd: root, env, timeoutMs: limit(120_000) });
});

/** Tarball path and package.json of each package, as `pnpm pack` wrote them. */
/** @type {Map<string, { tarball: string, manifest: Record<string, any>, files: Map<string, Buffer> }>} */
const packed = new Map();

/** Where a manifest still has a `workspace:` range: `dependencies.@payin-checkout/core: workspace:*`. */
function workspaceRanges(manifest) {
  const found = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) found.push(`${field}.${name}: ${range}`);
    }
  }
  return found;
}

mkdirSync(packDir, { recursive: true });
mkdirSync(npmPackDir, { recursive: true });
for (const { name, dir } of packages) {
  await check(`pack:${name}`, `pnpm pack ${name}: a tarball whose package.json has no workspace: ranges`, async () => {
    const { stdout } = await mustRun('pnpm', ['pack', '--pack-destination', packDir, '--json'], { cwd: dir, env, timeoutMs: limit(60_000) });
    const tarball = JSON.parse(stdout.slice(stdout.indexOf('{'))).filename;
    if (!tarball || !existsSync(tarball)) throw new Error(`pnpm pack named no tarball: ${stdout.slice(0, 300)}`);
    const files = readTarball(tarball);
    const manifestFile = files.get('package/package.json');
    if (!manifestFile) throw new Error(`${basename(tarball)} has no package/package.json`);
    const manifest = JSON.parse(manifestFile.toString('utf8'));
    packed.set(name, { tarball, manifest, files });
    const listed = [...files.keys()].map((file) => file.replace(/^package\//, '')).sort();
    const shown = listed.filter((file) => !file.endsWith('.map') && !file.startsWith('src/'));
    const sources = listed.filter((file) => file.startsWith('src/')).length;
    console.log(`     ${basename(tarball)}: ${listed.length} files: ${shown.join(', ')}${sources ? `, ${sources} under src/` : ''}, source maps`);
    const ranges = workspaceRanges(manifest);
    if (ranges.length > 0) throw new Error(`workspace: ranges in the packed package.json: ${ranges.join('; ')}`);
  }, { needs: ['build'] });

  await check(`npm-pack:${name}`, `npm pack ${name}: package.json has no workspace: ranges`, async () => {
    const { stdout } = await mustRun('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', npmPackDir], { cwd: dir, env, timeoutMs: limit(60_000) });
    const [entry] = JSON.parse(stdout.slice(stdout.indexOf('[')));
    const tarball = join(npmPackDir, entry.filename);
    const manifestFile = readTarball(tarball).get('package/package.json');
    if (!manifestFile) throw new Error(`${entry.filename} has no package/package.json`);
    const ranges = workspaceRanges(JSON.parse(manifestFile.toString('utf8')));
    if (ranges.length > 0) throw new Error(`npm publishes these as they are: ${ranges.join('; ')}`);
  }, { needs: ['build'] });
}

for (const { name } of packages) {
  await check(`publint:${name}`, `publint --strict ${name} tarball: no error, no warning`, async () => {
    const { tarball } = /** @type {NonNullable<ReturnType<typeof packed.get>>} */ (packed.get(name));
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      strict: true,
      level: 'suggestion',
    });
    const lines = messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
    for (const line of lines.filter((text) => text.startsWith('suggestion'))) console.log(`     ${line}`);
    const problems = lines.filter((text) => !text.startsWith('suggestion'));
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }, { needs: [`pack:${name}`] });

  await check(`attw:${name}`, `attw --profile esm-only ${name} tarball: types found, no problem`, async () => {
    const { tarball } = /** @type {NonNullable<ReturnType<typeof packed.get>>} */ (packed.get(name));
    const result = await runCommand('pnpm', ['exec', 'attw', tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json'], {
      cwd: root,
      env,
      timeoutMs: limit(60_000),
      stdoutFile: join(scratch, `attw-${basename(tarball)}.json`),
    });
    const start = result.stdout.indexOf('{');
    if (start < 0) throw new Error(`attw wrote no JSON (exit ${String(result.code)})\n${tail(`${result.stdout}\n${result.stderr}`)}`);
    const { analysis } = JSON.parse(result.stdout.slice(start));
    if (!analysis.types) throw new Error('attw found no types in the package');
    const ignored = new Set(['node10', 'node16-cjs']); // the esm-only profile
    const problems = analysis.problems.filter((problem) => !('resolutionKind' in problem) || !ignored.has(problem.resolutionKind));
    const entrypoints = Object.keys(analysis.entrypoints ?? {});
    console.log(`     entry points: ${entrypoints.join(', ')}`);
    if (problems.length > 0 || result.code !== 0) {
      const described = problems.map((problem) => `${problem.kind} at ${problem.entrypoint ?? '?'} (${problem.resolutionKind ?? 'any resolution'})`);
      throw new Error(`attw exit ${String(result.code)}: ${described.join('; ') || tail(result.stderr)}`);
    }
  }, { needs: [`pack:${name}`] });
}

// ---------------------------------------------------------------------------------------------
// The scratch app: its own package.json, the tarballs and their peers from npm.

await check('install', 'npm install the tarballs into a scratch app outside the workspace', async () => {
  cpSync(fixture, app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'payin-consumer-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const core = /** @type {NonNullable<ReturnType<typeof packed.get>>} */ (packed.get('@payin-checkout/core'));
  const element = /** @type {NonNullable<ReturnType<typeof packed.get>>} */ (packed.get('@payin-checkout/element'));
  const ours = packages.map(({ name }) => /** @type {NonNullable<ReturnType<typeof packed.get>>} */ (packed.get(name)));
  // What a merchant adds beside the packages: their peers (vue, @angular/core, react and its
  // types), and xstate, which the headless use imports itself.
  /** @type {Map<string, string>} */
  const extra = new Map();
  for (const { manifest } of ours) {
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
      if (!name.startsWith('@payin-checkout/')) extra.set(name, String(range));
    }
  }
  if (!extra.has('xstate')) {
    extra.set('xstate', String(core.manifest.dependencies?.xstate ?? element.manifest.dependencies?.xstate ?? 'latest'));
  }
  const specs = [...ours.map(({ tarball }) => tarball), ...[...extra].map(([name, range]) => `${name}@${range}`)];
  console.log(`     npm install ${specs.map((spec) => (spec.endsWith('.tgz') ? basename(spec) : spec)).join(' ')}`);
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--prefer-offline', '--loglevel=error', ...specs], {
    cwd: app,
    env,
    timeoutMs: limit(90_000),
  });
}, { needs: packages.map(({ name }) => `pack:${name}`) });

await check('installed', 'the app has one copy each of our packages, lit, xstate, vue, @angular/core and react, ours from the tarballs', () => {
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
  const problems = [];
  for (const name of [...packages.map((entry) => entry.name), 'lit', 'xstate', 'vue', '@angular/core', 'react']) {
    const copies = Object.keys(lock.packages ?? {}).filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    if (copies.length !== 1) problems.push(`${name}: ${copies.length} copies (${copies.join(', ') || 'none'})`);
  }
  for (const { name } of packages) {
    const entry = lock.packages?.[`node_modules/${name}`];
    const expected = packed.get(name)?.manifest.version;
    if (!entry || !String(entry.resolved ?? '').startsWith('file:')) problems.push(`${name} did not come from its tarball (${String(entry?.resolved)})`);
    if (entry && entry.version !== expected) problems.push(`${name} is ${String(entry.version)}, the tarball ${String(expected)}`);
  }
  const versions = ['lit', 'xstate', 'ky', 'zod', 'vue', '@angular/core', 'react'].map((name) => `${name} ${String(lock.packages?.[`node_modules/${name}`]?.version)}`);
  console.log(`     from the registry: ${versions.join(', ')}`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}, { needs: ['install'] });

for (const [config, label] of [
  ['tsconfig.bundler.json', 'moduleResolution bundler, exactOptionalPropertyTypes'],
  ['tsconfig.nodenext.json', 'moduleResolution nodenext, every declaration file checked'],
]) {
  await check(`tsc:${config}`, `tsc --strict (${label}): the READMEs' headless use, languages, the element's typings and the adapters`, async () => {
    await mustRun(process.execPath, [tscBin, '-p', config, '--pretty', 'false'], { cwd: app, env, timeoutMs: limit(60_000) });
  }, { needs: ['install'] });
}

await check('bundle', 'esbuild bundles the app\'s page script from the npm entry of the element', async () => {
  const esbuild = fromElement('esbuild');
  const { metafile } = await esbuild.build({
    absWorkingDir: app,
    entryPoints: [join(app, 'src', 'browser-entry.ts')],
    outfile: join(app, 'www', 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(metafile.inputs);
  const from = (name) => inputs.filter((input) => input.startsWith(`node_modules/${name}/`));
  const missing = ['@payin-checkout/element', '@payin-checkout/core', 'lit', 'xstate'].filter((name) => from(name).length === 0);
  if (missing.length > 0) throw new Error(`not bundled from the app's node_modules: ${missing.join(', ')} (inputs: ${inputs.slice(0, 20).join(', ')})`);
  const elsewhere = inputs.filter((input) => !input.startsWith('node_modules/') && !input.startsWith('src/'));
  if (elsewhere.length > 0) throw new Error(`bundled from outside the app: ${elsewhere.join(', ')}`);
  const entry = from('@payin-checkout/element').find((input) => input.endsWith('/dist/payin-checkout.js'));
  if (!entry) throw new Error(`the element's npm entry (dist/payin-checkout.js) was not used: ${from('@payin-checkout/element').join(', ')}`);
  console.log(`     ${inputs.length} modules, ${(metafile.outputs['www/app.js']?.bytes ?? 0) / 1024 | 0} KiB`);
}, { needs: ['install'] });

// ---------------------------------------------------------------------------------------------
// The app at work: the sandbox, a static server for the app and Chromium.

/** @type {{ url: string, close: () => Promise<void> } | undefined} */
let sandbox;
await setup('sandbox', 'start the Vault sandbox on a free loopback port', async () => {
  const tsx = await import(pathToFileURL(fromElement.resolve('tsx/esm/api')).href);
  const tsImport = tsx.tsImport ?? tsx.default?.tsImport;
  const entry = pathToFileURL(join(root, 'packages', 'sandbox', 'src', 'index.ts')).href;
  const { startSandbox } = await tsImport(entry, import.meta.url);
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, logger: false });
  const running = sandbox;
  cleanups.push(() => running.close());
  console.log(`     ${running.url}`);
}, { needs: ['install'] });

const token = () => `test_kyc1_consumer${Math.random().toString(36).slice(2, 10)}`;

await check('node', 'Node imports the published core and its client reads the sandbox\'s data', async () => {
  const { stdout } = await mustRun(process.execPath, ['src/node-check.mjs', String(sandbox?.url), token()], { cwd: app, env, timeoutMs: limit(30_000) });
  console.log(`     ${stdout.trim()}`);
}, { needs: ['installed', 'sandbox'] });

/** @type {{ url: string, close: () => Promise<void> } | undefined} */
let site;
await setup('site', 'serve the scratch app on a free loopback port', async () => {
  site = await startStaticServer(app);
  const running = site;
  cleanups.push(() => running.close());
  console.log(`     ${running.url}`);
}, { needs: ['install', 'sandbox'] });

/** @type {import('puppeteer-core').Browser | undefined} */
let browser;
await setup('browser', 'start Chromium (headless)', async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium (scripts/ensure-chromium.sh installs it; CHROME_PATH names another)');
  const puppeteer = fromElement('puppeteer-core');
  browser = await (puppeteer.default ?? puppeteer).launch({
    executablePath,
    headless: true,
    protocolTimeout: 30_000,
    timeout: 30_000,
    args: [...chromiumFlags],
  });
  const running = browser;
  cleanups.push(() => running.close());
}, { needs: ['site'] });

/**
 * Opens a page of the app and waits (bounded) until its <payin-checkout> shows the card step with
 * the heading `heading`: the new-card form (a KYC 1 customer without saved cards) or the saved-card
 * list. Any page error, console error or warning, or failed request fails it. Answers what the page
 * reports.
 * @param {string} path
 * @param {string} heading
 */
async function reachesCardStep(path, heading) {
  if (!browser || !site) throw new Error('no browser or site');
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  /** @type {string[]} */
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') errors.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${String(error)}`));
  page.on('requestfailed', (request) => {
    // A request the page itself gave up (an AbortSignal) is not a failure.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  try {
    await page.goto(`${site.url}${path}`, { waitUntil: 'load', timeout: 20_000 });
    try {
      await page.waitForFunction(
        (expected) => {
          const checkout = document.querySelector('payin-checkout');
          const root = checkout?.shadowRoot;
          const shown = root?.querySelector('input[name="cardNumber"], [part~="card-list"]');
          const title = (root?.querySelector('h2')?.textContent ?? '').replace(/\s+/g, ' ').trim();
          return checkout?.state === 'card' && shown instanceof HTMLElement && shown.checkVisibility() && title === expected;
        },
        { timeout: 20_000, polling: 100 },
        heading,
      );
    } catch (error) {
      const shows = await page
        .evaluate(() => {
          const checkout = document.querySelector('payin-checkout');
          return `defined: ${String(Boolean(customElements.get('payin-checkout')))}, state: ${String(checkout?.state)}, shows: "${(checkout?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300)}"`;
        })
        .catch(() => 'nothing readable');
      throw new Error(`no card step headed "${heading}" within 20 s (${shows}); ${errors.join('; ') || 'no page errors'}`, { cause: error });
    }
    const report = await page.evaluate(() => {
      const root = document.querySelector('payin-checkout')?.shadowRoot;
      const globalClass = /** @type {{ PayinCheckout?: { PayinCheckout?: unknown } }} */ (/** @type {unknown} */ (window)).PayinCheckout?.PayinCheckout;
      return {
        form: root?.querySelector('input[name="cardNumber"]') ? 'new-card form' : 'saved-card list',
        definedByApp: document.documentElement.dataset.defined,
        globalIsTheElement: globalClass !== undefined && globalClass === customElements.get('payin-checkout'),
      };
    });
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    console.log(`     "${heading}": ${report.form}`);
    return report;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The page `name` of the fixture with its placeholders filled in. */
function writePage(name, values) {
  const template = readFileSync(join(fixture, 'www', name), 'utf8');
  writeFileSync(join(app, 'www', name), template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`no value for {{${key}}} in ${name}`);
    return String(values[key]).replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
  }));
}

const installedDist = join(app, 'node_modules', '@payin-checkout', 'element', 'dist');
const servedDist = '/node_modules/@payin-checkout/element/dist';

/** The integrity dist/sri.json of the installed element gives `file`, checked against the file itself. */
function integrityOf(file) {
  const sri = JSON.parse(readFileSync(join(installedDist, 'sri.json'), 'utf8'));
  const listed = sri[file];
  if (typeof listed !== 'string' || !listed.startsWith('sha384-')) throw new Error(`dist/sri.json has no sha384 hash of ${file}: ${JSON.stringify(sri)}`);
  const actual = `sha384-${createHash('sha384').update(readFileSync(join(installedDist, file))).digest('base64')}`;
  if (actual !== listed) throw new Error(`dist/sri.json says ${listed} for ${file}, the file is ${actual}`);
  return listed;
}

/** The heading of the new-card step in a language, from the catalog the package ships. */
function cardHeading(locale) {
  if (locale === 'en') return 'Add a card';
  const catalog = join(installedDist, 'locales', `${locale}.json`);
  if (!existsSync(catalog)) throw new Error(`the package has no dist/locales/${locale}.json`);
  const heading = JSON.parse(readFileSync(catalog, 'utf8'))['step.newCard'];
  if (typeof heading !== 'string') throw new Error(`dist/locales/${locale}.json has no step.newCard`);
  return heading;
}

const pageValues = (locale = '') => {
  const api = String(sandbox?.url);
  return { api, host: new URL(api).host, token: token(), customer: `consumer-${Date.now()}`, locale };
};

for (const [locale, what] of [
  ['', 'in English'],
  ['es', 'in Spanish, locales-url at the package\'s dist/locales/'],
]) {
  await check(`page:esm:${locale}`, `Chromium: the app's own bundle shows the card step ${what}`, async () => {
    const { api, token: customerToken, customer } = pageValues();
    const query = new URLSearchParams({ api, token: customerToken, customer, ...(locale ? { locale, locales: `${servedDist}/locales/` } : {}) });
    writePage('esm.html', {});
    const report = await reachesCardStep(`/www/esm.html?${query}`, cardHeading(locale || 'en'));
    if (report.definedByApp !== 'true') throw new Error('<payin-checkout> is not the class the app imported from @payin-checkout/element');
  }, { needs: ['bundle', 'browser'] });
}

for (const [locale, what] of [
  ['', 'in English'],
  ['de', 'in German, its catalog loaded from beside the script'],
]) {
  const file = 'payin-checkout.iife.js';
  await check(`page:iife:${locale}`, `Chromium: dist/${file} by a classic <script> with its SRI hash shows the card step ${what}`, async () => {
    writePage('iife.html', { ...pageValues(locale), src: `${servedDist}/${file}`, integrity: integrityOf(file) });
    const report = await reachesCardStep('/www/iife.html', cardHeading(locale || 'en'));
    if (!report.globalIsTheElement) throw new Error('the global PayinCheckout.PayinCheckout is not the class defined for <payin-checkout>');
  }, { needs: ['installed', 'browser'] });
}

{
  const file = 'payin-checkout.bundle.js';
  await check('page:bundle', `Chromium: dist/${file} by <script type="module"> with its SRI hash shows the card step in English`, async () => {
    writePage('bundle.html', { ...pageValues(), src: `${servedDist}/${file}`, integrity: integrityOf(file) });
    await reachesCardStep('/www/bundle.html', cardHeading('en'));
  }, { needs: ['installed', 'browser'] });
}

await finish();
