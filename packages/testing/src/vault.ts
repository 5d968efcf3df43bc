/** A local emulator of Vault's PayIn API per test, on a free loopback port. Node only. */
import { startSandbox } from '@payin-checkout/sandbox';
import { createCustomer, type TestCustomer, type TestCustomerOptions } from './controls.js';

export interface TestVaultOptions extends TestCustomerOptions {
  /** Receives one line per request (`POST pay 200 3ms`: never bodies, tokens or card data); default silent. */
  log?: (line: string) => void;
}

/** A running test vault and its first customer. */
export interface TestVault extends TestCustomer {
  /** Another new customer of the same vault, isolated from the first. */
  customer(options?: TestCustomerOptions): Promise<TestCustomer>;
  /** Stops the vault and closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts a vault on 127.0.0.1 on a free port, with a new customer as `options` describe it
 * (KYC level, saved cards, faults, offer lifetime). Close it when the test is done.
 */
export async function startTestVault(options: TestVaultOptions = {}): Promise<TestVault> {
  const { log, ...customerOptions } = options;
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, logger: log ?? false });
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
