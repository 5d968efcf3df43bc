/**
 * The checkout as a Vue component with its own markup, on `@payin-checkout/vue`: `usePayin` gives
 * the view model (`connectPayin`) as a computed ref, with the fields of each screen's form (their
 * attributes, texts and choices) and the intents to call. No `<payin-checkout>` inside. Render
 * functions keep it plain TypeScript.
 */
import type { FieldView, PayinView, SubmittedSecrets } from '@payin-checkout/core';
import { usePayin } from '@payin-checkout/vue';
import { defineComponent, h, type VNode } from 'vue';
import { checkoutInput } from '../shared/checkout.js';

/** The card secrets of the submitted form (they are read only here, and handed to `submit`). */
function secretsOf(event: Event, fields: FieldView[]): SubmittedSecrets {
  const data = new FormData(event.target as HTMLFormElement);
  return Object.fromEntries(fields.filter((field) => field.secret).map((field) => [field.name, String(data.get(field.name) ?? '')]));
}

export const Checkout = defineComponent({
  name: 'PayinCheckoutVue',
  props: { token: { type: String, required: true } },
  setup(props) {
    // The bank page is on the sandbox, this page's own origin.
    const view = usePayin(checkoutInput(props.token), { locale: 'en', allowedRedirectHosts: [location.host] });

    const control = (v: PayinView, field: FieldView): VNode => {
      if (field.control === 'select') {
        return h(
          'select',
          { ...field.props, value: field.value, onChange: (event: Event) => v.setField(field.name, (event.target as HTMLSelectElement).value) },
          (field.options ?? []).map((option) => h('option', { value: option.value, selected: option.value === field.value }, option.label)),
        );
      }
      if (field.secret) {
        // Never bound to state: formatted as typed, checked when left, read from the form on submit.
        return h('input', {
          ...field.props,
          onInput: (event: Event) => {
            const input = event.target as HTMLInputElement;
            input.value = v.secretInput(field.name, input.value).value;
          },
          onBlur: (event: Event) => v.secretBlur(field.name, (event.target as HTMLInputElement).value),
        });
      }
      return h('input', { ...field.props, value: field.value, onInput: (event: Event) => v.setField(field.name, (event.target as HTMLInputElement).value) });
    };

    const fieldRow = (v: PayinView, field: FieldView): VNode =>
      h('div', { class: 'field' }, [
        h('label', { for: field.props.id }, field.label),
        control(v, field),
        field.hint ? h('span', { class: 'hint', id: field.hintId }, field.hint) : null,
        field.error ? h('span', { class: 'error', id: field.errorId }, field.error) : null,
      ]);

    /** The screen's form: its fields in order and its submit button. */
    const form = (v: PayinView, before: (VNode | null)[] = []): VNode =>
      // One form per screen: no control is carried over from another screen's form.
      h('form', { key: v.screen, novalidate: true, onSubmit: (event: Event) => (event.preventDefault(), v.submit(secretsOf(event, v.formFields))) }, [
        ...before,
        ...v.formFields.map((field) => fieldRow(v, field)),
        h('button', { type: 'submit', class: 'primary', 'aria-disabled': v.busy ? 'true' : 'false' }, v.submitLabel),
      ]);

    const button = (label: string, onClick: () => void) => h('button', { type: 'button', onClick }, label);
    const figures = (rows: [string, string][]) => h('dl', { class: 'figures' }, rows.flatMap(([term, value]) => [h('dt', term), h('dd', value)]));

    const screen = (v: PayinView): (VNode | null)[] => {
      switch (v.screen) {
        case 'profile':
        case 'new-card':
        case 'billing':
          return [form(v)];
        case 'cards':
          return [
            h('ul', { class: 'cards' }, v.cards.map((card) => h('li', [button(card.label, () => v.selectCard(card.cardId))]))),
            v.can.newCard ? button(v.t('action.newCard'), () => v.newCard()) : null,
          ];
        case 'quote':
          return [form(v, [v.estimate ? figures([[v.t('figure.rate'), v.estimate.rate], [v.t('figure.amountReceived'), v.estimate.amountReceived]]) : null])];
        case 'offer':
        case 'paying':
          return [
            v.offer
              ? figures([
                  [v.t('figure.rate'), v.offer.rate],
                  ...v.offer.fees.map((fee): [string, string] => [fee.name, fee.amount]),
                  [v.t('figure.totalCharged'), v.offer.totalCharged],
                  [v.t('figure.amountReceived'), v.offer.amountReceived],
                ])
              : null,
            v.offer ? h('p', { class: 'hint' }, v.t('figure.expiresIn', { seconds: v.offer.secondsLeft })) : null,
            v.can.acceptPrice ? button(v.t('action.acceptPrice'), () => v.acceptPrice()) : null,
            v.screen === 'offer' ? form(v) : null,
          ];
        case 'redirect':
          return [v.redirectUrl ? h('a', { href: v.redirectUrl }, v.t('action.openBank')) : null];
        case 'success':
          return [
            h('p', v.t('receipt.thanks')),
            v.receipt
              ? figures([
                  [v.t('receipt.reference'), v.receipt.reference],
                  [v.t('receipt.amount'), v.receipt.amount],
                  ...(v.receipt.totalCharged ? [[v.t('receipt.paid'), v.receipt.totalCharged] as [string, string]] : []),
                  ...(v.receipt.received ? [[v.t('receipt.received'), v.receipt.received] as [string, string]] : []),
                  ...(v.receipt.card ? [[v.t('receipt.card'), v.receipt.card] as [string, string]] : []),
                ])
              : null,
          ];
        case 'failure':
          return [h('p', v.failure?.message ?? ''), v.failure?.adviceText ? h('p', v.failure.adviceText) : null];
        default:
          return [];
      }
    };

    return () => {
      const v = view.value;
      const problem = v.error?.message ?? v.failure?.message;
      // After a failed payment: "Use another card", first when the view says it leads.
      const anotherCard = v.screen === 'failure' && v.can.changeCard ? button(v.t('failure.anotherCard'), () => v.changeCard()) : null;
      const cardFirst = v.failure?.lead === 'changeCard';
      return h('section', { class: 'payin', 'aria-busy': v.busy ? 'true' : 'false' }, [
        h('h2', v.heading),
        h('div', { role: 'alert' }, problem && v.screen !== 'failure' ? [h('p', { class: 'banner error' }, problem)] : []),
        v.notice ? h('p', { class: 'notice' }, v.notice) : null,
        h('p', { role: 'status' }, v.busy ? (v.busyLabel ?? '') : (v.status ?? '')),
        ...screen(v),
        h('div', { class: 'actions' }, [
          cardFirst ? anotherCard : null,
          v.can.retry ? button(v.t('action.retry'), () => v.retry()) : null,
          cardFirst ? null : anotherCard,
          v.can.back ? button(v.t('action.back'), () => v.back()) : null,
          v.can.checkStatus ? button(v.t('action.checkStatus'), () => v.checkStatus()) : null,
        ]),
      ]);
    };
  },
});
