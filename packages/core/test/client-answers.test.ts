/**
 * Answers checked for sense over HTTP: the sandbox delivers impossible figures (a whole documented
 * answer through a `status` fault, or the real answer with a few fields changed through a `patch`
 * fault) and the client refuses them before anything is shown or paid.
 */
import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError, isUnexpectedResponseError } from '../src/index.js';
import { reference } from './fixtures.js';
import { addCardAndFind, caught, clientFor, counters, fingerprint, injectFault, newToken, offerFor, testPan, useSandbox, type Sandbox } from './sandbox.js';

const sandbox = useSandbox();
const successUrl = 'https://shop.example/checkout/return';

/** Deep-merges `body` into the real answers of the route's next `count` requests (the sandbox's `patch` fault). */
async function patchAnswers(at: Sandbox, token: string, route: string, body: Record<string, unknown>, count = 1): Promise<void> {
  const response = await fetch(`${at.url}/sandbox/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ route, kind: 'patch', body, count }),
  });
  if (response.status !== 204) throw new Error(`the patch fault was refused: ${response.status} ${await response.text()}`);
}


const issuePaths = (error: unknown): string[] => (isUnexpectedResponseError(error) ? error.issues.map((issue) => issue.path) : []);

describe('absurd answers over HTTP', () => {
  it('refuses a documented offer delivered with a negative rate (status fault with a body)', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const cardId = await addCardAndFind(client, testPan.frictionless);
    const offer = reference('PayIn/create-offer-without-charging-customer.response.json') as { rate: Record<string, unknown> };
    await injectFault(sandbox, token, {
      route: 'offer-create',
      kind: 'status',
      status: 200,
      body: { ...offer, rate: { ...offer.rate, rate: -1.0662729658792651 } },
    });
    const error = await caught(client.createOffer({ cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount: '31' }));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(isUnexpectedResponseError(error) && error).toMatchObject({ status: 200, endpoint: 'POST /v3/payin/offer' });
    expect(isUnexpectedResponseError(error) && error.issues).toEqual([{ path: 'rate.rate', problem: 'must be above zero' }]);
    expect((error as Error).message).not.toContain('1.066');
  });

  it('refuses rates and fees of the real data answer made negative or absurd (patch fault)', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    await patchAnswers(sandbox, token, 'data', { fees: { transactionFee: -0.03, crypteriumGas: 7 } });
    expect(issuePaths(await caught(client.getData()))).toEqual(['fees.crypteriumGas', 'fees.transactionFee']);

    await patchAnswers(sandbox, token, 'data', { pairs: [{ currencyFrom: 'EUR', currencyTo: 'BTC', rate: 0, amountScaleFrom: 8, amountScaleTo: 40 }] });
    expect(issuePaths(await caught(client.getData()))).toEqual(['pairs.0.rate', 'pairs.0.amountScaleTo']);

    await patchAnswers(sandbox, token, 'data', { defaultMaxAmountFrom: 1e300 });
    expect(issuePaths(await caught(client.getData()))).toEqual(['defaultMaxAmountFrom']);

    // The next answer is real again.
    expect((await client.getData()).pairs.length).toBeGreaterThan(0);
  });

  it('refuses an offer with a negative fee line or an absurd rate, and keeps one with validSeconds 0', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const cardId = await addCardAndFind(client, testPan.frictionless);
    const request = { cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount: '31' };

    await patchAnswers(sandbox, token, 'offer-create', { feeInfo: [{ name: 'Transaction fee', value: -0.93, scale: 8, currency: 'EUR' }] });
    expect(issuePaths(await caught(client.createOffer(request)))).toEqual(['feeInfo.0.value']);

    await patchAnswers(sandbox, token, 'offer-create', { rate: { rate: 1e15 } });
    expect(issuePaths(await caught(client.createOffer(request)))).toEqual(['rate.rate']);

    await patchAnswers(sandbox, token, 'offer-create', { validSeconds: 1.5 });
    expect(issuePaths(await caught(client.createOffer(request)))).toEqual(['validSeconds']);

    // The machine clamps validSeconds: 0 is still an answer the checkout can read.
    await patchAnswers(sandbox, token, 'offer-create', { validSeconds: 0 });
    const offer = await client.createOffer(request);
    expect(offer.validSeconds).toBe(0);
    expect(offer.rate.rate).toBeGreaterThan(0);
  });

  it('refuses a pay answer whose transactionAmount is not an amount, having sent pay once', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const offer = await offerFor(client);
    await patchAnswers(sandbox, token, 'pay', { transactionAmount: '-52.00' });
    const error = await caught(client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint }));
    expect(isUnexpectedResponseError(error) && error.issues).toEqual([
      { path: 'transactionAmount', problem: 'is not a non-negative decimal amount' },
    ]);
    expect((error as Error).message).not.toContain('52.00');
    expect((error as Error).message).not.toContain('123');
    expect((await counters(sandbox, token)).pay).toBe(1);
  });

  it('refuses a status answer with a negative amount or an absurd crypto amount', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const offer = await offerFor(client);
    await client.pay(offer.offerId, { cardCVV: '123', successUrl, fingerprint });
    await patchAnswers(sandbox, token, 'pay-callback', { amount: -31, cryptoAmount: 1e20 }, 3);
    const error = await caught(client.getPayStatus(offer.offerId));
    expect(issuePaths(error)).toEqual(['amount', 'cryptoAmount']);
    // An answer refused for sense is not retried: it was an answer.
    expect((await counters(sandbox, token))['pay-callback']).toBe(1);
  });

  it('refuses fiat rates of zero', async () => {
    const token = newToken();
    await injectFault(sandbox, token, {
      route: 'fiat-rates',
      kind: 'status',
      status: 200,
      body: [{ baseCurrency: 'EUR', symbolCurrency: 'USD', rate: 1.085399 }, { baseCurrency: 'EUR', symbolCurrency: 'GBP', rate: 0 }],
    });
    expect(issuePaths(await caught(clientFor(sandbox, token).getFiatRates()))).toEqual(['1.rate']);
  });
});
