/**
 * Script of frame.html: mounts `<payin-checkout>` from the query string — `apiBase`, `token`,
 * `amount`, `hosts` (allowed-redirect-hosts), `mode` (redirect-mode), `client` and `machine` (JSON
 * of `clientOptions` / `machineOptions`), `count` (checkouts on the page), `popup=blocked`
 * (window.open opens nothing), and `storage=blocked`, which makes Web Storage throw as some private
 * modes and blocked-cookie settings do, before the checkout loads. Every DOM event of the checkouts
 * is kept in the test page (`payinFrameEvents[token]`, with the page load it came from), so that it
 * outlives a reload or a visit to the bank page.
 */
export {};

const params = new URLSearchParams(location.search);

if (params.get('storage') === 'blocked') {
  const refuse = (): never => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  for (const name of ['localStorage', 'sessionStorage'] as const) Object.defineProperty(window, name, { configurable: true, get: refuse });
}

if (params.get('popup') === 'blocked') window.open = () => null;

// Kept in the test page, so that they outlive this page (a reload, the bank page).
type Sink = Record<string, { type: string; detail: Record<string, unknown>; page: number }[]>;
const parentWindow = window.parent as unknown as { payinFrameEvents?: Sink; payinFramePages?: number };
const sink = (parentWindow.payinFrameEvents ??= {});
const page = (parentWindow.payinFramePages = (parentWindow.payinFramePages ?? 0) + 1);
const events = (sink[params.get('token') ?? ''] ??= []);
for (const type of ['payin-success', 'payin-failure', 'payin-error', 'payin-redirect', 'payin-payment-record', 'payin-state-change']) {
  document.addEventListener(type, (event) => {
    const detail = Object.fromEntries(Object.entries(event as unknown as Record<string, unknown>).filter(([key]) => key !== 'isTrusted'));
    events.push({ type, detail, page });
  });
}

await import('../../src/payin-checkout.js');
const el = document.createElement('payin-checkout');
const json = (name: string) => JSON.parse(params.get(name) ?? '{}') as Record<string, unknown>;
Object.assign(el, { clientOptions: json('client'), machineOptions: json('machine') });
el.setAttribute('token', params.get('token') ?? '');
// As a shop names its signed-in customers: one per token.
el.setAttribute('customer', `customer-${(params.get('token') ?? '').slice(-12)}`);
if (params.get('amount')) el.setAttribute('amount', params.get('amount') ?? '');
if (params.get('hosts')) el.setAttribute('allowed-redirect-hosts', params.get('hosts') ?? '');
if (params.get('mode')) el.setAttribute('redirect-mode', params.get('mode') ?? '');
el.setAttribute('api-base', params.get('apiBase') ?? '');
document.body.append(el);
// `count=2`: a second checkout on the same page, as a page showing the checkout twice would.
for (let i = 1; i < Number(params.get('count') ?? '1'); i += 1) document.body.append(el.cloneNode() as HTMLElement);
