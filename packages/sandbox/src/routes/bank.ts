/** The 3-D Secure bank page: a browser navigation, so no bearer token; the reference names the payment. */
import { readText, validate } from '../body.js';
import { answeredPage, renderBankPage } from '../bank-page.js';
import type { Sandbox, SandboxApp, SandboxContext } from '../env.js';
import { notFound, vaultError } from '../errors.js';
import { awaitsBank, decideOnBankPage } from '../payments.js';
import * as z from 'zod/mini';

const decisionSchema = z.object({ action: z.enum(['approve', 'decline', 'cancel']) });

const MERCHANT = 'payin-checkout sandbox merchant';

/** Registers the bank page. */
export function registerBankRoutes(app: SandboxApp, { store }: Sandbox): void {
  const paymentOf = (c: SandboxContext) => {
    c.set('routeLabel', 'bank');
    const found = store.byBankRef(c.req.param('ref') ?? '');
    const payment = found?.offer.payment;
    if (!found || !payment) throw notFound('This payment page was not found.');
    const card = found.customer.cards.get(found.offer.cardId);
    return { offer: found.offer, payment, card };
  };

  app.get('/sandbox/bank/:ref', (c) => {
    const { offer, payment, card } = paymentOf(c);
    const html = renderBankPage({
      action: `/sandbox/bank/${c.req.param('ref')}`,
      amount: offer.quote.total.toString(),
      currency: offer.fromCurrency,
      card: card ? `${card.brand} ending in ${card.last4}` : 'your card',
      merchant: MERCHANT,
      answered: awaitsBank(payment) ? undefined : `This payment has already been answered: ${payment.outcome.text}.`,
    });
    return c.html(html, 200, { 'cache-control': 'no-store' });
  });

  app.post('/sandbox/bank/:ref', async (c) => {
    const { payment } = paymentOf(c);
    const form = Object.fromEntries(new URLSearchParams(await readText(c)));
    const { action } = validate(decisionSchema, form);
    // The first answer stands: a second one cannot change a decided payment.
    if (!awaitsBank(payment)) throw vaultError(409, 'CONFLICT', 'This payment has already been answered.');
    const back = decideOnBankPage(payment, action);
    if (back !== undefined) return c.redirect(back, 303);
    // Pay named no page to return to: the answer is recorded, and the page says so.
    return c.html(answeredPage(payment.outcome.text), 200, { 'cache-control': 'no-store' });
  });
}
