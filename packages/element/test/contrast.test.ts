/**
 * Colour contrast (WCAG AA, axe's `color-contrast` rule) on every screen the checkout shows, in the
 * light and the dark colour scheme of the system, and with the `theme` attribute overriding it.
 * Every screen is reached through the UI against the sandbox.
 */
import { expect } from '@open-wc/testing';
import { axeViolations, formatViolations } from './support/axe.js';
import { emulateMedia, injectFault, newToken, settings, testCards } from './support/sandbox.js';
import {
  answerBank,
  button,
  fillCard,
  mountCheckout,
  nextRedirect,
  pay,
  reachOffer,
  saveCard,
  submitStep,
  typeInto,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  waitForReceipt,
  waitForState,
  type PayinCheckout,
} from './support/ui.js';

/** Asserts that axe's colour-contrast rule passes on the checkout (it looks into the shadow root). */
async function expectContrast(el: PayinCheckout, where: string): Promise<void> {
  const violations = await axeViolations(el, { runOnly: { type: 'rule', values: ['color-contrast'] } });
  expect(violations, `colour contrast at ${where}:\n${formatViolations(violations)}`).to.deep.equal([]);
}

/** The system colour scheme and the `theme` attribute of each run. */
const themes = [
  { name: 'light', scheme: 'light', theme: undefined },
  { name: 'dark', scheme: 'dark', theme: undefined },
  { name: 'theme="dark" on a light system', scheme: 'light', theme: 'dark' },
  { name: 'theme="auto" on a dark system', scheme: 'dark', theme: 'auto' },
] as const;

describe('<payin-checkout>', () => {
  useCleanSession();

  for (const { name, scheme, theme } of themes) {
    describe(`colour contrast, ${name}`, () => {
      before(() => emulateMedia({ colorScheme: scheme }));
      after(() => emulateMedia({ colorScheme: 'light' }));

      const mount = async (options: Parameters<typeof mountCheckout>[0]) => {
        const el = await mountCheckout(options);
        if (theme) el.setAttribute('theme', theme);
        return el;
      };

      it('loading, new card (typed, in error), quote, offer, paying and the receipt', async () => {
        const token = newToken();
        await injectFault(token, { route: 'data', kind: 'latency', latencyMs: 1_500 });
        const el = await mount({ token, amount: '50' });
        await waitForCheckout(el, () => el.shadowRoot?.querySelector('.loading [part="status"]'), 'the loading box');
        await expectContrast(el, 'loading');

        await waitForHeading(el, 'Add a card');
        await expectContrast(el, 'new card');
        await typeInto(el, 'Card number', testCards.frictionless);
        await expectContrast(el, 'new card with a brand');
        button(el, 'Continue').click();
        await waitForCheckout(el, () => el.shadowRoot?.querySelector('[aria-invalid="true"]'), 'the field errors');
        await expectContrast(el, 'new card with field errors');

        await fillCard(el, { number: testCards.frictionless });
        await submitStep(el, 'Continue', 'How much would you like to buy?');
        await typeInto(el, 'Amount before fees', '5');
        await expectContrast(el, 'quote under the minimum');
        await typeInto(el, 'Amount before fees', '50');
        await waitForCheckout(el, () => el.shadowRoot?.querySelector('[part="estimate"]'), 'the estimate');
        await expectContrast(el, 'quote with an estimate');

        await submitStep(el, 'Get offer', 'Your offer');
        await waitForOffer(el);
        await expectContrast(el, 'offer');

        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 1_500 });
        await pay(el);
        await waitForState(el, 'paying');
        await expectContrast(el, 'paying');
        await waitForReceipt(el);
        await expectContrast(el, 'success');
      });

      it('profile form, with its errors', async () => {
        const el = await mount({ token: newToken('none'), amount: '50', newCustomer: true });
        await waitForHeading(el, 'Tell us about yourself');
        await expectContrast(el, 'profile');
        button(el, 'Continue').click();
        await waitForCheckout(el, () => el.shadowRoot?.querySelector('[aria-invalid="true"]'), 'the field errors');
        await expectContrast(el, 'profile with field errors');
      });

      it('saved cards (one not usable) and the billing address', async () => {
        const token = newToken();
        await saveCard(token, testCards.notApproved);
        await saveCard(token, testCards.billingAddressRequired);
        const el = await mount({ token, amount: '50' });
        await waitForHeading(el, 'Choose a card');
        await expectContrast(el, 'saved cards');

        await submitStep(el, 'Mastercard •••• 4444', 'Billing address');
        await expectContrast(el, 'billing address');
        button(el, 'Continue').click();
        await waitForCheckout(el, () => el.shadowRoot?.querySelector('[aria-invalid="true"]'), 'the field errors');
        await expectContrast(el, 'billing address with field errors');
      });

      it('a refreshed offer with its notice, and an error screen', async () => {
        const token = newToken();
        await settings(token, { offerTtlSeconds: 1 });
        const el = await mount({ token, amount: '50' });
        await reachOffer(el, { number: testCards.frictionless });
        await waitForCheckout(el, () => el.shadowRoot?.querySelector('.banner'), 'the notice of a refreshed offer', { timeout: 15_000 });
        await expectContrast(el, 'refreshed offer');

        await injectFault(token, { route: 'offer-create', kind: 'status', status: 503 });
        await submitStep(el, 'Back', 'How much would you like to buy?');
        await submitStep(el, 'Get offer', 'Something went wrong');
        await expectContrast(el, 'error');
      });

      it('bank notice, verifying, and a declined payment', async () => {
        const el = await mount({ token: newToken(), amount: '50' });
        await reachOffer(el, { number: testCards.threeDSecure });
        const redirect = nextRedirect(el);
        await pay(el);
        const { url } = await redirect;
        await waitForHeading(el, 'Confirm with your bank');
        await expectContrast(el, 'redirect notice');
        await submitStep(el, 'I have finished at my bank', 'Confirming your payment');
        await expectContrast(el, 'verifying');
        await answerBank(url, 'decline');
        await waitForState(el, 'failure');
        await expectContrast(el, 'failure');
      });
    });
  }
});
