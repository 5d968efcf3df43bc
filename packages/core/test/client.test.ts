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
  addCardAndFind,
  address,
  clientFor,
  counters,
  fingerprint,
  injectFault,
  newCard,
  newToken,
  testPan,
  useSandbox,
} from './sandbox.js';

const sandbox = useSandbox();
const successUrl = 'https://shop.example/checkout/return';

async function offerFor(client: PayinClient, pan: string = testPan.frictionless, amount: string | number = '31') {
  const cardId = await addCardAndFind(client, pan);
  return client.createOffer({ cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount });
}

const caught = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};

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
    const client = clientFor(sandbox, token, { timeoutMs: 300 });
    const offer = await offerFor(client);
    await injectFault(sandbox, token, { route: 'pay', kind: 'latency', latencyMs: 1_000, count: 5 });
    expect(isTimeoutError(await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint })))).toBe(true);
    expect((await counters(sandbox, token)).pay).toBe(1);
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

  it('replays a pay refused with 401 once, with the fresh token', async () => {
    const good = newToken();
    const client = clientFor(sandbox, good);
    const offer = await offerFor(client);
    let refreshed = 0;
    const payer = createPayinClient({
      baseUrl: sandbox.url,
      getToken: ({ refresh }) => (refresh ? (refreshed += 1, good) : 'expired-token'),
    });
    await payer.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint });
    expect(refreshed).toBe(1);
    expect((await counters(sandbox, good)).pay).toBe(1);
  });
});
