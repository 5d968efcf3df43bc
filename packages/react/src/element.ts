/**
 * `<payin-checkout>` in React: the `PayinCheckout` component (made with `@lit/react`, properties set
 * as properties, events as `onSuccess`, `onRedirect`, …), and JSX typings of the bare tag for
 * React 19, which sets a custom element's known properties and listens to `onpayin-*` events.
 * Importing this module defines the tag.
 */
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import {
  PayinCheckout as PayinCheckoutElement,
  type PayinAuthRequiredEvent,
  type PayinErrorEvent,
  type PayinFailureEvent,
  type PayinKycRequiredEvent,
  type PayinPaymentRecordEvent,
  type PayinRedirectEvent,
  type PayinStateChangeEvent,
  type PayinSuccessEvent,
} from '@payin-checkout/element';
import * as React from 'react';

/** The element's events as props of the component. */
const events = {
  onStateChange: 'payin-state-change' as EventName<PayinStateChangeEvent>,
  onSuccess: 'payin-success' as EventName<PayinSuccessEvent>,
  onFailure: 'payin-failure' as EventName<PayinFailureEvent>,
  onError: 'payin-error' as EventName<PayinErrorEvent>,
  onRedirect: 'payin-redirect' as EventName<PayinRedirectEvent>,
  onPaymentRecord: 'payin-payment-record' as EventName<PayinPaymentRecordEvent>,
  onKycRequired: 'payin-kyc-required' as EventName<PayinKycRequiredEvent>,
  onAuthRequired: 'payin-auth-required' as EventName<PayinAuthRequiredEvent>,
};

/** The React component of `<payin-checkout>`: its properties as props, its events as `on…` props. */
export const PayinCheckout: ReactWebComponent<PayinCheckoutElement, typeof events> = createComponent({
  tagName: 'payin-checkout',
  elementClass: PayinCheckoutElement,
  react: React,
  displayName: 'PayinCheckout',
  events,
});

/** Properties of the element a page sets (`reset` and `state` are the element's own to call and read). */
type ElementProperties = Partial<
  Pick<
    PayinCheckoutElement,
    | 'apiBase'
    | 'token'
    | 'getToken'
    | 'fromCurrency'
    | 'toCurrency'
    | 'amount'
    | 'successUrl'
    | 'locale'
    | 'localesUrl'
    | 'messages'
    | 'redirectMode'
    | 'allowedRedirectHosts'
    | 'customer'
    | 'theme'
    | 'clientOptions'
    | 'machineOptions'
  >
>;

/** The element's attributes, as written in HTML. */
interface ElementAttributes {
  'api-base'?: string;
  'from-currency'?: string;
  'to-currency'?: string;
  'success-url'?: string;
  'locales-url'?: string;
  'redirect-mode'?: 'same-window' | 'popup';
  'allowed-redirect-hosts'?: string;
}

/** Its events as React 19 names them on a custom element: `on` and the event's own name. */
interface ElementEvents {
  'onpayin-state-change'?: (event: PayinStateChangeEvent) => void;
  'onpayin-success'?: (event: PayinSuccessEvent) => void;
  'onpayin-failure'?: (event: PayinFailureEvent) => void;
  'onpayin-error'?: (event: PayinErrorEvent) => void;
  'onpayin-redirect'?: (event: PayinRedirectEvent) => void;
  'onpayin-payment-record'?: (event: PayinPaymentRecordEvent) => void;
  'onpayin-kyc-required'?: (event: PayinKycRequiredEvent) => void;
  'onpayin-auth-required'?: (event: PayinAuthRequiredEvent) => void;
}

/** Props of `<payin-checkout>` in JSX. */
export type PayinCheckoutIntrinsicProps = React.DetailedHTMLProps<React.HTMLAttributes<PayinCheckoutElement>, PayinCheckoutElement> &
  ElementProperties &
  ElementAttributes &
  ElementEvents;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'payin-checkout': PayinCheckoutIntrinsicProps;
    }
  }
}
