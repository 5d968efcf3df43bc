/**
 * The resume record: what a page returning from the bank needs to find the payment again.
 * Never holds card number, CVV or expiry.
 */
export interface ResumeRecord {
  offerId: string;
  amount: string;
  fromCurrency: string;
  toCurrency: string;
  /** Crypto amount shown with the offer (an estimate until the receipt). */
  toAmount?: string;
  /** Saved card the payment was made with, for "Try again". */
  cardId?: string;
  /** Card as shown to the customer: brand and last four digits. */
  cardLabel?: string;
  /** When the customer left for the bank page (ms since epoch). */
  savedAt: number;
}

/** The subset of the Web Storage API the checkout uses. */
export interface ResumeStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const RESUME_KEY = 'payin-checkout:resume';

/** A store kept in memory, for hosts without (or refusing) Web Storage. */
export function memoryStore(): ResumeStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** `sessionStorage` when the page has a working one, else a store in memory. */
export function defaultResumeStore(): ResumeStore {
  try {
    const storage = globalThis.sessionStorage;
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

/** Reads the record, dropping it when it is unreadable or older than `maxAgeMs`. */
export function readResumeRecord(store: ResumeStore, now: number, maxAgeMs: number): ResumeRecord | undefined {
  let raw: string | null;
  try {
    raw = store.getItem(RESUME_KEY);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let record: Partial<ResumeRecord> | undefined;
  try {
    record = JSON.parse(raw) as Partial<ResumeRecord>;
  } catch {
    record = undefined;
  }
  const valid =
    record &&
    isText(record.offerId) &&
    /^\d+$/.test(record.offerId) &&
    isText(record.amount) &&
    isText(record.fromCurrency) &&
    isText(record.toCurrency) &&
    typeof record.savedAt === 'number' &&
    now - record.savedAt <= maxAgeMs &&
    record.savedAt <= now + 60_000;
  if (!valid) {
    removeResumeRecord(store);
    return undefined;
  }
  return record as ResumeRecord;
}

export function writeResumeRecord(store: ResumeStore, record: ResumeRecord): void {
  try {
    store.setItem(RESUME_KEY, JSON.stringify(record));
  } catch {
    // A full or blocked storage only costs the automatic resume; the popup flow still works.
  }
}

export function removeResumeRecord(store: ResumeStore): void {
  try {
    store.removeItem(RESUME_KEY);
  } catch {
    // Nothing to clean up in a storage we cannot reach.
  }
}
