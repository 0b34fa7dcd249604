import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { z } from 'zod';
import { type LeadContext, LookupResponse, Problem, type Role, TalkingPoint } from '../../lib/contract/index.ts';
import type { AppOptions } from '../../server/app.ts';
import type { Logger } from '../../server/log.ts';
import { startServer } from '../../server/serve.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'coalface-test-'));
}

export interface TestServer {
  url: string;
  store: Store;
  /** Where its database is (a SQLite path or a postgres:// URL), for a second connection (as the CLI would). */
  target: string;
  dir: string;
  tokens: Record<Role, string>;
  logs: string[];
  request(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real app on a real port with a fresh database on the engine under test (a SQLite file in a
 * fresh temp dir, or a fresh PostgreSQL schema); logs captured.
 */
export async function startTestServer(options: Omit<AppOptions, 'logger'> = {}): Promise<TestServer> {
  const dir = tempDir();
  const target = await freshDbTarget(dir);
  const store = await openStore(target);
  const logs: string[] = [];
  const logger: Logger = { info: (l) => logs.push(l), error: (l) => logs.push(l) };
  const server = await startServer(store, { port: 0, logger, ...options });
  const now = new Date().toISOString();
  const tokens = {
    rep: (await store.tokens.create('rep', 'Test rep', now)).token,
    manager: (await store.tokens.create('manager', 'Test manager', now)).token,
    marketer: (await store.tokens.create('marketer', 'Test marketer', now)).token,
    admin: (await store.tokens.create('admin', 'Test admin', now)).token,
  };
  return {
    url: server.url,
    store,
    target,
    dir,
    tokens,
    logs,
    request(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['Content-Type'] ??= 'application/json';
      }
      return fetch(`${server.url}${path}`, { method, headers, body });
    },
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const daysAgo = (days: number, from = Date.now()) => new Date(from - days * 86_400_000).toISOString();

/** Asserts an RFC 9457 problem with this status and a real `detail`, and returns it. */
export async function expectProblem(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = Problem.parse(await res.json());
  expect(body.status).toBe(status);
  expect(body.detail.length).toBeGreaterThan(10);
  return body;
}

/** Reads the body and checks it against the contract schema. */
export async function read<S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.output<S>> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return schema.parse(JSON.parse(text));
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What a rep is shown for `email`; throws when the endpoint knows no such lead. */
export async function leadContext(server: TestServer, email: string): Promise<LeadContext> {
  const body = { leads: [{ email }] };
  const res = await server.request('POST', '/v1/context/lookup', { token: server.tokens.rep, body });
  const [result] = (await read(res, LookupResponse)).results;
  if (!result?.found) throw new Error(`${email} not found`);
  return result.context;
}

/** A live talking point for the Finance persona, priority 3, as a marketer publishes it. */
export async function liveFinancePoint(server: TestServer, title: string): Promise<TalkingPoint> {
  const body = { title, body: 'b', status: 'live', audience: { personas: ['Finance'] } };
  return read(
    await server.request('POST', '/v1/talking-points', { token: server.tokens.marketer, body }),
    TalkingPoint,
    201,
  );
}

/** Another token of the role, as a second rep would have. */
export async function extraToken(server: TestServer, role: Role, name: string): Promise<string> {
  return (await server.store.tokens.create(role, name, new Date().toISOString())).token;
}

export const demoMessage = {
  headline: 'Cut cloud spend 30%',
  pitch: 'Find idle capacity and unused commitments.',
  proofPoints: ['Customers save 28% in 90 days'],
  cta: { label: 'Book a review', url: 'https://example.com/review' },
};
