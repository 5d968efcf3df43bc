/** Per-customer overrides of the sandbox's timing defaults. */
import * as z from 'zod/mini';
import type { Customer } from './customers.js';
import type { SandboxDefaults } from './env.js';

export const settingsRequestSchema = z.object({
  offerTtlSeconds: z.optional(z.int().check(z.gte(1), z.lte(3600))),
  pendingPolls: z.optional(z.int().check(z.gte(0), z.lte(100))),
});

/** `PUT /sandbox/kyc`: the customer's KYC level from now on. */
export const kycRequestSchema = z.object({
  kycLevel: z.enum(['NONE', 'KYC_0', 'KYC_1']),
});

/** The settings in force for a customer: their overrides, else the sandbox's defaults. */
export const effectiveSettings = (customer: Customer, defaults: SandboxDefaults): SandboxDefaults => ({
  offerTtlSeconds: customer.settings.offerTtlSeconds ?? defaults.offerTtlSeconds,
  pendingPolls: customer.settings.pendingPolls ?? defaults.pendingPolls,
});
