/**
 * Schemas of the requests the checkout sends, used to check the caller's input before anything
 * goes on the wire (and by the sandbox to check what arrives). Check messages are message keys;
 * `validationMessages` holds their English text.
 */
import * as z from 'zod/mini';
import { cardDigits, expiryPassed, luhnValid } from '../card.js';
import { countryAlpha3 } from '../countries.js';
import { Decimal } from '../money.js';
import { integerSchema } from './responses.js';

const required = () => z.string().check(z.trim(), z.refine((value) => value !== '', 'required'));
const optionalText = () => z.nullish(z.string().check(z.trim()));

/** ISO 4217 codes and crypto tickers: 2–10 capitals and digits, starting with a letter. */
export const currencyCodeSchema = z.string().check(z.trim(), z.refine((code) => /^[A-Z][A-Z0-9]{1,9}$/.test(code), 'currency'));

/** ISO 3166-1 alpha-2, as card billing addresses take it (`DE`). */
export const countryCodeSchema = z.string().check(z.trim(), z.toUpperCase(), z.refine((code) => /^[A-Z]{2}$/.test(code), 'country'));

/** ISO 3166-1 alpha-3, as the profile takes it (`DEU`): a code that names a country. */
export const countryAlpha3Schema = z.string().check(
  z.refine((value) => /^[A-Z]{3}$/.test(value) && countryAlpha3(value) === value, 'country3'),
);

/** Path ids: digits, kept as text. */
export const requestIdSchema = z.pipe(
  z.union([z.string(), integerSchema()]),
  z.transform((value) => String(value).trim()),
).check(z.refine((id) => /^\d{1,19}$/.test(id), 'id'));

/** A money amount given as a number or as decimal text; read exactly, must be above zero. */
export const amountSchema = z.pipe(
  z.union([z.number(), z.string()]).check(
    z.refine((value) => (typeof value === 'number' ? Number.isFinite(value) : Decimal.parse(value) !== undefined), {
      message: 'amount',
      abort: true,
    }),
    z.refine((value) => Decimal.from(value).gt(0), 'amount-positive'),
  ),
  z.transform((value) => Decimal.from(value)),
);

export const billingAddressSchema = z.object({
  address: required(),
  city: required(),
  countryCode: countryCodeSchema,
  zip: required(),
  state: optionalText(),
});

/** The card number as typed: digits, spaces and dashes allowed; kept as a digit string. */
export const cardNumberSchema = z.pipe(
  z.string(),
  z.transform((typed) => cardDigits(typed)),
).check(
  z.refine((digits) => /^\d+$/.test(digits), { message: 'card-digits', abort: true }),
  z.refine((digits) => digits.length >= 12 && digits.length <= 19, { message: 'card-length', abort: true }),
  z.refine(luhnValid, 'luhn'),
);

export const newCardSchema = z
  .object({
    cardNumber: cardNumberSchema,
    cardHolder: required(),
    cardExpirationYear: integerSchema().check(z.refine((year) => year >= 2000 && year <= 2099, 'year')),
    cardExpirationMonth: integerSchema().check(z.refine((month) => month >= 1 && month <= 12, 'month')),
    billingAddress: billingAddressSchema,
  })
  .check(
    z.refine((card) => !expiryPassed(card.cardExpirationYear, card.cardExpirationMonth), {
      message: 'expired',
      path: ['cardExpirationMonth'],
    }),
  );

/** The offer's operation: a pay-in, the only one the checkout makes (also when absent). */
const payinOperation = () =>
  z.pipe(z.optional(z.custom<'PAYIN'>((value) => value === 'PAYIN')), z.transform((value) => value ?? 'PAYIN'));

export const createOfferRequestSchema = z.object({
  cardId: requestIdSchema,
  fromCurrency: currencyCodeSchema,
  toCurrency: currencyCodeSchema,
  amount: amountSchema,
  operation: payinOperation(),
});

export const updateOfferRequestSchema = z.object({
  amount: amountSchema,
  toAmount: amountSchema,
  fromCurrency: currencyCodeSchema,
  toCurrency: currencyCodeSchema,
  operation: payinOperation(),
  insuranceOrderRequest: z.optional(z.unknown()),
});

/**
 * Browser data for the card issuer's risk checks (3-D Secure), with the JSON types Vault documents.
 * Every field is optional on the wire (Vault's own example sends 8 of them). `timezone` is the UTC
 * offset in minutes as browsers report it (`Date.prototype.getTimezoneOffset`): UTC minus local
 * time, so -60 in Berlin in winter and 300 in New York — the convention of 3-D Secure's browser
 * time zone.
 */
export const fingerprintSchema = z.object({
  timezone: z.optional(integerSchema().check(z.refine((minutes) => Math.abs(minutes) <= 1440, 'timezone'))),
  browserColorDepth: z.optional(integerSchema()),
  browserLanguage: z.optional(z.string()),
  browserScreenHeight: z.optional(integerSchema()),
  browserScreenWidth: z.optional(integerSchema()),
  browserPixelDepth: z.optional(integerSchema()),
  browserPixelRatio: z.optional(z.string()),
  browserViewportHeight: z.optional(integerSchema()),
  browserViewportWidth: z.optional(integerSchema()),
  browserAcceptHeader: z.optional(z.string()),
  acceptContent: z.optional(z.string()),
  os: z.optional(z.string()),
  browserJavascriptEnabled: z.optional(z.boolean()),
  browserJavaEnabled: z.optional(z.boolean()),
});

/**
 * The pay request as documented: `cardCVV`, `successUrl` and `fingerprint`, none of them marked
 * required (the documented example masks the CVV as `***` and sends no `successUrl`). Vault's pay
 * answer carries `failUrl` and `cancelUrl`; they are taken here too when given.
 */
export const payRequestSchema = z.object({
  cardCVV: required(),
  successUrl: z.optional(z.string()),
  failUrl: z.optional(z.string()),
  cancelUrl: z.optional(z.string()),
  fingerprint: z.optional(fingerprintSchema),
});

/** An absolute http(s) address the bank may send the customer back to. */
export const returnUrlSchema = z.string().check(
  z.refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'url'),
);

/** A card security code: 3 or 4 digits. */
export const cvvSchema = z.string().check(z.refine((cvv) => /^\d{3,4}$/.test(cvv), 'cvv'));

/** What a caller must give to pay: a real CVV, the page the bank sends the customer back to, the browser data. */
export const payInputSchema = z.object({
  ...payRequestSchema.shape,
  cardCVV: cvvSchema,
  successUrl: returnUrlSchema,
  failUrl: z.optional(returnUrlSchema),
  cancelUrl: z.optional(returnUrlSchema),
  fingerprint: fingerprintSchema,
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day, not after today (by UTC), from its `YYYY-MM-DD` start. */
function pastDay(text: string): boolean {
  const day = text.slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && date.getTime() < Date.now();
}

/**
 * A date of birth as Vault documents it: an ISO 8601 date-time with a zone,
 * `YYYY-MM-DDThh:mm:ss<TZD>` (its example: `1990-05-20T00:00:00.000Z`), on a past day.
 */
export const dateOfBirthSchema = z.string().check(z.refine((value) => DATE_TIME.test(value) && pastDay(value), 'date-time'));

/** Profile fields that lift a customer to KYC_0 (`PATCH /v2/customer/profile`), as Vault documents them. */
export const profileUpdateSchema = z.object({
  firstName: required(),
  lastName: required(),
  dateOfBirth: dateOfBirthSchema,
  residenceCountry: countryAlpha3Schema,
  residenceCity: required(),
  residenceStreet: required(),
  residenceZipCode: required(),
  primaryCurrency: currencyCodeSchema,
});

/**
 * What a caller gives to update the profile: the country as alpha-2 (`DE`, as forms hold it) or
 * alpha-3, the date of birth as a day (`1990-05-20`, as date inputs give it) or a date-time. The
 * client sends them as Vault documents them: `DEU` and `1990-05-20T00:00:00.000Z`.
 */
export const profileInputSchema = z.pipe(
  z.object({
    ...profileUpdateSchema.shape,
    dateOfBirth: z.string().check(z.trim(), z.refine((value) => (DATE.test(value) || DATE_TIME.test(value)) && pastDay(value), 'date')),
    residenceCountry: z.string().check(z.trim(), z.refine((value) => countryAlpha3(value) !== undefined, 'country')),
  }),
  z.transform((profile) => ({
    ...profile,
    dateOfBirth: DATE.test(profile.dateOfBirth) ? `${profile.dateOfBirth}T00:00:00.000Z` : profile.dateOfBirth,
    residenceCountry: countryAlpha3(profile.residenceCountry) as string,
  })),
);

export type BillingAddress = z.input<typeof billingAddressSchema>;
export type NewCard = z.input<typeof newCardSchema>;
export type CreateOfferRequest = z.input<typeof createOfferRequestSchema>;
export type UpdateOfferRequest = z.input<typeof updateOfferRequestSchema>;
export type Fingerprint = z.input<typeof fingerprintSchema>;
export type PayRequest = z.input<typeof payInputSchema>;
export type ProfileUpdate = z.input<typeof profileInputSchema>;

/** English text of the validation message keys. */
export const validationMessages: Readonly<Record<string, string>> = {
  required: 'is required',
  type: 'has the wrong type',
  currency: 'is not a currency code (like EUR or BTC)',
  country: 'is not a country code (like DE)',
  country3: 'is not a three-letter country code (like DEU)',
  id: 'is not an id',
  amount: 'is not a number',
  'amount-positive': 'must be more than zero',
  'card-digits': 'must contain only digits',
  'card-length': 'must have 12 to 19 digits',
  luhn: 'is not a valid card number (check digit mismatch)',
  year: 'is not a four-digit year',
  month: 'is not a month from 1 to 12',
  expired: 'the card has expired',
  cvv: 'must be 3 or 4 digits',
  url: 'is not an http(s) address',
  date: 'is not a past date in the form YYYY-MM-DD',
  'date-time': 'is not a past date-time in the form YYYY-MM-DDThh:mm:ssZ',
  timezone: 'is not a UTC offset in minutes',
};
