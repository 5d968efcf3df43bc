/**
 * The shop's page around a headless checkout: one section per outcome, switched by the events the
 * checkout emits (`actor.on` or checkoutAt's `onEvent`).
 */
import type { PayinEmitted } from '@payin-checkout/core';

export type Shown = 'nothing' | 'bank-notice' | 'order-confirmed' | 'payment-help' | 'verify-identity';

export interface Shop {
  /** Reacts to an event of the checkout. */
  handle(event: PayinEmitted): void;
  /** The section the page shows. */
  showing(): Shown;
  text(): string;
}

export function attachShop(root: HTMLElement): Shop {
  root.innerHTML = `
    <section id="bank-notice" hidden>Confirm the payment at your bank, then come back here.</section>
    <section id="order-confirmed" hidden></section>
    <section id="payment-help" hidden></section>
    <section id="verify-identity" hidden><a href="/account/verify">Verify your identity to continue</a></section>`;
  const section = (id: Exclude<Shown, 'nothing'>) => root.querySelector(`#${id}`) as HTMLElement;
  const show = (id: Exclude<Shown, 'nothing'>) => {
    for (const element of root.querySelectorAll('section')) element.hidden = element.id !== id;
  };
  return {
    handle(event) {
      if (event.type === 'redirect') show('bank-notice');
      if (event.type === 'success') {
        section('order-confirmed').textContent = `Order ${event.receipt.offerId} is confirmed.`;
        show('order-confirmed');
      }
      if (event.type === 'failure' && event.reason.kind === 'declined') {
        section('payment-help').innerHTML = '';
        section('payment-help').append(`Your payment did not go through (${event.reason.message}). `, Object.assign(document.createElement('a'), { href: '/help/card-payments', textContent: 'Pay with another card' }));
        show('payment-help');
      }
      if (event.type === 'kyc-required') show('verify-identity');
    },
    showing() {
      const shown = [...root.querySelectorAll('section')].find((element) => !element.hidden);
      return (shown?.id as Shown | undefined) ?? 'nothing';
    },
    text() {
      const shown = [...root.querySelectorAll('section')].find((element) => !element.hidden);
      return shown?.textContent?.trim() ?? '';
    },
  };
}
