/**
 * Every screen the checkout shows, reached through the UI against the sandbox, in five tours. A
 * suite passes its own check (`visit`) to be run on each screen, and its own `mount` (a theme set,
 * say): the accessibility and the colour-contrast suites walk the same screens.
 *
 * ```ts
 * for (const tour of screenTours) it(tour.name, () => tour.run(mountCheckout, expectNoAxeViolations));
 * ```
 */
import { injectFault, newToken, settings, testCards } from './sandbox.js';
import type { mountCheckout } from './ui.js';
import {
  answerBank,
  button,
  chooseCountry,
  fillCard,
  nextRedirect,
  pay,
  reachOffer,
  saveCard,
  submitStep,
  typeInto,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  waitForReceipt,
  waitForState,
  type PayinCheckout,
} from './ui.js';

export type Mount = typeof mountCheckout;
/** The check a suite runs on a screen; `where` names the screen in its messages. */
export type Visit = (el: PayinCheckout, where: string) => Promise<void>;

const fieldErrors = (el: PayinCheckout) => waitForCheckout(el, () => el.shadowRoot?.querySelector('[aria-invalid="true"]'), 'the field errors');

export const screenTours: readonly { name: string; run(mount: Mount, visit: Visit): Promise<void> }[] = [
  {
    name: 'loading, new card (typed, in error), quote, offer, paying and the receipt',
    async run(mount, visit) {
      const token = newToken();
      await injectFault(token, { route: 'data', kind: 'latency', latencyMs: 1_500 });
      const el = await mount({ token, amount: '50' });
      await waitForCheckout(el, () => el.shadowRoot?.querySelector('.loading [part="status"]'), 'the loading box');
      await visit(el, 'loading');

      await waitForHeading(el, 'Add a card');
      await visit(el, 'new card');
      await typeInto(el, 'Card number', testCards.frictionless);
      await visit(el, 'new card with a brand');
      button(el, 'Continue').click();
      await fieldErrors(el);
      await visit(el, 'new card with field errors');

      await fillCard(el, { number: testCards.frictionless });
      await submitStep(el, 'Continue', 'How much would you like to buy?');
      await visit(el, 'quote');
      await typeInto(el, 'Amount before fees', '5');
      await visit(el, 'quote under the minimum');
      await typeInto(el, 'Amount before fees', '50');
      await waitForCheckout(el, () => el.shadowRoot?.querySelector('[part="estimate"]'), 'the estimate');
      await visit(el, 'quote with an estimate');

      await submitStep(el, 'Get offer', 'Your offer');
      await waitForOffer(el);
      await visit(el, 'offer');

      await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 1_500 });
      await pay(el);
      await waitForState(el, 'paying');
      await visit(el, 'paying');
      await waitForReceipt(el);
      await visit(el, 'success');
    },
  },
  {
    name: 'the profile form of a customer without verification, with its errors',
    async run(mount, visit) {
      const el = await mount({ token: newToken('none'), amount: '50', newCustomer: true });
      await waitForHeading(el, 'Tell us about yourself');
      await visit(el, 'profile');
      button(el, 'Continue').click();
      await fieldErrors(el);
      await visit(el, 'profile with field errors');

      await typeInto(el, 'First name', 'Ada');
      await typeInto(el, 'Last name', 'Lovelace');
      await typeInto(el, 'Date of birth', '12101985'); // month, day, year segments of the date field
      await typeInto(el, 'Address', '17 Mellowood Ave');
      await typeInto(el, 'Postal code', '10115');
      await typeInto(el, 'City', 'Berlin');
      await chooseCountry(el, 'Country', 'Germany');
      await submitStep(el, 'Continue', 'Add a card');
    },
  },
  {
    name: 'saved cards (one not usable) and the billing address, with its errors',
    async run(mount, visit) {
      const token = newToken();
      await saveCard(token, testCards.notApproved);
      await saveCard(token, testCards.billingAddressRequired);
      const el = await mount({ token, amount: '50' });
      await waitForHeading(el, 'Choose a card');
      await visit(el, 'saved cards');

      await submitStep(el, 'Mastercard •••• 4444', 'Billing address');
      await visit(el, 'billing address');
      button(el, 'Continue').click();
      await fieldErrors(el);
      await visit(el, 'billing address with field errors');
    },
  },
  {
    name: 'a refreshed offer with its notice, and an error screen',
    async run(mount, visit) {
      const token = newToken();
      await settings(token, { offerTtlSeconds: 1 });
      const el = await mount({ token, amount: '50' });
      await reachOffer(el, { number: testCards.frictionless });
      await waitForCheckout(el, () => el.shadowRoot?.querySelector('.banner'), 'the notice of a refreshed offer', { timeout: 15_000 });
      await visit(el, 'refreshed offer');

      await injectFault(token, { route: 'offer-create', kind: 'status', status: 503 });
      await submitStep(el, 'Back', 'How much would you like to buy?');
      await submitStep(el, 'Get offer', 'Something went wrong');
      await visit(el, 'error');
      await submitStep(el, 'Try again', 'Your offer');
      await waitForOffer(el);
    },
  },
  {
    name: 'the bank notice, confirming, and a declined payment',
    async run(mount, visit) {
      const el = await mount({ token: newToken(), amount: '50' });
      await reachOffer(el, { number: testCards.threeDSecure });
      const redirect = nextRedirect(el);
      await pay(el);
      const { url } = await redirect;
      await waitForHeading(el, 'Confirm with your bank');
      await visit(el, 'redirect notice');
      // Back before answering the bank: the payment is still pending.
      await submitStep(el, 'I have finished at my bank', 'Confirming your payment');
      await visit(el, 'verifying');
      await answerBank(url, 'decline');
      await waitForHeading(el, 'Your card was declined');
      await visit(el, 'failure');
    },
  },
];
