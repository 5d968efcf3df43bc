/** Paying an offer (`POST /v3/payin/pay/{offerId}`) and its status (`GET /v3/payin/pay-callback`). */
import { cvvSchema, fingerprintSchema, payRequestSchema, requestIdSchema, returnUrlSchema } from '@payin-checkout/core';
import * as z from 'zod/mini';
import { readJsonObject, validate } from '../body.js';
import { paymentMask, type Outcome } from '../cards.js';
import type { Customer, Payment, StoredCard, StoredOffer } from '../customers.js';
import type { Sandbox, SandboxApp } from '../env.js';
import { unknownId, vaultError } from '../errors.js';
import { customerOf, guard } from '../guard.js';
import { checkStatus, startPayment } from '../payments.js';
import { effectiveSettings } from '../settings.js';
import { transactionDate } from '../time.js';
import { offerOf, refuseIfPaid } from './offers.js';

/**
 * The pay request as Vault documents it (every field optional but the CVV; its example sends no
 * `successUrl`), with what the sandbox needs to act on it: a real 3–4 digit CVV, http(s) return
 * addresses, and every fingerprint field of its documented JSON type.
 */
const payBodySchema = z.extend(payRequestSchema, {
  cardCVV: cvvSchema,
  successUrl: z.optional(returnUrlSchema),
  failUrl: z.optional(returnUrlSchema),
  cancelUrl: z.optional(returnUrlSchema),
  fingerprint: z.optional(fingerprintSchema),
});

function cardOf(customer: Customer, offer: StoredOffer): StoredCard {
  const card = customer.cards.get(offer.cardId);
  if (!card) throw new Error('An offer always names a saved card');
  return card;
}

function transactionFields(card: StoredCard, offer: StoredOffer, payment: Payment, outcome: Outcome) {
  return {
    transactionStatus: outcome.text,
    transactionStatusCode: outcome.code,
    originalTransactionStatus: outcome.text,
    originalTransactionStatusCode: outcome.code,
    paymentMode: 'debit',
    maskedPan: paymentMask(card.first6, card.last4),
    transactionDate: transactionDate(payment.paidAt),
    transactionAmount: offer.quote.total.toString(),
    cardCountryCode: card.issuer.countryCode,
    cardCountryName: card.issuer.countryName,
    cardBankName: card.issuer.bankName,
  };
}

/** Registers the pay and status endpoints. */
export function registerPayRoutes(app: SandboxApp, { store, defaults, profile }: Sandbox): void {
  app.post('/v3/payin/pay/:offerId', guard('pay', 'KYC_1'), async (c) => {
    const customer = customerOf(c);
    const offerId = validate(requestIdSchema, c.req.param('offerId'), 'offerId');
    // The CVV is checked and dropped with this request: it is never stored or logged.
    const request = validate(payBodySchema, await readJsonObject(c));
    const offer = offerOf(customer, offerId);
    refuseIfPaid(offer);
    if (Date.now() > offer.expiresAt) {
      throw vaultError(400, 'OFFER_EXPIRED', 'This offer has expired. Please request a new one.', { field: 'offerId' });
    }
    const card = cardOf(customer, offer);
    const urls = { successUrl: request.successUrl, failUrl: request.failUrl, cancelUrl: request.cancelUrl };
    const payment = startPayment(store, customer, offer, card, urls, effectiveSettings(customer, defaults).pendingPolls);
    const origin = new URL(c.req.url).origin;
    return c.json({
      offerId: Number(offer.id),
      authLink: payment.bankRef === undefined ? null : `${origin}/sandbox/bank/${payment.bankRef}`,
      successUrl: payment.returnUrls?.successUrl ?? null,
      failUrl: payment.returnUrls?.failUrl ?? null,
      cancelUrl: payment.returnUrls?.cancelUrl ?? null,
      ...transactionFields(card, offer, payment, payment.outcome),
    });
  });

  app.get('/v3/payin/pay-callback', guard('pay-callback', 'KYC_1'), (c) => {
    const customer = customerOf(c);
    const offerId = validate(requestIdSchema, c.req.query('offerId') ?? '', 'offerId');
    const offer = customer.offers.get(offerId);
    const payment = offer?.payment;
    if (!offer || !payment) throw unknownId('No payment was found for this offer.', 'offerId');
    const card = cardOf(customer, offer);
    const outcome = checkStatus(payment);
    return c.json({
      offerId: Number(offer.id),
      status: outcome.status === 'PENDING' ? profile.pendingStatus : outcome.status,
      amount: offer.quote.amount.toNumber(),
      currency: offer.fromCurrency,
      cryptoAmount: offer.quote.cryptoAmount.toNumber(),
      cryptoCurrency: offer.toCurrency,
      blockedAmount: {
        // Held on the card while the payment is unsettled.
        value: outcome.status === 'PENDING' ? offer.quote.total.toNumber() : 0,
        currency: offer.fromCurrency,
      },
      ...transactionFields(card, offer, payment, outcome),
    });
  });
}
