/**
 * The merchant page (checkout-page.html) in an iframe of the test page, for tests in which the
 * checkout really leaves for the bank page and comes back: the frame navigates to the sandbox's bank
 * page (another origin), the bank's answer is a real form post from that frame's point of view, and
 * the bank's 303 brings the frame back to the return address the checkout gave.
 */
import type { PayinCheckout } from '../../src/payin-checkout.js';
import { sandboxUrl, waitUntil } from './sandbox.js';

const PAGE = new URL('./checkout-page.html', import.meta.url).href;

/** What the loads of one customer's merchant page saw (kept in the test page). */
export interface PageLog {
  /** Page loads so far (1 for the first). */
  loads: number;
  events: { load: number; type: string; detail: Record<string, unknown> }[];
  /** Every heading a checkout showed, in order. */
  headings: { load: number; checkout: number; text: string }[];
  /** Windows the page asked for (`window` null when none opened). */
  popups: { load: number; url: string; target: string; window: Window | null }[];
}

export interface PageOptions {
  token: string;
  amount?: string;
  /** allowed-redirect-hosts; the sandbox's host unless told. */
  hosts?: string;
  mode?: 'same-window' | 'popup';
  storage?: 'blocked';
  popup?: 'blocked';
  count?: number;
  /** The checkouts' `clientOptions` and `machineOptions`. */
  client?: Record<string, unknown>;
  machine?: Record<string, unknown>;
}

export interface CheckoutPage {
  frame: HTMLIFrameElement;
  /** The merchant page's address (the checkout's default return address, before `payin_offer` is added). */
  url: string;
  /** The checkout (`index` of several) of the page the frame shows now. */
  el(index?: number): PayinCheckout;
  log: PageLog;
  /** The frame's address; undefined while it shows another origin (the bank page). */
  address(): string | undefined;
  /** Loads `url` in the frame and waits for its checkouts to start when it is the merchant page. */
  load(url: string): Promise<void>;
  /** Reloads the merchant page, as the browser's reload button does, and waits for its checkouts to start. */
  reload(): Promise<void>;
  /** Waits until the frame has left for another origin (the sandbox's bank page). */
  waitForBankPage(): Promise<void>;
  /**
   * Answers the bank page shown in the frame as its buttons do (a form post to `bankUrl` from the
   * frame), and waits for the bank's redirect to bring the frame back to the merchant page.
   */
  answerBankInFrame(bankUrl: string, action: 'approve' | 'decline' | 'cancel'): Promise<void>;
  remove(): void;
}

let frames = 0;

/** Opens the merchant page in a new iframe and waits for its checkouts to start. */
export async function openCheckoutPage(options: PageOptions): Promise<CheckoutPage> {
  const query = new URLSearchParams({ apiBase: sandboxUrl, token: options.token, hosts: options.hosts ?? new URL(sandboxUrl).host });
  for (const key of ['amount', 'mode', 'storage', 'popup'] as const) {
    const value = options[key];
    if (value) query.set(key, value);
  }
  if (options.count) query.set('count', String(options.count));
  if (options.client) query.set('client', JSON.stringify(options.client));
  if (options.machine) query.set('machine', JSON.stringify(options.machine));
  const url = `${PAGE}?${query}`;
  const frame = document.createElement('iframe');
  frame.name = `merchant-${(frames += 1)}`;
  frame.style.cssText = 'width:480px;height:720px;border:0';
  document.body.append(frame);
  const logs = ((window as unknown as { payinPageLog?: Record<string, PageLog> }).payinPageLog ??= {});
  const log = (logs[options.token] ??= { loads: 0, events: [], headings: [], popups: [] });
  const count = options.count ?? 1;

  const address = (): string | undefined => {
    try {
      return frame.contentWindow?.location.href;
    } catch {
      return undefined; // another origin
    }
  };
  const checkouts = () => [...(frame.contentDocument?.querySelectorAll('payin-checkout') ?? [])] as PayinCheckout[];
  const started = () =>
    waitUntil(() => checkouts().length === count && checkouts().every((el) => el.state !== undefined), {
      timeout: 10_000,
      message: 'the merchant page\'s checkouts to start',
    });
  const loaded = () => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));

  const page: CheckoutPage = {
    frame,
    url,
    log,
    address,
    el: (index = 0) => {
      const el = checkouts()[index];
      if (!el) throw new Error(`the frame shows no checkout ${index} (at ${address() ?? 'another origin'})`);
      return el;
    },
    load: async (next) => {
      const done = loaded();
      frame.src = next;
      await done;
      if (next.startsWith(PAGE)) await started();
    },
    reload: async () => {
      const done = loaded();
      frame.contentWindow?.location.reload();
      await done;
      await started();
    },
    waitForBankPage: () => waitUntil(() => frame.contentDocument === null && address() === undefined, { timeout: 10_000, message: 'the frame to show the bank page' }).then(() => undefined),
    answerBankInFrame: async (bankUrl, action) => {
      if (!bankUrl.startsWith(`${sandboxUrl}/sandbox/bank/`)) throw new Error(`not a sandbox bank page: ${bankUrl}`);
      const form = document.createElement('form');
      form.method = 'post';
      form.action = bankUrl;
      form.target = frame.name;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'action';
      input.value = action;
      form.append(input);
      document.body.append(form);
      form.submit();
      form.remove();
      await waitUntil(() => address()?.startsWith(PAGE) && checkouts().length === count && checkouts().every((el) => el.state !== undefined), {
        timeout: 10_000,
        message: 'the bank to send the frame back to the merchant page',
      });
    },
    remove: () => {
      for (const popup of log.popups) popup.window?.close();
      frame.remove();
    },
  };
  await page.load(url);
  return page;
}

/** Events of one type the page's checkouts fired, over every load, with the load they came from. */
export function eventsOf(page: CheckoutPage, type: string): { load: number; detail: Record<string, unknown> }[] {
  return page.log.events.filter((event) => event.type === type).map(({ load, detail }) => ({ load, detail }));
}

/** Sets a field of a checkout in the frame as a paste would: the value, then an input event. */
export function pasteInto(el: PayinCheckout, label: string, value: string): void {
  const root = el.shadowRoot as ShadowRoot;
  const match = [...root.querySelectorAll('label')].find((node) => node.textContent?.replace(/\s+/g, ' ').trim() === label);
  const control = match && (root.getElementById(match.htmlFor) as HTMLInputElement | null);
  if (!control) throw new Error(`no field "${label}"`);
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
