export { createPayinClient, DEFAULT_PAY_TIMEOUT_MS } from './api/client.js';
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
  operationSchema,
  catalogSchema,
  kycLimitsSchema,
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
  Operation,
  KycLimits,
  TokenResponse,
} from './schemas/responses.js';

export {
  currencyCodeSchema,
  countryCodeSchema,
  countryAlpha3Schema,
  dateOfBirthSchema,
  profileInputSchema,
  cvvSchema,
  returnUrlSchema,
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
export { RawNumber, stringifyWithRawNumbers, parseJsonKeepingDigits } from './json.js';

export {
  cardDigits,
  luhnValid,
  expiryPassed,
  cardBrand,
  brandName,
  brandOfCardType,
  vaultCardType,
  cardLengths,
  cvvLength,
  formatCardNumber,
  savedCardUsability,
} from './card.js';
export type { CardBrand, CardUsability } from './card.js';
export { countries, countryAlpha2, countryAlpha3 } from './countries.js';
export { kycRank, kycLevelName, kycLevelOfCall } from './kyc.js';
export {
  checkCardNumber,
  checkExpiry,
  checkCvv,
  checkNewCardForm,
  checkBillingForm,
  checkProfileForm,
  parseExpiry,
  formatExpiry,
  formField,
} from './forms.js';
export type { FieldName, TextField, SecretField, FieldValues, FieldErrors, CardSecrets } from './forms.js';
export { seal, Sealed } from './sealed.js';
export { collectFingerprint } from './fingerprint.js';
export {
  memoryStore,
  defaultResumeStore,
  sharedStore,
  readResumeRecord,
  readResumeRecords,
  writeResumeRecord,
  removeResumeRecord,
  returnUrlFor,
  offerIdFromUrl,
  withoutReturnParam,
  RESUME_KEY,
  RETURN_PARAM,
} from './resume.js';
export type { ResumeRecord, ResumeStore, PaymentStage } from './resume.js';
export { judgePayment, isNoPayment, payWindowClosed, payWindowClosesAt, NO_PAYMENT_ANSWERS } from './machine/payment-verdict.js';
export { browserAddressBar, followReturnAddress, resumeFromAddress } from './return-address.js';
export { pageInput, startPayin, rendererView } from './page.js';
export type { PayinInput, PayinHostOptions, PayinActor, SecretChecksStore } from './page.js';
export type { AddressBar, EmittingActor } from './return-address.js';
export type { PaymentVerdict, PayWindow, StatusAnswer } from './machine/payment-verdict.js';
export { amountLimits, fiatDecimals, checkAmount, estimateFigures, offerFigures, findPair, cryptoScale, parseAmount, movedAgainstCustomer } from './quote.js';
export type { Figures, FeeLine, AmountLimits, AmountProblem } from './quote.js';
export { formatFiat, formatCrypto } from './format.js';
export { en, shippedLocales, catalogLocale, createTranslator, checkCatalog, loadCatalog, isMessageKey } from './i18n/messages.js';
export type { Catalog, MessageKey, Messages, ShippedLocale, LoadCatalogOptions, Translate } from './i18n/messages.js';

export { payinMachine, defaultPayinOptions } from './machine/payin.machine.js';
export type { PayinMachine } from './machine/payin.machine.js';
export { payinActors } from './machine/payin.actors.js';
export { connectPayin, cardLabel } from './machine/payin.connect.js';
export type {
  PayinView,
  PayinSnapshot,
  Screen,
  FieldView,
  TextFieldView,
  SecretFieldView,
  FieldProps,
  FieldOption,
  CardView,
  FiguresView,
  ReceiptView,
  FailureView,
  FailureAdvice,
  FailureOutcome,
  SummaryView,
  ConnectOptions,
  PayinIntents,
  PayinSend,
  SubmittedSecrets,
  SecretInput,
} from './machine/payin.connect.js';
export { formatSecret, checkSecret } from './secrets.js';
export type { SecretChecks, FormattedSecret } from './secrets.js';
export { classifyError } from './machine/classify.js';
export type { CheckoutError, CheckoutErrorKind, VaultFacts } from './machine/classify.js';
export { explainRefusal, explained, levelNeeded, pairsWithin, readFacts, PAYIN_OPERATION } from './machine/refusal.js';
export type {
  Step,
  PayinOptions,
  PayinMachineInput,
  PayinContext,
  PayinEvent,
  PayinEmitted,
  OfferSummary,
  Receipt,
  FailureReason,
  LiveOffer,
  Payment,
} from './machine/payin.types.js';
export { checkRedirectUrl, parseHostList } from './redirect.js';
export type { RedirectCheck } from './redirect.js';
