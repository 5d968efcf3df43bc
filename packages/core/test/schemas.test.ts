import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  UnexpectedResponseError,
  billingAddressSchema,
  checkAnswer,
  createOfferRequestSchema,
  fiatRatesSchema,
  kycDataSchema,
  newCardSchema,
  offerSchema,
  payRequestSchema,
  payResultSchema,
  payStatusSchema,
  parseJsonKeepingDigits,
  payinDataSchema,
  profileUpdateSchema,
  tokenResponseSchema,
  updateOfferRequestSchema,
  vaultErrorSchema,
  catalogSchema,
  kycLimitsSchema,
} from '../src/index.js';
import { reference, referenceFiles, referenceText } from './fixtures.js';

/** The schema reading each documented example; requests are the schemas the sandbox checks them with. */
const schemaFor: Record<string, z.ZodMiniType | 'not read by the checkout'> = {
  'Authorization/signin.headers.json': 'not read by the checkout',
  'Authorization/signin.request.json': 'not read by the checkout',
  'Authorization/signin.response.json': tokenResponseSchema,
  'Feature Functionality Management/catalog-operations.response.json': catalogSchema,
  'KYC/limits.response.json': kycLimitsSchema,
  'KYC/status.response.json': kycDataSchema,
  'PayIn/add-card-billing-address.request.json': billingAddressSchema,
  'PayIn/add-card.request.json': newCardSchema,
  'PayIn/create-offer-without-charging-customer.request.json': createOfferRequestSchema,
  'PayIn/create-offer-without-charging-customer.response.json': offerSchema,
  'PayIn/execute-offer-payment.request.json': payRequestSchema,
  'PayIn/execute-offer-payment.response.json': payResultSchema,
  'PayIn/get-available-rates-and-cards-payin.response.json': payinDataSchema,
  'PayIn/get-fiat-rates.response.json': fiatRatesSchema,
  'PayIn/pay-callback.response.json': payStatusSchema,
  'PayIn/update-existing-offer-without.request.json': updateOfferRequestSchema,
  'PayIn/update-existing-offer-without.response.json': offerSchema,
  'Profile/get-customer-profile.response.json': 'not read by the checkout',
  'Profile/update-customer-profile.request.json': profileUpdateSchema,
};

/**
 * An example as a server reads it (the PAN's digits kept, as the sandbox keeps them), with its
 * placeholders made real: the add-card example's expiry (3/2026) has passed.
 */
function asOfToday(file: string): unknown {
  const example = parseJsonKeepingDigits(referenceText(file), new Set(['cardNumber'])) as Record<string, unknown>;
  if (file === 'PayIn/add-card.request.json') example.cardExpirationYear = new Date().getFullYear() + 2;
  return example;
}

describe('schemas and the documented examples', () => {
  const examples = referenceFiles().filter((file) => !file.endsWith('.error.json'));

  it('has a schema for every documented example', () => {
    expect(examples.length).toBeGreaterThan(15);
    expect(examples.filter((file) => !schemaFor[file])).toEqual([]);
  });

  for (const file of examples) {
    const schema = schemaFor[file];
    if (typeof schema !== 'object') continue;
    it(`accepts ${file} as it is`, () => {
      const result = schema.safeParse(asOfToday(file));
      expect(result.error?.issues ?? []).toEqual([]);
    });
  }

  it('reads the error example of every page, the same on each, as a Vault error', () => {
    const errors = referenceFiles().filter((file) => file.endsWith('.error.json'));
    expect(errors).toHaveLength(14);
    for (const file of errors) {
      expect(reference(file)).toEqual(reference('PayIn/add-card.error.json'));
      expect(vaultErrorSchema.parse(reference(file))).toMatchObject({ error: 'COMMON', errorId: 0, systemId: 'core' });
    }
  });

  it('reads the payin data example into what the checkout uses', () => {
    const data = payinDataSchema.parse(reference('PayIn/get-available-rates-and-cards-payin.response.json'));
    expect(data.cards.map((card) => card.cardId)).toEqual(['127', '289', '999', '150']);
    expect(data.cards[1]).toMatchObject({ cardType: 'MASTERCARD', maskedPan: '5570***2778', billingAddressRequired: true });
    expect(data.pairs.find((pair) => pair.currencyTo === 'BTC')?.rate).toBe(1.5174161437903e-5);
    expect(data.feeInfo).toBeNull();
    expect(data.validSeconds).toBe(30);
  });

  it('reads the offer example, nested rate or top-level rate details alike', () => {
    const nested = offerSchema.parse(reference('PayIn/create-offer-without-charging-customer.response.json'));
    expect(nested.offerId).toBe('7402');
    expect(nested.rate.rate).toBe(1.0662729658792651);
    expect(nested.feeInfo.map((fee) => fee.value)).toEqual([0.155, 0.155, 0.93]);

    const { rate, ...rest } = reference('PayIn/update-existing-offer-without.response.json') as { rate: Record<string, unknown> };
    const flat = offerSchema.parse({ ...rest, ...rate, rate: rate.rate });
    expect(flat.rate).toEqual(nested.rate);
  });

  it('survives documented nulls, omitted fields and unknown fields', () => {
    const data = reference('PayIn/get-available-rates-and-cards-payin.response.json') as Record<string, unknown>;
    const parsed = payinDataSchema.parse({
      ...data,
      fees: null,
      fiatPairs: undefined,
      defaultMinAmountFrom: null,
      somethingNew: { nested: [1, 2] },
      cards: [{ cardId: 1, cardType: 'VISA', maskedPan: '4242***4242', minAmountFrom: null }],
    });
    // Without billingAddressRequired, the card needs a billing address: Vault's default is true.
    expect(parsed.cards[0]).toEqual({
      cardId: '1',
      cardType: 'VISA',
      maskedPan: '4242***4242',
      minAmountFrom: 0,
      maxAmountFrom: 0,
      billingAddressRequired: true,
      usable: true,
    });
    expect(parsed.defaultMinAmountFrom).toBe(0);
    expect('somethingNew' in parsed).toBe(false);

    const offer = offerSchema.parse({ ...(reference('PayIn/create-offer-without-charging-customer.response.json') as object), feeInfo: null, fees: null });
    expect(offer.feeInfo).toEqual([]);
  });

  it('rejects an answer missing what the checkout needs, naming the field and no value', () => {
    const { offerId, ...withoutId } = reference('PayIn/create-offer-without-charging-customer.response.json') as Record<string, unknown>;
    const attempt = () => checkAnswer(offerSchema, { ...withoutId, validSeconds: 'soon' }, 'POST /v3/payin/offer', 200);
    expect(attempt).toThrow(UnexpectedResponseError);
    expect(attempt).toThrow('Unexpected answer from POST /v3/payin/offer (HTTP 200): offerId: missing; validSeconds: expected number');

    const status = { ...(reference('PayIn/pay-callback.response.json') as Record<string, unknown>), status: undefined };
    expect(() => checkAnswer(payStatusSchema, status, 'GET /v3/payin/pay-callback', 200)).toThrow('status: missing');
  });
});

/** A documented example with one field set (dotted path; array indexes as numbers). */
function withField(file: string, path: string, value: unknown): unknown {
  const example = structuredClone(reference(file)) as Record<string, unknown>;
  const keys = path.split('.');
  let target = example as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = value;
  return example;
}

const answerSchemas: Record<string, [z.ZodMiniType, string]> = {
  'PayIn/get-available-rates-and-cards-payin.response.json': [payinDataSchema, 'GET /v3/payin/data'],
  'PayIn/get-fiat-rates.response.json': [fiatRatesSchema, 'GET /v3/payin/fiat-rates'],
  'PayIn/create-offer-without-charging-customer.response.json': [offerSchema, 'POST /v3/payin/offer'],
  'PayIn/update-existing-offer-without.response.json': [offerSchema, 'PUT /v3/payin/offer/{offerId}'],
  'PayIn/execute-offer-payment.response.json': [payResultSchema, 'POST /v3/payin/pay/{offerId}'],
  'PayIn/pay-callback.response.json': [payStatusSchema, 'GET /v3/payin/pay-callback'],
};

const NEGATIVE = 'must not be negative';
const NOT_POSITIVE = 'must be above zero';
const TOO_LARGE = 'is too large';
const OUT_OF_RANGE = 'is out of range';
const NOT_AMOUNT = 'is not a non-negative decimal amount';
const feeRow = (percent: number) => [{ amountFrom: { value: 0, currency: 'EUR' }, amountTo: null, percent }];

describe('answers checked for sense', () => {
  // [documented example, field set, absurd value, the problem reported, the path reported when deeper]
  const absurd: [string, string, unknown, string, string?][] = [
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.transactionFee', -0.03, NEGATIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.crypteriumGas', 1.5, OUT_OF_RANGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.rate', -0.025, NEGATIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.partnerFee', 1e13, TOO_LARGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.scale', 40, OUT_OF_RANGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.feeTable', feeRow(101), OUT_OF_RANGE, 'fees.feeTable.0.percent'],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'feeTable', feeRow(-1), NEGATIVE, 'feeTable.0.percent'],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.0.rate', 0, NOT_POSITIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.0.rate', -1.0948105977665863, NOT_POSITIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.8.rate', 1e-13, OUT_OF_RANGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.1.rate', 1e15, OUT_OF_RANGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.0.amountScaleFrom', 19, OUT_OF_RANGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.0.amountScaleTo', -1, OUT_OF_RANGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'cards.0.minAmountFrom', -10, NEGATIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'cards.1.maxAmountFrom', 1e12, TOO_LARGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'defaultMaxAmountFrom', 1e300, TOO_LARGE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'defaultMinAmountFrom', -5, NEGATIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'firstPurchaseLimit.value', -1, NEGATIVE],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'validSeconds', 1.5, 'expected int'],
    ['PayIn/get-fiat-rates.response.json', '0.rate', 0, NOT_POSITIVE],
    ['PayIn/get-fiat-rates.response.json', '3.rate', -163.351439, NOT_POSITIVE],
    ['PayIn/get-fiat-rates.response.json', '4.rate', 2e12, OUT_OF_RANGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.rate', -1.0662729658792651, NOT_POSITIVE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.rate', 0, NOT_POSITIVE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate', 1e-300, OUT_OF_RANGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.commissionPercentage', 101, OUT_OF_RANGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.commissionFix', -0.5, NEGATIVE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.minCrypto', -1, NEGATIVE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.maxCrypto', 1e20, TOO_LARGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'feeInfo.2.value', -0.93, NEGATIVE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'feeInfo.0.value', 1e13, TOO_LARGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'feeInfo.1.valueOld', -0.155, NEGATIVE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'feeInfo.0.scale', 19, OUT_OF_RANGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'fees.transactionFee', 3, OUT_OF_RANGE],
    ['PayIn/create-offer-without-charging-customer.response.json', 'validSeconds', 2.5, 'expected int'],
    ['PayIn/update-existing-offer-without.response.json', 'limit', { value: -100, currency: 'EUR' }, NEGATIVE, 'limit.value'],
    ['PayIn/update-existing-offer-without.response.json', 'validSeconds', 2 ** 60, 'has an unexpected value'],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', 'NaN', NOT_AMOUNT],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', '-52.00', NOT_AMOUNT],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', '1e400', NOT_AMOUNT],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', '', NOT_AMOUNT],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', ' 32.09', NOT_AMOUNT],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', '1234567890123.00', NOT_AMOUNT],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', -32.09, NOT_AMOUNT],
    ['PayIn/pay-callback.response.json', 'amount', -470, NEGATIVE],
    ['PayIn/pay-callback.response.json', 'cryptoAmount', 1e15, TOO_LARGE],
    ['PayIn/pay-callback.response.json', 'blockedAmount.value', -474.7, NEGATIVE],
    ['PayIn/pay-callback.response.json', 'transactionAmount', 'Infinity', NOT_AMOUNT],
  ];

  for (const [file, path, value, problem, reported = path] of absurd) {
    it(`refuses ${file} with ${path} = ${JSON.stringify(value)}, naming the field`, () => {
      const [schema, endpoint] = answerSchemas[file] ?? [];
      if (!schema || !endpoint) throw new Error(`no schema for ${file}`);
      let error: unknown;
      try {
        checkAnswer(schema, withField(file, path, value), endpoint, 200);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as UnexpectedResponseError).issues).toContainEqual({ path: reported, problem });
      // The message names fields, never their values.
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
      if (text.length >= 3) expect((error as Error).message).not.toContain(text);
    });
  }

  // [documented example, field path, a plausible value at the edge, what it reads as]
  const plausible: [string, string, unknown, unknown][] = [
    // The machine clamps validSeconds; the schema only asks for an integer.
    ['PayIn/create-offer-without-charging-customer.response.json', 'validSeconds', 0, 0],
    ['PayIn/create-offer-without-charging-customer.response.json', 'validSeconds', -5, -5],
    ['PayIn/create-offer-without-charging-customer.response.json', 'validSeconds', 2 ** 31, 2 ** 31],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'validSeconds', 0, 0],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.8.rate', 1e-12, 1e-12],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.8.rate', 1e12, 1e12],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.0.amountScaleFrom', 0, 0],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'pairs.0.amountScaleTo', 18, 18],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'fees.transactionFee', 1, 1],
    ['PayIn/get-available-rates-and-cards-payin.response.json', 'defaultMaxAmountFrom', 999_999_999_999.99, 999_999_999_999.99],
    ['PayIn/create-offer-without-charging-customer.response.json', 'rate.commissionPercentage', 100, 100],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', '0', '0'],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', '999999999999.99', '999999999999.99'],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', 474.7, '474.7'],
    ['PayIn/execute-offer-payment.response.json', 'transactionAmount', 1e-7, '0.0000001'],
    ['PayIn/pay-callback.response.json', 'amount', 0, 0],
  ];

  for (const [file, path, value, read] of plausible) {
    it(`accepts ${file} with ${path} = ${JSON.stringify(value)}`, () => {
      const [schema, endpoint] = answerSchemas[file] ?? [];
      if (!schema || !endpoint) throw new Error(`no schema for ${file}`);
      const parsed = checkAnswer(schema, withField(file, path, value), endpoint, 200);
      let at: unknown = parsed;
      for (const key of path.split('.')) at = (at as Record<string, unknown>)[key];
      expect(at).toEqual(read);
    });
  }

  it('names the figure inside a nested offer rate, and a flat rate by its own name', () => {
    const nested = () => checkAnswer(offerSchema, withField('PayIn/create-offer-without-charging-customer.response.json', 'rate.rate', -2), 'POST /v3/payin/offer', 200);
    expect(nested).toThrow('Unexpected answer from POST /v3/payin/offer (HTTP 200): rate.rate: must be above zero');
    const flat = () => checkAnswer(offerSchema, withField('PayIn/create-offer-without-charging-customer.response.json', 'rate', 0), 'POST /v3/payin/offer', 200);
    expect(flat).toThrow('(HTTP 200): rate: must be above zero');
    const wrongType = () => checkAnswer(offerSchema, withField('PayIn/create-offer-without-charging-customer.response.json', 'rate', 'high'), 'POST /v3/payin/offer', 200);
    expect(wrongType).toThrow('(HTTP 200): rate: has an unexpected type');
  });
});
