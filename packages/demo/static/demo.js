// The demo panel of index.html and csp.html: picks the test customer, lists the sandbox's test
// cards and logs the element's events. The checkout itself needs none of this.
const LEVELS = ['kyc1', 'kyc0', 'none'];
const TOKEN = /^test_(kyc1|kyc0|none)_[A-Za-z0-9_-]{1,64}$/;

// getRandomValues works on any origin (randomUUID needs a secure context).
const newToken = (level) => `test_${level}_${Array.from(crypto.getRandomValues(new Uint8Array(5)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

// The customer lives in the query (?customer=…), so it survives the trip to the bank page and back.
const params = new URLSearchParams(location.search);
let token = params.get('customer') ?? '';
if (!TOKEN.test(token)) {
  token = newToken('kyc1');
  params.set('customer', token);
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

const checkout = document.querySelector('payin-checkout');
checkout.setAttribute('token', token);
checkout.setAttribute('api-base', location.origin); // the sandbox answers on this origin

// The language lives in the query too (?lang=de); the element loads its catalog when it changes.
const LOCALES = ['en', 'de', 'es'];
const locale = document.getElementById('checkout-locale');
locale.value = LOCALES.includes(params.get('lang')) ? params.get('lang') : 'en';
checkout.setAttribute('locale', locale.value);
locale.addEventListener('change', () => {
  const chosen = LOCALES.includes(locale.value) ? locale.value : 'en';
  checkout.setAttribute('locale', chosen);
  params.set('lang', chosen);
  history.replaceState(null, '', `${location.pathname}?${params}`);
});

document.getElementById('customer-token').textContent = token;
const level = document.getElementById('customer-level');
level.value = TOKEN.exec(token)?.[1] ?? 'kyc1';
document.getElementById('customer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const chosen = LEVELS.includes(level.value) ? level.value : 'kyc1';
  sessionStorage.clear(); // forget a payment being confirmed for the previous customer
  location.assign(`${location.pathname}?customer=${newToken(chosen)}&lang=${checkout.getAttribute('locale')}`);
});

const spaced = (number) => number.replace(/(\d{4})(?=\d)/g, '$1 ');
fetch('/test-cards.json')
  .then((response) => response.json())
  .then((cards) => {
    const body = document.getElementById('test-cards');
    for (const card of cards) {
      const row = body.insertRow();
      const number = row.insertCell();
      const code = document.createElement('code');
      code.textContent = spaced(card.number);
      number.append(code, ` ${card.brand}`);
      row.insertCell().textContent = card.description;
    }
  })
  .catch((error) => console.error('test cards', error));

const log = document.getElementById('event-log');
const note = (text) => {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  log.prepend(item);
};
checkout.addEventListener('payin-state-change', (event) => note(`state-change: ${event.step} (${event.screen})`));
checkout.addEventListener('payin-success', (event) => note(`success: offer ${event.receipt.offerId}`));
checkout.addEventListener('payin-failure', (event) => note(`failure: ${event.reason.kind}`));
checkout.addEventListener('payin-error', (event) => note(`error: ${event.error.kind}`));
checkout.addEventListener('payin-redirect', (event) => note(`redirect: ${new URL(event.url).pathname}`));
checkout.addEventListener('payin-kyc-required', (event) => note(`kyc-required: ${event.level}`));
