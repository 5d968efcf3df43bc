/** Card-number, expiry and CVV checks shared by the client, the machine and the sandbox. */

/** Strips the spaces and dashes people type between digit groups. */
export const cardDigits = (typed: string): string => typed.replace(/[\s-]/g, '');

/** Luhn (mod 10) checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card is usable through the last day of its expiry month. */
export function expiryPassed(year: number, month: number, now: Date = new Date()): boolean {
  const currentYear = now.getFullYear();
  const currentMonth = now.getMonth() + 1;
  return year < currentYear || (year === currentYear && month < currentMonth);
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'maestro' | 'discover' | 'jcb' | 'unionpay' | 'mir';

interface BrandRule {
  brand: CardBrand;
  /** Inclusive prefix ranges, compared on the number's first digits. */
  ranges: readonly (readonly [number, number])[];
  lengths: readonly number[];
  cvvLength: number;
  /** Digit group sizes for display. */
  groups: readonly number[];
  /** Match only once the number has all the digits of a range (not while it is still being typed). */
  whole?: boolean;
}

const FOUR_BY_FOUR = [4, 4, 4, 4, 3] as const;
const MAESTRO_LENGTHS = [12, 13, 14, 15, 16, 17, 18, 19] as const;

/**
 * The networks' published IIN ranges, as the well-kept card-type libraries read them. Checked in
 * order, more specific prefixes first: Mir's 2200–2204 before Mastercard's 2-series; JCB's 2131 and
 * 1800 as well as 3528–3589; Discover's 6011, 644–649 and 65; UnionPay's 62 (its cards co-branded
 * with Discover, 622126–622925, included) and 81; Maestro's 493698, 50, 56–59, 63, 67 and the rest of
 * the 6-series; Visa's 4.
 */
const BRANDS: readonly BrandRule[] = [
  { brand: 'amex', ranges: [[34, 34], [37, 37]], lengths: [15], cvvLength: 4, groups: [4, 6, 5] },
  { brand: 'mir', ranges: [[2200, 2204]], lengths: [16, 17, 18, 19], cvvLength: 3, groups: FOUR_BY_FOUR },
  { brand: 'jcb', ranges: [[2131, 2131], [1800, 1800], [3528, 3589]], lengths: [16, 17, 18, 19], cvvLength: 3, groups: FOUR_BY_FOUR },
  { brand: 'mastercard', ranges: [[51, 55], [2221, 2720]], lengths: [16], cvvLength: 3, groups: FOUR_BY_FOUR },
  {
    brand: 'discover',
    ranges: [[6011, 6011], [644, 649], [65, 65]],
    lengths: [16, 17, 18, 19],
    cvvLength: 3,
    groups: FOUR_BY_FOUR,
  },
  { brand: 'unionpay', ranges: [[62, 62], [81, 81]], lengths: [16, 17, 18, 19], cvvLength: 3, groups: FOUR_BY_FOUR },
  // A Maestro range inside Visa's 4: only a whole prefix tells them apart.
  { brand: 'maestro', ranges: [[493698, 493698]], lengths: MAESTRO_LENGTHS, cvvLength: 3, groups: FOUR_BY_FOUR, whole: true },
  {
    brand: 'maestro',
    ranges: [[50, 50], [56, 59], [63, 63], [67, 67], [6, 6]],
    lengths: MAESTRO_LENGTHS,
    cvvLength: 3,
    groups: FOUR_BY_FOUR,
  },
  { brand: 'visa', ranges: [[4, 4]], lengths: [13, 16, 19], cvvLength: 3, groups: FOUR_BY_FOUR },
];

function ruleFor(digits: string): BrandRule | undefined {
  return BRANDS.find((rule) =>
    rule.ranges.some(([low, high]) => {
      const width = String(low).length;
      if (digits.length < width) {
        if (rule.whole) return false;
        // A partly typed number matches when some completion of it falls in the range.
        const prefix = Number(digits);
        const scale = 10 ** (width - digits.length);
        return digits.length > 0 && prefix * scale <= high && (prefix + 1) * scale - 1 >= low;
      }
      const head = Number(digits.slice(0, width));
      return head >= low && head <= high;
    }),
  );
}

/** How each brand is named to the customer. */
const BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  maestro: 'Maestro',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  mir: 'Mir',
};

/** The brand's name (`short`: as a badge beside the number, `Amex` for American Express). */
export const brandName = (brand: CardBrand, short = false): string => (short && brand === 'amex' ? 'Amex' : BRAND_NAMES[brand]);

/** Vault's `cardType` of a brand: its name in capitals (`VISA`, `AMEX`). */
export const vaultCardType = (brand: CardBrand): string => brand.toUpperCase();

/** The brand of Vault's `cardType` in any case (`VISA`, `AMEX` or `AMERICAN_EXPRESS`), if it is one we know. */
export function brandOfCardType(cardType: string): CardBrand | undefined {
  const brand = cardType.toLowerCase().replace('american_express', 'amex');
  return Object.hasOwn(BRAND_NAMES, brand) ? (brand as CardBrand) : undefined;
}

/** The card brand from the (possibly partly typed) number, once its prefix is unambiguous enough. */
export function cardBrand(typed: string): CardBrand | undefined {
  const digits = cardDigits(typed);
  return /^\d+$/.test(digits) ? ruleFor(digits)?.brand : undefined;
}

/** Valid lengths of a number of this brand (12–19 when the brand is unknown). */
export function cardLengths(brand: CardBrand | undefined): readonly number[] {
  return BRANDS.find((rule) => rule.brand === brand)?.lengths ?? [12, 13, 14, 15, 16, 17, 18, 19];
}

/** Digits of the security code for this brand (4 for Amex, else 3). */
export const cvvLength = (brand: CardBrand | undefined): number =>
  BRANDS.find((rule) => rule.brand === brand)?.cvvLength ?? 3;

/** Groups the digits for display as typed: 4-4-4-4(-3), Amex 4-6-5. */
export function formatCardNumber(typed: string): string {
  const digits = cardDigits(typed).replace(/\D/g, '').slice(0, 19);
  const groups = ruleFor(digits)?.groups ?? FOUR_BY_FOUR;
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(' ');
}

export interface CardUsability {
  /** The card can be paid with. */
  usable: boolean;
  /** Message key saying why it cannot, when it cannot. */
  unusableReason?: string;
}

/** Vault's validation statuses that mean the card was refused rather than not checked yet. */
const REFUSED = /^(DENIED|DECLINED|REJECTED|BLOCKED|FAILED|EXPIRED)$/;

/**
 * Whether a saved card can be paid with, by Vault's `validationStatus`: `APPROVED` (or no status
 * at all) can; a refused card says so (`card.unusable-denied`); any other status is still being
 * checked (`card.unusable-pending`).
 */
export function savedCardUsability(validationStatus: string | null | undefined): CardUsability {
  const status = (validationStatus ?? '').trim().toUpperCase();
  if (status === '' || status === 'APPROVED') return { usable: true };
  return { usable: false, unusableReason: REFUSED.test(status) ? 'card.unusable-denied' : 'card.unusable-pending' };
}
