/**
 * `usePayin`: the checkout machine in a React component, rendered from its view model.
 *
 * Safe under `<StrictMode>`: rendering never creates a running actor. The first renders draw the
 * machine's initial snapshot (computed without starting anything); the actor is created and
 * started in an effect and stopped in its cleanup, so StrictMode's mount, unmount and mount again
 * leave exactly one running checkout, and no answer to the first one reaches the page.
 */
import { pageInput, payinMachine, rendererView, startPayin, type PayinActor, type PayinEvent, type PayinHostOptions, type PayinInput, type PayinSnapshot, type PayinView, type SecretChecks } from '@payin-checkout/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getInitialSnapshot } from 'xstate';

export type UsePayinOptions = PayinHostOptions;

/**
 * The checkout of this component: its view (`connectPayin`), with the data to render and the
 * intents to call (`view.pay(cvv)`, `view.submit(secrets)`, …). `input` is read when the component
 * mounts (give the component a new `key` to start over with another input); `options` are read on
 * every render.
 */
export function usePayin(input: PayinInput, options: UsePayinOptions = {}): PayinView {
  const [initial] = useState(() => getInitialSnapshot(payinMachine, pageInput(input)));
  const [snapshot, setSnapshot] = useState<PayinSnapshot>(initial);
  const [checks, setChecks] = useState<SecretChecks>({});
  const actor = useRef<PayinActor | undefined>(undefined);
  const latest = useRef({ input, options, checks });
  useEffect(() => {
    latest.current = { input, options, checks };
  });

  useEffect(() => {
    const started = startPayin(latest.current.input, () => latest.current.options, setSnapshot);
    actor.current = started.actor;
    return () => {
      started.stop();
      if (actor.current === started.actor) actor.current = undefined;
    };
  }, []);

  const send = useCallback((event: PayinEvent) => actor.current?.send(event), []);
  const store = useMemo(
    () => ({
      get: () => latest.current.checks,
      set: (next: SecretChecks) => {
        if (next === latest.current.checks) return;
        // Read by the next call before React renders again.
        latest.current = { ...latest.current, checks: next };
        setChecks(next);
      },
    }),
    [],
  );
  const { locale, messages, idPrefix, allowedRedirectHosts } = options;
  // `options` is read as it is now; the view changes when one of these does.
  return useMemo(() => rendererView(snapshot, send, options, store), [snapshot, send, store, checks, locale, messages, idPrefix, allowedRedirectHosts]);
}
