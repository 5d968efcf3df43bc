/**
 * The one rule for a payment whose pay request has left: what Vault's answer to a status check
 * means, and whether a new purchase may start. Renderers and hosts never decide this themselves.
 *
 * - `SUCCESS` → succeeded; `FAILURE` → failed: final, the record is dropped, a new purchase may start.
 * - "No payment for this offer" (`isNoPayment`) → never made, but only when Vault refused the pay request itself
 *   (stage `refused`, e.g. a refused token): nothing was taken, a new offer may be paid.
 * - Anything else — a pending status, a status Vault does not document, "not found" after a pay
 *   request that got no answer (it may still be arriving at the bank), a network error — is
 *   unknown: keep checking within the bound, then say the payment is still being confirmed, and
 *   offer no new purchase until Vault gives a final status (or the record ages out).
 */
import type { PaymentStage } from '../resume.js';
import type { PayStatus } from '../schemas/responses.js';
import type { CheckoutError } from './classify.js';

export type PaymentVerdict = 'succeeded' | 'failed' | 'not-made' | 'unknown';

export type StatusAnswer = { status: PayStatus } | { error: CheckoutError };

/**
 * Vault knows no payment for the offer: a 404, or the answer Vault documents for the status check —
 * a 400, whose `field` names the request field at fault, naming `offerId` (the only field of that
 * request). Either counts as "never made" only after a refused pay request (see `judgePayment`).
 */
export const isNoPayment = (error: CheckoutError): boolean =>
  error.status === 404 || (error.status === 400 && error.field === 'offerId');

export function judgePayment(stage: PaymentStage, answer: StatusAnswer): PaymentVerdict {
  if ('status' in answer) {
    if (answer.status.status === 'SUCCESS') return 'succeeded';
    if (answer.status.status === 'FAILURE') return 'failed';
    return 'unknown';
  }
  return stage === 'refused' && isNoPayment(answer.error) ? 'not-made' : 'unknown';
}
