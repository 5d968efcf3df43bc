/**
 * axe (WCAG 2.0–2.2 A and AA) in every step the checkout shows, reached through the UI: no
 * violation anywhere, in the light and the dark colour scheme.
 */
import { expectNoAxeViolations } from './support/axe.js';
import { emulateMedia, injectFault, newToken, testCards } from './support/sandbox.js';
import {
  answerBank,
  button,
  chooseCountry,
  fillCard,
  mountCheckout,
  nextRedirect,
  pay,
  reachOffer,
  saveCard,
  submitStep,
  typeInto,
  useCleanSession,
  waitForHeading,
  waitForOffer,
  waitForReceipt,
  waitForState,
} from './support/ui.js';

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('accessibility', () => {
    it('has no axe violations from the new card to the receipt, field errors included', async () => {
      const token = newToken();
      const el = await mountCheckout({ token });
      await waitForHeading(el, 'Add a card');
      await expectNoAxeViolations(el, 'new card');

      button(el, 'Continue').click();
      await waitForHeading(el, 'Add a card');
      await expectNoAxeViolations(el, 'new card with every field in error');

      await fillCard(el, { number: testCards.frictionless });
      await submitStep(el, 'Continue', 'How much would you like to buy?');
      await expectNoAxeViolations(el, 'quote');
      await typeInto(el, 'Amount before fees', '5');
      await expectNoAxeViolations(el, 'quote with an amount under the minimum');
      await typeInto(el, 'Amount before fees', '50');
      await expectNoAxeViolations(el, 'quote with an estimate');

      await submitStep(el, 'Get offer', 'Your offer');
      await waitForOffer(el);
      await expectNoAxeViolations(el, 'offer');

      await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 1500 });
      await pay(el);
      await waitForState(el, 'paying');
      await expectNoAxeViolations(el, 'paying');
      await waitForReceipt(el);
      await expectNoAxeViolations(el, 'success');
    });

    it('has no axe violations in the bank notice, while verifying, and on a failure', async () => {
      const el = await mountCheckout({ token: newToken(), amount: '50' });
      await reachOffer(el, { number: testCards.threeDSecure });
      const redirect = nextRedirect(el);
      await pay(el);
      const { url } = await redirect;
      await waitForHeading(el, 'Confirm with your bank');
      await expectNoAxeViolations(el, 'redirect notice');

      // Back before answering the bank: the payment is still pending.
      await submitStep(el, 'I have finished at my bank', 'Confirming your payment');
      await expectNoAxeViolations(el, 'verifying');

      await answerBank(url, 'decline');
      await waitForHeading(el, 'Your card was declined');
      await expectNoAxeViolations(el, 'failure');
    });

    it('has no axe violations on an error screen', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Add a card');
      await fillCard(el, { number: testCards.frictionless });
      await submitStep(el, 'Continue', 'How much would you like to buy?');
      await injectFault(token, { route: 'offer-create', kind: 'status', status: 503 });
      await submitStep(el, 'Get offer', 'Something went wrong');
      await expectNoAxeViolations(el, 'error');

      await submitStep(el, 'Try again', 'Your offer');
      await waitForOffer(el);
    });

    it('has no axe violations in the profile form of a customer without verification', async () => {
      const el = await mountCheckout({ token: newToken('none'), amount: '50' });
      await waitForHeading(el, 'Tell us about yourself');
      await expectNoAxeViolations(el, 'profile');

      button(el, 'Continue').click();
      await waitForHeading(el, 'Tell us about yourself');
      await expectNoAxeViolations(el, 'profile with every field in error');

      await typeInto(el, 'First name', 'Ada');
      await typeInto(el, 'Last name', 'Lovelace');
      await typeInto(el, 'Date of birth', '12101985'); // month, day, year segments of the date field
      await typeInto(el, 'Address', '17 Mellowood Ave');
      await typeInto(el, 'Postal code', '10115');
      await typeInto(el, 'City', 'Berlin');
      await chooseCountry(el, 'Country', 'Germany');
      await submitStep(el, 'Continue', 'Add a card');
    });

    it('has no axe violations in the saved-card list and the billing address form', async () => {
      const token = newToken();
      await saveCard(token, testCards.billingAddressRequired);
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Choose a card');
      await expectNoAxeViolations(el, 'saved cards');

      await submitStep(el, 'Mastercard •••• 4444', 'Billing address');
      await expectNoAxeViolations(el, 'billing address');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Billing address');
      await expectNoAxeViolations(el, 'billing address with every field in error');
    });

    it('has no axe violations in the dark colour scheme', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      try {
        const el = await mountCheckout({ token: newToken(), amount: '50' });
        await waitForHeading(el, 'Add a card');
        button(el, 'Continue').click();
        await waitForHeading(el, 'Add a card');
        await expectNoAxeViolations(el, 'new card with errors, dark');
        await fillCard(el, { number: testCards.frictionless });
        await submitStep(el, 'Continue', 'How much would you like to buy?');
        await submitStep(el, 'Get offer', 'Your offer');
        await waitForOffer(el);
        await expectNoAxeViolations(el, 'offer, dark');
        await pay(el);
        await waitForReceipt(el);
        await expectNoAxeViolations(el, 'success, dark');
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });
  });
});
