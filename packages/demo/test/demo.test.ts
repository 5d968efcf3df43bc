/**
 * Purchases on every demo page, from the demo server (sandbox on the same origin) in Chromium:
 * the script-tag page through the real 3-D Secure bank page, the strict-CSP page, the headless
 * Vue, Angular and React pages (on the adapters; React under StrictMode) and the element in React.
 * The purchases run once against the sandbox's default profile and once against its `documented`
 * profile (only what Vault's reference documents: every refusal a 400 `COMMON`); every purchase
 * ends the same under both. Each run prints its table `case → outcome` with its count.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../src/server/build.js';
import { STRICT_CSP, startDemo, type RunningDemo, type SandboxProfile } from '../src/server/server.js';
import { CARDS, buy, chromeMissing, CHROME, completeProfile, launch, newToken, openPage, pageText, payOffer, press, requestCounts, verifyIdentity, waitForReceipt, waitForText } from './browser.js';

if (chromeMissing) throw new Error(`no Chromium at ${CHROME} (set CHROME_PATH)`);

const profiles = ['default', 'documented'] as const satisfies readonly SandboxProfile[];

/** One browser for the whole file; one demo server per sandbox profile. */
let browser: Browser;
const demos = new Map<SandboxProfile, RunningDemo>();

beforeAll(async () => {
  ensureBuilt({ log: () => undefined });
  for (const profile of profiles) demos.set(profile, await startDemo({ logger: false, profile }));
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...demos.values()].map((demo) => demo.close()));
});

/** The counts of the requests a new customer's purchase is checked on, 0 for those never made. */
const countsOf = (counts: Record<string, number>) => ({
  profile: counts.profile ?? 0,
  pay: counts.pay ?? 0,
  'kyc-data': counts['kyc-data'] ?? 0,
  catalog: counts.catalog ?? 0,
});

const demoOf = (profile: SandboxProfile): RunningDemo => {
  const demo = demos.get(profile);
  if (!demo) throw new Error(`no demo server for the ${profile} profile`);
  return demo;
};

describe('demo pages', { timeout: 60_000 }, () => {
  let demo: RunningDemo;
  beforeAll(() => {
    demo = demoOf('default');
  });

  for (const [path, label] of [
    ['/', 'script-tag page'],
    ['/csp.html', 'strict CSP page'],
  ] as const) {
    it(`${label}: choosing Deutsch or Español loads that catalog from /locales/ and the checkout speaks it`, async () => {
      const { page, errors } = await openPage(browser);
      const catalogs: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/locales/')) catalogs.push(new URL(request.url()).pathname);
      });
      await page.evaluateOnNewDocument(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`), true);
      });
      await page.goto(`${demo.url}${path}?customer=${newToken()}`);
      await waitForText(page, 'Add a card');
      expect(catalogs, 'English is built in').toEqual([]);

      await page.select('#checkout-locale', 'de');
      await waitForText(page, 'Karte hinzufügen');
      await waitForText(page, 'Kartennummer');
      await page.select('#checkout-locale', 'es');
      await waitForText(page, 'Añadir una tarjeta');
      await page.select('#checkout-locale', 'de');
      await waitForText(page, 'Karte hinzufügen');
      expect(catalogs, 'each catalog fetched once').toEqual(['/locales/de.json', '/locales/es.json']);
      // The choice is kept in the address, for the trip to the bank page and back.
      expect(new URL(page.url()).searchParams.get('lang')).toBe('de');
      await page.reload({ waitUntil: 'load' });
      await waitForText(page, 'Karte hinzufügen');

      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('script-tag page: a catalog changed on its way is refused by its integrity, and the checkout stays English', async () => {
    const { page, errors } = await openPage(browser);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warn') warnings.push(message.text());
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/locales/de.json') return void request.continue();
      // A text a fraudster would like the customer to read.
      void request.respond({ status: 200, contentType: 'application/json', body: JSON.stringify({ 'step.newCard': 'Rufen Sie uns an: +49 000 000' }) });
    });
    await page.goto(`${demo.url}/?customer=${newToken()}&lang=de`);
    await waitForText(page, 'Add a card');
    expect(await pageText(page)).not.toContain('Rufen Sie');
    expect(warnings).toEqual([expect.stringContaining('the "de" texts could not be loaded, showing English instead')]);
    expect(errors.filter((error) => !/integrity/i.test(error))).toEqual([]);
    await page.close();
  });

  for (const path of ['/', '/csp.html']) {
    for (const width of [360, 412, 1280]) {
      it(`${path} at ${width} px: nothing on the page moves while the checkout loads (layout shift 0 up to its first screen)`, async () => {
        const { page, errors } = await openPage(browser);
        await page.setViewport({ width, height: 800 });
        await page.goto(`${demo.url}${path}?customer=${newToken()}`);
        await waitForText(page, 'Add a card');
        await waitForText(page, '4242 4242 4242 4242');
        // Every shift since navigation (the observer's buffer), after two more frames.
        const shifts = await page.evaluate(
          () =>
            new Promise<{ value: number; sources: string[] }[]>((resolve) => {
              const seen: { value: number; sources: string[] }[] = [];
              new PerformanceObserver((list) => {
                for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
                  if (!entry.hadRecentInput) seen.push({ value: entry.value, sources: (entry.sources ?? []).map((source) => (source.node instanceof Element ? source.node.tagName.toLowerCase() : String(source.node?.nodeName))) });
                }
              }).observe({ type: 'layout-shift', buffered: true });
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(seen)));
            }),
        );
        expect(shifts, JSON.stringify(shifts)).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
  for (const path of ['/', '/csp.html', '/vue.html', '/angular.html', '/react.html', '/react-element.html']) {
    const withCards = path === '/' || path === '/csp.html';
    it(`${path} fits a 360 px wide phone: no sideways scrolling${withCards ? ', the test cards included' : ''}`, async () => {
      const { page, errors } = await openPage(browser);
      await page.setViewport({ width: 360, height: 740 });
      await page.goto(`${demo.url}${path}?customer=${newToken()}`);
      await waitForText(page, 'Add a card');
      if (withCards) await waitForText(page, '4242 4242 4242 4242');
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(widths.client).toBe(360);
      expect(widths.scroll, `page width at 360 px: ${widths.scroll}`).toBeLessThanOrEqual(360);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

for (const profile of profiles) {
  describe(`demo purchases, ${profile} profile`, { timeout: 60_000 }, () => {
    const documented = profile === 'documented';
    /** The refused pay's status: the default profile's own 403, the documented profile's 400 `COMMON`. */
    const refusal = documented ? 400 : 403;
    /**
     * A new customer's reads of Vault's documented facts: the KYC level once at the start (the page
     * says the customer is new), and under the documented profile, whose refusal of pay says nothing,
     * the level and the catalog once more to explain it.
     */
    const facts = documented ? { 'kyc-data': 2, catalog: 1 } : { 'kyc-data': 1, catalog: 0 };
    let demo: RunningDemo;
    beforeAll(() => {
      demo = demoOf(profile);
    });

    /** The screens the customer went through in the running test, and each passed test's: the run's table. */
    let journey: string[] = [];
    const reached = (screen: string): void => void journey.push(screen);
    const table: [string, string][] = [];
    beforeEach(() => {
      journey = [];
    });
    /** Buys with the 3-D Secure card, approves on the sandbox's bank page and waits to be sent back. */
    async function approvedOnBankPage(page: Page): Promise<void> {
      const toBank = page.waitForNavigation({ waitUntil: 'load' });
      await buy(page, CARDS.threeDSecure);
      await toBank;
      expect(page.url()).toMatch(new RegExp(`^${demo.url}/sandbox/bank/`));
      await waitForText(page, 'Sandbox bank');
      reached('bank page');
      const back = page.waitForNavigation({ waitUntil: 'load' });
      await (await page.waitForSelector('button ::-p-text(Approve)'))?.click();
      await back;
    }

    afterEach((context) => {
      if (context.task.result?.state !== 'fail' && journey.length > 0) table.push([context.task.name, journey.join(' → ')]);
    });
    afterAll(() => {
      const width = Math.max(...table.map(([name]) => name.length));
      // eslint-disable-next-line no-console -- the run's table is this file's report, as the machine's tests print theirs
      console.log([`demo purchases against the sandbox, ${profile} profile`, ...table.map(([name, outcome]) => `  ${name.padEnd(width)} → ${outcome}`), `cases: ${table.length}`].join('\n'));
    });

    it('script-tag page: 3-D Secure card through the bank page, back on the page the checkout resumes', async () => {
      const { page, errors } = await openPage(browser);
      const token = newToken();
      await page.goto(`${demo.url}/?customer=${token}`);
      expect(await page.$$eval('script', (scripts) => scripts.filter((s) => s.src.endsWith('/payin-checkout.bundle.js')).length)).toBe(1);
      await waitForText(page, 'Test cards');
      await waitForText(page, '4000 0000 0000 3220');

      await approvedOnBankPage(page);
      // The bank sends the customer back to the page with the offer named in the address…
      expect(page.url()).toMatch(new RegExp(`^${demo.url}/\\?customer=${token}&payin_offer=\\d+$`));
      const receipt = await waitForReceipt(page);
      reached('receipt');
      // …which the checkout drops once the payment is settled, so a reload starts afresh.
      expect(page.url()).toBe(`${demo.url}/?customer=${token}`);
      expect(receipt).toContain('•••• 3220');
      expect(receipt).toContain('state-change: success');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('strict CSP page: a frictionless purchase with no CSP violation', async () => {
      const { page, errors } = await openPage(browser);
      await page.evaluateOnNewDocument(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`), true);
      });
      const response = await page.goto(`${demo.url}/csp.html?customer=${newToken()}`);
      expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
      expect(await page.$$eval('script:not([src]), style, [style]', (found) => found.length)).toBe(0);
      await buy(page, CARDS.frictionless);
      const receipt = await waitForReceipt(page);
      reached('receipt');
      expect(receipt).toContain('•••• 4242');
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      expect(errors.filter((error) => /Content Security Policy|Refused to/i.test(error))).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });

    const headless = [
      ['Vue', '/vue.html'],
      ['Angular', '/angular.html'],
      ['React', '/react.html'],
    ] as const;

    for (const [name, path] of headless) {
      it(`${name} page (adapter, own markup): a frictionless purchase`, async () => {
        const { page, errors } = await openPage(browser);
        const token = newToken();
        await page.goto(`${demo.url}${path}?customer=${token}`);
        expect(await page.$('>>> payin-checkout')).toBeNull();
        await buy(page, CARDS.frictionless);
        const receipt = await waitForReceipt(page);
        reached('receipt');
        expect(receipt).toContain('Thank you: your purchase is complete.');
        expect(receipt).toMatch(/Reference \d+/);
        expect(receipt).toContain('•••• 4242');
        expect(await page.$('>>> payin-checkout')).toBeNull();
        expect((await requestCounts(demo.url, token)).pay).toBe(1);
        expect(errors).toEqual([]);
        await page.close();
      });

      it(`${name} page: a declined card says so in the customer's words and leads to another card`, async () => {
        const { page, errors } = await openPage(browser);
        const token = newToken();
        await page.goto(`${demo.url}${path}?customer=${token}`);
        await buy(page, CARDS.declined);
        await waitForText(page, 'Your card was declined');
        reached('card declined');
        const shown = await pageText(page);
        expect(shown).toContain('Your bank declined this payment.');
        expect(shown).toContain('Please use another card.');
        expect(shown).not.toContain('Try again');
        // The way on: the card choice, where another card can be added.
        await press(page, 'Use another card');
        await waitForText(page, 'Choose a card');
        reached('choose a card');
        expect((await requestCounts(demo.url, token)).pay).toBe(1);
        expect(errors).toEqual([]);
        await page.close();
      });

      it(`${name} page: 3-D Secure card through the bank page; back on the page the checkout resumes and shows the receipt`, async () => {
        const { page, errors } = await openPage(browser);
        const token = newToken();
        await page.goto(`${demo.url}${path}?customer=${token}`);
        await waitForText(page, 'Add a card');
        expect(await page.$eval('[name="cardNumber"]', (input) => [input.getAttribute('autocomplete'), input.getAttribute('inputmode'), input.getAttribute('maxlength')])).toEqual(['cc-number', 'numeric', '23']);
        await approvedOnBankPage(page);
        expect(page.url()).toMatch(new RegExp(`^${demo.url}${path.replace('.', '\\.')}\\?customer=${token}&payin_offer=\\d+$`));
        const receipt = await waitForReceipt(page);
        reached('receipt');
        expect(receipt).toContain('•••• 3220');
        // Settled: the address no longer names the payment, so a reload starts afresh.
        await page.waitForFunction((expected) => location.href === expected, {}, `${demo.url}${path}?customer=${token}`);
        expect((await requestCounts(demo.url, token)).pay).toBe(1);
        expect(errors).toEqual([]);
        await page.close();
      });

      it(`${name} page: a new customer (NONE) fills in the profile, adds a card, is asked for verification at Pay, and pays once verified`, async () => {
        const { page, errors } = await openPage(browser);
        const token = newToken().replace('test_kyc1_', 'test_none_');
        await page.goto(`${demo.url}${path}?customer=${token}`);
        await completeProfile(page);
        reached('profile');
        await buy(page, CARDS.frictionless);
        // The sandbox pays for KYC_1 customers only; the profile lifts a new one to KYC_0.
        await waitForText(page, 'Please complete identity verification');
        reached('verify identity');
        // The default profile's refusal names the level it wants; the documented one's says nothing.
        expect(countsOf(await requestCounts(demo.url, token))).toEqual({ profile: 1, pay: 1, ...facts });
        // Verified outside the checkout (the host's own verification page), the customer tries again.
        await verifyIdentity(demo.url, token);
        await press(page, 'Try again');
        await payOffer(page);
        const receipt = await waitForReceipt(page);
        reached('receipt');
        expect(receipt).toContain('•••• 4242');
        // The refused one (never made) and the paid one; nothing read again for the paid one.
        expect(countsOf(await requestCounts(demo.url, token))).toEqual({ profile: 1, pay: 2, ...facts });
        // The refused pay request's status (the default profile's 403, the documented 400), as the browser reports it.
        const refusedPay = new RegExp(`^${refusal} POST .*/v3/payin/pay/|status of ${refusal}`);
        expect(errors.filter((error) => !refusedPay.test(error))).toEqual([]);
        await page.close();
      });
    }

    it('React page: runs under StrictMode in the development build, with one checkout and one pay request per purchase', async () => {
      const { page, errors } = await openPage(browser);
      const token = newToken();
      const requests: string[] = [];
      page.on('request', (request) => {
        if (/\/v3\/payin\/pay\//.test(request.url()) && request.method() === 'POST') requests.push(request.url());
      });
      await page.goto(`${demo.url}/react.html?customer=${token}`);
      await waitForText(page, 'StrictMode on (development build): effects mounted 2 times');
      expect(await page.evaluate(() => document.documentElement.dataset.effectMounts)).toBe('2');
      await waitForText(page, 'Add a card');
      expect(await page.$$eval('form', (forms) => forms.length)).toBe(1);
      await buy(page, CARDS.frictionless);
      await waitForReceipt(page);
      reached('receipt');
      expect(await pageText(page)).not.toContain('could not read');
      expect(requests).toHaveLength(1);
      expect((await requestCounts(demo.url, token)).pay).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('React element page: <payin-checkout> through PayinCheckout (@lit/react) under StrictMode, its events as props', async () => {
      const { page, errors } = await openPage(browser);
      const token = newToken();
      await page.goto(`${demo.url}/react-element.html?customer=${token}`);
      await waitForText(page, 'effects mounted 2 times');
      expect(await page.$$eval('payin-checkout', (found) => found.length)).toBe(1);
      // Properties set as properties, not attributes.
      expect(await page.$eval('payin-checkout', (element) => [(element as HTMLElement & { apiBase: string }).apiBase, element.getAttribute('api-base')])).toEqual([demo.url, null]);
      await buy(page, CARDS.frictionless);
      const receipt = await waitForReceipt(page);
      reached('receipt');
      expect(receipt).toContain('•••• 4242');
      expect(receipt).toContain('state-change: success');
      expect(receipt).toMatch(/success: \d+/);
      expect((await requestCounts(demo.url, token)).pay).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
