// `npm run bench:sources`: how fast pushed sources are acknowledged, how fast the inbox is mapped
// behind the answers, and that nothing acknowledged is lost or stored twice. A real `serve` child
// process on a fresh SQLite database with a Segment and a Mautic source; signed 100-event batches at
// each connection count for --duration seconds (`-- --duration 3` for a short run).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createSource } from '../../server/sources/create.ts';
import { openStore } from '../../server/store/index.ts';
import { type Budget, fmt, printTable } from '../server/report.ts';
import { runLoadScript } from '../server/run-load.ts';
import { spawnServer } from '../support/server-process.ts';
import type { PushKind } from './payloads.ts';

/** docs/budgets.md: a 100-event batch is acknowledged in ≤ 50 ms p99. */
const P99_BUDGET_MS = 50;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,8,16' },
    workers: { type: 'string' },
    leads: { type: 'string', default: '2000' },
    size: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connectionCounts = String(values.connections)
  .split(',')
  .map((c) => Number(c.trim()));
const leads = Number(values.leads);
const size = Number(values.size);

interface PhaseResult {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statuses: Record<string, number>;
  acknowledged: { received: number; duplicates: number; queued: number };
  meanBodyBytes: number;
  made: number;
}

const load = (options: Record<string, unknown>) => runLoadScript<PhaseResult>('bench/sources/load.ts', options);

const dir = mkdtempSync(join(tmpdir(), 'coalface-bench-sources-'));
const file = join(dir, 'coalface.db');
const logFile = join(dir, 'server.log');
const key = randomBytes(32);
// The server child inherits the operator's source key from this environment.
process.env.COALFACE_SOURCE_KEY = key.toString('base64');

const setup = await openStore(file);
const sources: Record<PushKind, { id: string; secret: string; path: string }> = {
  segment: await createSource(setup, { kind: 'segment', name: 'Bench Segment' }, key, new Date().toISOString()),
  mautic: await createSource(setup, { kind: 'mautic', name: 'Bench Mautic' }, key, new Date().toISOString()),
};
await setup.close();

// The per-source rate bucket stays in the path, raised so that it never refuses: this measures
// acknowledgement, not the limit (20 pushes a second by default).
const server = await spawnServer(file, logFile, [
  '--rate-limit',
  '1000000',
  '--rate-burst',
  '1000000',
  ...(values.workers ? ['--workers', values.workers] : []),
]);
/** How the inbox caught up after a load: the rows still to map when it ended, and how long they took. */
interface Drain {
  backlog: number;
  seconds: number;
  /** Rows mapped from the load's start until the inbox was empty. */
  mapped: number;
}

const mappedRows = (db: Database.Database) =>
  (db.prepare("SELECT count(*) AS n FROM source_inbox WHERE state <> 'new'").get() as { n: number }).n;
const waitingRows = (db: Database.Database) =>
  (db.prepare("SELECT count(*) AS n FROM source_inbox WHERE state = 'new'").get() as { n: number }).n;

/**
 * Waits until the server has answered every push it was sent and mapped every row: autocannon stops
 * at the deadline without waiting for the batches still in flight, and the server carries on with
 * them. Settled when no inbox row waits to be mapped and the request log has not grown for a second.
 * `mappedAtStart` is the count of mapped rows when the load began.
 */
async function settle(mappedAtStart: number, timeoutMs = 300_000): Promise<Drain> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const answered = () => (readFileSync(logFile, 'utf8').match(/^POST \/v1\/sources\//gm) ?? []).length;
  const db = new Database(file, { readonly: true });
  try {
    const backlog = waitingRows(db);
    let emptyAt: number | null = null;
    let last = -1;
    let quiet = 0;
    while (Date.now() < deadline) {
      const waiting = waitingRows(db);
      if (waiting > 0) emptyAt = null;
      else emptyAt ??= Date.now();
      const now = answered();
      quiet = waiting === 0 && now === last ? quiet + 1 : 0;
      if (quiet >= 4)
        return { backlog, seconds: ((emptyAt ?? Date.now()) - started) / 1000, mapped: mappedRows(db) - mappedAtStart };
      last = now;
      await delay(250);
    }
    throw new Error(`the server did not finish the pushes in flight within ${timeoutMs} ms; see ${logFile}`);
  } finally {
    db.close();
  }
}
const mappedNow = () => {
  const db = new Database(file, { readonly: true });
  try {
    return mappedRows(db);
  } finally {
    db.close();
  }
};
const phases: { kind: PushKind; connections: number; result: PhaseResult; drain: Drain }[] = [];
const warmups: typeof phases = [];
const loadBase = (kind: PushKind) => ({
  url: server.url,
  path: sources[kind].path,
  kind,
  secret: sources[kind].secret,
  leads,
  size,
});
try {
  // A first push compiles and caches what later ones reuse: two seconds at one connection each,
  // not printed, but counted in the check of what was stored.
  for (const kind of ['segment', 'mautic'] as const) {
    process.stderr.write(`${kind}: warming up for 2 s …\n`);
    const before = mappedNow();
    const result = await load({ ...loadBase(kind), connections: 1, duration: 2, tag: `${kind[0]}w-` });
    warmups.push({ kind, connections: 1, result, drain: await settle(before) });
  }
  for (const kind of ['segment', 'mautic'] as const) {
    for (const connections of connectionCounts) {
      process.stderr.write(`${kind}: ${size}-event batches at ${connections} connections for ${duration} s …\n`);
      const before = mappedNow();
      const result = await load({ ...loadBase(kind), connections, duration, tag: `${kind[0]}${connections}-` });
      phases.push({ kind, connections, result, drain: await settle(before) });
    }
  }
} finally {
  await new Promise<void>((done) => {
    if (server.child.exitCode !== null) return done();
    server.child.once('exit', () => done());
    server.child.kill('SIGTERM');
  });
}

// What the database holds, counted after the server has stopped.
const db = new Database(file, { readonly: true });
const stored = (id: string) => {
  const events = db.prepare('SELECT count(*) AS n FROM events WHERE id >= ? AND id < ?').get(`${id}:`, `${id};`) as {
    n: number;
  };
  const inbox = db
    .prepare(
      "SELECT count(*) AS n, count(DISTINCT item_key) AS keys, sum(state = 'stored') AS mapped FROM source_inbox WHERE source_id = ?",
    )
    .get(id) as { n: number; keys: number; mapped: number };
  return { events: events.n, inbox: inbox.n, keys: inbox.keys, mapped: inbox.mapped };
};
const counts = { segment: stored(sources.segment.id), mautic: stored(sources.mautic.id) };
db.close();

const rows: Budget[] = [];
const notes: string[] = [];
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
for (const { kind, connections, result, drain } of phases) {
  const name = `${kind === 'segment' ? 'Segment batch' : 'Mautic POST'}, ${plural(connections, 'connection')}`;
  rows.push(
    { what: `${name}: acknowledgement p50`, value: result.p50, unit: 'ms' },
    { what: `${name}: acknowledgement p99`, value: result.p99, unit: 'ms', budget: P99_BUDGET_MS },
    {
      what: `${name}: events acknowledged`,
      value: result.acknowledged.received / (result.duration || duration),
      unit: 'events/s',
    },
  );
  // Mapped from the load's start until the inbox was empty: the rate the inbox drains at under load.
  const mappingSeconds = (result.duration || duration) + drain.seconds;
  rows.push(
    { what: `${name}: inbox empty after the load`, value: drain.seconds * 1000, unit: 'ms' },
    { what: `${name}: events mapped`, value: drain.mapped / mappingSeconds, unit: 'events/s' },
  );
  notes.push(
    `${name}: ${result.requests} batches acknowledged (~${Math.round(result.meanBodyBytes / 1024)} KB each), max ${fmt(result.max)} ms; ${fmt(drain.backlog)} events still to map when the load ended, ${fmt(drain.mapped)} mapped in ${fmt(mappingSeconds)} s`,
  );
  const refused = result.non2xx + result.errors + result.timeouts;
  if (refused > 0) {
    rows.push({ what: `${name}: not acknowledged`, value: refused, unit: 'requests', pass: false });
    notes.push(
      `${name}: statuses ${JSON.stringify(result.statuses)}, ${result.timeouts} timeouts, ${result.errors} errors`,
    );
  }
}
for (const kind of ['segment', 'mautic'] as const) {
  const mine = [...warmups, ...phases].filter((p) => p.kind === kind);
  const acked = mine.reduce((sum, p) => sum + p.result.acknowledged.queued, 0);
  const ackedReceived = mine.reduce((sum, p) => sum + p.result.acknowledged.received, 0);
  const sent = mine.reduce((sum, p) => sum + p.result.made * size, 0);
  const c = counts[kind];
  // Every item sent had a new id, so each acknowledged one must be one inbox row and one event (the
  // check runs once the inbox is empty: every row mapped). Batches
  // still in flight when a load's time ran out are stored without their answer being counted: at
  // most one batch per connection.
  const inFlight = mine.reduce((sum, p) => sum + p.connections * size, 0);
  const once =
    ackedReceived === acked &&
    c.events >= acked &&
    c.events <= Math.min(sent, acked + inFlight) &&
    c.inbox === c.keys &&
    c.mapped === c.events;
  rows.push({ what: `${kind}: every acknowledged event stored, once`, value: c.events, unit: 'events', pass: once });
  notes.push(
    `${kind}: counted after the run: ${fmt(c.events)} events and ${fmt(c.inbox)} inbox rows (${fmt(c.keys)} distinct ids) = ${fmt(acked)} acknowledged + ${fmt(c.events - acked)} from batches in flight when a load's time ran out`,
  );
}
printTable(
  `Sources: signed ${size}-event batches into a real serve process (${values.workers ? plural(Number(values.workers), 'worker') : 'default workers'}), fresh SQLite, ${duration} s per load`,
  rows,
);
for (const note of notes) process.stdout.write(`  ${note}\n`);
process.stdout.write('\n');
if (values.keep) process.stdout.write(`database and server log kept in ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
