import { describe, expect, it } from 'vitest';
import { addCardAndFind, clientFor, counters, fingerprint, newToken, testPan, useSandbox } from './sandbox.js';

const sandbox = useSandbox();

/** Follows a bank page form the way a browser would: read the page, press a button, take the redirect. */
async function answerBankPage(authLink: string, action: 'approve' | 'decline' | 'cancel'): Promise<URL> {
  const page = await fetch(authLink);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Approve');
  const form = /<form[^>]*action="([^"]+)"/.exec(html);
  expect(form?.[1]).toBeTruthy();
  const answer = await fetch(new URL(form?.[1] ?? '', authLink), {
    method: 'POST',
    body: new URLSearchParams({ action }),
    redirect: 'manual',
  });
  expect(answer.status).toBe(303);
  return new URL(answer.headers.get('location') ?? '');
}

describe('a whole purchase through the client', () => {
  it('adds a 3-D Secure card, quotes, pays, passes the bank page and ends in SUCCESS', async () => {
    const token = newToken();
    const client = clientFor(sandbox, token);
    const successUrl = 'https://shop.example/checkout/return?order=42';

    const cardId = await addCardAndFind(client, testPan.threeDSecure);
    const data = await client.getData();
    const pair = data.pairs.find((p) => p.currencyFrom === 'EUR' && p.currencyTo === 'USDT');
    expect(pair).toBeDefined();

    const offer = await client.createOffer({ cardId, fromCurrency: 'EUR', toCurrency: 'USDT', amount: '31' });
    const updated = await client.updateOffer(offer.offerId, {
      amount: '117.99',
      toAmount: '129.17',
      fromCurrency: 'EUR',
      toCurrency: 'USDT',
    });
    expect(updated.offerId).toBe(offer.offerId);

    const result = await client.pay(updated.offerId, { cardCVV: '737', successUrl, fingerprint });
    expect(result.authLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/bank\//);
    expect((await client.getPayStatus(offer.offerId)).status).not.toMatch(/^(SUCCESS|FAILURE)$/);

    const back = await answerBankPage(result.authLink ?? '', 'approve');
    expect(back.href).toBe(successUrl);

    const status = await client.getPayStatus(offer.offerId);
    expect(status).toMatchObject({ status: 'SUCCESS', amount: 117.99, currency: 'EUR', cryptoCurrency: 'USDT' });
    expect(status.transactionAmount).toBe('122.71'); // 117.99 + 4 % fees = 122.7096, charged in cents
    expect(await counters(sandbox, token)).toMatchObject({ card: 1, 'offer-create': 1, 'offer-update': 1, pay: 1 });
  });

  it('ends in FAILURE with the bank page declined', async () => {
    const client = clientFor(sandbox, newToken());
    const cardId = await addCardAndFind(client, testPan.threeDSecure);
    const offer = await client.createOffer({ cardId, fromCurrency: 'EUR', toCurrency: 'BTC', amount: 50 });
    const result = await client.pay(offer.offerId, { cardCVV: '737', successUrl: 'https://shop.example/r', fingerprint });
    const back = await answerBankPage(result.authLink ?? '', 'decline');
    expect(back.searchParams.get('payin')).toBe('failure');
    expect((await client.getPayStatus(offer.offerId)).status).toBe('FAILURE');
  });
});
