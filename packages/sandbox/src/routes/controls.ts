/** Test controls per customer: request counters, injected faults, timing settings, KYC level and the catalog. */
import { readJsonObject, validate } from '../body.js';
import { catalogRequestSchema, payinCardOperation } from '../catalog.js';
import type { SandboxContext, Sandbox, SandboxApp } from '../env.js';
import { addFault, faultRequestSchema } from '../faults.js';
import { customerOf } from '../guard.js';
import { routeIds } from '../route-ids.js';
import { effectiveSettings, kycRequestSchema, settingsRequestSchema } from '../settings.js';

// A control's body is read as written: a fault's answer keeps its numbers and strings as they are.
const readControl = (c: SandboxContext) => readJsonObject(c, JSON.parse);

/** Registers `/sandbox/counters`, `/sandbox/faults`, `/sandbox/settings`, `/sandbox/kyc`, `/sandbox/catalog` and `/sandbox/health`. */
export function registerControlRoutes(app: SandboxApp, { defaults }: Sandbox): void {
  app.get('/sandbox/health', (c) => c.json({ status: 'ok' }));

  app.get('/sandbox/counters', (c) => {
    const customer = customerOf(c);
    return c.json(Object.fromEntries(routeIds.map((route) => [route, customer.counters.get(route) ?? 0])));
  });

  app.post('/sandbox/faults', async (c) => {
    addFault(customerOf(c), validate(faultRequestSchema, await readControl(c)));
    return c.body(null, 204);
  });

  app.delete('/sandbox/faults', (c) => {
    customerOf(c).faults.clear();
    return c.body(null, 204);
  });

  app.get('/sandbox/settings', (c) => c.json(effectiveSettings(customerOf(c), defaults)));

  // Identity verification happens outside the PayIn flow (Vault's KYC process): this stands for
  // its outcome, e.g. a new customer verified after a pay was refused for want of KYC_1.
  app.put('/sandbox/kyc', async (c) => {
    const customer = customerOf(c);
    customer.kycLevel = validate(kycRequestSchema, await readControl(c)).kycLevel;
    return c.json({ kycLevel: customer.kycLevel });
  });

  app.put('/sandbox/settings', async (c) => {
    const customer = customerOf(c);
    const update = validate(settingsRequestSchema, await readControl(c));
    customer.settings = {
      ...customer.settings,
      ...(update.offerTtlSeconds !== undefined ? { offerTtlSeconds: update.offerTtlSeconds } : {}),
      ...(update.pendingPolls !== undefined ? { pendingPolls: update.pendingPolls } : {}),
    };
    return c.json(effectiveSettings(customer, defaults));
  });

  // What Vault's catalog says of buying with a card, for this customer: open, disabled or under
  // maintenance, to which KYC levels, in which currencies. Answers the operation as the catalog lists it.
  app.put('/sandbox/catalog', async (c) => {
    const customer = customerOf(c);
    const update = validate(catalogRequestSchema, await readControl(c));
    customer.catalog = {
      constraint: update.constraint ?? customer.catalog.constraint,
      kycLevelPermissibleList: update.kycLevelPermissibleList ?? customer.catalog.kycLevelPermissibleList,
      currencyLimit: update.currencyLimit ?? customer.catalog.currencyLimit,
    };
    return c.json(payinCardOperation(customer.catalog));
  });
}
