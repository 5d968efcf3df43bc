/**
 * A test customer of the vault and the test controls that act on it, over HTTP (`fetch` only, so
 * they work wherever the vault's address is reachable).
 */
import { resolveCard, testCardDetails, type TestCardName } from './cards.js';

/** Vault's KYC levels: `NONE` (no profile yet), `KYC_0` (profile given: cards, offers), `KYC_1` (verified: can pay). */
export type KycLevel = 'NONE' | 'KYC_0' | 'KYC_1';

/** The Vault API calls a fault can hit, as the vault names them. */
export type VaultRoute =
  | 'token'
  | 'kyc-data'
  /** Vault's KYC limits (`GET /v1/kyc/limits`). */
  | 'kyc-limits'
  | 'profile'
  /** Vault's catalog of operations (`GET /v2/catalog/operations`). */
  | 'catalog'
  | 'card'
  | 'billing-address'
  | 'data'
  | 'fiat-rates'
  | 'offer-create'
  | 'offer-update'
  | 'pay'
  /** The payment status check (`GET /v3/payin/pay-callback`). */
  | 'pay-status';

/**
 * Something going wrong on the next `count` (default 1) calls of a route. The kind may be left out:
 * `status` when a status is given, `latency` when `latencyMs` is.
 */
export interface VaultFault {
  route: VaultRoute;
  kind?: 'status' | 'latency' | 'drop' | 'malformed-json' | 'schema-break' | 'patch';
  count?: number;
  /** `status`: the HTTP status answered (default 500), with a Vault error body unless `body` is given. */
  status?: number;
  /** `status`: the JSON body answered; `patch`: merged into the real answer. */
  body?: Record<string, unknown> | unknown[];
  /** `status`: a `Retry-After` header. */
  retryAfter?: string;
  /** `latency`: how long the call waits before it is answered normally (ms). */
  latencyMs?: number;
}

/** Timing of a customer's payments. */
export interface VaultTiming {
  /** How long an offer holds, in seconds (Vault: 20). The checkout re-quotes no sooner than every 5 s. */
  offerLifetimeSeconds?: number;
  /** How many status checks a `pending` card answers "pending" before it is paid (default 2). */
  pendingChecks?: number;
}

/**
 * What Vault's catalog says of buying with a card (`PAYIN_CARD`) for a customer; what is left out
 * stays as it was (at first: `NONE`, KYC_0 to KYC_3, every currency the vault trades).
 */
export interface VaultCatalog {
  /** `DISABLED` or `MAINTENANCE` refuse every PayIn call. */
  constraint?: 'NONE' | 'DISABLED' | 'MAINTENANCE';
  /** The KYC levels that may buy with a card; any other is refused like a KYC refusal. */
  kycLevelPermissibleList?: readonly ('NONE' | 'KYC_0' | 'KYC_1' | 'KYC_2' | 'KYC_3')[];
  /** The currencies card purchases may be in: others are left out of the rates and refused in offers. */
  currencyLimit?: readonly string[];
}

export interface TestCustomerOptions extends VaultTiming {
  /** The customer's KYC level (default `KYC_1`, a verified customer who can pay). */
  kyc?: KycLevel;
  /** Test cards the customer has saved before, by name: the checkout lists them. */
  savedCards?: readonly TestCardName[];
  /** Faults queued for the customer's calls. */
  faults?: readonly VaultFault[];
  /** What the catalog says of buying with a card for the customer (set after the saved cards). */
  catalog?: VaultCatalog;
}

/** A customer of a test vault: its bearer token and controls over what the vault does for it. */
export interface TestCustomer {
  /** The vault's address, without a trailing slash. */
  readonly url: string;
  /** The customer's bearer token (the `token` attribute of `<payin-checkout>`, or of `createPayinClient`). */
  readonly token: string;
  /** Identity verification done outside the checkout: the customer's KYC level from now on. */
  setKyc(level: KycLevel): Promise<void>;
  /** Queues a fault for the customer's next calls of a route. */
  addFault(fault: VaultFault): Promise<void>;
  /** Forgets the faults still queued. */
  clearFaults(): Promise<void>;
  /** Changes how long offers hold and how long a `pending` card stays pending. */
  setTiming(timing: VaultTiming): Promise<void>;
  /** Saves a test card for the customer, as a purchase before would have. */
  saveCard(card: TestCardName): Promise<void>;
  /** Changes what the catalog says of buying with a card for the customer (`PAYIN_CARD`). */
  setCatalog(catalog: VaultCatalog): Promise<void>;
  /** How many calls of each route the customer made so far (refused and faulted ones too). */
  requests(): Promise<Record<VaultRoute, number>>;
}

const ROUTE_IDS: Readonly<Record<VaultRoute, string>> = {
  token: 'token',
  'kyc-data': 'kyc-data',
  'kyc-limits': 'kyc-limits',
  profile: 'profile',
  catalog: 'catalog',
  card: 'card',
  'billing-address': 'billing-address',
  data: 'data',
  'fiat-rates': 'fiat-rates',
  'offer-create': 'offer-create',
  'offer-update': 'offer-update',
  pay: 'pay',
  'pay-status': 'pay-callback',
};

const TOKEN_PREFIX: Readonly<Record<KycLevel, string>> = { NONE: 'none', KYC_0: 'kyc0', KYC_1: 'kyc1' };

/** Each control answers within this time. */
const CONTROL_TIMEOUT_MS = 10_000;

const randomSuffix = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
};

async function call(url: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    const answer = await response.text().catch(() => '');
    throw new Error(`the test vault refused ${method} ${path}: ${response.status} ${answer.slice(0, 300)}`);
  }
  return response;
}

function faultRequest(fault: VaultFault): Record<string, unknown> {
  const route = ROUTE_IDS[fault.route];
  if (!route) throw new Error(`no vault route "${String(fault.route)}"; the routes: ${Object.keys(ROUTE_IDS).join(', ')}`);
  const kind = fault.kind ?? (fault.latencyMs !== undefined ? 'latency' : 'status');
  const { route: _route, kind: _kind, ...rest } = fault;
  return { ...rest, route, kind };
}

/** The controls of an existing customer of the vault at `url`. */
export function customerControls(url: string, token: string): TestCustomer {
  const customer: TestCustomer = {
    url,
    token,
    async setKyc(level) {
      await call(url, token, 'PUT', '/sandbox/kyc', { kycLevel: level });
    },
    async addFault(fault) {
      await call(url, token, 'POST', '/sandbox/faults', faultRequest(fault));
    },
    async clearFaults() {
      await call(url, token, 'DELETE', '/sandbox/faults');
    },
    async setTiming(timing) {
      await call(url, token, 'PUT', '/sandbox/settings', {
        ...(timing.offerLifetimeSeconds !== undefined ? { offerTtlSeconds: timing.offerLifetimeSeconds } : {}),
        ...(timing.pendingChecks !== undefined ? { pendingPolls: timing.pendingChecks } : {}),
      });
    },
    async saveCard(name) {
      const { card } = resolveCard(name);
      const year = new Date().getFullYear() + 3;
      const { address, zip, city, countryCode } = testCardDetails.address;
      // The number as a JSON number with its exact digits, as Vault takes it.
      const body = `{"cardNumber":${card.number},"cardHolder":${JSON.stringify(testCardDetails.holder)},"cardExpirationYear":${year},"cardExpirationMonth":12,"billingAddress":${JSON.stringify({ address, zip, city, countryCode, state: null })}}`;
      const response = await fetch(`${url}/v3/payin/card`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      });
      // Never the request in the message: it holds the card number.
      if (!response.ok) throw new Error(`the test vault refused to save the '${name}' card: ${response.status}`);
    },
    async setCatalog(catalog) {
      await call(url, token, 'PUT', '/sandbox/catalog', catalog);
    },
    async requests() {
      const counts = (await (await call(url, token, 'GET', '/sandbox/counters')).json()) as Record<string, number>;
      return Object.fromEntries(Object.entries(ROUTE_IDS).map(([name, id]) => [name, counts[id] ?? 0])) as Record<VaultRoute, number>;
    },
  };
  return customer;
}

/** Makes a new customer on the vault at `url`, as `options` describe it. */
export async function createCustomer(url: string, options: TestCustomerOptions = {}): Promise<TestCustomer> {
  const kyc = options.kyc ?? 'KYC_1';
  if (!(kyc in TOKEN_PREFIX)) throw new Error(`kyc must be NONE, KYC_0 or KYC_1, not "${String(kyc)}"`);
  const customer = customerControls(url, `test_${TOKEN_PREFIX[kyc]}_${randomSuffix()}`);
  const cards = options.savedCards ?? [];
  if (cards.length > 0) {
    // Saving a card needs KYC_0: a new customer is lifted for it, then put back.
    if (kyc === 'NONE') await customer.setKyc('KYC_0');
    for (const card of cards) await customer.saveCard(card);
    if (kyc === 'NONE') await customer.setKyc('NONE');
  }
  if (options.offerLifetimeSeconds !== undefined || options.pendingChecks !== undefined) {
    await customer.setTiming({
      ...(options.offerLifetimeSeconds !== undefined ? { offerLifetimeSeconds: options.offerLifetimeSeconds } : {}),
      ...(options.pendingChecks !== undefined ? { pendingChecks: options.pendingChecks } : {}),
    });
  }
  if (options.catalog !== undefined) await customer.setCatalog(options.catalog);
  for (const fault of options.faults ?? []) await customer.addFault(fault);
  return customer;
}

/**
 * Answers the sandbox's 3-D Secure bank page at `bankUrl` (the `redirect` event's `url`) as the
 * customer would: `approve`, `decline` or `cancel`.
 */
export async function answerBankPage(bankUrl: string, answer: 'approve' | 'decline' | 'cancel'): Promise<void> {
  const response = await fetch(bankUrl, {
    method: 'POST',
    body: new URLSearchParams({ action: answer }),
    redirect: 'manual',
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
  });
  // 303 back to the shop (an opaque redirect in a browser), or 200 when pay named no return page.
  const answered = response.type === 'opaqueredirect' || response.status === 303 || response.status === 200;
  if (!answered) throw new Error(`the bank page refused the answer "${answer}": ${response.status}`);
}
