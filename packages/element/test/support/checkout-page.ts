/**
 * Script of checkout-page.html. Query: `apiBase`, `token`, `amount`, `hosts`
 * (allowed-redirect-hosts), `mode` (redirect-mode), `count` (checkouts on the page, default 1),
 * `storage=blocked` (Web Storage throws on access, as with blocked cookies or some private modes),
 * `popup=blocked` (`window.open` opens nothing, as a popup blocker does), and `client` / `machine`
 * (JSON of the checkouts' `clientOptions` / `machineOptions`).
 *
 * What every load of the page sees is written to the test page (`window.payinPageLog[token]`), so
 * that it outlives a visit to the bank page: the checkouts' DOM events, every heading they show and
 * the windows the page opened.
 */
import type { PageLog } from './checkout-frame.js';

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';

if (params.get('storage') === 'blocked') {
  const refuse = (): never => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  for (const name of ['localStorage', 'sessionStorage'] as const) Object.defineProperty(window, name, { configurable: true, get: refuse });
}

const parentWindow = window.parent as unknown as { payinPageLog?: Record<string, PageLog> };
const log = ((parentWindow.payinPageLog ??= {})[token] ??= { loads: 0, events: [], headings: [], popups: [] });
log.loads += 1;
const load = log.loads;

const open = window.open.bind(window);
window.open = (url?: string | URL, target?: string, features?: string) => {
  const opened = params.get('popup') === 'blocked' ? null : open(url, target, features);
  log.popups.push({ load, url: String(url ?? ''), target: target ?? '', window: opened });
  return opened;
};

const EVENTS = ['payin-state-change', 'payin-success', 'payin-failure', 'payin-error', 'payin-redirect', 'payin-payment-record'];
for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const fields = Object.fromEntries(Object.entries(event as unknown as Record<string, unknown>));
    // A copy made of plain data: it stays readable after this page is gone.
    log.events.push({ load, type, detail: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> });
  });
}

await import('../../src/payin-checkout.js');
const count = Number(params.get('count') ?? '1');
const json = (name: string) => JSON.parse(params.get(name) ?? '{}') as Record<string, unknown>;
for (let i = 0; i < count; i += 1) {
  const el = document.createElement('payin-checkout');
  el.setAttribute('token', token);
  for (const [param, attribute] of [
    ['amount', 'amount'],
    ['hosts', 'allowed-redirect-hosts'],
    ['mode', 'redirect-mode'],
  ] as const) {
    const value = params.get(param);
    if (value) el.setAttribute(attribute, value);
  }
  // As a shop names its signed-in customers: one per token.
  el.setAttribute('customer', `customer-${token.slice(-12)}`);
  Object.assign(el, { clientOptions: json('client'), machineOptions: json('machine') });
  el.setAttribute('api-base', params.get('apiBase') ?? '');
  document.body.append(el);
  // Every heading the checkout shows, however briefly.
  let last: string | undefined;
  const note = () => {
    const text = el.shadowRoot?.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim();
    if (text && text !== last) log.headings.push({ load, checkout: i, text });
    last = text;
  };
  if (el.shadowRoot) new MutationObserver(note).observe(el.shadowRoot, { childList: true, subtree: true, characterData: true });
}
