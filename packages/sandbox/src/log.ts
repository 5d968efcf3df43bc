/** One log line per request: method, route, status, duration. Never bodies, queries, tokens or card data. */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './env.js';

export type Logger = (line: string) => void;

/** Writes each line to stderr. */
export const stderrLogger: Logger = (line) => {
  process.stderr.write(`${line}\n`);
};

// An unknown path is the caller's text: long digit runs could be a card number typed into a URL.
const safePath = (path: string): string => path.replace(/\d{6,}/g, '…').slice(0, 200);

/** Logs every request once it is answered. */
export function requestLog(log: Logger): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const label = c.get('routeLabel') ?? safePath(c.req.path);
    const status = c.get('dropped') ? 'dropped' : String(c.res.status);
    log(`${c.req.method} ${label} ${status} ${Math.round(performance.now() - started)}ms`);
  };
}
