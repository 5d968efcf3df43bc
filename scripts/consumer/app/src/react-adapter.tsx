// The React adapter as its README shows it: the hook with its fields and intents, the element
// as a React component, and the bare tag typed for React 19's JSX.
import { createPayinClient, type PayinView, type SecretField, type TextField } from '@payin-checkout/core';
import { reactFieldProps, usePayin, type UsePayinOptions } from '@payin-checkout/react';
import { PayinCheckout } from '@payin-checkout/react/element';
import type { PayinSuccessEvent } from '@payin-checkout/element';

const client = createPayinClient({ baseUrl: 'https://api.example.com', token: 'test_kyc1_demo' });
const options: UsePayinOptions = { locale: 'en', allowedRedirectHosts: ['acs.bank.example'] };

export function Checkout() {
  const view: PayinView = usePayin({ client, amount: '50' }, options);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        view.submit({ cardCVV: String(new FormData(event.currentTarget).get('cardCVV') ?? '') });
      }}
    >
      <h2>{view.heading}</h2>
      {view.formFields.map((field) =>
        field.secret ? (
          <input key={field.name} {...reactFieldProps(field.props)} onInput={(e) => (e.currentTarget.value = view.secretInput(field.name as SecretField, e.currentTarget.value).value)} />
        ) : (
          <input key={field.name} {...reactFieldProps(field.props)} value={field.value} onChange={(e) => view.setField(field.name as TextField, e.target.value)} />
        ),
      )}
      <button type="submit">{view.submitLabel}</button>
    </form>
  );
}

export function Element({ token }: { token: string }) {
  const paid = (event: PayinSuccessEvent) => console.info('paid', event.receipt.offerId);
  return (
    <>
      <PayinCheckout apiBase="https://api.example.com" token={token} amount="50" allowedRedirectHosts="acs.bank.example" onSuccess={paid} />
      <payin-checkout apiBase="https://api.example.com" token={token} onpayin-success={paid} onpayin-redirect={(event) => console.info(event.url)} />
    </>
  );
}
