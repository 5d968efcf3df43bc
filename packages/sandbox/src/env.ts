/** Types shared by the app, its middleware and its routes. */
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { Customer, CustomerStore } from './customers.js';
import type { SandboxProfile } from './profile.js';
import type { RouteId } from './route-ids.js';

export interface SandboxEnv {
  // Absent when the app runs outside the Node server (e.g. `app.request` in a test).
  Bindings: Partial<HttpBindings>;
  Variables: {
    customer: Customer | undefined;
    /** What the request log names the request by. */
    routeLabel: string | undefined;
    dropped: boolean | undefined;
    /** The body of a `patch` fault taken for this request, merged into its answer. */
    patch: Record<string, unknown> | undefined;
  };
}

export type SandboxApp = Hono<SandboxEnv>;
export type SandboxContext = Context<SandboxEnv>;

export interface SandboxDefaults {
  offerTtlSeconds: number;
  pendingPolls: number;
}

/** What every route handler shares. */
export interface Sandbox {
  readonly store: CustomerStore;
  readonly defaults: SandboxDefaults;
  /** How the sandbox answers: with its own conveniences, or only what Vault documents. */
  readonly profile: SandboxProfile;
}

export type { RouteId };
