/**
 * Injected faults: per customer and route, queued in order, applied before the handler runs
 * (a `patch` is taken then too, and rewrites the handler's answer afterwards).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { MiddlewareHandler } from 'hono';
import * as z from 'zod/mini';
import type { Customer } from './customers.js';
import { defaultErrorBody, errorResponse } from './errors.js';
import type { SandboxContext, SandboxEnv } from './env.js';
import { routeIds, type RouteId } from './route-ids.js';

/** Longest injected latency: three minutes, so a bank answering pay after more than a minute can be played. */
export const MAX_LATENCY_MS = 180_000;

type JsonObject = Record<string, unknown>;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const faultRequestSchema = z
  .object({
    route: z.enum(routeIds),
    kind: z.enum(['status', 'latency', 'malformed-json', 'schema-break', 'drop', 'patch']),
    count: z._default(z.int().check(z.gte(1), z.lte(1000)), 1),
    status: z._default(z.int().check(z.gte(200), z.lte(599)), 500),
    body: z.optional(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])),
    /** A body that is not JSON (an HTML page, plain text), sent as `text/plain` unless `contentType` says otherwise. */
    text: z.optional(z.string().check(z.maxLength(64 * 1024))),
    contentType: z.optional(z.string().check(z.maxLength(200))),
    retryAfter: z.optional(z.string().check(z.maxLength(100))),
    latencyMs: z._default(z.int().check(z.gte(0), z.lte(MAX_LATENCY_MS)), 1000),
  })
  .check(
    // A patch is merged into an answer object: it must be an object itself.
    z.refine((fault) => fault.kind !== 'patch' || isJsonObject(fault.body), { path: ['body'] }),
  );

/** A fault as `POST /sandbox/faults` takes it. */
export type FaultRequest = z.input<typeof faultRequestSchema>;
type QueuedFault = z.output<typeof faultRequestSchema>;

export interface Fault {
  readonly request: QueuedFault;
  remaining: number;
}

/** Queues a fault for the next `count` requests of its route. */
export function addFault(customer: Customer, request: QueuedFault): void {
  const queue = customer.faults.get(request.route) ?? [];
  queue.push({ request, remaining: request.count });
  customer.faults.set(request.route, queue);
}

function takeFault(customer: Customer, route: RouteId): QueuedFault | undefined {
  const queue = customer.faults.get(route);
  const fault = queue?.[0];
  if (!queue || !fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) queue.shift();
  return fault.request;
}

// Cut mid-string, as a connection closed mid-answer would leave it.
const TRUNCATED_JSON = '{"offerId":7402,"expirationTime":"2024-03-12T07:5';
const NO_BODY_STATUSES = [204, 205, 304];

/**
 * Applies the next queued fault of the route, if any: answers instead of the handler, or
 * (for latency) waits and lets the handler answer.
 */
export async function applyFault(c: SandboxContext, customer: Customer, route: RouteId): Promise<Response | undefined> {
  const fault = takeFault(customer, route);
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'latency':
      // Unreferenced, so a pending delay never keeps a closing process alive.
      await sleep(fault.latencyMs, undefined, { ref: false });
      return undefined;
    case 'status': {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
      if (NO_BODY_STATUSES.includes(fault.status)) return new Response(null, { status: fault.status, headers });
      if (fault.text !== undefined) {
        return new Response(fault.text, { status: fault.status, headers: { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', ...headers } });
      }
      const body = fault.body ?? (fault.status >= 400 ? defaultErrorBody(fault.status) : {});
      return errorResponse(fault.status, body, headers);
    }
    case 'malformed-json':
      return new Response(TRUNCATED_JSON, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    case 'schema-break':
      return c.json({ unexpected: true });
    case 'patch':
      if (isJsonObject(fault.body)) c.set('patch', fault.body);
      return undefined;
    case 'drop': {
      const socket = c.env.incoming?.socket;
      if (!socket) throw new Error('A dropped connection needs the Node server');
      c.set('dropped', true);
      socket.destroy();
      return RESPONSE_ALREADY_SENT;
    }
  }
}

/**
 * `patch` merged into `answer`: objects key by key (recursively), anything else (arrays, scalars,
 * null) replaced by the patch's value.
 */
export function deepMerge(answer: unknown, patch: unknown): unknown {
  if (!isJsonObject(answer) || !isJsonObject(patch)) return patch;
  const merged: JsonObject = { ...answer };
  for (const [key, value] of Object.entries(patch)) {
    // Defined rather than assigned, so a `__proto__` key stays an ordinary field.
    Object.defineProperty(merged, key, {
      value: deepMerge(Object.hasOwn(answer, key) ? answer[key] : undefined, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/**
 * Applies a `patch` fault taken for this request: its body is deep-merged into the JSON answer the
 * handler produced, whatever its status. An answer without a JSON body is left as it is.
 */
export function patchAnswers(): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    await next();
    const patch = c.get('patch');
    if (patch === undefined || c.get('dropped')) return;
    const answer = c.res;
    if (!/^application\/json/i.test(answer.headers.get('content-type') ?? '')) return;
    const text = await answer.text();
    let patched = text;
    try {
      patched = JSON.stringify(deepMerge(JSON.parse(text), patch));
    } catch {
      // Not JSON after all: sent as it was.
    }
    const headers = new Headers(answer.headers);
    headers.delete('content-length');
    // Cleared first, so the new answer does not inherit the old one's headers.
    c.res = undefined;
    c.res = new Response(patched, { status: answer.status, headers });
  };
}
