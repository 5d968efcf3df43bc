/**
 * Renders every step of the real `<payin-checkout>` in Chromium against a local sandbox, in light
 * and dark themes and at a 360 px wide viewport, into docs/screenshots/.
 * Run: pnpm --filter @payin-checkout/element run screenshots
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import { chromiumFlags, findChromium } from '../../../scripts/chromium.mjs';
import { startSandbox } from '../../sandbox/src/index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, '..', '..', 'docs', 'screenshots');
const chrome = findChromium();
if (!chrome) throw new Error('No Chromium found: install Debian chromium or set CHROME_PATH');

interface Variant {
  name: 'light' | 'dark' | '360';
  width: number;
  scheme: 'light' | 'dark';
}
const variants: Variant[] = [
  { name: 'light', width: 560, scheme: 'light' },
  { name: 'dark', width: 560, scheme: 'dark' },
  { name: '360', width: 360, scheme: 'light' },
];

const sandbox = await startSandbox({ logger: false });
const bundle = await build({
  entryPoints: [join(packageDir, 'src', 'payin-checkout.ts')],
  bundle: true,
  format: 'esm',
  write: false,
  tsconfig: join(packageDir, 'tsconfig.json'),
  conditions: ['@payin-checkout/source', 'module'], // core from its sources (see its package.json "exports")
  logLevel: 'warning',
});
const elementJs = bundle.outputFiles[0]?.text ?? '';

const page = (query: URLSearchParams) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>payin-checkout</title>
<style>body{margin:0;padding:16px;font-family:system-ui}@media (prefers-color-scheme: dark){body{background:#0d0f12}}</style></head>
<body><payin-checkout api-base="${sandbox.url}" token="${query.get('token') ?? ''}" amount="${query.get('amount') ?? ''}"
  customer="${(query.get('token') ?? '').slice(-16)}" allowed-redirect-hosts="${new URL(sandbox.url).host}"
  from-currency="EUR" to-currency="USDC" merchant-name="Example Shop"></payin-checkout>
<script type="module" src="/payin-checkout.js"></script></body></html>`;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/payin-checkout.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(elementJs);
  } else {
    response.writeHead(200, { 'content-type': 'text/html' }).end(page(url.searchParams));
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let customers = 0;
const token = (level = 'kyc1') => `test_${level}_shots${Date.now()}x${(customers += 1)}`;

async function api(bearer: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answer.status === 204 ? undefined : answer.json().catch(() => undefined);
}

/** A customer with saved cards, added through the API. */
async function customerWithCard(pan: string, level = 'kyc1', ...more: string[]): Promise<string> {
  const bearer = token(level);
  const year = new Date().getFullYear() + 3;
  for (const number of [pan, ...more]) {
    const body = `{"cardNumber":${number},"cardHolder":"Ada Lovelace","cardExpirationYear":${year},"cardExpirationMonth":12,"billingAddress":{"address":"1 Main St","city":"Berlin","countryCode":"DE","zip":"10115","state":null}}`;
    await fetch(`${sandbox.url}/v3/payin/card`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body });
  }
  return bearer;
}

const browser = await puppeteer.launch({
  executablePath: chrome,
  args: [...chromiumFlags],
});

const inShadow = (p: Page, selector: string) =>
  p.evaluateHandle((s) => document.querySelector('payin-checkout')?.shadowRoot?.querySelector(s), selector) as Promise<ElementHandle<Element>>;

async function waitForText(p: Page, text: string): Promise<void> {
  await p.waitForFunction((t) => document.querySelector('payin-checkout')?.shadowRoot?.textContent?.includes(t), { timeout: 15_000 }, text);
}

async function typeInto(p: Page, selector: string, text: string): Promise<void> {
  const input = await inShadow(p, selector);
  await input.focus();
  await p.keyboard.type(text);
}

/** Clicks the button with a real mouse click, as a customer would (so focus rings show only where a click leaves them). */
async function clickButton(p: Page, label: string): Promise<void> {
  const handle = (await p.evaluateHandle((l) => {
    const buttons = [...(document.querySelector('payin-checkout')?.shadowRoot?.querySelectorAll('button, a.button') ?? [])] as HTMLElement[];
    // By the end of its text (a saved card's "•••• 4242") or its start (Pay and the total, "Pay €52.00").
    return buttons.find((b) => {
      const text = b.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      return text.endsWith(l) || text.startsWith(`${l} `);
    });
  }, label)) as ElementHandle<Element>;
  if (!(await handle.evaluate((node) => node instanceof HTMLElement))) throw new Error(`no button ${label}`);
  await handle.click();
}

async function open(variant: Variant, bearer: string, amount = ''): Promise<Page> {
  const p = await browser.newPage();
  await p.setViewport({ width: variant.width, height: 900 });
  await p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: variant.scheme }]);
  // Stay on the page when the checkout sends the customer to the bank.
  await p.evaluateOnNewDocument(() => {
    document.addEventListener('payin-redirect', (event) => event.preventDefault());
  });
  await p.goto(`${origin}/?${new URLSearchParams({ token: bearer, amount })}`);
  return p;
}

async function shot(p: Page, variant: Variant, step: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300)); // let focus rings and fonts settle
  const element = await p.$('payin-checkout');
  await element?.screenshot({ path: join(outDir, `${step}-${variant.name}.png`) as `${string}.png` });
  console.info(`docs/screenshots/${step}-${variant.name}.png`);
}

/**
 * A customer with a saved card of `pan` and 50 EUR typed: chooses the card, optionally does more on the
 * quote (`before`), gets the offer and presses Pay with `cvv`.
 */
async function payWith(variant: Variant, pan: string, cvv: string, before?: (p: Page, bearer: string) => Promise<void>): Promise<Page> {
  const bearer = await customerWithCard(pan);
  const p = await open(variant, bearer, '50');
  await waitForText(p, 'Saved cards');
  await clickButton(p, `•••• ${pan.slice(-4)}`);
  await waitForText(p, 'Estimate');
  if (before) await before(p, bearer);
  else await clickButton(p, 'Get offer');
  await waitForText(p, 'This offer holds');
  await typeInto(p, '#f-cardCVV', cvv);
  await clickButton(p, 'Pay');
  return p;
}

mkdirSync(outDir, { recursive: true });
for (const variant of variants) {
  // Profile (a customer below KYC_0).
  let p = await open(variant, token('none'));
  await waitForText(p, 'First name');
  await shot(p, variant, '01-profile');
  await p.close();

  // New card, empty and with errors.
  p = await open(variant, token());
  await waitForText(p, 'Card number');
  await shot(p, variant, '02-new-card');
  await typeInto(p, '#f-cardNumber', '4242 4242 4242 4241');
  await typeInto(p, '#f-cardExpiry', '0120');
  await clickButton(p, 'Continue');
  await waitForText(p, 'not valid');
  await shot(p, variant, '03-new-card-errors');
  await p.close();

  // Saved cards: one usable, one Vault is still checking.
  p = await open(variant, await customerWithCard('4242424242424242', 'kyc1', '4000000000000101'));
  await waitForText(p, 'Saved cards');
  await waitForText(p, 'still being checked');
  await shot(p, variant, '04-saved-cards');
  await p.close();

  // Billing address for a card that needs one.
  p = await open(variant, await customerWithCard('5555555555554444'));
  await waitForText(p, 'Saved cards');
  await clickButton(p, '•••• 4444');
  await waitForText(p, 'Postal code');
  await shot(p, variant, '05-billing-address');
  await p.close();

  // Quote, offer, paying, success.
  p = await payWith(variant, '4242424242424242', '123', async (page, bearer) => {
    await shot(page, variant, '06-quote');
    await clickButton(page, 'Get offer');
    await waitForText(page, 'This offer holds');
    await shot(page, variant, '07-offer');
    await api(bearer, 'POST', '/sandbox/faults', { route: 'pay', kind: 'latency', latencyMs: 2_000 });
  });
  await waitForText(p, 'Sending your payment');
  await shot(p, variant, '08-paying');
  await waitForText(p, 'Thank you');
  await shot(p, variant, '11-success');
  await p.close();

  // 3-D Secure: the bank notice, then verifying while the bank has not answered.
  p = await payWith(variant, '4000000000003220', '737');
  await waitForText(p, 'Continue to your bank');
  await shot(p, variant, '09-redirect');
  await clickButton(p, 'I have finished at my bank');
  await waitForText(p, 'Checking your payment');
  await shot(p, variant, '10-verifying');
  await p.close();

  // Declined.
  p = await payWith(variant, '4000000000000002', '123');
  await waitForText(p, 'Your bank declined');
  await shot(p, variant, '12-failure');
  await p.close();

  // The service unreachable.
  const bearer = token();
  await api(bearer, 'POST', '/sandbox/faults', { route: 'data', kind: 'status', status: 503, count: 10 });
  p = await open(variant, bearer);
  await waitForText(p, 'Try again');
  await shot(p, variant, '13-error');
  await p.close();
}

await browser.close();
server.close();
await sandbox.close();
