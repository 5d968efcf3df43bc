/** `POST /oauth/token`: the mobile-phone grant, and the refresh-token grant where the profile has one. */
import { parseExactJson, readText } from '../body.js';
import type { Customer } from '../customers.js';
import type { Sandbox, SandboxApp } from '../env.js';
import { badRequest, validationError, vaultError } from '../errors.js';
import { countAndFault } from '../guard.js';

const ACCESS_TOKEN_SECONDS = 3600;

const required = (form: URLSearchParams, field: string): string => {
  const value = form.get(field)?.trim();
  if (!value) throw validationError(field, `The field "${field}" is required.`);
  return value;
};

/**
 * The sign-in fields: form-encoded, as Vault's page gives the content type, or a JSON object, as its
 * example shows the body.
 */
function formOf(text: string, contentType: string): URLSearchParams {
  if (!/^application\/json/i.test(contentType)) return new URLSearchParams(text);
  let value: unknown;
  try {
    value = parseExactJson(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('The request body must be a JSON object.');
  const form = new URLSearchParams();
  for (const [key, field] of Object.entries(value)) if (typeof field === 'string') form.set(key, field);
  return form;
}

/** Registers the token endpoint. */
export function registerOauthRoutes(app: SandboxApp, { store, profile }: Sandbox): void {
  app.post('/oauth/token', async (c) => {
    c.set('routeLabel', 'token');
    const form = formOf(await readText(c), c.req.header('content-type') ?? '');
    const grantType = required(form, 'grant_type');
    if (!c.req.header('x-merchant-id')?.trim()) {
      throw validationError('X-Merchant-ID', 'The X-Merchant-ID header is required.');
    }
    if (!profile.grants.includes(grantType)) {
      throw vaultError(400, 'UNSUPPORTED_GRANT_TYPE', 'This sign-in method is not supported.', { field: 'grant_type' });
    }

    // The customer is known before the rest is checked, so its counters and faults apply.
    let customer: Customer | undefined;
    if (grantType === 'mobile_phone') {
      const digits = required(form, 'number').replace(/\D/g, '').slice(0, 64);
      if (!digits) throw validationError('number', 'The phone number must contain digits.');
      customer = store.customer(`test_kyc1_${digits}`);
    } else if (grantType === 'refresh_token') {
      const accessToken = store.accessTokenOf(required(form, 'refresh_token'));
      customer = accessToken === undefined ? undefined : store.customer(accessToken);
      if (!customer) throw vaultError(401, 'UNAUTHORIZED', 'Your session has expired. Please sign in again.');
    }
    if (!customer) throw new Error('Phone tokens always name a customer');

    const faulted = await countAndFault(c, customer, 'token');
    if (faulted) return faulted;
    if (grantType === 'mobile_phone') required(form, 'password');

    // Every field of Vault's sign-in answer, `refresh_token` included (where there is no refresh
    // grant it is only the documented field).
    return c.json({
      access_token: customer.token,
      token_type: 'bearer',
      refresh_token: store.issueRefreshToken(customer.token),
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: 'read write',
    });
  });
}
