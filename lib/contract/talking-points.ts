import { z } from 'zod';
import { Key, LifecycleStage, Timestamp } from './common.ts';
import { EventType } from './events.ts';

export const TalkingPointStatus = z.enum(['draft', 'live', 'retired']);

const Label = z.string().trim().min(1).max(80);

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
export const TalkingPointInput = z.strictObject({
  campaign: Key.optional(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(2000),
  status: TalkingPointStatus.default('draft'),
  priority: z.number().int().min(1).max(5).default(3),
  audience: Audience.default({ personas: [], industries: [], regions: [], lifecycleStages: [] }),
  triggers: Triggers.default({ contentIds: [], topics: [], eventTypes: [] }),
  validFrom: Timestamp.optional(),
  validTo: Timestamp.optional(),
});
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
