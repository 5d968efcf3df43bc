/**
 * Field rules of the checkout's forms, as data: each answers a message key (`field.<code>`) or
 * nothing. Renderers run them live; the machine runs them again on submit.
 */
import { cardBrand, cardDigits, cardLengths, cvvLength, expiryPassed, luhnValid } from './card.js';
import { countryAlpha3 } from './countries.js';
import type { MessageKey } from './i18n/messages.js';

export type ProfileField =
  | 'firstName'
  | 'lastName'
  | 'dateOfBirth'
  | 'residenceCountry'
  | 'residenceCity'
  | 'residenceStreet'
  | 'residenceZipCode';
export type AddressField = 'address' | 'city' | 'zip' | 'state' | 'countryCode';
export type QuoteField = 'amount' | 'fromCurrency' | 'toCurrency';
/** Fields whose values the machine may hold. */
export type TextField = ProfileField | AddressField | QuoteField | 'cardHolder';
/** Card secrets: checked, never held. */
export type SecretField = 'cardNumber' | 'cardExpiry' | 'cardCVV';
export type FieldName = TextField | SecretField;

export type FieldValues = Partial<Record<TextField, string>>;
export type FieldErrors = Partial<Record<FieldName, string>>;

export interface CardSecrets {
  /** As typed: spaces allowed. */
  number: string;
  /** `MM/YY` or `MM/YYYY` as typed. */
  expiry: string;
}

interface Rule<V> {
  field: FieldName;
  validate: (values: V, now: Date) => string | undefined;
}

const present = (value: string | undefined): boolean => (value ?? '').trim().length > 0;
const required = <F extends TextField>(field: F): Rule<FieldValues> => ({
  field,
  validate: (values) => (present(values[field]) ? undefined : 'field.required'),
});

/** Reads `MM/YY`, `MM / YYYY`, `MMYY`. */
export function parseExpiry(typed: string): { month: number; year: number } | undefined {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(typed);
  if (!match) return undefined;
  const month = Number(match[1]);
  const year = match[2]?.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : undefined;
}

/** Formats expiry as typed: `1228` → `12 / 28`. */
export function formatExpiry(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits;
}

export function checkCardNumber(typed: string): MessageKey | undefined {
  const digits = cardDigits(typed);
  if (!digits) return 'field.required';
  if (!/^\d+$/.test(digits)) return 'field.card-digits';
  if (!cardLengths(cardBrand(digits)).includes(digits.length)) return 'field.card-length';
  return luhnValid(digits) ? undefined : 'field.luhn';
}

export function checkExpiry(typed: string, now: Date = new Date()): MessageKey | undefined {
  if (!typed.trim()) return 'field.required';
  const expiry = parseExpiry(typed);
  if (!expiry) return 'field.expiry-format';
  if (expiry.year > now.getFullYear() + 30) return 'field.expiry-format';
  return expiryPassed(expiry.year, expiry.month, now) ? 'field.expired' : undefined;
}

/** CVV length depends on the card's brand (4 for Amex). */
export function checkCvv(cvv: string, brand?: string): MessageKey | undefined {
  if (!cvv.trim()) return 'field.required';
  const length = cvvLength(brand as Parameters<typeof cvvLength>[0]);
  return new RegExp(`^\\d{${length}}$`).test(cvv.trim()) ? undefined : 'field.cvv';
}

/**
 * A country chosen from a list of names, held as its ISO 3166-1 alpha-2 code. The profile's must be
 * one of the codes Vault's alpha-3 list has (the client sends it as alpha-3).
 */
const countryRule = (field: 'countryCode' | 'residenceCountry'): Rule<FieldValues> => ({
  field,
  validate: (values) => {
    const value = (values[field] ?? '').trim();
    if (!present(value)) return 'field.required';
    if (!/^[A-Za-z]{2}$/.test(value)) return 'field.country';
    return field === 'residenceCountry' && countryAlpha3(value) === undefined ? 'field.country' : undefined;
  },
});

const ADDRESS_RULES: Rule<FieldValues>[] = [required('address'), required('city'), required('zip'), countryRule('countryCode')];

const PROFILE_RULES: Rule<FieldValues>[] = [
  required('firstName'),
  required('lastName'),
  {
    field: 'dateOfBirth',
    validate: (values, now) => {
      const value = (values.dateOfBirth ?? '').trim();
      if (!value) return 'field.required';
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
      if (!date || !date.toISOString().startsWith(value)) return 'field.date';
      const adult = new Date(Date.UTC(now.getUTCFullYear() - 18, now.getUTCMonth(), now.getUTCDate()));
      return date > adult ? 'field.age' : undefined;
    },
  },
  countryRule('residenceCountry'),
  required('residenceCity'),
  required('residenceStreet'),
  required('residenceZipCode'),
];

function run<V>(rules: Rule<V>[], values: V, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  for (const rule of rules) {
    const key = rule.validate(values, now);
    if (key && !errors[rule.field]) errors[rule.field] = key;
  }
  return errors;
}

/** Errors of the new-card form: number, expiry, holder name and billing address. */
export function checkNewCardForm(values: FieldValues, secrets: CardSecrets, now: Date = new Date()): FieldErrors {
  const errors = run([required('cardHolder'), ...ADDRESS_RULES], values, now);
  const number = checkCardNumber(secrets.number);
  const expiry = checkExpiry(secrets.expiry, now);
  return { ...(number ? { cardNumber: number } : {}), ...(expiry ? { cardExpiry: expiry } : {}), ...errors };
}

export const checkBillingForm = (values: FieldValues, now: Date = new Date()): FieldErrors => run(ADDRESS_RULES, values, now);

export const checkProfileForm = (values: FieldValues, now: Date = new Date()): FieldErrors => run(PROFILE_RULES, values, now);

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

/** Maps a Vault request field (`billingAddress.countryCode`, `cardExpirationMonth`) to the form field. */
export function formField(apiField: string): FieldName | undefined {
  const name = apiField.split('.').pop() ?? apiField;
  const map: Record<string, FieldName> = {
    cardNumber: 'cardNumber',
    cardExpirationMonth: 'cardExpiry',
    cardExpirationYear: 'cardExpiry',
    cardCVV: 'cardCVV',
    cardHolder: 'cardHolder',
    address: 'address',
    city: 'city',
    zip: 'zip',
    state: 'state',
    countryCode: 'countryCode',
    amount: 'amount',
    toAmount: 'amount',
    fromCurrency: 'fromCurrency',
    toCurrency: 'toCurrency',
    firstName: 'firstName',
    lastName: 'lastName',
    dateOfBirth: 'dateOfBirth',
    residenceCountry: 'residenceCountry',
    residenceCity: 'residenceCity',
    residenceStreet: 'residenceStreet',
    residenceZipCode: 'residenceZipCode',
    primaryCurrency: 'fromCurrency',
  };
  return map[name];
}
