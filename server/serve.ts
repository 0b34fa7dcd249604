import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.ts';
import type { Store } from './store/index.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function urlFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Serves the app on host:port (port 0 picks a free one) and resolves once it is listening. */
export function startServer(
  store: Store,
  { host = '127.0.0.1', port = 8787, ...options }: AppOptions & { host?: string; port?: number } = {},
): Promise<RunningServer> {
  const app = createApp(store, options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      resolve({
        url: urlFor(host, info.port),
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
