/**
 * Smoke test of the browser-test pipeline itself: TypeScript through esbuild, real Chromium, the
 * sandbox reachable over HTTP with its test controls, keyboard input through the test runner, and
 * axe audits that pass on an accessible fragment and fail on a broken one.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { axeViolations, formatViolations } from './support/axe.js';
import { counters, injectFault, newToken, sandboxUrl, sendKeys, settings, testCards, waitUntil } from './support/sandbox.js';

const getData = (token: string): Promise<Response> =>
  fetch(`${sandboxUrl}/v3/payin/data`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });

describe('browser test infrastructure', () => {
  describe('sandbox', () => {
    it('is served on a loopback port', () => {
      expect(sandboxUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers a fresh KYC_1 customer with no saved cards', async () => {
      const token = newToken();
      expect(token).to.match(/^test_kyc1_[A-Za-z0-9_-]{1,64}$/);
      const response = await getData(token);
      expect(response.status).to.equal(200);
      const body = (await response.json()) as { cards: unknown[] };
      expect(body.cards).to.deep.equal([]);
      expect((await counters(token)).data).to.equal(1);
    });

    it('keeps customers apart and applies injected faults and settings', async () => {
      const token = newToken();
      await injectFault(token, { route: 'data', kind: 'status', status: 503, retryAfter: '2' });
      const faulted = await getData(token);
      expect(faulted.status).to.equal(503);
      expect(faulted.headers.get('retry-after')).to.equal('2');
      expect((await getData(token)).status).to.equal(200);
      expect((await getData(newToken())).status, 'another customer is not faulted').to.equal(200);
      expect(await settings(token, { offerTtlSeconds: 2, pendingPolls: 0 })).to.deep.equal({
        offerTtlSeconds: 2,
        pendingPolls: 0,
      });
    });

    it('refuses an unknown token', async () => {
      expect((await getData('not-a-test-token')).status).to.equal(401);
    });
  });

  describe('keyboard', () => {
    it('types into the focused input with sendKeys', async () => {
      const el = await fixture<HTMLInputElement>(html`<input aria-label="Card number" inputmode="numeric" />`);
      el.focus();
      await sendKeys({ type: testCards.frictionless });
      await sendKeys({ press: 'Backspace' });
      expect(el.value).to.equal('4242 4242 4242 424');
      // Modifiers are held with down/up ('Shift+KeyX' combos fail under the Chrome launcher).
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'KeyX' });
      await sendKeys({ up: 'Shift' });
      expect(el.value).to.equal('4242 4242 4242 424X');
    });
  });

  describe('waitUntil', () => {
    it('answers the first truthy value', async () => {
      let calls = 0;
      expect(await waitUntil(() => (++calls >= 3 ? 'ready' : ''), { interval: 1 })).to.equal('ready');
    });

    it('gives up after its timeout, even on a predicate that never settles', async () => {
      const started = performance.now();
      let error: unknown;
      try {
        await waitUntil(() => new Promise<boolean>(() => undefined), { timeout: 100, message: 'nothing' });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.contain('waiting for nothing');
      expect(performance.now() - started).to.be.below(2000);
    });
  });

  describe('axe', () => {
    it('finds no violations in an accessible form', async () => {
      const el = await fixture(html`
        <form aria-labelledby="pay-heading">
          <h2 id="pay-heading">Pay with card</h2>
          <label for="holder">Card holder</label>
          <input id="holder" name="holder" autocomplete="cc-name" />
          <label for="number">Card number</label>
          <input id="number" name="number" autocomplete="cc-number" inputmode="numeric" />
          <button type="submit">Pay 32.24 EUR</button>
        </form>
      `);
      const violations = await axeViolations(el);
      expect(violations, formatViolations(violations)).to.deep.equal([]);
    });

    it('catches an unlabeled input', async () => {
      const el = await fixture(html`<form><input name="cvv" /><button type="submit">Pay</button></form>`);
      const violations = await axeViolations(el);
      expect(violations.map((v) => v.id)).to.include('label');
    });
  });
});
