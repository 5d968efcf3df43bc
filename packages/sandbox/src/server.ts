/** Runs the sandbox app on a real HTTP server. */
import { STATUS_CODES, createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { createSandboxApp, type SandboxAppOptions } from './app.js';
import { COMMON_MESSAGE, errorBody } from './errors.js';
import { stderrLogger, type Logger } from './log.js';

export interface SandboxOptions extends SandboxAppOptions {
  /** Port to listen on (default 0: a free port). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
}

export interface RunningSandbox {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:54321`. */
  url: string;
  port: number;
  /** Stops listening and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}

/**
 * Largest request head (request line and headers) read: 64 KiB. Room for an overlong address to
 * reach the app, which refuses it with a 414; anything larger is refused by the parser (431).
 */
const MAX_HEAD_BYTES = 64 * 1024;

/** Methods the sandbox serves anywhere (the `Allow` of a method it cannot even read). */
const SERVED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** Node's parser errors, as the Vault error answered for them (anything else: 400). */
const UNREADABLE: Readonly<Record<string, [number, string, string]>> = {
  HPE_INVALID_METHOD: [405, 'METHOD_NOT_ALLOWED', 'This request method is not supported.'],
  HPE_HEADER_OVERFLOW: [431, 'REQUEST_HEADERS_TOO_LARGE', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.'],
};

/** Time a refused connection gets to take its answer before it is closed. */
const UNREADABLE_LINGER_MS = 1_000;

/** Answers a request Node's HTTP parser refused, in Vault's error format, and closes the connection. */
function answerUnreadable(error: NodeJS.ErrnoException, socket: Duplex, log: Logger): void {
  // Never write into an answer already under way, nor to a connection that is gone.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, message] = UNREADABLE[error.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request could not be read.'];
  const body = JSON.stringify(errorBody(code, message));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    ...(status === 405 ? [`allow: ${SERVED_METHODS}`] : []),
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), UNREADABLE_LINGER_MS).unref();
  // Only the status: the request could not be read, and its bytes may hold anything.
  log(`- unreadable ${status}`);
}

/** Answers a request the adapter could not turn into a fetch `Request` (no or a bad Host, a bad target). */
function unusableRequest(error: unknown): Response {
  const [status, body] =
    error instanceof Error && error.name === 'RequestError'
      ? [400, errorBody('BAD_REQUEST', 'The request could not be read.')]
      : [500, errorBody('COMMON', COMMON_MESSAGE)];
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

const urlHost = (host: string): string => {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
};

/** Starts a sandbox on a real HTTP server. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const app = createSandboxApp(options);
  const log: Logger = options.logger === false ? () => {} : (options.logger ?? stderrLogger);
  // Leaves the process's global Request/Response alone: tests share the process with clients.
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false, errorHandler: unusableRequest });
  // A request without Host reaches the listener, which answers it in Vault's format.
  const server: Server = createServer({ maxHeaderSize: MAX_HEAD_BYTES, requireHostHeader: false }, listener);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerUnreadable(error, socket, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
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
