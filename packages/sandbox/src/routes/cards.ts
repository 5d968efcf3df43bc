/** Saving cards (`POST /v3/payin/card`) and adding billing addresses to them. */
import { createHmac, randomBytes } from 'node:crypto';
import { Decimal, billingAddressSchema, newCardSchema, requestIdSchema } from '@payin-checkout/core';
import { readJsonObject, validate } from '../body.js';
import { behaviourOf, brandOf, issuerOf } from '../cards.js';
import type { Sandbox, SandboxApp } from '../env.js';
import { unknownId } from '../errors.js';
import { customerOf, guard } from '../guard.js';

/** Registers the card endpoints. */
export function registerCardRoutes(app: SandboxApp, { store, profile }: Sandbox): void {
  // Keyed per sandbox, so a stored key says nothing about the PAN outside this process.
  const panKeySecret = randomBytes(32);
  const panKey = (digits: string): string => createHmac('sha256', panKeySecret).update(digits).digest('base64url');

  app.post('/v3/payin/card', guard('card', 'KYC_0'), async (c) => {
    const customer = customerOf(c);
    const card = validate(newCardSchema, await readJsonObject(c));
    const digits = card.cardNumber;
    const key = panKey(digits);
    // The same card added again stays one saved card.
    if (![...customer.cards.values()].some((saved) => saved.panKey === key)) {
      const id = store.newCardId();
      const brand = brandOf(digits);
      const behaviour = behaviourOf(digits);
      customer.cards.set(id, {
        id,
        panKey: key,
        brand,
        first6: digits.slice(0, 6),
        last4: digits.slice(-4),
        behaviour,
        issuer: issuerOf(brand),
        minAmountFrom: Decimal.zero,
        maxAmountFrom: Decimal.zero,
        billingAddressRequired: behaviour === 'billing-address-required',
        validationStatus: behaviour === 'not-approved' ? profile.unapprovedCardStatus : 'APPROVED',
      });
    }
    return c.body(null, 200);
  });

  app.post('/v3/payin/card/:cardId/billing-address', guard('billing-address', 'KYC_0'), async (c) => {
    const customer = customerOf(c);
    const cardId = validate(requestIdSchema, c.req.param('cardId'), 'cardId');
    const card = customer.cards.get(cardId);
    if (!card) throw unknownId('This card was not found.', 'cardId');
    validate(billingAddressSchema, await readJsonObject(c));
    card.billingAddressRequired = false;
    return c.body(null, 200);
  });
}
