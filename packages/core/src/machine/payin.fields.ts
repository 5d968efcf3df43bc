/**
 * The checkout's form fields as data: one table of what each field is (autocomplete token,
 * keyboard, type, required), the fields of each screen in order, and the view of a field a
 * renderer spreads onto its input.
 */
import { countries } from '../countries.js';
import { lazy } from '../lazy.js';
import type { FieldName, SecretField, TextField } from '../forms.js';
import type { Screen } from './payin.types.js';

/** Attributes of a field's input or select, named as in HTML, to spread onto it. */
export interface FieldProps {
  id: string;
  name: FieldName;
  /** Inputs only (a select has none of `type`, `inputmode`, `enterkeyhint`). */
  type?: 'text' | 'date';
  autocomplete: string;
  inputmode?: 'text' | 'numeric' | 'decimal';
  enterkeyhint?: 'next' | 'done' | 'go';
  required: boolean;
  /** Card secrets: the longest text the input takes (digits with their spaces). */
  maxlength?: number;
  /** Card secrets: `false`, so that no spelling service sees them. */
  spellcheck?: 'false';
  'aria-invalid': 'true' | 'false';
  /** Ids of the field's hint and error, when shown. */
  'aria-describedby'?: string;
}

export interface FieldOption {
  value: string;
  label: string;
}

interface FieldViewParts {
  /**
   * What the control shows: the machine's value; a country as its code in capitals; always `''`
   * for card secrets, which live in the renderer's own input only.
   */
  value: string;
  /** Message key of the field's error, if any. */
  errorKey?: string;
  /** The error as text in the current locale. */
  error?: string;
  /** Id for the element showing `error`. */
  errorId: string;
  label: string;
  /** A hint shown under the field (the expected form, the limits). */
  hint?: string;
  /** Id for the element showing `hint`. */
  hintId: string;
  /** A select's choices in order (countries by name in the locale, currencies by code). */
  options?: FieldOption[];
  props: FieldProps;
}

/** A field whose value the machine holds: its changes go to `setField`. */
export interface TextFieldView extends FieldViewParts {
  name: TextField;
  /** `input` or `select` (with `options`). */
  control: 'input' | 'select';
  secret: false;
}

/**
 * Card number, expiry or CVV: kept only in the renderer's input (formatted and checked through
 * `secretInput` and `secretBlur`) and handed to `submit`.
 */
export interface SecretFieldView extends FieldViewParts {
  name: SecretField;
  control: 'input';
  secret: true;
}

/** One field of a form; `secret` (or `control`) tells the two kinds apart for the type checker too. */
export type FieldView = TextFieldView | SecretFieldView;

interface FieldSpec {
  autocomplete: string;
  select?: true;
  date?: true;
  inputmode?: 'numeric' | 'decimal';
  enterkeyhint?: 'done' | 'go';
  optional?: true;
  maxlength?: number;
}

const SECRET: readonly FieldName[] = ['cardNumber', 'cardExpiry', 'cardCVV'] satisfies SecretField[];
export const isSecretField = (name: FieldName): name is SecretField => SECRET.includes(name);

/** Every field, in the order a form shows it. */
const FIELDS: Record<FieldName, FieldSpec> = {
  cardNumber: { autocomplete: 'cc-number', inputmode: 'numeric', maxlength: 23 },
  cardExpiry: { autocomplete: 'cc-exp', inputmode: 'numeric', maxlength: 9 },
  cardCVV: { autocomplete: 'cc-csc', inputmode: 'numeric', maxlength: 4, enterkeyhint: 'done' },
  cardHolder: { autocomplete: 'cc-name' },
  address: { autocomplete: 'billing address-line1' },
  city: { autocomplete: 'billing address-level2' },
  zip: { autocomplete: 'billing postal-code' },
  state: { autocomplete: 'billing address-level1', optional: true, enterkeyhint: 'done' },
  countryCode: { autocomplete: 'billing country', select: true },
  firstName: { autocomplete: 'given-name' },
  lastName: { autocomplete: 'family-name' },
  dateOfBirth: { autocomplete: 'bday', date: true },
  residenceCountry: { autocomplete: 'country', select: true },
  residenceCity: { autocomplete: 'address-level2' },
  residenceStreet: { autocomplete: 'address-line1' },
  residenceZipCode: { autocomplete: 'postal-code' },
  amount: { autocomplete: 'transaction-amount', inputmode: 'decimal', enterkeyhint: 'go' },
  fromCurrency: { autocomplete: 'transaction-currency', select: true, optional: true },
  toCurrency: { autocomplete: 'off', select: true, optional: true },
};

export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

const ADDRESS: readonly FieldName[] = ['address', 'zip', 'city', 'state', 'countryCode'];
const QUOTE: readonly FieldName[] = ['amount', 'fromCurrency', 'toCurrency'];

/** The fields of each screen's form, in order. */
const SCREEN_FIELDS: Partial<Record<Screen, readonly FieldName[]>> = {
  profile: ['firstName', 'lastName', 'dateOfBirth', 'residenceStreet', 'residenceZipCode', 'residenceCity', 'residenceCountry'],
  'new-card': ['cardNumber', 'cardExpiry', 'cardHolder', ...ADDRESS],
  billing: ADDRESS,
  quote: QUOTE,
  offer: [...QUOTE, 'cardCVV'],
};

export const screenFields = (screen: Screen): FieldName[] => [...(SCREEN_FIELDS[screen] ?? [])];

const countryOptions = new Map<string, FieldOption[]>();

/** Countries by name in the locale, after an empty choice. */
function countryChoices(locale: string): FieldOption[] {
  let options = countryOptions.get(locale);
  if (!options) {
    options = [{ value: '', label: '—' }, ...countries(locale).map(({ code, name }) => ({ value: code, label: name }))];
    countryOptions.set(locale, options);
  }
  return options;
}

export interface FieldInput {
  name: FieldName;
  value: string;
  label: string;
  hint: string | undefined;
  errorKey: string | undefined;
  error: string | undefined;
  locale: string;
  /** Currencies to choose from, for a currency field. */
  currencies: string[];
  idPrefix: string;
}

/** The view of one field: its value, texts, choices and the attributes of its control. */
export function fieldView({ name, value, label, hint, errorKey, error, locale, currencies, idPrefix }: FieldInput): FieldView {
  const spec = FIELDS[name];
  const secret = isSecretField(name);
  const id = `${idPrefix}f-${name}`;
  const hintId = `${idPrefix}h-${name}`;
  const errorId = `${idPrefix}e-${name}`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const country = name === 'countryCode' || name === 'residenceCountry';
  const shown = country ? value.toUpperCase() : value;
  // A country list is built on first read: its names (Intl.DisplayNames) cost a first render dearly.
  const options = !spec.select || country ? undefined : (currencies.includes(shown) ? currencies : [shown, ...currencies]).map((code) => ({ value: code, label: code }));
  const props: FieldProps = {
    id,
    name,
    ...(spec.select ? {} : { type: spec.date ? 'date' : 'text', inputmode: spec.inputmode ?? 'text', enterkeyhint: spec.enterkeyhint ?? 'next' }),
    autocomplete: spec.autocomplete,
    required: !spec.optional,
    ...(spec.maxlength ? { maxlength: spec.maxlength } : {}),
    ...(secret ? { spellcheck: 'false' as const } : {}),
    'aria-invalid': error ? 'true' : 'false',
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
  const parts: FieldViewParts = {
    value: shown,
    ...(errorKey ? { errorKey } : {}),
    ...(error ? { error } : {}),
    errorId,
    label,
    ...(hint ? { hint } : {}),
    hintId,
    ...(options ? { options } : {}),
    props,
  };
  const view: FieldView = isSecretField(name)
    ? { name, control: 'input', secret: true, ...parts }
    : { name, control: spec.select ? 'select' : 'input', secret: false, ...parts };
  if (country) lazy(view, 'options', () => countryChoices(locale));
  return view;

}
