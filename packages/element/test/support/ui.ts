/**
 * Drives `<payin-checkout>` as a customer would: fields found by their visible label, buttons by
 * their visible text, typing through the test runner's real keyboard, and bounded waits on what
 * the element shows. Every helper looks inside the element's shadow root.
 *
 * ```ts
 * const el = await mountCheckout({ token: newToken(), amount: '50' });
 * await fillCard(el, { number: testCards.frictionless });
 * await submitStep(el, 'Continue', 'How much would you like to buy?');
 * ```
 */
import { fixture, html } from '@open-wc/testing';
import { RESUME_KEY, createPayinClient, removeResumeRecord, sharedStore, type PayinOptions } from '@payin-checkout/core';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PayinCheckout, PayinCheckoutClientOptions } from '../../src/payin-checkout.js';
import '../../src/payin-checkout.js';
import { sandboxUrl, sendKeys, waitUntil, type WaitOptions } from './sandbox.js';

export type { PayinCheckout };

/** localStorage key of the machine's payment record. */
export { RESUME_KEY };

/** A year a test card is still valid in. */
const EXPIRY_YEAR = new Date().getFullYear() + 3;
/** An expiry date a test card accepts, as the field shows it (MM / YY). */
export const FUTURE_EXPIRY = `12 / ${String(EXPIRY_YEAR % 100).padStart(2, '0')}`;
/** The security code the tests pay with (any 3 digits do). */
export const CVV = '739';

/** The billing address a customer types with a new card. */
export const address = {
  holder: 'Ada Lovelace',
  street: '17 Mellowood Ave',
  zip: '10115',
  city: 'Berlin',
  country: 'Germany',
} as const;

/**
 * Saves a card for the customer straight through the API (with a billing address), as an earlier
 * visit would have: the checkout then starts on the saved-card list.
 */
export async function saveCard(token: string, number: string): Promise<void> {
  await createPayinClient({ baseUrl: sandboxUrl, token }).addCard({
    cardNumber: number,
    cardHolder: address.holder,
    cardExpirationYear: EXPIRY_YEAR,
    cardExpirationMonth: 12,
    billingAddress: { address: address.street, city: address.city, zip: address.zip, countryCode: 'DE' },
  });
}

export interface CheckoutOptions {
  token: string;
  amount?: string;
  locale?: string;
  /** The `locales-url` attribute: the folder of the catalogs other than English. */
  localesUrl?: string;
  /** The `messages` property: the host's own texts by message key. */
  messages?: Record<string, string>;
  redirectMode?: 'same-window' | 'popup';
  successUrl?: string;
  fromCurrency?: string;
  toCurrency?: string;
  clientOptions?: PayinCheckoutClientOptions;
  machineOptions?: Partial<PayinOptions>;
  /** The `customer` attribute; by default one per token, as a shop names its signed-in customers. */
  customer?: string;
  /** The `new-customer` attribute. */
  newCustomer?: boolean;
}

/** Renders a `<payin-checkout>` talking to the sandbox as the given customer. */
export function mountCheckout(options: CheckoutOptions): Promise<PayinCheckout> {
  return fixture<PayinCheckout>(checkoutTemplate(options));
}

/** The template of a `<payin-checkout>` talking to the sandbox as the given customer. */
export function checkoutTemplate(options: CheckoutOptions): TemplateResult {
  return html`<payin-checkout
      api-base=${sandboxUrl}
      token=${options.token}
      amount=${ifDefined(options.amount)}
      locale=${ifDefined(options.locale)}
      locales-url=${ifDefined(options.localesUrl)}
      .messages=${options.messages}
      redirect-mode=${ifDefined(options.redirectMode)}
      success-url=${ifDefined(options.successUrl)}
      from-currency=${ifDefined(options.fromCurrency)}
      to-currency=${ifDefined(options.toCurrency)}
      customer=${options.customer ?? `customer-${options.token.slice(-12)}`}
      ?new-customer=${options.newCustomer ?? false}
      .clientOptions=${options.clientOptions}
      .machineOptions=${options.machineOptions}
    ></payin-checkout>`;
}

function shadow(el: PayinCheckout): ShadowRoot {
  if (!el.shadowRoot) throw new Error('<payin-checkout> has no shadow root');
  return el.shadowRoot;
}

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The visible text of the element's shadow root, whitespace collapsed. */
export function shownText(el: PayinCheckout): string {
  return squash(shadow(el).querySelector('section')?.textContent);
}

/** The text of the step heading (`h2`). */
export function headingText(el: PayinCheckout): string {
  return squash(shadow(el).querySelector('h2')?.textContent);
}

/** The step heading element. */
export function heading(el: PayinCheckout): HTMLElement {
  const h2 = shadow(el).querySelector<HTMLElement>('h2');
  if (!h2) throw new Error(`no heading shown (text: "${shownText(el)}")`);
  return h2;
}

/** The field a visible `<label>` names, through the label's `for`. Throws when there is none. */
export function field<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(el: PayinCheckout, label: string): T {
  const root = shadow(el);
  const match = [...root.querySelectorAll('label')].find((candidate) => squash(candidate.textContent) === label);
  if (!match) throw new Error(`no field labelled "${label}" (heading: "${headingText(el)}")`);
  const control = root.getElementById(match.htmlFor);
  if (!control) throw new Error(`label "${label}" points at #${match.htmlFor}, which is not there`);
  return control as T;
}

/** Whether a field with this label is shown. */
export function hasField(el: PayinCheckout, label: string): boolean {
  return [...shadow(el).querySelectorAll('label')].some((candidate) => squash(candidate.textContent) === label);
}

/** The button (or button-like link) with this visible text. Throws when there is none. */
export function button(el: PayinCheckout, text: string): HTMLButtonElement | HTMLAnchorElement {
  const match = [...shadow(el).querySelectorAll<HTMLButtonElement | HTMLAnchorElement>('button, a')].find(
    (candidate) => squash(candidate.textContent) === text,
  );
  if (!match) throw new Error(`no button "${text}" (heading: "${headingText(el)}")`);
  return match;
}

/** The text of the error message a field's `aria-describedby` points at ('' when none). */
export function describedError(el: PayinCheckout, control: Element): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids
    .map((id) => shadow(el).getElementById(id))
    .filter((node): node is HTMLElement => node?.getAttribute('part') === 'error')
    .map((node) => squash(node.textContent))
    .join(' ');
}

/** The element focused inside the checkout's shadow root, if any. */
export function focused(el: PayinCheckout): Element | null {
  return shadow(el).activeElement;
}

/**
 * Waits (10 s unless told) until `predicate` holds on the checkout; on timeout the error also says
 * what the checkout shows by then.
 */
export async function waitForCheckout(el: PayinCheckout, predicate: () => unknown, message: string, options: WaitOptions = {}): Promise<void> {
  try {
    await waitUntil(predicate, { timeout: 10_000, message, ...options });
  } catch (error) {
    const shown = `state ${String(el.state)}, showing "${shownText(el).slice(0, 240)}"`;
    throw new Error(`${(error as Error).message}; ${shown}`, { cause: error });
  }
}

/** Waits until the step heading reads `text`. */
export function waitForHeading(el: PayinCheckout, text: string, options: WaitOptions = {}): Promise<void> {
  return waitForCheckout(el, () => headingText(el) === text, `the heading "${text}"`, options);
}

/** Waits until the machine is in the top-level state `state`. */
export function waitForState(el: PayinCheckout, state: NonNullable<PayinCheckout['state']>, options: WaitOptions = {}): Promise<void> {
  return waitForCheckout(el, () => el.state === state, `state ${state}`, options);
}

/** Whether a button's text is Pay's: `label` alone, or followed by the total ("Pay €52.00") once the offer is in. */
export const isPayLabel = (text: string, label = 'Pay'): boolean => text === label || text.startsWith(`${label} `);

/** The Pay button (`label` in the checkout's language, as `isPayLabel` reads it). Throws when there is none. */
export function payButton(el: PayinCheckout, label = 'Pay'): HTMLButtonElement {
  const match = [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => isPayLabel(squash(candidate.textContent), label));
  if (!match) throw new Error(`no Pay button "${label}" (heading: "${headingText(el)}")`);
  return match;
}

/** Waits until the offer's figures are shown and Pay (`payLabel`, in the checkout's language) can be pressed. */
export function waitForOffer(el: PayinCheckout, { payLabel = 'Pay', ...options }: WaitOptions & { payLabel?: string } = {}): Promise<void> {
  const payable = () => shadow(el).querySelector('[part="offer"]') !== null && !payButton(el, payLabel).disabled;
  return waitForCheckout(el, payable, 'an offer one can pay', options);
}

/** The offer's "total charged" and "you get" figures and countdown, as shown. */
export function offerFigures(el: PayinCheckout): { total: string; received: string; countdown: string } {
  const part = (name: string) => squash(shadow(el).querySelector(`[part~="${name}"]`)?.textContent);
  return { total: part('total'), received: part('received'), countdown: part('countdown') };
}

/** Focuses the field labelled `label` (as a click or tap on it would) and types `text` over its content. */
export async function typeInto(el: PayinCheckout, label: string, text: string): Promise<void> {
  const control = field(el, label);
  control.focus();
  if (control instanceof HTMLInputElement) control.select();
  await sendKeys({ type: text });
}

/** Presses a key (e.g. `Enter`, `Tab`, `ArrowDown`) on whatever has focus. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** Presses Tab (at most `limit` times) until the field labelled `label` has focus. */
export function tabTo(el: PayinCheckout, label: string, limit = 15): Promise<void> {
  return tabUntil(el, field(el, label), `"${label}"`, limit);
}

/** Presses Tab (at most `limit` times) until the button with this text has focus. */
export function tabToButton(el: PayinCheckout, text: string, limit = 15): Promise<void> {
  return tabUntil(el, button(el, text), `button "${text}"`, limit);
}

async function tabUntil(el: PayinCheckout, target: Element, name: string, limit: number): Promise<void> {
  for (let i = 0; i < limit && focused(el) !== target; i++) await press('Tab');
  const now = focused(el);
  if (now !== target) {
    const where = now ? `<${now.localName}${now.id ? ` id="${now.id}"` : ''}>` : 'nothing in the checkout';
    throw new Error(`${limit} presses of Tab never reached ${name} (focus on ${where})`);
  }
}

/** Focuses the select labelled `label` and types the country's name, as a keyboard user picks an option. */
export async function chooseCountry(el: PayinCheckout, label: string, name: string): Promise<void> {
  const select = field<HTMLSelectElement>(el, label);
  select.focus();
  await sendKeys({ type: name });
  const chosen = select.selectedOptions[0]?.textContent ?? '';
  if (chosen !== name) throw new Error(`typing "${name}" in "${label}" chose "${chosen}"`);
}

export interface CardDetails {
  number: string;
  expiry?: string;
  holder?: string;
}

/** Fills the new-card form: number, expiry, name and billing address. */
export async function fillCard(el: PayinCheckout, card: CardDetails): Promise<void> {
  await typeInto(el, 'Card number', card.number);
  await typeInto(el, 'Expiry date', card.expiry ?? FUTURE_EXPIRY);
  await typeInto(el, 'Name on card', card.holder ?? address.holder);
  await fillAddress(el);
}

/** Fills the billing address fields. */
export async function fillAddress(el: PayinCheckout): Promise<void> {
  await typeInto(el, 'Address', address.street);
  await typeInto(el, 'Postal code', address.zip);
  await typeInto(el, 'City', address.city);
  await chooseCountry(el, 'Country', address.country);
}

/** Clicks the button with this text and waits for the heading of the next step. */
export async function submitStep(el: PayinCheckout, buttonText: string, nextHeading: string, options: WaitOptions = {}): Promise<void> {
  button(el, buttonText).click();
  await waitForHeading(el, nextHeading, options);
}

/** From a fresh customer's first screen to a payable offer: adds the card and asks for an offer. */
export async function reachOffer(el: PayinCheckout, card: CardDetails): Promise<void> {
  await waitForHeading(el, 'Add a card');
  await fillCard(el, card);
  await submitStep(el, 'Continue', 'How much would you like to buy?');
  await submitStep(el, 'Get offer', 'Your offer');
  await waitForOffer(el);
}

/** Types the security code and presses Pay. */
export async function pay(el: PayinCheckout, cvv: string = CVV): Promise<void> {
  await typeInto(el, 'Security code', cvv);
  payButton(el).click();
}

/** Waits for the receipt and answers its reference (the offer id). */
export async function waitForReceipt(el: PayinCheckout, options: WaitOptions = {}): Promise<string> {
  await waitForHeading(el, 'Payment complete', options);
  const receipt = shadow(el).querySelector('[part="receipt"]');
  const terms = [...(receipt?.querySelectorAll('dt') ?? [])];
  const reference = terms.find((dt) => squash(dt.textContent) === 'Reference')?.nextElementSibling;
  return squash(reference?.textContent);
}

/** Answers the sandbox bank page as the customer would by pressing Approve, Decline or Cancel there. */
export async function answerBank(url: string, action: 'approve' | 'decline' | 'cancel'): Promise<void> {
  if (!url.startsWith(`${sandboxUrl}/sandbox/bank/`)) throw new Error(`not a sandbox bank page: ${url}`);
  const response = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ action }),
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  // 303 to the return page; `redirect: 'manual'` makes it an opaque redirect.
  if (response.type !== 'opaqueredirect' && response.status !== 303) {
    throw new Error(`the bank page answered ${response.status} to ${action}: ${await response.text()}`);
  }
}

/** Resolves with the next `payin-redirect` event of `el`; `preventDefault()` keeps the page where it is. */
export function nextRedirect(el: PayinCheckout, { navigate = false } = {}): Promise<{ url: string; offerId: string }> {
  return new Promise((resolve) => {
    el.addEventListener(
      'payin-redirect',
      (event) => {
        if (!navigate) event.preventDefault();
        resolve({ url: event.url, offerId: event.offerId });
      },
      { once: true },
    );
  });
}

/**
 * Forgets a payment record a test left behind: in localStorage (shared by every page of the test
 * server's origin, frames included) and in this page's memory, which the checkout also reads.
 */
export function clearResumeRecord(): void {
  removeResumeRecord(sharedStore());
  localStorage.removeItem(RESUME_KEY);
}

/**
 * Registers hooks that give every test of the calling suite a page without a payment record: the
 * record of one test's unfinished bank visit would otherwise send the next test's checkout there.
 */
export function useCleanSession(): void {
  beforeEach(clearResumeRecord);
  afterEach(clearResumeRecord);
}

/** Records the windows the page opens (`window.open` still opens them) until `restore()`. */
export function watchPopups(): { opened: { url: string; target: string; window: Window | null }[]; restore(): void } {
  const original = window.open;
  const opened: { url: string; target: string; window: Window | null }[] = [];
  window.open = function open(this: Window, url?: string | URL, target?: string, features?: string) {
    const opening = original.call(this, url, target, features);
    opened.push({ url: String(url ?? ''), target: target ?? '', window: opening });
    return opening;
  };
  return {
    opened,
    restore: () => {
      window.open = original;
      for (const { window: popup } of opened) popup?.close();
    },
  };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/* eslint-disable no-console -- wraps every console method to read what the page prints */
/** Copies every console line into `lines` (still printing it) until `restore()`. */
export function captureConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '));
      original.apply(console, args);
    };
  }
  return {
    lines,
    restore: () => {
      for (const [method, original] of originals) console[method] = original;
    },
  };
}
/* eslint-enable no-console */

/** JSON of `value`, or its string form when it cannot be serialised (cycles, DOM nodes). */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
