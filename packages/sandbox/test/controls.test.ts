import { payinDataSchema, vaultErrorSchema } from '@payin-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp, routeIds, type RunningSandbox } from '../src/index.js';
import { addCard, call, cardBody, client, createOffer, newToken, payBody, start, status, type Client } from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

const fresh = (): Client => client(sandbox.url, newToken());

const fault = async (api: Client, spec: Record<string, unknown>): Promise<void> => {
  const answer = await api.post('/sandbox/faults', spec);
  expect(answer.status).toBe(204);
};

describe('faults', () => {
  it('status: answers the status for the next N requests, with Retry-After and a Vault body', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'status', status: 503, retryAfter: '2', count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await api.get('/v3/payin/data');
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(vaultErrorSchema.parse(answer.json).error).toBe('SERVICE_UNAVAILABLE');
    }
    expect((await api.get('/v3/payin/data')).status).toBe(200);
    // Another customer never sees them.
    await fault(api, { route: 'data', kind: 'status' });
    expect((await fresh().get('/v3/payin/data')).status).toBe(200);
    const defaulted = await api.get('/v3/payin/data');
    expect(defaulted.status).toBe(500);
    expect(defaulted.json.error).toBe('COMMON');
  });

  it('status: sends a body that is not JSON, as a gateway in front of Vault would', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'status', status: 401, text: '<html><body>401 Authorization Required</body></html>', contentType: 'text/html' });
    const answer = await api.get('/v3/payin/data');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.text).toBe('<html><body>401 Authorization Required</body></html>');
    await fault(api, { route: 'data', kind: 'status', status: 502, text: 'Bad Gateway' });
    const plain = await api.get('/v3/payin/data');
    expect(plain.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(plain.text).toBe('Bad Gateway');
  });

  it('status: sends a given body as it is', async () => {
    const api = fresh();
    const body = { error: 'LIMIT_EXCEEDED', errorId: 77, message: 'Daily limit reached.', systemId: 'core', field: 'amount' };
    await fault(api, { route: 'kyc-data', kind: 'status', status: 422, body });
    const answer = await api.get('/v2/customer/kyc/data');
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual(body);
  });

  it('latency: waits, then answers normally', async () => {
    const api = fresh();
    await fault(api, { route: 'fiat-rates', kind: 'latency', latencyMs: 300 });
    const started = performance.now();
    const answer = await api.get('/v3/payin/fiat-rates');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.json)).toBe(true);
  });

  it('latency: takes up to three minutes (a bank answering pay after more than a minute)', async () => {
    const api = fresh();
    await fault(api, { route: 'pay', kind: 'latency', latencyMs: 180_000 });
    const tooLong = await api.post('/sandbox/faults', { route: 'pay', kind: 'latency', latencyMs: 180_001 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'latencyMs' });
    expect((await api.delete('/sandbox/faults')).status).toBe(204);
  });

  it('malformed-json: 200 with a JSON content type and a truncated body', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'malformed-json' });
    const answer = await api.get('/v3/payin/data');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it('schema-break: 200 with valid JSON lacking the required fields', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'schema-break' });
    const answer = await api.get('/v3/payin/data');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ unexpected: true });
    expect(payinDataSchema.safeParse(answer.json).success).toBe(false);
  });

  it('drop: closes the connection without an answer', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'drop' });
    await expect(api.get('/v3/payin/data')).rejects.toThrow(TypeError);
    expect((await api.get('/v3/payin/data')).status).toBe(200);
  });

  it('patch: deep-merges its body into the real answer for the next N requests', async () => {
    const api = fresh();
    await addCard(api, '4242424242424242');
    const real = (await api.get('/v3/payin/data')).json;
    await fault(api, {
      route: 'data',
      kind: 'patch',
      body: { fees: { transactionFee: -0.03 }, validSeconds: 0, pairs: [{ currencyFrom: 'EUR', currencyTo: 'BTC', rate: 0 }] },
      count: 2,
    });
    for (let i = 0; i < 2; i += 1) {
      const answer = await api.get('/v3/payin/data');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      // Objects are merged key by key: the rest of the answer stays real.
      expect(answer.json.fees).toEqual({ ...real.fees, transactionFee: -0.03 });
      expect(answer.json.cards).toEqual(real.cards);
      expect(answer.json.validSeconds).toBe(0);
      // Arrays are replaced as a whole.
      expect(answer.json.pairs).toEqual([{ currencyFrom: 'EUR', currencyTo: 'BTC', rate: 0 }]);
    }
    const after = await api.get('/v3/payin/data');
    expect(after.json.fees).toEqual(real.fees);
    expect(after.json.pairs.length).toBe(real.pairs.length);
    // addCard's own read, the real one, two patched, one after.
    expect((await api.get('/sandbox/counters')).json.data).toBe(5);
  });

  it('patch: reaches into nested objects of an offer, replaces scalars with null, keeps the handler at work', async () => {
    const api = fresh();
    const card = await addCard(api, '4242424242424242');
    await fault(api, { route: 'offer-create', kind: 'patch', body: { rate: { rate: -1 }, feeInfo: [], validSeconds: null } });
    const offer = await createOffer(api, card.cardId);
    expect(offer.rate).toMatchObject({ rate: -1, currency: 'EUR' });
    expect(offer.feeInfo).toEqual([]);
    expect(offer.validSeconds).toBeNull();
    // The offer itself is real: it can be paid.
    const paid = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(paid.status).toBe(200);
  });

  it('patch: keeps the status of a refusal, and leaves an answer without a JSON body as it is', async () => {
    const api = fresh();
    await fault(api, { route: 'offer-create', kind: 'patch', body: { field: 'patched' } });
    const refused = await api.post('/v3/payin/offer', { cardId: 1 });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'patched' });

    await fault(api, { route: 'card', kind: 'patch', body: { added: true } });
    const added = await api.post('/v3/payin/card', undefined, { raw: cardBody('4242424242424242') });
    expect(added.status).toBe(200);
    expect(added.text).toBe('');
  });

  it('patch: merges a "__proto__" key as an ordinary field', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'patch', body: { fees: JSON.parse('{"__proto__":{"polluted":true}}') } });
    const answer = await api.get('/v3/payin/data');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"__proto__":{"polluted":true}');
    expect(answer.json.fees.currency).toBe('EUR');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['without a body', { route: 'data', kind: 'patch' }],
    ['with an array body', { route: 'data', kind: 'patch', body: [1] }],
  ])('refuses a patch %s, naming body', async (_what, spec) => {
    const answer = await fresh().post('/sandbox/faults', spec);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'VALIDATION_ERROR', field: 'body' });
  });

  it('queues faults of one route in order, and DELETE clears them', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'status', status: 429 });
    await fault(api, { route: 'data', kind: 'schema-break' });
    expect((await api.get('/v3/payin/data')).status).toBe(429);
    expect((await api.get('/v3/payin/data')).json).toEqual({ unexpected: true });
    expect((await api.get('/v3/payin/data')).status).toBe(200);

    await fault(api, { route: 'data', kind: 'status', count: 5 });
    expect((await api.delete('/sandbox/faults')).status).toBe(204);
    expect((await api.get('/v3/payin/data')).status).toBe(200);
  });

  it('a faulted pay request charges nothing', async () => {
    const api = fresh();
    const card = await addCard(api, '4242424242424242');
    const offer = await createOffer(api, card.cardId);
    await fault(api, { route: 'pay', kind: 'status', status: 502 });
    expect((await api.post(`/v3/payin/pay/${offer.offerId}`, payBody())).status).toBe(502);
    expect((await status(api, offer.offerId)).json).toMatchObject({ error: 'NOT_FOUND', field: 'offerId' });
    expect((await api.post(`/v3/payin/pay/${offer.offerId}`, payBody())).status).toBe(200);
  });

  it('applies to the token endpoint for the customer the phone number names', async () => {
    const number = String(Date.now()).slice(-9);
    const api = client(sandbox.url, `test_kyc1_${number}`);
    await fault(api, { route: 'token', kind: 'status', status: 503 });
    const form = { raw: `grant_type=mobile_phone&number=${number}&password=x`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': 'm' } };
    expect((await call(sandbox.url, 'POST', '/oauth/token', form)).status).toBe(503);
    expect((await call(sandbox.url, 'POST', '/oauth/token', form)).status).toBe(200);
    expect((await api.get('/sandbox/counters')).json.token).toBe(2);
  });

  it.each([
    ['route', { route: 'everything', kind: 'drop' }],
    ['kind', { route: 'data', kind: 'explode' }],
    ['status', { route: 'data', kind: 'status', status: 700 }],
    ['count', { route: 'data', kind: 'status', count: 0 }],
    ['latencyMs', { route: 'data', kind: 'latency', latencyMs: -1 }],
  ])('refuses a fault with a bad %s', async (field, spec) => {
    const answer = await fresh().post('/sandbox/faults', spec);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'VALIDATION_ERROR', field });
  });

  it('needs a token for the controls', async () => {
    expect((await call(sandbox.url, 'POST', '/sandbox/faults', { body: { route: 'data', kind: 'drop' } })).status).toBe(401);
    expect((await call(sandbox.url, 'GET', '/sandbox/counters')).status).toBe(401);
    expect((await call(sandbox.url, 'PUT', '/sandbox/settings', { body: {} })).status).toBe(401);
  });
});

describe('counters', () => {
  it('counts every authenticated request per route: faulted, refused or not', async () => {
    const api = client(sandbox.url, newToken('none'));
    const zero = (await api.get('/sandbox/counters')).json;
    expect(Object.keys(zero).sort()).toEqual([...routeIds].sort());
    expect(Object.values(zero).every((count) => count === 0)).toBe(true);

    await api.get('/v3/payin/data'); // 403: KYC too low
    await api.patch('/v2/customer/profile', { firstName: '' }); // 400
    await fault(api, { route: 'data', kind: 'status' });
    await api.get('/v3/payin/data'); // faulted
    await api.post('/v3/payin/offer', '{'); // 403 again
    await api.get('/v2/customer/kyc/data');
    await call(sandbox.url, 'GET', '/v3/payin/data'); // no token: nobody's

    expect((await api.get('/sandbox/counters')).json).toMatchObject({
      data: 2,
      profile: 1,
      'offer-create': 1,
      'kyc-data': 1,
      pay: 0,
    });
    // Counters are per customer.
    expect((await fresh().get('/sandbox/counters')).json.data).toBe(0);
  });
});

describe('settings', () => {
  it('answers the settings in force, overrides per customer, and validates them', async () => {
    const api = fresh();
    expect((await api.get('/sandbox/settings')).json).toEqual({ offerTtlSeconds: 20, pendingPolls: 2 });
    expect((await api.put('/sandbox/settings', { pendingPolls: 0 })).json).toEqual({ offerTtlSeconds: 20, pendingPolls: 0 });
    expect((await api.put('/sandbox/settings', { offerTtlSeconds: 5 })).json).toEqual({ offerTtlSeconds: 5, pendingPolls: 0 });
    const bad = await api.put('/sandbox/settings', { offerTtlSeconds: 0.5 });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('offerTtlSeconds');
    expect((await fresh().get('/sandbox/settings')).json).toEqual({ offerTtlSeconds: 20, pendingPolls: 2 });
  });

  it('takes sandbox-wide defaults from the options', async () => {
    const custom = await start({ offerTtlSeconds: 45, pendingPolls: 0 });
    try {
      const api = client(custom.url, newToken());
      const card = await addCard(api, '4000000000000077');
      const offer = await createOffer(api, card.cardId);
      expect(offer.validSeconds).toBe(45);
      await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
      expect((await status(api, offer.offerId)).json.status).toBe('SUCCESS');
    } finally {
      await custom.close();
    }
  });
});

describe('KYC level', () => {
  it('stands for identity verification done outside the flow: a refused customer can then pay', async () => {
    const api = client(sandbox.url, newToken('kyc0'));
    const card = await addCard(api, '4000000000000077');
    const offer = await createOffer(api, card.cardId);
    const refused = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
    expect(refused.status).toBe(403);
    expect((await api.put('/sandbox/kyc', { kycLevel: 'KYC_1' })).json).toEqual({ kycLevel: 'KYC_1' });
    expect((await api.get('/v2/customer/kyc/data')).json.kycLevel).toBe('KYC_1');
    const paid = await api.post(`/v3/payin/pay/${(await createOffer(api, card.cardId)).offerId}`, payBody());
    expect(paid.status).toBe(200);
    const bad = await api.put('/sandbox/kyc', { kycLevel: 'KYC_9' });
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('kycLevel');
    expect((await api.get('/v2/customer/kyc/data')).json.kycLevel).toBe('KYC_1');
  });
});

describe('CORS', () => {
  it('answers preflights for any origin with the headers the checkout sends', async () => {
    const answer = await call(sandbox.url, 'OPTIONS', '/v3/payin/offer', {
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, x-merchant-id, x-partner-trace',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    // A host's own extra headers (the client's `headers` option) are allowed too.
    const headers = answer.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    for (const header of ['authorization', 'content-type', 'x-merchant-id', 'x-partner-trace']) expect(headers).toContain(header);
    const methods = answer.headers.get('access-control-allow-methods') ?? '';
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect(methods).toContain(method);
  });

  it('lets pages read answers and Retry-After, errors included', async () => {
    const api = fresh();
    await fault(api, { route: 'data', kind: 'status', status: 429, retryAfter: '1' });
    const answer = await api.get('/v3/payin/data', { headers: { origin: 'http://localhost:5173' } });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const refused = await call(sandbox.url, 'GET', '/v3/payin/data', { headers: { origin: 'http://localhost:5173' } });
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the server', () => {
  it('closes promptly even with keep-alive connections open', async () => {
    const own = await start();
    expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(own.url, 'GET', '/sandbox/health')).json).toEqual({ status: 'ok' });
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(call(own.url, 'GET', '/sandbox/health')).rejects.toThrow();
  });

  it('serves the same app without a server', async () => {
    const app = createSandboxApp({ logger: false });
    const answer = await app.request('/v2/customer/kyc/data', { headers: { authorization: `Bearer ${newToken('kyc0')}` } });
    expect(await answer.json()).toMatchObject({ kycLevel: 'KYC_0' });
  });
});
