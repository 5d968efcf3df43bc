/**
 * What a failed payment means to the customer: Vault's transaction status (text and code, as its
 * status check reports them) read into a short sentence in the customer's language and the next
 * step. Vault's own text stays available as a detail; a status not listed here gets a generic
 * sentence, never a blank.
 */
import type { MessageKey } from '../i18n/messages.js';
import type { FailureReason } from './payin.types.js';

/** What the customer can do next. */
export type FailureAdvice = 'another-card' | 'contact-bank' | 'try-later' | 'try-again' | 'verify-identity';

/** The kinds of failure told apart. */
export type FailureOutcome = 'do-not-honour' | 'insufficient-funds' | 'provider-error' | '3ds-declined' | 'cancelled' | 'unknown' | 'kyc-required';

export interface FailureMeaning {
  outcome: FailureOutcome;
  heading: MessageKey;
  message: MessageKey;
  advice: FailureAdvice;
  /** Paying again with the same card may work. */
  retry: boolean;
}

type Row = readonly [outcome: FailureOutcome, text: RegExp, codes: readonly number[], heading: MessageKey, advice: FailureAdvice, retry: boolean];

/**
 * Known outcomes: Vault documents "Do not honour" (400) and "Wrong response from provider" (305);
 * the others are the card network's usual ones. The text is matched first (case-insensitive), in
 * this order, since one code can stand for several texts (400 is also a 3-D Secure decline); the
 * code alone decides when no text matches.
 */
const OUTCOMES: readonly Row[] = [
  ['insufficient-funds', /insufficient|not enough (funds|money)|no funds/i, [51], 'failure.heading.declined', 'another-card', false],
  ['3ds-declined', /3-?d(s|\s*secure)|authenticat/i, [], 'failure.heading.declined', 'contact-bank', true],
  ['cancelled', /cancel/i, [499], 'failure.heading.cancelled', 'try-again', true],
  ['provider-error', /provider|time-?out|unavailable/i, [305], 'failure.heading.error', 'try-later', true],
  ['do-not-honour', /honou?r|declin|refus|reject/i, [400], 'failure.heading.declined', 'another-card', false],
];

export function failureMeaning(reason: FailureReason): FailureMeaning {
  if (reason.kind === 'kyc-required') {
    return { outcome: 'kyc-required', heading: 'failure.heading.kyc', message: 'failure.kyc-required', advice: 'verify-identity', retry: true };
  }
  const text = reason.message.trim();
  const row =
    (text ? OUTCOMES.find(([, pattern]) => pattern.test(text)) : undefined) ??
    (reason.code !== undefined ? OUTCOMES.find(([, , codes]) => codes.includes(reason.code as number)) : undefined);
  if (!row) return { outcome: 'unknown', heading: 'step.failure', message: 'failure.unknown', advice: 'another-card', retry: true };
  const [outcome, , , heading, advice, retry] = row;
  return { outcome, heading, message: `failure.${outcome}`, advice, retry };
}

/** Vault's own words, for a "Details" line: "Do not honour (400)". */
export function failureDetail(reason: FailureReason): string | undefined {
  if (reason.kind !== 'declined') return undefined;
  const text = reason.message.trim();
  const code = reason.code !== undefined ? String(reason.code) : '';
  return text && code ? `${text} (${code})` : text || code || undefined;
}
