/** `npm start`: builds what the demo needs, then serves it with the sandbox on PORT (8080) and HOST (127.0.0.1). */
import { testCards } from '@payin-checkout/sandbox';
import { ensureBuilt } from './build.js';
import { startDemo } from './server.js';

ensureBuilt({ force: process.argv.includes('--force'), log: (line) => console.log(line) });
if (process.argv.includes('--build-only')) process.exit(0);

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT ?? ''}"`);
  process.exit(1);
}

const demo = await startDemo({ port, host });
const cards = testCards.map((card) => `  ${card.number.replace(/(\d{4})(?=\d)/g, '$1 ').padEnd(24)} ${card.brand.padEnd(11)} ${card.behaviour}`);
console.log(
  [
    '',
    `payin-checkout demo: ${demo.url}/`,
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
