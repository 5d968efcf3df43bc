import { describe, expect, it } from 'vitest';
import { Decimal, decimal } from '../src/index.js';

describe('Decimal', () => {
  it('adds 0.1 and 0.2 exactly', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the float trap this class exists to avoid
    expect(decimal(0.1).plus(0.2).toString()).toBe('0.3');
    expect(decimal('0.1').plus('0.2').eq('0.3')).toBe(true);
  });

  it('multiplies an amount by a 17-digit rate exactly, then rounds at the pair scale', () => {
    const product = decimal(117.99).times(1.0948105977665863);
    expect(product.toString()).toBe('129.176702430479517537');
    expect(product.toFixed(8)).toBe('129.17670243');
  });

  it('reads exponent notation as Vault sends small rates', () => {
    expect(decimal(1.5174161437903e-5).toString()).toBe('0.000015174161437903');
    expect(decimal('2.5E3').toString()).toBe('2500');
    expect(decimal(470).times(0.000039).toFixed(8)).toBe('0.01833000');
  });

  it('rounds half-up, down and up at a scale', () => {
    expect(decimal('1.005').toFixed(2)).toBe('1.01');
    expect(decimal('-1.005').toFixed(2)).toBe('-1.01');
    expect(decimal('1.009').round(2, 'down').toString()).toBe('1');
    expect(decimal('1.001').round(2, 'up').toString()).toBe('1.01');
    expect(decimal('2').toFixed(2)).toBe('2.00');
  });

  it('subtracts, compares and divides', () => {
    expect(decimal('474.7').minus('470').toString()).toBe('4.7');
    expect(decimal('31').compare('30.99')).toBe(1);
    expect(decimal('0.000').isZero()).toBe(true);
    expect(decimal('-3').isNegative()).toBe(true);
    expect(decimal('120.24616516').dividedBy('1.0948105977665863', 2).toString()).toBe('109.83');
    expect(() => decimal(1).dividedBy(0, 2)).toThrow(RangeError);
  });

  it('refuses what is not a decimal', () => {
    expect(Decimal.parse('12,5')).toBeUndefined();
    expect(Decimal.parse('abc')).toBeUndefined();
    expect(Decimal.parse('.')).toBeUndefined();
    expect(Decimal.parse('')).toBeUndefined();
    expect(() => decimal(Number.NaN)).toThrow(RangeError);
    expect(() => decimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(decimal('.5').toString()).toBe('0.5');
  });
});
