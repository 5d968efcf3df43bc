// @vitest-environment happy-dom
/**
 * Model-based tests of the shop's reaction to the checkout: a model of the checkout's public steps
 * (which customer, which card, get an offer, pay, answer the bank) from which @xstate/graph
 * generates the shortest path to every outcome. Each path is played on the real `payinMachine`
 * against a test vault, through its public events only, and at each state the host page must show
 * what the shop promises: the order confirmation, the help link, the way to verification.
 */
import { createTestModel } from '@xstate/graph';
import { seal, type PayinEmitted } from '@payin-checkout/core';
import { answerBankPage, checkoutAt, startTestVault, testCardDetails, testCards, type PayinCheckout, type TestCardName, type TestCustomer, type TestVault } from '@payin-checkout/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, createMachine, waitFor } from 'xstate';
import { attachShop, type Shop } from './shop.js';

type ModelCard = Extract<TestCardName, 'frictionless' | '3ds' | 'declined' | 'insufficient-funds'>;
type ModelEvent =
  | { type: 'VERIFIED_CUSTOMER' }
  | { type: 'UNVERIFIED_CUSTOMER' }
  | { type: 'ADD_CARD'; card: ModelCard }
  | { type: 'GET_OFFER' }
  | { type: 'PAY' }
  | { type: 'BANK_APPROVE' }
  | { type: 'BANK_DECLINE' };

/** What the shop expects of the checkout, step by step. */
const purchaseModel = createMachine({
  id: 'purchase',
  types: {} as { context: { verified: boolean; card: ModelCard | undefined }; events: ModelEvent },
  context: { verified: true, card: undefined },
  initial: 'start',
  states: {
    start: {
      on: {
        VERIFIED_CUSTOMER: { target: 'card', actions: assign({ verified: true }) },
        UNVERIFIED_CUSTOMER: { target: 'card', actions: assign({ verified: false }) },
      },
    },
    card: { on: { ADD_CARD: { target: 'quote', actions: assign({ card: ({ event }) => event.card }) } } },
    quote: { on: { GET_OFFER: 'offer' } },
    offer: {
      on: {
        PAY: [
          { guard: ({ context }) => !context.verified, target: 'verificationNeeded' },
          { guard: ({ context }) => context.card === '3ds', target: 'bank' },
          { guard: ({ context }) => context.card === 'frictionless', target: 'paid' },
          { target: 'declined' },
        ],
      },
    },
    bank: { on: { BANK_APPROVE: 'paid', BANK_DECLINE: 'declined' } },
    paid: { type: 'final' },
    declined: { type: 'final' },
    verificationNeeded: { type: 'final' },
  },
});

const cards: ModelCard[] = ['frictionless', '3ds', 'declined', 'insufficient-funds'];
const model = createTestModel(purchaseModel, {
  events: [
    { type: 'VERIFIED_CUSTOMER' },
    { type: 'UNVERIFIED_CUSTOMER' },
    ...cards.map((card) => ({ type: 'ADD_CARD' as const, card })),
    { type: 'GET_OFFER' },
    { type: 'PAY' },
    { type: 'BANK_APPROVE' },
    { type: 'BANK_DECLINE' },
  ],
});

/** One played path: the customer, the real checkout, the shop's page, and what the checkout emitted. */
interface System {
  customer?: TestCustomer;
  checkout?: PayinCheckout;
  shop: Shop;
  events: PayinEmitted[];
}

let vault: TestVault;
beforeAll(async () => {
  vault = await startTestVault();
});
afterAll(() => vault.close());

const paths = model.getShortestPaths().filter((path) => path.state.status === 'done');

describe('the shop around the checkout, path by path', () => {
  it('the model reaches every outcome', () => {
    const outcomes = new Set(paths.map((path) => String(path.state.value)));
    expect([...outcomes].sort()).toEqual(['declined', 'paid', 'verificationNeeded']);
    expect(paths.length).toBeGreaterThanOrEqual(6);
  });

  for (const path of paths) {
    it(path.description, async () => {
      const system: System = { shop: attachShop(document.body), events: [] };
      const checkout = () => system.checkout as PayinCheckout;
      /** Waits (bounded) until the real checkout is at a step. */
      const at = (step: 'quote' | 'redirect' | 'success' | 'failure') => waitFor(checkout(), (snapshot) => snapshot.matches(step), { timeout: 15_000 });
      try {
        await path.test({
          events: {
            VERIFIED_CUSTOMER: async () => {
              system.customer = await vault.customer({ kyc: 'KYC_1' });
            },
            UNVERIFIED_CUSTOMER: async () => {
              system.customer = await vault.customer({ kyc: 'KYC_0' });
            },
            ADD_CARD: async ({ event }) => {
              const { card } = event as Extract<ModelEvent, { type: 'ADD_CARD' }>;
              system.checkout = await checkoutAt('card', {
                vault: system.customer as TestCustomer,
                machineOptions: { pollInitialMs: 200, pollMaxMs: 500 },
                onEvent: (emitted) => {
                  system.events.push(emitted);
                  system.shop.handle(emitted);
                },
              });
              const { address, zip, city, countryCode } = testCardDetails.address;
              for (const [field, value] of Object.entries({ cardHolder: testCardDetails.holder, address, zip, city, countryCode })) {
                checkout().send({ type: 'FIELD.CHANGE', field: field as 'address', value });
              }
              const number = testCards.find((entry) => entry.name === card)?.number ?? '';
              checkout().send({ type: 'CARD.ADD', card: seal({ number, expiry: testCardDetails.expiry() }) });
            },
            GET_OFFER: async () => {
              await at('quote');
              checkout().send({ type: 'QUOTE.SUBMIT' });
              await waitFor(checkout(), (snapshot) => snapshot.matches({ offer: 'live' }), { timeout: 15_000 });
            },
            PAY: () => {
              checkout().send({ type: 'PAY.SUBMIT', cvv: seal(testCardDetails.cvv) });
            },
            BANK_APPROVE: async () => {
              await answerBankPage(bankUrl(system), 'approve');
              checkout().send({ type: 'REDIRECT.RETURNED' });
            },
            BANK_DECLINE: async () => {
              await answerBankPage(bankUrl(system), 'decline');
              checkout().send({ type: 'REDIRECT.RETURNED' });
            },
          },
          states: {
            quote: async () => {
              await at('quote');
              expect(system.shop.showing()).toBe('nothing');
            },
            offer: () => {
              expect(checkout().getSnapshot().matches({ offer: 'live' })).toBe(true);
              expect(system.shop.showing()).toBe('nothing');
            },
            bank: async () => {
              await at('redirect');
              expect(system.shop.showing()).toBe('bank-notice');
            },
            paid: async () => {
              await at('success');
              expect(system.shop.showing()).toBe('order-confirmed');
              expect(system.shop.text()).toMatch(/Order \d+ is confirmed/);
            },
            declined: async () => {
              await at('failure');
              expect(system.shop.showing()).toBe('payment-help');
              expect(system.shop.text()).toMatch(/Do not honour|Insufficient funds|3-D Secure/);
            },
            verificationNeeded: async () => {
              await at('failure');
              expect(system.shop.showing()).toBe('verify-identity');
              expect(system.events).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
            },
          },
        });
      } finally {
        system.checkout?.stop();
      }
    });
  }
});

function bankUrl(system: System): string {
  const redirect = system.events.find((event) => event.type === 'redirect');
  if (redirect?.type !== 'redirect') throw new Error('the checkout emitted no redirect');
  return redirect.url;
}
