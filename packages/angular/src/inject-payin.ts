/**
 * `injectPayin`: the checkout machine in an Angular component or service, its view model as a
 * signal. No zone.js needed: the view changes through a signal, which schedules change detection
 * in zoneless apps and zone-based ones alike.
 *
 * Call it in an injection context (a field initializer or the constructor). The actor starts at
 * once in the browser (not during server rendering) and stops when the injector is destroyed
 * (`DestroyRef`: the component is destroyed, or the service's injector).
 */
import { DestroyRef, PLATFORM_ID, computed, inject, signal, type Signal } from '@angular/core';
import { pageInput, payinMachine, rendererView, startPayin, type PayinActor, type PayinHostOptions, type PayinInput, type PayinSnapshot, type PayinView, type SecretChecks } from '@payin-checkout/core';
import { getInitialSnapshot } from 'xstate';

export type InjectPayinOptions = PayinHostOptions;

/**
 * The checkout as a signal of its view (`connectPayin`): data to render and intents to call
 * (`view().pay(cvv)`, …). `input` is read once; `options` may be a function reading signals (a
 * new `locale` or `messages` redraws the view).
 */
export function injectPayin(input: PayinInput, options: InjectPayinOptions | (() => InjectPayinOptions) = {}): Signal<PayinView> {
  const read = typeof options === 'function' ? options : () => options;
  const snapshot = signal<PayinSnapshot>(getInitialSnapshot(payinMachine, pageInput(input)));
  const checks = signal<SecretChecks>({});
  let running: { actor: PayinActor; stop(): void } | undefined;
  const send: PayinActor['send'] = (event) => running?.actor.send(event);

  if (inject(PLATFORM_ID, { optional: true }) !== 'server') running = startPayin(input, read, (next) => snapshot.set(next));
  inject(DestroyRef).onDestroy(() => {
    running?.stop();
    running = undefined;
  });

  const store = { get: () => checks(), set: (next: SecretChecks) => checks.set(next) };
  return computed(() => rendererView(snapshot(), send, read(), store));
}
