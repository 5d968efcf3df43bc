/** Reading request bodies exactly, and validating them into Vault-style 400s naming the field. */
import { checkInput, isInputValidationError, validationMessages } from '@payin-checkout/core';
import type * as z from 'zod/mini';
import { VaultError, badRequest, validationError, vaultError } from './errors.js';
import type { SandboxContext } from './env.js';

// Plain decimal text: digits, a `.` fraction where the field has fractions, a `-` where it has a sign.
const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;
const SIGNED = /^-?\d+$/;

interface NumericField {
  /** The text a JSON string of it may hold. */
  readonly text: RegExp;
  /** Kept as its source digits: a 19-digit PAN is not a safe JS integer, amounts are money. */
  readonly exact: boolean;
}

/**
 * The numeric fields of Vault's requests, by name. Each is taken as a JSON number or, as production
 * clients send them, as a JSON string of plain decimal text (no exponent, no spaces, nothing else),
 * read exactly as the number would be.
 */
const NUMERIC_FIELDS: Readonly<Record<string, NumericField>> = {
  cardNumber: { text: DIGITS, exact: true },
  cardId: { text: DIGITS, exact: true },
  amount: { text: DECIMAL, exact: true },
  toAmount: { text: DECIMAL, exact: true },
  cardExpirationYear: { text: DIGITS, exact: false },
  cardExpirationMonth: { text: DIGITS, exact: false },
  timezone: { text: SIGNED, exact: false },
  browserColorDepth: { text: DIGITS, exact: false },
  browserScreenHeight: { text: DIGITS, exact: false },
  browserScreenWidth: { text: DIGITS, exact: false },
  browserPixelDepth: { text: DIGITS, exact: false },
  browserViewportHeight: { text: DIGITS, exact: false },
  browserViewportWidth: { text: DIGITS, exact: false },
};

const numericField = (key: string): NumericField | undefined => (Object.hasOwn(NUMERIC_FIELDS, key) ? NUMERIC_FIELDS[key] : undefined);

// Text in a numeric field that is not a number: every schema refuses it, naming the field.
const NOT_A_NUMBER = Object.freeze({ notANumber: true });

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

const reviver: Reviver = (key, value, context) => {
  const field = numericField(key);
  if (!field) return value;
  if (typeof value === 'string') {
    if (!field.text.test(value)) return NOT_A_NUMBER;
    return field.exact ? value : Number(value);
  }
  if (typeof value !== 'number' || !field.exact) return value;
  const source = context?.source ?? String(value);
  // A PAN is a whole number written with digits only: a sign, a fraction or an exponent make it
  // something else (and the card schema, which reads typed numbers, would drop a leading "-").
  if (key === 'cardNumber' && !DIGITS.test(source)) {
    throw validationError('cardNumber', 'The card number must contain only digits.');
  }
  return source;
};

/** Parses the JSON text of a Vault request with the numeric rules above. */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}

const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => vaultError(413, 'PAYLOAD_TOO_LARGE', 'The request is too large.');

/** The request body as text, refused (413) past 64 KiB. */
export async function readText(c: SandboxContext): Promise<string> {
  if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

/**
 * The request's JSON object body; 400 `BAD_REQUEST` when it is not one. A Vault request is read
 * with the numeric rules above; a test control's body (a fault's answer, say) as plain JSON.
 */
export async function readJsonObject(c: SandboxContext, parse: (text: string) => unknown = parseExactJson): Promise<Record<string, unknown>> {
  const text = await readText(c);
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    // A field refused while reading (it names the field, never the value).
    if (error instanceof VaultError) throw error;
    // The parser's message quotes the body, which may hold card data: never pass it on.
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  cardNumber: 'The card number',
  cardId: 'The card id',
  cardHolder: "The cardholder's name",
  cardExpirationYear: 'The expiry year',
  cardExpirationMonth: 'The expiry month',
  cardCVV: 'The security code (CVV)',
  successUrl: 'The return address',
  amount: 'The amount',
  toAmount: 'The crypto amount',
};

/** Validates input with a schema; the first problem becomes a 400 `VALIDATION_ERROR` naming its field. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, fieldPrefix = ''): z.output<S> {
  try {
    return checkInput(schema, input, fieldPrefix);
  } catch (error) {
    if (!isInputValidationError(error)) throw error;
    if (error.code === 'expired') throw validationError(error.field, 'The card has expired.');
    const label = FIELD_LABELS[error.field] ?? `The field "${error.field}"`;
    const numeric = error.code === 'type' && numericField(error.field.split('.').at(-1) ?? '') !== undefined;
    throw validationError(error.field, `${label} ${numeric ? 'is not a number' : (validationMessages[error.code] ?? 'is invalid')}.`);
  }
}
