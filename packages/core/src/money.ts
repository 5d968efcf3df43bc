/**
 * Exact decimal arithmetic on scaled bigints. Vault sends amounts and rates as JSON
 * numbers (binary floats); they are read through their shortest decimal text and
 * never combined with float arithmetic.
 */

export type Rounding = 'half-up' | 'down' | 'up';
export type DecimalInput = Decimal | string | number | bigint;

const DECIMAL_TEXT = /^([+-])?(\d+)?(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

export class Decimal {
  /** `units / 10^scale` is the value. */
  readonly units: bigint;
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  /** Reads a decimal from text (`"117.99"`, `"1.5e-5"`), a finite number (via its shortest text) or a bigint. */
  static from(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('Not a finite number');
    const parsed = Decimal.parse(String(value));
    if (!parsed) throw new RangeError('Not a decimal number');
    return parsed;
  }

  /** Like `from` for text, but answers `undefined` instead of throwing. */
  static parse(text: string): Decimal | undefined {
    const match = DECIMAL_TEXT.exec(text.trim());
    if (!match) return undefined;
    const [, sign, whole = '', fraction = '', exponentText] = match;
    if (whole === '' && fraction === '') return undefined;
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return undefined;
    let units = BigInt(whole + fraction || '0');
    let scale = fraction.length - exponent;
    if (scale < 0) {
      units *= pow10(-scale);
      scale = 0;
    }
    return new Decimal(sign === '-' ? -units : units, scale).normalized();
  }

  static zero = new Decimal(0n, 0);

  private static aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
  }

  plus(other: DecimalInput): Decimal {
    const [a, b, scale] = Decimal.aligned(this, Decimal.from(other));
    return new Decimal(a + b, scale).normalized();
  }

  minus(other: DecimalInput): Decimal {
    const [a, b, scale] = Decimal.aligned(this, Decimal.from(other));
    return new Decimal(a - b, scale).normalized();
  }

  times(other: DecimalInput): Decimal {
    const o = Decimal.from(other);
    return new Decimal(this.units * o.units, this.scale + o.scale).normalized();
  }

  /** Divides, keeping `scale` decimals. */
  dividedBy(other: DecimalInput, scale: number, rounding: Rounding = 'half-up'): Decimal {
    const o = Decimal.from(other);
    if (o.units === 0n) throw new RangeError('Division by zero');
    // (a / 10^sa) / (b / 10^sb) = a * 10^(sb - sa) / b; keep `scale` + 1 extra digits to round.
    const shift = scale + o.scale - this.scale;
    const numerator = shift >= 0 ? this.units * pow10(shift) : this.units;
    const denominator = shift >= 0 ? o.units : o.units * pow10(-shift);
    return new Decimal(roundQuotient(numerator, denominator, rounding), scale).normalized();
  }

  /** Rounds to at most `scale` decimals. */
  round(scale: number, rounding: Rounding = 'half-up'): Decimal {
    if (this.scale <= scale) return this;
    return new Decimal(roundQuotient(this.units, pow10(this.scale - scale), rounding), scale).normalized();
  }

  compare(other: DecimalInput): -1 | 0 | 1 {
    const [a, b] = Decimal.aligned(this, Decimal.from(other));
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalInput): boolean {
    return this.compare(other) === 0;
  }
  lt(other: DecimalInput): boolean {
    return this.compare(other) < 0;
  }
  gt(other: DecimalInput): boolean {
    return this.compare(other) > 0;
  }
  isZero(): boolean {
    return this.units === 0n;
  }
  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Plain decimal text with exactly `scale` decimals (rounded half-up when needed). */
  toFixed(scale: number, rounding: Rounding = 'half-up'): string {
    const rounded = this.round(scale, rounding);
    const units = rounded.units * pow10(scale - rounded.scale);
    return formatUnits(units, scale);
  }

  /** Shortest plain decimal text, no exponent: `"0.3"`, `"129.17669"`. */
  toString(): string {
    return formatUnits(this.units, this.scale);
  }

  /** Decimal text: a Decimal in a serialised snapshot or event stays exact (bigints cannot be JSON). */
  toJSON(): string {
    return this.toString();
  }

  /** Nearest float: for display APIs that take numbers only, never for arithmetic. */
  toNumber(): number {
    return Number(this.toString());
  }

  private normalized(): Decimal {
    let { units, scale } = this;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return scale === this.scale ? this : new Decimal(units, scale);
  }
}

function roundQuotient(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const r = n % d;
  if (r !== 0n && (rounding === 'up' || (rounding === 'half-up' && r * 2n >= d))) q += 1n;
  return negative ? -q : q;
}

function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Shorthand for `Decimal.from`. */
export const decimal = (value: DecimalInput): Decimal => Decimal.from(value);
