/** Sorts any failure of an API call into what the checkout does about it. Done once, here. */
import { isInputValidationError, isNetworkError, isTimeoutError, isUnexpectedResponseError, isVaultApiError } from '../errors.js';
import { kycLevelName, kycLevelOfCall } from '../kyc.js';
import type { Operation } from '../schemas/responses.js';

export type CheckoutErrorKind =
  | 'network' // no answer: retry
  | 'timeout' // no answer in time: retry
  | 'auth' // token refused even after a refresh: the host must sign the customer in again
  | 'kyc' // verification level too low
  | 'field' // Vault or our own checks refused a field: back to the form
  | 'rejected' // Vault refused the request as a whole (4xx without a field), for no reason it documents
  | 'maintenance' // card purchases are paused for maintenance (Vault's catalog): retry later
  | 'unavailable' // card purchases are not available (Vault's catalog): no retry
  | 'server' // 5xx: retry
  | 'unexpected'; // an answer the checkout cannot read

export interface CheckoutError {
  kind: CheckoutErrorKind;
  /** Message catalog key. */
  messageKey: string;
  /** Vault's own sentence for the customer, when it gave one. */
  serverMessage?: string;
  field?: string;
  /** KYC level needed, for `kyc`. */
  level?: string;
  status?: number;
  /** Vault's error code, e.g. `COMMON`. */
  code?: string;
  retryable: boolean;
  /** The request never left (the browser was offline): nothing of it reached Vault. */
  unsent?: true;
  /** What Vault's documented sources said when this refusal was explained (see `explainRefusal`). */
  facts?: VaultFacts;
}

/** What Vault's documented sources say about the customer and card purchases; a source that failed says nothing. */
export interface VaultFacts {
  /** The customer's level as Vault wrote it (`NONE`, `KYC_0`, `KYC1`, …). */
  kycLevel?: string | undefined;
  /** Card purchases (`PAYIN_CARD`) in Vault's catalog of operations. */
  operation?: Operation | undefined;
}

/** An error already sorted (by `explainRefusal`): a plain object, not one of the client's errors. */
const isCheckoutError = (error: unknown): error is CheckoutError =>
  typeof error === 'object' && error !== null && !(error instanceof Error) && 'kind' in error && 'messageKey' in error && 'retryable' in error;

/**
 * KYC refusals the answer itself names — shortcuts; Vault documents neither (see `explainRefusal` for
 * what it does document): a 403 of a call gated by a level (the call's level, or the one a
 * `data.requiredLevel` names), or an error code beginning with `KYC` whatever the status.
 */
function kycRefusal(status: number, endpoint: string, code: string | undefined, data: Record<string, unknown> | undefined): string | undefined {
  const required = data?.['requiredLevel'];
  const level = (typeof required === 'string' && required.trim() ? kycLevelName(required.trim()) : undefined) ?? kycLevelOfCall(endpoint);
  if (status === 403 && level) return level;
  if (code?.toUpperCase().startsWith('KYC')) return level ?? 'KYC_1';
  return undefined;
}

export function classifyError(error: unknown): CheckoutError {
  if (isCheckoutError(error)) return error;
  if (isInputValidationError(error)) {
    return { kind: 'field', messageKey: `field.${error.code}`, field: error.field, retryable: false };
  }
  if (isNetworkError(error)) return { kind: 'network', messageKey: 'error.network', retryable: true };
  if (isTimeoutError(error)) return { kind: 'timeout', messageKey: 'error.timeout', retryable: true };
  if (isUnexpectedResponseError(error)) {
    // A refused token is a refused token, whatever the body says.
    if (error.status === 401) return { kind: 'auth', messageKey: 'error.auth', status: 401, retryable: true };
    const level = kycRefusal(error.status, error.endpoint, undefined, undefined);
    if (level) return { kind: 'kyc', messageKey: 'error.kyc', level, status: error.status, retryable: false };
    return error.status >= 500
      ? { kind: 'server', messageKey: 'error.server', status: error.status, retryable: true }
      : { kind: 'unexpected', messageKey: 'error.unexpected', status: error.status, retryable: true };
  }
  if (isVaultApiError(error)) {
    const base = { status: error.status, code: error.error, serverMessage: error.message };
    if (error.status === 401) return { ...base, kind: 'auth', messageKey: 'error.auth', retryable: true };
    const level = kycRefusal(error.status, error.endpoint ?? '', error.error, error.data);
    if (level) return { ...base, kind: 'kyc', messageKey: 'error.kyc', level, retryable: false };
    if (error.status >= 500 || error.status === 429) {
      return { ...base, kind: 'server', messageKey: 'error.server', retryable: true };
    }
    if (error.field) return { ...base, kind: 'field', messageKey: 'error.field', field: error.field, retryable: false };
    return { ...base, kind: 'rejected', messageKey: 'error.rejected', retryable: true };
  }
  return { kind: 'unexpected', messageKey: 'error.unexpected', retryable: true };
}

/** A pay request that may or may not have reached the bank: never re-send it, ask for its status. */
export const payOutcomeUnknown = (error: CheckoutError): boolean =>
  error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'unexpected';
