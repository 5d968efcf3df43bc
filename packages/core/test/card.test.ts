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

  // The networks' published IIN ranges, as the well-kept card-type libraries (braintree's
  // credit-card-type among them) read them: the first and last prefix of each range, and one inside.
  const NETWORK_RANGES: [string, string[]][] = [
    ['visa', ['4', '40', '49', '4999']],
    ['mastercard', ['51', '53', '55', '2221', '2500', '2720']],
    ['amex', ['34', '37']],
    ['discover', ['6011', '644', '646', '649', '65']],
    ['jcb', ['2131', '1800', '3528', '3550', '3589']],
    ['unionpay', ['62', '620', '6221', '622126', '622500', '622925', '6229', '624', '628', '81', '8171']],
    ['mir', ['2200', '2202', '2204']],
    ['maestro', ['493698', '50', '5018', '5020', '5038', '56', '57', '58', '5893', '59', '63', '6304', '67', '6759', '6761', '6763', '60', '61', '66', '68', '69']],
  ];

  /** A Luhn-valid 16-digit number starting with the prefix. */
  const numberWith = (prefix: string): string => {
    const body = prefix.padEnd(15, '0');
    for (let check = 0; check < 10; check += 1) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
    throw new Error('unreachable');
  };

  for (const [brand, prefixes] of NETWORK_RANGES) {
    it(`tells ${brand} by the network's ranges (${prefixes.join(', ')})`, () => {
      expect(prefixes.map((prefix) => [prefix, cardBrand(numberWith(prefix))])).toEqual(prefixes.map((prefix) => [prefix, brand]));
    });
  }

  it('keeps neighbours of the ranges apart', () => {
    const cases: [string, string | undefined][] = [
      ['2130', undefined],
      ['2132', undefined],
      ['1799', undefined],
      ['3527', undefined],
      ['3590', undefined],
      ['2205', undefined],
      ['2220', undefined],
      ['2721', undefined],
      ['6010', 'maestro'],
      ['6012', 'maestro'],
      ['643', 'maestro'],
      ['493697', 'visa'],
      ['493699', 'visa'],
      ['622125', 'unionpay'],
      ['622926', 'unionpay'],
    ];
    expect(cases.map(([prefix]) => [prefix, cardBrand(numberWith(prefix))])).toEqual(cases);
  });

  it('tells the brand from a partly typed number once it can', () => {
    expect(cardBrand('4')).toBe('visa');
    expect(cardBrand('37')).toBe('amex');
    expect(cardBrand('222')).toBe('mastercard');
    // Maestro's 493698 lies inside Visa's 4: the whole prefix is needed to tell them apart.
    expect(cardBrand('49369')).toBe('visa');
    expect(cardBrand('493698')).toBe('maestro');
    expect(cardBrand('2131')).toBe('jcb');
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
