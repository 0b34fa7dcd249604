import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/store/index.ts';
import { realisticLeads } from '../../test/server/realistic-batches.ts';
import { spawnServer } from '../support/server-process.ts';
import { percentile } from './stats.ts';

/**
 * `tsx bench/server/oversized.ts`: how long each kind of oversized request takes to be refused,
 * against `serve` (its default workers) in its own process, and `/healthz` while ten 120,000-item
 * lookups arrive at once, against the same probe alone. Medians of `--runs` (default 5).
 */
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

const dir = mkdtempSync(join(tmpdir(), 'coalface-oversized-'));
const file = join(dir, 'coalface.db');
const store = await openStore(file);
const now = new Date().toISOString();
const admin = (await store.tokens.create('admin', 'Bench admin', now)).token;
const rep = (await store.tokens.create('rep', 'Bench rep', now)).token;
await store.close();
const server = await spawnServer(file, join(dir, 'server.log'), ['--rate-limit', 'off']);

interface Answer {
  status: number | string;
  ms: number;
}

/** One POST over a fresh connection; `body` as a whole (Content-Length) or as chunks (chunked). */
function send(path: string, token: string, body: Buffer | Buffer[], declared?: number): Promise<Answer> {
  return new Promise((done) => {
    const start = performance.now();
    const chunked = Array.isArray(body);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    if (!chunked) headers['Content-Length'] = String(declared ?? body.length);
    const req = request(`${server.url}${path}`, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      res.once('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - start }));
    });
    req.once('error', (e: NodeJS.ErrnoException) => done({ status: e.code ?? 'error', ms: performance.now() - start }));
    if (!chunked) {
      if (declared === undefined) req.end(body);
      else req.write(body); // declares more than it sends: the answer must not wait for the rest
      return;
    }
    const pieces = [...body];
    const next = () => {
      const piece = pieces.shift();
      if (!piece) return void req.end();
      req.write(piece, (e) => !e && next());
    };
    next();
  });
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const cases: { what: string; run: () => Promise<Answer> }[] = [
  {
    what: 'lookup of 120,000 items (480 KB)',
    run: () => send('/v1/context/lookup', rep, json({ leads: Array.from({ length: 120_000 }, () => ({})) })),
  },
  {
    what: 'lookup declaring 100 MB, 64 KB sent',
    run: () => send('/v1/context/lookup', rep, Buffer.alloc(64 * 1024, 'a'), 100 * 1024 * 1024),
  },
  {
    what: 'lookup of 3 MB, chunked',
    run: () =>
      send(
        '/v1/context/lookup',
        rep,
        Array.from({ length: 48 }, () => Buffer.alloc(64 * 1024, 'a')),
      ),
  },
  {
    what: 'lookup of 3,000 items within 16 KiB',
    run: () => send('/v1/context/lookup', rep, json({ leads: Array.from({ length: 3_000 }, () => 0) })),
  },
  {
    what: 'leads nested 300,000 deep (600 KB)',
    run: () => send('/v1/leads', admin, Buffer.from(`{"leads":${'['.repeat(300_000)}${']'.repeat(300_000)}}`)),
  },
  {
    what: 'leads nested 3,000,000 deep (6 MB)',
    run: () => send('/v1/leads', admin, Buffer.from(`{"leads":${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}}`)),
  },
  {
    what: '5,001 realistic leads (2.6 MB)',
    run: () => send('/v1/leads', admin, json({ leads: realisticLeads(5_001) })),
  },
  {
    what: '200 leads with 5,000 {} CRM refs each (3 MB)',
    run: () =>
      send(
        '/v1/leads',
        admin,
        json({
          leads: Array.from({ length: 200 }, (_, i) => ({
            email: `bloated${i}@example.com`,
            crmRefs: Array.from({ length: 5_000 }, () => ({})),
          })),
        }),
      ),
  },
];

const median = (xs: number[]) => percentile(xs, 50);
const lines: string[] = [];
for (const c of cases) {
  const answers: Answer[] = [];
  for (let i = 0; i < RUNS; i++) answers.push(await c.run());
  const statuses = [...new Set(answers.map((a) => a.status))].join('/');
  lines.push(`${c.what}: ${statuses} in ${median(answers.map((a) => a.ms)).toFixed(1)} ms (median of ${RUNS})`);
}

let healthzFailures = 0;
async function healthz(times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    try {
      await (await fetch(`${server.url}/healthz`)).arrayBuffer();
    } catch {
      healthzFailures++;
    }
    out.push(performance.now() - start);
  }
  return out;
}
await healthz(20);
const quiet = await healthz(50);
const attackBody = json({ leads: Array.from({ length: 120_000 }, () => ({})) });
const loaded: number[] = [];
const attackTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let settled = false;
  const attack = Promise.all(Array.from({ length: 10 }, () => send('/v1/context/lookup', rep, attackBody))).then(
    (answers) => {
      settled = true;
      return answers;
    },
  );
  // Probe back to back for as long as the attack lasts (at least once).
  do loaded.push(...(await healthz(1)));
  while (!settled);
  for (const a of await attack) attackTimes.push(a.ms);
}
lines.push(
  `/healthz alone: p50 ${median(quiet).toFixed(1)} ms, max ${Math.max(...quiet).toFixed(1)} ms`,
  `/healthz while ten 120,000-item lookups arrive at once: p50 ${median(loaded).toFixed(1)} ms, max ${Math.max(...loaded).toFixed(1)} ms; ${healthzFailures} failed; the ten answered in p50 ${median(attackTimes).toFixed(1)} ms, max ${Math.max(...attackTimes).toFixed(1)} ms`,
);
process.stdout.write(`${lines.join('\n')}\n`);
server.child.kill();
rmSync(dir, { recursive: true, force: true });
