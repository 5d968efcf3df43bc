/**
 * `checkoutAt`: the real checkout machine against a test vault, put at a step through its public
 * events only, as a customer's clicks would.
 */
import {
  createPayinClient,
  memoryStore,
  payinMachine,
  seal,
  type PayinClientOptions,
  type PayinEmitted,
  type PayinMachine,
  type PayinOptions,
  type ResumeStore,
  type Step,
} from '@payin-checkout/core';
import { createActor, waitFor, type Actor, type SnapshotFrom } from 'xstate';
import { checkReachable, checkoutSteps, defaultCardFor, resolveCard, testCardDetails, testProfile, type CheckoutStep, type PurchaseCard } from './cards.js';
import { answerBankPage } from './controls.js';

/** A started checkout: the actor of `payinMachine` (`@payin-checkout/core`). */
export type PayinCheckout = Actor<PayinMachine>;
type Snapshot = SnapshotFrom<PayinMachine>;

export interface CheckoutAtOptions {
  /** The vault and customer to buy with: what `startTestVault` answers (its `url` and `token`). */
  vault: { readonly url: string; readonly token: string };
  /**
   * The card to pay with (default: `3ds` for `redirect`, `pending` for `verifying`, `declined` for
   * `failure`, else `frictionless`). A saved card of that kind is chosen from the list when the
   * customer has one; otherwise it is added through the new-card form.
   */
  card?: PurchaseCard;
  /** The answer on the 3-D Secure bank page (default `true`, approve). */
  approve?: boolean;
  /** The amount asked for (default `50`), and the currencies (default EUR → BTC). */
  amount?: string;
  fromCurrency?: string;
  toCurrency?: string;
  /** The CVV typed at Pay (default `123`). */
  cvv?: string;
  /** Where the bank sends the customer back (default `https://shop.example/checkout`). */
  successUrl?: string;
  /** Where the payment record is kept (default: a store of this checkout's own). */
  store?: ResumeStore;
  /** Options of the machine (`PayinOptions`), e.g. `pollInitialMs`. */
  machineOptions?: Partial<PayinOptions>;
  /** Options of the Vault client (time limits, retries). */
  clientOptions?: Omit<PayinClientOptions, 'baseUrl' | 'token' | 'getToken'>;
  /** Receives every event the checkout emits, from the start: listen here to see the ones on the way. */
  onEvent?: (event: PayinEmitted) => void;
  /** Longest wait for each step on the way, in ms (default 20 000). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** The top-level step of a snapshot. */
export const stepOf = (snapshot: Snapshot): Step => {
  const value = snapshot.value;
  return (typeof value === 'string' ? value : Object.keys(value)[0]) as Step;
};

/** Where the checkout is, for error messages: the step and sub-state, the last error or failure (never card data). */
function describe(snapshot: Snapshot): string {
  const where = JSON.stringify(snapshot.value);
  const { error, failure } = snapshot.context;
  const why = failure ? `, failure: ${JSON.stringify(failure)}` : error ? `, error: ${error.kind} ${error.serverMessage ?? error.messageKey}` : '';
  return `${where}${why}`;
}

/**
 * The real `payinMachine`, started against the vault and driven through its public events until
 * it reaches `step`: `card` (the first card screen), `quote` (a card chosen, the amount form),
 * `offer` (a live offer), `redirect` (waiting on the bank page), `verifying` (the payment being
 * confirmed), `success` or `failure`. Each wait is bounded (`timeoutMs`); it throws, naming where
 * the checkout stopped, when the step is not reached — e.g. `success` with the `declined` card.
 * Stop the actor when the test is done.
 */
export async function checkoutAt(step: CheckoutStep, options: CheckoutAtOptions): Promise<PayinCheckout> {
  if (!checkoutSteps.includes(step)) throw new Error(`checkoutAt: no step "${String(step)}"; the steps: ${checkoutSteps.join(', ')}`);
  const { card, approve } = resolveCard(options.card ?? defaultCardFor(step), options.approve);
  checkReachable(step, card, 'checkoutAt');
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const actor = createActor(payinMachine, {
    input: {
      client: createPayinClient({ ...options.clientOptions, baseUrl: options.vault.url, token: options.vault.token }),
      successUrl: options.successUrl ?? 'https://shop.example/checkout',
      store: options.store ?? memoryStore(),
      amount: options.amount ?? '50',
      fromCurrency: options.fromCurrency ?? 'EUR',
      toCurrency: options.toCurrency ?? 'BTC',
      ...(options.machineOptions ? { options: options.machineOptions } : {}),
    },
  });
  let bankUrl: string | undefined;
  actor.on('*', (event) => {
    const emitted = event as PayinEmitted;
    if (emitted.type === 'redirect') bankUrl = emitted.url;
    options.onEvent?.(emitted);
  });
  actor.start();

  const until = async (what: string, predicate: (snapshot: Snapshot) => boolean): Promise<Snapshot> => {
    try {
      return await waitFor(actor, predicate, { timeout });
    } catch {
      const where = describe(actor.getSnapshot());
      actor.stop();
      throw new Error(`checkoutAt('${step}'): no ${what} within ${timeout} ms; the checkout is at ${where}`);
    }
  };
  const fail = (message: string): never => {
    const where = describe(actor.getSnapshot());
    actor.stop();
    throw new Error(`checkoutAt('${step}'): ${message}; the checkout is at ${where}`);
  };
  const fill = (values: Readonly<Record<string, string>>) => {
    for (const [field, value] of Object.entries(values)) actor.send({ type: 'FIELD.CHANGE', field: field as never, value });
  };
  const endedAt = (snapshot: Snapshot): boolean => snapshot.matches('failure') || snapshot.status !== 'active';

  // The card step: the profile of a new customer, the saved cards, the new-card form.
  const cardScreens = (snapshot: Snapshot) =>
    snapshot.matches({ card: 'profile' }) ||
    snapshot.matches({ card: 'choosing' }) ||
    snapshot.matches({ card: 'newCard' }) ||
    snapshot.matches({ card: 'billing' }) ||
    snapshot.matches({ card: 'error' }) ||
    !snapshot.matches('card');
  let profileSent = false;
  let cardSent = false;
  for (let screens = 0; ; screens += 1) {
    // A purchase passes at most profile, list, form and billing: more is a loop.
    if (screens > 6) fail('the card step does not move on');
    const snapshot = await until('card screen', cardScreens);
    if (!snapshot.matches('card')) break;
    if (step === 'card' && !snapshot.matches({ card: 'error' })) return actor;
    if (snapshot.matches({ card: 'error' })) fail('the card step shows an error');
    if (snapshot.matches({ card: 'profile' })) {
      if (profileSent) fail('the profile was refused');
      profileSent = true;
      fill(testProfile);
      actor.send({ type: 'PROFILE.SUBMIT' });
    } else if (snapshot.matches({ card: 'choosing' })) {
      const last4 = card.number.slice(-4);
      const saved = snapshot.context.data?.cards.find((entry) => entry.maskedPan.endsWith(last4));
      if (saved) actor.send({ type: 'CARD.SELECT', cardId: String(saved.cardId) });
      else actor.send({ type: 'CARD.NEW' });
    } else if (snapshot.matches({ card: 'newCard' })) {
      if (cardSent) fail('the new card was refused');
      cardSent = true;
      const { address, zip, city, countryCode } = testCardDetails.address;
      fill({ cardHolder: testCardDetails.holder, address, zip, city, countryCode });
      actor.send({ type: 'CARD.ADD', card: seal({ number: card.number, expiry: testCardDetails.expiry() }) });
    } else if (snapshot.matches({ card: 'billing' })) {
      const { address, zip, city, countryCode } = testCardDetails.address;
      fill({ address, zip, city, countryCode });
      actor.send({ type: 'BILLING.SUBMIT' });
    }
    // Wait for the screen to change before looking again.
    await until('next card screen', (next) => next.value !== snapshot.value || next.context.data !== snapshot.context.data);
  }

  const atQuote = await until('quote', (snapshot) => snapshot.matches('quote') || endedAt(snapshot));
  if (!atQuote.matches('quote')) fail('the quote step was not reached');
  if (step === 'quote') return actor;

  actor.send({ type: 'QUOTE.SUBMIT' });
  const atOffer = await until('live offer', (snapshot) => snapshot.matches({ offer: 'live' }) || endedAt(snapshot) || snapshot.matches('quote'));
  if (!atOffer.matches('offer')) fail('no offer was made');
  if (step === 'offer') return actor;

  actor.send({ type: 'PAY.SUBMIT', cvv: seal(options.cvv ?? testCardDetails.cvv) });
  const paid = await until('answer to pay', (snapshot) => ['redirect', 'verifying', 'success', 'failure'].includes(stepOf(snapshot)));
  if (paid.matches('redirect')) {
    if (step === 'redirect') return actor;
    if (!bankUrl) fail('no bank page address was emitted');
    // For `verifying` the customer comes back without answering: the payment waits on the bank.
    if (step !== 'verifying') await answerBankPage(bankUrl as string, approve ? 'approve' : 'decline');
    actor.send({ type: 'REDIRECT.RETURNED' });
  }
  if (step === 'verifying') {
    await until('verifying', (snapshot) => snapshot.matches('verifying') || endedAt(snapshot));
    if (!actor.getSnapshot().matches('verifying')) fail('the payment was settled at once, without a wait');
    return actor;
  }
  const done = await until('outcome', (snapshot) => snapshot.matches('success') || snapshot.matches('failure'));
  if (!done.matches(step)) fail(`the purchase with the '${card.name}' card ended in ${stepOf(done)}, not ${step}`);
  return actor;
}
