/** Typed client for Vault's PayIn API: one method per endpoint over one ky instance. */
import ky, { isHTTPError, isTimeoutError as isKyTimeoutError, type KyResponse } from 'ky';
import type * as z from 'zod/mini';
import {
  NetworkError,
  RequestTimeoutError,
  UnexpectedResponseError,
  VaultApiError,
  isPayinError,
} from '../errors.js';
import { RawNumber, parseJsonKeepingDigits, stringifyWithRawNumbers } from '../json.js';
import {
  billingAddressSchema,
  createOfferRequestSchema,
  newCardSchema,
  payInputSchema,
  profileInputSchema,
  requestIdSchema,
  updateOfferRequestSchema,
  type BillingAddress,
  type CreateOfferRequest,
  type NewCard,
  type PayRequest,
  type ProfileUpdate,
  type UpdateOfferRequest,
} from '../schemas/requests.js';
import {
  catalogSchema,
  fiatRatesSchema,
  kycDataSchema,
  offerSchema,
  payResultSchema,
  payStatusSchema,
  payinDataSchema,
  vaultErrorSchema,
  type FiatRates,
  type KycData,
  type Offer,
  type Operation,
  type PayResult,
  type PayStatus,
  type PayinData,
} from '../schemas/responses.js';
import { checkAnswer, checkInput } from '../schemas/validate.js';
import { retryAfterMs } from './retry-after.js';

export interface TokenRequest {
  /** True when the last token was refused (HTTP 401) and a fresh one is needed. */
  refresh: boolean;
}

export interface PayinClientOptions {
  /**
   * Vault's API address, e.g. `https://api.vault.sandbox.testessential.net`; a path is kept
   * (`https://gateway.example/vault` sends `…/vault/v3/payin/data`), with or without a trailing slash.
   */
  baseUrl: string | URL;
  /** A fixed bearer token. */
  token?: string;
  /**
   * Supplies the bearer token; asked again once with `refresh: true` after a 401. The refused
   * request is then replayed with the fresh token, except pay: a refused pay is not re-sent (the
   * error is thrown) and the fresh token serves the next call.
   */
  getToken?: (request: TokenRequest) => string | Promise<string>;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Per-attempt time limit in milliseconds of every request but pay (default 15 000). */
  timeoutMs?: number;
  /**
   * Time limit in milliseconds of the pay request (default 90 000). Longer than `timeoutMs`: the
   * bank may take a minute to answer, and only its answer carries the 3-D Secure `authLink`.
   */
  payTimeoutMs?: number;
  /** Retries of GET requests on network errors, 5xx and 429 (default 2). */
  retryLimit?: number;
  /** Longest wait a `Retry-After` may ask for before the client gives up instead (default 10 000 ms). */
  maxRetryAfterMs?: number;
  /**
   * Headers sent with every request, e.g. `{ 'X-Merchant-ID': '…' }` (the partner id Vault's sign-in
   * takes). `Authorization`, `Accept` and `Content-Type` are the client's own and cannot be replaced here.
   */
  headers?: Readonly<Record<string, string>>;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export type Id = string | number;

export interface PayinClient {
  /** Rates, limits, fees and saved cards (`GET /v3/payin/data`). */
  getData(options?: CallOptions): Promise<PayinData>;
  /** Fiat cross rates (`GET /v3/payin/fiat-rates`). */
  getFiatRates(options?: CallOptions): Promise<FiatRates>;
  /** Saves a card with its billing address (`POST /v3/payin/card`); it then appears in `getData().cards`. */
  addCard(card: NewCard, options?: CallOptions): Promise<void>;
  /** Adds a billing address to a saved card (`POST /v3/payin/card/{cardId}/billing-address`). */
  addBillingAddress(cardId: Id, address: BillingAddress, options?: CallOptions): Promise<void>;
  /** Creates an offer, valid about 20 s (`POST /v3/payin/offer`). Nothing is charged. */
  createOffer(request: CreateOfferRequest, options?: CallOptions): Promise<Offer>;
  /** Changes an offer's amount or currencies (`PUT /v3/payin/offer/{offerId}`). */
  updateOffer(offerId: Id, request: UpdateOfferRequest, options?: CallOptions): Promise<Offer>;
  /** Pays an offer (`POST /v3/payin/pay/{offerId}`). Sent once: never retried by the client. */
  pay(offerId: Id, request: PayRequest, options?: CallOptions): Promise<PayResult>;
  /** The payment's status (`GET /v3/payin/pay-callback?offerId=`). */
  getPayStatus(offerId: Id, options?: CallOptions): Promise<PayStatus>;
  /**
   * Updates the customer's profile (`PATCH /v2/customer/profile`), which lifts them to KYC_0. The
   * country may be given as alpha-2 (`DE`) or alpha-3, the date of birth as a day (`1990-05-20`) or a
   * date-time; they are sent as Vault documents them (`DEU`, `1990-05-20T00:00:00.000Z`).
   */
  updateProfile(profile: ProfileUpdate, options?: CallOptions): Promise<void>;
  /** The customer's verification data, including `kycLevel` (`GET /v2/customer/kyc/data`). */
  getKycData(options?: CallOptions): Promise<KycData>;
  /** Vault's catalog of operations (`GET /v2/catalog/operations`): card purchases are `PAYIN_CARD`. */
  getOperations(options?: CallOptions): Promise<Operation[]>;
  /** The pay request's time limit (`payTimeoutMs`): after it, a pay request sent is no longer on its way. */
  readonly payTimeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

interface Call<S extends z.ZodMiniType | undefined> {
  method: Method;
  /** Route template used in error messages, e.g. `/v3/payin/offer/{offerId}`. */
  route: string;
  path: string;
  /** Time limit of this request when not the client's `timeoutMs`. */
  timeoutMs?: number;
  /** False for requests that must never be sent twice (pay), not even after a 401. */
  replayAfter401?: boolean;
  searchParams?: Record<string, string>;
  body?: unknown;
  schema: S;
}

type Answer<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** Answer fields that carry int64 ids, read from their source digits. */
const ID_KEYS = new Set(['offerId', 'cardId']);
const RETRY_STATUSES = [429, 500, 502, 503, 504];
/** Headers the client sets itself. */
const OWN_HEADERS = new Set(['authorization', 'accept', 'content-type']);
/** The pay request's time limit when the client is not told one. */
export const DEFAULT_PAY_TIMEOUT_MS = 90_000;
/** Longest time limit a timer can hold (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The base address as a directory: paths are resolved against it, and without a trailing slash
 * its last segment would be replaced (`…/vault` + `v3/payin/data` → `…/v3/payin/data`). A query
 * or fragment of the base address cannot apply to every request and is dropped.
 */
function baseDirectory(baseUrl: string | URL): string {
  const text = String(baseUrl);
  const end = text.search(/[?#]/);
  const address = end === -1 ? text : text.slice(0, end);
  return address.endsWith('/') ? address : `${address}/`;
}

/** Creates a client for Vault's PayIn API. */
export function createPayinClient(options: PayinClientOptions): PayinClient {
  const { getToken, token: fixedToken } = options;
  if (!getToken && fixedToken === undefined) throw new TypeError('createPayinClient needs `token` or `getToken`');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const payTimeoutMs = options.payTimeoutMs ?? DEFAULT_PAY_TIMEOUT_MS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  for (const [name, value] of [['timeoutMs', timeoutMs], ['payTimeoutMs', payTimeoutMs]] as const) {
    // Every request is bounded: a time limit must be a real, finite number of milliseconds.
    if (!(value >= 1 && value <= MAX_TIMEOUT_MS)) throw new RangeError(`${name} must be from 1 to ${MAX_TIMEOUT_MS} ms`);
  }

  // Checked now (an invalid name or value throws a TypeError here, not at the first request).
  const extraHeaders: Record<string, string> = {};
  new Headers(options.headers ?? {}).forEach((value, name) => {
    if (!OWN_HEADERS.has(name)) extraHeaders[name] = value;
  });

  const api = ky.create({
    prefixUrl: baseDirectory(options.baseUrl),
    timeout: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { ...extraHeaders, accept: 'application/json' },
    parseJson: (text) => parseJsonKeepingDigits(text, ID_KEYS),
    retry: {
      limit: options.retryLimit ?? 2,
      methods: ['get'],
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: [429, 503],
      backoffLimit: 3_000,
      shouldRetry: ({ error }) => {
        // A server asking for a longer pause than we are willing to make is not retried early.
        if (isHTTPError(error)) {
          const wait = retryAfterMs(error.response.headers.get('retry-after'));
          if (wait !== undefined && wait > maxRetryAfterMs) return false;
        }
        return undefined;
      },
    },
  });

  let currentToken: Promise<string> | undefined =
    fixedToken !== undefined ? Promise.resolve(fixedToken) : undefined;
  const tokenFor = (refresh: boolean): Promise<string> => {
    if (!getToken) return currentToken as Promise<string>;
    if (refresh || !currentToken) {
      // A getToken that throws rejects like one that returns a failed promise.
      const pending = new Promise<string>((resolve) => resolve(getToken({ refresh })));
      currentToken = pending;
      // A failed token request must not stick.
      pending.catch(() => {
        if (currentToken === pending) currentToken = undefined;
      });
    }
    return currentToken;
  };

  async function send(call: Call<z.ZodMiniType | undefined>, signal: AbortSignal | undefined, token: string): Promise<KyResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return api(call.path.replace(/^\//, ''), {
      method: call.method,
      headers,
      ...(call.searchParams ? { searchParams: call.searchParams } : {}),
      ...(call.body !== undefined ? { body: stringifyWithRawNumbers(call.body) } : {}),
      ...(call.timeoutMs !== undefined ? { timeout: call.timeoutMs } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  async function request<S extends z.ZodMiniType | undefined>(call: Call<S>, callOptions?: CallOptions): Promise<Answer<S>> {
    const endpoint = `${call.method} ${call.route}`;
    const signal = callOptions?.signal;
    let response: KyResponse;
    let text: string;
    try {
      try {
        response = await send(call, signal, await tokenFor(false));
      } catch (error) {
        if (!(getToken && isHTTPError(error) && error.response.status === 401)) throw error;
        // A refused token: ask for a fresh one. Pay is never sent twice, whatever the answer was:
        // the fresh token serves the next call, and this one fails with the 401.
        if (call.replayAfter401 === false) {
          await tokenFor(true).catch(() => undefined);
          throw error;
        }
        // Any other request was not processed: replay it once with the fresh token.
        response = await send(call, signal, await tokenFor(true));
      }
      text = await response.text();
    } catch (error) {
      throw await toPayinError(error, endpoint, call.timeoutMs ?? timeoutMs, signal);
    }
    if (!call.schema) return undefined as Answer<S>;
    let data: unknown;
    try {
      data = parseJsonKeepingDigits(text, ID_KEYS);
    } catch {
      throw new UnexpectedResponseError(endpoint, response.status, [{ path: '', problem: 'the body is not JSON' }]);
    }
    return checkAnswer(call.schema, data, endpoint, response.status) as Answer<S>;
  }

  const id = (value: Id, field: string): string => checkInput(requestIdSchema, value, field);

  return {
    getData: (o) => request({ method: 'GET', route: '/v3/payin/data', path: '/v3/payin/data', schema: payinDataSchema }, o),

    getFiatRates: (o) =>
      request({ method: 'GET', route: '/v3/payin/fiat-rates', path: '/v3/payin/fiat-rates', schema: fiatRatesSchema }, o),

    addCard: async (card, o) => {
      const checked = checkInput(newCardSchema, card);
      const body = {
        cardNumber: new RawNumber(checked.cardNumber),
        cardHolder: checked.cardHolder,
        cardExpirationYear: checked.cardExpirationYear,
        cardExpirationMonth: checked.cardExpirationMonth,
        // Vault documents `state` as a field of every address; without one it is sent as null.
        billingAddress: { ...checked.billingAddress, state: checked.billingAddress.state || null },
      };
      return request({ method: 'POST', route: '/v3/payin/card', path: '/v3/payin/card', body, schema: undefined }, o);
    },

    addBillingAddress: async (cardId, address, o) => {
      const path = `/v3/payin/card/${id(cardId, 'cardId')}/billing-address`;
      const checked = checkInput(billingAddressSchema, address);
      const body = { ...checked, state: checked.state || null };
      return request({ method: 'POST', route: '/v3/payin/card/{cardId}/billing-address', path, body, schema: undefined }, o);
    },

    createOffer: async (offer, o) => {
      const checked = checkInput(createOfferRequestSchema, offer);
      const body = {
        cardId: new RawNumber(checked.cardId),
        fromCurrency: checked.fromCurrency,
        toCurrency: checked.toCurrency,
        amount: new RawNumber(checked.amount.toString()),
        operation: checked.operation,
      };
      return request({ method: 'POST', route: '/v3/payin/offer', path: '/v3/payin/offer', body, schema: offerSchema }, o);
    },

    updateOffer: async (offerId, update, o) => {
      const path = `/v3/payin/offer/${id(offerId, 'offerId')}`;
      const checked = checkInput(updateOfferRequestSchema, update);
      const body = {
        ...checked,
        amount: new RawNumber(checked.amount.toString()),
        toAmount: new RawNumber(checked.toAmount.toString()),
      };
      return request({ method: 'PUT', route: '/v3/payin/offer/{offerId}', path, body, schema: offerSchema }, o);
    },

    pay: async (offerId, payment, o) => {
      const path = `/v3/payin/pay/${id(offerId, 'offerId')}`;
      const body = checkInput(payInputSchema, payment);
      const route = '/v3/payin/pay/{offerId}';
      return request(
        { method: 'POST', route, path, body, schema: payResultSchema, timeoutMs: payTimeoutMs, replayAfter401: false },
        o,
      );
    },

    getPayStatus: async (offerId, o) => {
      const searchParams = { offerId: id(offerId, 'offerId') };
      const route = '/v3/payin/pay-callback';
      return request({ method: 'GET', route, path: route, searchParams, schema: payStatusSchema }, o);
    },

    updateProfile: async (profile, o) => {
      const body = checkInput(profileInputSchema, profile);
      return request({ method: 'PATCH', route: '/v2/customer/profile', path: '/v2/customer/profile', body, schema: undefined }, o);
    },

    getKycData: (o) =>
      request({ method: 'GET', route: '/v2/customer/kyc/data', path: '/v2/customer/kyc/data', schema: kycDataSchema }, o),

    getOperations: (o) =>
      request({ method: 'GET', route: '/v2/catalog/operations', path: '/v2/catalog/operations', schema: catalogSchema }, o),

    payTimeoutMs,
  };
}

/** Maps whatever the transport threw to one error of the payin family; the caller's own abort passes through. */
async function toPayinError(error: unknown, endpoint: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<unknown> {
  if (signal?.aborted) return signal.reason ?? error;
  if (isPayinError(error)) return error;
  if (isHTTPError(error)) {
    const status = error.response.status;
    const body = vaultErrorSchema.safeParse(await errorBody(error.response));
    if (body.success) return new VaultApiError(endpoint, status, body.data);
    return new UnexpectedResponseError(endpoint, status, [{ path: '', problem: "the error answer is not in Vault's format" }]);
  }
  if (isKyTimeoutError(error)) return new RequestTimeoutError(endpoint, timeoutMs);
  // fetch rejects with a TypeError when the network fails (no answer, refused, CORS).
  if (error instanceof TypeError) return new NetworkError(endpoint, { cause: error });
  return error;
}

/** The JSON body of an error answer, or undefined when it cannot be read or is not JSON. */
async function errorBody(response: Response): Promise<unknown> {
  try {
    return parseJsonKeepingDigits(await response.text(), ID_KEYS);
  } catch {
    return undefined;
  }
}
