// The typings of the classic-script build (dist/payin-checkout.iife.js) as a page using its
// global sees them: `PayinCheckout` holds the element and event classes.
import type {} from '@payin-checkout/element/iife';

const ElementClass: typeof PayinCheckout.PayinCheckout = PayinCheckout.PayinCheckout;
const checkout = document.createElement('payin-checkout');
const typed: InstanceType<typeof ElementClass> = checkout;
const upgraded: boolean = checkout instanceof ElementClass;
checkout.amount = '50';
checkout.addEventListener(PayinCheckout.PayinSuccessEvent.eventName, (event) => console.info('paid', event.receipt.offerId));
// @ts-expect-error the global holds only what the element's entry exports
console.info(PayinCheckout.NoSuchExport);

export { typed, upgraded };
