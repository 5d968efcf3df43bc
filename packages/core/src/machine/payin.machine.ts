/**
 * The PayIn flow as one XState machine: card → quote → offer ⇄ editing → paying → redirect →
 * verifying → success | failure. Headless: renderers send events and read `connectPayin`.
 *
 * Read top-down, in Zag's order: the options, the transition pieces the states share, then the
 * machine — its input and context first, then its states — and last the named guards, actions and
 * delays the states refer to (the actors are in payin.actors.ts), and the helpers those use.
 * `setup()` has to hold the implementations before `createMachine` can check the names the states
 * use and type their `params`, so the implementations are built by `implementations()`, a hoisted
 * function declaration: called at the top, read at the bottom. A guard or an action never reads
 * an event itself; the transition hands it what it needs as `params`, from its own typed event —
 * what an invoked service answered (`answer`), why it failed (`apiError`), what the customer sent.
 */
import { assertEvent, assign, emit, enqueueActions, setup } from 'xstate';
import { brandOfCardType, cardBrand, cardDigits, savedCardUsability, vaultCardType } from '../card.js';
import { DEFAULT_PAY_TIMEOUT_MS } from '../api/client.js';
import { collectFingerprint } from '../fingerprint.js';
import {
  checkBillingForm,
  checkCvv,
  checkNewCardForm,
  checkProfileForm,
  formField,
  hasErrors,
  type CardSecrets,
  type FieldErrors,
  type TextField,
} from '../forms.js';
import { kycRank } from '../kyc.js';
import { Decimal } from '../money.js';
import { amountLimits, checkAmount, cryptoScale, findPair, offerFigures, movedAgainstCustomer, parseAmount } from '../quote.js';
import {
  paymentOfRecord,
  readResumeRecords,
  recordOfPayment,
  removeResumeRecord,
  returnUrlFor,
  sharedStore,
  startingRecord,
  writeResumeRecord,
  type ResumeRecord,
} from '../resume.js';
import { unseal, type Sealed } from '../sealed.js';
import type { KycData, Offer, PayResult, PayStatus, PayinData } from '../schemas/responses.js';
import { classifyError, payOutcomeUnknown, type CheckoutError } from './classify.js';
import { payinActors } from './payin.actors.js';
import { judgePayment, isNoPayment, payWindowClosed, payWindowClosesAt, type PayWindow, type StatusAnswer } from './payment-verdict.js';
import type {
  AcceptedPrice,
  AmountIssue,
  LiveOffer,
  OfferSummary,
  PayinContext,
  PayinEmitted,
  PayinEnv,
  PayinEvent,
  PayinMachineInput,
  PayinOptions,
  Step,
} from './payin.types.js';

export const defaultPayinOptions: PayinOptions = {
  payMinRemainingMs: 3_000,
  editDebounceMs: 400,
  priceTolerance: '0.01',
  pollInitialMs: 1_000,
  pollMaxMs: 5_000,
  verifyTimeoutMs: 10 * 60_000,
  resumeMaxAgeMs: 24 * 60 * 60_000,
  dataRefreshMinMs: 5_000,
};

// ---- What the states share ---------------------------------------------------------------------

type FieldChange = Extract<PayinEvent, { type: 'FIELD.CHANGE' }>;

// The `params` a transition hands its guards and actions, taken from its own event (or the context):
// what the invoked service answered, why it failed, the field changed, the saved card chosen (or
// the one selected before), the card added — still sealed: only the guard and actions that check it open it.
const answer = <T>({ event }: { event: { output: T } }) => event.output;
const apiError = ({ event }: { event: { error: unknown } }) => classifyError(event.error);
const change = ({ event }: { event: FieldChange }) => event;
const chosenCard = ({ event }: { event: { cardId: string } }) => event.cardId;
const selectedCard = ({ context }: { context: PayinContext }) => context.cardId;
const addedCard = ({ event }: { event: { card: Sealed<CardSecrets> } }) => event.card;

/** Entry action of each top-level state: the host hears the step. */
const stepEntry = (step: Step) => ({ type: 'emitStep', params: step }) as const;

const SET_FIELD = { type: 'setField', params: change } as const;
const QUOTE_FIELD = { type: 'isQuoteField', params: change } as const;
const SET_DATA = { type: 'setData', params: answer } as const;
const SELECT_CARD = { type: 'selectCard', params: chosenCard } as const;
const SET_ERROR = { type: 'setError', params: apiError } as const;
const SET_KYC_FAILURE = { type: 'setKycFailure', params: apiError } as const;
/** Vault answered the pay request: the payment exists, and its record says so. */
const ACCEPT_PAYMENT = [{ type: 'acceptPayment', params: answer }, 'updateRecord'] as const;

/** A request failed: its error is shown and emitted. */
const SHOW_ERROR = [SET_ERROR, 'emitError'] as const;
/** A request failed: the step's error state shows it. */
const TO_ERROR = { target: 'error', actions: SHOW_ERROR } as const;
/** Vault refused a field of a form: back to the form (the transition's target), the field showing why. */
const FIELD_REFUSED = { guard: { type: 'isFieldError', params: apiError }, actions: { type: 'setFieldErrorFromApi', params: apiError } } as const;
/** Vault refused the amount or a currency of an offer: back to the quote, the field showing why. */
const AMOUNT_REFUSED = { ...FIELD_REFUSED, target: '#payin.quote', actions: [FIELD_REFUSED.actions, 'emitError'] } as const;
/** Vault wants a higher KYC level than the customer has: the purchase ends, and the host is told which. */
const KYC_FAILURE = { guard: { type: 'isKycError', params: apiError }, target: '#payin.failure', actions: [SET_KYC_FAILURE, 'emitKycRequired'] } as const;
/** Input of the services that need only the API client. */
const clientOnly = ({ context }: { context: PayinContext }) => ({ client: context.env.client });

// ---- The machine: input and context, then the states -------------------------------------------

export const payinMachine = implementations().createMachine({
  id: 'payin',
  context: ({ input }) => {
    const env = createEnv(input);
    // A return address names the offer only; the stored record of the same payment knows more.
    const record = startingRecord(env.store, env.now(), env.options.resumeMaxAgeMs, env.customer, input.resume);
    return {
      env,
      kycLevel: undefined,
      kycRefusal: undefined,
      data: undefined,
      dataReceivedAt: 0,
      cardId: record?.cardId,
      addedCard: undefined,
      fields: {
        amount: input.amount ?? record?.amount ?? '',
        fromCurrency: input.fromCurrency ?? record?.fromCurrency ?? 'EUR',
        toCurrency: input.toCurrency ?? record?.toCurrency ?? 'BTC',
      },
      fieldErrors: {},
      amountIssue: undefined,
      offer: undefined,
      acceptedPrice: undefined,
      priceChanged: false,
      payment: record && paymentOfRecord(record),
      payStatus: undefined,
      pollAttempt: 0,
      verifyStartedAt: 0,
      receipt: undefined,
      failure: undefined,
      error: undefined,
      notice: undefined,
      pageHidden: false,
      offline: false,
      facts: undefined,
      noPaymentAnswers: 0,
      clockNow: env.now(),
    };
  },
  invoke: [{ src: 'visibility' }, { src: 'network' }],
  on: {
    'FIELD.CHANGE': { actions: SET_FIELD },
    'PAGE.HIDDEN': { actions: 'setVisibility' },
    'PAGE.VISIBLE': { actions: 'setVisibility' },
    'NETWORK.OFFLINE': { actions: 'setNetwork' },
    'NETWORK.ONLINE': { actions: 'setNetwork' },
  },
  initial: 'card',
  output: ({ context }) => context.receipt,
  states: {
    card: {
      entry: stepEntry('card'),
      initial: 'start',
      states: {
        // The cards first: the KYC level is asked only for a customer the host says is new, or when
        // Vault refuses the cards for a level above KYC_0 (a customer below KYC_0 gives the profile first).
        start: {
          always: [{ guard: 'hasResume', target: '#payin.verifying' }, { guard: 'newCustomer', target: 'checkingKyc' }, { target: 'loading' }],
        },
        checkingKyc: {
          invoke: {
            src: 'getKycData',
            input: clientOnly,
            onDone: [
              { guard: { type: 'kycBelowZero', params: answer }, target: 'profile', actions: [{ type: 'setKyc', params: answer }, 'dropKycRefusal'] },
              // The refusal that sent here stands: the purchase ends, and the host is told which level.
              { guard: 'kycRefused', target: '#payin.failure', actions: [{ type: 'setKyc', params: answer }, 'failForKycRefusal', 'emitKycRequired'] },
              { target: 'loading', actions: { type: 'setKyc', params: answer } },
            ],
            onError: TO_ERROR,
          },
        },
        profile: {
          on: {
            'PROFILE.SUBMIT': [{ guard: 'profileValid', target: 'savingProfile' }, { actions: 'setProfileErrors' }],
          },
        },
        savingProfile: {
          invoke: {
            src: 'updateProfile',
            input: ({ context }) => ({
              client: context.env.client,
              profile: {
                firstName: context.fields.firstName ?? '',
                lastName: context.fields.lastName ?? '',
                dateOfBirth: context.fields.dateOfBirth ?? '',
                residenceCountry: (context.fields.residenceCountry ?? '').toUpperCase(),
                residenceCity: context.fields.residenceCity ?? '',
                residenceStreet: context.fields.residenceStreet ?? '',
                residenceZipCode: context.fields.residenceZipCode ?? '',
                primaryCurrency: context.fields.fromCurrency || 'EUR',
              },
            }),
            // Vault took the profile: the level it had is no longer known, and the cards come next.
            onDone: { target: 'loading', actions: ['clearError', 'forgetKyc'] },
            onError: [{ ...FIELD_REFUSED, target: 'profile' }, TO_ERROR],
          },
        },
        loading: {
          invoke: {
            src: 'getData',
            input: clientOnly,
            onDone: { target: 'choosing', actions: [SET_DATA, 'clearError'] },
            onError: [
              { guard: { type: 'needsProfile', params: apiError }, target: 'profile', actions: 'clearError' },
              // Refused for a higher level: a customer below KYC_0 still gives the profile first, so the level is asked.
              { guard: { type: 'isKycError', params: apiError }, target: 'checkingKyc', actions: { type: 'keepKycRefusal', params: apiError } },
              TO_ERROR,
            ],
          },
        },
        choosing: {
          always: [
            { guard: 'addedCardFound', target: 'added', actions: 'selectAddedCard' },
            { guard: 'noSavedCards', target: 'newCard' },
          ],
          on: {
            'CARD.SELECT': [
              { guard: { type: 'cardUnusable', params: chosenCard }, actions: { type: 'refuseUnusableCard', params: chosenCard } },
              { guard: { type: 'cardNeedsBilling', params: chosenCard }, target: 'billing', actions: SELECT_CARD },
              { guard: { type: 'cardKnown', params: chosenCard }, target: '#payin.quote', actions: SELECT_CARD },
            ],
            'CARD.NEW': 'newCard',
          },
        },
        added: {
          always: [
            { guard: { type: 'cardUnusable', params: selectedCard }, target: 'choosing', actions: 'dropUnusableCard' },
            { guard: { type: 'cardNeedsBilling', params: selectedCard }, target: 'savingBilling' },
            { guard: 'hasData', target: '#payin.quote' },
            { target: 'choosing' },
          ],
        },
        newCard: {
          on: {
            'CARD.ADD': [
              { guard: { type: 'newCardValid', params: addedCard }, target: 'addingCard', actions: { type: 'rememberAddedCard', params: addedCard } },
              { actions: { type: 'setNewCardErrors', params: addedCard } },
            ],
            BACK: { guard: 'hasSavedCards', target: 'choosing' },
          },
        },
        addingCard: {
          invoke: {
            src: 'addCard',
            // Entered by CARD.ADD only: the card goes to Vault straight from the event, never through the context.
            input: ({ context, event }) => {
              assertEvent(event, 'CARD.ADD');
              return { client: context.env.client, card: event.card, fields: context.fields };
            },
            onDone: 'loading',
            onError: [{ ...FIELD_REFUSED, target: 'newCard' }, TO_ERROR],
          },
        },
        billing: {
          on: {
            'BILLING.SUBMIT': [{ guard: 'billingValid', target: 'savingBilling' }, { actions: 'setBillingErrors' }],
            BACK: 'choosing',
          },
        },
        savingBilling: {
          invoke: {
            src: 'addBillingAddress',
            input: ({ context }) => ({ client: context.env.client, cardId: context.cardId ?? '', fields: context.fields }),
            onDone: { target: '#payin.quote', actions: ['markBillingDone', 'clearError'] },
            onError: [{ ...FIELD_REFUSED, target: 'billing' }, { target: 'billing', actions: SHOW_ERROR }],
          },
        },
        error: {
          on: { RETRY: { target: 'start', actions: ['clearError', 'dropKycRefusal'] } },
        },
      },
      on: {
        'CARD.CHANGE': '.choosing',
      },
    },

    quote: {
      entry: [stepEntry('quote'), 'validateAmount', 'dropOffer'],
      initial: 'idle',
      states: {
        idle: { after: { dataExpiry: 'refreshing' } },
        refreshing: {
          invoke: {
            src: 'getData',
            input: clientOnly,
            onDone: { target: 'idle', actions: [SET_DATA, 'validateAmount'] },
            // Keep showing the last rates; the next refresh comes after the minimum pause.
            onError: { target: 'idle', actions: assign(({ context }) => ({ dataReceivedAt: context.env.now() })) },
          },
        },
      },
      on: {
        'FIELD.CHANGE': { actions: [SET_FIELD, 'validateAmount'] },
        'QUOTE.SUBMIT': [{ guard: 'quoteValid', target: 'offer', actions: 'clearError' }, { actions: 'requireAmount' }],
        'CARD.CHANGE': '#payin.card.choosing',
        BACK: '#payin.card.choosing',
      },
    },

    offer: {
      entry: stepEntry('offer'),
      initial: 'preparing',
      states: {
        preparing: {
          always: [{ guard: 'hasData', target: 'creating' }, { target: 'loadingData' }],
        },
        loadingData: {
          invoke: {
            src: 'getData',
            input: clientOnly,
            onDone: { target: 'creating', actions: SET_DATA },
            onError: TO_ERROR,
          },
        },
        creating: {
          // The offer asked for no longer matches a changed amount or currency: back to the quote
          // (the request in flight is dropped), so an offer always shows what it was asked for.
          on: { 'FIELD.CHANGE': [{ guard: QUOTE_FIELD, target: '#payin.quote', actions: SET_FIELD }, { actions: SET_FIELD }] },
          invoke: {
            src: 'createOffer',
            input: ({ context }) => ({
              client: context.env.client,
              cardId: context.cardId ?? '',
              amount: amountText(context),
              ...offerAsked(context),
            }),
            onDone: { target: 'live', actions: [{ type: 'setOffer', params: answer }, 'emitOffer'] },
            onError: [AMOUNT_REFUSED, KYC_FAILURE, TO_ERROR],
          },
        },
        live: {
          entry: 'tick',
          initial: 'ticking',
          states: {
            ticking: { after: { 1000: { target: 'ticking', reenter: true, actions: 'tick' } } },
          },
          after: {
            offerExpiry: [{ guard: 'pageHidden', target: 'expired' }, { target: 'creating' }],
          },
          on: {
            'PAY.SUBMIT': [
              // Offline, nothing is sent (the Pay button says why), and the offer is refreshed on the way back.
              { guard: 'offline' },
              { guard: 'otherPaymentPending', target: '#payin.verifying', actions: 'adoptPendingPayment' },
              { guard: 'priceNeedsConfirmation', actions: 'noticeConfirmPrice' },
              { guard: { type: 'cvvInvalid', params: ({ event }) => event.cvv }, actions: 'setCvvError' },
              { guard: 'offerTooOld', target: 'creating', actions: 'noticeRequoting' },
              { target: '#payin.paying' },
            ],
            'PRICE.ACCEPT': { actions: 'acceptPrice' },
            'FIELD.CHANGE': [{ guard: QUOTE_FIELD, target: '#payin.editing', actions: SET_FIELD }, { actions: SET_FIELD }],
          },
        },
        expired: {
          on: {
            'PAGE.VISIBLE': { target: 'creating', actions: 'setVisibility' },
            RETRY: 'creating',
          },
        },
        error: {
          on: { RETRY: { target: 'preparing', actions: 'clearError' } },
        },
      },
      on: {
        // Back online: a fresh offer, whatever the last one became while the connection was gone.
        'NETWORK.ONLINE': { target: '.preparing', actions: ['setNetwork', 'clearError'] },
        BACK: '#payin.quote',
        'CARD.CHANGE': '#payin.card.choosing',
      },
    },

    editing: {
      entry: stepEntry('editing'),
      initial: 'debouncing',
      states: {
        debouncing: {
          after: {
            editDebounce: [{ guard: 'quoteValid', target: 'updating' }, { target: '#payin.quote' }],
          },
        },
        updating: {
          invoke: {
            src: 'updateOffer',
            input: ({ context }) => {
              const live = context.offer as LiveOffer;
              const amount = Decimal.from(amountText(context));
              // Vault wants both amounts; the crypto side is our estimate at the current rate.
              const toAmount = amount.times(live.offer.rate.rate).round(cryptoScale(context.data, live.fromCurrency, live.toCurrency), 'down');
              return {
                client: context.env.client,
                offerId: live.offer.offerId,
                amount: amount.toString(),
                toAmount: toAmount.toString(),
                ...offerAsked(context),
              };
            },
            onDone: { target: '#payin.offer.live', actions: [{ type: 'setEditedOffer', params: answer }, 'emitOffer'] },
            onError: [
              AMOUNT_REFUSED,
              KYC_FAILURE,
              // An offer Vault no longer updates (expired, gone): ask for a fresh one.
              { target: '#payin.offer.creating', actions: SET_ERROR },
            ],
          },
        },
      },
      on: {
        // Latest change wins: re-entering cancels the update in flight (its signal aborts).
        'FIELD.CHANGE': { target: '.debouncing', reenter: true, actions: SET_FIELD },
        BACK: '#payin.quote',
      },
    },

    paying: {
      // The record is written before the pay request leaves: a reload or another tab finds the payment.
      entry: [stepEntry('paying'), 'markPaid', 'saveRecord'],
      invoke: {
        src: 'pay',
        // Entered by PAY.SUBMIT only: the CVV goes to Vault straight from the event, never through the context.
        input: ({ context, event }) => {
          assertEvent(event, 'PAY.SUBMIT');
          return {
            client: context.env.client,
            offerId: context.payment?.offerId ?? '',
            cvv: event.cvv,
            successUrl: returnUrlFor(context.env.successUrl, context.payment?.offerId ?? ''),
            fingerprint: context.env.fingerprint(),
          };
        },
        onDone: [
          { guard: { type: 'needsRedirect', params: answer }, target: 'redirect', actions: ACCEPT_PAYMENT },
          { target: 'verifying', actions: ACCEPT_PAYMENT },
        ],
        onError: [
          { ...KYC_FAILURE, actions: [SET_KYC_FAILURE, 'clearResume', 'emitKycRequired'] },
          // The browser was offline: the request never left. Its record says so, and the status check
          // settles it once the offer has expired (see `judgePayment`).
          { guard: { type: 'payUnsent', params: apiError }, target: 'verifying', actions: ['markUnsent', 'updateRecord'] },
          // No answer, or a server error: the bank may have the payment. Ask, never re-send.
          { guard: { type: 'payOutcomeUnknown', params: apiError }, target: 'verifying' },
          // Refused (a refused token, an expired or already paid offer, a field): ask the status
          // before anything else — "already paid" means a payment exists, and pay is never re-sent.
          { target: 'verifying', actions: [{ type: 'refusePayment', params: apiError }, 'updateRecord'] },
        ],
      },
    },

    redirect: {
      entry: [stepEntry('redirect'), 'emitRedirect'],
      on: {
        'REDIRECT.RETURNED': 'verifying',
        'STATUS.CHECK': 'verifying',
      },
    },

    verifying: {
      entry: [stepEntry('verifying'), 'startVerifying'],
      initial: 'checking',
      states: {
        checking: {
          invoke: {
            src: 'getPayStatus',
            input: ({ context }) => ({ client: context.env.client, offerId: context.payment?.offerId ?? '', facts: context.facts }),
            onDone: [
              { guard: { type: 'statusSuccess', params: answer }, target: '#payin.success', actions: [{ type: 'setReceipt', params: answer }, 'clearResume', 'emitSuccess'] },
              { guard: { type: 'statusFailure', params: answer }, target: '#payin.failure', actions: [{ type: 'setDeclined', params: answer }, 'clearResume', 'emitFailure'] },
              { target: 'waiting', actions: { type: 'setPayStatus', params: answer } },
            ],
            onError: [
              KYC_FAILURE,
              { guard: { type: 'isAuthError', params: apiError }, target: 'blocked', actions: SHOW_ERROR },
              // Vault never took the refused pay request: a fresh offer (or the start, for a page that knows only the offer id).
              {
                guard: { type: 'paymentNeverMadeRetryable', params: apiError },
                target: '#payin.offer',
                actions: ['clearResume', 'dropRefusedPayment', 'emitError'],
              },
              {
                guard: { type: 'paymentNeverMade', params: apiError },
                target: '#payin.card',
                // Loading the cards clears errors: the customer is told as a notice.
                actions: ['clearResume', 'dropRefusedPayment', 'emitError', assign({ notice: 'error.not-taken' })],
              },
              { target: 'waiting', actions: [SET_ERROR, { type: 'countNoPayment', params: apiError }] },
            ],
          },
        },
        waiting: {
          always: [
            { guard: 'verifyTimedOut', target: 'timedOut' },
            { guard: 'pageHidden', target: 'paused' },
          ],
          after: { pollDelay: { target: 'checking', actions: 'countPoll' } },
          // Back online: ask at once rather than at the next poll.
          on: { 'NETWORK.ONLINE': { target: 'checking', actions: 'setNetwork' } },
        },
        paused: {
          on: { 'PAGE.VISIBLE': { target: 'checking', actions: 'setVisibility' } },
        },
        timedOut: {},
        blocked: {},
      },
      on: {
        'STATUS.CHECK': { target: '.checking', actions: 'startVerifying' },
      },
    },

    success: {
      type: 'final',
      entry: stepEntry('success'),
    },

    failure: {
      entry: stepEntry('failure'),
      on: {
        RETRY: [{ guard: 'canRetryPurchase', target: 'offer', actions: 'prepareRetry' }, { target: 'card', actions: 'prepareRetry' }],
        'CARD.CHANGE': { target: '#payin.card.choosing', actions: 'prepareRetry' },
      },
    },
  },
});

export type PayinMachine = typeof payinMachine;

// ---- Named implementations: guards, actions, delays, actors ----------------------------------------

function implementations() {
  return setup({
    types: {
      context: {} as PayinContext,
      events: {} as PayinEvent,
      input: {} as PayinMachineInput,
      emitted: {} as PayinEmitted,
      output: {} as PayinContext['receipt'],
    },
    guards: {
      hasResume: ({ context }) => context.payment !== undefined,
      newCustomer: ({ context }) => context.env.newCustomer,
      kycRefused: ({ context }) => context.kycRefusal !== undefined,
      /**
       * `NONE` means the profile is still to be given. `KYC_1` and `KYC1` (Vault writes both) or any
       * other level go to the cards; so does a value Vault does not document, and if Vault then refuses
       * the cards for want of KYC_0, the profile form follows (`needsProfile`).
       */
      kycBelowZero: (_, kyc: KycData) => kycRank(kyc.kycLevel) === -1,
      /** Vault refused the cards for want of KYC_0: the profile lifts the customer to it. */
      needsProfile: (_, error: CheckoutError) => error.kind === 'kyc' && kycRank(error.level) === 0,
      profileValid: ({ context }) => !hasErrors(checkProfileForm(context.fields, new Date(context.env.now()))),
      hasSavedCards: ({ context }) => (context.data?.cards.length ?? 0) > 0,
      noSavedCards: ({ context }) => (context.data?.cards.length ?? 0) === 0,
      addedCardFound: ({ context }) => context.addedCard !== undefined,
      cardKnown: ({ context }, cardId: string) => cardById(context, cardId) !== undefined,
      cardUnusable: ({ context }, cardId: string | undefined) => unusableReason(cardById(context, cardId)) !== undefined,
      cardNeedsBilling: ({ context }, cardId: string | undefined) => cardById(context, cardId)?.billingAddressRequired ?? false,
      newCardValid: ({ context }, card: Sealed<CardSecrets>) =>
        !hasErrors(checkNewCardForm(context.fields, unseal(card), new Date(context.env.now()))),
      billingValid: ({ context }) => !hasErrors(checkBillingForm(context.fields)),
      quoteValid: ({ context }) => context.data !== undefined && amountIssueOf(context) === undefined,
      hasData: ({ context }) => context.data !== undefined && context.cardId !== undefined,
      isQuoteField: (_, { field }: FieldChange) => QUOTE_FIELDS.includes(field),
      isFieldError: (_, error: CheckoutError) => error.kind === 'field' && error.field !== undefined && formField(error.field) !== undefined,
      isKycError: (_, error: CheckoutError) => error.kind === 'kyc',
      isAuthError: (_, error: CheckoutError) => error.kind === 'auth',
      /** See `judgePayment`: the one rule for what a status answer means. */
      statusSuccess: ({ context }, status: PayStatus) => verdict(context, { status }) === 'succeeded',
      statusFailure: ({ context }, status: PayStatus) => verdict(context, { status }) === 'failed',
      paymentNeverMade: ({ context }, error: CheckoutError) => verdict(context, { error }) === 'not-made',
      paymentNeverMadeRetryable: ({ context }, error: CheckoutError) => verdict(context, { error }) === 'not-made' && canRetry(context),
      payOutcomeUnknown: (_, error: CheckoutError) => payOutcomeUnknown(error),
      payUnsent: (_, error: CheckoutError) => error.unsent === true,
      offline: ({ context }) => context.offline,
      /** Another tab (or an earlier page) has a payment whose outcome is not known yet: it is checked first. */
      otherPaymentPending: ({ context }) => pendingRecordElsewhere(context) !== undefined,
      priceNeedsConfirmation: ({ context }) => context.priceChanged,
      offerTooOld: ({ context }) => (context.offer?.expiresAt ?? 0) - context.env.now() < context.env.options.payMinRemainingMs,
      cvvInvalid: ({ context }, cvv: Sealed<string>) => checkCvv(unseal(cvv), brandOfSelected(context)) !== undefined,
      needsRedirect: (_, result: PayResult) => Boolean(result.authLink),
      pageHidden: ({ context }) => context.pageHidden,
      verifyTimedOut: ({ context }) => context.env.now() - context.verifyStartedAt >= context.env.options.verifyTimeoutMs,
      canRetryPurchase: ({ context }) => canRetry(context),
    },
    actions: {
      emitStep: emit((_, step: Step) => ({ type: 'state-change' as const, step })),

      setField: assign(({ context }, { field, value }: FieldChange) => {
        const { [field]: _cleared, ...fieldErrors } = context.fieldErrors;
        return { fields: { ...context.fields, [field]: value }, fieldErrors, notice: undefined };
      }),
      validateAmount: assign(({ context }) => {
        const { amount: previous, ...rest } = context.fieldErrors;
        // Vault's own verdict on the amount stands until the customer changes it.
        if (previous === 'error.field') return {};
        const issue = context.fields.amount ? amountIssueOf(context) : undefined;
        return { fieldErrors: issue ? { ...rest, amount: issue.key } : rest, amountIssue: issue };
      }),
      requireAmount: assign(({ context }) => {
        const issue = amountIssueOf(context);
        return issue ? { fieldErrors: { ...context.fieldErrors, amount: issue.key }, amountIssue: issue } : {};
      }),
      // The one action for both PAGE.HIDDEN and PAGE.VISIBLE: which of them came is the news.
      setVisibility: assign(({ event }) => ({ pageHidden: event.type === 'PAGE.HIDDEN' })),
      setNetwork: assign(({ event }) => ({ offline: event.type === 'NETWORK.OFFLINE' })),
      tick: assign(({ context }) => ({ clockNow: context.env.now() })),

      setKyc: assign((_, kyc: KycData) => ({ kycLevel: kyc.kycLevel })),
      forgetKyc: assign({ kycLevel: undefined }),
      keepKycRefusal: assign((_, kycRefusal: CheckoutError) => ({ kycRefusal })),
      dropKycRefusal: assign({ kycRefusal: undefined }),
      failForKycRefusal: assign(({ context }) => {
        const error = context.kycRefusal as CheckoutError;
        return { kycRefusal: undefined, error, failure: { kind: 'kyc-required' as const, level: error.level ?? 'KYC_1' } };
      }),
      setProfileErrors: assign(({ context }) => ({ fieldErrors: checkProfileForm(context.fields, new Date(context.env.now())) })),
      setData: assign(({ context }, data: PayinData) => ({ data, dataReceivedAt: context.env.now() })),
      selectCard: assign((_, cardId: string) => ({ cardId, error: undefined, notice: undefined })),
      /** A card Vault has not approved is not chosen; the customer is told why. */
      refuseUnusableCard: assign(({ context }, cardId: string) => ({ notice: unusableReason(cardById(context, cardId)) })),
      /** The card just added is not approved yet: back to the list, saying why. */
      dropUnusableCard: assign(({ context }) => ({ cardId: undefined, notice: unusableReason(cardById(context, context.cardId)) })),
      rememberAddedCard: assign((_, card: Sealed<CardSecrets>) => {
        const digits = cardDigits(unseal(card).number);
        const brand = cardBrand(digits);
        return { addedCard: { cardType: brand && vaultCardType(brand), last4: digits.slice(-4) }, fieldErrors: {}, error: undefined };
      }),
      selectAddedCard: assign(({ context }) => {
        const wanted = context.addedCard;
        const matches = (context.data?.cards ?? []).filter(
          (card) =>
            wanted !== undefined &&
            card.maskedPan.endsWith(wanted.last4) &&
            (wanted.cardType === undefined || card.cardType === wanted.cardType),
        );
        // The newest card has the highest id.
        const newest = matches.sort((a, b) => (BigInt(b.cardId) > BigInt(a.cardId) ? 1 : -1))[0];
        return newest
          ? { cardId: newest.cardId, addedCard: undefined }
          : { addedCard: undefined, notice: 'notice.card-not-found' };
      }),
      setNewCardErrors: assign(({ context }, card: Sealed<CardSecrets>) => ({
        fieldErrors: checkNewCardForm(context.fields, unseal(card), new Date(context.env.now())),
      })),
      setBillingErrors: assign(({ context }) => ({ fieldErrors: checkBillingForm(context.fields) })),
      markBillingDone: assign(({ context }) => ({
        data: context.data && {
          ...context.data,
          cards: context.data.cards.map((card) =>
            card.cardId === context.cardId ? { ...card, billingAddressRequired: false } : card,
          ),
        },
      })),

      setError: assign((_, error: CheckoutError) => ({ error, ...factsOf(error) })),
      clearError: assign({ error: undefined }),
      emitError: enqueueActions(({ context, enqueue }) => {
        const error = context.error;
        if (!error) return;
        enqueue.emit({ type: 'error', error });
        // Wherever the token is refused for good, the host hears it: it must sign the customer in again.
        if (error.kind === 'auth') enqueue.emit({ type: 'auth-required' });
      }),
      setFieldErrorFromApi: assign(({ context }, error: CheckoutError) => ({
        fieldErrors: { ...context.fieldErrors, ...apiFieldErrors(error) },
        error,
        ...factsOf(error),
      })),

      setOffer: assign(({ context }, offer: Offer) => {
        const live = liveOffer(context, offer);
        const price = priceOf(live, context.data);
        const previous = context.acceptedPrice;
        const comparable =
          previous !== undefined &&
          previous.amount === price.amount &&
          previous.fromCurrency === price.fromCurrency &&
          previous.toCurrency === price.toCurrency;
        const worse =
          comparable &&
          movedAgainstCustomer(toFigures(previous), toFigures(price), Decimal.from(context.env.options.priceTolerance));
        return {
          offer: live,
          clockNow: context.env.now(),
          priceChanged: worse || (comparable && context.priceChanged),
          acceptedPrice: worse ? previous : price,
          notice: worse
            ? 'notice.price-changed'
            : comparable
              ? context.notice === 'notice.offer-refreshing'
                ? context.notice
                : 'notice.offer-refreshed'
              : undefined,
        };
      }),
      setEditedOffer: assign(({ context }, offer: Offer) => {
        const live = liveOffer(context, offer);
        // The customer changed the amount: the new figures are theirs, not a silent change.
        return { offer: live, clockNow: context.env.now(), error: undefined, priceChanged: false, acceptedPrice: priceOf(live, context.data), notice: undefined };
      }),
      emitOffer: emit(({ context }) => ({ type: 'offer' as const, offer: offerSummary(context) as OfferSummary })),
      acceptPrice: assign(({ context }) => ({
        priceChanged: false,
        acceptedPrice: context.offer && priceOf(context.offer, context.data),
        notice: undefined,
      })),
      noticeConfirmPrice: assign({ notice: 'notice.confirm-price' }),
      noticeRequoting: assign({ notice: 'notice.offer-refreshing' }),
      setCvvError: assign(({ context }) => ({ fieldErrors: { ...context.fieldErrors, cardCVV: 'field.cvv' } })),
      dropOffer: assign({ offer: undefined, priceChanged: false, notice: undefined }),

      markPaid: assign(({ context }) => {
        const live = context.offer as LiveOffer;
        const price = priceOf(live, context.data);
        return {
          fieldErrors: {},
          error: undefined,
          notice: undefined,
          payment: {
            offerId: live.offer.offerId,
            amount: live.amount,
            fromCurrency: live.fromCurrency,
            toCurrency: live.toCurrency,
            toAmount: price.amountReceived,
            cardId: context.cardId,
            cardLabel: cardLabelOf(context),
            stage: 'sent' as const,
            savedAt: context.env.now(),
            expiresAt: live.expiresAt,
          },
        };
      }),
      /** Vault answered the pay request: the payment exists (and may wait on the bank page). */
      acceptPayment: assign(({ context }, result: PayResult) => ({
        payment: context.payment && { ...context.payment, stage: 'accepted' as const, authLink: result.authLink ?? undefined },
      })),
      /** The pay request never left (offline): kept in the record, so a reload knows it too. */
      markUnsent: assign(({ context }) => ({ payment: context.payment && { ...context.payment, unsent: true as const } })),
      /** Vault refused the pay request itself; the status check tells whether anything was taken. */
      refusePayment: assign(({ context }, refusal: CheckoutError) => ({
        payment: context.payment && { ...context.payment, stage: 'refused' as const, refusal },
      })),
      adoptPendingPayment: assign(({ context }) => {
        const record = pendingRecordElsewhere(context);
        return { payment: record && paymentOfRecord(record), offer: undefined };
      }),
      /** Written before the pay request leaves; a host is told when only memory holds it. */
      saveRecord: enqueueActions(({ context, enqueue }) => {
        const payment = context.payment;
        if (!payment) return;
        const record = recordOfPayment(payment, context.env.customer);
        const stored = writeResumeRecord(context.env.store, record);
        enqueue.emit({ type: 'payment-record', record, stored: stored === true });
      }),
      /** Written after each answer to pay, unless the payment was settled meanwhile (by another tab): never brought back. */
      updateRecord: enqueueActions(({ context, enqueue }) => {
        const payment = context.payment;
        if (!payment) return;
        const record = recordOfPayment(payment, context.env.customer);
        const stored = writeResumeRecord(context.env.store, record, { update: true });
        if (stored !== undefined) enqueue.emit({ type: 'payment-record', record, stored });
      }),
      emitRedirect: emit(({ context }) => ({
        type: 'redirect' as const,
        url: context.payment?.authLink ?? '',
        offerId: context.payment?.offerId ?? '',
      })),

      startVerifying: assign(({ context }) => ({ pollAttempt: 0, verifyStartedAt: context.env.now(), error: undefined, facts: undefined, noPaymentAnswers: 0 })),
      countPoll: assign(({ context }) => ({ pollAttempt: context.pollAttempt + 1 })),
      /** Counts "no payment" answers in a row once the pay window has closed (see `judgePayment`). */
      countNoPayment: assign(({ context }, error: CheckoutError) => {
        const window = payWindowOf(context);
        return { noPaymentAnswers: isNoPayment(error) && window && payWindowClosed(window) ? context.noPaymentAnswers + 1 : 0 };
      }),
      setPayStatus: assign((_, payStatus: PayStatus) => ({ payStatus, error: undefined, noPaymentAnswers: 0 })),
      /** Vault never took the refused pay request: back to a fresh offer, showing why it was refused. */
      dropRefusedPayment: assign(({ context }) => {
        const refused = context.payment?.refusal;
        // A refused token was refreshed since (the status check went through), or the pay request never
        // reached Vault in time: nothing was taken, and the customer confirms again on a fresh offer.
        const refusal: CheckoutError = !refused || refused.kind === 'auth' ? { kind: 'rejected', messageKey: 'error.not-taken', retryable: true } : refused;
        return {
          payment: undefined,
          payStatus: undefined,
          offer: undefined,
          cardId: context.cardId ?? context.payment?.cardId,
          error: refusal,
          fieldErrors: apiFieldErrors(refusal),
        };
      }),
      setReceipt: assign(({ context }, status: PayStatus) => {
        const payment = context.payment;
        return {
          payStatus: status,
          receipt: {
            offerId: status.offerId,
            amount: status.amount != null ? Decimal.from(status.amount).toString() : (payment?.amount ?? ''),
            currency: status.currency ?? payment?.fromCurrency ?? '',
            ...(status.transactionAmount ? { totalCharged: status.transactionAmount } : {}),
            ...(status.cryptoAmount != null
              ? { cryptoAmount: Decimal.from(status.cryptoAmount).toString() }
              : payment?.toAmount
                ? { cryptoAmount: payment.toAmount }
                : {}),
            cryptoCurrency: status.cryptoCurrency ?? payment?.toCurrency ?? '',
            ...(status.maskedPan ? { maskedPan: status.maskedPan } : {}),
            ...(status.transactionDate ? { transactionDate: status.transactionDate } : {}),
          },
        };
      }),
      setDeclined: assign((_, status: PayStatus) => ({
        payStatus: status,
        failure: {
          kind: 'declined' as const,
          message: status.transactionStatus ?? status.originalTransactionStatus ?? '',
          ...(status.transactionStatusCode != null ? { code: status.transactionStatusCode } : {}),
        },
      })),
      setKycFailure: assign((_, error: CheckoutError) => ({ error, failure: { kind: 'kyc-required' as const, level: error.level ?? 'KYC_1' } })),
      emitKycRequired: emit(({ context }) => ({
        type: 'kyc-required' as const,
        level: context.failure?.kind === 'kyc-required' ? context.failure.level : 'KYC_1',
      })),
      clearResume: ({ context }) => removeResumeRecord(context.env.store, context.payment?.offerId),
      emitSuccess: emit(({ context }) => ({ type: 'success' as const, receipt: context.receipt as NonNullable<PayinContext['receipt']> })),
      emitFailure: emit(({ context }) => ({ type: 'failure' as const, reason: context.failure as NonNullable<PayinContext['failure']> })),
      prepareRetry: assign(({ context }) => {
        // A resumed page knows the purchase only from its record.
        const payment = context.payment;
        return {
          failure: undefined,
          error: undefined,
          payStatus: undefined,
          receipt: undefined,
          offer: undefined,
          // The old payment is settled; a new one starts from a fresh offer.
          payment: undefined,
          cardId: context.cardId ?? payment?.cardId,
          fields: {
            ...context.fields,
            amount: context.fields.amount || payment?.amount || '',
            fromCurrency: context.fields.fromCurrency || payment?.fromCurrency || '',
            toCurrency: context.fields.toCurrency || payment?.toCurrency || '',
          },
        };
      }),
    },
    delays: {
      offerExpiry: ({ context }) => Math.max(0, (context.offer?.expiresAt ?? 0) - context.env.now()),
      dataExpiry: ({ context }) => {
        const until = context.dataReceivedAt + validMs(context.data?.validSeconds ?? 30) - context.env.now();
        return Math.min(MAX_VALID_MS, Math.max(context.env.options.dataRefreshMinMs, until));
      },
      editDebounce: ({ context }) => context.env.options.editDebounceMs,
      /**
       * About 1 s growing to 5 s; but a check falls due the moment the pay window closes, and the next
       * one soon after a "no payment" past it: a payment that can no longer happen is settled promptly.
       */
      pollDelay: ({ context }) => {
        const { pollInitialMs, pollMaxMs } = context.env.options;
        const backoff = Math.min(pollMaxMs, Math.round(pollInitialMs * 1.5 ** context.pollAttempt));
        if (context.noPaymentAnswers > 0) return Math.min(backoff, pollInitialMs);
        const window = payWindowOf(context);
        const closesIn = window && (payWindowClosesAt(window) ?? Infinity) - window.now;
        return closesIn !== undefined && closesIn > 0 && closesIn < backoff ? closesIn : backoff;
      },
    },
    actors: payinActors,
  });
}

// ---- Helpers of the implementations -------------------------------------------------------------

/** Keeps services out of serialised snapshots. */
function createEnv(input: PayinMachineInput): PayinEnv {
  const env: PayinEnv = {
    client: input.client,
    store: input.store ?? sharedStore(),
    customer: input.customer,
    newCustomer: input.newCustomer ?? false,
    now: input.now ?? Date.now,
    fingerprint: input.fingerprint ?? collectFingerprint,
    options: { ...defaultPayinOptions, ...input.options },
    successUrl: input.successUrl,
  };
  Object.defineProperty(env, 'toJSON', { value: () => '[env]', enumerable: false });
  return env;
}

/** Offers and rates hold for at least this long, and at most this long, whatever `validSeconds` says: a
 * zero or negative lifetime would re-quote in a loop, a huge one would overflow the browser's timers. */
const MIN_VALID_MS = 5_000;
const MAX_VALID_MS = 10 * 60_000;
const validMs = (seconds: number): number => Math.min(MAX_VALID_MS, Math.max(MIN_VALID_MS, seconds * 1000));

const QUOTE_FIELDS: readonly TextField[] = ['amount', 'fromCurrency', 'toCurrency'];

const cardById = (context: PayinContext, cardId: string | undefined) => context.data?.cards.find((card) => card.cardId === cardId);

/** Why a saved card cannot be paid with (a message key), if it cannot: Vault has not approved it. */
const unusableReason = (card: { validationStatus?: string | null | undefined } | undefined): string | undefined =>
  card ? savedCardUsability(card.validationStatus).unusableReason : undefined;

const brandOfSelected = (context: PayinContext) => {
  const card = cardById(context, context.cardId);
  return card && brandOfCardType(card.cardType);
};

function cardLabelOf(context: PayinContext): string | undefined {
  const card = cardById(context, context.cardId);
  return card ? `${card.cardType} ${card.maskedPan.slice(-4)}` : undefined;
}

/** What is wrong with the amount as typed, if anything, with the figure its message names. */
function amountIssueOf(context: PayinContext): AmountIssue | undefined {
  if (!context.data) return undefined;
  const from = context.fields.fromCurrency ?? '';
  const problem = checkAmount(
    context.fields.amount ?? '',
    findPair(context.data, from, context.fields.toCurrency ?? ''),
    amountLimits(context.data, cardById(context, context.cardId)),
    from,
  );
  if (!problem) return undefined;
  const key = `field.${problem.key}`;
  if ('limit' in problem) return { key, limit: problem.limit.toString() };
  return 'decimals' in problem ? { key, decimals: problem.decimals } : { key };
}

const amountText = (context: PayinContext): string => parseAmount(context.fields.amount ?? '')?.toString() ?? '';

function priceOf(live: LiveOffer, data: PayinData | undefined): AcceptedPrice {
  const figures = offerFigures(live.offer, Decimal.from(live.amount), live.toCurrency, cryptoScale(data, live.fromCurrency, live.toCurrency));
  return {
    amount: live.amount,
    fromCurrency: live.fromCurrency,
    toCurrency: live.toCurrency,
    totalCharged: figures.totalCharged.toString(),
    amountReceived: figures.amountReceived.toString(),
  };
}

function liveOffer(context: PayinContext, offer: Offer): LiveOffer {
  const receivedAt = context.env.now();
  return {
    offer,
    amount: amountText(context),
    fromCurrency: context.fields.fromCurrency ?? '',
    toCurrency: context.fields.toCurrency ?? '',
    receivedAt,
    // Measured from our own clock: a skewed device clock cannot shorten or stretch the offer.
    expiresAt: receivedAt + validMs(offer.validSeconds),
  };
}

const toFigures = (price: AcceptedPrice) => ({
  amount: Decimal.from(price.amount),
  fromCurrency: price.fromCurrency,
  toCurrency: price.toCurrency,
  totalCharged: Decimal.from(price.totalCharged),
  amountReceived: Decimal.from(price.amountReceived),
  rate: Decimal.zero,
  fees: [],
  estimate: false,
});

function offerSummary(context: PayinContext): OfferSummary | undefined {
  const live = context.offer;
  return live && { offerId: live.offer.offerId, ...priceOf(live, context.data), expiresAt: live.expiresAt };
}

/** Field errors for the form from a refused field: our own key, or `error.field` to show Vault's sentence. */
function apiFieldErrors(error: CheckoutError): FieldErrors {
  const field = error.field ? formField(error.field) : undefined;
  return field ? { [field]: error.messageKey.startsWith('field.') ? error.messageKey : 'error.field' } : {};
}

const canRetry = (context: PayinContext): boolean =>
  (context.cardId ?? context.payment?.cardId) !== undefined && amountText(context) !== '';

/** What a status check's answer means for the payment being checked (see `judgePayment`). */
const verdict = (context: PayinContext, answer: StatusAnswer) => judgePayment(context.payment?.stage ?? 'sent', answer, payWindowOf(context));

/** What is known of the pay request's window, for `judgePayment`. */
function payWindowOf(context: PayinContext): PayWindow | undefined {
  const payment = context.payment;
  return (
    payment && {
      now: context.env.now(),
      sentAt: payment.savedAt,
      unsent: payment.unsent,
      expiresAt: payment.expiresAt,
      payTimeoutMs: context.env.client.payTimeoutMs ?? DEFAULT_PAY_TIMEOUT_MS,
      noPaymentAnswers: context.noPaymentAnswers,
    }
  );
}

/** The currencies an offer is asked in, and the pairs Vault's data lists (to tell one the catalog leaves out). */
const offerAsked = ({ fields, data }: PayinContext) => ({ fromCurrency: fields.fromCurrency ?? '', toCurrency: fields.toCurrency ?? '', pairs: data?.pairs ?? [] });

/** Vault's facts from an explained refusal, to keep. */
const factsOf = (error: CheckoutError): Partial<Pick<PayinContext, 'facts'>> => (error.facts ? { facts: error.facts } : {});

function pendingRecordElsewhere(context: PayinContext): ResumeRecord | undefined {
  const records = readResumeRecords(context.env.store, context.env.now(), context.env.options.resumeMaxAgeMs, context.env.customer);
  return records.find((record) => record.offerId !== context.offer?.offer.offerId);
}
