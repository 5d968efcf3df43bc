/** Money formatting through `Intl`, from exact decimals (never via a float). */
import type { Decimal } from './money.js';

type NumericText = Intl.StringNumericLiteral;

const isIsoCurrency = (code: string): boolean => {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return /^[A-Z]{3}$/.test(code);
  } catch {
    return false;
  }
};

/** Fiat with currency style; shows every decimal the value has (fees like 0.155 stay exact), at least the currency's. */
export function formatFiat(amount: Decimal, currency: string, locale: string): string {
  if (!isIsoCurrency(currency)) return formatCrypto(amount, currency, 8, locale);
  const base = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const minimum = base.resolvedOptions().minimumFractionDigits ?? 2;
  const maximum = Math.max(minimum, Math.min(amount.scale, 8));
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minimum,
    maximumFractionDigits: maximum,
  }).format(amount.toString() as NumericText);
}

/** Crypto with the pair's scale, trailing zeros trimmed, followed by its code. */
export function formatCrypto(amount: Decimal, code: string, scale: number, locale: string): string {
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: Math.min(scale, 20) }).format(
    amount.round(scale, 'down').toString() as NumericText,
  );
  return `${text} ${code}`;
}

/** A plain number (rates) with up to `digits` decimals. */
export const formatNumber = (value: Decimal, locale: string, digits = 8): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value.toString() as NumericText);
