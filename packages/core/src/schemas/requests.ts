/**
 * Schemas of the requests the checkout sends, used to check the caller's input before anything
 * goes on the wire (and by the sandbox to check what arrives). Check messages are message keys;
 * `validationMessages` holds their English text.
 */
import * as z from 'zod/mini';
import { cardDigits, expiryPassed, luhnValid } from '../card.js';
import { Decimal } from '../money.js';

const required = () => z.string().check(z.trim(), z.minLength(1, 'required'));
const optionalText = () => z.nullish(z.string().check(z.trim()));

/** ISO 4217 codes and crypto tickers: 2–10 capitals and digits, starting with a letter. */
export const currencyCodeSchema = z.string().check(z.trim(), z.regex(/^[A-Z][A-Z0-9]{1,9}$/, 'currency'));

/** ISO 3166-1 alpha-2. */
export const countryCodeSchema = z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, 'country'));

/** Path ids: digits, kept as text. */
export const requestIdSchema = z.pipe(
  z.union([z.string(), z.int()]),
  z.transform((value) => String(value).trim()),
).check(z.regex(/^\d{1,19}$/, 'id'));

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
  z.regex(/^\d+$/, { message: 'card-digits', abort: true }),
  z.refine((digits) => digits.length >= 12 && digits.length <= 19, { message: 'card-length', abort: true }),
  z.refine(luhnValid, 'luhn'),
);

export const newCardSchema = z
  .object({
    cardNumber: cardNumberSchema,
    cardHolder: required(),
    cardExpirationYear: z.int().check(z.gte(2000, 'year'), z.lte(2099, 'year')),
    cardExpirationMonth: z.int().check(z.gte(1, 'month'), z.lte(12, 'month')),
    billingAddress: billingAddressSchema,
  })
  .check(
    z.refine((card) => !expiryPassed(card.cardExpirationYear, card.cardExpirationMonth), {
      message: 'expired',
      path: ['cardExpirationMonth'],
    }),
  );

export const createOfferRequestSchema = z.object({
  cardId: requestIdSchema,
  fromCurrency: currencyCodeSchema,
  toCurrency: currencyCodeSchema,
  amount: amountSchema,
  operation: z._default(z.literal('PAYIN'), 'PAYIN'),
});

export const updateOfferRequestSchema = z.object({
  amount: amountSchema,
  toAmount: amountSchema,
  fromCurrency: currencyCodeSchema,
  toCurrency: currencyCodeSchema,
  operation: z._default(z.literal('PAYIN'), 'PAYIN'),
  insuranceOrderRequest: z.optional(z.unknown()),
});

/** Browser data for the card issuer's risk checks (3-D Secure). Every field is optional on the wire. */
export const fingerprintSchema = z.object({
  timezone: z.optional(z.union([z.string(), z.number()])),
  browserColorDepth: z.optional(z.number()),
  browserLanguage: z.optional(z.string()),
  browserScreenHeight: z.optional(z.number()),
  browserScreenWidth: z.optional(z.number()),
  browserPixelDepth: z.optional(z.number()),
  browserPixelRatio: z.optional(z.string()),
  browserViewportHeight: z.optional(z.number()),
  browserViewportWidth: z.optional(z.number()),
  browserAcceptHeader: z.optional(z.string()),
  acceptContent: z.optional(z.string()),
  os: z.optional(z.string()),
  browserJavascriptEnabled: z.optional(z.boolean()),
  browserJavaEnabled: z.optional(z.boolean()),
});

/** The pay request as documented (the docs' own example masks the CVV as `***`). */
export const payRequestSchema = z.object({
  cardCVV: required(),
  successUrl: z.optional(z.string()),
  failUrl: z.optional(z.string()),
  cancelUrl: z.optional(z.string()),
  fingerprint: fingerprintSchema,
});

const returnUrlSchema = z.string().check(
  z.refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'url'),
);

/** What a caller must give to pay: a real CVV and the page the bank sends the customer back to. */
export const payInputSchema = z.extend(payRequestSchema, {
  cardCVV: z.string().check(z.regex(/^\d{3,4}$/, 'cvv')),
  successUrl: returnUrlSchema,
  failUrl: z.optional(returnUrlSchema),
  cancelUrl: z.optional(returnUrlSchema),
});

const isoDateSchema = z.string().check(
  z.refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() < Date.now();
  }, 'date'),
);

/** Profile fields that lift a customer to KYC_0 (`PATCH /v2/customer/profile`). */
export const profileUpdateSchema = z.object({
  firstName: required(),
  lastName: required(),
  dateOfBirth: isoDateSchema,
  residenceCountry: countryCodeSchema,
  residenceCity: required(),
  residenceStreet: required(),
  residenceZipCode: required(),
  primaryCurrency: currencyCodeSchema,
});

export type BillingAddress = z.input<typeof billingAddressSchema>;
export type NewCard = z.input<typeof newCardSchema>;
export type CreateOfferRequest = z.input<typeof createOfferRequestSchema>;
export type UpdateOfferRequest = z.input<typeof updateOfferRequestSchema>;
export type Fingerprint = z.input<typeof fingerprintSchema>;
export type PayRequest = z.input<typeof payInputSchema>;
export type ProfileUpdate = z.input<typeof profileUpdateSchema>;

/** English text of the validation message keys. */
export const validationMessages: Readonly<Record<string, string>> = {
  required: 'is required',
  type: 'has the wrong type',
  currency: 'is not a currency code (like EUR or BTC)',
  country: 'is not a two-letter country code (like DE)',
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
};
