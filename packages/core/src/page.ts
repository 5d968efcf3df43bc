/**
 * What a page does around the checkout machine, as `<payin-checkout>` does it, for every framework
 * adapter (Vue, Angular, React) and any headless renderer: the actor's input (this page as the
 * bank's return address, the payment the address names), the address kept in step with the
 * payment record, the bank page opened once checked, and the bank page link of the view shown only
 * when it passes the same checks.
 */
import { createActor, type Actor } from 'xstate';
import { checkRedirectUrl } from './redirect.js';
import { followReturnAddress, resumeFromAddress } from './return-address.js';
import { withoutReturnParam } from './resume.js';
import type { SecretChecks } from './secrets.js';
import { connectPayin, type ConnectOptions, type PayinSend, type PayinSnapshot, type PayinView } from './machine/payin.connect.js';
import { payinMachine } from './machine/payin.machine.js';
import type { PayinEmitted, PayinMachineInput } from './machine/payin.types.js';

/** The machine's input; `successUrl` defaults to this page (without the return parameter). */
export type PayinInput = Omit<PayinMachineInput, 'successUrl'> & { successUrl?: string };

export interface PayinHostOptions extends Omit<ConnectOptions, 'secretChecks'> {
  /**
   * Hosts the bank page (3-D Secure) may be on, as `host` or `host:port`. Empty or unset: any https
   * host (http on loopback only). Set it to the hosts Vault sends your customers to.
   */
  allowedRedirectHosts?: readonly string[];
  /** Opens the bank page once it passed the checks (default: `location.assign`, this window). */
  navigate?: (url: string) => void;
  /** Every event the checkout emits (`success`, `failure`, `error`, `redirect`, `payment-record`, …). */
  onEvent?: (event: PayinEmitted) => void;
}

export type PayinActor = Actor<typeof payinMachine>;

/** The machine's input for this page: its address as the return address, the payment it names resumed. */
export function pageInput(input: PayinInput): PayinMachineInput {
  const here = typeof location === 'undefined' ? undefined : location.href;
  const successUrl = input.successUrl ?? (here === undefined ? undefined : withoutReturnParam(here));
  if (successUrl === undefined) throw new TypeError('payin-checkout: successUrl is needed outside a browser');
  const { resume } = input.resume ? input : resumeFromAddress(here);
  return { ...input, successUrl, ...(resume ? { resume } : {}) };
}

/** Creates and starts the checkout actor with the page's duties; `stop()` undoes all of it. */
export function startPayin(input: PayinInput, options: () => PayinHostOptions, onSnapshot: (snapshot: PayinSnapshot) => void): { actor: PayinActor; stop(): void } {
  const actor = createActor(payinMachine, { input: pageInput(input) });
  const stopFollowing = followReturnAddress(actor);
  const emitted = actor.on('*', (event: PayinEmitted) => {
    const { allowedRedirectHosts = [], navigate = (url: string) => location.assign(url), onEvent } = options();
    if (event.type === 'redirect') {
      const check = checkRedirectUrl(event.url, allowedRedirectHosts);
      if (check.ok) navigate(check.url.href);
      else console.error(`payin-checkout: the bank page ${event.url} was not opened (${check.reason})`);
    }
    onEvent?.(event);
  });
  const subscription = actor.subscribe({
    next: onSnapshot,
    // The machine handles every failure in its states; nothing reaches here by design.
    error: () => undefined,
  });
  actor.start();
  return {
    actor,
    stop() {
      subscription.unsubscribe();
      emitted.unsubscribe();
      stopFollowing();
      actor.stop();
    },
  };
}

/** Where an adapter keeps the renderer's checks of the card secrets (reactive in its framework). */
export interface SecretChecksStore {
  get(): SecretChecks;
  /** Stores new checks (the same object as now changes nothing). */
  set(checks: SecretChecks): void;
}

/**
 * The view a renderer draws (`connectPayin`), with the renderer's checks of the card secrets kept
 * by the adapter: `secretInput` and `secretBlur` store the checks they answer, and a submit clears
 * them. The bank page link is given only when its address passes the checks of the redirect.
 */
export function rendererView(snapshot: PayinSnapshot, send: PayinSend, options: PayinHostOptions, checks: SecretChecksStore): PayinView {
  const { locale, messages, idPrefix } = options;
  const view = connectPayin(snapshot, send, {
    ...(locale === undefined ? {} : { locale }),
    ...(messages === undefined ? {} : { messages }),
    ...(idPrefix === undefined ? {} : { idPrefix }),
    secretChecks: checks.get(),
  });
  const submitted =
    <A extends unknown[]>(intent: (...args: A) => void) =>
    (...args: A) => {
      checks.set({});
      intent(...args);
    };
  const shown: PayinView = {
    ...view,
    secretInput: (name, typed) => {
      const input = view.secretInput(name, typed, checks.get());
      checks.set(input.checks);
      return input;
    },
    secretBlur: (name, typed) => {
      const next = view.secretBlur(name, typed, checks.get());
      checks.set(next);
      return next;
    },
    submit: submitted(view.submit),
    addCard: submitted(view.addCard),
    pay: submitted(view.pay),
  };
  if (shown.redirectUrl === undefined) return shown;
  const check = checkRedirectUrl(shown.redirectUrl, options.allowedRedirectHosts ?? []);
  const { redirectUrl: _unchecked, ...rest } = shown;
  return check.ok ? { ...rest, redirectUrl: check.url.href } : rest;
}
