import { request } from 'node:http';
import { z } from 'zod';
import { routes } from '../../lib/contract/routes.ts';

/**
 * One abusive load, run as its own process so it never shares an event loop with the server or the
 * probe. Usage: tsx bench/abuse/attack.ts '<json>'. Prints `ready` once the load is under way, runs
 * until stdin closes or `seconds` pass, then prints one JSON line: how the endpoint answered it.
 * Raw node:http rather than the typed client: these requests break the contract on purpose.
 */
export const AttackOptions = z.object({
  url: z.string(),
  token: z.string(),
  kind: z.enum(['oversized', 'streams', 'heavy']),
  seconds: z.number().positive(),
  /** `heavy`: the addresses of leads with long histories, 20 per lookup. */
  heavyEmails: z.array(z.string()).default([]),
});
export type AttackOptions = z.infer<typeof AttackOptions>;

export interface AttackReport {
  sent: number;
  statuses: Record<string, number>;
  errors: number;
  /** `streams`: connections the endpoint kept open. */
  openStreams?: number;
}

/** Item 1 of the abuse issue: 120,000 lookup items (480 KB), ten at a time. */
export const OVERSIZED_ITEMS = 120_000;
export const OVERSIZED_CONCURRENCY = 10;
/** Item 3: one rep token asks for this many streams. */
export const STREAM_ATTEMPTS = 3_000;
/** Item 4: 20-lead lookups of long histories, this many per second. */
export const HEAVY_PER_SECOND = 15;

const report: AttackReport = { sent: 0, statuses: {}, errors: 0 };
const count = (status: number) => {
  report.statuses[status] = (report.statuses[status] ?? 0) + 1;
};

function post(options: AttackOptions, path: string, body: string): Promise<void> {
  return new Promise((done) => {
    report.sent++;
    const req = request(
      `${options.url}${path}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.token}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        count(res.statusCode ?? 0);
        res.resume();
        res.once('end', done);
        res.once('error', done);
      },
    );
    req.once('error', () => {
      report.errors++;
      done();
    });
    req.end(body);
  });
}

type Load = (options: AttackOptions, until: () => boolean, ready: () => void) => Promise<void>;

const oversized: Load = async (options, until, ready) => {
  const body = JSON.stringify({ leads: Array.from({ length: OVERSIZED_ITEMS }, () => ({})) });
  ready();
  const loop = async () => {
    while (!until()) await post(options, routes.lookup.path, body);
  };
  await Promise.all(Array.from({ length: OVERSIZED_CONCURRENCY }, loop));
};

const heavy: Load = async (options, until, ready) => {
  const body = JSON.stringify({ leads: options.heavyEmails.slice(0, 20).map((email) => ({ email })) });
  const pending: Promise<void>[] = [];
  const gap = 1000 / HEAVY_PER_SECOND;
  const start = performance.now();
  ready();
  for (let i = 0; !until(); i++) {
    pending.push(post(options, routes.lookup.path, body));
    const wait = start + (i + 1) * gap - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(pending);
};

const streams: Load = async (options, until, ready) => {
  const open = new Set<ReturnType<typeof request>>();
  const attempt = () =>
    new Promise<void>((done) => {
      report.sent++;
      const req = request(
        `${options.url}${routes.stream.path}`,
        { headers: { Authorization: `Bearer ${options.token}` } },
        (res) => {
          count(res.statusCode ?? 0);
          if (res.statusCode === 200) open.add(req);
          else res.resume();
          res.once('close', () => open.delete(req));
          done();
        },
      );
      req.once('error', () => {
        report.errors++;
        done();
      });
      req.end();
    });
  for (let i = 0; i < STREAM_ATTEMPTS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, STREAM_ATTEMPTS - i) }, attempt));
  }
  report.openStreams = open.size;
  ready();
  while (!until()) await new Promise((r) => setTimeout(r, 100));
  report.openStreams = Math.max(report.openStreams, open.size);
  for (const req of open) req.destroy();
};

const LOADS = { oversized, heavy, streams } as const;

if (process.argv[2]) {
  const options = AttackOptions.parse(JSON.parse(process.argv[2]));
  let stopped = false;
  const timer = setTimeout(() => {
    stopped = true;
  }, options.seconds * 1000);
  process.stdin.on('close', () => {
    stopped = true;
  });
  process.stdin.resume();
  await LOADS[options.kind](
    options,
    () => stopped,
    () => process.stdout.write('ready\n'),
  );
  clearTimeout(timer);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}
