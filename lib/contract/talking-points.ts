import { z } from 'zod';
import { displayText, Key, LifecycleStage, PlannedInstant, SegmentValue, Timestamp } from './common.ts';
import { EventType } from './events.ts';
import { windowCheck } from './window.ts';

export const TalkingPointStatus = z.enum(['draft', 'live', 'retired']);

/** Audience values and topics are matched against what leads and events carry, so they are cleaned alike. */
const Label = SegmentValue;

export const Audience = z.strictObject({
  personas: z.array(Label).max(20).default([]),
  industries: z.array(Label).max(20).default([]),
  regions: z.array(Label).max(20).default([]),
  lifecycleStages: z.array(LifecycleStage).max(6).default([]),
});
export type Audience = z.infer<typeof Audience>;

export const Triggers = z.strictObject({
  contentIds: z.array(Key).max(50).default([]),
  topics: z.array(Label).max(20).default([]),
  eventTypes: z.array(EventType).max(12).default([]),
});
export type Triggers = z.infer<typeof Triggers>;

/** `POST /v1/talking-points`. Priority 1 (low) to 5 (high). */
export const TalkingPointInput = z
  .strictObject({
    campaign: Key.optional(),
    title: displayText(200),
    body: displayText(2000, { lines: 'many' }),
    status: TalkingPointStatus.default('draft'),
    priority: z.number().int().min(1).max(5).default(3),
    audience: Audience.default({ personas: [], industries: [], regions: [], lifecycleStages: [] }),
    triggers: Triggers.default({ contentIds: [], topics: [], eventTypes: [] }),
    validFrom: PlannedInstant.optional(),
    validTo: PlannedInstant.optional(),
  })
  .superRefine(windowCheck('validFrom', 'validTo'));
export type TalkingPointInput = z.infer<typeof TalkingPointInput>;

export const TalkingPoint = z.object({
  id: z.string(),
  campaign: Key.nullable(),
  title: z.string(),
  body: z.string(),
  status: TalkingPointStatus,
  priority: z.number().int(),
  audience: Audience,
  triggers: Triggers,
  validFrom: Timestamp.nullable(),
  validTo: Timestamp.nullable(),
  version: z.number().int(),
  updatedAt: Timestamp,
  /** Name of the token that created it; set by the server, never by the body. */
  author: z.string().nullable().optional(),
});
export type TalkingPoint = z.infer<typeof TalkingPoint>;

/**
 * `PATCH /v1/talking-points/{id}`: any fields of TalkingPointInput, nothing else; `null` clears
 * `campaign`, `validFrom` or `validTo`. Retire with `{"status":"retired"}`. Send `If-Match: "<version>"`
 * to refuse the edit (412) when someone else changed the point first.
 */
export const TalkingPointPatch = z
  .strictObject({
    campaign: Key.nullable().optional(),
    title: TalkingPointInput.shape.title.optional(),
    body: TalkingPointInput.shape.body.optional(),
    status: TalkingPointStatus.optional(),
    priority: z.number().int().min(1).max(5).optional(),
    audience: Audience.optional(),
    triggers: Triggers.optional(),
    validFrom: PlannedInstant.nullable().optional(),
    validTo: PlannedInstant.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });
export type TalkingPointPatch = z.infer<typeof TalkingPointPatch>;

/** `GET /v1/talking-points?status=&campaign=&cursor=&limit=`: newest created first. */
export const TalkingPointListQuery = z.strictObject({
  status: TalkingPointStatus.optional(),
  campaign: Key.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TalkingPointListQuery = z.infer<typeof TalkingPointListQuery>;

export const TalkingPointPage = z.object({ items: z.array(TalkingPoint), nextCursor: z.string().nullable() });
export type TalkingPointPage = z.infer<typeof TalkingPointPage>;
