import { z } from 'zod';
import { EmailHash, Timestamp } from './common.ts';

/**
 * What a change is about: a talking point, a campaign, or the funnel definition (a new version, or a
 * version both teams have now signed: what the lead's stage chip shows).
 */
export const ChangeKind = z.enum(['talkingPoint', 'campaign', 'funnel']);
export type ChangeKind = z.infer<typeof ChangeKind>;

/**
 * One change a sidebar cares about. `cursor` is a decimal string that only grows; `GET
 * /v1/changes?since=<cursor>` returns what came after it, and the stream (`GET /v1/stream`) sends
 * each change as an SSE event whose `id` is its cursor, so `Last-Event-ID` resumes without a gap.
 */
export const Change = z.object({
  cursor: z.string().regex(/^\d+$/),
  /**
   * One of `ChangeKind`, or a kind a later endpoint added: it still parses (a client refreshes its
   * open sidebars on any change), so a new kind never stops an older client's feed.
   */
  kind: z.union([ChangeKind, z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/)]),
  /** The talking point's id, the campaign's key, or `funnel`. */
  id: z.string(),
  /**
   * `upsert`: created, edited, published or rescheduled (the funnel: a new version, or both teams
   * signed it); `retire`: retired or back to draft.
   */
  op: z.enum(['upsert', 'retire']),
  version: z.number().int(),
  at: Timestamp,
});
export type Change = z.infer<typeof Change>;

/**
 * The event names of `GET /v1/stream`. A `change` carries a `Change` and its cursor as the event id;
 * an `engagement` carries a `LeadEngagement` and no id, so `Last-Event-ID` always names a change.
 */
export const STREAM_EVENT = { change: 'change', engagement: 'engagement' } as const;

/**
 * A lead got something new through a live path: an event stored by `POST /v1/engagement/events` or
 * mapped from a connected source, or its profile from a source. A sidebar showing the lead with
 * this `emailHash` asks for its context again. Live only: a stream that reconnects is not sent what
 * it missed (a cached context is revalidated within 30 s anyway).
 */
export const LeadEngagement = z.object({ emailHash: EmailHash, at: Timestamp });
export type LeadEngagement = z.infer<typeof LeadEngagement>;

export const ChangesPage = z.object({
  changes: z.array(Change),
  /** Pass this as `since` next time (the last change's cursor, or the one given when nothing changed). */
  cursor: z.string().regex(/^\d+$/),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

/** Query of `GET /v1/changes`; without `since` the answer is just the current cursor. */
export const ChangesQuery = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,15}$/, { error: 'must be a cursor from an earlier answer (digits only)' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;
