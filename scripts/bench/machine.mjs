// Machine transitions per second in Node: the checkout's machine taking field edits (a root
// transition with its assign), beside a trivial two-state XState machine, on the same xstate.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createPayinClient, payinMachine } from '../../packages/core/src/index.ts';
import { coreDir } from '../size-lib.mjs';

const { createActor, createMachine } = createRequire(join(coreDir, 'package.json'))('xstate');

const toggle = createMachine({ id: 'toggle', initial: 'off', states: { off: { on: { TOGGLE: 'on' } }, on: { on: { TOGGLE: 'off' } } } });

const rate = (send, events) => {
  const started = process.hrtime.bigint();
  for (let i = 0; i < events; i++) send(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return events / seconds;
};

export async function measureMachine(apiBase, runs, events) {
  const results = { checkout: [], trivial: [] };
  const payin = createActor(payinMachine, {
    input: { client: createPayinClient({ baseUrl: apiBase, token: `test_kyc1_machine${Date.now()}` }), successUrl: `${apiBase}/shop`, amount: '50', fromCurrency: 'EUR', toCurrency: 'BTC' },
  });
  payin.start();
  // The machine loads the customer's cards first; the edits are measured once it waits for input.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const trivial = createActor(toggle).start();
  const edit = (i) => payin.send({ type: 'FIELD.CHANGE', field: 'amount', value: i % 2 ? '51' : '50' });
  const flip = () => trivial.send({ type: 'TOGGLE' });
  rate(edit, events / 10);
  rate(flip, events / 10);
  for (let index = 0; index < runs; index++) {
    const order = index % 2 ? ['trivial', 'checkout'] : ['checkout', 'trivial'];
    for (const subject of order) results[subject].push(rate(subject === 'checkout' ? edit : flip, events));
  }
  const state = JSON.stringify(payin.getSnapshot().value);
  payin.stop();
  trivial.stop();
  return { ...results, state };
}
