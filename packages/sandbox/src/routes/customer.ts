/** Customer profile and KYC data (`/v2/customer/...`). */
import { profileUpdateSchema } from '@payin-checkout/core';
import { readJsonObject, validate } from '../body.js';
import type { Customer } from '../customers.js';
import type { SandboxApp } from '../env.js';
import { customerOf, guard } from '../guard.js';

const NEXT_LEVEL = { NONE: 'KYC_0', KYC_0: 'KYC_1', KYC_1: null } as const;

const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'residenceCountry',
  'residenceCity',
  'residenceStreet',
  'residenceZipCode',
  'primaryCurrency',
] as const;

const profileAnswer = (customer: Customer): Record<string, string | null> =>
  Object.fromEntries(PROFILE_FIELDS.map((field) => [field, customer.profile?.[field] ?? null]));

/** Registers the profile and KYC endpoints. */
export function registerCustomerRoutes(app: SandboxApp): void {
  app.get('/v2/customer/kyc/data', guard('kyc-data'), (c) => {
    const customer = customerOf(c);
    return c.json({ kycLevel: customer.kycLevel, nextLevel: NEXT_LEVEL[customer.kycLevel] });
  });

  app.get('/v2/customer/profile', guard('profile'), (c) => c.json(profileAnswer(customerOf(c))));

  app.patch('/v2/customer/profile', guard('profile'), async (c) => {
    const customer = customerOf(c);
    customer.profile = validate(profileUpdateSchema, await readJsonObject(c));
    // A complete profile is what KYC_0 asks for; it never lowers a higher level.
    if (customer.kycLevel === 'NONE') customer.kycLevel = 'KYC_0';
    return c.json(profileAnswer(customer));
  });
}
