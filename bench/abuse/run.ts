import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answered, createClient } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import { createDemoTokens, seedDemo } from '../../server/seed/demo.ts';
import { openStore } from '../../server/store/index.ts';
import { heavyEmail } from '../../test/server/heavy-leads.ts';
import { type Budget, printTable } from '../server/report.ts';
import { percentile } from '../server/stats.ts';
import { ROOT, spawnServer } from '../support/server-process.ts';
import type { AttackOptions, AttackReport } from './attack.ts';

/**
 * `npm run bench:abuse`: a normal rep's one-lead lookup and `/healthz`, each probed at a steady pace,
 * alone and while one abusive load runs (oversized bodies, thousands of streams on one token, heavy
 * 20-lead lookups of long histories). Every figure is a ratio to the quiet phase of the same run.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    'heavy-leads': { type: 'string', default: '20' },
    'events-per-lead': { type: 'string', default: '5000' },
  },
});
const seconds = Number(values.seconds);
const heavyLeads = Number(values['heavy-leads']);
const eventsPerLead = Number(values['events-per-lead']);
/** The probe's pace: well inside a rep's own rate limit, and enough samples for a p99. */
const PROBE_PER_SECOND = 15;
const RATIO_BUDGET = 1.5;
const RSS_BUDGET_MB = 300;
const NORMAL_LEAD = 'dana.lee@acme-robotics.com';

const dir = mkdtempSync(join(tmpdir(), 'coalface-abuse-'));
const file = join(dir, 'coalface.db');

async function seed() {
  const store = await openStore(file);
  await seedDemo(store);
  const tokens = await createDemoTokens(store);
  const now = new Date().toISOString();
  const abuser = (await store.tokens.create('rep', 'Abusive rep', now)).token;
  await store.close();
  return { ...tokens, abuser };
}

/** Long histories go in through the public route, as marketing automation would send them. */
async function ingestHeavyLeads(url: string, admin: string): Promise<void> {
  const BATCH = 2_000;
  const day = 86_400_000;
  const now = Date.now();
  const client = createClient({ baseUrl: url, token: admin });
  for (let lead = 0; lead < heavyLeads; lead++) {
    for (let from = 0; from < eventsPerLead; from += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, eventsPerLead - from) }, (_, k) => ({
        id: `heavy-${lead}-${from + k}`,
        email: heavyEmail(lead),
        type: (from + k) % 3 === 0 ? ('page_view' as const) : ('email_open' as const),
        occurredAt: new Date(now - ((from + k) % 365) * day - k * 1000).toISOString(),
        content: { id: `content-${(from + k) % 40}`, title: `Article ${(from + k) % 40}` },
      }));
      answered(await client.call(routes.ingestEvents, { body: { events } }));
    }
  }
}

interface Probe {
  lookup: number[];
  healthz: number[];
  statuses: Record<string, number>;
}

/** Two steady probes side by side for `seconds`: the normal rep's lookup, and `/healthz`. */
async function probe(url: string, rep: string): Promise<Probe> {
  const out: Probe = { lookup: [], healthz: [], statuses: {} };
  const client = createClient({ baseUrl: url, token: rep });
  const timed = async (into: number[], send: () => Promise<{ status: number | null }>) => {
    const start = performance.now();
    // A reset or refused connection (no status) is what the rep would notice: count it, and its time.
    const { status: code } = await send();
    const status = code === null ? 'failed' : String(code);
    into.push(performance.now() - start);
    out.statuses[status] = (out.statuses[status] ?? 0) + 1;
  };
  const paced = async (into: number[], send: () => Promise<{ status: number | null }>) => {
    const gap = 1000 / PROBE_PER_SECOND;
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; performance.now() - start < seconds * 1000; i++) {
      pending.push(timed(into, send));
      const wait = start + (i + 1) * gap - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await Promise.all(pending);
  };
  await Promise.all([
    paced(out.lookup, () => client.call(routes.lookup, { body: { leads: [{ email: NORMAL_LEAD }] } })),
    paced(out.healthz, () => createClient({ baseUrl: url }).call(routes.health)),
  ]);
  return out;
}

/** Starts one abusive load in its own process; resolves once it says it is under way. */
function attack(options: AttackOptions) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/abuse/attack.ts', JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const reported = new Promise<AttackReport>((done, fail) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) done(JSON.parse(line) as AttackReport);
    });
    child.once('exit', (code) => {
      if (code !== 0) fail(new Error(`the ${options.kind} load exited with ${code}`));
    });
  });
  const ready = new Promise<void>((done) => lines.on('line', (line) => line === 'ready' && done()));
  const stop = () => {
    child.stdin.end();
    return reported;
  };
  return { ready, stop };
}

/** Peak resident memory (VmHWM) of the server and its workers, in MB. */
function peakRssMb(pid: number): number {
  const pids = [pid];
  try {
    pids.push(
      ...execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    // No workers: `serve --workers 1` serves from the primary.
  }
  let peak = 0;
  for (const p of pids) {
    const status = readFileSync(`/proc/${p}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb / 1024);
  }
  return peak;
}

const tokens = await seed();
const server = await spawnServer(file, join(dir, 'server.log'));
try {
  process.stderr.write(`Ingesting ${heavyLeads} leads with ${eventsPerLead} events each …\n`);
  await ingestHeavyLeads(server.url, tokens.admin);
  // Warm-up: the first lookups fill caches and JIT.
  await probe(server.url, tokens.rep);

  process.stderr.write(`Quiet: probing for ${seconds} s …\n`);
  const quiet = await probe(server.url, tokens.rep);
  const rows: Budget[] = [
    { what: 'quiet: rep lookup p99', value: percentile(quiet.lookup, 99), unit: 'ms' },
    { what: 'quiet: /healthz p99', value: percentile(quiet.healthz, 99), unit: 'ms' },
  ];
  const loads: AttackOptions['kind'][] = ['oversized', 'streams', 'heavy'];
  for (const kind of loads) {
    const load = attack({
      url: server.url,
      token: tokens.abuser,
      kind,
      seconds: seconds * 3,
      heavyEmails: Array.from({ length: heavyLeads }, (_, i) => heavyEmail(i)),
    });
    await load.ready;
    process.stderr.write(`${kind}: probing for ${seconds} s under load …\n`);
    const loaded = await probe(server.url, tokens.rep);
    const report = await load.stop();
    const answered = Object.entries(report.statuses)
      .map(([status, n]) => `${n}×${status}`)
      .join(', ');
    process.stderr.write(
      `  the ${kind} load: ${report.sent} sent, ${answered}${report.errors ? `, ${report.errors} errors` : ''}` +
        `${report.openStreams !== undefined ? `, ${report.openStreams} streams held open` : ''}\n`,
    );
    for (const [what, samples, base] of [
      ['rep lookup', loaded.lookup, quiet.lookup],
      ['/healthz', loaded.healthz, quiet.healthz],
    ] as const) {
      const p99 = percentile(samples, 99);
      rows.push({
        what: `${kind}: ${what} p99 ÷ quiet`,
        value: p99 / Math.max(0.001, percentile(base, 99)),
        unit: `× (${p99.toFixed(1)} ms)`,
        budget: RATIO_BUDGET,
        higherIsBetter: false,
      });
    }
    const failed = Object.entries(loaded.statuses).filter(([s]) => s !== '200');
    rows.push({
      what: `${kind}: probe answered 200`,
      value: loaded.lookup.length + loaded.healthz.length,
      unit: `requests${failed.length ? `, not 200: ${failed.map(([s, n]) => `${n}×${s}`).join(', ')}` : ''}`,
      pass: failed.length === 0,
    });
  }
  rows.push({
    what: 'largest server process (peak RSS)',
    value: peakRssMb(server.child.pid ?? 0),
    unit: 'MB',
    budget: RSS_BUDGET_MB,
    higherIsBetter: false,
  });
  printTable(
    `Abuse: probes at ${PROBE_PER_SECOND}/s each for ${seconds} s a phase; ${heavyLeads} leads × ${eventsPerLead} events; serve with default workers and limits`,
    rows,
  );
} finally {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
