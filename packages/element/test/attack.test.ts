/**
 * The fault-and-attack suite: the money path probed as an unlucky customer and a hostile server
 * would — slow banks, reloads at every point after Pay, blocked storage, a second tab, a refused
 * token, absurd answers, offer storms. Each case runs the real element in a real page (an iframe,
 * so that reloads are real) against the sandbox, whose faults play the hostile server and whose
 * per-customer counters prove how many times money was asked for. The run prints the table
 * `case → outcome` and `cases: N, held: N` (web-test-runner.config.mjs, `attack-table`).
 */
import { expect } from '@open-wc/testing';
import { buttonsOf, counted, declareCases, held, isPay, payNow, press, receiptShown, showsPay, textOf, toOffer, waitFor } from './support/attack.js';
import { eventsOf, openCheckoutPage, pasteInto, type CheckoutPage, type PageOptions } from './support/checkout-frame.js';
import { injectFault, newToken, sandboxUrl, setCatalog, settings, testCards, useSandboxProfile, waitUntil, type Fault } from './support/sandbox.js';
import { RESUME_KEY, answerBank, saveCard } from './support/ui.js';

/** A fault merging `body` into the real answer of a route (sandbox `patch` fault). */
type PatchFault = { route: Fault['route']; kind: 'patch'; body: Record<string, unknown>; count?: number };
const patch = (token: string, fault: Omit<PatchFault, 'kind'>) => injectFault(token, { ...fault, kind: 'patch' } as unknown as Fault);

const CASES = [
  { id: 'slow-pay', title: '1  pay answered after the client gave up on it' },
  { id: 'slow-pay-bound', title: '1  pay answered after the status checks stopped' },
  { id: 'reload-in-flight', title: '2  reload while pay is in flight' },
  { id: 'reload-polling', title: '2  reload while checking a payment with no bank page' },
  { id: 'reload-redirecting', title: '2  reload while the bank popup is open' },
  { id: 'reload-bank-wait', title: '2  reload while the payment waits on the bank page' },
  { id: 'reload-bank-return', title: '2  reload on return from the bank page' },
  { id: 'reload-receipt', title: '2  reload after the receipt' },
  { id: 'blocked-redirecting', title: '2,4 storage blocked: reload while the bank popup is open' },
  { id: 'blocked-bank-wait', title: '2,4 storage blocked: reload while the payment waits on the bank page' },
  { id: 'blocked-bank-return', title: '2,4 storage blocked: reload on return from the bank page' },
  { id: 'blocked-receipt', title: '2,4 storage blocked: reload after the receipt' },
  { id: 'blocked-in-flight', title: '2,4 storage blocked: reload while pay is in flight' },
  { id: 'blocked-polling', title: '2,4 storage blocked: reload while checking the payment' },
  { id: 'blocked-3ds', title: '4  storage blocked: same-window 3-D Secure, bank approves' },
  { id: 'bank-slow-3ds', title: '3  3-D Secure pay answered after the usual time limit' },
  { id: 'bank-back', title: '3  back from the bank page without answering it' },
  { id: 'popup-blocked', title: '3  bank popup blocked' },
  { id: 'fees-negative', title: '5  offer with negative fees' },
  { id: 'fee-huge', title: '5  offer with a fee of 1e308' },
  { id: 'rate-huge', title: '5  offer with a rate of 1e300' },
  { id: 'rate-zero', title: '5  offer with a rate of 0' },
  { id: 'rate-negative', title: '5  offer with a negative rate' },
  { id: 'data-rate-zero', title: '5  rates and limits with a pair rate of 0' },
  { id: 'data-limit-negative', title: '5  rates and limits with a negative minimum' },
  { id: 'receipt-negative', title: '5  payment status with a negative amount' },
  { id: 'receipt-nan', title: '5  payment status with transactionAmount "NaN"' },
  { id: 'receipt-minus', title: '5  payment status with transactionAmount "-52.00"' },
  { id: 'receipt-crypto-huge', title: '5  payment status with cryptoAmount 1e300' },
  { id: 'storm-zero', title: '6  offer valid for 0 s' },
  { id: 'storm-negative', title: '6  offer valid for -5 s' },
  { id: 'storm-overflow', title: '6  offer valid for 2^31 s' },
  { id: 'pay-401', title: '7  refused token on pay' },
  { id: 'two-checkouts', title: '7  two checkouts on one page, one payment' },
  { id: 'pay-clicks', title: '   50 clicks on Pay' },
  { id: 'second-tab', title: '   a second tab pays while the first payment is unknown' },
  { id: 'offline-at-pay', title: '8  offline when Pay is pressed, then online' },
  { id: 'offline-unreported', title: '8  offline, not yet reported, when Pay is pressed' },
  { id: 'pay-dropped', title: '8  pay\'s connection dropped before Vault read it' },
  { id: 'catalog-maintenance', title: '9  card purchases under maintenance in Vault\'s catalog' },
  { id: 'catalog-disabled', title: '9  card purchases disabled in Vault\'s catalog' },
] as const;
type CaseId = (typeof CASES)[number]['id'];

const pages: CheckoutPage[] = [];
async function page(options: PageOptions): Promise<CheckoutPage> {
  const opened = await openCheckoutPage(options);
  pages.push(opened);
  return opened;
}

/** A customer with one saved card, on the checkout page. */
async function customerWith(card: string, options: Partial<PageOptions> = {}): Promise<{ token: string; page: CheckoutPage }> {
  const token = newToken();
  await saveCard(token, card);
  return { token, page: await page({ token, amount: '50', ...options }) };
}

const NEW_PURCHASE_BUTTONS = ['Try again', 'Get offer', 'Use a new card', 'Use another card'];
/** The checkout offers no way to buy again (it shows none of the buttons that start a purchase). */
function offersNoNewPurchase(page: CheckoutPage): void {
  const shown = buttonsOf(page.el());
  for (const label of NEW_PURCHASE_BUTTONS) expect(shown, `"${label}" while the payment is unknown`).not.to.include(label);
  expect(shown.filter(isPay), 'Pay while the payment is unknown').to.deep.equal([]);
  expect(textOf(page.el())).not.to.contain('Choose a card');
}

const inVerifying = (page: CheckoutPage, timeout = 10_000) => waitFor(page.el, (el) => el.state === 'verifying', 'the payment check', timeout);

/** The bank page address and offer id of the last `payin-redirect` of the page. */
async function lastRedirect(page: CheckoutPage, timeout = 10_000): Promise<{ url: string; offerId: string }> {
  // The page may already be on the bank's origin: read the events the test page kept.
  const found = await waitUntil(() => eventsOf(page, 'payin-redirect').at(-1)?.detail, { timeout, message: 'the redirect to the bank' });
  return found as { url: string; offerId: string };
}

/** The receipt's figures by their labels. */
function receiptFigures(el: ReturnType<CheckoutPage['el']>): Record<string, string> {
  const terms = [...(el.shadowRoot?.querySelectorAll('[part~="receipt"] dt') ?? [])];
  return Object.fromEntries(terms.map((dt) => [dt.textContent?.trim() ?? '', dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim() ?? '']));
}

/**
 * The browser's report of its connection, in the frame: `navigator.onLine` and, unless told not to,
 * the `online`/`offline` event. Chromium's own offline mode would also cut the test runner's
 * connection to the page, so the report is made as the browser would make it.
 */
function reportConnection(page: CheckoutPage, online: boolean, { announce = true } = {}): void {
  const frame = page.el().ownerDocument.defaultView as Window;
  if (online) delete (frame.navigator as { onLine?: boolean }).onLine;
  else Object.defineProperty(frame.navigator, 'onLine', { configurable: true, get: () => false });
  if (announce) frame.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

const NOT_TAKEN = 'Your payment was not taken and nothing was charged.';
/** "No money was taken", over a fresh offer with its figures (not one still being asked for). */
const freshOfferAfterNotTaken = (el: ReturnType<CheckoutPage['el']>) =>
  textOf(el).includes(NOT_TAKEN) && el.shadowRoot?.querySelector('[part~="total"]') !== null && showsPay(el);

/** Where the bank sends the customer back: the page, with the offer id the checkout put in the address. */
const returnAddress = (page: CheckoutPage, offerId: string) => `${page.url}&payin_offer=${offerId}`;

for (const profile of ['default', 'documented'] as const) {
  describe(`fault-and-attack suite (${profile} profile)`, () => {
    before(async () => {
      useSandboxProfile(profile);
      await declareCases(CASES.map(({ id, title }) => ({ id: `${profile}:${id}`, title: `[${profile}] ${title}` })));
    });
    after(() => useSandboxProfile('default'));
    afterEach(() => {
      for (const opened of pages.splice(0)) opened.remove();
      // A case that failed half-way leaves its payment record; the next case is another customer anyway.
      localStorage.removeItem(RESUME_KEY);
    });

    async function record(id: CaseId, outcome: string): Promise<void> {
      await held(`${profile}:${id}`, outcome);
    }

    describe('1 slow bank', () => {
      it('a pay answered after the client gave up is found by the status checks, never bought again', async () => {
        const { token, page: p } = await customerWith(testCards.frictionless, { client: { payTimeoutMs: 1_500 } });
        await toOffer(p);
        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 4_000 });
        payNow(p);
        await inVerifying(p);
        // Vault does not know the payment yet ("not found"): still checking, nothing to buy again.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        expect(p.el().state).to.equal('verifying');
        offersNoNewPurchase(p);
        await receiptShown(p);
        expect(await counted(token, 'pay', 'offer-create')).to.deep.equal({ pay: 1, 'offer-create': 1 });
        await record('slow-pay', 'kept checking; receipt once the late answer landed; 1 pay');
      });

      it('past the status bound the customer is told it is still being confirmed, with its reference, and can check again', async () => {
        const { token, page: p } = await customerWith(testCards.frictionless, {
          client: { payTimeoutMs: 1_000 },
          machine: { verifyTimeoutMs: 2_000, pollInitialMs: 500, pollMaxMs: 500 },
        });
        await toOffer(p);
        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 5_000 });
        payNow(p);
        await waitFor(p.el, (el) => textOf(el).includes('still being confirmed'), 'the still-being-confirmed notice', 8_000);
        offersNoNewPurchase(p);
        expect(textOf(p.el())).to.match(/Payment reference: \d+/);
        await new Promise((resolve) => setTimeout(resolve, 3_000)); // the bank's late answer lands
        press(p.el(), 'Check again');
        await receiptShown(p);
        expect((await counted(token, 'pay')).pay).to.equal(1);
        await record('slow-pay-bound', '"still being confirmed" + reference + Check again; receipt; 1 pay');
      });
    });

    describe('2 reloads after Pay', () => {
      for (const storage of [undefined, 'blocked'] as const) {
        const id: CaseId = storage ? 'blocked-in-flight' : 'reload-in-flight';
        it(`reload while pay is in flight${storage ? ', storage blocked' : ''}: the payment is checked, not bought again`, async () => {
          const { token, page: p } = await customerWith(testCards.frictionless, storage ? { storage } : {});
          await toOffer(p);
          await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 2_000 });
          payNow(p);
          await waitFor(p.el, (el) => el.state === 'paying', 'pay in flight');
          await p.reload();
          expect(p.el().state, 'after the reload').to.equal('verifying');
          offersNoNewPurchase(p);
          await receiptShown(p);
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          await record(id, 'reload shows the payment being checked; receipt; 1 pay');
        });

        const polling: CaseId = storage ? 'blocked-polling' : 'reload-polling';
        it(`reload while checking a payment with no bank page${storage ? ', storage blocked' : ''}`, async () => {
          const { token, page: p } = await customerWith(testCards.pendingThenSuccess, storage ? { storage } : {});
          await settings(token, { pendingPolls: 3 });
          await toOffer(p);
          payNow(p);
          await inVerifying(p);
          await p.reload();
          expect(p.el().state, 'after the reload').to.equal('verifying');
          offersNoNewPurchase(p);
          await receiptShown(p);
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          await record(polling, 'reload goes on checking; receipt; 1 pay');
        });
      }

      for (const storage of [undefined, 'blocked'] as const) {
        const options = storage ? { storage } : {};
        const blocked = storage ? ', storage blocked' : '';

        it(`reload while the bank popup is open${blocked}: the payment is checked, not bought again`, async () => {
          const { token, page: p } = await customerWith(testCards.threeDSecure, { ...options, mode: 'popup' });
          await toOffer(p);
          payNow(p);
          const { url } = await lastRedirect(p);
          await waitFor(p.el, (el) => el.state === 'redirect', 'the bank popup step');
          await p.reload(); // the merchant page, while the customer is at the bank in the popup
          expect(p.el().state, 'after the reload').to.equal('verifying');
          // With storage, the record keeps the bank page; without, only the offer id survives the
          // reload (in the page address) and the customer goes on in the popup, still open.
          if (!storage) await waitFor(p.el, (el) => buttonsOf(el).includes('Open your bank page again'), 'the link to the bank page');
          offersNoNewPurchase(p);
          await answerBank(url, 'approve');
          await receiptShown(p);
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          await record(
            storage ? 'blocked-redirecting' : 'reload-redirecting',
            storage ? 'the payment is checked (from the address); receipt; 1 pay' : 'the payment is checked and the bank page offered again; receipt; 1 pay',
          );
        });

        it(`reload while the payment waits on the bank page${blocked}`, async () => {
          const { token, page: p } = await customerWith(testCards.threeDSecure, options);
          await toOffer(p);
          payNow(p);
          const { url, offerId } = await lastRedirect(p);
          await p.load(returnAddress(p, offerId)); // back on the shop's page before answering the bank
          await inVerifying(p);
          await p.reload();
          expect(p.el().state, 'after the reload').to.equal('verifying');
          offersNoNewPurchase(p);
          await answerBank(url, 'approve');
          await receiptShown(p);
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          await record(storage ? 'blocked-bank-wait' : 'reload-bank-wait', 'still checking after the reload; receipt once approved; 1 pay');
        });

        it(`reload on return from the bank page${blocked}`, async () => {
          const { token, page: p } = await customerWith(testCards.threeDSecure, options);
          await toOffer(p);
          payNow(p);
          const { url, offerId } = await lastRedirect(p);
          await answerBank(url, 'approve');
          // Slow status answers keep the payment unsettled while the page reloads: the first page's
          // check and the reloaded page's (one slow answer alone lets the reloaded page settle at once).
          await injectFault(token, { route: 'pay-callback', kind: 'latency', latencyMs: 1_500, count: 2 });
          await p.load(returnAddress(p, offerId));
          expect(p.el().state).to.equal('verifying');
          await p.reload();
          expect(p.el().state, 'after the reload').to.equal('verifying');
          await receiptShown(p);
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          expect(eventsOf(p, 'payin-success'), 'one payin-success').to.have.length(1);
          await record(storage ? 'blocked-bank-return' : 'reload-bank-return', 'checked again after the reload; receipt; 1 pay');
        });

        it(`reload after the receipt starts a fresh checkout without asking for money${blocked}`, async () => {
          const { token, page: p } = await customerWith(testCards.frictionless, options);
          await toOffer(p);
          payNow(p);
          await receiptShown(p);
          await p.reload();
          await waitFor(p.el, (el) => textOf(el).includes('Choose a card'), 'a fresh checkout');
          expect(p.address(), 'the address no longer names the payment').not.to.contain('payin_offer');
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          await record(storage ? 'blocked-receipt' : 'reload-receipt', 'a fresh checkout; 1 pay');
        });
      }

      it('storage blocked, same-window 3-D Secure: back from the bank the payment is confirmed, not "Choose a card"', async () => {
        const { token, page: p } = await customerWith(testCards.threeDSecure, { storage: 'blocked' });
        await toOffer(p);
        payNow(p);
        const { url, offerId } = await lastRedirect(p);
        expect(eventsOf(p, 'payin-payment-record').some((event) => event.detail.stored === false), 'the host is told the record is not stored').to.equal(true);
        await answerBank(url, 'approve');
        await p.load(returnAddress(p, offerId));
        expect(p.el().state).to.equal('verifying');
        await receiptShown(p);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('blocked-3ds', 'resumed from the return address; receipt; 1 pay');
      });
    });

    describe('3 the bank page', () => {
      it('a 3-D Secure pay answered after the usual time limit still brings the bank page', async function () {
        this.timeout(45_000);
        // Default time limits: 15 s for a request, 90 s for pay. The bank answers pay after 16 s.
        const { token, page: p } = await customerWith(testCards.threeDSecure);
        await toOffer(p);
        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 16_000 });
        payNow(p);
        const { url, offerId } = await lastRedirect(p, 25_000);
        await answerBank(url, 'approve');
        await p.load(returnAddress(p, offerId));
        await receiptShown(p);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('bank-slow-3ds', 'bank page reached; receipt; 1 pay');
      });

      it('back from the bank page without answering it: the page offers it again', async () => {
        const { token, page: p } = await customerWith(testCards.threeDSecure);
        await toOffer(p);
        payNow(p);
        const { url, offerId } = await lastRedirect(p);
        await p.load(p.url); // the back button: the page without the return address
        await inVerifying(p);
        await waitFor(p.el, (el) => buttonsOf(el).includes('Open your bank page again'), 'the link to the bank page');
        const link = [...(p.el().shadowRoot?.querySelectorAll('a') ?? [])].find((a) => a.textContent?.includes('Open your bank page again'));
        expect(link?.href).to.equal(url);
        offersNoNewPurchase(p);
        await answerBank(url, 'approve');
        await p.load(returnAddress(p, offerId));
        await receiptShown(p);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('bank-back', '"Open your bank page again" to the same page; receipt; 1 pay');
      });

      it('a blocked bank popup falls back to the same window', async () => {
        const { token, page: p } = await customerWith(testCards.threeDSecure, { mode: 'popup', popup: 'blocked' });
        await toOffer(p);
        const loaded = new Promise((resolve) => p.frame.addEventListener('load', resolve, { once: true }));
        payNow(p);
        const { url, offerId } = await lastRedirect(p);
        await loaded;
        let onBankPage = false;
        try {
          void p.frame.contentWindow?.location.href; // another origin: the bank page
        } catch {
          onBankPage = true;
        }
        expect(onBankPage, 'the page went to the bank').to.equal(true);
        await answerBank(url, 'approve');
        await p.load(returnAddress(p, offerId));
        await receiptShown(p);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('popup-blocked', 'same window went to the bank; receipt; 1 pay');
      });
    });

    describe('5 absurd answers', () => {
      const fee = (value: number) => ({ name: 'Transaction fee', value, valueOld: value, scale: 8, currency: 'EUR' });
      const offerCases: { id: CaseId; body: Record<string, unknown> }[] = [
        { id: 'fees-negative', body: { feeInfo: [fee(-5), { ...fee(-5), name: 'Crypterium gas' }] } },
        { id: 'fee-huge', body: { feeInfo: [fee(1e308)] } },
        { id: 'rate-huge', body: { rate: { rate: 1e300 } } },
        { id: 'rate-zero', body: { rate: { rate: 0 } } },
        { id: 'rate-negative', body: { rate: { rate: -1.5 } } },
      ];
      for (const { id, body } of offerCases) {
        it(`refuses an offer answer that makes no sense (${id}): nothing payable, and a way forward`, async () => {
          const { token, page: p } = await customerWith(testCards.frictionless);
          await waitFor(p.el, (el) => textOf(el).includes('Choose a card'), 'the saved cards');
          await patch(token, { route: 'offer-create', body });
          (p.el().shadowRoot?.querySelector('[part~="card"]') as HTMLElement).click();
          await waitFor(p.el, (el) => buttonsOf(el).includes('Get offer'), 'the amount step');
          press(p.el(), 'Get offer');
          await waitFor(p.el, (el) => textOf(el).includes('could not read'), 'the unexpected-answer error');
          expect(showsPay(p.el()), 'no Pay for an absurd offer').to.equal(false);
          expect(textOf(p.el())).not.to.match(/-€|€-|e\+|\d{16,}/);
          press(p.el(), 'Try again');
          await waitFor(p.el, (el) => showsPay(el), 'a real offer after Try again');
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 0 });
          await record(id, 'refused as an unreadable answer, no Pay; Try again gives a real offer');
        });
      }

      const dataCases: { id: CaseId; body: Record<string, unknown> }[] = [
        { id: 'data-rate-zero', body: { pairs: [{ currencyFrom: 'EUR', currencyTo: 'BTC', rate: 0, amountScaleFrom: 2, amountScaleTo: 8 }] } },
        { id: 'data-limit-negative', body: { defaultMinAmountFrom: -10 } },
      ];
      for (const { id, body } of dataCases) {
        it(`refuses rates and limits that make no sense (${id})`, async () => {
          const token = newToken();
          await saveCard(token, testCards.frictionless);
          await patch(token, { route: 'data', body }); // the next answer only
          const p = await page({ token, amount: '50' });
          await waitFor(p.el, (el) => textOf(el).includes('could not read'), 'the unexpected-answer error');
          expect(buttonsOf(p.el())).to.include('Try again');
          press(p.el(), 'Try again');
          await waitFor(p.el, (el) => textOf(el).includes('Choose a card'), 'the saved cards after Try again');
          await record(id, 'refused as an unreadable answer; Try again loads real rates');
        });
      }

      const statusCases: { id: CaseId; body: Record<string, unknown> }[] = [
        { id: 'receipt-negative', body: { amount: -52 } },
        { id: 'receipt-nan', body: { transactionAmount: 'NaN' } },
        { id: 'receipt-minus', body: { transactionAmount: '-52.00' } },
        { id: 'receipt-crypto-huge', body: { cryptoAmount: 1e300 } },
      ];
      for (const { id, body } of statusCases) {
        it(`never shows a receipt that makes no sense (${id}): keeps checking until Vault's answer can be read`, async () => {
          const { token, page: p } = await customerWith(testCards.frictionless, { machine: { pollInitialMs: 300, pollMaxMs: 300 } });
          await toOffer(p);
          await patch(token, { route: 'pay-callback', body, count: 2 });
          payNow(p);
          await inVerifying(p);
          await receiptShown(p);
          expect(receiptFigures(p.el())).to.include({ 'Charged to your card': '€52.00', Amount: '€50.00' });
          expect(receiptFigures(p.el())['You receive']).to.match(/^0\.\d+ BTC$/);
          expect(textOf(p.el())).not.to.match(/[-−]\s?€|€\s?[-−]|NaN|e\+|\d{16,}/);
          expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
          await record(id, 'kept checking past the unreadable answers; a true receipt; 1 pay');
        });
      }
    });

    describe('6 offer lifetimes', () => {
      const storms: { id: CaseId; validSeconds: number }[] = [
        { id: 'storm-zero', validSeconds: 0 },
        { id: 'storm-negative', validSeconds: -5 },
        { id: 'storm-overflow', validSeconds: 2 ** 31 },
      ];
      for (const { id, validSeconds } of storms) {
        it(`holds an offer valid for ${validSeconds} s for a bounded time: no offer storm`, async () => {
          const { token, page: p } = await customerWith(testCards.frictionless);
          await waitFor(p.el, (el) => textOf(el).includes('Choose a card'), 'the saved cards');
          await patch(token, { route: 'offer-create', body: { validSeconds }, count: 100 });
          await toOffer(p);
          await new Promise((resolve) => setTimeout(resolve, 4_000));
          const { 'offer-create': offers = 0 } = await counted(token, 'offer-create');
          expect(offers, 'offers created in 4 s').to.be.at.most(2);
          expect(textOf(p.el())).to.match(/\d+\s*s/); // a countdown a person can read
          await record(id, `${offers} offer(s) in 4 s`);
        });
      }
    });

    describe('7 and more', () => {
      it('a refused token on pay: pay is not sent again; the status shows it was not taken; one purchase after confirming again', async () => {
        const { token, page: p } = await customerWith(testCards.frictionless);
        await toOffer(p);
        await injectFault(token, { route: 'pay', kind: 'status', status: 401 });
        payNow(p);
        await waitFor(p.el, (el) => textOf(el).includes('was not taken'), 'the not-taken notice');
        expect((await counted(token, 'pay')).pay, 'pay sent once').to.equal(1);
        await waitFor(p.el, (el) => showsPay(el) && !(el.shadowRoot?.querySelector('button[part~="button-primary"]') as HTMLButtonElement | null)?.disabled, 'a fresh offer');
        payNow(p);
        await receiptShown(p);
        expect(await counted(token, 'pay', 'offer-create')).to.deep.equal({ pay: 2, 'offer-create': 2 });
        await record('pay-401', 'no re-send; "not taken" after the status check; 1 charge after confirming again');
      });

      it('two checkouts on one page confirming one payment fire one payin-success', async () => {
        const { token, page: p } = await customerWith(testCards.frictionless, { count: 2 });
        await toOffer(p);
        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 1_500 });
        payNow(p);
        await waitFor(p.el, (el) => el.state === 'paying', 'pay in flight');
        await p.reload(); // both checkouts of the new page find the payment
        const both = () => [...(p.frame.contentDocument?.querySelectorAll('payin-checkout') ?? [])] as ReturnType<CheckoutPage['el']>[];
        await waitFor(p.el, () => both().length === 2 && both().every((el) => el.state === 'success'), 'both receipts');
        const successes = eventsOf(p, 'payin-success');
        expect(successes, 'one payin-success').to.have.length(1);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('two-checkouts', 'both show the receipt; 1 payin-success; 1 pay');
      });

      it('fifty clicks on Pay send one pay request', async () => {
        const { token, page: p } = await customerWith(testCards.frictionless);
        await toOffer(p);
        payNow(p);
        for (let i = 0; i < 49; i += 1) {
          const pay = [...(p.el().shadowRoot?.querySelectorAll<HTMLElement>('button') ?? [])].find((b) => isPay(b.textContent?.trim() ?? ''));
          pay?.click();
        }
        await receiptShown(p);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('pay-clicks', '1 pay');
      });

      it('a second tab paying while the first payment is unknown checks that payment instead of paying', async () => {
        const token = newToken();
        await saveCard(token, testCards.frictionless);
        const first = await page({ token, amount: '50' });
        const second = await page({ token, amount: '50' });
        await toOffer(first);
        await toOffer(second);
        await injectFault(token, { route: 'pay', kind: 'latency', latencyMs: 2_000 });
        payNow(first);
        await waitFor(first.el, (el) => el.state === 'paying', 'pay in flight in the first tab');
        payNow(second);
        await inVerifying(second);
        await receiptShown(first);
        await receiptShown(second);
        expect(await counted(token, 'pay')).to.deep.equal({ pay: 1 });
        await record('second-tab', 'second tab checked the first payment; both show one receipt; 1 pay');
      });
    });

    describe('8 the connection', () => {
      it('offline when Pay is pressed: nothing is sent, the button says why, and back online a fresh offer is paid once', async () => {
        const { token, page: p } = await customerWith(testCards.frictionless);
        await toOffer(p);
        reportConnection(p, false);
        const waiting = 'You are offline';
        await waitFor(p.el, (el) => buttonsOf(el).includes(waiting), 'Pay saying why it waits');
        pasteInto(p.el(), 'Security code', '739');
        press(p.el(), waiting); // the machine sends nothing while offline
        await new Promise((resolve) => setTimeout(resolve, 500));
        const offline = await counted(token, 'pay', 'offer-create');
        expect(offline.pay).to.equal(0);
        reportConnection(p, true);
        await waitFor(p.el, (el) => textOf(el).includes('The offer was refreshed.') && showsPay(el), 'a fresh offer and Pay back');
        expect((await counted(token, 'offer-create'))['offer-create']).to.equal((offline['offer-create'] ?? 0) + 1);
        payNow(p);
        await receiptShown(p);
        expect((await counted(token, 'pay')).pay).to.equal(1);
        await record('offline-at-pay', 'Pay waits, saying why; nothing sent; a fresh offer on return; receipt; 1 pay');
      });

      it('offline but not yet reported when Pay is pressed: the request is not sent, and once the offer has expired "no money was taken" and a fresh offer', async function () {
        this.timeout(40_000);
        const token = newToken();
        await saveCard(token, testCards.frictionless);
        await settings(token, { offerTtlSeconds: 5 });
        const p = await page({ token, amount: '50' });
        await toOffer(p);
        reportConnection(p, false, { announce: false });
        payNow(p);
        await inVerifying(p);
        offersNoNewPurchase(p);
        expect((await counted(token, 'pay')).pay).to.equal(0);
        // The fresh offer holds the usual 20 s, time enough to pay it.
        await settings(token, { offerTtlSeconds: 20 });
        reportConnection(p, true);
        await waitFor(p.el, freshOfferAfterNotTaken, '"no money was taken" and a fresh offer', 12_000);
        payNow(p);
        await receiptShown(p);
        expect((await counted(token, 'pay')).pay).to.equal(1);
        await record('offline-unreported', 'pay not sent; "no money was taken" + fresh offer after the offer expired; receipt; 1 pay');
      });

      it('pay\'s connection dropped before Vault read it: "no money was taken" and a fresh offer within the offer\'s validity and the pay time limit; one charge after paying again', async function () {
        this.timeout(40_000);
        const payTimeoutMs = 2_000;
        const token = newToken();
        await saveCard(token, testCards.frictionless);
        await settings(token, { offerTtlSeconds: 5 });
        const p = await page({ token, amount: '50', client: { payTimeoutMs } });
        await toOffer(p);
        // Every attempt dropped: Chromium re-sends a request whose reused connection closes before any answer.
        await injectFault(token, { route: 'pay', kind: 'drop', count: 3 });
        const sent = Date.now();
        payNow(p);
        await inVerifying(p);
        offersNoNewPurchase(p);
        await settings(token, { offerTtlSeconds: 20 });
        await waitFor(p.el, freshOfferAfterNotTaken, '"no money was taken" and a fresh offer', 12_000);
        const settledIn = Date.now() - sent;
        expect(settledIn).to.be.at.most(5_000 + payTimeoutMs);
        const first = eventsOf(p, 'payin-payment-record')[0]?.detail as { record?: { offerId?: string } } | undefined;
        const firstOffer = first?.record?.offerId ?? '';
        expect(firstOffer).to.match(/^\d+$/);
        // Vault holds no payment of the first offer.
        const status = await fetch(`${sandboxUrl}/v3/payin/pay-callback?offerId=${firstOffer}`, { headers: { authorization: `Bearer ${token}` } });
        expect(status.status).to.equal(400);
        payNow(p);
        await receiptShown(p);
        // One charge: the fresh offer's. The first offer still has no payment.
        const second = eventsOf(p, 'payin-payment-record').at(-1)?.detail as { record?: { offerId?: string } } | undefined;
        expect(second?.record?.offerId).not.to.equal(firstOffer);
        expect((await fetch(`${sandboxUrl}/v3/payin/pay-callback?offerId=${firstOffer}`, { headers: { authorization: `Bearer ${token}` } })).status).to.equal(400);
        const paid = await (await fetch(`${sandboxUrl}/v3/payin/pay-callback?offerId=${second?.record?.offerId ?? ''}`, { headers: { authorization: `Bearer ${token}` } })).json();
        expect(paid).to.include({ status: 'SUCCESS' });
        await record('pay-dropped', `"no money was taken" + fresh offer ${(settledIn / 1000).toFixed(1)} s after Pay; receipt; 1 charge`);
      });
    });

    describe('9 Vault\'s catalog', () => {
      it('card purchases under maintenance: says so, with Try again, which works once they are back', async () => {
        const token = newToken();
        await saveCard(token, testCards.frictionless);
        await setCatalog(token, { constraint: 'MAINTENANCE' });
        const p = await page({ token, amount: '50' });
        await waitFor(p.el, (el) => textOf(el).includes('Card purchases are paused for maintenance.'), 'the maintenance notice');
        expect(buttonsOf(p.el())).to.include('Try again');
        await setCatalog(token, { constraint: 'NONE' });
        press(p.el(), 'Try again');
        await toOffer(p);
        payNow(p);
        await receiptShown(p);
        expect((await counted(token, 'pay')).pay).to.equal(1);
        await record('catalog-maintenance', '"paused for maintenance" + Try again; receipt once lifted; 1 pay');
      });

      it('card purchases disabled: says so, and offers no Try again that cannot work', async () => {
        const token = newToken();
        await saveCard(token, testCards.frictionless);
        await setCatalog(token, { constraint: 'DISABLED' });
        const p = await page({ token, amount: '50' });
        await waitFor(p.el, (el) => textOf(el).includes('Card purchases are not available right now.'), 'the not-available notice');
        expect(buttonsOf(p.el())).not.to.include('Try again');
        expect(await counted(token, 'data', 'offer-create', 'pay')).to.deep.equal({ data: 1, 'offer-create': 0, pay: 0 });
        await record('catalog-disabled', '"not available", no Try again; no offer, no pay');
      });
    });
  });
}
