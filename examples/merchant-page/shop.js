// The shop's own script around <payin-checkout>: where Vault is, and what the page does with each
// outcome. A real shop gets the API address and the customer's token from its server; this page
// takes them from its address (`?api=…&token=…`), so that a test can point it at a test vault.
const params = new URLSearchParams(location.search);
const checkout = document.querySelector('payin-checkout');
const api = params.get('api');
if (api) {
  checkout.setAttribute('allowed-redirect-hosts', new URL(api).host);
  checkout.setAttribute('token', params.get('token') ?? '');
  checkout.setAttribute('api-base', api);
}
// The bank page in a window of its own (`?bank=popup`), as some shops prefer.
if (params.get('bank') === 'popup') checkout.setAttribute('redirect-mode', 'popup');

const show = (id) => {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== id;
};

checkout.addEventListener('payin-success', (event) => {
  document.querySelector('#order-reference').textContent = event.receipt.offerId;
  show('order-confirmed');
});
checkout.addEventListener('payin-failure', (event) => {
  if (event.reason.kind !== 'declined') return;
  document.querySelector('#payment-reason').textContent = event.reason.message;
  show('payment-help');
});
checkout.addEventListener('payin-kyc-required', () => show('verify-identity'));
