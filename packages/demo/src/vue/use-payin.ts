/** A small composable over the headless machine: the view model as a computed ref, and `send`. */
import { checkRedirectUrl, connectPayin, followReturnAddress, payinMachine, resumeFromAddress, type ConnectOptions, type PayinMachineInput } from '@payin-checkout/core';
import { computed, onBeforeUnmount, onMounted, shallowRef } from 'vue';
import { createActor } from 'xstate';

export function usePayin(input: PayinMachineInput, options: ConnectOptions = {}) {
  // Back from the bank page, the address names the payment (also where no storage kept its record).
  const actor = createActor(payinMachine, { input: { ...input, ...resumeFromAddress(location.href) } });
  const stopFollowing = followReturnAddress(actor);
  const snapshot = shallowRef(actor.getSnapshot());
  actor.subscribe((next) => (snapshot.value = next));
  actor.on('redirect', ({ url }) => {
    // 3-D Secure bank page, same window; core's check: https (http on loopback), a valid URL.
    if (checkRedirectUrl(url, [location.host]).ok) location.assign(url);
  });
  onMounted(() => actor.start());
  onBeforeUnmount(() => {
    stopFollowing();
    actor.stop();
  });
  return { view: computed(() => connectPayin(snapshot.value, options)), send: actor.send.bind(actor) };
}
