/**
 * The view model's types: the screens, and what `connectPayin` answers a renderer. A module of its
 * own, so that the fields, the intents and connect import them without importing each other.
 */
import type { SnapshotFrom } from 'xstate';
import type { CardBrand } from '../card.js';
import type { FieldName, SecretField } from '../forms.js';
import type { Messages, Translate } from '../i18n/messages.js';
import type { FormattedSecret, SecretChecks } from '../secrets.js';
import type { CheckoutError } from './classify.js';
import type { FailureAdvice, FailureOutcome } from './payin.failure.js';
import type { FieldView } from './payin.fields.js';
import type { PayinIntents } from './payin.intents.js';
import type { payinMachine } from './payin.machine.js';
import type { FailureReason, Screen, Step } from './payin.types.js';

export type { Screen } from './payin.types.js';

export type PayinSnapshot = SnapshotFrom<typeof payinMachine>;



/** A card secret just typed: what its input should show, the card's brand, and the checks with this field's error retired. */
export interface SecretInput extends FormattedSecret {
  checks: SecretChecks;
}

export interface CardView {
  cardId: string;
  brand: CardBrand | undefined;
  /** Vault's card type, e.g. `VISA`. */
  cardType: string;
  last4: string;
  label: string;
  needsBillingAddress: boolean;
  /** False for a card Vault has not approved: shown, but it cannot be chosen. */
  usable: boolean;
  /** Why it cannot be chosen, as text in the current locale. */
  unusableReason?: string;
}

export interface FiguresView {
  estimate: boolean;
  rate: string;
  fees: { name: string; amount: string }[];
  totalCharged: string;
  amountReceived: string;
}

/** Why the purchase failed, in the customer's words, and what to do next. */
export interface FailureView {
  reason: FailureReason;
  outcome: FailureOutcome;
  /** Heading of the failure screen (also the view's `heading` there). */
  heading: string;
  /** The main sentence: what happened, without the processor's wording. */
  message: string;
  /** The next step: `another-card` and `contact-bank` lead with `changeCard` ("Use another card", `failure.anotherCard`); `try-later` and `try-again` with `retry`. */
  advice: FailureAdvice;
  /** The next step as a sentence. */
  adviceText: string;
  /** Vault's own text and code, e.g. "Do not honour (400)", to show under a "Details" label (`failure.details`). */
  detail?: string;
  /**
   * The intent of the main button: `changeCard` ("Use another card") when the advice is another
   * card or the bank, or when the same card would be declined again; `retry` ("Try again") otherwise.
   * The other one, when `can` allows it, is the second button.
   */
  lead: 'changeCard' | 'retry';
}

/** What the purchase charges and what it gives, on every screen after the quote while the figures are known. */
export interface SummaryView {
  /** Total charged to the card, fees included: "€52.00". */
  amount: string;
  /** Crypto the customer gets: "0.00084 BTC". */
  receive: string;
}

export interface ReceiptView {
  reference: string;
  amount: string;
  totalCharged?: string;
  received?: string;
  card?: string;
  date?: string;
}

export interface PayinView extends PayinIntents {
  step: Step;
  screen: Screen;
  /** Heading text of the screen. */
  heading: string;
  /** A request is under way; what it is, as text. */
  busy: boolean;
  busyLabel?: string;
  fields: Record<FieldName, FieldView>;
  /** The fields of the current screen's form, in order (none on a screen without a form). */
  formFields: FieldView[];
  /** Label of the current form's submit button (on the offer screen, "Pay €52.00" with the total charged). */
  submitLabel?: string;
  cards: CardView[];
  selectedCardId?: string;
  /** Currencies the customer can pay in, and crypto they can buy for the chosen one. */
  fromCurrencies: string[];
  toCurrencies: string[];
  limits?: string;
  estimate?: FiguresView;
  offer?: FiguresView & { offerId: string; secondsLeft: number; expired: boolean };
  /** Text for a polite live region at sensible moments only (not every second). */
  countdownAnnouncement?: string;
  priceChanged: boolean;
  notice?: string;
  error?: { kind: CheckoutError['kind']; message: string; retryable: boolean };
  /** The bank page (3-D Secure) the payment waits on, while it can still be opened. */
  redirectUrl?: string;
  /** Offer id of the payment being made or confirmed, to quote to support. */
  paymentReference?: string;
  status?: string;
  receipt?: ReceiptView;
  failure?: FailureView;
  /** Amount charged and received, from the offer on (labels `summary.amount`, `summary.receive`). */
  summary?: SummaryView;
  /** CVV length for the chosen card (4 for Amex). */
  cvvLength: number;
  can: {
    submitProfile: boolean;
    selectCard: boolean;
    newCard: boolean;
    addCard: boolean;
    submitBilling: boolean;
    getOffer: boolean;
    pay: boolean;
    acceptPrice: boolean;
    retry: boolean;
    back: boolean;
    changeCard: boolean;
    checkStatus: boolean;
    confirmReturn: boolean;
  };
  /** Translator of the view's locale, for renderers' own labels. */
  t: Translate;
  /**
   * A card secret was typed into the renderer's input (`checks` from the last call, `{}` after a
   * submit): the formatted value to put back, the brand of a card number, the new checks.
   */
  secretInput: (name: SecretField, typed: string, checks?: SecretChecks) => SecretInput;
  /** The customer left a card secret's input: the checks with its error (the same object when nothing changes). */
  secretBlur: (name: SecretField, typed: string, checks?: SecretChecks) => SecretChecks;
}

export interface ConnectOptions {
  /** Language of numbers, dates and money (BCP 47; default `en`). */
  locale?: string;
  /**
   * Texts by message key, over English: the locale's catalog (`loadCatalog`, or imported from
   * `@payin-checkout/core/locales/<language>.json`), with the host's own wording on top. Read once
   * per object: pass a new object to change a text.
   */
  messages?: Messages;
  /** The renderer's checks of the card secrets in its inputs (`secretInput`, `secretBlur`): shown over the machine's errors. */
  secretChecks?: SecretChecks;
  /** Prefix of the ids of controls, hints and errors, for a page with more than one checkout in one document. */
  idPrefix?: string;
}
