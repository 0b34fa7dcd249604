import { z } from 'zod';
import { EmailHash, LifecycleStage, PastInstant, Segments, Timestamp } from './common.ts';
import { FeedbackTarget } from './feedback.ts';

/** What a rep did with a target: copied or inserted its text, or opened a campaign's call to action. */
export const UsageAction = z.enum(['copied', 'inserted', 'opened_cta']);
export type UsageAction = z.infer<typeof UsageAction>;

/**
 * `POST /v1/usage`: a rep used a talking point or a campaign's message. Which target, which lead
 * (its hash), when; never any text. The id is made by the client when the rep acts and is the
 * idempotency key, as for a verdict: the same id again returns the stored use; the same id with
 * another body is 422. The rep comes from the token. A call to action is the campaign's, so
 * `opened_cta` names a `campaignMessage` (the campaign's key).
 */
export const UsageInput = z
  .strictObject({
    id: z.uuid(),
    action: UsageAction,
    target: FeedbackTarget,
    lead: z.strictObject({ emailHash: EmailHash }),
    occurredAt: PastInstant,
  })
  .refine((u) => u.action !== 'opened_cta' || u.target.kind === 'campaignMessage', {
    error: "a call to action is a campaign's: opened_cta needs a campaignMessage target",
    path: ['target', 'kind'],
  });
export type UsageInput = z.infer<typeof UsageInput>;

/** A use as stored: with the lead's stage and segments as the endpoint knew them when it arrived (null, {} if not). */
export const Usage = z.object({
  id: z.uuid(),
  action: UsageAction,
  target: FeedbackTarget,
  lead: z.object({ emailHash: EmailHash, stage: LifecycleStage.nullable(), segments: Segments }),
  rep: z.object({ name: z.string() }),
  occurredAt: Timestamp,
  receivedAt: Timestamp,
});
export type Usage = z.infer<typeof Usage>;
