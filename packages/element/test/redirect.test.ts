/**
 * The bank page (3-D Secure): its address is checked before the customer is sent anywhere, it can be
 * opened again while the payment waits on it, and popup mode falls back to this window.
 */
import { expect } from '@open-wc/testing';
import type { PayinErrorEvent, PayinRedirectEvent } from '../src/payin-checkout.js';
import { openCheckoutPage, type CheckoutPage } from './support/checkout-frame.js';
import { payInPage, redirectOf } from './support/page-flow.js';
import { counters, newToken, testCards, waitUntil } from './support/sandbox.js';
import {
  button,
  mountCheckout,
  pay,
  reachOffer,
  saveCard,
  shownText,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForReceipt,
  type PayinCheckout,
} from './support/ui.js';

const REOPEN = 'Open your bank page again';

/** The link that opens the bank page again, once the checkout shows it. */
async function reopenLink(el: PayinCheckout): Promise<HTMLAnchorElement> {
  await waitForCheckout(el, () => el.state === 'verifying' && shownText(el).includes(REOPEN), `"${REOPEN}" while the payment is confirmed`);
  const link = button(el, REOPEN);
  // The checkout may be in a frame: its elements are that window's, so no instanceof.
  if (link.localName !== 'a') throw new Error(`"${REOPEN}" is not a link`);
  return link as HTMLAnchorElement;
}

/** Approves at the bank in the frame, then expects the receipt of `offerId` and one pay request. */
async function approveAndExpectReceipt(page: CheckoutPage, token: string, url: string, offerId: string): Promise<void> {
  await page.answerBankInFrame(url, 'approve');
  expect(await waitForReceipt(page.el())).to.equal(offerId);
  expect((await counters(token)).pay, 'pay requests').to.equal(1);
}

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('bank page address', () => {
    it('refuses a bank page off the allowed hosts: no redirect, an error event and a way forward', async () => {
      const redirects: PayinRedirectEvent[] = [];
      const errors: PayinErrorEvent[] = [];
      const onRedirect = (event: PayinRedirectEvent) => redirects.push(event);
      const onError = (event: PayinErrorEvent) => errors.push(event);
      document.addEventListener('payin-redirect', onRedirect);
      document.addEventListener('payin-error', onError);
      const start = location.href;
      try {
        const el = await mountCheckout({ token: newToken(), amount: '50' });
        el.setAttribute('allowed-redirect-hosts', 'acs.bank.example');
        await reachOffer(el, { number: testCards.threeDSecure });
        await pay(el);
        await waitForCheckout(el, () => el.state === 'redirect' && errors.length > 0, 'the refused bank page');
        expect(redirects, 'no payin-redirect for a refused address').to.have.length(0);
        expect(errors[0]?.error.kind).to.equal('unexpected');
        expect(location.href).to.equal(start);
        expect(shownText(el)).to.contain('not on an address this checkout may open');
        expect(shownText(el)).to.contain('I have finished at my bank');
        expect(shownText(el), 'no link to the refused page').not.to.contain('Continue to your bank');
        expect(el.shadowRoot?.querySelector('a[href*="/sandbox/bank/"]')).to.equal(null);
        // The customer goes on to the status check; the warning does not follow them.
        button(el, 'I have finished at my bank').click();
        await waitForCheckout(el, () => el.state === 'verifying', 'the status check');
        expect(shownText(el)).not.to.contain('not on an address this checkout may open');
        // Nor is the refused page offered again while the payment is confirmed.
        expect(shownText(el)).not.to.contain(REOPEN);
        expect(el.shadowRoot?.querySelector('a[href*="/sandbox/bank/"]')).to.equal(null);
      } finally {
        document.removeEventListener('payin-redirect', onRedirect);
        document.removeEventListener('payin-error', onError);
      }
    });

    it('offers the bank page again to a customer back without answering it, and that link completes the purchase', async () => {
      const token = newToken();
      await saveCard(token, testCards.threeDSecure);
      const page = await openCheckoutPage({ token, amount: '50' });
      try {
        await payInPage(page);
        await page.waitForBankPage();
        const { url, offerId } = redirectOf(page);

        // The customer comes back to the shop's page without answering the bank (Back, a bookmark).
        await page.load(page.url);
        const el = page.el();
        const link = await reopenLink(el);
        expect(link.href).to.equal(url);
        expect(shownText(el))
          .to.contain('If your bank page did not open or was closed, open it again to confirm the payment.')
          .and.contain(`Payment reference: ${offerId}`);

        link.click();
        await page.waitForBankPage();
        await approveAndExpectReceipt(page, token, url, offerId);
      } finally {
        page.remove();
      }
    });
  });

  describe('bank page in a popup', () => {
    it('goes to the bank page in this window when the popup is blocked', async () => {
      const token = newToken();
      await saveCard(token, testCards.threeDSecure);
      const page = await openCheckoutPage({ token, amount: '50', mode: 'popup', popup: 'blocked' });
      try {
        await payInPage(page);
        await page.waitForBankPage();
        const { url, offerId } = redirectOf(page);
        expect(page.log.popups.map((popup) => [popup.url, popup.window]), 'the popup asked for').to.deep.equal([[url, null]]);
        await approveAndExpectReceipt(page, token, url, offerId);
      } finally {
        page.remove();
      }
    });

    it('keeps the bank page link after the popup is closed unanswered; the link then opens it in this window', async () => {
      const token = newToken();
      await saveCard(token, testCards.threeDSecure);
      const page = await openCheckoutPage({ token, amount: '50', mode: 'popup' });
      try {
        await payInPage(page);
        const el = page.el();
        await waitForHeading(el, 'Confirm with your bank');
        const { url, offerId } = redirectOf(page);
        const popup = await waitUntil(() => page.log.popups[0], { message: 'the bank popup' });
        expect(popup.url).to.equal(url);
        expect(popup.window, 'the popup opened').to.not.equal(null);
        expect(shownText(el)).to.contain(`Payment reference: ${offerId}`);

        popup.window?.close();
        const link = await reopenLink(el);
        expect(link.href).to.equal(url);
        link.click();
        await page.waitForBankPage();
        expect(page.log.popups, 'no second popup').to.have.length(1);
        await approveAndExpectReceipt(page, token, url, offerId);
      } finally {
        page.remove();
      }
    });
  });
});
