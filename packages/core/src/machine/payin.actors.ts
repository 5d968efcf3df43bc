/** The machine's invoked actors: one per API call, each passing its `signal` on to the client. */
import { fromCallback, fromPromise } from 'xstate';
import type { PayinClient } from '../api/client.js';
import { cardDigits } from '../card.js';
import { parseExpiry, type CardSecrets, type FieldValues } from '../forms.js';
import { unseal, type Sealed } from '../sealed.js';
import type { BillingAddress, Fingerprint, ProfileUpdate } from '../schemas/requests.js';
import type { KycData, Offer, PayResult, PayStatus, PayinData } from '../schemas/responses.js';

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

  getData: fromPromise<PayinData, WithClient>(({ input, signal }) => input.client.getData({ signal })),

  addCard: fromPromise<undefined, WithClient & { card: Sealed<CardSecrets>; fields: FieldValues }>(async ({ input, signal }) => {
    const secrets = unseal(input.card);
    const expiry = parseExpiry(secrets.expiry);
    await input.client.addCard(
      {
        cardNumber: cardDigits(secrets.number),
        cardHolder: input.fields.cardHolder ?? '',
        cardExpirationYear: expiry?.year ?? 0,
        cardExpirationMonth: expiry?.month ?? 0,
        billingAddress: addressFrom(input.fields),
      },
      { signal },
    );
    return undefined;
  }),

  addBillingAddress: fromPromise<undefined, WithClient & { cardId: string; fields: FieldValues }>(async ({ input, signal }) => {
    await input.client.addBillingAddress(input.cardId, addressFrom(input.fields), { signal });
    return undefined;
  }),

  createOffer: fromPromise<Offer, WithClient & { cardId: string; amount: string; fromCurrency: string; toCurrency: string }>(
    ({ input: { client, ...request }, signal }) => client.createOffer(request, { signal }),
  ),

  updateOffer: fromPromise<
    Offer,
    WithClient & { offerId: string; amount: string; toAmount: string; fromCurrency: string; toCurrency: string }
  >(({ input: { client, offerId, ...request }, signal }) => client.updateOffer(offerId, request, { signal })),

  pay: fromPromise<PayResult, WithClient & { offerId: string; cvv: Sealed<string>; successUrl: string; fingerprint: Fingerprint }>(
    ({ input, signal }) =>
      input.client.pay(
        input.offerId,
        { cardCVV: unseal(input.cvv), successUrl: input.successUrl, fingerprint: input.fingerprint },
        { signal },
      ),
  ),

  getPayStatus: fromPromise<PayStatus, WithClient & { offerId: string }>(({ input, signal }) =>
    input.client.getPayStatus(input.offerId, { signal }),
  ),

  /** Reports page visibility, so that countdowns and polling pause in a hidden tab. */
  visibility: fromCallback(({ sendBack }) => {
    if (typeof document === 'undefined') return undefined;
    const report = () => sendBack({ type: document.hidden ? 'PAGE.HIDDEN' : 'PAGE.VISIBLE' });
    document.addEventListener('visibilitychange', report);
    if (document.hidden) report();
    return () => document.removeEventListener('visibilitychange', report);
  }),
};
