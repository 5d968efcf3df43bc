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
const pageRecords = new WeakMap<ResumeStore, string>();

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

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const OPTIONAL_TEXT = ['amount', 'fromCurrency', 'toCurrency', 'toAmount', 'cardId', 'cardLabel', 'authLink'] as const;
const STAGES: readonly PaymentStage[] = ['sent', 'accepted', 'refused'];

/** A record read back from text, or undefined when it is not one. */
function parseRecord(raw: string | null | undefined): ResumeRecord | undefined {
  if (!raw) return undefined;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (!isText(value.offerId) || !/^\d{1,19}$/.test(value.offerId)) return undefined;
  if (typeof value.savedAt !== 'number' || !Number.isFinite(value.savedAt)) return undefined;
  const stage = STAGES.includes(value.stage as PaymentStage) ? (value.stage as PaymentStage) : 'sent';
  const record: ResumeRecord = { offerId: value.offerId, stage, savedAt: value.savedAt };
  for (const key of OPTIONAL_TEXT) if (isText(value[key])) record[key] = value[key];
  return record;
}

/**
 * Reads the payment record (the store's, else the one this page kept), dropping it when it is
 * unreadable or older than `maxAgeMs`.
 */
export function readResumeRecord(store: ResumeStore, now: number, maxAgeMs: number): ResumeRecord | undefined {
  let raw: string | null = null;
  try {
    raw = store.getItem(RESUME_KEY);
  } catch {
    // Unreadable storage: fall back to this page's copy.
  }
  const record = parseRecord(raw) ?? parseRecord(pageRecords.get(store));
  if (!record) {
    if (raw) removeResumeRecord(store);
    return undefined;
  }
  if (now - record.savedAt > maxAgeMs || record.savedAt > now + 60_000) {
    removeResumeRecord(store, record.offerId);
    return undefined;
  }
  return record;
}

let defaultStore: ResumeStore | undefined;
/** The page's default store, made once: every checkout on the page shares it. */
export function sharedStore(): ResumeStore {
  defaultStore ??= defaultResumeStore();
  return defaultStore;
}

/**
 * Writes the record to the store and keeps it for the life of the page. Returns whether the store
 * took it: `false` means it lives in this page's memory only and a reload would lose it.
 */
export function writeResumeRecord(store: ResumeStore, record: ResumeRecord): boolean {
  const text = JSON.stringify(record);
  pageRecords.set(store, text);
  try {
    store.setItem(RESUME_KEY, text);
    return !volatileStores.has(store) && store.getItem(RESUME_KEY) === text;
  } catch {
    return false;
  }
}

/** Removes the record, only the one of `offerId` when given (another tab may have written a newer one). */
export function removeResumeRecord(store: ResumeStore, offerId?: string): void {
  const matches = (text: string | null | undefined) => offerId === undefined || parseRecord(text)?.offerId === offerId;
  if (matches(pageRecords.get(store))) pageRecords.delete(store);
  try {
    if (matches(store.getItem(RESUME_KEY))) store.removeItem(RESUME_KEY);
  } catch {
    // Nothing to clean up in a storage we cannot reach.
  }
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
