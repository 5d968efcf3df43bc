/**
 * The one rule for a payment whose pay request has left: what Vault's answer to a status check
 * means, and whether a new purchase may start. Renderers and hosts never decide this themselves.
 *
 * - `SUCCESS` → succeeded; `FAILURE` → failed: final, the record is dropped, a new purchase may start.
 * - "No payment for this offer" (`isNoPayment`) → never made, in two cases only:
 *   - Vault refused the pay request itself (stage `refused`, e.g. a refused token): nothing was taken;
 *   - the pay request can no longer be taken (`payWindowClosed`): the offer has expired — Vault takes
 *     no payment of an expired offer — and the pay request is no longer on its way — its time limit
 *     (`payTimeoutMs`) has passed since it was sent, or it never left (the browser was offline) —
 *     and Vault has answered "no payment" at least twice in a row (`NO_PAYMENT_ANSWERS`).
 *   Either way a new offer may be paid, and nothing can be charged twice: the old offer cannot be.
 * - Anything else — a pending status, a status Vault does not document, "no payment" while the pay
 *   request may still be arriving at the bank, a network error — is unknown: keep checking within the
 *   bound, then say the payment is still being confirmed, and offer no new purchase until Vault gives
 *   a final status (or the record ages out).
 */
import type { PaymentStage } from '../resume.js';
import type { PayStatus } from '../schemas/responses.js';
import type { CheckoutError } from './classify.js';

export type PaymentVerdict = 'succeeded' | 'failed' | 'not-made' | 'unknown';

export type StatusAnswer = { status: PayStatus } | { error: CheckoutError };

/** "No payment" answers in a row that, once the pay window is closed, mean the payment was never made. */
export const NO_PAYMENT_ANSWERS = 2;

/** What is known of a pay request's window: when it left, whether it left at all, and when its offer expired. */
export interface PayWindow {
  /** Now, by the same clock as the times below (ms since epoch). */
  now: number;
  /** When the pay request left, or was to leave. */
  sentAt: number;
  /** The pay request never left: the browser was offline. */
  unsent?: boolean | undefined;
  /** When the offer stopped holding; unknown for a payment known by its offer id only. */
  expiresAt?: number | undefined;
  /** The pay request's time limit (the client's `payTimeoutMs`). */
  payTimeoutMs: number;
  /** "No payment" answers in a row before this one. */
  noPaymentAnswers: number;
}

/**
 * Vault knows no payment for the offer: the status check refused with a 404, or with the answer Vault
 * documents — a 400 — for a request whose one field is the offer id. Refusals that mean something
 * else (a refused token, a level too low) are sorted out before this is asked.
 */
export const isNoPayment = (error: CheckoutError): boolean =>
  (error.status === 404 || error.status === 400) && error.kind !== 'auth' && error.kind !== 'kyc';

/**
 * When the pay request can no longer happen: its offer has expired and the request can no longer
 * reach Vault (its time limit has passed since it left, or it never left). Unknown without the
 * offer's expiry (a payment known by its offer id only): the window never closes then.
 */
export function payWindowClosesAt(window: Omit<PayWindow, 'now' | 'noPaymentAnswers'>): number | undefined {
  if (window.expiresAt === undefined) return undefined;
  return window.unsent ? window.expiresAt : Math.max(window.expiresAt, window.sentAt + window.payTimeoutMs);
}

/** The pay window has closed (see `payWindowClosesAt`). */
export function payWindowClosed(window: PayWindow): boolean {
  const closesAt = payWindowClosesAt(window);
  return closesAt !== undefined && window.now >= closesAt;
}

export function judgePayment(stage: PaymentStage, answer: StatusAnswer, window?: PayWindow): PaymentVerdict {
  if ('status' in answer) {
    if (answer.status.status === 'SUCCESS') return 'succeeded';
    if (answer.status.status === 'FAILURE') return 'failed';
    return 'unknown';
  }
  if (!isNoPayment(answer.error)) return 'unknown';
  if (stage === 'refused') return 'not-made';
  const settled = stage === 'sent' && window !== undefined && payWindowClosed(window) && window.noPaymentAnswers + 1 >= NO_PAYMENT_ANSWERS;
  return settled ? 'not-made' : 'unknown';
}
