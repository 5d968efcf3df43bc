/**
 * What a renderer may ask of the checkout, as functions over `send`: each sends one machine
 * event, and the card secrets handed to `addCard`, `pay` or `submit` are sealed at once. The
 * machine ignores an event it cannot take, so a renderer calls these without checking first.
 */
import type { CardSecrets, SecretField, TextField } from '../forms.js';
import { seal } from '../sealed.js';
import type { Screen } from './payin.types.js';
import type { PayinEvent } from './payin.types.js';

/** Hands an event to the machine (usually `actor.send`). */
export type PayinSend = (event: PayinEvent) => void;

/** The card secrets of a screen's form, by field name, as typed. */
export type SubmittedSecrets = Partial<Record<SecretField, string>>;

export interface PayinIntents {
  /** A text field or select changed. */
  setField: (name: TextField, value: string) => void;
  selectCard: (cardId: string) => void;
  newCard: () => void;
  changeCard: () => void;
  addCard: (card: CardSecrets) => void;
  submitProfile: () => void;
  submitBilling: () => void;
  getOffer: () => void;
  pay: (cvv: string) => void;
  acceptPrice: () => void;
  retry: () => void;
  back: () => void;
  checkStatus: () => void;
  /** The customer says they have finished at their bank. */
  confirmReturn: () => void;
  /** The page went to the background (or came back): status checks pause meanwhile. */
  setPageHidden: (hidden: boolean) => void;
  /**
   * Submits the current screen's form: the profile, the new card (with `cardNumber` and
   * `cardExpiry`), the billing address, the amount, or the payment (with `cardCVV`).
   */
  submit: (secrets?: SubmittedSecrets) => void;
}

/** Events that carry nothing but their type. */
type BareEvent = Exclude<PayinEvent, { field: unknown } | { cardId: unknown } | { card: unknown } | { cvv: unknown }>;

/** The intents over `send`; without it, a read-only view whose intents do nothing. */
export function payinIntents(screen: Screen, send: PayinSend | undefined): PayinIntents {
  const to = send ?? (() => undefined);
  const fire = (type: BareEvent['type']) => () => to({ type });
  const addCard = (card: CardSecrets) => to({ type: 'CARD.ADD', card: seal({ number: card.number, expiry: card.expiry }) });
  const pay = (cvv: string) => to({ type: 'PAY.SUBMIT', cvv: seal(cvv) });
  const submitProfile = fire('PROFILE.SUBMIT');
  const submitBilling = fire('BILLING.SUBMIT');
  const getOffer = fire('QUOTE.SUBMIT');
  return {
    setField: (name, value) => to({ type: 'FIELD.CHANGE', field: name, value }),
    selectCard: (cardId) => to({ type: 'CARD.SELECT', cardId }),
    newCard: fire('CARD.NEW'),
    changeCard: fire('CARD.CHANGE'),
    addCard,
    submitProfile,
    submitBilling,
    getOffer,
    pay,
    acceptPrice: fire('PRICE.ACCEPT'),
    retry: fire('RETRY'),
    back: fire('BACK'),
    checkStatus: fire('STATUS.CHECK'),
    confirmReturn: fire('REDIRECT.RETURNED'),
    setPageHidden: (hidden) => to({ type: hidden ? 'PAGE.HIDDEN' : 'PAGE.VISIBLE' }),
    submit: (secrets = {}) => {
      if (screen === 'profile') submitProfile();
      else if (screen === 'new-card') addCard({ number: secrets.cardNumber ?? '', expiry: secrets.cardExpiry ?? '' });
      else if (screen === 'billing') submitBilling();
      else if (screen === 'quote') getOffer();
      else if (screen === 'offer') pay(secrets.cardCVV ?? '');
    },
  };
}
