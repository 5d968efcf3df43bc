/**
 * The testing kit's browser driver (`@payin-checkout/testing/browser`) on the real element under
 * @web/test-runner, as a merchant's own browser tests use it: one line to a step, against the sandbox.
 */
import { expect } from '@open-wc/testing';
import { driveCheckout } from '@payin-checkout/testing/browser';
import { counters, newToken } from './support/sandbox.js';
import { button, headingText, mountCheckout, shownText, useCleanSession } from './support/ui.js';

describe('driveCheckout (the testing kit) on <payin-checkout>', () => {
  useCleanSession();

  it('to success: the merchant page gets payin-success once, and one pay request left', async () => {
    const token = newToken();
    const el = await mountCheckout({ token, amount: '50' });
    const successes: unknown[] = [];
    el.addEventListener('payin-success', (event) => successes.push(event));
    await driveCheckout(el).to('success');
    expect(el.state).to.equal('success');
    expect(headingText(el)).to.equal('Payment complete');
    expect(successes).to.have.length(1);
    expect((await counters(token)).pay).to.equal(1);
  });

  it('to failure with the declined card: the customer is offered another card', async () => {
    const token = newToken();
    const el = await mountCheckout({ token, amount: '50' });
    const failures: string[] = [];
    el.addEventListener('payin-failure', (event) => failures.push((event as Event & { reason: { kind: string } }).reason.kind));
    await driveCheckout(el).to('failure', { card: 'declined' });
    expect(el.state).to.equal('failure');
    expect(failures).to.deep.equal(['declined']);
    expect(button(el, 'Use another card').getAttribute('part')).to.contain('button-primary');
    expect(shownText(el)).to.contain('Please use another card.');
  });

  it('to redirect with the 3-D Secure card, then on to success through the bank page', async () => {
    const token = newToken();
    const el = await mountCheckout({ token, amount: '50' });
    // The element would send this window to the bank page: the driver keeps it here.
    await driveCheckout(el).to('redirect', { card: '3ds' });
    expect(el.state).to.equal('redirect');
    await driveCheckout(el).to('success', { card: '3ds', approve: true });
    expect(el.state).to.equal('success');
    expect((await counters(token)).pay).to.equal(1);
  });

  it('says where the purchase went when the step is not reached, and when it is already behind', async () => {
    const el = await mountCheckout({ token: newToken(), amount: '50' });
    const failure = async (run: () => Promise<void>): Promise<string> => {
      try {
        await run();
      } catch (error) {
        return String(error);
      }
      return 'no error';
    };
    expect(await failure(() => driveCheckout(el).to('success', { card: 'declined' }))).to.contain("the purchase with the 'declined' card ended in failure");
    expect(el.state).to.equal('failure');
    expect(await failure(() => driveCheckout(el).to('offer'))).to.contain('already past that step (failure)');
  });
});
