/** Authentication, request counting, fault injection and KYC gating, in that order. */
import type { MiddlewareHandler } from 'hono';
import { kycAtLeast, type Customer, type CustomerStore, type KycLevel } from './customers.js';
import { vaultError, VaultError, errorBody } from './errors.js';
import type { SandboxContext, SandboxEnv } from './env.js';
import { applyFault } from './faults.js';
import type { RouteId } from './route-ids.js';

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

/** Refuses a customer below the KYC level an endpoint needs (403 `KYC_LEVEL_REQUIRED`). */
export function requireKyc(customer: Customer, required: KycLevel): void {
  if (kycAtLeast(customer.kycLevel, required)) return;
  const message =
    required === 'KYC_1'
      ? 'Please complete identity verification (level KYC_1) to continue.'
      : 'Please complete your profile (level KYC_0) to continue.';
  throw vaultError(403, 'KYC_LEVEL_REQUIRED', message, {
    data: { requiredLevel: required, currentLevel: customer.kycLevel },
  });
}

/** Per-route middleware for authenticated endpoints: count, fault, then KYC. */
export function guard(route: RouteId, level?: KycLevel): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const customer = customerOf(c);
    const faulted = await countAndFault(c, customer, route);
    if (faulted) return faulted;
    if (level) requireKyc(customer, level);
    await next();
  };
}
