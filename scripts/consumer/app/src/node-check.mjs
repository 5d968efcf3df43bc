// Runs in Node from the scratch app: the published core loads as ESM (with ky, zod and xstate
// from the app's node_modules) and its client reads the sandbox's data for a KYC 1 customer.
// Usage: node src/node-check.mjs <sandbox url> <token>
import { checkCatalog, createPayinClient, decimal, payinMachine } from '@payin-checkout/core';
import de from '@payin-checkout/core/locales/de.json' with { type: 'json' };

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) throw new Error('usage: node src/node-check.mjs <sandbox url> <token>');
if (decimal(0.1).plus(0.2).toString() !== '0.3') throw new Error('decimal(0.1).plus(0.2) is not 0.3');
if (typeof payinMachine?.provide !== 'function') throw new Error('payinMachine is not an XState machine');
if (typeof de['step.newCard'] !== 'string') throw new Error('@payin-checkout/core/locales/de.json has no step.newCard');
checkCatalog(de);
const data = await createPayinClient({ baseUrl, token, timeoutMs: 5_000 }).getData();
if (!Array.isArray(data.cards)) throw new Error(`the data answer has no card list: ${JSON.stringify(data).slice(0, 300)}`);
console.log(JSON.stringify({ cards: data.cards.length, keys: Object.keys(data).sort() }));
