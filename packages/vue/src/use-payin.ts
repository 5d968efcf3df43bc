/**
 * `usePayin`: the checkout machine in a Vue 3 component, rendered from its view model.
 *
 * In a component the actor starts when it is mounted (never during server rendering) and stops
 * when it is unmounted; until then the view is the machine's initial snapshot, computed without
 * starting anything. In an `effectScope` outside a component it starts at once and stops with the
 * scope.
 */
import { pageInput, payinMachine, rendererView, startPayin, type PayinActor, type PayinHostOptions, type PayinInput, type PayinSnapshot, type PayinView, type SecretChecks } from '@payin-checkout/core';
import { computed, getCurrentInstance, getCurrentScope, onMounted, onScopeDispose, shallowRef, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { getInitialSnapshot } from 'xstate';

export type UsePayinOptions = PayinHostOptions;

/**
 * The checkout of this component as a computed view (`connectPayin`): its data to render and its
 * intents to call (`view.value.pay(cvv)`, …). `input` is read once; `options` may be a ref or a
 * getter (a new `locale` or `messages` redraws the view).
 */
export function usePayin(input: PayinInput, options: MaybeRefOrGetter<UsePayinOptions> = {}): ComputedRef<PayinView> {
  const snapshot = shallowRef<PayinSnapshot>(getInitialSnapshot(payinMachine, pageInput(input)));
  const checks = shallowRef<SecretChecks>({});
  let running: { actor: PayinActor; stop(): void } | undefined;
  const send: PayinActor['send'] = (event) => running?.actor.send(event);

  const start = () => {
    running ??= startPayin(input, () => toValue(options), (next) => (snapshot.value = next));
  };
  if (getCurrentInstance()) onMounted(start);
  else start();
  if (getCurrentScope()) {
    onScopeDispose(() => {
      running?.stop();
      running = undefined;
    });
  }

  const store = { get: () => checks.value, set: (next: SecretChecks) => (checks.value = next) };
  return computed(() => rendererView(snapshot.value, send, toValue(options), store));
}
