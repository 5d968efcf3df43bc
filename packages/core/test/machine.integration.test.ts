/**
 * The machine driven against the real sandbox over HTTP, in Node, with real time — once against the
 * sandbox's default profile and once against its `documented` profile, which answers only what
 * Vault's reference documents (every refusal a 400 `COMMON`). Every outcome is the same under both;
 * each run prints its table `case → outcome` with its count.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import {
  connectPayin,
  createPayinClient,
  Decimal,
  memoryStore,
  payinMachine,
  RESUME_KEY,
  seal,
  type PayinClientOptions,
  type PayinEmitted,
  type ResumeStore,
} from '../src/index.js';
import { caught, clientFor, counters, injectFault, newCard, newToken, setCatalog, settings, testPan, useSandbox, type Level, type SandboxProfile } from './sandbox.js';

type Snapshot = SnapshotFrom<typeof payinMachine>;

/** Where a customer's checkout ended: its state, and the failure or error it shows. */
function outcomeOf(snapshot: Snapshot): string {
  const view = connectPayin(snapshot);
  const state = JSON.stringify(snapshot.value).replace(/[{}"]/g, '').replace(/:/g, '.');
  const why = view.failure ? `: ${view.failure.outcome}` : view.error && !snapshot.matches('success') ? `: ${view.error.kind}` : '';
  return `${state}${why}`;
}

function suite(sandboxProfile: SandboxProfile) {
  const sandbox = useSandbox({ profile: sandboxProfile });
  const documented = sandboxProfile === 'documented';
  /** The last checkout each test made, and the outcome of each test that passed: the run's table. */
  let last: Checkout | undefined;
  const table: [string, string][] = [];
  afterEach((context) => {
    if (context.task.result?.state !== 'fail' && last) table.push([context.task.name, outcomeOf(last.actor.getSnapshot())]);
    last?.actor.stop();
    last = undefined;
  });
  afterAll(() => {
    const width = Math.max(...table.map(([name]) => name.length));
    // eslint-disable-next-line no-console -- the run's table of cases is the point of this line
    console.log([`payinMachine against the sandbox, ${sandboxProfile} profile`, ...table.map(([name, outcome]) => `  ${name.padEnd(width)} → ${outcome}`), `cases: ${table.length}`].join('\n'));
  });

  interface Checkout {
    token: string;
    store: ResumeStore;
    emitted: PayinEmitted[];
    snapshots: Snapshot[];
    actor: ReturnType<typeof createActor<typeof payinMachine>>;
    until: (predicate: (s: Snapshot) => boolean, timeout?: number) => Promise<Snapshot>;
    fill: (values: Record<string, string>) => void;
  }

  function checkout(
    options: { token?: string; level?: Level; store?: ResumeStore; client?: Partial<PayinClientOptions>; amount?: string; newCustomer?: boolean } = {},
  ): Checkout {
    const token = options.token ?? newToken(options.level);
    const store = options.store ?? memoryStore();
    const client = createPayinClient({ baseUrl: sandbox.url, token, ...options.client });
    const actor = createActor(payinMachine, {
      input: {
        client,
        successUrl: 'https://shop.example/checkout',
        store,
        fromCurrency: 'EUR',
        toCurrency: 'USDC',
        ...(options.amount ? { amount: options.amount } : {}),
        ...(options.newCustomer ? { newCustomer: true } : {}),
      },
    });
    const emitted: PayinEmitted[] = [];
    const snapshots: Snapshot[] = [];
    actor.on('*', (event) => emitted.push(event as PayinEmitted));
    actor.subscribe((snapshot) => snapshots.push(snapshot));
    actor.start();
    const made: Checkout = {
      token,
      store,
      emitted,
      snapshots,
      actor,
      until: (predicate, timeout = 5_000) => waitFor(actor, predicate, { timeout }),
      fill: (values) => {
        for (const [field, value] of Object.entries(values)) actor.send({ type: 'FIELD.CHANGE', field: field as never, value });
      },
    };
    last = made;
    return made;
  }

  const holder = { cardHolder: 'Ada Lovelace', address: '1 Main St', city: 'Berlin', zip: '10115', countryCode: 'DE' };

  async function addCard(c: Checkout, pan: string) {
    await c.until((s) => s.matches({ card: 'newCard' }));
    c.fill(holder);
    c.actor.send({ type: 'CARD.ADD', card: seal({ number: pan, expiry: `12 / ${(new Date().getFullYear() + 3) % 100}` }) });
    await c.until((s) => s.matches('quote'));
  }

  async function quote(c: Checkout, amount = '31') {
    c.fill({ amount });
    c.actor.send({ type: 'QUOTE.SUBMIT' });
    return c.until((s) => s.matches({ offer: 'live' }));
  }

  /** The requests a customer sent to each route while `run` ran (routes with none left out). */
  async function requestsDuring(token: string, run: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = await counters(sandbox, token);
    await run();
    const after = await counters(sandbox, token);
    return Object.fromEntries(Object.entries(after).flatMap(([route, count]) => (count - (before[route] ?? 0) > 0 ? [[route, count - (before[route] ?? 0)]] : [])));
  }

  const profile = {
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: '1990-12-10',
    residenceCountry: 'DE',
    residenceCity: 'Berlin',
    residenceStreet: '1 Main St',
    residenceZipCode: '10115',
  };

  /** Quotes 31 EUR, pays with CVV 123 (a frictionless card) and waits for the receipt. */
  async function buy(c: Checkout) {
    await quote(c);
    c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
    await c.until((s) => s.matches('success'));
  }

  async function approveBankPage(url: string, action: 'approve' | 'decline' = 'approve') {
    const answer = await fetch(url, { method: 'POST', body: new URLSearchParams({ action }), redirect: 'manual' });
    expect(answer.status).toBe(303);
  }

  describe('payinMachine against the sandbox', () => {
    it('new card → quote → offer → edit amount → pay (frictionless) → success', async () => {
      const c = checkout();
      await addCard(c, testPan.frictionless);
      await quote(c, '31');
      c.fill({ amount: '117.99' });
      await c.until((s) => s.matches('editing'));
      await c.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.amount === '117.99');
      expect(connectPayin(c.actor.getSnapshot()).offer?.totalCharged).toBe('€122.71');
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      const done = await c.until((s) => s.matches('success'));
      expect(done.output).toMatchObject({ amount: '117.99', currency: 'EUR', totalCharged: '122.71', cryptoCurrency: 'USDC' });
      expect(await counters(sandbox, c.token)).toMatchObject({ card: 1, 'offer-create': 1, 'offer-update': 1, pay: 1 });
    });

    it('3-D Secure: redirect emitted → bank page approved → a new actor resumes from the record → success', async () => {
      const store = memoryStore();
      const first = checkout({ store });
      await addCard(first, testPan.threeDSecure);
      await quote(first);
      first.actor.send({ type: 'PAY.SUBMIT', cvv: seal('737') });
      await first.until((s) => s.matches('redirect'));
      const redirect = first.emitted.find((e) => e.type === 'redirect');
      expect(redirect?.type === 'redirect' && redirect.url).toMatch(/\/sandbox\/bank\//);
      expect(store.getItem(RESUME_KEY)).toContain('"offerId"');
      first.actor.stop(); // the page navigates away

      await approveBankPage(redirect?.type === 'redirect' ? redirect.url : '');

      const second = checkout({ token: first.token, store });
      expect(second.actor.getSnapshot().matches('verifying')).toBe(true);
      await second.until((s) => s.matches('success'));
      expect(store.getItem(RESUME_KEY)).toBeNull();
      expect(await counters(sandbox, first.token)).toMatchObject({ pay: 1 });
    });

    it('decline → failure → RETRY → new offer → success', async () => {
      const c = checkout();
      await addCard(c, testPan.threeDSecure);
      await quote(c);
      const firstOffer = c.actor.getSnapshot().context.offer?.offer.offerId;
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('737') });
      await c.until((s) => s.matches('redirect'));
      await approveBankPage(c.actor.getSnapshot().context.payment?.authLink ?? '', 'decline');
      c.actor.send({ type: 'REDIRECT.RETURNED' });
      const failed = await c.until((s) => s.matches('failure'));
      expect(connectPayin(failed).failure).toMatchObject({
        outcome: '3ds-declined',
        message: 'Your bank did not confirm this payment.',
        advice: 'contact-bank',
        detail: 'Declined by the card issuer (3-D Secure) (400)',
      });
      expect(connectPayin(failed).can).toMatchObject({ changeCard: true, retry: true });

      c.actor.send({ type: 'RETRY' });
      const retried = await c.until((s) => s.matches({ offer: 'live' }));
      expect(retried.context.offer?.offer.offerId).not.toBe(firstOffer);
      expect(retried.context.offer?.amount).toBe('31');
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('737') });
      await c.until((s) => s.matches('redirect'));
      await approveBankPage(c.actor.getSnapshot().context.payment?.authLink ?? '');
      c.actor.send({ type: 'REDIRECT.RETURNED' });
      await c.until((s) => s.matches('success'));
      expect(await counters(sandbox, c.token)).toMatchObject({ 'offer-create': 2, pay: 2 });
    });

    it.each([
      ['decline', testPan.decline, 'do-not-honour', 'another-card', 'Do not honour (400)', false],
      ['insufficient funds', testPan.insufficientFunds, 'insufficient-funds', 'another-card', 'Insufficient funds (51)', false],
      ['provider error', testPan.providerError, 'provider-error', 'try-later', 'Wrong response from provider (305)', true],
    ] as const)('%s card: the failure names the next step, keeps Vault’s text as a detail, and leads to another card', async (_name, pan, outcome, advice, detail, retry) => {
      const c = checkout();
      await addCard(c, pan);
      const live = connectPayin(await quote(c));
      expect(live.submitLabel).toBe(`Pay ${live.offer?.totalCharged}`);
      expect(live.offer?.fees.map((fee) => fee.name).join()).not.toMatch(/Crypterium|Fee\b/);
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      const failed = connectPayin(await c.until((s) => s.matches('failure')), c.actor.send);
      expect(failed.failure).toMatchObject({ outcome, advice, detail });
      expect(failed.failure?.message).not.toContain(detail.split(' (')[0]);
      expect(failed.summary).toEqual({ amount: live.offer?.totalCharged, receive: live.offer?.amountReceived });
      expect(failed.can).toMatchObject({ changeCard: true, retry });
      failed.changeCard();
      await c.until((s) => s.matches({ card: 'choosing' }));
    });

    it('quotes BTC as its price in euros', async () => {
      const c = checkout();
      await addCard(c, testPan.frictionless);
      c.fill({ toCurrency: 'BTC' });
      const live = await quote(c);
      const rate = live.context.offer?.offer.rate.rate ?? 0;
      expect(connectPayin(live).offer?.rate).toBe(`1 BTC = €${new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(Decimal.from(1).dividedBy(rate, 2).toString() as Intl.StringNumericLiteral)}`);
      expect(connectPayin(live).offer?.rate).toMatch(/^1 BTC = €\d{2},\d{3}\.\d{2}$/);
    });

    it('re-quotes by itself when the offer expires (short sandbox TTL, at the checkout\'s 5 s floor)', async () => {
      const token = newToken();
      await settings(sandbox, token, { offerTtlSeconds: 5 });
      const c = checkout({ token });
      await addCard(c, testPan.frictionless);
      const first = await quote(c);
      const firstId = first.context.offer?.offer.offerId;
      const next = await c.until((s) => s.matches({ offer: 'live' }) && s.context.offer?.offer.offerId !== firstId, 9_000);
      expect(next.context.offer?.amount).toBe('31');
      expect((await counters(sandbox, token))['offer-create']).toBeGreaterThanOrEqual(2);
      expect(c.emitted.filter((e) => e.type === 'offer').length).toBeGreaterThanOrEqual(2);
      c.actor.stop();
    });

    it('lifts a customer below KYC_0 with the profile, then continues', async () => {
      const c = checkout({ level: 'none' });
      await c.until((s) => s.matches({ card: 'profile' }));
      c.fill(profile);
      c.actor.send({ type: 'PROFILE.SUBMIT' });
      await c.until((s) => s.matches({ card: 'newCard' }));
      expect((await clientFor(sandbox, c.token).getKycData()).kycLevel).toBe('KYC_0');
      await addCard(c, testPan.frictionless);
      await quote(c);
    });

    it('ends in kyc-required at pay for a KYC_0-only customer, with one pay request', async () => {
      const c = checkout({ level: 'kyc0' });
      await addCard(c, testPan.frictionless);
      await quote(c);
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await c.until((s) => s.matches('failure'));
      expect(c.emitted).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
      expect(connectPayin(c.actor.getSnapshot()).failure?.outcome).toBe('kyc-required');
      expect(await counters(sandbox, c.token)).toMatchObject({ pay: 1, 'pay-callback': 0 });
    });

    it('asks getToken once for a fresh token after a 401', async () => {
      const good = newToken();
      const asked: boolean[] = [];
      const c = checkout({
        token: good,
        client: {
          token: undefined as never,
          getToken: ({ refresh }) => {
            asked.push(refresh);
            return refresh ? good : 'expired';
          },
        },
      });
      await addCard(c, testPan.frictionless);
      expect(asked).toEqual([false, true]);
    });

    it('a 401 whose body is not in Vault\'s format asks for one fresh token, then tells the host to sign in again', async () => {
      const token = newToken();
      const asked: boolean[] = [];
      // A gateway in front of Vault answers the KYC check (of a customer the host says is new) with its own HTML page, twice.
      await injectFault(sandbox, token, { route: 'kyc-data', kind: 'status', status: 401, text: '<html><body><h1>401 Authorization Required</h1></body></html>', contentType: 'text/html', count: 2 });
      const c = checkout({
        token,
        newCustomer: true,
        client: {
          token: undefined as never,
          getToken: ({ refresh }) => {
            asked.push(refresh);
            return token;
          },
        },
      });
      await c.until((s) => s.matches({ card: 'error' }));
      expect(asked).toEqual([false, true]);
      expect((await counters(sandbox, token))['kyc-data']).toBe(2);
      expect(c.emitted).toContainEqual({ type: 'auth-required' });
      expect(connectPayin(c.actor.getSnapshot()).error).toMatchObject({ kind: 'auth', message: 'Your session has ended. Please sign in again.' });
    });

    it('takes a customer whose level reads KYC1, as Vault\'s KYC page writes it, straight to the cards', async () => {
      const token = newToken();
      await injectFault(sandbox, token, { route: 'kyc-data', kind: 'patch', body: { kycLevel: 'KYC1' } });
      const c = checkout({ token, newCustomer: true });
      await c.until((s) => s.matches({ card: 'newCard' }));
      expect(c.actor.getSnapshot().context.kycLevel).toBe('KYC1');
      expect(c.snapshots.some((s) => s.matches({ card: 'profile' }))).toBe(false);
      await addCard(c, testPan.frictionless);
    });

    it('lists a card Vault has not approved without letting it be chosen, and says why', async () => {
      const c = checkout();
      await c.until((s) => s.matches({ card: 'newCard' }));
      c.fill(holder);
      c.actor.send({ type: 'CARD.ADD', card: seal({ number: testPan.notApproved, expiry: `12 / ${(new Date().getFullYear() + 3) % 100}` }) });
      await c.until((s) => s.matches({ card: 'choosing' }) && s.context.data?.cards.length === 1);
      const [card] = c.actor.getSnapshot().context.data?.cards ?? [];
      expect(card).toMatchObject({ usable: false, unusableReason: 'card.unusable-pending' });
    expect(card?.validationStatus).not.toBe('APPROVED');
      expect(connectPayin(c.actor.getSnapshot()).notice).toBe('This card is still being checked and cannot be used yet. Please choose another card or try again later.');
      c.actor.send({ type: 'CARD.SELECT', cardId: card?.cardId ?? '' });
      expect(c.actor.getSnapshot().matches({ card: 'choosing' })).toBe(true);
      expect((await counters(sandbox, c.token))['offer-create']).toBe(0);
    });

    it('sends one pay request for 20 PAY.SUBMIT in a row', async () => {
      const c = checkout();
      await addCard(c, testPan.frictionless);
      await quote(c);
      for (let i = 0; i < 20; i += 1) c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await c.until((s) => s.matches('success'));
      expect((await counters(sandbox, c.token)).pay).toBe(1);
    });

    it('sends one pay request when pay times out, then learns the result from the status (Vault does not know it at first)', async () => {
      const c = checkout({ client: { payTimeoutMs: 500 } });
      await addCard(c, testPan.frictionless);
      await quote(c);
      await injectFault(sandbox, c.token, { route: 'pay', kind: 'latency', latencyMs: 1_500 });
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await c.until((s) => s.matches('verifying'));
      await c.until((s) => s.matches('success'), 8_000);
      expect((await counters(sandbox, c.token)).pay).toBe(1);
      expect((await counters(sandbox, c.token))['pay-callback']).toBeGreaterThan(1); // "not found" first, then the payment
    });

    it('leaves no PAN, CVV or expiry in any snapshot, emitted event or stored record of a purchase', async () => {
      const pan = testPan.threeDSecure;
      const store = memoryStore();
      const setItem = store.setItem.bind(store);
      const writes: string[] = [];
      store.setItem = (key, value) => {
        writes.push(`${key}=${value}`);
        setItem(key, value);
      };
      const c = checkout({ store });
      await addCard(c, pan);
      await quote(c);
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('737') });
      await c.until((s) => s.matches('redirect'));
      await approveBankPage(c.actor.getSnapshot().context.payment?.authLink ?? '');
      c.actor.send({ type: 'REDIRECT.RETURNED' });
      await c.until((s) => s.matches('success'));
      const everything = JSON.stringify({ snapshots: c.snapshots, emitted: c.emitted, writes });
      expect(writes.length).toBeGreaterThan(0);
      const digits = pan.replace(/\s/g, '');
      for (const secret of [digits, digits.slice(0, 12), pan, '"737"', `12 / ${(new Date().getFullYear() + 3) % 100}`]) {
        expect(everything.includes(secret), `found ${secret}`).toBe(false);
      }
      expect(/cvv|cardNumber|expiry/i.test(everything)).toBe(false);
    });
  });

  describe('payinMachine: the requests a purchase makes', () => {
    it('buys with a saved card in 4 requests: data, offer, pay, status', async () => {
      const token = newToken();
      await clientFor(sandbox, token).addCard(newCard(testPan.frictionless));
      const requests = await requestsDuring(token, async () => {
        const c = checkout({ token });
        const cards = await c.until((s) => s.matches({ card: 'choosing' }));
        c.actor.send({ type: 'CARD.SELECT', cardId: cards.context.data?.cards[0]?.cardId ?? '' });
        await buy(c);
      });
      expect(requests).toEqual({ data: 1, 'offer-create': 1, pay: 1, 'pay-callback': 1 });
    });

    it('buys with a new card in 6 requests: data, card, data again (to find the card), offer, pay, status', async () => {
      const token = newToken();
      const requests = await requestsDuring(token, async () => {
        const c = checkout({ token });
        await addCard(c, testPan.frictionless);
        await buy(c);
      });
      expect(requests).toEqual({ data: 2, card: 1, 'offer-create': 1, pay: 1, 'pay-callback': 1 });
    });

    it('takes a customer below KYC_0 to the profile on the refused data, without asking the level: 8 requests to the receipt', async () => {
      const token = newToken('none');
      const requests = await requestsDuring(token, async () => {
        const c = checkout({ token });
        await c.until((s) => s.matches({ card: 'profile' }));
        c.fill(profile);
        c.actor.send({ type: 'PROFILE.SUBMIT' });
        await addCard(c, testPan.frictionless);
        // Verified outside the flow (the sandbox's control): the customer may now pay.
        await fetch(`${sandbox.url}/sandbox/kyc`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kycLevel: 'KYC_1' }),
        });
        await buy(c);
      });
      // The first data request is refused (the default profile's 403 names KYC_0; Vault's documented 400
      // says nothing, so the level and the catalog are asked once); the next follow the profile and the card.
      const asked = documented ? { 'kyc-data': 1, catalog: 1 } : {};
      expect(requests).toEqual({ data: 3, profile: 1, card: 1, 'offer-create': 1, pay: 1, 'pay-callback': 1, ...asked });
    });

    it('asks the level first for a customer the host says is new: then the profile, the data once', async () => {
      const token = newToken('none');
      const requests = await requestsDuring(token, async () => {
        const c = checkout({ token, newCustomer: true });
        await c.until((s) => s.matches({ card: 'profile' }));
        c.fill(profile);
        c.actor.send({ type: 'PROFILE.SUBMIT' });
        await c.until((s) => s.matches({ card: 'newCard' }));
      });
      expect(requests).toEqual({ 'kyc-data': 1, profile: 1, data: 1 });
    });

    it('checks the level when Vault refuses the data for a higher level, and ends in kyc-required', async () => {
      const token = newToken('kyc0');
      await injectFault(sandbox, token, { route: 'data', kind: 'status', status: 403, body: { error: 'KYC_LEVEL_REQUIRED', errorId: 1403, message: 'Level KYC_1 needed', data: { requiredLevel: 'KYC_1' } } });
      const emitted: PayinEmitted[] = [];
      const requests = await requestsDuring(token, async () => {
        const c = checkout({ token });
        await c.until((s) => s.matches('failure'));
        emitted.push(...c.emitted);
      });
      expect(emitted).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
      expect(requests).toEqual({ data: 1, 'kyc-data': 1 });
    });
  });

  describe('what Vault documents decides', () => {
    const retryText = (c: Checkout) => connectPayin(c.actor.getSnapshot());

    it('says card purchases are paused for maintenance, with Try again that works once they are back', async () => {
      const token = newToken();
      await setCatalog(sandbox, token, { constraint: 'MAINTENANCE' });
      const c = checkout({ token });
      await c.until((s) => s.matches({ card: 'error' }));
      expect(retryText(c).error).toEqual({ kind: 'maintenance', message: 'Card purchases are paused for maintenance. Try again later.', retryable: true });
      expect(retryText(c).can.retry).toBe(true);
      await setCatalog(sandbox, token, { constraint: 'NONE' });
      c.actor.send({ type: 'RETRY' });
      await c.until((s) => s.matches({ card: 'newCard' }));
    });

    it('says card purchases are not available, with no retry loop, when the catalog disables them', async () => {
      const token = newToken();
      await setCatalog(sandbox, token, { constraint: 'DISABLED' });
      const c = checkout({ token });
      await c.until((s) => s.matches({ card: 'error' }));
      expect(retryText(c).error).toMatchObject({ kind: 'unavailable', retryable: false });
      expect(retryText(c).can.retry).toBe(false);
      expect(await counters(sandbox, token)).toMatchObject({ data: 1 });
    });

    it('asks for identity verification when the catalog permits card purchases from a level above the customer\'s', async () => {
      const token = newToken('kyc0');
      await setCatalog(sandbox, token, { kycLevelPermissibleList: ['KYC_1', 'KYC_2', 'KYC_3'] });
      const c = checkout({ token });
      await c.until((s) => s.matches('failure'));
      expect(c.emitted).toContainEqual({ type: 'kyc-required', level: 'KYC_1' });
    });

    it('takes a currency the catalog stops offering off the quote, naming it, when Vault refuses the offer', async () => {
      const token = newToken();
      const c = checkout({ token });
      await addCard(c, testPan.frictionless);
      await setCatalog(sandbox, token, { currencyLimit: ['EUR', 'USD', 'BTC', 'ETH'] });
      c.fill({ amount: '31' });
      c.actor.send({ type: 'QUOTE.SUBMIT' });
      const back = await c.until((s) => s.matches('quote') && s.context.fieldErrors.toCurrency !== undefined);
      const view = connectPayin(back);
      if (documented) {
        // Vault gave no reason: the catalog's limit is the reason, and the currency is no longer offered.
        expect(view.fields.toCurrency.error).toBe('Card purchases are not available in this currency.');
        expect(view.toCurrencies).not.toContain('USDC');
      } else {
        // The default profile names the field itself, in its own words.
        expect(view.fields.toCurrency.error).toBe('Buying USDC with EUR is not available.');
      }
      expect(view.toCurrencies).toContain('BTC');
      c.fill({ toCurrency: 'BTC' });
      await quote(c);
    });

    it('a pay that never reached Vault is settled once it can no longer happen: no money taken, a fresh offer, then exactly one charge', async () => {
      const token = newToken();
      await settings(sandbox, token, { offerTtlSeconds: 5 });
      const payTimeoutMs = 3_000;
      const c = checkout({ token, client: { payTimeoutMs } });
      await addCard(c, testPan.frictionless);
      const first = await quote(c);
      const firstOffer = first.context.offer?.offer.offerId ?? '';
      // The connection drops before Vault reads the request: no answer, and nothing taken.
      await injectFault(sandbox, token, { route: 'pay', kind: 'drop' });
      const sent = Date.now();
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await c.until((s) => s.matches('verifying'));
      expect(connectPayin(c.actor.getSnapshot()).can.retry).toBe(false);
      const fresh = await c.until((s) => s.matches({ offer: 'live' }), 5_000 + payTimeoutMs + 2_000);
      // Within the offer's validity and the pay request's time limit.
      expect(Date.now() - sent).toBeLessThanOrEqual(5_000 + payTimeoutMs);
      expect(fresh.context.offer?.offer.offerId).not.toBe(firstOffer);
      expect(connectPayin(fresh).error?.message).toBe('Your payment was not taken and nothing was charged. Please confirm it again.');
      expect(fresh.context.offer?.amount).toBe('31');
      expect(c.store.getItem(RESUME_KEY)).toBeNull();
      // Vault holds no payment of the first offer: nothing was charged.
      expect(await caught(clientFor(sandbox, token).getPayStatus(firstOffer))).toMatchObject({ status: 400 });
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await c.until((s) => s.matches('success'));
      expect(await counters(sandbox, token)).toMatchObject({ pay: 2 });
      expect(await caught(clientFor(sandbox, token).getPayStatus(firstOffer))).toMatchObject({ status: 400 });
    });

    it('a pay made while the browser is offline is never sent, and is settled the same way once the connection is back', async () => {
      const token = newToken();
      await settings(sandbox, token, { offerTtlSeconds: 5 });
      const c = checkout({ token });
      await addCard(c, testPan.frictionless);
      await quote(c);
      const onLine = Object.getOwnPropertyDescriptor(globalThis.navigator, 'onLine');
      Object.defineProperty(globalThis.navigator, 'onLine', { value: false, configurable: true });
      try {
        c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
        await c.until((s) => s.matches('verifying'));
        expect(c.actor.getSnapshot().context.payment).toMatchObject({ stage: 'sent', unsent: true });
      } finally {
        if (onLine) Object.defineProperty(globalThis.navigator, 'onLine', onLine);
        else delete (globalThis.navigator as { onLine?: boolean }).onLine;
      }
      const fresh = await c.until((s) => s.matches({ offer: 'live' }), 9_000);
      expect(connectPayin(fresh).error?.message).toBe('Your payment was not taken and nothing was charged. Please confirm it again.');
      expect(await counters(sandbox, token)).toMatchObject({ pay: 0 });
      c.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
      await c.until((s) => s.matches('success'));
      expect(await counters(sandbox, token)).toMatchObject({ pay: 1 });
    });
  });
}

for (const sandboxProfile of ['default', 'documented'] as const) {
  describe(`${sandboxProfile} profile`, () => suite(sandboxProfile));
}
