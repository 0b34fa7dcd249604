import Database from 'better-sqlite3';
import { benchEmail } from './dataset.ts';
import { percentile } from './stats.ts';

const DAY_MS = 86_400_000;

/**
 * The baseline: the same reads a lookup makes (lead, CRM refs, memberships, campaigns, timeline,
 * recent events, counts, last touches, live points, feedback tallies) with prepared statements on
 * the same file, in-process: no HTTP, no zod, no ranking. Rows are serialised, as an answer would be.
 */
export function runRawBaseline(file: string, leads: number, seconds: number) {
  const db = new Database(file, { readonly: true });
  db.pragma('cache_size = -64000');
  const q = {
    lead: db.prepare('SELECT * FROM leads WHERE email = ?'),
    refs: db.prepare(
      'SELECT system, object_type, crm_id FROM lead_crm_refs WHERE lead_id = ? ORDER BY system, object_type, crm_id',
    ),
    member: db.prepare('SELECT DISTINCT campaign_key FROM lead_campaigns WHERE lead_id = ? ORDER BY campaign_key'),
    campaigns: db.prepare('SELECT * FROM campaigns ORDER BY key'),
    timeline: db.prepare(
      'SELECT id, type, occurred_at, content_id, content_title, content_url, content_topic, campaign_key FROM events WHERE lead_id = ? ORDER BY occurred_ms DESC, id DESC LIMIT 51',
    ),
    since: db.prepare(
      'SELECT id, type, occurred_at, content_id, content_title, content_url, content_topic, campaign_key FROM events WHERE lead_id = ? AND occurred_ms >= ? ORDER BY occurred_ms DESC, id DESC LIMIT 1000',
    ),
    counts: db.prepare(
      'SELECT type, count(*) AS n, max(occurred_ms) AS last_ms FROM events WHERE lead_id = ? GROUP BY type',
    ),
    touch: db.prepare(
      'SELECT campaign_key, max(occurred_ms) AS last_ms FROM events WHERE lead_id = ? AND campaign_key IS NOT NULL GROUP BY campaign_key',
    ),
    points: db.prepare("SELECT * FROM talking_points WHERE status = 'live' ORDER BY id"),
    tallies: db.prepare(
      `SELECT target_id, dimension, value, landed, didnt_land FROM feedback_tallies
       WHERE target_kind = 'talkingPoint' AND (landed > 0 OR didnt_land > 0) AND (
         dimension = 'all' OR (dimension = 'industry' AND value = ?) OR (dimension = 'persona' AND value = ?)
         OR (dimension = 'region' AND value = ?))`,
    ),
  };
  const hasTallies = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'feedback_tallies'").get() !== undefined;
  const lookup = (email: string) => {
    const lead = q.lead.get(email) as { id: number; industry: string; persona: string; region: string } | undefined;
    if (!lead) return '{}';
    const since = Date.now() - 104 * DAY_MS;
    return JSON.stringify({
      lead,
      refs: q.refs.all(lead.id),
      member: q.member.all(lead.id),
      campaigns: q.campaigns.all(),
      timeline: q.timeline.all(lead.id),
      recent: q.since.all(lead.id, since),
      counts: q.counts.all(lead.id),
      touch: q.touch.all(lead.id),
      points: q.points.all(),
      tallies: hasTallies ? q.tallies.all(lead.industry, lead.persona, lead.region) : [],
    });
  };
  let seed = 12345;
  const nextLead = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % leads;
  };
  for (let i = 0; i < 200; i++) lookup(benchEmail(nextLead()));
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let bytes = 0;
  while (performance.now() < end) {
    const t = performance.now();
    bytes += lookup(benchEmail(nextLead())).length;
    latencies.push(performance.now() - t);
  }
  db.close();
  return {
    ops: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    avgBytes: bytes / latencies.length,
  };
}
