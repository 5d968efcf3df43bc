/**
 * The shop's page (index.html + shop.js) in Chromium around a real <payin-checkout>, against a test
 * vault: what the page shows after a purchase succeeds, is declined, goes through 3-D Secure, or is
 * refused for want of identity verification.
 */
import { startTestVault, type TestVault, type TestVaultOptions } from '@payin-checkout/testing';
import { completePurchase } from '@payin-checkout/testing/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveShop } from '../serve.js';

let browser: Browser;
let shop: { url: string; close(): Promise<void> };
const open: { vault?: TestVault; page?: Page } = {};

beforeAll(async () => {
  shop = await serveShop();
  // With Playwright's own browsers this is `chromium.launch()`; here the machine's Chromium is named.
  if (!process.env.CHROME_PATH) throw new Error('CHROME_PATH names no Chromium');
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH, args: JSON.parse(process.env.CHROMIUM_FLAGS ?? '[]') as string[], timeout: 30_000 });
});
afterEach(async () => {
  await open.page?.close();
  await open.vault?.close();
});
afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

/** The shop's checkout page for a new customer of a new test vault. */
async function shopPage(options: TestVaultOptions = {}, pageParams: Record<string, string> = {}) {
  const vault = await startTestVault(options);
  const page = await browser.newPage();
  Object.assign(open, { vault, page });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${shop.url}/merchant-page/index.html?${new URLSearchParams({ api: vault.url, token: vault.token, ...pageParams })}`);
  return { vault, page, errors };
}

describe('the shop around the checkout', () => {
  it('a paid order shows the confirmation with its reference', async () => {
    const { vault, page, errors } = await shopPage();
    expect(await completePurchase(page, { card: 'frictionless' })).toBe('success');
    await expect.poll(() => page.locator('#order-confirmed').isVisible()).toBe(true);
    expect(await page.locator('#order-reference').textContent()).toMatch(/^\d+$/);
    expect(await page.locator('#payment-help').isVisible()).toBe(false);
    expect((await vault.requests()).pay).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a declined card shows the help link with the bank\'s reason', async () => {
    const { page } = await shopPage();
    expect(await completePurchase(page, { card: 'declined' })).toBe('failure');
    await expect.poll(() => page.locator('#payment-help').isVisible()).toBe(true);
    expect(await page.locator('#payment-reason').textContent()).toContain('Do not honour');
    expect(await page.locator('#payment-help a').getAttribute('href')).toBe('/help/card-payments');
    expect(await page.locator('#order-confirmed').isVisible()).toBe(false);
  });

  it('3-D Secure: the customer approves at the bank page and comes back to the confirmation', async () => {
    const { vault, page } = await shopPage();
    expect(await completePurchase(page, { card: '3ds', approve: true })).toBe('success');
    expect(new URL(page.url()).pathname).toBe('/merchant-page/index.html');
    await expect.poll(() => page.locator('#order-confirmed').isVisible()).toBe(true);
    expect((await vault.requests()).pay).toBe(1);
  });

  it('3-D Secure with the bank page in a popup: approved there, the shop page confirms the order', async () => {
    const { vault, page } = await shopPage({}, { bank: 'popup' });
    expect(await completePurchase(page, { card: '3ds', approve: true })).toBe('success');
    // The shop's page never left: the bank page was a window of its own.
    expect(new URL(page.url()).pathname).toBe('/merchant-page/index.html');
    await expect.poll(() => page.locator('#order-confirmed').isVisible()).toBe(true);
    expect((await vault.requests()).pay).toBe(1);
  });

  it('3-D Secure declined at the bank page shows the help link', async () => {
    const { page } = await shopPage();
    expect(await completePurchase(page, { card: '3ds', approve: false })).toBe('failure');
    await expect.poll(() => page.locator('#payment-help').isVisible()).toBe(true);
    expect(await page.locator('#payment-reason').textContent()).toContain('3-D Secure');
  });

  it('a customer not yet verified (KYC_0) is sent to the verification page, nothing is paid', async () => {
    const { page } = await shopPage({ kyc: 'KYC_0' });
    expect(await completePurchase(page, { card: 'frictionless' })).toBe('failure');
    await expect.poll(() => page.locator('#verify-identity').isVisible()).toBe(true);
    expect(await page.locator('#verify-identity a').getAttribute('href')).toBe('/account/verify');
    expect(await page.locator('#order-confirmed').isVisible()).toBe(false);
    expect(await page.locator('#payment-help').isVisible()).toBe(false);
  });

  it('driveCheckout, from a script in the page, takes a saved 3-D Secure card to the confirmation', async () => {
    const { page } = await shopPage({ savedCards: ['3ds'] });
    // The kit's browser file as the page's own script would import it (a string: run by the page as written).
    const reached = await page.evaluate(`(async () => {
      const { driveCheckout } = await import('/node_modules/@payin-checkout/testing/dist/browser.js');
      const element = document.querySelector('payin-checkout');
      await driveCheckout(element).to('success', { card: '3ds', approve: true });
      return element.state;
    })()`);
    expect(reached).toBe('success');
    // The page stayed: the bank page was answered without leaving it.
    expect(new URL(page.url()).pathname).toBe('/merchant-page/index.html');
    await expect.poll(() => page.locator('#order-confirmed').isVisible()).toBe(true);
  });
});
