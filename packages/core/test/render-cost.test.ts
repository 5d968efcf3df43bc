/**
 * What the first screen costs: `Intl` formatters and country names are made once per page (per
 * locale and currency) and shared, and a view makes only what its screen shows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPayin, countries, formatCrypto, formatFiat, Decimal } from '../src/index.js';
import { harness } from './machine-harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('formatters', () => {
  it('makes one NumberFormat per locale, currency and decimals, whatever is formatted', () => {
    const made = vi.spyOn(Intl, 'NumberFormat');
    const amounts = ['10.00', '12.50', '99.99', '1000.00', '0.01'].map((text) => Decimal.from(text));
    const first = amounts.map((amount) => formatFiat(amount, 'EUR', 'fr-CH'));
    const afterFirst = made.mock.calls.length;
    // The currency's style and the two-decimal style of fr-CH/EUR, and the ISO check of EUR at most.
    expect(afterFirst).toBeLessThanOrEqual(3);
    expect(amounts.map((amount) => formatFiat(amount, 'EUR', 'fr-CH'))).toEqual(first);
    for (let i = 0; i < 50; i += 1) formatFiat(Decimal.from(`${i}.25`), 'EUR', 'fr-CH');
    expect(made.mock.calls.length).toBe(afterFirst);
    // Another locale or currency has formatters of its own.
    formatFiat(Decimal.from('5.00'), 'USD', 'fr-CH');
    expect(made.mock.calls.length).toBeGreaterThan(afterFirst);
    const crypto = made.mock.calls.length;
    formatCrypto(Decimal.from('0.001'), 'BTC', 8, 'fr-CH');
    formatCrypto(Decimal.from('0.5'), 'BTC', 8, 'fr-CH');
    expect(made.mock.calls.length).toBe(crypto + 1);
  });

  it('formats as before: exact decimals, at least the currency’s', () => {
    expect(formatFiat(Decimal.from('10'), 'EUR', 'en')).toBe('€10.00');
    expect(formatFiat(Decimal.from('0.155'), 'EUR', 'en')).toBe('€0.155');
    expect(formatFiat(Decimal.from('10'), 'EUR', 'en')).toBe('€10.00');
    expect(formatFiat(Decimal.from('1.5'), 'usdt', 'en')).toBe('1.5 usdt');
  });
});

describe('country names', () => {
  it('are made once per locale and shared', () => {
    const made = vi.spyOn(Intl, 'DisplayNames');
    const first = countries('pt-BR');
    expect(countries('pt-BR')).toBe(first);
    expect(made).toHaveBeenCalledTimes(1);
    expect(first.find((country) => country.code === 'DE')?.name).toBe('Alemanha');
  });
});

describe('connectPayin: only what the screen shows', () => {
  it('makes no formatter and no country list for a screen without them, and each field once when read', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    const numberFormats = vi.spyOn(Intl, 'NumberFormat');
    const displayNames = vi.spyOn(Intl, 'DisplayNames');
    const view = connectPayin(h.actor.getSnapshot(), undefined, { locale: 'nl-BE' });
    expect(view.screen).toBe('cards');
    expect(view.cards.length).toBeGreaterThan(0);
    expect(view.formFields).toEqual([]);
    expect(numberFormats).not.toHaveBeenCalled();
    expect(displayNames).not.toHaveBeenCalled();
    // A field read is made then, and kept; its country list when that is read.
    const country = view.fields.countryCode;
    expect(view.fields.countryCode).toBe(country);
    expect(displayNames).not.toHaveBeenCalled();
    expect(country.options?.find((option) => option.value === 'DE')?.label).toBe('Duitsland');
    expect(displayNames).toHaveBeenCalledTimes(1);
    // The amount's hint (the limits) is money: formatted when read.
    expect(view.fields.amount.hint).toMatch(/€/);
    expect(numberFormats).toHaveBeenCalled();
    // Every key is still there for renderers that spread or compare the view.
    expect(Object.keys(view.fields)).toContain('residenceCountry');
    expect({ ...view }.can).toEqual(view.can);
    expect(typeof view.can.newCard).toBe('boolean');
  });

  it('makes the card form\'s fields without the country names until its country list is read', async () => {
    const h = harness();
    await h.until((s) => s.matches({ card: 'choosing' }));
    h.actor.send({ type: 'CARD.NEW' });
    const displayNames = vi.spyOn(Intl, 'DisplayNames');
    const view = connectPayin(h.actor.getSnapshot(), undefined, { locale: 'sv-FI' });
    expect(view.screen).toBe('new-card');
    // Everything a form draws but the choices of its country select.
    const country = view.formFields.find((field) => field.name === 'countryCode');
    if (!country) throw new Error('the card form has no country field');
    expect(country).toMatchObject({ control: 'select', value: '', label: expect.any(String) });
    expect(view.formFields.map((field) => [field.props.id, field.label, field.value, field.error])).toHaveLength(view.formFields.length);
    expect(displayNames).not.toHaveBeenCalled();
    // The list, read, is made then: once, and kept.
    expect(country.options?.find((option) => option.value === 'SE')?.label).toBe('Sverige');
    expect(displayNames).toHaveBeenCalledTimes(1);
    expect({ ...country }.options).toBe(country.options);
  });
});
