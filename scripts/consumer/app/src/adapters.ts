// The Vue and Angular adapters as their READMEs show them: the checkout's view as a computed ref
// and as a signal, its fields and intents.
import { createEnvironmentInjector, runInInjectionContext, type EnvironmentInjector, type Signal } from '@angular/core';
import { injectPayin, type InjectPayinOptions } from '@payin-checkout/angular';
import { createPayinClient, type FieldView, type PayinView, type SubmittedSecrets } from '@payin-checkout/core';
import { usePayin, type UsePayinOptions } from '@payin-checkout/vue';
import { effectScope, ref, type ComputedRef } from 'vue';

const client = createPayinClient({ baseUrl: 'https://api.example.com', token: 'test_kyc1_demo' });
const secretsOf = (fields: FieldView[], data: FormData): SubmittedSecrets =>
  Object.fromEntries(fields.filter((field) => field.secret).map((field) => [field.name, String(data.get(field.name) ?? '')]));

// Vue: options as a plain object, a ref or a getter.
const locale = ref('de');
const vueOptions: UsePayinOptions = { locale: 'en', allowedRedirectHosts: ['acs.bank.example'], onEvent: (event) => console.info(event.type) };
effectScope().run(() => {
  const view: ComputedRef<PayinView> = usePayin({ client, fromCurrency: 'EUR', toCurrency: 'BTC', amount: '50' }, vueOptions);
  const other = usePayin({ client, successUrl: 'https://shop.example/checkout' }, () => ({ locale: locale.value }));
  view.value.setField('cardHolder', 'Ada Lovelace');
  view.value.submit(secretsOf(view.value.formFields, new FormData()));
  const autocomplete: string | undefined = other.value.formFields[0]?.props.autocomplete;
  const shown: string = view.value.secretInput('cardNumber', '4242').value; // for the customer's input only
  console.info(autocomplete, shown.length);
});

// Angular: in an injection context; options as an object or a function reading signals.
declare const parent: EnvironmentInjector;
const angularOptions: InjectPayinOptions = { locale: 'en', navigate: (url) => location.assign(url) };
const injector = createEnvironmentInjector([], parent);
const view: Signal<PayinView> = runInInjectionContext(injector, () => injectPayin({ client, amount: '50' }, angularOptions));
view().pay('123');
const heading: string = view().heading;
console.info(heading);
injector.destroy();
