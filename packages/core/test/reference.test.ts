/**
 * Contract with Vault's own reference (the examples and field lists in reference/), both ways:
 * - every request the client builds has the reference's field names and JSON types (a loopback
 *   server stands in for Vault, answering with the documented examples, and records what arrives);
 * - every documented answer, and each variant the reference allows, reads as the checkout needs it;
 * - the sandbox takes every documented request example as it is (placeholders made real) and refuses
 *   the shapes the checkout used to send, naming the field.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyError,
  explained,
  collectFingerprint,
  createPayinClient,
  isUnexpectedResponseError,
  isVaultApiError,
  judgePayment,
  kycLevelOfCall,
  kycRank,
  type PayinClient,
  type PayinClientOptions,
} from '../src/index.js';
import { fieldsOf, pageOf, reference, referenceIndex, referenceText } from './fixtures.js';
import { fieldProblems } from './reference-fields.js';
import { addCardAndFind, clientFor, newCard, newToken, testPan, useSandbox } from './sandbox.js';

interface Recorded {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Reply {
  status: number;
  body?: string;
  contentType?: string;
}

const ROUTES: [RegExp, string, string][] = [
  [/^\/v3\/payin\/card\/\d+\/billing-address$/, 'POST', '/v3/payin/card/{cardId}/billing-address'],
  [/^\/v3\/payin\/card$/, 'POST', '/v3/payin/card'],
  [/^\/v3\/payin\/data$/, 'GET', '/v3/payin/data'],
  [/^\/v3\/payin\/fiat-rates$/, 'GET', '/v3/payin/fiat-rates'],
  [/^\/v3\/payin\/offer$/, 'POST', '/v3/payin/offer'],
  [/^\/v3\/payin\/offer\/\d+$/, 'PUT', '/v3/payin/offer/{offerId}'],
  [/^\/v3\/payin\/pay\/\d+$/, 'POST', '/v3/payin/pay/{offerId}'],
  [/^\/v3\/payin\/pay-callback$/, 'GET', '/v3/payin/pay-callback'],
  [/^\/v2\/customer\/profile$/, 'PATCH', '/v2/customer/profile'],
  [/^\/v2\/customer\/kyc\/data$/, 'GET', '/v2/customer/kyc/data'],
  [/^\/v2\/catalog\/operations$/, 'GET', '/v2/catalog/operations'],
  [/^\/v1\/kyc\/limits$/, 'GET', '/v1/kyc/limits'],
];

const routeOf = (method: string, path: string): string => {
  const found = ROUTES.find(([pattern, routeMethod]) => routeMethod === method && pattern.test(path));
  if (!found) throw new Error(`no route for ${method} ${path}`);
  return found[2];
};

/** Vault's documented answer to a call: its 200 example, or no body where the page documents none. */
function documentedReply(method: string, route: string): Reply {
  const page = pageOf(method, route);
  const ok = page.responses?.['200'];
  return ok?.example ? { status: 200, body: referenceText(ok.example) } : { status: 200 };
}

/** A loopback stand-in for Vault: records each request, answers with the documented example (or `reply`). */
async function vaultStandIn() {
  const requests: Recorded[] = [];
  let reply: ((request: Recorded) => Reply | undefined) | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://vault.test');
      const recorded: Recorded = { method: request.method ?? '', path: url.pathname, query: url.search, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = reply?.(recorded) ?? documentedReply(recorded.method, routeOf(recorded.method, recorded.path));
      response.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': answer.contentType ?? 'application/json' });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    answer: (next: typeof reply) => void (reply = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let vault: Awaited<ReturnType<typeof vaultStandIn>>;
beforeAll(async () => {
  vault = await vaultStandIn();
});
afterAll(() => vault.close());

const clientOfVault = (options: Partial<PayinClientOptions> = {}): PayinClient =>
  createPayinClient({ baseUrl: vault.origin, ...(options.getToken ? {} : { token: 'documented-token' }), retryLimit: 0, ...options });

/** Fields of the reference's requests the checkout leaves out, and why. */
const NOT_SENT: Readonly<Record<string, readonly string[]>> = {
  // The checkout sells no insurance.
  'PUT /v3/payin/offer/{offerId}': [
    'insuranceOrderRequest',
    'insuranceOrderRequest.baseAsset',
    'insuranceOrderRequest.expiryDate',
    'insuranceOrderRequest.linkedPrice',
    'insuranceOrderRequest.linkedPriceCurrency',
  ],
};

/** Fields the reference's examples show as null in a request. */
const NULL_IN_EXAMPLES = ['billingAddress.state', 'state'];

/** Numbers that are whole by their nature, whatever the reference's `integer` allows elsewhere. */
const WHOLE = [
  'cardNumber',
  'cardExpirationYear',
  'cardExpirationMonth',
  'cardId',
  'fingerprint.timezone',
  'fingerprint.browserColorDepth',
  'fingerprint.browserScreenHeight',
  'fingerprint.browserScreenWidth',
  'fingerprint.browserPixelDepth',
  'fingerprint.browserViewportHeight',
  'fingerprint.browserViewportWidth',
];

describe('requests as the reference documents them', () => {
  it('builds every request with the documented field names and JSON types, and nothing else', async () => {
    const client = clientOfVault();
    // As the checkout's machine calls the client: form values as typed, the browser's own data.
    const card = { ...newCard(testPan.nineteenDigits), billingAddress: { address: '17 Mellowood Ave', city: 'Brampton', countryCode: 'CA', zip: 'L6P 2454', state: '' } };
    await client.addCard(card);
    await client.addBillingAddress('127', { address: '17 Mellowood Ave', city: 'Brampton', countryCode: 'CA', zip: 'L6P 2454', state: null });
    await client.createOffer({ cardId: '127', fromCurrency: 'EUR', toCurrency: 'USDC', amount: '31' });
    await client.updateOffer('7402', { amount: '117.99', toAmount: '125.81098896', fromCurrency: 'EUR', toCurrency: 'USDC' });
    await client.pay('7402', { cardCVV: '737', successUrl: 'https://shop.example/return?payin_offer=7402', fingerprint: collectFingerprint() });
    await client.updateProfile({
      firstName: 'Anna',
      lastName: 'Schmidt',
      dateOfBirth: '1990-05-20',
      residenceCountry: 'DE',
      residenceCity: 'Munich',
      residenceStreet: 'Examplestrasse',
      residenceZipCode: '12345',
      primaryCurrency: 'EUR',
    });
    await client.getPayStatus('7402');

    const withBodies = vault.requests.filter((request) => request.body !== '');
    expect(withBodies.map((request) => `${request.method} ${routeOf(request.method, request.path)}`)).toEqual([
      'POST /v3/payin/card',
      'POST /v3/payin/card/{cardId}/billing-address',
      'POST /v3/payin/offer',
      'PUT /v3/payin/offer/{offerId}',
      'POST /v3/payin/pay/{offerId}',
      'PATCH /v2/customer/profile',
    ]);
    for (const request of withBodies) {
      const route = routeOf(request.method, request.path);
      const page = pageOf(request.method, route);
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const endpoint = `${request.method} ${route}`;
      const problems = fieldProblems(fieldsOf(page.request), body, {
        strict: true,
        allPresent: true,
        optional: NOT_SENT[endpoint] ?? [],
        nullable: NULL_IN_EXAMPLES,
      });
      expect({ endpoint, problems }).toEqual({ endpoint, problems: [] });
      for (const path of WHOLE) {
        const value = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], body);
        if (value !== undefined) expect({ path, whole: Number.isInteger(value) }).toEqual({ path, whole: true });
      }
      expect(request.headers['content-type']).toBe('application/json');
    }

    const [added, billing, , , paid, profile] = withBodies.map((request) => JSON.parse(request.body) as Record<string, unknown>);
    // The PAN as a JSON integer with all its digits; an empty state as null.
    expect(withBodies[0]?.body).toContain('"cardNumber":6212345678901234569');
    expect(added?.billingAddress).toMatchObject({ state: null });
    expect(billing).toMatchObject({ state: null });
    // The time zone as the browser's UTC offset in minutes; acceptContent sent too.
    expect((paid?.fingerprint as Record<string, unknown>).timezone).toBe(new Date().getTimezoneOffset());
    expect(typeof (paid?.fingerprint as Record<string, unknown>).acceptContent).toBe('string');
    // The profile as the reference's example sends it: a date-time and an alpha-3 country.
    expect(profile).toMatchObject({ dateOfBirth: '1990-05-20T00:00:00.000Z', residenceCountry: 'DEU' });
    expect(profile?.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    // The status check names the offer in its query, as an integer.
    expect(vault.requests.at(-1)?.query).toBe('?offerId=7402');
  });

  it('sends the caller\'s extra headers (X-Merchant-ID) with every request, the replay after a refused token included', async () => {
    const before = vault.requests.length;
    let refused = false;
    vault.answer((request) => {
      if (request.path === '/v3/payin/data' && !refused) {
        refused = true;
        return { status: 401, body: '{"error":"UNAUTHORIZED","message":"Token expired"}' };
      }
      return undefined;
    });
    try {
      const tokens: boolean[] = [];
      const client = clientOfVault({
        getToken: ({ refresh }) => (tokens.push(refresh), refresh ? 'fresh' : 'stale'),
        headers: { 'X-Merchant-ID': 'bece038f-2e46-49f4-b25e-89cd38d6dc16', Authorization: 'Bearer not-this-one' },
      });
      await client.getKycData();
      await client.getData();
      await client.createOffer({ cardId: '127', fromCurrency: 'EUR', toCurrency: 'USDC', amount: '31' });
      const sent = vault.requests.slice(before);
      expect(sent.map((request) => request.path)).toEqual(['/v2/customer/kyc/data', '/v3/payin/data', '/v3/payin/data', '/v3/payin/offer']);
      expect(sent.map((request) => request.headers['x-merchant-id'])).toEqual(Array(4).fill('bece038f-2e46-49f4-b25e-89cd38d6dc16'));
      // The client's own token wins over a header of the same name.
      expect(sent.map((request) => request.headers.authorization)).toEqual(['Bearer stale', 'Bearer stale', 'Bearer fresh', 'Bearer fresh']);
      expect(tokens).toEqual([false, true]);
    } finally {
      vault.answer(undefined);
    }
  });

  it('refuses headers that cannot be sent, when the client is made', () => {
    expect(() => clientOfVault({ headers: { 'X Merchant': 'x' } })).toThrow(TypeError);
  });
});

describe('answers as the reference documents them, and each variant it allows', () => {
  it('reads every documented answer', async () => {
    const client = clientOfVault();
    const data = await client.getData();
    expect(data.cards.map((card) => [card.cardId, card.billingAddressRequired, card.usable])).toEqual([
      ['127', false, true],
      ['289', true, true],
      ['999', true, true],
      ['150', false, true],
    ]);
    expect(data.pairs.find((pair) => pair.currencyTo === 'BTC')?.rate).toBe(0.000015174161437903);
    expect((await client.getFiatRates()).find((rate) => rate.symbolCurrency === 'JPY')?.rate).toBe(163.351439);
    const offer = await client.createOffer({ cardId: '1', fromCurrency: 'EUR', toCurrency: 'USDC', amount: '31' });
    expect(offer).toMatchObject({ offerId: '7402', validSeconds: 20, rate: { rate: 1.0662729658792651 } });
    expect((await client.updateOffer('7402', { amount: '117.99', toAmount: '120.24616516', fromCurrency: 'EUR', toCurrency: 'USDT' })).offerId).toBe('7402');
    const paid = await client.pay('7404', { cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint: collectFingerprint() });
    expect(paid).toMatchObject({ offerId: '7404', transactionAmount: '32.09', transactionStatusCode: 305 });
    expect(paid.authLink ?? null).toBeNull();
    const status = await client.getPayStatus('5423432476');
    expect(status).toMatchObject({ offerId: '5423432476', status: 'FAILURE', transactionAmount: '474.7' });
    expect(judgePayment('accepted', { status })).toBe('failed');
    expect(kycRank((await client.getKycData()).kycLevel)).toBe(1);
  });

  it('reads the catalog as its page shows it (one operation) and as its schema types it (a list)', async () => {
    const client = clientOfVault();
    expect(await client.getOperations()).toEqual([
      expect.objectContaining({ name: 'PAYOUT_CRYPTO', constraint: 'NONE', kycLevelPermissibleList: ['KYC_0'], currencyLimit: expect.arrayContaining(['BTC', 'USDT']) }),
    ]);
    const example = JSON.parse(referenceText('Feature Functionality Management/catalog-operations.response.json')) as Record<string, unknown>;
    vault.answer((request) => (request.path === '/v2/catalog/operations' ? { status: 200, body: JSON.stringify([example, { ...example, name: 'PAYIN_CARD', constraint: 'MAINTENANCE' }]) } : undefined));
    try {
      expect((await client.getOperations()).map((operation) => [operation.name, operation.constraint])).toEqual([
        ['PAYOUT_CRYPTO', 'NONE'],
        ['PAYIN_CARD', 'MAINTENANCE'],
      ]);
    } finally {
      vault.answer(undefined);
    }
  });

  it('reads the documented 400 of a pay from the documented KYC data and catalog: a KYC_0 customer is asked to verify, nothing else is made up', async () => {
    const client = clientOfVault();
    const common = pageOf('POST', '/v3/payin/pay/{offerId}').responses?.['400']?.example ?? '';
    const pay = () => client.pay('7404', { cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint: collectFingerprint() });
    const level = { kycLevel: 'KYC_0' };
    vault.answer((request) =>
      request.path.startsWith('/v3/payin/pay/')
        ? { status: 400, body: referenceText(common) }
        : request.path === '/v2/customer/kyc/data'
          ? { status: 200, body: JSON.stringify({ ...(JSON.parse(referenceText('KYC/status.response.json')) as object), ...level }) }
          : undefined,
    );
    try {
      expect(await explained(client, undefined, pay).catch((error: unknown) => classifyError(error))).toMatchObject({ kind: 'kyc', level: 'KYC_1', status: 400, code: 'COMMON' });
      level.kycLevel = 'KYC_1';
      // Verified, with card purchases open to the level: Vault's 400 stays what it was, a refusal with no reason.
      expect(await explained(client, undefined, pay).catch((error: unknown) => classifyError(error))).toMatchObject({ kind: 'rejected', status: 400, code: 'COMMON' });
    } finally {
      vault.answer(undefined);
    }
  });

  it('reads kycLevel in both spellings of the reference (KYC1 in its text, KYC_1 in its example), and NONE', async () => {
    const client = clientOfVault();
    const levels: string[] = [];
    for (const kycLevel of ['NONE', 'KYC_0', 'KYC1', 'KYC_1', 'KYC2', 'KYC3']) {
      vault.answer(() => ({ status: 200, body: JSON.stringify({ ...(reference('KYC/status.response.json') as object), kycLevel }) }));
      levels.push(`${kycLevel}=${kycRank((await client.getKycData()).kycLevel)}`);
    }
    vault.answer(undefined);
    expect(levels).toEqual(['NONE=-1', 'KYC_0=0', 'KYC1=1', 'KYC_1=1', 'KYC2=2', 'KYC3=3']);
  });

  it('reads the data answer\'s feeInfo as an object (its documented type), a list or null; a card without billingAddressRequired needs an address', async () => {
    const client = clientOfVault();
    const example = reference('PayIn/get-available-rates-and-cards-payin.response.json') as Record<string, unknown> & { cards: Record<string, unknown>[] };
    const fee = { name: 'Transaction fee', value: 0.93, valueOld: 0.93, includeInRate: false };
    const read = async (change: Record<string, unknown>) => {
      vault.answer(() => ({ status: 200, body: JSON.stringify({ ...example, ...change }) }));
      try {
        return await client.getData();
      } finally {
        vault.answer(undefined);
      }
    };
    expect((await read({ feeInfo: fee })).feeInfo).toEqual([fee]);
    expect((await read({ feeInfo: [fee, fee] })).feeInfo).toEqual([fee, fee]);
    expect((await read({ feeInfo: null })).feeInfo).toBeNull();
    const { billingAddressRequired: _dropped, ...withoutDefault } = example.cards[0] ?? {};
    const cards = (await read({ cards: [withoutDefault, { ...example.cards[0], billingAddressRequired: null }] })).cards;
    expect(cards.map((card) => card.billingAddressRequired)).toEqual([true, true]);
  });

  it('keeps a card Vault has not approved, with what a renderer needs to show it disabled', async () => {
    const client = clientOfVault();
    const example = reference('PayIn/get-available-rates-and-cards-payin.response.json') as { cards: Record<string, unknown>[] };
    const statuses = ['APPROVED', 'PENDING', 'UNDER_REVIEW', 'DENIED', 'DECLINED', null];
    vault.answer(() => ({ status: 200, body: JSON.stringify({ ...example, cards: statuses.map((validationStatus, i) => ({ ...example.cards[0], cardId: 100 + i, validationStatus })) }) }));
    const { cards } = await client.getData();
    vault.answer(undefined);
    expect(cards.map((card) => [card.validationStatus, card.usable, card.unusableReason])).toEqual([
      ['APPROVED', true, undefined],
      ['PENDING', false, 'card.unusable-pending'],
      ['UNDER_REVIEW', false, 'card.unusable-pending'],
      ['DENIED', false, 'card.unusable-denied'],
      ['DECLINED', false, 'card.unusable-denied'],
      [null, true, undefined],
    ]);
  });

  it('reads an error body without errorId or systemId as Vault\'s, keeping its message for the customer', async () => {
    const client = clientOfVault();
    vault.answer(() => ({ status: 400, body: JSON.stringify({ error: 'COMMON', message: 'The amount is too small.', field: 'amount' }) }));
    const error = await client.createOffer({ cardId: '1', fromCurrency: 'EUR', toCurrency: 'USDC', amount: '1' }).catch((caught: unknown) => caught);
    vault.answer(undefined);
    expect(isVaultApiError(error) && error).toMatchObject({ status: 400, error: 'COMMON', message: 'The amount is too small.', field: 'amount', errorId: undefined, systemId: undefined });
    expect(classifyError(error)).toMatchObject({ kind: 'field', field: 'amount', serverMessage: 'The amount is too small.' });
    // The documented example itself.
    vault.answer(() => ({ status: 400, body: referenceText('PayIn/add-card.error.json') }));
    const documented = await client.getData().catch((caught: unknown) => caught);
    vault.answer(undefined);
    expect(isVaultApiError(documented) && documented).toMatchObject({ error: 'COMMON', errorId: 0, systemId: 'core' });
  });

  it('takes any 401 for a refused token and any 403 of a KYC-gated call for a KYC refusal, whatever the body', async () => {
    const client = clientOfVault();
    const cases: [number, Reply, () => Promise<unknown>, Record<string, unknown>][] = [
      [401, { status: 401, body: '<html><body>Unauthorized</body></html>', contentType: 'text/html' }, () => client.getData(), { kind: 'auth' }],
      [401, { status: 401, body: '{"detail":"jwt expired"}' }, () => client.getKycData(), { kind: 'auth' }],
      [403, { status: 403, body: '{}' }, () => client.getData(), { kind: 'kyc', level: 'KYC_0' }],
      [403, { status: 403, body: '' }, () => client.pay('7402', { cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint: {} }), { kind: 'kyc', level: 'KYC_1' }],
      [403, { status: 403, body: '{"error":"COMMON","message":"Please pass KYC1 verification"}' }, () => client.getPayStatus('7402'), { kind: 'kyc', level: 'KYC_1' }],
      [403, { status: 403, body: '{"error":"FORBIDDEN","message":"Not allowed"}' }, () => client.getKycData(), { kind: 'rejected' }],
    ];
    for (const [status, reply, request, expected] of cases) {
      vault.answer(() => reply);
      const error = await request().catch((caught: unknown) => caught);
      vault.answer(undefined);
      expect({ status, error: classifyError(error) }).toMatchObject({ status, error: expected });
    }
    expect(isUnexpectedResponseError(await (vault.answer(() => ({ status: 401, body: '{}' })), client.getData().catch((caught: unknown) => caught)))).toBe(true);
    vault.answer(undefined);
  });

  it('knows the level each call needs, as KYC/README.md lists them', () => {
    const levels = referenceIndex.pages['KYC/README.md']?.levels ?? {};
    const calls = Object.entries(levels).flatMap(([level, list]) => list.map((call) => [call, level]));
    expect(calls).toHaveLength(8);
    expect(calls.map(([call]) => [call, kycLevelOfCall(call ?? '')])).toEqual(calls);
    expect(kycLevelOfCall('PATCH /v2/customer/profile')).toBeUndefined();
    expect(kycLevelOfCall('GET /v2/customer/kyc/data')).toBeUndefined();
  });

  it('keeps a status other than SUCCESS and FAILURE "not final yet"', async () => {
    const client = clientOfVault();
    const example = reference('PayIn/pay-callback.response.json') as object;
    for (const status of ['PENDING', 'PROCESSING', 'NEW', 'success', '']) {
      vault.answer(() => ({ status: 200, body: JSON.stringify({ ...example, status }) }));
      const answer = await client.getPayStatus('5423432476');
      expect({ status, verdict: judgePayment('accepted', { status: answer }) }).toEqual({ status, verdict: 'unknown' });
    }
    vault.answer(undefined);
  });
});

describe('the sandbox and the reference\'s request examples', () => {
  const sandbox = useSandbox();

  async function send(token: string, method: string, path: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', ...headers },
      ...(method === 'GET' ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  /** An example as the reference writes it, with a placeholder replaced (`"cardCVV": "***"` → a real CVV). */
  const withPlaceholder = (file: string, from: string, to: string): string => {
    const text = referenceText(file);
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    return text.replace(from, to);
  };

  it('takes every documented request example as it is', async () => {
    // The profile, as the example writes it: lifts a new customer to KYC_0.
    const newcomer = newToken('none');
    const profile = await send(newcomer, 'PATCH', '/v2/customer/profile', referenceText('Profile/update-customer-profile.request.json'));
    expect(profile.status).toBe(200);
    const kyc = await send(newcomer, 'GET', '/v2/customer/kyc/data', '');
    expect(kyc.json?.kycLevel).toBe('KYC_0');

    const token = newToken();
    // The card: its expiry (3/2026) is the one placeholder.
    const year = new Date().getFullYear() + 2;
    const card = await send(token, 'POST', '/v3/payin/card', withPlaceholder('PayIn/add-card.request.json', '"cardExpirationYear": 2026', `"cardExpirationYear": ${year}`));
    expect(card.status).toBe(200);
    const client = clientFor(sandbox, token);
    const saved = (await client.getData()).cards.find((item) => item.maskedPan === '4012***1881');
    expect(saved).toBeDefined();
    const cardId = saved?.cardId ?? '';

    // A billing address for a card that needs one (the card id in the path is the placeholder).
    const needsAddress = await addCardAndFind(client, testPan.billingAddressRequired);
    const billing = await send(token, 'POST', `/v3/payin/card/${needsAddress}/billing-address`, referenceText('PayIn/add-card-billing-address.request.json'));
    expect(billing.status).toBe(200);

    // The offer, for this customer's card (the card id is the placeholder).
    const created = await send(token, 'POST', '/v3/payin/offer', withPlaceholder('PayIn/create-offer-without-charging-customer.request.json', '"cardId": 1', `"cardId": ${cardId}`));
    expect(created.status).toBe(200);
    const offerId = String(created.json?.offerId);
    const updated = await send(token, 'PUT', `/v3/payin/offer/${offerId}`, referenceText('PayIn/update-existing-offer-without.request.json'));
    expect(updated.status).toBe(200);

    // Pay, as the example writes it: no successUrl, 8 fingerprint fields, the CVV masked as the placeholder.
    const paid = await send(token, 'POST', `/v3/payin/pay/${offerId}`, withPlaceholder('PayIn/execute-offer-payment.request.json', '"cardCVV": "***"', '"cardCVV": "123"'));
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({ offerId: Number(offerId), authLink: null, successUrl: null });
    expect((await client.getPayStatus(offerId)).status).toBe('SUCCESS');

    // Sign-in: the example's body as the page shows it (JSON) and form-encoded, with the example header's default.
    const merchant = (reference('Authorization/signin.headers.json') as { 'X-Merchant-ID': { default: string } })['X-Merchant-ID'].default;
    const asShown = await send('', 'POST', '/oauth/token', referenceText('Authorization/signin.request.json'), { 'x-merchant-id': merchant });
    expect(asShown.status).toBe(200);
    expect(asShown.json).toMatchObject({ token_type: 'bearer', scope: 'read write' });
    const form = new URLSearchParams(reference('Authorization/signin.request.json') as Record<string, string>).toString();
    const formEncoded = await send('', 'POST', '/oauth/token', form, { 'x-merchant-id': merchant, 'content-type': 'application/x-www-form-urlencoded' });
    expect(formEncoded.json?.access_token).toBe(asShown.json?.access_token);
  });

  it('refuses the shapes the checkout used to send, naming the field', async () => {
    const profileExample = reference('Profile/update-customer-profile.request.json') as Record<string, unknown>;
    const profiles: [string, Record<string, unknown>][] = [
      ['dateOfBirth', { ...profileExample, dateOfBirth: '1990-05-20' }],
      ['residenceCountry', { ...profileExample, residenceCountry: 'DE' }],
    ];
    for (const [field, body] of profiles) {
      const answer = await send(newToken('none'), 'PATCH', '/v2/customer/profile', JSON.stringify(body));
      expect({ status: answer.status, field: answer.json?.field }).toEqual({ status: 400, field });
    }

    const token = newToken();
    const client = clientFor(sandbox, token);
    const cardId = await addCardAndFind(client, testPan.frictionless);
    const offer = await client.createOffer({ cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount: '31' });
    const payExample = JSON.parse(withPlaceholder('PayIn/execute-offer-payment.request.json', '"cardCVV": "***"', '"cardCVV": "123"')) as { fingerprint: object };
    const named = await send(token, 'POST', `/v3/payin/pay/${offer.offerId}`, JSON.stringify({ ...payExample, fingerprint: { ...payExample.fingerprint, timezone: 'Europe/Berlin' } }));
    expect({ status: named.status, field: named.json?.field }).toEqual({ status: 400, field: 'fingerprint.timezone' });
    // Refused, so nothing was charged: the offer can still be paid with the documented type.
    const minutes = await send(token, 'POST', `/v3/payin/pay/${offer.offerId}`, JSON.stringify({ ...payExample, fingerprint: { ...payExample.fingerprint, timezone: -60 } }));
    expect(minutes.status).toBe(200);
  });

  it('has an example, or says why not, for every call the checkout makes', () => {
    const calls = ['/v3/payin/card', '/v3/payin/card/{cardId}/billing-address', '/v3/payin/data', '/v3/payin/fiat-rates', '/v3/payin/offer', '/v3/payin/offer/{offerId}', '/v3/payin/pay/{offerId}', '/v3/payin/pay-callback', '/v2/customer/profile', '/v2/customer/kyc/data'];
    const documented = Object.values(referenceIndex.pages).map((page) => page.path);
    expect(calls.filter((path) => !documented.includes(path))).toEqual([]);
  });
});
