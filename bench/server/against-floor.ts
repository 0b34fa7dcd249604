import { join } from 'node:path';
import { spawnServer } from '../support/server-process.ts';
import { DATA_DIR } from './build.ts';
import { cpuBetween, withDescendants } from './proc-cpu.ts';
import { type LoadResult, load } from './run-load.ts';

export interface Measured extends LoadResult {
  /** Server CPU per request, µs (user + system of the one worker, over the load's window). */
  cpuMicros: number;
}

export interface AgainstFloor {
  /** The authenticated no-op `GET /v1/me`: HTTP, framing, authentication, no database beyond the token. */
  me: Measured;
  zipf: Measured;
  uniform: Measured;
}

/**
 * One `serve --workers 1` on `file` (rate limits off), loaded at `connections` from the load generator
 * on the other core: first the floor (`GET /v1/me`), then one-lead lookups drawn Zipf-like (after a
 * warm-up, as a running endpoint is) and uniformly (every lead alike: the cold case).
 */
export async function againstFloor(options: {
  file: string;
  token: string;
  leads: number;
  connections: number;
  duration: number;
}): Promise<AgainstFloor> {
  const server = await spawnServer(options.file, join(DATA_DIR, 'bench-floor-server.log'), [
    '--rate-limit',
    'off',
    '--workers',
    '1',
  ]);
  try {
    const pids = withDescendants(server.child.pid ?? 0);
    const base = { url: server.url, token: options.token, leads: options.leads, connections: options.connections };
    const measure = async (extra: Record<string, unknown>): Promise<Measured> => {
      const r = await load({ ...base, duration: options.duration, cpu: true, ...extra });
      const used = r.cpu ? cpuBetween(r.cpu.before, r.cpu.after, { server: pids }) : null;
      const serverSeconds = used ? (used.cores.server ?? 0) * used.seconds : 0;
      return { ...r, cpuMicros: r.total > 0 ? (serverSeconds / r.total) * 1e6 : 0 };
    };
    await load({ ...base, mode: 'me', duration: 2 });
    const me = await measure({ mode: 'me' });
    await load({ ...base, mode: 'lookup', distribution: 'zipf', duration: Math.min(5, options.duration) });
    const zipf = await measure({ mode: 'lookup', distribution: 'zipf' });
    const uniform = await measure({ mode: 'lookup', distribution: 'uniform' });
    return { me, zipf, uniform };
  } finally {
    server.child.kill('SIGTERM');
  }
}
