// Other languages in headless use, as the core's README shows them: a catalog imported as JSON
// from the package, or fetched with loadCatalog, handed to connectPayin as its messages.
import { createActor } from 'xstate';
import { connectPayin, createPayinClient, loadCatalog, payinMachine, type Messages } from '@payin-checkout/core';
import de from '@payin-checkout/core/locales/de.json' with { type: 'json' };

const imported: Messages = de;
const fetched: Messages = await loadCatalog('es', { baseUrl: '/assets/payin-locales/' });

const actor = createActor(payinMachine, {
  input: { client: createPayinClient({ baseUrl: 'https://api.example.com', token: 'test_kyc1_demo' }), successUrl: location.href },
});
const german = connectPayin(actor.getSnapshot(), actor.send, { locale: 'de', messages: imported });
const spanish = connectPayin(actor.getSnapshot(), actor.send, { locale: 'es', messages: fetched });
export { german, spanish };
