/**
 * The page address as part of the payment record, for every renderer (the element, a Vue, Angular
 * or React page): the bank sends the customer back with `payin_offer=<offerId>`; a checkout started
 * on that address resumes that payment; while only the page's memory holds the record (storage
 * throws), the address names the offer so that a reload still finds it; once the payment is
 * settled, the address stops naming it so that a reload starts afresh.
 */
import type { PayinEmitted, PayinMachineInput, Step } from './machine/payin.types.js';
import { offerIdFromUrl, returnUrlFor, withoutReturnParam } from './resume.js';

/** The page's address, read and replaced without a navigation (`history.replaceState` in a browser). */
export interface AddressBar {
  readonly href: string;
  replace(href: string): void;
}

/** The browser's address bar, or undefined outside a browser. */
export function browserAddressBar(): AddressBar | undefined {
  if (typeof location === 'undefined' || typeof history === 'undefined') return undefined;
  return {
    get href() {
      return location.href;
    },
    replace: (href) => history.replaceState(history.state, '', href),
  };
}

/** The machine input that resumes the payment the address names (`{}` when it names none). */
export function resumeFromAddress(href: string | undefined): Pick<PayinMachineInput, 'resume'> {
  const offerId = href === undefined ? undefined : offerIdFromUrl(href);
  return offerId ? { resume: { offerId } } : {};
}

/** What `followReturnAddress` needs of a checkout actor: its emitted events. */
export interface EmittingActor {
  on(type: '*', handler: (event: PayinEmitted) => void): { unsubscribe(): void };
}

const PAYMENT_STEPS: readonly Step[] = ['paying', 'redirect', 'verifying'];

/**
 * Keeps the page address in step with the checkout's payment: names the offer while only memory
 * holds its record, drops the name once the payment leaves the checkout's hands (settled, or found
 * never made). Returns the function that stops following.
 */
export function followReturnAddress(actor: EmittingActor, bar: AddressBar | undefined = browserAddressBar()): () => void {
  if (!bar) return () => undefined;
  let step: Step | undefined;
  const drop = () => {
    const address = withoutReturnParam(bar.href);
    if (address !== bar.href) bar.replace(address);
  };
  const subscription = actor.on('*', (event) => {
    if (event.type === 'payment-record' && !event.stored && offerIdFromUrl(bar.href) !== event.record.offerId) {
      bar.replace(returnUrlFor(bar.href, event.record.offerId));
    }
    if (event.type === 'success' || event.type === 'failure') drop();
    if (event.type === 'state-change') {
      if (step && PAYMENT_STEPS.includes(step) && !PAYMENT_STEPS.includes(event.step)) drop();
      step = event.step;
    }
  });
  return () => subscription.unsubscribe();
}
