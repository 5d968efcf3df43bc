/**
 * Whole purchases through the UI, as a customer makes them: typing into the fields, pressing the
 * buttons, answering the bank page. Every test is a new sandbox customer.
 */
import { expect } from '@open-wc/testing';
import { counters, newToken, settings, testCards, waitUntil } from './support/sandbox.js';
import {
  RESUME_KEY,
  answerBank,
  button,
  fillAddress,
  mountCheckout,
  nextRedirect,
  offerFigures,
  pay,
  reachOffer,
  saveCard,
  shownText,
  submitStep,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  waitForReceipt,
  watchPopups,
} from './support/ui.js';

/** The merchant page the bank sends the popup back to. */
const RETURN_PAGE = new URL('./support/bank-return.html', import.meta.url).href;

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('purchases', () => {
    it('buys with a frictionless card, from the new-card form to the receipt', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await reachOffer(el, { number: testCards.frictionless });
      expect(offerFigures(el).total).to.equal('€52.00');
      await pay(el);
      const reference = await waitForReceipt(el);
      expect(reference).to.match(/^\d+$/);
      expect(el.state).to.equal('success');
      expect(shownText(el)).to.contain('Thank you: your purchase is complete.').and.contain('•••• 4242').and.contain('€52.00');
      expect(await counters(token)).to.include({ card: 1, 'offer-create': 1, pay: 1 });
    });

    it('buys with a 3-D Secure card through the bank page in a popup', async () => {
      const token = newToken();
      const popups = watchPopups();
      try {
        const el = await mountCheckout({ token, amount: '50', redirectMode: 'popup', successUrl: RETURN_PAGE });
        await reachOffer(el, { number: testCards.threeDSecure });
        const redirect = nextRedirect(el, { navigate: true });
        await pay(el);
        const { url, offerId } = await redirect;
        const bank = await waitUntil(() => popups.opened.find((opened) => opened.target === 'payin-bank'), { message: 'the bank popup' });
        expect(bank.url).to.equal(url);
        expect(bank.window, 'the popup opened').to.not.equal(null);
        await waitForHeading(el, 'Confirm with your bank');

        // In the popup the customer presses Approve; the bank sends the popup back to the
        // merchant's page, whose checkout hands over to this one and closes the window.
        await answerBank(url, 'approve');
        (bank.window as Window).location.href = RETURN_PAGE;
        await waitUntil(() => bank.window?.closed, { timeout: 10_000, message: 'the popup to close itself' });

        expect(await waitForReceipt(el)).to.equal(offerId);
      } finally {
        popups.restore();
      }
    });

    it('buys with a 3-D Secure card in the same window, resuming on the page the bank returns to', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await reachOffer(el, { number: testCards.threeDSecure });
      const redirect = nextRedirect(el); // the test page stays: this test plays the navigation
      await pay(el);
      const { url, offerId } = await redirect;
      await waitForHeading(el, 'Confirm with your bank');
      expect(localStorage.getItem(RESUME_KEY), 'the payment record').to.contain(offerId);

      // The customer leaves for the bank, approves there and comes back to a new page load.
      el.remove();
      await answerBank(url, 'approve');
      const back = await mountCheckout({ token, amount: '50' });

      expect(await waitForReceipt(back)).to.equal(offerId);
      expect(localStorage.getItem(RESUME_KEY), 'the payment record is gone').to.equal(null);
      expect((await counters(token)).pay).to.equal(1);
    });

    it('shows a declined payment with its reason, then "Try again" pays with a new offer', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await reachOffer(el, { number: testCards.threeDSecure });

      const declined = nextRedirect(el);
      await pay(el);
      const first = await declined;
      await waitForHeading(el, 'Confirm with your bank');
      await answerBank(first.url, 'decline');
      await submitStep(el, 'I have finished at my bank', 'Your card was declined');
      expect(shownText(el)).to.contain('Your bank did not confirm this payment.');
      const details = el.shadowRoot?.querySelector('details');
      expect(details?.querySelector('summary')?.textContent?.trim()).to.equal('Details');
      expect(details?.textContent).to.contain('Declined by the card issuer (3-D Secure)');

      await submitStep(el, 'Try again', 'Your offer');
      await waitForOffer(el);
      const approved = nextRedirect(el);
      await pay(el);
      const second = await approved;
      expect(second.offerId, 'a new offer').to.not.equal(first.offerId);
      await waitForHeading(el, 'Confirm with your bank');
      await answerBank(second.url, 'approve');
      button(el, 'I have finished at my bank').click();

      expect(await waitForReceipt(el)).to.equal(second.offerId);
      expect(await counters(token)).to.include({ card: 1, 'offer-create': 2, pay: 2 });
    });

    it('re-quotes an expiring offer by itself and pays the fresh one', async function () {
      this.timeout(30_000);
      const token = newToken();
      // Vault's offers last 2 s; the checkout counts down at least 5 s (its shortest offer lifetime).
      await settings(token, { offerTtlSeconds: 2 });
      const el = await mountCheckout({ token, amount: '50' });
      await reachOffer(el, { number: testCards.frictionless });
      expect(offerFigures(el).countdown).to.match(/^This offer holds for [1-5] s\.$/);
      expect((await counters(token))['offer-create']).to.equal(1);

      // No action from the customer: the offer runs out and a new one replaces it.
      await waitUntil(async () => (await counters(token))['offer-create'] >= 2, { timeout: 10_000, message: 'a second offer' });
      await waitForCheckout(el, () => shownText(el).includes('The offer was refreshed.'), 'the refresh notice');
      await waitForOffer(el);

      // Offers last longer again: the next refresh brings one there is time to pay.
      await settings(token, { offerTtlSeconds: 20 });
      await waitForCheckout(el, () => /holds for (1[5-9]|20) s/.test(offerFigures(el).countdown), 'a 20 s offer', { timeout: 10_000 });
      await waitForOffer(el);
      await pay(el);
      await waitForReceipt(el);
      expect((await counters(token)).pay).to.equal(1);
    });

    it('asks for the billing address of a saved card that needs one, then pays with it', async () => {
      const token = newToken();
      await saveCard(token, testCards.billingAddressRequired);
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Choose a card');
      await submitStep(el, 'Mastercard •••• 4444', 'Billing address');
      await fillAddress(el);
      await submitStep(el, 'Continue', 'How much would you like to buy?');
      await submitStep(el, 'Get offer', 'Your offer');
      await waitForOffer(el);
      await pay(el);
      await waitForReceipt(el);
      expect(shownText(el)).to.contain('•••• 4444');
      expect(await counters(token)).to.include({ 'billing-address': 1, pay: 1 });
    });
  });
});
