import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { call, cardBody, client, createOffer, newToken, payBody } from './helpers.js';

const lines: string[] = [];
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ logger: (line) => lines.push(line) });
});
afterAll(() => sandbox.close());

const PANS = ['4000000000003220', '6212345678901234569'];
const CVV = '8642';

/** Every run of 8 digits of a PAN: enough to rebuild most of it. */
const eightDigitRuns = (pan: string): string[] => Array.from({ length: pan.length - 7 }, (_, i) => pan.slice(i, i + 8));

it('logs one line per request and never card data or tokens', async () => {
  const token = newToken();
  const api = client(sandbox.url, token);
  let requests = 0;
  const track = async <T>(request: Promise<T>): Promise<T> => {
    requests += 1;
    return request;
  };

  for (const pan of PANS) {
    expect((await track(api.post('/v3/payin/card', undefined, { raw: cardBody(pan) }))).status).toBe(200);
  }
  const data = await track(api.get('/v3/payin/data'));
  const cards = data.json.cards as { cardId: number; maskedPan: string }[];
  for (const card of cards) {
    const offer = await track(createOffer(api, card.cardId));
    const pay = await track(api.post(`/v3/payin/pay/${offer.offerId}`, payBody({ cardCVV: CVV })));
    expect(pay.status).toBe(200);
    if (pay.json.authLink) {
      await track(call(pay.json.authLink, 'GET', ''));
      await track(call(pay.json.authLink, 'POST', '', { raw: 'action=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    }
    await track(api.get(`/v3/payin/pay-callback?offerId=${offer.offerId}`));
  }
  // Card data where it does not belong: a broken body, a refused card, a path, a query.
  await track(api.post('/v3/payin/card', undefined, { raw: `{"cardNumber":${PANS[0]},"cardCVV":"${CVV}",` }));
  await track(api.post('/v3/payin/card', undefined, { raw: cardBody(PANS[0] ?? '', { cardExpirationYear: 2001 }) }));
  await track(api.get(`/v3/payin/${PANS[1]}`));
  await track(api.get(`/v3/payin/pay-callback?offerId=${PANS[0]}&cvv=${CVV}`));

  // Every line is written once the answer is out.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lines).toHaveLength(requests);
  for (const line of lines) {
    expect(line).toMatch(/^(GET|POST|PUT|PATCH|DELETE|OPTIONS) \S+ (\d{3}|dropped) \d+ms$/);
    expect(line).not.toContain(token);
    expect(line).not.toContain(token.split('_').at(-1));
    expect(line).not.toContain(CVV);
    for (const pan of PANS) for (const run of eightDigitRuns(pan)) expect(line).not.toContain(run);
  }
  expect(lines.filter((line) => /^POST card 200 \d+ms$/.test(line))).toHaveLength(PANS.length);
  expect(lines.filter((line) => /^POST card 400 \d+ms$/.test(line))).toHaveLength(2);
  expect(lines.some((line) => line.startsWith('POST bank 303 '))).toBe(true);
});
