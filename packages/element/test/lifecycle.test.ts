/**
 * The element's life on a page: several instances side by side, removal mid-offer (every timer
 * and request stops), re-adding, and attribute changes while an offer is shown.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { counters, injectFault, newToken, settings, testCards, waitUntil } from './support/sandbox.js';
import {
  checkoutTemplate,
  field,
  fillCard,
  mountCheckout,
  offerFigures,
  pay,
  reachOffer,
  shownText,
  submitStep,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  waitForReceipt,
  waitForState,
  type PayinCheckout,
} from './support/ui.js';

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('lifecycle', () => {
    it('completes two purchases side by side, each for its own customer', async () => {
      const [tokenA, tokenB] = [newToken(), newToken()];
      const page = await fixture<HTMLElement>(
        html`<div>${checkoutTemplate({ token: tokenA, amount: '50' })} ${checkoutTemplate({ token: tokenB, amount: '120' })}</div>`,
      );
      const [a, b] = [...page.querySelectorAll('payin-checkout')] as [PayinCheckout, PayinCheckout];
      await Promise.all([waitForHeading(a, 'Add a card'), waitForHeading(b, 'Add a card')]);
      await fillCard(a, { number: testCards.frictionless });
      await fillCard(b, { number: testCards.unionPay19 });
      await Promise.all([
        submitStep(a, 'Continue', 'How much would you like to buy?'),
        submitStep(b, 'Continue', 'How much would you like to buy?'),
      ]);
      await Promise.all([submitStep(a, 'Get offer', 'Your offer'), submitStep(b, 'Get offer', 'Your offer')]);
      await Promise.all([waitForOffer(a), waitForOffer(b)]);
      expect(offerFigures(a).total).to.equal('€52.00');
      expect(offerFigures(b).total).to.equal('€124.80');
      await pay(a);
      await pay(b);
      const [referenceA, referenceB] = await Promise.all([waitForReceipt(a), waitForReceipt(b)]);

      expect(referenceA).to.not.equal(referenceB);
      expect(shownText(a)).to.contain('•••• 4242').and.contain('€52.00').and.not.contain('4569');
      expect(shownText(b)).to.contain('•••• 4569').and.contain('€124.80').and.not.contain('4242');
      for (const token of [tokenA, tokenB]) {
        expect(await counters(token), token).to.include({ card: 1, 'offer-create': 1, pay: 1 });
      }
    });

    it('stops every timer and request when removed mid-offer, and starts cleanly when added again', async function () {
      this.timeout(60_000);
      const token = newToken();
      // Vault's offers last 1 s; a live checkout re-quotes every 5 s (the shortest lifetime it counts).
      await settings(token, { offerTtlSeconds: 1 });
      const el = await mountCheckout({ token, amount: '50' });
      const parent = el.parentElement as HTMLElement;
      await reachOffer(el, { number: testCards.frictionless });
      await waitUntil(async () => (await counters(token))['offer-create'] >= 2, { timeout: 10_000, message: 'a re-quote' });
      await waitForOffer(el); // between two offers: no request in flight

      el.remove();
      const atRemoval = await counters(token);
      // The quiet time this test is about: 30 s, past any re-quote (5 s), poll (≤ 5 s) or data refresh (30 s).
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      expect(await counters(token), 'requests after removal').to.deep.equal(atRemoval);

      // Back on the page: a fresh checkout for the same customer, who now has a saved card.
      await settings(token, { offerTtlSeconds: 20 });
      parent.append(el);
      await waitForHeading(el, 'Choose a card');
      expect((await counters(token)).data, 'the saved cards loaded again').to.be.above(atRemoval.data);
      await submitStep(el, 'Visa •••• 4242', 'How much would you like to buy?');
      await submitStep(el, 'Get offer', 'Your offer');
      await waitForOffer(el);
      await pay(el);
      await waitForReceipt(el);
    });

    it('updates the shown offer when the amount attribute changes', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await reachOffer(el, { number: testCards.frictionless });
      expect(offerFigures(el).total).to.equal('€52.00');

      el.setAttribute('amount', '80');
      await waitUntil(async () => (await counters(token))['offer-update'] === 1, { message: 'an offer update' });
      await waitForCheckout(el, () => offerFigures(el).total === '€83.20', 'the new total');
      await waitForOffer(el);
      expect(field(el, 'Amount before fees').value).to.equal('80');
      expect((await counters(token))['offer-create'], 'the same offer, updated').to.equal(1);

      await pay(el);
      await waitForReceipt(el);
      expect(shownText(el)).to.contain('€83.20');
    });

    it('uses the client and machine options the page sets: its pay time limit and its bound on status checks', async function () {
      this.timeout(30_000);
      const token = newToken();
      await settings(token, { pendingPolls: 100 }); // the bank does not settle the payment during this test
      const el = await mountCheckout({
        token,
        amount: '50',
        clientOptions: { payTimeoutMs: 1_000 },
        machineOptions: { verifyTimeoutMs: 2_000, pollInitialMs: 200, pollMaxMs: 400 },
      });
      await reachOffer(el, { number: testCards.pendingThenSuccess });
      await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 4_000 });

      // Vault answers pay after 4 s; the checkout stops waiting after 1 s and checks the status instead.
      await pay(el);
      await waitForState(el, 'verifying', { timeout: 2_500 });
      expect(shownText(el)).to.contain('Payment reference:');
      // After 2 s of checks the customer is told it is still being confirmed, not to pay again.
      await waitForCheckout(el, () => shownText(el).includes('Please do not pay again'), 'the still-being-confirmed screen', { timeout: 8_000 });
      expect(shownText(el)).to.contain('Check again').and.not.contain('Open your bank page again');
      await waitUntil(async () => (await counters(token)).pay === 1, { timeout: 6_000, message: 'the pay request to arrive' });
      await new Promise((resolve) => setTimeout(resolve, 4_000)); // past the late pay answer
      expect((await counters(token)).pay, 'pay requests').to.equal(1);
    });
  });
});
