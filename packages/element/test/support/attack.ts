/**
 * Helpers of the fault-and-attack suite: a merchant page with the checkout in an iframe (frame.html)
 * that a test reloads for real, opens twice, or sends to the bank page and back; actions on that
 * checkout without the keyboard (another frame's fields are set as a paste would); and the suite's
 * table of cases, printed at the end of the run by the `attack-table` plugin of
 * web-test-runner.config.mjs.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { PayinCheckout } from '../../src/payin-checkout.js';
import { counters, sandboxUrl, waitUntil, type RouteId } from './sandbox.js';

const FRAME_PAGE = new URL('./frame.html', import.meta.url).href;

export interface FrameOptions {
  token: string;
  amount?: string;
  /** allowed-redirect-hosts; the sandbox's host unless told. */
  hosts?: string;
  mode?: 'same-window' | 'popup';
  storage?: 'blocked';
  popup?: 'blocked';
  /** Checkouts on the page (default 1). */
  count?: number;
  client?: Record<string, unknown>;
  machine?: Record<string, unknown>;
}

export interface CheckoutFrame {
  frame: HTMLIFrameElement;
  /** The page address with its settings, as the bank would send the customer back to it. */
  pageUrl: string;
  /** The checkout of the page shown now. */
  el(): PayinCheckout;
  /** DOM events of this type the page's checkouts fired, over every load of the page. */
  events(type: string): Record<string, unknown>[];
  /** Reloads the page (a real reload: a new document, a new checkout, storage as the browser keeps it). */
  reload(): Promise<PayinCheckout>;
  /** Loads `url` in the frame (e.g. the page the bank sends the customer back to). */
  load(url: string): Promise<PayinCheckout | undefined>;
  remove(): void;
}

/** Opens the merchant page in a new iframe and waits for its checkout to start. */
export async function openCheckoutPage(options: FrameOptions): Promise<CheckoutFrame> {
  const query = new URLSearchParams({ apiBase: sandboxUrl, token: options.token, hosts: options.hosts ?? new URL(sandboxUrl).host });
  if (options.amount) query.set('amount', options.amount);
  if (options.mode) query.set('mode', options.mode);
  if (options.storage) query.set('storage', options.storage);
  if (options.popup) query.set('popup', options.popup);
  if (options.count) query.set('count', String(options.count));
  if (options.client) query.set('client', JSON.stringify(options.client));
  if (options.machine) query.set('machine', JSON.stringify(options.machine));
  const pageUrl = `${FRAME_PAGE}?${query}`;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:420px;height:720px;border:0';
  document.body.append(frame);
  const current = () => frame.contentDocument?.querySelector('payin-checkout') as PayinCheckout | null;
  const started = async () => {
    await waitUntil(() => current()?.state !== undefined, { timeout: 10_000, message: 'the checkout page to start' });
    return current() as PayinCheckout;
  };
  const load = async (url: string) => {
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = url;
    await loaded;
    return url.startsWith(FRAME_PAGE) ? started() : undefined;
  };
  await load(pageUrl);
  return {
    frame,
    pageUrl,
    el: () => {
      const el = current();
      if (!el) throw new Error(`the frame shows no checkout (${frame.contentWindow?.location.href ?? 'another origin'})`);
      return el;
    },
    events: (type) =>
      ((window as unknown as { payinFrameEvents?: Record<string, { type: string; detail: Record<string, unknown> }[]> }).payinFrameEvents?.[options.token] ?? [])
        .filter((event) => event.type === type)
        .map((event) => event.detail),
    reload: async () => {
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow?.location.reload();
      await loaded;
      return started();
    },
    load,
    remove: () => frame.remove(),
  };
}

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The visible text of a checkout. */
export const textOf = (el: PayinCheckout): string => squash(el.shadowRoot?.querySelector('section')?.textContent);

/** The buttons and links a checkout shows, by text. */
export const buttonsOf = (el: PayinCheckout): string[] =>
  [...(el.shadowRoot?.querySelectorAll('button, a') ?? [])].map((node) => squash(node.textContent));

/** Clicks the button or link with this text. */
export function press(el: PayinCheckout, text: string): void {
  const match = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('button, a') ?? [])].find((node) => squash(node.textContent) === text);
  if (!match) throw new Error(`no button "${text}" (showing "${textOf(el).slice(0, 200)}")`);
  match.click();
}

/** Sets the field labelled `label` as a paste would (input event), for a checkout in another frame. */
export function setField(el: PayinCheckout, label: string, value: string): void {
  const root = el.shadowRoot as ShadowRoot;
  const match = [...root.querySelectorAll('label')].find((node) => squash(node.textContent) === label);
  const control = match && (root.getElementById(match.htmlFor) as HTMLInputElement | null);
  if (!control) throw new Error(`no field "${label}" (showing "${textOf(el).slice(0, 200)}")`);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Waits until `predicate` holds for the checkout, saying what it shows on timeout. */
export async function waitFor(el: () => PayinCheckout, predicate: (el: PayinCheckout) => unknown, message: string, timeout = 10_000): Promise<void> {
  try {
    await waitUntil(() => predicate(el()), { timeout, message });
  } catch (error) {
    let shown = '';
    try {
      shown = `; state ${String(el().state)}, showing "${textOf(el()).slice(0, 240)}"`;
    } catch {
      // The frame shows another page.
    }
    throw new Error(`${(error as Error).message}${shown}`, { cause: error });
  }
}

const heading = (el: PayinCheckout) => squash(el.shadowRoot?.querySelector('h2')?.textContent);

/** From the saved-card list (cards saved beforehand) to a payable offer. */
export async function toOffer(page: CheckoutFrame, { card = 0 }: { card?: number } = {}): Promise<void> {
  await waitFor(page.el, (el) => heading(el) === 'Choose a card', 'the saved cards');
  const cards = page.el().shadowRoot?.querySelectorAll<HTMLElement>('[part~="card"]') ?? [];
  const chosen = cards[card];
  if (!chosen) throw new Error(`no saved card #${card}`);
  chosen.click();
  await waitFor(page.el, (el) => heading(el) === 'How much would you like to buy?', 'the amount step');
  press(page.el(), 'Get offer');
  await waitFor(page.el, (el) => heading(el) === 'Your offer' && el.shadowRoot?.querySelector('[part~="total"]') !== null, 'an offer');
}

/** Types the CVV and presses Pay. */
export function payNow(page: CheckoutFrame, cvv = '739'): void {
  setField(page.el(), 'Security code', cvv);
  press(page.el(), 'Pay');
}

/** Waits for the receipt. */
export const receiptShown = (page: CheckoutFrame, timeout = 15_000) =>
  waitFor(page.el, (el) => el.state === 'success' && heading(el) === 'Payment complete', 'the receipt', timeout);

/** The requests the sandbox counted for this customer, of the routes named. */
export async function counted(token: string, ...routes: RouteId[]): Promise<Partial<Record<RouteId, number>>> {
  const all = await counters(token);
  return Object.fromEntries(routes.map((route) => [route, all[route] ?? 0]));
}

/** Names the suite's cases up front, so that the table shows a case that never got to say it held. */
export async function declareCases(cases: readonly { id: string; title: string }[]): Promise<void> {
  await executeServerCommand('attack-cases', cases);
}

/** Records what a case ended in; called at the end of its test, once every assertion passed. */
export async function held(id: string, outcome: string): Promise<void> {
  await executeServerCommand('attack-held', { id, outcome });
}
