import {
  Decimal,
  fiatRatesSchema,
  offerSchema,
  payResultSchema,
  payStatusSchema,
  payinDataSchema,
} from '@payin-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCards, type RunningSandbox } from '../src/index.js';
import {
  addCard,
  billingAddress,
  call,
  cardOfferPay,
  client,
  createOffer,
  newToken,
  payBody,
  start,
  status,
  type Client,
} from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

const fresh = (): Client => client(sandbox.url, newToken());
const pan = (behaviour: string, brand?: string): string => {
  const card = testCards.find((test) => test.behaviour === behaviour && (brand === undefined || test.brand === brand));
  if (!card) throw new Error(`no test card for ${behaviour}`);
  return card.number;
};

describe('GET /v3/payin/data', () => {
  it('answers cards, pairs, fees and limits in the documented shape', async () => {
    const api = fresh();
    await addCard(api, pan('frictionless', 'VISA'));
    const answer = await api.get('/v3/payin/data');
    expect(answer.status).toBe(200);
    const data = payinDataSchema.parse(answer.json);
    expect(data.cards).toEqual([
      {
        cardId: expect.stringMatching(/^\d+$/),
        cardType: 'VISA',
        maskedPan: '4242***4242',
        minAmountFrom: 0,
        maxAmountFrom: 0,
        validationStatus: 'APPROVED',
        billingAddressRequired: false,
        usable: true,
      },
    ]);
    const pairs = data.pairs.map((pair) => `${pair.currencyFrom}-${pair.currencyTo}`).sort();
    for (const from of ['EUR', 'USD', 'GBP']) {
      for (const to of ['BTC', 'ETH', 'USDC', 'USDT']) expect(pairs).toContain(`${from}-${to}`);
    }
    const btc = data.pairs.find((pair) => pair.currencyFrom === 'EUR' && pair.currencyTo === 'BTC');
    expect(btc?.rate).toBeGreaterThan(0.00001);
    expect(btc?.rate).toBeLessThan(0.00003);
    expect(btc).toMatchObject({ amountScaleFrom: 8, amountScaleTo: 8, lock: false });
    expect(answer.json).toMatchObject({
      fiatPairs: [],
      feeInfo: null,
      feeTable: null,
      validSeconds: 30,
      defaultMinAmountFrom: 10,
      defaultMaxAmountFrom: 5000,
      firstPurchase: true,
      firstPurchaseLimit: { value: 0, currency: 'EUR' },
      freeTransactionsPromo: { total: 0, available: 0 },
      billingAddressRequired: false,
      fees: {
        currency: 'EUR',
        scale: 8,
        rate: 0.025,
        partnerFee: 0,
        crypteriumGas: 0.005,
        additionalFee: 0.005,
        transactionFee: 0.03,
        insuranceFee: null,
        feeTableEnabled: false,
        feeTable: null,
      },
    });
    expect(answer.json.validTo).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    const validFor = Date.parse(answer.json.validTo) - Date.now();
    expect(validFor).toBeGreaterThan(25_000);
    expect(validFor).toBeLessThanOrEqual(30_000);
  });

  it('keeps one saved card when the same card is added twice', async () => {
    const api = fresh();
    const first = await addCard(api, pan('frictionless', 'VISA'));
    const second = await addCard(api, pan('frictionless', 'VISA'));
    expect(second.cardId).toBe(first.cardId);
    expect((await api.get('/v3/payin/data')).json.cards).toHaveLength(1);
  });

  it('answers fiat cross rates', async () => {
    const answer = await fresh().get('/v3/payin/fiat-rates');
    const rates = fiatRatesSchema.parse(answer.json);
    expect(rates).toContainEqual({ baseCurrency: 'EUR', symbolCurrency: 'USD', rate: 1.085399 });
    expect(rates).toContainEqual({ baseCurrency: 'EUR', symbolCurrency: 'EUR', rate: 1 });
    expect(rates.find((rate) => rate.baseCurrency === 'USD' && rate.symbolCurrency === 'EUR')?.rate).toBeCloseTo(1 / 1.085399, 5);
  });

  it('names the brand of each card type', async () => {
    const api = fresh();
    const cases: [string, string][] = [
      ['5555555555554444', 'MASTERCARD'],
      ['2223003122003222', 'MASTERCARD'],
      ['378282246310005', 'AMEX'],
      ['6011111111111117', 'DISCOVER'],
      ['3530111333300000', 'JCB'],
      ['6212345678901234569', 'UNIONPAY'],
      ['2200000000000004', 'MIR'],
      ['6759649826438453', 'MAESTRO'],
    ];
    for (const [number, brand] of cases) expect((await addCard(api, number)).cardType).toBe(brand);
  });
});

describe('offers', () => {
  it('prices an offer like the documented example: fee lines, rate and expiry', async () => {
    const api = fresh();
    const card = await addCard(api, pan('frictionless', 'VISA'));
    const before = Date.now();
    const answer = await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount: 31, operation: 'PAYIN' });
    expect(answer.status).toBe(200);
    const offer = offerSchema.parse(answer.json);
    expect(answer.json.offerId).toEqual(expect.any(Number));
    expect(answer.json.validSeconds).toBe(20);
    expect(answer.json.fromCurrency).toBe('EUR');
    // The documented limit: the card sets none, so the default maximum.
    expect(answer.json.limit).toEqual({ value: 5000, currency: 'EUR' });
    expect(answer.json.rate).toMatchObject({ currency: 'EUR', commissionFix: 0, commissionPercentage: 0, minCrypto: 0, maxCrypto: 0 });
    expect(answer.json.rate.rate).toBeGreaterThan(1.08);
    expect(answer.json.rate.rate).toBeLessThan(1.09);
    expect(answer.json.feeInfo).toEqual([
      { name: 'Crypterium gas', value: 0.155, valueOld: 0.155, scale: 8, currency: 'EUR' },
      { name: 'Additional Fee', value: 0.155, valueOld: 0.155, scale: 8, currency: 'EUR' },
      { name: 'Transaction fee', value: 0.93, valueOld: 0.93, scale: 8, currency: 'EUR' },
    ]);
    expect(answer.json.fees).toMatchObject({ currency: 'EUR', transactionFee: 0.03, insuranceFee: null });
    expect(offer.expirationTime).toMatch(/\+00:00$/);
    const expiresIn = Date.parse(offer.expirationTime) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(20_000);
    expect(expiresIn).toBeLessThan(21_000);
  });

  it('charges amount plus fees and credits amount × rate, in exact decimals', async () => {
    const api = fresh();
    const card = await addCard(api, pan('frictionless', 'VISA'));
    // 0.1 + 0.2 style amounts would drift in binary floats.
    const offer = await createOffer(api, card.cardId, 10.01, 'EUR', 'BTC');
    expect(offer.feeInfo.map((fee) => fee.value)).toEqual([0.05005, 0.05005, 0.3003]);
    const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    // 10.01 + 0.4004 = 10.4104, charged in cents.
    expect(pay.json.transactionAmount).toBe('10.41');
    const done = await status(api, offer.offerId);
    expect(done.json.amount).toBe(10.01);
    const expected = Decimal.from(10.01).times(Decimal.from(offer.rate.rate)).round(8, 'down');
    expect(Decimal.from(done.json.cryptoAmount).eq(expected)).toBe(true);
  });

  it('reads a 21-digit amount exactly', async () => {
    const api = fresh();
    const card = await addCard(api, pan('frictionless', 'VISA'));
    // Read through a float this would be 100 and pass; read exactly it has 18 decimals, more than the pair keeps.
    const raw = `{"cardId":${card.cardId},"fromCurrency":"EUR","toCurrency":"ETH","amount":100.000000000000000001}`;
    const answer = await api.post('/v3/payin/offer', undefined, { raw });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'amount' });
    const exact = await api.post('/v3/payin/offer', undefined, { raw: raw.replace('100.000000000000000001', '100.00000001') });
    expect(exact.status).toBe(200);
    await api.post(`/v3/payin/pay/${exact.json.offerId}`, payBody());
    expect((await status(api, exact.json.offerId)).json.amount).toBe(100.00000001);
  });

  it('enforces the default limits, naming the amount and its limit', async () => {
    const api = fresh();
    const card = await addCard(api, pan('frictionless', 'VISA'));
    const low = await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'USD', toCurrency: 'BTC', amount: 9.99 });
    expect(low.status).toBe(400);
    expect(low.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'amount' });
    expect(low.json.message).toContain('10 USD');
    const high = await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'GBP', toCurrency: 'BTC', amount: 5000.01 });
    expect(high.status).toBe(400);
    expect(high.json.message).toContain('5000 GBP');
    expect((await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'GBP', toCurrency: 'BTC', amount: 5000 })).status).toBe(200);
    expect((await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'USD', toCurrency: 'BTC', amount: 10 })).status).toBe(200);
  });

  it('updates an offer: same id, the fiat amount decides, new expiry, limits checked', async () => {
    const api = fresh();
    const card = await addCard(api, pan('frictionless', 'VISA'));
    const offer = await createOffer(api, card.cardId, 31, 'EUR', 'USDC');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const update = { amount: 117.99, toAmount: 999999, fromCurrency: 'EUR', toCurrency: 'USDT', operation: 'PAYIN' };
    const answer = await api.put(`/v3/payin/offer/${offer.offerId}`, update);
    expect(answer.status).toBe(200);
    expect(offerSchema.parse(answer.json).offerId).toBe(String(offer.offerId));
    expect(Date.parse(answer.json.expirationTime)).toBeGreaterThan(Date.parse(offer.expirationTime));
    expect(answer.json.feeInfo[2]).toMatchObject({ name: 'Transaction fee', value: 3.5397 });
    const tooMuch = await api.put(`/v3/payin/offer/${offer.offerId}`, { ...update, amount: 6000 });
    expect(tooMuch.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'amount' });
    const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(pay.json.transactionAmount).toBe('122.71');
    const done = await status(api, offer.offerId);
    expect(done.json).toMatchObject({ amount: 117.99, currency: 'EUR', cryptoCurrency: 'USDT' });
    expect(done.json.cryptoAmount).toBeGreaterThan(120);
    // A paid offer cannot be changed.
    const late = await api.put(`/v3/payin/offer/${offer.offerId}`, update);
    expect(late.status).toBe(400);
    expect(late.json.error).toBe('OFFER_ALREADY_PAID');
  });

  it('refuses to pay an expired offer', async () => {
    const api = fresh();
    expect((await api.put('/sandbox/settings', { offerTtlSeconds: 1 })).json.offerTtlSeconds).toBe(1);
    const card = await addCard(api, pan('frictionless', 'VISA'));
    const offer = await createOffer(api, card.cardId);
    expect(offer.validSeconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(pay.status).toBe(400);
    expect(pay.json).toMatchObject({ error: 'OFFER_EXPIRED', field: 'offerId' });
    // No payment for the offer: a 400 naming offerId, the one error Vault documents for pay-callback.
    expect((await status(api, offer.offerId)).json).toMatchObject({ error: 'NOT_FOUND', field: 'offerId' });
    expect((await status(api, offer.offerId)).status).toBe(400);
    // Updating the offer renews it, and then it can be paid.
    const renewed = await api.put(`/v3/payin/offer/${offer.offerId}`, { amount: 31, toAmount: 33, fromCurrency: 'EUR', toCurrency: 'USDC' });
    expect(renewed.status).toBe(200);
    expect((await api.post(`/v3/payin/pay/${offer.offerId}`, payBody())).status).toBe(200);
  });

  it('never charges an offer twice', async () => {
    const api = fresh();
    const { offer, pay } = await cardOfferPay(api, pan('frictionless', 'VISA'));
    expect(pay.status).toBe(200);
    const again = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ error: 'OFFER_ALREADY_PAID', field: 'offerId' });
    // Two pay requests racing: exactly one is accepted.
    const card = await addCard(api, pan('3ds-challenge'));
    const racing = await createOffer(api, card.cardId);
    const both = await Promise.all([1, 2].map(() => api.post(`/v3/payin/pay/${racing.offerId}`, payBody())));
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });
});

describe('test cards end to end', () => {
  it('frictionless: no bank page, SUCCESS at once', async () => {
    const api = fresh();
    const { offer, pay } = await cardOfferPay(api, pan('frictionless', 'VISA'));
    expect(pay.status).toBe(200);
    const result = payResultSchema.parse(pay.json);
    expect(pay.json).toMatchObject({
      offerId: offer.offerId,
      authLink: null,
      successUrl: null,
      failUrl: null,
      cancelUrl: null,
      transactionStatus: 'Approved',
      paymentMode: 'debit',
      maskedPan: '424242****4242',
      transactionAmount: '32.24',
      cardCountryCode: 'US',
    });
    expect(result.transactionDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const done = await status(api, offer.offerId);
    expect(done.status).toBe(200);
    const parsed = payStatusSchema.parse(done.json);
    expect(parsed.status).toBe('SUCCESS');
    expect(done.json).toMatchObject({
      offerId: offer.offerId,
      amount: 31,
      currency: 'EUR',
      cryptoCurrency: 'USDC',
      maskedPan: '424242****4242',
      paymentMode: 'debit',
      blockedAmount: { value: 0, currency: 'EUR' },
      transactionAmount: '32.24',
      transactionStatus: 'Approved',
      transactionStatusCode: 0,
      originalTransactionStatus: 'Approved',
      originalTransactionStatusCode: 0,
    });
    expect(done.json.cryptoAmount).toBeGreaterThan(33);
    expect((await api.get('/v3/payin/data')).json.firstPurchase).toBe(false);
  });

  it.each([
    ['declined', 'Do not honour', 400],
    ['insufficient-funds', 'Insufficient funds', 51],
    ['provider-error', 'Wrong response from provider', 305],
  ])('%s: pay answers 200 describing it, status FAILURE', async (behaviour, text, code) => {
    const api = fresh();
    const { offer, pay } = await cardOfferPay(api, pan(behaviour));
    expect(pay.status).toBe(200);
    expect(pay.json).toMatchObject({ authLink: null, transactionStatus: text, transactionStatusCode: code, originalTransactionStatusCode: code });
    const done = await status(api, offer.offerId);
    expect(done.json).toMatchObject({ status: 'FAILURE', transactionStatus: text, transactionStatusCode: code });
  });

  it('pending-then-success: PENDING for pendingPolls checks, then SUCCESS', async () => {
    const api = fresh();
    const { offer, pay } = await cardOfferPay(api, pan('pending-then-success'));
    expect(pay.json.authLink).toBeNull();
    const seen = [];
    for (let check = 0; check < 4; check += 1) seen.push((await status(api, offer.offerId)).json.status);
    expect(seen).toEqual(['PENDING', 'PENDING', 'SUCCESS', 'SUCCESS']);

    const patient = fresh();
    await patient.put('/sandbox/settings', { pendingPolls: 4 });
    const second = await cardOfferPay(patient, pan('pending-then-success'));
    const pending = await status(patient, second.offer.offerId);
    expect(pending.json.blockedAmount).toEqual({ value: 32.24, currency: 'EUR' });
    const later = [];
    for (let check = 0; check < 4; check += 1) later.push((await status(patient, second.offer.offerId)).json.status);
    expect(later).toEqual(['PENDING', 'PENDING', 'PENDING', 'SUCCESS']);
  });

  it('billing-address-required: refused for offers until the address is added, then pays', async () => {
    const api = fresh();
    const card = await addCard(api, pan('billing-address-required'));
    expect(card).toMatchObject({ cardType: 'MASTERCARD', maskedPan: '5555***4444', billingAddressRequired: true });
    expect((await api.get('/v3/payin/data')).json.billingAddressRequired).toBe(true);
    const refused = await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'ETH', amount: 40 });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'BILLING_ADDRESS_REQUIRED', field: 'billingAddress' });
    const bad = await api.post(`/v3/payin/card/${card.cardId}/billing-address`, { ...billingAddress, countryCode: '' });
    expect(bad.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'countryCode' });
    const added = await api.post(`/v3/payin/card/${card.cardId}/billing-address`, billingAddress);
    expect(added.status).toBe(200);
    expect(added.text).toBe('');
    expect((await api.get('/v3/payin/data')).json.cards[0].billingAddressRequired).toBe(false);
    const offer = await createOffer(api, card.cardId, 40, 'EUR', 'ETH');
    const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(pay.json).toMatchObject({ authLink: null, maskedPan: '555555****4444' });
    expect((await status(api, offer.offerId)).json.status).toBe('SUCCESS');
  });

  it('19-digit UnionPay: the PAN arrives exactly and is masked from its real digits', async () => {
    const api = fresh();
    const { card, offer, pay } = await cardOfferPay(api, '6212345678901234569');
    expect(card).toMatchObject({ cardType: 'UNIONPAY', maskedPan: '6212***4569' });
    expect(pay.json).toMatchObject({ maskedPan: '621234****4569', authLink: null });
    expect((await status(api, offer.offerId)).json.status).toBe('SUCCESS');
  });
});

describe('cards Vault has not approved', () => {
  it('lists the never-approved test card as PENDING and refuses offers for it, naming cardId', async () => {
    const api = fresh();
    const card = await addCard(api, pan('not-approved'));
    const data = await api.get('/v3/payin/data');
    expect(data.json.cards).toEqual([expect.objectContaining({ cardId: card.cardId, validationStatus: 'PENDING' })]);
    const offer = await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount: 31, operation: 'PAYIN' });
    expect(offer.status).toBe(400);
    expect(offer.json).toMatchObject({ error: 'CARD_NOT_APPROVED', field: 'cardId' });
  });
});

describe('3-D Secure bank page', () => {
  const challenge = async (api: Client, urls: Record<string, string> = {}) => {
    const card = await addCard(api, pan('3ds-challenge'));
    const offer = await createOffer(api, card.cardId);
    const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody(urls));
    expect(pay.status).toBe(200);
    return { offer, pay: pay.json };
  };

  it('sends the customer to an unguessable bank page; PENDING until answered', async () => {
    const api = fresh();
    const { offer, pay } = await challenge(api);
    expect(pay.authLink).toMatch(new RegExp(`^${sandbox.url}/sandbox/bank/[A-Za-z0-9_-]{20,}$`));
    expect(pay).toMatchObject({
      successUrl: 'https://shop.example/return?order=42',
      failUrl: 'https://shop.example/return?order=42&payin=failure',
      cancelUrl: 'https://shop.example/return?order=42&payin=cancel',
      transactionStatus: 'Awaiting 3-D Secure confirmation',
    });
    expect((await status(api, offer.offerId)).json.status).toBe('PENDING');
    expect((await status(api, offer.offerId)).json.status).toBe('PENDING');

    const page = await call(pay.authLink, 'GET', '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Sandbox bank — confirm your payment</title>');
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('32.24 EUR');
    expect(page.text).toContain('VISA ending in 3220');
    const path = new URL(pay.authLink).pathname;
    for (const action of ['approve', 'decline', 'cancel']) {
      expect(page.text).toContain(`<input type="hidden" name="action" value="${action}">`);
    }
    expect(page.text.match(new RegExp(`<form method="post" action="${path}">`, 'g'))).toHaveLength(3);
    expect(page.text).not.toMatch(/<(script|link|img)\b|https?:\/\//);
  });

  it.each([
    ['approve', 'SUCCESS', 'Approved', 'https://shop.example/return?order=42'],
    ['decline', 'FAILURE', 'Declined by the card issuer (3-D Secure)', 'https://shop.example/return?order=42&payin=failure'],
    ['cancel', 'FAILURE', 'Cancelled by the customer', 'https://shop.example/return?order=42&payin=cancel'],
  ])('%s: 303 back to the shop, status %s', async (action, final, text, location) => {
    const api = fresh();
    const { offer, pay } = await challenge(api);
    const answer = await call(pay.authLink, 'POST', '', {
      raw: `action=${action}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(location);
    expect((await status(api, offer.offerId)).json).toMatchObject({ status: final, transactionStatus: text });
    // The decision stands.
    const again = await call(pay.authLink, 'POST', '', {
      raw: 'action=approve',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('CONFLICT');
    expect((await status(api, offer.offerId)).json.status).toBe(final);
    const page = await call(pay.authLink, 'GET', '');
    expect(page.text).toContain('already been answered');
    expect(page.text).not.toContain('<button');
  });

  it('returns to the given fail and cancel addresses', async () => {
    const api = fresh();
    const { pay } = await challenge(api, { failUrl: 'http://localhost:3000/failed', cancelUrl: 'http://localhost:3000/cancelled' });
    expect(pay).toMatchObject({ failUrl: 'http://localhost:3000/failed', cancelUrl: 'http://localhost:3000/cancelled' });
    const answer = await call(pay.authLink, 'POST', '', {
      raw: 'action=cancel',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.headers.get('location')).toBe('http://localhost:3000/cancelled');
  });

  it('takes a pay request without successUrl, as Vault documents it; the bank page then says it is answered', async () => {
    const api = fresh();
    const card = await addCard(api, pan('3ds-challenge'));
    const offer = await createOffer(api, card.cardId);
    const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, { cardCVV: '123', fingerprint: { browserLanguage: 'en-us', browserJavascriptEnabled: true } });
    expect(pay.status).toBe(200);
    expect(pay.json).toMatchObject({ successUrl: null, failUrl: null, cancelUrl: null });
    const answer = await call(pay.json.authLink, 'POST', '', { raw: 'action=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toContain('Approved. You can close this page.');
    expect((await status(api, offer.offerId)).json.status).toBe('SUCCESS');
  });

  it('refuses an unknown page and an unknown action', async () => {
    const unknown = await call(sandbox.url, 'GET', '/sandbox/bank/not-a-real-reference');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('NOT_FOUND');
    const { pay } = await challenge(fresh());
    const answer = await call(pay.authLink, 'POST', '', {
      raw: 'action=steal',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.field).toBe('action');
  });
});
