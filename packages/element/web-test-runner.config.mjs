// Browser tests of <payin-checkout>: @web/test-runner in real Chromium (Debian's package, driven by
// puppeteer-core; nothing downloads a browser), TypeScript through esbuild, and a Vault sandbox
// started for the run on a free loopback port. Run: `pnpm --filter @payin-checkout/element test:browser`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { chromiumFlags, findChromium } from '../../scripts/chromium.mjs';

const packageDir = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = join(packageDir, '..', '..');
const sandboxEntry = join(workspaceRoot, 'packages', 'sandbox', 'src', 'index.ts'); // @payin-checkout/sandbox

/** Where the counts of the last run go, for scripts/test-all.mjs. */
export const resultsFile = process.env.WTR_RESULTS_FILE ?? join(workspaceRoot, '.test-results', 'web-test-runner.json');

/** Path of the browser module that tells the tests where the sandbox listens. */
export const sandboxModulePath = '/__sandbox__.js';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error(
    `No Chromium found (${executablePath ? `CHROME_PATH=${executablePath}` : '/usr/bin/chromium'}). ` +
      'Run scripts/ensure-chromium.sh (installs Debian\'s chromium as root) or set CHROME_PATH to a Chromium or Chrome binary.',
  );
}

const chromeArgs = [...chromiumFlags];

/**
 * Keeps the test server on the loopback interface. @web/dev-server binds every interface when
 * `hostname` is `localhost` or `127.0.0.1` (it passes no host to `listen`); this closes it before
 * any browser connects and listens again on 127.0.0.1, same port.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function loopbackOnlyPlugin() {
  return {
    name: 'loopback-only',
    async serverStart({ server, config }) {
      const address = server?.address();
      if (!server || !address || typeof address === 'string' || address.address === '127.0.0.1') return;
      await new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve(undefined))));
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: config.port }, () => {
          server.off('error', reject);
          resolve(undefined);
        });
      });
    },
  };
}

/**
 * Serves the message catalogs where the element's unbuilt source looks for them (`src/locales/`,
 * beside src/locale.ts), from core, as the build puts them beside the script (`dist/locales/`).
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function catalogsBesideSourcePlugin() {
  const localesDir = join(workspaceRoot, 'packages', 'core', 'src', 'i18n', 'locales');
  const prefix = '/packages/element/src/locales/';
  return {
    name: 'catalogs-beside-source',
    serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length);
      if (!/^[a-z]{2}\.json$/.test(name) || !existsSync(join(localesDir, name))) return undefined;
      return { body: readFileSync(join(localesDir, name), 'utf8'), type: 'json' };
    },
  };
}

/**
 * Starts the Vault sandbox (@payin-checkout/sandbox, TypeScript source loaded through tsx) when the
 * test server starts — one in its default profile and one in its `documented` profile, which answers
 * only what Vault's reference documents — stops them with the server, and serves `/__sandbox__.js`
 * exporting their URLs (`sandboxUrl`: the default one).
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function sandboxPlugin() {
  /** @type {Record<'default' | 'documented', { url: string, close: () => Promise<void> }> | undefined} */
  let sandboxes;
  return {
    name: 'payin-sandbox',
    async serverStart() {
      // tsImport loads the sandbox's .ts sources (with their `.js`-suffixed relative imports) without
      // registering a loader for the whole process, however wtr was started. The sandbox is loaded
      // by path rather than as a workspace dependency: linking its `payin-sandbox` bin would make
      // pnpm chmod +x its src/cli.ts on every install.
      const { startSandbox } = await tsImport(pathToFileURL(sandboxEntry).href, import.meta.url);
      const start = (profile) => startSandbox({ host: '127.0.0.1', port: 0, logger: false, profile });
      sandboxes = { default: await start('default'), documented: await start('documented') };
    },
    async serverStop() {
      await Promise.all(Object.values(sandboxes ?? {}).map((sandbox) => sandbox.close()));
      sandboxes = undefined;
    },
    serve(context) {
      if (context.path !== sandboxModulePath) return undefined;
      if (!sandboxes) throw new Error('The sandbox is not running');
      const urls = { default: sandboxes.default.url, documented: sandboxes.documented.url };
      return { body: `export const sandboxUrl = ${JSON.stringify(urls.default)};\nexport const sandboxUrls = ${JSON.stringify(urls)};\n`, type: 'js' };
    },
  };
}

/**
 * The fault-and-attack suite's table (test/attack.test.ts): the suite names its cases up front
 * (`attack-cases`) and each test records the outcome it observed once all its assertions passed
 * (`attack-held`). At the end of the run it prints `case → outcome` and `cases: N, held: N`, and
 * writes the same to .test-results/attack-table.txt. A case that never recorded shows as not held.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function attackTablePlugin() {
  /** @type {Map<string, { title: string, outcome?: string }>} */
  const cases = new Map();
  const table = () => {
    const rows = [...cases.values()];
    const heldCount = rows.filter((row) => row.outcome !== undefined).length;
    const width = Math.max(...rows.map((row) => row.title.length), 4);
    return [
      'Fault-and-attack cases',
      ...rows.map((row) => `  ${row.title.padEnd(width)} → ${row.outcome ?? 'NOT HELD (the test failed or did not run)'}`),
      `cases: ${rows.length}, held: ${heldCount}`,
    ].join('\n');
  };
  return {
    name: 'attack-table',
    executeCommand({ command, payload }) {
      if (command === 'attack-cases') {
        for (const { id, title } of /** @type {{ id: string, title: string }[]} */ (payload)) {
          if (!cases.has(id)) cases.set(id, { title });
        }
        return true;
      }
      if (command === 'attack-held') {
        const { id, outcome } = /** @type {{ id: string, outcome: string }} */ (payload);
        const row = cases.get(id);
        if (!row) throw new Error(`attack case ${id} was not declared`);
        row.outcome = outcome;
        return true;
      }
      return undefined;
    },
    async serverStop() {
      if (cases.size === 0) return;
      const text = table();
      process.stdout.write(`\n${text}\n\n`);
      mkdirSync(dirname(resultsFile), { recursive: true });
      writeFileSync(join(dirname(resultsFile), 'attack-table.txt'), `${text}\n`);
    },
  };
}

/**
 * Writes `{ passed, failed, skipped, files, fileErrors }` of the run to `resultsFile`. A test file
 * that failed outside any test (did not load, timed out, threw in a hook) counts as one failure.
 * @returns {import('@web/test-runner').Reporter}
 */
function countsReporter() {
  /** @param {import('@web/test-runner').TestSession[]} sessions */
  const write = (sessions) => {
    const counts = { passed: 0, failed: 0, skipped: 0, files: sessions.length, fileErrors: [] };
    /** @param {import('@web/test-runner').TestSuiteResult} suite */
    const walk = (suite) => {
      for (const test of suite.tests) {
        if (test.skipped) counts.skipped += 1;
        else if (test.passed) counts.passed += 1;
        else counts.failed += 1;
      }
      suite.suites.forEach(walk);
    };
    for (const session of sessions) {
      const failedBefore = counts.failed;
      if (session.testResults) walk(session.testResults);
      if (session.passed === false && counts.failed === failedBefore) {
        counts.failed += 1;
        counts.fileErrors.push({
          file: session.testFile,
          errors: session.errors.map((error) => error.message),
        });
      }
    }
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(counts, null, 2)}\n`);
  };
  return {
    start() {
      rmSync(resultsFile, { force: true }); // a run that dies early leaves no stale counts
    },
    onTestRunFinished({ sessions }) {
      write(sessions);
    },
    stop({ sessions }) {
      write(sessions);
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  hostname: '127.0.0.1',
  rootDir: workspaceRoot, // workspace packages (core) resolve outside this package
  files: [join(packageDir, 'test/**/*.test.ts')],
  // Workspace packages (core) resolve to their TypeScript sources: see "exports" in their package.json.
  // The test:browser script starts Node with the same condition for the sandbox loaded below.
  nodeResolve: { exportConditions: ['@payin-checkout/source', 'development'] },
  // Focus and keyboard tests need the page to be the focused one: one test file at a time.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { ui: 'bdd', timeout: 20_000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath, args: chromeArgs } })],
  plugins: [
    loopbackOnlyPlugin(),
    catalogsBesideSourcePlugin(),
    esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(packageDir, 'tsconfig.json') }),
    sandboxPlugin(),
    attackTablePlugin(),
  ],
  // Lit's one-time dev-mode notice is noise in every test file; other browser logs are shown.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  reporters: [
    defaultReporter(), // progress, browser logs and errors of failing tests
    summaryReporter({ flatten: false, reportTestLogs: false, reportTestErrors: false }), // every test's name
    countsReporter(),
  ],
};
