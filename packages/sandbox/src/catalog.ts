/**
 * Vault's catalog of operations (`GET /v2/catalog/operations`): whether an operation is open, to
 * which KYC levels and in which currencies. Buying with a card (`PAYIN_CARD`) is set per customer
 * by a test control and holds on the PayIn calls.
 */
import * as z from 'zod/mini';
import { cryptoCurrencies, fiatCurrencies, type Pair } from './market.js';

export const constraints = ['NONE', 'DISABLED', 'MAINTENANCE'] as const;

/** The KYC levels the catalog names, lowest first. */
export const catalogLevels = ['NONE', 'KYC_0', 'KYC_1', 'KYC_2', 'KYC_3'] as const;

/** What the catalog says of `PAYIN_CARD`. */
export interface PayinCard {
  readonly constraint: (typeof constraints)[number];
  readonly kycLevelPermissibleList: readonly string[];
  readonly currencyLimit: readonly string[];
}

/** Open to every level with a profile, in every currency the sandbox trades. */
export const defaultPayinCard: PayinCard = Object.freeze({
  constraint: 'NONE',
  kycLevelPermissibleList: Object.freeze(['KYC_0', 'KYC_1', 'KYC_2', 'KYC_3']),
  currencyLimit: Object.freeze([...fiatCurrencies, ...cryptoCurrencies]),
});

/** `PUT /sandbox/catalog`: the parts of `PAYIN_CARD` to change for the customer. */
export const catalogRequestSchema = z.object({
  constraint: z.optional(z.enum(constraints)),
  kycLevelPermissibleList: z.optional(z.array(z.enum(catalogLevels)).check(z.maxLength(catalogLevels.length))),
  currencyLimit: z.optional(z.array(z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,9}$/))).check(z.maxLength(100))),
});

/** The PayIn calls, as the catalog's `urlPatterns` write them (`*` for a path id). */
const PAYIN_URLS = [
  '/v3/payin/fiat-rates',
  '/v3/payin/data',
  '/v3/payin/card',
  '/v3/payin/card/*/billing-address',
  '/v3/payin/offer',
  '/v3/payin/offer/*',
  '/v3/payin/pay/*',
  '/v3/payin/pay-callback',
];

/** The calls that only show what a purchase would be (rates, cards): `previewUrlPatterns`. */
const PAYIN_PREVIEW_URLS = ['/v3/payin/fiat-rates', '/v3/payin/data'];

/** `PAYIN_CARD` as the catalog lists it: every field of the page's example. */
export const payinCardOperation = (card: PayinCard) => ({
  name: 'PAYIN_CARD',
  constraint: card.constraint,
  kycLevelPermissibleList: [...card.kycLevelPermissibleList],
  currencyLimit: [...card.currencyLimit],
  urlPatterns: PAYIN_URLS,
  previewUrlPatterns: PAYIN_PREVIEW_URLS,
  supportedVersion: '1.0',
});

/** The example of Vault's catalog page, listed as it is. */
const PAYOUT_CRYPTO = {
  name: 'PAYOUT_CRYPTO',
  constraint: 'NONE',
  kycLevelPermissibleList: ['KYC_0'],
  currencyLimit: [
    'BCH', 'OMG', 'DAI', 'CRPT', 'DAO', 'BTC', 'MKR', 'MAPS', 'BAT', 'ETH', 'LTC', 'USDC', 'BUSD',
    'REP', 'EVER', 'QASH', 'MATIC', 'QLINDO', 'CHO', 'USDT', 'DASH', 'UNI', 'GLEEC', 'XRP', 'LINK', 'ZRX',
  ],
  urlPatterns: ['/v1/wallet/send', '/v1/wallet/send/fee/*'],
  previewUrlPatterns: ['/v1/wallet/send/fee/\\b[a-zA-Z]+\\b'],
  supportedVersion: '1.0',
};

/** `GET /v2/catalog/operations`: an array of operations, as the page's schema has it. */
export const operationsAnswer = (card: PayinCard) => [payinCardOperation(card), PAYOUT_CRYPTO];

/** Whether the catalog lets the customer buy with, or buy, a currency. */
export const currencyAllowed = (card: PayinCard, currency: string): boolean => card.currencyLimit.includes(currency);

/** Whether both currencies of a pair are within the catalog's limit. */
export const pairAllowed = (card: PayinCard, pair: Pair): boolean => currencyAllowed(card, pair.from) && currencyAllowed(card, pair.to);

/** The lowest level the catalog permits above `level`: where verification leads, if anywhere. */
export function nextPermittedLevel(card: PayinCard, level: string): string | undefined {
  const from = catalogLevels.indexOf(level as (typeof catalogLevels)[number]);
  return catalogLevels.slice(from + 1).find((higher) => card.kycLevelPermissibleList.includes(higher));
}
