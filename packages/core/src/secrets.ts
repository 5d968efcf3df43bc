/**
 * Card secrets (number, expiry, CVV) as a renderer's own inputs hold them. The machine never
 * holds them: a renderer formats each keystroke and checks a field the customer leaves with
 * these helpers, keeps only the resulting message keys (`SecretChecks`), and hands the values to
 * `submit` sealed. Nothing here keeps, logs or sends a value.
 */
import { cardBrand, formatCardNumber, type CardBrand } from './card.js';
import { checkCardNumber, checkCvv, checkExpiry, formatExpiry, type SecretField } from './forms.js';
import type { MessageKey } from './i18n/messages.js';

/**
 * What a renderer found of the secrets typed into its inputs, by field: an error's message key,
 * or `''` for a field edited since the last submit and not found wrong (which hides the machine's
 * error of that submit). A field not listed shows the machine's error. Never a value.
 */
export type SecretChecks = Partial<Record<SecretField, MessageKey | ''>>;

/** A secret as the input should show it, and the brand of a card number. */
export interface FormattedSecret {
  value: string;
  brand: CardBrand | undefined;
}

/** Formats a secret as typed: the number in its brand's groups, expiry as `MM / YY`, the CVV as digits. */
export function formatSecret(name: SecretField, typed: string): FormattedSecret {
  if (name === 'cardNumber') {
    const value = formatCardNumber(typed);
    return { value, brand: cardBrand(value) };
  }
  return { value: name === 'cardExpiry' ? formatExpiry(typed) : typed.replace(/\D/g, ''), brand: undefined };
}

/** The error of a typed secret as a message key, if it has one (the CVV's length follows `brand`). */
export function checkSecret(name: SecretField, typed: string, brand?: CardBrand, now?: Date): MessageKey | undefined {
  if (name === 'cardNumber') return checkCardNumber(typed);
  return name === 'cardExpiry' ? checkExpiry(typed, now) : checkCvv(typed, brand);
}
