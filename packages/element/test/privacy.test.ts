/**
 * Card data stays in the card fields: no `payin-*` event, no attribute (of the element or inside
 * it), no console line and no stored payment record holds the test PAN (any 8 of its digits in a
 * row) or the CVV, through every outcome of a purchase.
 */
import { expect } from '@open-wc/testing';
import { injectFault, newToken, testCards } from './support/sandbox.js';
import {
  CVV,
  RESUME_KEY,
  answerBank,
  button,
  captureConsole,
  mountCheckout,
  nextRedirect,
  pay,
  reachOffer,
  safeJson,
  shownText,
  submitStep,
  useCleanSession,
  waitForCheckout,
  waitForHeading,
  waitForOffer,
  waitForReceipt,
  type PayinCheckout,
} from './support/ui.js';

const EVENT_TYPES = [
  'payin-state-change',
  'payin-success',
  'payin-failure',
  'payin-error',
  'payin-redirect',
  'payin-payment-record',
  'payin-kyc-required',
  'payin-auth-required',
] as const;

/** Where card data could leak to, recorded while a purchase runs. */
interface Exposure {
  /** Event type → JSON of each event's own fields. */
  events: Map<string, string[]>;
  attributes: string[];
  console: string[];
  stored: string[];
}

/** Starts recording events, console lines, attributes and the payment record; `stop()` ends it. */
function watchExposure(): { exposure: Exposure; snapshot(el: PayinCheckout): void; stop(): void } {
  const exposure: Exposure = { events: new Map(), attributes: [], console: [], stored: [] };
  const console = captureConsole();
  exposure.console = console.lines;
  const onEvent = (event: Event) => {
    const fields = Object.fromEntries(Object.getOwnPropertyNames(event).map((name) => [name, (event as unknown as Record<string, unknown>)[name]]));
    exposure.events.set(event.type, [...(exposure.events.get(event.type) ?? []), safeJson(fields)]);
    if (event.target instanceof HTMLElement && event.target.localName === 'payin-checkout') snapshot(event.target as PayinCheckout);
  };
  const snapshot = (el: PayinCheckout) => {
    for (const node of [el, ...(el.shadowRoot?.querySelectorAll('*') ?? [])]) {
      for (const name of node.getAttributeNames()) exposure.attributes.push(`<${node.localName} ${name}="${node.getAttribute(name) ?? ''}">`);
    }
    exposure.stored.push(localStorage.getItem(RESUME_KEY) ?? '');
  };
  for (const type of EVENT_TYPES) document.addEventListener(type, onEvent);
  return {
    exposure,
    snapshot,
    stop: () => {
      for (const type of EVENT_TYPES) document.removeEventListener(type, onEvent);
      console.restore();
    },
  };
}

/** The lines of `texts` holding 8 digits of `pan` in a row (spaces or dashes between groups allowed) or the CVV on its own. */
function cardDataIn(texts: readonly string[], pan: string, cvv: string): string[] {
  const digits = pan.replace(/\D/g, '');
  const windows = Array.from({ length: digits.length - 7 }, (_, i) => digits.slice(i, i + 8));
  const cvvAlone = new RegExp(`(?<!\\d)${cvv}(?!\\d)`);
  return texts.filter((text) => {
    const joined = text.replace(/(\d)[\s-]+(?=\d)/g, '$1');
    return windows.some((window) => joined.includes(window)) || cvvAlone.test(text);
  });
}

function expectNoCardData(exposure: Exposure, pan: string): void {
  for (const [type, details] of exposure.events) {
    expect(cardDataIn(details, pan, CVV), `${type} event details`).to.deep.equal([]);
  }
  expect(cardDataIn(exposure.attributes, pan, CVV), 'attributes').to.deep.equal([]);
  expect(cardDataIn(exposure.console, pan, CVV), 'console lines').to.deep.equal([]);
  expect(cardDataIn(exposure.stored, pan, CVV), 'payment records').to.deep.equal([]);
}

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('card data', () => {
    it('never shows up in events, attributes, the console or the payment record of a purchase', async () => {
      const watch = watchExposure();
      try {
        const token = newToken();
        const el = await mountCheckout({ token, amount: '50' });
        await reachOffer(el, { number: testCards.threeDSecure });
        watch.snapshot(el);

        // Declined at the bank…
        const declined = nextRedirect(el);
        await pay(el);
        await answerBank((await declined).url, 'decline');
        await submitStep(el, 'I have finished at my bank', 'Your card was declined');
        // …an error on the way to a new offer…
        await injectFault(token, { route: 'offer-create', kind: 'status', status: 503 });
        await submitStep(el, 'Try again', 'Something went wrong');
        await submitStep(el, 'Try again', 'Your offer');
        await waitForOffer(el);
        // …and approved.
        const approved = nextRedirect(el);
        await pay(el);
        await answerBank((await approved).url, 'approve');
        button(el, 'I have finished at my bank').click();
        await waitForReceipt(el);
        watch.snapshot(el);

        const seen = [...watch.exposure.events.keys()];
        expect(seen).to.include.members(['payin-state-change', 'payin-redirect', 'payin-failure', 'payin-error', 'payin-success', 'payin-payment-record']);
        expect(watch.exposure.stored.some(Boolean), 'a payment record was looked at').to.equal(true);
        expectNoCardData(watch.exposure, testCards.threeDSecure);
      } finally {
        watch.stop();
      }
    });

    it('never shows up when paying needs verification or a new sign-in', async () => {
      const watch = watchExposure();
      try {
        // A customer who may not pay yet.
        const unverified = await mountCheckout({ token: newToken('kyc0'), amount: '50' });
        await reachOffer(unverified, { number: testCards.frictionless });
        await pay(unverified);
        await waitForHeading(unverified, 'Identity check needed');

        // A customer whose session ends as they pay: the token is refused for pay, then for the
        // status check that follows it, also after a refresh.
        const token = newToken();
        const signedOut = await mountCheckout({ token, amount: '50' });
        await reachOffer(signedOut, { number: testCards.frictionless });
        await injectFault(token, { route: 'pay', kind: 'status', status: 401 });
        await injectFault(token, { route: 'pay-callback', kind: 'status', status: 401, count: 2 });
        await pay(signedOut);
        await waitForCheckout(signedOut, () => shownText(signedOut).includes('your session has ended'), 'the refused session');

        expect([...watch.exposure.events.keys()]).to.include.members(['payin-kyc-required', 'payin-auth-required', 'payin-error']);
        expectNoCardData(watch.exposure, testCards.frictionless);
      } finally {
        watch.stop();
      }
    });
  });
});
