/** Authentication, request counting, fault injection, then the catalog's and the KYC gates, in that order. */
import type { MiddlewareHandler } from 'hono';
import { nextPermittedLevel } from './catalog.js';
import { kycAtLeast, type Customer, type CustomerStore, type KycLevel } from './customers.js';
import { vaultError, VaultError, errorBody } from './errors.js';
import type { SandboxContext, SandboxEnv } from './env.js';
import { applyFault } from './faults.js';
import { isPayinRoute, type RouteId } from './route-ids.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Resolves the bearer token to its customer, or answers 401. */
export function authenticate(store: CustomerStore): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    // A preflight carries no credentials; the CORS layer answers it.
    if (c.req.method === 'OPTIONS') return next();
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    const customer = token === undefined ? undefined : store.customer(token);
    if (!customer) {
      throw new VaultError(
        401,
        errorBody('UNAUTHORIZED', 'Your session has expired or is not valid. Please sign in again.'),
        { 'www-authenticate': 'Bearer' },
      );
    }
    c.set('customer', customer);
    await next();
  };
}

/** The authenticated customer of this request. */
export function customerOf(c: SandboxContext): Customer {
  const customer = c.get('customer');
  if (!customer) throw new Error('No customer on this request');
  return customer;
}

/** Counts the request for the customer and applies a queued fault; a response means "answer this". */
export async function countAndFault(c: SandboxContext, customer: Customer, route: RouteId): Promise<Response | undefined> {
  c.set('routeLabel', route);
  customer.counters.set(route, (customer.counters.get(route) ?? 0) + 1);
  return applyFault(c, customer, route);
}

const KYC_MESSAGES: Readonly<Record<string, string>> = {
  KYC_0: 'Please complete your profile (level KYC_0) to continue.',
  KYC_1: 'Please complete identity verification (level KYC_1) to continue.',
};

/** 403 `KYC_LEVEL_REQUIRED`, naming the level that would do, if any. */
function kycRefusal(customer: Customer, required: string | undefined): VaultError {
  const message =
    required === undefined
      ? `Buying with a card is not available at your verification level (${customer.kycLevel}).`
      : (KYC_MESSAGES[required] ?? `Please complete verification (level ${required}) to continue.`);
  return vaultError(403, 'KYC_LEVEL_REQUIRED', message, { data: { requiredLevel: required, currentLevel: customer.kycLevel } });
}

/** Refuses a customer below the KYC level an endpoint needs. */
export function requireKyc(customer: Customer, required: KycLevel): void {
  if (!kycAtLeast(customer.kycLevel, required)) throw kycRefusal(customer, required);
}

/**
 * Refuses a PayIn call the catalog does not open to the customer: `PAYIN_CARD` disabled (400
 * `OPERATION_DISABLED`) or under maintenance (400 `MAINTENANCE`, Retry-After 60: a 400 like every
 * refusal Vault documents, so that the checkout reads it from the catalog as it must with Vault), or the customer's
 * KYC level not among its permitted ones (refused like any KYC refusal).
 */
export function requireOperation(customer: Customer): void {
  const card = customer.catalog;
  if (card.constraint === 'DISABLED') {
    throw vaultError(400, 'OPERATION_DISABLED', 'Buying with a card is not available at the moment.');
  }
  if (card.constraint === 'MAINTENANCE') {
    const body = errorBody('MAINTENANCE', 'Buying with a card is under maintenance. Please try again later.');
    throw new VaultError(400, body, { 'retry-after': '60' });
  }
  if (!card.kycLevelPermissibleList.includes(customer.kycLevel)) {
    throw kycRefusal(customer, nextPermittedLevel(card, customer.kycLevel));
  }
}

/** Per-route middleware for authenticated endpoints: count, fault, then the catalog (PayIn calls) and KYC. */
export function guard(route: RouteId, level?: KycLevel): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const customer = customerOf(c);
    const faulted = await countAndFault(c, customer, route);
    if (faulted) return faulted;
    if (isPayinRoute(route)) requireOperation(customer);
    if (level) requireKyc(customer, level);
    await next();
  };
}
