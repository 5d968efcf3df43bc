/** The sandbox's Hono app: middleware, routes, and Vault-format answers for every failure. */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { CustomerStore } from './customers.js';
import type { Sandbox, SandboxApp, SandboxContext, SandboxEnv } from './env.js';
import { COMMON_MESSAGE, VaultError, errorBody, errorResponse, vaultError } from './errors.js';
import { patchAnswers } from './faults.js';
import { authenticate } from './guard.js';
import { requestLog, stderrLogger, type Logger } from './log.js';
import { refusalAnswer, sandboxProfile, type ProfileName } from './profile.js';
import { registerBankRoutes } from './routes/bank.js';
import { registerCardRoutes } from './routes/cards.js';
import { registerCatalogRoutes } from './routes/catalog.js';
import { registerControlRoutes } from './routes/controls.js';
import { registerCustomerRoutes } from './routes/customer.js';
import { registerMarketRoutes } from './routes/market.js';
import { registerOfferRoutes } from './routes/offers.js';
import { registerOauthRoutes } from './routes/oauth.js';
import { registerPayRoutes } from './routes/pay.js';

export interface SandboxAppOptions {
  /** How long offers stay valid, in seconds (default 20, as Vault documents). */
  offerTtlSeconds?: number;
  /** Status checks a pending-then-success card answers PENDING before SUCCESS (default 2). */
  pendingPolls?: number;
  /** Receives one line per request (default: stderr); `false` turns logging off. */
  logger?: Logger | false;
  /**
   * `default`: the sandbox's own error codes and words besides Vault's; `documented`: only what
   * Vault's reference documents (every refusal its one 400 `COMMON` error, no refresh grant).
   */
  profile?: ProfileName;
}

const AUTHENTICATED = ['/v1/*', '/v2/*', '/v3/*', '/sandbox/counters', '/sandbox/faults', '/sandbox/settings', '/sandbox/kyc', '/sandbox/catalog'];

/** Longest request target (path and query) answered: 8 KiB, far beyond any PayIn request. */
export const MAX_TARGET_LENGTH = 8 * 1024;

function wholeNumber(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer of at least ${min}`);
  return value;
}

const matches = (pattern: string, path: string): boolean => {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((part, i) => part.startsWith(':') || part === got[i]);
};

/** The methods the app's routes answer at this path (for 405 instead of 404). */
function allowedMethods(app: SandboxApp, path: string): string[] {
  const routes = app.routes.filter((route) => route.method !== 'ALL' && matches(route.path, path));
  return [...new Set(routes.map((route) => route.method))];
}

function notFoundOrWrongMethod(app: SandboxApp, c: SandboxContext): Response {
  const allowed = allowedMethods(app, c.req.path);
  if (allowed.length > 0) {
    return errorResponse(405, errorBody('METHOD_NOT_ALLOWED', `This address does not accept ${c.req.method} requests.`), {
      allow: allowed.join(', '),
    });
  }
  return errorResponse(404, errorBody('NOT_FOUND', 'Nothing was found at this address.'));
}

/** Creates the sandbox app (with its own, empty, customer store). */
export function createSandboxApp(options: SandboxAppOptions = {}): SandboxApp {
  const sandbox: Sandbox = {
    store: new CustomerStore(),
    defaults: {
      offerTtlSeconds: wholeNumber(options.offerTtlSeconds, 20, 'offerTtlSeconds', 1),
      pendingPolls: wholeNumber(options.pendingPolls, 2, 'pendingPolls', 0),
    },
    profile: sandboxProfile(options.profile),
  };
  const log: Logger = options.logger === false ? () => {} : (options.logger ?? stderrLogger);
  const app: SandboxApp = new Hono<SandboxEnv>();

  app.use('*', requestLog(log));
  app.use(
    '*',
    cors({
      origin: '*',
      // Any header the page asks to send (Authorization, Content-Type, X-Merchant-ID, a host's own).
      allowHeaders: [],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('*', async (c, next) => {
    const target = c.req.url.length - new URL(c.req.url).origin.length;
    if (target > MAX_TARGET_LENGTH) throw vaultError(414, 'URI_TOO_LONG', 'The request address is too long.');
    return next();
  });
  app.use('*', patchAnswers());
  for (const path of AUTHENTICATED) app.use(path, authenticate(sandbox.store));

  registerOauthRoutes(app, sandbox);
  registerCustomerRoutes(app);
  registerCatalogRoutes(app);
  registerCardRoutes(app, sandbox);
  registerMarketRoutes(app);
  registerOfferRoutes(app, sandbox);
  registerPayRoutes(app, sandbox);
  registerBankRoutes(app, sandbox);
  registerControlRoutes(app, sandbox);

  app.notFound((c) => notFoundOrWrongMethod(app, c));
  app.onError((error, c) => {
    // Only the error's kind: messages can quote request data.
    if (!(error instanceof VaultError)) log(`error ${error.name}`);
    const refusal = error instanceof VaultError ? error : new VaultError(500, errorBody('COMMON', COMMON_MESSAGE));
    return refusalAnswer(sandbox.profile, c.req.path, refusal);
  });
  return app;
}
