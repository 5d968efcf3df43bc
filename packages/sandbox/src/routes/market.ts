/** Rates, limits, fees and saved cards (`GET /v3/payin/data`), and fiat cross rates. */
import { listMask } from '../cards.js';
import { pairAllowed } from '../catalog.js';
import type { Customer } from '../customers.js';
import type { SandboxApp } from '../env.js';
import { customerOf, guard } from '../guard.js';
import {
  AMOUNT_SCALE,
  DATA_VALID_SECONDS,
  allPairs,
  defaultLimits,
  feesAnswer,
  fiatRates,
  isFiatSold,
  rateAt,
} from '../market.js';
import { isoWithOffset } from '../time.js';

/** Fees are quoted in the customer's primary currency when the sandbox sells it. */
const feeCurrency = (customer: Customer): string => {
  const primary = customer.profile?.primaryCurrency;
  return primary !== undefined && isFiatSold(primary) ? primary : 'EUR';
};

function dataAnswer(customer: Customer, now: number): Record<string, unknown> {
  const cards = [...customer.cards.values()];
  const currency = feeCurrency(customer);
  return {
    cards: cards.map((card) => ({
      cardId: Number(card.id),
      cardType: card.brand,
      maskedPan: listMask(card.first6, card.last4),
      minAmountFrom: card.minAmountFrom.toNumber(),
      maxAmountFrom: card.maxAmountFrom.toNumber(),
      validationStatus: card.validationStatus,
      billingAddressRequired: card.billingAddressRequired,
    })),
    // Only what the catalog lets the customer buy, with what it lets them pay in.
    pairs: allPairs().filter((pair) => pairAllowed(customer.catalog, pair)).map((pair) => ({
      currencyFrom: pair.from,
      currencyTo: pair.to,
      rate: rateAt(pair, now).toNumber(),
      amountScaleFrom: AMOUNT_SCALE,
      amountScaleTo: AMOUNT_SCALE,
      lock: false,
    })),
    fiatPairs: [],
    fees: feesAnswer(currency),
    feeInfo: null,
    feeTable: null,
    validTo: isoWithOffset(now + DATA_VALID_SECONDS * 1000),
    validSeconds: DATA_VALID_SECONDS,
    defaultMinAmountFrom: defaultLimits.min.toNumber(),
    defaultMaxAmountFrom: defaultLimits.max.toNumber(),
    firstPurchase: ![...customer.offers.values()].some((offer) => offer.payment?.outcome.status === 'SUCCESS'),
    firstPurchaseLimit: { value: 0, currency },
    freeTransactionsPromo: { total: 0, available: 0 },
    billingAddressRequired: cards.some((card) => card.billingAddressRequired),
  };
}

/** Registers the data and fiat-rates endpoints. */
export function registerMarketRoutes(app: SandboxApp): void {
  app.get('/v3/payin/data', guard('data', 'KYC_0'), (c) => c.json(dataAnswer(customerOf(c), Date.now())));

  app.get('/v3/payin/fiat-rates', guard('fiat-rates', 'KYC_0'), (c) =>
    c.json(fiatRates().map(({ baseCurrency, symbolCurrency, rate }) => ({ rate: rate.toNumber(), baseCurrency, symbolCurrency }))),
  );
}
