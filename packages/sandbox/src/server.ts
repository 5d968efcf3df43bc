/** Runs the sandbox app on a real HTTP server. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createSandboxApp, type SandboxAppOptions } from './app.js';

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

const urlHost = (host: string): string => {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
};

/** Starts a sandbox on a real HTTP server. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const app = createSandboxApp(options);
  // Leaves the process's global Request/Response alone: tests share the process with clients.
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
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
