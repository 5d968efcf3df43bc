/** Every error the client raises belongs to this family; `kind` and `name` are fixed per class. */
export type PayinErrorKind = 'api' | 'network' | 'timeout' | 'unexpected' | 'validation';

/** Base of every payin-checkout error. Messages never carry card data. */
export abstract class PayinError extends Error {
  abstract readonly kind: PayinErrorKind;
}

export interface VaultErrorBody {
  error: string;
  errorId?: number | null | undefined;
  message: string;
  systemId?: string | null | undefined;
  field?: string | null | undefined;
  data?: Record<string, unknown> | null | undefined;
}

/**
 * Vault answered with an error in its documented format (`{ error, message, errorId?, systemId?,
 * field?, data? }`). `message` is written for the customer.
 */
export class VaultApiError extends PayinError {
  override readonly name = 'VaultApiError';
  readonly kind = 'api';
  readonly status: number;
  readonly endpoint: string;
  /** The error code: `COMMON`, the one Vault documents, or a code of the server's own. */
  readonly error: string;
  readonly errorId: number | undefined;
  /** The request field Vault rejected, when it names one. */
  readonly field: string | undefined;
  readonly systemId: string | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(endpoint: string, status: number, body: VaultErrorBody) {
    // Vault's `message` is written for the end user; keep it as the error message.
    super(body.message);
    this.endpoint = endpoint;
    this.status = status;
    this.error = body.error;
    this.errorId = body.errorId ?? undefined;
    this.field = body.field ?? undefined;
    this.systemId = body.systemId ?? undefined;
    this.data = body.data ?? undefined;
  }
}

/** The request never got an answer: offline, connection refused or dropped. */
export class NetworkError extends PayinError {
  override readonly name = 'PayinNetworkError';
  readonly kind = 'network';
  readonly endpoint: string;

  constructor(endpoint: string, options?: { cause?: unknown }) {
    super(`No answer from ${endpoint}: the connection failed`, options);
    this.endpoint = endpoint;
  }
}

/** No answer arrived within the client's time limit (`timeoutMs`, or `payTimeoutMs` for pay). */
export class RequestTimeoutError extends PayinError {
  override readonly name = 'PayinTimeoutError';
  readonly kind = 'timeout';
  readonly endpoint: string;
  readonly timeoutMs: number;

  constructor(endpoint: string, timeoutMs: number) {
    super(`No answer from ${endpoint} within ${timeoutMs} ms`);
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

export interface AnswerIssue {
  /** Dotted path of the offending field, e.g. `cards.0.cardId`. */
  path: string;
  problem: string;
}

/** The server answered, but not in a shape the checkout can use (bad JSON, missing fields, non-Vault error body). */
export class UnexpectedResponseError extends PayinError {
  override readonly name = 'UnexpectedResponseError';
  readonly kind = 'unexpected';
  readonly endpoint: string;
  readonly status: number;
  readonly issues: readonly AnswerIssue[];

  constructor(endpoint: string, status: number, issues: readonly AnswerIssue[]) {
    const detail = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.problem}` : issue.problem)).join('; ');
    super(`Unexpected answer from ${endpoint} (HTTP ${status}): ${detail}`);
    this.endpoint = endpoint;
    this.status = status;
    this.issues = issues;
  }
}

/** The caller's own input is invalid; raised before any request is sent. */
export class InputValidationError extends PayinError {
  override readonly name = 'InputValidationError';
  readonly kind = 'validation';
  /** Dotted name of the request field, e.g. `cardNumber`, `billingAddress.countryCode`. */
  readonly field: string;
  /** Machine-readable reason, usable as a message key, e.g. `luhn`, `expired`, `required`. */
  readonly code: string;

  constructor(field: string, code: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
    this.code = code;
  }
}

const hasName = (error: unknown, name: string): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;

const KINDS: readonly string[] = ['api', 'network', 'timeout', 'unexpected', 'validation'];

/** True for any error of the payin-checkout family (works across realms and bundles). */
export const isPayinError = (error: unknown): error is PayinError =>
  error instanceof Error && KINDS.includes((error as { kind?: unknown }).kind as string);
export const isVaultApiError = (error: unknown): error is VaultApiError => hasName(error, 'VaultApiError');
export const isNetworkError = (error: unknown): error is NetworkError => hasName(error, 'PayinNetworkError');
export const isTimeoutError = (error: unknown): error is RequestTimeoutError => hasName(error, 'PayinTimeoutError');
export const isUnexpectedResponseError = (error: unknown): error is UnexpectedResponseError =>
  hasName(error, 'UnexpectedResponseError');
export const isInputValidationError = (error: unknown): error is InputValidationError =>
  hasName(error, 'InputValidationError');
