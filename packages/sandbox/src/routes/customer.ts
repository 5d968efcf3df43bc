/** Customer profile and KYC data (`/v2/customer/...`), shaped as Vault documents them. */
import { countryAlpha2, profileUpdateSchema } from '@payin-checkout/core';
import { readJsonObject, validate } from '../body.js';
import type { Customer, KycLevel } from '../customers.js';
import type { SandboxApp } from '../env.js';
import { customerOf, guard } from '../guard.js';

const PROFILE_FIELDS = ['firstName', 'lastName', 'primaryCurrency', 'residenceCity', 'residenceStreet', 'residenceZipCode'] as const;

/**
 * `GET /v2/customer/profile` as Vault's example shows it: a field the customer has not filled is left
 * out; the country as alpha-2 (`DE`) and the date of birth without a zone (`1990-05-20T00:00:00`),
 * although the update takes `DEU` and `1990-05-20T00:00:00.000Z`.
 */
function profileAnswer(customer: Customer): Record<string, string | boolean> {
  const profile = customer.profile;
  const answer: Record<string, string | boolean> = { confirmedEmail: false, pushEnabled: true, enabled2FA: false };
  if (!profile) return answer;
  for (const field of PROFILE_FIELDS) answer[field] = profile[field];
  answer.residenceCountry = countryAlpha2(profile.residenceCountry) ?? profile.residenceCountry;
  answer.dateOfBirth = new Date(profile.dateOfBirth).toISOString().slice(0, 19);
  return answer;
}

const KYC_STATUS: Readonly<Record<KycLevel, string>> = { NONE: 'UNDEFINED', KYC_0: 'UNDEFINED', KYC_1: 'APPROVED' };

/** `GET /v2/customer/kyc/data`: every field of Vault's example. */
function kycAnswer(customer: Customer): Record<string, unknown> {
  const undecided = { reason: null, status: 'UNDEFINED', rejectFormattedMessage: null };
  const verified = customer.kycLevel === 'KYC_1';
  return {
    kycLevel: customer.kycLevel,
    blockedAmount: { value: 0, currency: 'EUR' },
    kyc1ClientData: { reason: null, status: KYC_STATUS[customer.kycLevel], rejectFormattedMessage: null },
    kyc2ClientData: undecided,
    kyc3ClientData: undecided,
    // How long the KYC_1 verification holds; nothing to expire below it.
    daysToExpireKyc: verified ? 365 : null,
    remainingAmount: { value: verified ? 10000 : 0, currency: 'EUR' },
  };
}

/** `GET /v1/kyc/limits`: the limit of each KYC level, as Vault's example gives them (its documented defaults). */
const KYC_LIMITS = {
  kyc0Limit: { value: 0, currency: 'EUR' },
  kyc1Limit: { value: 9700, currency: 'EUR' },
  kyc2Limit: { value: 15000, currency: 'EUR' },
  kyc3Limit: { value: 32000, currency: 'EUR' },
  kycNoneLimit: { value: 0, currency: 'EUR' },
};

/** Registers the profile and KYC endpoints. */
export function registerCustomerRoutes(app: SandboxApp): void {
  app.get('/v2/customer/kyc/data', guard('kyc-data'), (c) => c.json(kycAnswer(customerOf(c))));

  app.get('/v1/kyc/limits', guard('kyc-limits'), (c) => c.json(KYC_LIMITS));

  app.get('/v2/customer/profile', guard('profile'), (c) => c.json(profileAnswer(customerOf(c))));

  // The profile as Vault documents it: date of birth a date-time, country alpha-3. Answered with no body.
  app.patch('/v2/customer/profile', guard('profile'), async (c) => {
    const customer = customerOf(c);
    customer.profile = validate(profileUpdateSchema, await readJsonObject(c));
    // A complete profile is what KYC_0 asks for; it never lowers a higher level.
    if (customer.kycLevel === 'NONE') customer.kycLevel = 'KYC_0';
    return c.body(null, 200);
  });
}
