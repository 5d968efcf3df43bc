/**
 * `completePurchase(page, { card, approve })`: a purchase in the `<payin-checkout>` of a Playwright
 * page, as the customer makes it — typing into the element's inputs (Playwright's selectors pierce
 * its open shadow root), pressing its buttons, and answering the sandbox's 3-D Secure bank page
 * when the checkout sends the customer there. Works with `playwright`, `playwright-core` and
 * `@playwright/test`: it takes any page with the few methods it uses.
 */
import { resolveCard, testCardDetails, testProfile, type PurchaseCard } from './cards.js';

export { testCards, testCardDetails } from './cards.js';
export type { PurchaseCard, TestCard, TestCardName } from './cards.js';

/** The part of Playwright's `Locator` the helper uses. */
export interface PlaywrightLocator {
  first(): PlaywrightLocator;
  click(options?: { timeout?: number }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  pressSequentially(text: string, options?: { delay?: number; timeout?: number }): Promise<void>;
  selectOption(values: string, options?: { timeout?: number }): Promise<unknown>;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
}

/** The part of Playwright's `Page` the helper uses. */
export interface PlaywrightPage {
  locator(selector: string): PlaywrightLocator;
  url(): string;
  waitForURL(url: (url: URL) => boolean, options?: { timeout?: number }): Promise<void>;
  waitForFunction(pageFunction: string, arg?: unknown, options?: { timeout?: number; polling?: number | 'raf' }): Promise<unknown>;
  /** The bank page's window, with the element's `redirect-mode="popup"`. */
  waitForEvent(event: 'popup', options?: { timeout?: number }): Promise<PlaywrightPage>;
}

export interface PurchaseOptions {
  /** The card to pay with (default `frictionless`): a test card's name, or `3ds-approve` / `3ds-decline`. */
  card?: PurchaseCard;
  /** The answer on the 3-D Secure bank page for the `3ds` card (default `true`, approve). */
  approve?: boolean;
  /** An amount typed over the element's own (default: leave it). */
  amount?: string;
  /** The CVV typed at Pay (default `123`). */
  cvv?: string;
  /** A CSS selector of the element when the page has more than one (default `payin-checkout`). */
  element?: string;
  /** Longest wait for each screen on the way, in ms (default 20 000). */
  timeoutMs?: number;
}

/** How the purchase ended: the element's last step. */
export type PurchaseOutcome = 'success' | 'failure';

/**
 * Buys with a test card in the page's `<payin-checkout>`: the profile of a new customer, the card
 * (chosen from the saved ones when the customer has it, else typed into the new-card form), the
 * amount form, the CVV and Pay; then, for the 3-D Secure card, the bank page's Approve or Decline
 * (the element sends the window there and the bank back; with `redirect-mode="popup"`, in the
 * window the element opens). Resolves with the outcome the element
 * shows once it is `success` or `failure`: assert your page's reaction to it.
 */
export async function completePurchase(page: PlaywrightPage, options: PurchaseOptions = {}): Promise<PurchaseOutcome> {
  const { card, approve } = resolveCard(options.card ?? 'frictionless', options.approve);
  const timeout = options.timeoutMs ?? 20_000;
  const host = options.element ?? 'payin-checkout';
  const within = (selector: string) => page.locator(`${host} ${selector}`).first();
  const stateIs = (states: readonly string[]) =>
    page.waitForFunction(`(() => { const element = document.querySelector(${JSON.stringify(host)}); return ${JSON.stringify(states)}.includes(element && element.state) && !(element.shadowRoot && element.shadowRoot.querySelector('form[aria-busy="true"]')); })()`, undefined, {
      timeout,
      polling: 50,
    });

  // The card step: whichever of its screens comes first.
  const cardScreen = `${host} [name="firstName"], ${host} [part~="card-list"], ${host} [name="cardNumber"]`;
  await page.locator(cardScreen).first().waitFor({ state: 'visible', timeout });
  if (await within('[name="firstName"]').isVisible()) {
    for (const [name, value] of Object.entries(testProfile)) {
      const field = within(`[name="${name}"]`);
      if (name === 'residenceCountry') await field.selectOption(value, { timeout });
      else await field.fill(value, { timeout });
    }
    await within('form button[type="submit"]').click({ timeout });
    await page.locator(`${host} [part~="card-list"], ${host} [name="cardNumber"]`).first().waitFor({ state: 'visible', timeout });
  }
  const last4 = card.number.slice(-4);
  if (await within('[part~="card-list"]').isVisible()) {
    const saved = page.locator(`${host} [part~="card"][aria-label*="${last4}"]`).first();
    if ((await saved.count()) > 0) await saved.click({ timeout });
    else {
      await within('.actions button').click({ timeout });
      await within('[name="cardNumber"]').waitFor({ state: 'visible', timeout });
    }
  }
  if (await within('[name="cardNumber"]').isVisible()) {
    // Typed key by key, as the customer does: the element formats and checks as they type.
    await within('[name="cardNumber"]').pressSequentially(card.number, { timeout });
    await within('[name="cardExpiry"]').pressSequentially(testCardDetails.expiry().replace(/\D/g, ''), { timeout });
    await within('[name="cardHolder"]').fill(testCardDetails.holder, { timeout });
    const { address, zip, city, countryCode } = testCardDetails.address;
    await within('[name="address"]').fill(address, { timeout });
    await within('[name="zip"]').fill(zip, { timeout });
    await within('[name="city"]').fill(city, { timeout });
    await within('[name="countryCode"]').selectOption(countryCode, { timeout });
    await within('form button[type="submit"]').click({ timeout });
  }

  await within('[name="amount"]').waitFor({ state: 'visible', timeout });
  await stateIs(['quote']);
  if (options.amount !== undefined) await within('[name="amount"]').fill(options.amount, { timeout });
  await within('form button[type="submit"]').click({ timeout });

  await within('[part~="offer"]').waitFor({ state: 'visible', timeout });
  await within('form button[type="submit"][aria-disabled="false"]').waitFor({ state: 'visible', timeout });
  await within('[name="cardCVV"]').pressSequentially(options.cvv ?? testCardDetails.cvv, { timeout });
  const shop = page.url();
  const popupMode = (await page.locator(host).first().getAttribute('redirect-mode', { timeout })) === 'popup';
  // Listened for before Pay: the element opens the bank page's window as Vault answers.
  const popup = card.name === '3ds' && popupMode ? page.waitForEvent('popup', { timeout }) : undefined;
  // A failure here surfaces where the popup is awaited, not as an unhandled rejection.
  popup?.catch(() => undefined);
  await within('form button[type="submit"]').click({ timeout });

  if (card.name === '3ds') {
    const answer = (bank: PlaywrightPage) =>
      bank.locator(`form:has(input[name="action"][value="${approve ? 'approve' : 'decline'}"]) button[type="submit"]`).click({ timeout });
    if (popup) {
      // Popup mode: the bank page opens in a window of its own; back from the bank, that window
      // hands over to this page's checkout and closes.
      const bank = await popup;
      await bank.waitForURL((url) => url.pathname.startsWith('/sandbox/bank/'), { timeout });
      await answer(bank);
    } else {
      // Same-window mode: the element sends this window to the bank page, and the bank sends it back.
      await page.waitForURL((url) => url.pathname.startsWith('/sandbox/bank/'), { timeout });
      await answer(page);
      const back = new URL(shop);
      await page.waitForURL((url) => url.origin === back.origin && url.pathname === back.pathname, { timeout });
    }
  }
  await stateIs(['success', 'failure']);
  return (await within('.success-mark').isVisible()) ? 'success' : 'failure';
}
