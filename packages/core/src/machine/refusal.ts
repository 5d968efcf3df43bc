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
  const options = signal ? { signal } : {};
  const [kyc, catalog] = await Promise.allSettled([client.getKycData(options), client.getOperations(options)]);
  const facts: VaultFacts = {};
  if (kyc.status === 'fulfilled') facts.kycLevel = kyc.value.kycLevel;
  const operation = catalog.status === 'fulfilled' ? catalog.value.find((entry) => entry.name === PAYIN_OPERATION) : undefined;
  if (operation) facts.operation = operation;
  return facts;
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
  const allowed = new Set(limit.map((code) => code.toUpperCase()));
  const limits = (side: 'currencyFrom' | 'currencyTo') => pairs.some((pair) => allowed.has(pair[side].toUpperCase()));
  const [from, to] = [limits('currencyFrom'), limits('currencyTo')];
  return pairs.filter((pair) => (!from || allowed.has(pair.currencyFrom.toUpperCase())) && (!to || allowed.has(pair.currencyTo.toUpperCase())));
}

/**
 * A refusal read with Vault's facts: maintenance and a disabled operation first (they hold for
 * everyone), then the customer's level; otherwise the refusal as it was (an offer's currency outside
 * the catalog's limit is found by the machine, which knows the pairs: see `pairsWithin`). The facts stay on the error: the checkout keeps them.
 */
export function explainRefusal(refusal: CheckoutError, endpoint: string, facts: VaultFacts): CheckoutError {
  const { operation } = facts;
  const known: CheckoutError = { ...refusal, facts };
  if (operation?.constraint === 'DISABLED') return { ...known, kind: 'unavailable', messageKey: 'error.unavailable', retryable: false };
  if (operation?.constraint === 'MAINTENANCE') return { ...known, kind: 'maintenance', messageKey: 'error.maintenance', retryable: true };
  const level = levelNeeded(facts.kycLevel, endpoint, operation);
  return level ? { ...known, kind: 'kyc', messageKey: 'error.kyc', level, retryable: false } : known;
}


/**
 * Runs a call; a refusal that explains nothing (`rejected`) is explained with Vault's facts (`known`
 * ones, else asked now) and thrown sorted. Any other failure, and a call its caller aborted, passes through as it came.
 */
export async function explained<T>(client: PayinClient, signal: AbortSignal | undefined, call: () => Promise<T>, known?: VaultFacts): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (signal?.aborted) throw error;
    const refusal = classifyError(error);
    if (refusal.kind !== 'rejected') throw error;
    const endpoint = (error as { endpoint?: unknown }).endpoint;
    const facts = known ?? (await readFacts(client, signal));
    if (signal?.aborted) throw error;
    throw explainRefusal(refusal, typeof endpoint === 'string' ? endpoint : '', facts);
  }
}
