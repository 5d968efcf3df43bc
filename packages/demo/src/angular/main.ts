import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { demoCustomer } from '../shared/checkout.js';
import { CheckoutComponent } from './checkout.component.js';

const shown = document.getElementById('customer-token');
if (shown) shown.textContent = demoCustomer();
bootstrapApplication(CheckoutComponent, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
