/** Payment outcomes: how a pay request turns out per test card, and how its status moves on. */
import { initialOutcome, outcomes, type Outcome } from './cards.js';
import type { Customer, CustomerStore, Payment, ReturnUrls, StoredCard, StoredOffer } from './customers.js';

export interface PayUrls {
  successUrl?: string | undefined;
  failUrl?: string | undefined;
  cancelUrl?: string | undefined;
}

const withQuery = (address: string | undefined, name: string, value: string): string | undefined => {
  if (address === undefined) return undefined;
  const url = new URL(address);
  url.searchParams.set(name, value);
  return url.toString();
};

/** Starts the payment of an offer with the card's test behaviour. */
export function startPayment(
  store: CustomerStore,
  customer: Customer,
  offer: StoredOffer,
  card: StoredCard,
  urls: PayUrls,
  pendingPolls: number,
): Payment {
  const challenged = card.behaviour === '3ds-challenge';
  const payment: Payment = {
    outcome: initialOutcome[card.behaviour],
    paidAt: Date.now(),
    bankRef: challenged ? store.newBankRef(customer, offer) : undefined,
    returnUrls: challenged
      ? {
          successUrl: urls.successUrl,
          failUrl: urls.failUrl ?? withQuery(urls.successUrl, 'payin', 'failure'),
          cancelUrl: urls.cancelUrl ?? withQuery(urls.successUrl, 'payin', 'cancel'),
        }
      : undefined,
    pendingChecksLeft: card.behaviour === 'pending-then-success' ? pendingPolls : undefined,
  };
  offer.payment = payment;
  return payment;
}

/** The status a status check sees; a processing payment succeeds after its pending checks. */
export function checkStatus(payment: Payment): Outcome {
  if (payment.pendingChecksLeft !== undefined && payment.outcome.status === 'PENDING') {
    if (payment.pendingChecksLeft > 0) payment.pendingChecksLeft -= 1;
    else payment.outcome = outcomes.approved;
  }
  return payment.outcome;
}

export type BankAction = 'approve' | 'decline' | 'cancel';

const DECISIONS: Readonly<Record<BankAction, { outcome: Outcome; url: keyof ReturnUrls }>> = {
  approve: { outcome: outcomes.approved, url: 'successUrl' },
  decline: { outcome: outcomes.declined3ds, url: 'failUrl' },
  cancel: { outcome: outcomes.cancelled, url: 'cancelUrl' },
};

/** Whether the customer has still to answer the bank page. */
export const awaitsBank = (payment: Payment): boolean =>
  payment.bankRef !== undefined && payment.outcome === outcomes.awaiting3ds;

/** Records the customer's answer on the bank page; returns where to send them back, if pay named a place. */
export function decideOnBankPage(payment: Payment, action: BankAction): string | undefined {
  const decision = DECISIONS[action];
  if (!payment.returnUrls) throw new Error('Only 3-D Secure payments have a bank page');
  payment.outcome = decision.outcome;
  return payment.returnUrls[decision.url];
}
