import { existsSync, statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../../server/db/connect.ts';
import { describeDbTarget } from '../../server/db/target.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { createStore } from '../../server/store/index.ts';
import { addTalkingPoints, dbPathFor } from './build.ts';
import { benchEmail, createDataset, type LeadRow, sizesFor } from './dataset.ts';
import { createProgress } from './progress.ts';

/**
 * The PostgreSQL bench database: the same rows as the SQLite one at the same scale (dataset.ts is
 * deterministic for a scale and a build time), in a database of its own on the server named by
 * `--db`. The schema comes from the migrations (`openDatabase`); the generated rows go in with
 * COPY FROM STDIN, a chunk of leads with their CRM refs, memberships and events per transaction,
 * two transactions in flight on two connections. The user trigger on events (event_totals) is off
 * during the load; event_totals is then filled once with migration 4's INSERT … SELECT … GROUP BY.
 * The database comment, written last, records the scale, build time and row counts: a database
 * without it (a build that stopped half-way) or with other figures is dropped and built again.
 */

/** Bytes on disk per event row in PostgreSQL, leads, indexes and event_totals included: 980 MB at --scale 0.1. */
export const PG_BYTES_PER_EVENT = 520;
/** Events per COPY transaction. */
const CHUNK_EVENTS = 200_000;

interface Marker {
  coalfaceBench: 1;
  scale: number;
  now: string;
  leads: number;
  events: number;
}

/** `coalface_bench_scale_0_01` for scale 0.01. */
export function benchDatabaseName(scale: number): string {
  return `coalface_bench_scale_${String(scale).replace(/[^0-9]/g, '_')}`;
}

/** `server` (a postgres:// URL) pointed at `database`, its query string kept. */
export function withDatabase(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** When the SQLite bench database at `scale` was built (its leads' created_at), so both hold the same rows. */
export function sqliteBuildTime(scale: number): number | undefined {
  const file = dbPathFor(scale);
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT created_at FROM leads WHERE email = ?').get(benchEmail(0)) as
      | { created_at: string }
      | undefined;
    return row ? Date.parse(row.created_at) : undefined;
  } finally {
    db.close();
  }
}

async function readMarker(admin: pg.Client, name: string): Promise<{ exists: boolean; marker: Marker | null }> {
  const { rows } = await admin.query<{ comment: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
    [name],
  );
  if (rows.length === 0) return { exists: false, marker: null };
  try {
    const marker = JSON.parse(rows[0]?.comment ?? '') as Marker;
    return { exists: true, marker: marker.coalfaceBench === 1 ? marker : null };
  } catch {
    return { exists: true, marker: null };
  }
}

// COPY's text format: tab-separated, \N for NULL, backslash escapes.
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;
function field(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : v;
}
const row = (values: readonly (string | number | null)[]) => `${values.map(field).join('\t')}\n`;

/** One chunk's rows as COPY text, table by table, in the order the foreign keys need. */
interface Chunk {
  leads: string[];
  refs: string[];
  memberships: string[];
  events: string[];
  eventCount: number;
}

const COPY = {
  leads:
    'COPY leads (id, email, email_hash, name, company, title, lifecycle_stage, industry, persona, region, created_at, updated_at) FROM STDIN',
  refs: 'COPY lead_crm_refs (lead_id, system, object_type, crm_id, match_id) FROM STDIN',
  memberships: 'COPY lead_campaigns (lead_id, campaign_key, source) FROM STDIN',
  events:
    'COPY events (id, lead_id, type, occurred_at, occurred_ms, content_id, content_title, content_url, content_topic, campaign_key, received_at) FROM STDIN',
} as const;

async function copy(client: pg.Client, sql: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  // About 1 MB per write: few enough writes, small enough to stream.
  const pieces: string[] = [];
  for (let i = 0; i < lines.length; i += 5_000) pieces.push(lines.slice(i, i + 5_000).join(''));
  await pipeline(Readable.from(pieces), client.query(copyFrom(sql)));
}

async function loadChunk(client: pg.Client, chunk: Chunk): Promise<void> {
  await client.query('BEGIN');
  try {
    await copy(client, COPY.leads, chunk.leads);
    await copy(client, COPY.refs, chunk.refs);
    await copy(client, COPY.memberships, chunk.memberships);
    await copy(client, COPY.events, chunk.events);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function build(url: string, scale: number, now: number): Promise<{ leads: number; events: number }> {
  const stamp = new Date(now).toISOString();
  // Migrations, then the same demo data and talking points as the SQLite build, through the store.
  const store = createStore(await openDatabase(url));
  try {
    await seedDemo(store, { now: new Date(now) });
    await addTalkingPoints(store, stamp);
  } finally {
    await store.close();
  }
  const clients = [
    new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 }),
    new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 }),
  ];
  for (const c of clients) {
    await c.connect();
    // Losing the last commits in a crash only loses a bench build, which is rebuilt.
    await c.query('SET synchronous_commit = off');
  }
  const [main] = clients as [pg.Client, pg.Client];
  try {
    const campaignKeys = (
      await main.query<{ key: string }>("SELECT key FROM campaigns WHERE status = 'active' ORDER BY key")
    ).rows.map((r) => r.key);
    // Lead ids continue after the demo leads', as SQLite's rowids do.
    const base = Number((await main.query<{ n: string | null }>('SELECT max(id) AS n FROM leads')).rows[0]?.n ?? 0);
    await main.query('ALTER TABLE events DISABLE TRIGGER USER');

    const data = createDataset(scale, now, campaignKeys);
    const progress = createProgress('building (PostgreSQL)', data.events);
    const perChunk = Math.max(1000, Math.floor(CHUNK_EVENTS / (data.events / data.leads)));
    let eventsWritten = 0;
    let eventsLoaded = 0;
    const inFlight: (Promise<void> | undefined)[] = [undefined, undefined];
    const generate = (from: number, until: number): Chunk => {
      const chunk: Chunk = { leads: [], refs: [], memberships: [], events: [], eventCount: 0 };
      for (let i = from; i < until; i++) {
        const lead: LeadRow = data.lead(i);
        const id = base + 1 + i;
        chunk.leads.push(
          row([
            id,
            lead.email,
            lead.email_hash,
            lead.name,
            lead.company,
            lead.title,
            lead.lifecycle_stage,
            lead.industry,
            lead.persona,
            lead.region,
            stamp,
            stamp,
          ]),
        );
        if (lead.salesforceId) chunk.refs.push(row([id, 'salesforce', 'Lead', lead.salesforceId, lead.salesforceId]));
        for (const key of lead.campaigns) chunk.memberships.push(row([id, key, 'lead']));
        const touched = new Set<string>();
        for (let j = 0; j < lead.eventCount && eventsWritten < data.events; j++) {
          const e = data.event(lead);
          chunk.events.push(
            row([
              e.id,
              id,
              e.type,
              new Date(e.occurred_ms).toISOString(),
              e.occurred_ms,
              e.content_id,
              e.content_title,
              e.content_url,
              e.content_topic,
              e.campaign_key,
              stamp,
            ]),
          );
          if (e.campaign_key) touched.add(e.campaign_key);
          eventsWritten++;
        }
        for (const key of touched) chunk.memberships.push(row([id, key, 'event']));
      }
      chunk.eventCount = chunk.events.length;
      return chunk;
    };
    // Chunk k goes to connection k % 2: one is generated while the other is being loaded.
    let k = 0;
    for (let i = 0; i < data.leads; i += perChunk, k++) {
      const chunk = generate(i, Math.min(data.leads, i + perChunk));
      const slot = k % 2;
      await inFlight[slot];
      const loading = loadChunk(clients[slot] as pg.Client, chunk).then(() => {
        eventsLoaded += chunk.eventCount;
        progress.update(eventsLoaded);
      });
      loading.catch(() => {}); // awaited below; this keeps a failure from being reported as unhandled meanwhile
      inFlight[slot] = loading;
    }
    await Promise.all(inFlight);
    progress.done(eventsLoaded);

    await main.query('ALTER TABLE events ENABLE TRIGGER USER');
    process.stderr.write('event_totals, as migration 4 fills it …\n');
    let t = performance.now();
    await main.query("SET work_mem = '256MB'");
    await main.query('BEGIN');
    await main.query('DELETE FROM event_totals');
    await main.query(
      `INSERT INTO event_totals (lead_id, type, campaign_key, n, last_ms)
         SELECT lead_id, type, coalesce(campaign_key, ''), count(*), max(occurred_ms) FROM events
         GROUP BY lead_id, type, coalesce(campaign_key, '')`,
    );
    await main.query('COMMIT');
    process.stderr.write(`  ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
    await main.query("SELECT setval(pg_get_serial_sequence('leads', 'id'), (SELECT max(id) FROM leads))");
    process.stderr.write('VACUUM (ANALYZE) …\n');
    t = performance.now();
    await main.query('VACUUM (ANALYZE)');
    process.stderr.write(`  ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
    return { leads: data.leads, events: eventsWritten };
  } finally {
    for (const c of clients) await c.end().catch(() => {});
  }
}

function checkDisk(admin: pg.Client, events: number): Promise<void> {
  return admin
    .query<{ dir: string }>('SELECT current_setting($1) AS dir', ['data_directory'])
    .then(({ rows }) => rows[0]?.dir ?? '/')
    .catch(() => '/')
    .then((dir) => {
      const fs = statfsSync(existsSync(dir) ? dir : '/');
      const free = fs.bavail * fs.bsize;
      const need = events * PG_BYTES_PER_EVENT;
      process.stderr.write(
        `Disk: ${(free / 1e9).toFixed(1)} GB free under ${dir}; the PostgreSQL database needs ~${(need / 1e9).toFixed(1)} GB.\n`,
      );
      if (free < need * 1.2 + 5e9) {
        throw new Error(
          'not enough disk space for this scale in PostgreSQL (keeping 5 GB free); use a smaller --scale',
        );
      }
    });
}

/**
 * Builds the PostgreSQL bench database for `scale` on `server` (a postgres:// URL; its database is
 * ignored) unless a complete one with the same build time exists; returns its URL. `now` is the
 * build time of the rows: by default the SQLite bench database's, so that both engines hold the
 * same data. Progress goes to stderr.
 */
export async function ensureBenchPostgres(
  server: string,
  scale: number,
  { now = sqliteBuildTime(scale) ?? Date.now() } = {},
): Promise<string> {
  const name = benchDatabaseName(scale);
  const url = withDatabase(server, name);
  const { leads, events } = sizesFor(scale);
  const label = describeDbTarget({ engine: 'postgres', url });
  const stamp = new Date(now).toISOString();
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres'), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const { exists, marker } = await readMarker(admin, name);
    if (marker && marker.scale === scale && marker.now === stamp) {
      process.stderr.write(`Reusing ${label} (${marker.leads} leads, ${marker.events} events, built for ${stamp})\n`);
      return url;
    }
    if (exists) {
      process.stderr.write(
        marker
          ? `${label} holds the rows of another build (${marker.now}, not ${stamp}); rebuilding\n`
          : `${label} is not a complete bench build; rebuilding\n`,
      );
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await checkDisk(admin, events);
    process.stderr.write(`Building ${label}: ${leads} leads, ${events} events, rows as of ${stamp}\n`);
    await admin.query(`CREATE DATABASE ${name}`);
    const started = performance.now();
    const built = await build(url, scale, now);
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await admin.query<{ size: string }>('SELECT pg_size_pretty(pg_database_size($1)) AS size', [name]);
    const done: Marker = { coalfaceBench: 1, scale, now: stamp, leads: built.leads, events: built.events };
    await admin.query(`COMMENT ON DATABASE ${name} IS '${JSON.stringify(done)}'`);
    process.stderr.write(
      `Built ${label}: ${built.leads.toLocaleString('en-US')} leads, ${built.events.toLocaleString('en-US')} events ` +
        `in ${seconds.toFixed(0)} s, ${rows[0]?.size ?? '?'} on disk\n`,
    );
    return url;
  } finally {
    await admin.end();
  }
}

/**
 * `tsx bench/server/build-postgres.ts --db postgres://root@127.0.0.1:5432 --scale 0.01` builds without
 * benchmarking. `--now ISO-TIME` gives the rows' build time (by default the SQLite bench database's):
 * with the time of a SQLite build still under way, both can be built at once.
 */
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, db: { type: 'string' }, now: { type: 'string' } },
  });
  const scale = Number(values.scale);
  const server = values.db ?? process.env.DATABASE_URL;
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (!(scale > 0 && scale <= 1) || !server || !/^postgres(ql)?:\/\//i.test(server) || Number.isNaN(now)) {
    process.stderr.write(
      'Usage: tsx bench/server/build-postgres.ts --db postgres://USER@HOST:PORT [--scale 0.01..1] [--now ISO-TIME]\n',
    );
    process.exit(2);
  }
  await ensureBenchPostgres(server, scale, now === undefined ? {} : { now });
}
