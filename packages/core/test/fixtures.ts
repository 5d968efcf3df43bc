import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Vault's documented example payloads (from its PayIn API reference), kept with the tests. */
export const vaultDocsDir = fileURLToPath(new URL('./fixtures/vault-docs/', import.meta.url));

export const vaultDocFiles = (): string[] => readdirSync(vaultDocsDir).filter((name) => name.endsWith('.json')).sort();

export const vaultDoc = (name: string): unknown => JSON.parse(readFileSync(vaultDocsDir + name, 'utf8'));
