/**
 * What a refusal means, read from what Vault documents. Vault's PayIn pages document one error
 * answer, a 400 `COMMON` that explains nothing. When a call is refused with nothing the checkout can
 * act on, it asks Vault's documented sources once — the customer's level (`GET /v2/customer/kyc/data`)
 * and whether card purchases are open, and to whom (`GET /v2/catalog/operations`, `PAYIN_CARD`) —
 * and reads the refusal from them. A purchase that goes through asks neither.
 */
import type { PayinClient } from '../api/client.js';
import { kycLevelName, kycLevelOfCall, kycRank } from '../kyc.js';
import type { Operation } from '../schemas/responses.js';
import { classifyError, type CheckoutError, type VaultFacts } from './classify.js';

/** Card purchases in Vault's catalog of operations. */
export const PAYIN_OPERATION = 'PAYIN_CARD';

/** Asks both sources at once; neither failing stops the other. */
export async function readFacts(client: PayinClient, signal?: AbortSignal): Promise<VaultFacts> {
  const [kyc, catalog] = await Promise.all([
    client.getKycData({ signal }).catch(() => undefined),
    client.getOperations({ signal }).catch(() => undefined),
  ]);
  return { kycLevel: kyc?.kycLevel, operation: catalog?.find((entry) => entry.name === PAYIN_OPERATION) };
}

/**
 * The level the customer still needs for a call, if any: the profile (`KYC_0`) for a customer at
 * `NONE`; the call's own level (`KYC_1` for pay and its status) for one below it; the lowest level
 * the catalog permits card purchases to, for one it does not. Undefined when the level is not known.
 */
export function levelNeeded(kycLevel: string | undefined, endpoint: string, operation?: Operation): string | undefined {
  const rank = kycRank(kycLevel);
  if (rank === undefined) return undefined;
  if (rank < 0) return 'KYC_0';
  const ofCall = kycLevelOfCall(endpoint);
  if (ofCall && rank < (kycRank(ofCall) ?? 0)) return ofCall;
  const permitted = (operation?.kycLevelPermissibleList ?? []).map(kycRank).filter((level): level is number => level !== undefined);
  if (permitted.length === 0 || permitted.includes(rank)) return undefined;
  const next = permitted.filter((level) => level > rank).sort((a, b) => a - b)[0];
  return next === undefined ? undefined : kycLevelName(`KYC_${next}`);
}

/**
 * The pairs card purchases may use under the catalog's `currencyLimit`. The limit applies to each side
 * of the pairs whose currencies it names: a list of cryptos alone (as the catalog's example lists for
 * its operation) limits the crypto bought, not the currency paid. No list, or an empty one, limits nothing.
 */
export function pairsWithin<P extends { currencyFrom: string; currencyTo: string }>(pairs: readonly P[], operation: Operation | undefined): P[] {
  const limit = operation?.currencyLimit;
  if (!limit || limit.length === 0) return [...pairs];
  // A side is limited when the list names one of its currencies; a pair is kept when each limited side is listed.
  const sides = (['currencyFrom', 'currencyTo'] as const).filter((side) => pairs.some((pair) => limit.includes(pair[side])));
  return pairs.filter((pair) => sides.every((side) => limit.includes(pair[side])));
}

/** An offer asked for: its currencies, and the pairs Vault's data lists. */
export interface OfferAsked {
  fromCurrency: string;
  toCurrency: string;
  pairs: readonly { currencyFrom: string; currencyTo: string }[];
}

/**
 * A refusal read with Vault's facts: maintenance and a disabled operation first (they hold for
 * everyone), then the customer's level, then an offer's currency outside the catalog's limit (see
 * `pairsWithin`), named as the field at fault; otherwise the refusal as it was. The facts stay on the error: the checkout keeps them.
 */
export function explainRefusal(refusal: CheckoutError, endpoint: string, facts: VaultFacts, offer?: OfferAsked): CheckoutError {
  const { operation } = facts;
  const known: CheckoutError = { ...refusal, facts };
  if (operation?.constraint === 'DISABLED') return { ...known, kind: 'unavailable', messageKey: 'error.unavailable', retryable: false };
  if (operation?.constraint === 'MAINTENANCE') return { ...known, kind: 'maintenance', messageKey: 'error.maintenance', retryable: true };
  const level = levelNeeded(facts.kycLevel, endpoint, operation);
  if (level) return { ...known, kind: 'kyc', messageKey: 'error.kyc', level, retryable: false };
  if (offer && offer.pairs.length > 0) {
    const within = pairsWithin(offer.pairs, operation);
    const field = !within.some((pair) => pair.currencyFrom === offer.fromCurrency)
      ? 'fromCurrency'
      : within.some((pair) => pair.currencyFrom === offer.fromCurrency && pair.currencyTo === offer.toCurrency)
        ? undefined
        : 'toCurrency';
    if (field) return { ...known, kind: 'field', field, messageKey: 'field.currency-unavailable', retryable: false };
  }
  return known;
}


/**
 * Runs a call; a refusal that explains nothing (`rejected`) is explained with Vault's facts (`known`
 * ones, else asked now; `offer`: the offer the call asked for) and thrown sorted. Any other
 * failure passes through as it came.
 */
export async function explained<T>(
  client: PayinClient,
  signal: AbortSignal | undefined,
  call: () => Promise<T>,
  known?: VaultFacts,
  offer?: OfferAsked,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // An aborted call is no refusal: it passes through, and its actor is gone anyway.
    const refusal = classifyError(error);
    if (refusal.kind !== 'rejected') throw error;
    const endpoint = (error as { endpoint?: unknown }).endpoint;
    const facts = known ?? (await readFacts(client, signal));
    throw explainRefusal(refusal, typeof endpoint === 'string' ? endpoint : '', facts, offer);
  }
}
