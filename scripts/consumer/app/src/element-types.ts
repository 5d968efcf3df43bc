// The typings of <payin-checkout> as a page using the element meets them: the tag in
// HTMLElementTagNameMap, its documented properties and its typed events.
import { PayinCheckout, PayinSuccessEvent, type PayinCheckoutClientOptions } from '@payin-checkout/element';
import { PayinCheckout as PayinCheckoutComponent } from '@payin-checkout/element/component';

const checkout = document.createElement('payin-checkout');
const typed: PayinCheckout = checkout;
const sameClass: typeof PayinCheckout = PayinCheckoutComponent;
const found: PayinCheckout | null = document.querySelector('payin-checkout');
const upgraded: boolean = checkout instanceof PayinCheckout && customElements.get('payin-checkout') === PayinCheckout;
const successName: 'payin-success' = PayinSuccessEvent.eventName;

checkout.apiBase = 'https://api.example.com';
checkout.token = 'test_kyc1_demo';
checkout.getToken = async ({ refresh }) => (refresh ? 'fresh' : 'current');
checkout.fromCurrency = 'EUR';
checkout.toCurrency = 'BTC';
checkout.amount = '50';
checkout.successUrl = location.href;
checkout.locale = 'de';
checkout.localesUrl = '/assets/payin-locales/';
checkout.messages = { 'step.newCard': 'Neue Karte' };
checkout.redirectMode = 'popup';
checkout.allowedRedirectHosts = 'acs.bank.example';
checkout.customer = 'customer-42';
checkout.theme = 'dark';
const clientOptions: PayinCheckoutClientOptions = { timeoutMs: 10_000, payTimeoutMs: 60_000, retryLimit: 1 };
checkout.clientOptions = clientOptions;
checkout.machineOptions = { verifyTimeoutMs: 120_000, pollInitialMs: 500 };
const step: PayinCheckout['state'] = checkout.state;
checkout.reset();

checkout.addEventListener('payin-success', (event) => {
  const success: PayinSuccessEvent = event;
  const offerId: string = event.receipt.offerId;
  console.info('paid', success.receipt.amount, offerId);
});
checkout.addEventListener('payin-redirect', (event) => {
  event.preventDefault();
  window.open(event.url);
});
document.body.addEventListener('payin-state-change', (event) => console.info(event.step, event.screen));

// The declarations are precise, not `any`: each line below must be refused.
// @ts-expect-error the bank page opens in this window or a popup, nothing else
checkout.redirectMode = 'new-tab';
// @ts-expect-error a receipt never carries the card number
checkout.addEventListener('payin-success', (event) => event.receipt.cardNumber);
// @ts-expect-error only the documented client options
checkout.clientOptions = { baseUrl: 'https://elsewhere.example' };

document.body.append(checkout);
export { typed, sameClass, found, upgraded, successName, step };
