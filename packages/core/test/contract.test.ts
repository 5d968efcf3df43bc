/**
 * Contract: every sandbox answer has every field of the matching documented Vault example,
 * with the same JSON type. Read as raw JSON, not through the client's schemas.
 */
import { describe, expect, it } from 'vitest';
import { vaultDoc } from './fixtures.js';
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

async function raw(token: string, method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, json: await response.json() };
}

describe('sandbox answers against the documented examples', () => {
  it('checks itself: a missing field and a changed type are found', () => {
    expect(contractGaps({ a: 1, b: { c: 'x' } }, { b: { c: 2 } })).toEqual(['$.a: missing', '$.b.c: string expected, number found']);
    expect(contractGaps({ list: [{ id: 1 }] }, { list: [] })).toEqual(['$.list: empty, the example has items']);
  });

  it('matches every documented answer: data, fiat rates, offer create and update, pay, pay callback, error', async () => {
    const token = newToken();
    const cardId = await addCardAndFind(clientFor(sandbox, token), testPan.decline);

    const data = await raw(token, 'GET', '/v3/payin/data');
    expect(contractGaps(vaultDoc('payin-data.response.json'), data.json)).toEqual([]);

    const fiat = await raw(token, 'GET', '/v3/payin/fiat-rates');
    expect(contractGaps(vaultDoc('fiat-rates.response.json'), fiat.json)).toEqual([]);

    const created = await raw(token, 'POST', '/v3/payin/offer', `{"cardId":${cardId},"fromCurrency":"EUR","toCurrency":"USDC","amount":31,"operation":"PAYIN"}`);
    expect(created.status).toBe(200);
    expect(contractGaps(vaultDoc('offer-create.response.json'), created.json)).toEqual([]);
    const offerId = (created.json as { offerId: number }).offerId;

    const updated = await raw(token, 'PUT', `/v3/payin/offer/${offerId}`, JSON.stringify(vaultDoc('offer-update.request.json')));
    expect(updated.status).toBe(200);
    expect(contractGaps(vaultDoc('offer-update.response.json'), updated.json)).toEqual([]);

    const paid = await raw(token, 'POST', `/v3/payin/pay/${offerId}`, JSON.stringify({ cardCVV: '123', successUrl: 'https://shop.example/r', fingerprint }));
    expect(paid.status).toBe(200);
    expect(contractGaps(vaultDoc('pay.response.json'), paid.json)).toEqual([]);

    const status = await raw(token, 'GET', `/v3/payin/pay-callback?offerId=${offerId}`);
    expect(contractGaps(vaultDoc('pay-callback.response.json'), status.json)).toEqual([]);
    expect(status.json).toMatchObject({ status: 'FAILURE', transactionStatus: 'Do not honour', transactionStatusCode: 400 });

    const error = await raw(token, 'POST', '/v3/payin/offer', '{"cardId":');
    expect(error.status).toBe(400);
    expect(contractGaps(vaultDoc('error.response.json'), error.json)).toEqual([]);
  });
});
