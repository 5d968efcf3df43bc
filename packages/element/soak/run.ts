/**
 * Soak of `<payin-checkout>`: many purchases in ONE page of Debian's Chromium against a Vault
 * sandbox started here on a free loopback port, the checkout started over between purchases
 * (`reset()` and removal + re-insertion, alternately). It then checks what a long-lived page would
 * suffer from — timers, window/document listeners and XState actors left running, heap growth, more
 * than one pay request per purchase — prints each figure beside its limit and exits 1 when a limit
 * is broken (2 when the run itself failed or ran out of time).
 *
 * Run: npm run soak (or pnpm --filter @payin-checkout/element run soak)
 * Env: SOAK_PURCHASES (default 200), SOAK_PURCHASE_TIMEOUT_MS (30000), SOAK_DEADLINE_MS (900000),
 *      CHROME_PATH (default /usr/lib/chromium/chromium, then /usr/bin/chromium).
 *
 * The page (page.ts) is the element's src bundled with esbuild; probe.ts, installed before any
 * script of the page, tracks live timers and listeners with the stack that made each.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { chromiumFlags, findChromium } from '../../../scripts/chromium.mjs';
import { startSandbox } from '../../sandbox/src/index.js';
import type { ActorReport, LiveListener, LiveTimer, ProbeReport, Screen } from './probe-types.js';

const soakDir = dirname(fileURLToPath(import.meta.url));
const packageDir = join(soakDir, '..');
const workspaceRoot = join(packageDir, '..', '..');

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

const PURCHASES = positiveInteger('SOAK_PURCHASES', 200);
const PURCHASE_TIMEOUT_MS = positiveInteger('SOAK_PURCHASE_TIMEOUT_MS', 30_000);
const DEADLINE_MS = positiveInteger('SOAK_DEADLINE_MS', 15 * 60_000);
/** The heap is first measured after this many purchases, once caches and JIT have settled. */
const WARM_UP = Math.min(10, PURCHASES);

const LIMITS = {
  liveTimers: 0, // at the receipt nothing is pending: the machine is in its final state
  listeners: 1, // the checkout's own window "message" listener (bank popup hand-over), while it is in the page
  liveCheckoutActors: 1, // at any moment, at most the actor of the checkout on the page
  orphanedActors: 0, // invoked actors (requests, visibility watcher) outliving their checkout actor
  heapGrowthMb: 2,
  pageErrors: 0,
} as const;

const CARD = '4242 4242 4242 4242'; // the sandbox's frictionless Visa
const CVV = '739';
const EXPIRY = `12${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`; // typed as MMYY, shown "12 / YY"
/** A different amount for each purchase, within the sandbox's 10–5000 EUR. */
const amountOf = (n: number): string => `${20 + (n % 80)}.${String((n * 37) % 100).padStart(2, '0')}`;

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const startedAt = Date.now();
const deadlineAt = startedAt + DEADLINE_MS;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Browser, page, sandbox

const chrome = findChromium();
if (!chrome) {
  throw new Error('No Chromium found: run scripts/ensure-chromium.sh (Debian chromium) or set CHROME_PATH');
}

let browser: Browser | undefined;
// Past the deadline and a grace period, whatever hangs is killed: the run always ends.
setTimeout(() => {
  process.stderr.write(`soak: still running ${seconds(DEADLINE_MS + 30_000)} after the start: killing the browser and stopping\n`);
  browser?.process()?.kill('SIGKILL');
  process.exit(2);
}, DEADLINE_MS + 30_000).unref();

async function bundle(entry: string, format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [join(soakDir, entry)],
    bundle: true,
    format,
    write: false,
    minify: false,
    keepNames: true, // function names in the stacks of live timers and listeners
    absWorkingDir: workspaceRoot, // the bundle's "// packages/…" module comments name files from the root
    tsconfig: join(packageDir, 'tsconfig.json'),
    conditions: ['@payin-checkout/source', 'module'], // core from its sources (see its package.json "exports")
    target: 'es2022',
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

const [pageJs, probeJs] = await Promise.all([bundle('page.ts', 'esm'), bundle('probe.ts', 'iife')]);

/** For each line of the page bundle, the source module it comes from (from esbuild's "// path" comments). */
const moduleOfLine: string[] = [];
{
  let current = '(bundle)';
  for (const line of pageJs.split('\n')) {
    const match = /^\/\/ ((?:packages|node_modules)\/\S+)$/.exec(line);
    if (match?.[1]) current = match[1].replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
    moduleOfLine.push(current);
  }
}

const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>payin-checkout soak</title></head>
<body><script type="module" src="/soak.js"></script></body></html>`;

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/soak.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(pageJs);
    else if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else response.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

// ---------------------------------------------------------------------------------------------
// Reading the page

async function call<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

const jsArg = (value: unknown) => JSON.stringify(value);

/** Polls (from Node, so the page gets no timer of ours) until the checkout shows what `predicate` wants. */
async function waitFor(page: Page, what: string, predicate: (screen: Screen) => boolean, until: number): Promise<Screen> {
  for (;;) {
    const screen = await call<Screen>(page, 'window.__soak.screen()');
    if (predicate(screen)) return screen;
    const stuck = screen.state === 'failure' ? 'the payment failed' : Date.now() > until ? 'timed out' : '';
    if (stuck) {
      throw new Error(`${stuck} waiting for ${what}: state ${screen.state}, heading "${screen.heading}", showing "${screen.text}"`);
    }
    await sleep(10);
  }
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await call(page, `window.__soak.focus(${jsArg(id)})`);
  await page.keyboard.type(text);
}

const click = (page: Page, text: string) => call(page, `window.__soak.click(${jsArg(text)})`);

/** The top frames of a stack, each as "function (module:bundle-line)", the probe's and puppeteer's left out. */
function frames(stack: string, count = 4): string[] {
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    const match = /at (?:(.+?) \()?\S*\/soak\.js:(\d+):\d+\)?$/.exec(line.trim());
    if (!match) continue;
    const bundleLine = Number(match[2]);
    out.push(`${match[1] ?? '<anonymous>'} (${moduleOfLine[bundleLine - 1] ?? '?'}:${bundleLine})`);
    if (out.length === count) break;
  }
  return out.length ? out : ['(no frame of the page bundle: set by the browser or an injected script)'];
}

/** Live timers or listeners grouped by what they are and where they were made, most frequent first. */
function describe(items: (LiveTimer | LiveListener)[]): string[] {
  const groups = new Map<string, number>();
  for (const item of items) {
    const what = 'kind' in item ? `${item.kind} ${item.delay} ms` : `${item.target} "${item.type}"${item.capture ? ' (capture)' : ''}`;
    const key = `${what}, made at\n        ${frames(item.stack).join('\n        ← ')}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([key, n]) => `    ${n} × ${key}`);
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(50);
  }
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

const mb = (bytes: number) => bytes / (1024 * 1024);

// ---------------------------------------------------------------------------------------------
// The run

interface Check {
  line: string;
  ok: boolean;
}
const checks: Check[] = [];
const check = (ok: boolean, line: string) => checks.push({ ok, line });

const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, logger: false });
const { server, origin } = await serve();
const token = `test_kyc1_soak${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let completed = 0;
let failure: Error | undefined;
const references = new Set<string>();
const pageErrors: string[] = [];
let mostCheckoutActors = 0;
let actorChecks = 0;
/** The most timers live at an offer screen: the countdown's must be there, or the probe sees nothing. */
let mostTimersAtOffer = 0;
let mostCheckoutActorsWhere = '';
let orphanSeen: { where: string; names: string[] } | undefined;
const atReceipt: { n: number; timers: number; listeners: number }[] = [];
let heapWarm: number | undefined;
let heapEnd: number | undefined;
let end: { probe: ProbeReport; actors: ActorReport } | undefined;
let removed: { probe: ProbeReport; actors: ActorReport } | undefined;

say(`soak: ${PURCHASES} purchases in one page of ${chrome}, sandbox on ${sandbox.url}, page on ${origin}`);

try {
  browser = await puppeteer.launch({
    executablePath: chrome,
    timeout: 60_000,
    protocolTimeout: 60_000,
    args: [
      ...chromiumFlags,
      // Timers run at their pace even if the window counts as hidden.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(probeJs);
  await page.goto(`${origin}/`, { waitUntil: 'load', timeout: 30_000 });
  const cdp = await page.createCDPSession();
  if (!(await call<boolean>(page, 'typeof window.__soak === "object" && typeof window.__soakProbe === "object"'))) {
    throw new Error('the soak page did not load (no window.__soak or window.__soakProbe)');
  }
  await call(page, `window.__soak.mount(${jsArg({ apiBase: sandbox.url, token, amount: amountOf(1) })})`);

  const sampleActors = async (where: string): Promise<ActorReport> => {
    const report = await call<ActorReport>(page, 'window.__soak.actors()');
    actorChecks += 1;
    const checkouts = report.live.filter((actor) => actor.checkout).length;
    if (checkouts > mostCheckoutActors) {
      mostCheckoutActors = checkouts;
      mostCheckoutActorsWhere = where;
    }
    const orphans = report.live.filter((actor) => actor.orphaned);
    if (orphans.length && !orphanSeen) orphanSeen = { where, names: orphans.map((actor) => actor.name) };
    return report;
  };

  for (let n = 1; n <= PURCHASES; n += 1) {
    if (Date.now() > deadlineAt) throw new Error(`the overall deadline (${seconds(DEADLINE_MS)}) passed after ${completed} purchases`);
    const until = Math.min(Date.now() + PURCHASE_TIMEOUT_MS, deadlineAt);
    try {
      if (n === 1) {
        // The customer's first visit: add the card once, through the new-card form.
        await waitFor(page, 'the new-card form', (s) => s.heading === 'Add a card', until);
        await typeInto(page, 'f-cardNumber', CARD);
        await typeInto(page, 'f-cardExpiry', EXPIRY);
        await typeInto(page, 'f-cardHolder', 'Ada Lovelace');
        await typeInto(page, 'f-address', '17 Mellowood Ave');
        await typeInto(page, 'f-zip', '10115');
        await typeInto(page, 'f-city', 'Berlin');
        await typeInto(page, 'f-countryCode', 'Germany');
        await click(page, 'Continue');
      } else {
        // Every later visit: the saved card.
        await waitFor(page, 'the saved card', (s) => s.heading === 'Choose a card' && s.text.includes('•••• 4242'), until);
        await sampleActors(`card list of purchase ${n}`);
        await click(page, '•••• 4242');
      }
      await waitFor(page, 'the amount form', (s) => s.heading === 'How much would you like to buy?', until);
      await typeInto(page, 'f-amount', amountOf(n));
      await click(page, 'Get offer');
      await waitFor(page, 'a payable offer', (s) => s.heading === 'Your offer' && s.payable, until);
      await sampleActors(`offer of purchase ${n}`);
      const atOffer = await call<ProbeReport>(page, 'window.__soakProbe.report()');
      mostTimersAtOffer = Math.max(mostTimersAtOffer, atOffer.timers.length);
      await typeInto(page, 'f-cardCVV', CVV);
      await click(page, 'Pay');
      const receipt = await waitFor(page, 'the receipt', (s) => s.reference !== '', until);
      if (!/^\d+$/.test(receipt.reference)) throw new Error(`the receipt's reference is "${receipt.reference}"`);
      if (references.has(receipt.reference)) throw new Error(`purchase ${n} shows the receipt of an earlier one (${receipt.reference})`);
      references.add(receipt.reference);
      completed = n;
    } catch (error) {
      throw new Error(`purchase ${n}: ${(error as Error).message}`, { cause: error });
    }

    await sampleActors(`receipt of purchase ${n}`);
    const probe = await call<ProbeReport>(page, 'window.__soakProbe.report()');
    atReceipt.push({ n, timers: probe.timers.length, listeners: probe.listeners.length });

    if (n === WARM_UP || n === PURCHASES) {
      await sleep(300); // let the last answers and renders settle, the same way at both points
      const heap = await heapAfterGc(cdp);
      if (n === WARM_UP) heapWarm = heap;
      if (n === PURCHASES) {
        heapEnd = heap;
        end = {
          probe: await call<ProbeReport>(page, 'window.__soakProbe.report()'),
          actors: await sampleActors('the end (last receipt)'),
        };
      }
    }
    if (n % 25 === 0 || n === PURCHASES) say(`  ${n}/${PURCHASES} purchases, ${seconds(Date.now() - startedAt)}`);

    if (n < PURCHASES) {
      // Start over: reset() after odd purchases, removal and re-insertion after even ones.
      if (n % 2 === 1) {
        await call(page, 'window.__soak.reset()');
      } else {
        await call(page, 'window.__soak.remove()');
        await sampleActors(`removal after purchase ${n}`);
        await call(page, 'window.__soak.reattach()');
      }
    }
  }

  // Finally the checkout leaves the page: everything it started must be gone.
  await call(page, 'window.__soak.remove()');
  await sleep(300);
  removed = {
    probe: await call<ProbeReport>(page, 'window.__soakProbe.report()'),
    actors: await call<ActorReport>(page, 'window.__soak.actors()'),
  };
} catch (error) {
  failure = error as Error;
}

const elapsed = Date.now() - startedAt;
const counters = await fetch(`${sandbox.url}/sandbox/counters`, {
  headers: { authorization: `Bearer ${token}` },
  signal: AbortSignal.timeout(10_000),
})
  .then((response) => response.json() as Promise<Record<string, number>>)
  .catch(() => undefined);
await browser?.close().catch(() => undefined);
server.close();
await sandbox.close();

// ---------------------------------------------------------------------------------------------
// Report

say();
say('results');
check(completed === PURCHASES, `purchases: ${completed}/${PURCHASES}`);
const pays = counters?.pay;
check(pays === completed, `sandbox pay requests: ${pays ?? 'unknown'} (limit ${completed}: one per purchase)`);

if (end) {
  check(end.probe.timers.length <= LIMITS.liveTimers, `live timers: ${end.probe.timers.length} (limit ${LIMITS.liveTimers}) at the last receipt`);
  check(
    end.probe.listeners.length <= LIMITS.listeners,
    `window/document listeners added and not removed: ${end.probe.listeners.length} (limit ${LIMITS.listeners}: the checkout's window "message" listener) at the last receipt`,
  );
} else {
  check(false, 'live timers, listeners: not measured (the run did not reach the last receipt)');
}
check(
  mostCheckoutActors <= LIMITS.liveCheckoutActors,
  `live actors: ${mostCheckoutActors} (limit ${LIMITS.liveCheckoutActors}), the most checkout actors running at once over ${actorChecks} checks${mostCheckoutActors > LIMITS.liveCheckoutActors ? `, first at ${mostCheckoutActorsWhere}` : ''}`,
);
check(
  !orphanSeen,
  `invoked actors outliving their checkout actor: ${orphanSeen ? `${orphanSeen.names.join(', ')} at ${orphanSeen.where}` : 0} (limit ${LIMITS.orphanedActors})`,
);
if (heapWarm !== undefined && heapEnd !== undefined && PURCHASES > WARM_UP) {
  const growth = mb(heapEnd - heapWarm);
  check(
    growth <= LIMITS.heapGrowthMb,
    `heap growth after GC: ${growth.toFixed(2)} MB (limit ${LIMITS.heapGrowthMb} MB), ${mb(heapWarm).toFixed(2)} MB after ${WARM_UP} purchases → ${mb(heapEnd).toFixed(2)} MB after ${PURCHASES}`,
  );
} else if (PURCHASES <= WARM_UP) {
  checks.push({ ok: true, line: `heap growth after GC: not measured (it needs more than ${WARM_UP} purchases)` });
} else {
  check(false, 'heap growth after GC: not measured (the run did not reach the last receipt)');
}
if (removed) {
  const left = removed.probe.timers.length + removed.probe.listeners.length + removed.actors.live.length;
  check(
    left === 0,
    `after removing the checkout: live timers ${removed.probe.timers.length}, listeners ${removed.probe.listeners.length}, actors ${removed.actors.live.length} (limit 0 each)`,
  );
}
if (completed > 0) {
  // The offer's countdown ticks on a timer: a probe that saw none at an offer is not working.
  check(mostTimersAtOffer > 0, `probe working: ${mostTimersAtOffer > 0 ? 'yes' : 'no'} (the offer countdown's timer was ${mostTimersAtOffer > 0 ? '' : 'not '}seen)`);
}
check(pageErrors.length <= LIMITS.pageErrors, `page errors: ${pageErrors.length} (limit ${LIMITS.pageErrors})`);
for (const { ok, line } of checks) say(`  ${ok ? 'ok  ' : 'FAIL'} ${line}`);
say(`  total time: ${seconds(elapsed)}${completed ? ` (${(elapsed / completed / 1000).toFixed(2)} s per purchase)` : ''}`);

// What is left, with where it was made: the material to find a leak.
if (atReceipt.length > 1) {
  const first = atReceipt[0];
  const last = atReceipt[atReceipt.length - 1];
  if (first && last) {
    say(`  live timers / listeners at each receipt: ${first.timers} / ${first.listeners} after purchase ${first.n}, ${last.timers} / ${last.listeners} after purchase ${last.n}`);
  }
}
const details: [string, (LiveTimer | LiveListener)[]][] = [
  ['live timers at the last receipt', end?.probe.timers ?? []],
  ['window/document listeners at the last receipt', end?.probe.listeners ?? []],
  ['live timers after removing the checkout', removed?.probe.timers ?? []],
  ['window/document listeners after removing the checkout', removed?.probe.listeners ?? []],
];
for (const [title, items] of details) {
  if (items.length) say(`  ${title}:\n${describe(items).join('\n')}`);
}
const liveActors = removed?.actors.live ?? end?.actors.live ?? [];
if (liveActors.length) say(`  live actors at the end: ${liveActors.map((a) => `${a.name}${a.orphaned ? ' (orphaned)' : ''}`).join(', ')}`);
if (end) {
  say(`  actors started: ${end.actors.started.checkouts} checkout actors, ${end.actors.started.children} invoked`);
  say(`  probe: ${end.probe.created.timers} timers set, ${end.probe.created.listeners} window/document listeners added; up to ${mostTimersAtOffer} timers live at an offer`);
}
if (pageErrors.length) say(`  page errors (first 5):\n${pageErrors.slice(0, 5).map((e) => `    ${e}`).join('\n')}`);

if (failure) {
  say(`\nsoak: RUN FAILED after ${completed} purchases: ${failure.message}`);
  process.exit(2);
}
const broken = checks.filter((c) => !c.ok);
say(broken.length ? `\nsoak: FAIL, ${broken.length} limit(s) broken` : '\nsoak: ok, every figure within its limit');
process.exit(broken.length ? 1 : 0);
