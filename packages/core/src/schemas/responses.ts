/**
 * Schemas of Vault's answers. They keep what the checkout needs, tolerate documented nulls
 * and undocumented extra fields (stripped), and fail on anything the checkout cannot do without.
 */
import * as z from 'zod/mini';

/** Ids are int64 in Vault; they are kept as strings of their digits. */
export const idSchema = z.pipe(
  z.union([z.string().check(z.regex(/^\d+$/)), z.int()]),
  z.transform((value) => String(value)),
);

/** A field that may be null or absent, read as `fallback` then. */
const withFallback = <T>(schema: z.ZodMiniType<T>, fallback: T) =>
  z.pipe(z.nullish(schema), z.transform((value): T => value ?? fallback));

const amountWithCurrencySchema = z.object({ value: z.number(), currency: z.string() });

export const feeInfoItemSchema = z.object({
  name: z.string(),
  value: z.number(),
  valueOld: z.nullish(z.number()),
  scale: z.nullish(z.int()),
  currency: z.nullish(z.string()),
});

export const feeTableRowSchema = z.object({
  amountFrom: amountWithCurrencySchema,
  amountTo: z.nullish(amountWithCurrencySchema),
  percent: z.number(),
});

/** Fee settings: `transactionFee`, `crypteriumGas`, `additionalFee`, `rate` are fractions of the amount. */
export const feesSchema = z.object({
  currency: z.string(),
  scale: z.nullish(z.int()),
  rate: z.nullish(z.number()),
  partnerFee: z.nullish(z.number()),
  crypteriumGas: z.nullish(z.number()),
  additionalFee: z.nullish(z.number()),
  transactionFee: z.nullish(z.number()),
  insuranceFee: z.nullish(z.unknown()),
  feeTableEnabled: z.nullish(z.boolean()),
  feeTable: z.nullish(z.array(feeTableRowSchema)),
});

export const savedCardSchema = z.object({
  cardId: idSchema,
  cardType: z.string(),
  maskedPan: z.string(),
  /** 0 (or absent) means no card-specific limit. */
  minAmountFrom: withFallback(z.number(), 0),
  maxAmountFrom: withFallback(z.number(), 0),
  validationStatus: z.nullish(z.string()),
  billingAddressRequired: withFallback(z.boolean(), false),
});

export const currencyPairSchema = z.object({
  currencyFrom: z.string(),
  currencyTo: z.string(),
  /** Units of `currencyTo` per 1 `currencyFrom`. */
  rate: z.number(),
  amountScaleFrom: z.int(),
  amountScaleTo: z.int(),
  lock: z.nullish(z.boolean()),
});

export const payinDataSchema = z.object({
  cards: z.array(savedCardSchema),
  pairs: z.array(currencyPairSchema),
  fiatPairs: z.nullish(z.array(currencyPairSchema)),
  fees: z.nullish(feesSchema),
  feeInfo: z.nullish(z.array(feeInfoItemSchema)),
  feeTable: z.nullish(z.array(feeTableRowSchema)),
  validTo: z.string(),
  validSeconds: z.int(),
  /** 0 (or absent) means not set. */
  defaultMinAmountFrom: withFallback(z.number(), 0),
  defaultMaxAmountFrom: withFallback(z.number(), 0),
  firstPurchase: z.nullish(z.boolean()),
  firstPurchaseLimit: z.nullish(amountWithCurrencySchema),
  freeTransactionsPromo: z.nullish(z.object({ available: z.number(), total: z.number() })),
  billingAddressRequired: z.nullish(z.boolean()),
});

export const fiatRatesSchema = z.array(
  z.object({ baseCurrency: z.string(), symbolCurrency: z.string(), rate: z.number() }),
);

const offerRateFields = {
  currency: z.nullish(z.string()),
  commissionFix: z.nullish(z.number()),
  commissionPercentage: z.nullish(z.number()),
  minCrypto: z.nullish(z.number()),
  maxCrypto: z.nullish(z.number()),
};

/**
 * An offer, from create or update. The update answer is documented both with the rate details
 * nested in `rate` and at the top level; both read into the nested form.
 */
export const offerSchema = z.pipe(
  z.object({
    offerId: idSchema,
    expirationTime: z.string(),
    validSeconds: z.int(),
    fromCurrency: z.string(),
    rate: z.union([z.object({ rate: z.number(), ...offerRateFields }), z.number()]),
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
  transactionAmount: z.nullish(z.pipe(z.union([z.string(), z.number()]), z.transform((value) => String(value)))),
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
  amount: z.nullish(z.number()),
  currency: z.nullish(z.string()),
  cryptoAmount: z.nullish(z.number()),
  cryptoCurrency: z.nullish(z.string()),
  blockedAmount: z.nullish(amountWithCurrencySchema),
  ...transactionFields,
});

export const vaultErrorSchema = z.object({
  error: z.string(),
  errorId: z.number(),
  message: z.string(),
  systemId: z.nullish(z.string()),
  field: z.nullish(z.string()),
  originalMessage: z.nullish(z.string()),
  data: z.nullish(z.record(z.string(), z.unknown())),
});

export const kycDataSchema = z.object({
  /** `NONE`, `KYC_0`, `KYC_1`, … */
  kycLevel: z.string(),
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
export type TokenResponse = z.output<typeof tokenResponseSchema>;
