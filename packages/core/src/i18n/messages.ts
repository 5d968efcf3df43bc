/**
 * Message catalogs. The machine and the view model speak in keys; text comes from a catalog, with
 * English (built in, below) under every other catalog and under a host's own texts. The other
 * languages ship as JSON beside the code (`locales/de.json`, …): a renderer loads the one it
 * needs with `loadCatalog`, or imports it (`@payin-checkout/core/locales/de.json`).
 */
export const en = {
  'step.profile': 'Tell us about yourself',
  'step.card': 'Choose a card',
  'step.newCard': 'Add a card',
  'step.billing': 'Billing address',
  'step.quote': 'How much would you like to buy?',
  'step.offer': 'Your offer',
  'step.editing': 'Updating your offer',
  'step.paying': 'Paying…',
  'step.redirect': 'Confirm with your bank',
  'step.verifying': 'Confirming your payment',
  'step.success': 'Payment complete',
  'step.failure': 'Payment not completed',
  'step.loading': 'Loading…',
  'step.error': 'Something went wrong',

  'profile.intro': 'Before your first purchase we need a few details about you.',
  'label.cardNumber': 'Card number',
  'label.cardHolder': 'Name on card',
  'label.cardExpiry': 'Expiry date',
  'label.cardCVV': 'Security code',
  'label.address': 'Address',
  'label.city': 'City',
  'label.zip': 'Postal code',
  'label.state': 'State / region',
  'label.countryCode': 'Country',
  'label.firstName': 'First name',
  'label.lastName': 'Last name',
  'label.dateOfBirth': 'Date of birth',
  'label.residenceCountry': 'Country',
  'label.residenceCity': 'City',
  'label.residenceStreet': 'Address',
  'label.residenceZipCode': 'Postal code',
  'label.amount': 'Amount before fees',
  'label.fromCurrency': 'Currency',
  'label.toCurrency': 'You get',
  'label.receive': 'You get',
  'label.savedCards': 'Saved cards',

  'action.continue': 'Continue',
  'action.getOffer': 'Get offer',
  'action.pay': 'Pay',
  'action.payAmount': 'Pay {amount}',
  'action.retry': 'Try again',
  'action.back': 'Back',
  'action.newCard': 'Use a new card',
  'action.changeCard': 'Change card',
  'action.acceptPrice': 'Accept the new price',
  'action.checkStatus': 'Check again',
  'action.openBank': 'Continue to your bank',
  'action.returned': 'I have finished at my bank',

  'figure.rate': 'Rate',
  'figure.rateValue': '1 {from} = {rate} {to}',
  'figure.ratePrice': '1 {unit} = {price}',
  'figure.fees': 'Fees',
  'figure.totalCharged': 'Total charged to your card',
  'figure.amountReceived': 'You get',
  'figure.estimate': 'Estimate: the offer gives the exact figures.',
  'figure.expiresIn': 'This offer holds for {seconds} s.',
  'figure.expiresSoon': 'This offer expires in {seconds} seconds.',
  'figure.limits': 'From {min} to {max}',
  'figure.limitMin': 'At least {min}',
  'figure.limitMax': 'At most {max}',
  'fee.crypteriumGas': 'Network fee',
  'fee.additionalFee': 'Additional fee',
  'fee.transactionFee': 'Transaction fee',

  'summary.amount': 'You pay',
  'summary.receive': 'You get',
  'merchant.payTo': 'Pay {merchant}',
  'trust.secure': 'Your card details go over an encrypted connection to the payment service only, and this page does not keep them.',

  'field.required': 'Please fill this in.',
  'field.type': 'This value has the wrong form.',
  'field.card-digits': 'A card number has digits only.',
  'field.card-length': 'This card number has too few or too many digits.',
  'field.luhn': 'This card number is not valid. Please check it.',
  'field.expiry-format': 'Enter the expiry date as MM / YY.',
  'field.expired': 'This card has expired.',
  'field.year': 'Enter the expiry date as MM / YY.',
  'field.month': 'The month must be from 01 to 12.',
  'field.cvv': 'Enter the {length}-digit security code.',
  'field.country': 'Choose a country.',
  'field.currency': 'Choose a currency.',
  'field.date': 'Enter a date in the past as YYYY-MM-DD.',
  'field.age': 'You must be at least 18 years old.',
  'field.id': 'This reference is not valid.',
  'field.url': 'The return address is not valid.',
  'field.amount-required': 'Enter an amount.',
  'field.amount': 'Enter an amount in figures, like 50 or 49.90.',
  'field.amount-positive': 'The amount must be more than zero.',
  'field.amount-decimals': 'Use at most {decimals} decimals.',
  'field.amount-min': 'The minimum is {limit}.',
  'field.amount-max': 'The maximum is {limit}.',
  'field.pair-unavailable': 'This currency pair is not available right now.',
  'field.currency-unavailable': 'Card purchases are not available in this currency.',

  'error.network': 'We could not reach the payment service. Check your connection and try again.',
  'error.timeout': 'The payment service did not answer in time. Please try again.',
  'error.auth': 'Your session has ended. Please sign in again.',
  'error.kyc': 'Please complete identity verification ({level}) to continue.',
  'error.redirect-blocked': 'Your bank\'s confirmation page is not on an address this checkout may open, so it was not opened. Check the payment below, or contact the shop.',
  'error.field': 'Please check this field.',
  'error.rejected': 'The payment service refused this request.',
  'error.server': 'The payment service has a problem right now. Please try again in a moment.',
  'error.unexpected': 'The payment service sent an answer we could not read. Please try again.',
  'error.unavailable': 'Card purchases are not available right now. Please pay another way.',
  'error.maintenance': 'Card purchases are paused for maintenance. Try again later.',

  'notice.card-not-found': 'Your card was added, but we could not find it in your list. Please choose it.',
  'card.unusable-pending': 'This card is still being checked and cannot be used yet. Please choose another card or try again later.',
  'card.unusable-denied': 'This card was not approved. Please use another card.',
  'notice.price-changed': 'The price has changed. Please check the new figures and accept them to pay.',
  'notice.offer-refreshed': 'The offer was refreshed.',
  'notice.confirm-price': 'Please accept the new price before paying.',
  'notice.offer-refreshing': 'The offer was about to expire, so we got a fresh one. Please check it and press Pay again.',

  'status.paying': 'Sending your payment securely. Please keep this page open.',
  'status.redirect': 'Your bank needs to confirm this payment. Continue to your bank to approve it.',
  'status.verifying': 'Checking your payment with the bank…',
  'status.paused': 'Paused while this page is in the background.',
  'status.timedOut': 'Your payment is still being confirmed. This can take a few minutes; you can check again. Please do not pay again until it is confirmed.',
  'status.reference': 'Payment reference: {reference}',
  'status.bankAgain': 'If your bank page did not open or was closed, open it again to confirm the payment.',
  'action.openBankAgain': 'Open your bank page again',
  'action.payOffline': 'You are offline',
  'error.not-taken': 'Your payment was not taken and nothing was charged. Please confirm it again.',
  'status.blocked': 'We could not check your payment because your session has ended.',
  'status.offerLoading': 'Getting your offer…',
  'status.offerExpired': 'This offer has expired.',

  'receipt.thanks': 'Thank you: your purchase is complete.',
  'receipt.paid': 'Charged to your card',
  'receipt.amount': 'Amount',
  'receipt.received': 'You receive',
  'receipt.card': 'Card',
  'receipt.reference': 'Reference',
  'receipt.date': 'Date',

  'failure.kyc-required': 'Please complete identity verification ({level}) before paying.',
  'failure.heading.declined': 'Your card was declined',
  'failure.heading.error': 'The payment did not go through',
  'failure.heading.cancelled': 'Payment cancelled',
  'failure.heading.kyc': 'Identity check needed',
  'failure.do-not-honour': 'Your bank declined this payment.',
  'failure.insufficient-funds': 'Your card does not have enough funds for this payment.',
  'failure.provider-error': 'The card payment service did not answer properly, so the payment did not go through.',
  'failure.3ds-declined': 'Your bank did not confirm this payment.',
  'failure.cancelled': 'The payment was cancelled at your bank.',
  'failure.unknown': 'Your payment did not go through.',
  'failure.advice.another-card': 'Please use another card.',
  'failure.advice.contact-bank': 'Please contact your bank, or use another card.',
  'failure.advice.try-later': 'Please try again in a few minutes, or use another card.',
  'failure.advice.try-again': 'You can try again when you are ready.',
  'failure.advice.verify-identity': 'Complete identity verification, then try again.',
  'failure.anotherCard': 'Use another card',
  'failure.details': 'Details',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
/** Texts by message key, over English: a loaded catalog, a host's own wording, or both. */
export type Messages = Partial<Record<string, string>>;

/** Languages with a catalog in the package; English is built in, the others are `locales/<language>.json`. */
export const shippedLocales = ['en', 'de', 'es'] as const;
export type ShippedLocale = (typeof shippedLocales)[number];

/** The shipped catalog language for a BCP 47 tag (`de-AT` → `de`), English when there is none. */
export function catalogLocale(locale: string | undefined): ShippedLocale {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0];
  return shippedLocales.find((shipped) => shipped === language) ?? 'en';
}

/** Texts by key in one language: a misspelt key does not compile. Keys that come from data go through `isMessageKey` first. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Whether a key read from data (a field error, a notice) is one of the catalog's. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A translator: the given texts (a loaded catalog, the host's own) with English underneath. */
export function createTranslator(messages: Messages = {}): Translate {
  const catalog: Messages = { ...en, ...messages };
  return (key, params = {}) =>
    (catalog[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The `{name}` placeholders of a text, sorted. */
const placeholders = (text: string): string => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort().join();

/**
 * Checks a catalog read from JSON: an object of texts. Keys English does not have are dropped, and
 * so is a text whose `{placeholders}` differ from the English one's (it would show a raw `{name}`
 * or lose a figure); English shows in their place. Throws, naming the problem, when nothing usable
 * is left.
 */
export function checkCatalog(data: unknown): Messages {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new TypeError('the catalog is not a JSON object');
  const english: Messages = en;
  const catalog: Messages = {};
  for (const [key, text] of Object.entries(data)) {
    const reference = english[key];
    if (typeof text === 'string' && reference !== undefined && placeholders(text) === placeholders(reference)) catalog[key] = text;
  }
  if (!Object.keys(catalog).length) throw new TypeError('the catalog has no text for any known message key');
  return catalog;
}

export interface LoadCatalogOptions {
  /** Folder of the catalogs (`…/locales/`); `<language>.json` is read from it. */
  baseUrl: string | URL;
  /** Subresource-integrity hash (`sha384-…`) the file must match; a mismatch fails the load. */
  integrity?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Fetches and checks the catalog of a shipped language (`de-AT` → `<baseUrl>/de.json`). English is
 * built in and answers at once. Rejects with an error that names the file and the problem; the
 * texts then stay English.
 */
export async function loadCatalog(locale: string, options: LoadCatalogOptions): Promise<Messages> {
  const language = catalogLocale(locale);
  if (language === 'en') return {};
  const base = String(options.baseUrl);
  const url = new URL(`${language}.json`, base.endsWith('/') ? base : `${base}/`);
  const response = await (options.fetch ?? fetch)(url, {
    credentials: 'omit',
    ...(options.integrity ? { integrity: options.integrity } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    throw new Error(`${url.href} could not be fetched (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  });
  if (!response.ok) throw new Error(`${url.href} answered ${response.status}`);
  let data: unknown;
  try {
    data = await response.json();
  } catch (error) {
    throw new Error(`${url.href} is not JSON`, { cause: error });
  }
  try {
    return checkCatalog(data);
  } catch (error) {
    throw new Error(`${url.href}: ${(error as Error).message}`, { cause: error });
  }
}
