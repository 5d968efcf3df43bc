/**
 * DOM events of `<payin-checkout>`: one class each, bubbling and composed so that a page can listen
 * on the element or any ancestor. No detail ever carries card number, CVV or expiry.
 */
import type { CheckoutError, FailureReason, Receipt, ResumeRecord, Screen, Step } from '@payin-checkout/core';

const init = { bubbles: true, composed: true } as const;

/** The checkout moved to another step. */
export class PayinStateChangeEvent extends Event {
  static readonly eventName = 'payin-state-change';
  constructor(readonly step: Step, readonly screen: Screen) {
    super(PayinStateChangeEvent.eventName, init);
  }
}

/** The payment succeeded; `receipt` shows the masked card only. */
export class PayinSuccessEvent extends Event {
  static readonly eventName = 'payin-success';
  constructor(readonly receipt: Receipt) {
    super(PayinSuccessEvent.eventName, init);
  }
}

/** The payment failed; `reason` says why (the bank's words for a decline). */
export class PayinFailureEvent extends Event {
  static readonly eventName = 'payin-failure';
  constructor(readonly reason: FailureReason) {
    super(PayinFailureEvent.eventName, init);
  }
}

/** A request failed; `error` is classified (network, timeout, auth, kyc, field, rejected, server, unexpected). */
export class PayinErrorEvent extends Event {
  static readonly eventName = 'payin-error';
  constructor(readonly error: CheckoutError) {
    super(PayinErrorEvent.eventName, init);
  }
}

/**
 * The customer must confirm the payment on their bank's page: the pay answer asks for it, or the
 * customer follows a link to it on the screen. Cancelable: a host that calls `preventDefault()`
 * navigates (or opens a window) itself.
 */
export class PayinRedirectEvent extends Event {
  static readonly eventName = 'payin-redirect';
  constructor(readonly url: string, readonly offerId: string) {
    super(PayinRedirectEvent.eventName, { ...init, cancelable: true });
  }
}

/**
 * The payment record was written: just before the pay request leaves, and again when Vault answers
 * it. `record` holds the offer id, amounts, card label (brand and last four), the bank page and the
 * stage of the pay request — never card number, CVV or expiry. `stored: false` means only this
 * page's memory holds it (storage is blocked or full): a host may keep it and give it back as the
 * machine's `resume` input, so that a reload still confirms the payment instead of offering a new one.
 */
export class PayinPaymentRecordEvent extends Event {
  static readonly eventName = 'payin-payment-record';
  constructor(readonly record: ResumeRecord, readonly stored: boolean) {
    super(PayinPaymentRecordEvent.eventName, init);
  }
}

/** Paying needs a higher verification level; the host should take the customer through KYC. */
export class PayinKycRequiredEvent extends Event {
  static readonly eventName = 'payin-kyc-required';
  constructor(readonly level: string) {
    super(PayinKycRequiredEvent.eventName, init);
  }
}

/** The token was refused even after a refresh; the host should sign the customer in again. */
export class PayinAuthRequiredEvent extends Event {
  static readonly eventName = 'payin-auth-required';
  constructor() {
    super(PayinAuthRequiredEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'payin-state-change': PayinStateChangeEvent;
    'payin-success': PayinSuccessEvent;
    'payin-failure': PayinFailureEvent;
    'payin-error': PayinErrorEvent;
    'payin-redirect': PayinRedirectEvent;
    'payin-payment-record': PayinPaymentRecordEvent;
    'payin-kyc-required': PayinKycRequiredEvent;
    'payin-auth-required': PayinAuthRequiredEvent;
  }
}
