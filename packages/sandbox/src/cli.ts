/**
 * `npm run sandbox` (or the package's `start`): runs the sandbox on PORT (default 8787) and HOST
 * (default 127.0.0.1), answering as `--profile` (or SANDBOX_PROFILE) says: `default` or `documented`.
 */
import { parseArgs } from 'node:util';
import { testCards } from './cards.js';
import { profileNames, type ProfileName } from './profile.js';
import { startSandbox } from './server.js';

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT ?? ''}"`);

let flags: { profile?: string | undefined };
try {
  flags = parseArgs({ options: { profile: { type: 'string' } } }).values;
} catch (error) {
  flags = fail(`${(error as Error).message}\nUsage: npm run sandbox -- [--profile default|documented]`);
}
// An empty SANDBOX_PROFILE is as good as none.
const profile = flags.profile ?? (process.env.SANDBOX_PROFILE?.trim() || 'default');
if (!(profileNames as readonly string[]).includes(profile)) fail(`The profile must be ${profileNames.join(' or ')}, not "${profile}"`);

const sandbox = await startSandbox({ port, host, profile: profile as ProfileName });

const cardLines = testCards.map(
  (card) => `  ${card.number.replace(/(\d{4})(?=\d)/g, '$1 ').padEnd(24)} ${card.brand.padEnd(11)} ${card.description}`,
);
process.stdout.write(
  [
    `payin-checkout sandbox listening on ${sandbox.url}`,
    profile === 'documented'
      ? 'Profile: documented (only what Vault documents: every refusal is its 400 COMMON error)'
      : 'Profile: default (with the sandbox\'s own error codes; --profile documented for only what Vault documents)',
    '',
    'Bearer tokens (each distinct token is its own customer):',
    '  test_kyc1_<suffix>  KYC_1: can pay',
    '  test_kyc0_<suffix>  KYC_0: cards, rates and offers, not pay',
    '  test_none_<suffix>  NONE: profile first (PATCH /v2/customer/profile)',
    '',
    'Test cards (any future expiry, any 3-4 digit CVV):',
    ...cardLines,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

const stop = (): void => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
