/** Vault's catalog of operations (`GET /v2/catalog/operations`), with the customer's `PAYIN_CARD`. */
import { operationsAnswer } from '../catalog.js';
import type { SandboxApp } from '../env.js';
import { customerOf, guard } from '../guard.js';

/** Registers the catalog endpoint. */
export function registerCatalogRoutes(app: SandboxApp): void {
  app.get('/v2/catalog/operations', guard('catalog'), (c) => c.json(operationsAnswer(customerOf(c).catalog)));
}
