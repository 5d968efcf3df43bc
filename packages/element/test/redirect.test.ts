/** The bank page address is checked before the customer is sent anywhere. */
import { expect } from '@open-wc/testing';
import type { PayinErrorEvent, PayinRedirectEvent } from '../src/payin-checkout.js';
import { newToken, testCards } from './support/sandbox.js';
import { button, mountCheckout, pay, reachOffer, shownText, useCleanSession, waitForCheckout } from './support/ui.js';

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
      } finally {
        document.removeEventListener('payin-redirect', onRedirect);
        document.removeEventListener('payin-error', onError);
      }
    });
  });
});
