import autocannon from 'autocannon';
import { signFor } from '../../server/sources/signature.ts';
import { batchMaker, type PushKind } from './payloads.ts';

/**
 * The load generator, in its own process so it does not share an event loop with the server.
 * Usage: tsx bench/sources/load.ts '<json options>'; prints one JSON line with the figures.
 * Each request is a fresh signed batch of new events, as the tool would send.
 */
interface LoadOptions {
  url: string;
  path: string;
  kind: PushKind;
  secret: string;
  connections: number;
  duration: number;
  /** Keeps this phase's item ids apart from every other phase's. */
  tag: string;
  leads: number;
  size: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const nextBody = batchMaker(options.kind, options.tag, options.leads, options.size);

const statuses: Record<number, number> = {};
const acknowledged = { received: 0, duplicates: 0, queued: 0 };
let bytes = 0;
let made = 0;
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.duration,
  timeout: 30,
  requests: [
    {
      method: 'POST',
      path: options.path,
      setupRequest: (req) => {
        const body = nextBody();
        bytes += body.length;
        made += 1;
        return {
          ...req,
          headers: { 'content-type': 'application/json', ...signFor(options.kind, options.secret, body) },
          body,
        };
      },
      onResponse: (status, body) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 200) return;
        const receipt = JSON.parse(body) as Partial<typeof acknowledged>;
        for (const key of Object.keys(acknowledged) as (keyof typeof acknowledged)[])
          acknowledged[key] += receipt[key] ?? 0;
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    duration: result.duration,
    statuses,
    acknowledged,
    /** Batches built and handed to autocannon: those in flight when the time ran out were sent but not acknowledged. */
    made,
    meanBodyBytes: made > 0 ? Math.round(bytes / made) : 0,
  })}\n`,
);
