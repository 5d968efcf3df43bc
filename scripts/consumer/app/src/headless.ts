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
actor.subscribe((snapshot) => render(connectPayin(snapshot, { locale: 'de' })));
actor.start();

actor.send({ type: 'FIELD.CHANGE', field: 'cardHolder', value: 'Ada Lovelace' });
actor.send({ type: 'CARD.ADD', card: seal({ number: '4242 4242 4242 4242', expiry: '12 / 30' }) });
actor.send({ type: 'QUOTE.SUBMIT' });
actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });

// The declarations are precise, not `any`: each line below must be refused.
// @ts-expect-error the machine knows no such event
actor.send({ type: 'NO.SUCH.EVENT' });
// @ts-expect-error the CVV travels only sealed
actor.send({ type: 'PAY.SUBMIT', cvv: '123' });
// @ts-expect-error the client needs Vault's address
createPayinClient({ token: 'test_kyc1_demo' });

const view: PayinView = connectPayin(actor.getSnapshot());
const screen: PayinView['screen'] = view.screen;
export { screen };
