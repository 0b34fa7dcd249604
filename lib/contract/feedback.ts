import { z } from 'zod';
import { CampaignStatus } from './campaigns.ts';
import { displayText, EmailHash, Key, PastInstant, Segments, Timestamp } from './common.ts';
import { TalkingPointStatus } from './talking-points.ts';

export const FeedbackReason = z.enum([
  'not_relevant',
  'wrong_persona',
  'outdated',
  'competitor',
  'pricing',
  'tone',
  'other',
]);
export type FeedbackReason = z.infer<typeof FeedbackReason>;

export const Verdict = z.enum(['didnt_land', 'landed']);
export type Verdict = z.infer<typeof Verdict>;

/** A talking point by its id, or a campaign's message by the campaign's key. */
export const FeedbackTarget = z.strictObject({
  kind: z.enum(['talkingPoint', 'campaignMessage']),
  id: z.string().min(1).max(120),
});
export type FeedbackTarget = z.infer<typeof FeedbackTarget>;

/** What a rep's verdict says, wherever it travels: on which target, whether it landed, and if not why. */
export const VerdictFields = {
  target: FeedbackTarget,
  verdict: Verdict,
  reason: FeedbackReason.optional(),
};

/**
 * `POST /v1/feedback`. The id is made by the client and is the idempotency key: the same id again
 * returns the stored verdict; the same id with another body is 422. The rep comes from the token.
 * A "didn't land" verdict needs a reason.
 */
export const FeedbackInput = z
  .strictObject({
    id: z.uuid(),
    ...VerdictFields,
    note: displayText(2000, { lines: 'many', min: 0 }).optional(),
    lead: z.strictObject({ emailHash: EmailHash }),
    occurredAt: PastInstant,
  })
  .refine((f) => f.verdict !== 'didnt_land' || f.reason !== undefined, {
    error: "a didn't-land verdict needs a reason",
    path: ['reason'],
  });
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export const Feedback = z.object({
  id: z.uuid(),
  target: FeedbackTarget,
  verdict: Verdict,
  reason: FeedbackReason.nullable(),
  note: z.string().nullable(),
  lead: z.object({ emailHash: EmailHash, segments: Segments }),
  rep: z.object({ name: z.string() }),
  occurredAt: Timestamp,
  receivedAt: Timestamp,
  /** Set when the rep took the verdict back (`DELETE /v1/feedback/{id}`); withdrawn verdicts count nowhere. */
  withdrawnAt: Timestamp.nullable(),
});
export type Feedback = z.infer<typeof Feedback>;

/** `GET /v1/feedback?cursor=&limit=&targetKind=&targetId=&verdict=`: newest first. */
export const FeedbackPage = z.object({ items: z.array(Feedback), nextCursor: z.string().nullable() });
export type FeedbackPage = z.infer<typeof FeedbackPage>;

export const Tally = z.object({
  landed: z.number().int(),
  didntLand: z.number().int(),
  /** didntLand / (landed + didntLand), or null with no verdicts. */
  didntLandRate: z.number().nullable(),
});
export type Tally = z.infer<typeof Tally>;

/** How often a target was used in the summary's window: uses, distinct reps, distinct leads. */
export const TargetUsage = z.object({
  uses: z.number().int(),
  reps: z.number().int(),
  leads: z.number().int(),
});
export type TargetUsage = z.infer<typeof TargetUsage>;

/** Moved forward follows each lead this many days after the use (docs/funnel.md). */
export const MOVED_FORWARD_DAYS = 14;
/** Fewer leads than this in either group (used, baseline): too few to tell. */
export const MOVED_FORWARD_MIN_LEADS = 20;

const MovedForwardGroup = z.object({
  leads: z.number().int(),
  /** Of them, how many entered a later stage within `days` days. */
  advanced: z.number().int(),
  /** advanced / leads; null with no leads. */
  rate: z.number().nullable(),
});

/**
 * Of the leads a target was used with, how many advanced a stage within `days` days, against leads in
 * the same stage and industry in the same weeks it was not used with (the baseline); docs/funnel.md.
 * `too_few`: either group has fewer than `MOVED_FORWARD_MIN_LEADS` (20) leads, and `difference` and
 * `interval` are null.
 * Otherwise `ahead` / `behind` when the 95% interval of used − baseline is above / below zero.
 */
export const MovedForward = z.object({
  days: z.number().int(),
  used: MovedForwardGroup,
  baseline: MovedForwardGroup,
  /** used.rate − baseline.rate. */
  difference: z.number().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
  verdict: z.enum(['too_few', 'ahead', 'behind', 'no_clear_difference']),
});
export type MovedForward = z.infer<typeof MovedForward>;

export const TargetSummary = z.object({
  target: FeedbackTarget,
  title: z.string(),
  campaign: Key.nullable(),
  /** The point's or the campaign's status now; null when it no longer exists. */
  status: z.union([TalkingPointStatus, CampaignStatus]).nullable(),
  total: Tally,
  reasons: z.partialRecord(FeedbackReason, z.number().int()),
  bySegment: z.array(
    z.object({ dimension: z.enum(['industry', 'persona', 'region']), value: z.string(), tally: Tally }),
  ),
  /** ISO week like `2026-W47`. */
  byWeek: z.array(z.object({ week: z.string(), tally: Tally })),
  usage: TargetUsage,
  movedForward: MovedForward,
});
export type TargetSummary = z.infer<typeof TargetSummary>;

/** `GET /v1/feedback/summary`. */
export const FeedbackSummary = z.object({ targets: z.array(TargetSummary), generatedAt: Timestamp });
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

/** Query of `GET /v1/feedback`. `since` keeps verdicts given at or after it. */
export const FeedbackListQuery = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  targetKind: FeedbackTarget.shape.kind.optional(),
  targetId: FeedbackTarget.shape.id.optional(),
  verdict: Verdict.optional(),
  since: Timestamp.optional(),
});
export type FeedbackListQuery = z.infer<typeof FeedbackListQuery>;

/**
 * Query of `GET /v1/feedback/summary`: verdicts given at or after `since`, on targets of `campaign`.
 * `include=unjudged` adds every live talking point and active campaign with no verdict (zero tallies),
 * so silence shows.
 */
export const FeedbackSummaryQuery = z.strictObject({
  since: Timestamp.optional(),
  campaign: Key.optional(),
  include: z.literal('unjudged').optional(),
});
export type FeedbackSummaryQuery = z.infer<typeof FeedbackSummaryQuery>;
