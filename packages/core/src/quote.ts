/**
 * Quote maths: pairs, limits, live validation of the amount, estimates before an offer and the
 * figures of an offer. All in `Decimal`; floats from the API are read through their decimal text.
 */
import { Decimal } from './money.js';
import type { CurrencyPair, FeeInfoItem, Offer, PayinData, SavedCard } from './schemas/responses.js';

export interface AmountLimits {
  /** Undefined: no lower limit set. */
  min: Decimal | undefined;
  max: Decimal | undefined;
}

export interface FeeLine {
  name: string;
  amount: Decimal;
}

/** Money figures of a quote or an offer, in the pair's currencies. */
export interface Figures {
  /** Fiat amount the customer buys for, before fees. */
  amount: Decimal;
  fromCurrency: string;
  toCurrency: string;
  /** Units of `toCurrency` per 1 `fromCurrency`. */
  rate: Decimal;
  fees: FeeLine[];
  /** What the card is charged: amount plus fees, in the currency's minor units (half-up). */
  totalCharged: Decimal;
  /** Crypto credited: amount × rate, cut to the pair's scale. */
  amountReceived: Decimal;
  /** True for figures computed here before Vault made an offer. */
  estimate: boolean;
}

export const findPair = (data: PayinData | undefined, from: string, to: string): CurrencyPair | undefined =>
  data?.pairs.find((pair) => pair.currencyFrom === from && pair.currencyTo === to);

/** Decimals of the crypto side of a pair (`amountScaleTo`); 8 for a pair the data does not list. */
export const cryptoScale = (data: PayinData | undefined, from: string, to: string): number =>
  findPair(data, from, to)?.amountScaleTo ?? 8;

/** The card's own limits where set (non-zero), else the account defaults. */
export function amountLimits(data: PayinData | undefined, card: SavedCard | undefined): AmountLimits {
  const pick = (own: number | undefined, fallback: number | undefined): Decimal | undefined => {
    const value = own || fallback;
    return value ? Decimal.from(value) : undefined;
  };
  return {
    min: pick(card?.minAmountFrom, data?.defaultMinAmountFrom),
    max: pick(card?.maxAmountFrom, data?.defaultMaxAmountFrom),
  };
}

/** Decimals of a fiat amount: the currency's minor units (2 for EUR, 0 for JPY), never more than the pair allows. */
export function fiatDecimals(currency: string, pair: CurrencyPair | undefined): number {
  let minor = 2;
  try {
    minor = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Not an ISO 4217 code: keep two decimals.
  }
  return Math.min(minor, pair?.amountScaleFrom ?? minor);
}

/** Reads an amount as typed ("1 234,50" is not accepted: digits and one dot or comma as decimal mark). */
export function parseAmount(typed: string): Decimal | undefined {
  const text = typed.trim().replace(/\s/g, '');
  if (!/^\d*(?:[.,]\d*)?$/.test(text) || !/\d/.test(text)) return undefined;
  return Decimal.parse(text.replace(',', '.'));
}

export type AmountProblem =
  | { key: 'amount-required' }
  | { key: 'amount' }
  | { key: 'amount-positive' }
  | { key: 'amount-decimals'; decimals: number }
  | { key: 'amount-min'; limit: Decimal }
  | { key: 'amount-max'; limit: Decimal }
  | { key: 'pair-unavailable' };

/** What is wrong with the typed amount for this pair and these limits, if anything. */
export function checkAmount(
  typed: string,
  pair: CurrencyPair | undefined,
  limits: AmountLimits,
  currency: string,
): AmountProblem | undefined {
  if (!pair) return { key: 'pair-unavailable' };
  if (typed.trim() === '') return { key: 'amount-required' };
  const amount = parseAmount(typed);
  if (!amount) return { key: 'amount' };
  if (!amount.gt(0)) return { key: 'amount-positive' };
  const decimals = fiatDecimals(currency, pair);
  if (!amount.round(decimals, 'down').eq(amount)) return { key: 'amount-decimals', decimals };
  if (limits.min && amount.lt(limits.min)) return { key: 'amount-min', limit: limits.min };
  if (limits.max && amount.gt(limits.max)) return { key: 'amount-max', limit: limits.max };
  return undefined;
}

const FEE_FIELDS = [
  ['crypteriumGas', 'Crypterium gas'],
  ['additionalFee', 'Additional Fee'],
  ['transactionFee', 'Transaction fee'],
] as const;

const sum = (lines: readonly FeeLine[]): Decimal => lines.reduce((total, line) => total.plus(line.amount), Decimal.zero);

/** Figures before an offer exists, from the pair's rate and the fee fractions in the data: an estimate. */
export function estimateFigures(data: PayinData, pair: CurrencyPair, amount: Decimal): Figures {
  const scale = data.fees?.scale ?? 8;
  const fees = FEE_FIELDS.flatMap(([field, name]) => {
    const fraction = data.fees?.[field];
    return fraction ? [{ name, amount: amount.times(fraction).round(scale) }] : [];
  });
  const rate = Decimal.from(pair.rate);
  return {
    amount,
    fromCurrency: pair.currencyFrom,
    toCurrency: pair.currencyTo,
    rate,
    fees,
    totalCharged: amount.plus(sum(fees)).round(fiatDecimals(pair.currencyFrom, undefined)),
    amountReceived: amount.times(rate).round(pair.amountScaleTo, 'down'),
    estimate: true,
  };
}

/** Figures of an offer: Vault's own fee lines, total = amount + fees, received = amount × rate. */
export function offerFigures(offer: Offer, amount: Decimal, toCurrency: string, scaleTo: number): Figures {
  const fees = offer.feeInfo.map((fee: FeeInfoItem) => ({ name: fee.name, amount: Decimal.from(fee.value) }));
  const rate = Decimal.from(offer.rate.rate);
  return {
    amount,
    fromCurrency: offer.fromCurrency,
    toCurrency,
    rate,
    fees,
    totalCharged: amount.plus(sum(fees)).round(fiatDecimals(offer.fromCurrency, undefined)),
    amountReceived: amount.times(rate).round(scaleTo, 'down'),
    estimate: false,
  };
}

/**
 * True when `next` is worse for the customer than `previous` by more than `tolerance`
 * (a fraction: 0.01 = 1 %): a higher total charged or a lower amount received.
 */
export function movedAgainstCustomer(previous: Figures, next: Figures, tolerance: Decimal): boolean {
  if (previous.fromCurrency !== next.fromCurrency || previous.toCurrency !== next.toCurrency) return false;
  if (!previous.amount.eq(next.amount)) return false;
  const ceiling = previous.totalCharged.times(tolerance.plus(1));
  const floor = previous.amountReceived.times(Decimal.from(1).minus(tolerance));
  return next.totalCharged.gt(ceiling) || next.amountReceived.lt(floor);
}
