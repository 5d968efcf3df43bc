/** Test helpers: a sandbox per test file, a fresh customer per test, and the sandbox's controls. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type SandboxOptions } from '@payin-checkout/sandbox';
import { createPayinClient, type PayinClient, type PayinClientOptions } from '../src/index.js';

export type Level = 'kyc1' | 'kyc0' | 'none';

export interface Sandbox {
  url: string;
}

/** How the sandbox answers: `default` (its own codes besides Vault's) or `documented` (only what Vault documents). */
export type SandboxProfile = NonNullable<SandboxOptions['profile']>;

/**
 * Starts a sandbox on a free loopback port for the tests of one file; `profile: 'documented'` for
 * one that answers only what Vault documents.
 */
export function useSandbox(options: { profile?: SandboxProfile } = {}): Sandbox {
  const handle: Sandbox = { url: '' };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const sandbox = await startSandbox({ ...options, logger: false });
    handle.url = sandbox.url;
    close = sandbox.close;
  });
  afterAll(async () => close?.());
  return handle;
}

/** A token naming a new, isolated sandbox customer at the given KYC level. */
export const newToken = (level: Level = 'kyc1'): string => `test_${level}_${randomUUID().slice(0, 12)}`;

export function clientFor(sandbox: Sandbox, token: string, options: Partial<PayinClientOptions> = {}): PayinClient {
  return createPayinClient({ baseUrl: sandbox.url, token, ...options });
}

async function control(sandbox: Sandbox, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`sandbox control ${method} ${path} answered ${response.status}`);
  return response;
}

export interface FaultSpec {
  route: string;
  kind: 'status' | 'latency' | 'malformed-json' | 'schema-break' | 'drop' | 'patch';
  count?: number;
  status?: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  retryAfter?: string;
  latencyMs?: number;
}

export const injectFault = async (sandbox: Sandbox, token: string, fault: FaultSpec): Promise<void> => {
  await control(sandbox, token, 'POST', '/sandbox/faults', fault);
};

export const counters = async (sandbox: Sandbox, token: string): Promise<Record<string, number>> =>
  (await control(sandbox, token, 'GET', '/sandbox/counters')).json() as Promise<Record<string, number>>;

export const settings = async (sandbox: Sandbox, token: string, values: { offerTtlSeconds?: number; pendingPolls?: number }) => {
  await control(sandbox, token, 'PUT', '/sandbox/settings', values);
};

/** What Vault's catalog says of buying with a card (`PAYIN_CARD`) for a customer, as `PUT /sandbox/catalog` takes it. */
export interface CatalogSpec {
  constraint?: 'NONE' | 'DISABLED' | 'MAINTENANCE';
  kycLevelPermissibleList?: string[];
  currencyLimit?: string[];
}

/** Sets the customer's `PAYIN_CARD` (what is left out stays); answers the operation as the catalog lists it. */
export const setCatalog = async (sandbox: Sandbox, token: string, catalog: CatalogSpec): Promise<Record<string, unknown>> =>
  (await control(sandbox, token, 'PUT', '/sandbox/catalog', catalog)).json() as Promise<Record<string, unknown>>;

export const testPan = {
  frictionless: '4242 4242 4242 4242',
  threeDSecure: '4000 0000 0000 3220',
  decline: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  providerError: '4000 0000 0000 3055',
  pendingThenSuccess: '4000 0000 0000 0077',
  billingAddressRequired: '5555 5555 5555 4444',
  notApproved: '4000 0000 0000 0101',
  nineteenDigits: '6212 3456 7890 1234 569',
} as const;

export const address = { address: '17 Mellowood Ave', city: 'Brampton', countryCode: 'CA', zip: 'L6P 2454', state: 'ON' };

export const newCard = (cardNumber: string) => ({
  cardNumber,
  cardHolder: 'Ada Lovelace',
  cardExpirationYear: new Date().getFullYear() + 2,
  cardExpirationMonth: 12,
  billingAddress: address,
});

/** Browser data as the checkout sends it (Berlin in winter: UTC minus local time is -60 minutes). */
export const fingerprint = {
  timezone: -60,
  browserColorDepth: 24,
  browserLanguage: 'en-GB',
  browserScreenHeight: 900,
  browserScreenWidth: 1440,
  browserPixelDepth: 24,
  browserPixelRatio: '2',
  browserViewportHeight: 800,
  browserViewportWidth: 1200,
  browserAcceptHeader: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  acceptContent: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  os: 'Linux',
  browserJavascriptEnabled: true,
  browserJavaEnabled: false,
};

/** Adds a card and answers its saved-card id (found by its last four digits). */
export async function addCardAndFind(client: PayinClient, pan: string): Promise<string> {
  await client.addCard(newCard(pan));
  const last4 = pan.replace(/\s/g, '').slice(-4);
  const card = (await client.getData()).cards.find((saved) => saved.maskedPan.endsWith(last4));
  if (!card) throw new Error(`card ending ${last4} not in the saved cards`);
  return card.cardId;
}

/** The error a call fails with; throws when it succeeds. */
export const caught = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};

/** An offer for a new saved card of the customer (EUR → USDC). */
export async function offerFor(client: PayinClient, pan: string = testPan.frictionless, amount: string | number = '31') {
  const cardId = await addCardAndFind(client, pan);
  return client.createOffer({ cardId, fromCurrency: 'EUR', toCurrency: 'USDC', amount });
}
