/**
 * A small world for property tests of the machine. One simulated clock; one shared `localStorage`
 * that every page sees through its own store object (each tab and each reload is a new page, with
 * its own page memory, over the same storage); a fake Vault whose "bank" remembers which offers
 * were charged; and up to three pages running the real `payinMachine`, its API actors swapped for
 * the fake as machine-harness.ts does. `World.runAll` interprets a list of small commands and checks
 * the invariants after every one, throwing with the whole trace on the first broken one.
 */
import { createActor, fromCallback, fromPromise, SimulatedClock, type Actor, type AnyActorRef } from 'xstate';
import {
  DEFAULT_PAY_TIMEOUT_MS,
  billingAddressSchema,
  cardDigits,
  checkInput,
  classifyError,
  createOfferRequestSchema,
  defaultPayinOptions,
  isNoPayment,
  NetworkError,
  newCardSchema,
  offerSchema,
  payinDataSchema,
  payInputSchema,
  payinMachine,
  parseExpiry,
  payResultSchema,
  payStatusSchema,
  RequestTimeoutError,
  requestIdSchema,
  RESUME_KEY,
  seal,
  updateOfferRequestSchema,
  VaultApiError,
  type CardSecrets,
  type FieldValues,
  type PayinClient,
  type PayinEvent,
  type PayinMachine,
  type PayinSnapshot,
  type ResumeStore,
  type VaultErrorBody,
} from '../src/index.js';
import { unseal, type Sealed } from '../src/sealed.js';
import { sampleData, sampleOffer, START } from './machine-harness.js';

// ---- Commands ----------------------------------------------------------------------------------

export const ENDPOINTS = ['getKycData', 'getData', 'createOffer', 'updateOffer', 'pay', 'getPayStatus', 'addCard', 'addBillingAddress'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/**
 * How the fake answers one call. `ok` is a success (for a status check: the bank's truth);
 * `network`/`timeout` lose the answer (a pay request still reached the bank); `unsent` is a network
 * error before the request left (pay only: nothing reached the bank); `server` is a 503; `auth` a 401;
 * `kyc` a 403 asking for KYC_1; `refused` a 400 without a field (pay and update: OFFER_EXPIRED);
 * `field` a 400 naming a field; `not-found` (status only) a 404 for a payment the bank still
 * processes (a 404 is the truth anyway for an offer never charged); `worse-rate`/`short-offer`
 * (offers) an offer 5 % worse, or valid for 1 s.
 */
export type Outcome =
  | 'ok'
  | 'network'
  | 'timeout'
  | 'unsent'
  | 'server'
  | 'auth'
  | 'kyc'
  | 'refused'
  | 'field'
  | 'not-found'
  | 'worse-rate'
  | 'short-offer';

export const OUTCOMES: Record<Endpoint, readonly Outcome[]> = {
  getKycData: ['ok', 'network', 'server', 'auth'],
  getData: ['ok', 'network', 'timeout', 'server', 'auth', 'kyc'],
  createOffer: ['ok', 'worse-rate', 'short-offer', 'network', 'timeout', 'server', 'auth', 'field', 'kyc'],
  updateOffer: ['ok', 'network', 'refused', 'field'],
  pay: ['ok', 'network', 'timeout', 'unsent', 'server', 'auth', 'refused', 'field', 'kyc'],
  getPayStatus: ['ok', 'network', 'timeout', 'server', 'auth', 'not-found', 'kyc'],
  addCard: ['ok', 'network', 'field'],
  addBillingAddress: ['ok', 'network', 'field'],
};

export type BankStatus = 'PENDING' | 'SUCCESS' | 'FAILURE';

export interface Choice {
  outcome: Outcome;
  /** The answer is held back until a `release` command delivers it (a late answer). */
  late: boolean;
  /** pay only: the bank's status for a charged payment, and whether the answer names a bank page (3-D Secure). */
  bank: BankStatus;
  authLink: boolean;
}

export type EventSpec =
  | { type: 'CARD.SELECT'; cardId: string }
  | { type: 'FIELD.CHANGE'; amount: string }
  | { type: 'PAY.SUBMIT'; cvv: string }
  | {
      type:
        | 'QUOTE.SUBMIT'
        | 'PRICE.ACCEPT'
        | 'RETRY'
        | 'BACK'
        | 'CARD.CHANGE'
        | 'STATUS.CHECK'
        | 'REDIRECT.RETURNED'
        | 'PAGE.HIDDEN'
        | 'PAGE.VISIBLE'
        | 'CARD.NEW'
        | 'BILLING.SUBMIT';
    };

export type CardSpec = 'visa' | 'mastercard' | 'bad-luhn';

/** `tab` picks one of the open pages (modulo how many are open). */
export type Command =
  | { kind: 'send'; tab: number; event: EventSpec }
  /** The customer picks card 127, types 31 and asks for an offer (three events in a row). */
  | { kind: 'quick'; tab: number }
  /** The customer buys (again): a finished page is reloaded first and a failure answered with RETRY; then
   * `quick` and, once the offer's answer settled, PAY.SUBMIT with a valid CVV. */
  | { kind: 'buy'; tab: number }
  /** The customer fills the new-card form (holder, address) and sends CARD.ADD with a sealed card. */
  | { kind: 'addCard'; tab: number; card: CardSpec }
  /** The customer fills the billing address and sends BILLING.SUBMIT. */
  | { kind: 'billing'; tab: number }
  | { kind: 'wait'; ms: number }
  /** The page is reloaded (or, `fromBank`, comes back from the bank page with `?payin_offer=` of its last redirect). */
  | { kind: 'reload'; tab: number; fromBank: boolean }
  | { kind: 'openTab' }
  | { kind: 'closeTab'; tab: number }
  /** The next call to `endpoint` (from any page) is answered so. Calls with nothing queued succeed at once. */
  | { kind: 'next'; endpoint: Endpoint; choice: Choice }
  /** The `index`-th late answer still held (modulo how many) arrives. */
  | { kind: 'release'; index: number }
  /** The bank gives the `index`-th still-pending charged payment (modulo how many) a final status. */
  | { kind: 'bankSettles'; index: number; status: 'SUCCESS' | 'FAILURE' };

const duration = (ms: number): string =>
  ms >= 3_600_000 ? `${ms / 3_600_000} h` : ms >= 60_000 ? `${ms / 60_000} min` : ms >= 1_000 ? `${ms / 1_000} s` : `${ms} ms`;

export function describeChoice(endpoint: Endpoint, choice: Choice): string {
  let text: string = choice.outcome;
  if (endpoint === 'pay' && ['ok', 'network', 'timeout', 'server'].includes(choice.outcome)) {
    text += ` (charged, bank ${choice.bank}${choice.outcome === 'ok' && choice.authLink ? ', 3-D Secure' : ''})`;
  }
  return choice.late ? `${text}, late` : text;
}

function describeEvent(event: EventSpec): string {
  if ('cardId' in event) return `CARD.SELECT ${event.cardId}`;
  if ('amount' in event) return `FIELD.CHANGE amount=${JSON.stringify(event.amount)}`;
  if ('cvv' in event) return `PAY.SUBMIT cvv=${JSON.stringify(event.cvv)}`;
  return event.type;
}

export function describeCommand(command: Command): string {
  switch (command.kind) {
    case 'send':
      return `tab${command.tab} ← ${describeEvent(command.event)}`;
    case 'quick':
      return `tab${command.tab} ← CARD.SELECT 127, amount 31, QUOTE.SUBMIT`;
    case 'buy':
      return `tab${command.tab} buys: (reload if done, RETRY if failed) CARD.SELECT 127, amount 31, QUOTE.SUBMIT, PAY.SUBMIT cvv="${CVVS.valid}"`;
    case 'addCard':
      return `tab${command.tab} ← CARD.ADD ${command.card}`;
    case 'billing':
      return `tab${command.tab} ← billing address, BILLING.SUBMIT`;
    case 'wait':
      return `wait ${duration(command.ms)}`;
    case 'reload':
      return command.fromBank ? `tab${command.tab} comes back from the bank page` : `reload tab${command.tab}`;
    case 'openTab':
      return 'open a tab';
    case 'closeTab':
      return `close tab${command.tab}`;
    case 'next':
      return `next ${command.endpoint} → ${describeChoice(command.endpoint, command.choice)}`;
    case 'release':
      return `late answer #${command.index} arrives`;
    case 'bankSettles':
      return `bank settles pending payment #${command.index}: ${command.status}`;
  }
}

// ---- Card data ---------------------------------------------------------------------------------

const CARDS: Record<CardSpec, { number: string; expiry: string }> = {
  visa: { number: '4242 4242 4242 4242', expiry: '11 / 31' },
  mastercard: { number: '5105 1051 0510 5100', expiry: '07/32' },
  'bad-luhn': { number: '4242 4242 4242 4241', expiry: '11 / 31' },
};
export const CVVS = { valid: '739', short: '73', long: '7391', letters: '7a9' } as const;

/** Everything that must never show up in a snapshot, an emitted event or a stored value. */
export const SECRETS: readonly string[] = [
  ...Object.values(CARDS).flatMap(({ number, expiry }) => {
    const digits = number.replace(/\s/g, '');
    // The first eight digits too (the last four may show, as in `4242***4242`). None of these digit runs
    // can occur in the amounts, rates, ids and timestamps the checkout shows.
    return [number, digits, digits.slice(0, 8), expiry, expiry.replace(/\s/g, '')];
  }),
  // CVVs as JSON strings: a bare "73" would also match amounts and ids.
  ...Object.values(CVVS).map((cvv) => JSON.stringify(cvv)),
];

const ADDRESS = { cardHolder: 'Ada Lovelace', address: '1 Main St', city: 'Berlin', zip: '10115', countryCode: 'DE' } as const;

// ---- The world ---------------------------------------------------------------------------------

interface Page {
  /** Incarnation number: every reload and every new tab is a new page. */
  id: number;
  actor: Actor<PayinMachine>;
  machine: PayinMachine;
  /** Offer ids of the bank pages this page sent the customer to. */
  redirects: string[];
}

/** One pay request as the bank saw it. */
interface PayCall {
  offerId: string;
  page: number;
  at: number;
  /** `charged`: it reached the bank (its answer may have been lost); `refused`: Vault refused it, nothing was
   * taken; `unsent`: it never left (a connection error before sending). */
  reached: 'charged' | 'refused' | 'unsent';
  status: BankStatus | undefined;
  /** A status check gave a final status (SUCCESS/FAILURE) for it to a page still waiting for that answer. */
  toldFinal: boolean;
  /** The refusal itself, or a 404 status answer after it, reached a page still waiting for that answer. */
  toldNotTaken: boolean;
  how: string;
}

interface Held {
  label: string;
  deliver: () => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: Error };

type Impl = (input: Record<string, unknown>, signal: AbortSignal, pageId: number) => Promise<unknown>;

export interface WorldOptions {
  /** The machine to run (default `payinMachine`); a sanity check passes a deliberately broken one. */
  machine?: PayinMachine;
  /** A deliberately broken client for a sanity check: re-sends pay once after a lost answer. */
  resendPayAfterLostAnswer?: boolean;
  /** At most this many pages open at once. */
  maxTabs?: number;
  /** How calls with nothing queued for them are answered (default: `ok`, at once; a pay's bank status SUCCESS). */
  defaults?: Partial<Record<Endpoint, Choice>>;
}

const RESUME_MAX_AGE_MS = defaultPayinOptions.resumeMaxAgeMs;
/**
 * The pay request's time limit (the client's default). Past it — and past its offer's expiry, which
 * comes first (an offer holds 20 s, and is paid before it expires) — a pay request can no longer reach
 * the bank, and the bank knows every payment it took: it no longer answers "not found" for one.
 */
const PAY_WINDOW_MS = DEFAULT_PAY_TIMEOUT_MS;
const BASE_RATE = 1.0662729658792651;

/** Events a customer can send, one concrete sample of each, for the "way forward" check. */
const PROBES: readonly PayinEvent[] = [
  { type: 'BACK' },
  { type: 'RETRY' },
  { type: 'STATUS.CHECK' },
  { type: 'REDIRECT.RETURNED' },
  { type: 'CARD.CHANGE' },
  { type: 'PAGE.VISIBLE' },
  { type: 'PAGE.HIDDEN' },
  { type: 'CARD.SELECT', cardId: '127' },
  { type: 'CARD.SELECT', cardId: '289' },
  { type: 'CARD.NEW' },
  { type: 'PROFILE.SUBMIT' },
  { type: 'QUOTE.SUBMIT' },
  { type: 'PRICE.ACCEPT' },
  { type: 'BILLING.SUBMIT' },
  { type: 'FIELD.CHANGE', field: 'amount', value: '31' },
  { type: 'CARD.ADD', card: seal(CARDS.visa) },
  // Last: its guard reads the store (and drops a record past its age, as the machine itself would).
  { type: 'PAY.SUBMIT', cvv: seal(CVVS.valid) },
];

export class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
}

export class World {
  readonly clock = new SimulatedClock();
  /** The origin's `localStorage`, shared by every page. */
  readonly storage = new Map<string, string>();
  readonly pages: Page[] = [];
  readonly pays: PayCall[] = [];
  readonly payCount = new Map<string, number>();
  readonly held: Held[] = [];
  readonly queues = new Map<Endpoint, Choice[]>();
  readonly trace: string[] = [];
  readonly violations: string[] = [];
  /** What happened during the current step that the states alone do not show, for the trace. */
  private notes: string[] = [];
  /** Every state id any page of this world went through, for coverage statistics. */
  readonly statesSeen = new Set<string>();
  /** Late answers delivered, and the most pages open at once, for coverage statistics. */
  released = 0;
  mostTabs = 1;
  private readonly cards: Record<string, unknown>[] = structuredClone(sampleData().cards);
  private nextOfferId = 7400;
  private nextCardId = 500;
  private pageCount = 0;
  private readonly machine: PayinMachine;
  private readonly maxTabs: number;

  constructor(private readonly options: WorldOptions = {}) {
    this.clock.set(START);
    this.machine = options.machine ?? payinMachine;
    this.maxTabs = options.maxTabs ?? 3;
  }

  // ---- Running ---------------------------------------------------------------------------------

  /** Runs the commands, checking every invariant after each; throws a `PropertyFailure` with the trace. */
  async runAll(commands: readonly Command[]): Promise<void> {
    try {
      await this.start();
      for (const [index, command] of commands.entries()) await this.step(command, index);
    } finally {
      this.stop();
    }
  }

  /** Opens the first page and checks the invariants. */
  async start(): Promise<void> {
    this.pages.push(this.openPage());
    await this.settle();
    const defaults = Object.entries(this.options.defaults ?? {}).map(([endpoint, choice]) => `${endpoint} → ${describeChoice(endpoint as Endpoint, choice)}`);
    this.check(defaults.length > 0 ? `start; unless told otherwise: ${defaults.join(', ')}` : 'start');
  }

  /** Runs one command, lets its consequences settle, and checks the invariants. */
  async step(command: Command, index = this.trace.length - 1): Promise<void> {
    await this.run(command);
    this.check(`#${index} ${describeCommand(command)}`);
  }

  stop(): void {
    for (const page of this.pages) page.actor.stop();
  }

  private async run(command: Command): Promise<void> {
    switch (command.kind) {
      case 'send': {
        const { actor } = this.pageAt(command.tab);
        if (actor.getSnapshot().status === 'active') actor.send(eventOf(command.event));
        else this.notes.push('the page has ended: nothing to send to');
        break;
      }
      case 'quick':
      case 'buy': {
        if (command.kind === 'buy') await this.freshStart(command.tab);
        const { actor } = this.pageAt(command.tab);
        if (actor.getSnapshot().status !== 'active') break;
        actor.send({ type: 'CARD.SELECT', cardId: '127' });
        actor.send({ type: 'FIELD.CHANGE', field: 'amount', value: '31' });
        actor.send({ type: 'QUOTE.SUBMIT' });
        if (command.kind === 'quick') break;
        await this.settle();
        if (actor.getSnapshot().status === 'active') actor.send({ type: 'PAY.SUBMIT', cvv: seal(CVVS.valid) });
        break;
      }
      case 'addCard':
      case 'billing': {
        const { actor } = this.pageAt(command.tab);
        if (actor.getSnapshot().status !== 'active') break;
        for (const [field, value] of Object.entries(ADDRESS)) actor.send({ type: 'FIELD.CHANGE', field: field as keyof typeof ADDRESS, value });
        actor.send(command.kind === 'addCard' ? { type: 'CARD.ADD', card: seal({ ...CARDS[command.card] }) } : { type: 'BILLING.SUBMIT' });
        break;
      }
      case 'wait':
        await this.advance(command.ms);
        break;
      case 'reload': {
        const slot = command.tab % this.pages.length;
        const old = this.pages[slot] as Page;
        old.actor.stop();
        const offerId = command.fromBank ? old.redirects.at(-1) : undefined;
        if (command.fromBank) this.notes.push(offerId ? `back with ?payin_offer=${offerId}` : 'no bank page was opened: a plain reload');
        this.pages[slot] = this.openPage(offerId);
        break;
      }
      case 'openTab':
        if (this.pages.length < this.maxTabs) this.pages.push(this.openPage());
        else this.notes.push(`${this.maxTabs} tabs open already`);
        this.mostTabs = Math.max(this.mostTabs, this.pages.length);
        break;
      case 'closeTab':
        if (this.pages.length > 1) this.pages.splice(command.tab % this.pages.length, 1)[0]?.actor.stop();
        else this.notes.push('the last tab stays open');
        break;
      case 'next':
        this.queues.set(command.endpoint, [...(this.queues.get(command.endpoint) ?? []), command.choice]);
        break;
      case 'release': {
        const held = this.held.length > 0 ? this.held.splice(command.index % this.held.length, 1)[0] : undefined;
        if (held) {
          this.notes.push(`arrived: ${held.label}`);
          held.deliver();
          this.released += 1;
        } else {
          this.notes.push('no late answer held');
        }
        break;
      }
      case 'bankSettles': {
        const pending = this.pays.filter((pay) => pay.reached === 'charged' && pay.status === 'PENDING');
        const pay = pending[command.index % Math.max(1, pending.length)];
        if (pay) pay.status = command.status;
        this.notes.push(pay ? `bank: ${pay.offerId} ${command.status}` : 'no payment pending at the bank');
        break;
      }
    }
    await this.settle();
  }

  /** Before buying again: a page showing the receipt is reloaded; a failure is answered with RETRY. */
  private async freshStart(tab: number): Promise<void> {
    const slot = tab % this.pages.length;
    const page = this.pages[slot] as Page;
    const snapshot = page.actor.getSnapshot();
    if (snapshot.status === 'done') {
      page.actor.stop();
      this.pages[slot] = this.openPage();
      this.notes.push(`page #${page.id} had ended: reloaded`);
      await this.settle();
    } else if (snapshot.status === 'active' && snapshot.matches('failure')) {
      page.actor.send({ type: 'RETRY' });
      this.notes.push(`page #${page.id} showed a failure: RETRY`);
      await this.settle();
    }
  }

  /** The page in slot `tab`; a page whose checkout has ended (success) takes no more events, as on a real page. */
  private pageAt(tab: number): Page {
    return this.pages[tab % this.pages.length] as Page;
  }

  /** Lets every answer already given (and what follows from it) be processed. */
  private async settle(): Promise<void> {
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Moves the clock `ms` forward, stopping at each timer that falls due so that answers settle in between. */
  private async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (let steps = 0; ; steps += 1) {
      const due = this.nextTimer();
      // A page left open for hours: after a few hundred timers, the rest fire at once (a sleeping laptop waking up).
      if (due === undefined || due > target || steps >= 300) {
        this.clock.set(target);
        await this.settle();
        return;
      }
      this.clock.set(Math.max(due, this.clock.now()));
      await this.settle();
    }
  }

  private nextTimer(): number | undefined {
    // SimulatedClock keeps its timers in a private map; reading it lets time advance timer by timer.
    const timeouts = (this.clock as unknown as { timeouts: Map<number, { start: number; timeout: number }> }).timeouts;
    let next: number | undefined;
    for (const { start, timeout } of timeouts.values()) next = Math.min(next ?? Infinity, start + timeout);
    return next;
  }

  // ---- Pages -----------------------------------------------------------------------------------

  private openPage(resumeOfferId?: string): Page {
    const id = (this.pageCount += 1);
    const redirects: string[] = [];
    const parse: Partial<Record<Endpoint, (value: unknown) => unknown>> = {
      getData: (value) => payinDataSchema.parse(value),
      createOffer: (value) => offerSchema.parse(value),
      updateOffer: (value) => offerSchema.parse(value),
      pay: (value) => payResultSchema.parse(value),
      getPayStatus: (value) => payStatusSchema.parse(value),
    };
    const api = this.api();
    const actors = Object.fromEntries(
      ENDPOINTS.map((name) => [
        name,
        fromPromise(async ({ input, signal }: { input: Record<string, unknown>; signal: AbortSignal }) => {
          let answer: unknown;
          try {
            answer = await api[name](input, signal, id);
          } catch (error) {
            const lost = error instanceof NetworkError || error instanceof RequestTimeoutError;
            if (!(name === 'pay' && lost && this.options.resendPayAfterLostAnswer)) throw error;
            answer = await api[name](input, signal, id);
          }
          const read = parse[name];
          return read ? read(answer) : answer;
        }),
      ]),
    );
    const machine = this.machine.provide({ actors: { ...actors, visibility: fromCallback(() => undefined) } as never });
    const actor = createActor(machine, {
      input: {
        client: {} as PayinClient,
        successUrl: 'https://shop.example/return',
        store: this.pageStore(id),
        now: () => this.clock.now(),
        fingerprint: () => ({ browserLanguage: 'en' }),
        fromCurrency: 'EUR',
        toCurrency: 'USDC',
        ...(resumeOfferId ? { resume: { offerId: resumeOfferId } } : {}),
      },
      clock: this.clock,
    });
    actor.on('*', (event) => {
      this.checkSecrets(`page #${id} emitted ${event.type}`, JSON.stringify(event));
      if (event.type === 'redirect') redirects.push(event.offerId);
    });
    actor.subscribe({
      next: (snapshot) => {
        this.checkSecrets(`a snapshot of page #${id}`, JSON.stringify(snapshot));
        for (const node of snapshot._nodes) this.statesSeen.add(node.id);
      },
      error: (error) => this.violate(`invariant 3: page #${id} crashed (an actor in error has no way forward): ${String(error)}`),
    });
    actor.start();
    return { id, actor, machine, redirects };
  }

  /** This page's view of the origin's storage. */
  private pageStore(pageId: number): ResumeStore {
    const offerOf = (text: string | undefined) => {
      const record = text ? (JSON.parse(text) as { offerId?: string; stage?: string }) : undefined;
      return record ? `${record.offerId ?? '?'} ${record.stage ?? ''}`.trim() : 'nothing';
    };
    return {
      getItem: (key) => this.storage.get(key) ?? null,
      setItem: (key, value) => {
        this.checkSecrets(`the value stored under ${key}`, value);
        const before = this.storage.get(key);
        this.notes.push(`page #${pageId} wrote ${offerOf(value)}${before && offerOf(before) !== offerOf(value) ? ` over ${offerOf(before)}` : ''}`);
        this.storage.set(key, value);
      },
      removeItem: (key) => {
        if (this.storage.has(key)) this.notes.push(`page #${pageId} removed ${offerOf(this.storage.get(key))}`);
        this.storage.delete(key);
      },
    };
  }

  // ---- The fake Vault and its bank -------------------------------------------------------------

  private take(endpoint: Endpoint): Choice {
    const queue = this.queues.get(endpoint) ?? [];
    return queue.shift() ?? this.options.defaults?.[endpoint] ?? { outcome: 'ok', late: false, bank: 'SUCCESS', authLink: false };
  }

  /** Answers now, or holds the answer back until a `release` command (a late answer). */
  private reply(label: string, late: boolean, signal: AbortSignal, result: Result, delivered?: (live: boolean) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const deliver = () => {
        // An aborted signal: the page left the state that asked (or was closed), nobody reads this answer.
        delivered?.(!signal.aborted);
        if (result.ok) resolve(result.value);
        else reject(result.error);
      };
      if (late) this.held.push({ label, deliver });
      else deliver();
    });
  }

  private api(): Record<Endpoint, Impl> {
    const simple =
      (endpoint: Endpoint, value: (input: Record<string, unknown>, choice: Choice) => unknown): Impl =>
      async (input, signal, pageId) => {
        const refusal = clientRefusal(endpoint, input);
        if (refusal) throw refusal;
        const choice = this.take(endpoint);
        const result: Result = ['ok', 'worse-rate', 'short-offer'].includes(choice.outcome)
          ? { ok: true, value: value(input, choice) }
          : { ok: false, error: errorFor(endpoint, choice.outcome) };
        return this.reply(`${endpoint} of page #${pageId} → ${describeChoice(endpoint, choice)}`, choice.late, signal, result);
      };
    return {
      getKycData: simple('getKycData', () => ({ kycLevel: 'KYC_1' })),
      getData: simple('getData', () => ({ ...sampleData(), cards: structuredClone(this.cards) })),
      createOffer: simple('createOffer', (_input, choice) =>
        sampleOffer((this.nextOfferId += 1), choice.outcome === 'worse-rate' ? BASE_RATE * 0.95 : BASE_RATE, choice.outcome === 'short-offer' ? 1 : 20),
      ),
      updateOffer: simple('updateOffer', (input) => sampleOffer(Number(input.offerId), BASE_RATE)),
      addCard: simple('addCard', (input) => {
        const digits = unseal(input.card as Sealed<CardSecrets>).number.replace(/\s/g, '');
        this.cards.push({
          cardId: (this.nextCardId += 1),
          cardType: digits.startsWith('4') ? 'VISA' : 'MASTERCARD',
          maskedPan: `${digits.slice(0, 4)}***${digits.slice(-4)}`,
          minAmountFrom: 0,
          maxAmountFrom: 0,
          validationStatus: 'APPROVED',
          billingAddressRequired: false,
        });
        return undefined;
      }),
      addBillingAddress: simple('addBillingAddress', () => undefined),
      pay: async (input, signal, pageId) => this.pay(String(input.offerId), signal, pageId, clientRefusal('pay', input)),
      getPayStatus: async (input, signal, pageId) => {
        const refusal = clientRefusal('getPayStatus', input);
        if (refusal) throw refusal;
        return this.payStatus(String(input.offerId), signal, pageId);
      },
    };
  }

  /** A pay request from a page (`refusal`: the client refused it before sending). */
  private pay(offerId: string, signal: AbortSignal, pageId: number, refusal: Error | undefined): Promise<unknown> {
    const now = this.clock.now();
    // Invariant 1: at most one pay request per offer, across every page, reloads included.
    const count = (this.payCount.get(offerId) ?? 0) + 1;
    this.payCount.set(offerId, count);
    if (count > 1) this.violate(`invariant 1: page #${pageId} sent pay request #${count} for offer ${offerId}`);
    // Invariant 2: no new payment while an earlier one's outcome is unknown (see `settled`).
    const open = this.pays.filter((pay) => pay.offerId !== offerId && !this.settled(pay, now));
    if (open.length > 0) {
      this.violate(
        `invariant 2: page #${pageId} sent pay for offer ${offerId} while the outcome of an earlier payment was not known: ` +
          open.map((pay) => this.describePay(pay)).join('; '),
      );
    }
    if (refusal) {
      // Never left the page: nothing was taken, and the page hears so at once.
      const call: PayCall = { offerId, page: pageId, at: now, reached: 'refused', status: undefined, toldFinal: false, toldNotTaken: true, how: `refused by the client (${refusal.message})` };
      this.pays.push(call);
      return Promise.reject(refusal);
    }
    const choice = this.take('pay');
    const charged = ['ok', 'network', 'timeout', 'server'].includes(choice.outcome);
    const call: PayCall = {
      offerId,
      page: pageId,
      at: now,
      reached: charged ? 'charged' : choice.outcome === 'unsent' ? 'unsent' : 'refused',
      status: charged ? choice.bank : undefined,
      toldFinal: false,
      toldNotTaken: false,
      how: describeChoice('pay', choice),
    };
    this.pays.push(call);
    const result: Result =
      choice.outcome === 'ok'
        ? { ok: true, value: { offerId, authLink: choice.authLink ? `https://bank.example/3ds/${offerId}` : null, maskedPan: '490742****3896' } }
        : { ok: false, error: errorFor('pay', choice.outcome) };
    return this.reply(`pay ${offerId} of page #${pageId} → ${call.how}`, choice.late, signal, result, (live) => {
      if (live && call.reached === 'refused') call.toldNotTaken = true;
    });
  }

  private payStatus(offerId: string, signal: AbortSignal, pageId: number): Promise<unknown> {
    const choice = this.take('getPayStatus');
    const call = this.pays.find((pay) => pay.offerId === offerId && pay.reached === 'charged') ?? this.pays.find((pay) => pay.offerId === offerId);
    const charged = call?.reached === 'charged' ? call : undefined;
    // The bank's truth when the request is read (a late answer may be stale by the time it arrives).
    const status = charged?.status;
    const windowClosed = call !== undefined && this.clock.now() - call.at >= PAY_WINDOW_MS;
    let result: Result;
    // "Not found" for a pending payment only while its pay window is open: Vault may not know it yet.
    if (choice.outcome === 'ok' || (choice.outcome === 'not-found' && (status !== 'PENDING' || windowClosed))) {
      result = status
        ? {
            ok: true,
            value: {
              offerId,
              status,
              amount: 31,
              currency: 'EUR',
              cryptoAmount: 33.05,
              cryptoCurrency: 'USDC',
              transactionAmount: '32.24',
              maskedPan: '490742****3896',
              ...(status === 'FAILURE' ? { transactionStatus: 'Do not honour', transactionStatusCode: 400 } : {}),
            },
          }
        : { ok: false, error: errorFor('getPayStatus', 'not-found') };
    } else {
      result = { ok: false, error: errorFor('getPayStatus', choice.outcome) };
    }
    const answered = result.ok ? status : isNoPayment(classifyError(result.error)) ? 'no payment (404)' : choice.outcome;
    return this.reply(`status ${offerId} of page #${pageId} → ${answered}${choice.late ? ', late' : ''}`, choice.late, signal, result, (live) => {
      if (!live || !call) return;
      if (result.ok && (status === 'SUCCESS' || status === 'FAILURE')) call.toldFinal = true;
      // "No payment" after a refused pay, or once a pay that never reached the bank can no longer do so.
      if (!result.ok && isNoPayment(classifyError(result.error)) && (call.reached === 'refused' || (call.reached === 'unsent' && windowClosed))) {
        call.toldNotTaken = true;
      }
    });
  }

  /**
   * Invariant 2, precisely: an earlier pay request no longer holds back a new one when
   * - a status check gave it a final status (SUCCESS or FAILURE) and that answer reached a page still
   *   waiting for it (not one that had moved on or was closed), or
   * - the bank refused it (a 401 or a 4xx: nothing was taken) and a page learnt so: the refusal itself
   *   or a 404 status answer after it reached a page still waiting for it, or
   * - it never left (`unsent`) and a 404 status answer reached a page still waiting for it once its pay
   *   window had closed (the page cannot tell it from a lost one until then), or
   * - its payment record aged out: more than `resumeMaxAgeMs` passed since the request left.
   * A request whose answer was lost (network, timeout, 5xx — charged in this bank) holds back every new
   * one until then.
   */
  private settled(pay: PayCall, now: number): boolean {
    return pay.toldFinal || (pay.reached !== 'charged' && pay.toldNotTaken) || now - pay.at > RESUME_MAX_AGE_MS;
  }

  private describePay(pay: PayCall): string {
    const age = this.clock.now() - pay.at;
    return `offer ${pay.offerId} (paid by page #${pay.page} ${duration(age)} ago: ${pay.how}; bank: ${pay.reached}${pay.status ? ` ${pay.status}` : ''}; told final: ${pay.toldFinal}, told not taken: ${pay.toldNotTaken})`;
  }

  // ---- Invariants ------------------------------------------------------------------------------

  private violate(message: string): void {
    this.violations.push(message);
  }

  /** Invariant 4: no card data in a snapshot, an emitted event or a stored value. */
  private checkSecrets(where: string, text: string): void {
    const found = SECRETS.filter((secret) => text.includes(secret));
    if (found.length > 0) this.violate(`invariant 4: card data ${found.join(', ')} in ${where}: ${text.slice(0, 300)}`);
  }

  /** After every command: invariants 1, 2 and 4 (recorded as they happen), 3 (checked here), no crash. */
  private check(label: string): void {
    const lines = this.pages.map((page, slot) => `tab${slot}=page #${page.id} ${stateOf(page.actor.getSnapshot())}`);
    if (this.held.length > 0) lines.push(`late: ${this.held.map((held, index) => `#${index} ${held.label}`).join(' | ')}`);
    const pending = this.pays.filter((pay) => pay.reached === 'charged' && pay.status === 'PENDING');
    if (pending.length > 0) lines.push(`bank pending: ${pending.map((pay) => pay.offerId).join(', ')}`);
    if (this.notes.length > 0) lines.push(`noted: ${this.notes.join('; ')}`);
    this.notes = [];
    const record = this.storage.get(RESUME_KEY);
    if (record) lines.push(`record: ${record}`);
    this.trace.push(`${label}\n      ${lines.join('\n      ')}`);

    for (const [slot, page] of this.pages.entries()) {
      const snapshot = page.actor.getSnapshot();
      if (snapshot.status === 'active' && wayForward(page.machine, snapshot) === undefined) {
        this.violate(`invariant 3: tab${slot} (page #${page.id}) is stuck in ${stateOf(snapshot)}: no customer event moves it, no answer is awaited, no timer is set`);
      }
    }
    for (const [key, value] of this.storage) this.checkSecrets(`storage ${key}`, value);

    if (this.violations.length > 0) {
      throw new PropertyFailure(`${this.violations.join('\n')}\n  at ${this.clock.now() - START} ms, after:\n    ${this.trace.join('\n    ')}`);
    }
  }
}

function eventOf(spec: EventSpec): PayinEvent {
  if ('cardId' in spec) return { type: 'CARD.SELECT', cardId: spec.cardId };
  if ('amount' in spec) return { type: 'FIELD.CHANGE', field: 'amount', value: spec.amount };
  if ('cvv' in spec) return { type: 'PAY.SUBMIT', cvv: seal(spec.cvv) };
  return { type: spec.type };
}

/**
 * What the real client (api/client.ts) checks before sending, on the request the real actor
 * (machine/payin.actors.ts) builds from the machine's input: a request it refuses never leaves the
 * page and fails with its `InputValidationError`, whatever the fake Vault would have answered.
 */
function clientRefusal(endpoint: Endpoint, input: Record<string, unknown>): Error | undefined {
  const fields = (input.fields ?? {}) as FieldValues;
  const address = {
    address: fields.address ?? '',
    city: fields.city ?? '',
    countryCode: fields.countryCode ?? '',
    zip: fields.zip ?? '',
    state: fields.state?.trim() ? fields.state : null,
  };
  const { amount, toAmount, fromCurrency, toCurrency } = input;
  try {
    switch (endpoint) {
      case 'createOffer':
        checkInput(createOfferRequestSchema, { cardId: input.cardId, amount, fromCurrency, toCurrency });
        break;
      case 'updateOffer':
        checkInput(requestIdSchema, input.offerId, 'offerId');
        checkInput(updateOfferRequestSchema, { amount, toAmount, fromCurrency, toCurrency });
        break;
      case 'pay':
        checkInput(requestIdSchema, input.offerId, 'offerId');
        checkInput(payInputSchema, { cardCVV: unseal(input.cvv as Sealed<string>), successUrl: input.successUrl, fingerprint: input.fingerprint });
        break;
      case 'getPayStatus':
        checkInput(requestIdSchema, input.offerId, 'offerId');
        break;
      case 'addBillingAddress':
        checkInput(requestIdSchema, input.cardId, 'cardId');
        checkInput(billingAddressSchema, address);
        break;
      case 'addCard': {
        const secrets = unseal(input.card as Sealed<CardSecrets>);
        const expiry = parseExpiry(secrets.expiry);
        checkInput(newCardSchema, {
          cardNumber: cardDigits(secrets.number),
          cardHolder: fields.cardHolder ?? '',
          cardExpirationYear: expiry?.year ?? 0,
          cardExpirationMonth: expiry?.month ?? 0,
          billingAddress: address,
        });
        break;
      }
      case 'getKycData':
      case 'getData':
        break;
    }
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Each call as the real client names it in its errors (`METHOD route`). */
const ROUTES: Record<Endpoint, string> = {
  getKycData: 'GET /v2/customer/kyc/data',
  getData: 'GET /v3/payin/data',
  createOffer: 'POST /v3/payin/offer',
  updateOffer: 'PUT /v3/payin/offer/{offerId}',
  pay: 'POST /v3/payin/pay/{offerId}',
  getPayStatus: 'GET /v3/payin/pay-callback',
  addCard: 'POST /v3/payin/card',
  addBillingAddress: 'POST /v3/payin/card/{cardId}/billing-address',
};

function errorFor(endpoint: Endpoint, outcome: Outcome): Error {
  const route = ROUTES[endpoint];
  const vault = (status: number, error: string, message: string, extra: Partial<VaultErrorBody> = {}) =>
    new VaultApiError(route, status, { error, errorId: 1, message, ...extra });
  switch (outcome) {
    case 'network':
    case 'unsent':
      return new NetworkError(route);
    case 'timeout':
      return new RequestTimeoutError(route, 30_000);
    case 'server':
      return vault(503, 'COMMON', 'Service unavailable');
    case 'auth':
      return vault(401, 'UNAUTHORIZED', 'Unauthorized');
    case 'kyc':
      return vault(403, 'KYC_LEVEL_REQUIRED', 'Please verify your identity', { data: { requiredLevel: 'KYC_1' } });
    case 'not-found':
      return vault(404, 'NOT_FOUND', 'No payment for this offer');
    case 'refused':
      return vault(400, 'OFFER_EXPIRED', 'The offer has expired');
    case 'field': {
      const field: Record<Endpoint, string> = {
        getKycData: 'kycLevel',
        getData: 'currency',
        createOffer: 'amount',
        updateOffer: 'toAmount',
        pay: 'cardCVV',
        getPayStatus: 'offerId',
        addCard: 'cardNumber',
        addBillingAddress: 'billingAddress.zip',
      };
      return vault(400, 'VALIDATION_ERROR', 'Invalid value', { field: field[endpoint] });
    }
    case 'ok':
    case 'worse-rate':
    case 'short-offer':
      throw new Error(`not an error: ${outcome}`);
  }
}

export const stateOf = (snapshot: PayinSnapshot): string =>
  `${JSON.stringify(snapshot.value)}${snapshot.status === 'active' ? '' : ` (${snapshot.status})`}`;

/**
 * Invariant 3, "a way forward": a live (not final) snapshot is not a dead end when at least one holds:
 * - an API call it invoked is in flight (its answer, or its failure, moves the machine on), or
 * - one of its active states has a delayed transition armed (time moves it: polling, expiry, debounce), or
 * - some customer event of the test's alphabet is taken by a transition that leads somewhere:
 *   `getTransitionData` (what `snapshot.can` uses) selects a transition with a target that is not
 *   already active, or that re-enters its target.
 * Only targeted transitions count: FIELD.CHANGE and PAGE.HIDDEN/VISIBLE are taken everywhere by the
 * root's bookkeeping handlers (`snapshot.can` is always true for them), and PRICE.ACCEPT or an invalid
 * PAY.SUBMIT only update the context — none of those alone gets a customer anywhere.
 * The final `success` state is exempt (its snapshot's status is `done`, never checked).
 * Returns what the way forward is, or undefined for a dead end.
 */
const LISTENERS = ['visibility', 'network'];

export function wayForward(machine: PayinMachine, snapshot: PayinSnapshot): string | undefined {
  const children = Object.values(snapshot.children as Record<string, AnyActorRef | undefined>);
  // The page-visibility and network listeners always run: they are not answers being awaited.
  const call = children.find((child) => child !== undefined && !LISTENERS.includes(String(child.src)) && child.getSnapshot().status === 'active');
  if (call) return `awaiting ${String(call.src)}`;
  const timed = snapshot._nodes.find((node) => node.after.length > 0);
  if (timed) return `timer in ${timed.id}`;
  const event = PROBES.find((probe) =>
    machine
      .getTransitionData(snapshot, probe)
      .some((transition) => (transition.target ?? []).some((target) => transition.reenter || !snapshot._nodes.includes(target))),
  );
  return event && `customer event ${event.type}`;
}
