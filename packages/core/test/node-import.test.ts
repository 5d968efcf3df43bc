import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { newToken, useSandbox } from './sandbox.js';

const sandbox = useSandbox();

describe('core in Node without a DOM', () => {
  it('imports and runs the machine with no document, window or storage', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    expect(typeof sessionStorage).toBe('undefined');
    const core = await import('../src/index.js');
    const actor = createActor(core.payinMachine, {
      input: { client: core.createPayinClient({ baseUrl: sandbox.url, token: newToken() }), successUrl: 'https://shop.example/' },
    });
    actor.start();
    const snapshot = await waitFor(actor, (s) => s.matches({ card: 'newCard' }), { timeout: 5_000 });
    expect(core.connectPayin(snapshot).heading).toBe('Add a card');
    expect(core.collectFingerprint()).toMatchObject({ browserJavascriptEnabled: true, browserScreenWidth: 0, timezone: expect.any(Number) });
    actor.stop();
  });
});
