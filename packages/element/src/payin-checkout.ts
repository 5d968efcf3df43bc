import { PayinCheckout } from './payin-checkout.component.js';

export * from './payin-checkout.component.js';
export * from './events.js';

if (!customElements.get('payin-checkout')) customElements.define('payin-checkout', PayinCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'payin-checkout': PayinCheckout;
  }
}
