/**
 * The soak page's module (bundled by run.ts with esbuild): the real `<payin-checkout>` from src,
 * plus `window.__soak`, which the runner calls with `page.evaluate` to mount, reset, remove and
 * re-add the checkout and to read what it shows. The runner does the waiting (polling from Node),
 * so that nothing here sets a timer or adds a listener of its own.
 *
 * Live XState actors are counted without touching src: `Actor` is the class of every actor
 * (`createActor` answers `new Actor(…)`, invoked actors too), and this page's `xstate` is the same
 * module instance as the element's and the core's (one bundle), so wrapping `Actor.prototype.start`
 * sees every actor start; whether it still runs is its public `getSnapshot().status`.
 */
import { payinMachine } from '@payin-checkout/core';
import { Actor, type AnyActor } from 'xstate';
import { PayinCheckout } from '../src/payin-checkout.js';
import type { ActorReport, Screen, SoakPage } from './probe-types.js';

interface Tracked {
  actor: AnyActor;
  name: string;
  checkout: boolean;
}

/** Actors started and, when last looked at, still active. Pruned at each report. */
const running = new Set<Tracked>();
/** The checkout actor of each actor system, to tell an invoked actor that outlived it. */
const checkoutOf = new WeakMap<object, AnyActor>();
const started = { checkouts: 0, children: 0 };

const active = (actor: AnyActor): boolean => actor.getSnapshot().status === 'active';

const originalStart = Actor.prototype.start;
/** Actors already seen: XState may call `start()` again on a running actor, which does nothing. */
const seen = new WeakSet<AnyActor>();

Actor.prototype.start = function start(this: AnyActor) {
  if (seen.has(this)) return originalStart.call(this);
  seen.add(this);
  const checkout = this.logic === payinMachine;
  if (checkout) {
    checkoutOf.set(this.system, this);
    started.checkouts += 1;
  } else {
    started.children += 1;
  }
  // `src` of an invoked actor is its name in the machine's `actors` (e.g. "getData", "visibility").
  const name = checkout ? 'payinMachine' : typeof this.src === 'string' ? this.src : this.id;
  running.add({ actor: this, name, checkout });
  return originalStart.call(this);
} as typeof Actor.prototype.start;

function actors(): ActorReport {
  for (const tracked of running) if (!active(tracked.actor)) running.delete(tracked);
  const live = [...running].map(({ actor, name, checkout }) => {
    const owner = checkoutOf.get(actor.system);
    return { name, checkout, orphaned: !checkout && (!owner || !active(owner)) };
  });
  return { live, started: { ...started } };
}

let checkout: PayinCheckout | undefined;
const host = document.createElement('main');
document.body.append(host);

function element(): PayinCheckout {
  if (!checkout) throw new Error('no checkout mounted');
  return checkout;
}

function shadow(): ShadowRoot {
  const root = element().shadowRoot;
  if (!root) throw new Error('the checkout has no shadow root');
  return root;
}

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

function screen(): Screen {
  const root = checkout?.shadowRoot;
  const heading = squash(root?.querySelector('h2')?.textContent);
  // "Pay €52.00": the label carries the total.
  const pay = [...(root?.querySelectorAll('button') ?? [])].find((b) => /^Pay( |$)/.test(squash(b.textContent)));
  const terms = [...(root?.querySelectorAll('[part="receipt"] dt') ?? [])];
  const reference = squash(terms.find((dt) => squash(dt.textContent) === 'Reference')?.nextElementSibling?.textContent);
  return {
    heading,
    state: checkout?.state ?? null,
    payable: root?.querySelector('[part="offer"]') != null && pay !== undefined && !pay.disabled && pay.getAttribute('aria-disabled') !== 'true',
    reference: heading === 'Payment complete' ? reference : '',
    text: squash(root?.querySelector('section')?.textContent).slice(0, 240),
  };
}

const page: SoakPage = {
  mount({ apiBase, token, amount }) {
    const el = new PayinCheckout();
    el.setAttribute('api-base', apiBase);
    el.setAttribute('token', token);
    el.setAttribute('amount', amount);
    el.setAttribute('from-currency', 'EUR');
    el.setAttribute('to-currency', 'BTC');
    host.append(el);
    checkout = el;
  },
  reset: () => element().reset(),
  remove: () => element().remove(),
  reattach: () => host.append(element()),
  screen,
  focus(id) {
    const control = shadow().getElementById(id);
    if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) {
      throw new Error(`no field #${id} (heading "${screen().heading}")`);
    }
    control.focus();
    if (control instanceof HTMLInputElement) control.select();
  },
  click(text) {
    const candidates = [...shadow().querySelectorAll<HTMLElement>('button, a')];
    // A label ending in the text (after a brand mark's name), or the text and then a figure ("Pay €52.00").
    const target = candidates.find((candidate) => {
      const label = squash(candidate.textContent);
      return label.endsWith(text) || label.startsWith(`${text} `);
    });
    if (!target) throw new Error(`no button "${text}" (heading "${screen().heading}")`);
    target.click();
  },
  actors,
};

Object.defineProperty(window, '__soak', { value: page, enumerable: false });
