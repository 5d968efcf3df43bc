/**
 * What the customer reads: a failed payment in their words with the next step, fee lines and the
 * rate as people quote them, the total on the Pay button, and the summary from the offer on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectPayin, createTranslator, en, type MessageKey } from '../src/index.js';
import { seal } from '../src/sealed.js';
import { harness, sampleOffer } from './machine-harness.js';

const catalog = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../src/i18n/locales/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const deCatalog = catalog('de');
const esCatalog = catalog('es');

type H = ReturnType<typeof harness>;
const state = (h: H) => h.actor.getSnapshot();

async function toLiveOffer(h: H) {
  await h.until((s) => s.matches({ card: 'choosing' }));
  h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
  h.actor.send({ type: 'FIELD.CHANGE', field: 'amount', value: '31' });
  h.actor.send({ type: 'QUOTE.SUBMIT' });
  await h.until((s) => s.matches({ offer: 'live' }));
}

/** Pays the live offer and answers the status check with `status`; the failure screen's view. */
async function failWith(status: Record<string, unknown>, locale?: { locale: string; messages: Record<string, string> }) {
  const h = harness({ actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status: 'FAILURE', ...status }) } });
  await toLiveOffer(h);
  h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
  await h.until((s) => s.matches('failure'));
  return connectPayin(state(h), undefined, locale);
}

describe('a failed payment in the customer’s words', () => {
  it.each([
    // Vault's documented statuses, and the others of the sandbox's test cards.
    [{ transactionStatus: 'Do not honour', transactionStatusCode: 400 }, 'do-not-honour', 'Your bank declined this payment.', 'another-card', 'Do not honour (400)'],
    [{ transactionStatus: 'Wrong response from provider', transactionStatusCode: 305 }, 'provider-error', en['failure.provider-error'], 'try-later', 'Wrong response from provider (305)'],
    [{ transactionStatus: 'Insufficient funds', transactionStatusCode: 51 }, 'insufficient-funds', en['failure.insufficient-funds'], 'another-card', 'Insufficient funds (51)'],
    [{ transactionStatus: 'Declined by the card issuer (3-D Secure)', transactionStatusCode: 400 }, '3ds-declined', en['failure.3ds-declined'], 'contact-bank', 'Declined by the card issuer (3-D Secure) (400)'],
    [{ transactionStatus: 'Cancelled by the customer', transactionStatusCode: 499 }, 'cancelled', en['failure.cancelled'], 'try-again', 'Cancelled by the customer (499)'],
    // Text in other capitals, or a code alone, reads the same.
    [{ transactionStatus: 'DO NOT HONOR' }, 'do-not-honour', en['failure.do-not-honour'], 'another-card', 'DO NOT HONOR'],
    [{ transactionStatusCode: 51 }, 'insufficient-funds', en['failure.insufficient-funds'], 'another-card', '51'],
    [{ originalTransactionStatus: 'wrong response from provider' }, 'provider-error', en['failure.provider-error'], 'try-later', 'wrong response from provider'],
    // Unknown: a generic sentence, never a blank, and never the processor's text alone.
    [{ transactionStatus: 'Card velocity exceeded', transactionStatusCode: 61 }, 'unknown', 'Your payment did not go through.', 'another-card', 'Card velocity exceeded (61)'],
    [{}, 'unknown', 'Your payment did not go through.', 'another-card', undefined],
  ] as [Record<string, unknown>, string, string, string, string | undefined][])('%j → %s', async (status, outcome, message, advice, detail) => {
    const view = await failWith(status);
    expect(view.failure).toMatchObject({ outcome, message, advice, adviceText: en[`failure.advice.${advice}` as MessageKey] });
    expect(view.failure?.detail).toBe(detail);
    if (detail) expect(view.failure?.message.toLowerCase()).not.toContain(detail.split(' (')[0]?.toLowerCase());
    expect(view.heading).toBe(view.failure?.heading);
    expect(view.heading).toBeTruthy();
  });

  it('leads a decline to another card: changeCard is offered, the same card is not', async () => {
    const declined = await failWith({ transactionStatus: 'Do not honour', transactionStatusCode: 400 });
    expect(declined.heading).toBe('Your card was declined');
    expect(declined.can.changeCard).toBe(true);
    expect(declined.can.retry).toBe(false);
    expect(declined.t('failure.anotherCard')).toBe('Use another card');
    expect(declined.failure?.lead).toBe('changeCard');
    const providerError = await failWith({ transactionStatus: 'Wrong response from provider', transactionStatusCode: 305 });
    expect(providerError.can.retry).toBe(true);
    expect(providerError.can.changeCard).toBe(true);
    expect(providerError.failure?.lead).toBe('retry');
    // The bank declined at 3-D Secure: trying again may work, but the bank or another card leads.
    const threeDS = await failWith({ transactionStatus: 'Declined by the card issuer (3-D Secure)', transactionStatusCode: 400 });
    expect(threeDS.can.retry).toBe(true);
    expect(threeDS.failure?.lead).toBe('changeCard');
    expect((await failWith({ transactionStatus: 'Cancelled by the customer', transactionStatusCode: 499 })).failure?.lead).toBe('retry');
  });

  it('changeCard on a decline goes back to the card choice', async () => {
    const h = harness({ actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status: 'FAILURE', transactionStatus: 'Do not honour', transactionStatusCode: 400 }) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('failure'));
    connectPayin(state(h), h.actor.send).changeCard();
    await h.until((s) => s.matches({ card: 'choosing' }));
  });

  it('speaks German and Spanish, Vault’s text kept as the detail', async () => {
    const status = { transactionStatus: 'Do not honour', transactionStatusCode: 400 };
    const de = await failWith(status, { locale: 'de', messages: deCatalog });
    expect(de.failure).toMatchObject({ heading: 'Ihre Karte wurde abgelehnt', message: 'Ihre Bank hat diese Zahlung abgelehnt.', detail: 'Do not honour (400)' });
    const es = await failWith(status, { locale: 'es', messages: esCatalog });
    expect(es.failure).toMatchObject({ heading: 'Su tarjeta ha sido rechazada', message: 'Su banco ha rechazado este pago.' });
    expect(es.t('failure.details')).toBe('Detalles');
  });

  it('keeps the meaning of a KYC failure', async () => {
    const h = harness({
      actors: {
        pay: async () => {
          throw Object.assign(new Error('Please verify'), { name: 'VaultApiError', status: 403, error: 'KYC_LEVEL_REQUIRED', data: { requiredLevel: 'KYC_2', currentLevel: 'KYC_1' } });
        },
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('failure'));
    const view = connectPayin(state(h));
    expect(view.failure).toMatchObject({ outcome: 'kyc-required', advice: 'verify-identity', message: 'Please complete identity verification (KYC_2) before paying.' });
    expect(view.failure?.detail).toBeUndefined();
  });
});

describe('fee lines, rate, Pay button and summary', () => {
  it('labels the fees Vault names and writes other names in sentence case', async () => {
    const h = harness({
      actors: {
        createOffer: async () => ({
          ...sampleOffer(),
          feeInfo: [
            { name: 'Crypterium gas', value: 0.155, valueOld: 0.155, scale: 8, currency: 'EUR' },
            { name: 'Additional Fee', value: 0.155, valueOld: 0.155, scale: 8, currency: 'EUR' },
            { name: 'Transaction fee', value: 0.93, valueOld: 0.93, scale: 8, currency: 'EUR' },
            { name: 'Card Processing Fee', value: 0.1, valueOld: 0.1, scale: 8, currency: 'EUR' },
            { name: 'SEPA Surcharge', value: 0.1, valueOld: 0.1, scale: 8, currency: 'EUR' },
          ],
        }),
      },
    });
    await toLiveOffer(h);
    expect(connectPayin(state(h)).offer?.fees.map((fee) => fee.name)).toEqual(['Network fee', 'Additional fee', 'Transaction fee', 'Card processing fee', 'SEPA surcharge']);
    expect(connectPayin(state(h), undefined, { locale: 'de', messages: deCatalog }).offer?.fees.map((fee) => fee.name).slice(0, 3)).toEqual([
      'Netzwerkgebühr',
      'Zusatzgebühr',
      'Transaktionsgebühr',
    ]);
  });

  it('reads the rate as people quote it: the crypto’s price in fiat when a unit of it is worth more', async () => {
    const cheap = harness();
    await toLiveOffer(cheap);
    expect(connectPayin(state(cheap)).offer?.rate).toBe('1 EUR = 1.06627297 USDC');
    // 1 ÷ 0.00001628 = 61425.0614…; 1 ÷ 0.32 = 3.125, half-up to 3.13.
    for (const [rate, text, german] of [
      [0.00001628, '1 USDC = €61,425.06', '1 USDC = 61.425,06\u00a0€'],
      [0.32, '1 USDC = €3.13', '1 USDC = 3,13\u00a0€'],
    ] as const) {
      const h = harness({ actors: { createOffer: async () => sampleOffer(7402, rate) } });
      await toLiveOffer(h);
      expect(connectPayin(state(h)).offer?.rate).toBe(text);
      expect(connectPayin(state(h), undefined, { locale: 'de', messages: deCatalog }).offer?.rate).toBe(german);
    }
  });

  it('puts the total on the Pay button and the summary on every screen from the offer on', async () => {
    const h = harness({ actors: { pay: async (input) => ({ offerId: input.offerId, authLink: 'https://bank.example/3ds' }) } });
    await toLiveOffer(h);
    const offer = connectPayin(state(h));
    expect(offer.submitLabel).toBe('Pay €32.24');
    expect(offer.submitLabel).toBe(`Pay ${offer.offer?.totalCharged}`);
    expect(offer.summary).toEqual({ amount: '€32.24', receive: '33.05446194 USDC' });
    expect(offer.summary).toEqual({ amount: offer.offer?.totalCharged, receive: offer.offer?.amountReceived });
    expect(connectPayin(state(h), undefined, { locale: 'es', messages: esCatalog }).submitLabel).toBe('Pagar 32,24\u00a0€');
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('redirect'));
    expect(connectPayin(state(h)).summary).toEqual({ amount: '€32.24', receive: '33.05446194 USDC' });
    h.actor.send({ type: 'REDIRECT.RETURNED' });
    await h.until((s) => s.matches('success'));
    // Vault's own figures once it confirms.
    expect(connectPayin(state(h)).summary).toEqual({ amount: '€32.24', receive: '33.05 USDC' });
  });

  it('names the card on the receipt with its brand, read from the number Vault masks', async () => {
    for (const [maskedPan, card] of [
      ['424242******4242', 'Visa •••• 4242'],
      ['5555***4444', 'Mastercard •••• 4444'],
      ['378282*****0005', 'American Express •••• 0005'],
      ['****9999', '•••• 9999'],
    ] as const) {
      const h = harness({ actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status: 'SUCCESS', maskedPan }) } });
      await toLiveOffer(h);
      h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await h.until((s) => s.matches('success'));
      expect(connectPayin(state(h)).receipt?.card).toBe(card);
    }
  });

  it('has no summary and a plain Pay label before figures exist', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(connectPayin(state(h)).summary).toBeUndefined();
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    await h.until((s) => s.matches('quote'));
    expect(connectPayin(state(h)).summary).toBeUndefined();
  });

  it('has the texts a renderer’s own parts need, in every shipped language', () => {
    const keys = ['trust.secure', 'merchant.payTo', 'summary.amount', 'summary.receive', 'failure.anotherCard', 'failure.details'] as const;
    for (const catalog of [deCatalog, esCatalog] as Record<string, string>[]) for (const key of keys) expect(catalog[key], key).toBeTruthy();
    expect(createTranslator()('merchant.payTo', { merchant: 'Acme' })).toBe('Pay Acme');
    expect(createTranslator(deCatalog)('merchant.payTo', { merchant: 'Acme' })).toBe('An Acme zahlen');
  });
});
