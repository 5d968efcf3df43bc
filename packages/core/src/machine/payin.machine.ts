/**
 * The PayIn flow as one XState machine: card → quote → offer ⇄ editing → paying → redirect →
 * verifying → success | failure. Headless: renderers send events and read `connectPayin`.
 */
import { assertEvent, assign, emit, enqueueActions, setup } from 'xstate';
import { brandOfCardType, cardBrand, cardDigits, savedCardUsability, vaultCardType } from '../card.js';
import { collectFingerprint } from '../fingerprint.js';
import {
  checkBillingForm,
  checkCvv,
  checkNewCardForm,
  checkProfileForm,
  formField,
  hasErrors,
  type FieldErrors,
  type TextField,
} from '../forms.js';
import { kycRank } from '../kyc.js';
import { Decimal } from '../money.js';
import { amountLimits, checkAmount, cryptoScale, findPair, offerFigures, movedAgainstCustomer, parseAmount } from '../quote.js';
import { readResumeRecord, readResumeRecords, removeResumeRecord, returnUrlFor, sharedStore, writeResumeRecord, type PaymentStage, type ResumeRecord } from '../resume.js';
import { unseal } from '../sealed.js';
import type { Offer, PayResult, PayStatus, PayinData } from '../schemas/responses.js';
import { classifyError, payOutcomeUnknown, type CheckoutError } from './classify.js';
import { payinActors } from './payin.actors.js';
import { judgePayment } from './payment-verdict.js';
import type {
  AcceptedPrice,
  LiveOffer,
  OfferSummary,
  Payment,
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

/** Offers and rates hold for at least this long, and at most this long, whatever `validSeconds` says: a
 * zero or negative lifetime would re-quote in a loop, a huge one would overflow the browser's timers. */
const MIN_VALID_MS = 5_000;
const MAX_VALID_MS = 10 * 60_000;
const validMs = (seconds: number): number => Math.min(MAX_VALID_MS, Math.max(MIN_VALID_MS, seconds * 1000));

const QUOTE_FIELDS: readonly TextField[] = ['amount', 'fromCurrency', 'toCurrency'];
/** Keeps services out of serialised snapshots. */
function createEnv(input: PayinMachineInput): PayinEnv {
  const env: PayinEnv = {
    client: input.client,
    store: input.store ?? sharedStore(),
    customer: input.customer,
    now: input.now ?? Date.now,
    fingerprint: input.fingerprint ?? collectFingerprint,
    options: { ...defaultPayinOptions, ...input.options },
    successUrl: input.successUrl,
  };
  Object.defineProperty(env, 'toJSON', { value: () => '[env]', enumerable: false });
  return env;
}

// ---- Pure helpers over the context -------------------------------------------------------------

const cardById = (context: PayinContext, cardId: string | undefined) => context.data?.cards.find((card) => card.cardId === cardId);
const selectedCard = (context: PayinContext) => cardById(context, context.cardId);

/** Why a saved card cannot be paid with (a message key), if it cannot: Vault has not approved it. */
const unusableReason = (card: { validationStatus?: string | null | undefined } | undefined): string | undefined =>
  card ? savedCardUsability(card.validationStatus).unusableReason : undefined;

const quotePair = (context: PayinContext) =>
  findPair(context.data, context.fields.fromCurrency ?? '', context.fields.toCurrency ?? '');

/** Message key of what is wrong with the amount as typed, if anything. */
function amountError(context: PayinContext): string | undefined {
  if (!context.data) return undefined;
  const problem = checkAmount(
    context.fields.amount ?? '',
    quotePair(context),
    amountLimits(context.data, selectedCard(context)),
    context.fields.fromCurrency ?? '',
  );
  return problem && `field.${problem.key}`;
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

/** What an invoked service answered (in its `onDone` event) or why it failed (in its `onError` event). */
const outputOf = <T>(event: object): T => (event as { output: T }).output;
const errorOf = (event: object): CheckoutError => classifyError((event as { error?: unknown }).error);

const pollDelay = (context: PayinContext): number => {
  const { pollInitialMs, pollMaxMs } = context.env.options;
  return Math.min(pollMaxMs, Math.round(pollInitialMs * 1.5 ** context.pollAttempt));
};

const brandOfSelected = (context: PayinContext) => {
  const card = selectedCard(context);
  return card && brandOfCardType(card.cardType);
};

function cardLabelOf(context: PayinContext): string | undefined {
  const card = selectedCard(context);
  return card ? `${card.cardType} ${card.maskedPan.slice(-4)}` : undefined;
}

// ---- The machine -------------------------------------------------------------------------------

/** Entry action of each top-level state: the host hears the step. */
const stepEntry = (step: Step) => ({ type: 'emitStep', params: { step } }) as const;

/** Vault wants a higher KYC level than the customer has: the purchase ends, and the host is told which. */
const KYC_FAILURE = { guard: 'isKycError', target: '#payin.failure', actions: ['setKycFailure', 'emitKycRequired'] } as const;
/** A request failed: its error is shown and emitted. */
const SHOW_ERROR = ['setError', 'emitError'] as const;
/** Input of the services that need only the API client. */
const clientOnly = ({ context }: { context: PayinContext }) => ({ client: context.env.client });

export const payinMachine = setup({
  types: {
    context: {} as PayinContext,
    events: {} as PayinEvent,
    input: {} as PayinMachineInput,
    emitted: {} as PayinEmitted,
    output: {} as PayinContext['receipt'],
  },
  actors: payinActors,
  delays: {
    offerExpiry: ({ context }) => Math.max(0, (context.offer?.expiresAt ?? 0) - context.env.now()),
    dataExpiry: ({ context }) => {
      const until = context.dataReceivedAt + validMs(context.data?.validSeconds ?? 30) - context.env.now();
      return Math.min(MAX_VALID_MS, Math.max(context.env.options.dataRefreshMinMs, until));
    },
    editDebounce: ({ context }) => context.env.options.editDebounceMs,
    pollDelay: ({ context }) => pollDelay(context),
  },
  guards: {
    hasResume: ({ context }) => context.payment !== undefined,
    /**
     * `NONE` means the profile is still to be given. `KYC_1` and `KYC1` (Vault writes both) or any
     * other level go to the cards; so does a value Vault does not document, and if Vault then refuses
     * the cards for want of KYC_0, the profile form follows (`needsProfile`).
     */
    kycBelowZero: ({ event }) => kycRank(outputOf<{ kycLevel: string }>(event).kycLevel) === -1,
    /** Vault refused the cards for want of KYC_0: the profile lifts the customer to it. */
    needsProfile: ({ event }) => {
      const error = errorOf(event);
      return error.kind === 'kyc' && kycRank(error.level) === 0;
    },
    profileValid: ({ context }) => !hasErrors(checkProfileForm(context.fields, new Date(context.env.now()))),
    hasSavedCards: ({ context }) => (context.data?.cards.length ?? 0) > 0,
    noSavedCards: ({ context }) => (context.data?.cards.length ?? 0) === 0,
    addedCardFound: ({ context }) => context.addedCard !== undefined,
    cardUnusable: ({ context, event }) => {
      assertEvent(event, 'CARD.SELECT');
      return unusableReason(cardById(context, event.cardId)) !== undefined;
    },
    selectedCardUnusable: ({ context }) => unusableReason(selectedCard(context)) !== undefined,
    cardKnown: ({ context, event }) => {
      assertEvent(event, 'CARD.SELECT');
      return cardById(context, event.cardId) !== undefined;
    },
    cardNeedsBilling: ({ context, event }) => {
      assertEvent(event, 'CARD.SELECT');
      return cardById(context, event.cardId)?.billingAddressRequired ?? false;
    },
    selectedCardNeedsBilling: ({ context }) => selectedCard(context)?.billingAddressRequired ?? false,
    newCardValid: ({ context, event }) => {
      assertEvent(event, 'CARD.ADD');
      return !hasErrors(checkNewCardForm(context.fields, unseal(event.card), new Date(context.env.now())));
    },
    billingValid: ({ context }) => !hasErrors(checkBillingForm(context.fields)),
    quoteValid: ({ context }) => context.data !== undefined && amountError(context) === undefined,
    hasData: ({ context }) => context.data !== undefined && context.cardId !== undefined,
    isQuoteField: ({ event }) => event.type === 'FIELD.CHANGE' && QUOTE_FIELDS.includes(event.field),
    isFieldError: ({ event }) => {
      const error = errorOf(event);
      return error.kind === 'field' && error.field !== undefined && formField(error.field) !== undefined;
    },
    isKycError: ({ event }) => errorOf(event).kind === 'kyc',
    isAuthError: ({ event }) => errorOf(event).kind === 'auth',
    /** See `judgePayment`: the one rule for what a status answer means. */
    statusSuccess: ({ context, event }) => verdictOf(context, event) === 'succeeded',
    statusFailure: ({ context, event }) => verdictOf(context, event) === 'failed',
    paymentNeverMade: ({ context, event }) => verdictOf(context, event) === 'not-made',
    payOutcomeUnknown: ({ event }) => payOutcomeUnknown(errorOf(event)),
    /** Another tab (or an earlier page) has a payment whose outcome is not known yet: it is checked first. */
    otherPaymentPending: ({ context }) => pendingRecordElsewhere(context) !== undefined,
    priceNeedsConfirmation: ({ context }) => context.priceChanged,
    offerTooOld: ({ context }) =>
      (context.offer?.expiresAt ?? 0) - context.env.now() < context.env.options.payMinRemainingMs,
    cvvInvalid: ({ context, event }) => {
      assertEvent(event, 'PAY.SUBMIT');
      return checkCvv(unseal(event.cvv), brandOfSelected(context)) !== undefined;
    },
    needsRedirect: ({ event }) => Boolean(outputOf<PayResult>(event).authLink),
    pageHidden: ({ context }) => context.pageHidden,
    verifyTimedOut: ({ context }) => context.env.now() - context.verifyStartedAt >= context.env.options.verifyTimeoutMs,
    canRetryPurchase: ({ context }) => canRetry(context),
  },
  actions: {
    emitStep: emit((_, params: { step: Step }) => ({ type: 'state-change' as const, step: params.step })),

    setField: assign(({ context, event }) => {
      assertEvent(event, 'FIELD.CHANGE');
      const { [event.field]: _cleared, ...fieldErrors } = context.fieldErrors;
      return { fields: { ...context.fields, [event.field]: event.value }, fieldErrors, notice: undefined };
    }),
    validateAmount: assign(({ context }) => {
      const { amount: previous, ...rest } = context.fieldErrors;
      // Vault's own verdict on the amount stands until the customer changes it.
      if (previous === 'error.field') return {};
      const key = context.fields.amount ? amountError(context) : undefined;
      return { fieldErrors: key ? { ...rest, amount: key } : rest };
    }),
    requireAmount: assign(({ context }) => {
      const key = amountError(context);
      return { fieldErrors: key ? { ...context.fieldErrors, amount: key } : context.fieldErrors };
    }),
    setVisibility: assign(({ event }) => ({ pageHidden: event.type === 'PAGE.HIDDEN' })),
    tick: assign(({ context }) => ({ clockNow: context.env.now() })),

    setKyc: assign(({ event }) => ({ kycLevel: outputOf<{ kycLevel: string }>(event).kycLevel })),
    setProfileErrors: assign(({ context }) => ({ fieldErrors: checkProfileForm(context.fields, new Date(context.env.now())) })),
    setData: assign(({ context, event }) => ({
      data: outputOf<PayinData>(event),
      dataReceivedAt: context.env.now(),
    })),
    selectCard: assign(({ event }) => {
      assertEvent(event, 'CARD.SELECT');
      return { cardId: event.cardId, error: undefined, notice: undefined };
    }),
    /** A card Vault has not approved is not chosen; the customer is told why. */
    refuseUnusableCard: assign(({ context, event }) => {
      assertEvent(event, 'CARD.SELECT');
      return { notice: unusableReason(cardById(context, event.cardId)) };
    }),
    /** The card just added is not approved yet: back to the list, saying why. */
    dropUnusableCard: assign(({ context }) => ({ cardId: undefined, notice: unusableReason(selectedCard(context)) })),
    rememberAddedCard: assign(({ event }) => {
      assertEvent(event, 'CARD.ADD');
      const digits = cardDigits(unseal(event.card).number);
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
    setNewCardErrors: assign(({ context, event }) => {
      assertEvent(event, 'CARD.ADD');
      return { fieldErrors: checkNewCardForm(context.fields, unseal(event.card), new Date(context.env.now())) };
    }),
    setBillingErrors: assign(({ context }) => ({ fieldErrors: checkBillingForm(context.fields) })),
    markBillingDone: assign(({ context }) => ({
      data: context.data && {
        ...context.data,
        cards: context.data.cards.map((card) =>
          card.cardId === context.cardId ? { ...card, billingAddressRequired: false } : card,
        ),
      },
    })),

    setError: assign(({ event }) => ({ error: errorOf(event) })),
    clearError: assign({ error: undefined }),
    emitError: enqueueActions(({ context, enqueue }) => {
      const error = context.error;
      if (!error) return;
      enqueue.emit({ type: 'error', error });
      // Wherever the token is refused for good, the host hears it: it must sign the customer in again.
      if (error.kind === 'auth') enqueue.emit({ type: 'auth-required' });
    }),
    setFieldErrorFromApi: assign(({ context, event }) => {
      const error = errorOf(event);
      return { fieldErrors: { ...context.fieldErrors, ...apiFieldErrors(error) }, error };
    }),

    setOffer: assign(({ context, event }) => {
      const live = liveOffer(context, outputOf<Offer>(event));
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
    setEditedOffer: assign(({ context, event }) => {
      const live = liveOffer(context, outputOf<Offer>(event));
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
        },
      };
    }),
    /** Vault answered the pay request: the payment exists (and may wait on the bank page). */
    acceptPayment: assign(({ context, event }) => {
      const result = outputOf<PayResult>(event);
      return { payment: context.payment && { ...context.payment, stage: 'accepted' as const, authLink: result.authLink ?? undefined } };
    }),
    /** Vault refused the pay request itself; the status check tells whether anything was taken. */
    refusePayment: assign(({ context, event }) => ({
      payment: context.payment && { ...context.payment, stage: 'refused' as const, refusal: errorOf(event) },
    })),
    adoptPendingPayment: assign(({ context }) => ({ payment: paymentOf(pendingRecordElsewhere(context) as ResumeRecord), offer: undefined })),
    /** Written before the pay request leaves; a host is told when only memory holds it. */
    saveRecord: enqueueActions(({ context, enqueue }) => {
      const payment = context.payment;
      if (!payment) return;
      const record = recordOf(payment, context.env.customer);
      const stored = writeResumeRecord(context.env.store, record);
      enqueue.emit({ type: 'payment-record', record, stored: stored === true });
    }),
    /** Written after each answer to pay, unless the payment was settled meanwhile (by another tab): never brought back. */
    updateRecord: enqueueActions(({ context, enqueue }) => {
      const payment = context.payment;
      if (!payment) return;
      const record = recordOf(payment, context.env.customer);
      const stored = writeResumeRecord(context.env.store, record, { update: true });
      if (stored !== undefined) enqueue.emit({ type: 'payment-record', record, stored });
    }),
    emitRedirect: emit(({ context }) => ({
      type: 'redirect' as const,
      url: context.payment?.authLink ?? '',
      offerId: context.payment?.offerId ?? '',
    })),

    startVerifying: assign(({ context }) => ({ pollAttempt: 0, verifyStartedAt: context.env.now(), error: undefined })),
    countPoll: assign(({ context }) => ({ pollAttempt: context.pollAttempt + 1 })),
    setPayStatus: assign(({ event }) => ({ payStatus: outputOf<PayStatus>(event), error: undefined })),
    /** Vault never took the refused pay request: back to a fresh offer, showing why it was refused. */
    dropRefusedPayment: assign(({ context }) => {
      const refused = context.payment?.refusal;
      // A refused token was refreshed since (the status check went through): the customer just confirms again.
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
    setReceipt: assign(({ context, event }) => {
      const status = outputOf<PayStatus>(event);
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
    setDeclined: assign(({ event }) => {
      const status = outputOf<PayStatus>(event);
      return {
        payStatus: status,
        failure: {
          kind: 'declined' as const,
          message: status.transactionStatus ?? status.originalTransactionStatus ?? '',
          ...(status.transactionStatusCode != null ? { code: status.transactionStatusCode } : {}),
        },
      };
    }),
    setKycFailure: assign(({ event }) => {
      const error = errorOf(event);
      return { error, failure: { kind: 'kyc-required' as const, level: error.level ?? 'KYC_1' } };
    }),
    emitKycRequired: emit(({ context }) => ({
      type: 'kyc-required' as const,
      level: context.failure?.kind === 'kyc-required' ? context.failure.level : 'KYC_1',
    })),
    clearResume: ({ context }) => removeResumeRecord(context.env.store, context.payment?.offerId),
    emitSuccess: emit(({ context }) => ({ type: 'success' as const, receipt: context.receipt as NonNullable<PayinContext['receipt']> })),
    emitFailure: emit(({ context }) => ({ type: 'failure' as const, reason: context.failure as NonNullable<PayinContext['failure']> })),
    prepareRetry: enqueueActions(({ context, enqueue }) => {
      // A resumed page knows the purchase only from its record.
      const payment = context.payment;
      enqueue.assign({
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
      });
    }),
  },
}).createMachine({
  id: 'payin',
  context: ({ input }) => {
    const env = createEnv(input);
    const stored = readResumeRecord(env.store, env.now(), env.options.resumeMaxAgeMs, env.customer);
    // A return address names the offer only; the stored record of the same payment knows more.
    const record: ResumeRecord | undefined = input.resume
      ? stored?.offerId === input.resume.offerId
        ? { ...stored, ...input.resume }
        : { stage: 'sent', savedAt: env.now(), ...input.resume }
      : stored;
    return {
      env,
      kycLevel: undefined,
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
      offer: undefined,
      acceptedPrice: undefined,
      priceChanged: false,
      payment: record && paymentOf(record),
      payStatus: undefined,
      pollAttempt: 0,
      verifyStartedAt: 0,
      receipt: undefined,
      failure: undefined,
      error: undefined,
      notice: undefined,
      pageHidden: false,
      clockNow: env.now(),
    };
  },
  invoke: { src: 'visibility' },
  on: {
    'FIELD.CHANGE': { actions: 'setField' },
    'PAGE.HIDDEN': { actions: 'setVisibility' },
    'PAGE.VISIBLE': { actions: 'setVisibility' },
  },
  initial: 'card',
  output: ({ context }) => context.receipt,
  states: {
    card: {
      entry: stepEntry('card'),
      initial: 'start',
      states: {
        start: {
          always: [{ guard: 'hasResume', target: '#payin.verifying' }, { target: 'checkingKyc' }],
        },
        checkingKyc: {
          invoke: {
            src: 'getKycData',
            input: clientOnly,
            onDone: [
              { guard: 'kycBelowZero', target: 'profile', actions: 'setKyc' },
              { target: 'loading', actions: 'setKyc' },
            ],
            onError: { target: 'error', actions: SHOW_ERROR },
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
            onDone: { target: 'checkingKyc', actions: 'clearError' },
            onError: [
              { guard: 'isFieldError', target: 'profile', actions: 'setFieldErrorFromApi' },
              { target: 'error', actions: SHOW_ERROR },
            ],
          },
        },
        loading: {
          invoke: {
            src: 'getData',
            input: clientOnly,
            onDone: { target: 'choosing', actions: ['setData', 'clearError'] },
            onError: [
              { guard: 'needsProfile', target: 'profile', actions: 'clearError' },
              KYC_FAILURE,
              { target: 'error', actions: SHOW_ERROR },
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
              { guard: 'cardUnusable', actions: 'refuseUnusableCard' },
              { guard: 'cardNeedsBilling', target: 'billing', actions: 'selectCard' },
              { guard: 'cardKnown', target: '#payin.quote', actions: 'selectCard' },
            ],
            'CARD.NEW': 'newCard',
          },
        },
        added: {
          always: [
            { guard: 'selectedCardUnusable', target: 'choosing', actions: 'dropUnusableCard' },
            { guard: 'selectedCardNeedsBilling', target: 'savingBilling' },
            { guard: 'hasData', target: '#payin.quote' },
            { target: 'choosing' },
          ],
        },
        newCard: {
          on: {
            'CARD.ADD': [
              { guard: 'newCardValid', target: 'addingCard', actions: 'rememberAddedCard' },
              { actions: 'setNewCardErrors' },
            ],
            BACK: { guard: 'hasSavedCards', target: 'choosing' },
          },
        },
        addingCard: {
          invoke: {
            src: 'addCard',
            input: ({ context, event }) => {
              assertEvent(event, 'CARD.ADD');
              return { client: context.env.client, card: event.card, fields: context.fields };
            },
            onDone: 'loading',
            onError: [
              { guard: 'isFieldError', target: 'newCard', actions: 'setFieldErrorFromApi' },
              { target: 'error', actions: SHOW_ERROR },
            ],
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
            onError: [
              { guard: 'isFieldError', target: 'billing', actions: 'setFieldErrorFromApi' },
              { target: 'billing', actions: SHOW_ERROR },
            ],
          },
        },
        error: {
          on: { RETRY: { target: 'start', actions: 'clearError' } },
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
            onDone: { target: 'idle', actions: ['setData', 'validateAmount'] },
            // Keep showing the last rates; the next refresh comes after the minimum pause.
            onError: { target: 'idle', actions: assign(({ context }) => ({ dataReceivedAt: context.env.now() })) },
          },
        },
      },
      on: {
        'FIELD.CHANGE': { actions: ['setField', 'validateAmount'] },
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
            onDone: { target: 'creating', actions: 'setData' },
            onError: { target: 'error', actions: SHOW_ERROR },
          },
        },
        creating: {
          // The offer asked for no longer matches a changed amount or currency: back to the quote
          // (the request in flight is dropped), so an offer always shows what it was asked for.
          on: { 'FIELD.CHANGE': [{ guard: 'isQuoteField', target: '#payin.quote', actions: 'setField' }, { actions: 'setField' }] },
          invoke: {
            src: 'createOffer',
            input: ({ context }) => ({
              client: context.env.client,
              cardId: context.cardId ?? '',
              amount: amountText(context),
              fromCurrency: context.fields.fromCurrency ?? '',
              toCurrency: context.fields.toCurrency ?? '',
            }),
            onDone: { target: 'live', actions: ['setOffer', 'emitOffer'] },
            onError: [
              { guard: 'isFieldError', target: '#payin.quote', actions: ['setFieldErrorFromApi', 'emitError'] },
              KYC_FAILURE,
              { target: 'error', actions: SHOW_ERROR },
            ],
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
              { guard: 'otherPaymentPending', target: '#payin.verifying', actions: 'adoptPendingPayment' },
              { guard: 'priceNeedsConfirmation', actions: 'noticeConfirmPrice' },
              { guard: 'cvvInvalid', actions: 'setCvvError' },
              { guard: 'offerTooOld', target: 'creating', actions: 'noticeRequoting' },
              { target: '#payin.paying' },
            ],
            'PRICE.ACCEPT': { actions: 'acceptPrice' },
            'FIELD.CHANGE': [
              { guard: 'isQuoteField', target: '#payin.editing', actions: 'setField' },
              { actions: 'setField' },
            ],
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
                fromCurrency: context.fields.fromCurrency ?? '',
                toCurrency: context.fields.toCurrency ?? '',
              };
            },
            onDone: { target: '#payin.offer.live', actions: ['setEditedOffer', 'emitOffer'] },
            onError: [
              { guard: 'isFieldError', target: '#payin.quote', actions: ['setFieldErrorFromApi', 'emitError'] },
              KYC_FAILURE,
              // An offer Vault no longer updates (expired, gone): ask for a fresh one.
              { target: '#payin.offer.creating', actions: ['setError'] },
            ],
          },
        },
      },
      on: {
        // Latest change wins: re-entering cancels the update in flight (its signal aborts).
        'FIELD.CHANGE': { target: '.debouncing', reenter: true, actions: 'setField' },
        BACK: '#payin.quote',
      },
    },

    paying: {
      // The record is written before the pay request leaves: a reload or another tab finds the payment.
      entry: [stepEntry('paying'), 'markPaid', 'saveRecord'],
      invoke: {
        src: 'pay',
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
          { guard: 'needsRedirect', target: 'redirect', actions: ['acceptPayment', 'updateRecord'] },
          { target: 'verifying', actions: ['acceptPayment', 'updateRecord'] },
        ],
        onError: [
          { ...KYC_FAILURE, actions: ['setKycFailure', 'clearResume', 'emitKycRequired'] },
          // No answer, or a server error: the bank may have the payment. Ask, never re-send.
          { guard: 'payOutcomeUnknown', target: 'verifying' },
          // Refused (a refused token, an expired or already paid offer, a field): ask the status
          // before anything else — "already paid" means a payment exists, and pay is never re-sent.
          { target: 'verifying', actions: ['refusePayment', 'updateRecord'] },
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
            input: ({ context }) => ({ client: context.env.client, offerId: context.payment?.offerId ?? '' }),
            onDone: [
              { guard: 'statusSuccess', target: '#payin.success', actions: ['setReceipt', 'clearResume', 'emitSuccess'] },
              { guard: 'statusFailure', target: '#payin.failure', actions: ['setDeclined', 'clearResume', 'emitFailure'] },
              { target: 'waiting', actions: 'setPayStatus' },
            ],
            onError: [
              KYC_FAILURE,
              { guard: 'isAuthError', target: 'blocked', actions: SHOW_ERROR },
              // Vault never took the refused pay request: a fresh offer (or the start, for a page that knows only the offer id).
              {
                guard: ({ context, event }) => verdictOf(context, event) === 'not-made' && canRetry(context),
                target: '#payin.offer',
                actions: ['clearResume', 'dropRefusedPayment', 'emitError'],
              },
              {
                guard: 'paymentNeverMade',
                target: '#payin.card',
                // Loading the cards clears errors: the customer is told as a notice.
                actions: ['clearResume', 'dropRefusedPayment', 'emitError', assign({ notice: 'error.not-taken' })],
              },
              { target: 'waiting', actions: 'setError' },
            ],
          },
        },
        waiting: {
          always: [
            { guard: 'verifyTimedOut', target: 'timedOut' },
            { guard: 'pageHidden', target: 'paused' },
          ],
          after: { pollDelay: { target: 'checking', actions: 'countPoll' } },
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

const canRetry = (context: PayinContext): boolean =>
  (context.cardId ?? context.payment?.cardId) !== undefined && amountText(context) !== '';

function verdictOf(context: PayinContext, event: unknown) {
  const answer = event as { output?: PayStatus; error?: unknown };
  const stage: PaymentStage = context.payment?.stage ?? 'sent';
  return judgePayment(stage, 'output' in answer ? { status: answer.output as PayStatus } : { error: classifyError(answer.error) });
}

function pendingRecordElsewhere(context: PayinContext): ResumeRecord | undefined {
  const records = readResumeRecords(context.env.store, context.env.now(), context.env.options.resumeMaxAgeMs, context.env.customer);
  return records.find((record) => record.offerId !== context.offer?.offer.offerId);
}

function paymentOf(record: ResumeRecord): Payment {
  const { offerId, stage, savedAt, amount, fromCurrency, toCurrency, toAmount, cardId, cardLabel, authLink } = record;
  return { offerId, stage, savedAt, amount: amount ?? '', fromCurrency: fromCurrency ?? '', toCurrency: toCurrency ?? '', toAmount, cardId, cardLabel, authLink };
}

function recordOf(payment: Payment, customer: string | undefined): ResumeRecord {
  const record: ResumeRecord = { offerId: payment.offerId, stage: payment.stage, savedAt: payment.savedAt, ...(customer !== undefined ? { customer } : {}) };
  for (const key of ['amount', 'fromCurrency', 'toCurrency', 'toAmount', 'cardId', 'cardLabel', 'authLink'] as const) {
    const value = payment[key];
    if (value) record[key] = value;
  }
  return record;
}

export type PayinMachine = typeof payinMachine;
