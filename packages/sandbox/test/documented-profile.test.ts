/**
 * The documented profile: the sandbox says only what Vault's reference documents. Every refusal of
 * a Vault call is Vault's one error (400 COMMON; 401 for a refused token), a payment not final yet
 * and a card not approved have words the checkout has never been shown, and there is no refresh grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_MESSAGE } from '../src/errors.js';
import type { RunningSandbox } from '../src/index.js';
import { addCard, billingAddress, call, cardBody, client, createOffer, newToken, payBody, start, status, type Answer, type Client } from './helpers.js';

const DOCUMENTED_ERROR = { error: 'COMMON', errorId: 0, message: COMMON_MESSAGE, systemId: 'core' };

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await start({ profile: 'documented' });
});
afterAll(() => sandbox.close());

const fresh = (level: 'kyc1' | 'kyc0' | 'none' = 'kyc1'): Client => client(sandbox.url, newToken(level));

/** Exactly Vault's documented error, with the status it comes with. */
function expectDocumented(answer: Answer, status = 400): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.json).toEqual(DOCUMENTED_ERROR);
  expect(answer.headers.get('retry-after')).toBeNull();
}

const tokenRequest = (form: Record<string, string>, headers: Record<string, string> = { 'x-merchant-id': 'merchant-1' }) =>
  call(sandbox.url, 'POST', '/oauth/token', {
    raw: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('refusals of Vault calls: the one documented error', () => {
  it('answers every refusal of the PayIn calls 400 COMMON, never 403, never a field or data', async () => {
    const api = fresh();
    const refusals: [string, Answer][] = [];
    const refused = (name: string, answer: Answer) => refusals.push([name, answer]);

    refused('a bad card', await api.post('/v3/payin/card', undefined, { raw: cardBody('4242424242424241') }));
    refused('bad JSON', await api.post('/v3/payin/card', undefined, { raw: '{"cardNumber":' }));
    refused('a body that is not an object', await api.post('/v3/payin/card', undefined, { raw: '[1]' }));
    refused('a body too large', await api.post('/v3/payin/card', undefined, { raw: `{"cardHolder":"${'x'.repeat(70_000)}"}` }));
    refused('an unknown card for a billing address', await api.post('/v3/payin/card/31337/billing-address', billingAddress));
    refused('an unknown card for an offer', await api.post('/v3/payin/offer', { cardId: 31337, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 }));

    const needsAddress = await addCard(api, '5555555555554444');
    refused('a billing address required', await api.post('/v3/payin/offer', { cardId: needsAddress.cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 }));
    const unapproved = await addCard(api, '4000000000000101');
    refused('a card not approved', await api.post('/v3/payin/offer', { cardId: unapproved.cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 }));

    const card = await addCard(api, '4242424242424242');
    refused('an amount over the limit', await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 5001 }));
    refused('a pair not sold', await api.post('/v3/payin/offer', { cardId: card.cardId, fromCurrency: 'JPY', toCurrency: 'BTC', amount: 50 }));
    refused('an unknown offer to update', await api.put('/v3/payin/offer/987654', { amount: 50, toAmount: 1, fromCurrency: 'EUR', toCurrency: 'BTC' }));
    refused('an unknown offer to pay', await api.post('/v3/payin/pay/987654', payBody()));
    refused('a status without an offer id', await api.get('/v3/payin/pay-callback'));
    const offer = await createOffer(api, card.cardId);
    refused('no payment for this offer', await status(api, offer.offerId));
    refused('a bad CVV', await api.post(`/v3/payin/pay/${offer.offerId}`, payBody({ cardCVV: '12' })));
    expect((await api.post(`/v3/payin/pay/${offer.offerId}`, payBody())).status).toBe(200);
    refused('an offer already paid', await api.post(`/v3/payin/pay/${offer.offerId}`, payBody()));
    refused('an offer already paid, updated', await api.put(`/v3/payin/offer/${offer.offerId}`, { amount: 50, toAmount: 1, fromCurrency: 'EUR', toCurrency: 'BTC' }));

    await api.put('/sandbox/settings', { offerTtlSeconds: 1 });
    const expiring = await createOffer(api, card.cardId);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    refused('an expired offer', await api.post(`/v3/payin/pay/${expiring.offerId}`, payBody()));

    const kyc0 = fresh('kyc0');
    refused('KYC too low to pay', await kyc0.post('/v3/payin/pay/1', payBody()));
    refused('KYC too low for a status', await kyc0.get('/v3/payin/pay-callback?offerId=1'));
    const none = fresh('none');
    refused('KYC too low for data', await none.get('/v3/payin/data'));
    refused('KYC too low for an offer', await none.post('/v3/payin/offer', { cardId: 1, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 }));
    refused('KYC too low for a card', await none.post('/v3/payin/card', undefined, { raw: cardBody('4242424242424242') }));
    refused('a profile with a bad date', await none.patch('/v2/customer/profile', { firstName: 'Ada', dateOfBirth: '1990-05-20' }));

    expect(refusals).toHaveLength(24);
    for (const [name, answer] of refusals) {
      expect({ name, status: answer.status, body: answer.json }).toEqual({ name, status: 400, body: DOCUMENTED_ERROR });
    }
  });

  it('answers an address too long on a Vault call 400 COMMON', async () => {
    expectDocumented(await fresh().get(`/v3/payin/pay-callback?offerId=${'1'.repeat(9_000)}`));
  });

  it('keeps a refused token a 401, with the documented body, so the client signs in again', async () => {
    for (const authorization of [undefined, 'Bearer made_up', `Basic ${newToken()}`]) {
      const answer = await call(sandbox.url, 'GET', '/v3/payin/data', authorization ? { headers: { authorization } } : {});
      expectDocumented(answer, 401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
    expectDocumented(await call(sandbox.url, 'GET', '/v2/catalog/operations'), 401);
    expectDocumented(await call(sandbox.url, 'GET', '/v1/kyc/limits'), 401);
  });

  it('answers what a test asked for: injected faults are not rewritten', async () => {
    const api = fresh();
    await api.post('/sandbox/faults', { route: 'data', kind: 'status', status: 403 });
    await api.post('/sandbox/faults', { route: 'data', kind: 'status', status: 503, retryAfter: '2', body: { error: 'GATEWAY' } });
    const forbidden = await api.get('/v3/payin/data');
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error).toBe('FORBIDDEN');
    const unavailable = await api.get('/v3/payin/data');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('2');
    expect(unavailable.json).toEqual({ error: 'GATEWAY' });
  });

  it('leaves the test controls and unknown addresses their own answers', async () => {
    const api = fresh();
    const kyc = await api.put('/sandbox/kyc', { kycLevel: 'KYC_9' });
    expect(kyc.status).toBe(400);
    expect(kyc.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'kycLevel', systemId: 'sandbox' });
    expect((await call(sandbox.url, 'GET', '/sandbox/counters')).json.error).toBe('UNAUTHORIZED');
    expect((await api.get('/v3/payin/nothing')).status).toBe(404);
  });
});

describe('sign-in', () => {
  it('answers the documented fields, refresh_token included, and has no refresh grant', async () => {
    const token = await tokenRequest({ grant_type: 'mobile_phone', number: '+447700900123', password: 'x' });
    expect(token.status).toBe(200);
    expect(Object.keys(token.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expectDocumented(await tokenRequest({ grant_type: 'refresh_token', refresh_token: token.json.refresh_token }));
    expectDocumented(await tokenRequest({ grant_type: 'password', number: '1', password: 'p' }));
    expectDocumented(await tokenRequest({ grant_type: 'mobile_phone', number: '+447700900123', password: 'x' }, {}));
    expectDocumented(await tokenRequest({ grant_type: 'mobile_phone', number: '+447700900123' }));
  });
});

describe('words the checkout has never been shown', () => {
  it('reports a payment not final yet as IN_PROGRESS, never PENDING: the pending card, then SUCCESS', async () => {
    const api = fresh();
    const card = await addCard(api, '4000000000000077');
    const offer = await createOffer(api, card.cardId);
    expect((await api.post(`/v3/payin/pay/${offer.offerId}`, payBody())).status).toBe(200);
    const seen: string[] = [];
    for (let i = 0; i < 3; i += 1) seen.push((await status(api, offer.offerId)).json.status);
    expect(seen).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCESS']);
  });

  it('reports a 3-D Secure payment awaiting the bank page as IN_PROGRESS, with the amount held', async () => {
    const api = fresh();
    const card = await addCard(api, '4000000000003220');
    const offer = await createOffer(api, card.cardId);
    const paid = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(paid.json.authLink).toMatch(/\/sandbox\/bank\//);
    const awaiting = await status(api, offer.offerId);
    expect(awaiting.json.status).toBe('IN_PROGRESS');
    expect(awaiting.json.blockedAmount.value).toBeGreaterThan(0);
    expect(awaiting.text).not.toContain('PENDING');
  });

  it('lists the never-approved card as ON_REVIEW', async () => {
    const api = fresh();
    await addCard(api, '4000000000000101');
    const data = await api.get('/v3/payin/data');
    expect(data.json.cards).toEqual([expect.objectContaining({ validationStatus: 'ON_REVIEW' })]);
    expect(data.text).not.toContain('PENDING');
  });
});
