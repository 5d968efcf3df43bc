// Runs every check of the project in order (lint, types, each test runner), then prints one
// closing line `N passed, N failed` summed over every test runner. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const run = (label, command, args, options = {}) => {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  console.log(`== ${label}: ${status === 0 ? 'ok' : `failed (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status === 0;
};

let passed = 0;
let failed = 0;
const failures = [];

for (const [label, args] of [
  ['lint', ['exec', 'eslint', '--max-warnings=0', '.']],
  ['types', ['-r', 'run', 'typecheck']],
]) {
  if (!run(label, 'pnpm', args)) failures.push(label);
}

// Release dry run (scripts/release-dry-run.mjs): `changeset status`, then `changeset version` in a
// scratch copy, checked. Offline; the working tree is left as it is.
if (!run('release dry run', 'node', [join(root, 'scripts', 'release-dry-run.mjs')], { timeout: 60_000 })) failures.push('release dry run');

// The demo's tests (packages/demo/test, under vitest) drive Chromium too: make sure it is there first.
// scripts/ensure-chromium.sh installs Debian's chromium when it is missing (as root).
spawnSync('bash', [join(root, 'scripts', 'ensure-chromium.sh')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

// Node tests (client, sandbox, machine, and the demo pages in Chromium) under vitest. The demo
// test builds the element bundle and the Vite pages first when they are missing or stale.
const vitestReport = join(results, 'vitest.json');
const vitestOk = run('node tests', 'pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
try {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // Skipped or todo tests hide work from CI: count them as failures.
  failed += report.numPendingTests + report.numTodoTests;
  if (!vitestOk && report.numFailedTests === 0) failures.push('node tests');
} catch {
  failures.push('node tests (no report)');
}

// Browser tests (the <payin-checkout> element) under @web/test-runner in Chromium. Its config writes
// the counts of the run to .test-results/web-test-runner.json; a run without them is a failure.
// scripts/ensure-chromium.sh installs Debian's chromium when it is missing (as root).
const chromium = spawnSync('bash', [join(root, 'scripts', 'ensure-chromium.sh')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (chromium.status !== 0) {
  console.log('\n== browser tests: not run, no Chromium (see above)');
  failures.push('browser tests (no Chromium)');
} else {
  const browserReport = join(results, 'web-test-runner.json');
  const browserOk = run('browser tests', 'pnpm', ['--filter', '@payin-checkout/element', 'run', 'test:browser'], {
    env: { ...process.env, WTR_RESULTS_FILE: browserReport },
    timeout: 15 * 60_000, // the config bounds the run far below this; a hung runner must still end
  });
  try {
    const report = JSON.parse(readFileSync(browserReport, 'utf8'));
    for (const key of ['passed', 'failed', 'skipped']) {
      if (!Number.isInteger(report[key])) throw new Error(`no ${key} count`);
    }
    passed += report.passed;
    failed += report.failed;
    failed += report.skipped; // as for vitest: skipped tests count as failures
    if (!browserOk && report.failed === 0) failures.push('browser tests');
  } catch {
    failures.push('browser tests (no report)');
  }
}

// Scripts that pack the packages as published and install them with npm outside the workspace.
// Each writes its counts to a JSON file in .test-results/; checks it could not run count as failures.
// - consumer test (scripts/consumer/run.mjs): core, element and the adapters linted (publint, attw),
//   installed into a scratch app, type-checked, bundled and loaded in Chromium against the sandbox;
// - examples (scripts/examples/run.mjs): the merchant examples of examples/ (a shop page in Chromium
//   with Playwright, a headless Vue component, model-based tests) with @payin-checkout/testing.
for (const [label, script, resultsVariable, timeoutMinutes] of [
  ['consumer test', 'consumer', 'CONSUMER_RESULTS_FILE', 5],
  ['examples', 'examples', 'EXAMPLES_RESULTS_FILE', 4],
]) {
  const reportFile = join(results, `${script}.json`);
  const ok = run(label, 'node', [join(root, 'scripts', script, 'run.mjs')], {
    env: { ...process.env, [resultsVariable]: reportFile },
    timeout: timeoutMinutes * 60_000, // each script stops itself within 3 minutes; a hung one must still end
  });
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    for (const key of ['passed', 'failed', 'skipped']) {
      if (!Number.isInteger(report[key])) throw new Error(`no ${key} count`);
    }
    passed += report.passed;
    failed += report.failed + report.skipped;
    if (!ok && report.failed + report.skipped === 0) failures.push(label);
  } catch {
    failures.push(`${label} (no report)`);
  }
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
failed += failures.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
