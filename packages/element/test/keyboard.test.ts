/**
 * The whole purchase with the keyboard alone: Tab to a field, type, Enter to submit a step. After
 * each step submitted from inside the checkout, focus lands on the new step's heading.
 */
import { expect } from '@open-wc/testing';
import { newToken, sendKeys, testCards } from './support/sandbox.js';
import {
  CVV,
  FUTURE_EXPIRY,
  address,
  field,
  focused,
  heading,
  headingText,
  mountCheckout,
  press,
  tabTo,
  tabToButton,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  type PayinCheckout,
} from './support/ui.js';

/** Waits until the step heading reads `text` and has the focus inside the shadow root. */
async function expectFocusOnHeading(el: PayinCheckout, text: string): Promise<void> {
  await waitForHeading(el, text);
  await waitForCheckout(el, () => focused(el) === heading(el), `focus on the heading "${text}"`);
  expect(document.activeElement, 'the checkout holds the page focus').to.equal(el);
}

/** Tabs to the field labelled `label` and types `text` into it. */
async function tabAndType(el: PayinCheckout, label: string, text: string): Promise<void> {
  await tabTo(el, label);
  await sendKeys({ type: text });
}

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('keyboard', () => {
    it('completes a purchase with the keyboard alone, moving focus to each new heading', async () => {
      const el = await mountCheckout({ token: newToken() });
      await waitForHeading(el, 'Add a card');

      // From the top of the page, Tab leads into the form.
      await press('Tab');
      expect(focused(el), 'the first Tab lands on the card number').to.equal(field(el, 'Card number'));
      await sendKeys({ type: testCards.frictionless.replaceAll(' ', '') });
      expect(field(el, 'Card number').value, 'formatted as typed').to.equal(testCards.frictionless);
      await tabAndType(el, 'Expiry date', FUTURE_EXPIRY.replace(' / ', ''));
      expect(field(el, 'Expiry date').value).to.equal(FUTURE_EXPIRY);
      await tabAndType(el, 'Name on card', address.holder);
      await tabAndType(el, 'Address', address.street);
      await tabAndType(el, 'Postal code', address.zip);
      await tabAndType(el, 'City', address.city);
      // A closed select picks the option whose name is typed.
      await tabAndType(el, 'Country', address.country);
      expect(field(el, 'Country').value).to.equal('DE');
      await tabToButton(el, 'Continue');
      await press('Enter');

      await expectFocusOnHeading(el, 'How much would you like to buy?');
      await tabAndType(el, 'Amount before fees', '50');
      await press('Enter');

      await expectFocusOnHeading(el, 'Your offer');
      await waitForOffer(el);
      await tabAndType(el, 'Security code', CVV);
      await press('Enter');

      await expectFocusOnHeading(el, 'Payment complete');
      expect(el.state).to.equal('success');
    });

    it('picks the country with the arrow keys and goes back with Shift+Tab', async () => {
      const el = await mountCheckout({ token: newToken() });
      await waitForHeading(el, 'Add a card');
      await tabTo(el, 'Country');
      await press('ArrowDown');
      const country = field<HTMLSelectElement>(el, 'Country');
      expect(country.value, 'the first country after "—"').to.not.equal('');
      const chosen = country.value;
      await sendKeys({ down: 'Shift' });
      await press('Tab');
      await sendKeys({ up: 'Shift' });
      expect(focused(el)).to.equal(field(el, 'State / region'));
      expect(field(el, 'Country').value, 'the choice stays').to.equal(chosen);
      expect(headingText(el)).to.equal('Add a card');
    });
  });
});
