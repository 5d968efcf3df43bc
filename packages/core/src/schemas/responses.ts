/**
 * Schemas of Vault's answers. They keep what the checkout needs, tolerate documented nulls
 * and undocumented extra fields (stripped), and fail on anything the checkout cannot do without.
 */
import * as z from 'zod/mini';
import { savedCardUsability } from '../card.js';
import { Decimal } from '../money.js';

/** A field that may be null or absent, read as `fallback` then. */
const withFallback = <T>(schema: z.ZodMiniType<T>, fallback: T) =>
  z.pipe(z.nullish(schema), z.transform((value): T => value ?? fallback));

/*
 * Sense checks. An answer is refused before anything of it is shown or paid when a figure is
 * impossible: money that is negative or larger than any card payment could be, a rate of zero
 * or beyond any real exchange rate, a percentage outside 0–100, a scale outside 0–18. `z.number()`
 * already refuses NaN and ±Infinity. The problems below are what `UnexpectedResponseError` reports
 * (with the field's path, never its value).
 */
export const answerProblems = {
  negative: 'must not be negative',
  notPositive: 'must be above zero',
  tooLarge: 'is too large',
  outOfRange: 'is out of range',
  notAmount: 'is not a non-negative decimal amount',
  notInteger: 'expected int',
} as const;

/**
 * An integer that a JSON number carries exactly (within ±(2^53 − 1)). A fraction reads as
 * `expected int`, a larger integer as an unexpected value.
 */
export const integerSchema = () =>
  z.number().check(z.refine(Number.isInteger, { message: answerProblems.notInteger, abort: true }), z.refine(Number.isSafeInteger));

/** Ids are int64 in Vault; they are kept as strings of their digits. */
export const idSchema = z.pipe(
  z.union([z.string().check(z.refine((id) => /^\d+$/.test(id))), integerSchema()]),
  z.transform((value) => String(value)),
);

/**
 * Money ceiling: at most 12 integer digits (below 10^12). It holds for fiat amounts, fees, limits
 * and crypto amounts alike: no card payment, fee or limit comes near a trillion units of any currency
 * the checkout sells or charges, while a float read from a broken answer (1e300) would make every
 * figure after it meaningless.
 */
export const MONEY_CEILING = 1e12;
/** Exchange rates (units of one currency per unit of another) lie within 10^-12 … 10^12. */
export const RATE_FLOOR = 1e-12;
export const RATE_CEILING = 1e12;
/** Decimal places of an amount: 0 to 18 (the most any currency or token uses). */
export const MAX_SCALE = 18;

/** A figure of zero or more; nothing more is checked of a negative one. */
const notNegative = () => z.refine<number>((value) => value >= 0, { message: answerProblems.negative, abort: true });

/** A money figure: 0 ≤ value < 10^12. */
const moneySchema = () => z.number().check(notNegative(), z.refine((value) => value < MONEY_CEILING, answerProblems.tooLarge));

/** An exchange rate: above zero, within 10^-12 … 10^12. */
const rateSchema = () =>
  z.number().check(
    z.refine((rate) => rate > 0, { message: answerProblems.notPositive, abort: true }),
    z.refine((rate) => rate >= RATE_FLOOR && rate <= RATE_CEILING, answerProblems.outOfRange),
  );

/** A fraction of the amount (0.03 is 3 %): 0 to 1. */
const fractionSchema = () => z.number().check(notNegative(), z.refine((fraction) => fraction <= 1, answerProblems.outOfRange));

/** A percentage: 0 to 100. */
const percentSchema = () => z.number().check(notNegative(), z.refine((percent) => percent <= 100, answerProblems.outOfRange));

/** Decimal places: an integer 0 to 18. */
const scaleSchema = () => integerSchema().check(z.refine((scale) => scale >= 0 && scale <= MAX_SCALE, answerProblems.outOfRange));

/** Decimal text of a non-negative amount with at most 12 integer digits: no sign, no exponent. */
const AMOUNT_TEXT = /^\d{1,12}(?:\.\d+)?$/;

/** An amount sent as decimal text ("474.7") or as a number; read as plain decimal text. */
const amountTextSchema = z.pipe(
  z
    .union([z.string(), z.number()])
    .check(
      z.refine(
        (value) => (typeof value === 'number' ? value >= 0 && value < MONEY_CEILING : AMOUNT_TEXT.test(value)),
        answerProblems.notAmount,
      ),
    ),
  z.transform((value) => (typeof value === 'number' ? Decimal.from(value).toString() : value)),
);

const amountWithCurrencySchema = z.object({ value: moneySchema(), currency: z.string() });

export const feeInfoItemSchema = z.object({
  name: z.string(),
  /** The fee charged, in `currency`. */
  value: moneySchema(),
  valueOld: z.nullish(moneySchema()),
  scale: z.nullish(scaleSchema()),
  currency: z.nullish(z.string()),
  includeInRate: z.nullish(z.boolean()),
});

/**
 * The data answer's `feeInfo`: Vault types it as one object, answers null in its example, and the
 * offers answer a list of the same items. All three read as a list.
 */
const feeInfoListSchema = z.pipe(
  z.nullish(z.union([z.array(feeInfoItemSchema), feeInfoItemSchema])),
  z.transform((value) => (value == null ? value : Array.isArray(value) ? value : [value])),
);

export const feeTableRowSchema = z.object({
  amountFrom: amountWithCurrencySchema,
  amountTo: z.nullish(amountWithCurrencySchema),
  percent: percentSchema(),
});

/**
 * Fee settings: `transactionFee`, `crypteriumGas`, `additionalFee`, `rate` are fractions of the
 * amount (0 to 1); `partnerFee`, whose unit is not documented, only has to be a plausible money figure.
 */
export const feesSchema = z.object({
  currency: z.string(),
  scale: z.nullish(scaleSchema()),
  rate: z.nullish(fractionSchema()),
  partnerFee: z.nullish(moneySchema()),
  crypteriumGas: z.nullish(fractionSchema()),
  additionalFee: z.nullish(fractionSchema()),
  transactionFee: z.nullish(fractionSchema()),
  insuranceFee: z.nullish(z.unknown()),
  feeTableEnabled: z.nullish(z.boolean()),
  feeTable: z.nullish(z.array(feeTableRowSchema)),
});

/**
 * A saved card. `billingAddressRequired` defaults to true, as Vault documents it. `usable` and
 * `unusableReason` (a message key) are read from `validationStatus`: a card Vault has not approved
 * stays in the list, shown as not usable yet, and cannot be chosen.
 */
export const savedCardSchema = z.pipe(
  z.object({
    cardId: idSchema,
    cardType: z.string(),
    maskedPan: z.string(),
    /** 0 (or absent) means no card-specific limit. */
    minAmountFrom: withFallback(moneySchema(), 0),
    maxAmountFrom: withFallback(moneySchema(), 0),
    validationStatus: z.nullish(z.string()),
    billingAddressRequired: withFallback(z.boolean(), true),
  }),
  z.transform((card) => ({ ...card, ...savedCardUsability(card.validationStatus) })),
);

export const currencyPairSchema = z.object({
  currencyFrom: z.string(),
  currencyTo: z.string(),
  /** Units of `currencyTo` per 1 `currencyFrom`. */
  rate: rateSchema(),
  amountScaleFrom: scaleSchema(),
  amountScaleTo: scaleSchema(),
  lock: z.nullish(z.boolean()),
});

export const payinDataSchema = z.object({
  cards: z.array(savedCardSchema),
  pairs: z.array(currencyPairSchema),
  fiatPairs: z.nullish(z.array(currencyPairSchema)),
  fees: z.nullish(feesSchema),
  feeInfo: feeInfoListSchema,
  feeTable: z.nullish(z.array(feeTableRowSchema)),
  validTo: z.string(),
  /** Any safe integer; the machine clamps it to a usable range. */
  validSeconds: integerSchema(),
  /** 0 (or absent) means not set. */
  defaultMinAmountFrom: withFallback(moneySchema(), 0),
  defaultMaxAmountFrom: withFallback(moneySchema(), 0),
  firstPurchase: z.nullish(z.boolean()),
  firstPurchaseLimit: z.nullish(amountWithCurrencySchema),
  freeTransactionsPromo: z.nullish(z.object({ available: z.number(), total: z.number() })),
  billingAddressRequired: z.nullish(z.boolean()),
});

export const fiatRatesSchema = z.array(
  z.object({ baseCurrency: z.string(), symbolCurrency: z.string(), rate: rateSchema() }),
);

const offerRateFields = {
  currency: z.nullish(z.string()),
  commissionFix: z.nullish(moneySchema()),
  commissionPercentage: z.nullish(percentSchema()),
  minCrypto: z.nullish(moneySchema()),
  maxCrypto: z.nullish(moneySchema()),
};

/**
 * An offer, from create or update. The update answer is documented both with the rate details
 * nested in `rate` and at the top level; both read into the nested form.
 */
export const offerSchema = z.pipe(
  z.object({
    offerId: idSchema,
    expirationTime: z.string(),
    /** Any safe integer; the machine clamps it to a usable range. */
    validSeconds: integerSchema(),
    fromCurrency: z.string(),
    rate: z.union([z.object({ rate: rateSchema(), ...offerRateFields }), rateSchema()]),
    ...offerRateFields,
    feeInfo: z.nullish(z.array(feeInfoItemSchema)),
    limit: z.nullish(amountWithCurrencySchema),
    fees: z.nullish(feesSchema),
  }),
  z.transform(({ rate, currency, commissionFix, commissionPercentage, minCrypto, maxCrypto, feeInfo, ...offer }) => ({
    ...offer,
    feeInfo: feeInfo ?? [],
    rate:
      typeof rate === 'number'
        ? { rate, currency, commissionFix, commissionPercentage, minCrypto, maxCrypto }
        : rate,
  })),
);

const transactionFields = {
  transactionStatus: z.nullish(z.string()),
  transactionStatusCode: z.nullish(z.number()),
  originalTransactionStatus: z.nullish(z.string()),
  originalTransactionStatusCode: z.nullish(z.number()),
  paymentMode: z.nullish(z.string()),
  maskedPan: z.nullish(z.string()),
  transactionDate: z.nullish(z.string()),
  /** Amount charged to the card, fees included, as decimal text ("474.7"). */
  transactionAmount: z.nullish(amountTextSchema),
  cardCountryCode: z.nullish(z.string()),
  cardCountryName: z.nullish(z.string()),
  cardBankName: z.nullish(z.string()),
};

export const payResultSchema = z.object({
  offerId: idSchema,
  /** Non-null: the customer must be sent to this bank page (3-D Secure). */
  authLink: z.nullish(z.string()),
  successUrl: z.nullish(z.string()),
  failUrl: z.nullish(z.string()),
  cancelUrl: z.nullish(z.string()),
  ...transactionFields,
});

export const payStatusSchema = z.object({
  offerId: idSchema,
  /** `SUCCESS` and `FAILURE` are final; anything else is not final yet. */
  status: z.string(),
  amount: z.nullish(moneySchema()),
  currency: z.nullish(z.string()),
  cryptoAmount: z.nullish(moneySchema()),
  cryptoCurrency: z.nullish(z.string()),
  blockedAmount: z.nullish(amountWithCurrencySchema),
  ...transactionFields,
});

/**
 * Vault's error format. Its pages list every field as optional and document only the 400 answer;
 * an error body is read as Vault's when it has the error code and the customer's message.
 */
export const vaultErrorSchema = z.object({
  error: z.string(),
  errorId: z.nullish(z.number()),
  message: z.string(),
  systemId: z.nullish(z.string()),
  field: z.nullish(z.string()),
  originalMessage: z.nullish(z.string()),
  data: z.nullish(z.looseObject({})),
});

export const kycDataSchema = z.object({
  /** `NONE`, `KYC_0`, `KYC_1`, … — or `KYC1`, as Vault's text writes it (see `kycRank`). */
  kycLevel: z.string(),
});

/**
 * One operation of Vault's catalog (`GET /v2/catalog/operations`). Card purchases are `PAYIN_CARD`:
 * `constraint` `NONE`, `DISABLED` or `MAINTENANCE`; the levels allowed to use it; the currencies
 * it is limited to. An absent list limits nothing.
 */
const codes = z.nullish(z.array(z.string()));
export const operationSchema = z.object({
  name: z.string(),
  constraint: withFallback(z.string(), 'NONE'),
  kycLevelPermissibleList: codes,
  currencyLimit: codes,
});

/** The catalog: its schema is a list of operations, its page's example one operation alone. Both are read, as a list. */
export const catalogSchema = z.pipe(
  z.union([z.array(operationSchema), operationSchema]),
  z.transform((answer) => (Array.isArray(answer) ? answer : [answer])),
);

const kycLimitSchema = z.nullish(z.object({ value: moneySchema(), currency: z.string() }));

/** The most each KYC level may spend (`GET /v1/kyc/limits`). */
export const kycLimitsSchema = z.object({
  kycNoneLimit: kycLimitSchema,
  kyc0Limit: kycLimitSchema,
  kyc1Limit: kycLimitSchema,
  kyc2Limit: kycLimitSchema,
  kyc3Limit: kycLimitSchema,
});

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.string(),
  refresh_token: z.nullish(z.string()),
  expires_in: z.nullish(z.number()),
  scope: z.nullish(z.string()),
});

export type SavedCard = z.output<typeof savedCardSchema>;
export type CurrencyPair = z.output<typeof currencyPairSchema>;
export type Fees = z.output<typeof feesSchema>;
export type FeeInfoItem = z.output<typeof feeInfoItemSchema>;
export type PayinData = z.output<typeof payinDataSchema>;
export type FiatRates = z.output<typeof fiatRatesSchema>;
export type Offer = z.output<typeof offerSchema>;
export type PayResult = z.output<typeof payResultSchema>;
export type PayStatus = z.output<typeof payStatusSchema>;
export type VaultErrorResponse = z.output<typeof vaultErrorSchema>;
export type KycData = z.output<typeof kycDataSchema>;
export type Operation = z.output<typeof operationSchema>;
export type KycLimits = z.output<typeof kycLimitsSchema>;
export type TokenResponse = z.output<typeof tokenResponseSchema>;
