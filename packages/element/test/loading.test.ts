/**
 * The loading box: while the first requests are under way the checkout already takes the size of
 * the card form it is about to show, so that the page around it does not move when the form comes.
 */
import { expect } from '@open-wc/testing';
import { injectFault, newToken } from './support/sandbox.js';
import { mountCheckout, useCleanSession, waitForHeading, type PayinCheckout } from './support/ui.js';

const height = (el: PayinCheckout): number => el.getBoundingClientRect().height;

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('loading box', () => {
    it('has the height of the card form, and offers no control until the form is there', async () => {
      const token = newToken();
      // The first request (the cards, or the KYC level of a new customer) answers late.
      await injectFault(token, { route: 'data', kind: 'latency', latencyMs: 1_500 });
      await injectFault(token, { route: 'kyc-data', kind: 'latency', latencyMs: 1_500 });
      const el = await mountCheckout({ token, amount: '50' });
      const root = el.shadowRoot as ShadowRoot;
      expect(root.querySelector('.skeleton'), 'the loading box').to.not.equal(null);
      expect(root.querySelector('.skeleton')?.getAttribute('aria-hidden')).to.equal('true');
      expect(root.querySelectorAll('input, select, button').length, 'controls while loading').to.equal(0);
      const loading = height(el);
      await waitForHeading(el, 'Add a card');
      expect(root.querySelector('.skeleton')).to.equal(null);
      expect(Math.abs(height(el) - loading), `loading box ${loading}px, card form ${height(el)}px`).to.be.below(1);
    });

    it('keeps that height at a narrow width too (fields one under another)', async () => {
      const token = newToken();
      // The first request (the cards, or the KYC level of a new customer) answers late.
      await injectFault(token, { route: 'data', kind: 'latency', latencyMs: 1_500 });
      await injectFault(token, { route: 'kyc-data', kind: 'latency', latencyMs: 1_500 });
      const el = await mountCheckout({ token, amount: '50' });
      el.style.width = '300px';
      el.style.setProperty('--payin-font-size', '18px');
      const loading = height(el);
      await waitForHeading(el, 'Add a card');
      expect(Math.abs(height(el) - loading), `loading box ${loading}px, card form ${height(el)}px`).to.be.below(1);
    });
  });
});
