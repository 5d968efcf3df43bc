/**
 * @payin-checkout/testing: test a page that embeds payin-checkout, offline.
 *
 * - `startTestVault(options)`: a local Vault sandbox with a fresh customer (Node);
 * - `checkoutAt(step, options)`: the real checkout machine put at a step against it;
 * - `testCards`: the test cards by name and what a purchase with each does.
 *
 * In the browser, `@payin-checkout/testing/browser` drives a `<payin-checkout>` element
 * (`driveCheckout`); in Playwright, `@payin-checkout/testing/playwright` completes a purchase in a
 * page (`completePurchase`).
 */
export { startTestVault } from './vault.js';
export type { TestVault, TestVaultOptions, VaultProfile } from './vault.js';
export { answerBankPage, customerControls } from './controls.js';
export type { KycLevel, TestCustomer, TestCustomerOptions, VaultCatalog, VaultFault, VaultRoute, VaultTiming } from './controls.js';
export { checkoutAt, stepOf } from './checkout-at.js';
export type { CheckoutAtOptions, PayinCheckout } from './checkout-at.js';
export { checkoutSteps, testCardDetails, testCardForm, testCards, testProfile } from './cards.js';
export type { CheckoutStep, PurchaseCard, TestCard, TestCardName } from './cards.js';
