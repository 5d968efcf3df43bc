/**
 * The demo server: the demo pages, the element's self-contained file and the Vault sandbox, all
 * at one origin. The sandbox's routes (`/v2`, `/v3`, `/oauth`, `/sandbox`) are answered by the
 * sandbox app itself, so the pages call the API same-origin (which a strict CSP needs) and the
 * bank page's address is on the demo origin too.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { createAdaptorServer } from '@hono/node-server';
import { createSandboxApp, testCards, type Logger, type SandboxAppOptions } from '@payin-checkout/sandbox';
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
  /**
   * How the embedded sandbox answers (default `default`): `default` with its own error codes and
   * words, `documented` with only what Vault's reference documents (every refusal its 400 `COMMON`).
   */
  profile?: SandboxProfile;
}

/** The sandbox's profiles, as `startDemo` and `npm start -- --profile` take them. */
export type SandboxProfile = NonNullable<SandboxAppOptions['profile']>;

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

/** Types worth compressing: text. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.map', '.json', '.svg']);

/**
 * Files whose name carries a hash of their content (Vite's output): a CDN and the browser may
 * keep them for a year without asking again. Everything else (the pages, the element's bundle
 * under its fixed name, the catalogs, the demo's own files) is revalidated on every use.
 */
const CONTENT_ADDRESSED = /^\/(?:assets|react-assets)\/[\w.-]+-[\w-]{8}\.(?:js|css|map)$/;

/** The Cache-Control of a static file of the demo origin. */
export const cacheControlFor = (pathname: string): string =>
  CONTENT_ADDRESSED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';

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

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to answer with, from the request's Accept-Encoding: brotli, then gzip, when the
 * client accepts it (an absent q or q > 0, `*` included); identity otherwise.
 */
export function negotiateEncoding(header: string | null): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q) || 0);
  }
  const quality = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  const br = quality('br');
  const gzip = quality('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

interface Variants {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  encoded: Map<Exclude<Encoding, 'identity'>, Uint8Array<ArrayBuffer>>;
}

/** A file's bytes, its ETag and its compressed forms, kept while the file does not change. */
const variantsCache = new Map<string, { version: string; variants: Variants }>();

async function variantsOf(file: string, compressible: boolean): Promise<Variants> {
  const { mtimeMs, size } = await stat(file);
  const version = `${mtimeMs}:${size}`;
  const cached = variantsCache.get(file);
  if (cached?.version === version) return cached.variants;
  const body = new Uint8Array(await readFile(file));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const encoded = new Map<Exclude<Encoding, 'identity'>, Uint8Array<ArrayBuffer>>();
  if (compressible && body.length > 0) {
    // The best compression for what a page loads first; large development builds (React's) quicker.
    const quality = body.length <= 512 * 1024 ? zlib.BROTLI_MAX_QUALITY : 5;
    const br = brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gzip = gzipSync(body, { level: 9 });
    if (br.length < body.length) encoded.set('br', new Uint8Array(br));
    if (gzip.length < body.length) encoded.set('gzip', new Uint8Array(gzip));
  }
  const variants = { body, etag, encoded };
  variantsCache.set(file, { version, variants });
  return variants;
}

/** The ETag of one encoding of a file: each representation has its own (`"…-br"`). */
const etagFor = (etag: string, encoding: Encoding) => (encoding === 'identity' ? etag : `${etag.slice(0, -1)}-${encoding}"`);

/** Whether If-None-Match names this file, in any of its encodings (weak comparison). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.slice(1, -1);
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    if (value === '*') return true;
    return value.replace(/^"|"$/g, '').replace(/-(?:br|gzip)$/, '') === bare;
  });
}

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** Starts the sandbox app and the demo pages on one HTTP server. */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const sandbox = createSandboxApp({
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
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
    const type = extname(target.file);
    const compressible = COMPRESSIBLE.has(type);
    let variants: Variants;
    try {
      variants = await variantsOf(target.file, compressible);
    } catch {
      return notFound();
    }
    const headers = new Headers({
      'content-type': TYPES[type] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(url.pathname),
      'x-content-type-options': 'nosniff',
    });
    if (compressible) headers.set('vary', 'Accept-Encoding');
    if (target.csp) headers.set('content-security-policy', STRICT_CSP);
    const wanted = compressible ? negotiateEncoding(request.headers.get('accept-encoding')) : 'identity';
    const encoding = wanted !== 'identity' && variants.encoded.has(wanted) ? wanted : 'identity';
    headers.set('etag', etagFor(variants.etag, encoding));
    if (matches(request.headers.get('if-none-match'), variants.etag)) return new Response(null, { status: 304, headers });
    const body = encoding === 'identity' ? variants.body : (variants.encoded.get(encoding) ?? variants.body);
    if (encoding !== 'identity') headers.set('content-encoding', encoding);
    headers.set('content-length', String(body.length));
    return new Response(request.method === 'HEAD' ? null : body, { headers });
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
