import { rmSync } from 'node:fs';
import type { Role } from '../../lib/contract/index.ts';
import type { Operation } from '../../lib/contract/routes.ts';
import type { AppOptions } from '../../server/app.ts';
import type { Logger } from '../../server/log.ts';
import { honoPath } from '../../server/router/match.ts';
import { startServer } from '../../server/serve.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

export type Caller = Role | 'none' | 'revoked';
export const CALLERS: readonly Caller[] = ['none', 'revoked', 'rep', 'manager', 'marketer', 'admin'];

export interface HardenedServer {
  url: string;
  store: Store;
  /** Where its database is (a SQLite path or a postgres:// URL). */
  target: string;
  tokens: Record<Role | 'revoked', string>;
  logs: string[];
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on a real port and a fresh database on the engine under test, with app options (rate limit, proxy) and a revoked token. */
export async function startHardened(options: Omit<AppOptions, 'logger'> = {}): Promise<HardenedServer> {
  const dir = tempDir();
  const target = await freshDbTarget(dir);
  const store = await openStore(target);
  const logs: string[] = [];
  const logger: Logger = { info: (l) => logs.push(l), error: (l) => logs.push(l) };
  const server = await startServer(store, { port: 0, logger, ...options });
  const now = new Date().toISOString();
  const revoked = await store.tokens.create('admin', 'Revoked admin', now);
  await store.tokens.revoke(revoked.id, now);
  const tokens = {
    rep: (await store.tokens.create('rep', 'Rep', now)).token,
    manager: (await store.tokens.create('manager', 'Manager', now)).token,
    marketer: (await store.tokens.create('marketer', 'Marketer', now)).token,
    admin: (await store.tokens.create('admin', 'Admin', now)).token,
    revoked: revoked.token,
  };
  return {
    url: server.url,
    store,
    target,
    tokens,
    logs,
    fetch(path, { token, headers, ...init } = {}) {
      const h = new Headers(headers);
      if (token) h.set('Authorization', `Bearer ${token}`);
      return fetch(`${server.url}${path}`, { ...init, headers: h });
    },
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The operation's path with its sample parameter values. */
export function samplePath(op: Operation): string {
  let path = op.path;
  for (const [name, p] of Object.entries(op.params ?? {}))
    path = path.replace(`{${name}}`, encodeURIComponent(p.example));
  return path;
}

/** Sends a request and reads (or, for a stream, cancels) the body, so no connection is left open. */
export async function send(
  s: HardenedServer,
  op: Operation,
  init: { token?: string; body?: string; contentType?: string; query?: string; path?: string } = {},
): Promise<{ status: number; type: string | null; text: string }> {
  const headers: Record<string, string> = {};
  if (init.contentType !== undefined) headers['Content-Type'] = init.contentType;
  const controller = new AbortController();
  const res = await s.fetch(`${init.path ?? samplePath(op)}${init.query ?? ''}`, {
    method: op.method.toUpperCase(),
    headers,
    ...(init.token ? { token: init.token } : {}),
    ...(init.body !== undefined && op.method !== 'get' ? { body: init.body } : {}),
    signal: controller.signal,
  });
  const type = res.headers.get('content-type');
  if (type?.startsWith('text/event-stream')) {
    controller.abort();
    return { status: res.status, type, text: '' };
  }
  return { status: res.status, type, text: await res.text() };
}

export const label = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

/** Registered routes of a Hono app as `METHOD /openapi/{path}`, middleware (`ALL`, `*`) left out. */
export function registeredRoutes(routes: readonly { method: string; path: string }[]): Set<string> {
  const out = new Set<string>();
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const path = r.path.length > 1 ? r.path.replace(/\/$/, '') : r.path;
    out.add(`${r.method} ${path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  }
  return out;
}

export { honoPath };
