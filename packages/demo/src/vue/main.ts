import { createApp } from 'vue';
import { demoCustomer } from '../shared/checkout.js';
import { Checkout } from './checkout.js';

const token = demoCustomer();
const shown = document.getElementById('customer-token');
if (shown) shown.textContent = token;
createApp(Checkout, { token }).mount('#app');
