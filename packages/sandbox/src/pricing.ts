/** What an offer costs: rate, fee lines, total charged and crypto credited, all in exact decimals. */
import { fiatDecimals, type Decimal } from '@payin-checkout/core';
import { AMOUNT_SCALE, defaultLimits, feeLines, feeSettings, rateAt, type Pair } from './market.js';
import { validationError } from './errors.js';

export interface Quote {
  readonly amount: Decimal;
  readonly rate: Decimal;
  readonly fees: readonly { name: string; value: Decimal }[];
  /** Amount plus fees, in the currency's minor units (half-up): what the card is charged. */
  readonly total: Decimal;
  /** Amount × rate, cut to the pair's scale: never more than the rate gives. */
  readonly cryptoAmount: Decimal;
}

/** Prices `amount` of the pair's fiat at the rate of the moment. */
export function quote(pair: Pair, amount: Decimal, nowMs: number): Quote {
  const rate = rateAt(pair, nowMs);
  const fees = feeLines.map((line) => ({ name: line.name, value: amount.times(line.fraction).round(feeSettings.scale) }));
  const total = fees.reduce((sum, fee) => sum.plus(fee.value), amount).round(fiatDecimals(pair.from, undefined));
  return { amount, rate, fees, total, cryptoAmount: amount.times(rate).round(AMOUNT_SCALE, 'down') };
}

export interface CardLimits {
  readonly minAmountFrom: Decimal;
  readonly maxAmountFrom: Decimal;
}

/** Refuses an amount with more decimals than the pair keeps, or outside the card's limits (or the defaults). */
export function checkLimits(amount: Decimal, currency: string, card: CardLimits): void {
  if (amount.scale > AMOUNT_SCALE) throw validationError('amount', `The amount may have at most ${AMOUNT_SCALE} decimals.`);
  const min = card.minAmountFrom.isZero() ? defaultLimits.min : card.minAmountFrom;
  const max = card.maxAmountFrom.isZero() ? defaultLimits.max : card.maxAmountFrom;
  if (amount.lt(min)) throw validationError('amount', `The amount must be at least ${min.toString()} ${currency}.`);
  if (amount.gt(max)) throw validationError('amount', `The amount must be at most ${max.toString()} ${currency}.`);
}
