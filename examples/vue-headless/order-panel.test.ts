// @vitest-environment happy-dom
/**
 * The shop's headless Vue order panel, mounted on a checkout that checkoutAt put at each step of a
 * purchase against a test vault: what the customer sees at each.
 */
import { checkoutAt, startTestVault, type PayinCheckout, type TestVault } from '@payin-checkout/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from 'vue';
import { OrderPanel } from './OrderPanel.js';

let vault: TestVault;
const running: { app?: App; checkout?: PayinCheckout } = {};
beforeAll(async () => {
  vault = await startTestVault();
});
afterEach(() => {
  running.app?.unmount();
  running.checkout?.stop();
});
afterAll(() => vault.close());

/** Mounts the panel on the checkout and answers its root element. */
function mount(checkout: PayinCheckout): HTMLElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const app = createApp(OrderPanel, { checkout });
  app.mount(root);
  Object.assign(running, { app, checkout });
  return root;
}
const shows = (root: HTMLElement, test: string) => vi.waitFor(() => expect(root.querySelector(`[data-test="${test}"]`)).not.toBeNull(), { timeout: 15_000, interval: 20 });

describe('OrderPanel', () => {
  it('shows the price of a live offer, and the confirmation once the customer pays', async () => {
    const root = mount(await checkoutAt('offer', { vault: await vault.customer(), amount: '31' }));
    await shows(root, 'offer');
    expect(root.querySelector('[data-test="total"]')?.textContent).toBe('You pay €32.24');
    const cvv = root.querySelector('input') as HTMLInputElement;
    cvv.value = '123';
    cvv.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(root.querySelector('button')?.disabled).toBe(false));
    root.querySelector('button')?.click();
    await shows(root, 'confirmed');
    expect(root.textContent).toMatch(/^Order confirmed: \d+$/);
  });

  it('links to the bank page while the payment waits on 3-D Secure', async () => {
    const root = mount(await checkoutAt('redirect', { vault: await vault.customer() }));
    await shows(root, 'bank');
    expect(root.querySelector('a')?.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/bank\//);
  });

  it('says the payment is being confirmed while it is pending', async () => {
    const root = mount(await checkoutAt('verifying', { vault: await vault.customer({ pendingChecks: 20 }) }));
    await shows(root, 'confirming');
  });

  it('confirms the order of a paid purchase', async () => {
    const root = mount(await checkoutAt('success', { vault: await vault.customer(), card: '3ds-approve' }));
    await shows(root, 'confirmed');
  });

  it.each(['declined', 'insufficient-funds'] as const)('offers another card after a decline (%s)', async (card) => {
    const root = mount(await checkoutAt('failure', { vault: await vault.customer(), card }));
    await shows(root, 'declined');
    expect(root.querySelector('[data-test="declined"] a')?.getAttribute('href')).toBe('/help/card-payments');
    expect(root.querySelector('[data-test="verify"]')).toBeNull();
  });

  it('sends a customer not yet verified to identity verification', async () => {
    const root = mount(await checkoutAt('failure', { vault: await vault.customer({ kyc: 'KYC_0' }) }));
    await shows(root, 'verify');
    expect(root.querySelector('[data-test="declined"]')).toBeNull();
  });
});
