/** Checks JSON values against the field lists of Vault's reference (see reference/index.json). */
import type { FieldList, FieldType } from './fixtures.js';

export const jsonType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Whether a value has the type the reference documents (its `integer` is any JSON number: its examples carry fractions). */
export function hasType(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return jsonType(value) === 'object';
    default:
      return jsonType(value) === type;
  }
}

/**
 * The values at a field path (`cards[].cardId`, `fees.rate`, `[].rate`): one per array item, with
 * `parentMissing` where a containing object or list is absent or null (nothing to check there).
 */
interface Found {
  value: unknown;
  present: boolean;
  parentMissing: boolean;
}

const NOTHING: Found = { value: undefined, present: false, parentMissing: true };

export function valuesAt(root: unknown, path: string): Found[] {
  const steps = path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part])).filter((part) => part !== '');
  let current: Found[] = [{ value: root, present: true, parentMissing: false }];
  for (const step of steps) {
    current = current.flatMap((item): Found[] => {
      if (item.parentMissing || !item.present || item.value === null || item.value === undefined) return [NOTHING];
      if (step === '[]') {
        return Array.isArray(item.value) ? item.value.map((value: unknown) => ({ value, present: true, parentMissing: false })) : [NOTHING];
      }
      if (typeof item.value !== 'object' || Array.isArray(item.value)) return [NOTHING];
      const present = Object.hasOwn(item.value, step);
      return [{ value: present ? (item.value as Record<string, unknown>)[step] : undefined, present, parentMissing: false }];
    });
  }
  return current;
}

export interface FieldCheck {
  /** Every listed field must be there (else only the fields present are checked). */
  allPresent?: boolean;
  /** Paths that may be null (besides those the example shows as null). */
  nullable?: readonly string[];
  /** Listed fields that may be left out. */
  optional?: readonly string[];
  /** The documented example: a field it shows as null may be null. */
  example?: unknown;
  /** Refuse fields the list does not have (for what the checkout sends). */
  strict?: boolean;
}

/** Problems of `actual` against a field list: a field missing, of another type, or not in the list at all. */
export function fieldProblems(fields: FieldList, actual: unknown, check: FieldCheck = {}): string[] {
  const problems: string[] = [];
  for (const [path, type] of Object.entries(fields)) {
    const exampleNull = check.example !== undefined && valuesAt(check.example, path).some((item) => item.present && item.value === null);
    for (const item of valuesAt(actual, path)) {
      if (item.parentMissing) continue;
      if (!item.present) {
        if (check.allPresent && !check.optional?.includes(path)) problems.push(`${path}: missing`);
        continue;
      }
      if (item.value === null && (exampleNull || check.nullable?.includes(path))) continue;
      if (!hasType(type, item.value)) problems.push(`${path}: ${type} documented, ${jsonType(item.value)} found`);
    }
  }
  if (!check.strict) return problems;
  // Fields that are not in the list.
  const listed = new Set(Object.keys(fields));
  const walk = (value: unknown, path: string): void => {
    if (jsonType(value) === 'array') {
      (value as unknown[]).forEach((item) => walk(item, `${path}[]`));
      return;
    }
    if (jsonType(value) !== 'object') return;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const at = path ? `${path}.${key}` : key;
      if (!listed.has(at)) problems.push(`${at}: not in the reference's field list`);
      else walk(inner, at);
    }
  };
  walk(actual, '');
  return problems;
}
