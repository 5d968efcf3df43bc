import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  UnexpectedResponseError,
  billingAddressSchema,
  checkAnswer,
  createOfferRequestSchema,
  fiatRatesSchema,
  offerSchema,
  payRequestSchema,
  payResultSchema,
  payStatusSchema,
  payinDataSchema,
  updateOfferRequestSchema,
  vaultErrorSchema,
} from '../src/index.js';
import { vaultDoc, vaultDocFiles } from './fixtures.js';

const schemaFor: Record<string, z.ZodMiniType> = {
  'billing-address.request.json': billingAddressSchema,
  'error.response.json': vaultErrorSchema,
  'fiat-rates.response.json': fiatRatesSchema,
  'offer-create.request.json': createOfferRequestSchema,
  'offer-create.response.json': offerSchema,
  'offer-update.request.json': updateOfferRequestSchema,
  'offer-update.response.json': offerSchema,
  'pay-callback.response.json': payStatusSchema,
  'pay.request.json': payRequestSchema,
  'pay.response.json': payResultSchema,
  'payin-data.response.json': payinDataSchema,
};

describe('schemas and the documented examples', () => {
  it('has a schema for every documented example', () => {
    expect(vaultDocFiles().length).toBeGreaterThan(0);
    expect(vaultDocFiles().filter((file) => !schemaFor[file])).toEqual([]);
  });

  for (const file of vaultDocFiles()) {
    it(`accepts ${file} as it is`, () => {
      const schema = schemaFor[file];
      if (!schema) throw new Error(`no schema for ${file}`);
      const result = schema.safeParse(vaultDoc(file));
      expect(result.error?.issues ?? []).toEqual([]);
    });
  }

  it('reads the payin data example into what the checkout uses', () => {
    const data = payinDataSchema.parse(vaultDoc('payin-data.response.json'));
    expect(data.cards.map((card) => card.cardId)).toEqual(['127', '289', '999', '150']);
    expect(data.cards[1]).toMatchObject({ cardType: 'MASTERCARD', maskedPan: '5570***2778', billingAddressRequired: true });
    expect(data.pairs.find((pair) => pair.currencyTo === 'BTC')?.rate).toBe(1.5174161437903e-5);
    expect(data.feeInfo).toBeNull();
    expect(data.validSeconds).toBe(30);
  });

  it('reads the offer example, nested rate or top-level rate details alike', () => {
    const nested = offerSchema.parse(vaultDoc('offer-create.response.json'));
    expect(nested.offerId).toBe('7402');
    expect(nested.rate.rate).toBe(1.0662729658792651);
    expect(nested.feeInfo.map((fee) => fee.value)).toEqual([0.155, 0.155, 0.93]);

    const { rate, ...rest } = vaultDoc('offer-update.response.json') as { rate: Record<string, unknown> };
    const flat = offerSchema.parse({ ...rest, ...rate, rate: rate.rate });
    expect(flat.rate).toEqual(nested.rate);
  });

  it('survives documented nulls, omitted fields and unknown fields', () => {
    const data = vaultDoc('payin-data.response.json') as Record<string, unknown>;
    const parsed = payinDataSchema.parse({
      ...data,
      fees: null,
      fiatPairs: undefined,
      defaultMinAmountFrom: null,
      somethingNew: { nested: [1, 2] },
      cards: [{ cardId: 1, cardType: 'VISA', maskedPan: '4242***4242', minAmountFrom: null }],
    });
    expect(parsed.cards[0]).toEqual({
      cardId: '1',
      cardType: 'VISA',
      maskedPan: '4242***4242',
      minAmountFrom: 0,
      maxAmountFrom: 0,
      billingAddressRequired: false,
    });
    expect(parsed.defaultMinAmountFrom).toBe(0);
    expect('somethingNew' in parsed).toBe(false);

    const offer = offerSchema.parse({ ...(vaultDoc('offer-create.response.json') as object), feeInfo: null, fees: null });
    expect(offer.feeInfo).toEqual([]);
  });

  it('rejects an answer missing what the checkout needs, naming the field and no value', () => {
    const { offerId, ...withoutId } = vaultDoc('offer-create.response.json') as Record<string, unknown>;
    const attempt = () => checkAnswer(offerSchema, { ...withoutId, validSeconds: 'soon' }, 'POST /v3/payin/offer', 200);
    expect(attempt).toThrow(UnexpectedResponseError);
    expect(attempt).toThrow('Unexpected answer from POST /v3/payin/offer (HTTP 200): offerId: missing; validSeconds: expected number');

    const status = { ...(vaultDoc('pay-callback.response.json') as Record<string, unknown>), status: undefined };
    expect(() => checkAnswer(payStatusSchema, status, 'GET /v3/payin/pay-callback', 200)).toThrow('status: missing');
  });
});

/** A documented example with one field set (dotted path; array indexes as numbers). */
function withField(file: string, path: string, value: unknown): unknown {
  const example = structuredClone(vaultDoc(file)) as Record<string, unknown>;
  const keys = path.split('.');
  let target = example as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = value;
  return example;
}

const answerSchemas: Record<string, [z.ZodMiniType, string]> = {
  'payin-data.response.json': [payinDataSchema, 'GET /v3/payin/data'],
  'fiat-rates.response.json': [fiatRatesSchema, 'GET /v3/payin/fiat-rates'],
  'offer-create.response.json': [offerSchema, 'POST /v3/payin/offer'],
  'offer-update.response.json': [offerSchema, 'PUT /v3/payin/offer/{offerId}'],
  'pay.response.json': [payResultSchema, 'POST /v3/payin/pay/{offerId}'],
  'pay-callback.response.json': [payStatusSchema, 'GET /v3/payin/pay-callback'],
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
    ['payin-data.response.json', 'fees.transactionFee', -0.03, NEGATIVE],
    ['payin-data.response.json', 'fees.crypteriumGas', 1.5, OUT_OF_RANGE],
    ['payin-data.response.json', 'fees.rate', -0.025, NEGATIVE],
    ['payin-data.response.json', 'fees.partnerFee', 1e13, TOO_LARGE],
    ['payin-data.response.json', 'fees.scale', 40, OUT_OF_RANGE],
    ['payin-data.response.json', 'fees.feeTable', feeRow(101), OUT_OF_RANGE, 'fees.feeTable.0.percent'],
    ['payin-data.response.json', 'feeTable', feeRow(-1), NEGATIVE, 'feeTable.0.percent'],
    ['payin-data.response.json', 'pairs.0.rate', 0, NOT_POSITIVE],
    ['payin-data.response.json', 'pairs.0.rate', -1.0948105977665863, NOT_POSITIVE],
    ['payin-data.response.json', 'pairs.8.rate', 1e-13, OUT_OF_RANGE],
    ['payin-data.response.json', 'pairs.1.rate', 1e15, OUT_OF_RANGE],
    ['payin-data.response.json', 'pairs.0.amountScaleFrom', 19, OUT_OF_RANGE],
    ['payin-data.response.json', 'pairs.0.amountScaleTo', -1, OUT_OF_RANGE],
    ['payin-data.response.json', 'cards.0.minAmountFrom', -10, NEGATIVE],
    ['payin-data.response.json', 'cards.1.maxAmountFrom', 1e12, TOO_LARGE],
    ['payin-data.response.json', 'defaultMaxAmountFrom', 1e300, TOO_LARGE],
    ['payin-data.response.json', 'defaultMinAmountFrom', -5, NEGATIVE],
    ['payin-data.response.json', 'firstPurchaseLimit.value', -1, NEGATIVE],
    ['payin-data.response.json', 'validSeconds', 1.5, 'expected int'],
    ['fiat-rates.response.json', '0.rate', 0, NOT_POSITIVE],
    ['fiat-rates.response.json', '3.rate', -163.351439, NOT_POSITIVE],
    ['fiat-rates.response.json', '4.rate', 2e12, OUT_OF_RANGE],
    ['offer-create.response.json', 'rate.rate', -1.0662729658792651, NOT_POSITIVE],
    ['offer-create.response.json', 'rate.rate', 0, NOT_POSITIVE],
    ['offer-create.response.json', 'rate', 1e-300, OUT_OF_RANGE],
    ['offer-create.response.json', 'rate.commissionPercentage', 101, OUT_OF_RANGE],
    ['offer-create.response.json', 'rate.commissionFix', -0.5, NEGATIVE],
    ['offer-create.response.json', 'rate.minCrypto', -1, NEGATIVE],
    ['offer-create.response.json', 'rate.maxCrypto', 1e20, TOO_LARGE],
    ['offer-create.response.json', 'feeInfo.2.value', -0.93, NEGATIVE],
    ['offer-create.response.json', 'feeInfo.0.value', 1e13, TOO_LARGE],
    ['offer-create.response.json', 'feeInfo.1.valueOld', -0.155, NEGATIVE],
    ['offer-create.response.json', 'feeInfo.0.scale', 19, OUT_OF_RANGE],
    ['offer-create.response.json', 'fees.transactionFee', 3, OUT_OF_RANGE],
    ['offer-create.response.json', 'validSeconds', 2.5, 'expected int'],
    ['offer-update.response.json', 'limit', { value: -100, currency: 'EUR' }, NEGATIVE, 'limit.value'],
    ['offer-update.response.json', 'validSeconds', 2 ** 60, 'has an unexpected value'],
    ['pay.response.json', 'transactionAmount', 'NaN', NOT_AMOUNT],
    ['pay.response.json', 'transactionAmount', '-52.00', NOT_AMOUNT],
    ['pay.response.json', 'transactionAmount', '1e400', NOT_AMOUNT],
    ['pay.response.json', 'transactionAmount', '', NOT_AMOUNT],
    ['pay.response.json', 'transactionAmount', ' 32.09', NOT_AMOUNT],
    ['pay.response.json', 'transactionAmount', '1234567890123.00', NOT_AMOUNT],
    ['pay.response.json', 'transactionAmount', -32.09, NOT_AMOUNT],
    ['pay-callback.response.json', 'amount', -470, NEGATIVE],
    ['pay-callback.response.json', 'cryptoAmount', 1e15, TOO_LARGE],
    ['pay-callback.response.json', 'blockedAmount.value', -474.7, NEGATIVE],
    ['pay-callback.response.json', 'transactionAmount', 'Infinity', NOT_AMOUNT],
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
    ['offer-create.response.json', 'validSeconds', 0, 0],
    ['offer-create.response.json', 'validSeconds', -5, -5],
    ['offer-create.response.json', 'validSeconds', 2 ** 31, 2 ** 31],
    ['payin-data.response.json', 'validSeconds', 0, 0],
    ['payin-data.response.json', 'pairs.8.rate', 1e-12, 1e-12],
    ['payin-data.response.json', 'pairs.8.rate', 1e12, 1e12],
    ['payin-data.response.json', 'pairs.0.amountScaleFrom', 0, 0],
    ['payin-data.response.json', 'pairs.0.amountScaleTo', 18, 18],
    ['payin-data.response.json', 'fees.transactionFee', 1, 1],
    ['payin-data.response.json', 'defaultMaxAmountFrom', 999_999_999_999.99, 999_999_999_999.99],
    ['offer-create.response.json', 'rate.commissionPercentage', 100, 100],
    ['pay.response.json', 'transactionAmount', '0', '0'],
    ['pay.response.json', 'transactionAmount', '999999999999.99', '999999999999.99'],
    ['pay.response.json', 'transactionAmount', 474.7, '474.7'],
    ['pay.response.json', 'transactionAmount', 1e-7, '0.0000001'],
    ['pay-callback.response.json', 'amount', 0, 0],
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
    const nested = () => checkAnswer(offerSchema, withField('offer-create.response.json', 'rate.rate', -2), 'POST /v3/payin/offer', 200);
    expect(nested).toThrow('Unexpected answer from POST /v3/payin/offer (HTTP 200): rate.rate: must be above zero');
    const flat = () => checkAnswer(offerSchema, withField('offer-create.response.json', 'rate', 0), 'POST /v3/payin/offer', 200);
    expect(flat).toThrow('(HTTP 200): rate: must be above zero');
    const wrongType = () => checkAnswer(offerSchema, withField('offer-create.response.json', 'rate', 'high'), 'POST /v3/payin/offer', 200);
    expect(wrongType).toThrow('(HTTP 200): rate: has an unexpected type');
  });
});
