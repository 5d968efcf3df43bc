/** Reading refusals from Vault's documented facts, and when a pay that got no answer can no longer happen. */
import { describe, expect, it } from 'vitest';
import {
  catalogSchema,
  explainRefusal,
  judgePayment,
  levelNeeded,
  NO_PAYMENT_ANSWERS,
  pairsWithin,
  payWindowClosed,
  type CheckoutError,
  type Operation,
  type PayWindow,
} from '../src/index.js';

const common: CheckoutError = { kind: 'rejected', messageKey: 'error.rejected', status: 400, code: 'COMMON', retryable: true };
const payinCard = (extra: Partial<Operation> = {}): Operation => ({ name: 'PAYIN_CARD', constraint: 'NONE', ...extra });
const PAY = 'POST /v3/payin/pay/{offerId}';
const DATA = 'GET /v3/payin/data';

describe('a refusal read from Vault\'s facts', () => {
  it('asks for the profile below KYC_0, identity verification below the call\'s level, and the level the catalog permits', () => {
    expect(levelNeeded('NONE', DATA)).toBe('KYC_0');
    expect(levelNeeded('NONE', PAY)).toBe('KYC_0');
    expect(levelNeeded('KYC_0', PAY)).toBe('KYC_1');
    expect(levelNeeded('KYC0', 'GET /v3/payin/pay-callback')).toBe('KYC_1');
    expect(levelNeeded('KYC_0', DATA)).toBeUndefined();
    expect(levelNeeded('KYC1', PAY)).toBeUndefined();
    expect(levelNeeded('KYC_0', DATA, payinCard({ kycLevelPermissibleList: ['KYC_1', 'KYC_2'] }))).toBe('KYC_1');
    expect(levelNeeded('KYC_1', DATA, payinCard({ kycLevelPermissibleList: ['KYC_1', 'KYC_2'] }))).toBeUndefined();
    // Nothing to ask for: a level the customer is past, or one Vault does not document.
    expect(levelNeeded('KYC_3', DATA, payinCard({ kycLevelPermissibleList: ['KYC_1'] }))).toBeUndefined();
    expect(levelNeeded('GOLD', PAY)).toBeUndefined();
    expect(levelNeeded(undefined, PAY)).toBeUndefined();
  });

  it('reads maintenance and a disabled operation before the level, and leaves a refusal it cannot explain as it was', () => {
    const facts = (constraint: string, kycLevel = 'KYC_1') => ({ kycLevel, operation: payinCard({ constraint }) });
    expect(explainRefusal(common, DATA, facts('MAINTENANCE', 'NONE'))).toMatchObject({ kind: 'maintenance', messageKey: 'error.maintenance', retryable: true });
    expect(explainRefusal(common, DATA, facts('DISABLED'))).toMatchObject({ kind: 'unavailable', messageKey: 'error.unavailable', retryable: false });
    expect(explainRefusal(common, PAY, facts('NONE', 'KYC_0'))).toMatchObject({ kind: 'kyc', level: 'KYC_1', retryable: false, status: 400 });
    expect(explainRefusal(common, DATA, facts('NONE', 'NONE'))).toMatchObject({ kind: 'kyc', level: 'KYC_0' });
    const unexplained = explainRefusal(common, PAY, facts('NONE'));
    expect(unexplained).toEqual({ ...common, facts: facts('NONE') });
    // Neither source answered: nothing is made up.
    expect(explainRefusal(common, PAY, {})).toEqual({ ...common, facts: {} });
  });

  it('names the currency field of an offer the catalog\'s limit leaves out', () => {
    const pairs = [
      { currencyFrom: 'EUR', currencyTo: 'BTC' },
      { currencyFrom: 'EUR', currencyTo: 'USDC' },
      { currencyFrom: 'GBP', currencyTo: 'BTC' },
    ];
    const OFFER = 'POST /v3/payin/offer';
    const facts = (currencyLimit: string[]) => ({ kycLevel: 'KYC_1', operation: payinCard({ currencyLimit }) });
    expect(explainRefusal(common, OFFER, facts(['BTC']), { fromCurrency: 'EUR', toCurrency: 'USDC', pairs })).toMatchObject({
      kind: 'field',
      field: 'toCurrency',
      messageKey: 'field.currency-unavailable',
      status: 400,
    });
    expect(explainRefusal(common, OFFER, facts(['EUR', 'BTC', 'USDC']), { fromCurrency: 'GBP', toCurrency: 'BTC', pairs })).toMatchObject({ kind: 'field', field: 'fromCurrency' });
    expect(explainRefusal(common, OFFER, facts(['BTC']), { fromCurrency: 'EUR', toCurrency: 'BTC', pairs })).toMatchObject({ kind: 'rejected' });
    // Rates not read yet: nothing to tell the currencies by.
    expect(explainRefusal(common, OFFER, facts(['BTC']), { fromCurrency: 'EUR', toCurrency: 'USDC', pairs: [] })).toMatchObject({ kind: 'rejected' });
  });

  it('limits the side of the pairs the catalog\'s currencyLimit names: cryptos alone leave every currency paid in', () => {
    const pairs = [
      { currencyFrom: 'EUR', currencyTo: 'BTC' },
      { currencyFrom: 'EUR', currencyTo: 'USDC' },
      { currencyFrom: 'USD', currencyTo: 'BTC' },
      { currencyFrom: 'GBP', currencyTo: 'ETH' },
    ];
    expect(pairsWithin(pairs, undefined)).toEqual(pairs);
    expect(pairsWithin(pairs, payinCard({ currencyLimit: [] }))).toEqual(pairs);
    expect(pairsWithin(pairs, payinCard({ currencyLimit: ['BTC', 'ETH', 'DAI'] }))).toEqual([pairs[0], pairs[2], pairs[3]]);
    expect(pairsWithin(pairs, payinCard({ currencyLimit: ['EUR', 'BTC', 'USDC'] }))).toEqual([pairs[0], pairs[1]]);
  });

  it('reads the catalog as its schema documents it (a list) and as its page\'s example shows it (one operation)', () => {
    const one = { name: 'PAYOUT_CRYPTO', constraint: 'NONE', kycLevelPermissibleList: ['KYC_0'], currencyLimit: ['BTC'], supportedVersion: '1.0' };
    expect(catalogSchema.parse(one)).toEqual([{ name: 'PAYOUT_CRYPTO', constraint: 'NONE', kycLevelPermissibleList: ['KYC_0'], currencyLimit: ['BTC'] }]);
    expect(catalogSchema.parse([one, { name: 'PAYIN_CARD' }])).toEqual([
      { name: 'PAYOUT_CRYPTO', constraint: 'NONE', kycLevelPermissibleList: ['KYC_0'], currencyLimit: ['BTC'] },
      { name: 'PAYIN_CARD', constraint: 'NONE' },
    ]);
  });
});

describe('a pay that can no longer happen', () => {
  const T = Date.parse('2026-12-08T10:00:00Z');
  const noPayment = { error: common };
  const window = (extra: Partial<PayWindow>): PayWindow => ({ now: T, sentAt: T - 1_000, expiresAt: T + 19_000, payTimeoutMs: 90_000, noPaymentAnswers: 0, ...extra });

  it('closes once the offer has expired and the pay request is no longer on its way (its time limit passed, or it never left)', () => {
    expect(payWindowClosed(window({}))).toBe(false);
    expect(payWindowClosed(window({ now: T + 20_000 }))).toBe(false);
    expect(payWindowClosed(window({ now: T + 89_000 }))).toBe(true);
    expect(payWindowClosed(window({ now: T + 18_000, unsent: true }))).toBe(false);
    expect(payWindowClosed(window({ now: T + 19_000, unsent: true }))).toBe(true);
    // A payment known by its offer id only: its offer's expiry is not known, the window never closes.
    expect(payWindowClosed(window({ now: T + 3_600_000, expiresAt: undefined }))).toBe(false);
  });

  it(`reads "no payment" as never made after ${NO_PAYMENT_ANSWERS} answers in a row once the window has closed, and never before`, () => {
    const closed = window({ now: T + 100_000 });
    expect(judgePayment('sent', noPayment, { ...closed, noPaymentAnswers: 0 })).toBe('unknown');
    expect(judgePayment('sent', noPayment, { ...closed, noPaymentAnswers: NO_PAYMENT_ANSWERS - 1 })).toBe('not-made');
    expect(judgePayment('sent', noPayment, { ...window({}), noPaymentAnswers: 5 })).toBe('unknown');
    expect(judgePayment('sent', noPayment)).toBe('unknown');
    // Vault answered the pay request: the payment exists, whatever the status check says.
    expect(judgePayment('accepted', noPayment, { ...closed, noPaymentAnswers: 5 })).toBe('unknown');
    // A network error or a refused token is no answer about the payment.
    expect(judgePayment('sent', { error: { kind: 'network', messageKey: 'error.network', retryable: true } }, { ...closed, noPaymentAnswers: 5 })).toBe('unknown');
    expect(judgePayment('sent', { error: { ...common, kind: 'auth', status: 401 } }, { ...closed, noPaymentAnswers: 5 })).toBe('unknown');
    expect(judgePayment('refused', noPayment)).toBe('not-made');
  });
});
