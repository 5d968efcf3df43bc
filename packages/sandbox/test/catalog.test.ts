/**
 * Vault's catalog of operations (`GET /v2/catalog/operations`) and KYC limits (`GET /v1/kyc/limits`),
 * and the per-customer catalog control (`PUT /sandbox/catalog`) the PayIn calls obey.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_MESSAGE } from '../src/errors.js';
import type { RunningSandbox } from '../src/index.js';
import { addCard, call, client, createOffer, newToken, payBody, start, status, type Client } from './helpers.js';

const DOCUMENTED_ERROR = { error: 'COMMON', errorId: 0, message: COMMON_MESSAGE, systemId: 'core' };

const PAYIN_CARD = {
  name: 'PAYIN_CARD',
  constraint: 'NONE',
  kycLevelPermissibleList: ['KYC_0', 'KYC_1', 'KYC_2', 'KYC_3'],
  currencyLimit: ['EUR', 'USD', 'GBP', 'BTC', 'ETH', 'USDC', 'USDT'],
  urlPatterns: [
    '/v3/payin/fiat-rates',
    '/v3/payin/data',
    '/v3/payin/card',
    '/v3/payin/card/*/billing-address',
    '/v3/payin/offer',
    '/v3/payin/offer/*',
    '/v3/payin/pay/*',
    '/v3/payin/pay-callback',
  ],
  previewUrlPatterns: ['/v3/payin/fiat-rates', '/v3/payin/data'],
  supportedVersion: '1.0',
};

let sandbox: RunningSandbox;
let documented: RunningSandbox;
beforeAll(async () => {
  [sandbox, documented] = await Promise.all([start(), start({ profile: 'documented' })]);
});
afterAll(() => Promise.all([sandbox.close(), documented.close()]));

const fresh = (level: 'kyc1' | 'kyc0' | 'none' = 'kyc1', on = sandbox): Client => client(on.url, newToken(level));

/** One call of every PayIn endpoint, with the customer's card and an offer made before the catalog changed. */
async function everyPayinCall(api: Client, cardId: number, offerId: number) {
  return [
    await api.get('/v3/payin/data'),
    await api.get('/v3/payin/fiat-rates'),
    await api.post('/v3/payin/card', { cardNumber: '4242424242424242', cardHolder: 'A B', cardExpirationYear: 2099, cardExpirationMonth: 1, billingAddress: { address: 'a', city: 'b', countryCode: 'DE', zip: '1' } }),
    await api.post(`/v3/payin/card/${cardId}/billing-address`, { address: 'a', city: 'b', countryCode: 'DE', zip: '1' }),
    await api.post('/v3/payin/offer', { cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 }),
    await api.put(`/v3/payin/offer/${offerId}`, { amount: 50, toAmount: 1, fromCurrency: 'EUR', toCurrency: 'BTC' }),
    await api.post(`/v3/payin/pay/${offerId}`, payBody()),
    await status(api, offerId),
  ];
}

describe('GET /v2/catalog/operations', () => {
  it('lists PAYIN_CARD open to every level with a profile, in every currency traded, and the page\'s PAYOUT_CRYPTO', async () => {
    const api = fresh();
    const answer = await api.get('/v2/catalog/operations');
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveLength(2);
    expect(answer.json[0]).toEqual(PAYIN_CARD);
    expect(answer.json[1]).toMatchObject({ name: 'PAYOUT_CRYPTO', constraint: 'NONE', kycLevelPermissibleList: ['KYC_0'], supportedVersion: '1.0' });
    expect(answer.json[1].currencyLimit).toHaveLength(26);
    expect((await api.get('/sandbox/counters')).json.catalog).toBe(1);
  });

  it('answers a customer without a profile too, and needs a token', async () => {
    expect((await fresh('none').get('/v2/catalog/operations')).status).toBe(200);
    expect((await call(sandbox.url, 'GET', '/v2/catalog/operations')).status).toBe(401);
  });

  it('takes faults like every Vault call', async () => {
    const api = fresh();
    await api.post('/sandbox/faults', { route: 'catalog', kind: 'status', status: 502 });
    expect((await api.get('/v2/catalog/operations')).status).toBe(502);
    expect((await api.get('/v2/catalog/operations')).status).toBe(200);
  });
});

describe('PUT /sandbox/catalog', () => {
  it('sets PAYIN_CARD for this customer only, answers it, and keeps what it does not name', async () => {
    const api = fresh();
    const set = await api.put('/sandbox/catalog', { constraint: 'MAINTENANCE', currencyLimit: ['EUR', 'BTC'] });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ ...PAYIN_CARD, constraint: 'MAINTENANCE', currencyLimit: ['EUR', 'BTC'] });
    const levels = await api.put('/sandbox/catalog', { kycLevelPermissibleList: ['KYC_1'] });
    expect(levels.json).toMatchObject({ constraint: 'MAINTENANCE', currencyLimit: ['EUR', 'BTC'], kycLevelPermissibleList: ['KYC_1'] });
    expect((await api.get('/v2/catalog/operations')).json[0]).toEqual(levels.json);
    expect((await fresh().get('/v2/catalog/operations')).json[0]).toEqual(PAYIN_CARD);
  });

  it.each([
    ['constraint', { constraint: 'CLOSED' }],
    ['kycLevelPermissibleList.0', { kycLevelPermissibleList: ['KYC1'] }],
    ['currencyLimit.1', { currencyLimit: ['EUR', 'eur'] }],
  ])('refuses a bad %s, naming it', async (field, body) => {
    const answer = await fresh().put('/sandbox/catalog', body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'VALIDATION_ERROR', field });
  });

  it('needs the customer\'s token', async () => {
    expect((await call(sandbox.url, 'PUT', '/sandbox/catalog', { body: { constraint: 'DISABLED' } })).status).toBe(401);
  });
});

describe('the catalog holds on the PayIn calls', () => {
  it('DISABLED refuses every PayIn call (400 OPERATION_DISABLED), and nothing else; NONE opens them again', async () => {
    const api = fresh();
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId);
    await api.put('/sandbox/catalog', { constraint: 'DISABLED' });
    for (const answer of await everyPayinCall(api, card.cardId, offer.offerId)) {
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'OPERATION_DISABLED', systemId: 'sandbox' });
    }
    expect((await api.get('/v2/customer/kyc/data')).status).toBe(200);
    expect((await api.get('/v1/kyc/limits')).status).toBe(200);
    expect((await api.get('/v2/catalog/operations')).json[0].constraint).toBe('DISABLED');
    // Nothing was paid while it was disabled.
    await api.put('/sandbox/catalog', { constraint: 'NONE' });
    expect((await api.post(`/v3/payin/pay/${offer.offerId}`, payBody())).status).toBe(200);
  });

  it('MAINTENANCE refuses every PayIn call with 400 MAINTENANCE and Retry-After', async () => {
    const api = fresh();
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId);
    await api.put('/sandbox/catalog', { constraint: 'MAINTENANCE' });
    for (const answer of await everyPayinCall(api, card.cardId, offer.offerId)) {
      expect(answer.status).toBe(400);
      expect(answer.headers.get('retry-after')).toBe('60');
      expect(answer.json).toMatchObject({ error: 'MAINTENANCE', systemId: 'sandbox' });
    }
  });

  it('refuses a customer whose level it does not permit, like a KYC refusal naming the level that would do', async () => {
    const kyc0 = fresh('kyc0');
    await kyc0.put('/sandbox/catalog', { kycLevelPermissibleList: ['KYC_1', 'KYC_2'] });
    const data = await kyc0.get('/v3/payin/data');
    expect(data.status).toBe(403);
    expect(data.json).toMatchObject({ error: 'KYC_LEVEL_REQUIRED', data: { requiredLevel: 'KYC_1', currentLevel: 'KYC_0' } });
    await kyc0.put('/sandbox/kyc', { kycLevel: 'KYC_1' });
    expect((await kyc0.get('/v3/payin/data')).status).toBe(200);

    // A level above every permitted one: refused, with no level to reach.
    const kyc1 = fresh();
    await kyc1.put('/sandbox/catalog', { kycLevelPermissibleList: ['KYC_0'] });
    const refused = await kyc1.get('/v3/payin/fiat-rates');
    expect(refused.status).toBe(403);
    expect(refused.json.data).toEqual({ currentLevel: 'KYC_1' });
  });

  it('sells only the currencies of its limit: data lists no other pair, offers in others are refused naming the field', async () => {
    const api = fresh();
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId, 31, 'EUR', 'USDC');
    await api.put('/sandbox/catalog', { currencyLimit: ['EUR', 'GBP', 'BTC'] });
    const pairs = (await api.get('/v3/payin/data')).json.pairs.map((pair: { currencyFrom: string; currencyTo: string }) => `${pair.currencyFrom}-${pair.currencyTo}`);
    expect(pairs).toEqual(['EUR-BTC', 'GBP-BTC']);
    const offerIn = (fromCurrency: string, toCurrency: string) => api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency, toCurrency, amount: 50 });
    expect((await offerIn('EUR', 'USDC')).json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'toCurrency' });
    expect((await offerIn('USD', 'BTC')).json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'fromCurrency' });
    expect((await offerIn('GBP', 'BTC')).status).toBe(200);
    const updated = await api.put(`/v3/payin/offer/${offer.offerId}`, { amount: 31, toAmount: 33, fromCurrency: 'EUR', toCurrency: 'USDC' });
    expect(updated.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'toCurrency' });
    expect((await api.put(`/v3/payin/offer/${offer.offerId}`, { amount: 31, toAmount: 0.0005, fromCurrency: 'EUR', toCurrency: 'BTC' })).status).toBe(200);
  });

  it('answers every such refusal 400 COMMON in the documented profile', async () => {
    const api = fresh('kyc1', documented);
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId);
    for (const constraint of ['DISABLED', 'MAINTENANCE']) {
      await api.put('/sandbox/catalog', { constraint });
      for (const answer of await everyPayinCall(api, card.cardId, offer.offerId)) {
        expect(answer.status).toBe(400);
        expect(answer.headers.get('retry-after')).toBeNull();
        expect(answer.json).toEqual(DOCUMENTED_ERROR);
      }
    }
    await api.put('/sandbox/catalog', { constraint: 'NONE', kycLevelPermissibleList: ['KYC_2'] });
    expect((await api.get('/v3/payin/data')).json).toEqual(DOCUMENTED_ERROR);
    await api.put('/sandbox/catalog', { kycLevelPermissibleList: ['KYC_1'], currencyLimit: ['EUR', 'BTC'] });
    const outside = await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'ETH', amount: 50 });
    expect(outside.status).toBe(400);
    expect(outside.json).toEqual(DOCUMENTED_ERROR);
  });
});

describe('GET /v1/kyc/limits', () => {
  it('answers the limit of every KYC level, as Vault\'s example gives them', async () => {
    for (const on of [sandbox, documented]) {
      const api = fresh('none', on);
      const answer = await api.get('/v1/kyc/limits');
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        kyc0Limit: { value: 0, currency: 'EUR' },
        kyc1Limit: { value: 9700, currency: 'EUR' },
        kyc2Limit: { value: 15000, currency: 'EUR' },
        kyc3Limit: { value: 32000, currency: 'EUR' },
        kycNoneLimit: { value: 0, currency: 'EUR' },
      });
      expect((await api.get('/sandbox/counters')).json['kyc-limits']).toBe(1);
    }
    expect((await call(sandbox.url, 'GET', '/v1/kyc/limits')).status).toBe(401);
  });
});
