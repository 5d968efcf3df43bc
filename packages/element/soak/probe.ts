/**
 * Test-only instrumentation of the soak page, bundled as a classic script and installed by the
 * runner (`page.evaluateOnNewDocument`) before any script of the page runs. It wraps the timer
 * functions and `addEventListener`/`removeEventListener` of `window` and `document` to keep the
 * set of live ones (with the stack that created each), and answers them through
 * `window.__soakProbe.report()`. It changes no behaviour: every call goes to the original.
 */
import type { LiveListener, LiveTimer, ProbeReport } from './probe-types.js';

const timers = new Map<number, LiveTimer>();
const frames = new Map<number, LiveTimer>();
const idles = new Map<number, LiveTimer>();
const created = { timers: 0, listeners: 0 };

/** The caller's stack, without this file's frame. */
function stack(): string {
  const lines = (new Error().stack ?? '').split('\n');
  // Error, stack(), the wrapper: the caller comes next.
  return lines.slice(3, 15).join('\n');
}

function record(kind: LiveTimer['kind'], delay: unknown): LiveTimer {
  created.timers += 1;
  return { kind, delay: Number(delay) || 0, at: performance.now(), stack: stack() };
}

const original = {
  setTimeout: window.setTimeout.bind(window),
  clearTimeout: window.clearTimeout.bind(window),
  setInterval: window.setInterval.bind(window),
  clearInterval: window.clearInterval.bind(window),
  requestAnimationFrame: window.requestAnimationFrame.bind(window),
  cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
  requestIdleCallback: window.requestIdleCallback.bind(window),
  cancelIdleCallback: window.cancelIdleCallback.bind(window),
  addEventListener: EventTarget.prototype.addEventListener,
  removeEventListener: EventTarget.prototype.removeEventListener,
};

type Callback = (...args: unknown[]) => unknown;

window.setTimeout = function setTimeout(handler: TimerHandler, delay?: number, ...args: unknown[]): number {
  if (typeof handler !== 'function') return original.setTimeout(handler, delay, ...args);
  const live = record('timeout', delay);
  const id: number = original.setTimeout(
    (...values: unknown[]) => {
      timers.delete(id);
      (handler as Callback)(...values);
    },
    delay,
    ...args,
  );
  timers.set(id, live);
  return id;
} as typeof window.setTimeout;

window.setInterval = function setInterval(handler: TimerHandler, delay?: number, ...args: unknown[]): number {
  const id = original.setInterval(handler, delay, ...args);
  timers.set(id, record('interval', delay));
  return id;
} as typeof window.setInterval;

// Timeouts and intervals share one pool of ids: either function clears either kind.
window.clearTimeout = function clearTimeout(id?: number): void {
  if (id !== undefined) timers.delete(id);
  original.clearTimeout(id);
} as typeof window.clearTimeout;
window.clearInterval = function clearInterval(id?: number): void {
  if (id !== undefined) timers.delete(id);
  original.clearInterval(id);
} as typeof window.clearInterval;

window.requestAnimationFrame = function requestAnimationFrame(callback: FrameRequestCallback): number {
  const live = record('animation-frame', 0);
  const id = original.requestAnimationFrame((time) => {
    frames.delete(id);
    callback(time);
  });
  frames.set(id, live);
  return id;
};
window.cancelAnimationFrame = function cancelAnimationFrame(id: number): void {
  frames.delete(id);
  original.cancelAnimationFrame(id);
};

window.requestIdleCallback = function requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
  const live = record('idle-callback', options?.timeout);
  const id = original.requestIdleCallback((deadline) => {
    idles.delete(id);
    callback(deadline);
  }, options);
  idles.set(id, live);
  return id;
};
window.cancelIdleCallback = function cancelIdleCallback(id: number): void {
  idles.delete(id);
  original.cancelIdleCallback(id);
};

interface ListenerRecord extends LiveListener {
  listener: EventListenerOrEventListenerObject;
  eventTarget: EventTarget;
  /** The probe's own `once` listener that retires this record once the listener has fired. */
  retire?: () => void;
}

const listeners: ListenerRecord[] = [];

const watched = (target: unknown): 'window' | 'document' | undefined =>
  target === window ? 'window' : target === document ? 'document' : undefined;

const captureOf = (options: boolean | EventListenerOptions | undefined): boolean =>
  typeof options === 'boolean' ? options : Boolean(options?.capture);

function find(target: EventTarget, type: string, listener: EventListenerOrEventListenerObject, capture: boolean): number {
  return listeners.findIndex((r) => r.eventTarget === target && r.type === type && r.listener === listener && r.capture === capture);
}

function forget(index: number): void {
  const [gone] = listeners.splice(index, 1);
  if (gone?.retire) original.removeEventListener.call(gone.eventTarget, gone.type, gone.retire, gone.capture);
}

EventTarget.prototype.addEventListener = function addEventListener(
  this: EventTarget,
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | AddEventListenerOptions,
): void {
  original.addEventListener.call(this, type, listener, options);
  const target = watched(this);
  if (!target || !listener) return;
  const capture = captureOf(options);
  const signal = typeof options === 'object' ? options.signal : undefined;
  if (signal?.aborted || find(this, type, listener, capture) !== -1) return; // not added, or already there
  created.listeners += 1;
  const entry: ListenerRecord = { target, type, capture, at: performance.now(), stack: stack(), listener, eventTarget: this };
  listeners.push(entry);
  const drop = () => {
    const index = listeners.indexOf(entry);
    if (index !== -1) forget(index);
  };
  if (typeof options === 'object' && options.once) {
    // Added after the page's listener, so it runs right after it: the page's has gone by then.
    entry.retire = drop;
    original.addEventListener.call(this, type, drop, { capture, once: true });
  }
  // `signal` is an AbortSignal, not window or document: this listener is not itself recorded.
  signal?.addEventListener('abort', drop, { once: true });
};

EventTarget.prototype.removeEventListener = function removeEventListener(
  this: EventTarget,
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | EventListenerOptions,
): void {
  original.removeEventListener.call(this, type, listener, options);
  if (!watched(this) || !listener) return;
  const index = find(this, type, listener, captureOf(options));
  if (index !== -1) forget(index);
};

function report(): ProbeReport {
  return {
    timers: [...timers.values(), ...frames.values(), ...idles.values()],
    listeners: listeners.map(({ target, type, capture, at, stack: where }) => ({ target, type, capture, at, stack: where })),
    created: { ...created },
  };
}

Object.defineProperty(window, '__soakProbe', { value: { report }, enumerable: false });
