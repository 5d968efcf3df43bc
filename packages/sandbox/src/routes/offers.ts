/** Offers: create (`POST /v3/payin/offer`) and update (`PUT /v3/payin/offer/{offerId}`). Nothing is charged. */
import { createOfferRequestSchema, requestIdSchema, updateOfferRequestSchema, type Decimal } from '@payin-checkout/core';
import { readJsonObject, validate } from '../body.js';
import { currencyAllowed } from '../catalog.js';
import type { Customer, StoredCard, StoredOffer } from '../customers.js';
import type { Sandbox, SandboxApp } from '../env.js';
import { unknownId, validationError, vaultError } from '../errors.js';
import { customerOf, guard } from '../guard.js';
import { defaultLimits, feeSettings, feesAnswer, findPair, isFiatSold, type Pair } from '../market.js';
import { checkLimits, quote } from '../pricing.js';
import { effectiveSettings } from '../settings.js';
import { isoWithOffset } from '../time.js';

/** The pair sold for two currencies, when the sandbox sells it and the customer's catalog allows both. */
function pairFor(customer: Customer, from: string, to: string): Pair {
  if (!isFiatSold(from) || !currencyAllowed(customer.catalog, from)) {
    throw validationError('fromCurrency', `Buying with ${from} is not available.`);
  }
  const pair = findPair(from, to);
  if (!pair || !currencyAllowed(customer.catalog, to)) throw validationError('toCurrency', `Buying ${to} with ${from} is not available.`);
  return pair;
}

/** The customer's offer named in the path; 400 naming `offerId` when there is none. */
export function offerOf(customer: Customer, offerId: string): StoredOffer {
  const offer = customer.offers.get(offerId);
  if (!offer) throw unknownId('This offer was not found.', 'offerId');
  return offer;
}

/** 400 `OFFER_ALREADY_PAID` once a payment has started: an offer is charged at most once. */
export function refuseIfPaid(offer: StoredOffer): void {
  if (offer.payment) {
    throw vaultError(400, 'OFFER_ALREADY_PAID', 'This offer has already been paid.', { field: 'offerId' });
  }
}

function usableCard(customer: Customer, cardId: string): StoredCard {
  const card = customer.cards.get(cardId);
  if (!card) throw validationError('cardId', 'This card was not found. Please choose another card.');
  if (card.validationStatus !== 'APPROVED') {
    throw vaultError(400, 'CARD_NOT_APPROVED', 'This card has not been approved yet. Please choose another card.', { field: 'cardId' });
  }
  if (card.billingAddressRequired) {
    throw vaultError(400, 'BILLING_ADDRESS_REQUIRED', 'Please add the billing address of this card first.', {
      field: 'billingAddress',
    });
  }
  return card;
}

/** Prices the offer anew from its amount and currencies, with a fresh expiry. */
function price(customer: Customer, offer: Pick<StoredOffer, 'fromCurrency' | 'toCurrency'>, card: StoredCard, amount: Decimal, ttlSeconds: number) {
  const pair = pairFor(customer, offer.fromCurrency, offer.toCurrency);
  checkLimits(amount, offer.fromCurrency, card);
  const now = Date.now();
  const limit = card.maxAmountFrom.isZero() ? defaultLimits.max : card.maxAmountFrom;
  return { quote: quote(pair, amount, now), expiresAt: now + ttlSeconds * 1000, ttlSeconds, limit };
}

function offerAnswer(offer: StoredOffer): Record<string, unknown> {
  const currency = offer.fromCurrency;
  return {
    offerId: Number(offer.id),
    expirationTime: isoWithOffset(offer.expiresAt),
    validSeconds: offer.ttlSeconds,
    fromCurrency: currency,
    rate: {
      rate: offer.quote.rate.toNumber(),
      currency,
      commissionFix: 0,
      commissionPercentage: 0,
      minCrypto: 0,
      maxCrypto: 0,
    },
    feeInfo: offer.quote.fees.map((fee) => ({
      name: fee.name,
      value: fee.value.toNumber(),
      valueOld: fee.value.toNumber(),
      scale: feeSettings.scale,
      currency,
    })),
    // The most this offer may be for: the card's own limit, else the default.
    limit: { value: offer.limit.toNumber(), currency },
    fees: feesAnswer(currency),
  };
}

/** Registers the offer endpoints. */
export function registerOfferRoutes(app: SandboxApp, { store, defaults }: Sandbox): void {
  app.post('/v3/payin/offer', guard('offer-create', 'KYC_0'), async (c) => {
    const customer = customerOf(c);
    const request = validate(createOfferRequestSchema, await readJsonObject(c));
    const card = usableCard(customer, request.cardId);
    const currencies = { fromCurrency: request.fromCurrency, toCurrency: request.toCurrency };
    const priced = price(customer, currencies, card, request.amount, effectiveSettings(customer, defaults).offerTtlSeconds);
    const offer: StoredOffer = { id: store.newOfferId(), cardId: card.id, ...currencies, ...priced, payment: undefined };
    customer.offers.set(offer.id, offer);
    return c.json(offerAnswer(offer));
  });

  app.put('/v3/payin/offer/:offerId', guard('offer-update', 'KYC_0'), async (c) => {
    const customer = customerOf(c);
    const offerId = validate(requestIdSchema, c.req.param('offerId'), 'offerId');
    const request = validate(updateOfferRequestSchema, await readJsonObject(c));
    const offer = offerOf(customer, offerId);
    refuseIfPaid(offer);
    const card = usableCard(customer, offer.cardId);
    // The fiat amount is authoritative; `toAmount` is only the client's estimate.
    const currencies = { fromCurrency: request.fromCurrency, toCurrency: request.toCurrency };
    Object.assign(offer, currencies, price(customer, currencies, card, request.amount, effectiveSettings(customer, defaults).offerTtlSeconds));
    return c.json(offerAnswer(offer));
  });
}
