/**
 * Field errors: each bad input gets a clear message tied to its field (`aria-describedby`,
 * `aria-invalid`), nothing is sent for it, and nothing the customer typed is lost.
 */
import { expect } from '@open-wc/testing';
import { counters, newToken, testCards } from './support/sandbox.js';
import {
  FUTURE_EXPIRY,
  address,
  button,
  describedError,
  field,
  fillCard,
  focused,
  mountCheckout,
  press,
  saveCard,
  shownText,
  submitStep,
  typeInto,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  type PayinCheckout,
} from './support/ui.js';

/** Waits until the field labelled `label` is marked invalid and answers the message tied to it. */
async function errorOf(el: PayinCheckout, label: string): Promise<string> {
  const control = field(el, label);
  await waitForCheckout(el, () => control.getAttribute('aria-invalid') === 'true', `"${label}" marked invalid`);
  return describedError(el, control);
}

/** Asserts that the new-card form still holds everything the customer typed. */
function expectCardFormKept(el: PayinCheckout, number: string, expiry: string): void {
  expect(field(el, 'Card number').value).to.equal(number);
  expect(field(el, 'Expiry date').value).to.equal(expiry);
  expect(field(el, 'Name on card').value).to.equal(address.holder);
  expect(field(el, 'Address').value).to.equal(address.street);
  expect(field(el, 'Postal code').value).to.equal(address.zip);
  expect(field(el, 'City').value).to.equal(address.city);
  expect(field(el, 'Country').value).to.equal('DE');
}

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('field errors', () => {
    it('refuses a card number failing the Luhn check, keeps the form, and takes the corrected one', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Add a card');
      const wrong = '4242 4242 4242 4241';
      await fillCard(el, { number: wrong });
      button(el, 'Continue').click();

      expect(await errorOf(el, 'Card number')).to.equal('This card number is not valid. Please check it.');
      expect(focused(el), 'focus on the field to fix').to.equal(field(el, 'Card number'));
      expect(field(el, 'Expiry date').getAttribute('aria-invalid')).to.equal('false');
      expectCardFormKept(el, wrong, FUTURE_EXPIRY);
      expect(el.state).to.equal('card');
      expect((await counters(token)).card, 'nothing sent').to.equal(0);

      // The customer fixes the last digit and leaves the field: the message goes with the mistake.
      await typeInto(el, 'Card number', testCards.frictionless);
      await press('Tab');
      await waitForCheckout(el, () => field(el, 'Card number').getAttribute('aria-invalid') === 'false', 'the error cleared');
      expect(describedError(el, field(el, 'Card number'))).to.equal('');
      await submitStep(el, 'Continue', 'How much would you like to buy?');
    });

    it('refuses an expiry date in the past', async () => {
      const token = newToken();
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Add a card');
      await fillCard(el, { number: testCards.frictionless, expiry: '01 / 20' });
      button(el, 'Continue').click();

      expect(await errorOf(el, 'Expiry date')).to.equal('This card has expired.');
      expect(field(el, 'Expiry date').getAttribute('aria-describedby')).to.contain('e-cardExpiry');
      expect(field(el, 'Card number').getAttribute('aria-invalid')).to.equal('false');
      expectCardFormKept(el, testCards.frictionless, '01 / 20');
      expect((await counters(token)).card, 'nothing sent').to.equal(0);
    });

    it('refuses an amount under the minimum and over the maximum, keeping what was typed', async () => {
      const token = newToken();
      const el = await mountCheckout({ token });
      await waitForHeading(el, 'Add a card');
      await fillCard(el, { number: testCards.frictionless });
      await submitStep(el, 'Continue', 'How much would you like to buy?');

      await typeInto(el, 'Amount before fees', '5');
      expect(await errorOf(el, 'Amount before fees')).to.equal('The minimum is €10.00.');
      button(el, 'Get offer').click();
      expect(await errorOf(el, 'Amount before fees')).to.equal('The minimum is €10.00.');
      expect(field(el, 'Amount before fees').value).to.equal('5');
      expect(field(el, 'Amount before fees').getAttribute('aria-describedby')).to.contain('e-amount');

      await typeInto(el, 'Amount before fees', '5000.01');
      expect(await errorOf(el, 'Amount before fees')).to.equal('The maximum is €5,000.00.');
      button(el, 'Get offer').click();
      expect(await errorOf(el, 'Amount before fees')).to.equal('The maximum is €5,000.00.');
      expect(field(el, 'Amount before fees').value).to.equal('5000.01');
      expect(el.state).to.equal('quote');
      expect((await counters(token))['offer-create'], 'no offer asked for').to.equal(0);

      await typeInto(el, 'Amount before fees', '5000');
      await waitForCheckout(el, () => field(el, 'Amount before fees').getAttribute('aria-invalid') === 'false', 'the error cleared');
      await submitStep(el, 'Get offer', 'Your offer');
      await waitForOffer(el);
    });

    it('shows a card Vault has not approved as unusable, says why, and lets the customer pay with another', async () => {
      const token = newToken();
      await saveCard(token, testCards.notApproved);
      await saveCard(token, testCards.frictionless);
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Choose a card');
      const cards = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="card"]') ?? [])];
      const pending = cards.find((card) => card.getAttribute('aria-label')?.endsWith('0101'));
      const approved = cards.find((card) => card.getAttribute('aria-label')?.endsWith('4242'));
      if (!pending || !approved) throw new Error('both saved cards are listed');
      expect(pending.getAttribute('aria-disabled')).to.equal('true');
      expect(el.shadowRoot?.getElementById(pending.getAttribute('aria-describedby') ?? '')?.textContent?.trim(), 'the reason tied to the card').to.equal(
        'This card is still being checked and cannot be used yet. Please choose another card or try again later.',
      );
      expect(approved.getAttribute('aria-disabled')).to.equal('false');
      pending.click();
      await waitForCheckout(el, () => shownText(el).includes('still being checked'), 'the reason as a notice');
      expect(el.state).to.equal('card');
      approved.click();
      await waitForHeading(el, 'How much would you like to buy?');
      expect((await counters(token))['offer-create'], 'no offer for the unapproved card').to.equal(0);
    });
  });
});
