/** Reading request bodies exactly, and validating them into Vault-style 400s naming the field. */
import { checkInput, isInputValidationError, validationMessages } from '@payin-checkout/core';
import type * as z from 'zod/mini';
import { VaultError, badRequest, validationError, vaultError } from './errors.js';
import type { SandboxContext } from './env.js';

// Numbers whose digits must survive: a 19-digit PAN is not a safe JS integer, amounts are money.
const EXACT_NUMBER_KEYS = new Set(['cardNumber', 'amount', 'toAmount', 'cardId']);

// Vault documents the PAN as an integer: a string there is the wrong type, whatever its digits.
const WRONG_TYPE = Object.freeze({ wrongType: true });

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

const reviver: Reviver = (key, value, context) => {
  if (!EXACT_NUMBER_KEYS.has(key)) return value;
  if (typeof value === 'number') {
    const source = context?.source ?? String(value);
    // A PAN is a whole number written with digits only: a sign, a fraction or an exponent make it
    // something else (and the card schema, which reads typed numbers, would drop a leading "-").
    if (key === 'cardNumber' && !/^\d+$/.test(source)) {
      throw validationError('cardNumber', 'The card number must contain only digits.');
    }
    return source;
  }
  if (key === 'cardNumber' && typeof value === 'string') return WRONG_TYPE;
  return value;
};

/** Parses JSON text with the exact-number rules above. */
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

/** The request's JSON object body; 400 `BAD_REQUEST` when it is not one. */
export async function readJsonObject(c: SandboxContext): Promise<Record<string, unknown>> {
  const text = await readText(c);
  let value: unknown;
  try {
    value = parseExactJson(text);
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
  cardHolder: "The cardholder's name",
  cardExpirationYear: 'The expiry year',
  cardExpirationMonth: 'The expiry month',
  cardCVV: 'The security code (CVV)',
  successUrl: 'The return address',
  amount: 'The amount',
};

/** Validates input with a schema; the first problem becomes a 400 `VALIDATION_ERROR` naming its field. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, fieldPrefix = ''): z.output<S> {
  try {
    return checkInput(schema, input, fieldPrefix);
  } catch (error) {
    if (!isInputValidationError(error)) throw error;
    if (error.code === 'expired') throw validationError(error.field, 'The card has expired.');
    const label = FIELD_LABELS[error.field] ?? `The field "${error.field}"`;
    throw validationError(error.field, `${label} ${validationMessages[error.code] ?? 'is invalid'}.`);
  }
}
