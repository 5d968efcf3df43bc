import { kycDataSchema, tokenResponseSchema, vaultErrorSchema } from '@payin-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { addCard, call, client, newToken, start } from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

/** A profile as Vault documents it: date of birth a date-time, country alpha-3. */
const profile = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1990-12-10T00:00:00.000Z',
  residenceCountry: 'GBR',
  residenceCity: 'London',
  residenceStreet: '12 St James Square',
  residenceZipCode: 'SW1Y 4JH',
  primaryCurrency: 'GBP',
};

const tokenRequest = (form: Record<string, string>, headers: Record<string, string> = { 'x-merchant-id': 'merchant-1' }) =>
  call(sandbox.url, 'POST', '/oauth/token', {
    raw: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('bearer tokens', () => {
  it.each([
    ['no token', undefined],
    ['an unknown token', 'Bearer abc123'],
    ['a test token with a bad suffix', 'Bearer test_kyc1_bad suffix!'],
    ['another scheme', `Basic ${newToken()}`],
  ])('answers 401 in Vault format for %s', async (_name, authorization) => {
    const answer = await call(sandbox.url, 'GET', '/v3/payin/data', authorization ? { headers: { authorization } } : {});
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(vaultErrorSchema.parse(answer.json)).toMatchObject({ error: 'UNAUTHORIZED', systemId: 'sandbox' });
  });

  it('keeps each token its own customer', async () => {
    const alice = client(sandbox.url, newToken());
    const bob = client(sandbox.url, newToken());
    const card = await addCard(alice, '4242424242424242');
    expect((await alice.get('/v3/payin/data')).json.cards).toHaveLength(1);
    expect((await bob.get('/v3/payin/data')).json.cards).toEqual([]);
    // Bob cannot use Alice's card or see her offers.
    const offer = await bob.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 });
    expect(offer.status).toBe(400);
    expect(offer.json.field).toBe('cardId');
    const aliceOffer = await alice.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 });
    expect(aliceOffer.status).toBe(200);
    const peek = await bob.get(`/v3/payin/pay-callback?offerId=${aliceOffer.json.offerId}`);
    expect(peek.status).toBe(400);
    expect(peek.json.field).toBe('offerId');
  });
});

describe('POST /oauth/token', () => {
  it('issues a KYC_1 token for a phone number, and refreshes it', async () => {
    const issued = await tokenRequest({ grant_type: 'mobile_phone', number: '+44 7700 900123', password: 'secret' });
    expect(issued.status).toBe(200);
    const token = tokenResponseSchema.parse(issued.json);
    expect(token).toMatchObject({ access_token: 'test_kyc1_447700900123', token_type: 'bearer', expires_in: 3600, scope: 'read write' });
    expect(token.refresh_token).toMatch(/^\S{20,}$/);

    const kyc = await client(sandbox.url, token.access_token).get('/v2/customer/kyc/data');
    expect(kycDataSchema.parse(kyc.json).kycLevel).toBe('KYC_1');

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: token.refresh_token ?? '' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.access_token).toBe(token.access_token);
    expect(refreshed.json.refresh_token).not.toBe(token.refresh_token);
  });

  it('refuses an unknown refresh token with 401', async () => {
    const answer = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'rt_made_up' });
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('UNAUTHORIZED');
  });

  it.each([
    ['X-Merchant-ID', { grant_type: 'mobile_phone', number: '123', password: 'p' }, {}],
    ['number', { grant_type: 'mobile_phone', password: 'p' }, undefined],
    ['password', { grant_type: 'mobile_phone', number: '123' }, undefined],
    ['grant_type', { number: '123', password: 'p' }, undefined],
  ])('answers 400 naming %s when it is missing', async (field, form, headers) => {
    const answer = await tokenRequest(form, headers);
    expect(answer.status).toBe(400);
    expect(vaultErrorSchema.parse(answer.json).field).toBe(field);
  });

  it('refuses an unsupported grant type', async () => {
    const answer = await tokenRequest({ grant_type: 'password', number: '1', password: 'p' });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'UNSUPPORTED_GRANT_TYPE', field: 'grant_type' });
  });
});

describe('KYC levels', () => {
  it('answers 403 KYC_LEVEL_REQUIRED with both levels when too low', async () => {
    const none = client(sandbox.url, newToken('none'));
    const data = await none.get('/v3/payin/data');
    expect(data.status).toBe(403);
    expect(vaultErrorSchema.parse(data.json)).toMatchObject({
      error: 'KYC_LEVEL_REQUIRED',
      systemId: 'sandbox',
      data: { requiredLevel: 'KYC_0', currentLevel: 'NONE' },
    });
    expect(typeof data.json.errorId).toBe('number');
    expect(data.json.message).toContain('KYC_0');

    const kyc0 = client(sandbox.url, newToken('kyc0'));
    const pay = await kyc0.post('/v3/payin/pay/1', {});
    expect(pay.status).toBe(403);
    expect(pay.json.data).toEqual({ requiredLevel: 'KYC_1', currentLevel: 'KYC_0' });
    expect(pay.json.message).toContain('KYC_1');
    const callback = await kyc0.get('/v3/payin/pay-callback?offerId=1');
    expect(callback.status).toBe(403);
    // KYC_0 is enough for cards, data and offers.
    expect((await kyc0.get('/v3/payin/data')).status).toBe(200);
    expect((await kyc0.get('/v3/payin/fiat-rates')).status).toBe(200);
  });

  it('lifts NONE to KYC_0 when the profile is completed', async () => {
    const api = client(sandbox.url, newToken('none'));
    expect((await api.get('/v2/customer/kyc/data')).json.kycLevel).toBe('NONE');
    const updated = await api.patch('/v2/customer/profile', profile);
    expect(updated.status).toBe(200);
    expect(updated.text).toBe('');
    expect((await api.get('/v2/customer/kyc/data')).json.kycLevel).toBe('KYC_0');
    // Read back as Vault's profile example shows it: alpha-2 country, date of birth without a zone.
    expect((await api.get('/v2/customer/profile')).json).toEqual({
      ...profile,
      dateOfBirth: '1990-12-10T00:00:00',
      residenceCountry: 'GB',
      confirmedEmail: false,
      pushEnabled: true,
      enabled2FA: false,
    });
    expect((await api.get('/v3/payin/data')).status).toBe(200);
    // Fees are quoted in the primary currency once it is known.
    expect((await api.get('/v3/payin/data')).json.fees.currency).toBe('GBP');
  });

  it('never lowers a higher level on a profile update', async () => {
    const api = client(sandbox.url, newToken('kyc1'));
    expect((await api.patch('/v2/customer/profile', profile)).status).toBe(200);
    expect((await api.get('/v2/customer/kyc/data')).json.kycLevel).toBe('KYC_1');
  });

  it.each([
    ['firstName', { firstName: '  ' }],
    ['dateOfBirth', { dateOfBirth: '10/12/1990' }],
    // A day without a time, as the checkout sent it before: Vault documents a date-time.
    ['dateOfBirth', { dateOfBirth: '1990-12-10' }],
    ['dateOfBirth', { dateOfBirth: '2990-12-10T00:00:00Z' }],
    ['residenceCountry', { residenceCountry: 'Britain' }],
    // Alpha-2, as the checkout sent it before: Vault's example sends alpha-3.
    ['residenceCountry', { residenceCountry: 'GB' }],
    ['residenceCountry', { residenceCountry: 'XYZ' }],
    ['primaryCurrency', { primaryCurrency: undefined }],
  ])('refuses a profile with a bad %s (400 naming it) and keeps the level', async (field, change) => {
    const api = client(sandbox.url, newToken('none'));
    const answer = await api.patch('/v2/customer/profile', { ...profile, ...change });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'VALIDATION_ERROR', field });
    expect((await api.get('/v2/customer/kyc/data')).json.kycLevel).toBe('NONE');
  });
});
