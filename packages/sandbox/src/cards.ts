/** Test cards, card brands, masking and the payment outcomes the test cards lead to. */
import { cardBrand } from '@payin-checkout/core';

export type CardBrand = 'VISA' | 'MASTERCARD' | 'AMEX' | 'MAESTRO' | 'DISCOVER' | 'JCB' | 'UNIONPAY' | 'MIR' | 'UNKNOWN';

export type CardBehaviour =
  | 'frictionless'
  | '3ds-challenge'
  | 'declined'
  | 'insufficient-funds'
  | 'provider-error'
  | 'pending-then-success'
  | 'billing-address-required'
  | 'not-approved';

export interface TestCard {
  /** The PAN as digits. */
  readonly number: string;
  readonly brand: CardBrand;
  readonly behaviour: CardBehaviour;
  readonly description: string;
}

/** The sandbox's test cards. Any other Luhn-valid number pays like `frictionless`. */
export const testCards: readonly TestCard[] = [
  {
    number: '4242424242424242',
    brand: 'VISA',
    behaviour: 'frictionless',
    description: 'Succeeds at once: no bank page (authLink null), status SUCCESS.',
  },
  {
    number: '4000000000003220',
    brand: 'VISA',
    behaviour: '3ds-challenge',
    description: 'Needs 3-D Secure: authLink leads to the sandbox bank page (Approve / Decline / Cancel); PENDING (documented profile: IN_PROGRESS) until answered.',
  },
  {
    number: '4000000000000002',
    brand: 'VISA',
    behaviour: 'declined',
    description: 'Declined: FAILURE, "Do not honour" (400).',
  },
  {
    number: '4000000000009995',
    brand: 'VISA',
    behaviour: 'insufficient-funds',
    description: 'Declined: FAILURE, "Insufficient funds" (51).',
  },
  {
    number: '4000000000003055',
    brand: 'VISA',
    behaviour: 'provider-error',
    description: 'Provider error: pay answers 200 with "Wrong response from provider" (305); status FAILURE.',
  },
  {
    number: '4000000000000077',
    brand: 'VISA',
    behaviour: 'pending-then-success',
    description: 'PENDING (documented profile: IN_PROGRESS) for the first status checks (pendingPolls, default 2), then SUCCESS.',
  },
  {
    number: '5555555555554444',
    brand: 'MASTERCARD',
    behaviour: 'billing-address-required',
    description: 'Needs a billing address (billingAddressRequired true) until one is added; then succeeds at once.',
  },
  {
    number: '4000000000000101',
    brand: 'VISA',
    behaviour: 'not-approved',
    description: 'Never approved: listed with validationStatus PENDING (documented profile: ON_REVIEW); offers for it are refused (400 CARD_NOT_APPROVED, field cardId).',
  },
  {
    number: '6212345678901234569',
    brand: 'UNIONPAY',
    behaviour: 'frictionless',
    description: '19-digit UnionPay: succeeds at once; shows that long PANs arrive exactly (masked 6212***4569).',
  },
];

/** The behaviour of a card number: a test card's, else a frictionless success. */
export function behaviourOf(digits: string): CardBehaviour {
  return testCards.find((card) => card.number === digits)?.behaviour ?? 'frictionless';
}

/** The card brand as Vault names it, by the same IIN rules the client uses to recognise the saved card. */
export function brandOf(digits: string): CardBrand {
  const brand = cardBrand(digits);
  return brand === undefined ? 'UNKNOWN' : (brand.toUpperCase() as CardBrand);
}

export interface Issuer {
  readonly countryCode: string;
  readonly countryName: string;
  readonly bankName: string;
}

const ISSUERS: Partial<Record<CardBrand, Issuer>> = {
  VISA: { countryCode: 'US', countryName: 'USA', bankName: 'SANDBOX NATIONAL BANK' },
  MASTERCARD: { countryCode: 'GB', countryName: 'United Kingdom', bankName: 'SANDBOX BUILDING SOCIETY' },
  UNIONPAY: { countryCode: 'CN', countryName: 'China', bankName: 'SANDBOX COMMERCIAL BANK' },
};
const DEFAULT_ISSUER: Issuer = { countryCode: 'DE', countryName: 'Germany', bankName: 'SANDBOX SPARKASSE' };

/** The (made-up) issuing bank shown for a brand. */
export const issuerOf = (brand: CardBrand): Issuer => ISSUERS[brand] ?? DEFAULT_ISSUER;

/** Saved-card mask, as in `GET /v3/payin/data`: `4907***3896`. */
export const listMask = (first6: string, last4: string): string => `${first6.slice(0, 4)}***${last4}`;

/** Payment mask, as in the pay answers: `490742****3896`. */
export const paymentMask = (first6: string, last4: string): string => `${first6}****${last4}`;

/** A payment's state; the pay-callback answer words `PENDING` as the profile does. */
export type PaymentStatus = 'PENDING' | 'SUCCESS' | 'FAILURE';

export interface Outcome {
  readonly status: PaymentStatus;
  /** `transactionStatus`: the human-readable reason. */
  readonly text: string;
  readonly code: number;
}

/** Every payment state the sandbox reports. */
export const outcomes = {
  approved: { status: 'SUCCESS', text: 'Approved', code: 0 },
  declined: { status: 'FAILURE', text: 'Do not honour', code: 400 },
  insufficientFunds: { status: 'FAILURE', text: 'Insufficient funds', code: 51 },
  providerError: { status: 'FAILURE', text: 'Wrong response from provider', code: 305 },
  awaiting3ds: { status: 'PENDING', text: 'Awaiting 3-D Secure confirmation', code: 1 },
  processing: { status: 'PENDING', text: 'Processing', code: 1 },
  declined3ds: { status: 'FAILURE', text: 'Declined by the card issuer (3-D Secure)', code: 400 },
  cancelled: { status: 'FAILURE', text: 'Cancelled by the customer', code: 499 },
} as const satisfies Record<string, Outcome>;

/** The outcome a pay request has at once, by card behaviour. */
export const initialOutcome: Readonly<Record<CardBehaviour, Outcome>> = {
  frictionless: outcomes.approved,
  'billing-address-required': outcomes.approved,
  '3ds-challenge': outcomes.awaiting3ds,
  declined: outcomes.declined,
  'insufficient-funds': outcomes.insufficientFunds,
  'provider-error': outcomes.providerError,
  'pending-then-success': outcomes.processing,
  // Never reached: no offer is made for a card that is not approved.
  'not-approved': outcomes.declined,
};
