/** Requests before the first screen: the cards first, the KYC level only when it is needed. */
import { expect } from '@open-wc/testing';
import { counters, newToken } from './support/sandbox.js';
import { mountCheckout, useCleanSession, waitForHeading } from './support/ui.js';

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('requests before the first screen', () => {
    it('loads the saved cards first, and asks no KYC level, for a customer who can pay', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Add a card');
      expect(await counters(token)).to.include({ data: 1, 'kyc-data': 0 });
    });

    it('with new-customer, asks the KYC level first and shows the profile form without a refused request', async () => {
      const token = newToken('none');
      const el = await mountCheckout({ token, amount: '50', newCustomer: true });
      await waitForHeading(el, 'Tell us about yourself');
      expect(await counters(token)).to.include({ 'kyc-data': 1, data: 0 });
    });

    it('without it, a new customer reaches the profile form after Vault refuses the cards', async () => {
      const token = newToken('none');
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Tell us about yourself');
      expect(await counters(token)).to.include({ data: 1, 'kyc-data': 0 });
    });
  });
});
