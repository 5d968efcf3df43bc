/**
 * The renderer API of `connectPayin`: intents over `send`, the current screen's fields with the
 * attributes of their controls, and the card-secret helpers. Renderers spread these; none keeps a
 * field table or an event switch of its own.
 */
import { describe, expect, it } from 'vitest';
import { checkSecret, connectPayin, formatSecret, type PayinEvent, type SecretChecks } from '../src/index.js';
import { unseal, type Sealed } from '../src/sealed.js';
import { harness } from './machine-harness.js';

type H = ReturnType<typeof harness>;
const state = (h: H) => h.actor.getSnapshot();

/** A view whose intents record what they send instead of sending it. */
function recorded(h: H) {
  const sent: PayinEvent[] = [];
  return { sent, view: connectPayin(state(h), (event) => sent.push(event)) };
}

async function toNewCard(h: H) {
  await h.until((s) => s.matches({ card: 'choosing' }));
  h.actor.send({ type: 'CARD.NEW' });
  await h.until((s) => s.matches({ card: 'newCard' }));
}

describe('connectPayin: intents', () => {
  it('sends one machine event per intent', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    const { sent, view } = recorded(h);
    view.setField('amount', '50');
    view.selectCard('127');
    view.newCard();
    view.changeCard();
    view.submitProfile();
    view.submitBilling();
    view.getOffer();
    view.acceptPrice();
    view.retry();
    view.back();
    view.checkStatus();
    view.confirmReturn();
    view.setPageHidden(true);
    view.setPageHidden(false);
    expect(sent).toEqual([
      { type: 'FIELD.CHANGE', field: 'amount', value: '50' },
      { type: 'CARD.SELECT', cardId: '127' },
      { type: 'CARD.NEW' },
      { type: 'CARD.CHANGE' },
      { type: 'PROFILE.SUBMIT' },
      { type: 'BILLING.SUBMIT' },
      { type: 'QUOTE.SUBMIT' },
      { type: 'PRICE.ACCEPT' },
      { type: 'RETRY' },
      { type: 'BACK' },
      { type: 'STATUS.CHECK' },
      { type: 'REDIRECT.RETURNED' },
      { type: 'PAGE.HIDDEN' },
      { type: 'PAGE.VISIBLE' },
    ]);
  });

  it('seals card secrets inside addCard and pay: the events show none of them', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    const { sent, view } = recorded(h);
    view.addCard({ number: '4242 4242 4242 4242', expiry: '12 / 30' });
    view.pay('123');
    expect(sent.map((event) => event.type)).toEqual(['CARD.ADD', 'PAY.SUBMIT']);
    const text = JSON.stringify(sent) + sent.map(String).join();
    expect(text).not.toMatch(/4242|12 \/ 30|123/);
    expect(unseal((sent[0] as { card: Sealed<unknown> }).card)).toEqual({ number: '4242 4242 4242 4242', expiry: '12 / 30' });
    expect(unseal((sent[1] as { cvv: Sealed<string> }).cvv)).toBe('123');
  });

  it("submits the current screen's form, with no step switch in the renderer", async () => {
    const h = harness();
    await toNewCard(h);
    const newCard = recorded(h);
    newCard.view.submit({ cardNumber: '4242 4242 4242 4242', cardExpiry: '12 / 30', cardCVV: '999' });
    expect(newCard.sent.map((event) => event.type)).toEqual(['CARD.ADD']);
    expect(unseal((newCard.sent[0] as { card: Sealed<unknown> }).card)).toEqual({ number: '4242 4242 4242 4242', expiry: '12 / 30' });

    h.actor.send({ type: 'BACK' });
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    const quote = recorded(h);
    expect(quote.view.screen).toBe('quote');
    quote.view.submit();
    expect(quote.sent).toEqual([{ type: 'QUOTE.SUBMIT' }]);

    quote.view.setField('amount', '31');
    h.actor.send({ type: 'FIELD.CHANGE', field: 'amount', value: '31' });
    connectPayin(state(h), h.actor.send.bind(h.actor)).submit();
    await h.until((s) => s.matches({ offer: 'live' }));
    const offer = recorded(h);
    offer.view.submit({ cardCVV: '123' });
    expect(offer.sent.map((event) => event.type)).toEqual(['PAY.SUBMIT']);
    expect(unseal((offer.sent[0] as { cvv: Sealed<string> }).cvv)).toBe('123');
  });

  it('drives the machine through actor.send; a read-only view does nothing', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    connectPayin(state(h)).newCard();
    connectPayin(state(h), undefined, { locale: 'de' }).newCard();
    expect(state(h).matches({ card: 'choosing' })).toBe(true);
    connectPayin(state(h), h.actor.send.bind(h.actor)).newCard();
    expect(state(h).matches({ card: 'newCard' })).toBe(true);
    expect(connectPayin(state(h)).screen).toBe('new-card');
  });
});

describe('connectPayin: fields', () => {
  it("lists the screen's fields in order, none on a screen without a form", async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    expect(connectPayin(state(h)).formFields).toEqual([]);
    expect(connectPayin(state(h)).submitLabel).toBeUndefined();
    h.actor.send({ type: 'CARD.NEW' });
    const view = connectPayin(state(h));
    expect(view.formFields.map((field) => field.name)).toEqual(['cardNumber', 'cardExpiry', 'cardHolder', 'address', 'zip', 'city', 'state', 'countryCode']);
    expect(view.submitLabel).toBe('Continue');
    h.actor.send({ type: 'BACK' });
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    expect(connectPayin(state(h)).formFields.map((field) => field.name)).toEqual(['amount', 'fromCurrency', 'toCurrency']);
    expect(connectPayin(state(h)).submitLabel).toBe('Get offer');
  });

  it('gives each field the attributes of its control, from one table', async () => {
    const h = harness();
    await toNewCard(h);
    const { fields } = connectPayin(state(h));
    expect(fields.cardNumber).toEqual({
      name: 'cardNumber',
      value: '',
      label: 'Card number',
      errorId: 'e-cardNumber',
      hintId: 'h-cardNumber',
      control: 'input',
      secret: true,
      props: {
        id: 'f-cardNumber',
        name: 'cardNumber',
        type: 'text',
        autocomplete: 'cc-number',
        inputmode: 'numeric',
        enterkeyhint: 'next',
        required: true,
        maxlength: 23,
        spellcheck: 'false',
        'aria-invalid': 'false',
      },
    });
    expect(fields.cardExpiry).toMatchObject({ hint: 'MM / YY', props: { autocomplete: 'cc-exp', maxlength: 9, 'aria-describedby': 'h-cardExpiry' } });
    expect(fields.state.props).toMatchObject({ autocomplete: 'billing address-level1', required: false, enterkeyhint: 'done' });
    expect(fields.dateOfBirth.props).toMatchObject({ type: 'date', autocomplete: 'bday' });
    expect(fields.amount.props).toMatchObject({ autocomplete: 'transaction-amount', inputmode: 'decimal', enterkeyhint: 'go' });
    expect(fields.cardCVV.props).toMatchObject({ autocomplete: 'cc-csc', maxlength: 4, enterkeyhint: 'done' });
    expect(fields.cardHolder.props).toMatchObject({ autocomplete: 'cc-name', inputmode: 'text', type: 'text' });
    expect(fields.countryCode).toMatchObject({ control: 'select', props: { autocomplete: 'billing country', required: true } });
    expect(fields.countryCode.props).not.toHaveProperty('type');
    expect(fields.countryCode.options?.[0]).toEqual({ value: '', label: '—' });
    expect(fields.countryCode.options).toContainEqual({ value: 'DE', label: 'Germany' });
    expect(connectPayin(state(h), undefined, { locale: 'de' }).fields.countryCode.options).toContainEqual({ value: 'DE', label: 'Deutschland' });
    expect(connectPayin(state(h), undefined, { idPrefix: 'c1-' }).fields.zip.props.id).toBe('c1-f-zip');
  });

  it('points aria-describedby at the hint and the error shown', async () => {
    const h = harness();
    await toNewCard(h);
    connectPayin(state(h), h.actor.send.bind(h.actor)).submit({ cardNumber: '4242', cardExpiry: '' });
    const { fields } = connectPayin(state(h));
    expect(fields.cardNumber).toMatchObject({ errorKey: 'field.card-length', error: 'This card number has too few or too many digits.' });
    expect(fields.cardNumber.props).toMatchObject({ 'aria-invalid': 'true', 'aria-describedby': 'e-cardNumber' });
    expect(fields.cardExpiry.props['aria-describedby']).toBe('h-cardExpiry e-cardExpiry');
    expect(fields.countryCode.props['aria-describedby']).toBe('e-countryCode');
  });

  it('offers the currencies of the pairs, keeping an unknown chosen one', async () => {
    const h = harness({ input: { toCurrency: 'XYZ' } });
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    const view = connectPayin(state(h));
    expect(view.fields.fromCurrency.options?.map((option) => option.value)).toEqual(view.fromCurrencies);
    expect(view.fields.toCurrency.options?.map((option) => option.value)).toEqual(['XYZ', ...view.toCurrencies]);
    expect(view.fields.fromCurrency.props).toMatchObject({ autocomplete: 'transaction-currency', required: false });
  });
});

describe('connectPayin: card secrets', () => {
  it('formats and checks a secret as typed, in core', () => {
    expect(formatSecret('cardNumber', '4242424242424242')).toEqual({ value: '4242 4242 4242 4242', brand: 'visa' });
    expect(formatSecret('cardNumber', '378282246310005')).toEqual({ value: '3782 822463 10005', brand: 'amex' });
    expect(formatSecret('cardExpiry', '1230')).toEqual({ value: '12 / 30', brand: undefined });
    expect(formatSecret('cardCVV', '1a2 3')).toEqual({ value: '123', brand: undefined });
    expect(checkSecret('cardNumber', '4242 4242 4242 4241')).toBe('field.luhn');
    expect(checkSecret('cardExpiry', '13 / 30')).toBe('field.expiry-format');
    expect(checkSecret('cardCVV', '123', 'amex')).toBe('field.cvv');
    expect(checkSecret('cardCVV', '1234', 'amex')).toBeUndefined();
  });

  it("keeps the renderer's checks, shown over the machine's errors until the next submit", async () => {
    const h = harness();
    await toNewCard(h);
    const send = h.actor.send.bind(h.actor);
    connectPayin(state(h), send).submit({ cardNumber: '', cardExpiry: '' });
    let view = connectPayin(state(h), send);
    expect(view.fields.cardNumber.error).toBe('Please fill this in.');

    // Typing retires the machine's error of the field; leaving it checks the value.
    let checks: SecretChecks = {};
    const typed = view.secretInput('cardNumber', '4242424242424241', checks);
    expect(typed.value).toBe('4242 4242 4242 4241');
    expect(typed.brand).toBe('visa');
    checks = typed.checks;
    expect(checks).toEqual({ cardNumber: '' });
    expect(view.secretInput('cardNumber', '42', checks).checks).toBe(checks);
    view = connectPayin(state(h), send, { secretChecks: checks });
    expect(view.fields.cardNumber.error).toBeUndefined();
    expect(view.fields.cardNumber.props['aria-invalid']).toBe('false');
    expect(view.fields.cardExpiry.error).toBe('Please fill this in.');

    checks = view.secretBlur('cardNumber', typed.value, checks);
    expect(checks).toEqual({ cardNumber: 'field.luhn' });
    view = connectPayin(state(h), send, { secretChecks: checks, locale: 'de' });
    expect(view.fields.cardNumber).toMatchObject({ errorKey: 'field.luhn', props: { 'aria-invalid': 'true' } });

    // A blank field left alone keeps what is shown.
    expect(view.secretBlur('cardExpiry', '  ', checks)).toBe(checks);
    expect(view.secretBlur('cardNumber', '4242 4242 4242 4242', checks)).toEqual({ cardNumber: '' });
    expect(JSON.stringify(checks)).not.toContain('4242');
  });

  it("checks the CVV's length by the chosen card", async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
    const view = connectPayin(state(h));
    expect(view.fields.cardCVV.hint).toBe('Enter the 3-digit security code.');
    expect(view.secretBlur('cardCVV', '12', {})).toEqual({ cardCVV: 'field.cvv' });
    // Nothing shown would change: the same object, so a renderer need not update.
    const none: SecretChecks = {};
    expect(view.secretBlur('cardCVV', '123', none)).toBe(none);
    expect(view.secretBlur('cardCVV', '123', { cardCVV: 'field.cvv' })).toEqual({ cardCVV: '' });
  });
});
