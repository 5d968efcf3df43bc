import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Vault's documented examples and field lists (its public API reference, Vault-ist/api), kept with
 * the tests in `reference/`: one JSON file per example, named `<folder>/<page>.<part>.json` after the
 * reference page it comes from, and `index.json` with each page's field list. See reference/README.md.
 */
export const referenceDir = fileURLToPath(new URL('./reference/', import.meta.url));

/** Every example file, as `<folder>/<page>.<part>.json`. */
export const referenceFiles = (): string[] =>
  readdirSync(referenceDir, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split('\\').join('/'))
    .filter((name) => name.endsWith('.json') && name !== 'index.json')
    .sort();

/** An example as parsed JSON, e.g. `reference('PayIn/pay-callback.response.json')`. */
export const reference = (file: string): unknown => JSON.parse(readFileSync(referenceDir + file, 'utf8'));

/** An example as the reference writes it (digits of every number as they are). */
export const referenceText = (file: string): string => readFileSync(referenceDir + file, 'utf8');

export type FieldType = 'string' | 'integer' | 'boolean' | 'object' | 'array';
export type FieldList = Readonly<Record<string, FieldType>>;

export interface ReferencePart {
  example?: string;
  fields?: FieldList | 'errorFields';
  body?: 'none';
  formats?: Readonly<Record<string, string>>;
  placeholders?: Readonly<Record<string, string>>;
}

export interface ReferencePage {
  method?: string;
  path?: string;
  level?: string;
  request?: ReferencePart;
  headers?: ReferencePart;
  responses?: Readonly<Record<string, ReferencePart>>;
  notes?: readonly string[];
  levels?: Readonly<Record<string, readonly string[]>>;
}

interface ReferenceIndex {
  errorFields: FieldList;
  pages: Readonly<Record<string, ReferencePage>>;
}

export const referenceIndex = reference('index.json') as ReferenceIndex;

/** The page of the reference documenting `METHOD path` (a route template, e.g. `/v3/payin/pay/{offerId}`). */
export function pageOf(method: string, path: string): ReferencePage & { name: string } {
  const found = Object.entries(referenceIndex.pages).find(([, page]) => page.method === method && page.path === path);
  if (!found) throw new Error(`no reference page for ${method} ${path}`);
  return { name: found[0], ...found[1] };
}

/** A field list, with the shared error list resolved. */
export const fieldsOf = (part: ReferencePart | undefined): FieldList => {
  const fields = part?.fields;
  if (!fields) throw new Error('this part has no field list');
  return fields === 'errorFields' ? referenceIndex.errorFields : fields;
};
