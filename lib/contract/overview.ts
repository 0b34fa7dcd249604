import { z } from 'zod';
import { Key, Timestamp } from './common.ts';
import { FeedbackReason, FeedbackTarget, Verdict } from './feedback.ts';

/** The fewest verdicts over the last four weeks for a live point to be ranked among the worst-landing. */
export const WORST_LANDING_MIN_VERDICTS = 5;
/** How many of the worst-landing points the overview lists. */
export const WORST_LANDING_SHOWN = 5;
/** A live point no rep copied or inserted in this many days is listed as unused. */
export const UNUSED_DAYS = 14;
/** How many unused points and unread notes the overview lists at most (the totals count them all). */
export const OVERVIEW_LIST_MAX = 20;

/** One ISO week (UTC, Monday 00:00 to the next Monday 00:00) of reps' verdicts, notes and uses. */
export const WeekFigures = z.object({
  /** Like `2026-W49`. */
  week: z.string(),
  /** Monday 00:00 UTC, inclusive. */
  from: Timestamp,
  /** The next Monday 00:00 UTC, exclusive. */
  to: Timestamp,
  verdicts: z.number().int(),
  landed: z.number().int(),
  didntLand: z.number().int(),
  /** landed / verdicts, or null with no verdicts. */
  landedRate: z.number().nullable(),
  /** Times reps copied or inserted a point or opened a campaign's call to action. */
  uses: z.number().int(),
  /** Distinct talking points reps copied or inserted. */
  pointsUsed: z.number().int(),
  /** Distinct reps with at least one use. */
  repsUsing: z.number().int(),
  /** Verdicts that came with a note. */
  newNotes: z.number().int(),
});
export type WeekFigures = z.infer<typeof WeekFigures>;

const PointRef = {
  id: z.string(),
  title: z.string(),
  campaign: Key.nullable(),
};

export const WorstLandingPoint = z.object({
  ...PointRef,
  verdicts: z.number().int(),
  landed: z.number().int(),
  didntLand: z.number().int(),
  landedRate: z.number(),
});
export type WorstLandingPoint = z.infer<typeof WorstLandingPoint>;

export const UnusedPoint = z.object({
  ...PointRef,
  /** When it last went live (null when the endpoint has no record of it). */
  liveSince: Timestamp.nullable(),
});
export type UnusedPoint = z.infer<typeof UnusedPoint>;

/** A rep's note (the note of a verdict) the caller has not read. */
export const UnreadNote = z.object({
  /** The verdict's id. */
  id: z.uuid(),
  target: FeedbackTarget,
  /** The point's title or the campaign's name (the id when it no longer exists). */
  title: z.string(),
  verdict: Verdict,
  reason: FeedbackReason.nullable(),
  note: z.string(),
  rep: z.object({ name: z.string() }),
  occurredAt: Timestamp,
  receivedAt: Timestamp,
});
export type UnreadNote = z.infer<typeof UnreadNote>;

/** `GET /v1/overview`: the console's home page. */
export const Overview = z.object({
  generatedAt: Timestamp,
  thisWeek: WeekFigures,
  lastWeek: WeekFigures,
  worstLanding: z.object({
    /** Verdicts given at or after this count (the last 28 days). */
    since: Timestamp,
    minVerdicts: z.number().int(),
    /** Live points with at least `minVerdicts` verdicts, lowest landed rate first. */
    points: z.array(WorstLandingPoint),
  }),
  unused: z.object({
    /** No rep copied or inserted these live points at or after this. */
    since: Timestamp,
    /** How many live points that is in all. */
    total: z.number().int(),
    /** The longest live first. */
    points: z.array(UnusedPoint),
  }),
  unreadNotes: z.object({
    /** How many notes the caller has not read, in all. */
    total: z.number().int(),
    /** Newest first. */
    items: z.array(UnreadNote),
  }),
});
export type Overview = z.infer<typeof Overview>;

/**
 * `POST /v1/notes/read`: notes the caller has read. `ids`: these notes (opening one's detail);
 * `upTo`: every note received at or before this instant ("Mark all read" sends the overview's
 * `generatedAt`, so a note that came in since stays unread).
 */
export const NotesReadInput = z
  .strictObject({ ids: z.array(z.uuid()).min(1).max(200).optional(), upTo: Timestamp.optional() })
  .refine((b) => (b.ids === undefined) !== (b.upTo === undefined), {
    error: 'must hold either ids (verdict ids) or upTo (an ISO date-time), not both',
  });
export type NotesReadInput = z.infer<typeof NotesReadInput>;

/** What is left unread after marking. */
export const NotesReadResult = z.object({ unread: z.number().int() });
export type NotesReadResult = z.infer<typeof NotesReadResult>;
