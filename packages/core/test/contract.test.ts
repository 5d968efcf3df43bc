/**
 * Contract: every sandbox answer has every field of the matching documented Vault example, with the
 * same JSON type, and every field of the reference's field list for that answer, with its documented
 * type — in both profiles. In the documented profile, every refusal of a PayIn call is exactly the
 * page's error example. Read as raw JSON, not through the client's schemas.
 */
import { describe, expect, it } from 'vitest';
import { fieldsOf, pageOf, reference } from './fixtures.js';
import { fieldProblems } from './reference-fields.js';
import { addCardAndFind, clientFor, fingerprint, newToken, setCatalog, settings, testPan, useSandbox, type Sandbox } from './sandbox.js';

const documented = useSandbox({ profile: 'documented' });
const profiles = [
  ['default', useSandbox()],
  ['documented', documented],
] as const;

const jsonType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Lists where `actual` lacks a field of `example` or has it with another JSON type (example nulls match anything). */
function contractGaps(example: unknown, actual: unknown, path = '$'): string[] {
  if (example === null) return [];
  if (jsonType(example) !== jsonType(actual)) return [`${path}: ${jsonType(example)} expected, ${jsonType(actual)} found`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length > 0 && actual.length === 0) return [`${path}: empty, the example has items`];
    return actual.flatMap((item, index) => (example.length ? contractGaps(example[0], item, `${path}[${index}]`) : []));
  }
  if (typeof example === 'object' && typeof actual === 'object') {
    return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) =>
      key in (actual as object)
        ? contractGaps(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return [];
}

async function raw(
  sandbox: Sandbox,
  token: string,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, accept: 'application/json', 'x-merchant-id': 'merchant' },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Gaps of a sandbox answer against the documented example and the field list of `METHOD route`'s answer. */
function documentedGaps(method: string, route: string, status: '200' | '400', actual: unknown, allPresent = true): string[] {
  const answer = pageOf(method, route).responses?.[status];
  const example = answer?.example ? reference(answer.example) : undefined;
  return [...contractGaps(example ?? null, actual), ...fieldProblems(fieldsOf(answer), actual, { allPresent, example })];
}

/**
 * Gaps of the catalog's answer: an array (as the page's OpenAPI file types it) whose every item has
 * every field of the page's example, one operation, and of its field list.
 */
function catalogGaps(actual: unknown): string[] {
  const answer = pageOf('GET', '/v2/catalog/operations').responses?.['200'];
  const example = reference(answer?.example ?? '');
  if (!Array.isArray(actual) || actual.length === 0) return ['$: a non-empty array expected'];
  return [
    ...actual.flatMap((item, index) => contractGaps(example, item, `$[${index}]`)),
    ...fieldProblems(fieldsOf(answer), actual, { allPresent: true, example: [example] }),
  ];
}

/** The error example of the page documenting `METHOD route`. */
const errorExample = (method: string, route: string): unknown => reference(pageOf(method, route).responses?.['400']?.example ?? '');

describe('sandbox answers against the documented examples', () => {
  it('checks itself: a missing field and a changed type are found', () => {
    expect(contractGaps({ a: 1, b: { c: 'x' } }, { b: { c: 2 } })).toEqual(['$.a: missing', '$.b.c: string expected, number found']);
    expect(contractGaps({ list: [{ id: 1 }] }, { list: [] })).toEqual(['$.list: empty, the example has items']);
    const fields = { id: 'integer', 'cards[].state': 'string', extra: 'boolean' } as const;
    expect(fieldProblems(fields, { id: '7', cards: [{ state: 1 }, { state: null }] }, { allPresent: true, example: { cards: [{ state: null }] } })).toEqual([
      'id: integer documented, string found',
      'cards[].state: string documented, number found',
      'extra: missing',
    ]);
    expect(fieldProblems({ a: 'string' }, { a: 'x', b: 1 }, { strict: true })).toEqual(['b: not in the reference\'s field list']);
    expect(catalogGaps(reference('Feature Functionality Management/catalog-operations.response.json'))).toEqual(['$: a non-empty array expected']);
    expect(catalogGaps([{ name: 'PAYIN_CARD', constraint: 'NONE', kycLevelPermissibleList: [1], supportedVersion: '1.0' }])).toEqual([
      '$[0].kycLevelPermissibleList[0]: string expected, number found',
      '$[0].currencyLimit: missing',
      '$[0].urlPatterns: missing',
      '$[0].previewUrlPatterns: missing',
      '[].kycLevelPermissibleList[]: string documented, number found',
    ]);
  });

  it.each(profiles)('matches every documented answer and field list in the %s profile: data, fiat rates, offer create and update, pay, pay callback, KYC, profile, token, catalog, KYC limits, error', async (_profile, sandbox) => {
    const token = newToken();
    const cardId = await addCardAndFind(clientFor(sandbox, token), testPan.decline);

    const data = await raw(sandbox, token, 'GET', '/v3/payin/data');
    expect(documentedGaps('GET', '/v3/payin/data', '200', data.json)).toEqual([]);

    const fiat = await raw(sandbox, token, 'GET', '/v3/payin/fiat-rates');
    expect(documentedGaps('GET', '/v3/payin/fiat-rates', '200', fiat.json)).toEqual([]);

    const created = await raw(sandbox, token, 'POST', '/v3/payin/offer', `{"cardId":${cardId},"fromCurrency":"EUR","toCurrency":"USDC","amount":31,"operation":"PAYIN"}`);
    expect(created.status).toBe(200);
    expect(documentedGaps('POST', '/v3/payin/offer', '200', created.json)).toEqual([]);
    const offerId = (created.json as { offerId: number }).offerId;

    const updated = await raw(sandbox, token, 'PUT', `/v3/payin/offer/${offerId}`, JSON.stringify(reference('PayIn/update-existing-offer-without.request.json')));
    expect(updated.status).toBe(200);
    expect(documentedGaps('PUT', '/v3/payin/offer/{offerId}', '200', updated.json)).toEqual([]);

    const paid = await raw(sandbox, token, 'POST', `/v3/payin/pay/${offerId}`, JSON.stringify({ cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint }));
    expect(paid.status).toBe(200);
    expect(documentedGaps('POST', '/v3/payin/pay/{offerId}', '200', paid.json)).toEqual([]);

    const status = await raw(sandbox, token, 'GET', `/v3/payin/pay-callback?offerId=${offerId}`);
    expect(documentedGaps('GET', '/v3/payin/pay-callback', '200', status.json)).toEqual([]);
    expect(status.json).toMatchObject({ status: 'FAILURE', transactionStatus: 'Do not honour', transactionStatusCode: 400 });

    const kyc = await raw(sandbox, token, 'GET', '/v2/customer/kyc/data');
    expect(documentedGaps('GET', '/v2/customer/kyc/data', '200', kyc.json)).toEqual([]);

    // The profile answer leaves out what the customer has not filled: the fields present are checked.
    const newcomer = newToken('none');
    expect((await raw(sandbox, newcomer, 'PATCH', '/v2/customer/profile', JSON.stringify(reference('Profile/update-customer-profile.request.json')))).status).toBe(200);
    const profile = await raw(sandbox, newcomer, 'GET', '/v2/customer/profile');
    expect(fieldProblems(fieldsOf(pageOf('GET', '/v2/customer/profile').responses?.['200']), profile.json)).toEqual([]);
    expect(profile.json).toMatchObject({ firstName: 'Anna', residenceCountry: 'DE', dateOfBirth: '1990-05-20T00:00:00' });

    const signedIn = await raw(sandbox, '', 'POST', '/oauth/token', 'grant_type=mobile_phone&number=%2B447871239999&password=x', 'application/x-www-form-urlencoded');
    expect(documentedGaps('POST', '/oauth/token', '200', signedIn.json)).toEqual([]);

    // A payment not final yet: its status is a word of the profile's, the answer still the page's.
    const pendingCard = await addCardAndFind(clientFor(sandbox, token), testPan.threeDSecure);
    const pendingOffer = await raw(sandbox, token, 'POST', '/v3/payin/offer', `{"cardId":${pendingCard},"fromCurrency":"EUR","toCurrency":"BTC","amount":31}`);
    const pendingId = (pendingOffer.json as { offerId: number }).offerId;
    expect((await raw(sandbox, token, 'POST', `/v3/payin/pay/${pendingId}`, JSON.stringify({ cardCVV: '123' }))).status).toBe(200);
    const pending = await raw(sandbox, token, 'GET', `/v3/payin/pay-callback?offerId=${pendingId}`);
    expect(documentedGaps('GET', '/v3/payin/pay-callback', '200', pending.json)).toEqual([]);

    const catalog = await raw(sandbox, token, 'GET', '/v2/catalog/operations');
    expect(catalog.status).toBe(200);
    expect(catalogGaps(catalog.json)).toEqual([]);
    const closed = newToken();
    await setCatalog(sandbox, closed, { constraint: 'MAINTENANCE', kycLevelPermissibleList: ['KYC_2'], currencyLimit: ['EUR'] });
    expect(catalogGaps((await raw(sandbox, closed, 'GET', '/v2/catalog/operations')).json)).toEqual([]);

    const limits = await raw(sandbox, newcomer, 'GET', '/v1/kyc/limits');
    expect(limits.status).toBe(200);
    expect(documentedGaps('GET', '/v1/kyc/limits', '200', limits.json)).toEqual([]);

    const error = await raw(sandbox, token, 'POST', '/v3/payin/offer', '{"cardId":');
    expect(error.status).toBe(400);
    expect(documentedGaps('POST', '/v3/payin/offer', '400', error.json, false)).toEqual([]);
  });
});

describe('the documented profile: every refusal of a PayIn call is the page\'s error example, exactly', () => {
  const offerBody = (cardId: string, amount = 31) => JSON.stringify({ cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount, operation: 'PAYIN' });
  const payBody = JSON.stringify({ cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint });

  it('answers KYC too low, expired and paid offers, bad fields, an unknown offer and a disabled catalog 400 with the error example', async () => {
    const token = newToken();
    const cardId = await addCardAndFind(clientFor(documented, token), testPan.frictionless);
    const offerOf = async () => ((await raw(documented, token, 'POST', '/v3/payin/offer', offerBody(cardId))).json as { offerId: number }).offerId;
    const refusals: [string, string, string, { status: number; json: unknown }][] = [];
    const refused = async (name: string, method: string, route: string, path: string, body?: string, as = token) => {
      refusals.push([name, method, route, await raw(documented, as, method, path, body)]);
    };

    // KYC too low: a new customer for data and offers, a customer with a profile only for pay and its status.
    const none = newToken('none');
    const kyc0 = newToken('kyc0');
    await refused('KYC too low for data', 'GET', '/v3/payin/data', '/v3/payin/data', undefined, none);
    await refused('KYC too low for an offer', 'POST', '/v3/payin/offer', '/v3/payin/offer', offerBody(cardId), none);
    await refused('KYC too low to pay', 'POST', '/v3/payin/pay/{offerId}', `/v3/payin/pay/${await offerOf()}`, payBody, kyc0);
    await refused('KYC too low for a status', 'GET', '/v3/payin/pay-callback', '/v3/payin/pay-callback?offerId=1', undefined, kyc0);

    // Bad fields.
    await refused('an amount that is not a number', 'POST', '/v3/payin/offer', '/v3/payin/offer', offerBody(cardId).replace('31', '"3.1e1"'));
    await refused('an amount over the limit', 'POST', '/v3/payin/offer', '/v3/payin/offer', offerBody(cardId, 5001));
    await refused('a card number failing Luhn', 'POST', '/v3/payin/card', '/v3/payin/card', JSON.stringify({ cardNumber: '4242424242424241', cardHolder: 'A', cardExpirationYear: 2099, cardExpirationMonth: 1, billingAddress: { address: 'a', city: 'b', countryCode: 'DE', zip: '1' } }));
    const offerId = await offerOf();
    await refused('a CVV of two digits', 'POST', '/v3/payin/pay/{offerId}', `/v3/payin/pay/${offerId}`, JSON.stringify({ cardCVV: '12' }));

    // Unknown offers, no payment yet.
    await refused('an unknown offer at pay-callback', 'GET', '/v3/payin/pay-callback', '/v3/payin/pay-callback?offerId=987654321');
    await refused('no payment for the offer at pay-callback', 'GET', '/v3/payin/pay-callback', `/v3/payin/pay-callback?offerId=${offerId}`);
    await refused('an unknown offer to update', 'PUT', '/v3/payin/offer/{offerId}', '/v3/payin/offer/987654321', JSON.stringify(reference('PayIn/update-existing-offer-without.request.json')));

    // A paid offer, paid or updated again.
    expect((await raw(documented, token, 'POST', `/v3/payin/pay/${offerId}`, payBody)).status).toBe(200);
    await refused('a paid offer, paid again', 'POST', '/v3/payin/pay/{offerId}', `/v3/payin/pay/${offerId}`, payBody);
    await refused('a paid offer, updated', 'PUT', '/v3/payin/offer/{offerId}', `/v3/payin/offer/${offerId}`, JSON.stringify(reference('PayIn/update-existing-offer-without.request.json')));

    // An expired offer.
    await settings(documented, token, { offerTtlSeconds: 1 });
    const expiring = await offerOf();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await refused('an expired offer', 'POST', '/v3/payin/pay/{offerId}', `/v3/payin/pay/${expiring}`, payBody);

    // Card purchases disabled in the catalog: every PayIn call.
    await setCatalog(documented, token, { constraint: 'DISABLED' });
    await refused('data, disabled', 'GET', '/v3/payin/data', '/v3/payin/data');
    await refused('fiat rates, disabled', 'GET', '/v3/payin/fiat-rates', '/v3/payin/fiat-rates');
    await refused('an offer, disabled', 'POST', '/v3/payin/offer', '/v3/payin/offer', offerBody(cardId));
    await refused('a pay, disabled', 'POST', '/v3/payin/pay/{offerId}', `/v3/payin/pay/${expiring}`, payBody);
    await refused('a status, disabled', 'GET', '/v3/payin/pay-callback', `/v3/payin/pay-callback?offerId=${offerId}`);

    expect(refusals).toHaveLength(19);
    for (const [name, method, route, answer] of refusals) {
      expect({ name, status: answer.status, body: answer.json }).toEqual({ name, status: 400, body: errorExample(method, route) });
      expect(documentedGaps(method, route, '400', answer.json, false)).toEqual([]);
    }
  });
});
