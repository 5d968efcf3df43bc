/** Injected faults: per customer and route, queued in order, applied before the handler runs. */
import { setTimeout as sleep } from 'node:timers/promises';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import * as z from 'zod/mini';
import type { Customer } from './customers.js';
import { defaultErrorBody, errorResponse } from './errors.js';
import type { SandboxContext } from './env.js';
import { routeIds, type RouteId } from './route-ids.js';

export const faultRequestSchema = z.object({
  route: z.enum(routeIds),
  kind: z.enum(['status', 'latency', 'malformed-json', 'schema-break', 'drop']),
  count: z._default(z.int().check(z.gte(1), z.lte(1000)), 1),
  status: z._default(z.int().check(z.gte(200), z.lte(599)), 500),
  body: z.optional(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])),
  retryAfter: z.optional(z.string().check(z.maxLength(100))),
  latencyMs: z._default(z.int().check(z.gte(0), z.lte(60_000)), 1000),
});

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
      const body = fault.body ?? (fault.status >= 400 ? defaultErrorBody(fault.status) : {});
      return errorResponse(fault.status, body, headers);
    }
    case 'malformed-json':
      return new Response(TRUNCATED_JSON, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    case 'schema-break':
      return c.json({ unexpected: true });
    case 'drop': {
      const socket = c.env.incoming?.socket;
      if (!socket) throw new Error('A dropped connection needs the Node server');
      c.set('dropped', true);
      socket.destroy();
      return RESPONSE_ALREADY_SENT;
    }
  }
}
