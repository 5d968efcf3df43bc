/** The machine's invoked actors: one per API call, each passing its `signal` on to the client. */
import { fromCallback, fromPromise } from 'xstate';
import type { PayinClient } from '../api/client.js';
import { cardDigits } from '../card.js';
import { parseExpiry, type CardSecrets, type FieldValues } from '../forms.js';
import { unseal, type Sealed } from '../sealed.js';
import type { BillingAddress, Fingerprint, ProfileUpdate } from '../schemas/requests.js';
import type { KycData, Offer, PayResult, PayStatus, PayinData } from '../schemas/responses.js';
import type { CheckoutError, VaultFacts } from './classify.js';
import { explained, type OfferAsked } from './refusal.js';

export interface WithClient {
  client: PayinClient;
}

const addressFrom = (fields: FieldValues): BillingAddress => ({
  address: fields.address ?? '',
  city: fields.city ?? '',
  countryCode: fields.countryCode ?? '',
  zip: fields.zip ?? '',
  state: fields.state?.trim() ? fields.state : null,
});

export const payinActors = {
  getKycData: fromPromise<KycData, WithClient>(({ input, signal }) => input.client.getKycData({ signal })),

  updateProfile: fromPromise<undefined, WithClient & { profile: ProfileUpdate }>(async ({ input, signal }) => {
    await input.client.updateProfile(input.profile, { signal });
    return undefined;
  }),

  getData: fromPromise<PayinData, WithClient>(({ input: { client }, signal }) => explained(client, signal, () => client.getData({ signal }))),

  addCard: fromPromise<undefined, WithClient & { card: Sealed<CardSecrets>; fields: FieldValues }>(async ({ input, signal }) => {
    const secrets = unseal(input.card);
    const expiry = parseExpiry(secrets.expiry);
    const { client } = input;
    await explained(client, signal, () => client.addCard(
      {
        cardNumber: cardDigits(secrets.number),
        cardHolder: input.fields.cardHolder ?? '',
        cardExpirationYear: expiry?.year ?? 0,
        cardExpirationMonth: expiry?.month ?? 0,
        billingAddress: addressFrom(input.fields),
      },
      { signal },
    ));
    return undefined;
  }),

  addBillingAddress: fromPromise<undefined, WithClient & { cardId: string; fields: FieldValues }>(async ({ input: { client, cardId, fields }, signal }) => {
    await explained(client, signal, () => client.addBillingAddress(cardId, addressFrom(fields), { signal }));
    return undefined;
  }),

  /** `pairs`: the pairs Vault's data lists, to tell a currency the catalog leaves out. */
  createOffer: fromPromise<Offer, WithClient & { cardId: string; amount: string; fromCurrency: string; toCurrency: string; pairs: OfferAsked['pairs'] }>(
    ({ input: { client, pairs, ...request }, signal }) =>
      explained(client, signal, () => client.createOffer(request, { signal }), undefined, { ...request, pairs }),
  ),

  updateOffer: fromPromise<
    Offer,
    WithClient & { offerId: string; amount: string; toAmount: string; fromCurrency: string; toCurrency: string; pairs: OfferAsked['pairs'] }
  >(({ input: { client, offerId, pairs, ...request }, signal }) =>
    explained(client, signal, () => client.updateOffer(offerId, request, { signal }), undefined, { ...request, pairs }),
  ),

  /**
   * Sent only while the browser reports a connection: a request made offline provably never leaves,
   * and fails as a network error marked `unsent`, which the payment's record keeps.
   */
  pay: fromPromise<PayResult, WithClient & { offerId: string; cvv: Sealed<string>; successUrl: string; fingerprint: Fingerprint }>(
    ({ input: { client, ...input }, signal }) => {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        const unsent: CheckoutError = { kind: 'network', messageKey: 'error.network', retryable: true, unsent: true };
        return Promise.reject(unsent);
      }
      return explained(client, signal, () =>
        client.pay(input.offerId, { cardCVV: unseal(input.cvv), successUrl: input.successUrl, fingerprint: input.fingerprint }, { signal }),
      );
    },
  ),

  /** The status check; within one verification, Vault's facts are read once (`facts`, once known). */
  getPayStatus: fromPromise<PayStatus, WithClient & { offerId: string; facts?: VaultFacts | undefined }>(({ input: { client, offerId, facts }, signal }) =>
    explained(client, signal, () => client.getPayStatus(offerId, { signal }), facts),
  ),

  /** Reports whether the browser is online, so that Pay waits for a connection and offers refresh on its return. */
  network: fromCallback(({ sendBack }) => {
    if (typeof window === 'undefined') return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => sendBack({ type: navigator.onLine ? 'NETWORK.ONLINE' : 'NETWORK.OFFLINE' });
    // A request made as the browser announces its connection still fails (Chromium): the news waits a moment.
    const online = () => (timer = setTimeout(report, 500));
    window.addEventListener('online', online);
    window.addEventListener('offline', report);
    if (!navigator.onLine) report();
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', report);
    };
  }),

  /** Reports page visibility, so that countdowns and polling pause in a hidden tab. */
  visibility: fromCallback(({ sendBack }) => {
    if (typeof document === 'undefined') return undefined;
    const report = () => sendBack({ type: document.hidden ? 'PAGE.HIDDEN' : 'PAGE.VISIBLE' });
    document.addEventListener('visibilitychange', report);
    if (document.hidden) report();
    return () => document.removeEventListener('visibilitychange', report);
  }),
};
