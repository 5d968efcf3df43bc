/**
 * usePayin in an effect scope against a sandbox on a free port: a purchase driven only through the
 * view's intents, one pay request for it, the card secrets checked and formatted through the view,
 * and the checkout stopped with its scope.
 */
import { createPayinClient } from '@payin-checkout/core';
import { startTestVault, testCardDetails, testCardForm, testProfile, type TestVault } from '@payin-checkout/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { effectScope, watch, type ComputedRef } from 'vue';
import type { PayinView, TextField } from '@payin-checkout/core';
import { usePayin } from '../src/index.js';

let sandbox: TestVault;
beforeAll(async () => {
  sandbox = await startTestVault();
});
afterAll(() => sandbox.close());

const fingerprint = () => ({ timezone: 0, browserLanguage: 'en', browserJavascriptEnabled: true, browserJavaEnabled: false });

function checkout(token: string) {
  const scope = effectScope();
  const view = scope.run(() =>
    usePayin(
      { client: createPayinClient({ baseUrl: sandbox.url, token }), successUrl: 'https://shop.example/checkout', amount: '50', fingerprint },
      { locale: 'en' },
    ),
  ) as ComputedRef<PayinView>;
  /** Resolves once the view shows `screen`. */
  const screen = (name: PayinView['screen']) => vi.waitFor(() => expect(view.value.screen).toBe(name), { timeout: 10_000, interval: 20 });
  return { scope, view, screen };
}

describe('usePayin (Vue)', () => {
  it('buys through the intents: new card, quote, offer, pay; exactly one pay request', async () => {
    const customer = await sandbox.customer();
    const { scope, view, screen } = checkout(customer.token);
    await screen('new-card');
    expect(view.value.formFields.map((field) => field.name)).toContain('cardNumber');

    // The card number as typed: formatted by core, its brand named; leaving it wrong shows an error.
    expect(view.value.secretInput('cardNumber', '42424242')).toMatchObject({ value: '4242 4242', brand: 'visa' });
    view.value.secretBlur('cardNumber', '4242 4242');
    expect(view.value.fields.cardNumber.error).toBeTruthy();

    for (const [name, value] of Object.entries(testCardForm)) view.value.setField(name as TextField, value);
    view.value.submit({ cardNumber: '4242 4242 4242 4242', cardExpiry: testCardDetails.expiry() });
    expect(view.value.fields.cardNumber.error, 'a submit clears the renderer’s checks').toBeUndefined();
    await screen('quote');
    view.value.submit();
    await screen('offer');
    await vi.waitFor(() => expect(view.value.can.pay).toBe(true));
    view.value.submit({ cardCVV: '123' });
    // A second Pay (a double click) sends nothing more.
    view.value.pay('123');
    await screen('success');
    expect(view.value.receipt?.card).toContain('4242');
    expect((await customer.requests()).pay).toBe(1);

    scope.stop();
    const seen: string[] = [];
    watch(view, (next) => seen.push(next.screen));
    view.value.retry();
    expect(seen).toEqual([]);
  });

  it('a new customer (NONE) goes through the profile form first', async () => {
    const { token } = await sandbox.customer({ kyc: 'NONE' });
    const { scope, view, screen } = checkout(token);
    await screen('profile');
    const names = view.value.formFields.map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth', 'residenceCountry']));
    for (const [name, value] of Object.entries(testProfile)) view.value.setField(name as TextField, value);
    view.value.submit();
    await screen('new-card');
    scope.stop();
  });
});
