/** Drives Debian's Chromium through the demo pages with puppeteer-core. */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type ConsoleMessage, type Page } from 'puppeteer-core';
import { chromiumFlags, findChromium } from '../../../scripts/chromium.mjs';

export const CHROME = findChromium() ?? '/usr/lib/chromium/chromium';
export const chromeMissing = !existsSync(CHROME);

export const FLAGS = [...chromiumFlags];

export const CARDS = { frictionless: '4242 4242 4242 4242', threeDSecure: '4000 0000 0000 3220', declined: '4000 0000 0000 0002' } as const;

export const newToken = (): string => `test_kyc1_demo${Math.random().toString(36).slice(2, 10)}`;

export async function launch(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROME, args: FLAGS, headless: true, protocolTimeout: 30_000 });
}

const pageErrors = new WeakMap<Page, string[]>();

/** A page that records console errors and page errors, with short default timeouts. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(15_000);
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return { page, errors };
}

/** Every text of the page, open shadow roots included, with spaces squashed. */
export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      for (const child of node.childNodes) walk(child);
    };
    walk(document.body);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

export async function waitForText(page: Page, text: string, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const shown = await pageText(page).catch(() => '');
    if (shown.includes(text)) return;
    if (Date.now() > until) throw new Error(`"${text}" not shown within ${timeout} ms; the page shows: ${shown.slice(0, 1500)}; errors: ${JSON.stringify(pageErrors.get(page) ?? [])}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `>>>` pierces shadow roots, so one selector works for the element and for light-DOM pages. */
const field = (name: string) => `>>> [name="${name}"]`;

async function type(page: Page, name: string, value: string): Promise<void> {
  const input = await page.waitForSelector(field(name), { visible: true });
  if (!input) throw new Error(`no field ${name}`);
  await input.click({ count: 3 });
  await input.type(value);
}

async function submit(page: Page, label: string): Promise<void> {
  const button = await page.waitForSelector(`>>> button[type="submit"] ::-p-text(${label})`, { visible: true });
  if (!button) throw new Error(`no ${label} button`);
  await button.click();
}

/** Sets a field's value as a customer's input would (a date input takes its value whole). */
async function fill(page: Page, name: string, value: string): Promise<void> {
  const input = await page.waitForSelector(field(name), { visible: true });
  if (!input) throw new Error(`no field ${name}`);
  await input.evaluate((element, text) => {
    const control = element as HTMLInputElement;
    // The native setter, so that frameworks tracking the value (React) see the change.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(control, text);
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** A new customer's profile (KYC_0 once sent), up to the new-card form. */
export async function completeProfile(page: Page): Promise<void> {
  await waitForText(page, 'Tell us about yourself');
  await type(page, 'firstName', 'Ada');
  await type(page, 'lastName', 'Lovelace');
  await fill(page, 'dateOfBirth', '1990-05-20');
  await type(page, 'residenceStreet', 'Unter den Linden 1');
  await type(page, 'residenceZipCode', '10117');
  await type(page, 'residenceCity', 'Berlin');
  const country = await page.waitForSelector(field('residenceCountry'));
  await country?.select('DE');
  await submit(page, 'Continue');
}

/** The sandbox's request counts of a customer (`pay`, `offer-create`, …). */
export async function requestCounts(base: string, token: string): Promise<Record<string, number>> {
  const response = await fetch(`${base}/sandbox/counters`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`counters answered ${response.status}`);
  return (await response.json()) as Record<string, number>;
}

/** From the new-card form to the Pay button: card, billing address, quote, offer, CVV. */
export async function buy(page: Page, card: string): Promise<void> {
  await waitForText(page, 'Add a card');
  await type(page, 'cardNumber', card);
  await type(page, 'cardExpiry', '12 / 34');
  await type(page, 'cardHolder', 'Ada Lovelace');
  await type(page, 'address', '17 Mellowood Ave');
  await type(page, 'zip', '10115');
  await type(page, 'city', 'Berlin');
  const country = await page.waitForSelector(field('countryCode'));
  await country?.select('DE');
  await submit(page, 'Continue');
  await waitForText(page, 'How much would you like to buy?');
  await submit(page, 'Get offer');
  await payOffer(page);
}

/** On the offer: the CVV, then Pay. */
export async function payOffer(page: Page): Promise<void> {
  await waitForText(page, 'Your offer');
  // The offer's figures are in: the offer is ready to pay.
  await waitForText(page, 'Total charged to your card');
  await type(page, 'cardCVV', '123');
  await submit(page, 'Pay');
}

/** Clicks the (non-submit) button with this text. */
export async function press(page: Page, label: string): Promise<void> {
  const button = await page.waitForSelector(`>>> button ::-p-text(${label})`, { visible: true });
  if (!button) throw new Error(`no ${label} button`);
  await button.click();
}

/**
 * The customer passes identity verification, which happens outside the checkout (Vault's KYC
 * process); the sandbox's test control sets the level it ends with.
 */
export async function verifyIdentity(base: string, token: string): Promise<void> {
  const response = await fetch(`${base}/sandbox/kyc`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kycLevel: 'KYC_1' }),
  });
  if (!response.ok) throw new Error(`/sandbox/kyc answered ${response.status}`);
}

/** Waits for the success receipt and answers its text. */
export async function waitForReceipt(page: Page, timeout = 20_000): Promise<string> {
  await waitForText(page, 'Payment complete', timeout);
  return pageText(page);
}
