import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  connectPayin,
  payinMachine,
  readResumeRecord,
  readResumeRecords,
  RESUME_KEY,
  seal,
  UnexpectedResponseError,
  VaultApiError,
  type CheckoutError,
  type Operation,
  type PayinClient,
  type PayinSnapshot,
} from '../src/index.js';
import { harness, machineKeys, sampleData, sampleOffer, seen, START } from './machine-harness.js';

/** A shipped catalog, as a renderer hands it to connectPayin. */
const catalog = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../src/i18n/locales/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const de = catalog('de');
const es = catalog('es');

const card = (number = '4242 4242 4242 4242', expiry = '12 / 30') => seal({ number, expiry });
const address = { cardHolder: 'Ada Lovelace', address: '1 Main St', city: 'Berlin', zip: '10115', countryCode: 'DE' };
const profile = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10', residenceCountry: 'DE', residenceCity: 'Berlin', residenceStreet: '1 Main St', residenceZipCode: '10115' };

type H = ReturnType<typeof harness>;
const fill = (h: H, values: Record<string, string>) => {
  for (const [field, value] of Object.entries(values)) h.actor.send({ type: 'FIELD.CHANGE', field: field as never, value });
};
const state = (h: H) => h.actor.getSnapshot();

/** From a fresh harness with saved cards, to a live offer for card 127 and 31 EUR. */
async function toLiveOffer(h: H) {
  await h.until((s) => s.matches({ card: 'choosing' }));
  h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
  fill(h, { amount: '31' });
  h.actor.send({ type: 'QUOTE.SUBMIT' });
  await h.until((s) => s.matches({ offer: 'live' }));
}

describe('payinMachine: card step', () => {
  it('loads saved cards and moves to the quote when one is chosen', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(connectPayin(state(h)).cards.map((c) => c.label)).toEqual([
      'Visa •••• 3896',
      'Mastercard •••• 2778',
      'Mastercard •••• 7382',
      'Visa •••• 1881',
    ]);
    h.actor.send({ type: 'CARD.SELECT', cardId: '999999' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    expect(state(h).value).toEqual({ quote: 'idle' });
    expect(h.emitted.filter((e) => e.type === 'state-change').map((e) => (e as { step: string }).step)).toEqual(['card', 'quote']);
  });

  it('collects the profile first when the host says the customer is new and the level is below KYC_0', async () => {
    let profileSaved = false;
    const h = harness({
      input: { newCustomer: true },
      actors: {
        getKycData: async () => ({ kycLevel: profileSaved ? 'KYC_0' : 'NONE' }),
        updateProfile: async () => void (profileSaved = true),
      },
    });
    await h.until((s) => s.matches({ card: 'profile' }));
    h.actor.send({ type: 'PROFILE.SUBMIT' });
    expect(state(h).context.fieldErrors).toMatchObject({ firstName: 'field.required', dateOfBirth: 'field.required' });
    fill(h, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '2015-01-01',
      residenceCountry: 'de',
      residenceCity: 'Berlin',
      residenceStreet: '1 Main St',
      residenceZipCode: '10115',
    });
    h.actor.send({ type: 'PROFILE.SUBMIT' });
    expect(state(h).context.fieldErrors).toEqual({ dateOfBirth: 'field.age' });
    fill(h, { dateOfBirth: '1990-12-10' });
    h.actor.send({ type: 'PROFILE.SUBMIT' });
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(h.callsOf('updateProfile')[0]?.input.profile).toMatchObject({ residenceCountry: 'DE', primaryCurrency: 'EUR' });
    // Vault took the profile: the cards come next, without asking the level again.
    expect(h.callsOf('getKycData')).toHaveLength(1);
    expect(h.callsOf('getData')).toHaveLength(1);
    expect(state(h).context.kycLevel).toBeUndefined();
  });

  it('loads the cards first, and asks for the profile when Vault refuses them for want of KYC_0, without asking the level', async () => {
    let profileSaved = false;
    const h = harness({
      actors: {
        getData: async () => {
          if (!profileSaved) throw vaultError(403, 'KYC_LEVEL_REQUIRED', { data: { requiredLevel: 'KYC_0', currentLevel: 'NONE' } });
          return sampleData();
        },
        updateProfile: async () => void (profileSaved = true),
      },
    });
    await h.until((s) => s.matches({ card: 'profile' }));
    expect(state(h).context.error).toBeUndefined();
    fill(h, profile);
    h.actor.send({ type: 'PROFILE.SUBMIT' });
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(h.calls.map((call) => call.actor)).toEqual(['getData', 'updateProfile', 'getData']);
  });

  it('asks the level when Vault refuses the cards for a higher one: the profile first below KYC_0, then the refusal stands', async () => {
    let profileSaved = false;
    const h = harness({
      actors: {
        getKycData: async () => ({ kycLevel: profileSaved ? 'KYC_0' : 'NONE' }),
        getData: fails(kycError()),
        updateProfile: async () => void (profileSaved = true),
      },
    });
    await h.until((s) => s.matches({ card: 'profile' }));
    expect(state(h).context).toMatchObject({ kycLevel: 'NONE', kycRefusal: undefined, error: undefined });
    fill(h, profile);
    h.actor.send({ type: 'PROFILE.SUBMIT' });
    await h.until((s) => s.matches('failure'));
    expect(state(h).context.failure).toEqual({ kind: 'kyc-required', level: 'KYC_1' });
    expect(state(h).context.kycRefusal).toBeUndefined();
    expect(h.emitted.filter((e) => e.type === 'kyc-required')).toEqual([{ type: 'kyc-required', level: 'KYC_1' }]);
    expect(h.calls.map((call) => call.actor)).toEqual(['getData', 'getKycData', 'updateProfile', 'getData', 'getKycData']);
  });

  it('asks the level again after a failed check of a refusal, and the refusal is asked anew', async () => {
    let kycDown = true;
    const h = harness({
      actors: {
        getKycData: async () => {
          if (kycDown) throw networkError();
          return { kycLevel: 'KYC_0' };
        },
        getData: fails(kycError()),
      },
    });
    await h.until((s) => s.matches({ card: 'error' }));
    kycDown = false;
    h.actor.send({ type: 'RETRY' });
    // The old refusal is dropped: the cards are asked again, and their refusal sends to the level anew.
    expect(state(h).context.kycRefusal).toBeUndefined();
    expect(state(h).matches({ card: 'loading' })).toBe(true);
    await h.until((s) => s.matches('failure'));
    expect(h.calls.map((call) => call.actor)).toEqual(['getData', 'getKycData', 'getData', 'getKycData']);
  });

  it('checks a new card before sending it, then picks it from the reloaded list by brand and last 4', async () => {
    const data = sampleData();
    data.cards = [];
    let added = false;
    const h = harness({
      actors: {
        addCard: async () => void (added = true),
        getData: async () => {
          if (!added) return data;
          return { ...data, cards: [{ cardId: 501, cardType: 'VISA', maskedPan: '4242***4242', minAmountFrom: 0, maxAmountFrom: 0, billingAddressRequired: false }] };
        },
      },
    });
    await h.until((s) => s.matches({ card: 'newCard' }));
    h.actor.send({ type: 'CARD.ADD', card: card('4242 4242 4242 4241', '13/30') });
    expect(state(h).context.fieldErrors).toEqual({
      cardNumber: 'field.luhn',
      cardExpiry: 'field.expiry-format',
      cardHolder: 'field.required',
      address: 'field.required',
      city: 'field.required',
      zip: 'field.required',
      countryCode: 'field.required',
    });
    h.actor.send({ type: 'CARD.ADD', card: card('4242 4242 4242 4242', '01/20') });
    expect(state(h).context.fieldErrors.cardExpiry).toBe('field.expired');
    expect(h.callsOf('addCard')).toHaveLength(0);

    fill(h, address);
    h.actor.send({ type: 'CARD.ADD', card: card() });
    await h.until((s) => s.matches('quote'));
    expect(state(h).context.cardId).toBe('501');
    expect(h.callsOf('addCard')).toHaveLength(1);
  });

  it('sends the address of the new card when the saved card still needs a billing address', async () => {
    const data = sampleData();
    let added = false;
    const h = harness({
      actors: {
        addCard: async () => void (added = true),
        getData: async () =>
          !added
            ? { ...data, cards: [] }
            : { ...data, cards: [{ cardId: 77, cardType: 'MASTERCARD', maskedPan: '5555***4444', billingAddressRequired: true }] },
      },
    });
    await h.until((s) => s.matches({ card: 'newCard' }));
    fill(h, address);
    h.actor.send({ type: 'CARD.ADD', card: card('5555 5555 5555 4444') });
    await h.until((s) => s.matches('quote'));
    expect(h.callsOf('addBillingAddress')[0]?.input).toMatchObject({ cardId: '77' });
  });

  it('asks for a billing address when a saved card needs one', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '289' });
    expect(state(h).matches({ card: 'billing' })).toBe(true);
    h.actor.send({ type: 'BILLING.SUBMIT' });
    expect(state(h).context.fieldErrors.address).toBe('field.required');
    h.actor.send({ type: 'BACK' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
    h.actor.send({ type: 'CARD.SELECT', cardId: '289' });
    fill(h, address);
    h.actor.send({ type: 'BILLING.SUBMIT' });
    await h.until((s) => s.matches('quote'));
    expect(state(h).context.data?.cards.find((c) => c.cardId === '289')?.billingAddressRequired).toBe(false);
  });
});

describe('payinMachine: quote and offer', () => {
  it('validates the amount live against the pair and the limits, and shows an estimate', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    expect(state(h).context.fieldErrors.amount).toBe('field.amount-required');
    const cases: [string, string | undefined][] = [
      ['abc', 'field.amount'],
      ['0', 'field.amount-positive'],
      ['9.99', 'field.amount-min'],
      ['5000.01', 'field.amount-max'],
      ['10.123', 'field.amount-decimals'],
      ['31', undefined],
    ];
    for (const [typed, key] of cases) {
      fill(h, { amount: typed });
      expect(state(h).context.fieldErrors.amount).toBe(key);
    }
    const view = connectPayin(state(h));
    expect(view.fields.amount).toMatchObject({ value: '31', hint: 'From €10.00 to €5,000.00' });
    expect(view.fields.amount.error).toBeUndefined();
    expect(view.limits).toBe('From €10.00 to €5,000.00');
    expect(view.estimate).toMatchObject({ estimate: true, totalCharged: '€32.24', amountReceived: '33.93912853 USDC' });
    fill(h, { amount: '5000.01' });
    expect(connectPayin(state(h)).fields.amount.error).toBe('The maximum is €5,000.00.');
    expect(connectPayin(state(h), undefined, { locale: 'de', messages: de }).fields.amount.error).toBe('Der Höchstbetrag ist 5.000,00\u00a0€.');
    fill(h, { toCurrency: 'DOGE', amount: '31' });
    expect(state(h).context.fieldErrors.amount).toBe('field.pair-unavailable');
  });

  it('keeps what is wrong with the amount with the figure its message names', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    const cases: [string, { key: string; limit?: string; decimals?: number } | undefined][] = [
      ['9.99', { key: 'field.amount-min', limit: '10' }],
      ['5000.01', { key: 'field.amount-max', limit: '5000' }],
      ['10.123', { key: 'field.amount-decimals', decimals: 2 }],
      ['abc', { key: 'field.amount' }],
      ['31', undefined],
      ['', undefined],
    ];
    for (const [typed, issue] of cases) {
      fill(h, { amount: typed });
      expect(state(h).context.amountIssue).toEqual(issue);
      expect(state(h).context.fieldErrors.amount).toBe(issue?.key);
    }
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    expect(state(h).context.amountIssue).toEqual({ key: 'field.amount-required' });
    expect(state(h).context.fieldErrors.amount).toBe('field.amount-required');
  });

  it('creates an offer, counts down, and re-quotes by itself on expiry', async () => {
    let offerId = 7400;
    const h = harness({ actors: { createOffer: async () => sampleOffer((offerId += 1)) } });
    await toLiveOffer(h);
    expect(h.emitted.find((e) => e.type === 'offer')).toMatchObject({
      offer: { offerId: '7401', amount: '31', totalCharged: '32.24', fromCurrency: 'EUR', toCurrency: 'USDC', expiresAt: START + 20_000 },
    });
    expect(connectPayin(state(h)).offer?.secondsLeft).toBe(20);
    await h.advance(5_000);
    expect(connectPayin(state(h)).offer?.secondsLeft).toBe(15);
    expect(connectPayin(state(h)).countdownAnnouncement).toBe('This offer expires in 15 seconds.');
    await h.advance(1_000);
    expect(connectPayin(state(h)).countdownAnnouncement).toBeUndefined();
    await h.advance(14_250);
    expect(state(h).context.offer?.offer.offerId).toBe('7402');
    expect(connectPayin(state(h)).notice).toBe('The offer was refreshed.');
    expect(h.callsOf('createOffer')).toHaveLength(2);
  });

  it('holds the re-quote while the page is hidden and makes it on return', async () => {
    const h = harness();
    await toLiveOffer(h);
    h.actor.send({ type: 'PAGE.HIDDEN' });
    await h.advance(60_000, 1_000);
    expect(state(h).matches({ offer: 'expired' })).toBe(true);
    expect(h.callsOf('createOffer')).toHaveLength(1);
    expect(connectPayin(state(h)).status).toBe('This offer has expired.');
    h.actor.send({ type: 'PAGE.VISIBLE' });
    await h.until((s) => s.matches({ offer: 'live' }));
    expect(h.callsOf('createOffer')).toHaveLength(2);
  });

  it('never changes the price silently: a worse re-quote waits for the customer to accept it', async () => {
    const rates = [1.0662729658792651, 1.0, 1.1];
    const h = harness({ actors: { createOffer: async () => sampleOffer(7000 + h.calls.length, rates.shift()) } });
    await toLiveOffer(h);
    await h.advance(20_000);
    expect(state(h).context.priceChanged).toBe(true);
    const view = connectPayin(state(h));
    expect(view.can.pay).toBe(false);
    expect(view.can.acceptPrice).toBe(true);
    expect(view.notice).toBe('The price has changed. Please check the new figures and accept them to pay.');
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    expect(state(h).matches({ offer: 'live' })).toBe(true);
    expect(state(h).context.notice).toBe('notice.confirm-price');
    h.actor.send({ type: 'PRICE.ACCEPT' });
    expect(connectPayin(state(h)).can.pay).toBe(true);
    // A better price is simply shown.
    await h.advance(20_000);
    expect(state(h).context.priceChanged).toBe(false);
    expect(h.callsOf('pay')).toHaveLength(0);
  });

  it('updates the offer when the amount changes, latest change wins and older answers are dropped', async () => {
    const resolvers: ((value: unknown) => void)[] = [];
    const h = harness({
      actors: {
        updateOffer: (input) =>
          new Promise((resolve) => {
            resolvers.push(() => resolve({ ...sampleOffer(7402), feeInfo: [{ name: 'Transaction fee', value: Number(input.amount) * 0.03 }] }));
          }),
      },
    });
    await toLiveOffer(h);
    fill(h, { amount: '40' });
    expect(state(h).matches({ editing: 'debouncing' })).toBe(true);
    await h.advance(250);
    fill(h, { amount: '50' });
    await h.advance(500);
    expect(state(h).matches({ editing: 'updating' })).toBe(true);
    expect(h.callsOf('updateOffer').map((c) => c.input.amount)).toEqual(['50']);
    fill(h, { amount: '60' });
    expect(h.callsOf('updateOffer')[0]?.signal.aborted).toBe(true);
    await h.advance(500);
    expect(h.callsOf('updateOffer').map((c) => c.input.amount)).toEqual(['50', '60']);
    expect(h.callsOf('updateOffer')[1]?.input).toMatchObject({ offerId: '7402', toAmount: '63.97637795', fromCurrency: 'EUR', toCurrency: 'USDC' });
    resolvers[1]?.(undefined);
    await h.until((s) => s.matches({ offer: 'live' }));
    resolvers[0]?.(undefined); // the stale answer for 50 arrives late
    await h.settle();
    expect(state(h).context.offer?.amount).toBe('60');
    expect(connectPayin(state(h)).offer?.fees).toEqual([{ name: 'Transaction fee', amount: '€1.80' }]);
    expect(state(h).context.priceChanged).toBe(false);
  });

  it('goes back to the quote when the edited amount is out of limits', async () => {
    const h = harness();
    await toLiveOffer(h);
    fill(h, { amount: '1' });
    await h.advance(500);
    expect(state(h).matches('quote')).toBe(true);
    expect(state(h).context.fieldErrors.amount).toBe('field.amount-min');
    expect(h.callsOf('updateOffer')).toHaveLength(0);
  });
});

describe('payinMachine: paying', () => {
  it('sends exactly one pay request whatever the customer does', async () => {
    const h = harness({ actors: { getPayStatus: () => new Promise(() => undefined) } });
    await toLiveOffer(h);
    for (let i = 0; i < 20; i += 1) h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('verifying'));
    for (let i = 0; i < 5; i += 1) h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    expect(h.callsOf('pay')).toHaveLength(1);
    // The return address names the offer, so that a page without storage finds the payment again.
    expect(h.callsOf('pay')[0]?.input).toMatchObject({ offerId: '7402', successUrl: 'https://shop.example/return?payin_offer=7402', fingerprint: { browserLanguage: 'en' } });
  });

  it('checks the CVV before paying', async () => {
    const h = harness();
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('12') });
    expect(state(h).context.fieldErrors.cardCVV).toBe('field.cvv');
    expect(connectPayin(state(h)).fields.cardCVV.error).toBe('Enter the 3-digit security code.');
    expect(h.callsOf('pay')).toHaveLength(0);
  });

  it('re-quotes an offer with under 3 s left instead of paying it', async () => {
    const h = harness();
    await toLiveOffer(h);
    await h.advance(17_500);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ offer: 'live' }));
    expect(h.callsOf('pay')).toHaveLength(0);
    expect(h.callsOf('createOffer')).toHaveLength(2);
    expect(connectPayin(state(h)).notice).toContain('press Pay again');
  });

  it('asks for the status instead of re-sending when pay gets no answer', async () => {
    let fail = true;
    const network = Object.assign(new Error('No answer'), { name: 'PayinNetworkError', kind: 'network' });
    const h = harness({
      actors: {
        pay: async () => {
          throw network;
        },
        getPayStatus: async (input) => {
          if (fail) {
            fail = false;
            throw network;
          }
          return { offerId: input.offerId, status: 'SUCCESS' };
        },
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('verifying'));
    await h.advance(3_000);
    await h.until((s) => s.matches('success'));
    expect(h.callsOf('pay')).toHaveLength(1);
    expect(h.callsOf('getPayStatus')).toHaveLength(2);
  });

  it('gets a fresh offer when Vault refuses the pay outright and knows no payment for it (nothing was charged)', async () => {
    let offerId = 7401;
    const h = harness({
      actors: {
        getPayStatus: fails(vaultError(404, 'NOT_FOUND')),
        pay: async () => {
          throw Object.assign(new Error('The offer has expired'), {
            name: 'VaultApiError',
            status: 400,
            error: 'OFFER_EXPIRED',
            errorId: 1,
            field: 'offerId',
          });
        },
        createOffer: async () => sampleOffer((offerId += 1)),
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    // The refusal is checked against Vault's status before any new offer: an "already paid" would show up there.
    expect(h.callsOf('getPayStatus').map((c) => c.input.offerId)).toEqual(['7402']);
    expect(connectPayin(state(h)).error).toEqual({ kind: 'field', message: 'The offer has expired', retryable: false });
    expect(h.emitted.some((e) => e.type === 'error')).toBe(true);
    expect(h.store.getItem(RESUME_KEY)).toBeNull();
  });

  it('ends in kyc-required when paying needs KYC_1', async () => {
    const h = harness({
      actors: {
        pay: async () => {
          throw Object.assign(new Error('Please verify'), {
            name: 'VaultApiError',
            status: 403,
            error: 'KYC_LEVEL_REQUIRED',
            data: { requiredLevel: 'KYC_1', currentLevel: 'KYC_0' },
          });
        },
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('failure'));
    expect(h.emitted).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
    expect(connectPayin(state(h)).failure?.message).toBe('Please complete identity verification (KYC_1) before paying.');
  });

  it('asks the status, never re-sends, when pay meets a refused token; the host is asked to sign in again when the token stays refused', async () => {
    const unauthorized = vaultError(401, 'UNAUTHORIZED');
    const h = harness({ actors: { pay: fails(unauthorized), getPayStatus: fails(unauthorized) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ verifying: 'blocked' }));
    expect(h.callsOf('pay')).toHaveLength(1);
    expect(h.emitted).toContainEqual({ type: 'auth-required' });
    const view = connectPayin(state(h));
    expect(view.can.checkStatus).toBe(true);
    expect(view.can.retry).toBe(false); // no new purchase while this one is unknown
    expect(view.paymentReference).toBe('7402');
  });

  it('after a refused token on pay and a fresh one, a payment Vault does not know was not made: confirm again on a fresh offer', async () => {
    let offerId = 7401;
    const h = harness({
      actors: { pay: fails(vaultError(401, 'UNAUTHORIZED')), getPayStatus: fails(vaultError(404, 'NOT_FOUND')), createOffer: async () => sampleOffer((offerId += 1)) },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    expect(h.callsOf('pay')).toHaveLength(1);
    expect(connectPayin(state(h)).error?.message).toBe('Your payment was not taken and nothing was charged. Please confirm it again.');
    expect(h.emitted).not.toContainEqual({ type: 'auth-required' });
  });
});

describe('payinMachine: redirect and verifying', () => {
  const threeDs = { pay: async (input: Record<string, unknown>) => ({ offerId: input.offerId, authLink: 'https://bank.example/3ds/abc' }) };

  it('saves a resume record without card data, emits the bank URL and verifies on return', async () => {
    const statuses = ['PENDING', 'IN_PROGRESS', 'SUCCESS'];
    const h = harness({
      actors: { ...threeDs, getPayStatus: async (input) => ({ offerId: input.offerId, status: statuses.shift(), amount: 31, currency: 'EUR', cryptoAmount: 33.05, cryptoCurrency: 'USDC', transactionAmount: '32.24' }) },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('redirect'));
    expect(h.emitted).toContainEqual({ type: 'redirect', url: 'https://bank.example/3ds/abc', offerId: '7402' });
    const record = readResumeRecord(h.store, h.clock.now(), 60_000);
    expect(record).toEqual({
      offerId: '7402',
      amount: '31',
      fromCurrency: 'EUR',
      toCurrency: 'USDC',
      toAmount: '33.05446194',
      cardId: '127',
      cardLabel: 'VISA 3896',
      authLink: 'https://bank.example/3ds/abc',
      stage: 'accepted',
      savedAt: START,
      // The offer's 20 s, by this device's clock: no payment of it can be taken after.
      expiresAt: START + 20_000,
    });
    expect(connectPayin(state(h)).redirectUrl).toBe('https://bank.example/3ds/abc');
    h.actor.send({ type: 'REDIRECT.RETURNED' });
    await h.until((s) => s.matches({ verifying: 'waiting' }));
    const started = h.clock.now();
    await h.advance(1_000);
    expect(h.callsOf('getPayStatus')).toHaveLength(2);
    await h.advance(1_500);
    await h.until((s) => s.matches('success'));
    expect(h.clock.now() - started).toBe(2_500); // waits 1 s, then 1.5 s
    expect(h.store.getItem(RESUME_KEY)).toBeNull();
    expect(h.actor.getSnapshot().output).toMatchObject({ offerId: '7402', totalCharged: '32.24', cryptoAmount: '33.05' });
    const receipt = connectPayin(state(h)).receipt;
    expect(receipt).toMatchObject({ reference: '7402', amount: '€31.00', totalCharged: '€32.24', received: '33.05 USDC' });
    expect(h.emitted.find((e) => e.type === 'success')).toMatchObject({ receipt: { offerId: '7402' } });
  });

  it('resumes from a stored record straight into verifying', async () => {
    const first = harness({ actors: threeDs });
    await toLiveOffer(first);
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await first.until((s) => s.matches('redirect'));
    first.actor.stop();

    const second = harness({ store: first.store });
    await second.until((s) => s.matches('success'));
    expect(second.callsOf('getKycData')).toHaveLength(0);
    expect(second.callsOf('getPayStatus')[0]?.input.offerId).toBe('7402');
    expect(second.store.getItem(RESUME_KEY)).toBeNull();
  });

  it('ignores a resume record older than the bound', async () => {
    const first = harness({ actors: threeDs });
    await toLiveOffer(first);
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await first.until((s) => s.matches('redirect'));
    first.actor.stop();
    const second = harness({ store: first.store, input: { now: () => START + 25 * 60 * 60_000 } });
    await second.until((s) => s.matches({ card: 'choosing' }));
    expect(second.store.getItem(RESUME_KEY)).toBeNull();
  });

  it('fails with the bank reason, then RETRY makes a fresh offer for the same card and amount', async () => {
    let offerId = 7401;
    const h = harness({
      actors: {
        getPayStatus: async (input) => ({ offerId: input.offerId, status: 'FAILURE', transactionStatus: 'Do not honour', transactionStatusCode: 400 }),
        createOffer: async () => sampleOffer((offerId += 1)),
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('failure'));
    expect(h.emitted).toContainEqual({ type: 'failure', reason: { kind: 'declined', message: 'Do not honour', code: 400 } });
    expect(connectPayin(state(h)).failure).toMatchObject({ message: 'Your bank declined this payment.', advice: 'another-card', detail: 'Do not honour (400)' });
    h.actor.send({ type: 'RETRY' });
    await h.until((s) => s.matches({ offer: 'live' }));
    expect(h.callsOf('createOffer').at(-1)?.input).toMatchObject({ cardId: '127', amount: '31', fromCurrency: 'EUR', toCurrency: 'USDC' });
    expect(state(h).context.offer?.offer.offerId).toBe('7403');
  });

  it('polls with backoff up to 5 s, pauses while hidden, and past the bound says the payment is still being confirmed', async () => {
    const h = harness({
      actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status: 'PENDING' }) },
      input: { options: { verifyTimeoutMs: 60_000 } },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ verifying: 'waiting' }));
    await h.advance(30_000, 100);
    expect(connectPayin(state(h)).can.checkStatus).toBe(false); // polling by itself, nothing to press
    const polls = h.callsOf('getPayStatus').length;
    expect(polls).toBeGreaterThanOrEqual(8); // 1 + 1, 1.5, 2.25, 3.4, 5, 5, 5, 5 s…
    expect(polls).toBeLessThanOrEqual(10);
    h.actor.send({ type: 'PAGE.HIDDEN' });
    await h.advance(10_000, 500);
    expect(state(h).matches({ verifying: 'paused' })).toBe(true);
    const whileHidden = h.callsOf('getPayStatus').length;
    await h.advance(10_000, 500);
    expect(h.callsOf('getPayStatus')).toHaveLength(whileHidden);
    h.actor.send({ type: 'PAGE.VISIBLE' });
    await h.advance(30_000, 500);
    expect(state(h).matches({ verifying: 'timedOut' })).toBe(true);
    const view = connectPayin(state(h));
    expect(view.status).toBe('Your payment is still being confirmed. This can take a few minutes; you can check again. Please do not pay again until it is confirmed.');
    expect(view.paymentReference).toBe('7402');
    expect(view.can.retry).toBe(false);
    expect(view.can.checkStatus).toBe(true);
    expect(view.failure).toBeUndefined();
    h.actor.send({ type: 'STATUS.CHECK' });
    expect(state(h).matches({ verifying: 'checking' })).toBe(true);
  });

  it('never treats "not found" after a pay that got no answer as "not made": still being confirmed, no new purchase', async () => {
    const h = harness({
      actors: { pay: fails(networkError()), getPayStatus: fails(vaultError(404, 'NOT_FOUND')) },
      input: { options: { verifyTimeoutMs: 60_000 } },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.advance(70_000, 1_000);
    expect(state(h).matches({ verifying: 'timedOut' })).toBe(true);
    expect(state(h).context.failure).toBeUndefined();
    const view = connectPayin(state(h));
    expect(view.can.retry).toBe(false);
    expect(view.can.checkStatus).toBe(true);
    expect(readResumeRecord(h.store, h.clock.now(), 60 * 60_000)).toMatchObject({ offerId: '7402', stage: 'sent' });
  });
});

describe('payinMachine: errors always leave a way forward', () => {
  const failing = (name: string) => async () => {
    throw Object.assign(new Error(`${name} failed`), { name: 'PayinNetworkError', kind: 'network' });
  };

  it('retries loading after a network error', async () => {
    let first = true;
    const h = harness({
      actors: {
        getData: async () => {
          if (first) {
            first = false;
            return failing('getData')();
          }
          return sampleData();
        },
      },
    });
    await h.until((s) => s.matches({ card: 'error' }));
    const view = connectPayin(state(h));
    expect(view.screen).toBe('error');
    expect(view.error?.message).toBe('We could not reach the payment service. Check your connection and try again.');
    expect(view.can.retry).toBe(true);
    h.actor.send({ type: 'RETRY' });
    await h.until((s) => s.matches({ card: 'choosing' }));
  });

  it('retries an offer after a server error, and can go back to the quote', async () => {
    const h = harness({ actors: { createOffer: failing('createOffer') } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    fill(h, { amount: '31' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches({ offer: 'error' }));
    h.actor.send({ type: 'RETRY' });
    await h.until((s) => s.matches({ offer: 'error' }));
    expect(h.callsOf('createOffer')).toHaveLength(2);
    h.actor.send({ type: 'BACK' });
    expect(state(h).matches('quote')).toBe(true);
    expect(state(h).context.fields.amount).toBe('31');
  });

  it('puts a field Vault refused back on the form', async () => {
    const h = harness({
      actors: {
        createOffer: async () => {
          throw Object.assign(new Error('Amount must be at least 20 EUR'), { name: 'VaultApiError', status: 400, error: 'VALIDATION_ERROR', field: 'amount' });
        },
      },
    });
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    fill(h, { amount: '15' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches('quote') && s.context.fieldErrors.amount !== undefined);
    expect(connectPayin(state(h)).fields.amount).toMatchObject({ value: '15', errorKey: 'error.field', error: 'Amount must be at least 20 EUR' });
  });
});

describe('payinMachine: card data', () => {
  it('keeps PAN, CVV and expiry out of every snapshot, emitted event and stored record', async () => {
    const pan = '4000 0000 0000 3220';
    const digits = pan.replace(/\s/g, '');
    const data = sampleData();
    let added = false;
    const h = harness({
      actors: {
        addCard: async () => void (added = true),
        getData: async () => ({ ...data, cards: added ? [{ cardId: 9, cardType: 'VISA', maskedPan: '4000***3220' }] : [] }),
        pay: async (input) => ({ offerId: input.offerId, authLink: 'https://bank.example/3ds' }),
      },
    });
    await h.until((s) => s.matches({ card: 'newCard' }));
    fill(h, address);
    h.actor.send({ type: 'CARD.ADD', card: seal({ number: pan, expiry: '11 / 31' }) });
    await h.until((s) => s.matches('quote'));
    fill(h, { amount: '31' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches({ offer: 'live' }));
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('987') });
    await h.until((s) => s.matches('redirect'));
    const stored = h.store.getItem(RESUME_KEY);
    h.actor.send({ type: 'REDIRECT.RETURNED' });
    await h.until((s) => s.matches('success'));

    const everything = JSON.stringify({ snapshots: h.snapshots, emitted: h.emitted, stored, calls: h.calls.map((c) => c.input) });
    expect(everything).toContain('3220'); // the last four may show
    for (const secret of [digits, '40000000', '"987"', '11 / 31', '11/31']) expect(everything).not.toContain(secret);
    expect(JSON.stringify({ snapshots: h.snapshots, emitted: h.emitted, stored })).not.toMatch(/cvv|cardNumber|expiry/i);
    expect(everything).toContain('[sealed]');
  });
});

describe('payinMachine: view model', () => {
  it('speaks German and Spanish', async () => {
    const h = harness();
    await toLiveOffer(h);
    expect(connectPayin(state(h), undefined, { locale: 'de-DE', messages: de }).offer).toMatchObject({ totalCharged: '32,24\u00a0€', amountReceived: '33,05446194 USDC' });
    expect(connectPayin(state(h), undefined, { locale: 'de', messages: de }).heading).toBe('Ihr Angebot');
    expect(connectPayin(state(h), undefined, { locale: 'es', messages: es }).heading).toBe('Su oferta');
    expect(connectPayin(state(h), undefined, { locale: 'fr' }).heading).toBe('Your offer');
    expect(connectPayin(state(h), undefined, { messages: { 'step.offer': 'Your quote' } }).heading).toBe('Your quote');
  });

  it('lists only brand and last four of saved cards', async () => {
    const h = harness();
    await h.until((s: PayinSnapshot) => s.matches({ card: 'choosing' }));
    expect(connectPayin(state(h)).cards[0]).toEqual({
      cardId: '127',
      brand: 'visa',
      cardType: 'VISA',
      last4: '3896',
      label: 'Visa •••• 3896',
      needsBillingAddress: false,
      usable: true,
    });
  });
});

const vaultError = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${error} (test)`), { name: 'VaultApiError', status, error, errorId: 1, ...extra });
const fails = (error: Error) => async () => {
  throw error;
};
const kycError = () => vaultError(403, 'KYC_LEVEL_REQUIRED', { data: { requiredLevel: 'KYC_1' } });
const networkError = () => Object.assign(new Error('No answer (test)'), { name: 'PayinNetworkError', kind: 'network' });

describe('payinMachine: every way back and every failure', () => {
  it('asks the host to sign in again wherever the token is refused for good', async () => {
    const h = harness({ input: { newCustomer: true }, actors: { getKycData: fails(vaultError(401, 'UNAUTHORIZED')) } });
    await h.until((s) => s.matches({ card: 'error' }));
    expect(h.emitted).toContainEqual({ type: 'auth-required' });
    expect(connectPayin(state(h)).error?.message).toBe('Your session has ended. Please sign in again.');
  });

  it('moves between saved cards and the new-card form', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.NEW' });
    expect(state(h).matches({ card: 'newCard' })).toBe(true);
    h.actor.send({ type: 'BACK' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
    h.actor.send({ type: 'CARD.NEW' });
    h.actor.send({ type: 'CARD.CHANGE' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
  });

  it('says so when an added card does not show up in the list', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.NEW' });
    fill(h, address);
    h.actor.send({ type: 'CARD.ADD', card: card('5105 1051 0510 5100') });
    await h.until((s) => s.matches({ card: 'choosing' }) && s.context.notice !== undefined);
    expect(connectPayin(state(h)).notice).toBe('Your card was added, but we could not find it in your list. Please choose it.');
  });

  it('handles failures of the KYC check, the profile, the data, the card and the billing address', async () => {
    const kyc = harness({ input: { newCustomer: true }, actors: { getKycData: fails(networkError()) } });
    await kyc.until((s) => s.matches({ card: 'error' }));

    const profileField = harness({
      input: { newCustomer: true },
      actors: { getKycData: async () => ({ kycLevel: 'NONE' }), updateProfile: fails(vaultError(400, 'VALIDATION_ERROR', { field: 'dateOfBirth' })) },
    });
    await profileField.until((s) => s.matches({ card: 'profile' }));
    fill(profileField, { firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', residenceCountry: 'DE', residenceCity: 'C', residenceStreet: 'D', residenceZipCode: '1' });
    profileField.actor.send({ type: 'PROFILE.SUBMIT' });
    await profileField.until((s) => s.matches({ card: 'profile' }) && s.context.fieldErrors.dateOfBirth === 'error.field');
    expect(connectPayin(state(profileField)).fields.dateOfBirth.error).toBe('VALIDATION_ERROR (test)');

    const profileDown = harness({ input: { newCustomer: true }, actors: { getKycData: async () => ({ kycLevel: 'NONE' }), updateProfile: fails(vaultError(503, 'COMMON')) } });
    await profileDown.until((s) => s.matches({ card: 'profile' }));
    fill(profileDown, { firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', residenceCountry: 'DE', residenceCity: 'C', residenceStreet: 'D', residenceZipCode: '1' });
    profileDown.actor.send({ type: 'PROFILE.SUBMIT' });
    await profileDown.until((s) => s.matches({ card: 'error' }));

    const dataKyc = harness({ actors: { getData: fails(kycError()) } });
    await dataKyc.until((s) => s.matches('failure'));
    expect(state(dataKyc).context.failure).toEqual({ kind: 'kyc-required', level: 'KYC_1' });

    const cardField = harness({ actors: { addCard: fails(vaultError(400, 'VALIDATION_ERROR', { field: 'cardNumber' })) } });
    await cardField.until((s) => s.matches({ card: 'choosing' }));
    cardField.actor.send({ type: 'CARD.NEW' });
    fill(cardField, address);
    cardField.actor.send({ type: 'CARD.ADD', card: card() });
    await cardField.until((s) => s.matches({ card: 'newCard' }) && s.context.fieldErrors.cardNumber !== undefined);
    expect(state(cardField).context.fields.cardHolder).toBe('Ada Lovelace'); // nothing entered is lost

    const cardDown = harness({ actors: { addCard: fails(networkError()) } });
    await cardDown.until((s) => s.matches({ card: 'choosing' }));
    cardDown.actor.send({ type: 'CARD.NEW' });
    fill(cardDown, address);
    cardDown.actor.send({ type: 'CARD.ADD', card: card() });
    await cardDown.until((s) => s.matches({ card: 'error' }));

    for (const [error, check] of [
      [vaultError(400, 'VALIDATION_ERROR', { field: 'billingAddress.zip' }), (s: PayinSnapshot) => s.context.fieldErrors.zip === 'error.field'],
      [networkError(), (s: PayinSnapshot) => s.context.error?.kind === 'network'],
    ] as const) {
      const billing = harness({ actors: { addBillingAddress: fails(error) } });
      await billing.until((s) => s.matches({ card: 'choosing' }));
      billing.actor.send({ type: 'CARD.SELECT', cardId: '289' });
      fill(billing, address);
      billing.actor.send({ type: 'BILLING.SUBMIT' });
      await billing.until((s) => s.matches({ card: 'billing' }) && check(s));
    }
  });

  it('refreshes rates and limits when they expire on the quote, keeping the old ones if that fails', async () => {
    let calls = 0;
    const h = harness({
      actors: {
        getData: async () => {
          calls += 1;
          if (calls === 3) throw networkError();
          return sampleData();
        },
      },
    });
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    await h.advance(31_000, 1_000);
    expect(calls).toBe(2);
    await h.advance(30_000, 1_000);
    expect(calls).toBe(3);
    expect(state(h).matches({ quote: 'idle' })).toBe(true);
    expect(state(h).context.data).toBeDefined();
    h.actor.send({ type: 'CARD.CHANGE' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    h.actor.send({ type: 'BACK' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
  });

  it('leaves an offer for another card, an edit back to the quote, and keeps other fields while an offer is live', async () => {
    const h = harness();
    await toLiveOffer(h);
    fill(h, { cardHolder: 'A. Lovelace' });
    expect(state(h).matches({ offer: 'live' })).toBe(true);
    h.actor.send({ type: 'PAGE.HIDDEN' });
    h.actor.send({ type: 'PAGE.VISIBLE' });
    expect(state(h).context.pageHidden).toBe(false);
    fill(h, { amount: '45' });
    h.actor.send({ type: 'BACK' });
    expect(state(h).matches('quote')).toBe(true);
    expect(state(h).context.fields.amount).toBe('45');
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches({ offer: 'live' }));
    h.actor.send({ type: 'CARD.CHANGE' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
  });

  it('retries an expired offer on request', async () => {
    const h = harness();
    await toLiveOffer(h);
    h.actor.send({ type: 'PAGE.HIDDEN' });
    await h.advance(21_000, 1_000);
    expect(state(h).matches({ offer: 'expired' })).toBe(true);
    h.actor.send({ type: 'RETRY' });
    await h.until((s) => s.matches({ offer: 'live' }));
  });

  it('sends a refused offer field back to the quote and KYC refusals to the end', async () => {
    const kyc = harness({ actors: { createOffer: fails(kycError()) } });
    await kyc.until((s) => s.matches({ card: 'choosing' }));
    kyc.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    fill(kyc, { amount: '31' });
    kyc.actor.send({ type: 'QUOTE.SUBMIT' });
    await kyc.until((s) => s.matches('failure'));
    expect(kyc.emitted).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
  });

  it('handles every failure of an offer update', async () => {
    const cases: [Error, (s: PayinSnapshot) => boolean][] = [
      [vaultError(400, 'VALIDATION_ERROR', { field: 'toAmount' }), (s) => s.matches('quote') && s.context.fieldErrors.amount === 'error.field'],
      [kycError(), (s) => s.matches('failure')],
      [vaultError(400, 'OFFER_EXPIRED'), (s) => s.matches({ offer: 'live' }) && s.context.offer?.amount === '50'],
    ];
    for (const [error, check] of cases) {
      const h = harness({ actors: { updateOffer: fails(error) } });
      await toLiveOffer(h);
      fill(h, { amount: '50' });
      await h.advance(500);
      await h.until(check);
      expect(h.callsOf('updateOffer')).toHaveLength(1);
    }
    const back = harness();
    await toLiveOffer(back);
    fill(back, { amount: '50' });
    back.actor.send({ type: 'BACK' });
    expect(state(back).matches('quote')).toBe(true);
  });

  it('gets a fresh offer when Vault refuses the CVV, marking the field', async () => {
    let offerId = 7401;
    const h = harness({
      actors: {
        pay: fails(vaultError(400, 'VALIDATION_ERROR', { field: 'cardCVV' })),
        getPayStatus: fails(vaultError(404, 'NOT_FOUND')),
        createOffer: async () => sampleOffer((offerId += 1)),
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    expect(state(h).context.fieldErrors.cardCVV).toBe('error.field');
  });

  it('checks the status from the bank notice on request, and stops on KYC or a refused token', async () => {
    const threeDs = async (input: Record<string, unknown>) => ({ offerId: input.offerId, authLink: 'https://bank.example/3ds' });
    const h = harness({ actors: { pay: threeDs } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('redirect'));
    h.actor.send({ type: 'STATUS.CHECK' });
    await h.until((s) => s.matches('success'));

    const kyc = harness({ actors: { getPayStatus: fails(kycError()) } });
    await toLiveOffer(kyc);
    kyc.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await kyc.until((s) => s.matches('failure'));

    const auth = harness({ actors: { getPayStatus: fails(vaultError(401, 'UNAUTHORIZED')) } });
    await toLiveOffer(auth);
    auth.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await auth.until((s) => s.matches({ verifying: 'blocked' }));
    expect(auth.emitted).toContainEqual({ type: 'auth-required' });
    expect(connectPayin(state(auth)).status).toBe('We could not check your payment because your session has ended.');
    expect(connectPayin(state(auth)).can.checkStatus).toBe(true);
  });

  it('starts over from a failure with no card or amount to retry with, or with another card', async () => {
    const declined = { getPayStatus: async (input: Record<string, unknown>) => ({ offerId: input.offerId, status: 'FAILURE', transactionStatus: 'Do not honour' }) };
    const store = harness().store;
    store.setItem(RESUME_KEY, JSON.stringify({ offerId: '5', amount: '31', fromCurrency: 'EUR', toCurrency: 'BTC', savedAt: START }));
    const resumed = harness({ store, actors: declined });
    await resumed.until((s) => s.matches('failure'));
    resumed.actor.send({ type: 'RETRY' });
    await resumed.until((s) => s.matches({ card: 'choosing' }));

    const withCard = harness({ actors: declined });
    await toLiveOffer(withCard);
    withCard.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await withCard.until((s) => s.matches('failure'));
    withCard.actor.send({ type: 'CARD.CHANGE' });
    expect(state(withCard).matches({ card: 'choosing' })).toBe(true);
  });

  it('loads rates first when retrying a resumed purchase, and handles that load failing', async () => {
    const declined = async (input: Record<string, unknown>) => ({ offerId: input.offerId, status: 'FAILURE', transactionStatus: 'Do not honour' });
    const record = JSON.stringify({ offerId: '5', amount: '31', fromCurrency: 'EUR', toCurrency: 'USDC', cardId: '127', savedAt: START });
    const ok = harness({ actors: { getPayStatus: declined } });
    ok.store.setItem(RESUME_KEY, record);
    const resumed = harness({ store: ok.store, actors: { getPayStatus: declined } });
    await resumed.until((s) => s.matches('failure'));
    resumed.actor.send({ type: 'RETRY' });
    await resumed.until((s) => s.matches({ offer: 'live' }));
    expect(resumed.callsOf('createOffer')[0]?.input).toMatchObject({ cardId: '127', amount: '31' });

    const broken = harness({ actors: { getPayStatus: declined, getData: fails(networkError()) }, input: { resume: JSON.parse(record) } });
    await broken.until((s) => s.matches('failure'));
    broken.actor.send({ type: 'RETRY' });
    await broken.until((s) => s.matches({ offer: 'error' }));
  });
});

describe('payinMachine: a payment once sent is never forgotten', () => {
  const threeDs = async (input: Record<string, unknown>) => ({ offerId: input.offerId, authLink: 'https://bank.example/3ds/abc' });
  const pending = async (input: Record<string, unknown>) => ({ offerId: input.offerId, status: 'PENDING' });

  it('writes the payment record before the pay request leaves, without card data', async () => {
    let recordWhenPaySent: string | null = null;
    const h = harness({
      actors: {
        pay: async (input) => {
          recordWhenPaySent = h.store.getItem(RESUME_KEY);
          return { offerId: input.offerId, authLink: null };
        },
        getPayStatus: pending,
      },
    });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('737') });
    await h.until((s) => s.matches('verifying'));
    expect(JSON.parse(recordWhenPaySent ?? '[]')).toMatchObject([{ offerId: '7402', stage: 'sent', amount: '31', cardLabel: 'VISA 3896' }]);
    expect(recordWhenPaySent).not.toContain('737');
    expect(h.emitted).toContainEqual({ type: 'payment-record', record: expect.objectContaining({ offerId: '7402', stage: 'sent' }), stored: false });
    expect(readResumeRecord(h.store, h.clock.now(), 60_000)).toMatchObject({ offerId: '7402', stage: 'accepted' });
  });

  it('a reload while pay is in flight finds the payment and checks it instead of offering a new purchase', async () => {
    const first = harness({ actors: { pay: () => new Promise(() => undefined) } });
    await toLiveOffer(first);
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    expect(state(first).matches('paying')).toBe(true);
    first.actor.stop(); // the page is reloaded with the request in flight
    const second = harness({ store: first.store, actors: { getPayStatus: pending } });
    await second.until((s) => s.matches('verifying'));
    expect(second.callsOf('getKycData')).toHaveLength(0);
    expect(second.callsOf('getPayStatus')[0]?.input.offerId).toBe('7402');
    expect(connectPayin(state(second)).can.retry).toBe(false);
  });

  it('a second tab paying another offer while the first payment is unknown checks that payment instead', async () => {
    const first = harness({ actors: { pay: () => new Promise(() => undefined) } });
    await toLiveOffer(first);
    const second = harness({ store: first.store, actors: { createOffer: async () => sampleOffer(9001), getPayStatus: pending } });
    await toLiveOffer(second); // opened before the first tab paid
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    second.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await second.until((s) => s.matches('verifying'));
    expect(second.callsOf('pay')).toHaveLength(0);
    expect(second.callsOf('getPayStatus')[0]?.input.offerId).toBe('7402');
  });

  it('keeps the bank page address so that it can be opened again while the payment waits, after a reload too', async () => {
    const first = harness({ actors: { pay: threeDs, getPayStatus: pending } });
    await toLiveOffer(first);
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await first.until((s) => s.matches('redirect'));
    first.actor.send({ type: 'REDIRECT.RETURNED' });
    await first.until((s) => s.matches({ verifying: 'waiting' }));
    expect(connectPayin(state(first)).redirectUrl).toBe('https://bank.example/3ds/abc');
    first.actor.stop();
    const second = harness({ store: first.store, actors: { getPayStatus: pending } });
    await second.until((s) => s.matches({ verifying: 'waiting' }));
    expect(connectPayin(state(second)).redirectUrl).toBe('https://bank.example/3ds/abc');
  });

  it('resumes from the offer id of the return address when storage kept nothing', async () => {
    const h = harness({ input: { resume: { offerId: '7402' } } });
    await h.until((s) => s.matches('success'));
    expect(h.callsOf('getPayStatus')[0]?.input.offerId).toBe('7402');
    expect(h.callsOf('getKycData')).toHaveLength(0);
  });

  it('keeps the record in the page when storage throws, tells the host, and a restarted checkout finds it', async () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const first = harness({ store: broken, actors: { pay: threeDs } });
    await toLiveOffer(first);
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await first.until((s) => s.matches('redirect'));
    expect(first.emitted).toContainEqual({ type: 'payment-record', record: expect.objectContaining({ offerId: '7402', stage: 'accepted' }), stored: false });
    first.actor.stop();
    const second = harness({ store: broken, actors: { getPayStatus: pending } });
    await second.until((s) => s.matches('verifying'));
    expect(second.callsOf('getPayStatus')[0]?.input.offerId).toBe('7402');
  });

  it.each([0, -5, 2 ** 31])('holds an offer with validSeconds %d for a bounded time: no re-quote storm, no timer overflow', async (validSeconds) => {
    const h = harness({ actors: { createOffer: async () => sampleOffer(7402, 1.0662729658792651, validSeconds) } });
    await toLiveOffer(h);
    await h.advance(10_000, 100);
    expect(h.callsOf('createOffer').length).toBeLessThanOrEqual(3);
    const left = (state(h).context.offer?.expiresAt ?? 0) - h.clock.now();
    expect(left).toBeLessThanOrEqual(10 * 60_000);
  });

  it('a page that knows only a refused payment\'s offer id starts over when Vault knows no payment for it', async () => {
    const store = harness().store;
    store.setItem(RESUME_KEY, JSON.stringify({ offerId: '5', stage: 'refused', savedAt: START }));
    const h = harness({ store, actors: { getPayStatus: fails(vaultError(404, 'NOT_FOUND')) } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(connectPayin(state(h)).notice).toBe('Your payment was not taken and nothing was charged. Please confirm it again.');
    expect(store.getItem(RESUME_KEY)).toBeNull();
  });

  it('a late answer to a payment settled elsewhere never overwrites or brings back a record (two payments, two records)', async () => {
    let release: (value: unknown) => void = () => undefined;
    const first = harness({ actors: { pay: (input) => new Promise((resolve) => (release = () => resolve({ offerId: input.offerId, authLink: null }))) } });
    await toLiveOffer(first);
    first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    // Another tab confirms 7402 and drops its record, then pays a new offer 7403 (still unknown).
    const second = harness({ store: first.store });
    await second.until((s) => s.matches('success'));
    const third = harness({ store: first.store, actors: { createOffer: async () => sampleOffer(7403), pay: () => new Promise(() => undefined) } });
    await toLiveOffer(third);
    third.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    release(undefined); // the first tab's late answer for 7402
    await first.until((s) => s.matches('verifying'));
    await first.settle();
    const records = readResumeRecords(first.store, first.clock.now(), 60_000);
    expect(records.map((r) => [r.offerId, r.stage])).toEqual([['7403', 'sent']]);
  });

  it('an amount changed while the offer is being created goes back to the quote: an offer always shows what was asked', async () => {
    let release: (value: unknown) => void = () => undefined;
    const h = harness({ actors: { createOffer: () => new Promise((resolve) => (release = resolve)) } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    fill(h, { amount: '31' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches({ offer: 'creating' }));
    fill(h, { amount: 'abc' });
    expect(state(h).matches('quote')).toBe(true);
    release(sampleOffer());
    await h.settle();
    expect(state(h).matches('quote')).toBe(true);
    expect(state(h).context.offer).toBeUndefined();
    h.actor.send({ type: 'FIELD.CHANGE', field: 'toCurrency', value: 'USDC' }); // a field that is not the amount
    fill(h, { amount: '40' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches({ offer: 'creating' }));
    h.actor.send({ type: 'FIELD.CHANGE', field: 'firstName', value: 'Ada' }); // not a quote field: the request goes on
    expect(state(h).matches({ offer: 'creating' })).toBe(true);
    release(sampleOffer());
    await h.until((s) => s.matches({ offer: 'live' }));
    expect(state(h).context.offer?.amount).toBe('40');
  });

  it('with customers named, one customer\'s unsettled payment never holds back another\'s purchase on the same browser', async () => {
    const ada = harness({ input: { customer: 'ada' }, actors: { pay: () => new Promise(() => undefined) } });
    await toLiveOffer(ada);
    ada.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    expect(readResumeRecords(ada.store, ada.clock.now(), 60_000, 'ada')).toMatchObject([{ offerId: '7402', customer: 'ada' }]);
    const bob = harness({ store: ada.store, input: { customer: 'bob' }, actors: { createOffer: async () => sampleOffer(9001) } });
    await toLiveOffer(bob); // a fresh checkout, not Ada's payment
    bob.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await bob.until((s) => s.matches('success'));
    expect(bob.callsOf('pay').map((c) => c.input.offerId)).toEqual(['9001']);
    // Ada, back on this browser, still finds her payment.
    const adaAgain = harness({ store: ada.store, input: { customer: 'ada' }, actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status: 'PENDING' }) } });
    await adaAgain.until((s) => s.matches('verifying'));
    expect(adaAgain.callsOf('getPayStatus')[0]?.input.offerId).toBe('7402');
  });

  it('"already paid" in answer to pay is checked with Vault: the payment is found, not bought again', async () => {
    const h = harness({ actors: { pay: fails(vaultError(400, 'OFFER_ALREADY_PAID', { field: 'offerId' })) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('success'));
    expect(h.callsOf('createOffer')).toHaveLength(1);
  });
});

describe('payinMachine: Vault as its reference documents it', () => {
  const profileValues = {
    firstName: 'Anna',
    lastName: 'Schmidt',
    dateOfBirth: '1990-05-20',
    residenceCountry: 'DE',
    residenceCity: 'Munich',
    residenceStreet: 'Examplestrasse',
    residenceZipCode: '12345',
  };

  it.each(['KYC1', 'KYC_1', 'KYC2', 'KYC_0'])('takes a %s customer straight to the cards', async (kycLevel) => {
    const h = harness({ input: { newCustomer: true }, actors: { getKycData: async () => ({ kycLevel }) } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(h.snapshots.some((s) => s.matches({ card: 'profile' }))).toBe(false);
    expect(h.callsOf('updateProfile')).toHaveLength(0);
  });

  it('asks for the profile when the level is not one Vault documents and Vault then refuses the cards for want of KYC_0', async () => {
    let profileSaved = false;
    const h = harness({
      input: { newCustomer: true },
      actors: {
        getKycData: async () => ({ kycLevel: profileSaved ? 'KYC_0' : 'UNVERIFIED' }),
        getData: async () => {
          // A 403 whatever its body: the data call needs KYC_0.
          if (!profileSaved) throw new UnexpectedResponseError('GET /v3/payin/data', 403, [{ path: '', problem: "the error answer is not in Vault's format" }]);
          return sampleData();
        },
        updateProfile: async () => void (profileSaved = true),
      },
    });
    await h.until((s) => s.matches({ card: 'profile' }));
    expect(state(h).context.error).toBeUndefined();
    expect(h.emitted.some((e) => e.type === 'kyc-required')).toBe(false);
    fill(h, profileValues);
    h.actor.send({ type: 'PROFILE.SUBMIT' });
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(h.callsOf('updateProfile')[0]?.input.profile).toMatchObject({ residenceCountry: 'DE', dateOfBirth: '1990-05-20' });
  });

  it('knows a KYC refusal by the 403 Vault documents, without the sandbox\'s code or detail', async () => {
    const refusal = new VaultApiError('POST /v3/payin/pay/{offerId}', 403, { error: 'COMMON', message: 'Access to this operation is restricted.' });
    const h = harness({ actors: { pay: fails(refusal) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('failure'));
    expect(h.emitted).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
    expect(h.callsOf('getPayStatus')).toHaveLength(0);
    expect(h.store.getItem(RESUME_KEY)).toBeNull();
  });

  it('keeps a card Vault has not approved in the list, refuses to choose it and says why', async () => {
    const data = sampleData();
    data.cards[0] = { ...data.cards[0], validationStatus: 'UNDER_REVIEW' };
    data.cards[3] = { ...data.cards[3], validationStatus: 'DECLINED' };
    const h = harness({ actors: { getData: async () => data } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    const cards = state(h).context.data?.cards ?? [];
    expect(cards.map((c) => [c.cardId, c.usable, c.unusableReason])).toEqual([
      ['127', false, 'card.unusable-pending'],
      ['289', true, undefined],
      ['999', true, undefined],
      ['150', false, 'card.unusable-denied'],
    ]);
    expect(connectPayin(state(h)).cards.map((c) => [c.cardId, c.usable, c.unusableReason])).toEqual([
      ['127', false, 'This card is still being checked and cannot be used yet. Please choose another card or try again later.'],
      ['289', true, undefined],
      ['999', true, undefined],
      ['150', false, 'This card was not approved. Please use another card.'],
    ]);

    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
    expect(state(h).context.cardId).toBeUndefined();
    expect(connectPayin(state(h)).notice).toBe('This card is still being checked and cannot be used yet. Please choose another card or try again later.');
    h.actor.send({ type: 'CARD.SELECT', cardId: '150' });
    expect(connectPayin(state(h), undefined, { locale: 'de', messages: de }).notice).toBe('Diese Karte wurde nicht freigegeben. Bitte verwenden Sie eine andere Karte.');
    expect(state(h).matches({ card: 'choosing' })).toBe(true);

    h.actor.send({ type: 'CARD.SELECT', cardId: '999' });
    expect(state(h).matches({ card: 'billing' })).toBe(true);
    expect(connectPayin(state(h)).notice).toBeUndefined();
    expect(h.callsOf('createOffer')).toHaveLength(0);
  });

  it('goes back to the list, saying why, when the card just added is not approved yet', async () => {
    const data = sampleData();
    let added = false;
    const pending = { cardId: 501, cardType: 'VISA', maskedPan: '4242***4242', minAmountFrom: 0, maxAmountFrom: 0, validationStatus: 'PENDING', billingAddressRequired: false };
    const h = harness({ actors: { addCard: async () => void (added = true), getData: async () => (added ? { ...data, cards: [...data.cards, pending] } : data) } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.NEW' });
    fill(h, address);
    h.actor.send({ type: 'CARD.ADD', card: card() });
    await h.until((s) => s.matches({ card: 'choosing' }) && s.context.notice !== undefined);
    expect(state(h).context.cardId).toBeUndefined();
    expect(connectPayin(state(h)).notice).toBe('This card is still being checked and cannot be used yet. Please choose another card or try again later.');
    expect(h.snapshots.some((s) => s.matches('quote'))).toBe(false);
  });

  it('reads the status check\'s documented refusal — a 400 naming offerId — as "no payment", after a refused pay only', async () => {
    let offerId = 7401;
    const noPayment = new VaultApiError('GET /v3/payin/pay-callback', 400, { error: 'COMMON', message: 'Offer not found', field: 'offerId' });
    const refused = harness({
      actors: { pay: fails(vaultError(401, 'UNAUTHORIZED')), getPayStatus: fails(noPayment), createOffer: async () => sampleOffer((offerId += 1)) },
    });
    await toLiveOffer(refused);
    refused.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await refused.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    expect(refused.callsOf('pay')).toHaveLength(1);
    expect(refused.store.getItem(RESUME_KEY)).toBeNull();

    // A pay request that got no answer may still reach the bank: the same answer proves nothing then.
    const unanswered = harness({ actors: { pay: fails(networkError()), getPayStatus: fails(noPayment) }, input: { options: { verifyTimeoutMs: 60_000 } } });
    await toLiveOffer(unanswered);
    unanswered.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await unanswered.advance(70_000, 1_000);
    expect(state(unanswered).matches({ verifying: 'timedOut' })).toBe(true);
    expect(connectPayin(state(unanswered)).can.retry).toBe(false);
    expect(readResumeRecord(unanswered.store, unanswered.clock.now(), 60 * 60_000)).toMatchObject({ offerId: '7402', stage: 'sent' });
  });

  it.each(['PENDING', 'PROCESSING', 'IN_PROGRESS', ''])('keeps checking while the status is %j: only SUCCESS and FAILURE are final', async (status) => {
    const h = harness({ actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status }) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ verifying: 'waiting' }));
    await h.advance(5_000, 500);
    expect(h.callsOf('getPayStatus').length).toBeGreaterThan(1);
    expect(state(h).matches('verifying')).toBe(true);
    expect(connectPayin(state(h)).can.retry).toBe(false);
  });
});

describe('payinMachine: offline, and a pay that can no longer happen', () => {
  /** Vault's one documented error answer, as the client raises it for the status check. */
  const common = () =>
    new VaultApiError('GET /v3/payin/pay-callback', 400, {
      error: 'COMMON',
      errorId: 0,
      message: "Sorry for inconvenience. We're fixing the issue. If you have urgent questions, contact support",
      systemId: 'core',
    });
  /** What the pay actor answers when the browser is offline: the request never left. */
  const unsent = async () => {
    throw { kind: 'network', messageKey: 'error.network', retryable: true, unsent: true } satisfies CheckoutError;
  };
  const notTaken = 'Your payment was not taken and nothing was charged. Please confirm it again.';

  it('sends no pay while the browser is offline, says why on the button, and refreshes the offer when the connection is back', async () => {
    let offerId = 7401;
    const h = harness({ actors: { createOffer: async () => sampleOffer((offerId += 1)) } });
    // Elsewhere the connection's state is only noted.
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'NETWORK.OFFLINE' });
    expect(state(h).context.offline).toBe(true);
    h.actor.send({ type: 'NETWORK.ONLINE' });
    expect(state(h).matches({ card: 'choosing' }) && !state(h).context.offline).toBe(true);
    await toLiveOffer(h);
    h.actor.send({ type: 'NETWORK.OFFLINE' });
    const offline = connectPayin(state(h));
    expect(offline.can.pay).toBe(false);
    expect(offline.submitLabel).toBe('You are offline');
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    expect(h.callsOf('pay')).toHaveLength(0);
    expect(state(h).matches({ offer: 'live' })).toBe(true);
    expect(h.store.getItem(RESUME_KEY)).toBeNull();
    h.actor.send({ type: 'NETWORK.ONLINE' });
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    expect(connectPayin(state(h)).can.pay).toBe(true);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('success'));
    expect(h.callsOf('pay').map((call) => call.input.offerId)).toEqual(['7403']);
  });

  it('gets a fresh offer when the connection comes back after the offer expired or failed to refresh offline', async () => {
    let offerId = 7401;
    let online = true;
    const h = harness({
      actors: {
        createOffer: async () => {
          if (!online) throw networkError();
          return sampleOffer((offerId += 1));
        },
      },
    });
    await toLiveOffer(h);
    // Hidden at expiry: the offer waits, expired, and the connection's return renews it.
    h.actor.send({ type: 'PAGE.HIDDEN' });
    await h.advance(21_000, 1_000);
    expect(state(h).matches({ offer: 'expired' })).toBe(true);
    h.actor.send({ type: 'NETWORK.OFFLINE' });
    h.actor.send({ type: 'NETWORK.ONLINE' });
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    // Offline at expiry: the re-quote fails, and the connection's return gets a fresh one.
    h.actor.send({ type: 'PAGE.VISIBLE' });
    h.actor.send({ type: 'NETWORK.OFFLINE' });
    online = false;
    await h.advance(21_000, 1_000);
    expect(state(h).matches({ offer: 'error' })).toBe(true);
    online = true;
    h.actor.send({ type: 'NETWORK.ONLINE' });
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7404');
    expect(connectPayin(state(h)).error).toBeUndefined();
  });

  it('a pay that never left (offline) is settled once its offer has expired: no money taken, a fresh offer for the same card and amount', async () => {
    let offerId = 7401;
    const h = harness({ actors: { pay: unsent, getPayStatus: fails(common()), createOffer: async () => sampleOffer((offerId += 1)) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('verifying'));
    expect(readResumeRecord(h.store, h.clock.now(), 60_000)).toMatchObject({ offerId: '7402', stage: 'sent', unsent: true, expiresAt: START + 20_000 });
    // While the offer still holds, "no payment" proves nothing: keep checking.
    await h.advance(19_000, 500);
    expect(state(h).matches('verifying')).toBe(true);
    await h.advance(10_000, 500);
    await h.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7403');
    expect(connectPayin(state(h)).error?.message).toBe(notTaken);
    expect(state(h).context.cardId).toBe('127');
    expect(state(h).context.fields.amount).toBe('31');
    expect(h.store.getItem(RESUME_KEY)).toBeNull();
    expect(h.callsOf('pay')).toHaveLength(1);
  });

  it('a pay that got no answer is settled only once the offer has expired and the pay request\'s own time limit has passed, after a reload too', async () => {
    const client = { payTimeoutMs: 30_000 } as PayinClient;
    const h = harness({ actors: { pay: fails(networkError()), getPayStatus: fails(common()) }, input: { client } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches('verifying'));
    await h.advance(25_000, 500);
    // The offer has expired, but the pay request may still be on its way: unknown.
    expect(state(h).matches('verifying')).toBe(true);
    expect(connectPayin(state(h)).can.retry).toBe(false);
    h.actor.stop();

    // A reload: the record alone tells the window.
    let offerId = 7410;
    const reloaded = harness({ store: h.store, actors: { getPayStatus: fails(common()), createOffer: async () => sampleOffer((offerId += 1)) }, input: { client } });
    reloaded.clock.set(h.clock.now());
    await reloaded.until((s) => s.matches('verifying'));
    await reloaded.advance(4_000, 500);
    expect(reloaded.actor.getSnapshot().matches('verifying')).toBe(true);
    await reloaded.advance(12_000, 500);
    await reloaded.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId === '7411');
    expect(reloaded.clock.now() - START).toBeGreaterThanOrEqual(30_000);
    expect(connectPayin(reloaded.actor.getSnapshot()).error?.message).toBe(notTaken);
    expect(reloaded.store.getItem(RESUME_KEY)).toBeNull();
  });

  it('asks at once when the connection comes back while the status checks wait', async () => {
    const h = harness({ actors: { getPayStatus: async (input) => ({ offerId: input.offerId, status: 'IN_PROGRESS' }) } });
    await toLiveOffer(h);
    h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await h.until((s) => s.matches({ verifying: 'waiting' }));
    const before = h.callsOf('getPayStatus').length;
    h.actor.send({ type: 'NETWORK.OFFLINE' });
    h.actor.send({ type: 'NETWORK.ONLINE' });
    await h.settle();
    expect(h.callsOf('getPayStatus')).toHaveLength(before + 1);
  });
});

describe('payinMachine: refusals read from Vault\'s documented facts', () => {
  /** What `explained` throws: a refusal sorted with Vault's facts. */
  const explainedError = (error: Partial<CheckoutError>) => async () => {
    throw { kind: 'rejected', messageKey: 'error.rejected', status: 400, code: 'COMMON', retryable: true, ...error } as CheckoutError;
  };
  const payinCard = (extra: Partial<Operation>): Operation => ({ name: 'PAYIN_CARD', constraint: 'NONE', ...extra });

  it('says card purchases are paused for maintenance, with Try again, or not available, without it', async () => {
    const paused = harness({ actors: { getData: explainedError({ kind: 'maintenance', messageKey: 'error.maintenance', facts: { operation: payinCard({ constraint: 'MAINTENANCE' }) } }) } });
    await paused.until((s) => s.matches({ card: 'error' }));
    expect(connectPayin(state(paused)).error).toEqual({ kind: 'maintenance', message: 'Card purchases are paused for maintenance. Try again later.', retryable: true });
    expect(connectPayin(state(paused)).can.retry).toBe(true);

    const disabled = harness({ actors: { getData: explainedError({ kind: 'unavailable', messageKey: 'error.unavailable', retryable: false }) } });
    await disabled.until((s) => s.matches({ card: 'error' }));
    expect(connectPayin(state(disabled)).error?.message).toBe('Card purchases are not available right now. Please pay another way.');
    expect(connectPayin(state(disabled)).can.retry).toBe(false);
  });

  it('takes a currency the catalog leaves out off the quote, naming the field, when Vault refuses an offer or its update in it', async () => {
    const facts = { kycLevel: 'KYC_1', operation: payinCard({ currencyLimit: ['EUR', 'USD', 'BTC', 'ETH'] }) };
    const outside = explainedError({ kind: 'field', field: 'toCurrency', messageKey: 'field.currency-unavailable', retryable: false, facts });
    const h = harness({ actors: { createOffer: outside } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(connectPayin(state(h)).toCurrencies).toContain('USDC');
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    fill(h, { amount: '31' });
    h.actor.send({ type: 'QUOTE.SUBMIT' });
    await h.until((s) => s.matches('quote') && s.context.fieldErrors.toCurrency !== undefined);
    const view = connectPayin(state(h));
    expect(view.fields.toCurrency.error).toBe('Card purchases are not available in this currency.');
    expect(view.toCurrencies).not.toContain('USDC');
    expect(view.toCurrencies.length).toBeGreaterThan(0);
    expect(view.fromCurrencies).toContain('EUR');

    const edited = harness({ actors: { updateOffer: outside } });
    await toLiveOffer(edited);
    fill(edited, { amount: '40' });
    await edited.advance(1_000);
    await edited.until((s) => s.matches('quote') && s.context.fieldErrors.toCurrency !== undefined);
  });
});

describe('payinMachine: coverage', () => {
  // Runs last in this file: every test above records the states and transitions it went through.
  it('has visited every state and taken every transition', () => {
    const all = machineKeys(payinMachine);
    const missingStates = all.states.filter((id) => !seen.states.has(id));
    const missingTransitions = all.transitions.filter((key) => !seen.transitions.has(key));
    console.warn(
      `machine coverage: ${all.states.length - missingStates.length}/${all.states.length} states, ` +
        `${all.transitions.length - missingTransitions.length}/${all.transitions.length} transitions`,
    );
    expect({ missingStates, missingTransitions }).toEqual({ missingStates: [], missingTransitions: [] });
  });
});
