/** Shared helpers of the sandbox tests: plain `fetch` over HTTP, nothing stubbed. */
import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../src/index.js';

export type Level = 'kyc1' | 'kyc0' | 'none';

/** A token no other test uses: its own customer. */
export const newToken = (level: Level = 'kyc1'): string => `test_${level}_${randomUUID().replaceAll('-', '')}`;

/** Starts a silent sandbox. */
export const start = (options: SandboxOptions = {}): Promise<RunningSandbox> => startSandbox({ logger: false, ...options });

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read answers loosely
}

export interface CallOptions {
  token?: string | null;
  /** A JSON value, or raw text sent as it is. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  redirect?: RequestRedirect;
}

/** One HTTP request to the sandbox. */
export async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    redirect: options.redirect ?? 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A client bound to one sandbox and one customer. */
export function client(base: string, token: string) {
  return {
    token,
    get: (path: string, options: CallOptions = {}) => call(base, 'GET', path, { token, ...options }),
    post: (path: string, body?: unknown, options: CallOptions = {}) => call(base, 'POST', path, { token, body, ...options }),
    put: (path: string, body?: unknown, options: CallOptions = {}) => call(base, 'PUT', path, { token, body, ...options }),
    patch: (path: string, body?: unknown, options: CallOptions = {}) => call(base, 'PATCH', path, { token, body, ...options }),
    delete: (path: string, options: CallOptions = {}) => call(base, 'DELETE', path, { token, ...options }),
  };
}

export type Client = ReturnType<typeof client>;

export const billingAddress = { address: '17 Mellowood Ave', city: 'Brampton', countryCode: 'CA', zip: 'L6P2454', state: null };

/** The add-card body with the PAN written as a bare JSON number, digits verbatim. */
export function cardBody(pan: string, overrides: Record<string, unknown> = {}): string {
  const rest = JSON.stringify({
    cardHolder: 'Ada Lovelace',
    cardExpirationYear: new Date().getFullYear() + 3,
    cardExpirationMonth: 12,
    billingAddress,
    ...overrides,
  });
  return `{"cardNumber":${pan},${rest.slice(1)}`;
}

export const fingerprint = {
  timezone: -60,
  browserColorDepth: 24,
  browserLanguage: 'en-GB',
  browserScreenHeight: 900,
  browserScreenWidth: 1440,
  browserJavascriptEnabled: true,
  browserJavaEnabled: false,
};

export const payBody = (extra: Record<string, unknown> = {}) => ({
  cardCVV: '123',
  successUrl: 'https://shop.example/return?order=42',
  fingerprint,
  ...extra,
});

/** Adds a card and answers its saved form (the newest card with its last 4 digits). */
export async function addCard(api: Client, pan: string): Promise<{ cardId: number; maskedPan: string; cardType: string; billingAddressRequired: boolean }> {
  const added = await api.post('/v3/payin/card', undefined, { raw: cardBody(pan) });
  if (added.status !== 200) throw new Error(`adding the card answered ${added.status}: ${added.text}`);
  const data = await api.get('/v3/payin/data');
  const cards = (data.json as { cards: { cardId: number; maskedPan: string; cardType: string; billingAddressRequired: boolean }[] }).cards;
  const card = cards.filter((saved) => saved.maskedPan.endsWith(pan.slice(-4))).at(-1);
  if (!card) throw new Error('the new card is not in the data');
  return card;
}

/** Creates an offer and answers it. */
export async function createOffer(api: Client, cardId: number, amount = 31, fromCurrency = 'EUR', toCurrency = 'USDC') {
  const answer = await api.post('/v3/payin/offer', { cardId, fromCurrency, toCurrency, amount, operation: 'PAYIN' });
  if (answer.status !== 200) throw new Error(`creating the offer answered ${answer.status}: ${answer.text}`);
  return answer.json as { offerId: number; expirationTime: string; validSeconds: number; rate: { rate: number }; feeInfo: { name: string; value: number }[] };
}

/** Card → offer → pay; answers the pay answer and the offer. */
export async function cardOfferPay(api: Client, pan: string, amount = 31) {
  const card = await addCard(api, pan);
  const offer = await createOffer(api, card.cardId, amount);
  const pay = await api.post(`/v3/payin/pay/${offer.offerId}`, payBody());
  return { card, offer, pay };
}

/** The status of an offer's payment. */
export const status = (api: Client, offerId: number) => api.get(`/v3/payin/pay-callback?offerId=${offerId}`);
