// @vitest-environment happy-dom
/**
 * usePayin rendered under <StrictMode> (React's development build double-invokes renders and
 * effects) against a sandbox on a free port: one running checkout, a purchase through the view's
 * intents with exactly one pay request, and the checkout stopped when the component unmounts.
 */
import { createPayinClient, type PayinView, type TextField } from '@payin-checkout/core';
import { startTestVault, testCardDetails, testCardForm, type TestVault } from '@payin-checkout/testing';
import { StrictMode, createElement } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { usePayin } from '../src/index.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let sandbox: TestVault;
beforeAll(async () => {
  sandbox = await startTestVault();
});
afterAll(() => sandbox.close());

const fingerprint = () => ({ timezone: 0, browserLanguage: 'en', browserJavascriptEnabled: true, browserJavaEnabled: false });

function mount(token: string) {
  const seen: { view: PayinView | undefined; renders: number } = { view: undefined, renders: 0 };
  const input = { client: createPayinClient({ baseUrl: sandbox.url, token }), successUrl: 'https://shop.example/checkout', amount: '50', fingerprint };
  function Checkout() {
    seen.view = usePayin(input, { locale: 'en' });
    seen.renders += 1;
    return createElement('p', null, seen.view.heading);
  }
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(createElement(StrictMode, null, createElement(Checkout))));
  const view = () => seen.view as PayinView;
  const screen = (name: PayinView['screen']) => vi.waitFor(() => expect(view().screen).toBe(name), { timeout: 10_000, interval: 20 });
  return { root, container, view, screen, seen };
}

describe('usePayin (React, StrictMode)', () => {
  it('one checkout despite double effects; buys through the intents with exactly one pay request', async () => {
    const customer = await sandbox.customer();
    const { root, container, view, screen } = mount(customer.token);
    await screen('new-card');
    expect(container.textContent).toBe(view().heading);
    expect(view().error).toBeUndefined();

    expect(view().secretInput('cardNumber', '4000000000003220')).toMatchObject({ value: '4000 0000 0000 3220', brand: 'visa' });
    for (const [name, value] of Object.entries(testCardForm)) view().setField(name as TextField, value);
    await vi.waitFor(() => expect(view().fields.countryCode.value).toBe('DE'));
    view().submit({ cardNumber: '4242 4242 4242 4242', cardExpiry: testCardDetails.expiry() });
    await screen('quote');
    view().submit();
    await screen('offer');
    await vi.waitFor(() => expect(view().can.pay).toBe(true));
    const offer = view();
    offer.submit({ cardCVV: '123' });
    offer.submit({ cardCVV: '123' });
    await screen('success');
    const seen = await customer.requests();
    expect(seen.pay).toBe(1);
    expect(seen['offer-create']).toBe(1);
    expect(seen.card).toBe(1);

    act(() => root.unmount());
    container.remove();
  });

  it('unmounting stops the checkout: no request after it', async () => {
    const customer = await sandbox.customer();
    const { root, screen, seen, view } = mount(customer.token);
    await screen('new-card');
    const rendered = seen.renders;
    const before = await customer.requests();
    act(() => root.unmount());
    view().setField('amount', '60');
    view().submit({ cardNumber: '4242 4242 4242 4242', cardExpiry: testCardDetails.expiry() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.renders).toBe(rendered);
    expect(await customer.requests()).toEqual(before);
  });
});
