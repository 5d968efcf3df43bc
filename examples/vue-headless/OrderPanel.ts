/**
 * The shop's order panel, a headless Vue component around a running checkout (the actor of
 * `payinMachine`): the price while an offer holds, with the CVV and Pay; the bank link; the order
 * confirmation; the help link after a decline; the way to identity verification after a KYC refusal.
 */
import { connectPayin, type PayinMachine } from '@payin-checkout/core';
import { defineComponent, h, onBeforeUnmount, ref, shallowRef, type PropType } from 'vue';
import type { Actor } from 'xstate';

export const OrderPanel = defineComponent({
  name: 'OrderPanel',
  props: {
    checkout: { type: Object as PropType<Actor<PayinMachine>>, required: true },
  },
  setup(props) {
    const { checkout } = props;
    const view = shallowRef(connectPayin(checkout.getSnapshot(), checkout.send));
    const subscription = checkout.subscribe((snapshot) => {
      view.value = connectPayin(snapshot, checkout.send);
    });
    onBeforeUnmount(() => subscription.unsubscribe());
    const cvv = ref('');

    return () => {
      const current = view.value;
      switch (current.screen) {
        case 'offer':
          return h('form', { 'data-test': 'offer', onSubmit: (event: Event) => (event.preventDefault(), current.pay(cvv.value)) }, [
            h('p', { 'data-test': 'total' }, `You pay ${current.offer?.totalCharged ?? ''}`),
            h('input', { name: 'cvv', value: cvv.value, onInput: (event: Event) => (cvv.value = (event.target as HTMLInputElement).value) }),
            h('button', { type: 'submit', disabled: !current.can.pay }, 'Pay'),
          ]);
        case 'redirect':
          return h('a', { 'data-test': 'bank', href: current.redirectUrl }, 'Confirm the payment at your bank');
        case 'paying':
        case 'verifying':
          return h('p', { 'data-test': 'confirming' }, 'Confirming your payment…');
        case 'success':
          return h('p', { 'data-test': 'confirmed' }, `Order confirmed: ${current.receipt?.reference ?? ''}`);
        case 'failure':
          return current.failure?.reason.kind === 'kyc-required'
            ? h('a', { 'data-test': 'verify', href: '/account/verify' }, 'Verify your identity to continue')
            : h('p', { 'data-test': 'declined' }, [current.failure?.message ?? '', ' ', h('a', { href: '/help/card-payments' }, 'Pay with another card')]);
        default:
          return h('p', { 'data-test': 'waiting' }, current.heading);
      }
    };
  },
});
