/**
 * The view model: one pure function from a machine snapshot (and the machine's `send`) to
 * everything a renderer shows and may do — state, texts, the fields of the screen with the
 * attributes of their controls, and intents that send the machine's events. The Lit element and
 * headless renderers all render from it.
 */
import { brandName, brandOfCardType, cardBrand, cvvLength, type CardBrand } from '../card.js';
import type { FieldName } from '../forms.js';
import { formatCrypto, formatFiat, formatNumber } from '../format.js';
import { createTranslator, isMessageKey, type MessageKey, type Messages, type Translate } from '../i18n/messages.js';
import { checkSecret, formatSecret } from '../secrets.js';
import { lazy } from '../lazy.js';
import { Decimal } from '../money.js';
import { amountLimits, cryptoScale, estimateFigures, fiatDecimals, findPair, offerFigures, parseAmount, type AmountLimits, type Figures } from '../quote.js';
import { failureDetail, failureMeaning } from './payin.failure.js';
import { FIELD_NAMES, fieldView, isSecretField, screenFields, type FieldView } from './payin.fields.js';
import { payinIntents, type PayinSend } from './payin.intents.js';
import { pairsWithin } from './refusal.js';
import type { CardView, ConnectOptions, FailureView, FiguresView, PayinSnapshot, PayinView, ReceiptView, Screen, SummaryView } from './payin.view.js';
import type { PayinContext, Step } from './payin.types.js';

export type { PayinSnapshot, Screen, SecretInput, CardView, FiguresView, FailureView, SummaryView, ReceiptView, PayinView, ConnectOptions } from './payin.view.js';
export type { FieldOption, FieldProps, FieldView, SecretFieldView, TextFieldView } from './payin.fields.js';
export type { PayinIntents, PayinSend, SubmittedSecrets } from './payin.intents.js';
export type { FailureAdvice, FailureOutcome } from './payin.failure.js';

/** "Visa •••• 4242" from the number Vault masks (`424242******4242`): its leading digits name the brand. */
function receiptCard(maskedPan: string): string {
  const brand = cardBrand(/^\d*/.exec(maskedPan)?.[0] ?? '');
  return `${brand ? `${brandName(brand)} ` : ''}•••• ${maskedPan.slice(-4)}`;
}

/** "Visa •••• 4242" from Vault's card type and masked number. */
export function cardLabel(cardType: string, maskedPan: string): string {
  const brand = brandOfCardType(cardType);
  return `${brand ? brandName(brand) : cardType} •••• ${maskedPan.slice(-4)}`;
}

function screenOf(snapshot: PayinSnapshot): Screen {
  const value = snapshot.value;
  if (typeof value === 'string') return value === 'paying' || value === 'redirect' || value === 'success' || value === 'failure' ? value : 'loading';
  if ('card' in value) {
    const sub = value.card;
    if (sub === 'profile' || sub === 'savingProfile') return 'profile';
    if (sub === 'choosing' || sub === 'added') return 'cards';
    if (sub === 'newCard' || sub === 'addingCard') return 'new-card';
    if (sub === 'billing' || sub === 'savingBilling') return 'billing';
    if (sub === 'error') return 'error';
    return 'loading';
  }
  if ('quote' in value) return 'quote';
  if ('offer' in value) return value.offer === 'error' ? 'error' : 'offer';
  if ('editing' in value) return 'offer';
  if ('verifying' in value) return 'verifying';
  return 'loading';
}

const BUSY_STATES = [
  { card: 'checkingKyc' },
  { card: 'savingProfile' },
  { card: 'loading' },
  { card: 'addingCard' },
  { card: 'savingBilling' },
  { offer: 'preparing' },
  { offer: 'loadingData' },
  { offer: 'creating' },
  'editing',
  'paying',
  { verifying: 'checking' },
] as const;

/** Message keys of the fee names Vault sends, by the name in lower case without spaces. */
const FEE_LABELS: Record<string, MessageKey> = { crypteriumgas: 'fee.crypteriumGas', additionalfee: 'fee.additionalFee', transactionfee: 'fee.transactionFee' };

/**
 * A fee line's label: the catalog's text for a fee Vault names, else Vault's name in sentence case
 * ("Network Fee" → "Network fee"; words in capitals, like "SEPA", are kept).
 */
export function feeLabel(name: string, t: Translate): string {
  const key = FEE_LABELS[name.toLowerCase().replace(/[^a-z]/g, '')];
  if (key) return t(key);
  const text = name.trim().replace(/\s+/g, ' ');
  return text
    .split(' ')
    .map((word, index) => (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : /^\p{Lu}\p{Ll}+$/u.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

/**
 * The rate as a person reads it: the price of 1 unit of crypto in fiat money when a unit of crypto
 * is worth more than a unit of fiat ("1 BTC = €61,420.12"), else the crypto per unit of fiat
 * ("1 EUR = 0.5 USDT"). The price is 1 ÷ rate to the fiat's decimals, rounded half-up (exact
 * decimals, so the same rate always reads the same).
 */
export function rateText(figures: Pick<Figures, 'rate' | 'fromCurrency' | 'toCurrency'>, locale: string, t: Translate): string {
  const { rate, fromCurrency: from, toCurrency: to } = figures;
  if (rate.gt(0) && rate.lt(1)) {
    const price = Decimal.from(1).dividedBy(rate, fiatDecimals(from, undefined), 'half-up');
    return t('figure.ratePrice', { unit: to, price: formatFiat(price, from, locale) });
  }
  return t('figure.rateValue', { from, to, rate: formatNumber(rate, locale, 8) });
}

function figuresView(figures: Figures, scaleTo: number, locale: string, t: Translate): FiguresView {
  return {
    estimate: figures.estimate,
    rate: rateText(figures, locale, t),
    fees: figures.fees.map((fee) => ({ name: feeLabel(fee.name, t), amount: formatFiat(fee.amount, figures.fromCurrency, locale) })),
    totalCharged: formatFiat(figures.totalCharged, figures.fromCurrency, locale),
    amountReceived: formatCrypto(figures.amountReceived, figures.toCurrency, scaleTo, locale),
  };
}

function errorText(key: string, context: PayinContext, locale: string, t: Translate, brand: CardBrand | undefined, limits: AmountLimits): string {
  if (key === 'error.field' && context.error?.serverMessage) return context.error.serverMessage;
  if (!isMessageKey(key)) return key;
  if (key === 'field.cvv') return t(key, { length: cvvLength(brand) });
  const from = context.fields.fromCurrency ?? '';
  // The machine keeps the limit or the decimals its check of the amount found wanting.
  const issue = context.amountIssue?.key === key ? context.amountIssue : undefined;
  const limit = issue?.limit !== undefined ? Decimal.from(issue.limit) : key === 'field.amount-min' ? limits.min : key === 'field.amount-max' ? limits.max : undefined;
  if (limit && key !== 'field.amount-decimals') return t(key, { limit: formatFiat(limit, from, locale) });
  if (key === 'field.amount-decimals') return t(key, { decimals: issue?.decimals ?? fiatDecimals(from, findPair(context.data, from, context.fields.toCurrency ?? '')) });
  return t(key, { level: context.error?.level ?? 'KYC_1' });
}

const ANNOUNCE_AT = new Set([15, 10, 5]);
const AFTER_QUOTE = new Set<Screen>(['offer', 'paying', 'redirect', 'verifying', 'success', 'failure']);

let englishOnly: Translate | undefined;
const translators = new WeakMap<Messages, Translate>();

/** The translator of a catalog object, made once per object (English alone when none is given). */
function translatorOf(messages: Messages | undefined): Translate {
  if (!messages) return (englishOnly ??= createTranslator());
  let t = translators.get(messages);
  if (!t) {
    t = createTranslator(messages);
    translators.set(messages, t);
  }
  return t;
}

/** A text by a key read from data: the catalog's text, or the key itself when the catalog has none. */
const textOf = (t: Translate, key: string, params?: Record<string, string | number>): string => (isMessageKey(key) ? t(key, params) : key);

const SUBMIT_LABEL: Partial<Record<Screen, MessageKey>> = {
  profile: 'action.continue',
  'new-card': 'action.continue',
  billing: 'action.continue',
  quote: 'action.getOffer',
  offer: 'action.pay',
};

/**
 * Everything a renderer needs from a snapshot. With `send` (usually `actor.send`), the intents
 * send the machine's events; without it, the view is read-only and its intents do nothing.
 */
export function connectPayin(snapshot: PayinSnapshot, send?: PayinSend, options: ConnectOptions = {}): PayinView {
  const locale = options.locale ?? 'en';
  const t = translatorOf(options.messages);
  const { context } = snapshot;
  const step = (typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]) as Step;
  const screen = screenOf(snapshot);
  const selected = context.data?.cards.find((card) => card.cardId === context.cardId);
  const selectedBrand = selected && brandOfCardType(selected.cardType);
  const limits = amountLimits(context.data, selected);

  const checks = options.secretChecks ?? {};

  const cards: CardView[] = (context.data?.cards ?? []).map((card) => ({
    cardId: card.cardId,
    brand: brandOfCardType(card.cardType) ?? cardBrand(card.maskedPan.slice(0, 4)),
    cardType: card.cardType,
    last4: card.maskedPan.slice(-4),
    label: cardLabel(card.cardType, card.maskedPan),
    needsBillingAddress: card.billingAddressRequired,
    usable: card.usable,
    ...(card.unusableReason ? { unusableReason: textOf(t, card.unusableReason) } : {}),
  }));

  const from = context.fields.fromCurrency ?? '';
  const to = context.fields.toCurrency ?? '';
  // Only the pairs Vault's catalog offers card purchases in, once it has said (see `pairsWithin`).
  const pairs = pairsWithin(context.data?.pairs ?? [], context.facts?.operation);
  const fromCurrencies = [...new Set(pairs.map((pair) => pair.currencyFrom))];
  const toCurrencies = [...new Set(pairs.filter((pair) => pair.currencyFrom === from).map((pair) => pair.currencyTo))];
  const pair = findPair(context.data, from, to);

  // Money is formatted only when a screen shows it: the limits are read by the amount field and `limits`.
  const fmt = (value: Decimal | undefined) => (value ? formatFiat(value, from, locale) : undefined);
  const hasLimits = limits.min !== undefined || limits.max !== undefined;
  let limitsMemo: string | undefined;
  const limitsText = (): string | undefined => {
    if (!hasLimits) return undefined;
    limitsMemo ??=
      limits.min && limits.max
        ? t('figure.limits', { min: fmt(limits.min) ?? '', max: fmt(limits.max) ?? '' })
        : limits.min
          ? t('figure.limitMin', { min: fmt(limits.min) ?? '' })
          : t('figure.limitMax', { max: fmt(limits.max) ?? '' });
    return limitsMemo;
  };

  // Each field's view is made when first read: a screen reads its own fields only (the country
  // list and the money of the limits stay unmade on a screen without them).
  const fields = {} as Record<FieldName, FieldView>;
  for (const name of FIELD_NAMES) {
    lazy(fields, name, () => {
      const secret = isSecretField(name);
      // A card secret checked by the renderer since the last submit shows that check instead of the machine's.
      const errorKey = (secret ? checks[name] : undefined) ?? context.fieldErrors[name];
      return fieldView({
        name,
        value: secret ? '' : (context.fields[name] ?? ''),
        label: t(`label.${name}`),
        hint: name === 'cardExpiry' ? 'MM / YY' : name === 'cardCVV' ? t('field.cvv', { length: cvvLength(selectedBrand) }) : name === 'amount' ? limitsText() : undefined,
        errorKey: errorKey || undefined,
        error: errorKey ? errorText(errorKey, context, locale, t, selectedBrand, limits) : undefined,
        locale,
        currencies: name === 'fromCurrency' ? fromCurrencies : name === 'toCurrency' ? toCurrencies : [],
        idPrefix: options.idPrefix ?? '',
      });
    });
  }

  const amount = parseAmount(context.fields.amount ?? '');
  const estimate =
    screen === 'quote' && context.data && pair && amount && !context.fieldErrors.amount
      ? figuresView(estimateFigures(context.data, pair, amount), pair.amountScaleTo, locale, t)
      : undefined;

  const live = context.offer;
  const secondsLeft = live ? Math.max(0, Math.ceil((live.expiresAt - context.clockNow) / 1000)) : 0;
  const offerScale = live && cryptoScale(context.data, live.fromCurrency, live.toCurrency);
  const liveFigures = live && offerScale !== undefined && AFTER_QUOTE.has(screen) ? offerFigures(live.offer, Decimal.from(live.amount), live.toCurrency, offerScale) : undefined;
  const offer =
    live && liveFigures && offerScale !== undefined && (screen === 'offer' || step === 'paying')
      ? {
          ...figuresView(liveFigures, offerScale, locale, t),
          offerId: live.offer.offerId,
          secondsLeft,
          expired: snapshot.matches({ offer: 'expired' }),
        }
      : undefined;

  const inOfferLive = snapshot.matches({ offer: 'live' });
  const busy = BUSY_STATES.some((state) => snapshot.matches(state));
  const payment = context.payment;

  let status: string | undefined;
  if (step === 'redirect') status = t('status.redirect');
  if (step === 'verifying') {
    status = snapshot.matches({ verifying: 'timedOut' })
      ? t('status.timedOut')
      : snapshot.matches({ verifying: 'blocked' })
        ? t('status.blocked')
        : snapshot.matches({ verifying: 'paused' })
          ? t('status.paused')
          : t('status.verifying');
  }
  if (snapshot.matches({ offer: 'expired' })) status = t('status.offerExpired');
  if (snapshot.matches({ offer: 'creating' })) status = t('status.offerLoading');

  const receipt = context.receipt;
  const receiptView: ReceiptView | undefined = receipt && {
    reference: receipt.offerId,
    amount: formatFiat(Decimal.from(receipt.amount || '0'), receipt.currency, locale),
    ...(receipt.totalCharged ? { totalCharged: formatFiat(Decimal.from(receipt.totalCharged), receipt.currency, locale) } : {}),
    ...(receipt.cryptoAmount
      ? { received: formatCrypto(Decimal.from(receipt.cryptoAmount), receipt.cryptoCurrency, cryptoScale(context.data, receipt.currency, receipt.cryptoCurrency), locale) }
      : {}),
    ...(receipt.maskedPan ? { card: receiptCard(receipt.maskedPan) } : payment?.cardLabel ? { card: payment.cardLabel } : {}),
    ...(receipt.transactionDate ? { date: formatDate(receipt.transactionDate, locale) } : {}),
  };

  const meaning = context.failure && failureMeaning(context.failure);
  const detail = context.failure && failureDetail(context.failure);
  const failure: FailureView | undefined = context.failure &&
    meaning && {
      reason: context.failure,
      outcome: meaning.outcome,
      heading: t(meaning.heading),
      message: t(meaning.message, { level: context.failure.kind === 'kyc-required' ? context.failure.level : '' }),
      advice: meaning.advice,
      adviceText: t(`failure.advice.${meaning.advice}`),
      ...(detail ? { detail } : {}),
      lead: !meaning.retry || meaning.advice === 'another-card' || meaning.advice === 'contact-bank' ? 'changeCard' : 'retry',
    };

  // What is charged and received: Vault's receipt, else the offer's figures, else the failed payment's.
  let summary: SummaryView | undefined;
  if (AFTER_QUOTE.has(screen)) {
    const status = context.payStatus;
    if (receipt?.cryptoAmount && (receipt.totalCharged || receipt.amount)) {
      summary = {
        amount: formatFiat(Decimal.from(receipt.totalCharged || receipt.amount), receipt.currency, locale),
        receive: formatCrypto(Decimal.from(receipt.cryptoAmount), receipt.cryptoCurrency, cryptoScale(context.data, receipt.currency, receipt.cryptoCurrency), locale),
      };
    } else if (liveFigures) {
      summary = {
        amount: formatFiat(liveFigures.totalCharged, liveFigures.fromCurrency, locale),
        receive: formatCrypto(liveFigures.amountReceived, liveFigures.toCurrency, offerScale ?? 8, locale),
      };
    } else if (status?.transactionAmount && status.currency && status.cryptoAmount != null && status.cryptoCurrency) {
      summary = {
        amount: formatFiat(Decimal.from(status.transactionAmount), status.currency, locale),
        receive: formatCrypto(Decimal.from(status.cryptoAmount), status.cryptoCurrency, cryptoScale(context.data, status.currency, status.cryptoCurrency), locale),
      };
    }
  }

  const heading: MessageKey =
    screen === 'cards' ? 'step.card' : screen === 'new-card' ? 'step.newCard' : step === 'editing' ? 'step.editing' : `step.${screen}`;
  // Offline, the Pay button says why it waits.
  const submitLabel =
    screen === 'offer' && offer
      ? context.offline
        ? t('action.payOffline')
        : t('action.payAmount', { amount: offer.totalCharged })
      : SUBMIT_LABEL[screen] && t(SUBMIT_LABEL[screen]);

  const error = context.error && {
    kind: context.error.kind,
    message:
      context.error.kind === 'field' || context.error.kind === 'rejected'
        ? (context.error.serverMessage ?? textOf(t, context.error.messageKey))
        : textOf(t, context.error.messageKey, { level: context.error.level ?? '' }),
    retryable: context.error.retryable,
  };

  const view: Omit<PayinView, 'can'> = {
    step,
    screen,
    heading: failure?.heading ?? t(heading),
    busy,
    ...(busy ? { busyLabel: t(step === 'paying' ? 'status.paying' : 'step.loading') } : {}),
    fields,
    formFields: screenFields(screen).map((name) => fields[name]),
    ...(submitLabel ? { submitLabel } : {}),
    cards,
    ...(context.cardId ? { selectedCardId: context.cardId } : {}),
    fromCurrencies,
    toCurrencies,
    ...(estimate ? { estimate } : {}),
    ...(offer ? { offer } : {}),
    ...(inOfferLive && ANNOUNCE_AT.has(secondsLeft) ? { countdownAnnouncement: t('figure.expiresSoon', { seconds: secondsLeft }) } : {}),
    priceChanged: context.priceChanged,
    ...(context.notice ? { notice: textOf(t, context.notice) } : {}),
    ...(error ? { error } : {}),
    // The bank page can be opened again for as long as the payment waits on it.
    ...((step === 'redirect' || step === 'verifying') && payment?.authLink ? { redirectUrl: payment.authLink } : {}),
    ...(payment && (step === 'paying' || step === 'redirect' || step === 'verifying') ? { paymentReference: payment.offerId } : {}),
    ...(status ? { status } : {}),
    ...(receiptView ? { receipt: receiptView } : {}),
    ...(failure ? { failure } : {}),
    ...(summary ? { summary } : {}),
    cvvLength: cvvLength(selectedBrand),
    t,
    secretInput: (name, typed, previous = {}) => ({ ...formatSecret(name, typed), checks: previous[name] === '' ? previous : { ...previous, [name]: '' } }),
    secretBlur: (name, typed, previous = {}) => {
      if (!typed.trim()) return previous;
      const key = checkSecret(name, typed, cards.find((card) => card.cardId === context.cardId)?.brand) ?? '';
      // Nothing shown would change (e.g. a valid field left as its form goes away).
      return (previous[name] ?? '') === key && !context.fieldErrors[name] ? previous : { ...previous, [name]: key };
    },
    ...payinIntents(screen, send),
  };
  if (hasLimits) lazy(view, 'limits', () => limitsText() ?? '');
  // What the machine would take is worked out only when a renderer asks.
  lazy(view as PayinView, 'can', () => ({
    submitProfile: snapshot.can({ type: 'PROFILE.SUBMIT' }),
    selectCard: screen === 'cards' && cards.length > 0,
    newCard: snapshot.can({ type: 'CARD.NEW' }),
    addCard: screen === 'new-card' && !busy,
    submitBilling: snapshot.can({ type: 'BILLING.SUBMIT' }),
    getOffer: screen === 'quote' && !context.fieldErrors.amount && amount !== undefined,
    pay: inOfferLive && !context.priceChanged && !context.offline,
    acceptPrice: inOfferLive && context.priceChanged,
    // A declined card is not offered again: the customer is led to another card instead. An error
    // that trying again cannot mend (card purchases disabled) offers no retry either.
    retry: snapshot.can({ type: 'RETRY' }) && (meaning ? meaning.retry : context.error?.retryable !== false),
    back: snapshot.can({ type: 'BACK' }),
    changeCard: snapshot.can({ type: 'CARD.CHANGE' }),
    // Offered once polling has stopped (past its bound, or the session ended), not while it runs.
    checkStatus: snapshot.matches({ verifying: 'timedOut' }) || snapshot.matches({ verifying: 'blocked' }),
    confirmReturn: step === 'redirect',
  }));
  return view as PayinView;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDate(text: string, locale: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}
