/** A local emulator of Vault's PayIn API per test, on a free loopback port. Node only. */
import { startSandbox } from '@payin-checkout/sandbox';
import { createCustomer, type TestCustomer, type TestCustomerOptions } from './controls.js';

/**
 * How the vault answers: `default`, with its own error codes (which field, which KYC level), or
 * `documented`, only what Vault's reference documents (every refusal its one 400 `COMMON` error,
 * `IN_PROGRESS` for a payment not final yet, `ON_REVIEW` for the card never approved).
 */
export type VaultProfile = 'default' | 'documented';

export interface TestVaultOptions extends TestCustomerOptions {
  /** Receives one line per request (`POST pay 200 3ms`: never bodies, tokens or card data); default silent. */
  log?: (line: string) => void;
  /** How the vault answers (default `default`). */
  profile?: VaultProfile;
}

/** A running test vault and its first customer. */
export interface TestVault extends TestCustomer {
  /** Another new customer of the same vault, isolated from the first. */
  customer(options?: TestCustomerOptions): Promise<TestCustomer>;
  /** Stops the vault and closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts a vault on 127.0.0.1 on a free port, answering as `profile` says, with a new customer as
 * `options` describe it (KYC level, saved cards, faults, offer lifetime, catalog). Close it when
 * the test is done.
 */
export async function startTestVault(options: TestVaultOptions = {}): Promise<TestVault> {
  const { log, profile, ...customerOptions } = options;
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, logger: log ?? false, ...(profile === undefined ? {} : { profile }) });
  try {
    const customer = await createCustomer(sandbox.url, customerOptions);
    return {
      ...customer,
      customer: (more) => createCustomer(sandbox.url, more),
      close: () => sandbox.close(),
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
