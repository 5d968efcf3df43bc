// A merchant's own renderer over the headless core, as the README shows it: the client, the
// machine started with xstate's createActor, the return address helpers and the view model.
import { createActor } from 'xstate';
import {
  checkRedirectUrl,
  connectPayin,
  createPayinClient,
  followReturnAddress,
  payinMachine,
  resumeFromAddress,
  seal,
  type PayinClient,
  type PayinView,
  type Receipt,
} from '@payin-checkout/core';

declare function render(view: PayinView): void;

const client: PayinClient = createPayinClient({ baseUrl: 'http://127.0.0.1:8787', token: 'test_kyc1_demo' });
const actor = createActor(payinMachine, {
  input: { client, successUrl: location.href, fromCurrency: 'EUR', toCurrency: 'BTC', amount: '50', ...resumeFromAddress(location.href) },
});
followReturnAddress(actor);
actor.on('redirect', ({ url }) => checkRedirectUrl(url, ['127.0.0.1:8787']).ok && location.assign(url));
actor.on('success', ({ receipt }) => {
  const paid: Receipt = receipt;
  console.info('paid', paid.offerId);
});
actor.subscribe((snapshot) => render(connectPayin(snapshot, actor.send, { locale: 'de' })));
actor.start();

const current = connectPayin(actor.getSnapshot(), actor.send);
for (const field of current.formFields) console.info(field.label, field.props.autocomplete);
current.setField('cardHolder', 'Ada Lovelace');
current.submit({ cardNumber: '4242 4242 4242 4242', cardExpiry: '12 / 30' });
current.submit();
current.submit({ cardCVV: '123' });
actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });

// The declarations are precise, not `any`: each line below must be refused.
// @ts-expect-error the machine knows no such event
actor.send({ type: 'NO.SUCH.EVENT' });
// @ts-expect-error the CVV travels only sealed
actor.send({ type: 'PAY.SUBMIT', cvv: '123' });
// @ts-expect-error the client needs Vault's address
createPayinClient({ token: 'test_kyc1_demo' });
// @ts-expect-error a message key the catalog does not have
current.t('action.pya');
// @ts-expect-error the machine holds no card secret: setField takes text fields only
current.setField('cardCVV', '123');

const view: PayinView = connectPayin(actor.getSnapshot());
const screen: PayinView['screen'] = view.screen;
export { screen };
