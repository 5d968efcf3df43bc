import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { demoCustomer } from '../shared/checkout.js';
import { Checkout } from './checkout.js';
import { StrictModeProbe } from './strict-mode.js';

const token = demoCustomer();
const shown = document.getElementById('customer-token');
if (shown) shown.textContent = token;
const app = document.getElementById('app');
if (app) {
  createRoot(app).render(
    <StrictMode>
      <StrictModeProbe />
      <Checkout token={token} />
    </StrictMode>,
  );
}
