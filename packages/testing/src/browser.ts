/**
 * `driveCheckout(element).to(step, options)`: a `<payin-checkout>` element on a page, driven as a
 * customer would — typing into the inputs of its shadow root and pressing its buttons — to a step.
 * For @web/test-runner or any page script. No dependencies, no Node API: the file runs as it is in
 * a browser (`import { driveCheckout } from '@payin-checkout/testing/browser'`).
 */
import { checkReachable, checkoutSteps, defaultCardFor, resolveCard, testCardDetails, testProfile, type CheckoutStep, type PurchaseCard } from './cards.js';

export { testCards, testCardDetails, checkoutSteps } from './cards.js';
export type { CheckoutStep, PurchaseCard, TestCard, TestCardName } from './cards.js';

/** A `<payin-checkout>` element (its `state` is the checkout's current step). */
export type PayinCheckoutElement = HTMLElement & { readonly state?: string | undefined };

export interface DriveOptions {
  /** The card to pay with (default: `3ds` for `redirect`, `pending` for `verifying`, `declined` for `failure`, else `frictionless`). */
  card?: PurchaseCard;
  /** The answer on the 3-D Secure bank page (default `true`, approve). */
  approve?: boolean;
  /** An amount typed over the element's own (default: leave the element's `amount`). */
  amount?: string;
  /** The CVV typed at Pay (default `123`). */
  cvv?: string;
  /** Longest wait for each screen on the way, in ms (default 20 000). */
  timeoutMs?: number;
}

export interface CheckoutDriver {
  /**
   * Drives the element to `step` (`card`, `quote`, `offer`, `redirect`, `verifying`, `success`,
   * `failure`) and resolves once it shows it. The 3-D Secure bank page is answered in the
   * background (the element's `payin-redirect` is cancelled, so the page stays), then "I have
   * finished at my bank" is pressed. A later call goes on from where the element is (e.g.
   * `to('redirect')`, the page's reaction checked, then `to('success')`). Rejects, naming the
   * screen it stopped on, when the step is not reached in time or is already behind.
   */
  to(step: CheckoutStep, options?: DriveOptions): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const POLL_MS = 25;

type Screen = 'loading' | 'profile' | 'cards' | 'new-card' | 'billing' | 'quote' | 'offer' | 'busy' | 'redirect' | 'verifying' | 'success' | 'failure' | 'error';

/** Drives a `<payin-checkout>` element. */
export function driveCheckout(element: PayinCheckoutElement): CheckoutDriver {
  return { to: (step, options = {}) => drive(element, step, options) };
}

async function drive(element: PayinCheckoutElement, step: CheckoutStep, options: DriveOptions): Promise<void> {
  if (!checkoutSteps.includes(step)) throw new Error(`driveCheckout: no step "${String(step)}"; the steps: ${checkoutSteps.join(', ')}`);
  const { card, approve } = resolveCard(options.card ?? defaultCardFor(step), options.approve);
  checkReachable(step, card, 'driveCheckout');
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const root = element.shadowRoot;
  if (!root) throw new Error('driveCheckout: the element has no open shadow root (is it a <payin-checkout> defined on this page?)');

  const find = <T extends Element>(selector: string): T | null => root.querySelector<T>(selector);
  const screen = (): Screen => screenOf(element, root);
  const until = async (what: string, predicate: (current: Screen) => boolean): Promise<Screen> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const current = screen();
      if (predicate(current)) return current;
      if (Date.now() > deadline) {
        const shown = (root.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
        throw new Error(`driveCheckout.to('${step}'): no ${what} within ${timeout} ms; the element is at ${String(element.state)} (${current}): "${shown}"`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  const type = (name: string, value: string) => {
    const input = find<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    if (!input) throw new Error(`driveCheckout.to('${step}'): no "${name}" field on the ${screen()} screen`);
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
    input.blur();
  };
  const submit = () => {
    const button = find<HTMLButtonElement>('form button[type="submit"]');
    if (!button) throw new Error(`driveCheckout.to('${step}'): no submit button on the ${screen()} screen`);
    button.click();
  };

  // The bank page is answered here, so the page stays where it is.
  let bankUrl: string | undefined;
  const keepPage = (event: Event) => {
    event.preventDefault();
    bankUrl = (event as Event & { url?: string }).url;
  };
  element.addEventListener('payin-redirect', keepPage);
  try {
    const cardScreens: Screen[] = ['profile', 'cards', 'new-card', 'billing'];
    let profileSent = false;
    let cardSent = false;
    for (let screens = 0; ; screens += 1) {
      if (screens > 6) throw new Error(`driveCheckout.to('${step}'): the card step does not move on`);
      const current = await until('card screen', (now) => now !== 'loading' && now !== 'busy');
      if (!cardScreens.includes(current)) break;
      if (step === 'card') return;
      if (current === 'profile') {
        if (profileSent) throw new Error(`driveCheckout.to('${step}'): the profile was refused`);
        profileSent = true;
        for (const [name, value] of Object.entries(testProfile)) type(name, value);
      } else if (current === 'cards') {
        const last4 = card.number.slice(-4);
        const saved = [...root.querySelectorAll<HTMLButtonElement>('[part~="card"]')].find((button) => button.textContent?.includes(last4));
        const other = find<HTMLButtonElement>('.actions button');
        (saved ?? other)?.click();
        await until('next screen', (now) => now !== 'cards');
        continue;
      } else if (current === 'new-card') {
        if (cardSent) throw new Error(`driveCheckout.to('${step}'): the new card was refused`);
        cardSent = true;
        type('cardNumber', card.number);
        type('cardExpiry', testCardDetails.expiry());
        type('cardHolder', testCardDetails.holder);
      }
      if (current === 'new-card' || current === 'billing') {
        const { address, zip, city, countryCode } = testCardDetails.address;
        type('address', address);
        type('zip', zip);
        type('city', city);
        type('countryCode', countryCode);
      }
      submit();
      await until('next screen', (now) => now !== current);
    }

    if (step === 'card') throw new Error(`driveCheckout.to('card'): the checkout is already past the card step (${screen()})`);
    // From the quote on, the driver goes on from where the element is: a second `to()` continues
    // the purchase a first one left at `quote`, `offer` or `redirect`.
    const past = (reached: Screen) => new Error(`driveCheckout.to('${step}'): the checkout is already past that step (${reached})`);
    let at = await until('quote', (now) => ['quote', 'offer', 'redirect', 'verifying', 'success', 'failure', 'error'].includes(now));
    if (at === 'error') throw new Error(`driveCheckout.to('${step}'): the quote step was not reached (${at})`);
    if (at === 'quote') {
      if (options.amount !== undefined) type('amount', options.amount);
      if (step === 'quote') return;
      submit();
      at = await until('live offer', (now) => (now === 'offer' && find('[part~="offer"]') !== null && find('form button[type="submit"][aria-disabled="false"]') !== null) || now === 'failure' || now === 'error');
      if (at !== 'offer') throw new Error(`driveCheckout.to('${step}'): no offer was made (${at})`);
    } else if (step === 'quote') {
      throw past(at);
    }
    if (at === 'offer') {
      if (step === 'offer') return;
      type('cardCVV', options.cvv ?? testCardDetails.cvv);
      submit();
      at = await until('answer to pay', (now) => ['redirect', 'verifying', 'success', 'failure'].includes(now));
    } else if (step === 'offer') {
      throw past(at);
    }
    if (at === 'redirect') {
      if (step === 'redirect') return;
      // The address the element announced, or (on a later call) the one its bank link shows.
      const url = bankUrl ?? find<HTMLAnchorElement>('a[href]')?.href;
      if (!url) throw new Error(`driveCheckout.to('${step}'): the element gave no bank page address`);
      if (step !== 'verifying') await answerBank(url, approve ? 'approve' : 'decline');
      // "I have finished at my bank": the one button of the redirect screen.
      const returned = find<HTMLButtonElement>('button');
      if (!returned) throw new Error(`driveCheckout.to('${step}'): no "I have finished at my bank" button`);
      returned.click();
    } else if (step === 'redirect') {
      throw past(at);
    }
    if (step === 'verifying') {
      const now = await until('verifying', (current) => current === 'verifying' || current === 'success' || current === 'failure');
      if (now !== 'verifying') throw new Error(`driveCheckout.to('verifying'): the payment was settled at once (${now})`);
      return;
    }
    const outcome = await until('outcome', (now) => now === 'success' || now === 'failure');
    if (outcome !== step) throw new Error(`driveCheckout.to('${step}'): the purchase with the '${card.name}' card ended in ${outcome}`);
  } finally {
    element.removeEventListener('payin-redirect', keepPage);
  }
}

/** What the element shows, read from its step and the controls of its shadow root. */
function screenOf(element: PayinCheckoutElement, root: ShadowRoot): Screen {
  const state = element.state;
  const has = (selector: string) => root.querySelector(selector) !== null;
  if (state === undefined || has('.ph-heading')) return 'loading';
  if (has('form[aria-busy="true"]')) return 'busy';
  switch (state) {
    case 'card':
      if (has('[name="firstName"]')) return 'profile';
      if (has('[part~="card-list"]')) return 'cards';
      if (has('[name="cardNumber"]')) return 'new-card';
      if (has('[name="address"]')) return 'billing';
      if (has('[part~="banner-error"]')) return 'error';
      return 'busy';
    case 'quote':
      return has('[name="amount"]') ? 'quote' : 'busy';
    case 'offer':
    case 'editing':
      return state === 'offer' && has('[name="cardCVV"]') ? 'offer' : 'busy';
    case 'redirect':
    case 'verifying':
    case 'success':
    case 'failure':
      return state;
    default:
      return 'busy';
  }
}

/** Answers the sandbox's bank page in the background, as the customer's click there would. */
async function answerBank(url: string, answer: 'approve' | 'decline'): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ action: answer }), redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  if (!(response.type === 'opaqueredirect' || response.status === 303 || response.status === 200)) {
    throw new Error(`the bank page refused the answer "${answer}": ${response.status}`);
  }
}
