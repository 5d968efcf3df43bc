/**
 * Browser-side helpers for the element's tests: where the Vault sandbox listens (started by the
 * `payin-sandbox` plugin of web-test-runner.config.mjs for the whole run), fresh customers, and the
 * sandbox's per-customer test controls. Everything goes over HTTP to the real sandbox; nothing stubs
 * `fetch`. Each test should use its own token (`newToken()`): customers never share cards, offers,
 * faults or counters.
 *
 * Keyboard, viewport and media emulation come from @web/test-runner-commands, re-exported here:
 *
 * ```ts
 * await sendKeys({ type: 'Ada Lovelace' });
 * await sendKeys({ press: 'Tab' });
 * // A combo such as 'Shift+Tab' fails under the Chrome launcher: hold the modifier instead.
 * await sendKeys({ down: 'Shift' }); await sendKeys({ press: 'Tab' }); await sendKeys({ up: 'Shift' });
 * await setViewport({ width: 360, height: 640 });
 * await emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
 * ```
 */
export { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';

/** The module the `payin-sandbox` plugin serves; kept in a variable so that tsc does not resolve it. */
const sandboxModule: string = '/__sandbox__.js';
const served = (await import(sandboxModule)) as { sandboxUrl: string; sandboxUrls: Record<SandboxProfile, string> };

/**
 * The sandbox's profiles: `default`, with its own helpful codes, and `documented`, which answers only
 * what Vault's reference documents (every refusal a 400 `COMMON`).
 */
export type SandboxProfile = 'default' | 'documented';

/** Origin of the sandbox the helpers talk to, e.g. `http://127.0.0.1:43121` (no trailing slash). */
export let sandboxUrl: string = served.sandboxUrl;

/** Points every helper (and every checkout they open) at the sandbox of this profile. */
export function useSandboxProfile(profile: SandboxProfile): void {
  sandboxUrl = served.sandboxUrls[profile];
}

/** KYC level a token starts at: `kyc1` may pay, `kyc0` may not, `none` must complete its profile. */
export type KycLevel = 'kyc1' | 'kyc0' | 'none';

/** A token naming a new customer of the given level (random suffix), e.g. `test_kyc1_k3v…`. */
export function newToken(level: KycLevel = 'kyc1'): string {
  const suffix = crypto.randomUUID().replaceAll('-', '');
  return `test_${level}_${suffix}`;
}

/** The sandbox's route ids, as its counters and faults name them. */
export type RouteId =
  | 'token'
  | 'kyc-data'
  | 'profile'
  | 'card'
  | 'billing-address'
  | 'data'
  | 'fiat-rates'
  | 'offer-create'
  | 'offer-update'
  | 'pay'
  | 'pay-callback'
  | 'catalog'
  | 'kyc-limits';

/** A fault as `POST /sandbox/faults` takes it (see packages/sandbox/README.md). */
export type Fault =
  | {
      route: RouteId;
      kind: 'status';
      status?: number;
      body?: Record<string, unknown> | unknown[];
      retryAfter?: string;
      count?: number;
    }
  | { route: RouteId; kind: 'latency'; latencyMs?: number; count?: number }
  | { route: RouteId; kind: 'malformed-json' | 'schema-break' | 'drop'; count?: number };

/** What Vault's catalog says of card purchases (`PAYIN_CARD`) for one customer (`PUT /sandbox/catalog`). */
export interface SandboxCatalog {
  constraint?: 'NONE' | 'DISABLED' | 'MAINTENANCE';
  kycLevelPermissibleList?: string[];
  currencyLimit?: string[];
}

/** Per-customer timing settings (`PUT /sandbox/settings`). */
export interface SandboxSettings {
  offerTtlSeconds: number;
  pendingPolls: number;
}

/** Bound of every helper request: a hung sandbox fails the test instead of stalling the run. */
const REQUEST_TIMEOUT_MS = 10_000;

async function control(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) {
    throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

/** How many requests this customer sent to each route (faulted and refused ones too). */
export async function counters(token: string): Promise<Record<RouteId, number>> {
  return (await (await control(token, 'GET', '/sandbox/counters')).json()) as Record<RouteId, number>;
}

/** Queues a fault for this customer's next `count` (default 1) requests of a route. */
export async function injectFault(token: string, fault: Fault): Promise<void> {
  await control(token, 'POST', '/sandbox/faults', fault);
}

/** Forgets every fault queued for this customer. */
export async function clearFaults(token: string): Promise<void> {
  await control(token, 'DELETE', '/sandbox/faults');
}

/** Overrides this customer's timings (e.g. `{ offerTtlSeconds: 2, pendingPolls: 0 }`); answers those in force. */
export async function settings(token: string, values: Partial<SandboxSettings>): Promise<SandboxSettings> {
  return (await (await control(token, 'PUT', '/sandbox/settings', values)).json()) as SandboxSettings;
}

/**
 * The sandbox's test cards, as a customer types them. Any future expiry, any holder, any 3–4 digit
 * CVV; any other Luhn-valid number behaves like `frictionless`.
 */
export const testCards = {
  /** Visa: success at once, no bank page. */
  frictionless: '4242 4242 4242 4242',
  /** Visa: 3-D Secure bank page; PENDING until answered there. */
  threeDSecure: '4000 0000 0000 3220',
  /** Visa: FAILURE, "Do not honour" (400). */
  declined: '4000 0000 0000 0002',
  /** Visa: FAILURE, "Insufficient funds" (51). */
  insufficientFunds: '4000 0000 0000 9995',
  /** Visa: pay answers 200 "Wrong response from provider" (305); status FAILURE. */
  providerError: '4000 0000 0000 3055',
  /** Visa: PENDING for the first `pendingPolls` status checks (default 2), then SUCCESS. */
  pendingThenSuccess: '4000 0000 0000 0077',
  /** Visa: never approved by Vault (validationStatus PENDING): listed, but cannot be chosen. */
  notApproved: '4000 0000 0000 0101',
  /** Mastercard: needs a billing address before offers; then pays like `frictionless`. */
  billingAddressRequired: '5555 5555 5555 4444',
  /** UnionPay, 19 digits: success at once (PAN beyond 2^53, masked 6212***4569). */
  unionPay19: '6212 3456 7890 1234 569',
} as const;

export interface WaitOptions {
  /** Give up after this many milliseconds (default 5000). */
  timeout?: number;
  /** Poll interval in milliseconds (default 25). */
  interval?: number;
  /** Says what was awaited, in the error thrown on timeout. */
  message?: string;
}

/**
 * Polls `predicate` (sync or async) until it answers something truthy and returns that value;
 * throws after `timeout` ms, also when the predicate itself never settles. Errors thrown by the
 * predicate count as "not yet"; the last one is reported on timeout.
 */
export async function waitUntil<T>(
  predicate: () => T | Promise<T>,
  { timeout = 5000, interval = 25, message = 'condition' }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeout;
  const expired = Symbol('expired');
  let lastError: unknown;
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const remaining = Math.max(0, deadline - performance.now());
    try {
      const value = await Promise.race([
        predicate(),
        new Promise<typeof expired>((resolve) => (timer = setTimeout(() => resolve(expired), remaining))),
      ]);
      if (value !== expired && value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    if (performance.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitUntil: timed out after ${timeout} ms waiting for ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Sets what Vault's catalog says of card purchases for this customer. */
export async function setCatalog(token: string, catalog: SandboxCatalog): Promise<void> {
  await control(token, 'PUT', '/sandbox/catalog', catalog);
}
