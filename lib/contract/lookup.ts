import { z } from 'zod';
import { CampaignMessage } from './campaigns.ts';
import { CrmRef, Email, EmailHash, Key, LifecycleStage, Segments, Timestamp } from './common.ts';
import { Content, EventType } from './events.ts';
import { StageDefinition } from './funnel.ts';

/** One way to name a lead: by address, by the hash of its address, or by a CRM record. */
export const LeadRef = z.union(
  [z.strictObject({ email: Email }), z.strictObject({ emailHash: EmailHash }), z.strictObject({ crmRef: CrmRef })],
  { error: 'must name the lead by exactly one of email, emailHash or crmRef' },
);
export type LeadRef = z.infer<typeof LeadRef>;

export const MAX_LOOKUP = 20;

export const LookupRequest = z.strictObject({
  leads: z.array(LeadRef).min(1).max(MAX_LOOKUP),
});
export type LookupRequest = z.infer<typeof LookupRequest>;

export const LeadProfile = z.object({
  email: Email,
  emailHash: EmailHash,
  name: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  lifecycleStage: LifecycleStage.nullable(),
  segments: Segments,
  crmRefs: z.array(CrmRef),
});
export type LeadProfile = z.infer<typeof LeadProfile>;

export const CurrentCampaign = z.object({
  key: Key,
  name: z.string(),
  endsAt: Timestamp.nullable(),
  message: CampaignMessage,
});
export type CurrentCampaign = z.infer<typeof CurrentCampaign>;

export const TimelineEvent = z.object({
  id: z.string(),
  type: EventType,
  occurredAt: Timestamp,
  content: Content.nullable(),
  campaign: Key.nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** `GET /v1/leads/events?emailHash=&before=&limit=`: more of a lead's timeline, newest first. */
export const TimelinePageQuery = z.strictObject({
  emailHash: EmailHash,
  /** The `nextBefore` of the previous page. */
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const TimelinePage = z.object({
  events: z.array(TimelineEvent),
  nextBefore: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

export const EngagementSummary = z.object({
  totalEvents: z.number().int(),
  /** Recency-weighted: each event counts by its type's weight, halved every 14 days. */
  score: z.number(),
  countsByType: z.partialRecord(EventType, z.number().int()),
  hottestTopics: z.array(z.object({ topic: z.string(), count: z.number().int() })),
  lastTouchAt: Timestamp.nullable(),
  /** The score as it stood 14 days ago, so the sidebar can show which way the lead is heading. */
  previousScore: z.number().optional(),
});
export type EngagementSummary = z.infer<typeof EngagementSummary>;

export const Reason = z.object({
  code: z.enum([
    'content',
    'topic',
    'event_type',
    'campaign',
    'persona',
    'industry',
    'region',
    'stage',
    'priority',
    'feedback',
  ]),
  text: z.string(),
});
export type Reason = z.infer<typeof Reason>;

export const RankedTalkingPoint = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  campaign: Key.nullable(),
  score: z.number(),
  reasons: z.array(Reason),
  /** How it has fared with reps (all segments), when anyone has said. */
  fared: z.object({ landed: z.number().int(), didntLand: z.number().int() }).optional(),
  version: z.number().int().optional(),
});
export type RankedTalkingPoint = z.infer<typeof RankedTalkingPoint>;

export const LeadContext = z.object({
  lead: LeadProfile,
  campaign: CurrentCampaign.nullable(),
  otherCampaigns: z.array(CurrentCampaign),
  engagement: z.object({
    summary: EngagementSummary,
    /** Newest first. */
    timeline: z.array(TimelineEvent),
    hasMore: z.boolean(),
    /** Pass as `before` to `GET /v1/leads/events` for the next page; null when the timeline is whole. */
    nextBefore: z.string().nullable().optional(),
  }),
  talkingPoints: z.array(RankedTalkingPoint),
  /** The funnel's definition of the lead's stage, and whether both teams have signed it. */
  stageDefinition: StageDefinition.optional(),
  etag: z.string(),
  generatedAt: Timestamp,
});
export type LeadContext = z.infer<typeof LeadContext>;

export const LookupResult = z.discriminatedUnion('found', [
  z.object({ ref: LeadRef, found: z.literal(true), context: LeadContext }),
  z.object({ ref: LeadRef, found: z.literal(false) }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

/** Results come in the order of the request's `leads`. */
export const LookupResponse = z.object({ results: z.array(LookupResult) });
export type LookupResponse = z.infer<typeof LookupResponse>;
