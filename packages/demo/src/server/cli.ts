/**
 * `npm start`: builds what the demo needs, then serves it with the sandbox on PORT (8080) and HOST
 * (127.0.0.1), the sandbox answering as `--profile` (or SANDBOX_PROFILE) says: `default` or
 * `documented`. `--force` rebuilds everything; `--build-only` builds and stops.
 */
import { parseArgs } from 'node:util';
import { testCards } from '@payin-checkout/sandbox';
import { ensureBuilt } from './build.js';
import { startDemo, type SandboxProfile } from './server.js';

const USAGE = 'Usage: npm start -- [--profile default|documented] [--force] [--build-only]';

/** Each profile and the line the banner shows for it. */
const PROFILES: Readonly<Record<SandboxProfile, string>> = {
  default: "Profile: default (with the sandbox's own error codes; --profile documented for only what Vault documents)",
  documented: 'Profile: documented (only what Vault documents: every refusal is its 400 COMMON error)',
};

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

let flags: { profile?: string | undefined; force?: boolean | undefined; 'build-only'?: boolean | undefined };
try {
  flags = parseArgs({ options: { profile: { type: 'string' }, force: { type: 'boolean' }, 'build-only': { type: 'boolean' } } }).values;
} catch (error) {
  flags = fail(`${(error as Error).message}\n${USAGE}`);
}
const isProfile = (name: string): name is SandboxProfile => Object.hasOwn(PROFILES, name);
// Checked before building, which can take a while. An empty SANDBOX_PROFILE is as good as none.
const chosen = flags.profile ?? (process.env.SANDBOX_PROFILE?.trim() || 'default');
const profile = isProfile(chosen) ? chosen : fail(`The profile must be ${Object.keys(PROFILES).join(' or ')}, not "${chosen}"`);

ensureBuilt({ force: flags.force === true, log: (line) => console.log(line) });
if (flags['build-only']) process.exit(0);

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT ?? ''}"`);

const demo = await startDemo({ port, host, profile });
const cards = testCards.map((card) => `  ${card.number.replace(/(\d{4})(?=\d)/g, '$1 ').padEnd(24)} ${card.brand.padEnd(11)} ${card.behaviour}`);
console.log(
  [
    '',
    `payin-checkout demo: ${demo.url}/`,
    PROFILES[profile],
    '',
    `  ${demo.url}/              script tag: <payin-checkout> from one self-contained file`,
    `  ${demo.url}/csp.html      the same under Content-Security-Policy: default-src 'self' (nothing inline)`,
    `  ${demo.url}/vue.html      headless core in a Vue 3 app (its own markup)`,
    `  ${demo.url}/angular.html  headless core in an Angular standalone component (signals)`,
    `  ${demo.url}/react.html    headless core in a React 19 app under StrictMode (usePayin)`,
    `  ${demo.url}/react-element.html  <payin-checkout> in a React 19 app (PayinCheckout, @lit/react)`,
    '',
    `The Vault sandbox answers on the same origin (${demo.url}/v3/…, /sandbox/…): use it as api-base.`,
    'Customers: test_kyc1_<suffix> (can pay), test_kyc0_<suffix>, test_none_<suffix> (profile first).',
    'Test cards (any future expiry, any 3-4 digit CVV):',
    ...cards,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n'),
);

const stop = (): void => {
  demo.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
