import { connect } from 'node:net';
import { vaultErrorSchema } from '@payin-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { addCard, billingAddress, call, cardBody, client, createOffer, fingerprint, newToken, payBody, start, type Answer, type Client } from './helpers.js';

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
    ['cardNumber', cardBody('-4111111111111111')],
    ['cardNumber', cardBody('4.242424242424242e15')],
    ['cardNumber', cardBody('4242').replace('4242', '"4242 4242 4242 4242"')],
    ['cardNumber', cardBody('42424242.5')],
    ['cardNumber', cardBody('1234')],
    ['cardHolder', cardBody('4242424242424242', { cardHolder: ' ' })],
    ['cardExpirationYear', cardBody('4242424242424242', { cardExpirationYear: '2030-12' })],
    ['cardExpirationMonth', cardBody('4242424242424242', { cardExpirationMonth: 13 })],
    ['cardExpirationMonth', cardBody('4242424242424242', { cardExpirationYear: 2020, cardExpirationMonth: 1 })],
    ['billingAddress', cardBody('4242424242424242', { billingAddress: undefined })],
    ['billingAddress.countryCode', cardBody('4242424242424242', { billingAddress: { ...billingAddress, countryCode: 'CAN' } })],
    ['billingAddress.zip', cardBody('4242424242424242', { billingAddress: { ...billingAddress, zip: 17 } })],
  ])('refuses a card with a bad %s (400 VALIDATION_ERROR naming it)', async (field, raw) => {
    expectVaultError(await api.post('/v3/payin/card', undefined, { raw }), 400, 'VALIDATION_ERROR', field);
  });

  it('takes a card number sent as a JSON string of digits as the number itself: the same card', async () => {
    const own = client(sandbox.url, newToken());
    const raw = `{"cardNumber":"4242424242424242",${cardBody('1').split(',').slice(1).join(',')}`;
    expect((await own.post('/v3/payin/card', undefined, { raw })).status).toBe(200);
    expect((await own.post('/v3/payin/card', undefined, { raw: cardBody('4242424242424242') })).status).toBe(200);
    expect((await own.get('/v3/payin/data')).json.cards).toEqual([expect.objectContaining({ maskedPan: '4242***4242' })]);
  });

  it('refuses a card number string that is not plain digits, saying so and saving nothing', async () => {
    const own = client(sandbox.url, newToken());
    const raw = `{"cardNumber":"4242-4242-4242-4242",${cardBody('1').split(',').slice(1).join(',')}`;
    const answer = await own.post('/v3/payin/card', undefined, { raw });
    expectVaultError(answer, 400, 'VALIDATION_ERROR', 'cardNumber');
    expect(answer.json.message).toBe('The card number is not a number.');
    expect(answer.text).not.toContain('4242');
    expect((await own.get('/v3/payin/data')).json.cards).toEqual([]);
  });

  it('refuses a negative card number, and saves no card for it', async () => {
    const own = client(sandbox.url, newToken());
    const answer = await own.post('/v3/payin/card', undefined, { raw: cardBody('-4111111111111111') });
    expectVaultError(answer, 400, 'VALIDATION_ERROR', 'cardNumber');
    expect(answer.text).not.toContain('4111111111111111');
    expect((await own.get('/v3/payin/data')).json.cards).toEqual([]);
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
    // An id naming nothing: a 400 naming the field, the one error status Vault documents.
    expectVaultError(unknown, 400, 'NOT_FOUND', 'offerId');
  });

  it('refuses a pay request without a proper CVV, return address or browser data', async () => {
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId);
    const path = `/v3/payin/pay/${offer.offerId}`;
    expectVaultError(await api.post(path, payBody({ cardCVV: '12' })), 400, 'VALIDATION_ERROR', 'cardCVV');
    expectVaultError(await api.post(path, payBody({ cardCVV: '***' })), 400, 'VALIDATION_ERROR', 'cardCVV');
    expectVaultError(await api.post(path, payBody({ cardCVV: undefined })), 400, 'VALIDATION_ERROR', 'cardCVV');
    expectVaultError(await api.post(path, payBody({ successUrl: 'javascript:alert(1)' })), 400, 'VALIDATION_ERROR', 'successUrl');
    expectVaultError(await api.post(path, payBody({ fingerprint: 'yes' })), 400, 'VALIDATION_ERROR', 'fingerprint');
    // The time zone by name, as the checkout sent it before: Vault documents an integer.
    const named = payBody({ fingerprint: { ...fingerprint, timezone: 'Europe/Berlin' } });
    expectVaultError(await api.post(path, named), 400, 'VALIDATION_ERROR', 'fingerprint.timezone');
    expectVaultError(await api.post(path, payBody({ fingerprint: { ...fingerprint, timezone: -60.5 } })), 400, 'VALIDATION_ERROR', 'fingerprint.timezone');
    expectVaultError(await api.post(path, payBody({ fingerprint: { ...fingerprint, browserScreenWidth: '1.44e3' } })), 400, 'VALIDATION_ERROR', 'fingerprint.browserScreenWidth');
    expectVaultError(await api.post(path, payBody({ fingerprint: { ...fingerprint, browserPixelRatio: 2 } })), 400, 'VALIDATION_ERROR', 'fingerprint.browserPixelRatio');
    expectVaultError(await api.post('/v3/payin/pay/987654321', payBody()), 400, 'NOT_FOUND', 'offerId');
    // None of those refusals started a payment.
    expect((await api.post(path, payBody())).status).toBe(200);
  });

  it('refuses a status check without a numeric offerId', async () => {
    expectVaultError(await api.get('/v3/payin/pay-callback'), 400, 'VALIDATION_ERROR', 'offerId');
    expectVaultError(await api.get('/v3/payin/pay-callback?offerId=12ab'), 400, 'VALIDATION_ERROR', 'offerId');
    expectVaultError(await api.get('/v3/payin/pay-callback?offerId=424242'), 400, 'NOT_FOUND', 'offerId');
  });

  it('refuses a billing address for an unknown card with 400 naming cardId', async () => {
    const answer = await api.post('/v3/payin/card/31337/billing-address', billingAddress);
    expectVaultError(answer, 400, 'NOT_FOUND', 'cardId');
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

/** Sends raw bytes and answers everything the server wrote until it closed the connection (at most 5 s). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of the answer within 5 s: ${received.slice(0, 200)}`));
    }, 5_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(request);
  });
}

/** The status and parsed body of a raw HTTP/1.1 answer. */
function parseRaw(answer: string): { status: number; headers: string; body: unknown } {
  const split = answer.indexOf('\r\n\r\n');
  const head = answer.slice(0, split);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body: JSON.parse(answer.slice(split + 4)) };
}

describe('requests the HTTP parser cannot read', () => {
  it('answers an unknown method on a known route with 405 in Vault format', async () => {
    const answer = await call(sandbox.url, 'PROPFIND', '/v3/payin/data', { token: api.token });
    expectVaultError(answer, 405, 'METHOD_NOT_ALLOWED');
  });

  it('answers a method the parser does not know (BREW) with 405 in Vault format', async () => {
    const answer = await call(sandbox.url, 'BREW', '/');
    expectVaultError(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toContain('GET');

    const raw = parseRaw(await rawExchange(sandbox.port, 'BREW /v3/payin/data HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    expect(raw.status).toBe(405);
    expect(raw.headers).toContain('content-type: application/json');
    expect(vaultErrorSchema.parse(raw.body)).toMatchObject({ error: 'METHOD_NOT_ALLOWED', systemId: 'sandbox' });
  });

  it('logs a request it cannot read by its status only', async () => {
    const lines: string[] = [];
    const own = await start({ logger: (line) => lines.push(line) });
    try {
      expect((await call(own.url, 'BREW', '/v3/payin/4111111111111111')).status).toBe(405);
      expect(lines).toEqual(['- unreadable 405']);
    } finally {
      await own.close();
    }
  });

  it('answers a 25 KB query string with 414 in Vault format', async () => {
    const answer = await api.get(`/v3/payin/pay-callback?offerId=1&padding=${'x'.repeat(25_000)}`);
    expectVaultError(answer, 414, 'URI_TOO_LONG');
    expect(answer.text).not.toContain('xxxx');
  });

  it('answers over 64 KiB of headers with 431 in Vault format', async () => {
    const answer = await api.get('/v3/payin/data', { headers: { 'x-padding': 'y'.repeat(70_000) } });
    expectVaultError(answer, 431, 'REQUEST_HEADERS_TOO_LARGE');
  });

  it('answers a request without Host, or one it cannot read at all, with 400 in Vault format', async () => {
    const noHost = parseRaw(await rawExchange(sandbox.port, 'GET /sandbox/health HTTP/1.1\r\nConnection: close\r\n\r\n'));
    expect(noHost.status).toBe(400);
    expect(vaultErrorSchema.parse(noHost.body).error).toBe('BAD_REQUEST');

    const garbage = parseRaw(await rawExchange(sandbox.port, 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(vaultErrorSchema.parse(garbage.body).error).toBe('BAD_REQUEST');
  });
});
