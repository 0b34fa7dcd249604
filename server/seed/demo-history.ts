import type { Audience, FeedbackInput, FeedbackTarget, LifecycleStage, Segments } from '../../lib/contract/index.ts';
import type { UsageTable } from '../db/tables.ts';
import { DAY_MS } from '../domain/time.ts';
import type { NewVerdict } from '../store/feedback.ts';
import { segmentsOf } from '../store/feedback.ts';
import type { Stores } from '../store/index.ts';
import { DEMO_REPS, DEMO_STORIES, type DemoRep, type DemoStory } from './demo-data.ts';
import { createRandom, type Random } from './prng.ts';

/** How far back the history goes. */
export const HISTORY_DAYS = 56;
const HOUR_MS = 3_600_000;
/** A use counts for "Moved forward" when the lead advanced within this long after it. */
const MOVE_WINDOW_MS = 14 * DAY_MS;

/** A demo lead as stored: what the history needs to place uses and verdicts consistently. */
export interface HistoryLead {
  id: number;
  emailHash: string;
  segments: Segments;
  campaigns: readonly string[];
  /** Its stage changes, oldest first; the first is when it came to exist for the history. */
  path: readonly { stage: LifecycleStage; at: number }[];
}

/** Who a talking point is for, and when reps could see it. */
export interface HistoryPoint {
  id: string;
  audience: Audience;
  validFrom?: number;
  validTo?: number;
}

export interface DemoHistory {
  usage: UsageTable[];
  verdicts: NewVerdict[];
}

const ORDER: readonly LifecycleStage[] = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'];

function stageAt(lead: HistoryLead, at: number): LifecycleStage | null {
  let stage: LifecycleStage | null = null;
  for (const step of lead.path) if (step.at <= at) stage = step.stage;
  return stage;
}

/** Whether the lead moved to a later stage in (at, at + 14 days]. */
function advancedAfter(lead: HistoryLead, at: number): boolean {
  const from = stageAt(lead, at);
  if (!from) return false;
  return lead.path.some(
    (s) => s.at > at && s.at <= at + MOVE_WINDOW_MS && ORDER.indexOf(s.stage) > ORDER.indexOf(from),
  );
}

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((random.int(0, 15) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const matches = (wanted: readonly string[], value: string | undefined) =>
  wanted.length === 0 || (value !== undefined && wanted.includes(value));

/** Leads a rep would have seen the target for, ignoring the stage (checked at the time of use). */
function audienceOf(story: DemoStory, points: ReadonlyMap<string, HistoryPoint>, leads: readonly HistoryLead[]) {
  if (story.target.kind === 'campaignMessage') return leads.filter((l) => l.campaigns.includes(story.target.id));
  const point = points.get(story.target.id);
  if (!point) throw new Error(`demo story for ${story.target.id}, which is not a demo point`);
  const a = point.audience;
  return leads.filter(
    (l) =>
      matches(a.personas, l.segments.persona) &&
      matches(a.industries, l.segments.industry) &&
      matches(a.regions, l.segments.region),
  );
}

/**
 * When a rep used the target with this lead, as its story wants, or null when this lead cannot tell
 * that story: `forward` a few days before one of its advances, `behind` at a time it then sat still
 * for two weeks, `unclear` any time it was in a stage the target is for.
 */
function timeOfUse(
  random: Random,
  story: DemoStory,
  lead: HistoryLead,
  point: HistoryPoint | undefined,
  from: number,
  now: number,
): number | null {
  const first = lead.path[0];
  if (!first) return null;
  const start = Math.max(from, first.at, point?.validFrom ?? from);
  const end = Math.min(now - 2 * HOUR_MS, point?.validTo ?? now);
  if (end - start < DAY_MS) return null;
  const stages = point?.audience.lifecycleStages ?? [];
  const fits = (at: number) => {
    const stage = stageAt(lead, at);
    return stage !== null && (stages.length === 0 || stages.includes(stage));
  };
  const anyTime = () => start + random.next() * (end - start);
  for (let attempt = 0; attempt < 12; attempt++) {
    let at: number;
    if (story.effect === 'forward' && random.chance(0.85)) {
      const advances = lead.path.slice(1).filter((s) => s.at - DAY_MS > start && s.at <= end);
      const advance = advances.length > 0 ? random.pick(advances) : undefined;
      if (!advance) return null;
      at = advance.at - (0.5 + random.next() * 9.5) * DAY_MS;
      if (at < start) continue;
    } else {
      at = anyTime();
      // A point that leaves leads behind still meets the odd lead that was moving anyway.
      const still = !advancedAfter(lead, at) && at <= now - MOVE_WINDOW_MS;
      if (story.effect === 'behind' && !still && !random.chance(0.1)) continue;
    }
    if (fits(at)) return Math.round(at);
  }
  return null;
}

/** Each lead has one rep who works it, so a rep's uses and verdicts hang together. */
function repOf(lead: HistoryLead): DemoRep {
  const rep = DEMO_REPS[lead.id % DEMO_REPS.length];
  if (!rep) throw new Error('no demo reps');
  return rep;
}

export const demoRepTokenId = (rep: DemoRep) => `tok_demo_${rep.email.split('@')[0]?.replace(/\W/g, '_')}`;

/**
 * Eight weeks of reps using points and campaign messages with the demo leads and saying whether they
 * landed, placed on the leads' own stage paths so "Moved forward" tells each story: the `forward`
 * points were used days before an advance, the `behind` ones before two still weeks, the rest at
 * any time. The same input and seed give the same rows.
 */
export function demoHistory(
  leads: readonly HistoryLead[],
  points: readonly HistoryPoint[],
  now: number,
  seed: number,
): DemoHistory {
  const random = createRandom(seed);
  const from = now - HISTORY_DAYS * DAY_MS;
  const byId = new Map(points.map((p) => [p.id, p]));
  const usage: UsageTable[] = [];
  const verdicts: NewVerdict[] = [];
  for (const story of DEMO_STORIES) {
    const point = story.target.kind === 'talkingPoint' ? byId.get(story.target.id) : undefined;
    let used = 0;
    let reason = 0;
    const notes = { landed: shuffled(random, story.notes.landed), didntLand: shuffled(random, story.notes.didntLand) };
    for (const lead of shuffled(random, audienceOf(story, byId, leads))) {
      if (used >= story.usedLeads) break;
      const at = timeOfUse(random, story, lead, point, from, now);
      if (at === null) continue;
      used++;
      const rep = repOf(lead);
      const uses = story.target.kind === 'campaignMessage' ? 1 : random.int(1, 2);
      for (let u = 0; u < uses; u++) {
        const when = at + u * random.int(5, 90) * 60_000;
        const action = story.target.kind === 'campaignMessage' ? 'opened_cta' : u === 0 ? 'copied' : 'inserted';
        usage.push(usageRow(uuid(random), action, story.target, lead, rep, when, stageAt(lead, when)));
      }
      if (!random.chance(0.5)) continue;
      // An hour to two days after the use, and never after seeding.
      const span = Math.min(48 * HOUR_MS, now - 10 * 60_000 - at);
      const verdictAt = at + span * (0.02 + 0.98 * random.next());
      const landed = random.chance(story.landRate);
      const bank = landed ? notes.landed : notes.didntLand;
      const note = bank.length > 0 && random.chance(0.35) ? bank.shift() : undefined;
      const input: FeedbackInput = {
        id: uuid(random),
        target: story.target,
        verdict: landed ? 'landed' : 'didnt_land',
        ...(landed ? {} : { reason: story.reasons[reason++ % story.reasons.length] ?? 'other' }),
        ...(note ? { note } : {}),
        lead: { emailHash: lead.emailHash },
        occurredAt: new Date(verdictAt).toISOString(),
      };
      verdicts.push({
        input,
        segments: lead.segments,
        repTokenId: demoRepTokenId(rep),
        repName: rep.name,
        now: new Date(verdictAt + random.int(1, 30) * 1000).toISOString(),
      });
    }
  }
  usage.sort((a, b) => a.occurred_ms - b.occurred_ms);
  verdicts.sort((a, b) => Date.parse(a.input.occurredAt) - Date.parse(b.input.occurredAt));
  return { usage, verdicts };
}

function usageRow(
  id: string,
  action: UsageTable['action'],
  target: FeedbackTarget,
  lead: HistoryLead,
  rep: DemoRep,
  at: number,
  stage: LifecycleStage | null,
): UsageTable {
  const occurredAt = new Date(at).toISOString();
  return {
    id,
    action,
    target_kind: target.kind,
    target_id: target.id,
    email_hash: lead.emailHash,
    lead_id: lead.id,
    stage,
    industry: lead.segments.industry ?? null,
    persona: lead.segments.persona ?? null,
    region: lead.segments.region ?? null,
    rep_key: rep.email,
    rep_name: rep.name,
    occurred_at: occurredAt,
    occurred_ms: at,
    received_at: new Date(at + 2000).toISOString(),
    // The use as a client would have sent it.
    input_json: JSON.stringify({
      id,
      action,
      target: { kind: target.kind, id: target.id },
      lead: { emailHash: lead.emailHash },
      occurredAt,
    }),
  };
}

/** The stored demo leads with their stage paths and campaigns, read back for the history. */
async function historyLeads(tx: Stores, emails: readonly string[]): Promise<HistoryLead[]> {
  const rows = await tx.db
    .selectFrom('leads')
    .select(['id', 'email_hash', 'industry', 'persona', 'region'])
    .where('email', 'in', [...emails])
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => r.id);
  const [changes, memberships] = await Promise.all([
    tx.db
      .selectFrom('stage_changes')
      .select(['lead_id', 'to_stage', 'changed_ms'])
      .where('lead_id', 'in', ids)
      .orderBy('lead_id')
      .orderBy('changed_ms')
      .orderBy('id')
      .execute(),
    tx.db.selectFrom('lead_campaigns').select(['lead_id', 'campaign_key']).where('lead_id', 'in', ids).execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    emailHash: r.email_hash,
    segments: segmentsOf(r),
    campaigns: [...new Set(memberships.filter((m) => m.lead_id === r.id).map((m) => m.campaign_key))].sort(),
    path: changes
      .filter((c) => c.lead_id === r.id)
      .map((c) => ({ stage: c.to_stage as LifecycleStage, at: Number(c.changed_ms) })),
  }));
}

/**
 * Writes the history for the demo leads: uses straight into `usage`, verdicts through the feedback
 * store (whose triggers keep the tallies). Skipped when a demo rep's use is already stored, so
 * seeding twice adds nothing. Call inside a transaction, after the leads and their stage history.
 */
export async function seedDemoHistory(
  tx: Stores,
  emails: readonly string[],
  points: readonly HistoryPoint[],
  now: number,
  seed: number,
): Promise<{ usage: number; verdicts: number }> {
  const seeded = await tx.db
    .selectFrom('usage')
    .select('id')
    .where(
      'rep_key',
      'in',
      DEMO_REPS.map((r) => r.email),
    )
    .limit(1)
    .executeTakeFirst();
  if (seeded) return { usage: 0, verdicts: 0 };
  const history = demoHistory(await historyLeads(tx, emails), points, now, seed);
  await tx.feedback.lockForWrites();
  for (let i = 0; i < history.usage.length; i += 200) {
    await tx.db
      .insertInto('usage')
      .values(history.usage.slice(i, i + 200))
      .execute();
  }
  for (let i = 0; i < history.verdicts.length; i += 200) {
    await tx.feedback.insertMany(history.verdicts.slice(i, i + 200));
  }
  return { usage: history.usage.length, verdicts: history.verdicts.length };
}
