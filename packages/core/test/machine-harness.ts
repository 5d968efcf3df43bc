/** Test harness for the machine: provided actors, a simulated clock, recorded emits and transitions. */
import { createActor, fromCallback, fromPromise, SimulatedClock, waitFor, type AnyStateMachine } from 'xstate';
import {
  memoryStore,
  offerSchema,
  payinDataSchema,
  payinMachine,
  payResultSchema,
  payStatusSchema,
  type PayinClient,
  type PayinEmitted,
  type PayinMachineInput,
  type PayinSnapshot,
  type ResumeStore,
} from '../src/index.js';
import { reference } from './fixtures.js';

export const START = Date.parse('2026-11-25T12:00:00Z');

export const sampleData = () => {
  const data = structuredClone(reference('PayIn/get-available-rates-and-cards-payin.response.json')) as Record<string, unknown> & { cards: Record<string, unknown>[] };
  data.defaultMinAmountFrom = 10;
  data.defaultMaxAmountFrom = 5000;
  data.fees = { ...(reference('PayIn/create-offer-without-charging-customer.response.json') as { fees: object }).fees };
  return data;
};

export const sampleOffer = (offerId = 7402, rate = 1.0662729658792651, validSeconds = 20) => ({
  ...(reference('PayIn/create-offer-without-charging-customer.response.json') as object),
  offerId: String(offerId),
  validSeconds,
  rate: { rate, currency: 'EUR', commissionFix: 0, commissionPercentage: 0, minCrypto: 0, maxCrypto: 0 },
  feeInfo: [
    { name: 'Crypterium gas', value: 0.155, valueOld: 0.155, scale: 8, currency: 'EUR' },
    { name: 'Additional Fee', value: 0.155, valueOld: 0.155, scale: 8, currency: 'EUR' },
    { name: 'Transaction fee', value: 0.93, valueOld: 0.93, scale: 8, currency: 'EUR' },
  ],
});

type ActorImpl = (input: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>;

export interface HarnessOptions {
  actors?: Partial<Record<string, ActorImpl>>;
  input?: Partial<PayinMachineInput>;
  store?: ResumeStore;
}

export interface Call {
  actor: string;
  input: Record<string, unknown>;
  signal: AbortSignal;
}

export function machineKeys(machine: AnyStateMachine) {
  const states: string[] = [];
  const transitions: string[] = [];
  const walk = (node: AnyStateMachine['root']) => {
    states.push(node.id);
    for (const [eventType, list] of node.transitions) {
      list.forEach((_t: unknown, index: number) => transitions.push(`${node.id} ${eventType} #${index}`));
    }
    (node.always ?? []).forEach((_t: unknown, index: number) => transitions.push(`${node.id} always #${index}`));
    for (const child of Object.values(node.states)) walk(child as AnyStateMachine['root']);
  };
  walk(machine.root);
  return { states, transitions };
}

/** Every state and transition any harness has seen, for the coverage test. */
export const seen = { states: new Set<string>(), transitions: new Set<string>() };

const defaults: Record<string, ActorImpl> = {
  getKycData: async () => ({ kycLevel: 'KYC_1' }),
  updateProfile: async () => undefined,
  getData: async () => sampleData(),
  addCard: async () => undefined,
  addBillingAddress: async () => undefined,
  createOffer: async () => sampleOffer(),
  updateOffer: async () => sampleOffer(),
  pay: async (input) => ({ offerId: input.offerId, authLink: null }),
  getPayStatus: async (input) => ({ offerId: input.offerId, status: 'SUCCESS', amount: 31, currency: 'EUR', cryptoAmount: 33.05, cryptoCurrency: 'USDC', transactionAmount: '32.24', maskedPan: '490742****3896' }),
};

export function harness(options: HarnessOptions = {}) {
  const clock = new SimulatedClock();
  clock.set(START);
  const calls: Call[] = [];
  const emitted: PayinEmitted[] = [];
  const snapshots: PayinSnapshot[] = [];
  const store = options.store ?? memoryStore();
  const impls = { ...defaults, ...options.actors } as Record<string, ActorImpl>;
  // Answers go through the client's schemas, as they would from the real client.
  const parse: Record<string, (value: unknown) => unknown> = {
    getData: (value) => payinDataSchema.parse(value),
    createOffer: (value) => offerSchema.parse(value),
    updateOffer: (value) => offerSchema.parse(value),
    pay: (value) => payResultSchema.parse(value),
    getPayStatus: (value) => payStatusSchema.parse(value),
  };
  const actors = Object.fromEntries(
    Object.entries(impls).map(([name, impl]) => [
      name,
      fromPromise(async ({ input, signal }: { input: Record<string, unknown>; signal: AbortSignal }) => {
        calls.push({ actor: name, input, signal });
        const answer = await impl(input, signal);
        return parse[name] ? parse[name](answer) : answer;
      }),
    ]),
  );
  const machine = payinMachine.provide({
    actors: { ...(actors as object), visibility: fromCallback(() => undefined) } as never,
  });
  const actor = createActor(machine, {
    input: {
      client: {} as PayinClient,
      successUrl: 'https://shop.example/return',
      store,
      now: () => clock.now(),
      fingerprint: () => ({ browserLanguage: 'en' }),
      fromCurrency: 'EUR',
      toCurrency: 'USDC',
      ...options.input,
    },
    clock,
    inspect: (event) => {
      // Only the checkout machine takes microsteps (its children are promise and callback actors);
      // its first ones happen while the actor is being created.
      if (event.type === '@xstate.microstep') {
        for (const t of (event as unknown as { _transitions: { source: { id: string; transitions: Map<string, unknown[]>; always?: unknown[] }; eventType: string }[] })._transitions) {
          const always = t.source.always?.indexOf(t) ?? -1;
          const key =
            always >= 0
              ? `${t.source.id} always #${always}`
              : `${t.source.id} ${t.eventType} #${t.source.transitions.get(t.eventType)?.indexOf(t)}`;
          seen.transitions.add(key);
          // Transient states (left at once by an `always`) never show in a snapshot.
          seen.states.add(t.source.id);
        }
      }
    },
  });
  actor.on('*', (event) => emitted.push(event as PayinEmitted));
  actor.subscribe((snapshot) => {
    snapshots.push(snapshot);
    for (const id of snapshot._nodes.map((node: { id: string }) => node.id)) seen.states.add(id);
  });
  actor.start();

  /** Lets pending promises settle. */
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Moves the simulated clock, letting promises settle in between. */
  const advance = async (ms: number, step = 250) => {
    for (let passed = 0; passed < ms; passed += step) {
      clock.increment(Math.min(step, ms - passed));
      await settle();
    }
  };
  const until = (predicate: (snapshot: PayinSnapshot) => boolean) => waitFor(actor, predicate, { timeout: 2_000 });
  const callsOf = (name: string) => calls.filter((call) => call.actor === name);
  return { actor, clock, calls, callsOf, emitted, snapshots, store, settle, advance, until };
}
