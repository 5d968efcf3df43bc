/**
 * A production client of Vault's API, replayed over HTTP: the PlutoPe iOS app
 * (`BankCardPayInRepo.swift`) sends every number as a JSON string (`cardNumber`, the expiry,
 * `amount`, `cardId`), a billing address with `state: ""`, and pays with `{ "cardCVV": "123" }`
 * alone. Both profiles take it exactly as they take numbers, and still refuse what is not a number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_MESSAGE } from '../src/errors.js';
import type { RunningSandbox } from '../src/index.js';
import { client, newToken, start, type Answer, type Client } from './helpers.js';

const profiles = ['default', 'documented'] as const;
type Profile = (typeof profiles)[number];

const DOCUMENTED_ERROR = { error: 'COMMON', errorId: 0, message: COMMON_MESSAGE, systemId: 'core' };

const year = String(new Date().getFullYear() + 3);

/** The add-card body as the app builds it: every value a string. */
const appCard = (cardNumber: string, overrides: Record<string, unknown> = {}) => ({
  cardHolder: 'Ada Lovelace',
  cardNumber,
  cardExpirationYear: year,
  cardExpirationMonth: '12',
  billingAddress: { address: '17 Mellowood Ave', city: 'Brampton', countryCode: 'CA', zip: 'L6P2454', state: '' },
  ...overrides,
});

/** The offer body as the app builds it. */
const appOffer = (cardId: string, overrides: Record<string, unknown> = {}) => ({
  amount: '31',
  cardId,
  operation: 'PAYIN',
  toCurrency: 'USDT',
  fromCurrency: 'EUR',
  ...overrides,
});

/** A refusal as the profile words it: the sandbox's code naming the field, or Vault's one documented error. */
function expectRefused(profile: Profile, answer: Answer, field: string): void {
  expect(answer.status).toBe(400);
  if (profile === 'documented') expect(answer.json).toEqual(DOCUMENTED_ERROR);
  else expect(answer.json).toMatchObject({ error: 'VALIDATION_ERROR', field, systemId: 'sandbox' });
}

/** Adds a card as the app does and answers its id as the app reads it back. */
async function appAddsCard(api: Client, pan: string): Promise<string> {
  const added = await api.post('/v3/payin/card', appCard(pan));
  expect(added.status, added.text).toBe(200);
  const card = (await api.get('/v3/payin/data')).json.cards.find((saved: { maskedPan: string }) => saved.maskedPan.endsWith(pan.slice(-4)));
  return String(card.cardId);
}

describe.each(profiles)('the PlutoPe iOS app against the %s profile', (profile) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await start({ profile });
  });
  afterAll(() => sandbox.close());

  it('answers its five calls with 200: add card, data, offer, pay with the CVV alone, pay-callback', async () => {
    const api = client(sandbox.url, newToken());

    const added = await api.post('/v3/payin/card', appCard('4242424242424242'));
    expect(added.status, added.text).toBe(200);
    expect(added.text).toBe('');

    const data = await api.get('/v3/payin/data');
    expect(data.status).toBe(200);
    expect(data.json.cards).toEqual([
      expect.objectContaining({ cardType: 'VISA', maskedPan: '4242***4242', validationStatus: 'APPROVED', billingAddressRequired: false }),
    ]);
    expect(data.json.pairs).toContainEqual(expect.objectContaining({ currencyFrom: 'EUR', currencyTo: 'USDT' }));
    const cardId = String(data.json.cards[0].cardId);

    const offer = await api.post('/v3/payin/offer', appOffer(cardId));
    expect(offer.status, offer.text).toBe(200);
    expect(offer.json).toMatchObject({ offerId: expect.any(Number), fromCurrency: 'EUR', validSeconds: 20 });
    expect(offer.json.feeInfo.map((fee: { value: number }) => fee.value)).toEqual([0.155, 0.155, 0.93]);

    const paid = await api.post(`/v3/payin/pay/${offer.json.offerId}`, { cardCVV: '123' });
    expect(paid.status, paid.text).toBe(200);
    expect(paid.json).toMatchObject({
      offerId: offer.json.offerId,
      authLink: null,
      successUrl: null,
      transactionStatus: 'Approved',
      transactionAmount: '32.24',
      maskedPan: '424242****4242',
    });

    const status = await api.get(`/v3/payin/pay-callback?offerId=${offer.json.offerId}`);
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ offerId: offer.json.offerId, status: 'SUCCESS', amount: 31, currency: 'EUR', cryptoCurrency: 'USDT' });
  });

  it('keeps every digit of a 19-digit PAN and of a fractional amount sent as strings', async () => {
    const api = client(sandbox.url, newToken());
    const cardId = await appAddsCard(api, '6212345678901234569');
    const data = await api.get('/v3/payin/data');
    expect(data.json.cards).toEqual([expect.objectContaining({ cardType: 'UNIONPAY', maskedPan: '6212***4569' })]);

    const offer = await api.post('/v3/payin/offer', appOffer(cardId, { amount: '50.5' }));
    expect(offer.status, offer.text).toBe(200);
    const updated = await api.put(`/v3/payin/offer/${offer.json.offerId}`, { amount: '117.99', toAmount: '128.02', fromCurrency: 'EUR', toCurrency: 'USDT' });
    expect(updated.status, updated.text).toBe(200);
    // 117.99 plus 4 % in fees, in cents: the amount arrived exactly.
    const paid = await api.post(`/v3/payin/pay/${offer.json.offerId}`, { cardCVV: '123' });
    expect(paid.json.transactionAmount).toBe('122.71');
  });

  it('takes numeric strings in the browser fingerprint, the time zone with its sign', async () => {
    const api = client(sandbox.url, newToken());
    const cardId = await appAddsCard(api, '4242424242424242');
    const offer = await api.post('/v3/payin/offer', appOffer(cardId));
    const fingerprint = { timezone: '-60', browserColorDepth: '24', browserScreenHeight: '900', browserScreenWidth: '1440' };
    const paid = await api.post(`/v3/payin/pay/${offer.json.offerId}`, { cardCVV: '123', fingerprint });
    expect(paid.status, paid.text).toBe(200);
  });

  it.each([
    ['letters', 'abc'],
    ['spaces', '4242 4242 4242 4242'],
    ['dashes', '4242-4242-4242-4242'],
    ['an exponent', '4.242424242424242e15'],
    ['a sign', '+4242424242424242'],
    ['a minus', '-4242424242424242'],
    ['a fraction', '4242424242424242.0'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['nothing', ''],
  ])('refuses a card number string with %s, and saves no card', async (_name, cardNumber) => {
    const api = client(sandbox.url, newToken());
    const answer = await api.post('/v3/payin/card', appCard(cardNumber));
    expectRefused(profile, answer, 'cardNumber');
    expect(answer.text).not.toContain('4242424242424242');
    expect((await api.get('/v3/payin/data')).json.cards).toEqual([]);
  });

  it.each([
    ['cardExpirationYear', { cardExpirationYear: 'MMXXX' }],
    ['cardExpirationYear', { cardExpirationYear: '2.03e3' }],
    ['cardExpirationYear', { cardExpirationYear: `${year}.0` }],
    ['cardExpirationYear', { cardExpirationYear: ` ${year}` }],
    ['cardExpirationYear', { cardExpirationYear: '' }],
    ['cardExpirationMonth', { cardExpirationMonth: 'NaN' }],
    ['cardExpirationMonth', { cardExpirationMonth: '-1' }],
    ['cardExpirationMonth', { cardExpirationMonth: '13' }],
  ])('refuses an expiry string that is not a number or not a month (%s)', async (field, overrides) => {
    const api = client(sandbox.url, newToken());
    expectRefused(profile, await api.post('/v3/payin/card', appCard('4242424242424242', overrides)), field);
  });

  it.each([
    ['amount', { amount: '3.1e1' }],
    ['amount', { amount: 'NaN' }],
    ['amount', { amount: 'Infinity' }],
    ['amount', { amount: '' }],
    ['amount', { amount: '-31' }],
    ['amount', { amount: '+31' }],
    ['amount', { amount: '31.' }],
    ['amount', { amount: '.5' }],
    ['amount', { amount: '31,50' }],
    ['amount', { amount: '31 ' }],
    ['amount', { amount: '0x1F' }],
    ['cardId', { cardId: '' }],
    ['cardId', { cardId: 'card' }],
    ['cardId', { cardId: '1e2' }],
  ])('refuses an offer whose %s string is not a number', async (field, overrides) => {
    const api = client(sandbox.url, newToken());
    const cardId = await appAddsCard(api, '4242424242424242');
    expectRefused(profile, await api.post('/v3/payin/offer', appOffer(cardId, overrides)), field);
  });

  it('refuses a fingerprint figure with an exponent, naming it', async () => {
    const api = client(sandbox.url, newToken());
    const cardId = await appAddsCard(api, '4242424242424242');
    const offer = await api.post('/v3/payin/offer', appOffer(cardId));
    const answer = await api.post(`/v3/payin/pay/${offer.json.offerId}`, { cardCVV: '123', fingerprint: { browserScreenHeight: '9e2' } });
    expectRefused(profile, answer, 'fingerprint.browserScreenHeight');
  });
});
