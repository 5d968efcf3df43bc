// `npm run bench`: measures the checkout beside its references and writes BENCHMARKS.md at the
// root. Every figure is measured in this run, its reference too; timings are medians with the
// min–max range over interleaved runs. Peers and Lighthouse are installed with npm into a
// scratch directory under the system's temporary directory (pinned versions), never into the
// workspace. Not part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../../packages/demo/src/server/server.ts';
import { launch } from '../../packages/demo/test/browser.ts';
import { measureCycles, measureFirstRender, measureRequests } from './browser.mjs';
import { measureLighthouse } from './lighthouse.mjs';
import { measureMachine } from './machine.mjs';
import { buildMinimal, startPages } from './pages.mjs';
import { measureSizes } from './sizes.mjs';
import { holds, kib, spread, summary } from './stats.mjs';
import { coreDir, elementDir, elementDist, root } from '../size-lib.mjs';

const RUNS = 9;
const CYCLES = 500;
const LIGHTHOUSE_RUNS = 3;
const MACHINE_EVENTS = 20_000;
const CHROME = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
/** What the scratch directory installs, pinned. */
const VERSIONS = {
  '@adyen/adyen-web': '6.45.2',
  'braintree-web-drop-in': '1.48.0',
  '@primer-io/primer-js': '1.9.2',
  lighthouse: '13.5.0',
  '@rollup/plugin-commonjs': '29.0.3',
  '@rollup/plugin-json': '6.1.0',
};

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

// ---- The element's bundle, rebuilt when older than its sources ---------------------------------
const newest = (path) => (statSync(path).isDirectory() ? Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry)))) : statSync(path).mtimeMs);
const bundleFile = join(elementDist, 'payin-checkout.bundle.js');
if (!existsSync(bundleFile) || statSync(bundleFile).mtimeMs < Math.max(newest(join(coreDir, 'src')), newest(join(elementDir, 'src')))) {
  log('building the element (pnpm --filter @payin-checkout/element run build)');
  const { status } = spawnSync('pnpm', ['--filter', '@payin-checkout/element', 'run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  if (status !== 0) throw new Error('building the element failed');
}
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages/core/src', 'packages/element/src'], { cwd: root, encoding: 'utf8' }).trim() !== '';

// ---- Scratch install ------------------------------------------------------------------------------
const scratch = join(tmpdir(), 'payin-checkout-bench');
mkdirSync(scratch, { recursive: true });
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'payin-checkout-bench-scratch', private: true }, null, 2));
log(`npm install into ${scratch}`);
const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...Object.entries(VERSIONS).map(([name, version]) => `${name}@${version}`)], {
  cwd: scratch,
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 240_000,
});
if (install.status !== 0) throw new Error('npm install of the peers and lighthouse failed');

// ---- Sizes --------------------------------------------------------------------------------------
log('sizes');
const sizes = await measureSizes(scratch, VERSIONS);

// ---- Browser --------------------------------------------------------------------------------------
const demo = await startDemo({ logger: false });
const minimal = await buildMinimal();
const pages = await startPages({ demoUrl: demo.url, minimalCode: minimal.code });
const browser = await launch();
let firstRender;
let cycles;
let requests;
try {
  log(`first render, ${RUNS} interleaved cold loads each`);
  firstRender = await measureFirstRender(browser, pages.url, RUNS);
  log(`${CYCLES} mount/unmount cycles, ${RUNS} interleaved runs each`);
  cycles = await measureCycles(browser, pages.url, RUNS, CYCLES);
  log('requests per purchase');
  requests = await measureRequests(browser, demo.url).catch((error) => ({ error: String(error.message ?? error).slice(0, 400) }));
} finally {
  await browser.close();
  await pages.close();
}

// ---- Machine ------------------------------------------------------------------------------------
log('machine transitions');
const machine = await measureMachine(demo.url, RUNS, MACHINE_EVENTS);

// ---- Lighthouse ---------------------------------------------------------------------------------
log(`lighthouse, ${LIGHTHOUSE_RUNS} runs`);
let lighthouse;
try {
  lighthouse = await measureLighthouse({ scratch, chromePath: CHROME, url: `${demo.url}/`, runs: LIGHTHOUSE_RUNS });
} catch (error) {
  lighthouse = { error: String(error.message ?? error).slice(0, 400) };
}
await demo.close();
const seconds = (Date.now() - started) / 1000;
log(`done in ${seconds.toFixed(0)} s; writing BENCHMARKS.md`);

// ---- Report -------------------------------------------------------------------------------------
const md = [];
const line = (text = '') => md.push(text);
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const of = (list, key) => summary(list.map((entry) => entry[key]));

line('# Benchmarks');
line();
line(`Written by \`npm run bench\` (scripts/bench/) at commit \`${commit}\`${dirty ? ' with uncommitted changes to core or element sources' : ''}, ${new Date().toISOString().slice(0, 10)}, on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, Chromium (${CHROME}). The run took ${seconds.toFixed(0)} s.`);
line('Every figure is measured in the same run as its reference. Timings: median (min–max) over ' + `${RUNS} interleaved runs (the two subjects alternate which goes first), each a cold load in a fresh browser context. Pages are served from a loopback server on 127.0.0.1 (bundles brotli-compressed, no network or CPU throttling), the API by the sandbox behind it.`);
line();

// Sizes
const el = sizes.element;
line('## Size');
line();
line('Minified by rollup + terser with the element\'s settings (packages/element/rollup.config.mjs, via scripts/size-lib.mjs), gzip -9, brotli 11. KiB = 1024 bytes.');
line();
line('| file | min | gzip | brotli | gzip vs the element |');
line('| --- | ---: | ---: | ---: | ---: |');
line(`| **payin-checkout.bundle.js** (self-contained element) | ${kib(el.min)} | ${kib(el.gzip)} | ${kib(el.brotli)} | 1.00× |`);
line(`| dependency floor (lit + xstate + ky + zod/mini, what the sources import) | ${kib(sizes.floor.min)} | ${kib(sizes.floor.gzip)} | ${kib(sizes.floor.brotli)} | ${(sizes.floor.gzip / el.gzip).toFixed(2)}× |`);
for (const peer of sizes.peers) {
  if (peer.error) {
    line(`| ${peer.name}@${peer.version}: ${peer.what} | — | — | — | not measured: ${peer.error.replaceAll('|', '/')} |`);
    continue;
  }
  const css = peer.css.length ? ` (JS ${kib(peer.js.gzip)} + CSS ${kib(peer.css.reduce((sum, part) => sum + part.gzip, 0))} gzip)` : '';
  line(`| ${peer.name}@${peer.version}: ${peer.what}${css} | ${kib(peer.total.min)} | ${kib(peer.total.gzip)} | ${kib(peer.total.brotli)} | ${(peer.total.gzip / el.gzip).toFixed(2)}× |`);
}
line();
line(`The element's own code over the floor: ${kib(el.gzip - sizes.floor.gzip)} KiB gzip. Peers are bundled from their npm packages with every dynamic import inlined; what they fetch from their vendor's servers at run time (hosted fields, SDK parts) is not counted. The size budgets (≤ 50 KiB gzip, ≤ 44 KiB brotli for the self-contained file) are checked by \`npm run size\`: ${el.gzip <= 50 * 1024 && el.brotli <= 44 * 1024 ? 'they hold' : '**they do not hold**'} (${kib(el.gzip)} / ${kib(el.brotli)}).`);
line();

// First render
const fr = firstRender;
const ttfi = { checkout: of(fr.checkout, 'firstInput'), minimal: of(fr.minimal, 'firstInput') };
const evaluation = { checkout: of(fr.checkout, 'evaluation'), minimal: of(fr.minimal, 'evaluation') };
const longest = { checkout: of(fr.checkout, 'longestTask'), minimal: of(fr.minimal, 'longestTask') };
const tasks = { checkout: of(fr.checkout, 'longTasks'), minimal: of(fr.minimal, 'longTasks') };
const cls = { checkout: of(fr.checkout, 'cls'), minimal: of(fr.minimal, 'cls') };
const ttfiRatio = ratio(ttfi.checkout.median, ttfi.minimal.median);
const worstTask = longest.checkout.max;
line('## First render (one script tag)');
line();
line(`\`<payin-checkout>\` (a new customer: the new-card form after the cards are loaded from the sandbox) beside a minimal Lit element with one input (${kib(minimal.size.gzip)} KiB gzip), each loaded by one \`<script type="module">\` on an otherwise empty page. Time to first input: from navigation start to the first animation frame in which a visible, enabled form control exists (open shadow roots searched). Module evaluation: between marks of inline module scripts just before and after the bundle's script.`);
line();
line('| figure | checkout | minimal Lit element | target | verdict |');
line('| --- | ---: | ---: | --- | --- |');
line(`| time to first focusable input (ms) | ${spread(ttfi.checkout)} | ${spread(ttfi.minimal)} | ≤ 1.5× minimal Lit | ${ttfiRatio.toFixed(2)}×: ${holds(ttfiRatio <= 1.5)} |`);
line(`| module evaluation (ms) | ${spread(evaluation.checkout)} | ${spread(evaluation.minimal)} | — | ${ratio(evaluation.checkout.median, evaluation.minimal.median).toFixed(1)}× |`);
line(`| long tasks before the first input (count) | ${spread(tasks.checkout, 0)} | ${spread(tasks.minimal, 0)} | none > 50 ms | ${holds(worstTask <= 50 && tasks.checkout.max === 0)} |`);
line(`| longest of those tasks (ms) | ${spread(longest.checkout, 0)} | ${spread(longest.minimal, 0)} | ≤ 50 | worst ${worstTask.toFixed(0)} ms |`);
line(`| CLS (to 1 s after the first input) | ${spread(cls.checkout, 3)} | ${spread(cls.minimal, 3)} | 0 | ${holds(cls.checkout.max === 0)} |`);
line();
line(`First control found in the checkout: \`${fr.checkout[0]?.firstInputName ?? '?'}\`.`);
line();

// Requests
line('## Requests per purchase');
line();
line('A new customer buys on the demo\'s script-tag page through the element: first with a new card (the frictionless test card, with its billing address), then, after a reload, again with the card now saved (chosen from the saved cards). Counted by the sandbox (`GET /sandbox/counters`, every API route of that customer).');
line();
if (requests.error) {
  line(`Not measured: ${requests.error}`);
} else {
  const routes = (counts) => Object.entries(counts).map(([route, count]) => `${route} ${count}`).join(', ');
  line('| purchase | requests | by route | minimum of the API | verdict |');
  line('| --- | ---: | --- | --- | --- |');
  line(`| saved card | ${requests.savedCard.total} | ${routes(requests.savedCard.routes)} | 4: data, offer, pay, status | ${holds(requests.savedCard.total <= 4)} |`);
  line(`| new card | ${requests.newCard.total} | ${routes(requests.newCard.routes)} | 6, as the issue counts it: card, data, offer, pay, status… | ${holds(requests.newCard.total <= 6)} |`);
  line();
  line('A status check is the one poll a frictionless card needs; a card that stays pending takes more by design.');
}
line();

// Cycles
const growth = { checkout: of(cycles.checkout, 'growth'), minimal: of(cycles.minimal, 'growth') };
const after = { checkout: of(cycles.checkout, 'after'), minimal: of(cycles.minimal, 'after') };
const perCycle = { checkout: of(cycles.checkout, 'perCycle'), minimal: of(cycles.minimal, 'perCycle') };
const codeGrowth = { checkout: of(cycles.checkout, 'codeGrowth'), minimal: of(cycles.minimal, 'codeGrowth') };
const objectGrowth = { checkout: of(cycles.checkout, 'objectGrowth'), minimal: of(cycles.minimal, 'objectGrowth') };
const secondObjectGrowth = { checkout: of(cycles.checkout, 'secondObjectGrowth'), minimal: of(cycles.minimal, 'secondObjectGrowth') };
const alive = { checkout: of(cycles.checkout, 'alive'), minimal: of(cycles.minimal, 'alive') };
// A bare element's growth can be near zero: the reference for the ratio is at least 64 KiB.
const growthFloor = Math.max(growth.minimal.median, 64 * 1024);
const growthRatio = growth.checkout.median / growthFloor;
const timeRatio = ratio(perCycle.checkout.median, perCycle.minimal.median);
const k = (summaryOf) => ({ median: summaryOf.median / 1024, min: summaryOf.min / 1024, max: summaryOf.max / 1024 });
line(`## ${CYCLES} mount/unmount cycles`);
line();
line(`On a page that loaded the module and mounts nothing: 20 warm-up cycles, two full collections (CDP \`HeapProfiler.collectGarbage\`), the JS heap used (\`Runtime.getHeapUsage\`), ${CYCLES} cycles (create, set attributes, append, await the first update, remove), 1 s for pending work (the checkout's aborted requests), two full collections, the heap used again.`);
line();
line('| figure | checkout | minimal Lit element | target | verdict |');
line('| --- | ---: | ---: | --- | --- |');
line(`| heap growth over ${CYCLES} cycles (KiB) | ${spread(k(growth.checkout), 0)} | ${spread(k(growth.minimal), 0)} | ≤ 2× bare element | ${growthRatio.toFixed(2)}× of ${kib(growthFloor)} KiB: ${holds(growthRatio <= 2)} |`);
line(`| of which compiled code (KiB) | ${spread(k(codeGrowth.checkout), 0)} | ${spread(k(codeGrowth.minimal), 0)} | — | — |`);
line(`| of which objects, strings, arrays, DOM (KiB) | ${spread(k(objectGrowth.checkout), 0)} | ${spread(k(objectGrowth.minimal), 0)} | — | ${(objectGrowth.checkout.median / growthFloor).toFixed(2)}× of ${kib(growthFloor)} KiB |`);
line(`| objects grown over a second ${CYCLES} cycles (KiB) | ${spread(k(secondObjectGrowth.checkout), 0)} | ${spread(k(secondObjectGrowth.minimal), 0)} | — | ${(secondObjectGrowth.checkout.median / growthFloor).toFixed(2)}× of ${kib(growthFloor)} KiB |`);
line(`| elements of the class still in the heap after the cycles | ${spread(alive.checkout, 0)} | ${spread(alive.minimal, 0)} | 0 | ${holds(alive.checkout.max === 0)} |`);
line(`| heap used after the cycles (KiB) | ${spread(k(after.checkout), 0)} | ${spread(k(after.minimal), 0)} | — | — |`);
line(`| mount + unmount, per cycle (ms) | ${spread(perCycle.checkout, 2)} | ${spread(perCycle.minimal, 2)} | ≤ 3× | ${timeRatio.toFixed(1)}×: ${holds(timeRatio <= 3)} |`);
line();
line('The growth ratio compares to the bare element\'s median growth, or to 64 KiB when that is smaller (the noise of a collected heap), so that a near-zero reference does not turn into an infinite ratio. The rows "of which" split the growth by heap snapshots taken beside each reading: compiled code is V8 optimising the functions the cycles run hot (more code runs per checkout cycle than per bare element), objects are what a leak would keep; a second round of cycles right after shows what each cycle keeps once the first round\'s one-off costs (caches, tables sized up) are paid. The elements still in the heap are counted by `Runtime.queryObjects` on the element\'s prototype after a full collection.');
line();

// Machine
const m = { checkout: summary(machine.checkout), trivial: summary(machine.trivial) };
const perSecond = (s) => ({ median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 });
line('## Machine transitions in Node');
line();
line(`${MACHINE_EVENTS.toLocaleString('en')} events per run, ${RUNS} interleaved runs. The checkout's machine takes field edits (\`FIELD.CHANGE\` of the amount, alternating two values; a root transition with its assign), in the state it reached after loading a new customer (\`${machine.state}\`); the reference is a two-state toggle on the same xstate.`);
line();
line('| figure | checkout machine | trivial XState machine | ratio |');
line('| --- | ---: | ---: | ---: |');
line(`| thousand transitions per second | ${spread(perSecond(m.checkout), 0)} | ${spread(perSecond(m.trivial), 0)} | ${(m.checkout.median / m.trivial.median).toFixed(2)}× |`);
line();
line('The issue sets no target here; a field edit costs 1 / that rate.');
line();

// Lighthouse
line('## Lighthouse: the script-tag demo page');
line();
if (lighthouse.error) {
  line(`Not measured: ${lighthouse.error}`);
} else {
  const lh = (key) => summary(lighthouse.map((run) => run[key]));
  const perf = lh('performance');
  const a11y = lh('accessibility');
  const bp = lh('bestPractices');
  const lhCls = lh('cls');
  line(`Lighthouse ${lighthouse[0].version}, ${lighthouse[0].formFactor} preset (simulated throttling), ${LIGHTHOUSE_RUNS} runs on \`/\` of the demo server (compressed, revalidated caching), median (min–max).`);
  line();
  line('| figure | value | target | verdict |');
  line('| --- | ---: | --- | --- |');
  line(`| performance | ${spread(perf, 0)} | ≥ 95 | ${holds(perf.median >= 95)} |`);
  line(`| accessibility | ${spread(a11y, 0)} | 100 | ${holds(a11y.min === 100)} |`);
  line(`| best practices | ${spread(bp, 0)} | 100 | ${holds(bp.min === 100)} |`);
  line(`| CLS | ${spread(lhCls, 3)} | 0 | ${holds(lhCls.max === 0)} |`);
  line(`| LCP (ms) | ${spread(lh('lcp'), 0)} | — | — |`);
  line(`| total blocking time (ms) | ${spread(lh('tbt'), 0)} | — | — |`);
  const failing = [...new Set(lighthouse.flatMap((run) => [...run.failing.accessibility, ...run.failing.bestPractices]))];
  if (failing.length) {
    line();
    line(`Audits below full score in accessibility or best practices: ${failing.map((id) => `\`${id}\``).join(', ')}.`);
  }
}
line();
writeFileSync(join(root, 'BENCHMARKS.md'), `${md.join('\n')}\n`);
console.log(md.join('\n'));
