import { describe, expect, it } from 'vitest';
import { RawNumber, parseJsonKeepingDigits, stringifyWithRawNumbers } from '../src/index.js';

describe('exact JSON numbers', () => {
  it('writes a 19-digit PAN as a bare JSON integer with its digits verbatim', () => {
    const pan = '6212345678901234569';
    expect(Number(pan) > Number.MAX_SAFE_INTEGER).toBe(true);
    const json = stringifyWithRawNumbers({ cardNumber: new RawNumber(pan), cardHolder: 'A "quoted" name' });
    expect(json).toBe('{"cardNumber":6212345678901234569,"cardHolder":"A \\"quoted\\" name"}');
    expect(JSON.stringify({ n: Number(pan) })).not.toContain(pan); // what a plain number would have sent
  });

  it('leaves strings that merely look like the placeholder alone', () => {
    const json = stringifyWithRawNumbers({ a: new RawNumber('1.50'), note: '\u0000raw:0' });
    expect(JSON.parse(json)).toEqual({ a: 1.5, note: '\u0000raw:0' });
    expect(json.startsWith('{"a":1.50,')).toBe(true);
  });

  it('refuses anything but plain digits as a raw number', () => {
    expect(() => new RawNumber('1e5')).toThrow(RangeError);
    expect(() => new RawNumber('0x10')).toThrow(RangeError);
    expect(() => new RawNumber('1,"x":2')).toThrow(RangeError);
  });

  it('reads int64 ids from their source digits', () => {
    const parsed = parseJsonKeepingDigits('{"offerId":9223372036854775807,"amount":1.5,"cards":[{"cardId":12}]}', new Set(['offerId', 'cardId']));
    expect(parsed).toEqual({ offerId: '9223372036854775807', amount: 1.5, cards: [{ cardId: '12' }] });
  });
});
