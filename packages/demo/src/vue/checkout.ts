/**
 * The checkout as a Vue component with its own markup, rendered from the view model
 * (`connectPayin`): no `<payin-checkout>` inside. Render functions keep it plain TypeScript.
 */
import { seal, type PayinView, type SecretField, type TextField } from '@payin-checkout/core';
import { defineComponent, h, type VNode } from 'vue';
import { COUNTRIES, checkoutInput } from '../shared/checkout.js';
import { usePayin } from './use-payin.js';

type Autocomplete = Partial<Record<TextField | SecretField, string>>;

const AUTOCOMPLETE: Autocomplete = {
  cardNumber: 'cc-number',
  cardExpiry: 'cc-exp',
  cardCVV: 'cc-csc',
  cardHolder: 'cc-name',
  address: 'billing address-line1',
  zip: 'billing postal-code',
  city: 'billing address-level2',
  countryCode: 'billing country',
  amount: 'transaction-amount',
};

/** The value of a named control of the submitted form (card secrets are read only here). */
const formValue = (event: Event, name: string): string => String(new FormData(event.target as HTMLFormElement).get(name) ?? '');

export const Checkout = defineComponent({
  name: 'PayinCheckoutVue',
  props: { token: { type: String, required: true } },
  setup(props) {
    const { view, send } = usePayin(checkoutInput(props.token), { locale: 'en' });

    const error = (v: PayinView, name: TextField | SecretField) => {
      const text = v.fields[name].error;
      return text ? h('span', { class: 'error', id: `e-${name}` }, text) : null;
    };
    const described = (v: PayinView, name: TextField | SecretField) => (v.fields[name].error ? { 'aria-invalid': 'true', 'aria-describedby': `e-${name}` } : {});

    /** A non-secret field: its value lives in the machine (FIELD.CHANGE on every keystroke). */
    const text = (v: PayinView, name: TextField, type = 'text') =>
      h('div', { class: 'field' }, [
        h('label', { for: `f-${name}` }, v.t(`label.${name}`)),
        h('input', {
          id: `f-${name}`,
          name,
          type,
          autocomplete: AUTOCOMPLETE[name] ?? 'off',
          value: v.fields[name].value,
          ...described(v, name),
          onInput: (event: Event) => send({ type: 'FIELD.CHANGE', field: name, value: (event.target as HTMLInputElement).value }),
        }),
        error(v, name),
      ]);

    /** A card secret: never bound to state; read from the form on submit and sealed at once. */
    const secret = (v: PayinView, name: SecretField) =>
      h('div', { class: 'field' }, [
        h('label', { for: `f-${name}` }, v.t(`label.${name}`)),
        h('input', { id: `f-${name}`, name, inputmode: 'numeric', autocomplete: AUTOCOMPLETE[name], ...described(v, name) }),
        error(v, name),
      ]);

    const country = (v: PayinView) =>
      h('div', { class: 'field' }, [
        h('label', { for: 'f-countryCode' }, v.t('label.countryCode')),
        h(
          'select',
          {
            id: 'f-countryCode',
            name: 'countryCode',
            autocomplete: AUTOCOMPLETE.countryCode,
            value: v.fields.countryCode.value,
            ...described(v, 'countryCode'),
            onChange: (event: Event) => send({ type: 'FIELD.CHANGE', field: 'countryCode', value: (event.target as HTMLSelectElement).value }),
          },
          [h('option', { value: '' }, '—'), ...COUNTRIES.map(([code, name]) => h('option', { value: code, selected: code === v.fields.countryCode.value }, name))],
        ),
        error(v, 'countryCode'),
      ]);

    const address = (v: PayinView) => [text(v, 'address'), text(v, 'zip'), text(v, 'city'), country(v)];

    const submit = (label: string, v: PayinView) => h('button', { type: 'submit', class: 'primary', 'aria-disabled': v.busy ? 'true' : 'false' }, label);
    const button = (label: string, onClick: () => void) => h('button', { type: 'button', onClick }, label);
    const form = (onSubmit: (event: Event) => void, children: (VNode | VNode[] | null)[]) =>
      h('form', { novalidate: true, onSubmit: (event: Event) => (event.preventDefault(), onSubmit(event)) }, children.flat());

    const figures = (rows: [string, string][]) => h('dl', { class: 'figures' }, rows.flatMap(([term, value]) => [h('dt', term), h('dd', value)]));

    const screen = (v: PayinView): (VNode | VNode[] | null)[] => {
      switch (v.screen) {
        case 'cards':
          return [
            h('ul', { class: 'cards' }, v.cards.map((card) => h('li', [button(card.label, () => send({ type: 'CARD.SELECT', cardId: card.cardId }))]))),
            v.can.newCard ? button(v.t('action.newCard'), () => send({ type: 'CARD.NEW' })) : null,
          ];
        case 'new-card':
          return [
            form(
              (event) => send({ type: 'CARD.ADD', card: seal({ number: formValue(event, 'cardNumber'), expiry: formValue(event, 'cardExpiry') }) }),
              [secret(v, 'cardNumber'), secret(v, 'cardExpiry'), text(v, 'cardHolder'), address(v), submit(v.t('action.continue'), v)],
            ),
          ];
        case 'billing':
          return [form(() => send({ type: 'BILLING.SUBMIT' }), [address(v), submit(v.t('action.continue'), v)])];
        case 'quote':
          return [
            form(() => send({ type: 'QUOTE.SUBMIT' }), [
              text(v, 'amount'),
              v.limits ? h('p', { class: 'hint' }, v.limits) : null,
              v.estimate ? figures([[v.t('figure.rate'), v.estimate.rate], [v.t('figure.amountReceived'), v.estimate.amountReceived]]) : null,
              submit(v.t('action.getOffer'), v),
            ]),
          ];
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
            v.can.acceptPrice ? button(v.t('action.acceptPrice'), () => send({ type: 'PRICE.ACCEPT' })) : null,
            form((event) => send({ type: 'PAY.SUBMIT', cvv: seal(formValue(event, 'cardCVV')) }), [secret(v, 'cardCVV'), submit(v.t('action.pay'), v)]),
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
          return [h('p', v.failure?.message ?? '')];
        default:
          return [];
      }
    };

    return () => {
      const v = view.value;
      const problem = v.error?.message ?? v.failure?.message;
      return h('section', { class: 'payin', 'aria-busy': v.busy ? 'true' : 'false' }, [
        h('h2', v.heading),
        h('div', { role: 'alert' }, problem && v.screen !== 'failure' ? [h('p', { class: 'banner error' }, problem)] : []),
        v.notice ? h('p', { class: 'notice' }, v.notice) : null,
        h('p', { role: 'status' }, v.busy ? (v.busyLabel ?? '') : (v.status ?? '')),
        ...screen(v),
        h('div', { class: 'actions' }, [
          v.can.retry ? button(v.t('action.retry'), () => send({ type: 'RETRY' })) : null,
          v.can.back ? button(v.t('action.back'), () => send({ type: 'BACK' })) : null,
          v.can.checkStatus ? button(v.t('action.checkStatus'), () => send({ type: 'STATUS.CHECK' })) : null,
        ]),
      ]);
    };
  },
});
