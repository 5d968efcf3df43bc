export { createPayinClient } from './api/client.js';
export type { CallOptions, Id, PayinClient, PayinClientOptions, TokenRequest } from './api/client.js';
export { retryAfterMs } from './api/retry-after.js';

export {
  PayinError,
  VaultApiError,
  NetworkError,
  RequestTimeoutError,
  UnexpectedResponseError,
  InputValidationError,
  isPayinError,
  isVaultApiError,
  isNetworkError,
  isTimeoutError,
  isUnexpectedResponseError,
  isInputValidationError,
} from './errors.js';
export type { AnswerIssue, PayinErrorKind, VaultErrorBody } from './errors.js';

export {
  idSchema,
  feeInfoItemSchema,
  feeTableRowSchema,
  feesSchema,
  savedCardSchema,
  currencyPairSchema,
  payinDataSchema,
  fiatRatesSchema,
  offerSchema,
  payResultSchema,
  payStatusSchema,
  vaultErrorSchema,
  kycDataSchema,
  tokenResponseSchema,
} from './schemas/responses.js';
export type {
  SavedCard,
  CurrencyPair,
  Fees,
  FeeInfoItem,
  PayinData,
  FiatRates,
  Offer,
  PayResult,
  PayStatus,
  VaultErrorResponse,
  KycData,
  TokenResponse,
} from './schemas/responses.js';

export {
  currencyCodeSchema,
  countryCodeSchema,
  requestIdSchema,
  amountSchema,
  billingAddressSchema,
  cardNumberSchema,
  newCardSchema,
  createOfferRequestSchema,
  updateOfferRequestSchema,
  fingerprintSchema,
  payRequestSchema,
  payInputSchema,
  profileUpdateSchema,
  validationMessages,
} from './schemas/requests.js';
export type {
  BillingAddress,
  NewCard,
  CreateOfferRequest,
  UpdateOfferRequest,
  Fingerprint,
  PayRequest,
  ProfileUpdate,
} from './schemas/requests.js';
export { checkInput, checkAnswer } from './schemas/validate.js';

export { Decimal, decimal } from './money.js';
export type { DecimalInput, Rounding } from './money.js';
export { cardDigits, luhnValid, expiryPassed } from './card.js';
export { RawNumber, stringifyWithRawNumbers, parseJsonKeepingDigits } from './json.js';
