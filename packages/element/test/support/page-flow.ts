/** Steps of a purchase in the merchant page of checkout-frame.ts, for a customer with a saved card. */
import type { CheckoutPage } from './checkout-frame.js';
import { eventsOf, pasteInto } from './checkout-frame.js';
import { CVV, payButton, submitStep, waitForHeading, waitForOffer } from './ui.js';

/** From the saved-card list to Pay pressed, in the page's (first) checkout. */
export async function payInPage(page: CheckoutPage, cardLabel = 'Visa •••• 3220'): Promise<void> {
  const el = page.el();
  await waitForHeading(el, 'Choose a card');
  await submitStep(el, cardLabel, 'How much would you like to buy?');
  await submitStep(el, 'Get offer', 'Your offer');
  await waitForOffer(el);
  pasteInto(el, 'Security code', CVV);
  payButton(el).click();
}

/** The bank page and offer of the page's (only) `payin-redirect`. */
export function redirectOf(page: CheckoutPage): { url: string; offerId: string } {
  const redirects = eventsOf(page, 'payin-redirect');
  if (redirects.length !== 1) throw new Error(`${redirects.length} payin-redirect events, expected 1`);
  const { url, offerId } = (redirects[0] as { detail: Record<string, unknown> }).detail;
  return { url: String(url), offerId: String(offerId) };
}
