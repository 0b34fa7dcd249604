import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { prepareRequest } from '../../lib/client/request.ts';
import type { FeedbackInput } from '../../lib/contract/feedback.ts';
import type { LookupRequest } from '../../lib/contract/lookup.ts';
import { routes } from '../../lib/contract/routes.ts';
import { benchEmail, sha256 } from './dataset.ts';
import { cpuSnapshot } from './proc-cpu.ts';

/**
 * The load generator, run as its own process so it does not share an event loop with the server.
 * Usage: tsx bench/server/load.ts '<json options>'; prints one JSON line with the figures.
 */
interface LoadOptions {
  /** Several URLs: connection i goes to url[i % n] (autocannon's round-robin), one histogram for all. */
  url: string | string[];
  token: string;
  /** `me`: the authenticated no-op (`GET /v1/me`), the floor a lookup is measured against. */
  mode: 'lookup' | 'feedback' | 'me';
  /**
   * Which leads a lookup asks for: `zipf` (default) as real inboxes do, a few leads very often
   * (lead of rank r with probability ∝ 1/r, ranks scattered over the ids), or `uniform`, every lead
   * alike (the cold case).
   */
  distribution?: 'zipf' | 'uniform';
  leads: number;
  connections: number;
  duration?: number;
  amount?: number;
  pointIds?: string[];
  /** Snapshot every process's CPU time (/proc) just before and just after the load. */
  cpu?: boolean;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
let seed = 987_654_321;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed;
};

/** A large prime: rank r maps to lead (r × SCATTER) mod n, so hot leads are spread over the table. */
const SCATTER = 2_654_435_761;

function pickLead(): number {
  const n = options.leads;
  if (options.distribution === 'uniform') return next() % n;
  // Log-uniform rank in [1, n]: the continuous form of Zipf's law with exponent 1.
  const u = next() / 2147483648;
  const rank = Math.min(n, Math.floor(Math.exp(u * Math.log(n + 1)))) - 1;
  return Number((BigInt(Math.max(0, rank)) * BigInt(SCATTER)) % BigInt(n));
}

function body(): LookupRequest | FeedbackInput | undefined {
  if (options.mode === 'me') return undefined;
  if (options.mode === 'lookup') return { leads: [{ email: benchEmail(pickLead()) }] };
  const points = options.pointIds ?? [];
  return {
    id: randomUUID(),
    target: { kind: 'talkingPoint', id: points[next() % points.length] ?? '' },
    verdict: next() % 3 === 0 ? 'didnt_land' : 'landed',
    reason: 'not_relevant',
    lead: { emailHash: sha256(benchEmail(next() % options.leads)) },
    occurredAt: new Date().toISOString(),
  };
}

// Method, path and headers as the typed client sends them; each request then gets a fresh body.
const route = options.mode === 'lookup' ? routes.lookup : options.mode === 'me' ? routes.me : routes.giveFeedback;
const { path, init } = prepareRequest(route, {}, options.token);

const statuses: Record<number, number> = {};
const cpuBefore = options.cpu ? cpuSnapshot() : undefined;
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
  timeout: 30,
  requests: [
    {
      method: init.method,
      path,
      headers: init.headers,
      setupRequest: (req) => {
        const next = body();
        return next === undefined ? req : { ...req, body: JSON.stringify(next) };
      },
      onResponse: (status) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
      },
    },
  ],
});
const cpuAfter = options.cpu ? cpuSnapshot() : undefined;
process.stdout.write(
  `${JSON.stringify({
    reqPerSec: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    duration: result.duration,
    statuses,
    ...(cpuBefore && cpuAfter ? { pid: process.pid, cpu: { before: cpuBefore, after: cpuAfter } } : {}),
  })}\n`,
);
