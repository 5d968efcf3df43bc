/**
 * Contract: every sandbox answer has every field of the matching documented Vault example, with the
 * same JSON type, and every field of the reference's field list for that answer, with its documented
 * type. Read as raw JSON, not through the client's schemas.
 */
import { describe, expect, it } from 'vitest';
import { fieldsOf, pageOf, reference } from './fixtures.js';
import { fieldProblems } from './reference-fields.js';
import { addCardAndFind, clientFor, fingerprint, newToken, testPan, useSandbox } from './sandbox.js';

const sandbox = useSandbox();

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

async function raw(token: string, method: string, path: string, body?: string, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
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
  });

  it('matches every documented answer and field list: data, fiat rates, offer create and update, pay, pay callback, KYC, profile, token, error', async () => {
    const token = newToken();
    const cardId = await addCardAndFind(clientFor(sandbox, token), testPan.decline);

    const data = await raw(token, 'GET', '/v3/payin/data');
    expect(documentedGaps('GET', '/v3/payin/data', '200', data.json)).toEqual([]);

    const fiat = await raw(token, 'GET', '/v3/payin/fiat-rates');
    expect(documentedGaps('GET', '/v3/payin/fiat-rates', '200', fiat.json)).toEqual([]);

    const created = await raw(token, 'POST', '/v3/payin/offer', `{"cardId":${cardId},"fromCurrency":"EUR","toCurrency":"USDC","amount":31,"operation":"PAYIN"}`);
    expect(created.status).toBe(200);
    expect(documentedGaps('POST', '/v3/payin/offer', '200', created.json)).toEqual([]);
    const offerId = (created.json as { offerId: number }).offerId;

    const updated = await raw(token, 'PUT', `/v3/payin/offer/${offerId}`, JSON.stringify(reference('PayIn/update-existing-offer-without.request.json')));
    expect(updated.status).toBe(200);
    expect(documentedGaps('PUT', '/v3/payin/offer/{offerId}', '200', updated.json)).toEqual([]);

    const paid = await raw(token, 'POST', `/v3/payin/pay/${offerId}`, JSON.stringify({ cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint }));
    expect(paid.status).toBe(200);
    expect(documentedGaps('POST', '/v3/payin/pay/{offerId}', '200', paid.json)).toEqual([]);

    const status = await raw(token, 'GET', `/v3/payin/pay-callback?offerId=${offerId}`);
    expect(documentedGaps('GET', '/v3/payin/pay-callback', '200', status.json)).toEqual([]);
    expect(status.json).toMatchObject({ status: 'FAILURE', transactionStatus: 'Do not honour', transactionStatusCode: 400 });

    const kyc = await raw(token, 'GET', '/v2/customer/kyc/data');
    expect(documentedGaps('GET', '/v2/customer/kyc/data', '200', kyc.json)).toEqual([]);

    // The profile answer leaves out what the customer has not filled: the fields present are checked.
    const newcomer = newToken('none');
    expect((await raw(newcomer, 'PATCH', '/v2/customer/profile', JSON.stringify(reference('Profile/update-customer-profile.request.json')))).status).toBe(200);
    const profile = await raw(newcomer, 'GET', '/v2/customer/profile');
    expect(fieldProblems(fieldsOf(pageOf('GET', '/v2/customer/profile').responses?.['200']), profile.json)).toEqual([]);
    expect(profile.json).toMatchObject({ firstName: 'Anna', residenceCountry: 'DE', dateOfBirth: '1990-05-20T00:00:00' });

    const signedIn = await raw('', 'POST', '/oauth/token', 'grant_type=mobile_phone&number=%2B447871239999&password=x', 'application/x-www-form-urlencoded');
    expect(documentedGaps('POST', '/oauth/token', '200', signedIn.json)).toEqual([]);

    const error = await raw(token, 'POST', '/v3/payin/offer', '{"cardId":');
    expect(error.status).toBe(400);
    expect(documentedGaps('POST', '/v3/payin/offer', '400', error.json, false)).toEqual([]);
  });
});
