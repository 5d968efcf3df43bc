/**
 * `<payin-checkout>` in a React app, twice over: the `PayinCheckout` component of
 * `@payin-checkout/react/element` (properties as props, events as `onSuccess`, …), under
 * `<StrictMode>`. Its events are listed below it.
 */
import { PayinCheckout } from '@payin-checkout/react/element';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { demoCustomer } from '../shared/checkout.js';
import { StrictModeProbe } from './strict-mode.js';

function App({ token }: { token: string }) {
  const [log, setLog] = useState<string[]>([]);
  const add = (line: string) => setLog((lines) => [...lines, line]);
  return (
    <>
      <StrictModeProbe />
      <PayinCheckout
        apiBase={location.origin}
        token={token}
        fromCurrency="EUR"
        toCurrency="BTC"
        amount="50"
        locale="en"
        allowedRedirectHosts={location.host}
        onStateChange={(event) => add(`state-change: ${event.step}`)}
        onSuccess={(event) => add(`success: ${event.receipt.offerId}`)}
        onRedirect={(event) => add(`redirect: ${event.offerId}`)}
        onError={(event) => add(`error: ${event.error.kind}`)}
      />
      <h2>Events</h2>
      <ol id="events">
        {log.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </>
  );
}

const token = demoCustomer();
const shown = document.getElementById('customer-token');
if (shown) shown.textContent = token;
const app = document.getElementById('app');
if (app) {
  createRoot(app).render(
    <StrictMode>
      <App token={token} />
    </StrictMode>,
  );
}
