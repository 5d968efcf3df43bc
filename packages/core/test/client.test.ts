import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  InputValidationError,
  NetworkError,
  RequestTimeoutError,
  UnexpectedResponseError,
  VaultApiError,
  createPayinClient,
  isInputValidationError,
  isNetworkError,
  isPayinError,
  isTimeoutError,
  isUnexpectedResponseError,
  isVaultApiError,
  type PayinClient,
} from '../src/index.js';
import {
  address,
  caught,
  clientFor,
  counters,
  fingerprint,
  injectFault,
  newCard,
  newToken,
  offerFor,
  testPan,
  useSandbox,
} from './sandbox.js';
import { referenceText } from './fixtures.js';

const sandbox = useSandbox();
const successUrl = 'https://shop.example/checkout/return';


describe('PayIn client, happy paths over HTTP', () => {
  it('reads rates, limits and saved cards', async () => {
    const client = clientFor(sandbox, newToken());
    const data = await client.getData();
    expect(data.cards).toEqual([]);
    expect(data.pairs.some((pair) => pair.currencyFrom === 'EUR' && pair.currencyTo === 'BTC')).toBe(true);
    expect(data.validSeconds).toBeGreaterThan(0);
    expect(Date.parse(data.validTo)).toBeGreaterThan(Date.now());
  });

  it('reads fiat cross rates', async () => {
    const rates = await clientFor(sandbox, newToken()).getFiatRates();
    expect(rates.length).toBeGreaterThan(0);
    expect(rates[0]).toEqual({ baseCurrency: expect.any(String), symbolCurrency: expect.any(String), rate: expect.any(Number) });
  });

  it('adds a card typed with spaces; it appears masked in the saved cards', async () => {
    const client = clientFor(sandbox, newToken());
    await client.addCard(newCard(testPan.frictionless));
    const [card] = (await client.getData()).cards;
    expect(card).toMatchObject({ cardType: 'VISA', maskedPan: '4242***4242', billingAddressRequired: false });
    expect(card?.cardId).toMatch(/^\d+$/);
  });

  it('sends a 19-digit PAN with its digits verbatim', async () => {
    const client = clientFor(sandbox, newToken());
    await client.addCard(newCard(testPan.nineteenDigits));
    const [card] = (await client.getData()).cards;
    // Through a JS number the PAN would become 6212345678901234688 and fail the Luhn check.
    expect(card?.maskedPan).toBe('6212***4569');
  });

  it('adds a billing address to a card that needs one', async () => {
    const client = clientFor(sandbox, newToken());
    await client.addCard(newCard(testPan.billingAddressRequired));
    const before = (await client.getData()).cards[0];
    expect(before?.billingAddressRequired).toBe(true);
    await client.addBillingAddress(before?.cardId ?? '', address);
    expect((await client.getData()).cards[0]?.billingAddressRequired).toBe(false);
  });

  it('creates and updates an offer', async () => {
    const client = clientFor(sandbox, newToken());
    const offer = await offerFor(client, testPan.frictionless, '31');
    expect(offer.offerId).toMatch(/^\d+$/);
    expect(offer.fromCurrency).toBe('EUR');
    expect(offer.feeInfo.map((fee) => fee.value)).toEqual([0.155, 0.155, 0.93]);
    expect(Date.parse(offer.expirationTime)).toBeGreaterThan(Date.now());

    const updated = await client.updateOffer(offer.offerId, {
      amount: '117.99',
      toAmount: '129.17',
      fromCurrency: 'EUR',
      toCurrency: 'USDC',
    });
    expect(updated.offerId).toBe(offer.offerId);
    expect(updated.feeInfo.find((fee) => fee.name === 'Transaction fee')?.value).toBe(3.5397);
  });

  it('pays a frictionless card and reads the status', async () => {
    const client = clientFor(sandbox, newToken());
    const offer = await offerFor(client);
    const result = await client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint });
    expect(result.authLink ?? null).toBeNull();
    expect(result.maskedPan).toBe('424242****4242');
    const status = await client.getPayStatus(offer.offerId);
    expect(status).toMatchObject({ offerId: offer.offerId, status: 'SUCCESS', currency: 'EUR', amount: 31 });
  });

  it('sends the profile as Vault documents it (alpha-3 country, date-time of birth) from what a form holds', async () => {
    const token = newToken('none');
    const client = clientFor(sandbox, token);
    await client.updateProfile({ ...PROFILE, residenceCountry: 'deu', dateOfBirth: '1990-05-20T00:00:00+02:00' });
    expect((await client.getKycData()).kycLevel).toBe('KYC_0');
    const stored = await (await fetch(`${sandbox.url}/v2/customer/profile`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(stored).toMatchObject({ residenceCountry: 'DE', dateOfBirth: '1990-05-19T22:00:00' });
  });

  it('updates the profile, which lifts a new customer to KYC_0', async () => {
    const client = clientFor(sandbox, newToken('none'));
    expect((await client.getKycData()).kycLevel).toBe('NONE');
    await client.updateProfile({
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1990-12-10',
      residenceCountry: 'DE',
      residenceCity: 'Berlin',
      residenceStreet: 'Unter den Linden 1',
      residenceZipCode: '10117',
      primaryCurrency: 'EUR',
    });
    expect((await client.getKycData()).kycLevel).toBe('KYC_0');
  });
});

describe('PayIn client errors', () => {
  it('raises a VaultApiError naming the field Vault rejected', async () => {
    const client = clientFor(sandbox, newToken());
    const error = await caught(offerFor(client, testPan.frictionless, '999999'));
    expect(error).toBeInstanceOf(VaultApiError);
    expect(isVaultApiError(error) && error).toMatchObject({ name: 'VaultApiError', kind: 'api', status: 400, field: 'amount' });
    expect(isPayinError(error)).toBe(true);
  });

  it('raises a VaultApiError with the level when KYC is too low', async () => {
    const client = clientFor(sandbox, newToken('kyc0'));
    const offer = await offerFor(client);
    const error = await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isVaultApiError(error) && error).toMatchObject({ status: 403, error: 'KYC_LEVEL_REQUIRED', data: { requiredLevel: 'KYC_1' } });
  });

  it('raises a NetworkError when nothing listens', async () => {
    const client = createPayinClient({ baseUrl: 'http://127.0.0.1:9', token: newToken(), retryLimit: 0 });
    const error = await caught(client.getData());
    expect(error).toBeInstanceOf(NetworkError);
    expect(isNetworkError(error) && error.kind).toBe('network');
  });

  it('raises a NetworkError when the connection drops', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'drop', count: 5 });
    const error = await caught(clientFor(sandbox, token, { retryLimit: 0 }).getData());
    expect(isNetworkError(error)).toBe(true);
  });

  it('raises a RequestTimeoutError past timeoutMs', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'latency', latencyMs: 1_000 });
    const error = await caught(clientFor(sandbox, token, { timeoutMs: 200 }).getData());
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(isTimeoutError(error) && error).toMatchObject({ name: 'PayinTimeoutError', kind: 'timeout', timeoutMs: 200 });
  });

  it('raises an UnexpectedResponseError for malformed JSON, a broken shape or a non-Vault error body', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token, { retryLimit: 0 });
    await injectFault(sandbox, token, { route: 'data', kind: 'malformed-json' });
    const malformed = await caught(client.getData());
    expect(malformed).toBeInstanceOf(UnexpectedResponseError);
    expect(String((malformed as Error).message)).toContain('the body is not JSON');

    await injectFault(sandbox, token, { route: 'data', kind: 'schema-break' });
    const broken = await caught(client.getData());
    expect(isUnexpectedResponseError(broken) && broken.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['cards', 'pairs']),
    );

    await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 502, body: { upstream: 'down' } });
    const foreign = await caught(client.getData());
    expect(isUnexpectedResponseError(foreign) && foreign).toMatchObject({ status: 502, kind: 'unexpected' });
  });

  it('lets the caller abort a request', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'latency', latencyMs: 2_000 });
    const controller = new AbortController();
    const pending = clientFor(sandbox, token).getData({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await caught(pending);
    expect((error as Error).name).toBe('AbortError');
    expect(isPayinError(error)).toBe(false);
  });
});

const PROFILE = { firstName: 'Anna', lastName: 'Schmidt', dateOfBirth: '1990-05-20', residenceCountry: 'DE', residenceCity: 'Munich', residenceStreet: 'Examplestrasse', residenceZipCode: '12345', primaryCurrency: 'EUR' };

describe('PayIn client input checks (nothing is sent)', () => {
  const cases: [string, (client: PayinClient) => Promise<unknown>, string, string][] = [
    ['a PAN failing Luhn', (c) => c.addCard(newCard('4242 4242 4242 4241')), 'cardNumber', 'luhn'],
    ['a PAN with letters', (c) => c.addCard(newCard('4242 4242 abcd 4242')), 'cardNumber', 'card-digits'],
    ['month 13', (c) => c.addCard({ ...newCard(testPan.frictionless), cardExpirationMonth: 13 }), 'cardExpirationMonth', 'month'],
    [
      'a past expiry',
      (c) => c.addCard({ ...newCard(testPan.frictionless), cardExpirationYear: new Date().getFullYear() - 1 }),
      'cardExpirationMonth',
      'expired',
    ],
    ['an empty holder name', (c) => c.addCard({ ...newCard(testPan.frictionless), cardHolder: '   ' }), 'cardHolder', 'required'],
    [
      'a bad country code',
      (c) => c.addCard({ ...newCard(testPan.frictionless), billingAddress: { ...address, countryCode: 'Canada' } }),
      'billingAddress.countryCode',
      'country',
    ],
    ['a negative amount', (c) => c.createOffer({ cardId: 1, fromCurrency: 'EUR', toCurrency: 'BTC', amount: -5 }), 'amount', 'amount-positive'],
    ['a non-numeric amount', (c) => c.createOffer({ cardId: 1, fromCurrency: 'EUR', toCurrency: 'BTC', amount: '12,50' }), 'amount', 'amount'],
    ['a malformed currency code', (c) => c.createOffer({ cardId: 1, fromCurrency: 'euro!', toCurrency: 'BTC', amount: 5 }), 'fromCurrency', 'currency'],
    ['a non-numeric offer id', (c) => c.getPayStatus('12; DROP'), 'offerId', 'id'],
    ['a CVV of 2 digits', (c) => c.pay(1, { cardCVV: '12', successUrl, fingerprint }), 'cardCVV', 'cvv'],
    ['a relative successUrl', (c) => c.pay(1, { cardCVV: '123', successUrl: '/back', fingerprint }), 'successUrl', 'url'],
    // The time zone by name, as the checkout sent it before: Vault documents the offset in minutes.
    ['a time zone given by name', (c) => c.pay(1, { cardCVV: '123', successUrl, fingerprint: { ...fingerprint, timezone: 'Europe/Berlin' as never } }), 'fingerprint.timezone', 'type'],
    ['a country that is none', (c) => c.updateProfile({ ...PROFILE, residenceCountry: 'XX' }), 'residenceCountry', 'country'],
    ['a date of birth to come', (c) => c.updateProfile({ ...PROFILE, dateOfBirth: '2999-01-01' }), 'dateOfBirth', 'date'],
  ];

  for (const [what, call, field, code] of cases) {
    it(`refuses ${what}, naming ${field}`, async () => {
      const token = newToken();
      const error = await caught(call(clientFor(sandbox, token)));
      expect(error).toBeInstanceOf(InputValidationError);
      expect(isInputValidationError(error) && { field: error.field, code: error.code }).toEqual({ field, code });
      expect(Object.values(await counters(sandbox, token)).reduce((sum, n) => sum + n, 0)).toBe(0);
    });
  }

  it('keeps the card number out of the error message', async () => {
    const error = await caught(clientFor(sandbox, newToken()).addCard(newCard('4242 4242 4242 4241')));
    expect((error as Error).message).toBe('cardNumber: is not a valid card number (check digit mismatch)');
  });
});

describe('PayIn client retries', () => {
  it('retries a GET after one 503 and succeeds', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 503 });
    const data = await clientFor(sandbox, token).getData();
    expect(data.cards).toEqual([]);
    expect((await counters(sandbox, token)).data).toBe(2);
  });

  it('retries a GET after a dropped connection', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'pay-callback', kind: 'drop' });
    const client = clientFor(sandbox, token);
    const offer = await offerFor(client);
    await client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint });
    expect((await client.getPayStatus(offer.offerId)).status).toBe('SUCCESS');
    expect((await counters(sandbox, token))['pay-callback']).toBe(2);
  });

  it('gives up on a GET after a bounded number of attempts', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 500, count: 10 });
    const error = await caught(clientFor(sandbox, token, { retryLimit: 2 }).getData());
    expect(isVaultApiError(error) && error.status).toBe(500);
    expect((await counters(sandbox, token)).data).toBe(3);
  });

  it('honours Retry-After on 429', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 429, retryAfter: '1' });
    const started = Date.now();
    await clientFor(sandbox, token).getData();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await counters(sandbox, token)).data).toBe(2);
  });

  it('does not retry early when Retry-After asks for longer than it will wait', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 429, retryAfter: '120' });
    const error = await caught(clientFor(sandbox, token).getData());
    expect(isVaultApiError(error) && error.status).toBe(429);
    expect((await counters(sandbox, token)).data).toBe(1);
  });

  it('sends a failing pay exactly once (503)', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const offer = await offerFor(client);
    await injectFault(sandbox, token, { route: 'pay', kind: 'status', status: 503, count: 5 });
    const error = await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isVaultApiError(error) && error.status).toBe(503);
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('sends a pay whose connection drops exactly once', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const offer = await offerFor(client);
    await injectFault(sandbox, token, { route: 'pay', kind: 'drop', count: 5 });
    const error = await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isNetworkError(error)).toBe(true);
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('does not retry a timed-out pay', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token, { payTimeoutMs: 300 });
    const offer = await offerFor(client);
    await injectFault(sandbox, token, { route: 'pay', kind: 'latency', latencyMs: 1_000, count: 5 });
    expect(isTimeoutError(await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint })))).toBe(true);
    expect((await counters(sandbox, token)).pay).toBe(1);
  });
});

describe('PayIn client time limits', () => {
  it('waits for a pay answer past timeoutMs: a slow bank still delivers its 3-D Secure link', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token, { timeoutMs: 300 });
    const offer = await offerFor(client, testPan.threeDSecure);
    await injectFault(sandbox, token, { route: 'pay', kind: 'latency', latencyMs: 800 });
    const started = Date.now();
    const result = await client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint });
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(result.authLink).toMatch(new RegExp(`^${sandbox.url}/sandbox/bank/`));
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('refuses a time limit that is not a finite number of milliseconds', () => {
    for (const limits of [{ payTimeoutMs: Number.POSITIVE_INFINITY }, { payTimeoutMs: 0 }, { timeoutMs: Number.NaN }, { timeoutMs: 2 ** 31 }]) {
      expect(() => createPayinClient({ baseUrl: sandbox.url, token: newToken(), ...limits })).toThrow(RangeError);
    }
  });

  it('keeps timeoutMs for every other request', async () => {
    const token = newToken();
    await injectFault(sandbox, token, { route: 'offer-create', kind: 'latency', latencyMs: 800 });
    const client = clientFor(sandbox, token, { timeoutMs: 300, payTimeoutMs: 5_000 });
    const error = await caught(offerFor(client));
    expect(isTimeoutError(error) && error).toMatchObject({ endpoint: 'POST /v3/payin/offer', timeoutMs: 300 });
  });

  it('bounds pay by payTimeoutMs, and reports it', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token, { timeoutMs: 5_000, payTimeoutMs: 300 });
    const offer = await offerFor(client);
    await injectFault(sandbox, token, { route: 'pay', kind: 'latency', latencyMs: 1_000 });
    const error = await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(isTimeoutError(error) && error).toMatchObject({ endpoint: 'POST /v3/payin/pay/{offerId}', timeoutMs: 300 });
    expect((error as Error).message).toBe('No answer from POST /v3/payin/pay/{offerId} within 300 ms');
    expect((await counters(sandbox, token)).pay).toBe(1);
  });
});

describe('PayIn client base address', () => {
  /** A loopback server answering every request with a documented example, recording the paths asked for. */
  async function recordingServer(): Promise<{ origin: string; paths: string[]; close: () => Promise<void> }> {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      const example = request.url?.includes('pay-callback') ? 'PayIn/pay-callback.response.json' : 'PayIn/get-available-rates-and-cards-payin.response.json';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(referenceText(example));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      origin: `http://127.0.0.1:${port}`,
      paths,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  it('keeps the path of a baseUrl, with or without a trailing slash', async () => {
    const server = await recordingServer();
    try {
      for (const baseUrl of [`${server.origin}/vault`, `${server.origin}/vault/`, new URL(`${server.origin}/vault`)]) {
        const client = createPayinClient({ baseUrl, token: newToken(), retryLimit: 0 });
        expect((await client.getData()).cards).toHaveLength(4);
        expect((await client.getPayStatus('5423432476')).status).toBe('FAILURE');
      }
      const nested = createPayinClient({ baseUrl: `${server.origin}/gateway/vault`, token: newToken(), retryLimit: 0 });
      await nested.getData();
      expect(server.paths).toEqual([
        ...Array.from({ length: 3 }, () => ['/vault/v3/payin/data', '/vault/v3/payin/pay-callback?offerId=5423432476']).flat(),
        '/gateway/vault/v3/payin/data',
      ]);
    } finally {
      await server.close();
    }
  });

  it('still reaches the sandbox at a bare origin, with or without a trailing slash', async () => {
    for (const baseUrl of [sandbox.url, `${sandbox.url}/`]) {
      const token = newToken();
      expect((await createPayinClient({ baseUrl, token }).getData()).cards).toEqual([]);
      expect((await counters(sandbox, token)).data).toBe(1);
    }
  });
});

describe('PayIn client tokens', () => {
  it('asks getToken for a fresh token once after a 401 and replays', async () => {
    const good = newToken();
    const asked: boolean[] = [];
    const client = createPayinClient({
      baseUrl: sandbox.url,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? good : 'expired-token';
      },
    });
    expect((await client.getData()).cards).toEqual([]);
    expect(asked).toEqual([false, true]);
    await client.getData();
    expect(asked).toEqual([false, true]);
    expect((await counters(sandbox, good)).data).toBe(2);
  });

  it('refreshes the token after a 401 that is not in Vault\'s format too, and replays', async () => {
    const token = newToken();
    const asked: boolean[] = [];
    await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 401, text: '<html>401 Authorization Required</html>', contentType: 'text/html' });
    const client = createPayinClient({ baseUrl: sandbox.url, getToken: ({ refresh }) => (asked.push(refresh), token) });
    expect((await client.getData()).cards).toEqual([]);
    expect(asked).toEqual([false, true]);
    expect((await counters(sandbox, token)).data).toBe(2);
  });

  it('gives up with the 401 when the fresh token is refused too', async () => {
    let calls = 0;
    const client = createPayinClient({
      baseUrl: sandbox.url,
      getToken: () => {
        calls += 1;
        return 'still-expired';
      },
    });
    const error = await caught(client.getData());
    expect(isVaultApiError(error) && error.status).toBe(401);
    expect(calls).toBe(2);
  });

  it('never sends a pay twice: a 401 asks for a fresh token and throws the 401', async () => {
    const token = newToken();
    const offer = await offerFor(clientFor(sandbox, token));
    await injectFault(sandbox, token, { route: 'pay', kind: 'status', status: 401, count: 5 });
    const asked: boolean[] = [];
    const payer = createPayinClient({
      baseUrl: sandbox.url,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return token;
      },
    });
    const error = await caught(payer.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(error).toBeInstanceOf(VaultApiError);
    expect(isVaultApiError(error) && error).toMatchObject({ status: 401, endpoint: 'POST /v3/payin/pay/{offerId}' });
    expect(asked).toEqual([false, true]);
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('throws a 401 pay answer not in Vault format as an UnexpectedResponseError, sent once', async () => {
    const token = newToken();
    const offer = await offerFor(clientFor(sandbox, token));
    await injectFault(sandbox, token, { route: 'pay', kind: 'status', status: 401, body: { message: 'expired' }, count: 5 });
    let refreshes = 0;
    const payer = createPayinClient({
      baseUrl: sandbox.url,
      getToken: ({ refresh }) => {
        if (refresh) refreshes += 1;
        return token;
      },
    });
    const error = await caught(payer.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isUnexpectedResponseError(error) && error).toMatchObject({ status: 401, kind: 'unexpected' });
    expect(refreshes).toBe(1);
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('throws the 401 of a pay even when the fresh token cannot be had', async () => {
    const token = newToken();
    const offer = await offerFor(clientFor(sandbox, token));
    await injectFault(sandbox, token, { route: 'pay', kind: 'status', status: 401, count: 5 });
    const asked: boolean[] = [];
    const payer = createPayinClient({
      baseUrl: sandbox.url,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        if (refresh) throw new Error('the session service is down');
        return token;
      },
    });
    const error = await caught(payer.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isVaultApiError(error) && error.status).toBe(401);
    expect(asked).toEqual([false, true]);
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('pays with the fresh token on the next call after a refused pay', async () => {
    const good = newToken();
    const offer = await offerFor(clientFor(sandbox, good));
    const asked: boolean[] = [];
    const payer = createPayinClient({
      baseUrl: sandbox.url,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? good : 'expired-token';
      },
    });
    const refused = await caught(payer.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isVaultApiError(refused) && refused).toMatchObject({ status: 401, error: 'UNAUTHORIZED' });
    expect((await counters(sandbox, good)).pay).toBe(0);

    const result = await payer.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint });
    expect(result.offerId).toBe(offer.offerId);
    expect(asked).toEqual([false, true]);
    expect((await counters(sandbox, good)).pay).toBe(1);
  });
});
