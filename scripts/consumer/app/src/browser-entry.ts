// The page script of the scratch app, bundled with its node_modules: it imports the element's
// npm entry (which defines <payin-checkout>) and mounts one checkout against the address and
// customer token given in the page's query (`?api=…&token=…`, optionally `locale` and `locales`,
// the folder its language catalogs are served from).
import { PayinCheckout } from '@payin-checkout/element';

const query = new URLSearchParams(location.search);
const api = query.get('api') ?? '';

const checkout = document.createElement('payin-checkout');
checkout.apiBase = api;
checkout.token = query.get('token') ?? '';
checkout.customer = query.get('customer') ?? 'consumer';
checkout.amount = '50';
checkout.locale = query.get('locale') ?? '';
checkout.localesUrl = query.get('locales') ?? '';
checkout.allowedRedirectHosts = api ? new URL(api).host : '';
checkout.addEventListener('payin-state-change', (event) => {
  document.documentElement.dataset.step = event.step;
});
document.body.append(checkout);

document.documentElement.dataset.defined = String(customElements.get('payin-checkout') === PayinCheckout);
