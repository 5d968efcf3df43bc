// The browser benchmarks, in the machine's Chromium: first render (time to the first focusable
// input, module evaluation, long tasks, CLS), heap and time of mount/unmount cycles, and the API
// requests of a purchase driven through the element.
import { buy, CARDS, newToken, openPage, payOffer, press, requestCounts, waitForReceipt, waitForText } from '../../packages/demo/test/browser.ts';
import { MINIMAL_TAG } from './pages.mjs';
import { bounded } from './stats.mjs';

const SUBJECTS = {
  checkout: { page: '/bench/checkout.html', tag: 'payin-checkout' },
  minimal: { page: '/bench/minimal.html', tag: MINIMAL_TAG },
};

const benchToken = () => `test_kyc1_bench${Math.random().toString(36).slice(2, 10)}`;

/** Runs `run(subject, index)` for both subjects `runs` times, alternating which goes first. */
async function interleaved(runs, run) {
  const results = { checkout: [], minimal: [] };
  for (let index = 0; index < runs; index++) {
    const order = index % 2 ? ['minimal', 'checkout'] : ['checkout', 'minimal'];
    for (const subject of order) results[subject].push(await run(subject, index));
  }
  return results;
}

/** One cold load of a subject's page in a fresh browser context (empty cache, no storage). */
async function firstRender(browser, base, subject) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}${SUBJECTS[subject].page}?customer=${benchToken()}`, { waitUntil: 'load', timeout: 15_000 });
    await page.waitForFunction(() => window.__bench.firstInput !== undefined, { timeout: 15_000, polling: 50 });
    // Shifts and long tasks that follow the first input still count for CLS.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return await page.evaluate(() => {
      const { firstInput, firstInputName, longtasks, cls } = window.__bench;
      const start = performance.getEntriesByName('module-start')[0]?.startTime;
      const end = performance.getEntriesByName('module-end')[0]?.startTime;
      const before = longtasks.filter((task) => task.start < firstInput);
      return {
        firstInput,
        firstInputName,
        evaluation: end - start,
        longTasks: before.length,
        longestTask: Math.max(0, ...before.map((task) => task.duration)),
        cls,
      };
    });
  } finally {
    await context.close();
  }
}

export async function measureFirstRender(browser, base, runs) {
  return interleaved(runs, (subject) => bounded(firstRender(browser, base, subject), 45_000, `first render of ${subject}`));
}

/**
 * Heap and time of mount/unmount cycles on a page that loaded the module but mounts nothing:
 * 20 cycles to warm up, a full collection, the heap used, `cycles` cycles (each: create, set the
 * attributes, append, await the first update, remove), a pause for pending work, a full collection,
 * the heap used again.
 */
async function cyclesRun(browser, base, subject, cycles) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const token = benchToken();
    await page.goto(`${base}${SUBJECTS[subject].page}?bare&customer=${token}`, { waitUntil: 'load', timeout: 15_000 });
    const { tag } = SUBJECTS[subject];
    await page.evaluate((name) => customElements.whenDefined(name), tag);
    const session = await page.createCDPSession();
    const heap = async () => {
      await session.send('HeapProfiler.collectGarbage');
      await session.send('HeapProfiler.collectGarbage');
      return (await session.send('Runtime.getHeapUsage')).usedSize;
    };
    const attributes = subject === 'checkout' ? { token, 'api-base': base, amount: '50', 'from-currency': 'EUR', 'to-currency': 'BTC' } : {};
    const cycle = (count) =>
      page.evaluate(
        async (name, attrs, n) => {
          const started = performance.now();
          for (let i = 0; i < n; i++) {
            const element = document.createElement(name);
            for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
            document.body.append(element);
            await element.updateComplete;
            element.remove();
          }
          return performance.now() - started;
        },
        tag,
        attributes,
        count,
      );
    await cycle(20);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await heap();
    const kindsBefore = await heapKinds(session);
    const elapsed = await cycle(cycles);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await heap();
    const kindsAfter = await heapKinds(session);
    const alive = await liveInstances(session, tag);
    // A second round from there: what still grows once the first round's one-off costs (caches,
    // tables sized up, code) are paid is what each cycle keeps.
    await cycle(cycles);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const kindsSecond = await heapKinds(session);
    return {
      before,
      after,
      growth: after - before,
      codeGrowth: kindsAfter.code - kindsBefore.code,
      objectGrowth: kindsAfter.objects - kindsBefore.objects,
      secondObjectGrowth: kindsSecond.objects - kindsAfter.objects,
      alive,
      perCycle: elapsed / cycles,
    };
  } finally {
    await context.close();
  }
}

/**
 * The heap by kind, from a heap snapshot (after a full collection): compiled code (V8's
 * bytecode and optimised machine code, node type `code`) and everything else (objects, strings,
 * arrays, DOM wrappers). Code grows while V8 optimises hot functions; objects grow when something leaks.
 */
async function heapKinds(session) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const typeNames = snapshot.meta.node_types[0];
  const [type, size] = [fields.indexOf('type'), fields.indexOf('self_size')];
  const kinds = { code: 0, objects: 0 };
  for (let index = 0; index < nodes.length; index += fields.length) {
    kinds[typeNames[nodes[index + type]] === 'code' ? 'code' : 'objects'] += nodes[index + size];
  }
  return kinds;
}

/** How many instances of the element's class the heap still holds (CDP `Runtime.queryObjects`, after a full collection). */
async function liveInstances(session, tag) {
  const { result: prototype } = await session.send('Runtime.evaluate', { expression: `customElements.get(${JSON.stringify(tag)}).prototype` });
  await session.send('HeapProfiler.collectGarbage');
  const { objects } = await session.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
  const { result } = await session.send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
  await session.send('Runtime.releaseObject', { objectId: objects.objectId });
  await session.send('Runtime.releaseObject', { objectId: prototype.objectId });
  return result.value;
}

export async function measureCycles(browser, base, runs, cycles) {
  return interleaved(runs, (subject) => bounded(cyclesRun(browser, base, subject, cycles), 120_000, `${cycles} cycles of ${subject}`));
}

const total = (counts) => Object.values(counts).reduce((sum, count) => sum + count, 0);
const delta = (after, before) =>
  Object.fromEntries(Object.entries(after).map(([route, count]) => [route, count - (before[route] ?? 0)]).filter(([, count]) => count > 0));

/**
 * Two purchases of one new customer on the demo's script-tag page: the first with a new card
 * (the frictionless test card), then, after a reload, one with the card now saved (chosen from
 * the list of saved cards). The sandbox's
 * counters of that customer give the API requests of each.
 */
async function purchases(browser, demoUrl) {
  const { page, errors } = await openPage(browser);
  // The helpers' page functions, compiled by tsx, name their inner functions through `__name`.
  await page.evaluateOnNewDocument('globalThis.__name = (target) => target;');
  try {
    const token = newToken();
    await page.goto(`${demoUrl}/?customer=${token}`);
    await buy(page, CARDS.frictionless);
    await waitForReceipt(page);
    const afterNew = await requestCounts(demoUrl, token);

    await page.goto(`${demoUrl}/?customer=${token}`);
    await waitForText(page, 'Choose a card');
    await press(page, '•••• 4242');
    await waitForText(page, 'How much would you like to buy?');
    await press(page, 'Get offer');
    await payOffer(page);
    await waitForReceipt(page);
    const afterSaved = await requestCounts(demoUrl, token);
    return {
      newCard: { total: total(afterNew), routes: delta(afterNew, {}) },
      savedCard: { total: total(afterSaved) - total(afterNew), routes: delta(afterSaved, afterNew) },
      errors,
    };
  } finally {
    await page.close();
  }
}

export const measureRequests = (browser, demoUrl) => bounded(purchases(browser, demoUrl), 90_000, 'purchases');
