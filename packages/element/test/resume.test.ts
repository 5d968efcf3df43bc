/**
 * Coming back to a payment: the return address from the bank page names the offer, so the checkout
 * confirms the payment even where storage is blocked, and a page showing the checkout twice
 * announces the payment once.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { PayinSuccessEvent } from '../src/payin-checkout.js';
import { eventsOf, openCheckoutPage } from './support/checkout-frame.js';
import { payInPage, redirectOf } from './support/page-flow.js';
import { counters, injectFault, newToken, testCards, waitUntil } from './support/sandbox.js';
import {
  answerBank,
  checkoutTemplate,
  mountCheckout,
  nextRedirect,
  pay,
  reachOffer,
  saveCard,
  shownText,
  useCleanSession,
  waitForHeading,
  waitForReceipt,
  waitForState,
  type PayinCheckout,
} from './support/ui.js';

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('resuming a payment', () => {
    it('comes back from the bank page to the payment being confirmed, then the receipt, where storage is blocked', async () => {
      const token = newToken();
      await saveCard(token, testCards.threeDSecure);
      const page = await openCheckoutPage({ token, amount: '50', storage: 'blocked' });
      try {
        await payInPage(page);
        // Same window: the merchant page leaves for the bank page.
        await page.waitForBankPage();
        const { url, offerId } = redirectOf(page);
        // The customer approves; the bank sends them back to the return address, which names the offer.
        await page.answerBankInFrame(url, 'approve');
        expect(new URL(page.address() ?? '').searchParams.get('payin_offer')).to.equal(offerId);
        expect(await waitForReceipt(page.el())).to.equal(offerId);

        const shownAfterReturn = page.log.headings.filter((seen) => seen.load === 2).map((seen) => seen.text);
        expect(shownAfterReturn, 'headings after the return').to.include('Confirming your payment').and.not.include('Choose a card');
        const screensAfterReturn = eventsOf(page, 'payin-state-change').filter(({ load }) => load === 2).map(({ detail }) => detail.screen);
        expect(screensAfterReturn, 'screens after the return').not.to.include('cards');
        expect((await counters(token)).pay, 'pay requests').to.equal(1);
        expect(eventsOf(page, 'payin-success').map(({ detail }) => (detail.receipt as { offerId: string }).offerId)).to.deep.equal([offerId]);
        // Settled: the page's address no longer names the payment, so a reload starts a new purchase.
        await waitUntil(() => page.address() && !page.address()?.includes('payin_offer'), { message: 'the return parameter to go' });
        expect(page.address()).to.equal(page.url);
        // The record could only be kept in the first page's memory, which the visit to the bank ended.
        const stored = eventsOf(page, 'payin-payment-record').map(({ load, detail }) => [load, detail.stored]);
        expect(stored, 'payin-payment-record stored').to.deep.equal([
          [1, false],
          [1, false],
        ]);
      } finally {
        page.remove();
      }
    });

    it('shows a payment declined at the bank on the page it returns to, and the address stops naming it', async () => {
      const token = newToken();
      await saveCard(token, testCards.threeDSecure);
      const page = await openCheckoutPage({ token, amount: '50', storage: 'blocked' });
      try {
        await payInPage(page);
        await page.waitForBankPage();
        const { url, offerId } = redirectOf(page);
        await page.answerBankInFrame(url, 'decline');
        const el = page.el();
        await waitForHeading(el, 'Your card was declined');
        expect(shownText(el)).to.contain('Declined by the card issuer');
        expect(eventsOf(page, 'payin-failure'), 'payin-failure').to.have.length(1);
        // The bank returned to its fail address (the return address with `payin=failure` added).
        await waitUntil(() => page.address() && !new URL(page.address() ?? '').searchParams.has('payin_offer'), {
          message: 'the address without payin_offer',
        });
        expect((await counters(token)).pay, 'pay requests').to.equal(1);
        expect(page.log.headings.filter((seen) => seen.load === 2).map((seen) => seen.text)).not.to.include('Choose a card');
        expect(offerId).to.match(/^\d+$/);
      } finally {
        page.remove();
      }
    });

    it('confirms a payment after a reload while pay is in flight, where storage is blocked', async () => {
      const token = newToken();
      await saveCard(token, testCards.frictionless);
      const page = await openCheckoutPage({ token, amount: '50', storage: 'blocked' });
      try {
        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 2_000 });
        await payInPage(page, 'Visa •••• 4242');
        await waitForState(page.el(), 'paying');
        const [record] = eventsOf(page, 'payin-payment-record');
        const offerId = String((record?.detail.record as { offerId: string } | undefined)?.offerId);
        expect(record?.detail.stored, 'stored').to.equal(false);
        // Storage is blocked: the page's own address keeps the payment for a reload.
        expect(new URL(page.address() ?? '').searchParams.get('payin_offer')).to.equal(offerId);

        await page.reload();
        const el = page.el();
        expect(el.state, 'after the reload').to.equal('verifying');
        expect(shownText(el)).to.contain(`Payment reference: ${offerId}`);
        expect(await waitForReceipt(el)).to.equal(offerId);
        expect(page.log.headings.filter((seen) => seen.load === 2).map((seen) => seen.text)).not.to.include('Choose a card');
        expect((await counters(token)).pay, 'pay requests').to.equal(1);
        await waitUntil(() => page.address() === page.url, { message: 'the address without payin_offer' });
      } finally {
        page.remove();
      }
    });

    it('announces a payment once on a page that shows two checkouts confirming it', async () => {
      const token = newToken();
      const successes: PayinSuccessEvent[] = [];
      const onSuccess = (event: PayinSuccessEvent) => successes.push(event);
      document.addEventListener('payin-success', onSuccess);
      try {
        const first = await mountCheckout({ token, amount: '50' });
        await reachOffer(first, { number: testCards.threeDSecure });
        const redirect = nextRedirect(first);
        await pay(first);
        const { url, offerId } = await redirect;
        await waitForHeading(first, 'Confirm with your bank');
        // The customer leaves for the bank and approves there…
        first.remove();
        await answerBank(url, 'approve');

        // …and comes back to a page that shows the checkout twice: both find the payment record.
        const page = await fixture<HTMLElement>(html`<div>${checkoutTemplate({ token, amount: '50' })} ${checkoutTemplate({ token, amount: '50' })}</div>`);
        const [a, b] = [...page.querySelectorAll('payin-checkout')] as [PayinCheckout, PayinCheckout];
        expect(await waitForReceipt(a)).to.equal(offerId);
        expect(await waitForReceipt(b)).to.equal(offerId);

        expect(successes.map((event) => event.receipt.offerId), 'payin-success events').to.deep.equal([offerId]);
        expect((await counters(token)).pay, 'pay requests').to.equal(1);
      } finally {
        document.removeEventListener('payin-success', onSuccess);
      }
    });
  });
});
