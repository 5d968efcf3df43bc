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
