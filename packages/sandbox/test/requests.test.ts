import { vaultErrorSchema } from '@payin-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { addCard, billingAddress, call, cardBody, client, createOffer, newToken, payBody, start, type Answer, type Client } from './helpers.js';

let sandbox: RunningSandbox;
let api: Client;
beforeAll(async () => {
  sandbox = await start();
  api = client(sandbox.url, newToken());
});
afterAll(() => sandbox.close());

/** Every refusal is a Vault error in JSON, never HTML. */
function expectVaultError(answer: Answer, status: number, error: string, field?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const body = vaultErrorSchema.parse(answer.json);
  expect(body.error).toBe(error);
  expect(body.systemId).toBe('sandbox');
  expect(body.message.length).toBeGreaterThan(5);
  if (field !== undefined) expect(body.field).toBe(field);
  expect(answer.text).not.toMatch(/<html|at .*\.ts:\d+/i);
}

describe('request bodies', () => {
  it.each([
    ['not JSON', '{"cardNumber": 4242'],
    ['empty', ''],
    ['a JSON array', '[1, 2]'],
    ['a JSON string', '"card"'],
  ])('answers 400 BAD_REQUEST for a body that is %s', async (_name, raw) => {
    expectVaultError(await api.post('/v3/payin/card', undefined, { raw }), 400, 'BAD_REQUEST');
  });

  it('does not echo the body of unreadable JSON', async () => {
    const answer = await api.post('/v3/payin/card', undefined, { raw: '{"cardNumber": 4242424242424242,,}' });
    expectVaultError(answer, 400, 'BAD_REQUEST');
    expect(answer.text).not.toContain('4242');
  });

  it.each([
    ['cardNumber', cardBody('4242424242424241')],
    ['cardNumber', cardBody('4242').replace('4242', '"4242424242424242"')],
    ['cardNumber', cardBody('42424242.5')],
    ['cardNumber', cardBody('1234')],
    ['cardHolder', cardBody('4242424242424242', { cardHolder: ' ' })],
    ['cardExpirationYear', cardBody('4242424242424242', { cardExpirationYear: '2030' })],
    ['cardExpirationMonth', cardBody('4242424242424242', { cardExpirationMonth: 13 })],
    ['cardExpirationMonth', cardBody('4242424242424242', { cardExpirationYear: 2020, cardExpirationMonth: 1 })],
    ['billingAddress', cardBody('4242424242424242', { billingAddress: undefined })],
    ['billingAddress.countryCode', cardBody('4242424242424242', { billingAddress: { ...billingAddress, countryCode: 'CAN' } })],
    ['billingAddress.zip', cardBody('4242424242424242', { billingAddress: { ...billingAddress, zip: 17 } })],
  ])('refuses a card with a bad %s (400 VALIDATION_ERROR naming it)', async (field, raw) => {
    expectVaultError(await api.post('/v3/payin/card', undefined, { raw }), 400, 'VALIDATION_ERROR', field);
  });

  it('refuses a card number sent as a JSON string even when its digits are valid', async () => {
    const raw = `{"cardNumber":"4242424242424242",${cardBody('1').split(',').slice(1).join(',')}`;
    const answer = await api.post('/v3/payin/card', undefined, { raw });
    expectVaultError(answer, 400, 'VALIDATION_ERROR', 'cardNumber');
    expect(answer.text).not.toContain('4242424242424242');
    expect((await api.get('/v3/payin/data')).json.cards.some((card: { maskedPan: string }) => card.maskedPan === '4242***4242')).toBe(false);
  });

  it('refuses offers with missing or wrong fields', async () => {
    const card = await addCard(api, '4242424242424242');
    const good = { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 };
    const cases: [string, Record<string, unknown>][] = [
      ['cardId', { ...good, cardId: undefined }],
      ['amount', { ...good, amount: undefined }],
      ['amount', { ...good, amount: -5 }],
      ['amount', { ...good, amount: 'lots' }],
      ['fromCurrency', { ...good, fromCurrency: 'euro' }],
      ['fromCurrency', { ...good, fromCurrency: 'CHF' }],
      ['toCurrency', { ...good, toCurrency: 'DOGE' }],
      ['operation', { ...good, operation: 'PAYOUT' }],
      ['cardId', { ...good, cardId: 99999999 }],
    ];
    for (const [field, body] of cases) {
      expectVaultError(await api.post('/v3/payin/offer', body), 400, 'VALIDATION_ERROR', field);
    }
    const update = await api.put('/v3/payin/offer/abc', { amount: 50, toAmount: 0.001, fromCurrency: 'EUR', toCurrency: 'BTC' });
    expectVaultError(update, 400, 'VALIDATION_ERROR', 'offerId');
    const unknown = await api.put('/v3/payin/offer/123456789', { amount: 50, toAmount: 0.001, fromCurrency: 'EUR', toCurrency: 'BTC' });
    expectVaultError(unknown, 404, 'NOT_FOUND', 'offerId');
  });

  it('refuses a pay request without a proper CVV or return address', async () => {
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId);
    const path = `/v3/payin/pay/${offer.offerId}`;
    expectVaultError(await api.post(path, payBody({ cardCVV: '12' })), 400, 'VALIDATION_ERROR', 'cardCVV');
    expectVaultError(await api.post(path, payBody({ cardCVV: '***' })), 400, 'VALIDATION_ERROR', 'cardCVV');
    expectVaultError(await api.post(path, payBody({ successUrl: undefined })), 400, 'VALIDATION_ERROR', 'successUrl');
    expectVaultError(await api.post(path, payBody({ successUrl: 'javascript:alert(1)' })), 400, 'VALIDATION_ERROR', 'successUrl');
    expectVaultError(await api.post(path, payBody({ fingerprint: undefined })), 400, 'VALIDATION_ERROR', 'fingerprint');
    expectVaultError(await api.post('/v3/payin/pay/987654321', payBody()), 404, 'NOT_FOUND', 'offerId');
    // None of those refusals started a payment.
    expect((await api.post(path, payBody())).status).toBe(200);
  });

  it('refuses a status check without a numeric offerId', async () => {
    expectVaultError(await api.get('/v3/payin/pay-callback'), 400, 'VALIDATION_ERROR', 'offerId');
    expectVaultError(await api.get('/v3/payin/pay-callback?offerId=12ab'), 400, 'VALIDATION_ERROR', 'offerId');
    expectVaultError(await api.get('/v3/payin/pay-callback?offerId=424242'), 404, 'NOT_FOUND', 'offerId');
  });

  it('refuses a billing address for an unknown card with 404 naming cardId', async () => {
    const answer = await api.post('/v3/payin/card/31337/billing-address', billingAddress);
    expectVaultError(answer, 404, 'NOT_FOUND', 'cardId');
  });

  it('refuses a body over 64 KiB', async () => {
    const answer = await api.post('/v3/payin/offer', { padding: 'x'.repeat(70_000) });
    expectVaultError(answer, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('routes', () => {
  it('answers 404 in Vault format for an unknown route', async () => {
    expectVaultError(await api.get('/v3/payin/nothing-here'), 404, 'NOT_FOUND');
    expectVaultError(await call(sandbox.url, 'GET', '/'), 404, 'NOT_FOUND');
  });

  it('answers 405 with Allow for a known route and the wrong method', async () => {
    const answer = await api.delete('/v3/payin/data');
    expectVaultError(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toBe('GET');
    const offer = await api.get('/v3/payin/offer/12');
    expectVaultError(offer, 405, 'METHOD_NOT_ALLOWED');
    expect(offer.headers.get('allow')).toBe('PUT');
  });
});
