import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TalkingPointInput } from '../../lib/contract/index.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { DEMO_CONTENT, DEMO_TITLES } from '../../server/seed/demo-data.ts';
import { createRandom } from '../../server/seed/prng.ts';
import { createStore, type Store } from '../../server/store/index.ts';
import { BENCH_SEED, createDataset, type LeadRow, sizesFor } from './dataset.ts';
import { createProgress } from './progress.ts';

export const DATA_DIR = resolve(import.meta.dirname, '../.data');
/** Rows per transaction: big enough to amortise the commit, small enough to keep memory flat. */
const CHUNK = 200_000;
/** Live talking points in the bench database (demo's plus generated), a busy marketing team's worth. */
const LIVE_POINTS = 100;

export function dbPathFor(scale: number): string {
  return join(DATA_DIR, `coalface-scale-${scale}.db`);
}

export async function addTalkingPoints(store: Store, now: string): Promise<void> {
  const random = createRandom(BENCH_SEED + 1);
  const campaigns = (await store.campaigns.list()).filter((c) => c.status === 'active');
  const live = (await store.talkingPoints.listLive()).length;
  const personas = Object.keys(DEMO_TITLES);
  await store.transaction(async (tx) => {
    for (let i = live; i < LIVE_POINTS; i++) {
      const content = random.pick(DEMO_CONTENT);
      const input = TalkingPointInput.parse({
        campaign: random.pick(campaigns).key,
        title: `Bench point ${i}: follow up on ${content.title}`,
        body: `They engaged with ${content.title}. Ask what prompted it and offer a short call on ${content.topic}.`,
        status: 'live',
        priority: random.int(1, 5),
        audience: { personas: random.chance(0.5) ? [random.pick(personas)] : [] },
        triggers: random.chance(0.5) ? { contentIds: [content.id] } : { topics: [content.topic] },
      });
      await tx.talkingPoints.put(`tp_bench_${i}`, input, 'Bench marketer', now);
    }
  });
}

/** Builds the bench database for `scale` unless it exists; returns its path. Progress goes to stderr. */
export async function ensureBenchDb(scale: number, { now = Date.now() } = {}): Promise<string> {
  const file = dbPathFor(scale);
  if (existsSync(file)) {
    process.stderr.write(`Reusing ${file}\n`);
    return file;
  }
  mkdirSync(dirname(file), { recursive: true });
  const building = `${file}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const store = createStore(await openDatabase({ engine: 'sqlite', file: building }));
  const db = store.database.sqlite;
  if (!db) throw new Error('the bench database is a SQLite file');
  const stamp = new Date(now).toISOString();
  await seedDemo(store, { now: new Date(now) });
  await addTalkingPoints(store, stamp);
  // Bulk load: no journal, no fsync. The file is renamed into place only once complete.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const campaignKeys = (await store.campaigns.list()).filter((c) => c.status === 'active').map((c) => c.key);
  const data = createDataset(scale, now, campaignKeys);
  const insertLead = db.prepare(
    `INSERT INTO leads (email, email_hash, name, company, title, lifecycle_stage, industry, persona, region, created_at, updated_at)
     VALUES (@email, @email_hash, @name, @company, @title, @lifecycle_stage, @industry, @persona, @region, @now, @now)`,
  );
  const insertRef = db.prepare(
    "INSERT INTO lead_crm_refs (lead_id, system, object_type, crm_id, match_id) VALUES (?, 'salesforce', 'Lead', ?, ?)",
  );
  const insertMembership = db.prepare(
    'INSERT OR IGNORE INTO lead_campaigns (lead_id, campaign_key, source) VALUES (?, ?, ?)',
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (id, lead_id, type, occurred_at, occurred_ms, content_id, content_title, content_url,
       content_topic, campaign_key, received_at)
     VALUES (@id, @lead_id, @type, @occurred_at, @occurred_ms, @content_id, @content_title, @content_url,
       @content_topic, @campaign_key, @now)`,
  );
  const progress = createProgress('building', data.events);
  let eventsWritten = 0;
  const writeLead = (lead: LeadRow) => {
    const id = Number(insertLead.run({ ...lead, now: stamp }).lastInsertRowid);
    if (lead.salesforceId) insertRef.run(id, lead.salesforceId, lead.salesforceId);
    for (const key of lead.campaigns) insertMembership.run(id, key, 'lead');
    const touched = new Set<string>();
    for (let j = 0; j < lead.eventCount && eventsWritten < data.events; j++) {
      const e = data.event(lead);
      insertEvent.run({ ...e, lead_id: id, occurred_at: new Date(e.occurred_ms).toISOString(), now: stamp });
      if (e.campaign_key) touched.add(e.campaign_key);
      eventsWritten++;
    }
    for (const key of touched) insertMembership.run(id, key, 'event');
  };
  let i = 0;
  const chunk = db.transaction((until: number) => {
    for (; i < until; i++) writeLead(data.lead(i));
  });
  while (i < data.leads) {
    chunk(Math.min(data.leads, i + Math.max(1000, Math.floor(CHUNK / (data.events / data.leads)))));
    progress.update(eventsWritten);
  }
  progress.done(eventsWritten);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  await store.close();
  renameSync(building, file);
  process.stderr.write(
    `Built ${file}: ${data.leads.toLocaleString('en-US')} leads, ${eventsWritten.toLocaleString('en-US')} events\n`,
  );
  return file;
}

/** `tsx bench/server/build.ts --scale 0.01` builds without benchmarking. */
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const at = process.argv.indexOf('--scale');
  const scale = at >= 0 ? Number(process.argv[at + 1]) : 1;
  const { leads, events } = sizesFor(scale);
  process.stderr.write(`Bench database: ${leads} leads, ${events} events\n`);
  await ensureBenchDb(scale);
}
