/**
 * injectPayin in an environment injector, no zone.js, against a sandbox on a free port: a purchase
 * driven only through the view's intents, one pay request for it, and the checkout stopped when
 * the injector is destroyed (its DestroyRef).
 */
import { createEnvironmentInjector, Injector, runInInjectionContext, type EnvironmentInjector, type Signal } from '@angular/core';
import { createPayinClient, type PayinView, type TextField } from '@payin-checkout/core';
import { startTestVault, testCardDetails, testCardForm, testProfile, type TestVault } from '@payin-checkout/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { injectPayin } from '../src/index.js';

let sandbox: TestVault;
beforeAll(async () => {
  sandbox = await startTestVault();
});
afterAll(() => sandbox.close());

const fingerprint = () => ({ timezone: 0, browserLanguage: 'en', browserJavascriptEnabled: true, browserJavaEnabled: false });

function checkout(token: string) {
  const injector = createEnvironmentInjector([], Injector.create({ providers: [] }) as EnvironmentInjector);
  const view: Signal<PayinView> = runInInjectionContext(injector, () =>
    injectPayin({ client: createPayinClient({ baseUrl: sandbox.url, token }), successUrl: 'https://shop.example/checkout', amount: '50', fingerprint }, () => ({ locale: 'en' })),
  );
  const screen = (name: PayinView['screen']) => vi.waitFor(() => expect(view().screen).toBe(name), { timeout: 10_000, interval: 20 });
  return { injector, view, screen };
}

describe('injectPayin (Angular)', () => {
  it('buys through the intents; exactly one pay request; stops with its injector', async () => {
    const customer = await sandbox.customer();
    const { injector, view, screen } = checkout(customer.token);
    await screen('new-card');
    expect(view().secretInput('cardExpiry', '1234')).toMatchObject({ value: '12 / 34' });
    for (const [name, value] of Object.entries(testCardForm)) view().setField(name as TextField, value);
    view().submit({ cardNumber: '4242 4242 4242 4242', cardExpiry: testCardDetails.expiry() });
    await screen('quote');
    view().getOffer();
    await screen('offer');
    await vi.waitFor(() => expect(view().can.pay).toBe(true));
    view().pay('123');
    view().pay('123');
    await screen('success');
    expect((await customer.requests()).pay).toBe(1);

    injector.destroy();
    const before = view();
    before.retry();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(view()).toBe(before);
  });

  it('a new customer (NONE) goes through the profile form first', async () => {
    const { injector, view, screen } = checkout((await sandbox.customer({ kyc: 'NONE' })).token);
    await screen('profile');
    for (const [name, value] of Object.entries(testProfile)) view().setField(name as TextField, value);
    view().submitProfile();
    await screen('new-card');
    injector.destroy();
  });
});
