/** What the headless demo pages share: the test customer, the client and the machine's input. */
import { createPayinClient, type PayinMachineInput } from '@payin-checkout/core';

const TOKEN = /^test_(kyc1|kyc0|none)_[A-Za-z0-9_-]{1,64}$/;

/**
 * The sandbox customer of this page: `?customer=test_kyc1_…` (kept in the address, so it survives
 * the trip to the bank page), else a new KYC_1 customer.
 */
export function demoCustomer(): string {
  const params = new URLSearchParams(location.search);
  const token = params.get('customer') ?? '';
  if (TOKEN.test(token)) return token;
  const fresh = `test_kyc1_${Array.from(crypto.getRandomValues(new Uint8Array(5)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  params.set('customer', fresh);
  history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
  return fresh;
}

/**
 * The machine's input: the sandbox answers on this origin. The adapters make this page (without
 * the return parameter) the address the bank sends the customer back to. A `test_none_` customer
 * has given no profile yet, and the page says so (`newCustomer`): the checkout asks the KYC level
 * first instead of being refused the cards.
 */
export function checkoutInput(token: string): Omit<PayinMachineInput, 'successUrl'> {
  return {
    client: createPayinClient({ baseUrl: location.origin, token }),
    fromCurrency: 'EUR',
    toCurrency: 'BTC',
    amount: '50',
    newCustomer: token.startsWith('test_none_'),
  };
}
