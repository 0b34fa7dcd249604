import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../server/store/index.ts';
import { type ServerProcess, spawnServer } from '../support/server-process.ts';
import { DATA_DIR } from './build.ts';
import { type CpuUse, cpuBetween, withDescendants } from './proc-cpu.ts';
import { fmt, type GridRow, printGrid } from './report.ts';
import { type LoadResult, load } from './run-load.ts';

/**
 * `bench:server --db postgres://…`: the same lookups and feedback burst against SQLite and
 * PostgreSQL at the same scale, each with one `serve --workers 1` instance and with two on different
 * ports. Lookups run at 16 connections; with two instances one load generator spreads them
 * round-robin over both URLs (autocannon gives connection i the URL i mod 2: 8 each), so that both
 * setups have one load-generator process and one latency histogram. CPU time of the server
 * processes, PostgreSQL's processes and the load generator is read from /proc for each lookup run,
 * to say what the machine's cores allowed.
 */

export const LOOKUP_CONNECTIONS = 16;
const FEEDBACK_CONNECTIONS = 32;
/** Budgets at 1M leads / 20M events (docs/budgets.md): lookup p99 per engine, feedback, two-instance scaling. */
const P99_BUDGET = { sqlite: 15, postgres: 25 } as const;
const FEEDBACK_BUDGET = 2000;
const SCALING_BUDGET = 1.6;

type Engine = 'sqlite' | 'postgres';

interface Setup {
  engine: Engine;
  instances: 1 | 2;
  lookup: LoadResult;
  cpu: CpuUse | null;
  feedback: LoadResult;
  amount: number;
  stored: number;
  loadAverage: number;
}

const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Backends on the bench database and PostgreSQL's own background processes, while the load's connections are open. */
async function postgresPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE (datname = current_database() AND pid <> pg_backend_pid()) OR backend_type <> 'client backend'`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function stop(servers: readonly ServerProcess[]): Promise<void> {
  await Promise.all(
    servers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
}

async function measure(
  engine: Engine,
  target: string,
  instances: 1 | 2,
  { leads, duration, amount }: { leads: number; duration: number; amount: number },
): Promise<Setup> {
  const name = `${ENGINE_NAME[engine]} ×${instances}`;
  const store = await openStore(target);
  const stamp = new Date().toISOString();
  const rep = await store.tokens.create('rep', `bench rep ${name} ${stamp}`, stamp);
  const pointIds = (await store.talkingPoints.listLive()).map((p) => p.id);
  await store.close();

  const servers: ServerProcess[] = [];
  try {
    for (let i = 1; i <= instances; i++) {
      servers.push(
        await spawnServer(target, join(DATA_DIR, `bench-server-${engine}-${i}.log`), [
          '--rate-limit',
          'off',
          '--workers',
          '1',
        ]),
      );
    }
    const url = instances === 1 ? servers[0]?.url : servers.map((s) => s.url);
    const base = { url, token: rep.token, leads };
    process.stderr.write(`${name}: warm-up, then lookups for ${duration} s at ${LOOKUP_CONNECTIONS} connections …\n`);
    await load({ ...base, mode: 'lookup', connections: LOOKUP_CONNECTIONS, duration: 3 });
    const loadAverage = loadavg()[0] ?? 0;
    const lookup = await load({ ...base, mode: 'lookup', connections: LOOKUP_CONNECTIONS, duration, cpu: true });
    let cpu: CpuUse | null = null;
    if (lookup.cpu && lookup.pid) {
      const serverPids = servers.flatMap((s) => (s.child.pid ? withDescendants(s.child.pid) : []));
      const groups: Record<string, number[]> = { servers: serverPids, load: [lookup.pid] };
      if (engine === 'postgres') groups.postgres = await postgresPids(target);
      cpu = cpuBetween(lookup.cpu.before, lookup.cpu.after, groups);
    }
    process.stderr.write(
      `  ${fmt(lookup.reqPerSec)} req/s, p50 ${lookup.p50} ms, p99 ${lookup.p99} ms; ` +
        `feedback: ${amount} verdicts at ${FEEDBACK_CONNECTIONS} connections …\n`,
    );
    const feedback = await load({ ...base, mode: 'feedback', connections: FEEDBACK_CONNECTIONS, amount, pointIds });
    const check = await openStore(target);
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
    return { engine, instances, lookup, cpu, feedback, amount, stored, loadAverage };
  } finally {
    await stop(servers);
  }
}

const cores = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
const coreCell = (n: number | undefined, unit = 'cores') => (n === undefined ? '—' : `${n.toFixed(2)} ${unit}`);
const perLookup = (c: number | undefined, s: Setup) =>
  c === undefined ? '—' : `${((c * 1000) / Math.max(1, s.lookup.reqPerSec)).toFixed(2)} ms`;

/** Cores the servers, PostgreSQL and the load generator used, and what the rest of the machine used meanwhile. */
function split(s: Setup): { ours: number; other: number } {
  const c = s.cpu?.cores ?? {};
  const ours = (c.servers ?? 0) + (c.postgres ?? 0) + (c.load ?? 0);
  return { ours, other: Math.max(0, (s.cpu?.busy ?? 0) - ours) };
}

/**
 * How far two instances scaled, and how far the cores let them: at one instance's throughput the
 * servers, PostgreSQL and the load generator used `ours` cores; if all of that grows with
 * throughput, the cores left to them in the two-instance run (the CPUs less what other processes
 * took then) allow at most that many cores ÷ `ours` times one instance's throughput.
 */
function scalingLine(one: Setup, two: Setup, cpus: number): string {
  const ratio = two.lookup.reqPerSec / Math.max(1, one.lookup.reqPerSec);
  const shared =
    one.engine === 'postgres'
      ? `${cpus} cores shared by the load generator, PostgreSQL and both instances`
      : `${cpus} cores shared by the load generator and both instances`;
  let verdict = '';
  if (one.cpu && two.cpu) {
    const a = split(one);
    const b = split(two);
    const ceiling = (cpus - Math.min(b.other, cpus)) / Math.max(0.01, a.ours);
    const room =
      `one instance used ${a.ours.toFixed(2)} cores (server ${cores(one.cpu.cores.servers)}` +
      `${one.engine === 'postgres' ? `, PostgreSQL ${cores(one.cpu.cores.postgres)}` : ''}, load generator ` +
      `${cores(one.cpu.cores.load)}); other processes took ${a.other.toFixed(2)} and ${b.other.toFixed(2)} cores ` +
      `in the two runs: the cores allowed at most ~${ceiling.toFixed(2)}×` +
      (Math.max(a.other, b.other) > 0.2 ? ' (a busy machine: rerun when it is quiet)' : '');
    verdict =
      ceiling < SCALING_BUDGET
        ? `; budget ≥ ${SCALING_BUDGET}× not measurable here: ${room}`
        : `; ${ratio >= SCALING_BUDGET ? 'ok' : 'MISSED'} (budget ≥ ${SCALING_BUDGET}×; ${room})`;
  }
  return `  two instances (${ENGINE_NAME[one.engine]}): ${ratio.toFixed(2)}× (${shared})${verdict}\n`;
}

/** Runs the four setups (SQLite and PostgreSQL, one and two instances) and prints one table. */
export async function compareEngines(options: {
  sqliteFile: string;
  postgresUrl: string;
  postgresLabel: string;
  scale: number;
  leads: number;
  events: number;
  duration: number;
  amount: number;
}): Promise<void> {
  const { duration, amount, leads } = options;
  const before = loadavg();
  const setups: Setup[] = [];
  for (const [engine, target] of [
    ['sqlite', options.sqliteFile],
    ['postgres', options.postgresUrl],
  ] as const) {
    for (const instances of [1, 2] as const)
      setups.push(await measure(engine, target, instances, { leads, duration, amount }));
  }
  const after = loadavg();
  const cpus = availableParallelism();
  const all = (f: (s: Setup) => string) => setups.map(f);
  const rate = (s: Setup) => s.amount / Math.max(0.001, s.feedback.duration);
  const acked = (s: Setup) => Number(s.feedback.statuses['201'] ?? 0);
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const rows: GridRow[] = [
    { what: 'lookup throughput', cells: all((s) => `${fmt(s.lookup.reqPerSec)} req/s`) },
    { what: 'lookup p50', cells: all((s) => `${s.lookup.p50} ms`) },
    {
      what: 'lookup p99',
      cells: all((s) => `${s.lookup.p99} ms ${mark(s.lookup.p99 <= P99_BUDGET[s.engine])}`),
      budget: `≤ ${P99_BUDGET.sqlite} ms SQLite, ≤ ${P99_BUDGET.postgres} ms PostgreSQL`,
    },
    {
      what: 'lookup errors / non-2xx',
      cells: all((s) => `${s.lookup.errors + s.lookup.timeouts} / ${s.lookup.non2xx}`),
    },
    {
      what: 'feedback ingest',
      cells: all((s) => `${fmt(rate(s))}/s ${mark(rate(s) >= FEEDBACK_BUDGET)}`),
      budget: `≥ ${fmt(FEEDBACK_BUDGET)} verdicts/s`,
    },
    {
      what: 'feedback stored / acked',
      cells: all((s) => `${s.stored} / ${acked(s)} ${mark(s.stored === acked(s) && acked(s) === s.amount)}`),
      budget: `all ${s0(amount)} stored`,
    },
    { what: 'CPU in lookups: servers', cells: all((s) => coreCell(s.cpu?.cores.servers)) },
    { what: '  PostgreSQL', cells: all((s) => coreCell(s.cpu?.cores.postgres)) },
    { what: '  load generator', cells: all((s) => coreCell(s.cpu?.cores.load)) },
    { what: `  whole machine (${cpus} cores)`, cells: all((s) => coreCell(s.cpu?.busy, 'busy')) },
    {
      what: 'CPU per lookup: servers',
      cells: all((s) => perLookup(s.cpu?.cores.servers, s)),
    },
    { what: '  PostgreSQL', cells: all((s) => perLookup(s.cpu?.cores.postgres, s)) },
    { what: 'load average (1 min)', cells: all((s) => s.loadAverage.toFixed(2)) },
  ];
  printGrid(
    `SQLite and PostgreSQL (${options.postgresLabel}), ${leads.toLocaleString('en-US')} leads / ` +
      `${options.events.toLocaleString('en-US')} events (--scale ${options.scale}), the same rows; ` +
      `lookups at ${LOOKUP_CONNECTIONS} connections for ${duration} s, feedback ${s0(amount)} verdicts at ` +
      `${FEEDBACK_CONNECTIONS} connections; each instance is serve --workers 1, two instances share the connections ` +
      `round-robin; ${cpus} CPUs; load average ${before.map((n) => n.toFixed(2)).join(' ')} before, ` +
      `${after.map((n) => n.toFixed(2)).join(' ')} after`,
    all((s) => `${ENGINE_NAME[s.engine]} ×${s.instances}`),
    rows,
  );
  for (const engine of ['sqlite', 'postgres'] as const) {
    const one = setups.find((s) => s.engine === engine && s.instances === 1);
    const two = setups.find((s) => s.engine === engine && s.instances === 2);
    if (one && two) process.stdout.write(scalingLine(one, two, cpus));
  }
  process.stdout.write('\n');
}

function s0(n: number): string {
  return n.toLocaleString('en-US');
}
