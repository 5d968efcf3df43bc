/**
 * Helpers of the fault-and-attack suite, over the merchant page of checkout-frame.ts (an iframe the
 * test reloads for real, opens twice, or sends to the bank page and back): actions on its checkout
 * without the keyboard, and the suite's table of cases, printed at the end of the run by the
 * `attack-table` plugin of web-test-runner.config.mjs.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { PayinCheckout } from '../../src/payin-checkout.js';
import type { CheckoutPage } from './checkout-frame.js';
import { pasteInto } from './checkout-frame.js';
import { counters, waitUntil, type RouteId } from './sandbox.js';

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The visible text of a checkout. */
export const textOf = (el: PayinCheckout): string => squash(el.shadowRoot?.querySelector('section')?.textContent);

/** The buttons and links a checkout shows, by text. */
export const buttonsOf = (el: PayinCheckout): string[] =>
  [...(el.shadowRoot?.querySelectorAll('button, a') ?? [])].map((node) => squash(node.textContent));

/** Whether a button's text is Pay's: "Pay", or "Pay" and the offer's total ("Pay €52.00"). */
export const isPay = (text: string): boolean => text === 'Pay' || text.startsWith('Pay ');

/** Whether the checkout shows a Pay button. */
export const showsPay = (el: PayinCheckout): boolean => buttonsOf(el).some(isPay);

/** Clicks the button or link with this text. */
export function press(el: PayinCheckout, text: string): void {
  const match = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('button, a') ?? [])].find((node) => squash(node.textContent) === text);
  if (!match) throw new Error(`no button "${text}" (showing "${textOf(el).slice(0, 200)}")`);
  match.click();
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
export async function toOffer(page: CheckoutPage, { card = 0 }: { card?: number } = {}): Promise<void> {
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
export function payNow(page: CheckoutPage, cvv = '739'): void {
  pasteInto(page.el(), 'Security code', cvv);
  const pay = [...(page.el().shadowRoot?.querySelectorAll<HTMLElement>('button') ?? [])].find((node) => isPay(squash(node.textContent)));
  if (!pay) throw new Error(`no Pay button (showing "${textOf(page.el()).slice(0, 200)}")`);
  pay.click();
}

/** Waits for the receipt. */
export const receiptShown = (page: CheckoutPage, timeout = 15_000) =>
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
