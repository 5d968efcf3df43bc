import type { PayinClient } from '../api/client.js';
import type { FieldErrors, FieldValues, TextField, CardSecrets } from '../forms.js';
import type { RecordedPayment, ResumeRecord, ResumeStore } from '../resume.js';
import type { Sealed } from '../sealed.js';
import type { Fingerprint } from '../schemas/requests.js';
import type { Offer, PayStatus, PayinData } from '../schemas/responses.js';
import type { CheckoutError, VaultFacts } from './classify.js';

/** The checkout's steps: the machine's top-level states. */
/** What a renderer shows: one screen per step, and `loading`, `profile`, `cards`, `new-card`, `billing` and `error` within them. */
export type Screen =
  | 'loading'
  | 'profile'
  | 'cards'
  | 'new-card'
  | 'billing'
  | 'quote'
  | 'offer'
  | 'paying'
  | 'redirect'
  | 'verifying'
  | 'success'
  | 'failure'
  | 'error';

export type Step = 'card' | 'quote' | 'offer' | 'editing' | 'paying' | 'redirect' | 'verifying' | 'success' | 'failure';

export interface PayinOptions {
  /** Pay refuses an offer with less time left than this and re-quotes first (ms). */
  payMinRemainingMs: number;
  /** Quiet time after the customer's last change before the offer is updated (ms). */
  editDebounceMs: number;
  /** A re-quote worse for the customer by more than this fraction waits for confirmation ("0.01" = 1 %). */
  priceTolerance: string;
  /** First and longest pause between status checks (ms). */
  pollInitialMs: number;
  pollMaxMs: number;
  /** How long to keep checking a payment's status before saying it is still being confirmed (ms). */
  verifyTimeoutMs: number;
  /** Payment records older than this are dropped (ms): past it, a payment Vault never confirmed no longer
   * holds back a new purchase. */
  resumeMaxAgeMs: number;
  /** Shortest pause between two refreshes of rates and limits (ms). */
  dataRefreshMinMs: number;
}

export interface PayinMachineInput {
  client: PayinClient;
  /** Where the bank sends the customer back after 3-D Secure (usually the checkout page). */
  successUrl: string;
  fromCurrency?: string;
  toCurrency?: string;
  amount?: string;
  /** Resume a payment (after the bank page, or from a record the host kept); else a record found in `store` is used. */
  resume?: Pick<ResumeRecord, 'offerId'> & Partial<ResumeRecord>;
  /** Where the payment record is kept (default `localStorage`, in memory where it throws). */
  store?: ResumeStore;
  /**
   * A stable id of the customer (never the token), when customers may share a browser: payment
   * records are then kept per customer, and one customer's unsettled payment never holds back
   * another's purchase. Without it, the records of the origin are shared.
   */
  customer?: string;
  /**
   * The host knows the customer is new (has given no profile yet): the checkout asks the KYC level
   * first, and goes to the profile form without being refused the cards. Without it, the cards are
   * loaded first and the level is asked only when Vault refuses them.
   */
  newCustomer?: boolean;
  /** Clock for countdowns and ages (default `Date.now`); pair it with the actor's `clock` in tests. */
  now?: () => number;
  /** Browser data for the pay request (default: collected from the page). */
  fingerprint?: () => Fingerprint;
  options?: Partial<PayinOptions>;
}

/** Services the machine uses; kept out of serialised snapshots. */
export interface PayinEnv {
  client: PayinClient;
  store: ResumeStore;
  customer: string | undefined;
  newCustomer: boolean;
  now: () => number;
  fingerprint: () => Fingerprint;
  options: PayinOptions;
  successUrl: string;
}

/** An offer as the machine keeps it: Vault's answer plus what was asked and when it arrived. */
export interface LiveOffer {
  offer: Offer;
  /** Fiat amount asked for, as decimal text. */
  amount: string;
  fromCurrency: string;
  toCurrency: string;
  /** Local time the answer arrived (ms), and when it stops holding, by `validSeconds`. */
  receivedAt: number;
  expiresAt: number;
}

/** Figures the customer last saw and accepted, as decimal text. */
export interface AcceptedPrice {
  amount: string;
  fromCurrency: string;
  toCurrency: string;
  totalCharged: string;
  amountReceived: string;
}

/** The payment being made or checked: what its record tells (see `RecordedPayment`), and why Vault refused it. */
export interface Payment extends RecordedPayment {
  /** Why Vault refused the pay request, shown if it turns out the payment was never made. */
  refusal?: CheckoutError | undefined;
}

/**
 * What the checkout's own check found wrong with the amount: the message key (as `fieldErrors.amount`
 * holds it) and the figure the message names — the limit passed, as decimal text, or the decimals
 * allowed. It explains `fieldErrors.amount` while that holds the same key.
 */
export interface AmountIssue {
  key: string;
  limit?: string;
  decimals?: number;
}

export interface Receipt {
  offerId: string;
  /** Fiat amount bought for, before fees. */
  amount: string;
  currency: string;
  /** What the card was charged, fees included, as Vault reports it. */
  totalCharged?: string;
  cryptoAmount?: string;
  cryptoCurrency: string;
  maskedPan?: string;
  transactionDate?: string;
}

export type FailureReason =
  | { kind: 'declined'; message: string; code?: number }
  | { kind: 'kyc-required'; level: string };

export interface PayinContext {
  env: PayinEnv;
  /** The level Vault's KYC data answered, when it was asked (and until a profile is saved). */
  kycLevel: string | undefined;
  /** Vault refused the cards for a level above KYC_0: kept while the level is asked. */
  kycRefusal: CheckoutError | undefined;
  data: PayinData | undefined;
  dataReceivedAt: number;
  cardId: string | undefined;
  /** Brand and last four of a card just added, to find it in the reloaded list. */
  addedCard: { cardType: string | undefined; last4: string } | undefined;
  fields: FieldValues;
  fieldErrors: FieldErrors;
  /** The last check of the amount, when it found a problem (see `AmountIssue`). */
  amountIssue: AmountIssue | undefined;
  offer: LiveOffer | undefined;
  acceptedPrice: AcceptedPrice | undefined;
  /** A re-quote moved the price against the customer: Pay waits for PRICE.ACCEPT. */
  priceChanged: boolean;
  payment: Payment | undefined;
  payStatus: PayStatus | undefined;
  pollAttempt: number;
  verifyStartedAt: number;
  receipt: Receipt | undefined;
  failure: FailureReason | undefined;
  error: CheckoutError | undefined;
  /** A message key telling the customer what just happened (e.g. the offer was refreshed). */
  notice: string | undefined;
  pageHidden: boolean;
  /** The browser reports no connection: Pay is not sent until it is back. */
  offline: boolean;
  /** What Vault's documented sources said when a refusal was last explained (kept for the verification under way). */
  facts: VaultFacts | undefined;
  /** "No payment for this offer" answers in a row from the status check (see `judgePayment`). */
  noPaymentAnswers: number;
  /** Updated every second while an offer is shown, for the countdown. */
  clockNow: number;
}

export type PayinEvent =
  | { type: 'FIELD.CHANGE'; field: TextField; value: string }
  | { type: 'PROFILE.SUBMIT' }
  | { type: 'CARD.SELECT'; cardId: string }
  | { type: 'CARD.NEW' }
  | { type: 'CARD.ADD'; card: Sealed<CardSecrets> }
  | { type: 'CARD.CHANGE' }
  | { type: 'BILLING.SUBMIT' }
  | { type: 'QUOTE.SUBMIT' }
  | { type: 'PRICE.ACCEPT' }
  | { type: 'PAY.SUBMIT'; cvv: Sealed<string> }
  | { type: 'REDIRECT.RETURNED' }
  | { type: 'STATUS.CHECK' }
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'PAGE.HIDDEN' }
  | { type: 'PAGE.VISIBLE' }
  | { type: 'NETWORK.ONLINE' }
  | { type: 'NETWORK.OFFLINE' };

export interface OfferSummary {
  offerId: string;
  amount: string;
  fromCurrency: string;
  toCurrency: string;
  totalCharged: string;
  amountReceived: string;
  /** Local time (ms) the offer stops holding. */
  expiresAt: number;
}

export type PayinEmitted =
  | { type: 'state-change'; step: Step }
  | { type: 'offer'; offer: OfferSummary }
  | { type: 'redirect'; url: string; offerId: string }
  /** The payment record was written (`stored: false`: only in this page's memory — a host may keep it and pass it back as `resume`). */
  | { type: 'payment-record'; record: ResumeRecord; stored: boolean }
  | { type: 'success'; receipt: Receipt }
  | { type: 'failure'; reason: FailureReason }
  | { type: 'error'; error: CheckoutError }
  | { type: 'kyc-required'; level: string }
  | { type: 'auth-required' };
