import { describe, expect, it } from 'vitest';
import { cardBrand, cardDigits, cardLengths, cvvLength, expiryPassed, formatCardNumber, luhnValid } from '../src/card.js';

describe('card checks', () => {
  it('runs the Luhn check', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('6212345678901234569')).toBe(true);
    expect(luhnValid('4242 4242')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('strips what people type between groups', () => {
    expect(cardDigits('4242 4242-4242 4242')).toBe('4242424242424242');
  });

  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223000048400011', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['3530111333300000', 'jcb'],
    ['6212345678901234569', 'unionpay'],
    ['2200000000000004', 'mir'],
    ['6759649826438453', 'maestro'],
    ['5018000000000009', 'maestro'],
  ])('tells %s is %s', (pan, brand) => {
    expect(cardBrand(pan)).toBe(brand);
  });

  it('tells the brand from a partly typed number once it can', () => {
    expect(cardBrand('4')).toBe('visa');
    expect(cardBrand('37')).toBe('amex');
    expect(cardBrand('222')).toBe('mastercard');
    expect(cardBrand('9')).toBeUndefined();
    expect(cardBrand('')).toBeUndefined();
    expect(cardBrand('12ab')).toBeUndefined();
  });

  it('knows lengths and CVV lengths per brand', () => {
    expect(cardLengths('amex')).toEqual([15]);
    expect(cardLengths(undefined)).toContain(19);
    expect(cvvLength('amex')).toBe(4);
    expect(cvvLength('visa')).toBe(3);
  });

  it('formats as typed: 4-4-4-4, Amex 4-6-5, 19 digits 4-4-4-4-3', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('42424')).toBe('4242 4');
    expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
    expect(formatCardNumber('6212345678901234569')).toBe('6212 3456 7890 1234 569');
    expect(formatCardNumber('4242 4242 4242 4242 9999 9')).toBe('4242 4242 4242 4242 999');
  });

  it('treats a card as valid through its expiry month', () => {
    const now = new Date(2026, 10, 25);
    expect(expiryPassed(2026, 11, now)).toBe(false);
    expect(expiryPassed(2026, 10, now)).toBe(true);
    expect(expiryPassed(2025, 12, now)).toBe(true);
    expect(expiryPassed(2027, 1, now)).toBe(false);
  });
});
