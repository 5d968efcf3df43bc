/**
 * The payment record: written before a pay request leaves and kept until Vault gives the payment
 * a final status, so that a reload, a second tab or a return from the bank page finds the payment
 * again instead of offering a second purchase. Never holds card number, CVV or expiry.
 */
export interface ResumeRecord {
  offerId: string;
  /** Fiat amount and currencies of the purchase, when known (a return address carries the offer id only). */
  amount?: string;
  fromCurrency?: string;
  toCurrency?: string;
  /** Crypto amount shown with the offer (an estimate until the receipt). */
  toAmount?: string;
  /** Saved card the payment was made with, for "Try again". */
  cardId?: string;
  /** Card as shown to the customer: brand and last four digits. */
  cardLabel?: string;
  /** The bank page (3-D Secure) the payment waits on, so that it can be opened again. */
  authLink?: string;
  /**
   * What is known of the pay request: `sent` — it left and its answer is unknown (it may have been
   * taken); `accepted` — Vault answered it; `refused` — Vault refused it before taking it (e.g. a
   * refused token), so a payment Vault does not know was never made.
   */
  stage: PaymentStage;
  /** When the pay request left (ms since epoch). */
  savedAt: number;
  /**
   * When the offer stopped holding, by this device's clock (ms since epoch): Vault takes no payment
   * of an offer after it. Known for payments this checkout sent; not for one known by its address only.
   */
  expiresAt?: number;
  /** The pay request never left: the browser was offline when it was to be sent. */
  unsent?: true;
  /** Whose payment it is, when the host names its customers (see the machine's `customer` input). */
  customer?: string;
}

export type PaymentStage = 'sent' | 'accepted' | 'refused';

/** The subset of the Web Storage API the checkout uses. A host may pass its own (e.g. server-backed). */
export interface ResumeStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const RESUME_KEY = 'payin-checkout:payment';
/** Query parameter added to the bank's return address: the offer being paid, so a page without storage finds it. */
export const RETURN_PARAM = 'payin_offer';

/** Stores that keep nothing past the page: writing to them counts as not stored. */
const volatileStores = new WeakSet<ResumeStore>();

/** A store kept in memory, for hosts without (or refusing) Web Storage. A reload loses what it holds. */
export function memoryStore(): ResumeStore {
  const items = new Map<string, string>();
  const store: ResumeStore = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  volatileStores.add(store);
  return store;
}

/**
 * Records also kept for the life of the page, whatever the store does: when storage throws (some
 * private modes, a full quota), a second checkout on the page or a restarted one still finds them.
 */
const pageRecords = new WeakMap<ResumeStore, ResumeRecord[]>();

/**
 * `localStorage` when the page has a working one (shared by every tab of the origin and kept across
 * reloads), else a store in memory.
 */
export function defaultResumeStore(): ResumeStore {
  try {
    const storage = globalThis.localStorage;
    const probe = `${RESUME_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    // Storage is missing, disabled, full or blocked by privacy settings.
    return memoryStore();
  }
}

let defaultStore: ResumeStore | undefined;
/** The page's default store, made once: every checkout on the page shares it. */
export function sharedStore(): ResumeStore {
  defaultStore ??= defaultResumeStore();
  return defaultStore;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
/** What a record may tell of its payment besides the offer, the stage and the time, in the order it is written. */
const PAYMENT_TEXT = ['amount', 'fromCurrency', 'toCurrency', 'toAmount', 'cardId', 'cardLabel', 'authLink'] as const;
const OPTIONAL_TEXT = [...PAYMENT_TEXT, 'customer'] as const;
const STAGES: readonly PaymentStage[] = ['sent', 'accepted', 'refused'];

/** A record read back from stored data, or undefined when it is not one. */
function recordFrom(value: unknown): ResumeRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (!isText(fields.offerId) || !/^\d{1,19}$/.test(fields.offerId)) return undefined;
  if (typeof fields.savedAt !== 'number' || !Number.isFinite(fields.savedAt)) return undefined;
  const stage = STAGES.includes(fields.stage as PaymentStage) ? (fields.stage as PaymentStage) : 'sent';
  const record: ResumeRecord = { offerId: fields.offerId, stage, savedAt: fields.savedAt };
  for (const key of OPTIONAL_TEXT) if (isText(fields[key])) record[key] = fields[key];
  if (Number.isFinite(fields.expiresAt)) record.expiresAt = fields.expiresAt as number;
  if (fields.unsent === true) record.unsent = true;
  return record;
}

/** The store's records (one per payment, oldest first); `undefined` when the store cannot be read. */
function storedRecords(store: ResumeStore): ResumeRecord[] | undefined {
  let raw: string | null;
  try {
    raw = store.getItem(RESUME_KEY);
  } catch {
    return undefined;
  }
  if (!raw) return [];
  try {
    const value = JSON.parse(raw) as unknown;
    const list = Array.isArray(value) ? value : [value];
    return list.map(recordFrom).filter((record): record is ResumeRecord => record !== undefined);
  } catch {
    return [];
  }
}

/** Writes the list; answers whether the store kept it (a volatile or throwing store does not). */
function storeRecords(store: ResumeStore, records: readonly ResumeRecord[]): boolean {
  try {
    if (records.length === 0) {
      store.removeItem(RESUME_KEY);
      return !volatileStores.has(store);
    }
    const text = JSON.stringify(records);
    store.setItem(RESUME_KEY, text);
    return !volatileStores.has(store) && store.getItem(RESUME_KEY) === text;
  } catch {
    return false;
  }
}

/** The store's records and those only this page holds (the store's copy wins), oldest first. */
function allRecords(store: ResumeStore): ResumeRecord[] {
  const stored = storedRecords(store) ?? [];
  const pageOnly = (pageRecords.get(store) ?? []).filter((kept) => !stored.some((record) => record.offerId === kept.offerId));
  return [...stored, ...pageOnly].sort((a, b) => a.savedAt - b.savedAt);
}

/**
 * The payment records of `customer` still to settle (the store's, and those this page kept),
 * oldest first. Records of other customers are left alone (without `customer`, only records
 * written without one are read); records older than `maxAgeMs` (or from the future) are dropped.
 */
export function readResumeRecords(store: ResumeStore, now: number, maxAgeMs: number, customer?: string): ResumeRecord[] {
  const records = allRecords(store);
  const fresh = records.filter((record) => now - record.savedAt <= maxAgeMs && record.savedAt <= now + 60_000);
  for (const stale of records.filter((record) => !fresh.includes(record))) removeResumeRecord(store, stale.offerId);
  return fresh.filter((record) => record.customer === customer);
}

/** The oldest payment record of `customer` still to settle, if any (see `readResumeRecords`). */
export function readResumeRecord(store: ResumeStore, now: number, maxAgeMs: number, customer?: string): ResumeRecord | undefined {
  return readResumeRecords(store, now, maxAgeMs, customer)[0];
}

/**
 * Writes the record of a payment (one per offer id), and keeps it for the life of the page.
 * `update` changes a record that is still there and never brings back one another tab removed
 * (its payment is settled). Returns whether the store took it (`false`: only this page's memory
 * holds it, a reload would lose it), or `undefined` when an update found nothing to change.
 */
export function writeResumeRecord(store: ResumeStore, record: ResumeRecord, { update = false } = {}): boolean | undefined {
  const current = allRecords(store);
  if (update && !current.some((kept) => kept.offerId === record.offerId)) return undefined;
  const next = [...current.filter((kept) => kept.offerId !== record.offerId), record].sort((a, b) => a.savedAt - b.savedAt);
  pageRecords.set(store, next);
  return storeRecords(store, next);
}

/** Removes the record of `offerId` (every record when none is given), from the store and from this page. */
export function removeResumeRecord(store: ResumeStore, offerId?: string): void {
  const keep = (record: ResumeRecord) => offerId !== undefined && record.offerId !== offerId;
  pageRecords.set(store, (pageRecords.get(store) ?? []).filter(keep));
  const stored = storedRecords(store);
  if (stored && stored.some((record) => !keep(record))) storeRecords(store, stored.filter(keep));
}

/** A payment as the checkout follows it: what its record tells, amount and currencies always given ('' when unknown). */
export interface RecordedPayment extends Pick<ResumeRecord, 'offerId' | 'stage' | 'savedAt' | 'expiresAt' | 'unsent'> {
  amount: string;
  fromCurrency: string;
  toCurrency: string;
  toAmount?: string | undefined;
  cardId?: string | undefined;
  cardLabel?: string | undefined;
  authLink?: string | undefined;
}

/** The payment a record tells of (a return address may carry the offer id only: unknown amount and currencies are ''). */
export function paymentOfRecord(record: ResumeRecord): RecordedPayment {
  const { amount, fromCurrency, toCurrency, customer: _customer, ...rest } = record;
  return { ...rest, amount: amount ?? '', fromCurrency: fromCurrency ?? '', toCurrency: toCurrency ?? '' };
}

/** The record of a payment, `customer`'s when given: what the payment knows, empty texts left out. */
export function recordOfPayment(payment: RecordedPayment, customer: string | undefined): ResumeRecord {
  const record: ResumeRecord = { offerId: payment.offerId, stage: payment.stage, savedAt: payment.savedAt, ...(customer !== undefined ? { customer } : {}) };
  for (const key of [...PAYMENT_TEXT, 'expiresAt', 'unsent'] as const) {
    const value = payment[key];
    if (value) Object.assign(record, { [key]: value });
  }
  return record;
}

/**
 * The payment a checkout starts with: the one a return address (or the host) names, completed
 * from the stored record of the same offer, else the oldest record still to settle.
 */
export function startingRecord(
  store: ResumeStore,
  now: number,
  maxAgeMs: number,
  customer: string | undefined,
  named: (Pick<ResumeRecord, 'offerId'> & Partial<ResumeRecord>) | undefined,
): ResumeRecord | undefined {
  const stored = readResumeRecord(store, now, maxAgeMs, customer);
  if (!named) return stored;
  return stored?.offerId === named.offerId ? { ...stored, ...named } : { stage: 'sent', savedAt: now, ...named };
}

/** The bank's return address for a payment: `successUrl` with the offer id added as `payin_offer`. */
export function returnUrlFor(successUrl: string, offerId: string): string {
  try {
    const url = new URL(successUrl);
    url.searchParams.set(RETURN_PARAM, offerId);
    return url.href;
  } catch {
    return successUrl;
  }
}

/** The offer id a return address carries, if any (see `returnUrlFor`). */
export function offerIdFromUrl(address: string): string | undefined {
  try {
    const value = new URL(address).searchParams.get(RETURN_PARAM);
    return value && /^\d{1,19}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The address without the `payin_offer` parameter, for `history.replaceState` once the payment is settled. */
export function withoutReturnParam(address: string): string {
  try {
    const url = new URL(address);
    if (!url.searchParams.has(RETURN_PARAM)) return address;
    url.searchParams.delete(RETURN_PARAM);
    return url.href;
  } catch {
    return address;
  }
}
