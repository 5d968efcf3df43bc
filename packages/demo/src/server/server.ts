/**
 * The demo server: the demo pages, the element's self-contained file and the Vault sandbox, all
 * at one origin. The sandbox's routes (`/v2`, `/v3`, `/oauth`, `/sandbox`) are answered by the
 * sandbox app itself, so the pages call the API same-origin (which a strict CSP needs) and the
 * bank page's address is on the demo origin too.
 */
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { createSandboxApp, testCards, type Logger } from '@payin-checkout/sandbox';
import { demoDist, demoRoot, elementDist } from './build.js';

/** The policy of `csp.html`: everything from this origin, nothing inline. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

export interface DemoOptions {
  /** Port to listen on (default 0: a free port). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** The sandbox's request log (default stderr); `false` turns it off. */
  logger?: Logger | false;
}

export interface RunningDemo {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const SANDBOX_PATHS = /^\/(?:v2|v3|oauth|sandbox)(?:\/|$)/;

/** Where a path of the demo origin is read from: the static pages, the element's dist, Vite's output. */
function fileOf(pathname: string): { file: string; csp: boolean } | undefined {
  if (pathname === '/' || pathname === '/index.html') return { file: join(demoRoot, 'static', 'index.html'), csp: false };
  if (pathname === '/csp.html') return { file: join(demoRoot, 'static', 'csp.html'), csp: true };
  if (pathname === '/payin-checkout.bundle.js' || pathname === '/payin-checkout.bundle.js.map') return { file: join(elementDist, pathname.slice(1)), csp: false };
  // The catalogs other than English, beside the bundle as the element's package ships them.
  if (/^\/locales\/[a-z]{2}\.json$/.test(pathname)) return { file: join(elementDist, pathname.slice(1)), csp: false };
  if (pathname === '/vue.html' || pathname === '/angular.html' || pathname.startsWith('/assets/')) {
    return { file: join(demoDist, normalize(pathname).slice(1)), csp: false };
  }
  // The React pages, built apart (React's development build) into dist/react/.
  if (pathname === '/react.html' || pathname === '/react-element.html' || pathname.startsWith('/react-assets/')) {
    return { file: join(demoDist, 'react', normalize(pathname).slice(1)), csp: false };
  }
  const name = pathname.slice(1);
  if (/^[\w-]+\.(?:css|js|svg)$/.test(name)) return { file: join(demoRoot, 'static', name), csp: false };
  return undefined;
}

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** Starts the sandbox app and the demo pages on one HTTP server. */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const sandbox = createSandboxApp(options.logger === undefined ? {} : { logger: options.logger });
  const cards = JSON.stringify(testCards);

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (SANDBOX_PATHS.test(url.pathname)) return sandbox.fetch(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'GET, HEAD' } });
    // Pages from elsewhere (the sandbox bank page) make the browser ask for one.
    if (url.pathname === '/favicon.ico') return new Response(null, { status: 204 });
    if (url.pathname === '/test-cards.json') return new Response(cards, { headers: { 'content-type': TYPES['.json'] ?? '', 'cache-control': 'no-store' } });
    const target = url.pathname.includes('..') ? undefined : fileOf(url.pathname);
    if (!target) return notFound();
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch {
      return notFound();
    }
    const headers = new Headers({
      'content-type': TYPES[extname(target.file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (target.csp) headers.set('content-security-policy', STRICT_CSP);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { headers });
  };

  const server = createAdaptorServer({ fetch: handle, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
