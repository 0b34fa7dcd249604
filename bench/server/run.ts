import { mkdirSync, statfsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeDbTarget } from '../../server/db/target.ts';
import { defaultWorkers } from '../../server/serve.ts';
import { openStore } from '../../server/store/index.ts';
import { spawnServer } from '../support/server-process.ts';
import { type AgainstFloor, againstFloor } from './against-floor.ts';
import { DATA_DIR, ensureBenchDb } from './build.ts';
import { ensureBenchPostgres } from './build-postgres.ts';
import { compareEngines } from './compare-engines.ts';
import { sizesFor } from './dataset.ts';
import { printFloorTable } from './floor-table.ts';
import { runRawBaseline } from './raw-lookup.ts';
import { type Budget, printTable } from './report.ts';
import { load } from './run-load.ts';

/** Bytes per event row, leads and indexes included: the full build is 5.8 GB for 20M events. */
const BYTES_PER_EVENT = 300;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    'feedback-verdicts': { type: 'string', default: '20000' },
    /** At 100k leads, 5 s per load: every figure in under 3 minutes once the databases are built. */
    quick: { type: 'boolean', default: false },
    /** Passed to `serve --workers` for the feedback run; default: serve's own (one per CPU, at most 4). */
    workers: { type: 'string' },
    /** A PostgreSQL server (postgres://user@host:port): also compare SQLite and PostgreSQL, one and two instances. */
    db: { type: 'string' },
  },
});
const scale = values.quick ? 0.1 : Number(values.scale);
const duration = values.quick ? 5 : Number(values.duration);
const connections = Number(values.connections);
if (
  !(scale > 0 && scale <= 1) ||
  !(duration > 0) ||
  !(connections > 0) ||
  (values.db !== undefined && !/^postgres(ql)?:\/\//i.test(values.db))
) {
  process.stderr.write(
    'Usage: npm run bench:server -- [--quick | --scale 0.01..1] [--duration SECONDS] [--connections N] [--db postgres://USER@HOST:PORT]\n',
  );
  process.exit(2);
}
const { leads, events } = sizesFor(scale);
/** The growth curve: 10k and 100k leads, then the scale asked for. */
const curve = [...new Set([0.01, 0.1, scale])].filter((s) => s <= scale);

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
const files = new Map<number, string>();
for (const s of curve) files.set(s, await ensureBenchDb(s));
const file = files.get(scale) ?? (await ensureBenchDb(scale));
// With --db, the PostgreSQL bench database holds the same rows (the SQLite file's build time).
const postgresUrl = values.db ? await ensureBenchPostgres(values.db, scale) : undefined;

async function repToken(at: string): Promise<{ id: string; token: string }> {
  const store = await openStore(at);
  try {
    const stamp = new Date().toISOString();
    return await store.tokens.create('rep', `bench rep ${stamp}`, stamp);
  } finally {
    await store.close();
  }
}

const measured: { scale: number; leads: number; figures: AgainstFloor }[] = [];
for (const s of curve) {
  const at = files.get(s) ?? file;
  const n = sizesFor(s).leads;
  process.stderr.write(
    `${n.toLocaleString('en-US')} leads: GET /v1/me, then lookups (Zipf, uniform), ${duration} s each at ${connections} connections …\n`,
  );
  measured.push({
    scale: s,
    leads: n,
    figures: await againstFloor({ file: at, token: (await repToken(at)).token, leads: n, connections, duration }),
  });
}
printFloorTable(measured, { connections, duration });

const rawSeconds = Math.min(10, duration);
process.stderr.write(`Raw SQL baseline, in-process, ${rawSeconds} s …\n`);
const raw = runRawBaseline(file, leads, rawSeconds);

const rep = await repToken(file);
const setup = await openStore(file);
const pointIds = (await setup.talkingPoints.listLive()).map((p) => p.id);
await setup.close();
const server = await spawnServer(file, join(DATA_DIR, 'bench-server.log'), [
  '--rate-limit',
  'off',
  ...(values.workers ? ['--workers', values.workers] : []),
]);
try {
  const base = { url: server.url, token: rep.token, leads };
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
  const top = measured.at(-1)?.figures;
  const budgets: Budget[] = [
    { what: 'raw SQL in-process (the database floor)', value: raw.ops, unit: 'lookups/s' },
    { what: 'raw SQL p50 / p99', value: raw.p50, unit: `ms / ${raw.p99.toFixed(2)} ms` },
    ...(top
      ? [
          {
            what: 'Zipf lookups through the endpoint ÷ raw SQL',
            value: top.zipf.reqPerSec / Math.max(1, raw.ops),
            unit: '×',
          },
        ]
      : []),
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
    `Coalface endpoint, ${leads.toLocaleString('en-US')} leads / ${events.toLocaleString('en-US')} events (--scale ${scale}): ` +
      `the database floor and feedback; serve --workers ${values.workers ?? `default (${defaultWorkers()})`} on ${availableParallelism()} CPUs`,
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
