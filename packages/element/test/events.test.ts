/** The DOM events a page listens to: bubbling and composed, with the step, screen and outcome they announce. */
import { expect } from '@open-wc/testing';
import { readResumeRecords } from '@payin-checkout/core';
import type { PayinPaymentRecordEvent, PayinRedirectEvent, PayinStateChangeEvent, PayinSuccessEvent } from '../src/payin-checkout.js';
import { newToken, testCards } from './support/sandbox.js';
import { mountCheckout, nextRedirect, pay, reachOffer, useCleanSession, waitForHeading, waitForReceipt } from './support/ui.js';

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('events', () => {
    it('tells the page each step with the screen it shows, then the receipt', async () => {
      const changes: PayinStateChangeEvent[] = [];
      const successes: PayinSuccessEvent[] = [];
      const onChange = (event: PayinStateChangeEvent) => changes.push(event);
      const onSuccess = (event: PayinSuccessEvent) => successes.push(event);
      document.addEventListener('payin-state-change', onChange);
      document.addEventListener('payin-success', onSuccess);
      try {
        const el = await mountCheckout({ token: newToken(), amount: '50' });
        await reachOffer(el, { number: testCards.frictionless });
        await pay(el);
        const reference = await waitForReceipt(el);

        expect(changes.every((event) => event.bubbles && event.composed)).to.equal(true);
        expect(changes.map((event) => `${event.step}/${event.screen}`)).to.deep.equal([
          'card/loading',
          'quote/quote',
          'offer/offer',
          'paying/paying',
          'verifying/verifying',
          'success/success',
        ]);
        expect(successes).to.have.length(1);
        expect(successes[0]?.receipt.offerId).to.equal(reference);
      } finally {
        document.removeEventListener('payin-state-change', onChange);
        document.removeEventListener('payin-success', onSuccess);
      }
    });

    it('lets the page handle the bank page itself by cancelling payin-redirect', async () => {
      const el = await mountCheckout({ token: newToken(), amount: '50' });
      await reachOffer(el, { number: testCards.threeDSecure });
      let event: PayinRedirectEvent | undefined;
      el.addEventListener('payin-redirect', (redirect) => (event = redirect), { once: true });
      const redirect = nextRedirect(el);
      await pay(el);
      await redirect;
      await waitForHeading(el, 'Confirm with your bank');
      expect(event?.cancelable).to.equal(true);
      expect(event?.defaultPrevented, 'the page stayed').to.equal(true);
      expect(location.href, 'no navigation').to.not.contain('/sandbox/bank/');
    });

    it('tells the page of the payment record as it is written, before pay and after its answer', async () => {
      const records: PayinPaymentRecordEvent[] = [];
      const order: string[] = [];
      const onRecord = (event: PayinPaymentRecordEvent) => {
        records.push(event);
        order.push(`record:${event.record.stage}`);
      };
      const onChange = (event: PayinStateChangeEvent) => order.push(`step:${event.step}`);
      document.addEventListener('payin-payment-record', onRecord);
      document.addEventListener('payin-state-change', onChange);
      try {
        const el = await mountCheckout({ token: newToken(), amount: '50' });
        await reachOffer(el, { number: testCards.threeDSecure });
        const redirect = nextRedirect(el);
        await pay(el);
        const { url, offerId } = await redirect;
        await waitForHeading(el, 'Confirm with your bank');

        expect(order.slice(order.indexOf('step:paying'))).to.deep.equal(['step:paying', 'record:sent', 'record:accepted', 'step:redirect']);
        expect(records.every((event) => event.bubbles && event.composed && event.stored)).to.equal(true);
        const [sent, accepted] = records.map((event) => event.record);
        expect(sent).to.include({ offerId, amount: '50', fromCurrency: 'EUR', stage: 'sent' });
        expect(sent?.cardLabel).to.match(/3220$/);
        expect(sent?.authLink, 'not known before the answer').to.equal(undefined);
        expect(accepted).to.include({ offerId, stage: 'accepted', authLink: url });
        expect(accepted?.customer, 'the record names the checkout\'s customer').to.equal(el.customer);
        const stored = readResumeRecords(localStorage, Date.now(), 60_000, el.customer).find((record) => record.offerId === offerId);
        expect(stored, 'the record in localStorage').to.deep.equal(accepted);
      } finally {
        document.removeEventListener('payin-payment-record', onRecord);
        document.removeEventListener('payin-state-change', onChange);
      }
    });
  });
});
