/**
 * What the soak's in-page instrumentation (probe.ts) and page (page.ts) answer to the runner
 * (run.ts), which reads them with `page.evaluate`.
 */

/** A timer (setTimeout, setInterval, requestAnimationFrame, requestIdleCallback) not yet run or cleared. */
export interface LiveTimer {
  kind: 'timeout' | 'interval' | 'animation-frame' | 'idle-callback';
  delay: number;
  /** `performance.now()` when it was set. */
  at: number;
  /** The stack where it was set, without the probe's own frame. */
  stack: string;
}

/** A listener added to `window` or `document` and not removed (nor fired, for `once`). */
export interface LiveListener {
  target: 'window' | 'document';
  type: string;
  capture: boolean;
  at: number;
  stack: string;
}

export interface ProbeReport {
  timers: LiveTimer[];
  listeners: LiveListener[];
  /** How many of each were ever set or added since the page loaded. */
  created: { timers: number; listeners: number };
}

/** An XState actor started in the page and not stopped, done or failed. */
export interface LiveActor {
  /** The actor's logic: `payinMachine` for a checkout actor, else the invoked actor's `src`. */
  name: string;
  /** Whether it is a `payinMachine` actor (a checkout), not an actor it invoked. */
  checkout: boolean;
  /** For an invoked actor: whether its checkout actor has stopped or finished while it goes on. */
  orphaned: boolean;
}

export interface ActorReport {
  live: LiveActor[];
  started: { checkouts: number; children: number };
}

/** What the checkout shows, as the runner waits for it. */
export interface Screen {
  heading: string;
  state: string | null;
  /** Whether the offer's figures are shown and Pay can be pressed. */
  payable: boolean;
  /** The receipt's reference (offer id) when the receipt is shown, else ''. */
  reference: string;
  /** The first 240 characters the checkout shows, for error messages. */
  text: string;
}

export interface SoakProbe {
  report(): ProbeReport;
}

export interface SoakPage {
  mount(options: { apiBase: string; token: string; amount: string }): void;
  reset(): void;
  remove(): void;
  reattach(): void;
  screen(): Screen;
  /** Focuses the control `#id` in the checkout (selecting an input's text); throws when absent. */
  focus(id: string): void;
  /** Clicks the button (or button-like link, or saved card) whose visible text ends with `text`. */
  click(text: string): void;
  actors(): ActorReport;
}

declare global {
  interface Window {
    __soakProbe?: SoakProbe;
    __soak?: SoakPage;
  }
}
