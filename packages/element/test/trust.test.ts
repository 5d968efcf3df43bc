/**
 * What tells a customer what they pay, to whom, with which card, and what to do when it fails: the
 * total on the Pay button, the summary after the quote, the merchant's name, the card brand's mark,
 * the security line, the failure screen in the customer's words, and the themes.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, newToken, testCards } from './support/sandbox.js';
import {
  answerBank,
  button,
  mountCheckout,
  nextRedirect,
  offerFigures,
  pay,
  payButton,
  reachOffer,
  saveCard,
  shownText,
  submitStep,
  typeInto,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForState,
  type PayinCheckout,
} from './support/ui.js';

const root = (el: PayinCheckout): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};
const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The text a screen reader reads for an element's `aria-describedby`. */
const descriptionOf = (el: PayinCheckout, control: Element): string =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => squash(root(el).getElementById(id)?.textContent))
    .join(' ');

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('card brand marks', () => {
    for (const [brand, number] of [
      ['Visa', '4242 4242 4242 4242'],
      ['Mastercard', '5555 5555 5555 4444'],
      ['American Express', '3782 822463 10005'],
    ] as const) {
      it(`shows the ${brand} mark in the number field as the number is typed, named for assistive technology`, async () => {
        const el = await mountCheckout({ token: newToken() });
        await waitForHeading(el, 'Add a card');
        const input = root(el).querySelector<HTMLInputElement>('input[name="cardNumber"]');
        if (!input) throw new Error('no card number input');
        expect(root(el).querySelector('[part~="brand"]'), 'no mark before typing').to.equal(null);
        await typeInto(el, 'Card number', number.slice(0, 4));
        const mark = root(el).querySelector('[part~="brand"]');
        expect(mark, `the ${brand} mark after its first digits`).to.not.equal(null);
        const svg = mark?.querySelector('svg');
        expect(svg, 'an inline SVG').to.not.equal(null);
        expect(svg?.getAttribute('aria-hidden')).to.equal('true');
        expect(svg?.getAttribute('data-brand')).to.equal(brand === 'American Express' ? 'amex' : brand.toLowerCase());
        expect(mark?.querySelectorAll('image, use, img'), 'nothing fetched').to.have.length(0);
        expect(descriptionOf(el, input), 'the number field is described by the brand name').to.contain(brand);
        await typeInto(el, 'Card number', number);
        expect(root(el).querySelector('[part~="brand"] svg')?.getAttribute('data-brand')).to.equal(svg?.getAttribute('data-brand'));
        await typeInto(el, 'Card number', '9');
        expect(root(el).querySelector('[part~="brand"]'), 'no mark for an unknown number').to.equal(null);
      });
    }

    it('shows the mark of each saved card', async () => {
      const token = newToken();
      await saveCard(token, testCards.frictionless);
      await saveCard(token, testCards.billingAddressRequired);
      const el = await mountCheckout({ token, amount: '50' });
      await waitForHeading(el, 'Choose a card');
      const cards = [...root(el).querySelectorAll('[part~="card"]')];
      expect(cards.map((card) => card.querySelector('svg[aria-hidden="true"]')?.getAttribute('data-brand'))).to.have.members(['visa', 'mastercard']);
      expect(cards.map((card) => card.getAttribute('aria-label'))).to.have.members(['Visa •••• 4242', 'Mastercard •••• 4444']);
    });
  });

  describe('amount and trust', () => {
    it('says the total on the Pay button, and what is paid and received on the steps after the offer', async () => {
      const el = await mountCheckout({ token: newToken(), amount: '50' });
      await reachOffer(el, { number: testCards.threeDSecure });
      expect(offerFigures(el).total).to.equal('€52.00');
      expect(squash(payButton(el).textContent)).to.equal('Pay €52.00');
      const received = offerFigures(el).received;

      const redirect = nextRedirect(el);
      await pay(el);
      const { url } = await redirect;
      await waitForHeading(el, 'Confirm with your bank');
      const summary = () => squash(root(el).querySelector('[part~="summary"]')?.textContent);
      expect(summary()).to.equal(`You pay €52.00 You get ${received}`);
      await submitStep(el, 'I have finished at my bank', 'Confirming your payment');
      expect(summary()).to.equal(`You pay €52.00 You get ${received}`);
      await answerBank(url, 'approve');
      await waitForHeading(el, 'Payment complete', { timeout: 15_000 });
    });

    it('shows the merchant-name in the header as text only', async () => {
      const el = await mountCheckout({ token: newToken() });
      el.setAttribute('merchant-name', 'Example <b>Shop</b>');
      await waitForHeading(el, 'Add a card');
      await waitForCheckout(el, () => root(el).querySelector('[part~="merchant"]'), 'the merchant line');
      expect(squash(root(el).querySelector('[part~="merchant"]')?.textContent)).to.equal('Pay Example <b>Shop</b>');
      expect(root(el).querySelector('b'), 'never read as HTML').to.equal(null);
      el.removeAttribute('merchant-name');
      await el.updateComplete;
      expect(root(el).querySelector('[part~="merchant"]')).to.equal(null);
    });

    it('says under the card form that the card details are protected', async () => {
      const el = await mountCheckout({ token: newToken() });
      await waitForHeading(el, 'Add a card');
      const line = root(el).querySelector('form [part~="trust"]');
      expect(squash(line?.textContent)).to.equal(
        'Your card details go over an encrypted connection to the payment service only, and this page does not keep them.',
      );
      expect(line?.previousElementSibling?.classList.contains('actions'), 'under the form’s buttons').to.equal(true);
    });
  });

  describe('a declined card', () => {
    it('says what happened in the customer’s words and offers another card, with Vault’s text behind Details', async () => {
      const el = await mountCheckout({ token: newToken(), amount: '50' });
      await reachOffer(el, { number: testCards.declined });
      await pay(el);
      await waitForState(el, 'failure');
      await waitForHeading(el, 'Your card was declined');
      const main = squash(root(el).querySelector('[part~="banner-error"]')?.textContent);
      expect(main).to.contain('Your bank declined this payment.').and.contain('Please use another card.');
      expect(main, 'no processor wording as the explanation').to.not.match(/honou?r/i);
      const details = root(el).querySelector('details');
      expect(squash(details?.querySelector('summary')?.textContent)).to.equal('Details');
      expect(squash(details?.textContent)).to.contain('Do not honour');
      expect(details?.open, 'closed until asked for').to.equal(false);
      const another = button(el, 'Use another card');
      expect(another.getAttribute('part')).to.contain('button-primary');
      expect(() => button(el, 'Try again'), 'the same card again is not offered').to.throw();
      expect(shownText(el)).to.not.contain('Change card');
      another.click();
      await waitForHeading(el, 'Choose a card');
    });
  });

  describe('themes', () => {
    const background = (el: PayinCheckout) => getComputedStyle(el).backgroundColor;
    const primary = (el: PayinCheckout): HTMLElement => {
      const found = root(el).querySelector<HTMLElement>('button.primary');
      if (!found) throw new Error('no primary button');
      return found;
    };
    const payBackground = (el: PayinCheckout) => getComputedStyle(primary(el)).backgroundColor;

    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('theme="auto" follows the system colour scheme, as no theme does; light and dark override it', async () => {
      const el = await mountCheckout({ token: newToken() });
      await waitForHeading(el, 'Add a card');
      el.theme = 'auto';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('auto');
      await emulateMedia({ colorScheme: 'light' });
      const light = background(el);
      await emulateMedia({ colorScheme: 'dark' });
      const dark = background(el);
      expect(dark).to.not.equal(light);
      el.theme = 'light';
      await el.updateComplete;
      expect(background(el), 'theme="light" on a dark system').to.equal(light);
      await emulateMedia({ colorScheme: 'light' });
      el.theme = 'dark';
      await el.updateComplete;
      expect(background(el), 'theme="dark" on a light system').to.equal(dark);
      el.theme = undefined;
      await el.updateComplete;
      expect(background(el)).to.equal(light);
    });

    it('the dark primary button is a saturated colour, not a washed-out one that reads as disabled', async () => {
      const el = await mountCheckout({ token: newToken() });
      el.theme = 'dark';
      await waitForHeading(el, 'Add a card');
      const [r, g, b] = (payBackground(el).match(/\d+(\.\d+)?/g) ?? []).map(Number) as [number, number, number];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      // HSV saturation: a pastel (e.g. #8ab4f8, 0.44) reads as a disabled button on a dark page.
      expect((max - min) / max, `saturation of ${payBackground(el)}`).to.be.greaterThan(0.6);
      expect(getComputedStyle(primary(el)).opacity).to.equal('1');
    });
  });
});
