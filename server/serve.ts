import cluster from 'node:cluster';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.ts';
import { createLifecycle } from './lifecycle.ts';
import { stderrLogger } from './log.ts';
import { startInboxMapper } from './sources/inbox-mapper.ts';
import type { Store } from './store/index.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops at once: every connection is closed. */
  close(): Promise<void>;
  /**
   * Stops gracefully (SIGTERM): `/readyz` answers 503, no new connection is accepted, open streams
   * are told to reconnect elsewhere and end, requests in flight finish, the inbox mapper finishes the
   * batch in hand (the rest stays in the inbox for any instance's mapper); connections still open
   * after `graceMs` are closed.
   */
  drain(graceMs?: number): Promise<void>;
}

export function urlFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Serves the app on host:port (port 0 picks a free one) and resolves once it is listening. */
export function startServer(
  store: Store,
  { host = '127.0.0.1', port = 8787, ...options }: AppOptions & { host?: string; port?: number } = {},
): Promise<RunningServer> {
  const lifecycle = options.lifecycle ?? createLifecycle();
  // Maps what pushed sources wrote to the inbox, behind their answers; stops when draining starts.
  const inbox = startInboxMapper(store, {
    now: () => (options.clock ?? (() => new Date()))().toISOString(),
    logger: options.logger ?? stderrLogger,
    signal: lifecycle.signal,
  });
  const app = createApp(store, { ...options, lifecycle, inbox });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const closeAll = () => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      };
      resolve({
        url: urlFor(host, info.port),
        port: info.port,
        close: async () => {
          await new Promise<void>((done) => {
            lifecycle.startDraining();
            server.close(() => done());
            closeAll();
          });
          await inbox.stop();
        },
        drain: async (graceMs = 8_000) => {
          await new Promise<void>((done) => {
            lifecycle.startDraining();
            const force = setTimeout(closeAll, graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          });
          await inbox.stop();
        },
      });
    });
    server.once('error', reject);
  });
}

/** Asks the OS for a free port on `host` (so that every worker can be given the same one). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Default worker count: one per CPU, at least 2 (where there are 2) and at most 4. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Messages a worker sends its primary. */
export type WorkerMessage =
  | { type: 'coalface:listening'; url: string }
  | { type: 'coalface:listen-failed'; code: string; message: string };

export interface ClusterOptions {
  host: string;
  port: number;
  workers: number;
  /** Environment variable that tells a worker which port to listen on. */
  portEnv: string;
  onListening(url: string): void;
  onListenFailed(code: string, message: string): void;
  log(line: string): void;
}

/**
 * The primary of `serve --workers N`: forks N copies of this same command (node:cluster), which
 * share one listening socket (connections are handed out round-robin). With `--port 0` the primary
 * asks for a free port first so every worker listens on the same one. `onListening` is called once,
 * after every worker listens. A worker that dies later is replaced; SIGTERM/SIGINT stop the workers
 * and then the primary. If the primary is killed, workers exit when their IPC channel closes.
 */
export async function runPrimary(options: ClusterOptions): Promise<void> {
  const port = options.port === 0 ? await freePort(options.host) : options.port;
  const env = { [options.portEnv]: String(port) };
  let listening = 0;
  let started = false;
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork(env);
    worker.on('message', (message: WorkerMessage) => {
      if (message?.type === 'coalface:listening' && !started) {
        listening++;
        if (listening === options.workers) {
          started = true;
          options.onListening(message.url);
        }
      } else if (message?.type === 'coalface:listen-failed' && !stopping) {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        options.onListenFailed(message.code, message.message);
      }
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!started) {
      stopping = true;
      options.log(`Coalface worker ${worker.process.pid} exited during start-up (${signal ?? code}); stopping.`);
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    options.log(`Coalface worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const w of alive) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < options.workers; i++) fork();
}
