/**
 * The texts of the checkout's language. English is built in; the other shipped catalogs are JSON
 * files in `locales/` beside this script (`dist/locales/de.json`, …), fetched once per page when a
 * checkout first needs them and shared by every checkout on it.
 */
import { catalogLocale, loadCatalog, type Messages } from '@payin-checkout/core';

/** Where the catalogs are when the host does not say: the `locales/` folder beside this script. */
export const defaultLocalesUrl: string = new URL('./locales/', import.meta.url).href;

/** A catalog fetch that has not answered by then is given up: the texts stay English. */
const LOAD_TIMEOUT_MS = 5_000;

/**
 * Hashes (`sha384-…`) of the catalogs built with this file, by language, filled in by the
 * distribution build: a catalog changed on its way from the server is refused, like a script that
 * fails its `integrity`. Empty when the sources run unbuilt.
 */
declare const __PAYIN_CATALOG_INTEGRITY__: Readonly<Record<string, string>> | undefined;
const integrity: Readonly<Record<string, string>> =
  typeof __PAYIN_CATALOG_INTEGRITY__ === 'object' ? __PAYIN_CATALOG_INTEGRITY__ : {};

const loads = new Map<string, Promise<Messages>>();

/**
 * The catalog of `locale`'s language from the folder `baseUrl`: `{}` for English, a promise shared
 * by every checkout asking for the same file. A failed load rejects (naming the file and the
 * problem) and is tried again by the next checkout that asks.
 */
export function catalogFor(locale: string, baseUrl: string): Promise<Messages> {
  const language = catalogLocale(locale);
  if (language === 'en') return Promise.resolve({});
  const key = `${baseUrl} ${language}`;
  let load = loads.get(key);
  if (!load) {
    const hash = baseUrl === defaultLocalesUrl ? integrity[language] : undefined;
    load = loadCatalog(language, { baseUrl, signal: AbortSignal.timeout(LOAD_TIMEOUT_MS), ...(hash ? { integrity: hash } : {}) });
    loads.set(key, load);
    load.catch(() => {
      if (loads.get(key) === load) loads.delete(key);
    });
  }
  return load;
}
