// PostgreSQL lost while serving, and absent at start. The database is taken away through a TCP proxy
// (every connection dropped, new ones refused), which is what the endpoint sees when PostgreSQL
// restarts, without stopping the server every other test shares.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse, Problem, Readiness } from '../../lib/contract/index.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDatabase, dropTestDatabase, postgresUrl, testEngine } from '../support/test-database.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DANA = 'dana.lee@acme-robotics.com';

// It needs PostgreSQL whichever engine the project tests; once is enough.
describe.skipIf(testEngine() === 'postgres')('PostgreSQL lost while serving', () => {
  let database: string;
  let proxy: TcpProxy;
  let store: Store;
  let server: RunningServer;
  let rep: string;
  const logs: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    const url = new URL(postgresUrl(database));
    url.port = String(proxy.port);
    store = await openStore(url.toString());
    await seedDemo(store);
    rep = (await store.tokens.create('rep', 'Rep', new Date().toISOString())).token;
    server = await startServer(store, { port: 0, logger: { info: () => {}, error: (l) => logs.push(l) } });
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await proxy?.close();
    if (database) await dropTestDatabase(database);
  });

  const lookup = () =>
    fetch(`${server.url}/v1/context/lookup`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rep}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ leads: [{ email: DANA }] }),
    });

  it('answers 503 with Retry-After while the database is gone, stays up, and recovers when it returns', async () => {
    expect((await lookup()).status).toBe(200);
    expect(Readiness.parse(await (await fetch(`${server.url}/readyz`)).json()).database).toBe('postgres');

    await proxy.cut();
    const refused = await lookup();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const problem = Problem.parse(await refused.json());
    expect(problem.detail).toMatch(/database is not answering/);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('Retry-After')).toBeTruthy();
    // The process itself is alive: the load balancer's liveness probe does not restart it.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await proxy.restore();
    // Pooled connections that died are replaced on the next request; wait on what a rep sees.
    await expect.poll(async () => (await lookup()).status, { timeout: 10_000, interval: 100 }).toBe(200);
    const [result] = LookupResponse.parse(await (await lookup()).json()).results;
    expect(result?.found).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 30_000);
});

describe.skipIf(testEngine() === 'postgres')('PostgreSQL absent at start', () => {
  it('`serve` says so in one line and exits 1', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    await proxy.close(); // a port nothing listens on
    const url = `postgres://root@127.0.0.1:${proxy.port}/coalface`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--db', url], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^PostgreSQL at postgres://root@127\\.0\\.0\\.1:${proxy.port}/coalface cannot be used: ECONNREFUSED`),
    );
  }, 30_000);
});
