/** In-memory customers, one per bearer token, with their cards, offers, test controls and settings. */
import { randomBytes } from 'node:crypto';
import type { Decimal } from '@payin-checkout/core';
import type { CardBehaviour, CardBrand, Issuer, Outcome } from './cards.js';
import { defaultPayinCard, type PayinCard } from './catalog.js';
import type { Fault } from './faults.js';
import type { Quote } from './pricing.js';
import type { RouteId } from './route-ids.js';

export type KycLevel = 'NONE' | 'KYC_0' | 'KYC_1';

const KYC_ORDER: readonly KycLevel[] = ['NONE', 'KYC_0', 'KYC_1'];

/** Whether `level` is at least `required`. */
export const kycAtLeast = (level: KycLevel, required: KycLevel): boolean =>
  KYC_ORDER.indexOf(level) >= KYC_ORDER.indexOf(required);

const TOKEN = /^test_(kyc1|kyc0|none)_[A-Za-z0-9_-]{1,64}$/;
const TOKEN_LEVELS: Readonly<Record<string, KycLevel>> = { kyc1: 'KYC_1', kyc0: 'KYC_0', none: 'NONE' };

/** The KYC level a test token starts at, or undefined for a token the sandbox does not accept. */
export function kycOfToken(token: string): KycLevel | undefined {
  const match = TOKEN.exec(token);
  return match ? TOKEN_LEVELS[match[1] ?? ''] : undefined;
}

/** A saved card. The PAN itself is never kept: only what masking and the test behaviour need. */
export interface StoredCard {
  readonly id: string;
  /** A keyed hash of the PAN, to recognise the same card added twice. */
  readonly panKey: string;
  readonly brand: CardBrand;
  readonly first6: string;
  readonly last4: string;
  readonly behaviour: CardBehaviour;
  readonly issuer: Issuer;
  readonly minAmountFrom: Decimal;
  readonly maxAmountFrom: Decimal;
  billingAddressRequired: boolean;
  /** Vault's `validationStatus`: `APPROVED`, or the profile's word for the test card that is never approved. */
  readonly validationStatus: string;
}

/** Where the bank page sends the customer back; none when pay named no `successUrl`. */
export interface ReturnUrls {
  readonly successUrl: string | undefined;
  readonly failUrl: string | undefined;
  readonly cancelUrl: string | undefined;
}

export interface Payment {
  outcome: Outcome;
  readonly paidAt: number;
  /** Bank page reference (3-D Secure cards only). */
  readonly bankRef: string | undefined;
  readonly returnUrls: ReturnUrls | undefined;
  /** Status checks still answered PENDING before a processing payment succeeds. */
  pendingChecksLeft: number | undefined;
}

export interface StoredOffer {
  readonly id: string;
  readonly cardId: string;
  fromCurrency: string;
  toCurrency: string;
  quote: Quote;
  /** The largest amount an offer for this card may have. */
  limit: Decimal;
  expiresAt: number;
  ttlSeconds: number;
  payment: Payment | undefined;
}

export interface Profile {
  firstName: string;
  lastName: string;
  /** As Vault documents it: `1990-05-20T00:00:00.000Z`. */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3, as Vault documents it: `DEU`. */
  residenceCountry: string;
  residenceCity: string;
  residenceStreet: string;
  residenceZipCode: string;
  primaryCurrency: string;
}

export interface CustomerSettings {
  offerTtlSeconds?: number;
  pendingPolls?: number;
}

export interface Customer {
  readonly token: string;
  kycLevel: KycLevel;
  profile: Profile | undefined;
  readonly cards: Map<string, StoredCard>;
  readonly offers: Map<string, StoredOffer>;
  readonly counters: Map<RouteId, number>;
  readonly faults: Map<RouteId, Fault[]>;
  settings: CustomerSettings;
  /** What the catalog says of buying with a card, for this customer. */
  catalog: PayinCard;
}

/** Every customer of one sandbox, plus the ids and references shared between them. */
export class CustomerStore {
  readonly #customers = new Map<string, Customer>();
  readonly #refreshTokens = new Map<string, string>();
  readonly #bankRefs = new Map<string, { customer: Customer; offer: StoredOffer }>();
  // Ids look like Vault's and are unique across customers of this sandbox.
  #nextCardId = 101;
  #nextOfferId = 7401;

  /** The customer of a test token (created on first use), or undefined for any other token. */
  customer(token: string): Customer | undefined {
    const existing = this.#customers.get(token);
    if (existing) return existing;
    const kycLevel = kycOfToken(token);
    if (!kycLevel) return undefined;
    const customer: Customer = {
      token,
      kycLevel,
      profile: undefined,
      cards: new Map(),
      offers: new Map(),
      counters: new Map(),
      faults: new Map(),
      settings: {},
      catalog: defaultPayinCard,
    };
    this.#customers.set(token, customer);
    return customer;
  }

  /** A new opaque refresh token for an access token. */
  issueRefreshToken(accessToken: string): string {
    const refreshToken = `rt_${randomBytes(24).toString('base64url')}`;
    this.#refreshTokens.set(refreshToken, accessToken);
    return refreshToken;
  }

  /** The access token a refresh token was issued with. */
  accessTokenOf(refreshToken: string): string | undefined {
    return this.#refreshTokens.get(refreshToken);
  }

  newCardId(): string {
    return String(this.#nextCardId++);
  }

  newOfferId(): string {
    return String(this.#nextOfferId++);
  }

  /** A new unguessable bank page reference for a 3-D Secure payment. */
  newBankRef(customer: Customer, offer: StoredOffer): string {
    const ref = randomBytes(18).toString('base64url');
    this.#bankRefs.set(ref, { customer, offer });
    return ref;
  }

  /** The payment a bank page reference belongs to. */
  byBankRef(ref: string): { customer: Customer; offer: StoredOffer } | undefined {
    return this.#bankRefs.get(ref);
  }
}
