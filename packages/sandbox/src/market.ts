/** Market data: currency pairs, drifting rates, fiat rates, fee settings and default limits. */
import { Decimal } from '@payin-checkout/core';

export const fiatCurrencies = ['EUR', 'USD', 'GBP'] as const;
export const cryptoCurrencies = ['BTC', 'ETH', 'USDC', 'USDT'] as const;

/** Decimals kept on each side of a pair (8 in every documented example). */
export const AMOUNT_SCALE = 8;

/** How long the rates of `GET /v3/payin/data` hold. */
export const DATA_VALID_SECONDS = 30;

/** Limits when the card sets none, in units of the fiat currency. */
export const defaultLimits = { min: Decimal.from('10'), max: Decimal.from('5000') };

// Units of each currency per 1 EUR, as in the documented fiat-rates example.
const PER_EUR: Readonly<Record<string, string>> = {
  EUR: '1',
  USD: '1.085399',
  GBP: '0.85524',
  AUD: '1.669202',
  JPY: '163.351439',
};

// Price of 1 unit of each crypto in EUR, around which the rates drift.
const CRYPTO_PRICE_EUR: Readonly<Record<string, string>> = {
  BTC: '61250.37',
  ETH: '3108.42',
  USDC: '0.92131',
  USDT: '0.92164',
};

// Rates move ±0.3 % along a sine wave of two minutes, each pair in its own phase.
const DRIFT_AMPLITUDE = '0.003';
const DRIFT_PERIOD_MS = 120_000;

export interface Pair {
  readonly from: string;
  readonly to: string;
  /** Units of `to` per 1 `from` before drift. */
  readonly baseRate: Decimal;
  readonly phase: number;
}

const pairs: readonly Pair[] = fiatCurrencies.flatMap((from, i) =>
  cryptoCurrencies.map((to, j) => ({
    from,
    to,
    baseRate: Decimal.from(1).dividedBy(Decimal.from(CRYPTO_PRICE_EUR[to] ?? '1').times(PER_EUR[from] ?? '1'), 20),
    phase: (i * cryptoCurrencies.length + j) * 0.7,
  })),
);

/** The pair for two currencies, if the sandbox sells it. */
export const findPair = (from: string, to: string): Pair | undefined =>
  pairs.find((pair) => pair.from === from && pair.to === to);

/** Every pair the sandbox sells. */
export const allPairs = (): readonly Pair[] => pairs;

/** Whether a fiat currency is sold at all (for naming the wrong field). */
export const isFiatSold = (currency: string): boolean => pairs.some((pair) => pair.from === currency);

/**
 * The pair's rate at a moment: a deterministic drift of the base rate, then read back through
 * its float form so the figure stored and the JSON number sent are the same decimal.
 */
export function rateAt(pair: Pair, nowMs: number): Decimal {
  const wave = Math.sin((2 * Math.PI * nowMs) / DRIFT_PERIOD_MS + pair.phase);
  const factor = Decimal.from(1).plus(Decimal.from(wave.toFixed(9)).times(DRIFT_AMPLITUDE));
  return Decimal.from(pair.baseRate.times(factor).toNumber());
}

/** Fiat cross rates, as in `GET /v3/payin/fiat-rates`: each sold fiat against a few others. */
export function fiatRates(): { baseCurrency: string; symbolCurrency: string; rate: Decimal }[] {
  return fiatCurrencies.flatMap((base) =>
    Object.keys(PER_EUR).map((symbol) => ({
      baseCurrency: base,
      symbolCurrency: symbol,
      rate: Decimal.from(PER_EUR[symbol] ?? '1').dividedBy(PER_EUR[base] ?? '1', 6),
    })),
  );
}

/** Fee fractions of the amount, as in the documented offer example. */
export const feeSettings = {
  rate: Decimal.from('0.025'),
  partnerFee: Decimal.from('0'),
  crypteriumGas: Decimal.from('0.005'),
  additionalFee: Decimal.from('0.005'),
  transactionFee: Decimal.from('0.03'),
  scale: 8,
};

/** The fee lines charged on top of the amount (`feeInfo`), each a fraction of it. */
export const feeLines: readonly { name: string; fraction: Decimal }[] = [
  { name: 'Crypterium gas', fraction: feeSettings.crypteriumGas },
  { name: 'Additional Fee', fraction: feeSettings.additionalFee },
  { name: 'Transaction fee', fraction: feeSettings.transactionFee },
];

/** The `fees` object of the data and offer answers. */
export function feesAnswer(currency: string): Record<string, unknown> {
  return {
    currency,
    scale: feeSettings.scale,
    rate: feeSettings.rate.toNumber(),
    partnerFee: feeSettings.partnerFee.toNumber(),
    crypteriumGas: feeSettings.crypteriumGas.toNumber(),
    additionalFee: feeSettings.additionalFee.toNumber(),
    transactionFee: feeSettings.transactionFee.toNumber(),
    insuranceFee: null,
    feeTableEnabled: false,
    feeTable: null,
  };
}
