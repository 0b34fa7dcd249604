/**
 * `npm run bench:ingest`: a year of history loaded through the public routes, as a team backfilling
 * would: every lead with a Salesforce id (half also a HubSpot id) through `POST /v1/leads`, then
 * every event through `POST /v1/engagement/events`, in batches of 5,000 over a few connections to
 * one fresh `serve` process. Prints rows/s for the first and the last 10% of the leads (the rate
 * must not fall as the tables grow), events/s likewise, and the whole load against the 10-minute
 * budget for 1M leads / 20M events.
 *
 * `--scale 1` (default) is 1M leads / 20M events; `--scale 0.1` a tenth; `--workers N` for `serve`. `--db postgres://…` loads
 * into a new database on that server (dropped after) instead of a new SQLite file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BatchResult, MAX_BATCH } from '../../lib/contract/index.ts';
import { salesforce18 } from '../../server/domain/crm.ts';
import { BENCH_SEED, createDataset, type LeadRow, sizesFor } from '../server/dataset.ts';
import { ROOT, spawnServer } from '../support/server-process.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    db: { type: 'string' },
    connections: { type: 'string', default: '4' },
    /** `serve --workers N`: workers parse and check batches in parallel; SQLite still writes one at a time. */
    workers: { type: 'string', default: '2' },
  },
});
const scale = Number(values.scale);
const connections = Number(values.connections);
const BUDGET_SECONDS = 600 * scale;
const BATCH = MAX_BATCH;
/** The last tenth's rate at least this share of the first's: the rate does not fall as the tables grow (beyond noise). */
const FLAT = 0.9;

interface Phase {
  /** Rows acknowledged, with the instant (ms since the phase began) each batch was acknowledged. */
  marks: { rows: number; atMs: number }[];
  rows: number;
  seconds: number;
}

/**
 * Rows/s over the first tenth of the rows (from the start to the batch that completes it) and over the
 * last tenth (from the last batch that ends before it begins to the end).
 */
function tenths(phase: Phase): { first: number; last: number } {
  const tenth = phase.rows / 10;
  let done = 0;
  let first = Number.NaN;
  let lastFrom = { rows: 0, atMs: 0 };
  for (const mark of phase.marks) {
    done += mark.rows;
    if (Number.isNaN(first) && done >= tenth) first = (done / mark.atMs) * 1000;
    if (done <= phase.rows - tenth) lastFrom = { rows: done, atMs: mark.atMs };
  }
  const endMs = phase.marks.at(-1)?.atMs ?? 0;
  return { first, last: ((phase.rows - lastFrom.rows) / (endMs - lastFrom.atMs)) * 1000 };
}

/** Posts every batch `next()` hands out over `connections` connections; marks are in acknowledgement order. */
async function load(url: string, token: string, next: () => unknown[] | null, field: 'leads' | 'events') {
  const started = performance.now();
  const marks: Phase['marks'] = [];
  let rows = 0;
  const worker = async () => {
    for (let items = next(); items; items = next()) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ [field]: items }),
      });
      const body = BatchResult.parse(await response.json());
      if (response.status !== 200 || body.rejected.length > 0)
        throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body.rejected.slice(0, 3))}`);
      rows += items.length;
      marks.push({ rows: items.length, atMs: performance.now() - started });
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { marks, rows, seconds: (performance.now() - started) / 1000 } satisfies Phase;
}

function leadInput(row: LeadRow, i: number) {
  const crmRefs = [
    { system: 'salesforce', objectType: 'Lead', id: salesforce18(`00Q5e${String(i).padStart(10, '0')}`) },
  ];
  if (i % 2 === 0) crmRefs.push({ system: 'hubspot', objectType: 'contact', id: String(5_000_000 + i) });
  return {
    email: row.email,
    name: row.name,
    company: row.company,
    title: row.title,
    lifecycleStage: row.lifecycle_stage,
    segments: { industry: row.industry, persona: row.persona, region: row.region },
    crmRefs,
    campaigns: row.campaigns,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'coalface-bench-ingest-'));
  const pgName = `coalface_bench_ingest_${process.pid}`;
  const admin = values.db ? new pg.Client({ connectionString: values.db }) : null;
  let target = join(dir, 'coalface.db');
  if (admin && values.db) {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pgName}`);
    const u = new URL(values.db);
    u.pathname = `/${pgName}`;
    target = u.toString();
  }
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args, '--db', target], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  try {
    cli('seed', '--demo');
    const token = cli('token', 'create', '--role', 'admin', '--name', 'bench ingest').trim().split('\n').at(-1) ?? '';
    const server = await spawnServer(target, join(dir, 'server.log'), [
      '--rate-limit',
      'off',
      '--workers',
      values.workers,
    ]);
    try {
      const campaignKeys = ['q4-cloud-savings', 'platform-reliability'];
      const data = createDataset(scale, Date.now(), campaignKeys);
      const { leads, events } = sizesFor(scale);
      process.stderr.write(
        `bench:ingest ${leads} leads, ${events} events, ${connections} connections, batches of ${BATCH}\n`,
      );

      const rows: LeadRow[] = [];
      let nextLead = 0;
      const leadPhase = await load(
        `${server.url}/v1/leads`,
        token,
        () => {
          if (nextLead >= leads) return null;
          const batch = [];
          for (; batch.length < BATCH && nextLead < leads; nextLead++) {
            const row = data.lead(nextLead);
            rows.push(row);
            batch.push(leadInput(row, nextLead));
          }
          return batch;
        },
        'leads',
      );
      process.stderr.write(`leads: ${leadPhase.rows} in ${leadPhase.seconds.toFixed(1)} s\n`);

      let leadIndex = 0;
      let leftForLead = rows[0]?.eventCount ?? 0;
      let sent = 0;
      const eventPhase = await load(
        `${server.url}/v1/engagement/events`,
        token,
        () => {
          const batch = [];
          while (batch.length < BATCH && sent < events) {
            while (leftForLead === 0) {
              leadIndex = (leadIndex + 1) % rows.length;
              leftForLead = Math.max(1, rows[leadIndex]?.eventCount ?? 1);
            }
            const lead = rows[leadIndex] as LeadRow;
            const e = data.event(lead);
            leftForLead--;
            sent++;
            batch.push({
              id: e.id,
              email: lead.email,
              type: e.type,
              occurredAt: new Date(e.occurred_ms).toISOString(),
              ...(e.content_id
                ? {
                    content: {
                      id: e.content_id,
                      title: e.content_title,
                      url: e.content_url,
                      topic: e.content_topic,
                    },
                  }
                : {}),
              ...(e.campaign_key ? { campaign: e.campaign_key } : {}),
            });
          }
          return batch.length > 0 ? batch : null;
        },
        'events',
      );
      const total = leadPhase.seconds + eventPhase.seconds;
      const l = tenths(leadPhase);
      const e = tenths(eventPhase);
      const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
      const engine = values.db ? 'PostgreSQL' : 'SQLite';
      console.log(
        `\nBulk ingest through the public routes (${engine}, ${values.workers} worker(s), ${connections} connections, seed ${BENCH_SEED})`,
      );
      console.log(
        `leads with CRM ids  ${fmt(leadPhase.rows)} in ${leadPhase.seconds.toFixed(0)} s: ${fmt(leadPhase.rows / leadPhase.seconds)} rows/s; first 10% ${fmt(l.first)}/s, last 10% ${fmt(l.last)}/s (last ÷ first ${(l.last / l.first).toFixed(2)}: ${l.last >= FLAT * l.first ? 'flat' : 'FALLS'}, budget ≥ ${FLAT})`,
      );
      console.log(
        `events              ${fmt(eventPhase.rows)} in ${eventPhase.seconds.toFixed(0)} s: ${fmt(eventPhase.rows / eventPhase.seconds)} events/s; first 10% ${fmt(e.first)}/s, last 10% ${fmt(e.last)}/s (last ÷ first ${(e.last / e.first).toFixed(2)}: ${e.last >= FLAT * e.first ? 'flat' : 'FALLS'})`,
      );
      console.log(
        `all                 ${(total / 60).toFixed(1)} min, budget ${(BUDGET_SECONDS / 60).toFixed(1)} min for this scale (10 min at 1M / 20M): ${total <= BUDGET_SECONDS ? 'within' : 'OVER'}`,
      );
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((done) => server.child.once('exit', done));
    }
  } finally {
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
