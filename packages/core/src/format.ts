/** Money formatting through `Intl`, from exact decimals (never via a float). */
import type { Decimal } from './money.js';

type NumericText = Intl.StringNumericLiteral;

/**
 * Formatters made so far, by locale and options: making an `Intl.NumberFormat` costs far more than
 * using one (the first of a page loads the locale's data), and every checkout on the page shares them.
 */
const formatters = new Map<string, Intl.NumberFormat>();

/** The page's one formatter for `locale` and `options` (made on first use). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options.style ?? ''}|${options.currency ?? ''}|${options.minimumFractionDigits ?? ''}|${options.maximumFractionDigits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

const isoCurrencies = new Map<string, boolean>();

const isIsoCurrency = (code: string): boolean => {
  let known = isoCurrencies.get(code);
  if (known === undefined) {
    try {
      known = /^[A-Z]{3}$/.test(code) && numberFormat('en', { style: 'currency', currency: code }) !== undefined;
    } catch {
      known = false;
    }
    isoCurrencies.set(code, known);
  }
  return known;
};

/** Fiat with currency style; shows every decimal the value has (fees like 0.155 stay exact), at least the currency's. */
export function formatFiat(amount: Decimal, currency: string, locale: string): string {
  if (!isIsoCurrency(currency)) return formatCrypto(amount, currency, 8, locale);
  const minimum = numberFormat(locale, { style: 'currency', currency }).resolvedOptions().minimumFractionDigits ?? 2;
  const maximum = Math.max(minimum, Math.min(amount.scale, 8));
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minimum,
    maximumFractionDigits: maximum,
  }).format(amount.toString() as NumericText);
}

/** Crypto with the pair's scale, trailing zeros trimmed, followed by its code. */
export function formatCrypto(amount: Decimal, code: string, scale: number, locale: string): string {
  const text = numberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: Math.min(scale, 20) }).format(
    amount.round(scale, 'down').toString() as NumericText,
  );
  return `${text} ${code}`;
}

/** A plain number (rates) with up to `digits` decimals. */
export const formatNumber = (value: Decimal, locale: string, digits = 8): string =>
  numberFormat(locale, { maximumFractionDigits: digits }).format(value.toString() as NumericText);
