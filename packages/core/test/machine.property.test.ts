/**
 * Property-based test of the real `payinMachine`: random customers, clocks, reloads, second tabs and
 * a misbehaving Vault, against four invariants checked after every step (see property-harness.ts):
 *
 * 1. at most one pay request per offer id, counted across every page (reloads and tabs included);
 * 2. no pay request for a new offer while an earlier pay's outcome is unknown (`World.settled`);
 * 3. every live state has a way forward (`wayForward`);
 * 4. no card number, expiry or CVV in any snapshot, emitted event or stored value.
 *
 * A failure prints fast-check's seed and path, the shrunk scenario, and the trace of the shrunk run
 * (each command, the state of every tab after it, the late answers still held, what was written to
 * storage). Replay one with PAYIN_PROPERTY_SEED=<seed> PAYIN_PROPERTY_PATH=<path>; PAYIN_PROPERTY_RUNS
 * changes the number of random runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from 'xstate';
import { payinMachine } from '../src/index.js';
import { unseal, type Sealed } from '../src/sealed.js';
import {
  CVVS,
  describeCommand,
  ENDPOINTS,
  OUTCOMES,
  wayForward,
  World,
  type Choice,
  type Command,
  type Endpoint,
  type EventSpec,
  type WorldOptions,
} from './property-harness.js';

const NUM_RUNS = Number(process.env.PAYIN_PROPERTY_RUNS ?? 300);
const SEED = process.env.PAYIN_PROPERTY_SEED === undefined ? undefined : Number(process.env.PAYIN_PROPERTY_SEED);
const PATH = process.env.PAYIN_PROPERTY_PATH;
const MAX_COMMANDS = 30;

// ---- Arbitraries -------------------------------------------------------------------------------

const tab = fc.nat({ max: 2 });

const event: fc.Arbitrary<EventSpec> = fc.oneof(
  // Saved cards (289 needs a billing address) and one the list does not have.
  { weight: 3, arbitrary: fc.constantFrom('127', '150', '289', '404404').map((cardId) => ({ type: 'CARD.SELECT' as const, cardId })) },
  {
    weight: 3,
    // Valid amounts (10–5000 EUR, 2 decimals) and invalid ones.
    arbitrary: fc.constantFrom('31', '250.50', '10', '4999.99', '5', '0', 'abc', '', '6000', '1.234').map((amount) => ({ type: 'FIELD.CHANGE' as const, amount })),
  },
  { weight: 6, arbitrary: fc.constantFrom(CVVS.valid, CVVS.valid, CVVS.short, CVVS.long, CVVS.letters).map((cvv) => ({ type: 'PAY.SUBMIT' as const, cvv })) },
  {
    weight: 10,
    arbitrary: fc
      .constantFrom(
        'QUOTE.SUBMIT',
        'PRICE.ACCEPT',
        'RETRY',
        'BACK',
        'CARD.CHANGE',
        'STATUS.CHECK',
        'REDIRECT.RETURNED',
        'PAGE.HIDDEN',
        'PAGE.VISIBLE',
        'CARD.NEW',
        'BILLING.SUBMIT',
      )
      .map((type) => ({ type })),
  },
);

const choice = (endpoint: Endpoint, outcome = fc.constantFrom(...OUTCOMES[endpoint])): fc.Arbitrary<Choice> =>
  fc.record({
    outcome,
    // About one answer in three comes late.
    late: fc.constantFrom(false, false, true),
    bank: fc.constantFrom('PENDING' as const, 'SUCCESS' as const, 'FAILURE' as const),
    authLink: fc.boolean(),
  });

const endpointWeights: Record<Endpoint, number> = {
  pay: 8,
  getPayStatus: 7,
  createOffer: 3,
  getData: 2,
  updateOffer: 1,
  getKycData: 1,
  addCard: 1,
  addBillingAddress: 1,
};

const next: fc.Arbitrary<Command> = fc.oneof(
  ...ENDPOINTS.map((endpoint) => ({
    weight: endpointWeights[endpoint],
    arbitrary: choice(endpoint).map((c): Command => ({ kind: 'next', endpoint, choice: c })),
  })),
);

const named = (command: Command): Command => Object.assign(command, { [fc.toStringMethod]: () => describeCommand(command) });

const command: fc.Arbitrary<Command> = fc
  .oneof(
    { weight: 24, arbitrary: fc.record({ kind: fc.constant('send' as const), tab, event }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('quick' as const), tab }) },
    { weight: 14, arbitrary: fc.record({ kind: fc.constant('buy' as const), tab }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('addCard' as const), tab, card: fc.constantFrom('visa' as const, 'mastercard' as const, 'bad-luhn' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('billing' as const), tab }) },
    {
      weight: 10,
      arbitrary: fc.record({
        kind: fc.constant('wait' as const),
        ms: fc.constantFrom(100, 400, 1_000, 3_000, 10_000, 30_000, 2 * 60_000, 11 * 60_000, 25 * 60 * 60_000),
      }),
    },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('reload' as const), tab, fromBank: fc.boolean() }) },
    { weight: 4, arbitrary: fc.constant({ kind: 'openTab' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('closeTab' as const), tab }) },
    { weight: 14, arbitrary: next },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('release' as const), index: fc.nat({ max: 3 }) }) },
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('bankSettles' as const), index: fc.nat({ max: 2 }), status: fc.constantFrom('SUCCESS' as const, 'FAILURE' as const) }),
    },
  )
  .map(named);

/**
 * Swarm testing: each run enables a random subset of the command groups, so that some runs are dense in
 * reloads and tabs, others in faults and late answers, instead of every run being the same thin mix.
 */
const GROUPS = ['customer', 'quick', 'buy', 'cards', 'wait', 'reload', 'tabs', 'faults', 'late', 'bank'] as const;
type Group = (typeof GROUPS)[number];
const GROUP_OF: Record<Command['kind'], Group> = {
  send: 'customer',
  quick: 'quick',
  buy: 'buy',
  addCard: 'cards',
  billing: 'cards',
  wait: 'wait',
  reload: 'reload',
  openTab: 'tabs',
  closeTab: 'tabs',
  next: 'faults',
  release: 'late',
  bankSettles: 'bank',
};

/** Mostly a success, else any outcome: how this run's Vault answers pay and status calls with nothing queued. */
const usually = (endpoint: Endpoint) =>
  choice(endpoint, fc.oneof({ weight: 3, arbitrary: fc.constant('ok' as const) }, { weight: 2, arbitrary: fc.constantFrom(...OUTCOMES[endpoint]) }));

interface Scenario {
  defaults: NonNullable<WorldOptions['defaults']>;
  groups: Group[];
  commands: Command[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    defaults: fc.record({ pay: usually('pay'), getPayStatus: usually('getPayStatus') }),
    groups: fc.subarray([...GROUPS], { minLength: 1 }),
    drawn: fc.array(command, { maxLength: 3 * MAX_COMMANDS, size: 'max' }),
  })
  .map(({ defaults, groups, drawn }) => ({
    defaults,
    groups,
    commands: drawn.filter((c) => groups.includes(GROUP_OF[c.kind])).slice(0, MAX_COMMANDS),
  }));

// ---- Known counterexamples ---------------------------------------------------------------------

const payOk = (late: boolean, bank: Choice['bank']): Choice => ({ outcome: 'ok', late, bank, authLink: false });

/**
 * Counterexamples this property found and shrank, replayed first on every run (fast-check `examples`)
 * until the machine is fixed; the random runs come after them.
 */
const known = (scenario: Scenario): Scenario => ({ ...scenario, commands: scenario.commands.map(named) });

const KNOWN: Scenario[] = [
  // Seed 3, after 2078 random runs (and seed 4, after 81). A pay answer that arrives late overwrites the
  // payment record of a newer payment made meanwhile in another tab (`saveRecord` after `acceptPayment`
  // or `refusePayment` writes the one record slot whatever it holds), and the late page then removes
  // that record once its own payment is confirmed: the newer payment, still unknown, is forgotten, and
  // the next page pays again (invariant 2).
  known({
    defaults: { pay: payOk(true, 'SUCCESS'), getPayStatus: payOk(false, 'SUCCESS') },
    groups: ['buy', 'tabs', 'late'],
    commands: [{ kind: 'buy', tab: 0 }, { kind: 'openTab' }, { kind: 'buy', tab: 1 }, { kind: 'release', index: 0 }, { kind: 'buy', tab: 0 }],
  }),
  // Seed 31, after 3319 random runs (with the record overwrite above masked). The amount is changed while
  // the offer is being created; when the offer arrives, `setOffer` reads the amount from the fields as
  // they are now, not as they were asked: "abc" makes `Decimal.from('')` throw and the actor crashes
  // (invariant 3). A valid amount instead (250.50) shows Vault's offer for 31 EUR as one for 250.50.
  known({
    defaults: { pay: payOk(false, 'PENDING'), getPayStatus: payOk(false, 'PENDING') },
    groups: ['customer', 'buy', 'faults', 'late'],
    commands: [
      { kind: 'next', endpoint: 'createOffer', choice: payOk(true, 'SUCCESS') },
      { kind: 'buy', tab: 0 },
      { kind: 'send', tab: 0, event: { type: 'FIELD.CHANGE', amount: 'abc' } },
      { kind: 'release', index: 0 },
    ],
  }),
];

// ---- The property ------------------------------------------------------------------------------

/** What the random runs reached, summed over the runs: shows (and checks) that the property is not vacuous. */
const reach = { runs: 0, commands: 0, paid: 0, paidTwice: 0, released: 0, twoTabs: 0, states: new Set<string>() };

async function explore({ defaults, commands }: Scenario): Promise<void> {
  const world = new World({ defaults });
  try {
    await world.runAll(commands);
  } finally {
    reach.runs += 1;
    reach.commands += commands.length;
    if (world.pays.length > 0) reach.paid += 1;
    if (world.pays.length > 1) reach.paidTwice += 1;
    reach.released += world.released;
    if (world.mostTabs > 1) reach.twoTabs += 1;
    for (const id of world.statesSeen) reach.states.add(id);
  }
}

describe('payinMachine: properties under random customers, clocks, reloads, tabs and faults', () => {
  it(
    'keeps invariants 1–4 after every step',
    async () => {
      await fc.assert(fc.asyncProperty(scenario, explore), {
        numRuns: NUM_RUNS,
        examples: KNOWN.map((example) => [example]),
        ...(SEED === undefined ? {} : { seed: SEED }),
        ...(PATH === undefined ? {} : { path: PATH }),
      });
      const { states, ...counts } = reach;
      console.warn(`property runs: ${JSON.stringify(counts)}, ${states.size} states reached`);
      // The random runs reach deep: payments, second payments, late answers, second tabs, the whole flow.
      expect(reach.paid).toBeGreaterThan(reach.runs / 5);
      expect(reach.paidTwice).toBeGreaterThan(0);
      expect(reach.released).toBeGreaterThan(0);
      expect(reach.twoTabs).toBeGreaterThan(0);
      for (const id of ['payin.paying', 'payin.redirect', 'payin.verifying.waiting', 'payin.verifying.blocked', 'payin.success', 'payin.failure', 'payin.offer.live', 'payin.card.error']) {
        expect(reach.states).toContain(id);
      }
    },
    120_000,
  );
});

// ---- The checks can fail -----------------------------------------------------------------------

describe('payinMachine properties: each check catches what it is meant to', () => {
  const run = (commands: Command[], options?: WorldOptions) => new World(options).runAll(commands);
  const toOffer: Command = { kind: 'quick', tab: 0 };
  const pay: Command = { kind: 'send', tab: 0, event: { type: 'PAY.SUBMIT', cvv: CVVS.valid } };

  it('invariant 1: a client that re-sends pay after a lost answer', async () => {
    const lost: Command = { kind: 'next', endpoint: 'pay', choice: { outcome: 'network', late: false, bank: 'PENDING', authLink: false } };
    await expect(run([toOffer, lost, pay], { resendPayAfterLostAnswer: true })).rejects.toThrow(/invariant 1: page #1 sent pay request #2 for offer 7401/);
    await run([toOffer, lost, pay]);
  });

  it('invariant 2: a machine that ignores a payment still in flight in another tab', async () => {
    const forgetful = payinMachine.provide({ guards: { otherPaymentPending: () => false } });
    const script: Command[] = [
      { kind: 'openTab' },
      toOffer,
      { kind: 'quick', tab: 1 },
      { kind: 'next', endpoint: 'pay', choice: payOk(true, 'PENDING') },
      pay,
      { kind: 'send', tab: 1, event: { type: 'PAY.SUBMIT', cvv: CVVS.valid } },
    ];
    await expect(run(script, { machine: forgetful })).rejects.toThrow(/invariant 2: page #2 sent pay for offer 7402 while .*offer 7401/);
    await run(script);
  });

  it('invariant 3: tells a dead end from a state with a way forward', async () => {
    const world = new World({ defaults: { getData: { outcome: 'network', late: false, bank: 'SUCCESS', authLink: false } } });
    await world.start();
    try {
      const page = world.pages[0];
      if (!page) throw new Error('no page');
      // The page-visibility listener is always running: it is not an answer being awaited.
      expect(wayForward(page.machine, page.actor.getSnapshot())).toBe('customer event RETRY');
      const blocked = page.machine.resolveState({ value: { verifying: 'blocked' }, context: page.actor.getSnapshot().context });
      expect(wayForward(page.machine, blocked)).toBe('customer event STATUS.CHECK');
      expect(wayForward(page.machine, page.machine.resolveState({ value: 'success', context: blocked.context }))).toBeUndefined();
      await world.step({ kind: 'next', endpoint: 'getData', choice: { outcome: 'ok', late: true, bank: 'SUCCESS', authLink: false } });
      await world.step({ kind: 'send', tab: 0, event: { type: 'RETRY' } });
      expect(wayForward(page.machine, page.actor.getSnapshot())).toBe('awaiting getData');
    } finally {
      world.stop();
    }
  });

  it('invariant 4: a machine that keeps a refused CVV', async () => {
    const leaky = payinMachine.provide({
      actions: { setCvvError: assign(({ event }) => ({ notice: unseal((event as { cvv: Sealed<string> }).cvv) })) },
    });
    const script: Command[] = [toOffer, { kind: 'send', tab: 0, event: { type: 'PAY.SUBMIT', cvv: CVVS.short } }];
    await expect(run(script, { machine: leaky })).rejects.toThrow(/invariant 4: card data "73" in a snapshot of page #1/);
    await run(script);
  });
});
