import { describe, expect, it } from 'vitest';
import { followReturnAddress, resumeFromAddress, seal, type AddressBar } from '../src/index.js';
import { harness } from './machine-harness.js';

type H = ReturnType<typeof harness>;

/** An address bar that records every replacement. */
function addressBar(href: string): AddressBar & { history: string[] } {
  const bar = {
    href,
    history: [] as string[],
    replace(next: string) {
      bar.href = next;
      bar.history.push(next);
    },
  };
  return bar;
}

const throwing = () => {
  throw new Error('SecurityError');
};
const blockedStorage = { getItem: throwing, setItem: throwing, removeItem: throwing };

async function pay(h: H) {
  await h.until((s) => s.matches({ card: 'choosing' }));
  h.actor.send({ type: 'CARD.SELECT', cardId: '127' });
  h.actor.send({ type: 'FIELD.CHANGE', field: 'amount', value: '31' });
  h.actor.send({ type: 'QUOTE.SUBMIT' });
  await h.until((s) => s.matches({ offer: 'live' }));
  h.actor.send({ type: 'PAY.SUBMIT', cvv: seal('123') });
}

describe('the page address and the payment', () => {
  it('resumes the payment a return address names, and nothing otherwise', () => {
    expect(resumeFromAddress('https://shop.example/buy?x=1&payin_offer=7402')).toEqual({ resume: { offerId: '7402' } });
    expect(resumeFromAddress('https://shop.example/buy?payin_offer=abc')).toEqual({});
    expect(resumeFromAddress('https://shop.example/buy')).toEqual({});
    expect(resumeFromAddress(undefined)).toEqual({});
  });

  it('names the offer in the address while only memory holds the record, and drops it once the payment is settled', async () => {
    let settle: (value: unknown) => void = () => undefined;
    const h = harness({
      store: blockedStorage,
      actors: { getPayStatus: (input) => new Promise((resolve) => (settle = () => resolve({ offerId: input.offerId, status: 'SUCCESS' }))) },
    });
    const bar = addressBar('https://shop.example/buy?x=1');
    const stop = followReturnAddress(h.actor, bar);
    await pay(h);
    await h.until((s) => s.matches('verifying'));
    expect(bar.href).toBe('https://shop.example/buy?x=1&payin_offer=7402');
    settle(undefined);
    await h.until((s) => s.matches('success'));
    expect(bar.href).toBe('https://shop.example/buy?x=1');
    expect(bar.history).toEqual(['https://shop.example/buy?x=1&payin_offer=7402', 'https://shop.example/buy?x=1']);
    stop();
  });

  it('leaves the address alone while storage keeps the record, and drops a return address once the payment is settled', async () => {
    const items = new Map<string, string>();
    const kept = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
    const plain = harness({ store: kept });
    const untouched = addressBar('https://shop.example/buy');
    followReturnAddress(plain.actor, untouched);
    await pay(plain);
    await plain.until((s) => s.matches('success'));
    expect(untouched.history).toEqual([]);

    const returned = harness({ store: kept, input: { resume: { offerId: '7402' } } });
    const bar = addressBar('https://shop.example/buy?payin_offer=7402');
    followReturnAddress(returned.actor, bar);
    await returned.until((s) => s.matches('success'));
    expect(bar.history).toEqual(['https://shop.example/buy']);
  });
});
