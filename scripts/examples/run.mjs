// Examples test: the merchant examples of examples/ (a shop page in Chromium with Playwright, a
// headless Vue component, model-based tests with @xstate/graph) run as a merchant runs them, with
// the packages as published. It builds what is stale, packs @payin-checkout/core, /element and
// /testing with `pnpm pack`, lints the testing kit's tarball (publint, attw), installs the tarballs
// and the examples' own dependencies (examples/package.json) with npm into a scratch directory
// outside the workspace, type-checks the examples and runs them under Vitest against the Chromium
// of scripts/chromium.mjs.
//
// Run: bash scripts/toolchain.sh node scripts/examples/run.mjs (npm test runs it). It prints one
// line per check and writes `{ passed, failed, skipped, checks }` to .test-results/examples.json
// (EXAMPLES_RESULTS_FILE to change): each example test counts once, and so does each check around
// them. KEEP_EXAMPLES_TMP=1 keeps the scratch directory.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { chromiumFlags, findChromium } from '../chromium.mjs';
import { checkRunner, mustRun, readTarball, runCommand, sleep, stale, tail } from '../consumer/support.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = join(root, 'examples');
const resultsFile = process.env.EXAMPLES_RESULTS_FILE || join(root, '.test-results', 'examples.json');
const keepTmp = process.env.KEEP_EXAMPLES_TMP === '1';
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The whole run stays under this; checks not started by then are not run (and count as failed). */
const BUDGET_MS = 150_000;
const startedAt = Date.now();
const remaining = () => BUDGET_MS - (Date.now() - startedAt);
const limit = (ms) => Math.max(1_000, Math.min(ms, remaining()));

// Child processes get the environment without what an outer npm or pnpm run put in it, keeping the
// settings that say how to reach a registry (as the consumer test does).
const keptNpmSettings = /^npm_config_(registry|.*:registry|proxy|https[-_]proxy|no[-_]?proxy|cafile|ca|strict[-_]ssl|userconfig)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name) || keptNpmSettings.test(name)));

const packages = [
  { name: '@payin-checkout/core', dir: join(root, 'packages', 'core'), outputs: ['index.js', 'index.d.ts'] },
  { name: '@payin-checkout/element', dir: join(root, 'packages', 'element'), outputs: ['payin-checkout.js', 'payin-checkout.d.ts', 'payin-checkout.bundle.js', 'sri.json'] },
  { name: '@payin-checkout/testing', dir: join(root, 'packages', 'testing'), outputs: ['index.js', 'index.d.ts', 'browser.js', 'playwright.js'] },
];

const { checks, check, setup, report: writeReport } = checkRunner(remaining);

const scratch = mkdtempSync(join(tmpdir(), 'payin-examples-'));
const packDir = join(scratch, 'pack');
const app = join(scratch, 'app');
let finished = false;

function finish(code) {
  if (finished) return;
  finished = true;
  if (keepTmp) console.log(`scratch directory kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
  const status = writeReport('examples', resultsFile, startedAt);
  process.exit(code ?? status);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => finish(1));
setTimeout(() => {
  console.log(`\nexamples: still running after ${BUDGET_MS / 1000 + 15} s, stopping`);
  checks.push({ name: 'the run ends within its time limit', status: 'failed', seconds: 0 });
  finish(1);
}, BUDGET_MS + 15_000).unref();

console.log('Examples: a merchant\'s tests with @payin-checkout/testing, the packages installed by npm outside the workspace');
console.log(`  scratch directory ${scratch}`);

await setup('build', 'build core, element and the testing kit (when stale)', async () => {
  const inputsOf = (dir) => ['src', 'scripts', 'package.json', 'rollup.config.mjs', 'tsconfig.json'].map((file) => join(dir, file));
  const sandboxSources = join(root, 'packages', 'sandbox', 'src');
  const staleOnes = packages.filter(({ name, dir, outputs }) => {
    const inputs = [...inputsOf(dir), ...(name === '@payin-checkout/core' ? [] : [join(root, 'packages', 'core', 'src')]), ...(name === '@payin-checkout/testing' ? [sandboxSources] : [])];
    return stale(outputs.map((file) => join(dir, 'dist', file)), inputs);
  });
  if (staleOnes.length === 0) {
    console.log('     dist/ of every package is newer than its sources');
    return;
  }
  console.log(`     building ${staleOnes.map(({ name }) => name).join(', ')}`);
  await mustRun('pnpm', [...staleOnes.flatMap(({ name }) => ['--filter', name]), 'run', 'build'], { cwd: root, env, timeoutMs: limit(120_000) });
});

/** @type {Map<string, string>} tarball of each package */
const tarballs = new Map();
mkdirSync(packDir, { recursive: true });
for (const { name, dir } of packages) {
  await setup(`pack:${name}`, `pnpm pack ${name}`, async () => {
    const { stdout } = await mustRun('pnpm', ['pack', '--pack-destination', packDir, '--json'], { cwd: dir, env, timeoutMs: limit(60_000) });
    const tarball = JSON.parse(stdout.slice(stdout.indexOf('{'))).filename;
    if (!tarball || !existsSync(tarball)) throw new Error(`pnpm pack named no tarball: ${stdout.slice(0, 300)}`);
    tarballs.set(name, tarball);
  }, { needs: ['build'] });
}

const kit = '@payin-checkout/testing';
await check('kit:contents', `${kit} tarball: the three entries and their declarations, the sandbox inlined, no workspace: range`, () => {
  const files = readTarball(/** @type {string} */ (tarballs.get(kit)));
  const missing = ['index.js', 'index.d.ts', 'browser.js', 'browser.d.ts', 'playwright.js', 'playwright.d.ts'].filter((file) => !files.has(`package/dist/${file}`));
  if (!files.has('package/README.md') || !files.has('package/LICENSE')) missing.push('README.md or LICENSE');
  if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}`);
  const manifest = JSON.parse(String(files.get('package/package.json')));
  const ranges = ['dependencies', 'peerDependencies'].flatMap((field) => Object.entries(manifest[field] ?? {}).filter(([, range]) => String(range).startsWith('workspace:')));
  if (ranges.length > 0) throw new Error(`workspace: ranges: ${JSON.stringify(ranges)}`);
  const code = [...files].filter(([file]) => file.endsWith('.js')).map(([, body]) => body.toString('utf8')).join('\n');
  if (code.includes('@payin-checkout/sandbox')) throw new Error('dist/ imports the private @payin-checkout/sandbox');
  const browser = String(files.get('package/dist/browser.js'));
  const bare = [...browser.matchAll(/^import .* from ['"]([^'"]+)['"]/gm)].map((match) => match[1]).filter((from) => !from.startsWith('./'));
  if (bare.length > 0) throw new Error(`dist/browser.js imports ${bare.join(', ')}: it must run as it is in a browser`);
  console.log(`     ${basename(/** @type {string} */ (tarballs.get(kit)))}: ${files.size} files, dependencies ${Object.keys(manifest.dependencies ?? {}).join(', ')}`);
}, { needs: [`pack:${kit}`] });

await check('kit:publint', `publint --strict ${kit} tarball: no error, no warning`, async () => {
  const bytes = readFileSync(/** @type {string} */ (tarballs.get(kit)));
  const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, strict: true, level: 'suggestion' });
  const lines = messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
  const problems = lines.filter((text) => !text.startsWith('suggestion'));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}, { needs: [`pack:${kit}`] });

await check('kit:attw', `attw --profile esm-only ${kit} tarball: types found, no problem`, async () => {
  const tarball = /** @type {string} */ (tarballs.get(kit));
  const result = await runCommand('pnpm', ['exec', 'attw', tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json'], {
    cwd: root,
    env,
    timeoutMs: limit(60_000),
    stdoutFile: join(scratch, 'attw.json'),
  });
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`attw wrote no JSON (exit ${String(result.code)})\n${tail(`${result.stdout}\n${result.stderr}`)}`);
  const { analysis } = JSON.parse(result.stdout.slice(start));
  if (!analysis.types) throw new Error('attw found no types in the package');
  const ignored = new Set(['node10', 'node16-cjs']);
  const problems = analysis.problems.filter((problem) => !('resolutionKind' in problem) || !ignored.has(problem.resolutionKind));
  console.log(`     entry points: ${Object.keys(analysis.entrypoints ?? {}).join(', ')}`);
  if (problems.length > 0 || result.code !== 0) {
    throw new Error(`attw exit ${String(result.code)}: ${problems.map((problem) => `${problem.kind} at ${problem.entrypoint ?? '?'}`).join('; ') || tail(result.stderr)}`);
  }
}, { needs: [`pack:${kit}`] });

await check('install', 'npm install the tarballs and the examples\' dependencies into a scratch directory', async () => {
  cpSync(examples, app, { recursive: true, filter: (source) => !source.includes('node_modules') });
  const manifest = JSON.parse(readFileSync(join(examples, 'package.json'), 'utf8'));
  // Ours from their tarballs, as a merchant's registry would give them; the rest as the examples name them.
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (tarballs.has(name)) manifest[field][name] = `file:${tarballs.get(name)}`;
    }
  }
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--prefer-offline', '--loglevel=error'], { cwd: app, env, timeoutMs: limit(100_000) });
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
  const problems = [];
  for (const name of [...tarballs.keys(), 'xstate']) {
    const copies = Object.keys(lock.packages ?? {}).filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    if (copies.length !== 1) problems.push(`${name}: ${copies.length} copies`);
  }
  for (const name of tarballs.keys()) {
    if (!String(lock.packages?.[`node_modules/${name}`]?.resolved ?? '').startsWith('file:')) problems.push(`${name} did not come from its tarball`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}, { needs: packages.map(({ name }) => `pack:${name}`) });

await check('tsc', 'tsc --strict (moduleResolution nodenext): the examples against the published declarations', async () => {
  await mustRun(process.execPath, [tscBin, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: app, env, timeoutMs: limit(60_000) });
}, { needs: ['install'] });

await setup('chromium', 'find Chromium (scripts/chromium.mjs)', () => {
  if (!findChromium()) throw new Error('no Chromium (scripts/ensure-chromium.sh installs it; CHROME_PATH names another)');
});

// The example tests themselves, each counted: their own report says which passed.
const vitestReport = join(scratch, 'vitest.json');
await check('vitest', 'the examples under Vitest', async () => {
  const vitest = join(app, 'node_modules', 'vitest', 'vitest.mjs');
  const result = await runCommand(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], {
    cwd: app,
    env: { ...env, CHROME_PATH: findChromium() ?? '', CHROMIUM_FLAGS: JSON.stringify(chromiumFlags), CI: '1' },
    timeoutMs: limit(120_000),
  });
  if (!existsSync(vitestReport)) throw new Error(`Vitest wrote no report (exit ${String(result.code)}${result.timedOut ? ', timed out' : ''})\n${tail(`${result.stdout}\n${result.stderr}`)}`);
  const results = JSON.parse(readFileSync(vitestReport, 'utf8'));
  for (const file of results.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      const status = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
      const name = `${basename(file.name)} › ${test.fullName}`;
      checks.push({ name, status, seconds: Math.round((test.duration ?? 0) / 100) / 10, ...(test.failureMessages?.length ? { detail: test.failureMessages.join('\n').slice(0, 2000) } : {}) });
      console.log(`     ${status === 'passed' ? '✓' : status === 'failed' ? '✗' : '-'} ${name}${status === 'failed' ? `\n${String(test.failureMessages?.[0] ?? '').split('\n').slice(0, 8).join('\n').replace(/^/gm, '         ')}` : ''}`);
    }
  }
  // A file that failed to load has no test results: the run still fails.
  const broken = (results.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0);
  if (broken.length > 0) throw new Error(`files that did not run: ${broken.map((file) => `${basename(file.name)}: ${String(file.message).slice(0, 500)}`).join('\n')}`);
  if (results.numTotalTests === 0) throw new Error('no example test ran');
}, { needs: ['install', 'chromium'], counted: false });

await sleep(0);
finish();
