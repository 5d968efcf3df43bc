/**
 * The sandbox's test cards by name, with the outcome of a purchase made with each. Dependency-free:
 * the browser driver imports it too.
 */

/** A test card by what a purchase with it does. */
export type TestCardName = 'frictionless' | '3ds' | 'declined' | 'insufficient-funds' | 'provider-error' | 'pending' | 'billing-address';

/**
 * A card for a purchase: a test card's name, or the 3-D Secure card with the answer given on the
 * bank page (`3ds-approve`, `3ds-decline`, the same as `card: '3ds'` with `approve: true | false`).
 */
export type PurchaseCard = TestCardName | '3ds-approve' | '3ds-decline';

/** The checkout's steps a test can put it at (the machine's top-level states a purchase goes through). */
export type CheckoutStep = 'card' | 'quote' | 'offer' | 'redirect' | 'verifying' | 'success' | 'failure';

export interface TestCard {
  readonly name: TestCardName;
  /** The card number, as digits. */
  readonly number: string;
  readonly brand: 'Visa' | 'Mastercard';
  /** How a purchase with it ends for a verified (KYC_1) customer. */
  readonly ends: 'success' | 'failure' | 'bank decides';
  /** What happens, in a merchant's words. */
  readonly outcome: string;
}

/** Every named test card. Any other valid card number pays like `frictionless`. */
export const testCards: readonly TestCard[] = [
  { name: 'frictionless', number: '4242424242424242', brand: 'Visa', ends: 'success', outcome: 'paid at once, no bank page' },
  {
    name: '3ds',
    number: '4000000000003220',
    brand: 'Visa',
    ends: 'bank decides',
    outcome: '3-D Secure: the customer goes to the bank page; Approve pays, Decline fails ("Declined by the card issuer (3-D Secure)")',
  },
  { name: 'declined', number: '4000000000000002', brand: 'Visa', ends: 'failure', outcome: 'declined: "Do not honour"' },
  { name: 'insufficient-funds', number: '4000000000009995', brand: 'Visa', ends: 'failure', outcome: 'declined: "Insufficient funds"' },
  { name: 'provider-error', number: '4000000000003055', brand: 'Visa', ends: 'failure', outcome: 'fails: "Wrong response from provider"' },
  {
    name: 'pending',
    number: '4000000000000077',
    brand: 'Visa',
    ends: 'success',
    outcome: 'pending for the first status checks (the vault\'s `pendingChecks`, default 2), then paid',
  },
  {
    name: 'billing-address',
    number: '5555555555554444',
    brand: 'Mastercard',
    ends: 'success',
    outcome: 'asks for a billing address once (the checkout sends the one of the card form), then paid at once',
  },
];

/** Expiry, CVV and holder every test card takes. */
export const testCardDetails = {
  /** Always in the future: December, three years ahead. */
  expiry: (): string => `12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`,
  cvv: '123',
  holder: 'Ada Lovelace',
  address: { address: '17 Mellowood Ave', zip: '10115', city: 'Berlin', countryCode: 'DE' },
} as const;

/** The new-card form's text fields for any test card: the holder and the billing address. */
export const testCardForm = { cardHolder: testCardDetails.holder, ...testCardDetails.address } as const;

/** A profile that lifts a new (`NONE`) customer to KYC_0. */
export const testProfile = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1990-05-20',
  residenceStreet: '1 Main St',
  residenceZipCode: '10115',
  residenceCity: 'Berlin',
  residenceCountry: 'DE',
} as const;

/** The test card a purchase card names, and the bank page's answer for the 3-D Secure card. */
export function resolveCard(card: PurchaseCard, approve?: boolean): { card: TestCard; approve: boolean } {
  const name: TestCardName = card === '3ds-approve' || card === '3ds-decline' ? '3ds' : card;
  const found = testCards.find((entry) => entry.name === name);
  if (!found) throw new Error(`no test card named "${String(card)}"; the names: ${testCards.map((entry) => entry.name).join(', ')}, 3ds-approve, 3ds-decline`);
  return { card: found, approve: card === '3ds-decline' ? false : card === '3ds-approve' ? true : (approve ?? true) };
}

/** The card a step is reached with when the test names none. */
export const defaultCardFor = (step: CheckoutStep): TestCardName =>
  step === 'redirect' ? '3ds' : step === 'verifying' ? 'pending' : step === 'failure' ? 'declined' : 'frictionless';

/** Whether a step can be reached with a card at all (the vault's faults and KYC level aside). */
export function checkReachable(step: CheckoutStep, card: TestCard, caller: string): void {
  if (step === 'redirect' && card.name !== '3ds') throw new Error(`${caller}('redirect') needs the 3-D Secure card ('3ds'), not '${card.name}'`);
  if (step === 'verifying' && card.name !== '3ds' && card.name !== 'pending') {
    throw new Error(`${caller}('verifying') needs a card whose payment waits: 'pending' or '3ds', not '${card.name}'`);
  }
}

export const checkoutSteps: readonly CheckoutStep[] = ['card', 'quote', 'offer', 'redirect', 'verifying', 'success', 'failure'];
