import { mkdirSync, statfsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeDbTarget } from '../../server/db/target.ts';
import { defaultWorkers } from '../../server/serve.ts';
import { openStore } from '../../server/store/index.ts';
import { spawnServer } from '../support/server-process.ts';
import { DATA_DIR, ensureBenchDb } from './build.ts';
import { ensureBenchPostgres } from './build-postgres.ts';
import { compareEngines } from './compare-engines.ts';
import { sizesFor } from './dataset.ts';
import { runRawBaseline } from './raw-lookup.ts';
import { type Budget, printTable } from './report.ts';
import { type LoadResult, load } from './run-load.ts';

/** Bytes per event row, leads and indexes included: the full build is 5.8 GB for 20M events. */
const BYTES_PER_EVENT = 300;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string' },
    'feedback-verdicts': { type: 'string', default: '20000' },
    /** Passed to `serve --workers`; default: serve's own (one per CPU, at most 4). */
    workers: { type: 'string' },
    /** A PostgreSQL server (postgres://user@host:port): also compare SQLite and PostgreSQL, one and two instances. */
    db: { type: 'string' },
  },
});
const scale = Number(values.scale);
const duration = Number(values.duration);
if (
  !(scale > 0 && scale <= 1) ||
  !(duration > 0) ||
  (values.db !== undefined && !/^postgres(ql)?:\/\//i.test(values.db))
) {
  process.stderr.write(
    'Usage: npm run bench:server -- [--scale 0.01..1] [--duration SECONDS] [--connections N] [--db postgres://USER@HOST:PORT]\n',
  );
  process.exit(2);
}
const { leads, events } = sizesFor(scale);

function checkDisk(): void {
  mkdirSync(DATA_DIR, { recursive: true });
  const fs = statfsSync(DATA_DIR);
  const free = fs.bavail * fs.bsize;
  const need = events * BYTES_PER_EVENT;
  process.stderr.write(
    `Disk: ${(free / 1e9).toFixed(1)} GB free under ${DATA_DIR}; the database needs ~${(need / 1e9).toFixed(1)} GB.\n`,
  );
  if (free < need * 1.2) {
    process.stderr.write('Not enough disk space for this scale; free some space or use a smaller --scale.\n');
    process.exit(1);
  }
}

checkDisk();
const file = await ensureBenchDb(scale);
// With --db, the PostgreSQL bench database holds the same rows (the SQLite file's build time).
const postgresUrl = values.db ? await ensureBenchPostgres(values.db, scale) : undefined;
const store = await openStore(file);
const stamp = new Date().toISOString();
const rep = await store.tokens.create('rep', `bench rep ${stamp}`, stamp);
const pointIds = (await store.talkingPoints.listLive()).map((p) => p.id);
await store.close();

const rawSeconds = Math.min(10, duration);
process.stderr.write(`Raw SQL baseline, in-process, ${rawSeconds} s …\n`);
const raw = runRawBaseline(file, leads, rawSeconds);

const server = await spawnServer(file, join(DATA_DIR, 'bench-server.log'), [
  '--rate-limit',
  'off',
  ...(values.workers ? ['--workers', values.workers] : []),
]);
try {
  const base = { url: server.url, token: rep.token, leads };
  process.stderr.write('Warm-up, then finding the concurrency with the best throughput (3 s per step) …\n');
  await load({ ...base, mode: 'lookup', connections: 8, duration: 3 });
  let connections = values.connections ? Number(values.connections) : 0;
  if (!connections) {
    const ladder: { c: number; r: LoadResult }[] = [];
    for (const c of [1, 4, 8, 16, 32]) {
      const r = await load({ ...base, mode: 'lookup', connections: c, duration: 3 });
      ladder.push({ c, r });
      process.stderr.write(`  c=${c}: ${r.reqPerSec.toFixed(0)} req/s, p99 ${r.p99} ms\n`);
    }
    const best = Math.max(...ladder.map((l) => l.r.reqPerSec));
    connections = ladder.find((l) => l.r.reqPerSec >= best * 0.95)?.c ?? 8;
  }
  process.stderr.write(`Lookup: ${duration} s at ${connections} connections …\n`);
  const lookup = await load({ ...base, mode: 'lookup', connections, duration });

  process.stderr.write(`Feedback ingest: ${values['feedback-verdicts']} verdicts at 32 connections …\n`);
  const amount = Number(values['feedback-verdicts']);
  const feedback = await load({ ...base, mode: 'feedback', connections: 32, amount, pointIds });
  const check = await openStore(file);
  const stored = Number(
    (
      await check.db
        .selectFrom('feedback')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rep_token_id', '=', rep.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await check.close();
  const acked = Number(feedback.statuses['201'] ?? 0);

  const budgets: Budget[] = [
    { what: 'lookup p99 latency', value: lookup.p99, unit: 'ms', budget: 15, higherIsBetter: false },
    { what: 'lookup p50 latency', value: lookup.p50, unit: 'ms' },
    { what: 'lookup throughput', value: lookup.reqPerSec, unit: 'req/s', budget: 1500, higherIsBetter: true },
    { what: 'raw SQL in-process', value: raw.ops, unit: 'lookups/s' },
    { what: 'raw SQL p50 / p99', value: raw.p50, unit: `ms / ${raw.p99.toFixed(2)} ms` },
    {
      what: 'slowdown vs raw (throughput)',
      value: raw.ops / Math.max(1, lookup.reqPerSec),
      unit: '×',
      budget: 3,
      higherIsBetter: false,
    },
    {
      what: 'feedback ingest',
      value: amount / Math.max(0.001, feedback.duration),
      unit: 'verdicts/s',
      budget: 2000,
      higherIsBetter: true,
    },
    {
      what: 'feedback stored = acked',
      value: stored,
      unit: `stored, ${acked} acked, ${feedback.errors + feedback.timeouts} failed`,
      pass: stored === acked && acked === amount,
    },
  ];
  printTable(
    `Coalface endpoint, ${leads.toLocaleString('en-US')} leads / ${events.toLocaleString('en-US')} events (--scale ${scale}), ` +
      `lookups at ${connections} connections for ${duration} s; errors ${lookup.errors}, non-2xx ${lookup.non2xx}; ` +
      `serve --workers ${values.workers ?? `default (${defaultWorkers()})`} on ${availableParallelism()} CPUs`,
    budgets,
  );
} finally {
  server.child.kill('SIGTERM');
}

if (postgresUrl) {
  await compareEngines({
    sqliteFile: file,
    postgresUrl,
    postgresLabel: describeDbTarget({ engine: 'postgres', url: postgresUrl }),
    scale,
    leads,
    events,
    duration,
    amount: Number(values['feedback-verdicts']),
  });
}
