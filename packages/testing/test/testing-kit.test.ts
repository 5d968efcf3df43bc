/**
 * The kit against itself: a vault per call on the loopback interface with its customer as asked,
 * and checkoutAt reaching each step with each test card through the real machine, the events a
 * host hears on the way, and never a card number in them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayinEmitted } from '@payin-checkout/core';
import { checkoutAt, startTestVault, testCards, type PayinCheckout, type TestVault } from '../src/index.js';

const numbers = testCards.map((card) => card.number);
const carriesNoCardNumber = (events: PayinEmitted[]) => {
  const text = JSON.stringify(events);
  for (const number of numbers) expect(text).not.toContain(number);
  expect(text).not.toMatch(/"123"/);
};

describe('startTestVault', () => {
  it('listens on 127.0.0.1 with a fresh customer per call, and stops on close()', async () => {
    const first = await startTestVault();
    const second = await startTestVault();
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.url).not.toBe(second.url);
      expect(first.token).not.toBe(second.token);
      const other = await first.customer();
      expect(other.token).not.toBe(first.token);
      await other.saveCard('frictionless');
      expect((await other.requests()).card).toBe(1);
      expect((await first.requests()).card).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
    await expect(fetch(`${first.url}/sandbox/health`)).rejects.toThrow();
  });

  it('sets up the KYC level, saved cards, faults and timing asked for', async () => {
    const vault = await startTestVault({ kyc: 'KYC_0', savedCards: ['frictionless', '3ds'], offerLifetimeSeconds: 7, pendingChecks: 0, faults: [{ route: 'data', status: 503 }] });
    try {
      const headers = { authorization: `Bearer ${vault.token}` };
      expect((await fetch(`${vault.url}/v3/payin/data`, { headers })).status).toBe(503);
      const data = (await (await fetch(`${vault.url}/v3/payin/data`, { headers })).json()) as { cards: { maskedPan: string }[] };
      expect(data.cards.map((card) => card.maskedPan)).toEqual(['4242***4242', '4000***3220']);
      const kyc = (await (await fetch(`${vault.url}/v2/customer/kyc/data`, { headers })).json()) as { kycLevel: string };
      expect(kyc.kycLevel).toBe('KYC_0');
      expect(await (await fetch(`${vault.url}/sandbox/settings`, { headers })).json()).toEqual({ offerTtlSeconds: 7, pendingPolls: 0 });
      await vault.setKyc('KYC_1');
      const after = (await (await fetch(`${vault.url}/v2/customer/kyc/data`, { headers })).json()) as { kycLevel: string };
      expect(after.kycLevel).toBe('KYC_1');
    } finally {
      await vault.close();
    }
  });

  it('answers only what Vault documents with profile documented, and sets the catalog asked for', async () => {
    const documented = { error: 'COMMON', errorId: 0, message: "Sorry for inconvenience. We're fixing the issue. If you have urgent questions, contact support", systemId: 'core' };
    const vault = await startTestVault({ profile: 'documented', savedCards: ['frictionless'], catalog: { constraint: 'MAINTENANCE', currencyLimit: ['EUR', 'BTC'] } });
    const plain = await startTestVault({ kyc: 'NONE' });
    try {
      const headers = { authorization: `Bearer ${vault.token}` };
      const refused = await fetch(`${vault.url}/v3/payin/data`, { headers });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual(documented);
      const operations = (await (await fetch(`${vault.url}/v2/catalog/operations`, { headers })).json()) as { name: string; constraint: string; currencyLimit: string[] }[];
      expect(operations[0]).toMatchObject({ name: 'PAYIN_CARD', constraint: 'MAINTENANCE', currencyLimit: ['EUR', 'BTC'] });
      await vault.setCatalog({ constraint: 'NONE' });
      const data = (await (await fetch(`${vault.url}/v3/payin/data`, { headers })).json()) as { cards: unknown[]; pairs: { currencyTo: string }[] };
      expect(data.cards).toHaveLength(1);
      expect(data.pairs.map((pair) => pair.currencyTo)).toEqual(['BTC']);
      await fetch(`${vault.url}/v1/kyc/limits`, { headers });
      expect(await vault.requests()).toMatchObject({ catalog: 1, 'kyc-limits': 1, data: 2, card: 1 });

      // The default profile keeps its own codes.
      const kycRefusal = await fetch(`${plain.url}/v3/payin/data`, { headers: { authorization: `Bearer ${plain.token}` } });
      expect(kycRefusal.status).toBe(403);
    } finally {
      await vault.close();
      await plain.close();
    }
  });

  it('gives a new customer (NONE) saved cards and keeps it at NONE', async () => {
    const vault = await startTestVault({ kyc: 'NONE', savedCards: ['declined'] });
    try {
      const kyc = (await (await fetch(`${vault.url}/v2/customer/kyc/data`, { headers: { authorization: `Bearer ${vault.token}` } })).json()) as { kycLevel: string };
      expect(kyc.kycLevel).toBe('NONE');
      expect((await vault.requests()).card).toBe(1);
    } finally {
      await vault.close();
    }
  });

  it('refuses what it does not know, naming the choices', async () => {
    await expect(startTestVault({ savedCards: ['gold' as never] })).rejects.toThrow(/no test card named "gold"/);
    await expect(startTestVault({ kyc: 'KYC_2' as never })).rejects.toThrow(/NONE, KYC_0 or KYC_1/);
  });
});

describe('checkoutAt', () => {
  let vault: TestVault;
  const started: PayinCheckout[] = [];
  beforeAll(async () => {
    vault = await startTestVault({ pendingChecks: 1 });
  });
  afterAll(async () => {
    for (const actor of started) actor.stop();
    await vault.close();
  });

  /** checkoutAt for a fresh customer of the shared vault, recording what a host hears. */
  async function at(step: Parameters<typeof checkoutAt>[0], options: Omit<Parameters<typeof checkoutAt>[1], 'vault'> & { kyc?: 'NONE' | 'KYC_0' | 'KYC_1'; savedCards?: ('frictionless' | '3ds')[] } = {}) {
    const { kyc, savedCards, ...rest } = options;
    const customer = await vault.customer({ ...(kyc ? { kyc } : {}), ...(savedCards ? { savedCards } : {}) });
    const events: PayinEmitted[] = [];
    const actor = await checkoutAt(step, { ...rest, vault: customer, machineOptions: { pollInitialMs: 200, pollMaxMs: 400 }, onEvent: (event) => events.push(event) });
    started.push(actor);
    const steps = events.flatMap((event) => (event.type === 'state-change' ? [event.step] : []));
    return { actor, events, steps, customer };
  }

  it('card, quote and offer: the screens of a purchase, nothing paid', async () => {
    const card = await at('card');
    expect(card.actor.getSnapshot().matches({ card: 'newCard' })).toBe(true);
    const quote = await at('quote');
    expect(quote.actor.getSnapshot().value).toMatchObject({ quote: expect.anything() });
    expect((await quote.customer.requests())['offer-create']).toBe(0);
    const offer = await at('offer', { amount: '75' });
    expect(offer.actor.getSnapshot().matches({ offer: 'live' })).toBe(true);
    expect(offer.events.find((event) => event.type === 'offer')).toMatchObject({ offer: { amount: '75', fromCurrency: 'EUR', toCurrency: 'BTC' } });
    expect((await offer.customer.requests()).pay).toBe(0);
  });

  it('success with the frictionless card: the receipt reaches the host', async () => {
    const { actor, events, steps } = await at('success');
    expect(actor.getSnapshot().status).toBe('done');
    expect(steps).toEqual(['card', 'quote', 'offer', 'paying', 'verifying', 'success']);
    expect(events.find((event) => event.type === 'success')).toMatchObject({ receipt: { amount: '50', currency: 'EUR', maskedPan: expect.stringContaining('4242') } });
    carriesNoCardNumber(events);
  });

  it.each([
    ['declined', 'Do not honour'],
    ['insufficient-funds', 'Insufficient funds'],
    ['3ds-decline', 'Declined by the card issuer (3-D Secure)'],
  ] as const)('failure with the %s card: the bank\'s reason reaches the host', async (card, message) => {
    const { events } = await at('failure', { card });
    expect(events.find((event) => event.type === 'failure')).toEqual({ type: 'failure', reason: expect.objectContaining({ kind: 'declined', message }) });
    carriesNoCardNumber(events);
  });

  it('success through the 3-D Secure bank page (approved)', async () => {
    const { events, steps } = await at('success', { card: '3ds' });
    expect(steps).toEqual(['card', 'quote', 'offer', 'paying', 'redirect', 'verifying', 'success']);
    expect(events.find((event) => event.type === 'redirect')).toMatchObject({ url: expect.stringMatching(/\/sandbox\/bank\//) });
  });

  it('redirect: the checkout waits on the bank page', async () => {
    const { actor, events } = await at('redirect');
    expect(actor.getSnapshot().matches('redirect')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'redirect' });
  });

  it('verifying: the pending card, and the 3-D Secure card not yet answered', async () => {
    const pending = await at('verifying');
    expect(pending.actor.getSnapshot().matches('verifying')).toBe(true);
    const unanswered = await at('verifying', { card: '3ds' });
    expect(unanswered.actor.getSnapshot().matches('verifying')).toBe(true);
  });

  it('a KYC_0 customer is refused at Pay: failure and kyc-required', async () => {
    const { actor, events, customer } = await at('failure', { kyc: 'KYC_0', card: 'frictionless' });
    expect(events).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
    expect(actor.getSnapshot().context.failure).toEqual({ kind: 'kyc-required', level: 'KYC_1' });
    expect((await customer.requests()).pay).toBe(1);
  });

  it('a new customer (NONE) gives the profile first, then gets an offer', async () => {
    const { actor, customer } = await at('offer', { kyc: 'NONE' });
    expect(actor.getSnapshot().matches({ offer: 'live' })).toBe(true);
    expect((await customer.requests()).profile).toBe(1);
  });

  it('chooses a saved card of the kind asked for instead of adding one', async () => {
    const { customer } = await at('success', { savedCards: ['3ds', 'frictionless'] });
    expect((await customer.requests()).card).toBe(2); // the two saved by the setup, none by the checkout
  });

  it('rejects, naming where the checkout ended, when the card cannot reach the step', async () => {
    await expect(at('success', { card: 'declined' })).rejects.toThrow(/ended in failure, not success/);
    await expect(at('redirect', { card: 'frictionless' })).rejects.toThrow(/needs the 3-D Secure card/);
    await expect(at('shipped' as never)).rejects.toThrow(/no step "shipped"/);
  });

  it('bounds each wait: a vault that does not answer in time is reported, not waited for', async () => {
    const customer = await vault.customer({ faults: [{ route: 'data', latencyMs: 5_000 }] });
    await expect(checkoutAt('quote', { vault: customer, timeoutMs: 500 })).rejects.toThrow(/no card screen within 500 ms; the checkout is at \{"card":"loading"\}/);
  });
});
