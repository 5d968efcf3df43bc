/** Vault's error format: `{ error, errorId, message, systemId, field?, data? }`, thrown and rendered as JSON. */

export interface VaultErrorBody {
  error: string;
  errorId: number;
  /** Written for the end user. */
  message: string;
  systemId: string;
  field?: string;
  data?: Record<string, unknown>;
}

// Stable numeric ids per error code, so a client can match on either.
const ERROR_IDS: Readonly<Record<string, number>> = {
  COMMON: 0,
  BAD_REQUEST: 1000,
  VALIDATION_ERROR: 1001,
  BILLING_ADDRESS_REQUIRED: 1002,
  OFFER_EXPIRED: 1003,
  OFFER_ALREADY_PAID: 1004,
  UNSUPPORTED_GRANT_TYPE: 1005,
  CARD_NOT_APPROVED: 1006,
  OPERATION_DISABLED: 1007,
  UNAUTHORIZED: 1401,
  KYC_LEVEL_REQUIRED: 1403,
  NOT_FOUND: 1404,
  METHOD_NOT_ALLOWED: 1405,
  CONFLICT: 1409,
  REQUEST_TIMEOUT: 1408,
  PAYLOAD_TOO_LARGE: 1413,
  URI_TOO_LONG: 1414,
  REQUEST_HEADERS_TOO_LARGE: 1431,
  TOO_MANY_REQUESTS: 1429,
  BAD_GATEWAY: 1502,
  SERVICE_UNAVAILABLE: 1503,
  GATEWAY_TIMEOUT: 1504,
  MAINTENANCE: 1505,
};

export const COMMON_MESSAGE =
  "Sorry for inconvenience. We're fixing the issue. If you have urgent questions, contact support";

/** The one error answer Vault documents for its calls, exactly as its reference shows it. */
export const DOCUMENTED_ERROR: Readonly<VaultErrorBody> = Object.freeze({
  error: 'COMMON',
  errorId: 0,
  message: COMMON_MESSAGE,
  systemId: 'core',
});

/** An error that leaves the sandbox as a Vault error answer. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly status: number;
  readonly body: VaultErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: VaultErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

interface ErrorExtras {
  field?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

/** Builds a Vault error body. */
export function errorBody(error: string, message: string, extras: ErrorExtras = {}): VaultErrorBody {
  const body: VaultErrorBody = { error, errorId: ERROR_IDS[error] ?? 1999, message, systemId: 'sandbox' };
  if (extras.field !== undefined) body.field = extras.field;
  if (extras.data !== undefined) body.data = extras.data;
  return body;
}

/** A Vault error to throw from a handler. */
export function vaultError(status: number, error: string, message: string, extras: ErrorExtras = {}): VaultError {
  return new VaultError(status, errorBody(error, message, extras));
}

/** 400 naming the offending request field. */
export const validationError = (field: string, message: string): VaultError =>
  vaultError(400, 'VALIDATION_ERROR', message, { field });

/** 400 for a request that cannot be read at all. */
export const badRequest = (message: string): VaultError => vaultError(400, 'BAD_REQUEST', message);

/** 404 for an address that names nothing (an unknown route, an unknown bank page). */
export const notFound = (message: string): VaultError => vaultError(404, 'NOT_FOUND', message);

/**
 * An id in the request that names nothing of this customer's: 400 naming the field, the one error
 * status Vault documents for its PayIn calls (`NOT_FOUND` is the sandbox's own code).
 */
export const unknownId = (message: string, field: string): VaultError => vaultError(400, 'NOT_FOUND', message, { field });

/** The JSON answer for a Vault error. */
export function errorResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

const STATUS_ERRORS: Readonly<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', 'The request could not be processed.'],
  401: ['UNAUTHORIZED', 'Your session has expired. Please sign in again.'],
  403: ['FORBIDDEN', 'This action is not allowed for your account.'],
  404: ['NOT_FOUND', 'Nothing was found here.'],
  409: ['CONFLICT', 'This request conflicts with the current state. Please try again.'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests. Please wait a moment and try again.'],
  502: ['BAD_GATEWAY', 'The payment service is temporarily unavailable. Please try again.'],
  503: ['SERVICE_UNAVAILABLE', 'The payment service is temporarily unavailable. Please try again.'],
  504: ['GATEWAY_TIMEOUT', 'The payment service did not answer in time. Please try again.'],
};

/** A plausible Vault error body for an HTTP status (used by injected faults). */
export function defaultErrorBody(status: number): VaultErrorBody {
  const known = STATUS_ERRORS[status];
  if (known) return errorBody(known[0], known[1]);
  if (status >= 500) return errorBody('COMMON', COMMON_MESSAGE);
  return errorBody('BAD_REQUEST', 'The request could not be processed.');
}
